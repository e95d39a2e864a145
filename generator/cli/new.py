"""`blog new`: a post file with its front matter, a draft unless --publish."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from generator.cli.report import print_failure
from generator.cli.site import build_options, config_option, require_site, source_option
from generator.errors import BuildError


@click.command("new")
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
@source_option
@config_option
def new_command(
    title: str, tags: str, publish: bool, slug_style: str | None, slug: str | None, source: Path, config: Path | None
) -> None:
    """Create content/posts/<slug>.md with front matter, as a draft unless --publish.

    The date is now in the site's time zone. An existing file is never overwritten.
    """
    from generator.build.pipeline import resolve_config
    from generator.tools.newpost import create_post, parse_tag_option

    require_site(source, config, "new")
    try:
        site_config, _ = resolve_config(build_options(source, None, config, False, False, None))
    except BuildError as exc:
        print_failure(exc, "", "Cannot create a post: {count} in the site's settings; no file was written:")
        sys.exit(1)
    posts_dir = site_config.dir("content") / "posts"
    style = slug_style or site_config.slug_style
    try:
        path = create_post(
            posts_dir, title, parse_tag_option(tags), datetime.now(site_config.tz), not publish, style, slug
        )
    except (FileExistsError, ValueError, RuntimeError, OSError) as exc:
        refused = isinstance(exc, OSError) and exc.strerror and exc.filename  # the system's, not ours
        reason = f"cannot write {exc.filename}: {exc.strerror}; no file was written" if refused else str(exc)
        click.echo(f"blog new: {reason}", err=True)
        sys.exit(1)
    try:
        shown = path.relative_to(Path.cwd())
    except ValueError:
        shown = path
    click.echo(str(shown))
