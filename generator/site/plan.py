"""Deciding the site: which posts are published, their URLs and tags, and every page.

Planning is cheap and pure, so a rebuild can always re-plan everything and then render
only what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from generator.config.settings import SiteConfig
from generator.content.model import Category, Post, Series, Site, Tag
from generator.errors import Diagnostic, error, warning
from generator.markdown.figures import facts_key
from generator.site.categories import CATEGORIES_PATH, group_categories
from generator.site.feeds import atom_feed, rss_feed
from generator.site.paginate import paginate
from generator.site.pinning import check_pins, front_page_order, unpin_weights
from generator.site.postpaths import assign_paths
from generator.site.redirects import check_aliases, redirect_page, redirect_sources
from generator.site.related import attach_related
from generator.site.series import group_series, neighbours, series_index_path
from generator.site.sitemap import SITEMAP_PATH, robots_txt, sitemap_xml
from generator.urls.paths import expand, join_base, output_file, spelling_key, term_slug


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What every template knows about the page it renders."""

    kind: str  # index, post, tag, tags, 404
    path: str  # site path, e.g. /posts/x/
    url: str  # with base path, percent-encoded
    title: str
    number: int = 1


@dataclass(slots=True)
class PlannedPage:
    """A page to make: its template and context, and the inputs its fingerprint is taken over."""

    template: str  # a Jinja template, or "" when `make` produces the bytes (feeds, sitemap)
    output: PurePosixPath  # relative to the output directory
    page: PageInfo
    context: dict[str, Any] = field(default_factory=dict)
    deps: tuple[Any, ...] = ()  # everything besides config and templates its HTML depends on
    make: Callable[[], bytes] | None = None
    lastmod: datetime | None = None  # for the sitemap; None keeps a page out of it


def _post_key(post: Post) -> tuple[Any, ...]:
    """A listed post changes its entry only if its source, its images' sizes, its URL or the names
    of its tags change (a tag is named by its newest post's spelling: another file can rename it),
    or the bibliography entries it cites change."""
    return (post.source_hash, post.path, facts_key(post.images), tuple(t.name for t in post.tags), post.cited)


def paged_path(first: str, page_pattern: str, n: int) -> str:
    """Page 1 lives at `first`; page n at first + the page pattern (/page/{n}/)."""
    if n == 1:
        return first
    return first.rstrip("/") + expand(page_pattern, n=n)


def assemble(
    config: SiteConfig,
    posts: Sequence[Post],
    *,
    drafts: bool = False,
    future: bool = False,
    now: datetime | None = None,
    relate: Callable[[Sequence[Post], int], None] = attach_related,
) -> tuple[Site, list[Diagnostic]]:
    """Published posts newest first, with URLs and tags; URL clashes are errors.

    `relate` sets each post's related list (a build passes one that remembers the last answer).
    """
    now = now or datetime.now(config.tz)
    chosen = [p for p in posts if (drafts or not p.draft) and (future or p.date <= now)]
    chosen.sort(key=lambda p: (p.date, p.source), reverse=True)
    base = config.base_path
    diagnostics: list[Diagnostic] = []
    owners: dict[str, Post] = {}
    folded: dict[str, Post] = {}
    tags: dict[str, Tag] = {}
    spellings: dict[str, dict[str, tuple[str, Post]]] = {}  # slug -> spelling key -> (name as written, first post)
    paths = assign_paths(config, chosen)  # same-named posts in different folders get their folder path
    for post in chosen:
        post.path = paths[post]
        post.url = join_base(base, post.path)
        clash = owners.get(post.path) or folded.get(post.path.casefold())
        if clash is not None:
            same = "the same URL" if clash.path == post.path else "URLs that differ only in case"
            diagnostics.append(
                error(
                    post.source,
                    post.key_lines.get("slug"),
                    f"post has {same} as {clash.source} ({post.path})",
                    "a different 'slug' in one of them",
                )
            )
            continue
        owners[post.path] = post
        folded[post.path.casefold()] = post
        post.tags = []
        for name in post.tag_names:
            slug = term_slug(name)
            tag = tags.get(slug)
            if tag is None:
                path = expand(config.permalinks["tag"], slug=slug)
                tag = tags[slug] = Tag(name=name, slug=slug, path=path, url=join_base(base, path))
            spellings.setdefault(slug, {}).setdefault(spelling_key(name), (name, post))
            if tag not in post.tags:  # a post lists a tag once, even if written twice
                tag.posts.append(post)
                post.tags.append(tag)
    diagnostics += merged_spellings(tags, spellings)
    published = [p for p in chosen if owners.get(p.path) is p]
    series, found = group_series(config, published)
    categories, named = group_categories(config, published)
    fixed = ["/", ARCHIVES_PATH, tag_index_path(config), "/search/", "/404.html", "/atom.xml", "/rss.xml"]
    if series:
        fixed.append(series_index_path(config))
    if categories:
        fixed.append(CATEGORIES_PATH)
    groups = [*tags.values(), *series, *categories]
    diagnostics += check_aliases(published, [*fixed, *(g.path for g in groups)])
    unpin_weights(published)
    diagnostics += found + named + check_pins(published)
    relate(published, config.related_posts)
    site = Site(config=config, posts=published, tags=sorted(tags.values(), key=lambda t: t.slug), series=series)
    site.categories = categories
    return site, diagnostics


