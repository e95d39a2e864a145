"""Published posts added, deleted, retagged, redated or renamed, applied by blog serve without planning the site.

A save that moves pages (a new post, a deleted one, a post with other tags, another date or
another URL) changes the order of posts, tag lists and counts, neighbours, related lists,
pagination and feeds. Instead of planning 10,000 posts again, the post is taken out of the
in-memory site and put back where it now belongs (`Site.posts` and each `Tag.posts` stay in
plan.assemble's order, found by bisection), and only the pages that can have changed are
touched:

- the post's page, its old and new neighbours' pages, and the pages of posts whose related
  list may change: those within `TAG_WINDOW` of the post in one of its tags (related.py's
  rarity changes with a tag's count only at powers of two; then every post of that tag);
- the pages of every post carrying a tag whose count changed (their pages show the count);
- the index pages from the post's place on, the pages and feed of each tag it had or has,
  the feeds if it is among the newest, the tags index, the archives and the sitemap.

Pages that exist on disk are not planned now: they become stale with a recipe (pending.py).

A post in a series re-sorts the series' parts (all their pages are planned now: each shows
every part) and leaves the series page and the series index to be planned on request.

A pinned post (or any pin on the site) leaves every index page to be planned again: the front
page lists pinned posts first, so places there are not places in date order.

A post with markdown warnings or migration findings moves like any other: the build's list of
warnings is made again from the posts in their new order (post_warnings.py), as the full build
makes it. Warnings the loader gives a file (no date, no tags, ...) still take the full build.

Anything this cannot prove equal to the full plan returns None and the full build runs:
every post pinned (a warning comes or goes), a Hugo weight saved or tipped (pinning.unpin_weights), old URLs (aliases), an explicit `series_order`, a series that would appear,
vanish or be renamed, images, asset folders, bundles, loader warnings, a tag whose displayed name
would change, URL clashes, more than two posts in one save, and a post whose URL another
post (in another folder) asks for too, before or after the save: postpaths.assign_paths
then gives both their folder paths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from generator.build.cache import BuildCache
from generator.build.layout import MAX_SEGMENT_BYTES
from generator.build.live.meta import reads_files
from generator.build.live.pending import (
    Recipe,
    default_path,
    list_keys,
    placeholder,
    relist,
    replace_page,
)
from generator.build.output import InPlace
from generator.build.post_warnings import carries_warnings
from generator.build.render import html_key
from generator.content.assets import asset_folder_name
from generator.content.loader import SourceEntry, post_assets, post_row, problem_rows, read_source
from generator.content.model import Post, Rendered, Series, Tag
from generator.content.translations import translation_source
from generator.errors import BuildError
from generator.markdown.render import options_for, render_post
from generator.site import related as related_posts
from generator.site.pinning import carries_weight, weights_order
from generator.site.plan import (
    RECENT_ON_404,
    PlannedPage,
    post_page,
    site_feeds,
    tag_feed_path,
)
from generator.site.postpaths import post_path, posts_prefix
from generator.site.redirects import post_aliases
from generator.site.series import part_key
from generator.urls.paths import expand, join_base, output_file, spelling_key, term_slug

if TYPE_CHECKING:
    from generator.build.live.quick import LivePlan


@dataclass(frozen=True, slots=True)
class PostsResult:
    """What a save of published posts changed: pages to render on request, files removed."""

    stale: list[str]
    parsed: int
    removed: list[str]


@dataclass(slots=True)
class _Change:
    source: str
    old: Post | None  # the published post the site holds now
    fresh: Post | None  # what the file now says, if published under the build options
    memo: tuple[Any, ...] | None  # the loader memo's row, or None when the file is gone
    path: str = ""  # the fresh post's URL path
    rendered: Rendered | None = None
    old_default: str = ""  # the URL path the post the site holds asked for (default_path)


def _read(live: LivePlan, cache: BuildCache, source: str, prefix: str) -> _Change | None:
    """The file's new state, or None when the full build must judge it."""
    config = live.config
    if source.rsplit("/", 1)[-1].startswith("index."):
        return None  # a bundle: its folder's files change owner
    if translation_source(source):
        return None  # which translation is published is decided over the whole site
    remembered = cache.sources.get(source)
    old = live.posts_by_source.get(source)
    if remembered is not None and (remembered.row is None or remembered.problems):
        return None  # a file that had errors or loader warnings: the full build reports what becomes of them
    if old is not None and not _plain(live, old, prefix):
        return None
    file = str(config.root / source)
    posts_dir = config.dir("content") / "posts"
    if post_assets(config.root / source, config.root, posts_dir)[0]:
        return None  # files beside the post are published with it
    asked = "" if old is None else default_path(live, old, prefix)
    try:
        info = os.lstat(file)
    except FileNotFoundError:
        return _Change(source, old, None, None, old_default=asked)
    except OSError:
        return None
    post, found = read_source(file, source, info, config)  # undated: an error, so the full build
    if post is None or found:
        return None
    options = live.key
    now = options.now or datetime.now(config.tz)
    memo = SourceEntry((info.st_size, info.st_mtime_ns, info.st_ino), post_row(post), problem_rows(found))
    if (post.draft and not options.drafts) or (post.date > now and not options.future):
        return _Change(source, old, None, memo, old_default=asked)
    if not _plain(live, post, prefix) or reads_files(post, config):
        return None
    options = options_for(live.render_options, post.dialect)
    rendered = render_post(post.body or "", options, post.body_line, post.summary, {}, None, asset_folder_name(source))
    path = post_path(config, post, prefix)
    return _Change(source, old, post, memo, path, rendered, asked)


