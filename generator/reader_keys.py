"""Front-matter keys about how a post meets its readers: pinning, series and comments.

Read in one place so the loader needs a single call, and so these keys are known keys
(never reported as "did you mean"; still in `post.meta` for templates written before).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .comments import comments_from_front_matter
from .errors import Diagnostic
from .pinning import PIN_KEYS, pin_from_front_matter
from .series import SERIES_KEYS, series_from_front_matter

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
