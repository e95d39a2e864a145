"""Writing the site so that a failed build never costs the user their last good one.

Everything is written into a staging folder beside the output folder; only when the
whole build succeeded is the old folder swapped out for it. A build that fails at any
point, even by Ctrl-C, removes its staging folder and leaves public/ untouched.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import threading
import uuid
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from generator.content.fsaccess import list_files
from generator.errors import BuildError, Diagnostic, error, warning
from generator.files import open_regular
from generator.processes import holding_signals, stop_pending

CLEAN_EXPECTED = "remove it, or run blog build --no-cache once to write the output folder afresh"
COPY_CHUNK = 1024 * 1024  # bytes per read when copying a static file


def check_output_dir(output: Path, protected: dict[str, Path]) -> list[Diagnostic]:
    """Refuse output folders whose replacement would destroy the user's sources."""
    problems: list[Diagnostic] = []
    out = output.resolve()
    if out.exists() and not out.is_dir():
        problems.append(
            error(str(output), None, "output path exists and is a file", "a folder (or a path that does not exist yet)")
        )
        return problems
    for name, folder in protected.items():
        folder = folder.resolve()
        if out == folder or out in folder.parents:
            problems.append(
                error(
                    str(output),
                    None,
                    f"output folder would replace the {name} folder {folder}",
                    "an output folder of its own, such as public/",
                )
            )
        elif name != "site" and folder in out.parents:
            problems.append(
                error(
                    str(output),
                    None,
                    f"output folder is inside the {name} folder {folder}",
                    "an output folder outside content/, templates/ and static/",
                )
            )
    if not problems and out.is_dir() and any(out.iterdir()) and not (out / "index.html").exists():
        problems.append(
            error(
                str(output),
                None,
                "output folder is not empty and does not look like a built site",
                "an empty folder or one made by blog build (with index.html)",
            )
        )
    return problems


def list_tree(source: Path, site_root: Path) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Static files to publish, by output path (hidden files skipped, .nojekyll and .well-known/ kept)."""
    return list_files(
        source,
        site_root,
        keep_dir=lambda folder: not folder.name.startswith(".") or folder.name == ".well-known",
        keep_file=lambda name: not name.startswith(".") or name == ".nojekyll",
    )


def inside(folder: Path, relative: PurePosixPath | str) -> Path:
    """`relative` under `folder`, checked lexically (resolving would cost a syscall per part)."""
    parts = PurePosixPath(str(relative)).parts
    if not parts or parts[0] == "/" or any(p in ("..", ".", "") or "\\" in p or "\0" in p for p in parts):
        raise BuildError(
            [error(str(relative), None, "page would be written outside the output folder", "a URL inside the site")]
        )
    return folder.joinpath(*parts)


def put(
    target: Path, data: bytes | None = None, source: Path | None = None, shown: Path | None = None
) -> os.stat_result:
    """Write bytes, or copy a file, to `target`; a failure becomes a message naming the file (or `shown`).

    Returns the written file's stat, taken from the open file once everything is flushed (a
    rename keeps it): the manifest's size and time, without looking the path up again."""
    reading = None
    try:
        if source is not None:
            reading = _open_source(source)  # a pipe is refused, not waited on
            with reading, open(target, "wb") as writing:
                while chunk := _read(reading, source):
                    writing.write(chunk)
                writing.flush()
                return os.fstat(writing.fileno())
        with open(target, "wb") as handle:
            handle.write(data or b"")
            handle.flush()
            return os.fstat(handle.fileno())
    except OSError as exc:  # writing the target: the source was read, so the disk or folder is at fault
        with contextlib.suppress(OSError):  # the target's folder may be what failed
            target.unlink(missing_ok=True)
        problem = error(
            shown or target, None, f"cannot write file: {exc.strerror}", "free disk space and write permission"
        )
        raise BuildError([problem]) from None
    except BuildError:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        raise


def _open_source(source: Path) -> BinaryIO:
    try:
        return open_regular(source)
    except OSError as exc:
        raise BuildError([_unreadable(source, exc)]) from None


def _read(reading: BinaryIO, source: Path) -> bytes:
    try:
        return reading.read(COPY_CHUNK)
    except OSError as exc:
        raise BuildError([_unreadable(source, exc)]) from None


