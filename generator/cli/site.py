"""What the commands that work on a site share: its options (--source, --config, --drafts,
--future, --base-url), the check that the folder is a blog, and the build options they make."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from generator.build.buildinfo import BuildOptions


def require_site(source: Path, config: Path | None, command: str) -> None:
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


source_option = click.option(
    "--source",
    "-s",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Site folder holding site.toml, content/, templates/ and static/.",
)
config_option = click.option(
    "--config",
    "-c",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Config file to use instead of <source>/site.toml.",
)
drafts_option = click.option("--drafts", "-D", is_flag=True, help="Include posts marked draft: true.")
future_option = click.option("--future", "-F", is_flag=True, help="Include posts dated in the future.")
base_url_option = click.option(
    "--base-url",
    "-b",
    default=None,
    help="Override base_url, e.g. https://user.github.io/repo/ (every link gets its path).",
)
