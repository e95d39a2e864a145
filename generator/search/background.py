"""A first build's whole search index, begun by a forked process while the pages are rendered and
written (those steps use one core; the index fills the other). When the pages are written, this
process takes the blocks still waiting, so the rest of the index has both cores; then the new
index is moved into place.

Tried: sharing the work in parts of 50 posts instead of whole blocks, so that neither process
waits for the other at the end (a 1,000-post blog has two blocks, and the timeline showed one
core idle for half a second while the other finished its block). The files were the same, and
the builds were not faster: 4.21 against 4.18 s at 1,000 posts, medians of nine alternated
builds; both processes working at the end ran slower than one alone.
"""

from __future__ import annotations

import errno
import json
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
    block_members,
    block_signature,
    conclude,
    index_site,
    json_bytes,
    put_safely,
    write_block,
)

if TYPE_CHECKING:  # multiprocessing is imported where a process is started: a small build starts none
    from multiprocessing.process import BaseProcess

# Posts from which a first build's index is made in a second process: below, the fork costs
# about what indexing does; above, the second core would be idle while the lists render.
BLOCK_TARGET_FOR_BACKGROUND = 20
_TAKEN = "blocks-written.json"  # in the scratch folder: the blocks the forked process wrote


@dataclass(slots=True)
class BackgroundIndex:
    """The index being made beside the pages; `finish` once they are written, `cancel` on failure."""

    process: BaseProcess
    scratch: Path
    docs: Sequence[SearchDoc]
    state: Path | None
    members: list[list[SearchDoc]]
    taken: Any  # a shared counter: the next block to write, whoever writes it

    def finish(self, output: Path) -> IndexReport:
        """Write the blocks nobody took yet, wait, then swap the new index in; if the forked
        process failed, index here instead."""
        made = self.scratch / FOLDER
        try:
            mine = _take_blocks(made, self.members, self.taken, self.process.is_alive)
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
        scratch.mkdir(parents=True)
    except OSError:  # a folder that cannot be written: the index is made in line, and says why
        return None
    members = block_members(docs)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)
    process = context.Process(target=_index_alone, args=(scratch, members, taken), name="search-index")
    with holding_signals():  # a Ctrl-C now would interrupt the fork's own bookkeeping, and be lost
        process.start()
    return BackgroundIndex(process, scratch, docs, state, members, taken)


def _index_alone(scratch: Path, members: list[list[SearchDoc]], taken: Any) -> None:
    """The forked process: blocks until none is left, then a note of which it wrote."""
    quiet_worker()
    parent = os.getppid()
    try:
        written = _take_blocks(scratch / FOLDER, members, taken, lambda: os.getppid() == parent)
        rows = [[number, block.digest, block.tokens, block.posts] for number, block in written.items()]
        put_safely(scratch / _TAKEN, json_bytes(rows))
    except OSError:  # a full disk: the build indexes in line, and its message names the file
        sys.exit(1)


def _take_blocks(
    folder: Path, members: list[list[SearchDoc]], taken: Any, partner_alive: Callable[[], bool]
) -> dict[int, BlockState]:
    """Write the next block nobody has taken, until there is none; both processes run this.

    The counter's lock is waited for a moment at a time: the other process, killed while it
    held it, would otherwise leave this one waiting forever (the build then indexes alone)."""
    written: dict[int, BlockState] = {}
    lock = taken.get_lock()
    while True:
        while not lock.acquire(timeout=0.5):
            if not partner_alive():
                return written
        try:
            number = taken.value
            taken.value = number + 1
        finally:
            lock.release()
        if number >= len(members):
            return written
        written[number] = write_block(folder, number, members[number], fresh=True)


def _read_taken(path: Path) -> dict[int, BlockState] | None:
    try:
        rows = json.loads(path.read_bytes())
        return {int(n): BlockState("", str(digest), int(tokens), int(posts)) for n, digest, tokens, posts in rows}
    except (OSError, ValueError, TypeError):
        return None
