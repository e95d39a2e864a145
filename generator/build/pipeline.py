"""The build as one library call, a function per stage: config -> load -> images -> plan ->
markdown -> templates and write -> search index -> the no-change record.

The CLI and the preview server are thin callers of `build`; nothing here knows about
terminals or HTTP. Every stage reports problems as diagnostics; the build stops before
writing if any is an error, so public/ is only ever replaced by a complete site.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.build import unchanged
from generator.build.buildinfo import (
    CACHE_DIR_NAME,
    BuildOptions,
    BuildReport,
    StageClock,
    remember_base_url,
    with_writable_cache,
)
from generator.build.cache import BuildCache, code_fingerprint
from generator.build.indexing import NOT_INDEXING, Indexing, start_index
from generator.build.layout import check_layout, list_static, post_files, publishable, shown_beside
from generator.build.migration_summary import summarise_migration
from generator.build.output import check_output_dir
from generator.build.post_warnings import WarningParts, findings_warnings
from generator.build.render import render_pages, render_posts, select_pages, template_environment
from generator.build.templates import show_site_groups, static_dirs, template_dirs
from generator.build.write import SiteWriter, content_digest
from generator.config.settings import SiteConfig, load_config, with_overrides
from generator.content.bibliography import attach_citations, bibliography_folders, bibliography_places_looked_at
from generator.content.cover import cover_ref, missing_covers
from generator.content.fsaccess import vet_folder
from generator.content.loader import body_of, load_posts
from generator.content.model import Post, Site
from generator.content.sections import LoadTally, fold_section_notes
from generator.content.variants import VariantJob
from generator.errors import BuildError, Diagnostic, Severity, error, shown_path, warning
from generator.files import read_regular
from generator.highlight.blocks import is_style, stylesheet
from generator.markdown.figures import attach_images, image_file_warnings, prune_derived, remembered_image_urls
from generator.markdown.render import RenderOptions
from generator.math.formulas import normalise_macros
from generator.processes import holding_signals, start_method
from generator.search.docs import SEARCH_STATE
from generator.site.plan import PlannedPage, assemble, plan_pages

if TYPE_CHECKING:  # the preview's in-memory site: imported by the builds that keep one, not by `blog build`
    import jinja2

    from generator.build.live.quick import LivePlan


def resolve_config(options: BuildOptions) -> tuple[SiteConfig, list[Diagnostic]]:
    source = options.source.resolve()
    config_file = (options.config_file or source / "site.toml").resolve()
    config, diagnostics = load_config(config_file, root=source)
    config = with_overrides(config, base_url=options.base_url)
    return config, diagnostics


def render_options(config: SiteConfig) -> RenderOptions:
    return RenderOptions(
        base_path=config.base_path,
        excerpt_length=config.excerpt_length,
        ellipsis=config.excerpt_ellipsis,
        code_placeholder=config.excerpt_code_placeholder or config.ui["excerpt_code"],
        math_placeholder=config.excerpt_math_placeholder or config.ui["excerpt_math"],
        table_placeholder=config.excerpt_table_placeholder or config.ui["excerpt_table"],
        anchor_label=config.ui["heading_anchor"],
        references_heading=config.ui["references"],
        line_numbers=config.line_numbers,
        post_pattern=config.permalinks["post"],
        math_macros=normalise_macros(config.math.get("macros", {})),
        math_code_spans=bool(config.math.get("code_spans", False)),
        crossref_names=tuple(
            (k[len("crossref_") :], v) for k, v in sorted(config.ui.items()) if k.startswith("crossref_")
        ),
        labels=tuple((k, v) for k, v in sorted(config.ui.items()) if k.startswith(("callout_", "math_error"))),
    )


def source_fingerprint(config: SiteConfig) -> str:
    """What turning a file into a post depends on besides the file: time zone, migration settings,
    code, and the words a notebook's cells are labelled with (the site's language)."""
    labels = sorted((k, v) for k, v in config.ui.items() if k.startswith("notebook_"))
    text = f"{code_fingerprint()}|{config.timezone}|{config.categories_as_tags}|{config.permalinks['post']}|{config.dialect}|{labels}"
    return content_digest(text.encode("utf-8"))


def global_fingerprint(config: SiteConfig, templates_dir: Path) -> str:
    """Config, templates and tool version: a change to any of them re-renders every page."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(code_fingerprint().encode())
    # [deploy] only says where `blog deploy` pushes: adding a target must not re-render every page.
    settings = ((f.name, repr(getattr(config, f.name))) for f in fields(config) if f.name != "deploy")
    hasher.update(repr(sorted(settings)).encode())
    for folder in template_dirs(templates_dir):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                hasher.update(str(path).encode())
                with contextlib.suppress(OSError):  # vet_folder has reported what cannot be read
                    hasher.update(read_regular(path))
    return hasher.hexdigest()


