"""Running a function over a list on every core, so that no signal can leave the build waiting.

This is our own small pool rather than `multiprocessing.Pool`, for how it ends. A Pool's idle
workers wait for a task holding one lock they share, and its terminate takes that lock. A
SIGTERM to the whole group (a CI job cancelled, `timeout`) that killed an idle worker left the
lock held by a dead process, and the build waited for it forever; catching SIGTERM in the
workers to give the lock back only moved the hang, because a signal that lands between a
lock's try and its wait is noticed by Python's handler after the wait has begun. Here each
worker has a pipe of its own and no lock is shared: a worker killed at any moment is seen at
once (its sentinel), and ending is killing.

Starting is the other half. Ctrl-C in a terminal reaches the whole process group: the build and
every worker. A worker made by `spawn` (Windows, macOS, `BLOG_START_METHOD=spawn`, `blog serve`)
is a fresh interpreter whose default handler raises KeyboardInterrupt in the middle of its
imports, and prints "Fatal Python error" and a traceback under the build's own "Interrupted"
line. The signal mask is kept across fork and exec, so the workers are started with SIGINT and
a closed terminal's SIGHUP blocked: held back, until the worker's first step ignores them and
lets them through. The resource tracker multiprocessing starts beside spawned processes keeps
SIGHUP blocked for good (it unblocks only what it ignores): killed by it, it was relaunched and
the workers that replaced it printed tracebacks while the build was cleaning up. Only the
starting thread's mask changes, never a handler, so the build itself still gets a Ctrl-C that
comes in those milliseconds: from another thread at once, or from this one when they end.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from generator.errors import BuildError, error

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

__all__ = [
    "START_METHOD",
    "WorkerLost",
    "can_fork",
    "holding_signals",
    "map_in_workers",
    "quiet_worker",
    "start_method",
    "stop_pending",
    "worker_count",
]

A = TypeVar("A")
R = TypeVar("R")

# How long any wait lasts before looking again. A signal that arrives just before a wait blocks
# is only run by Python after the wait returns; this bounds that delay.
_LOOK_AGAIN_SECONDS = 0.5

# What a worker must not get while it starts: Ctrl-C, and SIGHUP from a closed terminal.
_HELD = [signal.SIGINT] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
# What holding_signals holds: those and SIGTERM, which a worker lets through to end it.
_STOPS = [*_HELD, signal.SIGTERM]


START_METHOD = "BLOG_START_METHOD"


def start_method() -> str:
    """'fork', 'spawn' or '' (the system decides), from BLOG_START_METHOD; anything else is an error.

    BLOG_START_METHOD=spawn lets Linux run what Windows (no fork) and macOS (fork unsafe) run:
    the suite is run once with it. The build checks it first, so a typo stops nothing half way."""
    method = os.environ.get(START_METHOD, "").strip().lower()
    if method not in ("", "fork", "spawn"):
        raise BuildError(
            [error(START_METHOD, None, f"unknown process start method '{method}'", "fork or spawn, or unset")]
        )
    return method


def can_fork() -> bool:
    """Forking copies only the calling thread: with others running (blog serve) it is unsafe. On macOS
    system libraries start threads of their own, so it is spawn there, as Python's own default is."""
    method = start_method()
    if method == "spawn" or not hasattr(os, "fork"):  # what multiprocessing offers "fork" on
        return False
    return threading.active_count() == 1 and (method == "fork" or sys.platform != "darwin")


def worker_count() -> int:
    """The workers a build starts: one a core, up to 16 (past that, sending work costs more than it saves)."""
    return min(os.cpu_count() or 1, 16)


class WorkerLost(RuntimeError):
    """A worker process ended before it returned its work: killed (out of memory, a signal) or crashed."""


def map_in_workers(
    method: str,
    workers: int,
    func: Callable[[A], R],
    items: Sequence[A],
    chunksize: int = 1,
    meanwhile: Callable[[], None] | None = None,
) -> list[R]:
    """`func` over `items` in `workers` processes started with `method` ('fork' or 'spawn'),
    results in order. Items go out `chunksize` at a time to whichever worker is free, so a slow
    chunk does not hold the others back. An exception in `func` is raised here, with the
    worker's traceback as a note; a worker that dies raises WorkerLost. However this ends
    (an answer, an exception, Ctrl-C), every worker has ended when it returns.

    `meanwhile` runs here once every worker has started: work that starts threads (which a
    fork must not copy) and can overlap the workers' own."""
    import multiprocessing

    context = multiprocessing.get_context(method)
    chunks = [list(items[i : i + chunksize]) for i in range(0, len(items), max(1, chunksize))]
    gang: list[tuple[BaseProcess, Connection]] = []
    try:
        with holding_signals():
            if method == "spawn" and os.name == "posix":
                _start_tracker_holding()
            for _ in range(min(workers, len(chunks))):
                mine, theirs = context.Pipe()
                process = context.Process(target=_serve, args=(theirs, func, os.getpid()), daemon=True)
                process.start()
                theirs.close()
                gang.append((process, mine))
        if meanwhile is not None:
            meanwhile()
        done = _deal(gang, chunks)
        for _, connection in gang:
            with contextlib.suppress(OSError):
                connection.send(None)
        for process, _ in gang:
            process.join(_LOOK_AGAIN_SECONDS)
    finally:
        for process, connection in gang:
            if process.is_alive():
                process.kill()
            process.join()
            connection.close()
    return [result for chunk in done for result in chunk]


