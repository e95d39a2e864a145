"""Pagination: every item on exactly one page, page 1 always exists, links and neighbours."""

from __future__ import annotations

import pytest

from generator.site.paginate import PageLink, paginate, window


def index_path(n: int) -> str:
    return "/" if n == 1 else f"/page/{n}/"


def tag_path(n: int) -> str:
    return "/tags/python/" if n == 1 else f"/tags/python/page/{n}/"


def test_no_items_still_gives_one_empty_page() -> None:
    pages = paginate([], 12, index_path)
    assert len(pages) == 1
    page = pages[0]
    assert (page.number, page.total, page.items, page.path) == (1, 1, (), "/")
    assert page.prev is None
    assert page.next is None
    assert page.links == (PageLink(1, "/"),)


def test_exactly_one_full_page() -> None:
    pages = paginate(list(range(12)), 12, index_path)
    assert len(pages) == 1
    assert pages[0].items == tuple(range(12))
    assert pages[0].next is None


def test_thirteen_items_make_two_pages() -> None:
    pages = paginate(list(range(13)), 12, index_path)
    assert [p.number for p in pages] == [1, 2]
    assert [len(p.items) for p in pages] == [12, 1]
    assert pages[1].items == (12,)
    assert [p.path for p in pages] == ["/", "/page/2/"]
    assert pages[0].prev is None
    assert pages[0].next == PageLink(2, "/page/2/")
    assert pages[1].prev == PageLink(1, "/")
    assert pages[1].next is None
    assert all(p.total == 2 for p in pages)


@pytest.mark.parametrize(
    ("count", "per_page", "total"), [(1, 1, 1), (24, 12, 2), (25, 12, 3), (37, 12, 4), (5, 100, 1)]
)
def test_every_item_exactly_once_in_order(count: int, per_page: int, total: int) -> None:
    items = [f"post-{i}" for i in range(count)]
    pages = paginate(items, per_page, index_path)
    assert len(pages) == total
    assert [item for page in pages for item in page.items] == items
    assert all(len(page.items) <= per_page for page in pages)
    assert all(page.items for page in pages)


def test_page_paths_and_links_are_shared() -> None:
    pages = paginate(list(range(30)), 10, tag_path)
    assert [p.path for p in pages] == ["/tags/python/", "/tags/python/page/2/", "/tags/python/page/3/"]
    for page in pages:
        assert [link.path for link in page.links] == [p.path for p in pages]
        assert page.first == PageLink(1, "/tags/python/")
        assert page.last == PageLink(3, "/tags/python/page/3/")
    middle = pages[1]
    assert middle.prev == PageLink(1, "/tags/python/")
    assert middle.next == PageLink(3, "/tags/python/page/3/")


@pytest.mark.parametrize("per_page", [0, -1])
def test_per_page_must_be_positive(per_page: int) -> None:
    with pytest.raises(ValueError):
        paginate([1, 2], per_page, index_path)


def test_window_shows_first_last_and_neighbours_with_gaps() -> None:
    pages = paginate(list(range(100)), 5, index_path)
    shown = window(pages[9])
    numbers = [link.number if link else None for link in shown]
    assert numbers == [1, None, 8, 9, 10, 11, 12, None, 20]


def test_window_without_gaps_on_small_sites() -> None:
    pages = paginate(list(range(3)), 1, index_path)
    assert [link.number if link else None for link in window(pages[0])] == [1, 2, 3]
