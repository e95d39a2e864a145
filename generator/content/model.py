"""The model a build works on: posts, tags and the site that holds them.

These are plain dataclasses so that every stage is a function of data, and so that
rendered results can be cached and moved between processes cheaply.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup

from generator.config.settings import SiteConfig
from generator.content.cover import cover_path, cover_ref


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading of a post, kept for its table of contents and the search index's heading field."""

    level: int
    id: str
    text: str
    html: str = ""  # for the table of contents, when the text holds a formula (its MathML); else the text is shown


@dataclass(frozen=True, slots=True)
class Excerpt:
    """What the index shows for a post: plain text, and HTML with inline formulas kept."""

    text: str
    html: str
    truncated: bool
    source: str  # "summary", "more" or "auto"


@dataclass(frozen=True, slots=True)
class Rendered:
    """Everything derived from a post's body; cached by the body's hash."""

    html: str | None  # None: kept on disk by the build cache, read when a page needs it
    toc: tuple[Heading, ...]
    excerpt: Excerpt
    characters: int  # CJK characters, each read as one word
    words: int  # Latin words
    warnings: tuple[tuple[int | None, str, str], ...] = ()  # (line, message, expected)


class NotRendered(RuntimeError):
    """A template asked for a post's content before the build rendered it."""


@dataclass(slots=True, eq=False)  # identity, not field-by-field: posts are compared in hot loops
class Post:
    """One post as read and, once parsed, rendered: what every page and feed is made of."""

    source: str  # path relative to the site root, used in every message
    title: str
    date: datetime
    slug: str
    body: str | None  # None: not read yet (the file is unchanged since the last build)
    body_line: int
    source_hash: str
    tag_names: tuple[str, ...] = ()
    summary: str | None = None
    updated: datetime | None = None
    draft: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> file line
    findings: tuple[Any, ...] = ()  # other generators' tags left in the body (migrate.Finding)
    dialect: str = "ours"  # the engine the post was written for (dialects/engine.py): how its math is read
    path: str = ""  # site path such as /posts/siglip/
    url: str = ""  # link with base path and percent-encoding
    tags: list[Tag] = field(default_factory=list)
    rendered: Rendered | None = None
    load_html: Callable[[], str] | None = None  # set when the HTML lives in the disk cache
    pin: int | None = None  # pinned to the top of the index when set; higher first (pinning.py)
    series_name: str | None = None  # front matter `series`
    series_order: int | None = None  # front matter `series_order`
    comments: bool = True  # front matter `comments: false` turns the comment widget off
    series: Series | None = None  # set when the site is assembled
    related: list[Post] = field(default_factory=list)  # best first, set when the site is assembled
    images: dict[str, Any] = field(default_factory=dict)  # image URL -> figures.ImageFacts, None if missing
    cited: Any = None  # bibliography.Cited: the entries its citations render from; None: no bibliography
    # Front matter `categories` as Hexo reads them: each path parent first, names as written
    # (("机器学习", "强化学习"), ("笔记",)); what search and templates read of a post's categories.
    categories: tuple[tuple[str, ...], ...] = ()
    category_trails: list[tuple[Category, ...]] = field(default_factory=list)  # set when the site is assembled

    def _content(self) -> Rendered:
        """Never an empty stand-in: a page rendered too early must fail, not differ."""
        if self.rendered is None:
            raise NotRendered(f"{self.source} is not rendered yet")
        return self.rendered

    @property
    def html(self) -> Markup:
        rendered = self._content()
        if rendered.html is None and self.load_html is not None:
            return Markup(self.load_html())
        return Markup(rendered.html or "")

    @property
    def toc(self) -> tuple[Heading, ...]:
        """The headings the table of contents lists: none when the front matter says `toc: false`
        (fastpages, Quarto and Jekyll themes spell it so), while the headings keep their ids."""
        rendered = self._content()
        return () if self.meta.get("toc") is False else rendered.toc

    @property
    def excerpt(self) -> Markup:
        return Markup(self._content().excerpt.html)

    @property
    def excerpt_text(self) -> str:
        return self._content().excerpt.text

    @property
    def excerpt_truncated(self) -> bool:
        return self._content().excerpt.truncated

    @property
    def cover(self) -> str | None:
        """The cover image its old theme showed (`image`, `cover`, `index_img`, …; content/cover.py):
        an http(s) URL, or a site path for `url()` and `abs_url()`; None without one."""
        return cover_path(cover_ref(self.meta), self.path, self.source)

    @property
    def word_count(self) -> int:
        """What Hexo's word-count plugins show as 字数: CJK characters plus Latin words."""
        rendered = self._content()
        return rendered.characters + rendered.words

    @property
    def reading_minutes(self) -> int:
        """About 400 Chinese characters or 200 English words a minute, at least one."""
        rendered = self._content()
        minutes = rendered.characters / 400 + rendered.words / 200
        return max(1, math.ceil(minutes))


@dataclass(slots=True, eq=False)
class Tag:
    """A tag with its posts, newest first: its page, its feed and its place in the tag list."""

    name: str
    slug: str
    path: str
    url: str
    posts: list[Post] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.posts)


@dataclass(slots=True, eq=False)
class Series(Tag):
    """A group with its own page like a tag, but its posts are in reading order (series.py)."""


@dataclass(slots=True, eq=False)
class Category(Tag):
    """A node of the category tree (site/categories.py): its posts are those filed under it or
    under any category below it, newest first, as Hexo counts them."""

    trail: tuple[Category, ...] = ()  # from the top-level category down to this one, itself included
    children: list[Category] = field(default_factory=list)  # by name

    @property
    def parent(self) -> Category | None:
        return self.trail[-2] if len(self.trail) > 1 else None


@dataclass(slots=True)
class Site:
    """Everything the planner needs: the published posts and what groups them."""

    config: SiteConfig
    posts: list[Post]  # newest first
    tags: list[Tag]  # by name
    series: list[Series] = field(default_factory=list)  # by slug
    categories: list[Category] = field(default_factory=list)  # every node, parents before their children