@dataclass(slots=True)
class _Settled:
    """What is settled before a post is read: the settings, where the site goes, the templates."""

    config: SiteConfig
    config_state: tuple[Any, str | None]  # site.toml as it was before it was read, for the record
    output: Path
    templates_dir: Path
    search: bool
    inputs: unchanged.InputState | None
    base_fp: str
    cache: BuildCache
    env: jinja2.Environment


@dataclass(slots=True)
class _Loaded:
    """The posts as read, before drafts and future posts are left out."""

    posts: list[Post]
    due: datetime | None
    tally: LoadTally


@dataclass(slots=True)
class _Gathered:
    """The site's posts and the files it publishes besides its pages."""

    site: Site
    findings_part: tuple[int, int]  # where the findings' summary stands in the diagnostics
    derived: Path
    static: dict[str, Path]
    assets: dict[str, Path]
    site_files: dict[str, Path]
    variants: dict[str, Path]
    later: dict[str, tuple[Path, VariantJob]]  # blog serve: image copies made when a browser asks for one


@dataclass(slots=True)
class _Planned:
    """Every page of the site, and which of them must be rendered now."""

    base_fp: str
    pages: list[PlannedPage]
    reuse: bool  # the output folder is the one this cache describes: write over it in place
    fingerprints: dict[str, str]
    todo: list[PlannedPage]
    deferred: dict[str, PlannedPage]


@dataclass(slots=True)
class _Parsed:
    """The posts' Markdown rendered (and, with forked workers, their pages)."""

    post_pages: dict[int, PlannedPage]
    assets: dict[str, Path]  # what is published beside the pages
    misses: int
    stale: list[str]
    ready: dict[str, bytes | Diagnostic]
    markdown_part: tuple[int, int]  # where the markdown warnings stand in the diagnostics


@dataclass(slots=True)
class _Written:
    """What the write stage did to the output folder."""

    files: dict[str, bytes]
    rendered_pages: list[str]
    static_files: int
    changed: list[str]
    removed: list[str]
    left_behind: list[Diagnostic]