def merged_spellings(tags: dict[str, Tag], spellings: dict[str, dict[str, tuple[str, Post]]]) -> list[Diagnostic]:
    """A warning for each tag URL that two different names reach ('C#' and 'C-sharp'): the page
    lists the posts of both under one title, which the writer should know. Case alone is no
    difference ('PyTorch', 'pytorch'): Hugo and Hexo merge those too."""
    found: list[Diagnostic] = []
    for slug, names in spellings.items():
        if len(names) < 2:
            continue
        tag = tags[slug]
        own = spelling_key(tag.name)
        first = names[own][1]
        for key, (name, post) in names.items():
            if key == own:
                continue
            found.append(
                warning(
                    post.source,
                    post.key_lines.get("tags"),
                    f"tag '{name}' has the same URL {tag.path} as tag '{tag.name}' ({first.source}): "
                    f"their posts are listed together on one page titled '{tag.name}'",
                    "one spelling for one tag, or names that differ in more than punctuation and spaces",
                )
            )
    return found


ARCHIVES_PATH = "/archives/"


def _page(kind: str, path: str, title: str, base: str, number: int = 1) -> PageInfo:
    return PageInfo(kind=kind, path=path, url=join_base(base, path), title=title, number=number)


def plan_pages(site: Site, search_page: bool = False) -> list[PlannedPage]:
    """Every page of the site, in a stable order."""
    config = site.config
    base = config.base_path
    words = config.ui
    pages: list[PlannedPage] = []
    pages += index_pages(site)
    pages += [post_page(config, site.posts, index) for index in range(len(site.posts))]
    for tag in site.tags:
        pages += tag_pages(config, tag)
    pages += [series_page(config, series) for series in site.series]
    if site.series:
        pages.append(series_index_page(site))
    pages.append(tags_page(site))
    pages.append(archives_page(site))
    for category in site.categories:
        pages += category_pages(config, category)
    if site.categories:
        pages.append(categories_page(site))
    if search_page:
        info = _page("search", "/search/", words["search_title"], base)
        pages.append(PlannedPage("search.html", output_file("/search/"), info, {}, ("search",)))
    pages.append(not_found_page(site))
    for alias, post in redirect_sources(site.posts, {str(p.output) for p in pages}):  # old URLs, not in the sitemap
        make = partial(redirect_page, config, post.title, post.path)
        info = _page("redirect", alias, post.title, base)
        pages.append(PlannedPage("", output_file(alias), info, {}, ("redirect", alias, post.title, post.path), make))
    pages.extend(plan_documents(site, pages))
    return pages


def listing_pages(
    config: SiteConfig, kind: str, first: str, title: str, items: Sequence[Post], template: str, extra: dict[str, Any]
) -> list[PlannedPage]:
    """The numbered pages of one list of posts (the index, a tag); blog serve re-plans one list alone."""
    base, pattern = config.base_path, config.permalinks["page"]
    pages: list[PlannedPage] = []
    for pager in paginate(items, config.per_page, lambda n: paged_path(first, pattern, n)):
        heading = title if pager.number == 1 else f"{title} · {config.ui['page_n'].format(n=pager.number)}"
        info = _page(kind, pager.path, heading, base, pager.number)
        tag = extra.get("tag") or extra.get("category")
        about = (tag.name, tag.path, tag.count) if tag is not None else None
        if isinstance(tag, Category):  # its page also shows the way up and the categories below
            about = (about, category_key(tag))
        deps = (kind, pager.path, pager.total, title, about, tuple(_post_key(p) for p in pager.items))
        context = {"pager": pager, "posts": list(pager.items), **extra}
        newest = max((last_changed(p) for p in pager.items), default=None)
        pages.append(PlannedPage(template, output_file(pager.path), info, context, deps, lastmod=newest))
    return pages


def index_pages(site: Site) -> list[PlannedPage]:
    config = site.config
    return listing_pages(config, "index", "/", config.title, front_page_order(site.posts), "index.html", {})


