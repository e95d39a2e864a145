"""The `blog` command: a thin shell over the build, turning diagnostics into output and exit codes."""

from __future__ import annotations

import os
import shlex
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from generator import __version__
from generator.errors import BuildError, Diagnostic

if TYPE_CHECKING:  # each command imports what it runs: `blog --help` loads none of the build
    from generator.build.buildinfo import BuildOptions, BuildReport
    from generator.config.deploy import DeployTarget
    from generator.config.settings import SiteConfig


def _print_warnings(warnings: list[Diagnostic]) -> None:
    if not warnings:
        return
    click.echo(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}:", err=True)
    for item in warnings:
        click.echo(f"  {item}", err=True)


def _print_failure(exc: BuildError, output: str, headline: str | None = None) -> None:
    """Every problem of a failed command; `headline` replaces the build's wording for other commands."""
    errors = exc.errors
    _print_warnings([d for d in exc.diagnostics if not d.is_error])
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    click.echo(
        headline.format(count=count) if headline else f"Build failed with {count}; {output} was left as it was:",
        err=True,
    )
    for item in errors:
        click.echo(str(item), err=True)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _duration(seconds: float) -> str:
    """'12 ms' rather than '0.00 s' for a build that had nothing to do."""
    return f"{seconds * 1000:.0f} ms" if seconds < 0.1 else f"{seconds:.2f} s"


def _summary(report: BuildReport, seconds: float | None = None) -> str:
    """What was built; `seconds` is the whole command's time, on the progress lines' clock."""
    stages = "  ".join(f"{name} {spent:.2f}s" for name, spent in report.stages.items())
    contents = (
        f"{_count(report.posts, 'post')}, {_count(report.pages, 'page')}, {_count(report.tags, 'tag')}, "
        f"{_count(report.static_files, 'static file')}"
    )
    took = _duration(report.seconds if seconds is None else seconds)
    headline = (
        f"Nothing changed since the last build: {contents} in {report.output} (checked in {took})"
        if set(report.stages) == {"unchanged"}
        else f"Built {contents} into {report.output} in {took}"
    )
    return (
        f"{headline}\n"
        f"  files written {len(report.changed)}, unchanged {_unchanged(report)}, removed {len(report.removed)}; "
        f"posts parsed {report.rendered_posts}, from cache {report.cache_hits}; pages rendered {len(report.rendered_pages)}\n"
        f"  stages: {stages}"
    )


def _unchanged(report: BuildReport) -> int:
    return max(0, report.pages + report.static_files + 1 - len(report.changed))


def _progress(started: float) -> Callable[[str], None] | None:
    """Stage names as they finish: on one line in a terminal, plain lines in CI logs."""
    interactive = sys.stderr.isatty()

    def show(stage: str) -> None:
        elapsed = time.perf_counter() - started
        if interactive:
            click.echo(f"\r\033[K  {stage} done ({elapsed:.1f} s)", err=True, nl=False)
            if stage == "write":
                click.echo("\r\033[K", err=True, nl=False)
        else:
            click.echo(f"  {stage} done ({elapsed:.1f} s)", err=True)

    return show


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blog")
def main() -> None:
    """A static blog generator for long Chinese machine-learning articles.

    Write Markdown posts in content/posts/, run `blog build`, publish public/.
    """


def _require_site(source: Path, config: Path | None, command: str) -> None:
    """Stop before anything is created when `source` is not a blog: a typo in --source, or a
    first run in the wrong folder, used to make that folder and build an empty site into it."""
    if not source.is_dir():
        problem = "no such folder" if not source.exists() else "not a folder"
    elif config is None and not (source / "site.toml").is_file() and not (source / "content").is_dir():
        problem = "no blog here (no site.toml and no content/ folder)"
    else:
        return
    written = str(source)
    forward = Path(written.replace("\\", "/"))
    if "\\" in written and os.sep == "/" and not source.exists() and forward.is_dir():
        # A command copied from a Windows guide: here '\\' is a letter of a name, not a separator.
        click.echo(
            f"blog {command}: {source}: no such folder; folders are separated by '/' here: --source {forward}", err=True
        )
        sys.exit(1)
    where = "" if source == Path(".") else f" {shlex.quote(written)}"
    click.echo(
        f"blog {command}: {source}: {problem}; run `blog init{where}` to start a blog, or pass --source <site folder>",
        err=True,
    )
    sys.exit(1)


