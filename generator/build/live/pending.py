"""Pages kept as recipes in the in-memory site, planned again from the current site on request.

Pages that exist on disk are not planned now: they become stale with a recipe (which list,
post or document they belong to) and are planned again from the current site, with
plan.py's own functions, when a browser asks for one (`settle`). New pages (a new post, a
new tag, one more index page) are planned and rendered at once, since no file stands there
yet; pages that no longer exist are deleted from the output.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from generator.content.model import Post
from generator.site import related as related_posts
from generator.site.plan import (
    PlannedPage,
    archives_page,
    index_pages,
    not_found_page,
    paged_path,
    post_page,
    series_index_page,
    series_page,
    site_feeds,
    sitemap_page,
    tag_feed,
    tag_pages,
    tags_page,
)
from generator.site.postpaths import dated_slug, post_path, posts_prefix
from generator.site.redirects import post_aliases
from generator.urls.paths import output_file

if TYPE_CHECKING:
    from generator.build.live.quick import LivePlan

Recipe = tuple[str, str]  # ("index", ""), ("tag", slug), ("post", source), ("feeds", ""), ("tag_feed", slug), …


def strings(value: Any) -> list[str]:
    """Every string in nested tuples and lists (deps), without recursion: this runs per page."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is str:
            found.append(item)
        elif type(item) is tuple or type(item) is list:
            stack.extend(item)
    return found


def flat(source: str, prefix: str) -> bool:
    """A post whose URL cannot take its folder path: it sits in posts/ itself, or is a bundle there."""
    relative = source[len(prefix) :] if source.startswith(prefix) else source
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if len(parts) == 2 and parts[1].rsplit(".", 1)[0] == "index":
        return True
    return len(parts) <= 1


def default_path(live: LivePlan, post: Post, prefix: str) -> str:
    """The URL path a post of the site asks for before same-named posts are told apart
    (postpaths.assign_paths), casefolded; only posts in folders or with a dated file name can be
    given another."""
    pattern = live.config.permalinks["post"]
    if "{path}" in pattern or "{file}" in pattern or (flat(post.source, prefix) and dated_slug(post, prefix) is None):
        return post.path.casefold()
    return post_path(live.config, post, prefix).casefold()


def index_links(live: LivePlan) -> None:
    """The maps a structural save needs, made once per full build (one pass over posts and pages)."""
    site = live.site
    prefix = posts_prefix(live.config)
    live.post_keys = {}
    live.listings = {}
    for key, planned in live.pages.items():
        kind = planned.page.kind
        if kind == "post":
            live.post_keys[planned.context["post"].source] = key
        elif kind == "index":
            live.listings.setdefault(("index", ""), []).append(key)
        elif kind == "tag":
            live.listings.setdefault(("tag", planned.context["tag"].slug), []).append(key)
    live.tags_by_slug = {tag.slug: tag for tag in site.tags}
    live.series_by_slug = {series.slug: series for series in site.series}
    live.path_owner = {post.path.casefold(): post.source for post in site.posts}
    live.alias_paths = {alias.casefold() for post in site.posts for alias in post_aliases(post)}
    live.pinned = sum(post.pin is not None for post in site.posts)
    live.defaults = {}
    for post in site.posts:
        asked = default_path(live, post, prefix)
        live.defaults[asked] = live.defaults.get(asked, 0) + 1
    live.pending = {}
    live.order_dirty = False


def replace_page(live: LivePlan, key: str, planned: PlannedPage | None) -> None:
    """Put a freshly planned page (or none) in place, keeping the indexes of who shows what."""
    old = live.pages.get(key)
    if old is not None and planned is not None and old.deps == planned.deps and old.page.kind == planned.page.kind:
        post = old.page.kind == "post"
        if post:
            _title_readers(live, old, key, add=False)  # the same hashes: only the titles' index moves
        live.pending.pop(key, None)
        live.pages[key] = planned
        if post:
            _title_readers(live, planned, key, add=True)
        return
    if old is not None:
        for text in strings(old.deps):
            readers = live.readers.get(text)
            if readers is not None:
                readers.discard(key)
        if old.page.kind == "post":
            _title_readers(live, old, key, add=False)
    live.pending.pop(key, None)
    if planned is None:
        live.pages.pop(key, None)
        live.stale.discard(key)
        return
    live.pages[key] = planned
    for text in strings(planned.deps):
        if text in live.hash_count:
            live.readers.setdefault(text, set()).add(key)
    if planned.page.kind == "post":
        _title_readers(live, planned, key, add=True)


def _title_readers(live: LivePlan, planned: PlannedPage, key: str, add: bool) -> None:
    context = planned.context
    for shown in (context["newer"], context["older"], *context["related"]):
        if shown is None:
            continue
        if add:
            live.titles.pages.setdefault(shown.source, set()).add(key)
        else:
            live.titles.pages.get(shown.source, set()).discard(key)


