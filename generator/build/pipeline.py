"""The build as one library call: config -> load -> render -> plan -> write.

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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build import unchanged
from generator.build.buildinfo import CACHE_DIR_NAME, BuildOptions, BuildReport, remember_base_url
from generator.build.cache import BuildCache, FileState, code_fingerprint
from generator.build.layout import check_layout, list_static
from generator.build.live.static import static_signature
from generator.build.migration_summary import summarise_migration
from generator.build.output import InPlace, Staging, check_output_dir
from generator.build.post_warnings import WarningParts, findings_warnings
from generator.build.render import html_key, render_pages, render_posts, select_pages, template_environment
from generator.build.templates import (
    show_site_groups,
    static_dirs,
    template_dirs,
)
from generator.build.theme_assets import is_minified, minified, minifier_versions
from generator.config.settings import SiteConfig, load_config, with_overrides
from generator.content.bibliography import attach_citations, bibliography_files
from generator.content.fsaccess import vet_folder
from generator.content.loader import body_of, load_posts, post_assets
from generator.content.model import Post
from generator.content.notebook import publish_images
from generator.content.sections import fold_section_notes
from generator.errors import BuildError, Diagnostic, Severity, error, shown_path, warning
from generator.files import read_regular
from generator.highlight.blocks import is_style, stylesheet
from generator.markdown.figures import attach_images, image_file_warnings, prune_derived
from generator.markdown.render import RenderOptions, options_for
from generator.math.formulas import normalise_macros
from generator.search.index import (
    SEARCH_STATE,
    SearchDoc,
    Taxon,
    files_checked,
    index_in_background,
    index_site,
    start_method,
)
from generator.site.plan import PlannedPage, assemble, plan_pages
from generator.urls.paths import output_file

if TYPE_CHECKING:  # the preview's in-memory site: imported by the builds that keep one, not by `blog build`
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
    )


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def source_fingerprint(config: SiteConfig) -> str:
    """What turning a file into a post depends on besides the file: time zone, migration settings, code."""
    text = f"{code_fingerprint()}|{config.timezone}|{config.categories_as_tags}|{config.permalinks['post']}|{config.dialect}"
    return _digest(text.encode("utf-8"))


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
    10,000 posts and 0.2 s of a build after one edit.
    """
    start_method()  # a wrong BLOG_START_METHOD is an error before anything is read or written
    if changed and cache is not None and cache.live is not None and cache.live.key == options:
        quick = _quick_build(options, cache, cache.live, changed)
        if quick is not None:
            return quick
    started = time.perf_counter()
    stages: dict[str, float] = {}
    mark = started

    def stage(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        stages[name] = now - mark
        mark = now
        if progress:
            progress(name)

    if options.use_cache and not options.on_request:  # the cache and output it describes may change now
        unchanged.forget(options)
    config_state = unchanged.file_state(unchanged.config_path(options))  # before it is read
    config, diagnostics = resolve_config(options)
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
    stage("config")

    # blog serve keeps a post's last good version while a save has it empty (not once it stayed empty)
    mid_save = (lambda source: source not in cache.emptied) if cache.live is not None else None
    posts, found = load_posts(config, cache.sources_for(source_fingerprint(config)), mid_save)
    due = _next_due(posts, options, config)
    found, tally = fold_section_notes(found)  # one line for all skipped section files
    diagnostics += found
    stage("load")

    relate = cache.related.relate(code_fingerprint())
    site, found = assemble(config, posts, drafts=options.drafts, future=options.future, now=options.now, relate=relate)
    diagnostics += found
    findings_at = len(diagnostics)
    diagnostics += findings_warnings(site.posts)
    findings_part = (findings_at, len(diagnostics))
    _fail_on_errors(diagnostics, options.strict)
    # Image sizes before planning: they are part of what each post's pages are made from.
    derived = cache.derived_dir()
    static, found = list_static(static_dirs(config.dir("static")), config.root)
    diagnostics += found
    assets, found = _post_files(site.posts, config.root, derived, config.dir("content") / "posts")
    diagnostics += found
    read_body = partial(body_of, config=config)
    site_files = {**assets, **static}
    variants = attach_images(site.posts, config.base_path, cache.figures, site_files, derived, read_body)
    for source, problem in image_file_warnings(site_files, config.root, cache.figures.setdefault("checked", {})):
        diagnostics.append(
            warning(
                shown_path(source, config.root), None, problem, "an image browsers can show (save or export it again)"
            )
        )
    diagnostics += attach_citations(site.posts, config)
    stage("images")

    base_fp += show_site_groups(env, site)  # the header links the series and categories pages it has
    pages = plan_pages(site, search_page=search)
    reuse = cache.output == str(output) and output.is_dir() and bool(cache.manifest)
    fingerprints, todo = select_pages(pages, base_fp, cache, output, reuse)
    deferred: dict[str, PlannedPage] = {}
    if options.on_request and reuse:  # pages already on disk are brought up to date when requested
        deferred = {str(p.output): p for p in todo if p.template and _deferrable(cache, str(p.output))}
        todo = [p for p in todo if str(p.output) not in deferred]
    stage("plan")

    index_of = {id(post): i for i, post in enumerate(site.posts)}
    post_pages = {index_of[id(p.context["post"])]: p for p in todo if p.page.kind == "post"}
    assets, found = _publishable(assets, config.root, set(fingerprints))
    diagnostics += found
    assets.update({target: path for target, path in variants.items() if target not in site_files})
    found, misses, stale, ready = render_posts(
        site.posts, render_options(config), cache, env, post_pages, templates_dir, config
    )
    markdown_part = (len(diagnostics), len(diagnostics) + len(found))
    diagnostics += found
    stage("markdown")

    indexing = search and options.search_index
    state = None if cache.directory is None else cache.directory / SEARCH_STATE
    docs = search_docs(site.posts, render_options(config)) if indexing else []
    # A fresh output folder has no index to update: make it all while pages render and write.
    background = index_in_background(output, docs, state) if indexing and not reuse else None
    try:
        files, rendered_pages, found = render_pages(env, todo, templates_dir, ready)
        diagnostics += found
        diagnostics += check_layout(pages, static, assets, config.root)
        _fail_on_errors(diagnostics, options.strict)
        stage("templates")

        files["css/syntax.css"] = stylesheet(config.highlight_style, config.highlight_style_dark).encode("utf-8")
        static_files, changed, removed, left_behind = _write(
            output, files, set(fingerprints), static, assets, cache, reuse
        )
        diagnostics += left_behind
    except BaseException:
        if background is not None:
            background.cancel()
        raise
    cache.pages = {key: value for key, value in fingerprints.items() if key not in deferred}
    cache.save(stale)
    if cache.directory is not None:  # a temporary folder goes away with the cache
        prune_derived(derived, set(assets.values()), {post.source_hash for post in site.posts})
    stage("write")
    if options.on_request:
        from generator.build.live.quick import LivePlan

        cache.live = LivePlan(
            key=options,
            config=config,
            base_fp=base_fp,
            env=env,
            templates_dir=templates_dir,
            render_options=render_options(config),
            output=output,
            site=site,
            pages={str(p.output): p for p in pages},
            warnings=[d for d in diagnostics if not d.is_error],
            warning_parts=WarningParts.cut(diagnostics, findings_part, markdown_part),
            static_files=static_files,
            search=search,
            stale=set(deferred),
        )
        cache.live.index()
    search_pending = search and options.search_deferred
    if background is not None:
        background.finish(output)
        stage("search")
    elif indexing:
        index_site(output, docs, state)
        stage("search")
    report = BuildReport(
        output=output,
        posts=len(site.posts),
        pages=len(pages),
        tags=len(site.tags),
        static_files=static_files,
        seconds=time.perf_counter() - started,
        warnings=[d for d in diagnostics if not d.is_error],
        stages=stages,
        rendered_posts=misses,
        cache_hits=len(site.posts) - misses,
        rendered_pages=rendered_pages,
        changed=changed,
        removed=removed,
        search_pending=search_pending,
        config_name=config.source_name,
        migration=summarise_migration(tally, posts, site.posts),
        deferred=sorted(deferred),
    )
    if inputs is not None and cache.directory == config.root / CACHE_DIR_NAME and not left_behind:
        # (with an old output left behind, the next build must run, to try removing it again)
        outputs = {key: (state.size, state.mtime_ns) for key, state in cache.manifest.items()}
        index = files_checked(output, cache.directory / SEARCH_STATE) if search else []
        index += bibliography_files(site.posts, config)  # a .bib edit is an input change
        unchanged.remember(options, config_state, inputs, outputs, output, due, report, index)
    if cache.directory == config.root / CACHE_DIR_NAME:
        remember_base_url(config.root, output, config.base_url)
    if hold is not None:
        hold.append(locals())
    return report


def _recordable_inputs(options: BuildOptions, config: SiteConfig, search: bool) -> unchanged.InputState | None:
    """The input files' states, for a build that can leave a record (see unchanged.py).

    Not for blog serve (its output is its own and its index is written in the background).
    """
    if options.on_request or not options.use_cache or (search and not options.search_index):
        return None
    site_folder = partial(os.path.join, config.root)  # as written in site.toml: a re-pointed symlink counts
    folders = [Path(site_folder(config.paths[name])) for name in ("content", "templates", "static")]
    return unchanged.InputState.take(unchanged.watched_folders(*folders))


def _next_due(posts: list[Post], options: BuildOptions, config: SiteConfig) -> datetime | None:
    """When the first post left out for its future date is due: the record expires then.

    Taken before `assemble` reads the clock, so a post that falls due in between expires it at once.
    """
    if options.future:
        return None
    now = options.now or datetime.now(config.tz)
    waiting = [post.date for post in posts if post.date > now and (options.drafts or not post.draft)]
    return min(waiting, default=None)


def search_docs(posts: list[Post], options: RenderOptions) -> list[SearchDoc]:
    """The posts as the search index reads them; each key is the one its HTML is cached under."""
    return [
        SearchDoc(
            url=post.url,
            title=post.title,
            date=post.date.strftime("%Y-%m-%d"),
            key=html_key(post.source_hash, post.images, options_for(options, post.dialect), post.cited),
            html=partial(_body_html, post),
            taxa=taxa_of(post),
        )
        for post in posts
    ]


def taxa_of(post: Post) -> tuple[Taxon, ...]:
    """The tags, series and categories (every level of each path) a post is searchable by."""
    found = [Taxon("tag", tag.name, tag.url) for tag in post.tags]
    if post.series is not None:
        found.append(Taxon("series", post.series.name, post.series.url))
    for trail in post.category_trails:
        found += [Taxon("category", level.name, level.url) for level in trail]
    return tuple(dict.fromkeys(found))  # two paths under one parent name it once


def _body_html(post: Post) -> str:
    return str(post.html)


def _deferrable(cache: BuildCache, key: str) -> bool:
    """A page whose older file is there to fall back on, and that no static file replaces."""
    state = cache.manifest.get(key)
    return state is not None and not state.digest.startswith("static:")


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


def _post_files(
    posts: list[Post], root: Path, derived: Path, posts_dir: Path
) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Images and files beside a post (and a notebook's output images), by output path next to its page."""
    found: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for post in posts:
        file = os.path.join(root, post.source)
        files, unreadable = post_assets(file, root, posts_dir)
        problems += unreadable
        files.update(publish_images(file, post.source, post.source_hash, derived))
        if not files:  # most posts: no pathlib work (it was a third of a 10,000-post edit's image stage)
            continue
        folder = output_file(post.path).parent
        for relative, source in files.items():
            found[(folder / relative).as_posix()] = source
    return found, problems


def _publishable(files: dict[str, Path], root: Path, pages: set[str]) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Post files that do not stand where a generated page goes; those that do are reported."""
    assets: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for target, source in files.items():
        if target in pages:
            problems.append(
                warning(
                    shown_path(source, root),
                    None,
                    f"file is not published: it would replace the generated page {target}",
                    "a different file name",
                )
            )
            continue
        assets[target] = source
    return assets, problems


def _write(
    output: Path,
    files: dict[str, bytes],
    planned: set[str],
    static: dict[str, Path],
    assets: dict[str, Path],
    cache: BuildCache,
    reuse: bool,
) -> tuple[int, list[str], list[str], list[Diagnostic]]:
    """Write what changed: in place over a site this cache built, else a fresh staged site.

    `files` holds the pages that were rendered; `planned` every page of the site (the
    ones not rendered are unchanged and already on disk). Writes run on a few threads:
    they wait on the disk, not on Python.
    """
    previous = cache.manifest if reuse else {}
    manifest: dict[str, FileState] = {}
    jobs: list[Callable[[], None]] = []
    touched: set[str] = set()
    writer: Staging | InPlace = InPlace(output) if reuse else Staging(output)
    try:
        static = {**assets, **static}  # a file in static/ wins over a post's asset of the same path
        for relative, source in static.items():  # a static file wins over a generated one of the same name
            signature = static_signature(source, source.stat())
            shrunk = is_minified(source)
            if shrunk:
                signature = f"{signature}|{minifier_versions()}"
            old = previous.get(relative)
            if old is not None and old.digest == signature and old.matches(output / relative):
                manifest[relative] = old
                continue
            manifest[relative] = FileState(signature, 0, 0)
            touched.add(relative)
            jobs.append(
                partial(writer.write, relative, minified(source)) if shrunk else partial(writer.copy, source, relative)
            )
        for relative in sorted(planned | set(files)):
            if relative in static:
                continue
            if relative not in files:  # unchanged page: keep what is there
                manifest[relative] = previous[relative]
                continue
            data = files[relative]
            digest = _digest(data)
            old = previous.get(relative)
            if old is not None and old.digest == digest and old.matches(output / relative):
                manifest[relative] = old
                continue
            manifest[relative] = FileState(digest, 0, 0)
            touched.add(relative)
            jobs.append(partial(writer.write, relative, data))
        for relative in previous:
            if relative not in manifest:
                writer.remove(relative)
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            for future in [pool.submit(job) for job in jobs]:
                future.result()
        left_behind = writer.commit()
    except BaseException:
        writer.abort()
        raise
    for relative in touched:  # remember size and mtime, to notice later edits by hand
        stat = (output / relative).stat()
        manifest[relative] = FileState(manifest[relative].digest, stat.st_size, stat.st_mtime_ns)
    cache.manifest = manifest
    cache.output = str(output)
    changed = sorted(touched)
    removed = sorted(k for k in previous if k not in manifest)
    return len(static), changed, removed, left_behind


WRITE_THREADS = 8
