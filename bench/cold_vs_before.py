#!/usr/bin/env python3
"""A first `blog build` with search on: this code against an older code tree, interleaved.

    python bench/cold_vs_before.py --before DIR [--corpus DIR | --posts N] [--runs 3]

`--before` is a checkout holding generator/ (for example `git worktree add DIR <commit>`):
the pipeline as it was, with whatever search step it ran then (Pagefind, before our own
index), so "half of today's cold build" is measured against what today's was, not against
today's code with the old search step bolted on (bench/search_vs_pagefind.py does that).
Each build runs in a fresh process with no cache and no output folder, the trees taking
turns; peak memory is the largest process of the build. The last build's output and cache
are moved aside and deleted only after every run: on ext4 without a journal (this
project's machine) a file made within a minute of many deletions costs the kernel a scan
past every inode just freed, a cost that falls on whichever build writes its files soonest
after one (the faster one), not on the work measured.

The corpus comes from ../shared/bench/make_corpus.py. Figures, not assertions: quote
medians and ratios from one run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from noop_build import REPO, run_build
from search_vs_pagefind import with_search
from shared_corpus import make_corpus_script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="an older code tree (holds generator/)")
    parser.add_argument("--after", type=Path, default=REPO, help="the code tree to measure (default: this checkout)")
    parser.add_argument("--corpus", type=Path, help="an existing corpus to copy instead of generating one")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="blog-cold-"))
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    try:
        corpus = args.corpus
        if corpus is None:
            corpus = work / "corpus"
            command = [sys.executable, str(make_corpus_script()), "--posts", str(args.posts), "--out", str(corpus)]
            subprocess.run(command, check=True)
        sites = {}
        for name in trees:
            site = work / f"site-{name}"
            shutil.copytree(corpus, site, ignore=shutil.ignore_patterns(".cache", "public"))
            with_search(site, True)
            sites[name] = site
        results: dict[str, list[dict]] = {name: [] for name in trees}
        for _ in range(args.runs):
            for name, code in trees.items():
                output = work / f"public-{name}"
                set_aside(sites[name], output, work / "set-aside" / str(len(results[name])) / name)
                results[name].append(run_build(code, sites[name], output))
        posts = sum(1 for _ in (corpus / "content" / "posts").rglob("*.md"))
        print(f"first blog build with search on, {posts} post files, {args.runs} interleaved runs")
        print(f"{'code':<8}{'median s':>10}{'min':>8}{'max':>8}{'peak MB':>10}  tree")
        for name, code in trees.items():
            seconds = [run["seconds"] for run in results[name]]
            peak = max(run["peak_mb"] for run in results[name])
            row = f"{statistics.median(seconds):>10.2f}{min(seconds):>8.2f}{max(seconds):>8.2f}{peak:>10.0f}"
            print(f"{name:<8}{row}  {code}")
        before = statistics.median(run["seconds"] for run in results["before"])
        after = statistics.median(run["seconds"] for run in results["after"])
        print(f"after / before: {after / before:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def set_aside(site: Path, output: Path, place: Path) -> None:
    """reset() without deleting: the last output and cache are moved out of the way."""
    place.mkdir(parents=True)
    for kept in (site / ".cache" / "blog", output):
        if kept.exists():
            kept.rename(place / kept.name)


if __name__ == "__main__":
    main()