def build_options(
    source: Path,
    output: Path | None,
    config: Path | None,
    drafts: bool,
    future: bool,
    base_url: str | None,
    use_cache: bool = True,
) -> BuildOptions:
    from generator.build.buildinfo import BuildOptions

    return BuildOptions(
        source=source,
        output=output,
        config_file=config,
        drafts=drafts,
        future=future,
        base_url=base_url,
        use_cache=use_cache,
    )


_source = click.option(
    "--source",
    "-s",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Site folder holding site.toml, content/, templates/ and static/.",
)
_config = click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Config file to use instead of <source>/site.toml.",
)
_drafts = click.option("--drafts", "-D", is_flag=True, help="Include posts marked draft: true.")
_future = click.option("--future", "-F", is_flag=True, help="Include posts dated in the future.")
_base_url = click.option(
    "--base-url",
    "-b",
    default=None,
    help="Override base_url, e.g. https://user.github.io/repo/ (every link gets its path).",
)


@main.command("build")
@_source
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: paths.output in site.toml, i.e. public/).",
)
@_config
@_drafts
@_future
@_base_url
@click.option(
    "--no-cache",
    is_flag=True,
    help="Ignore and do not update the build cache (.cache/blog/ beside site.toml; safe to delete any time).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (for CI): nothing is written if any.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
def build_command(
    source: Path,
    output: Path | None,
    config: Path | None,
    drafts: bool,
    future: bool,
    base_url: str | None,
    no_cache: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Build the site into the output folder.

    Only what changed since the last build is parsed, rendered and written; the result
    is byte-identical to a build from scratch. The old output is changed only when the
    whole build succeeded; on any error the command lists every problem as
    path:line: message (expected) and exits with status 1.
    """
    started = time.perf_counter()  # one clock for the progress lines and the total
    _require_site(source, config, "build")
    from generator.build.entry import build_or_replay  # the pipeline itself only if there is work

    options = replace(
        build_options(source, output, config, drafts, future, base_url, use_cache=not no_cache), strict=strict
    )
    held: list[object] = []
    stops = [signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {sig: signal.signal(sig, _stopped) for sig in stops}
    try:
        # With --no-cache the build's scratch folder is removed at exit: that exit must run.
        report = build_or_replay(
            options, progress=None if quiet else _progress(started), hold=None if no_cache else held
        )
    except BuildError as exc:
        _print_failure(exc, str(output or "the output folder"))
        sys.exit(1)
    except Terminated as stop:
        click.echo(f"\nStopped by {signal.Signals(stop.signum).name}; the output folder was left as it was.", err=True)
        sys.exit(128 + stop.signum)
    except KeyboardInterrupt:
        click.echo("\nInterrupted; the output folder was left as it was.", err=True)
        sys.exit(130)  # with the signals still ignored: a second Ctrl-C cannot cut this exit short
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    _print_warnings(report.warnings)
    if not quiet:
        if report.migration is not None and report.migration.shows_a_move:
            from generator.build.migration_summary import summary_lines

            click.echo("\n".join(summary_lines(report.migration)))
        click.echo(_summary(report, time.perf_counter() - started))
    if held:
        _end_without_freeing()


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled, `timeout`, a process manager) or SIGHUP (the terminal
    closed) stops a build as Ctrl-C does: the same cleanup runs, so the output folder is
    left as it was and no staging is left."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _ignored(signum: int, frame: object) -> None:
    """A SIGTERM that arrives while the cleanup runs, handled by doing nothing. Not SIG_IGN: an
    ignored disposition is inherited across exec, so a worker the pool spawns in that moment to
    replace one the signal killed would ignore the SIGTERM the pool then ends it with, and the
    build would wait for it forever. Ctrl-C and SIGHUP stay SIG_IGN (the workers ignore them
    anyway): a handler of Python's is undone as the interpreter exits, and a second Ctrl-C
    arriving then would kill the build instead of letting it exit with its one line."""


def _stopped(signum: int, frame: object) -> None:
    # The cleanup runs once, whatever else arrives (a second Ctrl-C).
    for sig in (signal.SIGINT, getattr(signal, "SIGHUP", signal.SIGINT)):
        signal.signal(sig, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _ignored)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _end_without_freeing() -> None:
    """Exit now, leaving the site the build held to the operating system.

    Everything is written and every worker has ended; what is left is freeing half a
    gigabyte of posts and pages one object at a time, which is work nobody sees the result of.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (blog build | head): nothing more can be shown anyway
        pass
    os._exit(0)


@main.command("serve")
@_source
@_config
@_drafts
@_future
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; use 0.0.0.0 only to share on your network.",
)
@click.option(
    "--port",
    "-p",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the default browser.")
@click.option(
    "--search/--no-search",
    default=True,
    show_default=True,
    help="Keep /search/ and its index up to date (when site.toml has search on), in the background after each rebuild.",
)
def serve_command(
    source: Path,
    config: Path | None,
    drafts: bool,
    future: bool,
    host: str,
    port: int,
    open_browser: bool,
    search: bool,
) -> None:
    """Build the site, serve it, and rebuild and reload the browser on every change."""
    from generator.preview import run

    _require_site(source, config, "serve")
    options = build_options(source, None, config, drafts, future, None)
    sys.exit(run(options, host=host, port=port, open_browser=open_browser, search=search))


@main.command("check")
@_source
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="The built site to check (default: public/)."
)
@_config
@_base_url
@click.option("--external", is_flag=True, help="Also request every outside link (bounded concurrency, 10 s timeout).")
def check_command(source: Path, output: Path | None, config: Path | None, base_url: str | None, external: bool) -> None:
    """Report every internal link, image and #anchor in the built site that does not resolve.

    Run it after `blog build` (with the same --base-url). Exits 1 if anything is broken.
    """
    from generator.build.buildinfo import built_base_url
    from generator.build.pipeline import resolve_config
    from generator.config.settings import with_overrides
    from generator.tools.check import check_external_links, check_site

    try:
        site_config, _ = resolve_config(build_options(source, output, config, False, False, base_url))
    except BuildError as exc:
        _print_failure(exc, "", "Cannot check the site: {count} in its settings; nothing was checked:")
        sys.exit(1)
    folder = (output or site_config.dir("output")).resolve()
    if not (folder / "index.html").is_file():
        click.echo(f"{folder}: no built site here (run `blog build` first)", err=True)
        sys.exit(1)
    built_for = built_base_url(site_config.root, folder)
    if base_url is None and built_for is not None and built_for != site_config.base_url:
        click.echo(
            f"Checking for {built_for}, the base URL the last `blog build` used (site.toml says {site_config.base_url})."
        )
        site_config = with_overrides(site_config, base_url=built_for)
    problems = check_site(folder, site_config.base_path, site_url=site_config.base_url)
    if external:
        problems += check_external_links(folder, site_config.base_path, site_url=site_config.base_url)
    pages = sum(1 for _ in folder.rglob("*.html"))
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"{len(problems)} broken link{'s' if len(problems) != 1 else ''} in {pages} pages.", err=True)
        if built_for is not None and built_for != site_config.base_url:
            click.echo(
                f"The last `blog build` of {folder} used the base URL {built_for}, not {site_config.base_url}: "
                f"blog check --base-url {built_for}",
                err=True,
            )
        sys.exit(1)
    click.echo(f"Checked {pages} pages: every internal link and anchor resolves.")


