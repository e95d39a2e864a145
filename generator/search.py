"""The search index: written by us, in blocks, so a build re-indexes only what changed.

Pagefind was the first index; it re-read every page on every build (28 s and 2.7 GB at
10,000 posts) and, split into bundles, answered differently from one whole index (each
bundle drops the query words it has never seen). Here every post lands in one of a
power-of-two number of blocks by a hash of its URL; a block is rewritten only when one of
its posts' URL, title, date or HTML changed, and the browser reads the same term file from
every block and scores with statistics summed over all of them, so the answers are those
of a single index whatever the split. The files are a pure function of the posts: a warm
build writes the bytes a clean one would.

Layout under output/search-index/: index.json (blocks' digests, totals), <block>/docs.json
(fragment id and length of each post), <block>/<bucket>.json (term -> [post, count, ...])
and f/<id>.json (url, title, date and text of one post, for the excerpt).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import shutil
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path

from .errors import BuildError, error
from .search_text import (
    BUCKETS,
    FORMAT,
    TEXT_LIMIT,
    block_count,
    block_of,
    bucket_of,
    fragment_id,
    searchable_text,
    weighted_terms,
)

FOLDER = "search-index"
LEGACY_FOLDER = "pagefind"  # what versions before FORMAT 1 wrote; removed on the next index
SEARCH_STATE = "search-index.json"  # its name in the build cache folder
PARALLEL_BLOCKS = 4  # fewer dirty blocks than this are quicker in this process than forked
BLOCK_TARGET_FOR_BACKGROUND = 200  # a smaller blog is indexed in well under a second, in line


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One post as the index sees it; `key` names what its HTML was made from."""

    url: str
    title: str
    date: str
    key: str
    html: Callable[[], str]


@dataclass(frozen=True, slots=True)
class IndexReport:
    posts: int
    blocks: int
    rebuilt: int  # blocks written this time


def index_site(output: Path, docs: Sequence[SearchDoc], state: Path | None) -> IndexReport:
    """Bring output/search-index/ up to date with `docs`, rewriting only changed blocks.

    A file that cannot be written (a full disk, a file where a folder must be) stops the
    build with a message naming it, never a traceback.
    """
    try:
        return _update(output, docs, state)
    except OSError as exc:
        where = exc.filename or output / FOLDER
        reason = exc.strerror or str(exc)
        problem = error(
            where, None, f"cannot write the search index: {reason}", "free disk space and a writable folder"
        )
        raise BuildError([problem]) from None


def _update(output: Path, docs: Sequence[SearchDoc], state: Path | None) -> IndexReport:
    """index_site without its error message.

    `state` (in the build cache, never in the published site) remembers what each block was
    made from, by the posts' cache keys: the index itself holds only digests of its own
    bytes, so two builds of the same posts publish the same files wherever they ran. Without
    it, or when the index on disk is not the one it describes, every block is written.
    """
    folder = output / FOLDER
    blocks = block_count(len(docs))
    members: list[list[SearchDoc]] = [[] for _ in range(blocks)]
    for doc in docs:
        members[block_of(doc.url, blocks)].append(doc)
    for group in members:
        group.sort(key=lambda doc: doc.url)
    signatures = [_signature(group) for group in members]
    previous = _previous(folder, state, blocks)
    written: list[BlockState | None] = [None] * blocks
    dirty: list[int] = []
    for number, signature in enumerate(signatures):
        known = previous.get(number)
        if known is not None and known.signature == signature and (folder / str(number) / "docs.json").is_file():
            written[number] = known
        else:
            dirty.append(number)
    for number, block in zip(dirty, _write_blocks(folder, [(n, members[n]) for n in dirty]), strict=True):
        written[number] = replace(block, signature=signatures[number])
    done = [block for block in written if block is not None]
    if dirty:  # a post that left a block took its excerpt file with it
        _prune(folder, blocks, {fragment_id(doc.url) for doc in docs})
    summary = _json(
        {
            "format": FORMAT,
            "buckets": BUCKETS,
            "docs": len(docs),
            "tokens": sum(block.tokens for block in done),
            "blocks": [[block.digest, block.tokens, block.posts] for block in done],
        }
    )
    if dirty or not previous:  # else these are the bytes already there
        _put(folder / "index.json", summary)
    if state is not None and (dirty or not previous):
        record = {"format": FORMAT, "index": _digest(summary), "blocks": [astuple(block) for block in done]}
        state.parent.mkdir(parents=True, exist_ok=True)
        _put(state, _json(record))
    shutil.rmtree(output / LEGACY_FOLDER, ignore_errors=True)
    return IndexReport(posts=len(docs), blocks=blocks, rebuilt=len(dirty))


@dataclass(slots=True)
class BackgroundIndex:
    """A first build's whole index, made by a forked process while the pages are rendered and
    written (those steps use one core; the index fills the other), then moved into place."""

    process: mp.process.BaseProcess
    scratch: Path
    docs: Sequence[SearchDoc]
    state: Path | None

    def finish(self, output: Path) -> IndexReport:
        """Wait, then swap the new index in; if the process failed, index here instead."""
        self.process.join()
        made = self.scratch / FOLDER
        try:
            if self.process.exitcode != 0 or not (made / "index.json").is_file():
                return index_site(output, self.docs, self.state)
            shutil.rmtree(output / FOLDER, ignore_errors=True)
            os.replace(made, output / FOLDER)
            if self.state is not None:
                self.state.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.scratch / SEARCH_STATE, self.state)
            shutil.rmtree(output / LEGACY_FOLDER, ignore_errors=True)
            blocks = block_count(len(self.docs))
            return IndexReport(posts=len(self.docs), blocks=blocks, rebuilt=blocks)
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
    scratch.mkdir(parents=True)
    process = mp.get_context("fork").Process(
        target=_index_alone, args=(scratch, docs, scratch / SEARCH_STATE), name="search-index"
    )
    process.start()
    return BackgroundIndex(process, scratch, docs, state)


