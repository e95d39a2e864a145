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

import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

__all__ = ["start_pool"]


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
