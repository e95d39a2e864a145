"""A first build's whole search index, made by a forked process and this one together.

The forked process starts when the pages start to render (that uses one core; the index fills
the other). When the pages are written, this process joins in, and the two share what is
left. They share it in parts of PART posts, not whole blocks: a blog of 1,000 posts has two
blocks, and with blocks as the unit the second core sat idle for half a block at the end,
waiting for the other (0.4 s of a 4.5 s build on the bench corpus). A part's terms go to
the process that finishes its block's last part, in a marshal file unless it made them itself;
that process merges the parts in order and writes the block, the same bytes an in-line
index writes. Then the new index is moved into place.
"""

from __future__ import annotations

import errno
import json
import marshal
import os
import shutil
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.processes import can_fork, holding_signals, quiet_worker
from generator.search.docs import SEARCH_STATE, SearchDoc
from generator.search.index import (
    FOLDER,
    LEGACY_FOLDER,
    BlockState,
    IndexReport,
    Part,
    block_members,
    block_signature,
    conclude,
    index_part,
    index_site,
    json_bytes,
    put_fresh,
    put_safely,
    write_parts,
)

if TYPE_CHECKING:  # multiprocessing is imported where a process is started: a small build starts none
    from multiprocessing.process import BaseProcess

# Posts from which a first build's index is made in a second process: below, the fork costs
# about what indexing does; above, the second core would be idle while the lists render.
BLOCK_TARGET_FOR_BACKGROUND = 20
# Posts in a part: about 0.1 s of indexing, so the two processes end within that of each other;
# each part that crosses between them costs a file of its terms.
PART = 50

_TAKEN = "blocks-written.json"  # in the scratch folder: the blocks the forked process wrote
_PARTS = "parts"  # in the scratch folder: the terms of parts, for whoever writes their block


