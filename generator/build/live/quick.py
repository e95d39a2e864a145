"""The preview's memory of the last full build, so that a save costs what it changes.

`blog serve` keeps the loaded, planned site between saves. A save that only changes post
bodies or templates does not need the site planned again: the pages that show a post's
content are found through an index from the post's source hash to the pages whose inputs
(`PlannedPage.deps`) name it, and a template edit only makes every page stale. Front matter
that moves no page (a title, a summary; live/meta.py) and a stylesheet or script saved in
static/ (live/static.py) skip planning too, and so does a new or deleted post that the
options leave out (a draft, or one dated in the future): no page shows it. A published post
added, deleted, renamed, retagged or redated is moved in the kept site (live/posts.py),
which leaves the pages it moves to be planned again on request. Stale pages are not
rendered at once but when a browser asks for them (`LivePlan.materialise`), with the same
renderer `blog build` uses. Anything else (series, pins, aliases, config, images) takes the
full, incremental build, which remembers a new plan.

Correctness rule: the quick path only runs when it can prove the full build would plan
exactly the same pages; otherwise it says so (returns None) and the caller builds fully.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from generator.build.cache import BuildCache, FileState
from generator.build.live.meta import TitleReaders, has_aliases, moves_nothing
from generator.build.live.meta import apply as apply_front_matter
from generator.build.live.pending import index_links, settle, settle_all, sitemap_now, strings
from generator.build.live.posts import apply_posts
from generator.build.live.static import copy_again, publish_copy
from generator.build.output import InPlace
from generator.build.post_warnings import WarningParts
from generator.build.render import html_key, page_fingerprint, render_one, template_environment
from generator.build.templates import show_site_groups
from generator.config.settings import SiteConfig
from generator.content.assets import asset_folder_name
from generator.content.bibliography import candidate_keys, cited_for
from generator.content.fsaccess import vet_folder
from generator.content.loader import SourceEntry, post_row, problem_rows, read_source
from generator.content.model import Post, Series, Site, Tag
from generator.content.notebook_files import NOTEBOOK_SUFFIX
from generator.content.translations import translation_source
from generator.content.variants import VariantJob
from generator.errors import Diagnostic
from generator.markdown.figures import image_urls
from generator.markdown.rawimages import typed_image_sources
from generator.markdown.render import RenderOptions, options_for, render_post
from generator.site.plan import PlannedPage

SAMPLE_MAX_DEPS = 64  # a page whose deps list more entries than this is too big to render as a check


def _substitute(value: Any, old: str, new: str) -> Any:
    """The same deps with one post's source hash replaced: what planning again would give."""
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, tuple):
        return tuple(_substitute(item, old, new) for item in value)
    if isinstance(value, list):
        return [_substitute(item, old, new) for item in value]
    return value


