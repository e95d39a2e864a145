"""The theme's templates rendered directly with the generator's Jinja environment: the elided pager
and the archives page's contract, which the sample blog is too small to exercise."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jinja2
import pytest

from generator.build.templates import make_environment
from generator.config.settings import SiteConfig
from generator.site.paginate import paginate
from generator.site.plan import PageInfo

TZ = timezone(timedelta(hours=8))


@dataclass
class FakeTag:
    name: str
    url: str


@dataclass
class FakePost:
    title: str
    url: str
    date: datetime
    updated: datetime | None = None
    tags: tuple[FakeTag, ...] = ()
    excerpt: str = "摘要"
    excerpt_truncated: bool = False
    cover: object | None = None  # a post without a cover image


def environment(tmp_path: Path, base_url: str = "https://user.github.io/repo/") -> jinja2.Environment:
    config = SiteConfig(root=tmp_path, base_url=base_url)
    return make_environment(config, tmp_path / "templates", search=True)


def numbers(html: str) -> list[str]:
    """The pager's items in order: page numbers and … for gaps."""
    pager = re.search(r'<nav class="pager".*?</nav>', html, re.S)
    assert pager, "no pager"
    return re.findall(r"<li><(?:a|span)[^>]*>([^<]+)</", pager.group(0))


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (1, ["1", "2", "3", "…", "20"]),
        (10, ["1", "…", "8", "9", "10", "11", "12", "…", "20"]),
        (4, ["1", "2", "3", "4", "5", "6", "…", "20"]),
        (20, ["1", "…", "18", "19", "20"]),
    ],
)
def test_the_pager_elides_far_pages(tmp_path: Path, current: int, expected: list[str]) -> None:
    env = environment(tmp_path)
    pages = paginate(list(range(200)), 10, lambda n: "/" if n == 1 else f"/page/{n}/")
    pager = pages[current - 1]
    page = PageInfo("index", pager.path, pager.path, "最近更新", current)
    html = env.get_template("index.html").render(page=page, posts=[], pager=pager)
    assert numbers(html) == expected
    assert f'<span aria-current="page">{current}</span>' in html
    assert ('rel="prev" href="/repo/' in html) == (current > 1)  # every link goes through url()
    assert ('rel="next" href="/repo/page/' in html) == (current < 20)


def test_archives_template_contract(tmp_path: Path) -> None:
    """archives.html expects `years`: (year, posts) pairs, newest first, as plan.py provides."""
    env = environment(tmp_path)
    tag = FakeTag("大模型", "/repo/tags/大模型/")
    posts_2025 = [FakePost("新文章", "/repo/posts/b/", datetime(2025, 3, 1, tzinfo=TZ), tags=(tag,))]
    posts_2024 = [
        FakePost("旧文章 <二>", "/repo/posts/a2/", datetime(2024, 12, 5, tzinfo=TZ)),
        FakePost("旧文章一", "/repo/posts/a1/", datetime(2024, 1, 2, tzinfo=TZ)),
    ]
    page = PageInfo("archives", "/archives/", "/repo/archives/", "文章归档")
    html = env.get_template("archives.html").render(page=page, years=[(2025, posts_2025), (2024, posts_2024)])
    assert re.findall(r'<h2 class="archive-year" id="year-(\d+)">', html) == ["2025", "2024"]
    assert "3 篇" in html  # the total
    assert (
        '<time datetime="2024-12-05T00:00:00+08:00">12-05</time><a href="/repo/posts/a2/">旧文章 &lt;二&gt;</a>' in html
    )
    assert '<a href="/repo/archives/" aria-current="page">归档</a>' in html  # the nav marks where we are


@dataclass
class FakeHeading:
    level: int
    id: str
    text: str
    html: str = ""


@dataclass
class FakeArticle(FakePost):
    path: str = "/posts/x/"
    html: str = "<p>正文</p>"
    toc: tuple[FakeHeading, ...] = ()
    excerpt_text: str = "摘要"
    summary: str = ""
    reading_minutes: int = 3
    word_count: int = 1234
    category_trails: tuple[tuple[FakeTag, ...], ...] = ()
    meta: dict[str, object] | None = None


@pytest.mark.parametrize("count", [0, 2, 3, 6])
def test_contents_only_for_three_headings_or_more(tmp_path: Path, count: int) -> None:
    env = environment(tmp_path)
    headings = tuple(FakeHeading(2 if i % 2 == 0 else 3, f"h{i}", f"第 {i} 节") for i in range(count))
    post = FakeArticle("标题", "/repo/posts/x/", datetime(2025, 1, 1, tzinfo=TZ), toc=headings)
    page = PageInfo("post", post.path, post.url, post.title)
    html = env.get_template("post.html").render(page=page, post=post, newer=None, older=None)
    assert ('<nav class="toc"' in html) == (count >= 3)
    assert html.count('<li class="toc-sub">') == (count // 2 if count >= 3 else 0)
    assert "1234 字 · 约 3 分钟读完" in html
    assert 'class="post-nav"' not in html  # no neighbours, no empty navigation landmark


@pytest.mark.parametrize(
    ("meta", "shown"),
    [({"subtitle": "从 <零> 开始"}, True), ({"subtitle": " "}, False), ({"subtitle": 3}, False), ({}, False)],
)
def test_a_subtitle_shows_under_the_title(tmp_path: Path, meta: dict[str, object], shown: bool) -> None:
    env = environment(tmp_path)
    post = FakeArticle("标题", "/repo/posts/x/", datetime(2025, 1, 1, tzinfo=TZ), meta=meta)
    html = env.get_template("post.html").render(
        page=PageInfo("post", post.path, post.url, post.title), post=post, newer=None, older=None
    )
    assert ('<p class="post-subtitle">从 &lt;零&gt; 开始</p>' in html) == shown
    assert ("post-subtitle" in html) == shown


def test_the_contents_show_a_headings_formula_typeset(tmp_path: Path) -> None:
    env = environment(tmp_path)
    headings = (
        FakeHeading(2, "a", "损失 L^2", '损失 <span class="math math-inline"><math><mi>L</mi></math></span>'),
        FakeHeading(2, "b", "方法 <二>"),
        FakeHeading(2, "c", "结论"),
    )
    post = FakeArticle("标题", "/repo/posts/x/", datetime(2025, 1, 1, tzinfo=TZ), toc=headings)
    html = env.get_template("post.html").render(
        page=PageInfo("post", post.path, post.url, post.title), post=post, newer=None, older=None
    )
    assert '<a href="#a">损失 <span class="math math-inline"><math><mi>L</mi></math></span></a>' in html
    assert '<a href="#b">方法 &lt;二&gt;</a>' in html and "L^2" not in html
