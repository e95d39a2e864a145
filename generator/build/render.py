"""The render stage: posts' Markdown, then the pages the plan asks for, each on every core when that pays.

Both the full build (pipeline.py) and the in-memory site of the preview (live/) render
through here, so a page has one renderer whatever path made it: a save served by the
preview gives the bytes a clean build would. The search index reads the posts' HTML from here
too (`search_docs`), by the key it is cached under.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from generator.build.cache import BuildCache, code_fingerprint, post_key
from generator.build.post_warnings import markdown_warnings
from generator.build.templates import (
    CompiledTemplates,
    check_templates,
    make_environment,
    remembering,
    render_page,
    template_error,
)
from generator.config.settings import SiteConfig
from generator.content.assets import asset_folder_name
from generator.content.loader import body_of
from generator.content.model import NotRendered, Post, Rendered
from generator.errors import Diagnostic
from generator.markdown.figures import facts_key
from generator.markdown.render import RenderOptions, options_for, render_post
from generator.processes import can_fork, map_in_workers, worker_count
from generator.search.docs import SearchDoc, Taxon
from generator.site.plan import PlannedPage


def page_fingerprint(base_fp: str, deps: tuple[Any, ...]) -> str:
    """A page's inputs in one digest: config, templates and code (base_fp) plus its own deps."""
    return hashlib.blake2b((base_fp + repr(deps)).encode("utf-8"), digest_size=16).hexdigest()


# What starting a pool of workers costs before it saves anything, measured on a 2-core machine
# (bench/cold_vs_hugo.py at 20 to 300 posts): forked workers start from this process as it is,
# spawned ones (blog serve, which has threads) import the generator again.
POOL_COST_SECONDS = {"fork": 0.05, "spawn": 0.6}
# The pages' pool (lists, tag pages, feeds) costs more. Forked, the pages took 1.4 to 1.5 times
# the CPU of one process (c1000 and c10000 on 2 cores: each worker makes again the post entries,
# feed texts and formulas the other made, and two busy cores run slower). But the wall time and
# the peak memory are what a writer waits for and pays, and on a quiet machine the pool wins on
# both from ~300 posts: whole builds of c300 1.34 s forked against 1.36 s here, c1000 2.92 against
# 3.03 s (medians of 7 and 5 alternated builds), and the main process, which keeps what the
# pages cached (feed texts, list entries) when it renders them itself, peaked at 75 MB against
# 93 MB at c300 (51 against 59 MB at c100). So the pool is charged a fifth more work and little
# to start; a page's time is counted in CPU seconds, so the machine's load does not tip it.
PAGES_POOL_OVERHEAD = 1.2
PAGES_POOL_COST_SECONDS = 0.05
# What forked workers inherit instead of receiving it pickled: the posts, the render
# options, the Jinja environment and the post pages to render. Set only around the fork.
_FORKED: (
    tuple[list[Post], RenderOptions, jinja2.Environment, dict[int, PlannedPage], Path, BuildCache, list[str]] | None
) = None


T = TypeVar("T")


def html_key(
    source_hash: str, images: dict[str, Any], options: RenderOptions, cited: Any = None, asset_folder: str = ""
) -> str:
    """What a post's HTML is cached under: its file, the facts of the images it shows (sizes,
    variants), the bibliography entries it cites, the name of its asset folder (links into it
    are cut by it, and a renamed file keeps its bytes) and the render options; the search index
    keys its blocks by it too."""
    extra = "" if cited is None else hashlib.blake2b(repr(cited).encode("utf-8"), digest_size=16).hexdigest()
    folder = f"|{asset_folder}" if asset_folder else ""
    return post_key(source_hash + facts_key(images) + extra + folder, options)


def post_html_key(post: Post, options: RenderOptions) -> str:
    """`html_key` of a post as the build renders it."""
    return html_key(
        post.source_hash, post.images, options_for(options, post.dialect), post.cited, asset_folder_name(post.source)
    )


_Job = tuple[str, RenderOptions, int, str | None, dict[str, Any], Any, str]