@dataclass(slots=True)
class LivePlan:
    """One full build's plan, kept in memory by `blog serve`; guarded by `lock`."""

    key: Any  # the build options it was made under: other options need a full build
    config: SiteConfig
    base_fp: str
    env: jinja2.Environment
    templates_dir: Path
    render_options: RenderOptions
    output: Path
    site: Site
    pages: dict[str, PlannedPage]  # output file -> page
    warnings: list[Diagnostic]
    warning_parts: WarningParts  # the warnings around the parts its posts make, to make those again
    static_files: int
    search: bool
    readers: dict[str, set[str]] = field(default_factory=dict)  # post source hash -> pages showing it
    posts_by_source: dict[str, Post] = field(default_factory=dict)
    hash_count: dict[str, int] = field(default_factory=dict)
    titles: TitleReaders = field(default_factory=TitleReaders)  # pages that show a post's title
    stale: set[str] = field(default_factory=set)  # pages whose file on disk is out of date
    # Image copies not made yet: output file -> the copy in the cache's folder, and the job making it.
    copies: dict[str, tuple[Path, VariantJob]] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    # For saves that move posts (live/posts.py): pages to plan again on request, by recipe,
    # and where posts, lists and URLs stand.
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)
    post_keys: dict[str, str] = field(default_factory=dict)  # post source -> its page's output file
    listings: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # a list -> its pages, in order
    tags_by_slug: dict[str, Tag] = field(default_factory=dict)
    series_by_slug: dict[str, Series] = field(default_factory=dict)
    path_owner: dict[str, str] = field(default_factory=dict)  # casefolded post URL path -> post source
    alias_paths: set[str] = field(default_factory=set)  # old URLs that redirect, casefolded
    pinned: int = 0
    defaults: dict[str, int] = field(default_factory=dict)  # URL paths posts ask for (live.posts.default_path)
    order_dirty: bool = False  # pages were added since the full plan: the dict is not in plan order

    def index(self) -> None:
        """Which pages show which post's content: every post hash named in a page's deps."""
        self.posts_by_source = {post.source: post for post in self.site.posts}
        self.hash_count = {}
        for post in self.site.posts:
            self.hash_count[post.source_hash] = self.hash_count.get(post.source_hash, 0) + 1
        readers: dict[str, set[str]] = {}
        for key, planned in self.pages.items():
            for text in strings(planned.deps):
                if text in self.hash_count:
                    readers.setdefault(text, set()).add(key)
        self.readers = readers
        self.titles = TitleReaders.index(self.site.posts, self.pages)
        index_links(self)

    def materialise(self, key: str, cache: BuildCache) -> Diagnostic | None:
        """Render one stale page and write it, so the next request reads the current bytes."""
        with self.lock:
            if key not in self.stale:
                return None
            settle(self, key)  # a save that moved posts left it to be planned on request
            planned = self.pages.get(key)
            if planned is None:
                return None
            result = render_one(self.env, planned, self.templates_dir)
            if isinstance(result, Diagnostic):
                return result
            self._write({key: result}, cache)
            cache.pages[key] = page_fingerprint(self.base_fp, planned.deps)
            self.stale.discard(key)
            return None

    def make_copy(self, key: str, cache: BuildCache) -> None:
        """An image's WebP copy, made and written the first time a browser asks for it."""
        with self.lock:
            found = self.copies.pop(key, None)
            if found is not None:
                publish_copy(self.output, cache, key, *found)

    def materialise_all(self, cache: BuildCache) -> list[Diagnostic]:
        """Every stale page (before the search index reads the folder)."""
        problems: list[Diagnostic] = []
        with self.lock:
            for key in sorted(self.stale):
                found = self.materialise(key, cache)
                if found is not None:
                    problems.append(found)
        return problems

    def _write(self, files: dict[str, bytes], cache: BuildCache) -> None:
        writer = InPlace(self.output)
        written: dict[str, FileState] = {}
        for relative, data in files.items():
            old = cache.manifest.get(relative)
            if old is not None and old.digest.startswith("static:"):  # a static file stands here and wins
                continue
            digest = hashlib.blake2b(data, digest_size=16).hexdigest()
            if old is not None and old.digest == digest and old.matches(self.output / relative):
                continue
            info = writer.write(relative, data)  # a rename keeps its size and time
            written[relative] = FileState(digest, info.st_size, info.st_mtime_ns)
        try:
            writer.commit()
        except BaseException:
            writer.abort()
            raise
        cache.manifest.update(written)


@dataclass(frozen=True, slots=True)
class BodyEdit:
    """A post file whose body, or front matter that moves no page (live/meta.py), changed."""

    source: str
    signature: tuple[int, int, int]
    post: Post  # freshly loaded, with its body
    memo_row: tuple[Any, ...]
    front_matter: bool = False  # its title, summary or other keys of its own changed too


def _classify(live: LivePlan, changed: frozenset[str]) -> tuple[list[str], bool, list[Path]] | None:
    """Changed post sources, whether templates changed, and static files; None if anything else changed."""
    root = live.config.root
    posts_dir = live.config.dir("content") / "posts"
    templates = live.templates_dir
    static = live.config.dir("static")
    sources: list[str] = []
    statics: list[Path] = []
    templates_changed = False
    for raw in changed:
        path = Path(raw)
        if templates in path.parents:
            templates_changed = True
            continue
        if static in path.parents and path.suffix.lower() != ".bib":  # al-folio's bibliographies live in static/
            statics.append(path)
            continue
        if posts_dir in path.parents and path.suffix == ".md" and not path.name.startswith("."):
            try:
                sources.append(path.relative_to(root).as_posix())
            except ValueError:
                return None
            continue
        return None
    if sum(map(bool, (sources, templates_changed, statics))) > 1:
        return None  # rare: let the full build sort it out
    return sources, templates_changed, statics