def _planned_again(live: LivePlan, recipe: Recipe) -> list[PlannedPage]:
    kind, name = recipe
    site, config = live.site, live.config
    if kind == "index":
        return index_pages(site)
    if kind == "tag":
        return tag_pages(config, live.tags_by_slug[name])
    if kind == "post":
        post = live.posts_by_source[name]
        return [post_page(config, site.posts, related_posts.index_in(site.posts, post))]
    if kind == "feeds":
        return site_feeds(site)
    if kind == "tag_feed":
        return [tag_feed(config, live.tags_by_slug[name])]
    if kind == "tags":
        return [tags_page(site)]
    if kind == "series":
        return [series_page(config, live.series_by_slug[name])]
    if kind == "series_index":
        return [series_index_page(site)]
    if kind == "archives":
        return [archives_page(site)]
    if kind == "404":
        return [not_found_page(site)]
    assert kind == "sitemap"
    return [sitemap_now(live)]


def settle(live: LivePlan, key: str) -> None:
    """Plan a stale page again from the current site, if a save left it with a recipe."""
    recipe = live.pending.get(key)
    if recipe is None:
        return
    for planned in _planned_again(live, recipe):
        key_now = str(planned.output)
        before = live.pages.get(key_now)
        if key_now not in live.pending and (before is None or before.deps != planned.deps):
            live.stale.add(key_now)  # planned as unchanged, yet it changed: render it rather than serve it stale
        replace_page(live, key_now, planned)
    for other in [k for k, r in live.pending.items() if r == recipe]:  # not planned any more: cannot happen
        live.pending.pop(other)


def settle_all(live: LivePlan, keys: Iterable[str] | None = None) -> None:
    for key in list(live.pending if keys is None else keys):
        if key in live.pending and live.pending[key][0] != "sitemap":
            settle(live, key)
    sitemap = live.titles.singles.get("sitemap")
    if keys is None and sitemap is not None:
        settle(live, sitemap)


def sitemap_now(live: LivePlan) -> PlannedPage:
    """The sitemap from every page, in plan order (plan_pages' order, which the dict keeps until a
    structural save adds pages at its end)."""
    settle_all(live, [key for key, recipe in live.pending.items() if recipe[0] != "sitemap"])
    pages: Iterable[PlannedPage] = live.pages.values()
    if live.order_dirty:
        site = live.site
        position = {post.source: i for i, post in enumerate(site.posts)}
        tag_rank = {tag.slug: i for i, tag in enumerate(site.tags)}
        series_rank = {series.slug: i for i, series in enumerate(site.series)}
        kinds = {"series_index": 4, "tags": 5, "archives": 6, "categories": 8}
        category_rank = {category.path: i for i, category in enumerate(site.categories)}

        def rank(planned: PlannedPage) -> tuple[int, int, int]:
            kind, context = planned.page.kind, planned.context
            if kind == "index":
                return (0, planned.page.number, 0)
            if kind == "post":
                return (1, position[context["post"].source], 0)
            if kind == "tag":
                return (2, tag_rank[context["tag"].slug], planned.page.number)
            if kind == "series":
                return (3, series_rank[context["series"].slug], 0)
            if kind == "category":  # after the archives, as plan_pages puts them
                return (7, category_rank[context["category"].path], planned.page.number)
            return (kinds[kind], 0, 0)

        pages = sorted((p for p in pages if p.lastmod is not None), key=rank)
    return sitemap_page(live.config, pages)


def placeholder(recipe: Recipe) -> Any:
    from generator.site.plan import PageInfo

    return PageInfo(kind="pending:" + recipe[0], path="", url="", title="")


def list_keys(live: LivePlan, recipe: Recipe, first: str, count: int) -> list[str]:
    """The output files of a list of `count` posts: the ones it had, plus or minus pages at the end."""
    total = max(1, -(-count // live.config.per_page))  # as paginate counts pages
    known = live.listings.get(recipe, [])
    if len(known) >= total:
        return known[:total]
    pattern = live.config.permalinks["page"]
    return known + [str(output_file(paged_path(first, pattern, n))) for n in range(len(known) + 1, total + 1)]


def relist(
    live: LivePlan,
    recipe: Recipe,
    keys: list[str],
    first_index: int,
    pending: dict[str, Recipe],
    removed_keys: set[str],
) -> None:
    """A list's pages from the first that changed: pending; pages it no longer has: removed."""
    before = live.listings.get(recipe, [])
    per_page = live.config.per_page
    start = 0 if len(keys) != len(before) or live.pinned else min(first_index // per_page, len(keys))
    for key in keys[start:]:
        pending[key] = recipe
    for key in before:
        if key not in keys:
            removed_keys.add(key)
    if keys:
        live.listings[recipe] = keys
    else:
        live.listings.pop(recipe, None)