def _plain(live: LivePlan, post: Post, prefix: str) -> bool:
    """A post whose place this module knows how to move: no series order, aliases or images."""
    if post.series_order is not None or post.images:
        return False  # an explicit series order can warn of a duplicate: the full build reports it
    if post.categories:
        return False  # the category tree, its pages, feeds and the header's link: planned again in full
    return not post_aliases(post)


def apply_posts(live: LivePlan, cache: BuildCache, sources: list[str]) -> PostsResult | None:
    """Apply saves of published posts (new, deleted, moved) to the kept plan, or None."""
    prefix = posts_prefix(live.config)
    changes: list[_Change] = []
    for source in sorted(set(sources)):
        change = _read(live, cache, source, prefix)
        if change is None:
            return None
        changes.append(change)
    posts, pinned = len(live.site.posts), live.pinned
    posts_after = posts - sum(c.old is not None for c in changes) + sum(c.fresh is not None for c in changes)
    pinned_after = pinned - sum(c.old is not None and c.old.pin is not None for c in changes)
    pinned_after += sum(c.fresh is not None and c.fresh.pin is not None for c in changes)
    if (posts >= 2 and pinned == posts) or (posts_after >= 2 and pinned_after == posts_after) or posts_after < 1:
        return None  # the "every post is pinned" warning comes or goes (pinning.check_pins); or no post is left
    if _weights_move(live, changes, posts_after):
        return None  # whether Hugo's weight pins depends on the whole site (pinning.unpin_weights)
    if sum(c.old is not None or c.fresh is not None for c in changes) > 2:
        return None  # a checkout or a batch of files: the full build is as quick
    if not _checks_pass(live, cache.manifest, changes, prefix):
        return None
    return _apply(live, cache, changes)


def _weights_move(live: LivePlan, changes: list[_Change], posts_after: int) -> bool:
    """A save of a post with a Hugo weight, or one that tips the site's weights between pin and ordering."""
    if any(post is not None and carries_weight(post) for c in changes for post in (c.old, c.fresh)):
        return True
    carriers = sum(carries_weight(post) for post in live.site.posts)
    return carriers > 0 and weights_order(carriers, posts_after) != weights_order(carriers, len(live.site.posts))


