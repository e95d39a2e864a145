"""`blog check` on small hand-made sites: what must pass, what must be reported, and where."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.tools.check import (
    check_external,
    check_external_links,
    check_site,
    external_links,
    srcset_urls,
)


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def page(body: str) -> str:
    return f"<!doctype html>\n<html>\n<head><title>t</title></head>\n<body>\n{body}\n</body>\n</html>\n"


def messages(problems: list) -> list[str]:
    return [str(p) for p in problems]


def test_good_site_has_no_problem(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": page(
                '<a href="/posts/x/">x</a> <a href="/posts/x/#sec">sec</a> <a href="posts/x/index.html">x</a>\n'
                '<a href="#top">top</a> <a href="">self</a> <a href="/about">about</a> <a href="/old">old</a>\n'
                '<link rel="stylesheet" href="/css/site.css"> <img src="/img/a.png" alt="">\n'
                '<a href="https://example.org/x">out</a> <a href="mailto:a@b.c">m</a> <a href="tel:+1">t</a>\n'
                '<a href="javascript:void(0)">j</a> <img src="data:image/png;base64,AAAA" alt="">'
            ),
            "posts/x/index.html": page('<h2 id="sec">S</h2><a name="legacy"></a><a href="../../#main">home</a>'),
            "about/index.html": page('<a href="/posts/x/#legacy">legacy</a>'),
            "old.html": page("old"),
            "css/site.css": "body{}",
            "img/a.png": "png",
        },
    )
    (tmp_path / "index.html").write_text(
        (tmp_path / "index.html").read_text().replace("<body>", '<body id="main">'), encoding="utf-8"
    )
    assert check_site(tmp_path) == []


def test_broken_link_names_page_line_and_missing_file(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page('<p>hello</p>\n<a href="/posts/nope/">nope</a>')})
    (problem,) = check_site(tmp_path)
    assert problem.path == "index.html"
    assert problem.line == 6
    assert problem.message == "broken link /posts/nope/ (no file posts/nope/index.html)"
    assert problem.expected == "a page or file in the built site"
    assert problem.is_error


def test_broken_anchor_in_other_page_and_same_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": page('<a href="/posts/x/#missing">a</a>\n<a href="#nowhere">b</a>\n<a href="#here">c</a>'),
            "posts/x/index.html": page('<h2 id="present">p</h2>'),
        },
    )
    (tmp_path / "index.html").write_text(
        (tmp_path / "index.html").read_text().replace("<body>", '<body id="here">'), encoding="utf-8"
    )
    assert messages(check_site(tmp_path)) == [
        'index.html:5: broken anchor /posts/x/#missing (no id "missing" in posts/x/index.html)'
        " (an id or name in the target page)",
        'index.html:6: broken anchor #nowhere (no id "nowhere" in index.html) (an id or name in the target page)',
    ]


def test_base_path_prefix_is_required_and_stripped(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": page(
                '<a href="/repo/posts/x/">ok</a>\n<a href="/repo/">home</a>\n<a href="/repo">home</a>\n'
                '<a href="/posts/x/">forgot base</a>\n<a href="/repo/posts/nope/">nope</a>'
            ),
            "posts/x/index.html": page('<a href="../../">up</a> <a href="/repo/css/a.css">css</a>'),
            "css/a.css": "",
        },
    )
    assert messages(check_site(tmp_path, "/repo/")) == [
        "index.html:8: broken link /posts/x/ (outside the base path /repo/) (a link under /repo/)",
        "index.html:9: broken link /repo/posts/nope/ (no file posts/nope/index.html) (a page or file in the built site)",
    ]


def test_relative_link_climbing_above_the_site_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"posts/x/index.html": page('<a href="../../../elsewhere/">up</a>')})
    (problem,) = check_site(tmp_path, "/repo/")
    assert "outside the base path /repo/" in problem.message
    assert problem.path == "posts/x/index.html"


def test_percent_encoded_chinese_paths_and_anchors(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": page(
                '<a href="/repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/">encoded</a>\n'
                '<a href="/repo/posts/感受野/#为什么有效">raw anchor</a>\n'
                '<a href="/repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/#%E4%B8%BA%E4%BB%80%E4%B9%88%E6%9C%89%E6%95%88">enc</a>\n'
                '<a href="/repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/#%E6%B2%A1%E6%9C%89">missing</a>\n'
                '<a href="/repo/tags/%E5%A4%A7%E6%A8%A1%E5%9E%8B/">no tag page</a>'
            ),
            "posts/感受野/index.html": page('<h2 id="为什么有效">为什么有效</h2>'),
        },
    )
    assert messages(check_site(tmp_path, "/repo/")) == [
        "index.html:8: broken anchor /repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/#%E6%B2%A1%E6%9C%89"
        ' (no id "没有" in posts/感受野/index.html) (an id or name in the target page)',
        "index.html:9: broken link /repo/tags/%E5%A4%A7%E6%A8%A1%E5%9E%8B/ (no file tags/大模型/index.html)"
        " (a page or file in the built site)",
    ]


def test_srcset_and_src_are_checked(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": page(
                '<img src="a.png" srcset="a.png 1x, b.png 2x,c.png 3x" alt="">\n'
                '<picture><source srcset="/d.webp 640w, data:image/png;base64,AA,BB 2x"></picture>'
            ),
            "a.png": "",
            "c.png": "",
        },
    )
    assert [(p.line, p.message) for p in check_site(tmp_path)] == [
        (5, "broken link b.png (no file b.png)"),
        (6, "broken link /d.webp (no file d.webp)"),
    ]


def test_srcset_parsing_follows_the_html_rule() -> None:
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png 1x,b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png,b.png 2x") == ["a.png,b.png"]  # a URL ends at whitespace, not at a comma
    assert srcset_urls(" data:image/png;base64,AA,BB 1x , x.png") == ["data:image/png;base64,AA,BB", "x.png"]
    assert srcset_urls("") == []


def test_own_host_counts_as_internal_only_with_site_url(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": page(
                '<link rel="canonical" href="https://user.github.io/repo/">\n'
                '<a href="https://user.github.io/repo/posts/nope/">abs</a>\n'
                '<a href="//user.github.io/repo/posts/nope2/">scheme-relative</a>\n'
                '<a href="https://user.github.io/other/">other repo</a>'
            )
        },
    )
    assert check_site(tmp_path, "/repo/") == []
    found = [
        (p.line, p.message.split(" (")[0])
        for p in check_site(tmp_path, "/repo/", site_url="https://user.github.io/repo/")
    ]
    assert found == [
        (6, "broken link https://user.github.io/repo/posts/nope/"),
        (7, "broken link //user.github.io/repo/posts/nope2/"),
        (8, "broken link https://user.github.io/other/"),
    ]


def test_case_must_match_as_on_github_pages(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page('<a href="/Posts/x/">x</a>'), "posts/x/index.html": page("")})
    assert len(check_site(tmp_path)) == 1


def test_anchor_on_a_non_html_file_is_not_checked(tmp_path: Path) -> None:
    write(tmp_path, {"index.html": page('<a href="/notes.txt#L3">n</a>'), "notes.txt": "x"})
    assert check_site(tmp_path) == []


# --- external links, against a server on 127.0.0.1 only -------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, head: bool) -> None:
        if self.path.startswith("/ok"):
            code = 200
        elif self.path.startswith("/no-head"):
            code = 405 if head else 200
        elif self.path.startswith("/redirect"):
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        else:
            code = 404
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_check_external_reports_only_broken_urls(server: str) -> None:
    urls = [f"{server}/ok", f"{server}/no-head", f"{server}/redirect", f"{server}/missing", f"{server}/ok"]
    problems = check_external(urls, timeout=5, concurrency=2)
    assert [(p.url, p.reason) for p in problems] == [(f"{server}/missing", "HTTP 404")]


def test_check_external_reports_refused_connections(server: str) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    (problem,) = check_external([f"http://127.0.0.1:{closed_port}/"], timeout=2)
    assert "refused" in problem.reason.lower()


def test_external_links_are_collected_with_their_places(tmp_path: Path, server: str) -> None:
    write(
        tmp_path,
        {
            "index.html": page(f'<a href="{server}/ok#frag">ok</a>\n<a href="{server}/gone">gone</a>'),
            "posts/x/index.html": page(f'<a href="{server}/gone">again</a> <a href="/posts/x/">self</a>'),
        },
    )
    assert external_links(tmp_path) == {
        f"{server}/ok": [("index.html", 5)],
        f"{server}/gone": [("index.html", 6), ("posts/x/index.html", 5)],
    }
    problems = check_external_links(tmp_path, timeout=5)
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("index.html", 6, f"broken external link {server}/gone (HTTP 404)"),
        ("posts/x/index.html", 5, f"broken external link {server}/gone (HTTP 404)"),
    ]