def _unreadable(source: Path, exc: OSError) -> Diagnostic:
    """A static file that cannot be read: named as the source, not as the output it was going to."""
    return error(source, None, f"cannot copy static file: {exc.strerror}", "a readable file")


def remove_tree(folder: Path) -> str | None:
    """Remove a folder and everything in it; the first reason something could not be, or None."""
    reasons: list[str] = []

    def note(function: Callable[..., Any], path: str, exc_info: Any) -> None:
        exc = exc_info[1]
        reasons.append(f"{getattr(exc, 'strerror', None) or exc}: {path}")

    shutil.rmtree(folder, onerror=note)
    return reasons[0] if reasons and os.path.lexists(folder) else None


def _not_removed(old: Path, reason: str) -> Diagnostic:
    return warning(
        old,
        None,
        f"the previous output, moved aside, could not be removed ({reason})",
        _BY_HAND,
    )


_BY_HAND = "delete it by hand; it is not part of the site, and the next build tries again"


def _unwritable(folder: Path, exc: OSError) -> Diagnostic:
    return error(folder, None, f"cannot make the output folder: {exc.strerror}", "a folder on a disk you can write to")


class Staging:
    """A folder to build into, swapped in for the output folder on commit."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.dir = self.output.parent / f".{self.output.name}.staging-{uuid.uuid4().hex[:8]}"
        try:
            self.output.parent.mkdir(parents=True, exist_ok=True)
            self.dir.mkdir()
        except OSError as exc:  # a read-only disk, a folder without write permission
            raise BuildError([_unwritable(self.output, exc)]) from None
        self._made: set[Path] = {self.dir}

    def _target(self, relative: PurePosixPath | str) -> Path:
        target = inside(self.dir, relative)
        parent = target.parent
        if parent not in self._made:  # a set read by several writer threads: a miss only costs a mkdir
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise BuildError([_unwritable(inside(self.output, relative).parent, exc)]) from None
            self._made.add(parent)
        return target

    # `relative` is checked by _target; a failure names the file where the site goes, not the staging folder.
    def write(self, relative: PurePosixPath | str, data: bytes) -> os.stat_result:
        return put(self._target(relative), data=data, shown=self.output / relative)

    def copy(self, source: Path, relative: str) -> os.stat_result:
        return put(self._target(relative), source=source, shown=self.output / relative)

    def remove(self, relative: str) -> None:
        """Nothing to do: the staging folder only ever holds the new site."""

    def commit(self) -> list[Diagnostic]:
        """Swap the staging folder in; the old site is removed only after the swap.

        An old site that cannot be removed (a file in use on a network drive, a folder
        without write permission) is a warning naming it; so is one an earlier build left.
        """
        problems = self._left_behind()
        with holding_signals():  # Ctrl-C between the two renames would leave no site in place
            old = self._swap()
            if stop_pending():  # it came during the swap: undone, the stop is raised as the block ends
                os.rename(self.output, self.dir)
                if old is not None:
                    os.rename(old, self.output)
                return problems
        if old is not None:  # the new site is in place: what follows can only warn
            reason = remove_tree(old)
            if reason is not None:
                problems.append(_not_removed(old, reason))
        return problems

    def _swap(self) -> Path | None:
        """The old site renamed aside and the staged one put in its place; the old one's name."""
        old: Path | None = None
        if self.output.exists():
            old = self.output.parent / f".{self.output.name}.old-{uuid.uuid4().hex[:8]}"
            try:
                os.rename(self.output, old)
            except OSError as exc:  # nothing is changed yet: the staged site goes, the old one stays
                self.abort()
                expected = "an output folder that can be renamed (not a mount point, not in use)"
                raise BuildError(
                    [error(self.output, None, f"cannot replace the output folder: {exc.strerror}", expected)]
                ) from None
        try:
            os.rename(self.dir, self.output)
        except BaseException:  # whatever stopped it: the old site goes back
            if old is not None:
                os.rename(old, self.output)
            raise
        return old

    def _left_behind(self) -> list[Diagnostic]:
        """Old sites earlier builds could not remove: tried again, reported if still there."""
        problems = []
        for old in sorted(self.output.parent.glob(f".{glob.escape(self.output.name)}.old-*")):
            reason = remove_tree(old)
            if reason is not None:
                problems.append(_not_removed(old, reason))
        return problems

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


