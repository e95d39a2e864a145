"""Comments in a real browser: no widget and no outside request unless site.toml asks for it;
when it does, the provider's origin (giscus, or Waline's or Twikoo's script host) is the only
other origin a post page contacts, and Waline and Twikoo only once the reader nears the comments.
Every request is intercepted, so nothing reaches the network: the scripts are answered by stand-ins."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import BuildOptions, build
from tests.conftest import SITES

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
GISCUS = "https://giscus.app"
UNPKG = "https://unpkg.com"
JSDELIVR = "https://cdn.jsdelivr.net"
WALINE = """
[comments]
provider = "waline"
server_url = "https://comments.example.com"
lang = "zh-CN"
"""
TWIKOO = """
[comments]
provider = "twikoo"
env_id = "https://twikoo.example.com"
"""
# Stand-ins for the widgets' code: they record how the theme called them.
STAND_INS = {
    "/@waline/client@v3/dist/waline.js": ("text/javascript", "export function init(o) { window.walineInit = o; }"),
    "/@waline/client@v3/dist/waline.css": ("text/css", ""),
    "/npm/twikoo@1/dist/twikoo.all.min.js": (
        "text/javascript",
        "window.twikoo = { init: function (o) { window.twikooInit = o; } };",
    ),
}
COMMENTS = """
[comments]
repo = "example/blog-comments"
repo_id = "R_kgDOTEST01"
category = "Announcements"
category_id = "DIC_kwDOTEST01"
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[bool | str], str]]:
    """Build tests/sites/reader (with or without [comments]) and serve it; returns its base URL."""
    servers: list[tuple[http.server.ThreadingHTTPServer, threading.Thread]] = []

    def start(comments: bool | str) -> str:
        name = comments if isinstance(comments, str) else str(comments)
        site = tmp_path / f"site-{name}"
        shutil.copytree(SITES / "reader", site)
        if comments:
            table = {"waline": WALINE, "twikoo": TWIKOO}.get(name, COMMENTS)
            (site / "site.toml").write_text((site / "site.toml").read_text("utf-8") + table, "utf-8")
        output = tmp_path / f"public-{name}"
        handler = functools.partial(_Quiet, directory=str(output))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        build(BuildOptions(source=site, output=output, now=NOW, use_cache=False, base_url=base))
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        thread.start()
        servers.append((server, thread))
        return base

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def visit(browser: Any, url: str, scroll: bool = True) -> tuple[set[str], Any]:
    """Open `url` with every request intercepted; return the other origins it asked for, and the page."""
    own = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    outside: set[str] = set()
    context = browser.new_context()

    def route(request_route: Any) -> None:
        parts = urlsplit(request_route.request.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin == own:
            request_route.continue_()
            return
        outside.add(origin)
        if origin == GISCUS and parts.path == "/client.js":
            request_route.fulfill(status=200, content_type="text/javascript", body="window.giscusStandIn = true;")
        elif parts.path in STAND_INS:
            kind, body = STAND_INS[parts.path]
            request_route.fulfill(
                status=200, content_type=kind, body=body, headers={"Access-Control-Allow-Origin": "*"}
            )
        else:
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(url, wait_until="networkidle")
    if scroll:
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(300)
        page.wait_for_load_state("networkidle")
    return outside, page


def test_no_widget_and_no_outside_request_unless_configured(browser: Any, serve: Callable[[bool], str]) -> None:
    base = serve(False)
    for path in ("posts/a-newest/", "posts/b-series-2/", ""):
        outside, page = visit(browser, base + path)
        try:
            assert outside == set(), path
            assert page.query_selector(".comments") is None
            assert page.query_selector("script[src*='giscus']") is None
        finally:
            page.context.close()


def test_when_configured_giscus_is_the_only_other_origin(browser: Any, serve: Callable[[bool], str]) -> None:
    base = serve(True)
    outside, page = visit(browser, base + "posts/b-series-2/")
    try:
        assert outside == {GISCUS}
        assert page.evaluate("() => window.giscusStandIn === true")  # the widget's script ran
        script = page.query_selector(".comments script")
        assert script is not None
        assert script.get_attribute("data-repo") == "example/blog-comments"
        assert script.get_attribute("data-theme") == "preferred_color_scheme"
        assert page.is_visible("#comments-title")
    finally:
        page.context.close()
    for path in ("posts/f-pin/", "", "series/"):  # comments: false, and pages that are not posts
        outside, page = visit(browser, base + path)
        try:
            assert outside == set(), path
            assert page.query_selector(".comments") is None
        finally:
            page.context.close()


@pytest.mark.parametrize(
    ("provider", "origin", "called", "server"),
    [
        ("waline", UNPKG, "walineInit", ("serverURL", "https://comments.example.com")),
        ("twikoo", JSDELIVR, "twikooInit", ("envId", "https://twikoo.example.com")),
    ],
)
def test_waline_and_twikoo_load_only_near_the_comments(
    browser: Any, serve: Callable[[bool | str], str], provider: str, origin: str, called: str, server: tuple[str, str]
) -> None:
    base = serve(provider)
    outside, page = visit(browser, base + "posts/b-series-2/", scroll=False)
    try:
        assert page.query_selector(f".comments-widget[data-provider='{provider}']") is not None
        assert page.query_selector("script[src*='giscus']") is None
    finally:
        page.context.close()
    outside, page = visit(browser, base + "posts/b-series-2/")
    try:
        assert outside == {origin}
        page.wait_for_function(f"() => window.{called} !== undefined")
        options = page.evaluate(f"() => window.{called}")
        assert options[server[0]] == server[1]
        assert options["path"] == urlsplit(base).path + "posts/b-series-2/"
        assert options["el"] == "#comments-widget"
    finally:
        page.context.close()
    outside, page = visit(browser, base)  # the index has no comments
    try:
        assert outside == set()
    finally:
        page.context.close()
