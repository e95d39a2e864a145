"""`blog deploy`: push the built site to a git branch, as `hexo deploy` (hexo-deployer-git) does.

Hexo keeps a second repository in `.deploy_git/` and force-pushes it, so a fresh clone or a
deleted folder silently drops the branch's history. Here every deploy starts from the branch as
the remote has it: a throwaway bare repository fetches the branch's tip, the built folder is
staged through a separate index (GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE point away from the
user's repository), and the site becomes the branch's next commit, pushed without force. So the
user's working tree, index, branches and refs are never touched, two machines deploying in turn
keep one history, and a push that would overwrite someone else's deploy is rejected by git.
`force_orphan` makes a single parentless commit instead and force-pushes it.

Pushing uses the user's own git: their credential helper, ssh agent and config. No token is read.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.config.deploy import DEFAULT_BRANCH, DeployTarget

# Beside the build cache (.cache/blog, which CI caches) and like it safe to delete: one scratch repository per target.
DEPLOY_CACHE = ".cache/blog-deploy"
GIT_TIMEOUT = 600  # seconds for one git command; a push of a large site over a slow link takes a while
# GitHub Pages runs Jekyll on a branch without it, which drops every file and folder starting with _.
NOJEKYLL = ".nojekyll"
_ISOLATING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE")


class DeployError(Exception):
    """A deploy that cannot go on; the message is one line saying what is wrong and what to do."""


@dataclass(frozen=True, slots=True)
class DeployResult:
    target: DeployTarget
    commit: str | None  # None: the branch already holds exactly this site, nothing was pushed
    files_changed: int
    first: bool  # the branch did not exist before
    replaced: bool = False  # --force-orphan replaced the branch's history with this one commit


def _git_lines(stderr: str) -> str:
    """git's own explanation of a failure, on one line (its hints left out: ours say what to do)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return "; ".join(line for line in lines if not line.startswith("hint:")) or "no message from git"


def git(
    args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run git with a time limit; a missing git binary is a DeployError, not a traceback."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
        )
    except FileNotFoundError:
        raise DeployError("git is not installed (blog deploy pushes with git; install it and try again)") from None
    except subprocess.TimeoutExpired:
        raise DeployError(
            f"git {args[0]} took more than {GIT_TIMEOUT} s and was stopped; nothing more was done"
        ) from None


def _user_env() -> dict[str, str]:
    """The user's environment without anything that would point git at another repository."""
    return {key: value for key, value in os.environ.items() if key not in _ISOLATING}


def source_repository(root: Path) -> Path | None:
    """The top of the git work tree holding the site folder, or None when it is not in one."""
    done = git(["-C", str(root), "rev-parse", "--show-toplevel"], env=_user_env())
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def default_target(root: Path, branch: str | None) -> DeployTarget:
    """With no [deploy] and no --repo: the site repository's `origin`, as `hexo d` users expect of gh-pages."""
    top = source_repository(root)
    if top is None:
        raise DeployError(
            f"{root} is not in a git repository and site.toml has no [deploy] target: "
            'add [deploy] repo = "<git URL>" to site.toml, or run blog deploy --repo <git URL>'
        )
    done = git(["-C", str(top), "remote", "get-url", "origin"], env=_user_env())
    if done.returncode != 0 or not done.stdout.strip():
        raise DeployError(
            f"the repository {top} has no remote 'origin' to deploy to: add one (git remote add origin <URL>), "
            'or name the target: [deploy] repo = "<git URL>" in site.toml, or --repo <git URL>'
        )
    return DeployTarget(repo=done.stdout.strip(), branch=branch or DEFAULT_BRANCH)


def _same_repository(a: str, b: str) -> bool:
    """Two ways of writing one repository's address (a trailing .git or / aside)."""

    def normal(url: str) -> str:
        return url.rstrip("/").removesuffix(".git").rstrip("/")

    return normal(a) == normal(b)


def source_branch_problem(root: Path, target: DeployTarget) -> str | None:
    """Why pushing to `target` would overwrite the branch the site's sources are on, or None.

    `blog deploy --branch main` to the repository the sources live in would make the built site
    the next commit of the sources' own branch: the posts would vanish from the remote's `main`.
    """
    top = source_repository(root)
    if top is None:
        return None
    env = _user_env()
    url = resolve_repo(target.repo, root)
    remotes = git(["-C", str(top), "remote"], env=env).stdout.split()
    for remote in remotes:
        address = git(["-C", str(top), "remote", "get-url", remote], env=env).stdout.strip()
        if not address or not _same_repository(resolve_repo(address, top), url):
            continue
        current = git(["-C", str(top), "symbolic-ref", "--short", "-q", "HEAD"], env=env).stdout.strip()
        tracked = git(
            ["-C", str(top), "for-each-ref", "--format=%(refname:short) %(upstream:short)", "refs/heads"], env=env
        ).stdout.splitlines()
        for entry in tracked:
            local, _, upstream = entry.partition(" ")
            if upstream == f"{remote}/{target.branch}" or (local == target.branch == current and not upstream):
                return (
                    f"{target.repo} {target.branch} is where your sources' branch {local} is pushed; "
                    "deploying there would replace your posts with the built site: "
                    f"use another branch (--branch {DEFAULT_BRANCH}) or another repository"
                )
    return None


