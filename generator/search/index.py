"""The search index: written by us, in blocks, so a build re-indexes only what changed.

Pagefind was the first index; it re-read every page on every build (28 s and 2.7 GB at
10,000 posts) and, split into bundles, answered differently from one whole index (each
bundle drops the query words it has never seen). Here every post lands in one of a
power-of-two number of blocks by a hash of its URL; a block is rewritten only when one of
its posts' URL, title, date or HTML changed, and the browser reads the same term file from
every block and scores with statistics summed over all of them, so the answers are those
of a single index whatever the split. The files are a pure function of the posts: a warm
build writes the bytes a clean one would.

Layout under output/search-index/: index.json (blocks' digests, totals, the tags, series and
categories with their pages), <block>/docs.bin (fragment id, length and date of each post),
<block>/<bucket>.bin (term -> [post, count, fields and chunks, ...]) and f/<id>-<chunk>.bin (url,
title, date and one CHUNK of the text of one post, for the excerpt around the first hit).

Every .bin file is JSON compressed with zlib (deflate): a host that does not gzip (many do not
for an unknown type) still sends a third of the bytes, and the browser inflates it with
DecompressionStream. zlib at one level gives the same bytes for the same input, so warm still
equals cold.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace
from pathlib import Path
from typing import Any

from generator.errors import BuildError, error
from generator.processes import can_fork, map_in_workers
from generator.search.docs import SearchDoc, Taxon
from generator.search.text import (
    BUCKETS,
    CHUNK,
    FORMAT,
    TEXT_LIMIT,
    Fields,
    block_count,
    block_of,
    bucket_of,
    chunks,
    fragment_id,
    headings_text,
    searchable_text,
    weighed_terms,
)

FOLDER = "search-index"
LEGACY_FOLDER = "pagefind"  # what versions before FORMAT 1 wrote; removed on the next index
DOCS = "docs.bin"  # each block's list of posts
PARALLEL_BLOCKS = 4  # fewer dirty blocks than this are quicker in this process than forked


@dataclass(frozen=True, slots=True)
class IndexReport:
    """How much of the index a build rewrote, for its summary line."""

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
    members = block_members(docs)
    signatures = [block_signature(group) for group in members]
    previous = _previous(folder, state, len(members))
    written: list[BlockState | None] = [None] * len(members)
    dirty: list[int] = []
    for number, signature in enumerate(signatures):
        known = previous.get(number)
        if known is not None and known.signature == signature and (folder / str(number) / DOCS).is_file():
            written[number] = known
        else:
            dirty.append(number)
    for number, block in zip(dirty, _write_blocks(folder, [(n, members[n]) for n in dirty]), strict=True):
        written[number] = replace(block, signature=signatures[number])
    done = [block for block in written if block is not None]
    if dirty:  # a post that left a block took its excerpt file with it
        _prune(folder, len(members), {fragment_id(doc.url) for doc in docs})
    conclude(folder, docs, done, state, rewrite=bool(dirty or not previous))
    shutil.rmtree(output / LEGACY_FOLDER, ignore_errors=True)
    return IndexReport(posts=len(docs), blocks=len(members), rebuilt=len(dirty))


def block_members(docs: Sequence[SearchDoc]) -> list[list[SearchDoc]]:
    """Each block's posts, in URL order."""
    blocks = block_count(len(docs))
    members: list[list[SearchDoc]] = [[] for _ in range(blocks)]
    for doc in docs:
        members[block_of(doc.url, blocks)].append(doc)
    for group in members:
        group.sort(key=lambda doc: doc.url)
    return members