@main.command("deploy")
@_source
@_config
@_base_url
@click.option("--repo", default=None, help="Push to this git repository instead of the [deploy] targets in site.toml.")
@click.option("--branch", default=None, help="The branch to push to (default: each target's, else gh-pages).")
@click.option("--message", "-m", default=None, help="Commit message; {date} is replaced by the time.")
@click.option("--no-build", is_flag=True, help="Push the output folder as it is, without building first.")
@click.option("--no-check", is_flag=True, help="Push even if `blog check` finds broken links.")
@click.option(
    "--force-orphan",
    is_flag=True,
    help="Replace the branch's history with one new commit (force push) instead of adding the next commit.",
)
def deploy_command(
    source: Path,
    config: Path | None,
    base_url: str | None,
    repo: str | None,
    branch: str | None,
    message: str | None,
    no_build: bool,
    no_check: bool,
    force_orphan: bool,
) -> None:
    """Build, check and push the site to a git branch (gh-pages by default), as `hexo deploy` does.

    Targets come from [deploy] in site.toml (one table, or [[deploy]] tables for several), or from
    --repo; with neither, the site repository's origin. The site becomes the branch's next commit;
    your working tree and branches are never changed. Nothing is pushed if the build fails or
    links are broken. Pushes with your own git credentials.
    """
    options = build_options(source, None, config, False, False, base_url)
    site_config, targets = _deploy_targets(options, repo, branch, message)
    folder = site_config.dir("output")
    _deploy_build(options, folder, no_build)
    if not no_check:
        _deploy_check(folder, site_config)
    _deploy_push(folder, targets, site_config, force_orphan)


