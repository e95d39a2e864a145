"""Series: the front-matter keys, grouping by name, and the reading order."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import post_from_text
from generator.content.model import Post
from generator.content.reader_keys import series_from_front_matter
from generator.site.series import group_series, neighbours, series_index_path
from tests.conftest import dated_post

SRC = "content/posts/x.md"
START = datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def part(name: str, days: int, series: str | None, order: int | None = None) -> Post:
    return dated_post(name, days, series_name=series, series_order=order)


def line(key: str) -> int:
    return {"series": 3, "series_order": 4}[key]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ({"series": "从零训练 Transformer"}, ("从零训练 Transformer", None)),
        ({"series": "LLM", "series_order": 2}, ("LLM", 2)),
        ({"series": ["LLM"]}, ("LLM", None)),  # Hugo writes series as a taxonomy list
        ({"series": 2024}, ("2024", None)),
        ({}, (None, None)),
        ({"series": []}, (None, None)),  # PaperMod's archetype: no series, as Hugo reads it
        ({"series": " "}, (None, None)),
    ],
)
def test_series_keys(front: dict[str, object], expected: tuple[str | None, int | None]) -> None:
    name, order, found = series_from_front_matter(front, line, SRC)
    assert (name, order, found) == (*expected, [])


@pytest.mark.parametrize(
    ("front", "where", "words"),
    [
        ({"series": {"a": 1}}, 3, "series must be a name"),
        ({"series": True}, 3, "series must be a name"),
        ({"series": "???"}, 3, "no letters or digits"),
        ({"series": "LLM", "series_order": "二"}, 4, "series_order must be a whole number"),
    ],
)
def test_bad_series_keys_are_errors_on_their_line(front: dict[str, object], where: int, words: str) -> None:
    _, _, found = series_from_front_matter(front, line, SRC)
    assert [(d.line, d.is_error) for d in found] == [(where, True)]
    assert words in found[0].message


def test_several_series_or_an_order_alone_are_warned_about() -> None:
    name, _, found = series_from_front_matter({"series": ["A", "B"]}, line, SRC)
    assert name == "A" and [d.is_error for d in found] == [False] and "only the first" in found[0].message
    name, _, found = series_from_front_matter({"series_order": 2}, line, SRC)
    assert name is None and [d.is_error for d in found] == [False] and "without a series" in found[0].message


def test_parts_are_ordered_by_series_order_then_oldest_first(config: SiteConfig) -> None:
    posts = [
        part("late-unordered", 9, "LLM"),
        part("second", 5, "LLM", 2),
        part("early-unordered", 1, "llm"),  # the same slug: the same series
        part("first", 8, "LLM", 1),
        part("other", 3, "Other"),
        part("none", 4, None),
    ]
    series, found = group_series(config, posts)
    assert found == []
    assert [s.slug for s in series] == ["llm", "other"]
    llm = series[0]
    assert [p.slug for p in llm.posts] == ["first", "second", "early-unordered", "late-unordered"]
    assert llm.name == "LLM" and llm.path == "/series/llm/" and llm.count == 4
    assert posts[5].series is None and posts[0].series is llm
    assert [p and p.slug for p in neighbours(posts[1])] == ["first", "early-unordered"]
    assert [p and p.slug for p in neighbours(posts[3])] == [None, "second"]
    assert neighbours(posts[5]) == (None, None)


def test_two_parts_with_the_same_order_are_warned_about(config: SiteConfig) -> None:
    posts = [part("a", 1, "S", 1), part("b", 2, "S", 1)]
    posts[1].key_lines = {"series_order": 6}
    _, found = group_series(config, posts)
    assert [(d.path, d.line, d.is_error) for d in found] == [("content/posts/b.md", 6, False)]
    assert "also used by content/posts/a.md" in found[0].message


def test_series_urls_follow_the_permalink_pattern(config: SiteConfig) -> None:
    custom = replace(config, permalinks={**config.permalinks, "series": "/topics/{slug}/"})
    series, _ = group_series(custom, [part("a", 1, "从零开始")])
    assert series[0].path == "/topics/从零开始/"
    assert series[0].url == "/topics/%E4%BB%8E%E9%9B%B6%E5%BC%80%E5%A7%8B/"
    assert series_index_path(custom) == "/topics/"
    assert series_index_path(config) == "/series/"


def test_hugo_weight_orders_the_parts_of_a_series_instead_of_pinning(config: SiteConfig) -> None:
    text = (
        '---\ntitle: "源码笔记（三）"\ndate: 2026-05-23T03:00:00+08:00\ntags: ["Kubernetes"]\n'
        'series: ["K8s API Server 源码笔记"]\nweight: 3\n---\n正文。\n'
    )
    loaded, found = post_from_text(text, "content/posts/three.md", config)
    assert loaded is not None and found == []
    assert (loaded.series_name, loaded.series_order, loaded.pin) == ("K8s API Server 源码笔记", 3, None)
    alone, _ = post_from_text(text.replace('series: ["K8s API Server 源码笔记"]\n', ""), "x.md", config)
    assert alone is not None and alone.pin == -3  # without a series, Hugo's weight pins
