"""Noticing that the site's sources changed, once per save rather than once per event.

An editor's save is a burst: write a temp file, rename it, chmod, touch a swap file. The
watcher keeps only events that can change the site, and a debouncer waits until the burst
is quiet so the burst costs one rebuild.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

QUIET_SECONDS = 0.1
SETTLED_SECONDS = 0.025  # after a file was closed for writing or renamed into place, the save is done
MAX_WAIT_SECONDS = 1.0

# Opening and reading a file is not a change; the build itself reads every source.
_FILE_EVENTS = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}
# A directory "modified" event only echoes a change to a file inside it, which arrives on its own.
_DIR_EVENTS = {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED}
# Asked of the OS up front: without it inotify reports every file the build opens and reads,
# and watchdog's thread would compete with the build for the interpreter on every rebuild.
WATCHED_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
_SETTLING_EVENTS = {EVENT_TYPE_CLOSED, EVENT_TYPE_MOVED}

_EDITOR_SUFFIXES = (".swp", ".swo", ".swx", ".swpx", "~", ".tmp", "___jb_tmp___", "___jb_old___")
_EDITOR_NAMES = {"4913", ".DS_Store", "Thumbs.db"}
_PUBLISHED_HIDDEN = {".well-known", ".nojekyll"}  # hidden names the build publishes anyway


def is_editor_file(name: str) -> bool:
    """Swap, backup and lock files that editors write beside the file being saved."""
    return (
        name in _EDITOR_NAMES
        or name.endswith(_EDITOR_SUFFIXES)
        or name.startswith(".#")
        or (len(name) > 1 and name.startswith("#") and name.endswith("#"))
    )


def is_ignored(path: PurePath, site: PurePath, output: PurePath | None = None) -> bool:
    """Whether a change to path cannot change the site.

    Hidden folders and files below the site folder are skipped as the build skips them;
    the output folder is skipped so that writing the site never triggers another build.
    """
    if output is not None and (path == output or output in path.parents):
        return True
    if is_editor_file(path.name):
        return True
    try:
        parts = path.relative_to(site).parts
    except ValueError:
        parts = (path.name,)
    return any(part.startswith(".") and part not in _PUBLISHED_HIDDEN for part in parts)


@dataclass(frozen=True, slots=True)
class WatchSet:
    """What to watch: folders recursively, single files (site.toml), and what to ignore."""

    site: Path
    folders: tuple[Path, ...]
    files: tuple[Path, ...] = ()
    output: Path | None = None

    def is_relevant(self, path: Path) -> bool:
        if is_ignored(path, self.site, self.output):
            return False
        if path in self.files or path in self.folders:
            return True  # includes a watched folder itself being created or removed
        return any(folder in path.parents for folder in self.folders)

    def parents(self) -> set[Path]:
        """Folders watched non-recursively: where site.toml lives and where the folders may appear."""
        candidates = {f.parent for f in self.files} | {f.parent for f in self.folders}
        return {p for p in candidates if not any(p == f or f in p.parents for f in self.folders)}


def event_paths(event: FileSystemEvent) -> list[str]:
    """The paths an event may have changed, destination first; empty for events that change nothing."""
    allowed = _DIR_EVENTS if event.is_directory else _FILE_EVENTS
    if event.event_type not in allowed:
        return []
    paths = [getattr(event, "dest_path", ""), event.src_path]
    return [p if isinstance(p, str) else p.decode() for p in paths if p]


def settles(event: FileSystemEvent) -> bool:
    """Whether the event usually ends a save: the file was closed after writing, or renamed into place."""
    return not event.is_directory and event.event_type in _SETTLING_EVENTS


@dataclass(slots=True)
class Debouncer:
    """Groups events into batches: a batch is due when quiet for a while, or after `max_wait`.

    The quiet window is short (`settled`) when the last event ended a save (close after
    write, rename into place) and longer (`quiet`) after events that usually come in the
    middle of one. Pure bookkeeping over a clock passed in, so it can be tested without
    sleeping; the upper bound keeps a file written continuously from postponing rebuilds forever.
    """

    quiet: float = QUIET_SECONDS
    max_wait: float = MAX_WAIT_SECONDS
    settled: float = SETTLED_SECONDS
    _paths: set[str] = field(default_factory=set)
    _first: float | None = None
    _last: float | None = None
    _window: float = QUIET_SECONDS

    def add(self, path: str, now: float, settles: bool = False) -> None:
        self._paths.add(path)
        if self._first is None:
            self._first = now
        self._last = now
        self._window = self.settled if settles else self.quiet

    def deadline(self) -> float | None:
        if self._first is None or self._last is None:
            return None
        return min(self._last + self._window, self._first + self.max_wait)

    def take(self, now: float) -> frozenset[str] | None:
        """The batch if it is due, else None."""
        due = self.deadline()
        if due is None or now < due:
            return None
        batch = frozenset(self._paths)
        self._paths.clear()
        self._first = self._last = None
        return batch


class ChangeQueue:
    """A thread-safe Debouncer: watchdog's thread adds, the rebuild loop waits."""

    def __init__(
        self, quiet: float = QUIET_SECONDS, max_wait: float = MAX_WAIT_SECONDS, settled: float = SETTLED_SECONDS
    ) -> None:
        self._debouncer = Debouncer(quiet, max_wait, settled)
        self._changed = threading.Condition()

    def add(self, paths: Iterable[str], settles: bool = False) -> None:
        with self._changed:
            now = time.monotonic()
            for path in paths:
                self._debouncer.add(path, now, settles)
            self._changed.notify_all()

    def wait(self, timeout: float) -> frozenset[str] | None:
        """Wait up to timeout for a due batch; short timeouts keep Ctrl-C responsive."""
        end = time.monotonic() + timeout
        with self._changed:
            while True:
                now = time.monotonic()
                batch = self._debouncer.take(now)
                if batch is not None or now >= end:
                    return batch
                due = self._debouncer.deadline()
                self._changed.wait(min(end, due if due is not None else end) - now)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._watcher.notice(event_paths(event), settles(event))