def conclude(
    folder: Path, docs: Sequence[SearchDoc], done: list[BlockState], state: Path | None, rewrite: bool
) -> None:
    """index.json over every block, and the record of what each was made from.

    Unless `rewrite`, these are the bytes already there and nothing is written (a post's
    tags are in its block's signature: a changed tag rewrites a block, and so this file)."""
    if not rewrite:
        return
    summary = json_bytes(
        {
            "format": FORMAT,
            "buckets": BUCKETS,
            "docs": len(docs),
            "tokens": sum(block.tokens for block in done),
            "blocks": [[block.digest, block.tokens, block.posts] for block in done],
            "taxa": taxa_summary(docs),
        }
    )
    put_safely(folder / "index.json", summary)
    if state is not None:
        record = {"format": FORMAT, "index": _digest(summary), "blocks": [astuple(block) for block in done]}
        state.parent.mkdir(parents=True, exist_ok=True)
        put_safely(state, json_bytes(record))


@dataclass(frozen=True, slots=True)
class BlockState:
    """A block as last written: enough to tell the next build whether to write it again."""

    signature: str  # what the block was made from: its posts' URLs, titles, dates and cache keys
    digest: str  # of the files written: the browser's cache key for them
    tokens: int
    posts: int


def taxa_summary(docs: Sequence[SearchDoc]) -> list[list[str | int]]:
    """Each tag, series and category with its page and how many indexed posts carry it: the
    browser offers "标签：分布式训练 (3)" when a query names one."""
    counts: dict[Taxon, int] = defaultdict(int)
    for doc in docs:
        for taxon in set(doc.taxa):
            counts[taxon] += 1
    return [[t.kind, t.name, t.url, n] for t, n in sorted(counts.items(), key=lambda item: astuple(item[0]))]


def block_signature(group: list[SearchDoc]) -> str:
    hasher = hashlib.blake2b(f"{FORMAT}|{BUCKETS}|{CHUNK}|{DEFLATE_LEVEL}".encode(), digest_size=8)
    for doc in group:
        hasher.update(f"\x00{doc.url}\x01{doc.title}\x01{doc.date}\x01{doc.key}".encode())
        for taxon in doc.taxa:
            hasher.update(f"\x02{taxon.kind}\x03{taxon.name}\x03{taxon.url}".encode())
    return hasher.hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def files_checked(output: Path, state: Path) -> list[Path]:
    """What index_site reads to find it has nothing to write (the state, index.json, each
    block's docs.json, see _previous) and the old Pagefind folder it removes: while these keep
    their states, indexing again would write nothing (unchanged.py records them)."""
    folder = output / FOLDER
    return [state, folder / "index.json", *sorted(folder.glob(f"*/{DOCS}")), output / LEGACY_FOLDER]


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


def _write_blocks(folder: Path, jobs: list[tuple[int, list[SearchDoc]]]) -> list[BlockState]:
    """Dirty blocks on every core when there are many (a first build), else right here."""
    global _FORKED
    workers = min(os.cpu_count() or 1, len(jobs))
    if len(jobs) < PARALLEL_BLOCKS or workers < 2 or not can_fork():
        return [write_block(folder, number, group) for number, group in jobs]
    _FORKED = (folder, jobs)
    try:
        return map_in_workers("fork", workers, _forked_block, range(len(jobs)))
    finally:
        _FORKED = None


def write_block(folder: Path, number: int, group: list[SearchDoc], fresh: bool = False) -> BlockState:
    """One block's term files, its post list and its posts' excerpt chunks (signature left empty).

    `fresh`: the folder is a first build's scratch copy that no reader sees until it is moved
    into place, and holds no file of an earlier index, so each file is written straight, not
    through a temporary name after reading what is there. On the 1,000-post corpus that is
    about 2,400 files; the careful way cost three times the system calls of the plain one."""
    put = _put_fresh if fresh else put_safely
    postings: dict[str, list[int]] = defaultdict(list)
    docs: list[list[str | int]] = []
    total = 0
    fragments = folder / "f"
    fragments.mkdir(parents=True, exist_ok=True)
    for position, doc in enumerate(group):
        html = doc.html()
        text = searchable_text(html)
        fields = Fields(doc.title, tuple(taxon.name for taxon in doc.taxa), headings_text(html))
        counts, flags, length = weighed_terms(fields, text)
        found_in = flags.get
        for term, count in counts.items():
            postings[term] += (position, count, found_in(term, 0))
        identifier = fragment_id(doc.url)
        docs.append([identifier, length, _day(doc.date)])
        total += length
        _write_chunks(fragments, identifier, doc, text, fresh)
    buckets: list[dict[str, list[int]]] = [{} for _ in range(BUCKETS)]
    for term, entries in postings.items():
        buckets[bucket_of(term)][term] = entries
    target = folder / str(number)
    target.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.blake2b(digest_size=8)
    for bucket, terms in enumerate(buckets):
        data = _packed(terms)
        hasher.update(data)
        put(target / f"{bucket}.bin", data)
    data = _packed(docs)
    hasher.update(data)
    put(target / DOCS, data)
    return BlockState("", hasher.hexdigest(), total, len(group))


