#!/usr/bin/env python3
"""Our search against Pagefind: what a reader gets and pays, and what a build costs.

    python bench/search_vs_pagefind.py answers [--posts 1000] [--site NAME=FOLDER ...] [--work DIR]
    python bench/search_vs_pagefind.py --posts 10000 [--runs 3] [--keep DIR]

`answers`: the bench corpus (--posts) and each --site (a blog folder with site.toml, such as a
real public blog's posts copied under /tmp by hand, never into this repository) are built
with search on; Pagefind indexes the same post pages; both are driven in headless Chromium
over a host that does not compress (bench/search_answers.py), over QUERIES (48 Chinese,
English and mixed). Per query: results, recall of the posts that contain the query, the
share of the top ten whose title holds it; per engine: index size and files, requests and
bytes (raw and gzipped) of a first query in a fresh browser and of a second on the same page,
and the time from Enter to the last result drawn.

Without `answers`, the build cost:

Per run, interleaved, each command in a fresh process as a user runs it:
  blog                 `blog build` with search on (our block index)
  blog + Pagefind      `blog build` with search off, then the Pagefind CLI over the whole
                       output (what every build with search on did before, unless no page
                       changed): the sum of both. The blog part is today's code, so this
                       column is faster than the old pipeline was, not slower.
Cases: cold (no cache, no output), one post's body edited, nothing changed. Peak memory
is the largest process of the case. Pagefind is not a dependency any more: the second
column needs `pip install 'pagefind[extended]'` and is left out without it.

The corpus comes from ../shared/bench/make_corpus.py. Figures, not assertions: quote
medians and ratios from one run.
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

from bench_build import MEASURE, edit_body, make_corpus, reset, timed


def pagefind_binary() -> str | None:
    for module in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return str(__import__(module).get_executable())
        except (ImportError, FileNotFoundError, OSError):
            continue
    return None


def pagefind(binary: str, output: Path) -> dict:
    """The old index step: the whole site, every time (the flags blog used to pass)."""
    target = output.parent / "pagefind-out"
    shutil.rmtree(target, ignore_errors=True)
    command = [sys.executable, "-c", MEASURE, binary, "--site", str(output), "--output-path", str(target), "--silent"]
    command += ["--exclude-selectors", ".heading-anchor", "--exclude-selectors", ".footnote-backref"]
    result = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    if result["code"] != 0:
        sys.exit(f"pagefind failed:\n{result['err']}")
    return result


def combined(first: dict, second: dict) -> dict:
    return {"seconds": first["seconds"] + second["seconds"], "peak_mb": max(first["peak_mb"], second["peak_mb"])}


def with_search(site: Path, on: bool) -> None:
    config = site / "site.toml"
    text = config.read_text(encoding="utf-8").replace("search = true", "search = false")
    config.write_text(text.replace("search = false", f"search = {str(on).lower()}"), encoding="utf-8")


def answers(argv: list[str]) -> None:
    from search_answers import QUERIES, compare

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000, help="bench corpus size; 0 leaves it out")
    parser.add_argument("--site", action="append", default=[], help="NAME=FOLDER of a blog with site.toml")
    parser.add_argument("--work", type=Path, help="where to build (kept); a temporary folder otherwise")
    args = parser.parse_args(argv)
    binary = pagefind_binary()
    if binary is None:
        sys.exit("Pagefind is not installed: pip install 'pagefind[extended]'")
    work = args.work or Path(tempfile.mkdtemp(prefix="blog-bench-answers-"))
    sites: list[tuple[str, Path]] = []
    if args.posts:
        corpus = work / f"corpus-{args.posts}"
        if not (corpus / "content").is_dir():
            make_corpus(args.posts, corpus)
        sites.append((f"bench corpus ({args.posts})", corpus))
    for entry in args.site:
        name, _, folder = entry.partition("=")
        sites.append((name, Path(folder)))
    for number, (name, site) in enumerate(sites):
        with_search(site, True)
        public = work / f"public-{number}"
        shutil.rmtree(public, ignore_errors=True)
        command = [sys.executable, "-m", "generator", "build", "-q", "--no-cache", "-s", str(site), "-o", str(public)]
        subprocess.run(command, check=True, capture_output=True)
        compare(name, public, binary, QUERIES)


def main() -> None:
    if sys.argv[1:2] == ["answers"]:
        answers(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="corpus folder to create or reuse")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="blog-bench-search-"))
    site = args.keep or work / "site"
    if not (site / "content").is_dir():
        make_corpus(args.posts, site)
    ours, old = work / "ours", work / "old"
    shutil.copytree(site, ours, ignore=shutil.ignore_patterns(".cache"))
    shutil.copytree(site, old, ignore=shutil.ignore_patterns(".cache"))
    with_search(ours, True)
    with_search(old, False)
    binary = pagefind_binary()
    posts = {root: sorted((root / "content" / "posts").rglob("*.md")) for root in (ours, old)}
    results: dict[tuple[str, str], list[dict]] = {}

    def record(case: str, who: str, result: dict) -> None:
        results.setdefault((case, who), []).append(result)

    try:
        for run in range(args.runs):
            for who, root in (("blog", ours), ("blog + Pagefind", old)):
                if who != "blog" and binary is None:
                    continue
                output = root / "public"
                target = posts[root][len(posts[root]) // 2]

                def build(pages_changed: bool = True) -> dict:
                    result = timed(root, output)  # noqa: B023 (called right here, in this iteration)
                    if who == "blog" or not pages_changed:  # noqa: B023
                        return result  # the old build skipped Pagefind when no page had changed
                    return combined(result, pagefind(binary, output))  # noqa: B023

                reset(root, output)
                record("cold", who, build())
                edit_body(target, run)
                record("one post edited", who, build())
                record("nothing changed", who, build(pages_changed=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    count = len(posts[ours])
    print(
        f"blog build with search on, {count} posts, {args.runs} runs (median seconds, peak MB of the largest process)"
    )
    print(f"{'case':<18}{'blog':>10}{'peak':>8}{'blog + Pagefind':>18}{'peak':>8}{'ratio':>8}")
    for case in ("cold", "one post edited", "nothing changed"):
        ours_runs = results[(case, "blog")]
        line = f"{case:<18}{statistics.median(r['seconds'] for r in ours_runs):>10.2f}"
        line += f"{max(r['peak_mb'] for r in ours_runs):>8.0f}"
        old_runs = results.get((case, "blog + Pagefind"))
        if old_runs:
            old_median = statistics.median(r["seconds"] for r in old_runs)
            line += f"{old_median:>18.2f}{max(r['peak_mb'] for r in old_runs):>8.0f}"
            line += f"{old_median / statistics.median(r['seconds'] for r in ours_runs):>7.1f}x"
        print(line)
    if binary is None:
        print("Pagefind is not installed: pip install 'pagefind[extended]' to add the old pipeline's column")


if __name__ == "__main__":
    main()