class Watcher:
    """Watchdog observers over the site's folders, kept in step with site.toml's [paths]."""

    def __init__(self, on_change: Callable[[list[str], bool], None]) -> None:
        self._on_change = on_change
        self._observer: BaseObserver = Observer()
        self._handler = _Handler(self)
        self._watches: dict[tuple[Path, bool], ObservedWatch] = {}
        self._set: WatchSet | None = None
        self._lock = threading.Lock()

    def notice(self, paths: list[str], settles: bool = False) -> None:
        with self._lock:
            watch_set = self._set
        if watch_set is None:
            return
        relevant = [p for p in paths if watch_set.is_relevant(Path(p))]
        if relevant:
            self._on_change(relevant[:1], settles)  # a move's destination names the change, not the temp file

    def update(self, watch_set: WatchSet) -> None:
        """Watch what exists now; called after every build, since a folder may have appeared."""
        with self._lock:
            self._set = watch_set
        wanted = {(f, True) for f in watch_set.folders if f.is_dir()}
        wanted |= {(p, False) for p in watch_set.parents() if p.is_dir()}
        for key in set(self._watches) - wanted:
            self._unschedule(key)
        for key in wanted - set(self._watches):
            self._schedule(key)

    def _schedule(self, key: tuple[Path, bool]) -> None:
        folder, recursive = key
        try:
            self._watches[key] = self._observer.schedule(
                self._handler, str(folder), recursive=recursive, event_filter=WATCHED_EVENTS
            )
        except OSError as exc:  # e.g. the inotify watch limit
            print(f"Cannot watch {folder}: {exc.strerror or exc}", flush=True)

    def _unschedule(self, key: tuple[Path, bool]) -> None:
        watch = self._watches.pop(key)
        with contextlib.suppress(KeyError, OSError):
            self._observer.unschedule(watch)

    def start(self) -> None:
        self._observer.daemon = True
        self._observer.start()

    def stop(self, timeout: float = 1.0) -> None:
        self._observer.stop()
        self._observer.join(timeout)
