"""Regular expressions compiled the first time they are used, not when their module is imported.

Why: the modules a build imports hold ~250 module-level patterns, and compiling them all cost
~30 ms of a one-post build's ~0.37 s, while a 300-post build of the benchmark corpus used 66 of
them; the rest are for constructs a typical post never has (Liquid tags, Pelican headers,
algorithm blocks, ...). A pattern used by every build gains nothing from this and stays a plain
`re.compile`.
"""

from __future__ import annotations

import re
from typing import Any, cast

# What a caller may take from a compiled pattern; all of them are copied onto the stand-in at first
# use, so later calls are plain attribute lookups with no detour through __getattr__.
_FORWARDED = (
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _LazyPattern:
    """Stands for `re.compile(source, flags)` and compiles it when an attribute is first asked for."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called for a name not yet in the instance dict, so at most once per forwarded name.
        compiled = re.compile(self._source, self._flags)
        self.__dict__.update({forwarded: getattr(compiled, forwarded) for forwarded in _FORWARDED})
        return getattr(compiled, name)


def lazy_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that is compiled on first use: for one a typical build never needs.

    Use it through its methods (`.search`, `.sub`, ...); it is not an `re.Pattern` instance, so it
    cannot be handed to `re.sub` or to code that checks the type.
    """
    return cast(re.Pattern[str], _LazyPattern(source, flags))
