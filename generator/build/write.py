"""The write stage: only the files whose bytes changed since the last build are written.

The manifest (`cache.manifest`) remembers the digest, size and mtime of every file the last
build left in the output folder; a page or static file that would be written with the same
bytes over an untouched file is kept as it is, so a build after one edit writes a few files,
and a fresh folder is staged whole and swapped in (`output`).
"""

from __future__ import annotations

import hashlib
import os
import threading
import uuid
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
CHUNK = 32  # files a writing thread takes at a time: one hand-over per chunk, not per file


def content_digest(data: bytes) -> str:
    """A file's bytes as the manifest compares them (and the build's fingerprints are made)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# One file to settle: its output path, how to get its digest, and how to write it.
_Work = tuple[str, Callable[[], str], Callable[[], os.stat_result]]


class SiteWriter:
    """Write what changed: in place over a site this cache built, else a fresh staged site.

    Begun before the lists, tag pages and feeds are rendered: the pages the workers made
    are written by a few threads while the rest render. The threads also take the pages'
    digests (hashlib lets go of the interpreter for a page's bytes), so this process only
    hands them chunks: at 10,000 posts, hashing and handing over page by page took it 1.6 s.
    Nothing reaches the output folder before `finish` commits; `abort` takes back what was
    written.
    """

    def __init__(self, output: Path, cache: BuildCache, reuse: bool, static: dict[str, Path]) -> None:
        self.output = output
        self.cache = cache
        self.previous = cache.manifest if reuse else {}
        self.static = static  # a file in static/ (or a post's asset) wins over a page of the same path
        self.queued: set[str] = set()
        self.jobs: list[Future[list[tuple[str, FileState, bool]]]] = []
        if not reuse and output.is_dir() and os.path.ismount(output):
            # A mount point (Docker's -v, a network share) cannot be swapped for a staged folder:
            # it is updated file by file, and what is there and not in the new site is removed.
            self.previous = {relative: _UNKNOWN for relative in _files_in(output)}
            reuse = True
        self.writer: Staging | InPlace = InPlace(output) if reuse else Staging(output)
        self.threads = f"site-writer-{uuid.uuid4().hex[:8]}"  # the names of this pool's threads
        self.pool = ThreadPoolExecutor(max_workers=WRITE_THREADS, thread_name_prefix=self.threads)

    def _submit(self, work: list[_Work]) -> None:
        for start in range(0, len(work), CHUNK):
            self.jobs.append(self.pool.submit(self._settle, work[start : start + CHUNK]))

    def _settle(self, work: list[_Work]) -> list[tuple[str, FileState, bool]]:
        """On a writing thread: each file kept if it is the one the last build made from the
        same digest, else written; with its state, and whether it was written."""
        done: list[tuple[str, FileState, bool]] = []
        for relative, digest_of, write in work:
            digest = digest_of()
            old = self.previous.get(relative)
            if old is not None and old.digest == digest and old.matches(self.output / relative):
                done.append((relative, old, False))
                continue
            written = write()  # size and time, to notice later edits by hand
            done.append((relative, FileState(digest, written.st_size, written.st_mtime_ns), True))
        return done

    def pages(self, files: dict[str, bytes]) -> None:
        """Write these pages now (those already queued are not written twice)."""
        work: list[_Work] = []
        for relative, data in files.items():
            if relative not in self.static and relative not in self.queued:
                self.queued.add(relative)
                work.append((relative, partial(content_digest, data), partial(self.writer.write, relative, data)))
        self._submit(work)

    def finish(
        self, files: dict[str, bytes], planned: set[str], staged: Callable[[Path], None] | None = None
    ) -> tuple[int, list[str], list[str], list[Diagnostic]]:
        """The static files and the rest of the pages written, the old ones removed, and the
        result committed. `files` holds the pages that were rendered; `planned` every page
        of the site (the ones not rendered are unchanged and already on disk). `staged` is
        given the staging folder of a fresh site once its pages are in it, before it is swapped
        in: what else it puts there arrives with them."""
        work: list[_Work] = []
        for relative, source in self.static.items():
            if relative in self.queued:
                continue
            self.queued.add(relative)
            signature = static_signature(source, source.stat())
            if is_minified(source):
                digest = f"{signature}|{minifier_versions()}"
                work.append((relative, partial(str, digest), partial(_write_minified, self.writer, relative, source)))
            else:
                work.append((relative, partial(str, signature), partial(self.writer.copy, source, relative)))
        self._submit(work)
        self.pages(files)
        manifest: dict[str, FileState] = {}
        for relative in planned:  # not rendered: unchanged, or (blog serve) made when it is asked for
            if relative not in self.queued and relative not in self.static and relative in self.previous:
                manifest[relative] = self.previous[relative]
        for relative in self.previous:
            if relative not in self.queued and relative not in manifest:
                self.writer.remove(relative)
        written: list[str] = []
        for job in self.jobs:
            for relative, state, changed in job.result():
                manifest[relative] = state
                if changed:
                    written.append(relative)
        self.pool.shutdown()
        if staged is not None and isinstance(self.writer, Staging):
            staged(self.writer.dir)
        left_behind = self.writer.commit()
        self.cache.manifest = dict(sorted(manifest.items()))
        self.cache.output = str(self.output)
        removed = sorted(k for k in self.previous if k not in manifest)
        return len(self.static), sorted(written), removed, left_behind

    def abort(self) -> None:
        """Nothing written stays: the threads are let finish, then their files are taken back.

        Every thread of the pool is waited for by its name, also one that a Ctrl-C cut short while
        the pool was starting it: it runs, but the pool never learnt of it and its shutdown does
        not wait for it, so it went on writing into the staging folder after it was removed."""
        self.pool.shutdown(cancel_futures=True)
        for thread in threading.enumerate():
            if thread.name.startswith(self.threads) and thread is not threading.current_thread():
                thread.join()
        self.writer.abort()


_UNKNOWN = FileState("", -1, -1)  # a file no build of this cache wrote: never kept as it is


def _files_in(folder: Path) -> list[str]:
    """Every file under `folder`, as output paths ("posts/x/index.html")."""
    found: list[str] = []
    for root, _, names in os.walk(folder):
        relative = os.path.relpath(root, folder).replace(os.sep, "/")
        found += (name if relative == "." else f"{relative}/{name}" for name in names)
    return found


def _write_minified(writer: Staging | InPlace, relative: str, source: Path) -> os.stat_result:
    """On a write thread, like a copy: a warm build that keeps the file never minifies it."""
    return writer.write(relative, minified(source))
