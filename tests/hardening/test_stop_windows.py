"""A stop (Ctrl-C, SIGTERM) that lands while the build is making something it must take back
on a stop: the output is left as it was and nothing is left beside it.

Found on a slower machine, where test_second_probe's signal tests failed one run in two: a
stop raised after the search indexer's process was started but before the build held it left
its folder and process; one raised inside the staging folder's making left the folder; one that
cut a writing thread's start short left a thread the pool did not know, which wrote into the
staging folder after it was removed; one between the two renames of the swap left no site in
public/. Each is sent here by the build process to itself, at that moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli, tree_digest

# The CLI, with one step of the build replaced by the same step followed by a signal to itself.
HEADER = """
import os, signal, sys, threading
number = int(sys.argv[1])
def stop():
    os.kill(os.getpid(), number)
"""
FOOTER = """
sys.argv = ["blog", "build", *sys.argv[2:]]
from generator.cli import main
main()
"""
INDEXER_STARTED = """
from generator.build import indexing
real = indexing.index_in_background
def started_then_stopped(*args):
    made = real(*args)
    assert made is not None, "no indexer was started"
    stop()
    return made
indexing.index_in_background = started_then_stopped
"""
STAGING_MADE = """
from generator.build import output
real = output.Staging.__init__
def made_then_stopped(self, *args):
    real(self, *args)
    stop()
output.Staging.__init__ = made_then_stopped
"""
# A writing thread takes its first file and is slow with it; the stop cuts its start short.
THREAD_STARTED = """
import time
from generator.build import output
taken = threading.Event()
real_write = output.Staging.write
def slow_write(self, relative, data):
    if not taken.is_set():
        taken.set()
        time.sleep(0.5)
    return real_write(self, relative, data)
output.Staging.write = slow_write
real_start = threading.Thread.start
first = [True]
def started_then_stopped(self):
    real_start(self)
    if self.name.startswith("site-writer") and first:
        first.clear()
        taken.wait(5)
        stop()
threading.Thread.start = started_then_stopped
"""
SWAPPING = """
real_rename = os.rename
def rename(source, target):
    real_rename(source, target)
    if ".old-" in os.fspath(target):
        stop()
os.rename = rename
"""


def _stopped_build(site: Path, patch: str, number: int) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1", PYTHONIOENCODING="utf-8")
    script = HEADER + patch + FOOTER
    command = [sys.executable, "-c", script, str(number), "--no-cache", "-s", str(site)]
    return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def indexed_site(site: Path) -> Path:
    """Enough posts for the search index to be made by a second process."""
    for number in range(30):
        text = f"---\ntitle: 文章{number}\ndate: 2025-01-01\ntags: [t{number % 3}]\n---\n低秩分解 LoRA 第{number}篇。\n"
        (site / f"content/posts/p{number}.md").write_text(text, encoding="utf-8")
    return site


@pytest.mark.parametrize(
    ("number", "code", "line"),
    [
        (signal.SIGTERM, 143, "Stopped by SIGTERM; the output folder was left as it was."),
        (signal.SIGINT, 130, "Interrupted; the output folder was left as it was."),
    ],
    ids=["sigterm", "ctrl-c"],
)
@pytest.mark.parametrize(
    "patch",
    [INDEXER_STARTED, STAGING_MADE, THREAD_STARTED, SWAPPING],
    ids=["indexer-started", "staging-made", "writer-thread-started", "between-the-renames"],
)
def test_a_stop_while_the_build_makes_what_it_must_take_back_leaves_nothing(
    indexed_site: Path, patch: str, number: int, code: int, line: str
) -> None:
    site = indexed_site
    assert run_cli("build", "-s", site, cwd=site).returncode == 0
    before = tree_digest(site / "public")
    done = _stopped_build(site, patch, number)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines()[-1] == line
    assert tree_digest(site / "public") == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".public")) == []
