"""The write stage: only the files whose bytes changed since the last build are written.

The manifest (`cache.manifest`) remembers the digest, size and mtime of every file the last
build left in the output folder; a page or static file that would be written with the same
bytes over an untouched file is kept as it is, so a build after one edit writes a few files,
and a fresh folder is staged whole and swapped in (`output`).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
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


class SiteWriter:
    """Write what changed: in place over a site this cache built, else a fresh staged site.

    Begun before the lists, tag pages and feeds are rendered: the pages the workers made
    are written by a few threads while this process renders the rest. Writing is the
    system's work more than Python's (a file and a folder a page), so on two cores it is
    nearly free beside the rendering, which uses one. Nothing reaches the output folder
    before `finish` commits; `abort` takes back what was written.
    """

    def __init__(self, output: Path, cache: BuildCache, reuse: bool, static: dict[str, Path]) -> None:
        self.output = output
        self.cache = cache
        self.previous = cache.manifest if reuse else {}
        self.static = static  # a file in static/ (or a post's asset) wins over a page of the same path
        self.manifest: dict[str, FileState] = {}
        self.jobs: dict[str, Future[os.stat_result]] = {}
        self.writer: Staging | InPlace = InPlace(output) if reuse else Staging(output)
        self.pool = ThreadPoolExecutor(max_workers=WRITE_THREADS)

    def _queue(self, relative: str, digest: str, job: Callable[[], os.stat_result]) -> None:
        """Run `job` unless the file there is the one the last build made from `digest`."""
        old = self.previous.get(relative)
        if old is not None and old.digest == digest and old.matches(self.output / relative):
            self.manifest[relative] = old
            return
        self.manifest[relative] = FileState(digest, 0, 0)
        self.jobs[relative] = self.pool.submit(job)

    def pages(self, files: dict[str, bytes]) -> None:
        """Write these pages now (those already queued are not written twice)."""
        for relative, data in files.items():
            if relative not in self.static and relative not in self.manifest:
                self._queue(relative, content_digest(data), partial(self.writer.write, relative, data))

    def finish(self, files: dict[str, bytes], planned: set[str]) -> tuple[int, list[str], list[str], list[Diagnostic]]:
        """The static files and the rest of the pages written, the old ones removed, and the
        result committed. `files` holds the pages that were rendered; `planned` every page
        of the site (the ones not rendered are unchanged and already on disk)."""
        for relative, source in self.static.items():
            if relative in self.manifest:
                continue
            signature = static_signature(source, source.stat())
            if is_minified(source):
                job = partial(_write_minified, self.writer, relative, source)
                self._queue(relative, f"{signature}|{minifier_versions()}", job)
            else:
                self._queue(relative, signature, partial(self.writer.copy, source, relative))
        self.pages(files)
        for relative in planned:  # not rendered: unchanged, or (blog serve) made when it is asked for
            if relative not in self.manifest and relative not in self.static and relative in self.previous:
                self.manifest[relative] = self.previous[relative]
        for relative in self.previous:
            if relative not in self.manifest:
                self.writer.remove(relative)
        for relative, future in self.jobs.items():  # size and time, to notice later edits by hand
            written = future.result()
            self.manifest[relative] = FileState(self.manifest[relative].digest, written.st_size, written.st_mtime_ns)
        self.pool.shutdown()
        left_behind = self.writer.commit()
        self.cache.manifest = dict(sorted(self.manifest.items()))
        self.cache.output = str(self.output)
        removed = sorted(k for k in self.previous if k not in self.manifest)
        return len(self.static), sorted(self.jobs), removed, left_behind

    def abort(self) -> None:
        """Nothing written stays: the threads are let finish, then their files are taken back."""
        self.pool.shutdown(cancel_futures=True)
        self.writer.abort()


def _write_minified(writer: Staging | InPlace, relative: str, source: Path) -> os.stat_result:
    """On a write thread, like a copy: a warm build that keeps the file never minifies it."""
    return writer.write(relative, minified(source))
