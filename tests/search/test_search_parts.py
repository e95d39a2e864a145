"""A first build's index, shared between two processes in parts of a block: whoever finishes a
block's last part writes the block from every part, and the files are an in-line index's."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

import pytest

from generator.search import background
from generator.search import text as search_text
from generator.search.index import FOLDER, SearchDoc, Taxon, index_site

WORDS = ["低秩", "对比学习", "LoRA", "注意力", "梯度", "SigLIP", "显存", "tokenizer", "分布式", "的"]


def doc(number: int) -> SearchDoc:
    html = f"<h2>第{number}节</h2><p>{WORDS[number % len(WORDS)]} 第{number}篇 {WORDS[number * 7 % len(WORDS)]}</p>"
    taxa = (Taxon("tag", WORDS[number % 3], f"/tags/{number % 3}/"),)
    return SearchDoc(
        f"/posts/{number}/", f"标题{number}", "2024-01-02", hashlib.sha1(html.encode()).hexdigest(), lambda: html, taxa
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def work_for(docs: list[SearchDoc]) -> background._Work:
    members = background.block_members(docs)
    units = [(b, first) for b, group in enumerate(members) for first in range(0, len(group), background.PART)]
    return background._Work(members, units, multiprocessing.Value("i", 0), multiprocessing.Array("i", len(members)))


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_text, "BLOCK_TARGET", 4)  # 30 posts: 8 blocks
    monkeypatch.setattr(background, "PART", 2)  # some of one part, some of several


def test_parts_made_by_two_takers_write_the_blocks_an_in_line_index_writes(
    tmp_path: Path, small: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two takers in turn, as the two processes can interleave: the first takes the first part
    of each block; the second takes the rest and writes every block of several parts, from
    the part the first saved and its own."""
    docs = [doc(number) for number in range(30)]
    index_site(tmp_path / "in-line", docs, None)
    work = work_for(docs)
    scratch = tmp_path / "scratch"
    (scratch / background._PARTS).mkdir(parents=True)

    def handing(units: list[int]) -> object:
        return lambda work, alive: units.pop(0) if units else None

    starts = [unit for unit, (_, first) in enumerate(work.units) if first == 0]
    monkeypatch.setattr(background, "_next_unit", handing(list(starts)))
    first = background._take_parts(scratch, work, lambda: True)
    monkeypatch.setattr(background, "_next_unit", handing([u for u in range(len(work.units)) if u not in starts]))
    second = background._take_parts(scratch, work, lambda: True)
    split = [block for block in range(len(work.members)) if work.parts_of(block) > 1]
    assert split and len(split) < len(work.members), "the posts make blocks of one part and of two"
    assert sorted(first) == [block for block in range(len(work.members)) if block not in split]
    assert sorted(second) == split  # from the part the first saved, and its own
    saved = sum(work.parts_of(block) - 1 for block in split)  # all but the part that completed its block
    assert len(list((scratch / background._PARTS).iterdir())) == saved
    expected = tree(tmp_path / "in-line" / FOLDER)
    assert tree(scratch / FOLDER) == {name: data for name, data in expected.items() if name != "index.json"}


@pytest.mark.skipif(not background.can_fork(), reason="the index is built in the background by a forked process only")
def test_the_background_index_in_small_parts_equals_the_in_line_one(tmp_path: Path, small: None) -> None:
    docs = [doc(number) for number in range(30)]
    index_site(tmp_path / "in-line", docs, None)
    output = tmp_path / "public"
    output.mkdir()
    started = background.index_in_background(output, docs, None)
    assert started is not None
    report = started.finish(output)
    assert (report.blocks, report.rebuilt, report.posts) == (8, 8, 30)
    assert tree(output / FOLDER) == tree(tmp_path / "in-line" / FOLDER)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in-line", "public"]  # the scratch folder is gone