def _deploy_stop(text: str) -> NoReturn:
    click.echo(f"blog deploy: {text}", err=True)
    sys.exit(1)


def _deploy_targets(
    options: BuildOptions, repo: str | None, branch: str | None, message: str | None
) -> tuple[SiteConfig, tuple[DeployTarget, ...]]:
    """The settings and the targets, or a stop before anything is built: bad settings, a bad
    --repo or --branch, nowhere to push, or a target that would overwrite the sources."""
    from generator.build.pipeline import resolve_config
    from generator.config.deploy import branch_problem, repo_problem
    from generator.tools.deploy import DeployError, choose_targets, deploy_problem

    try:
        site_config, _ = resolve_config(options)
    except BuildError as exc:
        _print_failure(exc, "", "Cannot deploy: {count} in the site's settings; nothing was built or pushed:")
        sys.exit(1)
    for flag, value, problem in (("--repo", repo, repo_problem), ("--branch", branch, branch_problem)):
        if value is not None and problem(value):
            _deploy_stop(f"{flag} '{value}' {problem(value)}")
    root = site_config.root
    try:
        targets = choose_targets(root, site_config.deploy, repo, branch, message)
        why_not = deploy_problem(root, site_config.dir("output"), targets)
    except DeployError as exc:
        _deploy_stop(str(exc))
    if why_not:
        _deploy_stop(f"{why_not}; nothing was built or pushed")
    return site_config, targets


def _deploy_build(options: BuildOptions, folder: Path, no_build: bool) -> None:
    """Build before pushing (or, with --no-build, make sure there is a built site to push)."""
    from generator.build.entry import build_or_replay

    if no_build:
        if not (folder / "index.html").is_file():
            _deploy_stop(f"{folder}: no built site here (run `blog build` first, or deploy without --no-build)")
        return
    try:
        report = build_or_replay(options, progress=None)
    except BuildError as exc:
        _print_failure(exc, "", "Build failed with {count}; nothing was pushed:")
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted; nothing was pushed.", err=True)
        sys.exit(130)
    _print_warnings(report.warnings)
    click.echo(_summary(report).splitlines()[0])


def _deploy_check(folder: Path, site_config: SiteConfig) -> None:
    """Stop before pushing a site with broken internal links (`blog check`'s test)."""
    from generator.tools.check import check_site

    broken = check_site(folder, site_config.base_path, site_url=site_config.base_url)
    for item in broken:
        click.echo(str(item), err=True)
    if broken:
        count = f"{len(broken)} broken link{'s' if len(broken) != 1 else ''}"
        _deploy_stop(f"{count}; nothing was pushed (fix them, or push anyway with --no-check)")


def _deploy_push(folder: Path, targets: tuple[DeployTarget, ...], site_config: SiteConfig, force_orphan: bool) -> None:
    """Push to every target in turn; one that fails does not stop the others, but the exit code says so."""
    from generator.tools.deploy import DEPLOY_CACHE, DeployError, deploy_folder, pushed_line

    root = site_config.root
    failed = 0
    for target in targets:
        try:
            result = deploy_folder(
                folder,
                target,
                root=root,
                now=datetime.now(site_config.tz),
                force_orphan=force_orphan,
                keep_in=root / DEPLOY_CACHE,
            )
        except DeployError as exc:
            click.echo(f"blog deploy: {exc}", err=True)
            failed += 1
            continue
        except KeyboardInterrupt:
            click.echo(
                f"Interrupted during the deploy to {target.repo} {target.branch}: a push is all or nothing, "
                "so that branch is as it was or fully updated; the targets after it were not pushed.",
                err=True,
            )
            sys.exit(130)
        click.echo(pushed_line(target, result))
    if failed:
        click.echo(f"{failed} of {len(targets)} targets failed.", err=True)
        sys.exit(1)


