"""`blog serve --search`: the Pagefind index, rebuilt in the background after a good build.

Indexing takes seconds on a large blog, so it never stands between a save and the reload:
requests made while an index is running are folded into one more run afterwards, and
stopping the server stops Pagefind too.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import Diagnostic
from ..search import index_site


class BackgroundIndexer:
    def __init__(self, output: Path, report: Callable[[list[Diagnostic], float], None]) -> None:
        self.output = output
        self.report = report
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._process: subprocess.Popen[str] | None = None
        self._config_name = "site.toml"
        self.prepare: Callable[[], None] = lambda: None  # brings pages rendered on request up to date
        self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
        self._thread.start()

    def request(self, config_name: str) -> None:
        self._config_name = config_name
        self._wanted.set()

    def _started(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        if self._stopping.is_set():
            process.kill()

    def _run(self) -> None:
        while not self._stopping.is_set():
            if not self._wanted.wait(0.2):
                continue
            self._wanted.clear()
            started = time.perf_counter()
            self.prepare()
            problems = index_site(self.output, self._config_name, started=self._started)
            self._process = None
            if not self._stopping.is_set():
                self.report(problems, time.perf_counter() - started)

    def stop(self) -> None:
        """Kill a running Pagefind and wait briefly, so the temporary folder can be removed."""
        self._stopping.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        self._thread.join(timeout=2)
