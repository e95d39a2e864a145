"""`blog deploy` with real git: a site in its own repository, bare repositories on disk as the remotes.

No git call is mocked: each test runs the CLI as a user would and then reads what the remote
received with git itself. Every test also checks the promise that matters most to a user: the
source repository (working tree, index, branches, refs) is exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config.deploy import DeployTarget
from generator.tools.deploy import explain_push_failure

REPO = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git")

SITE_TOML = """title = "部署测试"
base_url = "https://me.github.io/"
timezone = "Asia/Shanghai"
"""
POST_A = "---\ntitle: 第一篇\ndate: 2024-01-01\ntags: [部署]\n---\n\n第一篇的正文。\n"
POST_B = "---\ntitle: 第二篇\ndate: 2024-01-02\ntags: [部署]\n---\n\n第二篇的正文，[第一篇](/posts/a/)。\n"


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Site:
    root: Path
    remote: Path
    env: dict[str, str]

    def blog(self, *args: str, cwd: Path | None = None) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=cwd or self.root,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Result(done.returncode, done.stdout, done.stderr)

    def git(self, *args: str, where: Path | None = None) -> str:
        done = subprocess.run(
            ["git", "-C", str(where or self.root), *args], env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def state(self) -> tuple[str, str, str, list[str]]:
        """Everything a deploy must leave alone: status, refs, index and the files outside public/ and .cache/."""
        files = sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*")
            if p.is_file() and p.relative_to(self.root).parts[0] not in ("public", ".cache", ".git")
        )
        return (
            self.git("status", "--porcelain", "--ignored=no"),
            self.git("for-each-ref", "--format=%(refname) %(objectname)"),
            self.git("ls-files", "--stage"),
            files,
        )


def _bare(path: Path, env: dict[str, str]) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", str(path)], env=env, check=True)
    return path


@pytest.fixture
def site(tmp_path: Path) -> Site:
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env |= {"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    env |= {"PYTHONIOENCODING": "utf-8", "GIT_TERMINAL_PROMPT": "0"}
    root = tmp_path / "blog"
    (root / "content" / "posts").mkdir(parents=True)
    (root / "static").mkdir()
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (root / "content" / "posts" / "a.md").write_text(POST_A, encoding="utf-8")
    (root / "content" / "posts" / "b.md").write_text(POST_B, encoding="utf-8")
    (root / "static" / "CNAME").write_text("blog.example.org\n", encoding="utf-8")
    (root / ".gitignore").write_text("/public/\n.cache/\n", encoding="utf-8")
    remote = _bare(tmp_path / "remote.git", env)
    made = Site(root, remote, env)
    made.git("init", "-q", "-b", "main")
    made.git("config", "user.name", "小明")  # only in the site's repository: the deploy commit must use it
    made.git("config", "user.email", "ming@example.org")
    made.git("add", "-A")
    made.git("commit", "-qm", "the blog's sources")
    made.git("remote", "add", "origin", str(remote))
    return made


def _branch_files(site: Site, remote: Path, branch: str = "gh-pages") -> set[str]:
    return set(site.git("ls-tree", "-r", "--name-only", branch, where=remote).splitlines())


def _log(site: Site, remote: Path, branch: str = "gh-pages") -> list[str]:
    return site.git("log", "--format=%H %P|%an|%s", branch, where=remote).splitlines()


def test_deploy_twice_keeps_history_and_the_second_commit_holds_only_what_changed(site: Site) -> None:
    before = site.state()
    first = site.blog("deploy")
    assert first.returncode == 0, first.stderr
    assert f"{site.remote} gh-pages: pushed" in first.stdout and "new branch" in first.stdout
    files = _branch_files(site, site.remote)
    assert {"index.html", "posts/a/index.html", "posts/b/index.html", "CNAME", ".nojekyll"} <= files
    assert site.git("show", "gh-pages:CNAME", where=site.remote) == "blog.example.org"

    post = site.root / "content" / "posts" / "a.md"
    post.write_text(POST_A.replace("第一篇的正文。", "第一篇的正文，改了一句。"), encoding="utf-8")
    second = site.blog("deploy")
    assert second.returncode == 0, second.stderr
    log = _log(site, site.remote)
    assert len(log) == 2
    newest, oldest = (entry.split("|") for entry in log)
    assert newest[0].split()[1] == oldest[0].split()[0], "the second deploy is the branch's next commit"
    assert newest[1] == "小明" and newest[2].startswith("Site updated: 20")
    changed = set(site.git("diff-tree", "-r", "--name-only", "--no-commit-id", "gh-pages", where=site.remote).split())
    assert "posts/a/index.html" in changed
    assert not changed & {"posts/b/index.html", "CNAME", ".nojekyll", "tags/index.html"}
    assert not any(name.startswith(("css/", "js/", "fonts/")) for name in changed), changed
    assert f"({len(changed)} files changed)" in second.stdout

    # the source repository is exactly as it was, except for the ignored output it built
    post.write_text(POST_A, encoding="utf-8")
    assert site.state() == before

    third = site.blog("deploy")  # the edit undone: a third commit, whose tree is the first one's
    assert third.returncode == 0 and "gh-pages: pushed" in third.stdout, third.stderr
    log = _log(site, site.remote)
    assert len(log) == 3
    assert site.git("rev-parse", "gh-pages^{tree}", where=site.remote) == site.git(
        "rev-parse", "gh-pages~2^{tree}", where=site.remote
    )
    fourth = site.blog("deploy")
    assert fourth.returncode == 0 and "already up to date, nothing pushed" in fourth.stdout
    assert _log(site, site.remote) == log


def test_two_targets_from_site_toml_get_the_same_site(site: Site, tmp_path: Path) -> None:
    mirror = _bare(tmp_path / "mirror.git", site.env)
    toml = site.root / "site.toml"
    toml.write_text(
        SITE_TOML
        + f'\n[[deploy]]\nrepo = "{site.remote}"\n\n[[deploy]]\nrepo = "../mirror.git"\nbranch = "pages"\n'
        + 'message = "部署于 {date}"\n',
        encoding="utf-8",
    )
    site.git("commit", "-qam", "two deploy targets")
    done = site.blog("deploy")
    assert done.returncode == 0, done.stderr
    assert "gh-pages: pushed" in done.stdout and "../mirror.git pages: pushed" in done.stdout
    assert site.git("rev-parse", "gh-pages^{tree}", where=site.remote) == site.git(
        "rev-parse", "pages^{tree}", where=mirror
    )
    assert _log(site, mirror, "pages")[0].split("|")[2].startswith("部署于 20")
    assert site.git("branch", "--list", "gh-pages", where=mirror) == ""


def test_a_push_the_remote_refuses_says_so_and_changes_nothing(site: Site) -> None:
    hook = site.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'gh-pages is protected' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    done = site.blog("deploy")
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith("blog deploy:")]
    assert len(lines) == 1 and "was rejected by the remote" in lines[0] and "gh-pages is protected" in lines[0]
    assert "pre-receive hook declined" in lines[0] and "Done" not in lines[0] and "\t" not in lines[0]
    assert "1 of 1 targets failed." in done.stderr
    assert site.git("for-each-ref", where=site.remote) == ""


def test_force_orphan_replaces_history_and_a_remote_that_forbids_it_is_explained(site: Site) -> None:
    assert site.blog("deploy").returncode == 0
    (site.root / "content" / "posts" / "b.md").write_text(POST_B.replace("正文", "新正文"), encoding="utf-8")
    assert site.blog("deploy").returncode == 0
    assert len(_log(site, site.remote)) == 2
    orphan = site.blog("deploy", "--force-orphan")
    assert orphan.returncode == 0, orphan.stderr
    assert "gh-pages: pushed" in orphan.stdout and "(history replaced, " in orphan.stdout
    (only,) = _log(site, site.remote)
    assert only.split("|")[0].split() == [only.split()[0]], "one commit with no parent"

    again = site.blog("deploy", "--force-orphan")
    assert again.returncode == 0 and "already up to date" in again.stdout and _log(site, site.remote) == [only]

    site.git("config", "receive.denyNonFastForwards", "true", where=site.remote)
    (site.root / "content" / "posts" / "b.md").write_text(POST_B.replace("正文", "第三版正文"), encoding="utf-8")
    refused = site.blog("deploy", "--force-orphan")
    assert refused.returncode == 1 and "rejected by the remote" in refused.stderr
    assert "--force-orphan" in refused.stderr
    assert _log(site, site.remote) == [only]


def test_a_branch_that_moved_on_is_a_rejection_with_what_to_do(site: Site, tmp_path: Path) -> None:
    """Real git's words for a non-fast-forward push, as blog deploy explains them."""
    assert site.blog("deploy").returncode == 0
    stale = tmp_path / "stale"
    site.git("clone", "-q", "--branch", "gh-pages", str(site.remote), str(stale), where=tmp_path)
    site.git("config", "user.name", "x", where=stale)
    site.git("config", "user.email", "x@example.org", where=stale)
    site.git("commit", "-q", "--allow-empty", "-m", "someone else", where=stale)
    site.git("push", "-q", "origin", "gh-pages", where=stale)
    site.git("reset", "-q", "--hard", "HEAD~1", where=stale)
    site.git("commit", "-q", "--allow-empty", "-m", "me, late", where=stale)
    push = subprocess.run(
        ["git", "-C", str(stale), "push", "origin", "gh-pages"], env=site.env, capture_output=True, text=True
    )
    assert push.returncode != 0
    said = explain_push_failure(push.stderr, DeployTarget(repo="git@github.com:me/me.github.io.git"))
    assert "changed after blog deploy read it" in said and "blog deploy again" in said and "\n" not in said


