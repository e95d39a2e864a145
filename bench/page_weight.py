#!/usr/bin/env python3
"""What a reader downloads: the sample blog's index and a math post, loaded in Chromium at 390 px.

    python bench/page_weight.py [--tree DIR] [--pages / /posts/attention-scaling/] [--lighthouse PATH]

Builds the sample blog from --tree (a checkout: its generator and its site; default this one), serves
the output on 127.0.0.1, loads each page with an empty cache in Debian's chromium through Playwright,
and prints every response the page made: its bytes as stored, and gzipped for text (what a host such
as GitHub Pages sends; fonts are WOFF2, already compressed). Targets from issue 27: the index at most
80 KB, a math post at most 140 KB. To compare with an older theme, `git archive <commit> | tar -x -C DIR`
and pass --tree DIR. Figures, not assertions.

When Lighthouse is installed (`npm install lighthouse` in a scratch folder; found by --lighthouse,
$LIGHTHOUSE or PATH), each page also gets a mobile performance run (Lighthouse's default: a Moto G
Power on slow 4G, simulated throttling) in the same chromium, the site served gzipped as GitHub
Pages serves it. The score counts the main thread's measured work, so the load average (printed)
moves it: quote both.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TEXT = (".html", ".css", ".js", ".svg", ".json", ".xml")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Text files gzipped when the browser asks, as GitHub Pages sends them (Lighthouse checks it)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        if path.name == "index.html" and not self.path.split("?")[0].endswith(("/", ".html")):
            return super().send_head()  # the redirect to the folder's URL
        data = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(tree: Path, output: Path, base: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree))
    command = [sys.executable, "-m", "generator", "build", "-s", str(tree), "-o", str(output)]
    subprocess.run([*command, "--base-url", base, "--no-cache", "--quiet"], env=env, check=True, cwd=tree)


def sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    sent = len(gzip.compress(data, 6)) if path.suffix in TEXT or path.name == "" else len(data)
    return len(data), sent


def find_lighthouse(given: Path | None) -> str | None:
    named = given or os.environ.get("LIGHTHOUSE")
    return str(named) if named else shutil.which("lighthouse")


def lighthouse(command: str, url: str, work: Path) -> str:
    """One mobile performance run: the score and the metrics it is made of, on one line."""
    report = work / "lighthouse.json"
    flags = "--headless --no-sandbox --disable-gpu"
    env = dict(os.environ, CHROME_PATH=shutil.which("chromium") or "chromium")
    run = [command, url, "--only-categories=performance", f"--chrome-flags={flags}", "--quiet"]
    done = subprocess.run([*run, "--output=json", f"--output-path={report}"], env=env, check=False, timeout=600)
    if done.returncode != 0 or not report.is_file():
        return f"lighthouse failed (exit {done.returncode})"
    result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    metrics = {
        "FCP": "first-contentful-paint",
        "LCP": "largest-contentful-paint",
        "TBT": "total-blocking-time",
        "CLS": "cumulative-layout-shift",
        "SI": "speed-index",
    }
    shown = "  ".join(f"{short} {audits[key]['displayValue']}".replace("\xa0", " ") for short, key in metrics.items())
    score = round(result["categories"]["performance"]["score"] * 100)
    return f"Lighthouse {result['lighthouseVersion']} mobile performance {score}  ({shown})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, default=HERE.parent, help="a checkout with generator/ and the sample blog")
    parser.add_argument("--pages", nargs="+", default=["/", "/posts/attention-scaling/", "/posts/lora/"])
    parser.add_argument("--lighthouse", type=Path, help="the lighthouse command (default: $LIGHTHOUSE, then PATH)")
    args = parser.parse_args()
    lighthouse_command = find_lighthouse(args.lighthouse)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="page-weight-"))
    output = work / "public"
    output.mkdir()
    try:
        with serve(output) as base:
            build(args.tree.resolve(), output, base)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
                for page_path in args.pages:
                    context = browser.new_context(viewport={"width": 390, "height": 844})
                    page = context.new_page()
                    urls: list[str] = []
                    page.on("requestfinished", lambda request, urls=urls: urls.append(request.url))
                    page.goto(base + page_path.lstrip("/"), wait_until="networkidle")
                    page.evaluate("document.fonts.ready")
                    stored = sent = 0
                    print(f"\n{page_path}  (tree {args.tree})")
                    for url in urls:
                        name = url.removeprefix(base).split("?")[0]
                        file = output / name
                        if file.is_dir() or name == "" or name.endswith("/"):
                            file = file / "index.html"
                        if not file.is_file():
                            continue
                        raw, zipped = sizes(file)
                        stored, sent = stored + raw, sent + zipped
                        print(f"  {raw:>9,} {zipped:>9,}  /{name}")
                    print(f"  {stored:>9,} {sent:>9,}  total: stored, sent gzipped ({len(urls)} requests)")
                    context.close()
                browser.close()
            for page_path in args.pages if lighthouse_command else []:
                load = " ".join(f"{value:.1f}" for value in os.getloadavg())
                print(f"\n{page_path}  {lighthouse(lighthouse_command, base + page_path.lstrip('/'), work)}")
                print(f"  load average before the run: {load}")
            if not lighthouse_command:
                print("\nLighthouse: not found (npm install lighthouse; then --lighthouse PATH or $LIGHTHOUSE)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