def _body_edit(live: LivePlan, cache: BuildCache, source: str) -> BodyEdit | bool | None:
    """The edit if only the body changed; True if nothing that matters changed; None otherwise."""
    config = live.config
    remembered = cache.sources.get(source)
    if source.endswith(NOTEBOOK_SUFFIX):
        return None  # its output images are files the full build publishes
    if translation_source(source):
        return None  # which translation is published is decided over the whole site
    bundle = source.rsplit("/", 1)[-1].startswith("index.")  # its folder stops being another post's assets
    if remembered is None:
        return None if bundle else _new_unpublished(live, cache, source)
    if remembered.row is None:
        return None  # a file that had errors, or a section or empty file (its note goes or stays)
    file = str(config.root / source)
    try:
        info = os.lstat(file)  # a symlinked post takes the full build, which checks where it leads
    except OSError:
        if bundle or os.path.lexists(file) or remembered.problems or source in live.posts_by_source:
            return None  # unreadable, or it was published or warned about: the full build reports it
        del cache.sources[source]  # a draft or a post not due yet, gone: no page showed it
        return True
    signature = (info.st_size, info.st_mtime_ns, info.st_ino)
    if not info.st_size and remembered.signature[0] and source not in cache.emptied:
        return True  # truncated by a save under way: the last good page stays; the write brings a new event
    post, found = read_source(file, source, info, config)  # undated: the full build assumes its date
    if post is None or any(d.is_error for d in found) or problem_rows(found) != remembered.problems:
        return None
    row = post_row(post)
    assert row is not None
    old_row = remembered.row
    front_matter = row._replace(source_hash="") != old_row._replace(source_hash="")  # the one field a body edit changes
    if front_matter and not moves_nothing(old_row, row):
        return None  # dates, tags, URLs, drafts, pins or series changed: pages move, plan again
    if row.source_hash == old_row.source_hash:
        cache.sources[source] = remembered._replace(signature=signature)
        return True
    return BodyEdit(source, signature, post, SourceEntry(signature, row, problem_rows(found)), front_matter)


def _new_unpublished(live: LivePlan, cache: BuildCache, source: str) -> bool | None:
    """A new post that these options leave out (a draft, or dated in the future) and that has
    no problem to report changes no page: it is only remembered. Anything else plans again."""
    file = str(live.config.root / source)
    try:
        info = os.lstat(file)
    except OSError:
        return None
    post, found = read_source(file, source, info, live.config)  # undated: an error, so the full build
    if post is None or found:
        return None
    options = live.key
    now = options.now or datetime.now(live.config.tz)
    if not ((post.draft and not options.drafts) or (post.date > now and not options.future)):
        return None  # published: pages move
    cache.sources[source] = SourceEntry((info.st_size, info.st_mtime_ns, info.st_ino), post_row(post), ())
    return True


@dataclass(frozen=True, slots=True)
class QuickResult:
    """A save applied without planning the site."""

    stale: list[str]  # pages to render on request
    parsed: int  # posts whose markdown was rendered
    copied: list[str]  # static files copied again
    removed: list[str] = field(default_factory=list)  # output files deleted (pages that no longer exist)
    posts_moved: bool = False  # published posts were added, deleted or moved: the search index follows


def quick_update(
    live: LivePlan, cache: BuildCache, changed: frozenset[str], base_fp_now: Callable[[], str]
) -> QuickResult | None:
    """Apply a save without planning: the pages now stale, the posts parsed and the static
    files copied again, or None when a full build is needed.

    Raises BuildError for a template that no longer compiles or renders, like the full build.
    """
    kinds = _classify(live, changed)
    if kinds is None:
        return None
    sources, templates_changed, statics = kinds
    with live.lock:
        if statics:
            copied = copy_again(live.output, live.config.dir("static"), cache, statics)
            return None if copied is None else QuickResult([], 0, copied)
        if templates_changed:
            return QuickResult(_templates_changed(live, cache, base_fp_now()), 0, [])
        edits: list[BodyEdit] = []
        for source in sources:
            edit = _body_edit(live, cache, source)
            if edit is None:  # a published post new, deleted or moved: live/posts.py, or plan again
                moved = apply_posts(live, cache, sources)
                return None if moved is None else QuickResult(moved.stale, moved.parsed, [], moved.removed, True)
            if isinstance(edit, BodyEdit):
                edits.append(edit)
        stale = _apply_body_edits(live, cache, edits)
        return None if stale is None else QuickResult(stale, len(edits), [])


