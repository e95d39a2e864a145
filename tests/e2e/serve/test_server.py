"""The preview HTTP server over a hand-made output folder: path safety, types, 404s, robustness.

Requests are written on raw sockets so that no client library cleans the path up first.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from serve_harness import EventStream, fetch, raw_request

from generator.errors import error
from generator.preview.server import PreviewServer, SiteState

TRAVERSALS = [
    "/../secret.txt",
    "/../../../../etc/passwd",
    "/posts/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/.%2e/secret.txt",
    "/%2e%2e%2fsecret.txt",
    "/posts%2f..%2f..%2fsecret.txt",
    "/%252e%252e/secret.txt",
    "/%252e%252e%252fsecret.txt",
    "/..%5csecret.txt",
    "/..\\secret.txt",
    "/%5c..%5csecret.txt",
    "/index.html%00.css",
    "/%00",
    "/./index.html",
    "/escape.txt",
    "/escape-dir/secret.txt",
    "/escape-dir/",
    "http://localhost/../secret.txt",
    "secret.txt",
    "*",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_traversal_is_refused(port: int, target: str) -> None:
    answer = raw_request(port, target)
    assert answer.status in (403, 404), target
    assert b"TOP SECRET" not in answer.body


@pytest.mark.parametrize("target", ["//etc/passwd", "/etc/passwd", "//" + "/".join(["tmp"] * 3)])
def test_absolute_paths_stay_inside_the_site(port: int, target: str) -> None:
    answer = raw_request(port, target)
    assert answer.status in (403, 404)
    assert b"root:" not in answer.body


def test_nul_byte_in_request_line_is_refused(port: int) -> None:
    answer = raw_request(port, "/index.html\x00")
    assert answer.status in (400, 403, 404)


def test_symlink_inside_the_site_is_served(port: int) -> None:
    answer = raw_request(port, "/alias.css")
    assert answer.status == 200
    assert answer.body == b"body{color:red}"


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/css/style.css", "text/css; charset=utf-8"),
        ("/js/app.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/data.json", "application/json; charset=utf-8"),
        ("/fonts/a.woff2", "font/woff2"),
        ("/img/a.png", "image/png"),
        ("/img/a.jpg", "image/jpeg"),
        ("/img/a.webp", "image/webp"),
    ],
)
def test_content_types(port: int, target: str, expected: str) -> None:
    answer = raw_request(port, target)
    assert answer.status == 200
    assert answer.headers["Content-Type"] == expected
    assert int(answer.headers["Content-Length"]) == len(answer.body)


def test_html_gets_the_reload_script_only_when_served(port: int, root: Path) -> None:
    answer = raw_request(port, "/posts/a/")
    assert answer.body.count(b"/__livereload") == 1
    assert answer.body.index(b"data-blog-livereload") < answer.body.index(b"</body>")
    assert b"livereload" not in (root / "posts" / "a" / "index.html").read_bytes()
    assert b"livereload" not in raw_request(port, "/css/style.css").body


def test_percent_encoded_chinese_path(port: int) -> None:
    answer = raw_request(port, "/posts/%E6%84%9F%E5%8F%97%E9%87%8E/")
    assert answer.status == 200
    assert "感受野" in answer.text


def test_directory_without_slash_redirects(port: int) -> None:
    answer = raw_request(port, "/posts/a?x=1")
    assert answer.status == 301
    assert answer.headers["Location"] == "/posts/a/"


def test_redirect_never_leaves_the_site(port: int, root: Path) -> None:
    (root / "evil.example").mkdir()
    (root / "evil.example" / "index.html").write_text("x", encoding="utf-8")
    answer = raw_request(port, "//evil.example")
    assert answer.status == 301
    assert answer.headers["Location"] == "/evil.example/"


def test_directory_serves_index(port: int) -> None:
    answer = raw_request(port, "/posts/a/")
    assert answer.status == 200
    assert b"post a" in answer.body


def test_directory_without_index_is_not_listed(port: int) -> None:
    answer = raw_request(port, "/empty/")
    assert answer.status == 404
    assert b".keep" not in answer.body


def test_builtin_404(port: int) -> None:
    answer = raw_request(port, "/nope/<script>")
    assert answer.status == 404
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"404" in answer.body
    assert b"<script>" not in answer.body.split(b"<script data-blog-livereload")[0]


def test_site_404_page(port: int, root: Path) -> None:
    (root / "404.html").write_text("<html><body>我们的 404</body></html>", encoding="utf-8")
    answer = raw_request(port, "/missing/")
    assert answer.status == 404
    assert "我们的 404" in answer.text
    assert b"/__livereload" in answer.body


def test_head_has_headers_and_no_body(port: int) -> None:
    get = raw_request(port, "/css/style.css")
    head = raw_request(port, "/css/style.css", method="HEAD")
    assert head.status == 200
    assert head.body == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.headers["Content-Type"] == get.headers["Content-Type"]
    page = raw_request(port, "/", method="HEAD")
    assert page.status == 200 and page.body == b""


def test_concurrent_requests(port: int) -> None:
    stream = EventStream(port)  # an open event stream must not block page loads
    results: list[int] = []
    lock = threading.Lock()

    def load() -> None:
        for target in ("/", "/posts/a/", "/css/style.css", "/big.bin"):
            status = fetch(f"http://127.0.0.1:{port}{target}", timeout=10).status
            with lock:
                results.append(status)

    threads = [threading.Thread(target=load) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    stream.close()
    assert results == [200] * 80


def test_client_dropping_mid_response_does_not_hurt(port: int) -> None:
    for _ in range(5):
        conn = socket.create_connection(("127.0.0.1", port), timeout=5)
        conn.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")
        conn.recv(1024)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()  # RST while the server is still writing
    conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    conn.sendall(b"GET /")  # half a request line, then gone
    conn.close()
    assert raw_request(port, "/").status == 200


def test_request_line_too_long(port: int) -> None:
    assert raw_request(port, "/" + "a" * 20_000).status == 414


def test_headers_too_large(port: int) -> None:
    extra = "".join(f"X-Filler-{i}: {'b' * 1000}\r\n" for i in range(40))
    assert raw_request(port, "/", extra=extra).status == 431


def test_unbuilt_site_serves_error_page(root: Path) -> None:
    state = SiteState(output=root / "not-yet")
    state.broadcaster.failed_build([error("content/posts/x.md", 3, "bad <b>front</b> matter")])
    server = PreviewServer("127.0.0.1", 0, state)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        answer = raw_request(server.server_address[1], "/posts/x/")
        assert answer.status == 503
        assert b"content/posts/x.md:3" in answer.body
        assert b"&lt;b&gt;front" in answer.body
        assert b"/__livereload" in answer.body
    finally:
        server.shutdown()
        server.server_close()


def test_event_stream_greets_and_relays(local_server: tuple[PreviewServer, SiteState]) -> None:
    server, state = local_server
    stream = EventStream(server.server_address[1])
    try:
        hello = stream.next("hello")
        assert hello.data["build"] == state.broadcaster.build_id
        state.broadcaster.failed_build([error("content/posts/x.md", 2, "bad")])
        failed = stream.next("error")
        assert failed.data["errors"] == [{"path": "content/posts/x.md", "line": 2, "message": "bad", "expected": ""}]
        state.broadcaster.good_build(["index.html"], [])
        assert stream.next("reload").data["build"] == state.broadcaster.build_id
        state.broadcaster.good_build(["css/style.css"], [])
        assert stream.next("css").name == "css"
    finally:
        stream.close()


def test_late_subscriber_sees_current_error(local_server: tuple[PreviewServer, SiteState]) -> None:
    server, state = local_server
    state.broadcaster.failed_build([error("site.toml", 1, "broken")])
    stream = EventStream(server.server_address[1])
    try:
        stream.next("hello")
        assert stream.next("error").data["errors"][0]["path"] == "site.toml"
    finally:
        stream.close()


def test_closing_the_broadcaster_ends_streams(local_server: tuple[PreviewServer, SiteState]) -> None:
    server, state = local_server
    stream = EventStream(server.server_address[1])
    stream.next("hello")
    started = time.monotonic()
    state.broadcaster.close()
    assert stream.next("closed", timeout=3).name == "closed"
    assert time.monotonic() - started < 3
    stream.close()


def test_a_project_site_is_served_under_its_base_path(local_server: tuple[PreviewServer, SiteState]) -> None:
    """As `hugo server` does, and as GitHub Pages publishes https://someone.github.io/blog/: the
    site's own links start with /blog/, and the server's root and the bare path lead there."""
    server, state = local_server
    state.prefix = "/blog/"
    port = server.server_address[1]
    assert raw_request(port, "/blog/posts/a/").status == 200
    assert b"post a" in raw_request(port, "/blog/posts/a/").body
    assert raw_request(port, "/blog/css/style.css").text == "body{color:red}"
    for asked, location in (("/", "/blog/"), ("/blog", "/blog/"), ("/blog/posts/a", "/blog/posts/a/")):
        answer = raw_request(port, asked)
        assert (answer.status, answer.headers["Location"]) == (301, location)
    assert raw_request(port, "/posts/a/").status == 404  # not where the built site has it
    assert raw_request(port, "/blog/../secret.txt").status in (403, 404)
    assert raw_request(port, "/blog/%E6%84%9F").status == 404
