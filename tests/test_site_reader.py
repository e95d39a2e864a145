"""tests/sites/reader: pinned posts across page boundaries, a three-part series, related posts
and opt-in comments, through the whole pipeline; rebuilds re-render exactly what changed."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import BuildOptions, BuildReport, build
from generator.errors import BuildError
from tests.conftest import SITES, tree_digest

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
ENTRY = re.compile(r'<article class="entry( entry-pinned)?">\s*<h2 class="entry-title"><a href="[^"]+">([^<]+)</a>')
TITLES = {
    "a": "最新的一篇随笔",
    "b": "从零训练 Transformer（二）：注意力的实现",
    "c": "Hugo 迁移过来的置顶文章",
    "d": "从零训练 Transformer（三）：训练循环",
    "e": "Python 的 dataclass 小技巧",
    "f": "博客导读（置顶）",
    "g": "从零训练 Transformer（一）：分词与数据",
    "h": "命令行工具推荐",
    "i": "Hexo 的 top 置顶",
    "j": "用 Python 读写 JSON Lines",
    "k": "Hexo 的 sticky 置顶",
}
SLUGS = {
    "a": "a-newest",
    "b": "b-series-2",
    "c": "c-weight",
    "d": "d-series-3",
    "e": "e-plain",
    "f": "f-pin",
    "g": "g-series-1",
    "h": "h-plain",
    "i": "i-top",
    "j": "j-plain",
    "k": "k-sticky",
}
SERIES_PAGE = "series/从零训练-transformer/index.html"
COMMENTS = """
[comments]
repo = "example/blog-comments"
repo_id = "R_kgDOTEST01"
category = "Announcements"
category_id = "DIC_kwDOTEST01"
"""


def names(titles: list[str]) -> list[str]:
    by_title = {title: key for key, title in TITLES.items()}
    return [by_title[t] for t in titles]


def entries(page: Path) -> list[tuple[str, bool]]:
    """(post letter, marked as pinned) for every entry of a list page, in order."""
    found = ENTRY.findall(page.read_text(encoding="utf-8"))
    return [(names([title])[0], bool(pinned)) for pinned, title in found]


def section(page: Path, css_class: str) -> str:
    html = page.read_text(encoding="utf-8")
    match = re.search(rf'<(nav|section) class="{css_class}".*?</\1>', html, re.DOTALL)
    return match.group(0) if match else ""


def linked_titles(html: str) -> list[str]:
    return names(re.findall(r'<a [^>]*href="/blog/posts/[^"]+/"[^>]*>(?:<span>[^<]*</span>)?([^<]+)</a>', html))


def post_page(output: Path, letter: str) -> Path:
    return output / "posts" / SLUGS[letter] / "index.html"


def copy_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITES / "reader", site, ignore=shutil.ignore_patterns("public", ".cache"))
    return site


def build_site(site: Path, output: Path | None = None, cache: bool = True) -> BuildReport:
    return build(BuildOptions(source=site, output=output or site / "public", now=NOW, use_cache=cache))


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("reader"))
    report = build_site(site, cache=False)
    assert report.posts == 11
    assert report.warnings == []  # pin, sticky, top, weight, series and comments are all known keys
    return site / "public"


def test_pinned_posts_lead_the_first_page_each_once(output: Path) -> None:
    pages = [output / "index.html", output / "page/2/index.html", output / "page/3/index.html"]
    listed = [entries(p) for p in pages]
    assert listed[0] == [("k", True), ("f", True), ("i", True), ("c", True), ("a", False)]
    assert listed[1] == [(x, False) for x in "bdegh"]
    assert listed[2] == [("j", False)]
    every = [letter for page in listed for letter, _ in page]
    assert sorted(every) == sorted(TITLES)  # each post exactly once across the pages
    assert all(len(page) <= 5 for page in listed)
    assert not (output / "page/4").exists()


def test_pinned_posts_keep_their_date_order_elsewhere(output: Path) -> None:
    assert entries(output / "tags/python/index.html") == [(x, False) for x in "efij"]
    archives = (output / "archives/index.html").read_text(encoding="utf-8")
    assert linked_titles(archives) == list("abcdefghijk")
    atom = (output / "atom.xml").read_text(encoding="utf-8")
    assert names(re.findall(r"<entry>\s*<id>[^<]*</id>\s*<title[^>]*>([^<]+)</title>", atom)) == list("abcdefghijk")


def test_series_page_lists_the_parts_in_series_order(output: Path) -> None:
    assert entries(output / SERIES_PAGE) == [("g", False), ("b", False), ("d", False)]
    index = (output / "series/index.html").read_text(encoding="utf-8")
    assert "从零训练 Transformer" in index
    assert linked_titles(index) == ["g", "b", "d"]


def test_each_part_shows_the_series_with_itself_marked_and_its_neighbours(output: Path) -> None:
    box = section(post_page(output, "b"), "series-box")
    assert 'href="/blog/series/%E4%BB%8E%E9%9B%B6%E8%AE%AD%E7%BB%83-transformer/"' in box
    assert "第 2 / 3 篇" in box
    assert linked_titles(box) == ["g", "d"]
    assert f'<span aria-current="page">{TITLES["b"]}</span>' in box
    nav = section(post_page(output, "b"), "post-nav series-nav")
    assert linked_titles(nav) == ["g", "d"]
    first = section(post_page(output, "g"), "post-nav series-nav")
    assert linked_titles(first) == ["b"] and "系列下一篇" in first and "系列上一篇" not in first
    assert section(post_page(output, "e"), "series-box") == ""


@pytest.mark.parametrize(
    ("letter", "expected"),
    [
        ("b", ["g", "d"]),  # shares tags and the series with both, with no one else
        ("e", ["f", "i", "j"]),  # one common tag with each: nearest in date first
        ("f", ["h", "e", "i"]),  # 工具 (2 posts) is rarer than Python (4 posts), so h leads
    ],
)
def test_related_posts(output: Path, letter: str, expected: list[str]) -> None:
    related = section(post_page(output, letter), "related")
    assert linked_titles(related) == expected


def test_no_comments_unless_configured(output: Path) -> None:
    for page in output.rglob("*.html"):
        assert "giscus" not in page.read_text(encoding="utf-8"), page


def test_comments_when_configured_except_where_turned_off(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    (site / "site.toml").write_text((site / "site.toml").read_text(encoding="utf-8") + COMMENTS, encoding="utf-8")
    build_site(site, cache=False)
    output = site / "public"
    widget = section(post_page(output, "a"), "comments")
    assert '<script src="https://giscus.app/client.js"' in widget
    for attribute in (
        'data-repo="example/blog-comments"',
        'data-repo-id="R_kgDOTEST01"',
        'data-category-id="DIC_kwDOTEST01"',
        'data-mapping="pathname"',
        'data-lang="zh-CN"',
        'data-theme="preferred_color_scheme"',
    ):
        assert attribute in widget
    assert section(post_page(output, "f"), "comments") == ""  # comments: false
    assert "giscus" not in (output / "index.html").read_text(encoding="utf-8")


def test_incomplete_comments_table_stops_the_build(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    text = (site / "site.toml").read_text(encoding="utf-8") + COMMENTS.replace('repo_id = "R_kgDOTEST01"\n', "")
    (site / "site.toml").write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build_site(site, cache=False)
    messages = [str(d) for d in raised.value.diagnostics]
    line = text.splitlines().index("[comments]") + 1
    assert any(m.startswith(f"site.toml:{line}:") and "[comments] has no 'repo_id'" in m for m in messages), messages
    assert not (site / "public").exists()


def _edit(site: Path, letter: str, old: str, new: str) -> None:
    path = site / "content" / "posts" / f"{SLUGS[letter]}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_body_edit_leaves_pages_that_only_list_the_post_as_related(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    build_site(site)
    _edit(site, "e", "slots 和 frozen 的取舍。", "slots 和 frozen 怎么选。")
    rendered = set(build_site(site).rendered_pages)
    assert "/posts/e-plain/" in rendered
    assert "/posts/f-pin/" not in rendered  # lists e as related, but only by title, URL and date
    assert "/posts/j-plain/" not in rendered


def test_a_title_edit_re_renders_the_pages_whose_related_lists_show_it(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    build_site(site)
    _edit(site, "e", "title: Python 的 dataclass 小技巧", "title: dataclass 的小技巧")
    rendered = set(build_site(site).rendered_pages)
    assert {"/posts/e-plain/", "/posts/f-pin/", "/posts/i-top/", "/posts/j-plain/"} <= rendered
    assert "/posts/h-plain/" not in rendered  # its related list does not include e
    assert "/posts/b-series-2/" not in rendered


@pytest.mark.parametrize(
    ("letter", "old", "new"),
    [
        ("j", "tags: [Python]", "tags: [工具]"),  # changes tag rarity: related lists elsewhere move
        ("g", "series_order: 1", "series_order: 4"),  # the series' order changes on every part
        ("a", "tags: [随笔]", "tags: [随笔]\npin: 2"),  # a new pinned post reshuffles the index pages
    ],
)
def test_warm_build_after_an_edit_equals_a_cold_one(tmp_path: Path, letter: str, old: str, new: str) -> None:
    site = copy_site(tmp_path)
    build_site(site)
    _edit(site, letter, old, new)
    build_site(site)
    build_site(site, tmp_path / "cold", cache=False)
    assert tree_digest(site / "public") == tree_digest(tmp_path / "cold")


def add_weight(path: Path, weight: int) -> None:
    """A Hugo `weight` in the post's front matter, in its own syntax (TOML or YAML)."""
    text = path.read_text(encoding="utf-8")
    fence, line = ("+++", f"weight = {weight}") if text.startswith("+++") else ("---", f"weight: {weight}")
    path.write_text(text.replace(f"{fence}\n", f"{fence}\n{line}\n", 1), encoding="utf-8")


def test_weight_on_most_posts_orders_sections_and_pins_nothing(tmp_path: Path) -> None:
    """A Wowchemy/Hugo Blox site gives every page a weight to order its sidebar: all 170 posts of
    a real one were marked 置顶. When most posts carry a weight it pins nothing; pin, sticky and
    top still pin; a warm build after the weights arrive equals a clean one."""
    site = copy_site(tmp_path)
    build_site(site)  # c's weight pins it: one weight among 11 posts
    for letter, weight in zip("aehjkf", (2, 3, 4, 5, 6, 7), strict=True):  # with c: 7 of 11 posts
        add_weight(site / "content/posts" / f"{SLUGS[letter]}.md", weight)
    warm = build_site(site)
    assert entries(site / "public/index.html") == [("k", True), ("f", True), ("i", True), ("a", False), ("b", False)]
    assert not any("pinned" in str(w) for w in warm.warnings)
    build_site(site, tmp_path / "cold", cache=False)
    assert tree_digest(site / "public") == tree_digest(tmp_path / "cold")