def build(
    options: BuildOptions,
    progress: Callable[[str], None] | None = None,
    cache: BuildCache | None = None,
    changed: frozenset[str] | None = None,
    hold: list[object] | None = None,
) -> BuildReport:
    """Build the site; raise BuildError (with every problem found) and leave output alone on failure.

    `changed` (absolute paths the watcher saw) lets blog serve skip planning when only
    post bodies or templates changed and the cache holds the last plan. A caller that ends
    the process right after (the CLI) passes `hold`, and gets the site, plan and pages put
    in it instead of freed: freeing them object by object took 0.4 s of a first build at
    10,000 posts and 0.2 s of a build after one edit (and 0.06 s of a one-post site's).
    """
    start_method()  # a wrong BLOG_START_METHOD is an error before anything is read or written
    if changed and cache is not None and cache.live is not None and cache.live.key == options:
        quick = _quick_build(options, cache, cache.live, changed)
        if quick is not None:
            return quick
    clock = StageClock(progress)
    options, diagnostics = with_writable_cache(options)
    settled = _settle(options, cache, diagnostics)
    clock.stage("config")
    loaded = _load(options, settled, diagnostics)
    clock.stage("load")
    gathered = _gather(options, settled, loaded, diagnostics)
    clock.stage("images")
    planned = _plan(options, settled, gathered)
    clock.stage("plan")
    parsed = _parse(settled, gathered, planned, diagnostics)
    clock.stage("markdown")
    search = NOT_INDEXING
    try:
        with holding_signals():  # the indexer's process and folder are made and handed over whole
            search = start_index(
                gathered.site.posts,
                render_options(settled.config),
                settled.output,
                settled.cache.directory,
                settled.search and options.search_index,
                fresh=not planned.reuse,
            )
        written = _render_and_write(options, settled, gathered, planned, parsed, diagnostics, clock, search)
    except BaseException:
        search.cancel()
        raise
    clock.stage_or_more("write")  # the swap, after a first build's index went into the staged site
    if options.on_request:
        _keep_live(options, settled, gathered, planned, parsed, written, diagnostics)
    if search.finish(settled.output):
        clock.stage("search")
    report = _report(options, settled, loaded, gathered, planned, parsed, written, diagnostics, clock)
    _record(options, settled, loaded, gathered, written, report)
    if hold is not None:
        settled.cache.drop_scratch()  # the process ends without running the finalizer that would
        hold.append(locals())
    return report


def _settle(options: BuildOptions, cache: BuildCache | None, diagnostics: list[Diagnostic]) -> _Settled:
    """The settings, the output folder and the templates: what every later stage reads."""
    if options.use_cache and not options.on_request:  # the cache and output it describes may change now
        unchanged.forget(options)
    config_state = unchanged.file_state(unchanged.config_path(options))  # before it is read
    config, found = resolve_config(options)
    diagnostics += found
    output = (options.output or config.dir("output")).resolve()
    templates_dir = config.dir("templates")
    protected = {
        "site": config.root,
        "content": config.dir("content"),
        "templates": templates_dir,
        "static": config.dir("static"),
    }
    diagnostics += check_output_dir(output, protected)
    for key in ("highlight_style", "highlight_style_dark"):
        if not is_style(getattr(config, key)):
            name = getattr(config, key)
            diagnostics.append(
                error(
                    config.source_name,
                    None,
                    f"unknown Pygments style '{name}' for {key}",
                    "a style name from pygments.styles, such as xcode or monokai",
                )
            )
    search = config.search and (options.search_index or options.search_deferred)
    inputs = _recordable_inputs(options, config, search)  # before templates and posts are read
    base_fp = global_fingerprint(config, templates_dir) + str(search)
    if cache is None:
        cache = BuildCache.load(config.root / CACHE_DIR_NAME) if options.use_cache else BuildCache()
    elif options.on_request and options.use_cache and cache.live is None and not cache.rendered:
        cache.borrow(config.root / CACHE_DIR_NAME)  # blog serve's first build
    env, template_problems = template_environment(cache, config, templates_dir, search, base_fp)
    diagnostics += template_problems + vet_folder(templates_dir, config.root)
    return _Settled(config, config_state, output, templates_dir, search, inputs, base_fp, cache, env)


def _load(options: BuildOptions, settled: _Settled, diagnostics: list[Diagnostic]) -> _Loaded:
    """Every post file read (from the cache's memo when it has not changed)."""
    config, cache = settled.config, settled.cache
    # blog serve keeps a post's last good version while a save has it empty (not once it stayed empty)
    mid_save = (lambda source: source not in cache.emptied) if cache.live is not None else None
    posts, found = load_posts(config, cache.sources_for(source_fingerprint(config)), mid_save)
    due = _next_due(posts, options, config)
    found, tally = fold_section_notes(found)  # one line for all skipped section files
    if found and not options.all_warnings:  # imported where there is something to fold: 1 ms of a start
        from generator.content.absences import fold_absences

        found = fold_absences(found)  # one line for the tags (title, date, ...) many posts never had
    diagnostics += found
    return _Loaded(posts, due, tally)


