"""A first build of a blog whose posts never had tags: one line for all of them, the real
warning still in sight, `--strict` still failing, and `blog serve` saying the same."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.cache import BuildCache
from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError

NOW = datetime(2026, 1, 1, tzinfo=UTC)
UNTAGGED = 12


def site_with_untagged(tmp_path: Path, count: int) -> Path:
    """`count` posts without tags, one tagged post with a formula that does not convert."""
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\n', "utf-8")
    for n in range(count):
        (posts / f"note-{n:02d}.md").write_text(
            f"---\ntitle: 笔记 {n}\ndate: 2020-01-{n + 1:02d}\n---\n正文。\n", "utf-8"
        )
    (posts / "formula.md").write_text("---\ntitle: 公式\ndate: 2020-02-02\ntags: [数学]\n---\n$\\frac{a$\n", "utf-8")
    return site


def options(site: Path, tmp_path: Path, **extra: bool) -> BuildOptions:
    return BuildOptions(source=site, output=tmp_path / "out", now=NOW, search_index=False, use_cache=False, **extra)


def untagged_lines(warnings: list[str]) -> list[str]:
    return [w for w in warnings if "no tags" in w]


def test_many_posts_without_tags_give_one_line_and_the_formula_stays_in_sight(tmp_path: Path) -> None:
    site = site_with_untagged(tmp_path, UNTAGGED)
    report = build(options(site, tmp_path))
    shown = [str(w) for w in report.warnings]
    assert untagged_lines(shown) == [
        f"content/posts/note-00.md:1: {UNTAGGED} posts have no tags: this one and {UNTAGGED - 1} more; they are "
        "listed under no tag (tags: [...] to list a post under a tag; blog build --all-warnings names each)"
    ]
    assert any(w.startswith("content/posts/formula.md:6: formula") for w in shown)
    assert len(shown) == 2


def test_all_warnings_names_every_post(tmp_path: Path) -> None:
    site = site_with_untagged(tmp_path, UNTAGGED)
    report = build(options(site, tmp_path, all_warnings=True))
    lines = untagged_lines([str(w) for w in report.warnings])
    assert lines == [
        f"content/posts/note-{n:02d}.md:1: post has no tags (tags: [...] to list it under a tag)"
        for n in range(UNTAGGED)
    ]


def test_three_posts_without_tags_are_named_one_by_one(tmp_path: Path) -> None:
    site = site_with_untagged(tmp_path, 3)
    report = build(options(site, tmp_path))
    assert len(untagged_lines([str(w) for w in report.warnings])) == 3


def test_strict_still_fails_on_the_folded_line(tmp_path: Path) -> None:
    site = site_with_untagged(tmp_path, UNTAGGED)
    with pytest.raises(BuildError) as failed:
        build(options(site, tmp_path, strict=True))
    assert [e.message for e in failed.value.errors] == [
        f"{UNTAGGED} posts have no tags: this one and {UNTAGGED - 1} more; they are listed under no tag"
    ]
    assert not (tmp_path / "out").exists()


def test_the_preview_shows_the_same_line_and_counts_again_after_a_save(tmp_path: Path) -> None:
    site = site_with_untagged(tmp_path, UNTAGGED)
    preview = BuildOptions(source=site, output=tmp_path / "preview", now=NOW, search_index=False, on_request=True)
    memory = BuildCache()
    first = build(preview, cache=memory)
    assert [str(w) for w in first.warnings] == [str(w) for w in build(options(site, tmp_path)).warnings]
    post = site / "content" / "posts" / "note-00.md"
    post.write_text("---\ntitle: 笔记 0\ndate: 2020-01-01\ntags: [笔记]\n---\n正文。\n", "utf-8")
    again = build(preview, cache=memory, changed=frozenset({str(post)}))
    assert untagged_lines([str(w) for w in again.warnings]) == [
        f"content/posts/note-01.md:1: {UNTAGGED - 1} posts have no tags: this one and {UNTAGGED - 2} more; they are "
        "listed under no tag (tags: [...] to list a post under a tag; blog build --all-warnings names each)"
    ]


def test_a_folder_of_plain_notebooks_gives_one_line_per_kind(tmp_path: Path) -> None:
    """38 notebooks without metadata printed 4 lines each; 5 here give 4 lines in all."""
    site = site_with_untagged(tmp_path, 0)
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# 第一课\n", "正文"]}]
    for n in range(5):
        notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (site / "content" / "posts" / f"lesson{n}.ipynb").write_text(json.dumps(notebook), "utf-8")
    report = build(options(site, tmp_path))
    lines = [str(w) for w in report.warnings if w.path.endswith(".ipynb")]
    assert [line.split(": ", 1)[1].split(":")[0] for line in lines] == [
        "5 notebooks have no front matter",
        "5 notebooks have no title",
        "5 notebooks have no date",
        "5 notebooks have no tags",
    ]
    assert all(line.startswith("content/posts/lesson0.ipynb:1: ") for line in lines)
