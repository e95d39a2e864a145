"""A build that finds nothing changed answers from a record of the last one.

At 10,000 posts even a build with nothing to do used to cost two seconds: importing the
pipeline, unpickling the cache index, planning every page and fingerprinting it, only to
learn that no file needs writing. So every successful `blog build` leaves a small record:
the state (size, mtime, ctime, inode) of every file it could have read, the options it
ran with, the output files it left (as its cache manifest knows them) and its report.
When all of that still holds, the next `blog build` prints that report and stops, since
the full build would have written nothing. This module imports nothing heavy, so that
check costs a walk over the folders and one stat per output file.

Correctness comes first, so the record errs towards "changed":
- the inputs are recorded before the build reads them (the config file before it is
  parsed, the folders before posts and templates are read): an edit made while the build
  runs leaves a newer state than the recorded one;
- a file changed within `RACY_NS` of being recorded is also remembered by a hash of its
  bytes, because a second save in the same clock tick can leave size and times equal
  (the code's own files are never trusted that way: they were imported earlier; and
  with more than `RACY_MAX` such files no record is left at all);
- a post dated in the future that the build left out makes the record expire at its date;
- any build that does not leave a record removes the old one before it writes anything;
- with search on, the files the search index checks to find it has nothing to do are
  recorded too (search.files_checked).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build.buildinfo import CACHE_DIR_NAME, BuildOptions, BuildReport
from generator.files import read_regular

RECORD_NAME = "unchanged.pickle"
RECORD_FORMAT = 2
RACY_NS = 2_000_000_000  # coarser than any file system's time stamps (FAT's are 2 s)
RACY_MAX = 256  # files changed within RACY_NS that a record remembers by their bytes
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # our code, theme and fonts: inputs like the site's own
NEVER = "changed while being recorded"  # a state no file can be found in again

# One row per file: its path and (size, mtime_ns, ctime_ns, inode), or a word for a missing one.
FileRow = tuple[str, Any]


def record_file(options: BuildOptions) -> Path:
    """The record lives with the build cache beside site.toml (deleting .cache/ deletes it)."""
    return options.source.resolve() / CACHE_DIR_NAME / RECORD_NAME


def options_key(options: BuildOptions) -> str:
    """Every option that can change what a build writes, with paths made absolute."""
    return repr(
        (
            str(options.source.resolve()),
            str(options.output.resolve()) if options.output else None,
            str(options.config_file.resolve()) if options.config_file else None,
            options.drafts,
            options.future,
            options.base_url,
            options.now.isoformat() if options.now else None,
            options.search_index,
            options.strict,
            options.all_warnings,
            options.search_deferred,
        )
    )


def config_path(options: BuildOptions) -> Path:
    return (options.config_file or options.source / "site.toml").resolve()


def file_state(path: Path) -> tuple[Any, str | None]:
    """A small file by its stat and the hash of its bytes: the config, read before anything else."""
    try:
        info = os.stat(path)
        data = read_regular(path)
    except OSError:
        return "missing", None
    return _stat_row(info), hashlib.blake2b(data, digest_size=16).hexdigest()


def file_states(paths: Iterable[Path]) -> dict[str, Any]:
    """Each path's state, or "missing": a file that appears counts as much as one that goes."""
    states: dict[str, Any] = {}
    for path in paths:
        try:
            states[str(path)] = _stat_row(os.stat(path))
        except OSError:
            states[str(path)] = "missing"
    return states


