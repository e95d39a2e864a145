"""How the commands tell what happened: warnings, every error of a failed command, the summary
of a build, and the stages as they finish."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from generator.errors import BuildError, Diagnostic

if TYPE_CHECKING:  # the report's type only: printing one loads none of the build
    from generator.build.buildinfo import BuildReport


def print_warnings(warnings: list[Diagnostic]) -> None:
    if not warnings:
        return
    click.echo(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}:", err=True)
    for item in warnings:
        click.echo(f"  {item}", err=True)


def print_failure(exc: BuildError, output: str, headline: str | None = None) -> None:
    """Every problem of a failed command; `headline` replaces the build's wording for other commands."""
    errors = exc.errors
    print_warnings([d for d in exc.diagnostics if not d.is_error])
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


def summary(report: BuildReport, seconds: float | None = None) -> str:
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


def stage_progress(started: float) -> Callable[[str], None] | None:
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