def tag_pages(config: SiteConfig, tag: Tag) -> list[PlannedPage]:
    title = config.ui["tag_title"].format(name=tag.name)
    return listing_pages(config, "tag", tag.path, title, tag.posts, "tag.html", {"tag": tag})


RECENT_ON_404 = 5  # the newest posts a lost reader is offered


def not_found_page(site: Site) -> PlannedPage:
    """The 404 page: a search box and the newest posts, so a dead link still leads somewhere."""
    config = site.config
    recent = site.posts[:RECENT_ON_404]
    info = _page("404", "/404.html", config.ui["not_found_title"], config.base_path)
    return PlannedPage("404.html", PurePosixPath("404.html"), info, {"recent": recent}, not_found_deps(recent))


def not_found_deps(recent: Sequence[Post]) -> tuple[Any, ...]:
    return ("404", tuple((p.title, p.path, p.date.isoformat()) for p in recent))


def category_pages(config: SiteConfig, category: Category) -> list[PlannedPage]:
    title = config.ui["category_title"].format(name=category.name)
    return listing_pages(
        config, "category", category.path, title, category.posts, "category.html", {"category": category}
    )


def category_key(category: Category) -> tuple[Any, ...]:
    """What a category's page shows of the tree: the categories above it and below it."""
    return (
        tuple((c.name, c.path) for c in category.trail),
        tuple((c.name, c.path, c.count) for c in category.children),
    )


def categories_page(site: Site) -> PlannedPage:
    """The tree of every category with its count (`/categories/`)."""
    config = site.config
    deps = ("categories", tuple((c.name, c.path, c.count, len(c.trail)) for c in site.categories))
    info = _page("categories", CATEGORIES_PATH, config.ui["categories_title"], config.base_path)
    top = [c for c in site.categories if len(c.trail) == 1]
    newest = max((last_changed(p) for c in top for p in c.posts), default=None)
    context = {"categories": top, "category_count": len(site.categories)}
    return PlannedPage("categories.html", output_file(CATEGORIES_PATH), info, context, deps, lastmod=newest)


def post_page(config: SiteConfig, posts: Sequence[Post], index: int) -> PlannedPage:
    """The page of `posts[index]` (posts in site order: its neighbours are the posts beside it)."""
    post = posts[index]
    newer = posts[index - 1] if index > 0 else None
    older = posts[index + 1] if index + 1 < len(posts) else None
    info = _page("post", post.path, post.title, config.base_path)
    part_before, part_after = neighbours(post)
    context = {
        "post": post,
        "newer": newer,
        "older": older,
        "series": post.series,
        "series_prev": part_before,
        "series_next": part_after,
        "related": post.related,
    }
    deps = post_page_deps(post, newer, older)
    return PlannedPage("post.html", output_file(post.path), info, context, deps, lastmod=last_changed(post))


def series_page(config: SiteConfig, series: Series) -> PlannedPage:
    info = _page("series", series.path, config.ui["series_title"].format(name=series.name), config.base_path)
    deps = ("series", series.name, tuple(_post_key(p) for p in series.posts))
    newest = max(last_changed(p) for p in series.posts)
    return PlannedPage("series.html", output_file(series.path), info, {"series": series}, deps, lastmod=newest)


def series_index_page(site: Site) -> PlannedPage:
    path = series_index_path(site.config)
    deps = series_index_deps(site.series)
    info = _page("series_index", path, site.config.ui["all_series_title"], site.config.base_path)
    newest = max(last_changed(p) for s in site.series for p in s.posts)
    context = {"all_series": site.series}
    return PlannedPage("series_index.html", output_file(path), info, context, deps, lastmod=newest)


def tags_page(site: Site) -> PlannedPage:
    config = site.config
    tags_path = tag_index_path(config)
    tag_counts = sorted(site.tags, key=lambda t: (-t.count, t.slug))
    deps = tuple((t.name, t.path, t.count) for t in tag_counts)
    info = _page("tags", tags_path, config.ui["tags_title"], config.base_path)
    newest = max((last_changed(p) for p in site.posts), default=None)
    return PlannedPage("tags.html", output_file(tags_path), info, {"tags": tag_counts}, deps, lastmod=newest)


def archives_page(site: Site) -> PlannedPage:
    config = site.config
    years: dict[int, list[Post]] = {}
    for post in site.posts:
        years.setdefault(post.date.astimezone(config.tz).year, []).append(post)
    deps = tuple(archives_entry(p) for p in site.posts)
    info = _page("archives", ARCHIVES_PATH, config.ui["archives_title"], config.base_path)
    context = {"years": sorted(years.items(), reverse=True)}
    newest = max((last_changed(p) for p in site.posts), default=None)
    return PlannedPage("archives.html", output_file(ARCHIVES_PATH), info, context, deps, lastmod=newest)


