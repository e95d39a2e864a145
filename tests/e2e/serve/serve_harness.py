"""Running `blog serve` the way a user does, with every wait bounded.

Shared by the end-to-end tests here and the browser tests in tests/browser/.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
POSTS = ("lora.md", "clip.md", "rope.md", "dpo.md")
START_TIMEOUT = 30.0
CHANGE_TIMEOUT = 10.0
URL_LINE = re.compile(r"Serving at (http://\S+)")

SITE_TOML = """title = "测试博客"
description = "serve fixture"
base_url = "https://example.org/blog/"
per_page = 3
"""


def make_site(root: Path, posts: tuple[str, ...] = POSTS) -> Path:
    """A small copy of the sample blog: a few posts, the repo's templates/ and static/, its own site.toml."""
    site = root / "site"
    (site / "content" / "posts").mkdir(parents=True)
    for name in posts:
        shutil.copy(REPO / "content" / "posts" / name, site / "content" / "posts" / name)
    for folder in ("templates", "static"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, site / folder)
        else:
            (site / folder).mkdir()
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    return site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_until(check: Callable[[], object], timeout: float = CHANGE_TIMEOUT, interval: float = 0.05) -> object:
    """Poll until check() is truthy; fail with the last value after timeout."""
    deadline = time.monotonic() + timeout
    value: object = None
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s (last value: {value!r})")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def fetch(url: str, method: str = "GET", timeout: float = 5.0) -> Response:
    """GET a URL without following redirects or raising on 4xx/5xx."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, method=method)
    try:
        with opener.open(request, timeout=timeout) as answer:
            return Response(answer.status, dict(answer.headers.items()), answer.read())
    except urllib.error.HTTPError as failure:
        with failure:
            return Response(failure.code, dict(failure.headers.items()), failure.read())


def raw_request(port: int, target: str, method: str = "GET", extra: str = "", timeout: float = 5.0) -> Response:
    """Send a request line exactly as written, so no client library normalises the path."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(f"{method} {target} HTTP/1.0\r\nHost: localhost\r\n{extra}\r\n".encode("latin-1"))
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return Response(int(lines[0].split()[1]), headers, body)


@dataclass(frozen=True)
class SseEvent:
    name: str
    data: dict[str, object]


class EventStream:
    """The live-reload channel as a browser sees it; a reader thread turns lines into events."""

    def __init__(self, port: int, host: str = "127.0.0.1", path: str = "/__livereload") -> None:
        self.events: queue.Queue[SseEvent] = queue.Queue()
        self._conn = http.client.HTTPConnection(host, port, timeout=30)
        self._conn.request("GET", path)
        self._sock = self._conn.sock  # http.client forgets it once the response says it will close
        self._response = self._conn.getresponse()
        assert self._response.status == 200
        assert self._response.headers["Content-Type"].startswith("text/event-stream")
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        name, data = "message", ""
        try:
            while line := self._response.readline():
                text = line.decode("utf-8").rstrip("\r\n")
                if text.startswith("event:"):
                    name = text[6:].strip()
                elif text.startswith("data:"):
                    data += text[5:].strip()
                elif not text:
                    if data:
                        self.events.put(SseEvent(name, json.loads(data)))
                    name, data = "message", ""
        except (OSError, ValueError, AttributeError):  # the socket was shut down under the reader
            pass
        self.events.put(SseEvent("closed", {}))

    def next(self, *names: str, timeout: float = CHANGE_TIMEOUT) -> SseEvent:
        """The next event with one of these names, skipping others; fail after timeout."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {names} event within {timeout} s")
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            if event.name in names:
                return event
            if event.name == "closed":
                raise AssertionError(f"stream closed while waiting for {names}")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if self._sock is not None:
                self._sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(2)
        self._response.close()
        self._conn.close()


class ServeProcess:
    """`python -m generator serve` in a subprocess, with its output collected line by line."""

    def __init__(
        self, site: Path, *args: str, tmpdir: Path, port: int | None = None, env: dict[str, str] | None = None
    ) -> None:
        self.port = free_port() if port is None else port
        self.tmpdir = tmpdir
        tmpdir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8", TMPDIR=str(tmpdir), **(env or {}))
        command = [sys.executable, "-m", "generator", "serve", "--source", str(site), "--port", str(self.port), *args]
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._collect, daemon=True)
        self._reader.start()
        self.url = ""

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    @property
    def output(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for_line(self, pattern: str, timeout: float = CHANGE_TIMEOUT, start: int = 0) -> re.Match[str]:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines[start:]:
                    if match := regex.search(line):
                        return match
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.process.poll() is not None and not self._reader.is_alive()):
                    raise AssertionError(f"no line matching {pattern!r}; output so far:\n" + "\n".join(self.lines))
                self._changed.wait(min(remaining, 0.2))

    def line_count(self) -> int:
        with self._changed:
            return len(self.lines)

    def wait_started(self, timeout: float = START_TIMEOUT) -> str:
        self.url = self.wait_for_line(URL_LINE.pattern, timeout).group(1)
        return self.url

    def stop(self, sig: int = signal.SIGINT, timeout: float = 5.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        finally:
            self._reader.join(2)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        if self.process.stdout is not None:
            self.process.stdout.close()


_LIVERELOAD_SCRIPT = re.compile(rb'<script data-blog-livereload="">.*?</script>\n', re.DOTALL)


def served_digest(url: str, files: Iterable[str]) -> dict[str, str]:
    """What the preview serves for each output file, as tree_digest hashes it (live-reload script removed).

    The preview renders changed pages when they are requested, so the files on disk may lag
    behind; what a browser receives is what must equal a clean build.
    """
    result: dict[str, str] = {}
    for name in files:
        if name.endswith("/"):
            continue
        answer = fetch(url.rstrip("/") + "/" + urllib.parse.quote(name))
        body = _LIVERELOAD_SCRIPT.sub(b"", answer.body) if name.endswith((".html", ".htm")) else answer.body
        result[name] = hashlib.sha256(body).hexdigest() if answer.status == 200 else f"HTTP {answer.status}"
    return result
