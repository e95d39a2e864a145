"""The preview HTTP server: the built site and nothing else.

A preview server often runs on a laptop next to private files, so a request may only ever
reach files inside the output folder: every path is decoded once, checked segment by
segment, then resolved (following symlinks) and checked again against the folder.
"""

from __future__ import annotations

import errno
import html
import os
import re
import shutil
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote, unquote

from generator.preview.livereload import ENDPOINT, Broadcaster, inject
from generator.urls.checks import split_url

MAX_REQUEST_LINE = 8 * 1024
MAX_HEADER_BYTES = 32 * 1024
CHUNK = 64 * 1024
SWAP_GRACE_SECONDS = 0.5  # the build swaps folders with two renames; a request may fall between them

_TEXT = "; charset=utf-8"
CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html" + _TEXT,
    ".htm": "text/html" + _TEXT,
    ".css": "text/css" + _TEXT,
    ".js": "text/javascript" + _TEXT,
    ".mjs": "text/javascript" + _TEXT,
    ".json": "application/json" + _TEXT,
    ".map": "application/json" + _TEXT,
    ".webmanifest": "application/manifest+json" + _TEXT,
    ".xml": "application/xml" + _TEXT,
    ".svg": "image/svg+xml" + _TEXT,
    ".txt": "text/plain" + _TEXT,
    ".md": "text/plain" + _TEXT,
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
}
FEED_TYPES = {"atom.xml": "application/atom+xml" + _TEXT, "rss.xml": "application/rss+xml" + _TEXT}

# Encoded forms that have no business in a page path; the last two catch double encoding
# (`%252e` decodes once to `%2e`), since the server never decodes twice.
_RAW_FORBIDDEN = re.compile(r"%(2f|5c|00)", re.IGNORECASE)
_DECODED_FORBIDDEN = re.compile(r"%(2e|2f|5c|00)", re.IGNORECASE)
_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


