"""Pinned posts: every generator's spelling of "pin", and the index order it gives."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import post_from_text
from generator.content.model import Post
from generator.content.reader_keys import pin_from_front_matter
from generator.site.pinning import check_pins, front_page_order, unpin_weights
from tests.conftest import dated_post

SRC = "content/posts/x.md"
START = datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


def post(name: str, days: int, pin: int | None = None) -> Post:
    return dated_post(name, days, pin=pin)


def newest_first(*posts: Post) -> list[Post]:
    return sorted(posts, key=lambda p: (p.date, p.source), reverse=True)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ({"pin": True}, 1),
        ({"pin": False}, None),
        ({"pin": 3}, 3),
        ({"sticky": 10}, 10),
        ({"sticky": 0}, None),
        ({"top": True}, 1),
        ({"top": 2}, 2),
        ({"weight": 1}, -1),  # Hugo: lower weight first, so it becomes a lower pin
        ({"weight": 0}, None),  # Hugo's "no weight"
        ({"pin": True, "weight": 5}, 1),  # pin wins over the others
        ({}, None),
    ],
)
def test_pin_spellings(front: dict[str, object], expected: int | None) -> None:
    value, found = pin_from_front_matter(front, lambda key: 4, SRC)
    assert (value, found) == (expected, [])


@pytest.mark.parametrize("key", ["pin", "sticky", "top", "weight"])
def test_a_pin_that_is_not_a_number_is_an_error_on_its_line(key: str) -> None:
    value, found = pin_from_front_matter({key: "yes"}, lambda k: 7 if k == key else None, SRC)
    assert value is None
    assert [(d.path, d.line, d.is_error) for d in found] == [(SRC, 7, True)]
    assert f"'{key}'" in found[0].message


def test_pin_keys_load_without_warnings_and_stay_in_meta(config: SiteConfig) -> None:
    text = "---\ntitle: T\ndate: 2025-01-01\ntags: [a]\nsticky: 5\n---\n正文。\n"
    loaded, found = post_from_text(text, SRC, config)
    assert loaded is not None and loaded.pin == 5
    assert found == []
    assert loaded.meta == {"sticky": 5}  # templates written for Hexo keep working


def test_pinned_posts_come_first_by_pin_then_newest_each_once() -> None:
    a, b, c, d, e = post("a", 5), post("b", 4, pin=1), post("c", 3), post("d", 2, pin=1), post("e", 1, pin=9)
    order = front_page_order(newest_first(a, b, c, d, e))
    assert [p.slug for p in order] == ["e", "b", "d", "a", "c"]


def test_hugo_weight_orders_after_explicit_pins_and_lower_weight_first() -> None:
    w1, w2, pinned = post("w1", 1, pin=-1), post("w2", 9, pin=-2), post("p", 0, pin=1)
    order = front_page_order(newest_first(w1, w2, pinned, post("x", 20)))
    assert [p.slug for p in order] == ["p", "w1", "w2", "x"]


def test_no_pins_keeps_the_date_order() -> None:
    posts = newest_first(post("a", 1), post("b", 2), post("c", 3))
    assert front_page_order(posts) == posts


def test_every_post_pinned_is_warned_about_once() -> None:
    everything = [dated_post(name, day, pin=100, key_lines={"sticky": 3}) for name, day in (("a", 2), ("b", 1))]
    found = check_pins(everything)
    assert [(d.path, d.line, d.is_error) for d in found] == [("content/posts/b.md", 3, False)]
    assert "all 2 posts are pinned" in found[0].message
    assert check_pins([*everything, post("c", 0)]) == []


def weighted(name: str, days: int, front: dict[str, object]) -> Post:
    """A post as the loader makes it from this front matter: its pin read, its keys kept in meta."""
    pin, _ = pin_from_front_matter(front, lambda key: 4, SRC)
    return dated_post(name, days, pin=pin, meta=dict(front))


def test_weight_on_most_posts_is_an_ordering_and_pins_nothing() -> None:
    """Hugo Blox docs and book layouts weight every page to order the sidebar (170 of 170 posts
    on a real site); pin, sticky and top written beside a weight still pin."""
    posts = [weighted(f"w{n}", n, {"weight": n}) for n in range(1, 4)]
    kept = [weighted("p", 5, {"pin": True, "weight": 9}), weighted("s", 6, {"sticky": 2}), post("x", 7)]
    everything = newest_first(*posts, *kept)  # 4 weights of 6 posts
    unpin_weights(everything)
    assert [p.slug for p in everything if p.pin is not None] == ["s", "p"]
    assert [p.slug for p in front_page_order(everything)] == ["s", "p", "x", "w3", "w2", "w1"]
    all_weighted = [weighted(f"w{n}", n, {"weight": n}) for n in range(1, 4)]
    unpin_weights(all_weighted)
    assert check_pins(all_weighted) == []  # was: "all 3 posts are pinned"


def test_weight_on_few_posts_still_pins() -> None:
    few = [weighted("w", 1, {"weight": 1}), weighted("z", 2, {"weight": 0}), post("a", 3), post("b", 4)]
    unpin_weights(few)
    assert [p.slug for p in few if p.pin is not None] == ["w"]
