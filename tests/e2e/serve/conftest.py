"""Fixtures for `blog serve`: a copied fixture site, the command as a subprocess, and the
HTTP server in-process over a hand-made folder (for path-safety tests that need symlinks
and files outside the site)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serve_harness import ServeProcess, make_site

from generator.preview.server import PreviewServer, SiteState


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path)


@pytest.fixture
def start_serve(tmp_path: Path) -> Iterator[Callable[..., ServeProcess]]:
    """Start `blog serve` on a site; every process started is stopped after the test."""
    started: list[ServeProcess] = []

    def start(
        site: Path, *args: str, wait: bool = True, port: int | None = None, env: dict[str, str] | None = None
    ) -> ServeProcess:
        process = ServeProcess(site, *args, tmpdir=tmp_path / f"tmp{len(started)}", port=port, env=env)
        started.append(process)
        if wait:
            process.wait_started()
        return process

    yield start
    for process in started:
        process.kill()


@pytest.fixture
def served(site: Path, start_serve: Callable[..., ServeProcess]) -> ServeProcess:
    return start_serve(site)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An output folder with one of each kind of file, a secret beside it and symlinks both ways."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    root = tmp_path / "public"
    files = {
        "index.html": "<html><body><h1>home</h1></body></html>",
        "posts/a/index.html": "<html><body><p>post a</p></body></html>",
        "posts/感受野/index.html": "<html><body><p>感受野</p></body></html>",
        "css/style.css": "body{color:red}",
        "js/app.js": "console.log(1)",
        "favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "atom.xml": "<feed/>",
        "rss.xml": "<rss/>",
        "sitemap.xml": "<urlset/>",
        "data.json": "{}",
        "fonts/a.woff2": "wOF2",
        "img/a.png": "png",
        "img/a.jpg": "jpg",
        "img/a.webp": "webp",
        "empty/.keep": "",
        "big.bin": "x" * 4_000_000,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "escape.txt").symlink_to(outside / "secret.txt")
    (root / "escape-dir").symlink_to(outside, target_is_directory=True)
    (root / "alias.css").symlink_to(root / "css" / "style.css")
    return root


@pytest.fixture
def local_server(root: Path) -> Iterator[tuple[PreviewServer, SiteState]]:
    state = SiteState(output=root)
    state.ready.set()
    server = PreviewServer("127.0.0.1", 0, state)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server, state
    state.broadcaster.close()
    server.shutdown()
    server.server_close()
    thread.join(2)


@pytest.fixture
def port(local_server: tuple[PreviewServer, SiteState]) -> int:
    return local_server[0].server_address[1]
