"""Posts whose slugs come from their file names never share a URL by accident: same names in
different folders take their folder path, and Jekyll's same names on different dates
(`2019-01-01-summary.md`, `2020-01-01-summary.md`) take their whole file name."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import post_from_text
from generator.content.model import Post
from generator.site.plan import assemble

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def post(config: SiteConfig, name: str, front: str = "") -> Post:
    text = f"---\ntitle: {name}\ntags: [总结]\n{front}---\n正文。\n"
    made, problems = post_from_text(text, f"content/posts/{name}", config, name, lambda: (NOW, ""))
    assert made is not None, problems
    return made


def paths(config: SiteConfig, *names: str, fronts: dict[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    posts = [post(config, name, (fronts or {}).get(name, "")) for name in names]
    site, problems = assemble(config, posts, now=NOW)
    return {p.source.removeprefix("content/posts/"): p.path for p in site.posts}, [str(d) for d in problems]


@pytest.mark.parametrize("gap", ["-", "_"])  # `2019-01-01_summary.md`, as notebook blogs name files
def test_yearly_posts_of_the_same_name_keep_their_dates(config: SiteConfig, gap: str) -> None:
    found, problems = paths(
        config, f"2019-01-01{gap}summary.md", f"2020-01-01{gap}summary.md", f"2020-03-01{gap}other.md"
    )
    assert problems == []
    assert found == {
        f"2019-01-01{gap}summary.md": f"/posts/2019-01-01{gap}summary/",
        f"2020-01-01{gap}summary.md": f"/posts/2020-01-01{gap}summary/",
        f"2020-03-01{gap}other.md": "/posts/other/",  # a name used once keeps its short URL
    }


def test_a_third_such_post_moves_no_other(config: SiteConfig) -> None:
    two, _ = paths(config, "2019-01-01-summary.md", "2020-01-01-summary.md")
    three, problems = paths(config, "2019-01-01-summary.md", "2020-01-01-summary.md", "2018-12-31-summary.md")
    assert problems == []
    assert three == {**two, "2018-12-31-summary.md": "/posts/2018-12-31-summary/"}


def test_names_that_differ_in_case_are_the_same_url(config: SiteConfig) -> None:
    found, problems = paths(config, "2017-10-03-ML-1.md", "2019-04-27-ml-1.md")
    assert problems == []
    assert found == {"2017-10-03-ML-1.md": "/posts/2017-10-03-ml-1/", "2019-04-27-ml-1.md": "/posts/2019-04-27-ml-1/"}


def test_folders_come_first_and_dated_bundles_count(config: SiteConfig) -> None:
    found, problems = paths(
        config,
        "notes/2019-01-01-summary.md",
        "life/2019-06-01-summary.md",  # told apart by folder: no date needed
        "2020-01-01-summary/index.md",
        "2021-01-01-summary.md",
        "summary.md",  # no date in the name: it keeps the short URL the others leave
    )
    assert problems == []
    assert found == {
        "notes/2019-01-01-summary.md": "/posts/notes/summary/",
        "life/2019-06-01-summary.md": "/posts/life/summary/",
        "2020-01-01-summary/index.md": "/posts/2020-01-01-summary/",
        "2021-01-01-summary.md": "/posts/2021-01-01-summary/",
        "summary.md": "/posts/summary/",
    }


@pytest.mark.parametrize("key", ["slug: summary", "permalink: /posts/summary/"])
def test_a_slug_the_writer_set_keeps_its_url_and_the_dated_file_moves(config: SiteConfig, key: str) -> None:
    found, problems = paths(config, "2019-01-01-a.md", "2020-01-01-summary.md", fronts={"2019-01-01-a.md": key + "\n"})
    assert problems == []
    assert found == {"2019-01-01-a.md": "/posts/summary/", "2020-01-01-summary.md": "/posts/2020-01-01-summary/"}


@pytest.mark.parametrize("key", ["slug: summary", "permalink: /posts/summary/"])
def test_two_slugs_the_writers_set_stay_an_error(config: SiteConfig, key: str) -> None:
    names = ("2019-01-01-a.md", "2020-01-01-b.md")
    _, problems = paths(config, *names, fronts={name: key + "\n" for name in names})
    assert len(problems) == 1
    assert "post has the same URL as content/posts/2020-01-01-b.md (/posts/summary/)" in problems[0]


def test_same_date_and_name_in_two_cases_stays_an_error(config: SiteConfig) -> None:
    _, problems = paths(config, "2019-01-01-ML.md", "2019-01-01-ml.md")
    assert len(problems) == 1 and "/posts/2019-01-01-ml/" in problems[0]


def test_dated_permalink_patterns_are_unchanged(config: SiteConfig) -> None:
    dated = replace(config, permalinks={**config.permalinks, "post": "/{year}/{month}/{day}/{slug}/"})
    found, problems = paths(dated, "2019-01-01-summary.md", "2020-01-01-summary.md")
    assert problems == []
    assert found == {"2019-01-01-summary.md": "/2019/01/01/summary/", "2020-01-01-summary.md": "/2020/01/01/summary/"}