class InPlace:
    """Update an existing build file by file: only changed files are touched.

    New bytes go to temporary files beside their targets first; only when every one was
    written are they renamed over the old files (and deleted pages removed). A failure
    while writing (a full disk, Ctrl-C) removes the temporary files and leaves the site
    exactly as it was.
    """

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.pending: list[tuple[Path, Path]] = []
        self.removals: list[Path] = []
        self.new_dirs: list[Path] = []
        self._lock = threading.Lock()
        self._ready: set[Path] = {self.output}  # folders checked (or made) with every folder above them

    def _temporary(self, relative: str) -> tuple[Path, Path]:
        target = inside(self.output, relative)
        with self._lock:
            if target.parent not in self._ready:  # one check per folder, not per file (0.4 s at 12,000 pages)
                self._prepare(target.parent, relative)
        return target.with_name(f".{target.name}.tmp-{uuid.uuid4().hex[:8]}"), target

    def _prepare(self, folder: Path, relative: str) -> None:
        """Make the folders a file needs; a file standing where one must be is an error."""
        missing = []
        chain = []
        p = folder
        while p not in self._ready and p != p.parent:  # the output folder is ready: the walk stops there
            chain.append(p)
            p = p.parent
        for p in chain:
            if p.is_dir():
                continue
            if p.exists():  # put there by hand since the last build: never removed without asking
                raise BuildError([error(p, None, f"a file is where the folder for {relative} must be", CLEAN_EXPECTED)])
            missing.append(p)
        for made in reversed(missing):
            try:
                made.mkdir(exist_ok=True)
            except OSError as exc:  # a read-only disk, a folder without write permission
                raise BuildError([_unwritable(made, exc)]) from None
            self.new_dirs.append(made)
        self._ready.update(chain)  # each with every folder above it

    def write(self, relative: str, data: bytes) -> os.stat_result:
        return self._put(relative, data=data)

    def copy(self, source: Path, relative: str) -> os.stat_result:
        return self._put(relative, source=source)

    def _put(self, relative: str, data: bytes | None = None, source: Path | None = None) -> os.stat_result:
        temporary, target = self._temporary(relative)
        written = put(temporary, data, source, shown=target)
        with self._lock:
            self.pending.append((temporary, target))
        return written

    def remove(self, relative: str) -> None:
        self.removals.append(inside(self.output, relative))

    def commit(self) -> list[Diagnostic]:
        """Rename every new file over its target; if that fails part way (Ctrl-C, an I/O error),
        put back the files already replaced, from hard links kept until the end. A file of the
        previous build that cannot be removed is a warning naming it."""
        done: list[tuple[Path, Path | None]] = []
        try:
            for temporary, target in self.pending:
                backup: Path | None = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
                try:
                    os.link(target, backup)
                except FileNotFoundError:
                    backup = None  # a new file: undone by removing it
                except OSError:  # a file system without hard links
                    shutil.copyfile(target, backup)
                done.append((target, backup))
                os.replace(temporary, target)
        except BaseException:
            for target, backup in reversed(done):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink(missing_ok=True)
            raise
        problems: list[Diagnostic] = []
        for path in [backup for _, backup in done if backup is not None] + self.removals:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                problems.append(
                    warning(path, None, f"file of the previous build could not be removed ({exc.strerror})", _BY_HAND)
                )
        self._prune({p.parent for p in self.removals})
        return problems

    def _prune(self, folders: set[Path]) -> None:
        """Remove folders left empty by deleted pages (a deleted post's /posts/x/)."""
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            while folder != self.output and self.output in folder.parents:
                try:
                    folder.rmdir()
                except OSError:
                    break
                folder = folder.parent

    def abort(self) -> None:
        for temporary, _ in self.pending:
            temporary.unlink(missing_ok=True)
        for pattern in (".*.tmp-*", ".*.old-*"):
            for leftover in self.output.rglob(pattern):
                leftover.unlink(missing_ok=True)
        self._prune(set(self.new_dirs))
