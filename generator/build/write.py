"""The write stage: only the files whose bytes changed since the last build are written.

The manifest (`cache.manifest`) remembers the digest, size and mtime of every file the last
build left in the output folder; a page or static file that would be written with the same
bytes over an untouched file is kept as it is, so a build after one edit writes a few files,
and a fresh folder is staged whole and swapped in (`output`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from generator.build.cache import BuildCache, FileState
from generator.build.live.static import static_signature
from generator.build.output import InPlace, Staging
from generator.build.theme_assets import is_minified, minified, minifier_versions
from generator.errors import Diagnostic

WRITE_THREADS = 8


def content_digest(data: bytes) -> str:
    """A file's bytes as the manifest compares them (and the build's fingerprints are made)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def write_site(
    output: Path,
    files: dict[str, bytes],
    planned: set[str],
    static: dict[str, Path],
    assets: dict[str, Path],
    cache: BuildCache,
    reuse: bool,
) -> tuple[int, list[str], list[str], list[Diagnostic]]:
    """Write what changed: in place over a site this cache built, else a fresh staged site.

    `files` holds the pages that were rendered; `planned` every page of the site (the
    ones not rendered are unchanged and already on disk). Writes run on a few threads:
    they wait on the disk, not on Python.
    """
    previous = cache.manifest if reuse else {}
    manifest: dict[str, FileState] = {}
    jobs: list[Callable[[], None]] = []
    touched: set[str] = set()
    writer: Staging | InPlace = InPlace(output) if reuse else Staging(output)

    def queue(relative: str, digest: str, job: Callable[[], None]) -> None:
        """Run `job` unless the file there is the one the last build made from `digest`."""
        old = previous.get(relative)
        if old is not None and old.digest == digest and old.matches(output / relative):
            manifest[relative] = old
            return
        manifest[relative] = FileState(digest, 0, 0)
        touched.add(relative)
        jobs.append(job)

    try:
        static = {**assets, **static}  # a file in static/ wins over a post's asset of the same path
        for relative, source in static.items():  # a static file wins over a generated one of the same name
            signature = static_signature(source, source.stat())
            if is_minified(source):
                queue(
                    relative, f"{signature}|{minifier_versions()}", partial(_write_minified, writer, relative, source)
                )
            else:
                queue(relative, signature, partial(writer.copy, source, relative))
        for relative in sorted(planned | set(files)):
            if relative in static:
                continue
            if relative not in files:  # unchanged page: keep what is there
                manifest[relative] = previous[relative]
                continue
            data = files[relative]
            queue(relative, content_digest(data), partial(writer.write, relative, data))
        for relative in previous:
            if relative not in manifest:
                writer.remove(relative)
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            for future in [pool.submit(job) for job in jobs]:
                future.result()
        left_behind = writer.commit()
    except BaseException:
        writer.abort()
        raise
    for relative in touched:  # remember size and mtime, to notice later edits by hand
        stat = (output / relative).stat()
        manifest[relative] = FileState(manifest[relative].digest, stat.st_size, stat.st_mtime_ns)
    cache.manifest = manifest
    cache.output = str(output)
    changed = sorted(touched)
    removed = sorted(k for k in previous if k not in manifest)
    return len(static), changed, removed, left_behind


def _write_minified(writer: Staging | InPlace, relative: str, source: Path) -> None:
    """On a write thread, like a copy: a warm build that keeps the file never minifies it."""
    writer.write(relative, minified(source))