def _gather(options: BuildOptions, settled: _Settled, loaded: _Loaded, diagnostics: list[Diagnostic]) -> _Gathered:
    """The published posts, and the images and files beside them, sized before planning:
    they are part of what each post's pages are made from."""
    config, cache = settled.config, settled.cache
    relate = cache.related.relate(code_fingerprint())
    site, found = assemble(
        config, loaded.posts, drafts=options.drafts, future=options.future, now=options.now, relate=relate
    )
    diagnostics += found
    findings_at = len(diagnostics)
    diagnostics += findings_warnings(site.posts)
    findings_part = (findings_at, len(diagnostics))
    _fail_on_errors(diagnostics, options.strict)
    derived, borrowed = cache.derived_dir(), cache.borrowed_derived()  # borrowed: blog serve reads the built cache
    static, found = list_static(static_dirs(config.dir("static")), config.root)
    diagnostics += found
    assets, found = post_files(site.posts, config.root, derived, config.dir("content") / "posts", borrowed)
    diagnostics += found
    read_body = partial(body_of, config=config)
    urls_of = partial(_shown_urls, partial(remembered_image_urls, cache.figures.setdefault("urls", {}), read_body))
    assets |= shown_beside(
        site.posts, config.root, config.dir("content"), {**assets, **static}, urls_of, config.base_path
    )
    site_files = {**assets, **static}
    later: dict[str, tuple[Path, VariantJob]] = {}
    deferred = later if options.on_request else None
    variants = attach_images(
        site.posts, config.base_path, cache.figures, site_files, derived, read_body, borrowed, deferred
    )
    for source, problem, expected in image_file_warnings(
        site_files, config.root, cache.figures.setdefault("checked", {})
    ):
        expected = expected or "an image browsers can show (save or export it again)"
        diagnostics.append(warning(shown_path(source, config.root), None, problem, expected))
    diagnostics += missing_covers(site.posts, site_files)
    diagnostics += attach_citations(site.posts, config, cache.figures.setdefault("cites", {}))
    return _Gathered(site, findings_part, derived, static, assets, site_files, variants, later)


def _shown_urls(images_of: Callable[[Post], tuple[str, ...]], post: Post) -> tuple[str, ...]:
    """The images a post shows: in its body, and its cover."""
    ref = cover_ref(post.meta)
    return (*images_of(post), *((ref.address(post.source),) if ref is not None and not ref.external else ()))


def _plan(options: BuildOptions, settled: _Settled, gathered: _Gathered) -> _Planned:
    """Every page, and those whose inputs changed since the cache's last build of this output."""
    cache, output = settled.cache, settled.output
    base_fp = settled.base_fp + show_site_groups(settled.env, gathered.site)  # the header links the groups it has
    pages = plan_pages(gathered.site, search_page=settled.search)
    reuse = cache.output == str(output) and output.is_dir() and bool(cache.manifest)
    fingerprints, todo, deferred = select_pages(pages, base_fp, cache, output, reuse, options.on_request)
    return _Planned(base_fp, pages, reuse, fingerprints, todo, deferred)


def _parse(settled: _Settled, gathered: _Gathered, planned: _Planned, diagnostics: list[Diagnostic]) -> _Parsed:
    """The Markdown of the posts the cache has not seen, and the files published beside the pages."""
    config, site = settled.config, gathered.site
    index_of = {id(post): i for i, post in enumerate(site.posts)}
    post_pages = {index_of[id(p.context["post"])]: p for p in planned.todo if p.page.kind == "post"}
    assets, found = publishable(gathered.assets, config.root, set(planned.fingerprints))
    diagnostics += found
    assets.update(gathered.variants)
    found, misses, stale, ready = render_posts(
        site.posts, render_options(config), settled.cache, settled.env, post_pages, settled.templates_dir, config
    )
    markdown_part = (len(diagnostics), len(diagnostics) + len(found))
    diagnostics += found
    return _Parsed(post_pages, assets, misses, stale, ready, markdown_part)


