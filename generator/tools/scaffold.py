"""`blog init`: a new blog folder that builds, checks, serves and publishes as it is.

Hexo's early `hexo init` wiped a folder's `.git` when run in a non-empty folder; Hugo
asks for `--force`. Here a folder that holds anything but an empty repository's `.git`
is refused, and every file is created with exclusive mode, so nothing that exists is
ever overwritten, not even by a race. The starter files ship as package data
(generator/starter/); filling them in is pure (`starter_files`), only `write_site`
touches the disk.

The Pages workflow installs the generator from the site's requirements.txt, pinned to
the version that wrote it. A release version (no `.devN`: between releases the version
carries one) is on PyPI, so it is pinned as `blog-generator==<version>`. Any other is a
commit of the repository: the git URL of that exact commit, known when this copy was
installed from git (pip records it, PEP 610) or from a clone. `blog init` prints which
it wrote, and why, so nobody has to guess whether GitHub can install it.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname
from zoneinfo import ZoneInfo

from generator import __version__

STARTER_DIR = Path(__file__).resolve().parents[1] / "starter"
DISTRIBUTION = "blog-generator"
# starter file -> where it goes in the new site
STARTER_FILES: tuple[tuple[str, str], ...] = (
    ("site.toml", "site.toml"),
    ("first-post.md", "content/posts/hello-world.md"),
    ("README.md", "README.md"),
    ("requirements.txt", "requirements.txt"),
    ("gitignore", ".gitignore"),
    ("pages.yml", ".github/workflows/pages.yml"),
)
EMPTY_DIRS = ("templates", "static")
TIMEZONE = "Asia/Shanghai"  # written into site.toml; the first post's date is in it
# What an empty, freshly cloned or `git init`-ed repository holds; blog init may add to it.
ALLOWED_IN_TARGET = frozenset({".git"})
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_MARKER = re.compile(r"@@([a-z_]+)@@")
_RELEASE_VERSION = re.compile(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?")
_SCP_REMOTE = re.compile(r"[\w.-]+@([\w.-]+):(?!/)(.+)")  # user@host:path, git's short ssh form


@dataclass(frozen=True, slots=True)
class SiteAnswers:
    """What `blog init` asks (or takes from flags)."""

    title: str = "我的博客"
    author: str = ""
    base_url: str = "https://example.com/"
    language: str = "zh-CN"


@dataclass(frozen=True, slots=True)
class Requirement:
    """The requirements.txt line that installs this generator, and what `blog init` says about it."""

    line: str
    said: str  # which pin this is and why, shown to the user
    warning: str | None = None  # set when GitHub may not be able to install it yet, and what to do


def answer_problem(field: str, value: str) -> str | None:
    """What is wrong with one answer, as 'what is wrong (expected)', or None; the build would refuse it."""
    if field == "title" and not value.strip():
        return "the title is empty (expected the blog's name, e.g. 模型与代码)"
    if field == "base_url":
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return f"'{value}' is not an absolute URL (expected e.g. https://user.github.io/repo/)"
    if field == "language" and not _LANGUAGE_TAG.fullmatch(value):
        return f"'{value}' is not a language tag (expected e.g. zh-CN or en)"
    return None


def answer_problems(answers: SiteAnswers) -> list[str]:
    """Every answer the build would refuse, as '--option: what is wrong (expected)'."""
    problems = ((name, answer_problem(name, getattr(answers, name))) for name in SiteAnswers.__slots__)
    return [f"--{name.replace('_', '-')}: {problem}" for name, problem in problems if problem]


def refusal(target: Path) -> str | None:
    """Why blog init must not write into `target`, or None when it may."""
    if target.exists() and not target.is_dir():
        return f"{target} exists and is not a folder; choose a new folder name"
    if not target.is_dir():
        return None
    try:
        found = sorted(entry.name for entry in target.iterdir() if entry.name not in ALLOWED_IN_TARGET)
    except OSError as exc:
        return f"{target}: cannot read the folder ({exc.strerror or exc})"
    if not found:
        return None
    shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return (
        f"{target} is not empty (it holds {shown}); blog init only writes into a new or empty folder "
        "and never overwrites a file: choose a new folder name, e.g. `blog init myblog`"
    )


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes (\\", \\\\, \\n, \\uXXXX) are all valid TOML ones."""
    return json.dumps(value, ensure_ascii=False)


def public_git_url(remote: str) -> str | None:
    """The https form of a git remote, which a CI runner can clone without keys; None for a local one."""
    scp = _SCP_REMOTE.fullmatch(remote)
    if scp:  # git@github.com:owner/repo.git
        return f"https://{scp.group(1)}/{scp.group(2)}"
    parts = urlsplit(remote)
    if parts.scheme in ("https", "http") and parts.hostname:
        return remote
    if parts.scheme in ("ssh", "git") and parts.hostname:
        return f"https://{parts.hostname}{parts.path}"
    return None