def _deal(gang: list[tuple[BaseProcess, Connection]], chunks: list[list[Any]]) -> list[list[Any]]:
    """Hand out chunks to free workers until every answer is in."""
    from multiprocessing.connection import wait

    answers: list[list[Any] | None] = [None] * len(chunks)
    waiting = iter(range(len(chunks)))
    busy: dict[int, int] = {}  # worker -> the chunk it has
    for worker in range(len(gang)):
        _give(gang, worker, chunks, waiting, busy)
    owner: dict[object, int] = {}  # a worker's pipe and its sentinel (ready when it ends) -> the worker
    for worker, (process, connection) in enumerate(gang):
        owner[connection] = owner[process.sentinel] = worker
    while busy:
        ready = set(wait([gang[w][1] for w in busy] + [gang[w][0].sentinel for w in busy], _LOOK_AGAIN_SECONDS))
        for worker in sorted({owner[thing] for thing in ready}):
            process, connection = gang[worker]
            if worker in busy and connection.poll() and _answered(connection, answers, busy[worker]):
                del busy[worker]
            if worker in busy:  # readable or ended, and no answer: it died
                _lost(process)
            if process.sentinel not in ready:
                _give(gang, worker, chunks, waiting, busy)
    return [answer for answer in answers if answer is not None]


def _lost(process: BaseProcess) -> NoReturn:
    process.join(_LOOK_AGAIN_SECONDS)
    raise WorkerLost(f"A worker process ended before finishing its work ({_how(process.exitcode)})")


def _how(code: int | None) -> str:
    """An exit code as a person reads it: SIGKILL is most often the system out of memory."""
    if code is None or code >= 0:
        return f"exit code {code}"
    try:
        name = signal.Signals(-code).name
    except ValueError:
        name = f"signal {-code}"
    return (
        f"killed by {name}, which is most often the system running out of memory"
        if name == "SIGKILL"
        else f"killed by {name}"
    )


def _give(
    gang: list[tuple[BaseProcess, Connection]],
    worker: int,
    chunks: list[list[Any]],
    waiting: Iterator[int],
    busy: dict[int, int],
) -> None:
    process, connection = gang[worker]
    number = next(waiting, None)
    if number is not None:
        busy[worker] = number
        try:
            connection.send(chunks[number])
        except OSError:  # it died since it answered
            _lost(process)


def _answered(connection: Connection, answers: list[list[Any] | None], number: int) -> bool:
    """Take a worker's answer; False if it died writing it. Its exception is raised here."""
    try:
        ok, value = connection.recv()
    except (EOFError, OSError):
        return False
    if not ok:
        error, trace = value
        error.add_note(f"in a worker process:\n{trace}")
        raise error
    answers[number] = value
    return True


def _serve(connection: Connection, func: Callable[[Any], Any], parent: int) -> None:
    """A worker: chunks in, answers out, until told to stop or the build is gone."""
    quiet_worker()
    while True:
        while not connection.poll(_LOOK_AGAIN_SECONDS * 2):
            if os.getppid() != parent:  # the build was killed outright: nobody will read an answer
                return
        try:
            chunk = connection.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        try:
            answer: tuple[bool, Any] = (True, [func(item) for item in chunk])
        except BaseException as exc:  # whatever it is, the build reports it
            import traceback  # here, not at the top: with textwrap, 3 ms of every build's start

            answer = (False, (exc, traceback.format_exc()))
        try:
            connection.send(answer)
        except Exception as exc:  # an answer or exception that cannot be pickled
            connection.send((False, (WorkerLost(f"A worker's answer could not be sent back: {exc!r}"), "")))


@contextlib.contextmanager
def holding_signals() -> Iterator[None]:
    """Ctrl-C, SIGHUP and SIGTERM held back from this thread until the end of the block, and from
    processes started inside until they have ignored the first two (quiet_worker).

    Every fork belongs inside: Python runs the callbacks other modules registered for a fork
    (logging's, for one) in this process, and a stop raised in one of them is printed as
    "Exception ignored" and lost (a SIGTERM to the process group was: the build then reported
    its workers killed, exit 1, with that traceback above). So does the making of anything a
    stopped build must take back, up to where its owner holds it (the search index's process
    and folder, the staging folder, the swap of the new site): raised in between, the stop left
    it behind. A stop held here arrives when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no masks, and no signals to hold
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def stop_pending() -> bool:
    """Whether a stop came while holding_signals held it: what was made in the block can be
    undone before the stop is raised."""
    if not hasattr(signal, "sigpending"):
        return False
    return bool(signal.sigpending() & set(_STOPS))


def _start_tracker_holding() -> None:
    """The resource tracker a spawning process needs, started now rather than inside the first
    Process.start(): starting it unblocks SIGINT in this thread when done (it blocks SIGINT and
    SIGTERM for its own start, then unblocks both), so a worker started after it would no longer
    be protected. Blocked again here; SIGHUP, which the tracker leaves alone, stays blocked in
    it for good, so a closed terminal cannot kill it before the build has cleaned up."""
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)


def quiet_worker() -> None:
    """A worker process leaves Ctrl-C and a closed terminal's SIGHUP (sent to the whole group) to
    the build, which then ends the workers; having ignored them it takes them off hold (one that
    came while held is dropped). SIGTERM kills it as the system does, not by a handler it may
    have inherited from the build: a handler runs only between two of Python's steps, and one
    arriving just before a wait would leave the worker waiting."""
    for number in _HELD:
        signal.signal(number, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # SIGTERM too: it was held while the worker started
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
