"""The related-posts score: rare shared tags first, then the series, then closeness in time."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import post_from_text
from generator.content.model import Post
from generator.site.plan import assemble
from generator.site.related import TAG_WINDOW, attach_related, rarity

START = datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def site(config: SiteConfig, *specs: tuple[str, int, tuple[str, ...], str | None]) -> dict[str, Post]:
    """Posts (slug, day, tags, series) assembled as a build would; by slug."""
    posts = []
    for slug, day, tags, series in specs:
        date = (START + timedelta(days=day)).strftime("%Y-%m-%d %H:%M")
        lines = [f"title: {slug}", f"date: {date}", f"tags: [{', '.join(tags)}]", f"slug: {slug}"]
        if series:
            lines.append(f"series: {series}")
        loaded, _ = post_from_text("---\n" + "\n".join(lines) + "\n---\n正文。\n", f"content/posts/{slug}.md", config)
        assert loaded is not None
        posts.append(loaded)
    built, _ = assemble(config, posts, now=START + timedelta(days=10_000))
    return {p.slug: p for p in built.posts}


def related(post: Post) -> list[str]:
    return [p.slug for p in post.related]


def test_rarity_is_positive_and_higher_for_rarer_tags() -> None:
    assert rarity(10_000) > 0
    assert rarity(2) > rarity(10) > rarity(100) > rarity(10_000)


def test_rarity_depends_on_the_tags_count_by_powers_of_two_only() -> None:
    """A new post changes its tags' weights only when a count crosses a power of two."""
    assert rarity(512) == rarity(1000) != rarity(1024)
    assert rarity(2) == rarity(3) != rarity(4)


def test_a_shared_rare_tag_beats_a_shared_common_one_and_never_the_post_itself(config: SiteConfig) -> None:
    posts = site(
        config,
        ("me", 50, ("common", "rare"), None),
        ("common-near", 51, ("common",), None),
        ("rare-far", 1, ("rare",), None),
        *((f"filler{i}", 100 + i, ("common",), None) for i in range(5)),
    )
    assert related(posts["me"])[:2] == ["rare-far", "common-near"]
    assert all(p.slug not in related(p) for p in posts.values())


def test_two_shared_tags_beat_one(config: SiteConfig) -> None:
    posts = site(
        config,
        ("me", 50, ("a", "b"), None),
        ("both", 1, ("a", "b"), None),
        ("only-a", 50, ("a",), None),
    )
    assert related(posts["me"]) == ["both", "only-a"]


def test_same_series_breaks_a_tie_in_tags_then_the_nearer_date(config: SiteConfig) -> None:
    posts = site(
        config,
        ("me", 50, ("a",), "系列"),
        ("near", 49, ("a",), None),
        ("mate", 10, ("a",), "系列"),
        ("far", 5, ("a",), None),
        ("mate-no-tag", 50, ("z",), "系列"),
    )
    assert related(posts["me"]) == ["mate", "near", "far", "mate-no-tag"]


def test_equal_scores_are_ordered_by_date_distance_then_url(config: SiteConfig) -> None:
    posts = site(config, ("me", 50, ("a",), None), ("y", 52, ("a",), None), ("x", 48, ("a",), None))
    assert related(posts["me"]) == ["x", "y"]  # both two days away: by URL


def test_at_most_the_configured_number_and_none_without_shared_tags(config: SiteConfig) -> None:
    posts = site(config, ("alone", 0, ("z",), None), *((f"p{i}", i + 1, ("a",), None) for i in range(9)))
    assert related(posts["alone"]) == []
    assert all(len(p.related) == 5 for p in posts.values() if p.slug != "alone")
    attach_related(list(posts.values()), 2)
    assert len(posts["p0"].related) == 2
    attach_related(list(posts.values()), 0)
    assert posts["p0"].related == []


def test_a_huge_tag_offers_only_the_posts_nearest_in_date_but_a_rare_tag_finds_every_post(config: SiteConfig) -> None:
    many = TAG_WINDOW * 3
    posts = site(
        config,
        ("me", many // 2, ("big", "rare"), None),
        ("rare-far", -1000, ("rare",), None),
        *((f"b{i}", i, ("big",), None) for i in range(many)),
    )
    found = related(posts["me"])
    assert found[0] == "rare-far"
    nearest = sorted(
        (p for p in posts.values() if p.slug.startswith("b")), key=lambda p: abs(p.date - posts["me"].date)
    )
    assert set(found[1:]) <= {p.slug for p in nearest[: TAG_WINDOW + 1]}


def test_the_same_posts_give_the_same_lists_whatever_the_file_order(config: SiteConfig) -> None:
    specs = [
        (f"p{i}", i % 7, tuple(t for t in ("a", "b", "c") if (i >> "abc".index(t)) & 1) or ("d",), None)
        for i in range(30)
    ]
    forward = site(config, *specs)
    backward = site(config, *reversed(specs))
    assert {k: related(p) for k, p in forward.items()} == {k: related(p) for k, p in backward.items()}


@pytest.mark.parametrize("limit", [1, 3])
def test_limit_from_the_config(config: SiteConfig, limit: int) -> None:
    limited = replace(config, related_posts=limit)
    posts = site(limited, *((f"p{i}", i, ("a",), None) for i in range(6)))
    assert all(len(p.related) == limit for p in posts.values())


@pytest.mark.parametrize("seed", range(4))
def test_one_posts_list_equals_the_whole_site_pass(
    config: SiteConfig, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """blog serve re-ranks single posts (`related_of`); the build ranks all at once: the same lists."""
    import random

    from generator.site import related as module

    monkeypatch.setattr(module, "TAG_WINDOW", 3)  # small windows, so they cut lists on a small site
    chance = random.Random(seed)
    specs = [
        (
            f"p{i}",
            chance.randrange(40),
            tuple(chance.sample("abcdef", chance.randrange(1, 4))),
            chance.choice([None, "s"]),
        )
        for i in range(30)
    ]
    posts = site(config, *specs)
    for post in posts.values():
        alone, together = related_paths(module.related_of(post, config.related_posts)), related_paths(post.related)
        assert alone == together, post.path  # paths: a Post's repr reaches every other post


def related_paths(posts: list[Post]) -> list[str]:
    return [p.path for p in posts]
