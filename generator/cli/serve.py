"""`blog serve`: the preview, rebuilt and reloaded on every save."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.site import build_options, config_option, drafts_option, future_option, require_site, source_option


@click.command("serve")
@source_option
@config_option
@drafts_option
@future_option
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

    require_site(source, config, "serve")
    options = build_options(source, None, config, drafts, future, None)
    sys.exit(run(options, host=host, port=port, open_browser=open_browser, search=search))
