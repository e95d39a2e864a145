"""Series: posts meant to be read in order, grouped by the `series` key of their front matter.

A series is ordered by `series_order` where given, then oldest first (the order it was written
in), so a writer who publishes parts in order never has to number them. Series get their own
pages; their URLs come from the `[permalinks] series` pattern like tags' do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any

from .config import SiteConfig
from .content import Post, Series
from .errors import Diagnostic, error, warning
from .urls import expand, join_base, slugify

SERIES_KEYS = ("series", "series_order")


def series_from_front_matter(
    data: dict[str, Any], line: Callable[[str], int | None], source: str
) -> tuple[str | None, int | None, list[Diagnostic]]:
    """The series name and order; Hugo writes a series as a list (a taxonomy), so one item is fine."""
    found: list[Diagnostic] = []
    value = data.get("series")
    if isinstance(value, list) and value:
        if len(value) > 1:
            found.append(
                warning(
                    source,
                    line("series"),
                    f"post is in {len(value)} series; only the first, '{value[0]}', is used",
                    "one series per post",
                )
            )
        value = value[0]
    name: str | None = None
    if value is None:
        pass
    elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
        found.append(error(source, line("series"), "series must be a name", "series: 名称"))
    elif not slugify(str(value)).strip("-"):
        found.append(
            error(
                source,
                line("series"),
                f"series '{value}' has no letters or digits to make a URL from",
                "a series name with letters or digits",
            )
        )
    else:
        name = str(value).strip()
    order = data.get("series_order")
    if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
        found.append(error(source, line("series_order"), "series_order must be a whole number", "series_order: 2"))
        order = None
    if order is not None and value is None:
        found.append(warning(source, line("series_order"), "series_order without a series is ignored", "series: 名称"))
    return name, order, found


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
            grouped.setdefault(slugify(post.series_name), []).append(post)
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
