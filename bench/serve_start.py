#!/usr/bin/env python3
"""How long `blog serve` makes a writer wait before the first page shows, against `hugo server`.

    python3 bench/serve_start.py [--posts 10000] [--runs 3] [--hugo PATH] [--work DIR]

The shared corpus (../shared/bench/make_corpus.py) is made natively and in Hugo's layout. Each
run starts the server as a writer does and polls until the home page and one post page answer
200; the figure is from the process's start to that moment (seconds, wall). Cases, interleaved:

  blog serve, warm   `.cache/blog` holds what `blog build` of the same site made
  blog serve, cold   no `.cache/blog` (a fresh clone); compared with a cold `blog build`
  blog build, cold   the whole site written, for that comparison
  hugo server        renders the whole site to memory before it serves (`--renderToMemory`)

The servers are stopped with SIGINT, as Ctrl-C does. Figures, not assertions: medians of one run.
"""

from __future__ import annotations

import argparse
import glob
import http.client
import os
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


def first_pages(command: list[str], cwd: Path, port: int, paths: list[str], limit: float = 600) -> float:
    """Seconds from starting `command` until every path answers 200; the server is then stopped."""
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
        return time.perf_counter() - started
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
    hugo = hugo_binary(args.hugo)
    blog = [sys.executable, "-m", "generator"]
    env_note = f"load {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores"
    post = a_post_path(native)
    port = free_port()
    serve = [*blog, "serve", "-s", str(native), "-p", str(port), "--no-search"]
    os.environ["PYTHONPATH"] = str(REPO)
    print(f"{args.posts} posts, {args.runs} runs each, interleaved ({env_note}); post page {post}")
    times: dict[str, list[float]] = {}
    for _ in range(args.runs):
        warmed = work / "warmed"  # `blog build` fills .cache/blog, as a writer's last build did
        subprocess.run([*blog, "build", "-q", "-s", str(native), "-o", str(warmed)], check=True)
        times.setdefault("blog serve, warm", []).append(first_pages(serve, REPO, port, ["/", post]))
        shutil.rmtree(native / ".cache" / "blog", ignore_errors=True)
        times.setdefault("blog serve, cold", []).append(first_pages(serve, REPO, port, ["/", post]))
        shutil.rmtree(native / ".cache" / "blog", ignore_errors=True)
        output = work / "built"
        shutil.rmtree(output, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([*blog, "build", "-q", "-s", str(native), "-o", str(output), "--no-cache"], check=True)
        times.setdefault("blog build, cold", []).append(time.perf_counter() - started)
        if hugo:
            hugo_port = free_port()
            command = [hugo, "server", "--renderToMemory", "--port", str(hugo_port), "--disableFastRender"]
            command += ["--bind", "127.0.0.1", "--quiet"]
            times.setdefault("hugo server", []).append(first_pages(command, hugo_site, hugo_port, ["/", post]))
    print(f"{'case':<20}{'median':>9}{'min':>9}{'max':>9}   seconds to the first page and a post")
    for name, values in times.items():
        print(f"{name:<20}{statistics.median(values):>9.2f}{min(values):>9.2f}{max(values):>9.2f}")
    if "hugo server" in times:
        ratio = statistics.median(times["hugo server"]) / statistics.median(times["blog serve, warm"])
        print(f"hugo server / blog serve warm: {ratio:.1f}")
    print(f"load after: {os.getloadavg()[0]:.1f}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
