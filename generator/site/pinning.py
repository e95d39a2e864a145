"""Pinned posts: the order of the "Latest Updates" feed, and checks on the pins posts ask for.

Migrating bloggers already pin posts in their old generator's spelling, so every common one is
read: Chirpy's `pin: true`, Hexo's `sticky: N` and `top: N` (higher first, as Hexo sorts them)
and Hugo's `weight: N` (lower first, as Hugo sorts them). All become one number, `Post.pin`,
where higher comes first; `None` means not pinned.

Hugo's `weight` is a pin only where few posts carry it: Wowchemy/Hugo Blox "book" and docs
layouts, and many Hugo sites, give every page a weight to order a section's sidebar (a real
site: all 170 posts), which pins nothing. One post cannot tell which use it is, so the whole
site decides here, where the plan sees every published post.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.content.model import Post
from generator.content.reader_keys import PIN_KEYS, pin_key
from generator.errors import Diagnostic, warning


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


def carries_weight(post: Post) -> bool:
    """A Hugo weight other than 0 (Hugo's "no weight"), whatever it was read as."""
    weight = post.meta.get("weight")
    return type(weight) is int and weight != 0


def weights_order(carriers: int, posts: int) -> bool:
    """Whether a site's weights order sections rather than pin posts: more than half its posts carry one."""
    return 2 * carriers > posts


def unpin_weights(posts: Sequence[Post]) -> None:
    """Unpin the posts that only `weight` pinned, when the site's weights are an ordering;
    `pin`, `sticky` and `top` still pin. Called on freshly read posts, so it never has to re-pin."""
    if not weights_order(sum(carries_weight(post) for post in posts), len(posts)):
        return
    for post in posts:
        if post.pin is not None and pin_key(post.meta) == "weight":
            post.pin = None


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
