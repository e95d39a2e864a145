#!/usr/bin/env python3
"""Time `blog build` with nothing changed, for this checkout and optionally an older one, interleaved.

    python bench/noop_build.py --posts 10000 [--rounds 7] [--before DIR] [--after DIR] [--corpus DIR]

Each code tree (a folder holding `generator/`; make one from a commit with
`git archive <commit> | tar -x -C DIR`) gets its own copy of the corpus, is built cold,
then once more (a build right after the corpus was written may not leave a record: its
files are too fresh to trust their times, see generator/build/unchanged.py), and then the
trees take turns at a build with nothing changed, each in a fresh process as a user
runs `blog build -q`. Printed: median, min and max wall seconds and peak memory per tree,
and whether every timed build wrote nothing. Figures, not assertions: quote medians.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from shared_corpus import REPO, make_corpus_script

MEASURE = """
import json, os, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "code": done.returncode,
                  "out": done.stdout[-2000:], "err": done.stderr[-2000:]}))
"""


def run_build(code: Path, site: Path, output: Path, quiet: bool = True) -> dict:
    """One `python -m generator build` with `code` first on the path, timed from outside."""
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "generator", "build"]
    command += ["-q"] * quiet + ["--source", str(site), "--output", str(output)]
    env = {"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    # cwd: `python -m` puts the working folder first on sys.path, which would pick a checkout there
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True, cwd=site.parent)
    result = json.loads(done.stdout)
    if result["code"] != 0:
        sys.exit(f"blog build failed for {code}:\n{result['err']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--before", type=Path, help="an older code tree to compare with (holds generator/)")
    parser.add_argument("--after", type=Path, default=REPO, help="the code tree to measure (default: this checkout)")
    parser.add_argument("--corpus", type=Path, help="an existing corpus to copy instead of generating one")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="blog-noop-"))
    trees = {"after": args.after.resolve()}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    try:
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            subprocess.run(
                [sys.executable, str(make_corpus_script()), "--posts", str(args.posts), "--out", str(corpus)],
                check=True,
            )
        sites = {}
        for number, (name, code) in enumerate(trees.items()):
            site = work / f"site{number}"
            shutil.copytree(corpus, site, ignore=shutil.ignore_patterns(".cache", "public"))
            output = work / f"public{number}"
            cold = run_build(code, site, output)
            run_build(code, site, output)
            sites[name] = (code, site, output)
            print(f"{name}: cold build {cold['seconds']:.1f} s", flush=True)
        times: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, (code, site, output) in sites.items():
                times[name].append(run_build(code, site, output))
        posts = sum(1 for _ in (corpus / "content" / "posts").rglob("*.md"))
        print(f"\nblog build with nothing changed, {posts} post files, {args.rounds} interleaved rounds")
        print(f"{'code':<16}{'median s':>10}{'min':>8}{'max':>8}{'peak MB':>10}  wrote nothing")
        for name, (code, site, output) in sites.items():
            seconds = [run["seconds"] for run in times[name]]
            peak = max(run["peak_mb"] for run in times[name])
            summary = run_build(code, site, output, quiet=False)["out"]  # one more, to read what it did
            wrote_nothing = "files written 0," in summary and "pages rendered 0" in summary
            row = f"{statistics.median(seconds):>10.3f}{min(seconds):>8.3f}{max(seconds):>8.3f}{peak:>10.0f}"
            print(f"{name:<16}{row}  {'yes' if wrote_nothing else 'NO'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