def _checks_pass(live: LivePlan, manifest: dict[str, Any], changes: list[_Change], prefix: str) -> bool:
    """Everything that would make the full plan differ from a move: clashes, names, warnings."""
    leaving = {c.source for c in changes}
    taken: set[str] = set()
    hashes: set[str] = set()
    leaving_hashes = {c.old.source_hash for c in changes if c.old is not None}  # a renamed file keeps its bytes
    for change in changes:
        fresh = change.fresh
        if fresh is None:
            continue
        folded = change.path.casefold()
        owner = live.path_owner.get(folded)
        if (owner is not None and owner not in leaving) or folded in taken or folded in live.alias_paths:
            return False
        taken.add(folded)
        same_bytes = live.hash_count.get(fresh.source_hash) and fresh.source_hash not in leaving_hashes
        if same_bytes or fresh.source_hash in hashes:
            return False  # two files with the same bytes share pages' deps
        hashes.add(fresh.source_hash)
        key = str(output_file(change.path))
        if key in live.pages and live.pages[key].page.kind != "post":
            return False
        if not _new_key_ok(live, manifest, key, change, leaving):
            return False
        for name in fresh.tag_names:
            slug = term_slug(name)
            new_path = None if slug in live.tags_by_slug else expand(live.config.permalinks["tag"], slug=slug)
            if not slug or (new_path is not None and new_path.casefold() in live.alias_paths):
                return False
            if new_path is not None and not all(
                _free(manifest, str(output_file(p))) for p in (new_path, new_path.rstrip("/") + "/atom.xml")
            ):
                return False  # a new tag's page or feed where a file stands, or too long a name  # a tag page without a name, or where an old URL of a post redirects
    if any(c.old is not None and live.hash_count.get(c.old.source_hash, 0) != 1 for c in changes):
        return False
    asked = [c.old_default for c in changes if c.old is not None]
    wanted = [c.path.casefold() for c in changes if c.fresh is not None]
    for path in {*asked, *wanted}:
        before = live.defaults.get(path, 0)
        if before > 1 or before - asked.count(path) + wanted.count(path) > 1:
            return False  # posts in other folders asking for the same URL: assign_paths tells them apart
    return _names_stay(live, changes) and _series_stay(live, changes)


def _series_stay(live: LivePlan, changes: list[_Change]) -> bool:
    """Series that keep existing, keep their name (their first part's spelling) and order parts by date."""
    leaving = {c.source for c in changes}
    arriving = [c.fresh for c in changes if c.fresh is not None]
    slugs = {term_slug(p.series_name) for c in changes for p in (c.old, c.fresh) if p is not None and p.series_name}
    for slug in slugs:
        series = live.series_by_slug.get(slug)
        if series is None or any(part.series_order is not None for part in series.posts):
            return False  # a new series has new pages and may bring the series index
        parts = [p for p in series.posts if p.source not in leaving]
        parts += [p for p in arriving if p.series_name is not None and term_slug(p.series_name) == slug]
        if not parts or min(parts, key=part_key).series_name != series.name:
            return False
    return True


def _new_key_ok(live: LivePlan, manifest: dict[str, Any], key: str, change: _Change, leaving: set[str]) -> bool:
    """A page where nothing else stands (no static file, asset or folder) and with short enough segments;
    the page of a post that leaves (a renamed file keeping its slug) makes room."""
    planned = live.pages.get(key)
    if planned is not None and planned.page.kind == "post":
        return planned.context["post"].source in leaving
    return _free(manifest, key) and planned is None


def _free(manifest: dict[str, Any], key: str) -> bool:
    if any(len(part.encode("utf-8")) > MAX_SEGMENT_BYTES for part in key.split("/")):
        return False  # the full build reports it
    return not _in_the_way(manifest, key)


def _in_the_way(manifest: dict[str, Any], key: str) -> bool:
    parts = key.split("/")
    return key in manifest or any("/".join(parts[:depth]) in manifest for depth in range(1, len(parts)))


def _names_stay(live: LivePlan, changes: list[_Change]) -> bool:
    """A tag is named by its newest post's spelling (plan.assemble): it must not change, since
    pages listing the tag name it without naming it in their deps. A second name reaching the
    tag's URL is left to the full plan too, which warns about it."""
    leaving = {id(c.old) for c in changes if c.old is not None}
    arriving = [c.fresh for c in changes if c.fresh is not None]
    slugs = {term_slug(n) for c in changes for post in (c.old, c.fresh) if post is not None for n in post.tag_names}
    for slug in slugs:
        tag = live.tags_by_slug.get(slug)
        staying = next((p for p in (tag.posts if tag else []) if id(p) not in leaving), None)
        spellings = {n: p for p in arriving for n in p.tag_names if term_slug(n) == slug}
        members = [*([staying] if staying else []), *spellings.values()]
        if not members:
            continue
        newest = max(members, key=lambda p: (p.date, p.source))
        name = next(n for n in newest.tag_names if term_slug(n) == slug)
        if (tag is not None and name != tag.name) or (tag is None and len(spellings) > 1):
            return False
        if len({spelling_key(n) for n in [*spellings, *([tag.name] if tag else [])]}) > 1:
            return False  # two names meet on one URL: the full plan warns about it
    return True


