"""Shared fixtures: the repository layout, fixture sites copied into tmp_path, and CLI runs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from generator.config.settings import SiteConfig
from generator.content.model import Post

REPO = Path(__file__).resolve().parent.parent
SITES = REPO / "tests" / "sites"

# Tests that start processes, servers or a browser, or run long property searches: CI runs
# them all; `pytest -m "not slow"` leaves them out for a quick run while working.
SLOW_FOLDERS = ("e2e", "browser", "property", "theme")
SLOW_FILES = (
    "test_sample_blog.py",
    "test_math_browser.py",
    "test_search_browser.py",
    "test_fuzz_build.py",
    "test_workflow.py",
    "test_release_workflow.py",
    "test_migrated_sites.py",
    "test_moved_blogs.py",
    "test_bad_input_table.py",
    "test_probe_findings.py",
)
SLOW_FIXTURES = frozenset({"cli", "browser"})


SCRATCH_FREE_BYTES = 4 << 30  # what /dev/shm must have free before the tests put their files there


def pytest_configure(config: pytest.Config) -> None:
    """Temporary files in memory (/dev/shm) on a machine that has it to spare, unless TMPDIR says where.

    The suite makes tens of thousands of files (sites, outputs, search indexes); creating a file
    cost 744 us on the project's ext4 disk against 19 us on tmpfs, and the live-edit property test
    took 52 s there against 22 s here. Every tmp_path, `tempfile` call and CLI run started by a
    test (through TMPDIR) follows.
    """
    if os.environ.get("TMPDIR") or config.option.basetemp or not hasattr(os, "getuid"):
        return
    shared = Path("/dev/shm")
    try:
        if shutil.disk_usage(shared).free < SCRATCH_FREE_BYTES or not os.access(shared, os.W_OK):
            return
        scratch = shared / f"blog-tests-{os.getuid()}"
        scratch.mkdir(mode=0o700, exist_ok=True)
        if scratch.stat().st_uid != os.getuid():  # somebody else's folder of that name: not ours to use
            return
    except OSError:
        return
    os.environ["TMPDIR"] = str(scratch)
    tempfile.tempdir = None  # tempfile.gettempdir() reads TMPDIR again on its next call


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = REPO / "tests"
    for item in items:
        parts = item.path.relative_to(tests).parts
        uses = set(getattr(item, "fixturenames", ()))
        if parts[0] in SLOW_FOLDERS or item.path.name in SLOW_FILES or uses & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def config() -> SiteConfig:
    """A default config (Asia/Shanghai, 12 per page), rooted nowhere in particular."""
    return SiteConfig(root=Path("/nonexistent-site"))


@pytest.fixture
def copy_site(tmp_path: Path) -> Callable[[str], Path]:
    """Copy tests/sites/<name> (without its expected/ folder) into tmp_path and return the copy."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(SITES / name, target, ignore=shutil.ignore_patterns("expected", "public", "__pycache__"))
        return target

    return copy


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str | os.PathLike[str], cwd: Path | None = None, blog: bool = False) -> Run:
    """Run `python -m generator ...` (or the installed `blog` script) and capture everything."""
    if blog:
        script = shutil.which("blog")
        if script is None:
            pytest.skip("the `blog` script is not installed (pip install -e .)")
        command = [script, *map(str, args)]
    else:
        command = [sys.executable, "-m", "generator", *map(str, args)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1", PYTHONPATH=str(REPO))
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under folder (hidden ones too) with a hash of its bytes: compares two trees exactly."""
    result: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            result[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir() and not any(path.iterdir()):
            result[path.relative_to(folder).as_posix() + "/"] = "empty dir"
    return result


def notes_site(root: Path, count: int, title: str = "笔记") -> Path:
    """A site of `count` short dated Chinese notes, all tagged 笔记: for tests of how a build
    writes, not of what it renders."""
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "site.toml").write_text(f'title = "{title}"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    for n in range(count):
        (posts / f"note-{n}.md").write_text(
            f"---\ntitle: 第 {n} 篇\ndate: 2025-02-{n % 28 + 1:02d}\ntags: [笔记]\n---\n\n低秩分解 LoRA 第 {n} 段。\n",
            encoding="utf-8",
        )
    return root


def staging_leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".") and ".staging-" in p.name)


@pytest.fixture
def digest_tree() -> Callable[[Path], dict[str, str]]:
    return tree_digest


@pytest.fixture
def leftovers() -> Callable[[Path], list[str]]:
    return staging_leftovers


# Debian's chromium (or the Chrome BLOG_CHROMIUM names), never a browser Playwright downloads; flags keep it
# off the network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (a session-wide one would hold Playwright's event loop)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    chosen = os.environ.get("BLOG_CHROMIUM")  # CI on macOS and Windows: the runner's Google Chrome
    executable = chosen if chosen and os.path.isfile(chosen) else shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium, or BLOG_CHROMIUM=path of a Chrome)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, timeout=30_000)
        try:
            yield launched
        finally:
            launched.close()


def dated_post(slug: str, days: int, **fields: Any) -> Post:
    """A bare post `days` after 2025-01-01 (Shanghai), for tests of ordering by date."""
    start = datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    return Post(
        source=f"content/posts/{slug}.md",
        title=slug,
        date=start + timedelta(days=days),
        slug=slug,
        body="",
        body_line=1,
        source_hash=slug,
        **fields,
    )
