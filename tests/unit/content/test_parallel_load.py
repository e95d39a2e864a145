"""A large blog's posts are read by forked workers: the same posts and problems, in the same order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import generator.content.loader as loader
from generator.config.settings import SiteConfig
from generator.content.loader import SourceEntry, load_posts
from generator.processes import can_fork

pytestmark = pytest.mark.skipif(not can_fork() or (os.cpu_count() or 1) < 2, reason="reads in forked workers")


def _blog(root: Path) -> None:
    posts = root / "content" / "posts"
    (posts / "deep").mkdir(parents=True)
    for number in range(40):
        folder = posts / "deep" if number % 3 == 0 else posts
        if number == 7:
            text = "---\ntitle: [unclosed\n---\n正文\n"  # an error
        elif number == 11:
            text = "---\ntitle: 无日期\nunknown_key: 1\n---\n正文 {{< ref x >}}\n"  # warnings
        elif number == 13:
            text = "no front matter at all\n"
        else:
            text = f"---\ntitle: 文章{number}\ndate: 2025-01-{number % 28 + 1:02d}\ntags: [t{number % 4}]\n---\n正文{number}\n"
        (folder / f"p{number:02d}.md").write_text(text, encoding="utf-8")
    (posts / "bad.md").write_bytes(b"---\ntitle: x\n---\n\xff\xfe")  # not UTF-8


def _load(root: Path, memo: dict[str, SourceEntry] | None = None) -> tuple[list[tuple[str, str, str]], list[str]]:
    posts, found = load_posts(SiteConfig(root=root), memo)
    return [(p.source, p.title, p.body or "") for p in posts], [str(d) for d in found]


def test_forked_readers_give_what_reading_here_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _blog(tmp_path)
    here = _load(tmp_path)
    forked_calls: list[int] = []
    real = loader.map_in_workers
    monkeypatch.setattr(loader, "map_in_workers", lambda *a, **k: forked_calls.append(1) or real(*a, **k))
    monkeypatch.setattr(loader, "PARALLEL_READS", 2)
    monkeypatch.setattr(loader, "can_fork", lambda: True)  # threads other tests left would say no
    forked = _load(tmp_path)
    assert forked_calls == [1]
    assert forked == here
    assert len(here[0]) == 39 and any("p07.md" in d for d in here[1]) and any("bad.md" in d for d in here[1])


def test_a_memo_mixes_with_forked_reads_in_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm build after some edits: remembered files and read ones interleave as before."""
    _blog(tmp_path)
    memo: dict[str, SourceEntry] = {}
    _load(tmp_path, memo)
    for number in (2, 5, 29):
        path = tmp_path / "content" / "posts" / f"p{number:02d}.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n改了\n", encoding="utf-8")
    here_memo = dict(memo)
    here = _load(tmp_path, here_memo)
    monkeypatch.setattr(loader, "PARALLEL_READS", 2)
    monkeypatch.setattr(loader, "can_fork", lambda: True)
    forked_memo = dict(memo)
    forked = _load(tmp_path, forked_memo)
    assert forked == here
    assert forked_memo == here_memo
