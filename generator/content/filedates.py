"""A date for a post that has none: from its file name, else its last git commit, else its
modification time.

Jekyll and Hexo name a post `2020-05-05-name.md` (also `2020-5-5-name.md`), and notebook
and Quarto blogs often write `2023-01-13_name.ipynb`: either way the name gives the date and,
without it, the slug (`dated_name`).

Hexo dates an undated post by the file's time; a blog that lives in git has a better
answer, the date its file was last committed (a fresh clone resets every mtime). Git is
asked once for every file (`git log --name-only`), and only when some post needs it, so
a site with thousands of posts pays one process; without git, or outside a repository,
the file's time is used and nothing is said about git.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

GIT_TIMEOUT_SECONDS = 60
_MARK = "\x1e"
_DATED_NAME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[-_](.+)$")


def dated_name(stem: str) -> tuple[str, str] | None:
    """('2023-01-13', 'name') for a file stem that opens with its date, else None."""
    match = _DATED_NAME.match(stem)
    return (match.group(1), match.group(2)) if match else None


def parse_git_log(text: str) -> dict[str, int]:
    """Newest commit time per path from `git log --format=<mark>%ct --name-only` output."""
    newest: dict[str, int] = {}
    when: int | None = None
    for line in text.split("\n"):
        if line.startswith(_MARK):
            stamp = line[1:].strip()
            when = int(stamp) if stamp.isdigit() else None
        elif line and when is not None:
            newest.setdefault(line, when)  # the log runs newest first
    return newest


def git_commit_times(root: Path, folder: Path) -> dict[str, int]:
    """Last commit time of every file under folder, by path relative to root; {} without git."""
    try:
        relative = os.path.relpath(folder, root)
    except ValueError:
        return {}
    command = [
        "git",
        "-c",
        "core.quotepath=off",
        "-C",
        str(root),
        "log",
        f"--format={_MARK}%ct",
        "--name-only",
        "--relative",
        "--no-renames",
        "--",
        relative,
    ]
    import subprocess  # for undated posts only: 2 ms of every start otherwise

    try:
        done = subprocess.run(
            command, capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    return parse_git_log(done.stdout.decode("utf-8", "replace"))


class FallbackDates:
    """Dates for undated posts; git is asked on the first request only."""

    def __init__(self, root: Path, folder: Path, tz: ZoneInfo) -> None:
        self.root = root
        self.folder = folder
        self.tz = tz
        self._commits: dict[str, int] | None = None

    def date_of(self, source: str, mtime_ns: int) -> tuple[datetime, str]:
        """(date, where it came from) for a file named relative to the site root."""
        if self._commits is None:
            self._commits = git_commit_times(self.root, self.folder)
        stamp = self._commits.get(source)
        if stamp is not None:
            return datetime.fromtimestamp(stamp, self.tz), "its last git commit"
        return datetime.fromtimestamp(mtime_ns / 1e9, self.tz), "the file's modification time"
