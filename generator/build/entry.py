"""What `blog build` does: answer from the no-change record when nothing changed, else build.

Kept apart from unchanged.py so that the record, which the pipeline writes, never imports the
pipeline; this module imports it only when there is work.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator

from generator.build.buildinfo import BuildOptions, BuildReport
from generator.build.unchanged import replay, take_walk


def build_or_replay(
    options: BuildOptions, progress: Callable[[str], None] | None = None, hold: list[object] | None = None
) -> BuildReport:
    """What `blog build` does: answer from the record when nothing changed, else build.

    `hold` is passed on to build (see there)."""
    take_walk()  # only the build right after this replay may take its walk
    report = replay(options)
    if report is not None:
        take_walk()
        return report
    from generator.build.pipeline import build  # the whole pipeline, imported only when there is work

    with no_cycle_collection(stays_off=lambda: bool(hold)):
        return build(options, progress=progress, hold=hold)


@contextlib.contextmanager
def no_cycle_collection(stays_off: Callable[[], bool] = lambda: False) -> Iterator[None]:
    """One build, start to end, without Python's cycle collector.

    A build holds every post, page and plan of the site alive until it ends, and the collector
    re-walks all of them again and again as new objects are made: at 10,000 posts that was a
    fifth of a build after one edit (0.7 s). What a build makes it keeps or drops by reference
    count; measured at 10,000 posts, the peak memory of a first build is the same without it.
    blog serve builds under it too (a first preview of 10,000 posts: 1.9 s with it on, 1.4 s
    off), and turns it back on between builds, where a long-lived process needs it.

    `stays_off`: asked at the end; true when the process will end without freeing what the
    build made (the CLI, once the build has held its site). Turned back on, the collector's
    first pass walks every object made since it was turned off: 0.15 s at 10,000 posts, for
    a process about to exit.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on and not stays_off():
            gc.enable()
