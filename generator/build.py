"""The build as one library call: config -> load -> render -> plan -> write.

The CLI and the preview server are thin callers of `build`; nothing here knows about
terminals or HTTP. Every stage reports problems as diagnostics; the build stops before
writing if any is an error, so public/ is only ever replaced by a complete site.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jinja2

from .config import SiteConfig, load_config, with_overrides
from .content import Post, Site
from .errors import BuildError, Diagnostic, error, warning
from .highlight import is_style, stylesheet
from .loader import load_posts
from .markdown import RenderOptions, render_post
from .output import Staging, check_output_dir
from .plan import PlannedPage, assemble, plan_pages
from .templates import check_templates, make_environment, render_page, template_error


@dataclass(frozen=True, slots=True)
class BuildOptions:
    source: Path = Path(".")
    output: Path | None = None  # default: paths.output from site.toml
    config_file: Path | None = None  # default: <source>/site.toml
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    now: datetime | None = None  # for reproducible tests


@dataclass(slots=True)
class BuildReport:
    output: Path
    posts: int
    pages: int
    tags: int
    static_files: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)


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
        code_placeholder=config.excerpt_code_placeholder,
        math_placeholder=config.excerpt_math_placeholder,
    )


def render_posts(posts: list[Post], options: RenderOptions) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for post in posts:
        post.rendered = render_post(post.body, options, post.body_line, post.summary)
        for line, message, expected in post.rendered.warnings:
            diagnostics.append(warning(post.source, line, message, expected))
    return diagnostics


def render_pages(
    env: jinja2.Environment, pages: list[PlannedPage], templates_dir: Path
) -> tuple[list[tuple[PlannedPage, bytes]], list[Diagnostic]]:
    results: list[tuple[PlannedPage, bytes]] = []
    problems: dict[str, Diagnostic] = {}
    for planned in pages:
        try:
            results.append((planned, render_page(env, planned).encode("utf-8")))
        except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
            problem = template_error(exc, templates_dir)
            problems.setdefault(str(problem), problem)
    return results, list(problems.values())


def build(options: BuildOptions, progress: Callable[[str], None] | None = None) -> BuildReport:
    """Build the site; raise BuildError (with every problem found) and leave output alone on failure."""
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
            diagnostics.append(
                error(
                    str(config.source or "site.toml"),
                    None,
                    f"unknown Pygments style '{getattr(config, key)}' for {key}",
                    "a style name from pygments.styles, such as friendly or monokai",
                )
            )
    env = make_environment(config, templates_dir)
    diagnostics += check_templates(env, templates_dir)
    stage("config")

    posts, found = load_posts(config)
    diagnostics += found
    stage("load")

    site, found = assemble(config, posts, drafts=options.drafts, future=options.future, now=options.now)
    diagnostics += found
    _fail_on_errors(diagnostics)

    diagnostics += render_posts(site.posts, render_options(config))
    stage("markdown")

    pages = plan_pages(site)
    stage("plan")
    rendered, found = render_pages(env, pages, templates_dir)
    diagnostics += found
    _fail_on_errors(diagnostics)
    stage("templates")

    static_files = _write(output, rendered, config, site)
    stage("write")
    return BuildReport(
        output=output,
        posts=len(site.posts),
        pages=len(rendered),
        tags=len(site.tags),
        static_files=static_files,
        seconds=time.perf_counter() - started,
        warnings=[d for d in diagnostics if not d.is_error],
        stages=stages,
    )


def _fail_on_errors(diagnostics: list[Diagnostic]) -> None:
    if any(d.is_error for d in diagnostics):
        raise BuildError(diagnostics)


def _write(output: Path, rendered: list[tuple[PlannedPage, bytes]], config: SiteConfig, site: Site) -> int:
    staging = Staging(output)
    try:
        static_files = staging.copy_tree(config.dir("static"))
        if not staging.exists("css/syntax.css"):
            staging.write(
                "css/syntax.css", stylesheet(config.highlight_style, config.highlight_style_dark).encode("utf-8")
            )
        for planned, data in rendered:
            staging.write(planned.output, data)
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    return static_files
