"""Pinned posts: which front-matter keys pin a post, and the order of the "Latest Updates" feed.

Migrating bloggers already pin posts in their old generator's spelling, so every common one is
read: Chirpy's `pin: true`, Hexo's `sticky: N` and `top: N` (higher first, as Hexo sorts them)
and Hugo's `weight: N` (lower first, as Hugo sorts them). All become one number, `Post.pin`,
where higher comes first; `None` means not pinned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .content import Post
from .errors import Diagnostic, error, warning

PIN_KEYS = ("pin", "sticky", "top", "weight")  # in this order of precedence when several are written


def pin_from_front_matter(
    data: dict[str, Any], line: Callable[[str], int | None], source: str
) -> tuple[int | None, list[Diagnostic]]:
    """The post's pin number, or None; a value of the wrong type is an error naming its line.

    `true` counts as 1 and `false` or 0 as not pinned. Hugo's weight is negated so that, like
    in Hugo, weight 1 comes before weight 2 (and any weight after an explicit pin or sticky).
    """
    for key in PIN_KEYS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool):
            number = 1 if value else 0
        elif isinstance(value, int):
            number = value
        else:
            expected = "a whole number (lower first)" if key == "weight" else "true, false or a whole number"
            return None, [error(source, line(key), f"'{key}' must be true, false or a whole number", expected)]
        if number == 0:
            return None, []
        return (-number if key == "weight" else number), []
    return None, []


def front_page_order(posts: Sequence[Post]) -> list[Post]:
    """The index's order: pinned posts first, then every other post newest first, each once.

    `posts` is the site's date order; pinned posts are taken out of it rather than repeated, so
    pages still hold `per_page` posts each and the total is unchanged.
    """
    # a stable sort: equal pins keep the site's order (newest first, then by file)
    pinned = sorted((p for p in posts if p.pin is not None), key=lambda p: -(p.pin or 0))
    if not pinned:
        return list(posts)
    return pinned + [p for p in posts if p.pin is None]


def check_pins(posts: Sequence[Post]) -> list[Diagnostic]:
    """A warning when every post is pinned: pinning then changes nothing but marks every entry.

    Some Hexo scaffolds put `sticky: 100` in every new post (seen in real blogs moved here).
    The build keeps the writer's values, as Hexo does, and says so once.
    """
    if len(posts) < 2 or any(p.pin is None for p in posts):
        return []
    first = posts[-1]  # the oldest: most likely where the habit started
    key = next((k for k in PIN_KEYS if k in first.key_lines), "pin")
    return [
        warning(
            first.source,
            first.key_lines.get(key),
            f"all {len(posts)} posts are pinned (this one with '{key}'), so the index is in date order "
            "with every entry marked 置顶",
            f"'{key}' only in the posts to keep at the top",
        )
    ]