def _render_and_write(
    options: BuildOptions,
    settled: _Settled,
    gathered: _Gathered,
    planned: _Planned,
    parsed: _Parsed,
    diagnostics: list[Diagnostic],
    clock: StageClock,
    search: Indexing,
) -> _Written:
    """The pages rendered, then written with the static files (and a first build's search index,
    swapped in with them); the cache saved."""
    config, cache, output = settled.config, settled.cache, settled.output
    writer: SiteWriter | None = None
    try:
        with holding_signals():  # its staging folder is made and handed over whole
            writer = SiteWriter(output, cache, planned.reuse, {**parsed.assets, **gathered.static})
        made = {key: page for key, page in parsed.ready.items() if isinstance(page, bytes)}
        files, rendered_pages, found = render_pages(
            settled.env, planned.todo, settled.templates_dir, parsed.ready, partial(writer.pages, made)
        )
        diagnostics += found
        diagnostics += check_layout(planned.pages, gathered.static, parsed.assets, config.root)
        _fail_on_errors(diagnostics, options.strict)
        clock.stage("templates")

        files["css/syntax.css"] = stylesheet(config.highlight_style, config.highlight_style_dark).encode("utf-8")
        static_files, changed, removed, left_behind = writer.finish(
            files, set(planned.fingerprints), partial(_index_staged, search, clock)
        )
        diagnostics += left_behind
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    cache.pages = {key: value for key, value in planned.fingerprints.items() if key not in planned.deferred}
    cache.save(parsed.stale)
    if cache.directory is not None:  # a temporary folder goes away with the cache
        prune_derived(gathered.derived, set(parsed.assets.values()), {post.source_hash for post in gathered.site.posts})
    return _Written(files, rendered_pages, static_files, changed, removed, left_behind)


def _index_staged(search: Indexing, clock: StageClock, folder: Path) -> None:
    """A first build's search index into the staged site, timed as the search stage."""
    clock.stage("write")
    if search.finish_staged(folder):
        clock.stage("search")


def _keep_live(
    options: BuildOptions,
    settled: _Settled,
    gathered: _Gathered,
    planned: _Planned,
    parsed: _Parsed,
    written: _Written,
    diagnostics: list[Diagnostic],
) -> None:
    """blog serve's site kept in memory, so that its next save re-renders only what it touched."""
    from generator.build.live.quick import LivePlan

    config, cache = settled.config, settled.cache
    cache.live = LivePlan(
        key=options,
        config=config,
        base_fp=planned.base_fp,
        env=settled.env,
        templates_dir=settled.templates_dir,
        render_options=render_options(config),
        output=settled.output,
        site=gathered.site,
        pages={str(p.output): p for p in planned.pages},
        warnings=[d for d in diagnostics if not d.is_error],
        warning_parts=WarningParts.cut(diagnostics, gathered.findings_part, parsed.markdown_part),
        static_files=written.static_files,
        search=settled.search,
        stale=set(planned.deferred),
        copies=gathered.later,
    )
    cache.live.index()


def _report(
    options: BuildOptions,
    settled: _Settled,
    loaded: _Loaded,
    gathered: _Gathered,
    planned: _Planned,
    parsed: _Parsed,
    written: _Written,
    diagnostics: list[Diagnostic],
    clock: StageClock,
) -> BuildReport:
    site = gathered.site
    return BuildReport(
        output=settled.output,
        posts=len(site.posts),
        pages=len(planned.pages),
        tags=len(site.tags),
        static_files=written.static_files,
        seconds=time.perf_counter() - clock.started,
        warnings=[d for d in diagnostics if not d.is_error],
        stages=clock.stages,
        rendered_posts=parsed.misses,
        cache_hits=len(site.posts) - parsed.misses,
        rendered_pages=written.rendered_pages,
        changed=written.changed,
        removed=written.removed,
        search_pending=settled.search and options.search_deferred,
        config_name=settled.config.source_name,
        migration=summarise_migration(loaded.tally, loaded.posts, site.posts),
        deferred=sorted(key for key in planned.deferred if key in settled.cache.manifest),  # shown out of date
    )


