#!/usr/bin/env python3
"""How long `blog serve` makes a writer wait before the first page shows, against `hugo server`.

    python3 bench/serve_start.py [--posts 10000] [--runs 3] [--images N] [--before DIR] [--hugo PATH] [--work DIR]

The shared corpus (../shared/bench/make_corpus.py) is made natively and in Hugo's layout. Each
run starts the server as a writer does and polls until the home page and one post page answer
200; the figure is from the process's start to that moment (seconds, wall). Cases, interleaved:

  blog serve, warm   `.cache/blog` holds what `blog build` of the same site made
  blog serve, cold   no `.cache/blog` (a fresh clone); compared with a cold `blog build`
  blog build, cold   the whole site written, for that comparison
  hugo server        renders the whole site to memory before it serves (`--renderToMemory`)

`--images N` gives the first N posts three pictures each (bench/image_corpus.py, in both
layouts): then the figure for `blog serve` also has a second column, until every WebP copy the post
page offers has been fetched too (a browser fetches one width of each), and Hugo, which makes
no copies, serves the pictures as they are. `--before DIR` (a folder holding an older generator/)
adds the two `blog serve` cases run with that code.

The servers are stopped with SIGINT, as Ctrl-C does. Figures, not assertions: medians of one run.
"""

from __future__ import annotations

import argparse
import glob
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_corpus import REPO, make_corpus_script

IMAGES = Path(__file__).resolve().parent / "image_corpus.py"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(port: int, path: str) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path)
        status = connection.getresponse().status
        connection.close()
        return status == 200
    except OSError:
        return False


def copies_offered(port: int, path: str) -> list[str]:
    """The WebP copies a page offers (in its srcset attributes), as URL paths."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    page = connection.getresponse().read().decode("utf-8", "replace")
    connection.close()
    found = re.findall(r"([^\s\",]+\.webp)\s+\d+w", page)
    return sorted({url if url.startswith("/") else path + url for url in found})


def first_pages(
    command: list[str], cwd: Path, port: int, paths: list[str], limit: float = 600, pictures: bool = False
) -> tuple[float, float]:
    """Seconds from starting `command` until every path answers 200, and until the last path's
    WebP copies have too (`pictures`; else the same figure); the server is then stopped."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        waiting = list(paths)
        while waiting:
            if process.poll() is not None:
                sys.exit(f"{command[0]} ended with status {process.returncode} before serving")
            if time.perf_counter() - started > limit:
                sys.exit(f"{command[0]} served nothing in {limit:.0f} s")
            if answers(port, waiting[0]):
                waiting.pop(0)
            else:
                time.sleep(0.02)
        shown = time.perf_counter() - started
        if pictures and not all(answers(port, copy) for copy in copies_offered(port, paths[-1])):
            sys.exit(f"{command[0]} did not serve every picture of {paths[-1]}")
        return shown, time.perf_counter() - started
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def hugo_binary(given: str | None) -> str | None:
    if given:
        return given
    venv = os.environ.get("HUGO_VENV", "/tmp/venv-hugo")
    found = [*glob.glob(f"{venv}/lib/python3*/site-packages/hugo/binaries/hugo"), shutil.which("hugo") or ""]
    return next((path for path in found if path), None)


def a_post_path(site: Path) -> str:
    """The URL of one post: the newest file's slug, as the corpus names them."""
    first = sorted((site / "content" / "posts").glob("*.md"))[0]
    return f"/posts/{first.stem}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hugo", help="the Hugo binary (default: from $HUGO_VENV or /tmp/venv-hugo, else PATH)")
    parser.add_argument("--work", type=Path, help="a scratch folder to keep (default: a temporary one)")
    parser.add_argument("--images", type=int, default=0, help="posts given three pictures each (default 0)")
    parser.add_argument("--before", type=Path, help="an older code tree to start blog serve with too")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="serve-start-"))
    work.mkdir(parents=True, exist_ok=True)
    native, hugo_site = work / "native", work / "hugo"
    corpus = make_corpus_script()
    for folder, layout in ((native, "native"), (hugo_site, "hugo")):
        if not folder.exists():
            subprocess.run(
                [sys.executable, str(corpus), "--posts", str(args.posts), "--out", str(folder), "--format", layout],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            if args.images:
                pictures = [sys.executable, str(IMAGES), "--corpus", str(folder), "--posts", str(args.images)]
                subprocess.run(pictures, check=True, stdout=subprocess.DEVNULL)
    hugo = hugo_binary(args.hugo)
    blog = [sys.executable, "-m", "generator"]
    env_note = f"load {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores"
    post = a_post_path(native)
    port = free_port()
    serve = [*blog, "serve", "-s", str(native), "-p", str(port), "--no-search"]
    trees = {"": REPO, " (before)": args.before.resolve()} if args.before else {"": REPO}
    pictures = f", {args.images} posts with 3 pictures each" if args.images else ""
    print(f"{args.posts} posts{pictures}, {args.runs} runs each, interleaved ({env_note}); post page {post}")
    times: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        for label, tree in trees.items():  # run from `work`: `-m generator` puts the folder it runs in first
            os.environ["PYTHONPATH"] = str(tree)
            warmed = work / "warmed"  # `blog build` fills .cache/blog, as a writer's last build did
            subprocess.run([*blog, "build", "-q", "-s", str(native), "-o", str(warmed)], check=True, cwd=work)
            warm = first_pages(serve, work, port, ["/", post], pictures=bool(args.images))
            times.setdefault(f"blog serve, warm{label}", []).append(warm)
            shutil.rmtree(native / ".cache" / "blog", ignore_errors=True)
            cold = first_pages(serve, work, port, ["/", post], pictures=bool(args.images))
            times.setdefault(f"blog serve, cold{label}", []).append(cold)
            shutil.rmtree(native / ".cache" / "blog", ignore_errors=True)
        os.environ["PYTHONPATH"] = str(REPO)
        output = work / "built"
        shutil.rmtree(output, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([*blog, "build", "-q", "-s", str(native), "-o", str(output), "--no-cache"], check=True, cwd=work)
        built = time.perf_counter() - started
        times.setdefault("blog build, cold", []).append((built, built))
        if hugo:
            hugo_port = free_port()
            command = [hugo, "server", "--renderToMemory", "--port", str(hugo_port), "--disableFastRender"]
            command += ["--bind", "127.0.0.1", "--quiet"]
            served = first_pages(command, hugo_site, hugo_port, ["/", post])
            times.setdefault("hugo server", []).append(served)
    print(f"{'case':<29}{'median':>9}{'min':>9}{'max':>9}   seconds to the first page and a post")
    for name, values in times.items():
        shown = [first for first, _ in values]
        print(f"{name:<29}{statistics.median(shown):>9.2f}{min(shown):>9.2f}{max(shown):>9.2f}", end="")
        print(f"   with its pictures: {statistics.median(whole for _, whole in values):.2f}" if args.images else "")
    if "hugo server" in times:
        ratio = statistics.median(t for t, _ in times["hugo server"]) / statistics.median(
            t for t, _ in times["blog serve, warm"]
        )
        print(f"hugo server / blog serve warm: {ratio:.1f}")
    print(f"load after: {os.getloadavg()[0]:.1f}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