@dataclass(slots=True)
class _Moves:
    """The bookkeeping one structural save's steps hand each other: where posts left and arrived,
    and which tags, lists, series and pages that touched, so each step reads what the last found."""

    first_index: int  # the first place in site order that moved
    touched: dict[str, Tag] = field(default_factory=dict)  # slug -> tag whose members or order changed
    counts: dict[str, int] = field(default_factory=dict)  # slug -> count before
    near: list[tuple[Tag | None, int]] = field(default_factory=list)  # where posts left or arrived
    newest_moved: bool = False  # a post among the feeds' newest left or arrived
    removed_keys: set[str] = field(default_factory=set)  # pages that no longer exist
    series_moved: dict[str, Series] = field(default_factory=dict)
    pins_moved: bool = False  # a pinned post left or arrived: the front page's order changes from its top
    eager: set[str] = field(default_factory=set)  # post pages to plan now
    ranked: dict[int, Post] = field(default_factory=dict)  # posts whose related list is ranked again
    pending: dict[str, Recipe] = field(default_factory=dict)  # pages to plan again on request
    stale: set[str] = field(default_factory=set)
    parsed: int = 0


def _apply(live: LivePlan, cache: BuildCache, changes: list[_Change]) -> PostsResult:
    """Move the changed posts in the kept site, then mark, remove and plan the pages that moved."""
    moves = _Moves(first_index=len(live.site.posts))
    warned = any(_carries_warnings(change) for change in changes)
    for change in changes:
        if change.old is not None:
            _take_out(live, moves, change, change.old)
    for change in changes:
        _remember_source(cache, change)
        if change.fresh is not None:
            _put_in(live, cache, moves, change, change.fresh)
    _resort_series(live, moves)
    _near_places(live, moves)
    _rank_again(live, moves)
    _mark_lists(live, moves)
    removed = _remove_gone(live, cache, moves)
    fresh_keys = _plan_eager(live, cache, moves) + _queue_pending(live, cache, moves)
    live.stale |= moves.stale
    if warned:  # the findings' summary and the markdown warnings, from the posts in their new order
        live.warnings = live.warning_parts.join(live.site.posts)
    for key in fresh_keys:  # a browser finds only files that exist: these are rendered now
        problem = live.materialise(key, cache)
        if problem is not None:
            raise BuildError([problem])
    return PostsResult(sorted(moves.stale), moves.parsed, removed)


def _carries_warnings(change: _Change) -> bool:
    """The post leaving or arriving has findings or markdown warnings: the build's warnings change."""
    fresh = change.fresh
    arriving = fresh is not None and (bool(fresh.findings) or bool(change.rendered and change.rendered.warnings))
    return arriving or carries_warnings(change.old)


def _take_out(live: LivePlan, moves: _Moves, change: _Change, old: Post) -> None:
    """The post the site holds leaves the site's order, its tags and its series."""
    site = live.site
    at = related_posts.index_in(site.posts, old)
    site.posts.pop(at)
    _moved_at(live, moves, at)
    if old.series is not None:
        old.series.posts.remove(old)
        moves.series_moved[old.series.slug] = old.series
        old.series = None
    for tag in old.tags:
        moves.counts.setdefault(tag.slug, tag.count)
        where = related_posts.index_in(tag.posts, old)
        tag.posts.pop(where)
        moves.touched[tag.slug] = tag
        moves.near.append((tag, where))
    _forget(live, moves, change, old)


def _moved_at(live: LivePlan, moves: _Moves, at: int) -> None:
    """A post left or arrived at this place in site order."""
    moves.first_index = min(moves.first_index, at)
    moves.newest_moved |= at < max(live.config.feed_limit, RECENT_ON_404)
    moves.near.append((None, at))


def _forget(live: LivePlan, moves: _Moves, change: _Change, old: Post) -> None:
    """The kept indexes stop naming the post that left; its page goes unless the fresh post keeps its URL."""
    live.hash_count.pop(old.source_hash, None)
    live.readers.pop(old.source_hash, None)
    live.path_owner.pop(old.path.casefold(), None)
    if old.pin is not None:
        live.pinned -= 1
        moves.pins_moved = True
    live.defaults[change.old_default] -= 1
    old_key = live.post_keys.pop(old.source)
    if change.fresh is None or str(output_file(change.path)) != old_key:
        moves.removed_keys.add(old_key)
    del live.posts_by_source[old.source]


def _remember_source(cache: BuildCache, change: _Change) -> None:
    """The loader memo follows the file, so the next full build does not read it again."""
    if change.memo is None:
        cache.sources.pop(change.source, None)
    else:
        cache.sources[change.source] = change.memo


