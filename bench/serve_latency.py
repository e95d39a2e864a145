"""How long a writer waits: from saving a file to the reload event reaching the browser channel.

Builds a corpus with ../shared/bench/make_corpus.py (1,000 posts by default), runs
`blog serve` on it, listens on /__livereload like a browser, then saves post bodies and
templates/base.html and times each save until its `reload` event arrives. The figure
includes the watcher's debounce window (25 ms after a finished save), as a writer experiences it. This is a
benchmark that prints numbers, not a test.

    python3 bench/serve_latency.py [--posts 1000] [--edits 20] [--template-edits 5] [--title-edits 10] [--css-edits 5]
                                   [--move-edits 5]

Title edits change front matter that moves no page (blog serve's live/meta.py path): the
post's page, its neighbours, lists, feeds and the archives change, the plan does not.
Move edits change where posts stand (live/posts.py): a new published post (`blog new`, then
save), its deletion, a post's tags replaced by another post's, and a post's date moved.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from shared_corpus import make_corpus_script

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = make_corpus_script()
THEME = REPO / "generator" / "theme"


def make_corpus(posts: int, out: Path, existing: Path | None = None) -> Path:
    """The shared corpus (or a copy of `existing`) plus the templates and static files it needs, with
    base.html as the site's own."""
    if existing is not None:
        shutil.copytree(existing, out, ignore=shutil.ignore_patterns(".cache", "public"))
    else:
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--posts", str(posts), "--out", str(out)], check=True)
    for folder in ("templates", "static"):
        target = out / folder
        for source in (REPO / folder, THEME / folder):
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
    base = out / "templates" / "base.html"
    if not base.exists():
        shutil.copy(THEME / "templates" / "base.html", base)
    if not (out / "site.toml").exists():
        (out / "site.toml").write_text('title = "Bench"\nper_page = 12\n', encoding="utf-8")
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`blog serve` in a subprocess, its output kept for the rebuild times it prints."""

    def __init__(self, site: Path, port: int, code: Path = REPO) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--source", str(site), "--port", str(port)],
            cwd=code,  # `python -m` imports the generator/ found there
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.rebuild_ms: list[float] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if match := re.search(r"Rebuilt in (\d+) ms", line):
                self.rebuild_ms.append(float(match.group(1)))
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            print(f"  serve| {line}")
            if re.search(pattern, line):
                return line
        raise SystemExit(f"blog serve did not print {pattern!r} within {timeout} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


class Channel:
    """The live-reload event stream, read the way EventSource reads it."""

    def __init__(self, port: int) -> None:
        self.events: queue.Queue[tuple[str, float]] = queue.Queue()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.request("GET", "/__livereload")
        self._response = conn.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        name = "message"
        try:
            while line := self._response.readline():
                text = line.decode("utf-8").rstrip("\r\n")
                if text.startswith("event:"):
                    name = text[6:].strip()
                elif text.startswith("data:"):
                    self.events.put((name, time.perf_counter()))
                    json.loads(text[5:])
                elif not text:
                    name = "message"
        except (OSError, ValueError):
            pass

    def wait(self, name: str, timeout: float) -> float:
        """When the next `name` event arrived; an error event means the edit broke the build."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SystemExit(f"no {name} event within {timeout} s")
            try:
                got, at = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            if got == name:
                return at
            if got == "error":
                raise SystemExit("the edit made the build fail")

    def drain(self, quiet: float = 0.3) -> None:
        """Let stray events of the previous edit arrive before the next clock starts."""
        time.sleep(quiet)
        while not self.events.empty():
            self.events.get_nowait()


def timed_edits(
    channel: Channel, files: list[Path], change: Callable[[str, int], str], timeout: float, event: str = "reload"
) -> list[float]:
    seconds = []
    for number, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        changed = change(text, number)
        channel.drain()
        started = time.perf_counter()
        path.write_text(changed, encoding="utf-8")
        seconds.append(channel.wait(event, timeout) - started)
    return seconds


def post_body_edit(text: str, number: int) -> str:
    return text.rstrip("\n") + f"\n\n基准测试第 {number} 次编辑，时间 {time.time():.6f}。\n"


def template_edit(text: str, number: int) -> str:
    return text.replace("</footer>", f"<!-- bench edit {number} {time.time():.6f} --></footer>", 1)


def title_edit(text: str, number: int) -> str:
    return text.replace('title: "', f'title: "修订{number}-{time.time():.6f} ', 1)


def retag_edit(tags: list[str]) -> Callable[[str, int], str]:
    """Give the post the tags line of another post (cycling through `tags`)."""

    def change(text: str, number: int) -> str:
        return re.sub(r"^tags: .*$", tags[number % len(tags)], text, count=1, flags=re.M)

    return change


def redate_edit(text: str, number: int) -> str:
    return re.sub(
        r"^date: .*$", f"date: 20{15 + number % 9}-0{1 + number % 9}-1{number % 10}", text, count=1, flags=re.M
    )


def new_posts(folder: Path, tags: list[str], count: int) -> list[tuple[Path, str]]:
    """Posts as `blog new` leaves them once written: dated now, with tags the site already has."""
    stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(time.time() - 86400))  # published whatever the time zone
    return [
        (
            folder / f"bench-new-{number}.md",
            f'---\ntitle: "基准新文章 {number}"\ndate: {stamp}\n{tags[number % len(tags)]}\n---\n\n新文章的正文 {number}。\n',
        )
        for number in range(count)
    ]


