"""The search index's share of a build: its documents, made once the posts are parsed, and the
indexer that runs beside the pages (a first build, in a second process) or after them (an
update, rewriting only the blocks whose posts changed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.render import search_docs
from generator.content.model import Post
from generator.markdown.render import RenderOptions
from generator.search.docs import SEARCH_STATE, SearchDoc

if TYPE_CHECKING:  # a build with search off never loads the indexer
    from generator.search.background import BackgroundIndex


@dataclass(slots=True)
class Indexing:
    """What the build indexes, and the indexer running beside the pages, if one was started."""

    indexing: bool
    state: Path | None
    docs: list[SearchDoc]
    background: BackgroundIndex | None = None

    def finish(self, output: Path) -> bool:
        """The index brought up to date with the pages just written; False if there is none."""
        if self.background is not None:
            self.background.finish(output)
        elif self.indexing:
            from generator.search.index import index_site

            index_site(output, self.docs, self.state)
        return self.indexing

    def finish_staged(self, folder: Path) -> bool:
        """A first build's index, made beside the pages, moved into their staging folder before it
        is swapped in: the pages and their index arrive together. Finished after the swap, a
        Ctrl-C while the index was still being made left a new site with no index, which the
        message called the old one. False if there is no such index (search off, or updated in
        place after the pages are, block by block)."""
        if self.background is None:
            return False
        self.background.finish(folder)
        self.background, self.indexing = None, False
        return True

    def cancel(self) -> None:
        if self.background is not None:
            self.background.cancel()


NOT_INDEXING = Indexing(False, None, [])


def start_index(
    posts: list[Post], options: RenderOptions, output: Path, cache: Path | None, indexing: bool, fresh: bool
) -> Indexing:
    """The search documents; an output folder made afresh has no index to update, so all of it
    is made while the pages render and write."""
    state = None if cache is None else cache / SEARCH_STATE
    docs = search_docs(posts, options) if indexing else []
    background = index_in_background(output, docs, state) if indexing and fresh else None
    return Indexing(indexing, state, docs, background)


def index_in_background(output: Path, docs: list[SearchDoc], state: Path | None) -> BackgroundIndex | None:
    """search.background's, imported here: a build with search off never loads the indexer."""
    from generator.search import background

    return background.index_in_background(output, docs, state)