def _job(post: Post, options: RenderOptions) -> _Job:
    """What rendering one post's Markdown takes: strings and facts, so a spawned worker can take it."""
    return (
        post.body or "",
        options_for(options, post.dialect),
        post.body_line,
        post.summary,
        post.images,
        post.cited,
        asset_folder_name(post.source),
    )


def _render_job(job: _Job) -> Rendered:
    body, options, first_line, summary, images, cited, asset_folder = job
    return render_post(body, options, first_line, summary, images, cited, asset_folder)


def _fused_batch(indices: list[int]) -> list[tuple[Rendered, bytes | Diagnostic | None]]:
    """Markdown, then the posts' own pages, in one worker: their HTML never travels twice.

    A batch's markdown first and its pages after, not each post's page right after its
    markdown: Pygments and markdown-it push the template code out of the processor's caches,
    and a post page took half as long again rendered between two posts' markdown.
    """
    assert _FORKED is not None
    posts, options, env, post_pages, templates_dir, cache, keys = _FORKED
    made = [_render_job(_job(posts[index], options)) for index in indices]
    results: list[tuple[Rendered, bytes | Diagnostic | None]] = []
    for index, rendered in zip(indices, made, strict=True):
        planned = post_pages.get(index)
        page: bytes | Diagnostic | None = None
        if planned is not None:
            posts[index].rendered = rendered
            try:
                page = render_one(env, planned, templates_dir)
            except NotRendered:  # the template reads another post's content: the main process renders it later
                page = None
        if cache.directory is not None:  # the HTML goes straight to the disk cache, not back through a pipe
            cache.store_html(keys[index], rendered.html or "")
            rendered = replace(rendered, html=None)
        results.append((rendered, page))
    return results


BATCH = 128  # posts a worker takes at a time: a small last batch leaves no core idle for long


def _here_while_cheap(
    jobs: list[Callable[[], T]],
    workers: int,
    pool_cost: float,
    overhead: float = 1.0,
    cpu: bool = False,
) -> list[T]:
    """Do jobs in this process, one by one, until what is left is worth a pool of workers.

    Decided by this build's own measured time a job (the first is left out: it pays for the
    first code block of each language, the first formula, the first page of a template), not
    by a count: a site of short notes never starts workers, one of long math posts does
    sooner. Workers forked after this start with what the first jobs warmed. `overhead`: the
    work a job is in the workers, against here (workers redo what this process would share);
    `cpu`: timed in this thread's CPU seconds rather than on the wall clock.
    """
    clock = time.thread_time if cpu else time.perf_counter
    done: list[T] = []
    first_done = clock()
    for count, job in enumerate(jobs):
        if workers > 1 and count >= 2:
            per_job = (clock() - first_done) / (count - 1)
            if per_job * (len(jobs) - count) * (1 - overhead / workers) > pool_cost:
                break
        done.append(job())
        if count == 0:
            first_done = clock()
    return done


