#!/usr/bin/env python3
"""Time `blog build` cold and warm on a generated corpus; print medians and peak memory.

    python bench/bench_build.py --posts 1000 [--runs 3] [--keep DIR]

Cases (each run in a fresh process, as a user would run it):
  cold          no cache, no output folder
  warm-none     cache and output present, nothing changed
  warm-body     one post's body edited
  warm-title    one post's title edited (its neighbours, lists and tags change)
  warm-template a template edited (every page re-rendered, no markdown parsed)

The corpus comes from ../shared/bench/make_corpus.py (deterministic Chinese ML posts with
code and math). To compare with Hugo and Pelican on the same posts in one run, use
../shared/bench/run_peers.py (see its README). Figures, not assertions: the machine is
noisy, so quote medians and ratios from one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_corpus import make_corpus_script

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = make_corpus_script()
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "code": done.returncode, "err": done.stderr[-2000:]}))
"""


def make_corpus(posts: int, out: Path) -> None:
    if not MAKE_CORPUS.exists():
        sys.exit(f"corpus generator not found at {MAKE_CORPUS}")
    subprocess.run([sys.executable, str(MAKE_CORPUS), "--posts", str(posts), "--out", str(out), "--force"], check=True)
    templates = out / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "_footer.html").write_text("<p>{{ site.title }}</p>\n", encoding="utf-8")


def timed(site: Path, output: Path, *extra: str) -> dict:
    command = [sys.executable, "-c", MEASURE, shutil.which("blog") or "blog", "build", "-q"]
    command += ["--source", str(site), "--output", str(output), *extra]
    result = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    if result["code"] != 0:
        sys.exit(f"blog build failed:\n{result['err']}")
    return result


def reset(site: Path, output: Path) -> None:
    shutil.rmtree(site / ".cache" / "blog", ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)


def edit_body(post: Path, run: int) -> None:
    post.write_text(post.read_text(encoding="utf-8") + f"\n\n第 {run} 次修改：补充一段说明文字。\n", encoding="utf-8")


def edit_title(post: Path, run: int) -> None:
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace('title: "', f'title: "修订{run} ', 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="corpus folder to create or reuse")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="blog-bench-"))
    site = args.keep or work / "site"
    output = work / "public"
    if not (site / "content").is_dir():
        make_corpus(args.posts, site)
    posts = sorted((site / "content" / "posts").rglob("*.md"))
    target = posts[len(posts) // 2]
    footer = site / "templates" / "_footer.html"
    originals = {target: target.read_text(encoding="utf-8"), footer: footer.read_text(encoding="utf-8")}
    results: dict[str, list[dict]] = {}

    def record(case: str, result: dict) -> None:
        results.setdefault(case, []).append(result)

    try:
        for run in range(args.runs):
            reset(site, output)
            record("cold", timed(site, output))
            record("warm-none", timed(site, output))
            edit_body(target, run)
            record("warm-body", timed(site, output))
            edit_title(target, run)
            record("warm-title", timed(site, output))
            footer.write_text(f"<p>{{{{ site.title }}}} · {run} · {time.time_ns()}</p>\n", encoding="utf-8")
            record("warm-template", timed(site, output))
            for path, text in originals.items():
                path.write_text(text, encoding="utf-8")
        reset(site, output)
        record("cold --no-cache", timed(site, output, "--no-cache"))
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(site / ".cache" / "blog", ignore_errors=True)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"blog build, {len(posts)} posts, {args.runs} runs each (median [min-max] wall seconds, peak MB)")
    print(f"{'case':<18}{'median s':>10}{'min':>8}{'max':>8}{'peak MB':>10}")
    for case, runs in results.items():
        seconds = [r["seconds"] for r in runs]
        peak = max(r["peak_mb"] for r in runs)
        print(f"{case:<18}{statistics.median(seconds):>10.3f}{min(seconds):>8.3f}{max(seconds):>8.3f}{peak:>10.0f}")


if __name__ == "__main__":
    main()
