"""`blog build` with nothing changed answers from the last build's record (generator/build/unchanged.py).

Each test builds a fixture site, changes one thing a writer (or a tool) could change, and
checks that the next build is a replay only when a full build would have written nothing,
and that the output then equals a clean build's.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator.build import unchanged
from generator.build.buildinfo import BuildReport
from generator.build.entry import build_or_replay
from generator.build.pipeline import BuildOptions, build

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 1, 1, tzinfo=SHANGHAI)


def replayed(report: BuildReport) -> bool:
    return "unchanged" in report.stages


@pytest.fixture
def site(copy_site: Callable[[str], Path]) -> Path:
    folder = copy_site("basic")
    config = folder / "site.toml"
    config.write_text("search = false\n" + config.read_text("utf-8"), "utf-8")  # before any [table]
    return folder


def options(site: Path, **changes: Any) -> BuildOptions:
    values: dict[str, Any] = {"source": site, "output": site / "public", "now": NOW}
    return BuildOptions(**{**values, **changes})


def clean_equal(site: Path, digest_tree: Callable[[Path], dict[str, str]], **changes: Any) -> None:
    clean = site.parent / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(options(site, output=clean, use_cache=False, **changes))
    assert digest_tree(site / "public") == digest_tree(clean)


def test_nothing_changed_is_a_replay_with_the_same_report(site: Path) -> None:
    first = build_or_replay(options(site))
    assert not replayed(first)
    again = build_or_replay(options(site))
    assert replayed(again)
    assert (again.posts, again.pages, again.tags, again.static_files) == (
        first.posts,
        first.pages,
        first.tags,
        first.static_files,
    )
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
    assert again.changed == again.removed == again.rendered_pages == []
    assert again.cache_hits == first.posts


def test_a_moved_blog_replays_its_migration_summary(copy_site: Callable[[str], Path]) -> None:
    site = copy_site("move-hugo")
    first = build_or_replay(options(site))
    assert first.migration is not None and first.migration.shows_a_move
    again = build_or_replay(options(site))
    assert replayed(again)
    assert again.migration == first.migration


@pytest.mark.parametrize(
    "change",
    [
        "post-body",
        "post-front-matter",
        "new-post",
        "deleted-post",
        "template",
        "static-file",
        "site-toml",
        "output-edited",
        "output-deleted",
        "cache-deleted",
    ],
)
def test_any_change_builds_and_equals_a_clean_build(
    site: Path, change: str, digest_tree: Callable[[Path], dict[str, str]]
) -> None:
    build_or_replay(options(site))
    posts = site / "content" / "posts"
    if change == "post-body":
        (posts / "hello.md").write_text((posts / "hello.md").read_text("utf-8") + "\n新的一段。\n", "utf-8")
    elif change == "post-front-matter":
        text = (posts / "hello.md").read_text("utf-8")
        (posts / "hello.md").write_text(text.replace("title:", "title: 改过的", 1), "utf-8")
    elif change == "new-post":
        (posts / "added.md").write_text("---\ntitle: 新的\ndate: 2025-05-05\ntags: [写作]\n---\n\n正文\n", "utf-8")
    elif change == "deleted-post":
        (posts / "lora.md").unlink()
    elif change == "template":
        template = next((site / "templates").rglob("*.html"))
        template.write_text(template.read_text("utf-8") + "\n<!-- 改过 -->\n", "utf-8")
    elif change == "static-file":
        (site / "static" / "extra.txt").write_text("新文件", "utf-8")
    elif change == "site-toml":
        config = site / "site.toml"
        config.write_text(config.read_text("utf-8").replace("per_page = 5", "per_page = 4"), "utf-8")
    elif change == "output-edited":
        page = site / "public" / "index.html"
        page.write_text("被手改了", "utf-8")
    elif change == "output-deleted":
        (site / "public" / "posts" / "hello" / "index.html").unlink()
    elif change == "cache-deleted":
        shutil.rmtree(site / ".cache" / "blog" / "html")
        (site / ".cache" / "blog" / "index.pickle").unlink()
    report = build_or_replay(options(site))
    assert not replayed(report), change
    clean_equal(site, digest_tree)
    assert replayed(build_or_replay(options(site)))  # and the build that followed left a record again


def test_other_options_build(site: Path) -> None:
    build_or_replay(options(site))
    assert not replayed(build_or_replay(options(site, drafts=True)))
    assert not replayed(build_or_replay(options(site)))  # the drafts build replaced the record
    assert not replayed(build_or_replay(options(site, base_url="https://example.com/other/")))
    assert not replayed(build_or_replay(options(site, use_cache=False)))
    assert not replayed(build_or_replay(options(site)))
    assert replayed(build_or_replay(options(site)))


def test_a_future_post_falling_due_builds(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a fixed `now` the clock decides which posts are out; the record expires with it."""
    posts = site / "content" / "posts"
    soon = datetime.now(SHANGHAI) + timedelta(days=1)
    text = f"---\ntitle: 快到了\ndate: {soon:%Y-%m-%d %H:%M}\ntags: [写作]\n---\n\n正文\n"
    (posts / "soon.md").write_text(text, "utf-8")
    build_or_replay(options(site, now=None))
    assert not (site / "public" / "posts" / "soon" / "index.html").exists()
    assert replayed(build_or_replay(options(site, now=None)))

    class Tomorrow(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return datetime.now(tz) + timedelta(days=2)

    monkeypatch.setattr(unchanged, "datetime", Tomorrow)
    assert unchanged.replay(options(site, now=None)) is None  # soon.md is due: the full build must run


def test_a_second_save_in_the_same_clock_tick_is_seen_by_its_bytes(
    site: Path, monkeypatch: pytest.MonkeyPatch, digest_tree: Callable[[Path], dict[str, str]]
) -> None:
    """A clock too coarse to tell two saves apart: the site's files all show one time, just now."""
    site_files = {path.stat().st_ino for path in site.rglob("*") if path.is_file()}
    tick = time.time_ns()
    real = unchanged._stat_row

    def coarse(info: os.stat_result) -> tuple[int, int, int, int]:
        return (info.st_size, tick, tick, info.st_ino) if info.st_ino in site_files else real(info)

    monkeypatch.setattr(unchanged, "_stat_row", coarse)
    build_or_replay(options(site))
    assert replayed(build_or_replay(options(site)))
    post = site / "content" / "posts" / "hello.md"
    text = post.read_text("utf-8")
    post.write_text(text.replace("short", "quick", 1), "utf-8")  # same size, same file
    assert post.read_text("utf-8") != text and len(post.read_bytes()) == len(text.encode("utf-8"))
    assert not replayed(build_or_replay(options(site)))
    clean_equal(site, digest_tree)


@pytest.mark.parametrize("touch", ["nothing", "index.json", "docs.bin", "state", "pagefind"])
def test_search_on_replays_until_its_index_is_touched(
    site: Path, touch: str, digest_tree: Callable[[Path], dict[str, str]]
) -> None:
    config = site / "site.toml"
    config.write_text(config.read_text("utf-8").replace("search = false\n", "search = true\n"), "utf-8")
    build_or_replay(options(site))
    index = site / "public" / "search-index"
    assert (index / "index.json").is_file()
    if touch == "index.json":
        (index / "index.json").write_text("{}", "utf-8")
    elif touch == "docs.bin":  # a block's post list (FORMAT 2: deflated JSON)
        next(index.glob("*/docs.bin")).unlink()
    elif touch == "state":
        (site / ".cache" / "blog" / "search-index.json").unlink()
    elif touch == "pagefind":  # what an old version published: the full build removes it
        (site / "public" / "pagefind").mkdir()
    assert replayed(build_or_replay(options(site))) == (touch == "nothing")
    clean_equal(site, digest_tree)


def test_blog_build_says_nothing_changed_the_same_way(site: Path, cli: Callable[..., Any]) -> None:
    first = cli("build", "-q", cwd=site)
    assert first.returncode == 0, first.stderr
    assert "warning" in first.stderr
    again = cli("build", "-q", cwd=site)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", first.stderr)  # the same warnings, listed again
    shown = cli("build", cwd=site)
    assert shown.returncode == 0, shown.stderr
    assert "files written 0, " in shown.stdout and "posts parsed 0, from cache 12" in shown.stdout
    assert "stages: unchanged" in shown.stdout


def test_a_fresh_copy_leaves_no_record_to_hash_it_all_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files changed just now are remembered by their bytes, but not thousands of them (a fresh clone)."""
    monkeypatch.setattr(unchanged, "RACY_MAX", 3)  # the copied site has more files than that, all just made
    build_or_replay(options(site))
    assert not unchanged.record_file(options(site)).exists()
    assert not replayed(build_or_replay(options(site)))


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05}\x94."])  # empty, garbage, an empty dict
def test_a_damaged_record_only_costs_a_full_build(site: Path, damage: bytes) -> None:
    build_or_replay(options(site))
    unchanged.record_file(options(site)).write_bytes(damage)
    report = build_or_replay(options(site))
    assert not replayed(report) and report.posts == 12