def test_a_failing_build_pushes_nothing(site: Site) -> None:
    (site.root / "content" / "posts" / "bad.md").write_text("---\ntitle: [unclosed\n---\n\n正文\n", encoding="utf-8")
    done = site.blog("deploy")
    assert done.returncode == 1
    assert "nothing was pushed" in done.stderr and "content/posts/bad.md" in done.stderr
    assert site.git("for-each-ref", where=site.remote) == ""


def test_broken_links_push_nothing_unless_no_check(site: Site) -> None:
    (site.root / "content" / "posts" / "c.md").write_text(
        "---\ntitle: 第三篇\ndate: 2024-01-03\ntags: [部署]\n---\n\n见[不存在的文章](/posts/missing/)。\n",
        encoding="utf-8",
    )
    done = site.blog("deploy")
    assert done.returncode == 1
    assert "1 broken link; nothing was pushed" in done.stderr and "/posts/missing/" in done.stderr
    assert site.git("for-each-ref", where=site.remote) == ""
    forced = site.blog("deploy", "--no-check")
    assert forced.returncode == 0, forced.stderr
    assert "posts/c/index.html" in _branch_files(site, site.remote)


def test_repo_and_branch_options_and_no_build(site: Site, tmp_path: Path) -> None:
    other = _bare(tmp_path / "other.git", site.env)
    missing = site.blog("deploy", "--no-build", "--repo", str(other))
    assert missing.returncode == 1 and "no built site here" in missing.stderr
    assert site.blog("build").returncode == 0
    (site.root / "public" / "index.html").write_text("<!doctype html><title>手改</title>", encoding="utf-8")
    (site.root / "public" / ".nojekyll").unlink()  # a folder made by hand: deploy adds it, not to public/
    done = site.blog(
        "deploy", "--no-build", "--no-check", "--repo", str(other), "--branch", "site", "-m", "手动 {date}"
    )
    assert done.returncode == 0, done.stderr
    assert "手改" in site.git("show", "site:index.html", where=other)
    assert ".nojekyll" in _branch_files(site, other, "site") and not (site.root / "public" / ".nojekyll").exists()
    assert _log(site, other, "site")[0].split("|")[2].startswith("手动 20")
    assert site.git("for-each-ref", where=site.remote) == "", "--repo replaces the default target"


