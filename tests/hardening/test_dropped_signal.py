"""A stop signal whose exception Python dropped still stops the build (found by CI on
test_second_probe's SIGTERM test): Python runs a signal handler between any two bytecodes, and
when that is inside a weakref callback (an import's module lock, a thread pool's), the handler's
exception is printed as "Exception ignored" and lost. The build then went on, replaced the
output and exited 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, tree_digest

# The CLI, with a weakref callback that sends the signal to its own process at the end of a
# stage: the handler runs inside the callback, exactly where its exception is dropped.
DROPPING = """
import os, signal, sys, weakref
from generator.build import buildinfo

stage, number = sys.argv[1], int(sys.argv[2])
original = buildinfo.StageClock.stage

class Holder:
    pass

def stage_then_signal(self, name):
    if name == stage:
        holder = Holder()
        ref = weakref.ref(holder, lambda _: os.kill(os.getpid(), number))
        del holder  # the callback runs here, the handler inside it
    original(self, name)

buildinfo.StageClock.stage = stage_then_signal
sys.argv = ["blog", "build", *sys.argv[3:]]
from generator.cli import main
main()
"""


def _build_dropping(site: Path, stage: str, number: int, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-c", DROPPING, stage, str(number), "-s", str(site), *args]
    return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("number", "code", "line"),
    [
        (15, 143, "Stopped by SIGTERM; the output folder was left as it was."),
        (2, 130, "Interrupted; the output folder was left as it was."),
    ],
    ids=["sigterm", "ctrl-c"],
)
@pytest.mark.parametrize("quiet", [False, True], ids=["progress", "quiet"])
def test_a_dropped_stop_still_stops_the_build_before_it_writes(
    site: Path, number: int, code: int, line: str, quiet: bool
) -> None:
    assert run_cli("build", "-s", site, cwd=site).returncode == 0
    before = tree_digest(site / "public")
    (site / "content/posts/late.md").write_text("---\ntitle: 晚到\ndate: 2025-02-01\n---\n正文。\n", encoding="utf-8")
    done = _build_dropping(site, "markdown", number, "--no-cache", *(["-q"] if quiet else []))
    assert "Exception ignored" in done.stderr  # the simulation did drop the handler's exception
    assert done.returncode == code, done.stderr
    assert done.stderr.strip().splitlines()[-1] == line
    assert tree_digest(site / "public") == before
    assert not list(site.glob(".public.*"))  # no staging folder left behind


def test_a_stop_dropped_after_the_site_was_written_says_so(site: Path) -> None:
    """Too late to leave the output as it was: the command says the site is written, and still
    exits as a stopped command does, so a cancelled CI job is not reported as a success."""
    done = _build_dropping(site, "write", 15)
    assert "Exception ignored" in done.stderr
    assert done.returncode == 143, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "Stopped by SIGTERM as the build ended; it is written."
    assert (site / "public/index.html").is_file()