def _day(date: str) -> int:
    """2024-01-31 as 20240131: newer posts win ties, and a number is fewer bytes than the text."""
    digits = date.replace("-", "")
    return int(digits) if digits.isdigit() else 0


def _write_chunks(fragments: Path, identifier: str, doc: SearchDoc, text: str, fresh: bool) -> None:
    """The post's excerpt text in chunks, each with what a result shows above it; chunks a
    longer version of the post left behind are removed, so warm equals cold."""
    pieces = chunks(text)
    end = min(len(text), TEXT_LIMIT)
    put = _put_fresh if fresh else _put_new
    for number, piece in enumerate(pieces):
        start = number * CHUNK
        fragment = {"url": doc.url, "title": doc.title, "date": doc.date, "text": piece, "at": start, "end": end}
        put(fragments / f"{identifier}-{number}.bin", _packed(fragment))
    if fresh:
        return
    for number in range(len(pieces), -(-TEXT_LIMIT // CHUNK)):
        (fragments / f"{identifier}-{number}.bin").unlink(missing_ok=True)


def _prune(folder: Path, blocks: int, fragments: set[str]) -> None:
    """Blocks beyond the current count and excerpts of posts that are gone."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name.isdigit() and int(entry.name) >= blocks:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.is_dir() and entry.name.isdigit():  # what an index of an earlier FORMAT left
            for old in entry.glob("*.json"):
                old.unlink(missing_ok=True)
    texts = folder / "f"
    if texts.is_dir():
        for name in os.listdir(texts):
            if name.partition("-")[0] not in fragments:
                (texts / name).unlink(missing_ok=True)


def json_bytes(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


# On the 1,000-post corpus's 2,170 files (10.4 MB of JSON), zlib took 1.08 s of CPU at level 9 for
# 3.63 MB, 0.32 s at level 6 for 3.66 MB, 0.16 s at level 3 for 3.88 MB and 0.12 s at level 1 for
# 4.07 MB: level 3 halves what level 6 cost a first build, for 6 % more bytes (a query reads a
# term file a block and one excerpt chunk: a few hundred bytes more).
DEFLATE_LEVEL = 3


def _packed(value: object) -> bytes:
    """JSON deflated at a fixed level: the same value always gives the same bytes."""
    return zlib.compress(json_bytes(value), DEFLATE_LEVEL)


def unpacked(data: bytes) -> Any:
    """A .bin file of the index as the browser reads it (tests and the benchmark use this)."""
    return json.loads(zlib.decompress(data))


def _put_new(path: Path, data: bytes) -> None:
    """Write unless these bytes are there: an edit rewrites one block, not its 400 excerpts."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    put_safely(path, data)


def _put_fresh(path: Path, data: bytes) -> None:
    """Write a file into a folder no reader sees yet (see write_block). With the system's own
    calls, not a Python file object: 12 against 33 microseconds a file on tmpfs, 28 against 61
    on this machine's disk, for a first build's thousands of small files."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def put_safely(path: Path, data: bytes) -> None:
    """Write through a temporary name: a reader (blog serve) never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
