"""Starting a pool of worker processes so that a Ctrl-C at that moment prints one line, not a trace.

Ctrl-C in a terminal reaches the whole process group: the build and every worker. A worker that
is still starting up cannot have installed its own quiet handler yet; one made by `spawn`
(Windows, macOS, `BLOG_START_METHOD=spawn`, `blog serve`) is a fresh interpreter whose default
handler raises KeyboardInterrupt in the middle of its imports, and prints "Fatal Python error"
and a traceback under the build's own "Interrupted" line. An ignored signal is the one
disposition a child keeps across exec, and Python leaves an inherited SIG_IGN in place, so the
workers are started with SIGINT ignored and take it up (ignored still) in their initializer.
A closed terminal's SIGHUP is treated the same way, for the workers and for the resource
tracker multiprocessing starts beside a spawned pool: killed by it, the tracker was relaunched
and the workers that replaced it printed tracebacks while the build was cleaning up. The build
holds both signals back (blocked, not lost) for the milliseconds the processes take to start.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

__all__ = ["quiet_worker", "start_pool"]


def start_pool(method: str, workers: int, initializer: Callable[[], None]) -> Pool:
    """A pool of `workers` processes started with `method` ('fork' or 'spawn')."""
    import multiprocessing

    context = multiprocessing.get_context(method)
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        return context.Pool(workers, initializer=initializer)
    held = [signal.SIGINT] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    # Blocked first: Linux keeps a blocked signal pending even while it is ignored, so a Ctrl-C
    # in this moment reaches the build when the mask is restored instead of being lost.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, held) if hasattr(signal, "pthread_sigmask") else None
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in held}
    try:
        return context.Pool(workers, initializer=initializer)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def quiet_worker() -> None:
    """A worker process leaves signals to the build: Ctrl-C and a closed terminal's SIGHUP (sent
    to the whole group) are the main process's to handle, which then ends the pool, and the
    SIGTERM a pool ends its workers with stops them silently instead of raising an exception
    into each one's traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _leave(signum: int, frame: object) -> None:
    """SIGTERM ends a worker at once, after giving back the locks it holds.

    An idle worker waits for its next task holding the task queue's lock, and the pool's
    terminate takes that lock: a worker killed outright kept it, and the build that a SIGTERM
    to its group was stopping waited forever. Unwinding with SystemExit was not enough either:
    a worker waiting for the lock is handed it by the one that unwinds, and its own SystemExit
    then fires inside the lock's `__enter__`, before any `with` can release it (about one group
    SIGTERM in three on two cores). So the handler releases every multiprocessing lock this
    process acquired, whatever line it interrupted, and leaves without running anything else.
    """
    from multiprocessing.synchronize import SemLock

    for thing in gc.get_objects():
        if isinstance(thing, SemLock) and thing._semlock._is_mine():  # type: ignore[attr-defined]
            with contextlib.suppress(ValueError, AssertionError, OSError):  # already free
                thing.release()
    os._exit(0)