@main.command("new")
@click.argument("title")
@click.option("--tags", "-t", default="", help="Comma-separated tags, e.g. 多模态,CLIP.")
@click.option("--publish", is_flag=True, help="Publish at once (no draft: true).")
@click.option(
    "--slug-style",
    type=click.Choice(["unicode", "pinyin", "ascii"]),
    default=None,
    help="How the file name is made from the title (default: slug_style in site.toml, unicode).",
)
@click.option("--slug", default=None, help="The file name (and URL) to use instead of one made from the title.")
@_source
@_config
def new_command(
    title: str, tags: str, publish: bool, slug_style: str | None, slug: str | None, source: Path, config: Path | None
) -> None:
    """Create content/posts/<slug>.md with front matter, as a draft unless --publish.

    The date is now in the site's time zone. An existing file is never overwritten.
    """
    from generator.build.pipeline import resolve_config
    from generator.tools.newpost import create_post, parse_tag_option

    _require_site(source, config, "new")
    try:
        site_config, _ = resolve_config(build_options(source, None, config, False, False, None))
    except BuildError as exc:
        _print_failure(exc, "", "Cannot create a post: {count} in the site's settings; no file was written:")
        sys.exit(1)
    posts_dir = site_config.dir("content") / "posts"
    style = slug_style or site_config.slug_style
    try:
        path = create_post(
            posts_dir, title, parse_tag_option(tags), datetime.now(site_config.tz), not publish, style, slug
        )
    except (FileExistsError, ValueError, RuntimeError, OSError) as exc:
        click.echo(f"blog new: {exc}", err=True)
        sys.exit(1)
    try:
        shown = path.relative_to(Path.cwd())
    except ValueError:
        shown = path
    click.echo(str(shown))


@main.command("init")
@click.argument("directory", type=click.Path(path_type=Path), default=Path("."))
@click.option("--title", default=None, help="The blog's name (default 我的博客).")
@click.option("--author", default=None, help="The author, named in the feeds and meta tags.")
@click.option(
    "--base-url", default=None, help="Where the blog will live, e.g. https://user.github.io/ (default example.com)."
)
@click.option("--language", default=None, help="Language tag of the posts (default zh-CN).")
def init_command(
    directory: Path, title: str | None, author: str | None, base_url: str | None, language: str | None
) -> None:
    """Start a new blog in DIRECTORY (default: here), which must be new or empty.

    Writes a commented site.toml, a first post, empty templates/ and static/, a README,
    a .gitignore, requirements.txt (this generator, pinned) and a GitHub Pages workflow.
    What is not given as an option is asked for when run in a terminal; never otherwise.
    """
    from generator.tools.scaffold import (
        SiteAnswers,
        answer_problem,
        answer_problems,
        installed_requirement,
        refusal,
        starter_files,
        write_site,
    )

    reason = refusal(directory)
    if reason:
        click.echo(f"blog init: {reason}", err=True)
        sys.exit(1)
    defaults = SiteAnswers()
    asked = sys.stdin.isatty()

    def answer(field: str, given: str | None, question: str) -> str:
        default = str(getattr(defaults, field))
        if given is not None or not asked:
            return default if given is None else given

        def checked(value: str) -> str:  # a wrong answer is asked again, with what was wrong
            problem = answer_problem(field, value)
            if problem:
                raise click.UsageError(problem)
            return value

        return str(click.prompt(question, default=default, show_default=bool(default), value_proc=checked))

    answers = SiteAnswers(
        title=answer("title", title, "Title of the blog"),
        author=answer("author", author, "Author"),
        base_url=answer("base_url", base_url, "Where it will be published (base URL)"),
        language=answer("language", language, "Language of the posts"),
    )
    problems = answer_problems(answers)
    if problems:
        for problem in problems:
            click.echo(f"blog init: {problem}", err=True)
        sys.exit(1)
    requirement = installed_requirement()
    files = starter_files(answers, requirement.line, datetime.now(UTC))
    try:
        write_site(directory, files)
    except OSError as exc:
        click.echo(f"blog init: {exc.filename or directory}: {exc.strerror or exc}; nothing was overwritten", err=True)
        sys.exit(1)
    click.echo(f"Created a new blog in {directory}: site.toml, content/posts/hello-world.md and a Pages workflow.")
    click.echo(f"requirements.txt pins {requirement.said}")
    if requirement.warning:
        click.echo(f"warning: requirements.txt: {requirement.warning}", err=True)
    step = "" if directory.resolve() == Path.cwd().resolve() else f"cd {shlex.quote(str(directory))} && "
    click.echo(f"Next: {step}blog serve")