def _fork_map(
    batch: Callable[[list[int]], list[T]],
    indices: list[int],
    workers: int,
    shares: int,
    meanwhile: Callable[[], None] | None = None,
) -> list[T]:
    """`batch` over `indices` in forked workers, about `shares` batches a worker, results in order.

    What the batches read the caller puts in a module global before, and clears after.
    """
    size = max(1, min(BATCH, len(indices) // (workers * shares)))
    chunks = [indices[i : i + size] for i in range(0, len(indices), size)]
    batches = map_in_workers("fork", workers, batch, chunks, meanwhile=meanwhile)
    return [result for part in batches for result in part]


def render_posts(
    posts: list[Post],
    options: RenderOptions,
    cache: BuildCache,
    env: jinja2.Environment,
    post_pages: dict[int, PlannedPage],
    templates_dir: Path,
    config: SiteConfig,
) -> tuple[list[Diagnostic], int, list[str], dict[str, bytes | Diagnostic]]:
    """Parse only posts the cache has not seen, on every core; attach every post's result.

    With forked workers each also renders its post's page, so the page is ready when the
    markdown is; the pages rendered that way are returned by output path.
    """
    global _FORKED
    diagnostics: list[Diagnostic] = []
    keys = [post_html_key(post, options) for post in posts]
    todo = [i for i, key in enumerate(keys) if not cache.has_html(key)]
    for i in todo:
        body_of(posts[i], config)  # read again if the loader took the post from its memo
    for post, key in zip(posts, keys, strict=True):  # before forking, so workers see their neighbours
        if key in cache.rendered:
            post.rendered = cache.rendered[key]
            post.load_html = partial(cache.html, key)
    pages: dict[str, bytes | Diagnostic] = {}
    workers = worker_count()
    forking = can_fork()
    jobs = [partial(_render_job, _job(posts[i], options)) for i in todo]
    results = _here_while_cheap(jobs, workers, POOL_COST_SECONDS["fork" if forking else "spawn"])
    rest = todo[len(results) :]
    if rest and forking:
        _FORKED = (posts, options, env, post_pages, templates_dir, cache, keys)
        try:
            fused = _fork_map(_fused_batch, rest, workers, 8)
        finally:
            _FORKED = None
        results += [rendered for rendered, _ in fused]
        for i, (_, page) in zip(rest, fused, strict=True):
            if page is not None:
                pages[str(post_pages[i].output)] = page
    elif rest:  # threads are running (blog serve): fork is unsafe, spawn takes only strings
        sent = [_job(posts[i], options) for i in rest]
        results += map_in_workers("spawn", workers, _render_job, sent, chunksize=max(1, len(sent) // (workers * 8)))
    for i, rendered in zip(todo, results, strict=True):
        cache.remember(keys[i], rendered)
    for post, key in zip(posts, keys, strict=True):
        post.rendered = cache.rendered[key]
        post.load_html = partial(cache.html, key)
    diagnostics += markdown_warnings(posts)
    stale = cache.forget_except(set(keys))
    return diagnostics, len(todo), stale, pages


def render_one(env: jinja2.Environment, planned: PlannedPage, templates_dir: Path) -> bytes | Diagnostic:
    """One page's bytes, or the template problem as a diagnostic: the one renderer every path uses."""
    try:
        return planned.make() if planned.make else render_page(env, planned).encode("utf-8")
    except NotRendered:
        raise
    except Exception as exc:  # a template override can raise anything ({{ 1 / 0 }}, deep recursion)
        return template_error(exc, templates_dir)


HOME = "index.html"  # blog serve makes it at once: the first page asked for, and the mark of a built site


def select_pages(
    pages: list[PlannedPage], base_fp: str, cache: BuildCache, output: Path, reuse: bool, on_request: bool = False
) -> tuple[dict[str, str], list[PlannedPage], dict[str, PlannedPage]]:
    """Every page's input fingerprint, the pages that must be rendered now (inputs changed or
    file gone) and, `on_request` (blog serve), those left until a browser asks for them."""
    if on_request and not reuse:  # a first preview: nothing to compare, and no page but the home
        # page is fingerprinted until it is made (LivePlan.materialise): 0.2 s of 10,000 posts
        home = [planned for planned in pages if str(planned.output) == HOME]
        fingerprints = {str(planned.output): "" for planned in pages}
        fingerprints.update(select_pages(home, base_fp, cache, output, reuse)[0])
        return fingerprints, home, {str(p.output): p for p in pages if str(p.output) != HOME}
    fingerprints: dict[str, str] = {}
    todo: list[PlannedPage] = []
    for planned in pages:
        key = str(planned.output)
        fingerprint = page_fingerprint(base_fp, planned.deps)
        fingerprints[key] = fingerprint
        state = cache.manifest.get(key)
        unchanged = reuse and cache.pages.get(key) == fingerprint and state is not None and state.matches(output / key)
        if unchanged and not state.digest.startswith("static:"):  # else a static file stood here: render again
            continue
        todo.append(planned)
    if not on_request:
        return fingerprints, todo, {}
    deferred = {key: p for p in todo if (key := str(p.output)) != HOME and _deferrable(cache, key)}
    return fingerprints, [p for p in todo if str(p.output) not in deferred], deferred


def _deferrable(cache: BuildCache, key: str) -> bool:
    """A page no static file replaces. Its older file, if there is one, is served until a
    browser asks for the page; one never written is made on that request. Rendering every
    page up front made a first preview of 10,000 posts wait 17 s for pages nobody had opened."""
    state = cache.manifest.get(key)
    return state is None or not state.digest.startswith("static:")


# The pages left to forked workers once the posts are parsed: the lists, tag pages and feeds,
# which read every post's excerpt. Set only around the fork, like _FORKED.
_FORKED_PAGES: tuple[jinja2.Environment, list[PlannedPage], Path] | None = None


def _pages_batch(indices: list[int]) -> list[bytes | Diagnostic]:
    assert _FORKED_PAGES is not None
    env, pages, templates_dir = _FORKED_PAGES
    return [render_one(env, pages[index], templates_dir) for index in indices]


def render_pages(
    env: jinja2.Environment,
    todo: list[PlannedPage],
    templates_dir: Path,
    ready: dict[str, bytes | Diagnostic],
    meanwhile: Callable[[], None] | None = None,
) -> tuple[dict[str, bytes], list[str], list[Diagnostic]]:
    """Render the pages that need it (those the workers already made are taken as they are).

    The rest are the lists, tag pages and feeds: rendered here while that is cheap, and by
    forked workers once what is left is worth them (at 10,000 posts, 5.7 s on one core of
    two). `meanwhile` (the writing of the pages already made, on threads a fork must not
    copy) starts once the workers have, or at once when there will be none.
    """
    missing = [planned for planned in todo if str(planned.output) not in ready]
    jobs = [partial(render_one, env, planned, templates_dir) for planned in missing]
    forking = can_fork()
    if not forking and meanwhile is not None:
        meanwhile()
    with remembering():  # a post's entry on the lists is made once (templates.once)
        made: list[bytes | Diagnostic] = _here_while_cheap(
            jobs, worker_count() if forking else 1, PAGES_POOL_COST_SECONDS, PAGES_POOL_OVERHEAD, cpu=True
        )
        rest = missing[len(made) :]
        if rest:
            global _FORKED_PAGES
            _FORKED_PAGES = (env, rest, templates_dir)
            try:
                made += _fork_map(_pages_batch, list(range(len(rest))), worker_count(), 8, meanwhile)
            finally:
                _FORKED_PAGES = None
        elif forking and meanwhile is not None:
            meanwhile()
    by_output = {str(planned.output): result for planned, result in zip(missing, made, strict=True)}
    results: dict[str, bytes] = {}
    rendered: list[str] = []
    problems: dict[str, Diagnostic] = {}
    for planned in todo:
        key = str(planned.output)
        result = ready[key] if key in ready else by_output[key]
        if isinstance(result, Diagnostic):
            problems.setdefault(str(result), result)
            continue
        results[key] = result
        rendered.append(planned.page.path)
    return results, rendered, list(problems.values())


TEMPLATES_DIR = "templates"  # in the cache folder: compiled templates


def template_environment(
    cache: BuildCache, config: SiteConfig, templates_dir: Path, search: bool, base_fp: str
) -> tuple[jinja2.Environment, list[Diagnostic]]:
    """The compiled templates, reused (by blog serve) until a template or the config changes."""
    if cache.environment is None or cache.environment[0] != base_fp:
        compiled = (
            None if cache.directory is None else CompiledTemplates(cache.directory / TEMPLATES_DIR, code_fingerprint())
        )
        env = make_environment(config, templates_dir, search, compiled)
        cache.environment = (base_fp, env, check_templates(env, templates_dir))
    _, env, problems = cache.environment
    return env, problems


def search_docs(posts: list[Post], options: RenderOptions) -> list[SearchDoc]:
    """The posts as the search index reads them; each key is the one its HTML is cached under."""
    return [
        SearchDoc(
            url=post.url,
            title=post.title,
            date=post.date.strftime("%Y-%m-%d"),
            key=post_html_key(post, options),
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