def output_problem(root: Path, output: Path) -> str | None:
    """Why building into `output` would change the user's source tree, or None.

    A built site committed on the source branch (or about to be, being neither ignored nor
    committed) would be rewritten by the build that deploy runs, leaving the working tree
    changed; Hexo, Hugo and Jekyll sites all keep their output out of the source branch.
    """
    top = source_repository(root)
    if top is None or not output.resolve().is_relative_to(top.resolve()):
        return None
    relative = output.resolve().relative_to(top.resolve()).as_posix()
    env = _user_env()
    tracked = git(["-C", str(top), "ls-files", "--", relative], env=env).stdout.split("\n")
    tracked = [name for name in tracked if name]
    shown = f"{relative}/"
    if tracked:
        return (
            f"{shown} is committed in the source repository {top} ({len(tracked)} files), so building would change "
            f"your working tree: stop tracking it (git rm -r --cached {relative}) and add /{relative}/ to .gitignore"
        )
    probe = git(["-C", str(top), "check-ignore", "-q", "--no-index", "--", f"{relative}/index.html"], env=env)
    if probe.returncode == 1:
        return (
            f"{shown} is not in .gitignore of the source repository {top}, so the built site would show as "
            f"uncommitted files in your working tree: add /{relative}/ to .gitignore"
        )
    return None