def _put_in(live: LivePlan, cache: BuildCache, moves: _Moves, change: _Change, fresh: Post) -> None:
    """The fresh post takes its place in its tags, its series and the site's order. A post that
    stays keeps its object (pages and indexes hold it), with the fresh post's fields."""
    post = change.old or fresh
    if post is not fresh:
        _copy_front_matter(post, fresh)
    post.path, post.url = change.path, join_base(live.config.base_path, change.path)
    _attach_rendered(live, cache, post, change)
    moves.parsed += 1
    _insert_in_tags(live, moves, post)
    if post.series_name is not None:
        post.series = live.series_by_slug[term_slug(post.series_name)]
        post.series.posts.append(post)
        moves.series_moved[post.series.slug] = post.series
    at = related_posts.index_in(live.site.posts, post)
    live.site.posts.insert(at, post)
    _moved_at(live, moves, at)
    _index_arrival(live, moves, change, post)


def _copy_front_matter(post: Post, fresh: Post) -> None:
    for name in ("title", "date", "slug", "body", "body_line", "source_hash", "tag_names", "summary"):
        setattr(post, name, getattr(fresh, name))
    for name in ("updated", "draft", "meta", "key_lines", "findings", "comments", "pin"):
        setattr(post, name, getattr(fresh, name))
    post.series_name, post.series_order = fresh.series_name, fresh.series_order


def _attach_rendered(live: LivePlan, cache: BuildCache, post: Post, change: _Change) -> None:
    """The markdown rendered while reading goes into the cache the renderer reads, as a full build's would."""

    key = html_key(
        post.source_hash, {}, options_for(live.render_options, post.dialect), None, asset_folder_name(post.source)
    )
    assert change.rendered is not None
    cache.remember(key, change.rendered)
    post.rendered, post.load_html = cache.rendered[key], partial(cache.html, key)
    cache.figures.setdefault("urls", {})[post.source_hash] = ()
    cache.figures.setdefault("typed", {})[post.source_hash] = ()


def _insert_in_tags(live: LivePlan, moves: _Moves, post: Post) -> None:
    post.tags = []
    for name in post.tag_names:
        tag = _tag(live, name)
        if tag in post.tags:
            continue
        moves.counts.setdefault(tag.slug, tag.count)
        where = related_posts.index_in(tag.posts, post)
        tag.posts.insert(where, post)
        post.tags.append(tag)
        moves.touched[tag.slug] = tag
        moves.near.append((tag, where))


def _index_arrival(live: LivePlan, moves: _Moves, change: _Change, post: Post) -> None:
    """The kept indexes name the post that arrived; its page is planned now."""
    live.posts_by_source[post.source] = post
    live.hash_count[post.source_hash] = 1
    live.path_owner[post.path.casefold()] = post.source
    if post.pin is not None:
        live.pinned += 1
        moves.pins_moved = True
    live.defaults[change.path.casefold()] = live.defaults.get(change.path.casefold(), 0) + 1
    live.post_keys[post.source] = str(output_file(post.path))
    moves.removed_keys.discard(live.post_keys[post.source])  # a renamed file keeping its URL
    moves.eager.add(post.source)


def _resort_series(live: LivePlan, moves: _Moves) -> None:
    """Every part shows every part, and parts are each other's related candidates: all are planned now."""
    for slug, series in moves.series_moved.items():
        series.posts.sort(key=part_key)
        for part in series.posts:
            moves.eager.add(part.source)
            moves.ranked[id(part)] = part
        live.titles.series_parts[series.path] = {live.post_keys[part.source] for part in series.posts}
        moves.pending[str(output_file(series.path))] = ("series", slug)
        moves.pending[live.titles.singles["series_index"]] = ("series_index", "")


def _near_places(live: LivePlan, moves: _Moves) -> None:
    """Neighbours in site order, and the posts whose related window a post left or entered."""
    window = related_posts.TAG_WINDOW
    for tag, where in moves.near:
        if tag is None:
            for post in live.site.posts[max(0, where - 2) : where + 3]:  # two changes in a batch shift places by one
                moves.eager.add(post.source)
            continue
        members = tag.posts
        if related_posts.rarity(moves.counts[tag.slug]) != related_posts.rarity(tag.count):
            for post in members:  # the tag's weight changed: every list through it may reorder
                moves.ranked[id(post)] = post
            continue
        low = max(0, where - window - 3)
        for at, post in enumerate(members[low : where + window + 4], start=low):
            start, end = related_posts.window_bounds(len(members), at, window)
            if start - 2 <= where < end + 2:  # the post left or entered its window (two changes shift by one)
                moves.ranked[id(post)] = post


