"""A pool started while Ctrl-C arrives: the workers start with it ignored, and the build still gets it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def run(script: str, folder: Path) -> str:
    """The script as a file: a spawned worker imports its functions from the main module's file."""
    (folder / "script.py").write_text(textwrap.dedent(script), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(folder / "script.py")],
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_spawned_worker_starts_with_ctrl_c_ignored_before_its_initializer_runs(tmp_path: Path) -> None:
    out = run(
        """
        import signal
        from generator.processes import start_pool

        def initializer():
            global FIRST
            FIRST = signal.getsignal(signal.SIGINT)

        def first(_):
            return str(int(FIRST))

        if __name__ == "__main__":
            with start_pool("spawn", 1, initializer) as pool:
                print(pool.map(first, [0])[0])
            print(signal.getsignal(signal.SIGINT).__name__)
        """,
        tmp_path,
    )
    assert out.splitlines() == [str(int(signal.SIG_IGN)), "default_int_handler"]


def test_ctrl_c_during_the_start_is_delivered_after_it_not_lost(tmp_path: Path) -> None:
    out = run(
        """
        import multiprocessing, os, signal
        from generator.processes import start_pool

        got = []
        signal.signal(signal.SIGINT, lambda *_: got.append("interrupted"))

        class Context:
            def Pool(self, workers, initializer):
                os.kill(os.getpid(), signal.SIGINT)  # the moment the workers are being made
                got.append("pool made")
                return "pool"

        multiprocessing.get_context = lambda method: Context()
        print(start_pool("spawn", 1, lambda: None), got)
        """,
        tmp_path,
    )
    assert out == "pool ['pool made', 'interrupted']"
