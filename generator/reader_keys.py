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
    """The `Post` fields these keys set (pin, series_name, series_order, comments) and their problems."""
    pin, found = pin_from_front_matter(data, line, source)
    name, order, problems = series_from_front_matter(data, line, source)
    comments, more = comments_from_front_matter(data, line, source)
    fields = {"pin": pin, "series_name": name, "series_order": order, "comments": comments}
    return fields, [*found, *problems, *more]