def _apply_body_edits(live: LivePlan, cache: BuildCache, edits: list[BodyEdit]) -> list[str] | None:
    """Render the edited posts' markdown; their pages become stale (rendered on request)."""
    prepared: list[tuple[BodyEdit, Post | None, Any]] = []
    warned = False  # an edited post had or has markdown warnings: the build's list is made again
    for edit in edits:
        post = live.posts_by_source.get(edit.source)
        if post is None:  # a draft or future post: nothing published shows it
            prepared.append((edit, None, None))
            continue
        if live.hash_count.get(post.source_hash, 0) != 1 or edit.post.source_hash in live.hash_count:
            return None  # two posts with the same bytes share pages' deps: plan again
        if edit.front_matter and edit.post.title != post.title and has_aliases(post):
            return None
        body = edit.post.body or ""
        urls = image_urls(body)
        if (post.images or urls) and cache.figures.get("urls", {}).get(post.source_hash) != urls:
            return None  # other images: their sizes and variants come from files the full build reads
        if typed_image_sources(body) != cache.figures.get("typed", {}).get(post.source_hash, ()):
            return None  # other <img> tags: whether their files exist, too
        fresh = edit.post
        fresh.cited, problems = cited_for(fresh, candidate_keys(body), live.config)
        if problems:
            return None  # a bibliography the post names is missing or broken: the full build reports it
        options = options_for(live.render_options, fresh.dialect)
        folder = asset_folder_name(post.source)
        rendered = render_post(body, options, fresh.body_line, fresh.summary, post.images, fresh.cited, folder)
        if post.rendered is None:
            return None
        warned |= bool(rendered.warnings) or bool(post.rendered.warnings)
        prepared.append((edit, post, rendered))

    stale: set[str] = set()
    for edit, post, rendered in prepared:
        cache.sources[edit.source] = edit.memo_row
        if post is None:
            continue
        old, new = post.source_hash, edit.post.source_hash
        options = options_for(live.render_options, edit.post.dialect)
        key = html_key(new, post.images, options, edit.post.cited, asset_folder_name(post.source))
        post.cited = edit.post.cited
        cache.remember(key, rendered)
        cache.figures.setdefault("urls", {})[new] = image_urls(edit.post.body or "")
        cache.figures.setdefault("typed", {})[new] = typed_image_sources(edit.post.body or "")
        post.body = edit.post.body
        post.dialect = edit.post.dialect  # a body edit may leave other engines' traces, or remove them
        post.rendered = cache.rendered[key]
        post.load_html = partial(cache.html, key)
        live.hash_count.pop(old, None)
        live.hash_count[new] = 1
        readers = live.readers.pop(old, set())
        live.readers[new] = readers
        if edit.front_matter:
            settle_all(live, _front_matter_reads(live, post, readers))
            sitemap = partial(sitemap_now, live)
            pages = apply_front_matter(
                post, edit.post, live.site, live.pages, readers, live.titles, _substitute, sitemap
            )
        else:
            post.source_hash = new
            for page in readers:
                live.pages[page].deps = _substitute(live.pages[page].deps, old, new)
            pages = readers
        for page in pages:
            cache.pages.pop(page, None)
        stale |= pages
    live.stale |= stale
    if warned:
        live.warnings = live.warning_parts.join(live.site.posts)
    return sorted(stale)


def _front_matter_reads(live: LivePlan, post: Post, readers: set[str]) -> set[str]:
    """The pages a front-matter save reads: planned again first if a move left them pending."""
    keys = readers | live.titles.pages.get(post.source, set()) | set(live.titles.singles.values())
    if post.series is not None:
        keys |= live.titles.series_parts.get(post.series.path, set())
    return keys


def _templates_changed(live: LivePlan, cache: BuildCache, base_fp: str) -> list[str]:
    """Every page is stale; one small page per template is rendered now, so an error shows at once."""
    from generator.errors import BuildError

    if base_fp == live.base_fp:
        return []
    env, problems = template_environment(cache, live.config, live.templates_dir, live.search, base_fp)
    show_site_groups(env, live.site)
    problems = problems + vet_folder(live.templates_dir, live.config.root)
    if any(item.is_error for item in problems):
        raise BuildError(problems)
    samples: dict[str, str] = {}
    for key, planned in live.pages.items():  # pages listing the whole site (archives) wait for a request
        if key in live.pending:
            continue  # planned again only on request
        if planned.template and planned.template not in samples and len(planned.deps) <= SAMPLE_MAX_DEPS:
            samples[planned.template] = key
    for key in samples.values():
        result = render_one(env, live.pages[key], live.templates_dir)
        if isinstance(result, Diagnostic):
            raise BuildError([result])
    live.env = env
    live.base_fp = base_fp
    for key in live.pages:
        cache.pages.pop(key, None)
    live.stale = set(live.pages)
    return sorted(live.stale)