def _stat_row(info: os.stat_result) -> tuple[int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _walk(folder: Path, skip: frozenset[str]) -> list[FileRow]:
    """Every file below folder (symlinks followed, each real folder once) with its state."""
    rows: list[FileRow] = []
    seen: set[tuple[int, int]] = set()
    try:
        top = os.stat(folder)
    except OSError:
        return [(str(folder), "missing")]
    seen.add((top.st_dev, top.st_ino))
    stack = [str(folder)]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            rows.append((current, "unreadable"))
            continue
        for entry in entries:
            try:
                info = entry.stat()  # follows a symlink: its target's edits count
            except OSError:
                rows.append((entry.path, "broken"))
                continue
            if entry.is_dir():
                if entry.name in skip or (info.st_dev, info.st_ino) in seen:
                    rows.append((entry.path, "folder"))  # a loop: listed, not entered again
                    continue
                seen.add((info.st_dev, info.st_ino))
                stack.append(entry.path)
            else:
                rows.append((entry.path, _stat_row(info)))
    return rows


@dataclass(slots=True)
class InputState:
    """The state of every file under the build's folders, taken in one walk."""

    folders: list[str]
    digest: str
    racy: dict[str, str]  # path -> hash of its bytes (or NEVER) for files changed just now

    @classmethod
    def take(cls, folders: Iterable[Path]) -> InputState | None:
        """None when too many files changed just now (a fresh clone or copy): every replay
        would have to read them all, so the next build runs in full and records instead."""
        names = [str(folder) for folder in folders]
        walked = take_walk()
        if walked is not None and walked.folders == names:  # this process's replay, just now: before any read
            rows, taken = walked.rows, walked.taken
        else:
            taken = time.time_ns()
            rows = _rows(names)
        recent = [
            path for path, state in rows if isinstance(state, tuple) and max(state[1], state[2]) >= taken - RACY_NS
        ]
        if len(recent) > RACY_MAX:
            return None
        package = str(PACKAGE_DIR) + os.sep
        racy = {path: NEVER if path.startswith(package) else _content_hash(path) for path in recent}
        return cls(names, _digest(rows), racy)

    def holds(self) -> bool:
        """The folders are as they were: same files, same states, and racy files the same bytes.

        The walk is kept for `take`: when the answer is no, the build that follows records the
        same folders, and one walk of 10,000 files is 70 ms of a build after one edit.
        """
        taken = time.time_ns()
        rows = _rows(self.folders)
        global _walked
        _walked = Walk(self.folders, rows, taken)
        if _digest(rows) != self.digest:
            return False
        return all(digest != NEVER and _content_hash(path) == digest for path, digest in self.racy.items())


@dataclass(frozen=True, slots=True)
class Walk:
    """The last replay's walk of the input folders, taken once by InputState.take."""

    folders: list[str]
    rows: list[FileRow]
    taken: int  # time.time_ns() before the walk


_walked: Walk | None = None


def take_walk() -> Walk | None:
    global _walked
    walked, _walked = _walked, None
    return walked


def _rows(folders: list[str]) -> list[FileRow]:
    rows: list[FileRow] = []
    for folder in folders:
        skip = frozenset({"__pycache__"}) if Path(folder) == PACKAGE_DIR else frozenset()
        rows += _walk(Path(folder), skip)
    rows.sort()
    return rows


def _digest(rows: list[FileRow]) -> str:
    return hashlib.blake2b(repr(rows).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _content_hash(path: str) -> str:
    try:
        return hashlib.blake2b(read_regular(path), digest_size=16).hexdigest()
    except OSError:  # a named pipe or device included: never opened in a way that could wait
        return NEVER


def watched_folders(content: Path, templates: Path, static: Path, *more: Path) -> list[Path]:
    """What a build reads besides site.toml: the site's folders, `more` (the bibliography folders,
    walked even while missing, so that one copied in later is a change), and our own package."""
    return [content, templates, static, *more, PACKAGE_DIR]


def forget(options: BuildOptions) -> None:
    """A build that may write is under way: the old record no longer describes the output."""
    with contextlib.suppress(OSError):
        record_file(options).unlink(missing_ok=True)


def remember(
    options: BuildOptions,
    config_state: tuple[Any, str | None],
    inputs: InputState,
    outputs: dict[str, tuple[int, int]],
    output: Path,
    due: datetime | None,
    report: BuildReport,
    extra: list[Path],
) -> None:
    """Leave the record of a successful build; failing to write it only costs speed next time.

    `extra` are files outside the manifest whose states a full build checks (the search
    index's, see search.files_checked): a replay needs them as they were.
    """
    path = record_file(options)
    record = {
        "format": RECORD_FORMAT,
        "version": __version__,
        "key": options_key(options),
        "config": config_state,
        "folders": inputs.folders,
        "digest": inputs.digest,
        "racy": inputs.racy,
        "index": _index_state(path.parent),
        "output": str(output),
        "outputs": outputs,
        "extra": file_states(extra),
        "due": due,
        "report": (
            report.posts,
            report.pages,
            report.tags,
            report.static_files,
            report.warnings,
            report.config_name,
            report.migration,
        ),
    }
    temporary = path.with_name(f"{RECORD_NAME}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):  # no record: the next build is a full one
        temporary.unlink(missing_ok=True)


def _index_state(directory: Path) -> Any:
    """The build cache's index: a build that changed the cache changed what the next one does."""
    try:
        return _stat_row(os.stat(directory / "index.pickle"))
    except OSError:
        return "missing"


def replay(options: BuildOptions) -> BuildReport | None:
    """The last build's report if nothing it depends on changed since; None means: build.

    No progress is shown: a terminal's progress line is cleared by the last stage of a
    full build, and the answer comes in a fraction of a second anyway.
    """
    if not options.use_cache or options.on_request:
        return None
    started = time.perf_counter()
    try:
        with open(record_file(options), "rb") as handle:
            record = pickle.load(handle)
        if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
            return None
        return _replay(options, record, started)
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError, ImportError, pickle.UnpicklingError):
        return None  # a damaged or foreign record: build


def _replay(options: BuildOptions, record: dict[str, Any], started: float) -> BuildReport | None:
    if record["version"] != __version__:
        return None
    if record["key"] != options_key(options):
        return None
    now = options.now or datetime.now(UTC)
    if record["due"] is not None and now >= record["due"]:
        return None  # a post dated in the future is due now
    if file_state(config_path(options)) != record["config"]:
        return None
    inputs = InputState(record["folders"], record["digest"], record["racy"])
    if not inputs.holds() or _index_state(record_file(options).parent) != record["index"]:
        return None
    if file_states([Path(name) for name in record["extra"]]) != record["extra"]:
        return None
    output = Path(record["output"])
    prefix = str(output) + os.sep  # plain strings: pathlib would cost 0.1 s at 12,000 files
    for relative, (size, mtime_ns) in record["outputs"].items():
        try:
            info = os.stat(prefix + relative)
        except OSError:
            return None
        if info.st_size != size or info.st_mtime_ns != mtime_ns:
            return None  # changed or removed by hand: the full build puts it back
    posts, pages, tags, static_files, warnings, config_name, migration = record["report"]
    seconds = time.perf_counter() - started
    return BuildReport(
        output=output,
        posts=posts,
        pages=pages,
        tags=tags,
        static_files=static_files,
        seconds=seconds,
        warnings=list(warnings),
        stages={"unchanged": seconds},
        cache_hits=posts,
        config_name=config_name,
        migration=migration,
    )
