"""Front-matter saves that move nothing, applied by blog serve without planning the site again.

A save that changes a post's title, summary, `comments` or other keys of its own, but not
what places it (date, slug, tags, draft, pin, series, aliases), leaves every page where it
was: the order of posts, pagination, tag and series membership and related posts are all
as planned. Only what pages say about the post changes. So instead of re-planning 10,000
posts, the post is updated in place (every page's context holds that same object) and the
`deps` of the pages that name it are recomputed with plan.py's own functions; a page whose
deps changed is stale, exactly as the full build would find it by its fingerprint.

Which pages name the post: those whose deps hold its source hash (live.LivePlan.readers),
and, for its title, the post pages listing it as a neighbour, a related post or a series
part, the series index and the archives (`TitleReaders`, built once per full build).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .content import Post
from .plan import PlannedPage, archives_entry, post_page_deps, series_index_deps
from .redirects import ALIAS_KEYS, post_aliases

# Positions in loader._snapshot: what a save may change and still move nothing.
TITLE, DATE, SLUG, BODY_LINE, HASH, TAGS, SUMMARY, UPDATED, DRAFT, META, KEY_LINES, FINDINGS, READER = range(13)
MOVABLE = frozenset({TITLE, BODY_LINE, HASH, SUMMARY, META, KEY_LINES})
COMMENTS = 3  # in the reader tuple (pin, series_name, series_order, comments): only the post's own page shows it


def moves_nothing(old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    """Two loader snapshots of one file that differ only where no page moves."""
    for index, (before, after) in enumerate(zip(old, new, strict=True)):
        if index in MOVABLE or before == after:
            continue
        if index == READER and before[:COMMENTS] == after[:COMMENTS]:
            continue
        return False
    return all(old[META].get(key) == new[META].get(key) for key in ALIAS_KEYS)


@dataclass(slots=True)
class TitleReaders:
    """Which pages' deps hold a post's title (by post source), and where the archives list it."""

    pages: dict[str, set[str]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)  # post source -> index in site order
    archives: str | None = None  # output file of the archives page

    @classmethod
    def index(cls, posts: list[Post], pages: dict[str, PlannedPage]) -> TitleReaders:
        found: dict[str, set[str]] = {}
        archives = None
        for key, planned in pages.items():
            kind, context = planned.page.kind, planned.context
            if kind == "post":
                series = context["series"]
                named = [context["newer"], context["older"], *context["related"], *(series.posts if series else ())]
            elif kind == "series_index":
                named = [post for series in context["all_series"] for post in series.posts]
            else:
                archives = key if kind == "archives" else archives
                continue
            for post in named:
                if post is not None:
                    found.setdefault(post.source, set()).add(key)
        return cls(found, {post.source: i for i, post in enumerate(posts)}, archives)


def apply(
    post: Post,
    fresh: Post,
    pages: dict[str, PlannedPage],
    hash_readers: set[str],
    titles: TitleReaders,
    substitute: Any,
) -> set[str]:
    """Update `post` to `fresh`'s front matter and return the pages whose deps changed.

    `substitute(deps, old, new)` swaps the source hash in deps that name the post only by
    it (lists, feeds, series pages); pages that name its title get their deps recomputed.
    """
    old_hash, title_changed = post.source_hash, post.title != fresh.title
    post.title, post.summary, post.meta, post.key_lines = fresh.title, fresh.summary, fresh.meta, fresh.key_lines
    post.body_line, post.comments, post.source_hash = fresh.body_line, fresh.comments, fresh.source_hash
    touched = set(hash_readers)
    if title_changed:
        touched |= titles.pages.get(post.source, set())
        if titles.archives is not None:
            touched.add(titles.archives)
    stale: set[str] = set()
    for key in touched:
        planned = pages[key]
        deps = _deps_now(planned, post, old_hash, titles, substitute)
        if planned.page.kind == "post" and planned.context["post"] is post and planned.page.title != post.title:
            planned.page = replace(planned.page, title=post.title)
            stale.add(key)
        if deps != planned.deps:
            planned.deps = deps
            stale.add(key)
    return stale


def _deps_now(planned: PlannedPage, post: Post, old_hash: str, titles: TitleReaders, substitute: Any) -> Any:
    kind, context = planned.page.kind, planned.context
    if kind == "post":
        return post_page_deps(context["post"], context["newer"], context["older"])
    if kind == "series_index":
        return series_index_deps(context["all_series"])
    if kind == "archives":
        at = titles.positions[post.source]
        return (*planned.deps[:at], archives_entry(post), *planned.deps[at + 1 :])
    return substitute(planned.deps, old_hash, post.source_hash)


def has_aliases(post: Post) -> bool:
    """Redirect pages carry the title they were planned with: such a post takes the full build."""
    return bool(post_aliases(post))
