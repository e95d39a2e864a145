"""What a build hands the search index: the posts as it reads them.

Apart from the indexer (search/index.py) so that a build with search off never imports it:
its text rules compile large Unicode classes at import, about 10 ms of every such build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SEARCH_STATE = "search-index.json"  # the index's record, in the build cache folder


@dataclass(frozen=True, slots=True)
class Taxon:
    """A tag, series or category a post carries: searchable, and offered as a jump to its page."""

    kind: str  # "tag", "series" or "category": the label the results page shows
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class SearchDoc:
    """One post as the index sees it; `key` names what its HTML was made from."""

    url: str
    title: str
    date: str
    key: str
    html: Callable[[], str]
    taxa: tuple[Taxon, ...] = ()
