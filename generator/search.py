"""The search index: written by us, in blocks, so a build re-indexes only what changed.

Pagefind was the first index; it re-read every page on every build (28 s and 2.7 GB at
10,000 posts) and, split into bundles, answered differently from one whole index (each
bundle drops the query words it has never seen). Here every post lands in one of a
power-of-two number of blocks by a hash of its URL; a block is rewritten only when one of
its posts' URL, title, date or HTML changed, and the browser reads the same term file from
every block and scores with statistics summed over all of them, so the answers are those
of a single index whatever the split. The files are a pure function of the posts: a warm
build writes the bytes a clean one would.

Layout under output/search-index/: index.json (blocks, totals), <block>/docs.json
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
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

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
PARALLEL_BLOCKS = 4  # fewer dirty blocks than this are quicker in this process than forked


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


def index_site(output: Path, docs: Sequence[SearchDoc]) -> IndexReport:
    """Bring output/search-index/ up to date with `docs`, rewriting only changed blocks."""
    folder = output / FOLDER
    blocks = block_count(len(docs))
    members: list[list[SearchDoc]] = [[] for _ in range(blocks)]
    for doc in docs:
        members[block_of(doc.url, blocks)].append(doc)
    for group in members:
        group.sort(key=lambda doc: doc.url)
    signatures = [_signature(group) for group in members]
    previous = _previous(folder, blocks)
    tokens: list[int] = [0] * blocks
    dirty: list[int] = []
    for number, signature in enumerate(signatures):
        known = previous.get(number)
        if known is not None and known[0] == signature and (folder / str(number) / "docs.json").is_file():
            tokens[number] = known[1]
        else:
            dirty.append(number)
    for number, total in zip(dirty, _write_blocks(folder, [(n, members[n]) for n in dirty]), strict=True):
        tokens[number] = total
    _prune(folder, blocks, {fragment_id(doc.url) for doc in docs})
    summary = {
        "format": FORMAT,
        "buckets": BUCKETS,
        "docs": len(docs),
        "tokens": sum(tokens),
        "blocks": [
            [signature, total, len(group)] for signature, total, group in zip(signatures, tokens, members, strict=True)
        ],
    }
    _put(folder / "index.json", _json(summary))
    shutil.rmtree(output / LEGACY_FOLDER, ignore_errors=True)
    return IndexReport(posts=len(docs), blocks=blocks, rebuilt=len(dirty))


def _signature(group: list[SearchDoc]) -> str:
    hasher = hashlib.blake2b(f"{FORMAT}|{BUCKETS}".encode(), digest_size=8)
    for doc in group:
        hasher.update(f"\x00{doc.url}\x01{doc.title}\x01{doc.date}\x01{doc.key}".encode())
    return hasher.hexdigest()


def _previous(folder: Path, blocks: int) -> dict[int, tuple[str, int]]:
    """Signatures and token counts of the blocks on disk; nothing if they were cut differently."""
    try:
        summary = json.loads((folder / "index.json").read_text(encoding="utf-8"))
        if summary.get("format") != FORMAT or summary.get("buckets") != BUCKETS or len(summary["blocks"]) != blocks:
            return {}
        return {n: (str(entry[0]), int(entry[1])) for n, entry in enumerate(summary["blocks"])}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}


_FORKED: tuple[Path, list[tuple[int, list[SearchDoc]]]] | None = None


def _forked_block(index: int) -> int:
    assert _FORKED is not None
    folder, jobs = _FORKED
    return write_block(folder, *jobs[index])


def _write_blocks(folder: Path, jobs: list[tuple[int, list[SearchDoc]]]) -> list[int]:
    """Dirty blocks on every core when there are many (a first build), else right here."""
    global _FORKED
    workers = min(os.cpu_count() or 1, len(jobs))
    forkable = threading.active_count() == 1 and "fork" in mp.get_all_start_methods()
    if len(jobs) < PARALLEL_BLOCKS or workers < 2 or not forkable:
        return [write_block(folder, number, group) for number, group in jobs]
    _FORKED = (folder, jobs)
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return pool.map(_forked_block, range(len(jobs)), chunksize=1)
    finally:
        _FORKED = None


def write_block(folder: Path, number: int, group: list[SearchDoc]) -> int:
    """One block's term files, its post list and its posts' excerpt texts; returns its length in terms."""
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
        _put(fragments / f"{identifier}.json", _json(fragment))
    buckets: list[dict[str, list[int]]] = [{} for _ in range(BUCKETS)]
    for term, entries in postings.items():
        buckets[bucket_of(term)][term] = entries
    target = folder / str(number)
    target.mkdir(parents=True, exist_ok=True)
    for bucket, terms in enumerate(buckets):
        _put(target / f"{bucket}.json", _json(terms))
    _put(target / "docs.json", _json(docs))
    return total


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


def _put(path: Path, data: bytes) -> None:
    """Write through a temporary name: a reader (blog serve) never sees half a file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