def _rank_again(live: LivePlan, moves: _Moves) -> None:
    limit = live.config.related_posts
    moments: dict[int, float] = {}  # the ranked posts' candidates overlap: their dates are read once
    for post in moves.ranked.values():
        fresh_list = related_posts.related_of(post, limit, moments)
        if [id(p) for p in fresh_list] != [id(p) for p in post.related]:
            post.related = fresh_list
        moves.eager.add(post.source)  # a title, URL or date it lists may have changed too


def _mark_lists(live: LivePlan, moves: _Moves) -> None:
    """Pages that list posts or counts become pending: they are planned when a browser asks."""
    site, pending = live.site, moves.pending
    for slug, tag in moves.touched.items():  # a count changed: every page of a post carrying the tag shows it
        if tag.count != moves.counts[slug]:
            for post in tag.posts:
                if post.source not in moves.eager:
                    pending[live.post_keys[post.source]] = ("post", post.source)
    index_keys = list_keys(live, ("index", ""), "/", len(site.posts))
    relist(live, ("index", ""), index_keys, 0 if moves.pins_moved else moves.first_index, pending, moves.removed_keys)
    for slug, tag in moves.touched.items():
        keys = list_keys(live, ("tag", slug), tag.path, tag.count) if tag.posts else []
        relist(live, ("tag", slug), keys, 0, pending, moves.removed_keys)
        feed = str(output_file(tag_feed_path(tag)))
        if tag.posts:
            pending[feed] = ("tag_feed", slug)
        else:
            moves.removed_keys.add(feed)
            live.tags_by_slug.pop(slug, None)
            site.tags.remove(tag)
    if moves.newest_moved:
        for planned in site_feeds(site):
            pending[str(planned.output)] = ("feeds", "")
    for kind in ("tags", "archives", "sitemap", *(("404",) if moves.newest_moved else ())):
        if kind in live.titles.singles:
            pending[live.titles.singles[kind]] = (kind, "")
    live.order_dirty = True


def _remove_gone(live: LivePlan, cache: BuildCache, moves: _Moves) -> list[str]:
    """Pages that no longer exist leave the plan, and their files (not a static file standing there) the output."""
    for key in moves.removed_keys:
        replace_page(live, key, None)
        moves.pending.pop(key, None)
        cache.pages.pop(key, None)
    writer = InPlace(live.output)
    removed: list[str] = []
    for key in sorted(moves.removed_keys):
        state = cache.manifest.get(key)
        if state is not None and not state.digest.startswith("static:"):
            writer.remove(key)
            del cache.manifest[key]
            removed.append(key)
    writer.commit()
    return removed


def _plan_eager(live: LivePlan, cache: BuildCache, moves: _Moves) -> list[str]:
    """Plan the post pages whose neighbours, related list or series moved now; the keys with no page before."""
    site, config = live.site, live.config
    fresh_keys: list[str] = []
    for source in moves.eager:
        post = live.posts_by_source.get(source)
        if post is None:
            continue
        planned = post_page(config, site.posts, related_posts.index_in(site.posts, post))
        key = str(planned.output)
        before = live.pages.get(key)
        if before is None:
            fresh_keys.append(key)
        if before is None or before.deps != planned.deps or before.page != planned.page or key in live.pending:
            moves.stale.add(key)
            cache.pages.pop(key, None)
        replace_page(live, key, planned)
        moves.pending.pop(key, None)
    return fresh_keys


def _queue_pending(live: LivePlan, cache: BuildCache, moves: _Moves) -> list[str]:
    """Pending pages wait for a request with their recipe (a placeholder where none stood); the new keys."""
    fresh_keys: list[str] = []
    for key, recipe in moves.pending.items():
        if key not in live.pages:
            fresh_keys.append(key)
            live.pages[key] = PlannedPage("", output_file("/" + key), placeholder(recipe), {}, ())
        live.pending[key] = recipe
        moves.stale.add(key)
        cache.pages.pop(key, None)
    return fresh_keys


def _tag(live: LivePlan, name: str) -> Tag:
    slug = term_slug(name)
    tag = live.tags_by_slug.get(slug)
    if tag is None:
        config = live.config
        path = expand(config.permalinks["tag"], slug=slug)
        tag = Tag(name=name, slug=slug, path=path, url=join_base(config.base_path, path))
        live.tags_by_slug[slug] = tag
        site_tags = live.site.tags
        site_tags.insert(sum(1 for t in site_tags if t.slug < slug), tag)
    return tag