@pytest.mark.parametrize(
    ("setup", "said"),
    [
        ("no-git", "is not in a git repository and site.toml has no [deploy] target"),
        ("no-remote", "has no remote 'origin' to deploy to"),
        ("public-committed", "public/ is committed in the source repository"),
        ("public-not-ignored", "public/ is not in .gitignore"),
        ("not-a-repo", "is not a git repository git can reach"),
        ("bad-branch", "--branch 'a..b' is not a branch name git accepts"),
        ("source-branch", "is where your sources' branch main is pushed; deploying there would replace your posts"),
    ],
)
def test_one_line_errors_and_nothing_pushed(site: Site, tmp_path: Path, setup: str, said: str) -> None:
    args: list[str] = []
    if setup == "no-git":
        subprocess.run(["rm", "-rf", str(site.root / ".git")], check=True)
    elif setup == "no-remote":
        site.git("remote", "remove", "origin")
    elif setup == "public-committed":
        assert site.blog("build").returncode == 0
        site.git("add", "-f", "public/index.html")
        site.git("commit", "-qm", "oops, the built site")
    elif setup == "public-not-ignored":
        (site.root / ".gitignore").write_text(".cache/\n", encoding="utf-8")
        site.git("commit", "-qam", "no longer ignoring public/")
    elif setup == "not-a-repo":
        (tmp_path / "plain").mkdir()
        args = ["--repo", str(tmp_path / "plain")]
    elif setup == "bad-branch":
        args = ["--branch", "a..b"]
    elif setup == "source-branch":
        site.git("push", "-q", "-u", "origin", "main")
        args = ["--branch", "main"]
    before = site.state() if setup != "no-git" else None
    remote_refs = site.git("for-each-ref", where=site.remote)
    done = site.blog("deploy", *args)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("blog deploy:")]
    assert len(errors) == 1 and said in errors[0], done.stderr
    if before is not None:
        assert site.state() == before
    assert site.git("for-each-ref", where=site.remote) == remote_refs


