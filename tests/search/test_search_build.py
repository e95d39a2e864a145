"""`blog build` and the index: a first build indexes in a background process while pages are
written, and publishes what an in-line index would; a failed build leaves nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator.build.indexing
from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError
from generator.search import background as search
from tests.conftest import run_cli, staging_leftovers, tree_digest


def write_posts(site: Path, count: int) -> None:
    posts = site / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (site / "site.toml").write_text('title = "索引"\n', encoding="utf-8")
    for number in range(count):
        (posts / f"p{number}.md").write_text(
            f"---\ntitle: 第 {number} 篇\ndate: 2024-03-{number % 28 + 1:02d}\n---\n\n低秩 LoRA 第{number}段。\n",
            encoding="utf-8",
        )


def test_background_index_equals_the_in_line_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    write_posts(site, 12)
    monkeypatch.setattr(search, "BLOCK_TARGET_FOR_BACKGROUND", 10_000)
    in_line = build(BuildOptions(source=site, output=tmp_path / "a", use_cache=False))
    monkeypatch.setattr(search, "BLOCK_TARGET_FOR_BACKGROUND", 0)
    background = build(BuildOptions(source=site, output=tmp_path / "b", use_cache=False))
    assert "search" in background.stages
    assert tree_digest(in_line.output) == tree_digest(background.output)
    assert staging_leftovers(tmp_path) == []
    # and the state it left in the cache lets the next build rewrite nothing
    cached = BuildOptions(source=site, output=tmp_path / "c")
    build(cached)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "c" / "search-index").rglob("*") if p.is_file()}
    build(cached)
    assert before == {p: p.stat().st_mtime_ns for p in (tmp_path / "c" / "search-index").rglob("*") if p.is_file()}


@pytest.mark.skipif(not search.can_fork(), reason="the index is built in the background by a forked process only")
def test_a_build_that_fails_stops_the_background_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    write_posts(site, 3)
    (site / "templates").mkdir()
    (site / "templates" / "index.html").write_text("{{ missing_function() }}", encoding="utf-8")
    monkeypatch.setattr(search, "BLOCK_TARGET_FOR_BACKGROUND", 0)
    started: list[search.BackgroundIndex | None] = []

    def start(*args: object) -> search.BackgroundIndex | None:
        started.append(search.index_in_background(*args))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(generator.build.indexing, "index_in_background", start)
    with pytest.raises(BuildError):
        build(BuildOptions(source=site, output=tmp_path / "out", use_cache=False))
    assert started and started[0] is not None, "the failure came before the index started"
    assert not started[0].process.is_alive()
    assert not [p.name for p in tmp_path.iterdir() if ".search-" in p.name]


def test_an_index_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_posts(site, 3)
    output = site / "public"
    assert run_cli("build", "--source", site, cwd=site).returncode == 0
    shutil.rmtree(output / "search-index")
    (output / "search-index").write_text("a file where the index folder was", encoding="utf-8")
    post = site / "content" / "posts" / "p1.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    result = run_cli("build", "--source", site, cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "cannot write the search index" in result.stderr and "search-index" in result.stderr, result.stderr


@pytest.mark.skipif(not search.can_fork(), reason="the index is built in the background by a forked process only")
def test_an_output_on_another_disk_than_the_cache_gets_its_index_and_the_cache_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`blog build -o /mnt/elsewhere`: the background index is made beside the output, and its
    record goes to .cache/blog in the site; a rename between two disks fails (EXDEV), so the
    record must be written there, not moved."""
    site = tmp_path / "site"
    write_posts(site, 12)
    monkeypatch.setattr(search, "BLOCK_TARGET_FOR_BACKGROUND", 0)
    elsewhere = tmp_path / "other-disk"
    real_replace = search.os.replace

    def between_disks(source: str | Path, target: str | Path) -> None:
        if Path(source).is_relative_to(elsewhere) != Path(target).is_relative_to(elsewhere):
            raise OSError(18, "Invalid cross-device link")
        real_replace(source, target)

    monkeypatch.setattr(search.os, "replace", between_disks)
    cached = BuildOptions(source=site, output=elsewhere / "public")
    report = build(cached)
    assert "search" in report.stages
    assert (elsewhere / "public" / "search-index" / "index.json").is_file()
    assert (site / ".cache" / "blog" / search.SEARCH_STATE).is_file()
    before = {p: p.stat().st_mtime_ns for p in (elsewhere / "public" / "search-index").rglob("*") if p.is_file()}
    build(cached)  # the record is good: the next build rewrites nothing
    assert before == {
        p: p.stat().st_mtime_ns for p in (elsewhere / "public" / "search-index").rglob("*") if p.is_file()
    }
