"""Front-matter keys about how a post meets its readers: pinning, series and comments.

Pinning and series are read here, where a post is made; `site.pinning` and `site.series`
use the values to order the front page and group the parts.

Read in one place so the loader needs a single call, and so these keys are known keys
(never reported as "did you mean"; still in `post.meta` for templates written before).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.config.comments import comments_from_front_matter
from generator.errors import Diagnostic, error, warning
from generator.urls.paths import term_slug

PIN_KEYS = ("pin", "sticky", "top", "weight")  # in this order of precedence when several are written


def pin_key(data: dict[str, Any]) -> str | None:
    """The key a post's pin is read from: the first of PIN_KEYS it writes, as pin_from_front_matter reads them."""
    return next((key for key in PIN_KEYS if data.get(key) is not None), None)


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


SERIES_KEYS = ("series", "series_order")


def series_from_front_matter(
    data: dict[str, Any], line: Callable[[str], int | None], source: str
) -> tuple[str | None, int | None, list[Diagnostic]]:
    """The series name and order; Hugo writes a series as a list (a taxonomy), so one item is fine."""
    found: list[Diagnostic] = []
    value = data.get("series")
    if value == [] or (isinstance(value, str) and not value.strip()):
        value = None  # PaperMod's archetype writes `series: []`: Hugo reads it as no series
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
        found.append(error(source, line("series"), "series must be a name", "series: <name>, or no series key"))
    elif not term_slug(str(value)).strip("-"):
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
        found.append(
            warning(source, line("series_order"), "series_order without a series is ignored", "series: <name>")
        )
    return name, order, found


READER_KEYS = (*PIN_KEYS, *SERIES_KEYS, "comments")


def reader_fields(
    data: dict[str, Any], line: Callable[[str], int | None], source: str
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The `Post` fields these keys set (pin, series_name, series_order, comments) and their problems.

    Hugo blogs that write series (`series: ["名称"]`) use `weight` to order the parts, as real
    ones do; so in a post with a series and no `series_order`, `weight` is that order and does
    not pin the post (Hugo's own use of weight in every list would put all parts on top).
    """
    pin, found = pin_from_front_matter(data, line, source)
    name, order, problems = series_from_front_matter(data, line, source)
    weight = data.get("weight")
    weight_is_order = type(weight) is int and not any(data.get(key) is not None for key in PIN_KEYS[:-1])
    if name is not None and order is None and weight_is_order:
        order, pin = weight, None
    comments, more = comments_from_front_matter(data, line, source)
    fields = {"pin": pin, "series_name": name, "series_order": order, "comments": comments}
    return fields, [*found, *problems, *more]