def _record(
    options: BuildOptions,
    settled: _Settled,
    loaded: _Loaded,
    gathered: _Gathered,
    written: _Written,
    report: BuildReport,
) -> None:
    """The no-change record (the next build with the same inputs replays this report) and the
    base URL the output was built for (`blog check` reads it)."""
    config, cache, output = settled.config, settled.cache, settled.output
    if settled.inputs is not None and cache.directory == config.root / CACHE_DIR_NAME and not written.left_behind:
        # (with an old output left behind, the next build must run, to try removing it again)
        outputs = {key: (state.size, state.mtime_ns) for key, state in cache.manifest.items()}
        index: list[Path] = []
        if settled.search:
            from generator.search.index import files_checked

            index = files_checked(output, cache.directory / SEARCH_STATE)
        index += bibliography_places_looked_at(gathered.site.posts, config)  # a .bib edit or arrival is a change
        unchanged.remember(options, settled.config_state, settled.inputs, outputs, output, loaded.due, report, index)
    if cache.directory == config.root / CACHE_DIR_NAME:
        remember_base_url(config.root, output, config.base_url)


def _recordable_inputs(options: BuildOptions, config: SiteConfig, search: bool) -> unchanged.InputState | None:
    """The input files' states, for a build that can leave a record (see unchanged.py).

    Not for blog serve (its output is its own and its index is written in the background).
    """
    if options.on_request or not options.use_cache or (search and not options.search_index):
        return None
    site_folder = partial(os.path.join, config.root)  # as written in site.toml: a re-pointed symlink counts
    folders = [Path(site_folder(config.paths[name])) for name in ("content", "templates", "static")]
    return unchanged.InputState.take(unchanged.watched_folders(*folders, *bibliography_folders(config)))


def _next_due(posts: list[Post], options: BuildOptions, config: SiteConfig) -> datetime | None:
    """When the first post left out for its future date is due: the record expires then.

    Taken before `assemble` reads the clock, so a post that falls due in between expires it at once.
    """
    if options.future:
        return None
    now = options.now or datetime.now(config.tz)
    waiting = [post.date for post in posts if post.date > now and (options.drafts or not post.draft)]
    return min(waiting, default=None)


def _quick_build(
    options: BuildOptions, cache: BuildCache, live: LivePlan, changed: frozenset[str]
) -> BuildReport | None:
    """A save that only touched post bodies or templates: no loading or planning of the rest."""
    started = time.perf_counter()
    search = live.search

    def base_fp_now() -> str:
        return global_fingerprint(live.config, live.templates_dir) + str(search) + show_site_groups(live.env, live.site)

    from generator.build.live.quick import quick_update

    quick = quick_update(live, cache, changed, base_fp_now)
    if quick is None:
        return None
    stale, parsed, copied = quick.stale, quick.parsed, quick.copied
    site = live.site
    return BuildReport(
        output=live.output,
        posts=len(site.posts),
        pages=len(live.pages),
        tags=len(site.tags),
        static_files=live.static_files,
        seconds=time.perf_counter() - started,
        warnings=list(live.warnings),
        stages={"quick": time.perf_counter() - started},
        rendered_posts=parsed,
        changed=copied,
        removed=quick.removed,
        search_pending=(bool(parsed) or quick.posts_moved) and search and options.search_deferred,
        config_name=live.config.source_name,
        deferred=stale,
    )


def _fail_on_errors(diagnostics: list[Diagnostic], strict: bool = False) -> None:
    """Stop before anything is written; with --strict a warning stops the build too."""
    if strict:
        diagnostics[:] = [replace(d, severity=Severity.ERROR) for d in diagnostics]
    if any(d.is_error for d in diagnostics):
        raise BuildError(diagnostics)
