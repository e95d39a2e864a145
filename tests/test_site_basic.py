"""The whole pipeline on tests/sites/basic, compared with hand-checked expected pages.

Run with UPDATE_EXPECTED=1 to rewrite tests/sites/basic/expected/ from the current output;
then read the diff: every expected file must be right, not just what the code printed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import BuildOptions, BuildReport, build
from generator.errors import Severity

SITE = Path(__file__).resolve().parent / "sites" / "basic"
EXPECTED = SITE / "expected"
NOW = datetime(2026, 1, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

# The pages kept in expected/ (UPDATE_EXPECTED=1 writes exactly these).
EXPECTED_PAGES = (
    "index.html",
    "page/2/index.html",
    "page/3/index.html",
    "posts/感受野/index.html",
    "posts/lora/index.html",
    "posts/math/index.html",
    "posts/more/index.html",
    "posts/nested-post/index.html",
    "tags/index.html",
    "tags/python/index.html",
    "tags/python/page/2/index.html",
    "tags/写作/index.html",
)

PUBLISHED = {
    "2025-09-09-from-filename.md": "from-filename",
    "code.md": "code",
    "emoji.md": "emoji",
    "hello.md": "hello",
    "lora.md": "lora",
    "math.md": "math",
    "mixed.md": "mixed",
    "more.md": "more",
    "nested/sub.md": "nested-post",
    "notags.md": "notags",
    "toml-front.md": "toml-front",
    "感受野.md": "感受野",
}


def normalise(html: str) -> str:
    """Whitespace between tags does not matter; everything else does."""
    html = html.replace("\r\n", "\n").strip()
    return re.sub(r">\s+<", "><", html)


def build_basic(site: Path, output: Path, **options: object) -> BuildReport:
    return build(BuildOptions(source=site, output=output, now=NOW, **options))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    root = tmp_path_factory.mktemp("basic")
    site = root / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    output = root / "public"
    return output, build_basic(site, output)


@pytest.mark.skipif(not os.environ.get("UPDATE_EXPECTED"), reason="set UPDATE_EXPECTED=1 to rewrite expected/")
def test_update_expected(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    for name in EXPECTED_PAGES:
        target = EXPECTED / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((output / name).read_bytes())


def test_expected_folder_lists_exactly_the_expected_pages() -> None:
    on_disk = sorted(p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file())
    assert on_disk == sorted(EXPECTED_PAGES)


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_page_matches_expected(built: tuple[Path, BuildReport], name: str) -> None:
    output, _ = built
    actual = output / name
    assert actual.is_file(), f"{name} was not built"
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    assert normalise(actual.read_text(encoding="utf-8")) == normalise(expected)


def test_report_counts(built: tuple[Path, BuildReport]) -> None:
    _, report = built
    assert report.posts == 12
    assert report.tags == 8


def test_one_page_per_published_post_and_nothing_else(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    posts = sorted(p.parent.name for p in (output / "posts").rglob("index.html"))
    assert posts == sorted(PUBLISHED.values())
    assert not (output / "posts" / "draft").exists()
    assert not (output / "posts" / "future").exists()


def test_one_page_per_tag_paginated(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    tag_pages = sorted(p.relative_to(output / "tags").as_posix() for p in (output / "tags").rglob("index.html"))
    assert tag_pages == sorted(
        [
            "index.html",
            "python/index.html",
            "python/page/2/index.html",
            "写作/index.html",
            "工具/index.html",
            "深度学习/index.html",
            "大模型/index.html",
            "微调/index.html",
            "数学/index.html",
            "计算机视觉/index.html",
        ]
    )
    assert not (output / "tags" / "草稿").exists()
    assert not (output / "tags" / "未来").exists()


def test_index_pages(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    counts = [
        (output / name).read_text(encoding="utf-8").count('<article class="entry">')
        for name in ("index.html", "page/2/index.html", "page/3/index.html")
    ]
    assert counts == [5, 5, 2]
    assert not (output / "page" / "1").exists()
    assert not (output / "page" / "4").exists()


def test_static_files_are_copied_as_is(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    assert (output / "img" / "logo.png").read_bytes() == (SITE / "static" / "img" / "logo.png").read_bytes()
    assert (output / "robots.txt").read_bytes() == (SITE / "static" / "robots.txt").read_bytes()
    css = (output / "css" / "syntax.css").read_text(encoding="utf-8")
    assert ".highlight" in css
    assert "prefers-color-scheme: dark" in css


def test_warnings_are_reported_not_fatal(built: tuple[Path, BuildReport]) -> None:
    _, report = built
    messages = [str(w) for w in report.warnings]
    assert "content/posts/notags.md:1: post has no tags (tags: [...] to list it under a tag)" in messages
    assert all(w.severity is Severity.WARNING for w in report.warnings)


def test_rebuild_is_byte_identical(
    built: tuple[Path, BuildReport], tmp_path: Path, digest_tree: Callable[[Path], dict[str, str]]
) -> None:
    output, _ = built
    again = tmp_path / "again"
    build_basic(output.parent / "site", again)
    assert digest_tree(again) == digest_tree(output)


def test_drafts_and_future_when_asked(tmp_path: Path, copy_site: Callable[[str], Path]) -> None:
    site = copy_site("basic")
    output = tmp_path / "out"
    report = build_basic(site, output, drafts=True, future=True)
    assert report.posts == 14
    assert (output / "posts" / "draft" / "index.html").is_file()
    assert (output / "posts" / "future" / "index.html").is_file()
    assert (output / "tags" / "草稿" / "index.html").is_file()
    first = (output / "index.html").read_text(encoding="utf-8")
    assert first.index("未来的文章") < first.index("子文件夹里的文章")


def test_future_is_relative_to_now(tmp_path: Path, copy_site: Callable[[str], Path]) -> None:
    site = copy_site("basic")
    later = datetime(2030, 1, 1, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    report = build(BuildOptions(source=site, output=tmp_path / "out", now=later))
    assert report.posts == 13
    earlier = datetime(2025, 6, 1, 18, 29, tzinfo=ZoneInfo("Asia/Shanghai"))
    report = build(BuildOptions(source=site, output=tmp_path / "out2", now=earlier))
    assert report.posts == 5  # hello, 感受野, lora, more, math; code is one minute later


def test_base_url_override_moves_every_link(tmp_path: Path, copy_site: Callable[[str], Path]) -> None:
    site = copy_site("basic")
    output = tmp_path / "out"
    build_basic(site, output, base_url="https://user.github.io/repo/")
    html = (output / "posts" / "nested-post" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src)="(/[^"]*)"', html)
    assert links
    assert all(link.startswith("/repo/") for link in links), links
    assert '<a href="/repo/posts/hello/">第一篇</a>' in html
    assert "/blog/" not in html
