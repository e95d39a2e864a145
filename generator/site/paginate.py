"""Splitting a list into numbered pages with links: pure, so edge cases are easy to test."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PageLink:
    """One page of a paginated list, for the numbered pager."""

    number: int
    path: str  # site path, e.g. /page/2/


@dataclass(frozen=True, slots=True)
class Pager(Generic[T]):
    """One page of a paginated list, with what its template needs to link the others."""

    number: int  # 1-based
    total: int
    items: tuple[T, ...]
    path: str
    links: tuple[PageLink, ...]  # every page, for a numbered pager

    @property
    def prev(self) -> PageLink | None:
        return self.links[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> PageLink | None:
        return self.links[self.number] if self.number < self.total else None

    @property
    def first(self) -> PageLink:
        return self.links[0]

    @property
    def last(self) -> PageLink:
        return self.links[-1]


def paginate(items: Sequence[T], per_page: int, path_of: Callable[[int], str]) -> list[Pager[T]]:
    """Pages of `per_page` items; an empty list still gets page 1 (an index must exist).

    `path_of(n)` gives page n's site path, so the same function serves the home page
    (/ then /page/2/) and tag pages (/tags/x/ then /tags/x/page/2/).
    """
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    total = max(1, -(-len(items) // per_page))
    links = tuple(PageLink(n, path_of(n)) for n in range(1, total + 1))
    return [
        Pager(
            number=n,
            total=total,
            items=tuple(items[(n - 1) * per_page : n * per_page]),
            path=links[n - 1].path,
            links=links,
        )
        for n in range(1, total + 1)
    ]


def window(pager: Pager[T], around: int = 2) -> list[PageLink | None]:
    """The numbered links to show: first, last, and `around` each side; None is a gap."""
    keep = {1, pager.total} | set(range(pager.number - around, pager.number + around + 1))
    shown: list[PageLink | None] = []
    previous = 0
    for link in pager.links:
        if link.number in keep:
            if link.number - previous > 1:
                shown.append(None)
            shown.append(link)
            previous = link.number
    return shown
