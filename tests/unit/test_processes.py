"""The build's worker processes: answers in order, errors raised, and no way for a signal to leave it waiting."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.processes import WorkerLost, map_in_workers

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

METHODS = ["fork", "spawn"]


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


def _square(x: int) -> int:
    return x * x


def _fail_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError(f"no {x}")
    return x


def _die_on_five(x: int) -> int:
    if x == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("chunksize", [1, 3, 50])
def test_answers_come_back_in_the_order_of_the_items(method: str, chunksize: int) -> None:
    assert map_in_workers(method, 2, _square, list(range(23)), chunksize) == [x * x for x in range(23)]


def test_more_workers_than_items_and_no_items_at_all() -> None:
    assert map_in_workers("fork", 4, _square, [3]) == [9]
    assert map_in_workers("fork", 2, _square, []) == []


@pytest.mark.parametrize("method", METHODS)
def test_an_exception_in_a_worker_is_raised_here_with_its_trace(method: str) -> None:
    with pytest.raises(ValueError, match="no 7") as raised:
        map_in_workers(method, 2, _fail_on_seven, list(range(12)))
    assert any("_fail_on_seven" in note for note in raised.value.__notes__)


@pytest.mark.parametrize("method", METHODS)
def test_a_worker_that_dies_is_an_error_not_a_wait(method: str) -> None:
    with pytest.raises(WorkerLost, match="killed by SIGKILL, which is most often the system running out of memory"):
        map_in_workers(method, 2, _die_on_five, list(range(12)))


def test_no_worker_is_left_behind_however_the_map_ends(tmp_path: Path) -> None:
    """A Ctrl-C in the middle of the work: the build gets it, and every worker is gone after."""
    out = run(
        """
        import multiprocessing, os, signal, time
        from generator.processes import map_in_workers

        def slow(x):
            if x == 0:
                os.kill(os.getppid(), signal.SIGINT)
            time.sleep(0.2)
            return x

        if __name__ == "__main__":
            try:
                map_in_workers("fork", 2, slow, list(range(40)))
                print("finished")
            except KeyboardInterrupt:
                print("interrupted", len(multiprocessing.active_children()))
        """,
        tmp_path,
    )
    assert out == "interrupted 0"


def test_a_sigterm_to_the_whole_group_ends_the_map_at_once(tmp_path: Path) -> None:
    """Idle and busy workers and the build all get it; the build's handler raises, nothing waits.
    With multiprocessing's Pool this hung: a killed idle worker kept the task queue's lock."""
    out = run(
        """
        import os, signal, sys, time
        from generator.processes import map_in_workers

        class Stopped(Exception):
            pass

        def stop(*_):
            raise Stopped

        def work(x):
            if x == 30:
                os.killpg(0, signal.SIGTERM)
            time.sleep(0.01)
            return x

        if __name__ == "__main__":
            os.setpgrp()
            signal.signal(signal.SIGTERM, stop)
            for attempt in range(10):
                started = time.perf_counter()
                try:
                    map_in_workers("fork", 2, work, list(range(60)))
                except Stopped:
                    pass
                assert time.perf_counter() - started < 5, "waited"
            print("ended")
        """,
        tmp_path,
    )
    assert out == "ended"


@pytest.mark.parametrize("method", METHODS)
def test_a_ctrl_c_while_a_worker_starts_does_not_reach_it(tmp_path: Path, method: str) -> None:
    """The worker sends itself SIGINT and SIGHUP before its first step (a spawned one in the middle
    of importing the build's modules): held back, then dropped, and the work still comes back."""
    out = run(
        f"""
        import os, signal
        from generator.processes import map_in_workers

        if __name__ != "__main__":  # a spawned worker importing this module
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGHUP)

        def square(x):
            return x * x

        def held_at_start(x):
            return x

        if __name__ == "__main__":
            import generator.processes as processes
            quiet = processes.quiet_worker

            def early():  # a fork worker's first step, with the two signals arriving just before
                os.kill(os.getpid(), signal.SIGINT)
                os.kill(os.getpid(), signal.SIGHUP)
                quiet()

            processes.quiet_worker = early
            print(map_in_workers("{method}", 2, square, [1, 2, 3]))
            print(signal.getsignal(signal.SIGINT).__name__, signal.pthread_sigmask(signal.SIG_BLOCK, []))
        """,
        tmp_path,
    )
    assert out.splitlines() == ["[1, 4, 9]", "default_int_handler set()"]


@pytest.mark.parametrize("other_thread", [False, True])
def test_ctrl_c_while_workers_start_reaches_the_build(tmp_path: Path, other_thread: bool) -> None:
    """Not lost: held back from this thread until the workers are started, or taken by the build
    at once when another thread of it (a writer, a server) is free to receive it. In a process of
    its own: the test run's may have threads left, and SIGINT ignored (a background job under CI)."""
    out = run(
        f"""
        import os, signal, threading, time
        from generator.processes import holding_signals

        got = []
        signal.signal(signal.SIGINT, lambda *_: got.append("interrupted"))
        stop = threading.Event()
        if {other_thread}:
            threading.Thread(target=stop.wait).start()
        with holding_signals():
            os.kill(os.getpid(), signal.SIGINT)  # the moment the workers are being made
            time.sleep(0.05)
            got.append("workers made")
        time.sleep(0.05)
        stop.set()
        print(got)
        """,
        tmp_path,
    )
    if other_thread:
        assert sorted(ast.literal_eval(out)) == ["interrupted", "workers made"]
    else:
        assert out == "['workers made', 'interrupted']"
