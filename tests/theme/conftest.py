"""The sample blog built once into a temporary folder, served on 127.0.0.1, and tools to look at it.

Browser checks use the Debian chromium through Playwright (never `playwright install`); the HTML
checker and axe-core come from npm packages installed by .ci/run into BLOG_NPM_PREFIX
(default ~/.cache/blog-ci-npm).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts" / "screenshots"
BUILD_TIMEOUT = 120


def npm_prefix() -> Path:
    """Where .ci/run puts the npm packages; the same default when the variable is unset."""
    return Path(os.environ.get("BLOG_NPM_PREFIX") or Path.home() / ".cache" / "blog-ci-npm")


def npm_file(package: str, name: str) -> Path:
    return npm_prefix() / "node_modules" / package / name


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Site:
    root: Path  # the built site
    base: str  # http://127.0.0.1:PORT/

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def pages(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if "search-index" not in p.relative_to(self.root).parts)


@contextlib.contextmanager
def build_and_serve(command: list[str], output: Path, what: str, cwd: Path | None = None) -> Iterator[Site]:
    """Run `blog build` (command, without the output folder and base URL) for the address its output is
    served at, then serve the output from a thread."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(output)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    command = [*command, "-o", str(output), "--base-url", base, "--no-cache", "--quiet"]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    if done.returncode != 0:
        server.server_close()
        pytest.fail(f"{what} did not build:\n{done.stdout}\n{done.stderr}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield Site(output, base)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Build the sample blog for the address it is served at, then serve it from a thread."""
    output = tmp_path_factory.mktemp("theme") / "public"
    with build_and_serve(
        [sys.executable, "-m", "generator", "build", "-s", str(REPO)], output, "the sample blog", REPO
    ) as served:
        yield served


@dataclass
class Tab:
    """A page plus everything it complained about."""

    page: Any
    console_errors: list[str]
    failed_requests: list[str]


def open_tab(browser: Any, **context_options: Any) -> Tab:
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(15_000)
    tab = Tab(page, [], [])
    page.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    page.on("requestfailed", lambda request: tab.failed_requests.append(request.url))
    return tab


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    opened = open_tab(browser, viewport={"width": 1280, "height": 900})
    try:
        yield opened
    finally:
        opened.page.context.close()


def long_post(site: Site) -> str:
    """The site path of the biggest post, the one a reader scrolls longest."""
    posts = [p for p in (site.root / "posts").glob("*/index.html")]
    biggest = max(posts, key=lambda p: p.stat().st_size)
    return "/" + biggest.parent.relative_to(site.root).as_posix() + "/"


def first_tag(site: Site) -> str:
    tags = sorted(p for p in (site.root / "tags").glob("*/index.html"))
    assert tags, "the sample blog has no tag pages"
    return "/" + tags[0].parent.relative_to(site.root).as_posix() + "/"
