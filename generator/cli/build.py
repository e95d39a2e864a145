"""`blog build`, and how it stops on Ctrl-C, SIGTERM or SIGHUP with the output folder as it was."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from generator.cli.report import print_failure, print_warnings, stage_progress, summary
from generator.cli.site import (
    base_url_option,
    build_options,
    config_option,
    drafts_option,
    future_option,
    require_site,
    source_option,
)
from generator.errors import BuildError, error


@click.command("build")
@source_option
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: paths.output in site.toml, i.e. public/).",
)
@config_option
@drafts_option
@future_option
@base_url_option
@click.option(
    "--no-cache",
    is_flag=True,
    help="Ignore and do not update the build cache (.cache/blog/ beside site.toml; safe to delete any time).",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (for CI): nothing is written if any.")
@click.option(
    "--all-warnings",
    is_flag=True,
    help="Name every post that lacks tags, a title, a date or front matter, one line each, "
    "instead of one line per kind when more than 3 posts share it.",
)
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
    all_warnings: bool,
    quiet: bool,
) -> None:
    """Build the site into the output folder.

    Only what changed since the last build is parsed, rendered and written; the result
    is byte-identical to a build from scratch. The old output is changed only when the
    whole build succeeded; on any error the command lists every problem as
    path:line: message (expected) and exits with status 1.
    """
    started = time.perf_counter()  # one clock for the progress lines and the total
    require_site(source, config, "build")
    from generator.build.entry import build_or_replay  # the pipeline itself only if there is work
    from generator.processes import WorkerLost

    options = replace(
        build_options(source, output, config, drafts, future, base_url, use_cache=not no_cache),
        strict=strict,
        all_warnings=all_warnings,
    )
    held: list[object] = []
    stops = [signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {sig: signal.signal(sig, _stopped) for sig in stops}
    try:
        report = build_or_replay(options, progress=_checked(None if quiet else stage_progress(started)), hold=held)
    except BuildError as exc:
        print_failure(exc, str(output or "the output folder"))
        sys.exit(1)
    except Terminated as stop:
        _exit_stopped(stop.signum)
    except KeyboardInterrupt:
        _exit_stopped(signal.SIGINT)  # with the signals still ignored: a second Ctrl-C cannot cut this exit short
    except WorkerLost as lost:
        if _RECEIVED:  # the stop sent to the whole group ended a worker before this process heard it
            _exit_stopped(_RECEIVED[0])
        click.echo(f"\n{lost}; the output folder was left as it was.", err=True)
        sys.exit(1)
    except OSError as exc:  # the system refused a file the build needed, where no message was made for it
        where = exc.filename or (output or "the output folder")
        problem = error(
            str(where), None, f"{exc.strerror or exc}", "a disk with free space, and files you can read and write"
        )
        print_failure(BuildError([problem]), str(output or "the output folder"))
        sys.exit(1)
    for sig, handler in previous.items():
        signal.signal(sig, handler)
    if _RECEIVED:  # its exception was dropped after the last check: the new site is in place
        click.echo(f"\nStopped by {signal.Signals(_RECEIVED[0]).name} as the build ended; it is written.", err=True)
        sys.exit(128 + _RECEIVED[0])
    print_warnings(report.warnings)
    if not quiet:
        if report.migration is not None:
            from generator.build.migration_summary import summary_lines

            click.echo("\n".join(summary_lines(report.migration)))
        click.echo(summary(report, time.perf_counter() - started))
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
    ignored disposition is inherited across exec, and a process started in that moment would
    ignore the SIGTERM meant to end it. Ctrl-C and SIGHUP stay SIG_IGN (the workers ignore them
    anyway): a handler of Python's is undone as the interpreter exits, and a second Ctrl-C
    arriving then would kill the build instead of letting it exit with its one line."""


# The signal _stopped was called for. Python runs a handler between any two bytecodes, and an
# exception raised while a weakref callback or a finalizer runs (an import's module lock, a
# thread pool's) is printed as "Exception ignored" and dropped: the build went on, wrote the new
# site and exited 0. The stage checks (_checked) raise it again.
_RECEIVED: list[int] = []
# Stages reported once the new site has replaced the old: stopping there cannot leave it as it was.
_AFTER_COMMIT = frozenset({"write", "search"})


def _stopped(signum: int, frame: object) -> None:
    # The cleanup runs once, whatever else arrives (a second Ctrl-C).
    for sig in (signal.SIGINT, getattr(signal, "SIGHUP", signal.SIGINT)):
        signal.signal(sig, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _ignored)
    _RECEIVED.append(signum)
    _raise_stop(signum)


def _exit_stopped(signum: int) -> NoReturn:
    """The one line a stopped build prints, and the shell's exit status for that signal."""
    stopped = "Interrupted" if signum == signal.SIGINT else f"Stopped by {signal.Signals(signum).name}"
    click.echo(f"\n{stopped}; the output folder was left as it was.", err=True)
    sys.exit(128 + signum)


def _raise_stop(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


def _checked(show: Callable[[str], None] | None) -> Callable[[str], None]:
    """The progress callback, which also stops the build at the end of a stage if a signal came
    whose exception Python dropped; `show` prints the stage, or nothing with --quiet."""

    def progress(stage: str) -> None:
        if _RECEIVED and stage not in _AFTER_COMMIT:
            _raise_stop(_RECEIVED[0])
        if show is not None:
            show(stage)

    return progress


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