def published(posts: list[Path]) -> list[Path]:
    """Posts a save of which changes pages: not drafts, not dated after today (the corpus has both)."""
    today = time.strftime("%Y-%m-%d")
    shown = []
    for path in posts:
        text = path.read_text("utf-8")
        found = re.search(r"^date: (\S+)", text, re.M)
        if "\ndraft: true" not in text and found is not None and found.group(1) < today:
            shown.append(path)
    return shown


def timed_saves(channel: Channel, saves: list[Callable[[], None]], timeout: float) -> list[float]:
    """Like timed_edits, for saves that create or delete files."""
    seconds = []
    for save in saves:
        channel.drain()
        started = time.perf_counter()
        save()
        seconds.append(channel.wait("reload", timeout) - started)
    return seconds


def stylesheet_edit(text: str, number: int) -> str:
    return text + f"\n/* bench edit {number} {time.time():.6f} */\n"


def describe(label: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"{label}: median {statistics.median(ms):.0f} ms over {len(ms)} (min {min(ms):.0f}, max {max(ms):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--template-edits", type=int, default=5)
    parser.add_argument("--title-edits", type=int, default=10)
    parser.add_argument("--code", type=Path, default=REPO, help="a code tree holding generator/ (default: this one)")
    parser.add_argument("--corpus", type=Path, help="an existing corpus to copy instead of generating one")
    parser.add_argument("--css-edits", type=int, default=5, help="saves of static/css/style.css (a css event)")
    parser.add_argument("--move-edits", type=int, default=5, help="new posts, deletions, retags and redates each")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one reload event")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="blog-bench-serve-"))
    server: Server | None = None
    try:
        site = make_corpus(args.posts, workdir / "corpus", args.corpus)
        server = Server(site, free_port(), args.code.resolve())
        url_line = server.wait_for(r"Serving at http://", timeout=600)
        found = re.search(r":(\d+)/", url_line)
        assert found is not None
        port = int(found.group(1))
        channel = Channel(port)
        channel.wait("hello", 10)

        posts = published(sorted((site / "content" / "posts").glob("*.md")))
        step = max(1, len(posts) // args.edits)
        picked = [posts[(i * step) % len(posts)] for i in range(args.edits)]
        post_seconds = timed_edits(channel, picked, post_body_edit, args.timeout)
        post_builds = list(server.rebuild_ms)

        titled = [posts[(i * step + step // 2) % len(posts)] for i in range(args.title_edits)]
        title_seconds = timed_edits(channel, titled, title_edit, args.timeout) if titled else []
        title_builds = server.rebuild_ms[len(post_builds) :]

        base = site / "templates" / "base.html"
        template_seconds = timed_edits(channel, [base] * args.template_edits, template_edit, args.timeout)
        template_builds = server.rebuild_ms[len(post_builds) + len(title_builds) :]
        style = site / "static" / "css" / "style.css"
        css_seconds = timed_edits(channel, [style] * args.css_edits, stylesheet_edit, args.timeout, "css")
        channel.drain()

        moves: dict[str, list[float]] = {}
        move_builds: dict[str, list[float]] = {}
        if args.move_edits:
            tag_lines = sorted(
                {m.group(0) for p in posts[:200] if (m := re.search(r"^tags: .*$", p.read_text("utf-8"), re.M))}
            )
            created = new_posts(site / "content" / "posts", tag_lines, args.move_edits)
            moves["new post (published)"] = timed_saves(
                channel, [partial(path.write_text, text, encoding="utf-8") for path, text in created], args.timeout
            )
            moves["post deleted"] = timed_saves(channel, [path.unlink for path, _ in created], args.timeout)
            moved = [posts[(i * step + step // 3) % len(posts)] for i in range(args.move_edits)]
            moves["tags changed"] = timed_edits(channel, moved, retag_edit(tag_lines), args.timeout)
            moves["date changed"] = timed_edits(channel, moved, redate_edit, args.timeout)
            channel.drain()
            done = server.rebuild_ms[len(server.rebuild_ms) - 4 * args.move_edits :]
            for number, label in enumerate(moves):
                move_builds[label] = done[number * args.move_edits : (number + 1) * args.move_edits]

        print()
        print(f"blog serve on {len(posts)} published posts (save -> reload event on /__livereload, debounce included)")
        print(describe("  post body edit    ", post_seconds))
        if title_seconds:
            print(describe("  post title edit   ", title_seconds))
        print(describe("  templates/base.html", template_seconds))
        if css_seconds:
            print(describe("  static/css/style.css", css_seconds))
        for label, seconds in moves.items():
            own = move_builds.get(label)
            server_ms = f"; the server's own work: median {statistics.median(own):.0f} ms" if own else ""
            print(describe(f"  {label:<19}", seconds) + server_ms)
        if post_builds and template_builds:
            titles = f"title median {statistics.median(title_builds):.0f} ms, " if title_builds else ""
            print(
                f"  rebuild time as printed by the server: post median {statistics.median(post_builds):.0f} ms, "
                f"{titles}template median {statistics.median(template_builds):.0f} ms"
            )
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