@dataclass(slots=True)
class _Work:
    """What both processes share: the blocks' posts, the parts in the order they are taken,
    and two shared counters (under one lock): the next part, and each block's finished parts."""

    members: list[list[SearchDoc]]
    units: list[tuple[int, int]]  # (block, first post of the part)
    taken: Any  # multiprocessing Value: the next unit to take
    finished: Any  # multiprocessing Array: each block's parts finished (guarded by taken's lock)

    def parts_of(self, block: int) -> int:
        return -(-len(self.members[block]) // PART)


@dataclass(slots=True)
class BackgroundIndex:
    """The index being made beside the pages; `finish` once they are written, `cancel` on failure."""

    process: BaseProcess
    scratch: Path
    docs: Sequence[SearchDoc]
    state: Path | None
    work: _Work

    @property
    def members(self) -> list[list[SearchDoc]]:
        return self.work.members

    def finish(self, output: Path) -> IndexReport:
        """Take the parts nobody took yet, wait, then swap the new index in; if the forked
        process failed, index here instead."""
        made = self.scratch / FOLDER
        try:
            mine = _take_parts(self.scratch, self.work, self.process.is_alive)
            self.process.join()
            theirs = _read_taken(self.scratch / _TAKEN) if self.process.exitcode == 0 else None
            if theirs is None or len(mine) + len(theirs) != len(self.members):
                return index_site(output, self.docs, self.state)
            written = {**mine, **theirs}
            done = [replace(written[n], signature=block_signature(group)) for n, group in enumerate(self.members)]
            conclude(made, self.docs, done, self.scratch / SEARCH_STATE, rewrite=True)
            shutil.rmtree(output / FOLDER, ignore_errors=True)
            try:
                os.replace(made, output / FOLDER)
            except OSError as exc:  # an output folder that is a mount point: another disk than its parent
                if exc.errno != errno.EXDEV:
                    raise
                shutil.copytree(made, output / FOLDER)
            if self.state is not None:  # written there, not moved: the cache may be on another disk
                self.state.parent.mkdir(parents=True, exist_ok=True)
                put_safely(self.state, (self.scratch / SEARCH_STATE).read_bytes())
            shutil.rmtree(output / LEGACY_FOLDER, ignore_errors=True)
            return IndexReport(posts=len(self.docs), blocks=len(self.members), rebuilt=len(self.members))
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        shutil.rmtree(self.scratch, ignore_errors=True)


def index_in_background(output: Path, docs: Sequence[SearchDoc], state: Path | None) -> BackgroundIndex | None:
    """Start indexing every block beside `output`; None where forking is not safe (threads running)."""
    if len(docs) <= BLOCK_TARGET_FOR_BACKGROUND or not can_fork():
        return None
    scratch = output.parent / f".{output.name}.search-{uuid.uuid4().hex[:8]}"
    try:
        (scratch / _PARTS).mkdir(parents=True)
    except OSError:  # a folder that cannot be written: the index is made in line, and says why
        return None
    members = block_members(docs)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    units = [(block, first) for block, group in enumerate(members) for first in range(0, len(group), PART)]
    work = _Work(members, units, context.Value("i", 0), context.Array("i", len(members), lock=False))
    process = context.Process(target=_index_alone, args=(scratch, work), name="search-index")
    with holding_signals():  # a Ctrl-C now would interrupt the fork's own bookkeeping, and be lost
        process.start()
    return BackgroundIndex(process, scratch, docs, state, work)


def _index_alone(scratch: Path, work: _Work) -> None:
    """The forked process: parts until none is left, then a note of the blocks it wrote."""
    quiet_worker()
    parent = os.getppid()
    try:
        written = _take_parts(scratch, work, lambda: os.getppid() == parent)
        rows = [[number, block.digest, block.tokens, block.posts] for number, block in written.items()]
        put_safely(scratch / _TAKEN, json_bytes(rows))
    except (OSError, ValueError, EOFError):  # a full disk: the build indexes in line, and its message names the file
        sys.exit(1)


def _take_parts(scratch: Path, work: _Work, partner_alive: Callable[[], bool]) -> dict[int, BlockState]:
    """Index the next part nobody has taken, until there is none, and write each block whose
    last part this process finished; both processes run this. Returns the blocks written.

    A part's terms are saved for the other process before its block's count of finished parts
    goes up, so whoever sees the count complete finds every other part there."""
    folder = scratch / FOLDER
    fragments = folder / "f"
    fragments.mkdir(parents=True, exist_ok=True)
    written: dict[int, BlockState] = {}
    mine: dict[tuple[int, int], Part] = {}  # parts made here whose block is not written yet
    while (unit := _next_unit(work, partner_alive)) is not None:
        block, first = work.units[unit]
        for held in [key for key in mine if key[0] != block]:  # the other process writes those blocks
            del mine[held]
        part = index_part(fragments, work.members[block][first : first + PART], first, fresh=True)
        last = _finish_part(work, block, partner_alive, save=None)
        if last is None:
            return written
        if not last:
            save = _part_path(scratch, block, first)
            last = _finish_part(work, block, partner_alive, save=(save, part))
            if last is None:
                return written
        mine[(block, first)] = part
        if last:
            parts = [
                mine.pop((block, start)) if (block, start) in mine else _load_part(_part_path(scratch, block, start))
                for start in range(0, len(work.members[block]), PART)
            ]
            written[block] = write_parts(folder, block, parts, fresh=True)
    return written


def _next_unit(work: _Work, partner_alive: Callable[[], bool]) -> int | None:
    """The next part to index, or None when none is left (or the partner died holding the lock)."""
    lock = work.taken.get_lock()
    if not _acquire(lock, partner_alive):
        return None
    try:
        unit = work.taken.value
        work.taken.value = unit + 1
    finally:
        lock.release()
    return unit if unit < len(work.units) else None


def _finish_part(
    work: _Work, block: int, partner_alive: Callable[[], bool], save: tuple[Path, Part] | None
) -> bool | None:
    """Count a part of `block` finished; True if it was the block's last (this process writes
    the block), None if the partner died holding the lock.

    Without `save`, the part is counted only if it is the last: no other process will need it.
    With it, the part is saved first, then counted whatever the count."""
    if save is not None:
        path, part = save
        put_fresh(path, marshal.dumps((part.postings, part.docs, part.total)))
    lock = work.taken.get_lock()
    if not _acquire(lock, partner_alive):
        return None
    try:
        done = work.finished[block]
        if save is None and done != work.parts_of(block) - 1:
            return False
        work.finished[block] = done + 1
        return done + 1 == work.parts_of(block)
    finally:
        lock.release()


def _acquire(lock: Any, partner_alive: Callable[[], bool]) -> bool:
    """Wait for the counters' lock a moment at a time: the other process, killed while it held
    it, would otherwise leave this one waiting forever (the build then indexes alone)."""
    while not lock.acquire(timeout=0.5):
        if not partner_alive():
            return False
    return True


def _part_path(scratch: Path, block: int, first: int) -> Path:
    return scratch / _PARTS / f"{block}-{first}.marshal"


def _load_part(path: Path) -> Part:
    postings, docs, total = marshal.loads(path.read_bytes())
    return Part(postings, docs, total)


def _read_taken(path: Path) -> dict[int, BlockState] | None:
    try:
        rows = json.loads(path.read_bytes())
        return {int(n): BlockState("", str(digest), int(tokens), int(posts)) for n, digest, tokens, posts in rows}
    except (OSError, ValueError, TypeError):
        return None
