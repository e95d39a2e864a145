#!/usr/bin/env python3
"""Time loading N undated posts in a git repository: git is asked once, not once a post.

    python bench/undated_posts.py --posts 3000 [--commits 300]

Makes a site whose posts have no date, commits them over `--commits` commits (so the log
has history to walk), then times `load_posts` (the loader alone, no rendering) with git
and with git hidden (file times). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from generator.config.settings import SiteConfig
from generator.content import filedates
from generator.content.loader import load_posts


def git(site: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=site, env=env, check=True, capture_output=True)


def make_site(root: Path, posts: int, commits: int) -> Path:
    folder = root / "content" / "posts"
    folder.mkdir(parents=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org"}
    env |= {"GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}
    git(root, "init", "-q", env=env)
    per_commit = max(1, posts // commits)
    for start in range(0, posts, per_commit):
        for n in range(start, min(posts, start + per_commit)):
            section = folder / f"s{n % 20}"
            section.mkdir(exist_ok=True)
            (section / f"笔记-{n}.md").write_text(f"---\ntitle: 笔记 {n}\ntags: [a]\n---\n正文 {n}\n", encoding="utf-8")
        git(root, "add", "-A", env=env)
        git(root, "commit", "-qm", f"posts from {start}", env=env)
    return root


def timed_load(site: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    posts, found = load_posts(SiteConfig(root=site))
    seconds = time.perf_counter() - started
    from_git = sum("(its last git commit)" in d.message for d in found)
    return seconds, len(posts), from_git


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        site = make_site(Path(temp), args.posts, args.commits)
        calls = 0
        real = filedates.git_commit_times

        def counted(root: Path, folder: Path) -> dict[str, int]:
            nonlocal calls
            calls += 1
            return real(root, folder)

        filedates.git_commit_times = counted
        git_started = time.perf_counter()
        commits = real(site, site / "content" / "posts")
        git_seconds = time.perf_counter() - git_started
        seconds, loaded, from_git = timed_load(site)
        print(
            f"{loaded} undated posts in {args.commits} commits: load {seconds:.2f} s with git "
            f"({calls} git call, {from_git} dated by git; the git log alone {git_seconds:.2f} s, {len(commits)} files)"
        )
        filedates.git_commit_times = lambda root, folder: {}
        seconds, loaded, from_git = timed_load(site)
        print(f"{loaded} undated posts without git: load {seconds:.2f} s ({from_git} dated by git)")


if __name__ == "__main__":
    main()
