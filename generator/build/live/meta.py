"""Front-matter saves that move nothing, applied by blog serve without planning the site again.

A save that changes a post's title, summary, `updated` date, `comments` or other keys of
its own, but not what places it (date, slug, tags, draft, pin, series, aliases), leaves
every page where it was: the order of posts, pagination, tag and series membership and related posts are all
as planned. Only what pages say about the post changes. So instead of re-planning 10,000
posts, the post is updated in place (every page's context holds that same object) and the
`deps` of the pages that name it are recomputed with plan.py's own functions; a page whose
deps changed is stale, exactly as the full build would find it by its fingerprint.

Which pages name the post: those whose deps hold its source hash (live.LivePlan.readers),
and, for its title, the post pages listing it as a neighbour, a related post or a series
part, the series index and the archives (`TitleReaders`, built once per full build). A
new `updated` date moves the sitemap dates of the pages that list the post, so the
sitemap is made again from the plan (`plan.sitemap_page`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from generator.config.settings import SiteConfig
from generator.content.bibliography import uses_bibliography
from generator.content.cover import cover_ref
from generator.content.loader import PostRow
from generator.content.model import Post, Site
from generator.markdown.figures import image_urls
from generator.markdown.rawimages import typed_image_sources
from generator.site.plan import (
    PlannedPage,
    archives_entry,
    last_changed,
    not_found_deps,
    post_page_deps,
    series_index_deps,
)
from generator.site.redirects import ALIAS_KEYS, post_aliases
from generator.site.related import index_in

# Fields of a loader.PostRow that a save may change and still move nothing.
MOVABLE = frozenset({"title", "body_line", "source_hash", "summary", "updated", "meta", "key_lines"})
WHOLE_SITE = ("tags", "archives")  # pages whose sitemap date is the newest of all posts


def moves_nothing(old: PostRow, new: PostRow) -> bool:
    """Two loader rows of one file that differ only where no page moves."""
    for name, before, after in zip(PostRow._fields, old, new, strict=True):
        if name in MOVABLE or before == after:
            continue
        if name == "reader" and before._replace(comments=None) == after._replace(comments=None):
            continue  # comments show on the post's own page only
        return False
    cover = cover_ref(new.meta)
    if cover != cover_ref(old.meta):
        return False  # its file is checked, sized and published by the full build, which warns when it is missing
    if cover is not None and old.key_lines.get(cover.key) != new.key_lines.get(cover.key):
        return False  # that warning names the key's line
    return all(old.meta.get(key) == new.meta.get(key) for key in ALIAS_KEYS)


@dataclass(slots=True)
class TitleReaders:
    """Which pages' deps hold a post's title (by post source), where the archives list it, and
    the pages that exist once (archives, tags index, series index, sitemap)."""

    pages: dict[str, set[str]] = field(default_factory=dict)
    series_parts: dict[str, set[str]] = field(default_factory=dict)  # series path -> its parts' pages
    singles: dict[str, str] = field(default_factory=dict)  # kind -> output file: archives, tags, sitemap…

    @classmethod
    def index(cls, posts: list[Post], pages: dict[str, PlannedPage]) -> TitleReaders:
        found: dict[str, set[str]] = {}
        parts: dict[str, set[str]] = {}  # every part's page names every part: kept per series, not per post
        singles: dict[str, str] = {}
        for key, planned in pages.items():
            kind, context = planned.page.kind, planned.context
            if kind == "404":
                for post in context["recent"]:  # the newest posts, by title
                    found.setdefault(post.source, set()).add(key)
            if kind != "post":
                if kind in ("archives", "tags", "sitemap", "series_index", "404", "categories"):
                    singles[kind] = key
                continue
            for post in (context["newer"], context["older"], *context["related"]):
                if post is not None:
                    found.setdefault(post.source, set()).add(key)
            if context["series"] is not None:
                parts.setdefault(context["series"].path, set()).add(key)
        return cls(found, parts, singles)


def apply(
    post: Post,
    fresh: Post,
    site: Site,
    pages: dict[str, PlannedPage],
    hash_readers: set[str],
    titles: TitleReaders,
    substitute: Any,
    sitemap_now: Callable[[], PlannedPage],
) -> set[str]:
    """Update `post` to `fresh`'s front matter and return the pages whose deps changed.

    `substitute(deps, old, new)` swaps the source hash in deps that name the post only by
    it (lists, feeds, series pages); pages that name its title get their deps recomputed.
    """
    old_hash, title_changed, updated_changed = (
        post.source_hash,
        post.title != fresh.title,
        post.updated != fresh.updated,
    )
    post.title, post.summary, post.meta, post.key_lines = fresh.title, fresh.summary, fresh.meta, fresh.key_lines
    post.body_line, post.comments, post.source_hash = fresh.body_line, fresh.comments, fresh.source_hash
    post.updated = fresh.updated
    touched = set(hash_readers)
    if title_changed:
        touched |= titles.pages.get(post.source, set())
        if post.series is not None:
            touched |= titles.series_parts.get(post.series.path, set())
            touched.add(titles.singles["series_index"])
        if "archives" in titles.singles:
            touched.add(titles.singles["archives"])
    stale: set[str] = set()
    for key in touched:
        planned = pages[key]
        deps = _deps_now(planned, post, old_hash, site, substitute)
        if planned.page.kind == "post" and planned.context["post"] is post and planned.page.title != post.title:
            planned.page = replace(planned.page, title=post.title)
            stale.add(key)
        if deps != planned.deps:
            planned.deps = deps
            stale.add(key)
    if updated_changed:
        stale |= _new_sitemap_dates(site, pages, hash_readers, titles, sitemap_now)
    return stale


def _new_sitemap_dates(
    site: Site,
    pages: dict[str, PlannedPage],
    hash_readers: set[str],
    titles: TitleReaders,
    sitemap_now: Callable[[], PlannedPage],
) -> set[str]:
    """Give the pages that list the post their new lastmod (as plan_pages computes it); if any
    moved, plan the sitemap again from every page, in plan order."""
    moved = False
    kinds = (*WHOLE_SITE, "series_index", "categories")
    keys = hash_readers | {titles.singles[kind] for kind in kinds if kind in titles.singles}
    for key in keys:
        planned = pages[key]
        if planned.lastmod is None:
            continue  # feeds and other documents: not in the sitemap
        lastmod = _lastmod_now(planned, site)
        if lastmod != planned.lastmod:
            planned.lastmod = lastmod
            moved = True
    sitemap = titles.singles.get("sitemap")
    if not moved or sitemap is None:
        return set()
    fresh = sitemap_now()
    if fresh.deps == pages[sitemap].deps:
        return set()
    pages[sitemap] = fresh
    return {sitemap}


def _lastmod_now(planned: PlannedPage, site: Site) -> datetime | None:
    kind, context = planned.page.kind, planned.context
    if kind == "post":
        return last_changed(context["post"])
    if kind in ("index", "tag", "category"):
        return max((last_changed(p) for p in context["posts"]), default=None)
    if kind == "categories":
        return max((last_changed(p) for c in context["categories"] for p in c.posts), default=None)
    if kind == "series":
        return max(last_changed(p) for p in context["series"].posts)
    if kind == "series_index":
        return max(last_changed(p) for series in context["all_series"] for p in series.posts)
    if kind in WHOLE_SITE:
        return max((last_changed(p) for p in site.posts), default=None)
    return planned.lastmod


def _deps_now(planned: PlannedPage, post: Post, old_hash: str, site: Site, substitute: Any) -> Any:
    kind, context = planned.page.kind, planned.context
    if kind == "post":
        return post_page_deps(context["post"], context["newer"], context["older"])
    if kind == "series_index":
        return series_index_deps(context["all_series"])
    if kind == "404":
        return not_found_deps(context["recent"])
    if kind == "archives":
        at = index_in(site.posts, post)  # the archives list posts in site order
        return (*planned.deps[:at], archives_entry(post), *planned.deps[at + 1 :])
    return substitute(planned.deps, old_hash, post.source_hash)


def reads_files(post: Post, config: SiteConfig) -> bool:
    """Images (typed <img> tags too), a cover and citations come from files the full build reads,
    and warns about when they are missing."""
    body, cover = post.body or "", cover_ref(post.meta)
    if image_urls(body) or typed_image_sources(body) or uses_bibliography(post, config):
        return True
    return cover is not None and not cover.external


def has_aliases(post: Post) -> bool:
    """Redirect pages carry the title they were planned with: such a post takes the full build."""
    return bool(post_aliases(post))
