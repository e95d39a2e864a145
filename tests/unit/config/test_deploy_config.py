"""`[deploy]` and `[[deploy]]` in site.toml: the targets, and a message naming the line for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config.deploy import DEFAULT_BRANCH, DEFAULT_MESSAGE, DeployTarget, branch_problem
from generator.config.settings import SiteConfig, parse_config
from generator.errors import BuildError, Diagnostic
from generator.tools.deploy import resolve_repo

ROOT = Path("/site")


def parse(text: str) -> tuple[SiteConfig, list[Diagnostic]]:
    return parse_config(text, ROOT, ROOT / "site.toml")


def errors_of(text: str) -> list[str]:
    with pytest.raises(BuildError) as raised:
        parse(text)
    return [str(d) for d in raised.value.errors]


def test_no_deploy_table_means_no_target() -> None:
    config, found = parse('title = "x"\n')
    assert config.deploy == () and found == []


def test_one_table_with_defaults() -> None:
    config, found = parse('title = "x"\n\n[deploy]\nrepo = "git@github.com:me/me.github.io.git"\n')
    assert found == []
    assert config.deploy == (DeployTarget("git@github.com:me/me.github.io.git", DEFAULT_BRANCH, DEFAULT_MESSAGE),)


def test_several_tables_in_order() -> None:
    text = (
        '[[deploy]]\nrepo = "git@github.com:me/me.github.io.git"\nbranch = "main"\n\n'
        '[[deploy]]\nrepo = "git@gitee.com:me/me.git"\nmessage = "镜像 {date}"\n'
    )
    config, found = parse(text)
    assert found == []
    assert config.deploy == (
        DeployTarget("git@github.com:me/me.github.io.git", "main", DEFAULT_MESSAGE),
        DeployTarget("git@gitee.com:me/me.git", DEFAULT_BRANCH, "镜像 {date}"),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title = "x"\n[deploy]\nbranch = "gh-pages"\n', "site.toml:2: a deploy target has no 'repo'"),
        ("[deploy]\nrepo = 3\n", "site.toml:2: 'deploy.repo' must be a string"),
        ('[deploy]\nrepo = "r"\nbranch = "a b"\n', "site.toml:3: deploy.branch 'a b' is not a branch name git accepts"),
        ('[deploy]\nrepo = "--upload-pack=x"\n', "site.toml:2: deploy.repo '--upload-pack=x' starts with '-'"),
        ('[deploy]\nrepo = "r"\nmessage = " "\n', "site.toml:3: deploy.message ' ' is empty"),
        ("deploy = 3\n", "site.toml:1: 'deploy' has the wrong type (int)"),
        ("deploy = []\n", "site.toml:1: deploy lists no target"),
        (
            '[[deploy]]\nrepo = "a"\n\n[[deploy]]\nrepo = "b"\nbranch = "x..y"\n',
            "site.toml:6: deploy.branch 'x..y' is not a branch name git accepts",
        ),
        ('[[deploy]]\nrepo = "a"\n\n[[deploy]]\nbranch = "p"\n', "site.toml:4: a deploy target has no 'repo'"),
    ],
)
def test_mistakes_name_the_line(text: str, expected: str) -> None:
    found = errors_of(text)
    assert any(line.startswith(expected) for line in found), found


def test_an_unknown_key_and_a_repeated_target_are_warnings_with_lines() -> None:
    text = '[[deploy]]\nrepo = "a"\ntype = "git"\n\n[[deploy]]\nrepo = "a"\n'
    config, found = parse(text)
    assert [str(d) for d in found] == [
        "site.toml:3: unknown key 'deploy.type' is ignored (Hexo's type = 'git' is not needed: every target is git)",
        "site.toml:6: a gh-pages is listed twice (each target once; pushed once)",
    ]
    assert config.deploy == (DeployTarget("a"),)


@pytest.mark.parametrize("branch", ["gh-pages", "main", "site/public", "发布"])
def test_branch_names_git_accepts(branch: str) -> None:
    assert branch_problem(branch) is None


@pytest.mark.parametrize("branch", ["", "a b", "-x", "a..b", "a~1", "a^", "a:b", "x.lock", "/a", "a/", "a@{1}", "@"])
def test_branch_names_git_refuses(branch: str) -> None:
    assert branch_problem(branch) is not None


@pytest.mark.parametrize(
    ("repo", "resolved"),
    [
        ("git@github.com:me/me.github.io.git", "git@github.com:me/me.github.io.git"),
        ("https://gitee.com/me/me.git", "https://gitee.com/me/me.git"),
        ("ssh://git@host:22/me.git", "ssh://git@host:22/me.git"),
        ("host:me.git", "host:me.git"),
        ("../pages.git", "/pages.git"),
        ("/srv/git/pages.git", "/srv/git/pages.git"),
    ],
)
def test_a_repository_path_on_disk_is_relative_to_the_site(repo: str, resolved: str) -> None:
    assert resolve_repo(repo, ROOT) == resolved
