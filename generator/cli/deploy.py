"""`blog deploy`: build, check and push the site to a git branch, one target after another."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from generator.cli.report import print_failure, print_warnings, summary
from generator.cli.site import base_url_option, build_options, config_option, source_option
from generator.errors import BuildError

if TYPE_CHECKING:  # each step imports what it runs
    from generator.build.buildinfo import BuildOptions
    from generator.config.deploy import DeployTarget
    from generator.config.settings import SiteConfig


@click.command("deploy")
@source_option
@config_option
@base_url_option
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
        print_failure(exc, "", "Cannot deploy: {count} in the site's settings; nothing was built or pushed:")
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
        print_failure(exc, "", "Build failed with {count}; nothing was pushed:")
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted; nothing was pushed.", err=True)
        sys.exit(130)
    print_warnings(report.warnings)
    click.echo(summary(report).splitlines()[0])


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
