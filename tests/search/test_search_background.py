"""A first build's index made by a forked process and the build together, block by block:
the files are an in-line index's, and nothing is left beside the output."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.search import background
from generator.search import text as search_text
from generator.search.index import FOLDER, SearchDoc, Taxon, index_site

WORDS = ["低秩", "对比学习", "LoRA", "注意力", "梯度", "SigLIP", "显存", "tokenizer", "分布式", "的"]


def doc(number: int) -> SearchDoc:
    html = f"<h2>第{number}节</h2><p>{WORDS[number % len(WORDS)]} 第{number}篇 {WORDS[number * 7 % len(WORDS)]}</p>"
    taxa = (Taxon("tag", WORDS[number % 3], f"/tags/{number % 3}/"),)
    key = hashlib.sha1(html.encode()).hexdigest()
    return SearchDoc(f"/posts/{number}/", f"标题{number}", "2024-01-02", key, lambda: html, taxa)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not background.can_fork(), reason="the index is built in the background by a forked process only")
def test_blocks_written_by_both_processes_make_the_in_line_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_text, "BLOCK_TARGET", 4)  # 30 posts: 8 blocks for the two to share
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