def resolve_repo(repo: str, root: Path) -> str:
    """A path to a repository on this disk, relative to the site folder; a URL as it is."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", repo) or re.match(r"^[^/\\]+@[^/\\:]+:", repo):
        return repo
    if re.match(r"^[A-Za-z][\w.-]*:", repo) and not re.match(r"^[A-Za-z]:[\\/]", repo):
        return repo  # host:path, git's short ssh form
    path = Path(repo).expanduser()
    return str(path if path.is_absolute() else (root / path).resolve())


def _identity_env(root: Path) -> dict[str, str]:
    """The author the user's git would use in the site's repository (its own config, then the global one)."""
    found: dict[str, str] = {}
    for key, names in (
        ("user.name", ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME")),
        ("user.email", ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL")),
    ):
        done = git(["-C", str(root), "config", "--get", key], env=_user_env())
        value = done.stdout.strip() if done.returncode == 0 else ""
        for name in names:
            if value and name not in os.environ:
                found[name] = value
    return found


def explain_push_failure(stderr: str, target: DeployTarget) -> str:
    """What a failed push means for the user and what to do, on one line, from what git printed."""
    shown = target.repo
    # What the remote said and git's one-word reason; not the "To …", "Done" and refs lines around them.
    remote = [line.strip() for line in stderr.splitlines() if line.strip().startswith("remote:")]
    reason = re.search(r"\[(?:remote )?rejected\]\s*\(([^)]*)\)", stderr)
    said = "; ".join(remote + ([reason.group(1)] if reason else [])) or _git_lines(stderr)
    where = f"{shown} {target.branch}"
    if re.search(r"\[remote rejected\]|hook declined|protected branch|denying non-fast-forward", stderr):
        return (
            f"push to {where} was rejected by the remote ({said}): check the branch's protection rules and "
            "your write access; a protected branch that refuses force pushes cannot take --force-orphan"
        )
    if re.search(r"\[rejected\]|non-fast-forward|fetch first|stale info", stderr):
        return (
            f"push to {where} was rejected: the branch changed after blog deploy read it (another deploy?); "
            "run blog deploy again, or replace the branch's history with one commit: blog deploy --force-orphan"
        )
    if re.search(r"Permission denied|Authentication failed|could not read Username|returned error: 40[13]", stderr):
        return (
            f"git could not log in to {shown} ({said}); blog deploy pushes with your own git credentials: "
            f"check that `git push {shown}` works from this machine"
        )
    return f"push to {where} failed: {said}"


def _reach_problem(stderr: str, shown: str) -> str:
    said = _git_lines(stderr)
    if re.search(r"does not appear to be a git repository|not a git repository|Repository not found|not found", stderr):
        return f"{shown} is not a git repository git can reach ({said}); check [deploy] repo or --repo"
    if re.search(r"Permission denied|Authentication failed|could not read Username|returned error: 40[13]", stderr):
        return f"git could not log in to {shown} ({said}); check that `git ls-remote {shown}` works from this machine"
    return f"cannot read {shown} ({said})"


def deploy_folder(
    folder: Path,
    target: DeployTarget,
    *,
    root: Path,
    now: datetime,
    force_orphan: bool = False,
    keep_in: Path | None = None,
) -> DeployResult:
    """Commit `folder` as the next commit of `target`'s branch and push it; the user's repository is not touched.

    `keep_in` (the build cache's folder) keeps the scratch repository and its index between deploys,
    one per target: the next fetch brings only new commits and staging re-reads only files whose
    size or time changed (a deploy of an unchanged 1,000-post site: 2.4 s with a fresh one each time).
    """
    if keep_in is None:
        with tempfile.TemporaryDirectory(prefix="blog-deploy-") as scratch:
            return _deploy(folder, target, Path(scratch), root=root, now=now, force_orphan=force_orphan)
    key = hashlib.blake2b(f"{resolve_repo(target.repo, root)}\0{target.branch}".encode(), digest_size=8)
    place = keep_in / key.hexdigest()
    if (place / "site.git").exists() and git(["rev-parse", "--git-dir"], env=_scratch_env(place)).returncode != 0:
        shutil.rmtree(place, ignore_errors=True)  # a damaged scratch repository is only a cache: start again
    place.mkdir(parents=True, exist_ok=True)
    if (place / "index.lock").exists():
        raise DeployError(
            f"another blog deploy to {target.repo} {target.branch} is running (or one was stopped half-way: "
            f"then delete {place / 'index.lock'})"
        )
    return _deploy(folder, target, place, root=root, now=now, force_orphan=force_orphan)


def _scratch_env(place: Path) -> dict[str, str]:
    env = _user_env() | {"GIT_DIR": str(place / "site.git"), "GIT_INDEX_FILE": str(place / "index")}
    return env | {"GIT_TERMINAL_PROMPT": os.environ.get("GIT_TERMINAL_PROMPT", "0")}


def _deploy(
    folder: Path, target: DeployTarget, place: Path, *, root: Path, now: datetime, force_orphan: bool
) -> DeployResult:
    url = resolve_repo(target.repo, root)
    shown = target.repo
    ref = f"refs/heads/{target.branch}"
    gitdir = place / "site.git"
    env = _scratch_env(place)
    if not gitdir.exists():
        init = git(["init", "--quiet", "--bare", str(gitdir)], env=_user_env())
        if init.returncode != 0:
            raise DeployError(f"cannot make a scratch repository in {place}: {_git_lines(init.stderr)}")
    tip: str | None = None  # the branch's commit as the remote has it now
    heads = git(["ls-remote", "--heads", "--", url, ref], env=env)
    if heads.returncode != 0:
        raise DeployError(_reach_problem(heads.stderr, shown))
    if heads.stdout.strip():
        fetched = git(["fetch", "--quiet", "--no-tags", "--depth=1", "--", url, f"+{ref}:refs/deployed"], env=env)
        if fetched.returncode != 0:
            raise DeployError(_reach_problem(fetched.stderr, shown))
        tip = git(["rev-parse", "--verify", "refs/deployed^{commit}"], env=env).stdout.strip() or None
    parent = None if force_orphan else tip
    work = env | {"GIT_WORK_TREE": str(folder)}
    added = git(["add", "--all", "--force", "."], env=work, cwd=folder)
    if added.returncode != 0:
        raise DeployError(f"cannot stage {folder}: {_git_lines(added.stderr)}")
    if not (folder / NOJEKYLL).exists():
        blob = git(["hash-object", "-w", "--stdin"], env=env, stdin="").stdout.strip()
        git(["update-index", "--add", "--cacheinfo", f"100644,{blob},{NOJEKYLL}"], env=env)
    tree = git(["write-tree"], env=env).stdout.strip()
    if tip and git(["rev-parse", f"{tip}^{{tree}}"], env=env).stdout.strip() == tree:
        # the same site; with --force-orphan, only if the branch is already that one parentless commit
        raw = git(["cat-file", "commit", tip], env=env).stdout  # not rev-list: a shallow fetch hides parents
        parents = [line for line in raw.split("\n\n", 1)[0].splitlines() if line.startswith("parent ")]
        if not force_orphan or not parents:
            return DeployResult(target, None, 0, first=False)
    message = target.message.replace("{date}", now.strftime("%Y-%m-%d %H:%M:%S"))
    commit_args = ["commit-tree", tree, *(["-p", parent] if parent else []), "-F", "-"]
    made = git(commit_args, env=env | _identity_env(root), stdin=message + "\n")
    if made.returncode != 0:
        if "identity" in made.stderr or "tell me who you are" in made.stderr:
            raise DeployError(
                "git does not know who you are, so it cannot make the deploy commit: "
                'git config --global user.name "Your Name" && git config --global user.email you@example.com'
            )
        raise DeployError(f"cannot commit the site: {_git_lines(made.stderr)}")
    commit = made.stdout.strip()
    push = ["push", "--quiet", "--porcelain", *(["--force"] if force_orphan else []), "--", url, f"{commit}:{ref}"]
    pushed = git(push, env=env)
    if pushed.returncode != 0:
        raise DeployError(explain_push_failure(pushed.stderr + pushed.stdout, target))
    if parent:
        diff = git(["diff-tree", "-r", "--name-only", "--no-commit-id", parent, commit], env=env).stdout
    else:
        diff = git(["ls-tree", "-r", "--name-only", commit], env=env).stdout
    changed = sum(1 for line in diff.splitlines() if line)
    return DeployResult(target, commit, changed, first=tip is None, replaced=force_orphan and tip is not None)