def _index_alone(output: Path, docs: Sequence[SearchDoc], state: Path | None) -> IndexReport:
    """index_site on the cores the build leaves free: it renders and writes pages on one.

    On two cores that is one: block workers on both only took turns with the build's own
    process (the index took more CPU time, and no less wall time)."""
    global _CORES_TAKEN
    _CORES_TAKEN = 1
    return index_site(output, docs, state)


_CORES_TAKEN = 0  # cores busy with other work of the build (1 in the background index's process)


@dataclass(frozen=True, slots=True)
class BlockState:
    signature: str  # what the block was made from: its posts' URLs, titles, dates and cache keys
    digest: str  # of the files written: the browser's cache key for them
    tokens: int
    posts: int


def _signature(group: list[SearchDoc]) -> str:
    hasher = hashlib.blake2b(f"{FORMAT}|{BUCKETS}".encode(), digest_size=8)
    for doc in group:
        hasher.update(f"\x00{doc.url}\x01{doc.title}\x01{doc.date}\x01{doc.key}".encode())
    return hasher.hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def files_checked(output: Path, state: Path) -> list[Path]:
    """What index_site reads to find it has nothing to write (the state, index.json, each
    block's docs.json, see _previous) and the old Pagefind folder it removes: while these keep
    their states, indexing again would write nothing (unchanged.py records them)."""
    folder = output / FOLDER
    return [state, folder / "index.json", *sorted(folder.glob("*/docs.json")), output / LEGACY_FOLDER]


def _previous(folder: Path, state: Path | None, blocks: int) -> dict[int, BlockState]:
    """The blocks the state describes, if the index on disk is still the one it describes."""
    if state is None:
        return {}
    try:
        record = json.loads(state.read_text(encoding="utf-8"))
        if record["format"] != FORMAT or len(record["blocks"]) != blocks:
            return {}
        if record["index"] != _digest((folder / "index.json").read_bytes()):
            return {}  # the published index was changed or removed by hand
        return {n: BlockState(*entry) for n, entry in enumerate(record["blocks"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


_FORKED: tuple[Path, list[tuple[int, list[SearchDoc]]]] | None = None


def _forked_block(index: int) -> BlockState:
    assert _FORKED is not None
    folder, jobs = _FORKED
    return write_block(folder, *jobs[index])


def can_fork() -> bool:
    """Forking copies only the calling thread: with others running (blog serve) it is unsafe."""
    return threading.active_count() == 1 and "fork" in mp.get_all_start_methods()


def _write_blocks(folder: Path, jobs: list[tuple[int, list[SearchDoc]]]) -> list[BlockState]:
    """Dirty blocks on every core when there are many (a first build), else right here."""
    global _FORKED
    workers = min((os.cpu_count() or 1) - _CORES_TAKEN, len(jobs))
    if len(jobs) < PARALLEL_BLOCKS or workers < 2 or not can_fork():
        return [write_block(folder, number, group) for number, group in jobs]
    _FORKED = (folder, jobs)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return pool.map(_forked_block, range(len(jobs)), chunksize=1)
    finally:
        _FORKED = None


def write_block(folder: Path, number: int, group: list[SearchDoc]) -> BlockState:
    """One block's term files, its post list and its posts' excerpt texts (signature left empty)."""
    postings: dict[str, list[int]] = defaultdict(list)
    docs: list[list[str | int]] = []
    total = 0
    fragments = folder / "f"
    fragments.mkdir(parents=True, exist_ok=True)
    for position, doc in enumerate(group):
        text = searchable_text(doc.html())
        counts, length = weighted_terms(doc.title, text)
        for term, count in counts.items():
            postings[term] += (position, count)
        identifier = fragment_id(doc.url)
        docs.append([identifier, length])
        total += length
        fragment = {"url": doc.url, "title": doc.title, "date": doc.date, "text": text[:TEXT_LIMIT]}
        _put_new(fragments / f"{identifier}.json", _json(fragment))
    buckets: list[dict[str, list[int]]] = [{} for _ in range(BUCKETS)]
    for term, entries in postings.items():
        buckets[bucket_of(term)][term] = entries
    target = folder / str(number)
    target.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.blake2b(digest_size=8)
    for bucket, terms in enumerate(buckets):
        data = _json(terms)
        hasher.update(data)
        _put(target / f"{bucket}.json", data)
    data = _json(docs)
    hasher.update(data)
    _put(target / "docs.json", data)
    return BlockState("", hasher.hexdigest(), total, len(group))


def _prune(folder: Path, blocks: int, fragments: set[str]) -> None:
    """Blocks beyond the current count and excerpts of posts that are gone."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name.isdigit() and int(entry.name) >= blocks:
            shutil.rmtree(entry, ignore_errors=True)
    texts = folder / "f"
    if texts.is_dir():
        for name in os.listdir(texts):
            if name.removesuffix(".json") not in fragments:
                (texts / name).unlink(missing_ok=True)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _put_new(path: Path, data: bytes) -> None:
    """Write unless these bytes are there: an edit rewrites one block, not its 400 excerpts."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    _put(path, data)


def _put(path: Path, data: bytes) -> None:
    """Write through a temporary name: a reader (blog serve) never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
