"""`[deploy]` in site.toml: where `blog deploy` pushes the built site, checked before anything is built.

Hexo users write `deploy:` with a repo, a branch and a message, or several repos at once (a GitHub
Pages branch and a Gitee mirror). Here one target is a `[deploy]` table and several are
`[[deploy]]` tables. Each is validated once, with the line of the key that is wrong, so a typo in a
branch name is a build-time error and not a push to the wrong place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.errors import Diagnostic, error, warning
from generator.patterns import lazy_pattern

DEFAULT_BRANCH = "gh-pages"
DEFAULT_MESSAGE = "Site updated: {date}"
KEYS = ("repo", "branch", "message")
_EXPECTED = {
    "repo": 'the git repository to push to, e.g. repo = "git@github.com:me/me.github.io.git"',
    "branch": 'a git branch name, e.g. branch = "gh-pages"',
    "message": 'the commit message, {date} standing for the time, e.g. message = "Site updated: {date}"',
}
# What git refuses in a branch name (git check-ref-format), and what would read as an option.
_BAD_BRANCH = lazy_pattern(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//|^[-/.]|[/.]$|\.lock$|/\.")


@dataclass(frozen=True, slots=True)
class DeployTarget:
    """One place the built site is pushed to: a repository's branch, with the commit message to use."""

    repo: str
    branch: str = DEFAULT_BRANCH
    message: str = DEFAULT_MESSAGE


def branch_problem(branch: str) -> str | None:
    """Why git would refuse `branch` as a branch name, or None."""
    if not branch.strip():
        return "is empty"
    if _BAD_BRANCH.search(branch) or branch == "@":
        return "is not a branch name git accepts"
    return None


def repo_problem(repo: str) -> str | None:
    """Why `repo` cannot be a push destination, or None."""
    if not repo.strip():
        return "is empty"
    if repo.startswith("-"):
        return "starts with '-', which git would read as an option"
    if any(ch in repo for ch in "\n\r\x00"):
        return "holds a line break"
    return None


def _table_lines(text: str, index: int | None) -> Callable[[str], int | None]:
    """Where a key of the `index`-th `[[deploy]]` table (or of the one `[deploy]` table) is written."""
    header = r"\[\[[ \t]*deploy[ \t]*\]\]" if index is not None else r"\[[ \t]*deploy[ \t]*\]"
    headers = list(re.finditer(rf"^[ \t]*{header}[ \t]*(?:#.*)?$", text, re.MULTILINE))
    inline = re.search(r"^[ \t]*deploy[ \t]*=", text, re.MULTILINE)
    chosen = headers[index or 0] if len(headers) > (index or 0) else None
    if chosen is None:  # deploy = { … } or deploy = [ … ] written inline: point at that line
        line = text.count("\n", 0, inline.start()) + 1 if inline else None
        return lambda key: line
    following = re.compile(r"^[ \t]*\[", re.MULTILINE).search(text, chosen.end())
    start, end = chosen.start(), following.start() if following else len(text)
    own = text.count("\n", 0, start) + 1

    def line_of(key: str) -> int | None:
        match = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE).search(text, start, end)
        return text.count("\n", 0, match.start()) + 1 if match else own

    return line_of


def _check_target(
    table: Any, path: str, line_of: Callable[[str], int | None], found: list[Diagnostic]
) -> DeployTarget | None:
    where = line_of("deploy")
    if not isinstance(table, dict):
        found.append(error(path, where, "a deploy target must be a table", "[deploy] with repo = ..., or [[deploy]]"))
        return None
    values: dict[str, str] = {}
    for key, value in table.items():
        if key not in KEYS:
            hint = "Hexo's type = 'git' is not needed: every target is git" if key == "type" else None
            found.append(
                warning(path, line_of(key), f"unknown key 'deploy.{key}' is ignored", hint or "repo, branch or message")
            )
            continue
        if not isinstance(value, str):
            found.append(error(path, line_of(key), f"'deploy.{key}' must be a string", _EXPECTED[key]))
            continue
        problem = {"repo": repo_problem, "branch": branch_problem}.get(key, lambda _: None)(value)
        if key == "message" and not value.strip():
            problem = "is empty"
        if problem:
            found.append(error(path, line_of(key), f"deploy.{key} '{value}' {problem}", _EXPECTED[key]))
            continue
        values[key] = value.strip()
    if "repo" not in table:
        found.append(error(path, where, "a deploy target has no 'repo'", _EXPECTED["repo"]))
        return None
    if "repo" not in values:
        return None
    return DeployTarget(**values)


def check_deploy(value: Any, path: str, text: str) -> tuple[tuple[DeployTarget, ...], list[Diagnostic]]:
    """The targets of `[deploy]` (one table) or `[[deploy]]` (several), in order, and every problem found."""
    found: list[Diagnostic] = []
    if isinstance(value, dict):
        target = _check_target(value, path, _table_lines(text, None), found)
        targets = [target]
    elif isinstance(value, list):
        if not value:
            found.append(error(path, _table_lines(text, None)("deploy"), "deploy lists no target", _EXPECTED["repo"]))
        targets = [_check_target(item, path, _table_lines(text, i), found) for i, item in enumerate(value)]
    else:
        found.append(
            error(path, _table_lines(text, None)("deploy"), "'deploy' must be a table", "[deploy] or [[deploy]]")
        )
        targets = []
    unique: dict[tuple[str, str], DeployTarget] = {}
    for index, target in enumerate(targets):
        if target is None:
            continue
        if (target.repo, target.branch) in unique:
            line = _table_lines(text, index)("repo")
            found.append(
                warning(path, line, f"{target.repo} {target.branch} is listed twice", "each target once; pushed once")
            )
            continue
        unique[(target.repo, target.branch)] = target
    return tuple(unique.values()), found