def post_page_deps(post: Post, newer: Post | None, older: Post | None) -> tuple[Any, ...]:
    """What a post's page shows besides its own content: neighbours, series, related posts.

    Shared with blog serve (live/meta.py), which recomputes it for the pages a front-matter
    edit touches: one function, so its answer is the full plan's by construction.
    """
    series = post.series
    return (
        _post_key(post),
        tuple((t.slug, t.count) for t in post.tags),
        tuple(tuple((c.name, c.path) for c in trail) for trail in post.category_trails),
        (newer.title, newer.path) if newer else None,
        (older.title, older.path) if older else None,
        (series.name, series.path, tuple((p.title, p.path) for p in series.posts)) if series else None,
        tuple((p.title, p.path, p.date.isoformat()) for p in post.related),
    )


def series_index_deps(all_series: Sequence[Series]) -> tuple[Any, ...]:
    return tuple((s.name, s.path, tuple((p.title, p.path, p.date.isoformat()) for p in s.posts)) for s in all_series)


def archives_entry(post: Post) -> tuple[Any, ...]:
    """One post's line on the archives page; the page's deps are these in site order."""
    return (post.title, post.path, post.date.isoformat(), tuple(t.slug for t in post.tags))


def last_changed(post: Post) -> datetime:
    return post.updated or post.date


def _feed_key(posts: Sequence[Post]) -> tuple[Any, ...]:
    """A feed carries each post's full HTML, title, dates and tags: all from its source."""
    return tuple(_post_key(p) for p in posts)


def plan_documents(site: Site, pages: Sequence[PlannedPage]) -> list[PlannedPage]:
    """Feeds, sitemap, robots.txt and .nojekyll: files for machines, planned like pages."""
    config = site.config
    documents = site_feeds(site)
    documents += [tag_feed(config, tag) for tag in site.tags]
    documents += [tag_feed(config, category) for category in site.categories]
    documents.append(sitemap_page(config, pages))
    documents.append(_document(config, "/robots.txt", "robots", ("robots",), partial(robots_txt, config)))
    documents.append(_document(config, "/.nojekyll", "nojekyll", ("nojekyll",), lambda: b""))
    return documents


def _document(
    config: SiteConfig, path: str, kind: str, deps: tuple[Any, ...], make: Callable[[], bytes]
) -> PlannedPage:
    return PlannedPage("", output_file(path), _page(kind, path, path, config.base_path), {}, deps, make)


def site_feeds(site: Site) -> list[PlannedPage]:
    """The Atom and RSS feeds of the newest posts."""
    config = site.config
    full = config.feed_content == "full"
    latest = site.posts[: config.feed_limit]
    feeds: list[PlannedPage] = []
    for feed_path, maker in (("/atom.xml", atom_feed), ("/rss.xml", rss_feed)):
        make = partial(maker, config, latest, feed_path=feed_path, title=config.title, page_path="/", full_content=full)
        feeds.append(_document(config, feed_path, "feed", ("feed", feed_path, _feed_key(latest)), make))
    return feeds


def tag_feed(config: SiteConfig, tag: Tag) -> PlannedPage:
    """A tag's (or a category's) Atom feed of its newest posts."""
    feed_path = tag_feed_path(tag)
    tag_posts = tag.posts[: config.feed_limit]
    title = f"{config.title} · {tag.name}"
    full = config.tag_feed_content == "full"
    make = partial(
        atom_feed, config, tag_posts, feed_path=feed_path, title=title, page_path=tag.path, full_content=full
    )
    return _document(config, feed_path, "feed", ("feed", feed_path, tag.name, _feed_key(tag_posts)), make)


def tag_feed_path(tag: Tag) -> str:
    return tag.path.rstrip("/") + "/atom.xml"


def sitemap_page(config: SiteConfig, pages: Iterable[PlannedPage]) -> PlannedPage:
    """The sitemap lists every page that has a lastmod, in plan order (blog serve re-makes it when one moves)."""
    entries = [(p.page.path, p.lastmod) for p in pages if p.lastmod is not None]
    info = _page("sitemap", SITEMAP_PATH, SITEMAP_PATH, config.base_path)
    deps = ("sitemap", tuple(entries))
    return PlannedPage("", output_file(SITEMAP_PATH), info, {}, deps, partial(sitemap_xml, config, entries))


def tag_index_path(config: SiteConfig) -> str:
    """The page listing every tag: the fixed part of the tag pattern (/tags/{slug}/ -> /tags/)."""
    fixed = config.permalinks["tag"].split("{")[0].rstrip("/")
    return (fixed or "/tags") + "/"
