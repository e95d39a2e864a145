"""Series: posts meant to be read in order, grouped by the `series` key of their front matter.

A series is ordered by `series_order` where given, then oldest first (the order it was written
in), so a writer who publishes parts in order never has to number them. Series get their own
pages; their URLs come from the `[permalinks] series` pattern like tags' do.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from generator.config.settings import SiteConfig
from generator.content.model import Post, Series
from generator.errors import Diagnostic, warning
from generator.urls.paths import expand, join_base, term_slug


def part_key(post: Post) -> tuple[bool, int, float, str]:
    return (post.series_order is None, post.series_order or 0, post.date.timestamp(), post.source)


def group_series(config: SiteConfig, posts: Sequence[Post]) -> tuple[list[Series], list[Diagnostic]]:
    """Every series of the published posts, by slug; each post learns its series.

    Names that make the same slug are one series (like tags); the first post's spelling, in
    the series' order, names it. Two parts with the same `series_order` are warned about.
    """
    grouped: dict[str, list[Post]] = {}
    for post in posts:
        post.series = None
        if post.series_name is not None:
            grouped.setdefault(term_slug(post.series_name), []).append(post)
    found: list[Diagnostic] = []
    result: list[Series] = []
    base = config.base_path
    for slug in sorted(grouped):
        parts = sorted(grouped[slug], key=part_key)
        path = expand(config.permalinks["series"], slug=slug)
        series = Series(name=parts[0].series_name or slug, slug=slug, path=path, url=join_base(base, path), posts=parts)
        for post in parts:
            post.series = series
        for before, after in pairwise(parts):
            if before.series_order is not None and before.series_order == after.series_order:
                found.append(
                    warning(
                        after.source,
                        after.key_lines.get("series_order"),
                        f"series_order {after.series_order} is also used by {before.source} in series '{series.name}'",
                        "a different series_order for each part",
                    )
                )
        result.append(series)
    return result, found


def neighbours(post: Post) -> tuple[Post | None, Post | None]:
    """The previous and next part of the post's series (None at either end, or without a series)."""
    if post.series is None:
        return None, None
    parts = post.series.posts
    index = parts.index(post)
    return (parts[index - 1] if index > 0 else None, parts[index + 1] if index + 1 < len(parts) else None)


def series_index_path(config: SiteConfig) -> str:
    """The page listing every series: the fixed part of the pattern (/series/{slug}/ -> /series/)."""
    fixed = config.permalinks["series"].split("{")[0].rstrip("/")
    return (fixed or "/series") + "/"
