#!/usr/bin/env python3
"""What a reader downloads: the sample blog's index and a math post, loaded in Chromium at 390 px.

    python bench/page_weight.py [--tree DIR] [--pages / /posts/attention-scaling/]

Builds the sample blog from --tree (a checkout: its generator and its site; default this one), serves
the output on 127.0.0.1, loads each page with an empty cache in Debian's chromium through Playwright,
and prints every response the page made: its bytes as stored, and gzipped for text (what a host such
as GitHub Pages sends; fonts are WOFF2, already compressed). Targets from issue 27: the index at most
80 KB, a math post at most 140 KB. To compare with an older theme, `git archive <commit> | tar -x -C DIR`
and pass --tree DIR. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
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
    def log_message(self, format: str, *args: Any) -> None:
        pass


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, default=HERE.parent, help="a checkout with generator/ and the sample blog")
    parser.add_argument("--pages", nargs="+", default=["/", "/posts/attention-scaling/", "/posts/lora/"])
    args = parser.parse_args()
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
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