def test_a_site_outside_git_deploys_to_a_named_repo_with_the_global_identity(site: Site, tmp_path: Path) -> None:
    subprocess.run(["rm", "-rf", str(site.root / ".git")], check=True)
    nobody = site.blog("deploy", "--repo", str(site.remote))
    assert nobody.returncode == 1
    assert "blog deploy: git does not know who you are, so it cannot make the deploy commit" in nobody.stderr
    assert site.git("for-each-ref", where=site.remote) == ""
    site.git("config", "--global", "user.name", "全局", where=tmp_path)
    site.git("config", "--global", "user.email", "global@example.org", where=tmp_path)
    done = site.blog("deploy", "--repo", str(site.remote))
    assert done.returncode == 0, done.stderr
    assert _log(site, site.remote)[0].split("|")[1] == "全局"


def test_a_local_gh_pages_branch_of_an_older_tool_does_not_block_the_deploy(site: Site) -> None:
    """ghp-import and hand-made deploys leave a local gh-pages with no upstream: not the sources' branch."""
    site.git("branch", "gh-pages")
    site.git("push", "-q", "-u", "origin", "main")
    done = site.blog("deploy")
    assert done.returncode == 0, done.stderr
    assert "posts/a/index.html" in _branch_files(site, site.remote)
    assert site.git("rev-parse", "main", where=site.remote) == site.git("rev-parse", "main")
