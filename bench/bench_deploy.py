#!/usr/bin/env python3
"""Time `blog deploy` to a local bare repository on a generated corpus; print seconds and commit sizes.

    python bench/bench_deploy.py --posts 1000 [--keep DIR]

Steps (each a fresh process, as a user runs them; the remote is a bare repository on this disk,
so the figures are git's own work without a network):
  first         --no-build, the branch does not exist yet: every file is staged and pushed
  unchanged     --no-build again: the fetch of the tip and the staging, nothing pushed
  one-edit      one post's body edited, then `blog deploy --no-check` (build and push the next commit)
  one-edit-push the same edit again but with --no-build --no-check after a `blog build`: the git part alone

The corpus comes from ../shared/bench/make_corpus.py, as for bench_build.py.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from shared_corpus import make_corpus_script

REPO = Path(__file__).resolve().parents[1]
MAKE_CORPUS = make_corpus_script()


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    return elapsed, done.stdout


def changed_files(said: str) -> str:
    found = re.findall(r"pushed \w+ \((?:new branch, )?(\d+) files? changed\)", said)
    return found[0] if found else ("nothing pushed" if "already up to date" in said else "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and leave it")
    args = parser.parse_args()
    if not MAKE_CORPUS.exists():
        sys.exit(f"corpus generator not found at {MAKE_CORPUS}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-deploy-"))
    site, remote = work / "site", work / "remote.git"
    subprocess.run(
        [sys.executable, str(MAKE_CORPUS), "--posts", str(args.posts), "--out", str(site), "--force"], check=True
    )
    env = dict(os.environ, PYTHONPATH=str(REPO), GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org")
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    (site / ".gitignore").write_text("/public/\n.cache/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "corpus"]):
        subprocess.run(["git", *command], cwd=site, env=env, check=True)
    blog = [sys.executable, "-m", "generator"]
    target = ["--repo", str(remote)]
    built, _ = run([*blog, "build", "-q"], site, env)
    print(f"posts {args.posts}; first build {built:.2f} s")
    files = sum(1 for p in (site / "public").rglob("*") if p.is_file())
    megabytes = sum(p.stat().st_size for p in (site / "public").rglob("*") if p.is_file()) / 1e6
    print(f"site: {files} files, {megabytes:.1f} MB")

    rows = []
    seconds, said = run([*blog, "deploy", "--no-build", "--no-check", *target], site, env)
    rows.append(("first (new branch)", seconds, changed_files(said)))
    seconds, said = run([*blog, "deploy", "--no-build", "--no-check", *target], site, env)
    rows.append(("unchanged", seconds, changed_files(said)))
    post = sorted((site / "content" / "posts").rglob("*.md"))[
        len(sorted((site / "content" / "posts").rglob("*.md"))) // 2
    ]
    post.write_text(post.read_text(encoding="utf-8") + "\n\n补充一段说明文字。\n", encoding="utf-8")
    # --no-check: the corpus links to pages of base_url that it does not make (blog check finds ~1.7 per post)
    seconds, said = run([*blog, "deploy", "--no-check", *target], site, env)
    rows.append(("one-edit: build + push", seconds, changed_files(said)))
    post.write_text(post.read_text(encoding="utf-8") + "\n\n再补充一段。\n", encoding="utf-8")
    run([*blog, "build", "-q"], site, env)
    seconds, said = run([*blog, "deploy", "--no-build", "--no-check", *target], site, env)
    rows.append(("one-edit: push alone", seconds, changed_files(said)))
    for name, seconds, changed in rows:
        print(f"  {name:32s} {seconds:6.2f} s   files in the commit: {changed}")
    if args.keep is None:
        subprocess.run(["rm", "-rf", str(work)], check=True)


if __name__ == "__main__":
    main()