def content_type(name: str) -> str:
    lowered = name.lower()
    if lowered in FEED_TYPES:
        return FEED_TYPES[lowered]
    return CONTENT_TYPES.get(os.path.splitext(lowered)[1], "application/octet-stream")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a request leads: a file to send, a redirect, or a refusal."""

    status: int
    path: Path | None = None
    location: str | None = None


FORBIDDEN = Target(403)
MISSING = Target(404)


def request_path(target: str) -> str | None:
    """The path part of a request target (origin-form or absolute-form), still encoded."""
    if target.startswith("/"):
        return target.split("?", 1)[0].split("#", 1)[0]
    if target.lower().startswith(("http://", "https://")):
        parts = split_url(target)  # None for what urllib cannot parse, e.g. http://[::1/
        return (parts.path or "/") if parts is not None else None
    return None


def safe_segments(raw_path: str) -> list[str] | None:
    """The decoded path segments, or None if the path tries to leave the site in any way."""
    if "\\" in raw_path or "\x00" in raw_path or _RAW_FORBIDDEN.search(raw_path):
        return None
    try:
        decoded = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\\" in decoded or "\x00" in decoded or _DECODED_FORBIDDEN.search(decoded):
        return None
    segments = decoded.split("/")
    if any(segment in (".", "..") for segment in segments):
        return None
    return [segment for segment in segments if segment]


def _inside(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def resolve(root: Path, target: str) -> Target:
    """Map a request target to a file under root; anything escaping root is refused."""
    raw_path = request_path(target)
    if raw_path is None:
        return FORBIDDEN
    segments = safe_segments(raw_path)
    if segments is None:
        return FORBIDDEN
    root = root.resolve()
    try:
        found = root.joinpath(*segments).resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loops, names the OS rejects
        return MISSING
    if not _inside(root, found):
        return FORBIDDEN
    if found.is_dir():
        if not raw_path.endswith("/"):
            return Target(301, location="/" + "".join(quote(s) + "/" for s in segments))
        found = (found / "index.html").resolve()
        if not _inside(root, found):
            return FORBIDDEN
    return Target(200, path=found) if found.is_file() else MISSING


@dataclass(slots=True)
class SiteState:
    """What the request threads share with the rebuild loop."""

    output: Path
    # The site's base path (base_url's): served under it, as it is published, so that a project
    # site's pages and links are the built ones, and the posts `blog build` rendered are reused.
    prefix: str = "/"
    broadcaster: Broadcaster = field(default_factory=Broadcaster)
    ready: threading.Event = field(default_factory=threading.Event)  # set after the first good build
    prepare: Callable[[Path], None] = lambda file: None  # renders a stale page before it is sent


def _page(title: str, body: str) -> bytes:
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>\n'
        f'<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">'
        f"{body}</body></html>\n"
    ).encode()


def not_found_page(path: str) -> bytes:
    return _page(
        "404 Not Found",
        f'<h1>404 Not Found</h1><p>Nothing at <code>{html.escape(path)}</code>.</p><p><a href="/">Home</a></p>',
    )


def unbuilt_page(errors: list[dict[str, object]] | None) -> bytes:
    lines = "\n".join(
        f"{e['path']}{'' if e['line'] is None else ':' + str(e['line'])}: {e['message']}" for e in errors or []
    )
    return _page(
        "Build failed",
        "<h1>The site could not be built yet</h1><p>Fix the problem and save: this page reloads by itself.</p>"
        f"<pre style='white-space:pre-wrap'>{html.escape(lines)}</pre>",
    )


def _page_key(root: Path, file: Path) -> str | None:
    """The output file a page was served from, as build reports name changed files."""
    try:
        return file.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


class SiteHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the built site, plus the live-reload event stream."""

    server: PreviewServer
    server_version = "blog-serve"
    protocol_version = "HTTP/1.0"
    timeout = 60  # a client that stops talking must not hold a thread forever

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if len(self.raw_requestline) > MAX_REQUEST_LINE:
            self.send_error(414)
            return False
        if sum(len(k) + len(v) for k, v in self.headers.items()) > MAX_HEADER_BYTES:
            self.send_error(431)
            return False
        return True

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the terminal belongs to rebuild reports."""

    def _answer(self, head: bool) -> None:
        try:
            if request_path(self.path) == ENDPOINT:
                self._events(head)
            else:
                self._site(head)
        except _DISCONNECTS:
            self.close_connection = True

    def _site(self, head: bool) -> None:
        state = self.server.site
        if not state.ready.is_set():
            self._send_html(503, unbuilt_page(state.broadcaster.error), head)
            return
        inside = self._below_prefix(state.prefix, head)
        if inside is None:
            return
        self._prepare_requested(state, inside)
        target = self._resolve(state.output, inside)
        if target.status == 301 and target.location:
            self._redirect(state.prefix.rstrip("/") + target.location)
        elif target.status == 200 and target.path is not None:
            self._send_file(target.path, 200, head, page=_page_key(state.output, target.path))
        elif target.status == 404:
            self._not_found(state.output, head)
        else:
            self.send_error(target.status)

    def _below_prefix(self, prefix: str, head: bool) -> str | None:
        """The request's path below the site's base path, or None once answered: the server's
        root and the base path without its slash are sent to the base path, anything else is
        not the site's (404)."""
        raw_path = request_path(self.path)
        if prefix == "/" or raw_path is None:
            return self.path
        if raw_path.startswith(prefix):
            return raw_path[len(prefix) - 1 :]
        if raw_path in ("/", prefix.rstrip("/")):
            self._redirect(prefix)
        else:
            self._send_html(404, not_found_page(raw_path), head)
        return None

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _prepare_requested(self, state: SiteState, inside: str) -> None:
        """The requested page rendered first if it is stale: out of date after a save, or planned
        and never written (a first preview writes none until asked), so that resolving finds
        its current file, and its folder for the 301. Once per request, before resolving."""
        raw_path = request_path(inside)
        segments = safe_segments(raw_path) if raw_path is not None else None
        if segments is None:
            return
        named = state.output.joinpath(*segments)
        state.prepare(named / "index.html")
        if segments:
            state.prepare(named)

    def _resolve(self, root: Path, inside: str) -> Target:
        """Resolve, waiting out the instant between the build's two renames."""
        deadline = time.monotonic() + SWAP_GRACE_SECONDS
        while not root.is_dir() and time.monotonic() < deadline:
            time.sleep(0.02)
        return resolve(root, inside)

    def _not_found(self, root: Path, head: bool) -> None:
        custom = root / "404.html"
        self.server.site.prepare(custom)
        if custom.is_file() and _inside(root.resolve(), custom.resolve()):
            self._send_file(custom.resolve(), 404, head)
        else:
            self._send_html(404, not_found_page(request_path(self.path) or "?"), head)

    def _send_file(self, path: Path, status: int, head: bool, page: str | None = None) -> None:
        try:
            with open(path, "rb") as handle:
                kind = content_type(path.name)
                if kind.startswith("text/html"):
                    self._send_html(status, handle.read(), head, page)
                else:
                    self._send_stream(status, kind, handle, head)
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            self._send_html(404, not_found_page(request_path(self.path) or "?"), head)

    def _send_html(self, status: int, body: bytes, head: bool, key: str | None = None) -> None:
        page = inject(body, self.server.site.broadcaster.build_id, key)
        self._headers(status, "text/html; charset=utf-8", len(page))
        if not head:
            self.wfile.write(page)

    def _send_stream(self, status: int, kind: str, handle: BinaryIO, head: bool) -> None:
        self._headers(status, kind, os.fstat(handle.fileno()).st_size)
        if not head:
            shutil.copyfileobj(handle, self.wfile, CHUNK)

    def _headers(self, status: int, kind: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")  # a preview must never show a stale page
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()

    def _events(self, head: bool) -> None:
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        if head:
            return
        broadcaster = self.server.site.broadcaster
        inbox = broadcaster.subscribe()
        try:
            for chunk in broadcaster.stream(inbox):
                self.wfile.write(chunk)
                self.wfile.flush()
        finally:
            broadcaster.unsubscribe(inbox)


class PreviewServer(ThreadingHTTPServer):
    """One thread per connection, so an open event stream never blocks a page load."""

    daemon_threads = True  # stopping must not wait for browsers that keep streams open
    request_queue_size = 64

    def __init__(self, host: str, port: int, site: SiteState) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.site = site
        super().__init__((host, port), SiteHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a tab mid-response is normal; anything else gets one line, not a traceback."""
        kind, exc = sys.exc_info()[:2]
        if kind is not None and issubclass(kind, _DISCONNECTS):
            return
        if isinstance(exc, OSError) and exc.errno in (errno.EPIPE, errno.ECONNRESET):
            return
        print(f"Request from {client_address} failed: {exc!r}", file=sys.stderr, flush=True)
