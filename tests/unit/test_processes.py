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


def test_a_pool_whose_idle_workers_got_sigterm_still_terminates(tmp_path: Path) -> None:
    """A SIGTERM to the build's group reaches idle workers waiting for a task with the queue's lock
    held: killed outright they kept it, and the pool's terminate waited for it forever."""
    out = run(
        """
        import os, signal, threading, time
        from generator.processes import start_pool
        from generator.processes import quiet_worker

        def work(x):
            return x

        if __name__ == "__main__":
            pool = start_pool("spawn", 2, quiet_worker)
            pool.map(work, range(4))
            time.sleep(0.5)
            for worker in pool._pool:
                os.kill(worker.pid, signal.SIGTERM)
            time.sleep(0.2)
            ending = threading.Thread(target=pool.terminate, daemon=True)
            ending.start()
            ending.join(20)
            print("hung" if ending.is_alive() else "ended")
            os._exit(0)
        """,
        tmp_path,
    )
    assert out.splitlines()[0] == "ended"