def is_release(version: str) -> bool:
    """A version published on PyPI: a public PEP 440 version without a .devN or +local part."""
    return _RELEASE_VERSION.fullmatch(version) is not None


def _source_url() -> str | None:
    """The generator's repository, as its package metadata names it (pyproject's [project.urls] Source)."""
    try:
        urls = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("source", "repository"):
            return url.strip()
    return None


def choose_requirement(
    version: str,
    direct_url: dict[str, object] | None,
    checkout: Callable[[Path], tuple[str, str, bool] | None],
    source_url: str | None,
) -> Requirement:
    """The pin for a generator of `version`, installed as pip's direct_url.json says; pure but for `checkout`.

    `checkout(folder)` gives (remote URL, commit, whether the commit is on the remote) for a clone.
    """
    if is_release(version):
        pinned = f"{DISTRIBUTION}=={version}"
        return Requirement(pinned, f"{pinned}, the release on PyPI")
    url = str((direct_url or {}).get("url", ""))
    vcs = (direct_url or {}).get("vcs_info") or {}
    found: tuple[str, str, bool] | None = None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        found = (url, str(vcs["commit_id"]), True)  # pip install "blog-generator @ git+…"
    elif url.startswith("file://") and "dir_info" in (direct_url or {}):
        found = checkout(Path(url2pathname(urlsplit(url).path)))  # pip install [-e] . in a clone
    why = f"{version} is a development version, not on PyPI"
    if found:
        remote, commit, pushed = found
        public = public_git_url(remote)
        if public:
            line = f"{DISTRIBUTION} @ git+{public}@{commit}"
            said = f"{line} ({why}: the exact commit this generator runs)"
            if pushed:
                return Requirement(line, said)
            return Requirement(
                line, said, f"commit {commit[:12]} is not on {public} yet: push it before the blog's workflow runs"
            )
    if source_url and public_git_url(source_url):
        line = f"{DISTRIBUTION} @ git+{public_git_url(source_url)}"
        where = url or "a copy pip did not record"
        return Requirement(
            line,
            f"{line} ({why}, and this copy, installed from {where}, does not say which commit it was built from: "
            "the repository's newest commit)",
            f"the blog's workflow will install the newest commit of {public_git_url(source_url)}, "
            f"which may differ from {version}",
        )
    pinned = f"{DISTRIBUTION}=={version}"
    return Requirement(
        pinned,
        f"{pinned} ({why})",
        f"{why} and no repository is known to install it from: GitHub Actions cannot install {pinned}",
    )


def _checkout_commit(folder: Path) -> tuple[str, str, bool] | None:
    """(origin's URL, HEAD's commit, whether a remote branch holds it) of a git checkout; None if not one."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit, remote = git("rev-parse", "HEAD"), git("remote", "get-url", "origin")
    if commit and remote:
        return remote, commit, bool(git("branch", "--remotes", "--contains", commit))
    return None


def installed_requirement() -> Requirement:
    """How GitHub Actions can install the generator that is running now, pinned to this exact version."""
    try:
        raw = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        raw = None
    try:
        direct = json.loads(raw) if raw else None
    except ValueError:
        direct = None
    return choose_requirement(
        __version__, direct if isinstance(direct, dict) else None, _checkout_commit, _source_url()
    )


def starter_files(answers: SiteAnswers, requirement: str, now: datetime) -> dict[str, str]:
    """Every file of the new site (relative path -> text), filled in; pure. `now` must be time-zone aware."""
    base_url = answers.base_url if answers.base_url.endswith("/") else answers.base_url + "/"
    values = {
        "title": toml_string(answers.title.strip()),
        "title_comment": " ".join(answers.title.split()),
        "author": toml_string(answers.author.strip()),
        "base_url": toml_string(base_url),
        "language": toml_string(answers.language),
        "version": __version__,
        "requirement": requirement,
        "timezone": toml_string(TIMEZONE),
        "date": now.astimezone(ZoneInfo(TIMEZONE)).strftime("%Y-%m-%d %H:%M"),
    }
    files: dict[str, str] = {}
    for source, destination in STARTER_FILES:
        text = (STARTER_DIR / source).read_text(encoding="utf-8")
        files[destination] = _MARKER.sub(lambda match: values[match.group(1)], text)
    return files


def write_site(target: Path, files: dict[str, str]) -> list[Path]:
    """Create the folders and files; exclusive mode, so an existing file is never replaced."""
    written: list[Path] = []
    target.mkdir(parents=True, exist_ok=True)
    for name in EMPTY_DIRS:
        (target / name).mkdir(exist_ok=True)
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written
