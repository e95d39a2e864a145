"""`blog check`: every link of the built site that does not resolve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.report import print_failure
from generator.cli.site import base_url_option, build_options, config_option, source_option
from generator.errors import BuildError


@click.command("check")
@source_option
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=None, help="The built site to check (default: public/)."
)
@config_option
@base_url_option
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
        print_failure(exc, "", "Cannot check the site: {count} in its settings; nothing was checked:")
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
