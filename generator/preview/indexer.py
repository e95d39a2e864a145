"""`blog serve --search`: the search index, brought up to date in the background after a good build.

The index rewrites only the blocks whose posts changed (a fraction of a second for one
post), but the first index of a large blog takes seconds, so it never stands between a
save and the reload: requests made while an index is running fold into one more run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.errors import BuildError
from generator.search.docs import SEARCH_STATE, SearchDoc
from generator.search.index import index_site

SETTLE_SECONDS = 0.3  # after a build, before indexing: the reloaded pages are rendered meanwhile


class BackgroundIndexer:
    def __init__(self, output: Path, report: Callable[[str, float], None]) -> None:
        self.output = output
        self.report = report
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self.docs: Callable[[], list[SearchDoc] | None] = lambda: None  # the posts of the last good build
        self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._wanted.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            if not self._wanted.wait(0.2):
                continue
            if self._stopping.wait(SETTLE_SECONDS):  # the browsers' reloads go first
                return
            self._wanted.clear()
            started = time.perf_counter()
            docs = self.docs()
            if docs is None:
                continue
            try:
                report = index_site(self.output, docs, self.output.parent / SEARCH_STATE)
            except BuildError as exc:  # the preview folder went away (the server is stopping) or is full
                if not self._stopping.is_set():
                    self.report(f"search index not updated: {exc.diagnostics[0]}", time.perf_counter() - started)
                continue
            if not self._stopping.is_set() and report.rebuilt:
                self.report("", time.perf_counter() - started)

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
