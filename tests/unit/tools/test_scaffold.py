"""`blog init`'s pure parts: which folders it refuses, the files it fills in, the pin it writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import __version__
from generator.config.settings import load_config
from generator.content.frontmatter import split_front_matter
from generator.tools import scaffold
from generator.tools.scaffold import (
    SiteAnswers,
    answer_problems,
    installed_requirement,
    refusal,
    starter_files,
    write_site,
)

NOW = datetime(2026, 3, 1, 16, 30, tzinfo=UTC)


def test_a_new_or_empty_folder_or_an_empty_repository_is_accepted(tmp_path: Path) -> None:
    assert refusal(tmp_path / "new" / "blog") is None
    assert refusal(tmp_path) is None
    (tmp_path / ".git").mkdir()
    assert refusal(tmp_path) is None


def test_a_folder_with_anything_else_is_refused_naming_what_is_there(tmp_path: Path) -> None:
    for name in ("README.md", "LICENSE", "notes", "x", ".gitignore"):
        (tmp_path / name).write_text("mine", encoding="utf-8")
    reason = refusal(tmp_path)
    assert reason is not None
    assert str(tmp_path) in reason and "not empty" in reason
    assert ".gitignore, LICENSE, README.md and 2 more" in reason
    file = tmp_path / "README.md"
    reason = refusal(file)
    assert reason is not None and "not a folder" in reason


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        (SiteAnswers(title="  "), "--title"),
        (SiteAnswers(base_url="example.com"), "--base-url: 'example.com' is not an absolute URL"),
        (SiteAnswers(base_url="ftp://example.com/"), "--base-url"),
        (SiteAnswers(language="简体中文"), "--language: '简体中文' is not a language tag"),
    ],
)
def test_answers_the_build_would_refuse_are_reported(answers: SiteAnswers, problem: str) -> None:
    problems = answer_problems(answers)
    assert len(problems) == 1 and problems[0].startswith(problem)


def test_the_defaults_are_fine() -> None:
    assert answer_problems(SiteAnswers()) == []
    assert answer_problems(SiteAnswers(language="en", base_url="http://localhost:8000")) == []


def test_site_toml_reads_back_every_answer_even_with_quotes_and_backslashes(tmp_path: Path) -> None:
    answers = SiteAnswers(
        title='模型 "与" 代码\\笔记', author="小明", base_url="https://me.github.io/ml", language="en"
    )
    files = starter_files(answers, "blog-generator==9.9", NOW)
    (tmp_path / "site.toml").write_text(files["site.toml"], encoding="utf-8")
    config, diagnostics = load_config(tmp_path / "site.toml")
    assert diagnostics == []
    assert config.title == '模型 "与" 代码\\笔记'
    assert (config.author, config.base_url, config.language) == ("小明", "https://me.github.io/ml/", "en")
    assert config.timezone == scaffold.TIMEZONE
    assert tomllib.loads(files["site.toml"])["params"] == {}


def test_every_marker_is_filled_in_and_every_file_has_its_place() -> None:
    files = starter_files(SiteAnswers(), "blog-generator==1.2.3", NOW)
    assert set(files) == {destination for _, destination in scaffold.STARTER_FILES}
    for name, text in files.items():
        assert "@@" not in text, name
    assert {"/public/", ".cache/"} <= set(files[".gitignore"].split())
    assert files["requirements.txt"].splitlines()[-1] == "blog-generator==1.2.3"
    assert f"blog init {__version__}" in files[".github/workflows/pages.yml"]
    assert "templates/" in files["README.md"] and "static/" in files["README.md"]


def test_the_first_post_is_dated_now_in_the_site_time_zone_and_shows_the_features() -> None:
    post = starter_files(SiteAnswers(), "x", NOW)["content/posts/hello-world.md"]
    front, problem = split_front_matter(post, "hello-world.md")
    assert problem is None and front is not None
    meta, body = front.data, front.body
    assert meta["date"] == "2026-03-02 00:30"  # 16:30 UTC is 00:30 the next day in Shanghai
    assert meta["title"] and meta["tags"]
    assert "<!--more-->" in body and "```python" in body and "$$" in body and "$p_i$" in body


def test_write_site_never_replaces_a_file(tmp_path: Path) -> None:
    files = starter_files(SiteAnswers(), "x", NOW)
    (tmp_path / "content" / "posts").mkdir(parents=True)
    mine = tmp_path / "content" / "posts" / "hello-world.md"
    mine.write_text("my own post", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_site(tmp_path, files)
    assert mine.read_text(encoding="utf-8") == "my own post"


def test_write_site_makes_the_empty_theme_folders(tmp_path: Path) -> None:
    written = write_site(tmp_path / "blog", starter_files(SiteAnswers(), "x", NOW))
    assert len(written) == len(scaffold.STARTER_FILES)
    assert [p.name for p in (tmp_path / "blog" / "templates").iterdir()] == []
    assert [p.name for p in (tmp_path / "blog" / "static").iterdir()] == []


DEV = "0.3.0.dev0"
COMMIT = "a" * 40


def _no_checkout(folder: Path) -> None:
    raise AssertionError(f"no clone to ask about, yet asked about {folder}")


@pytest.mark.parametrize(
    ("version", "released"),
    [
        ("0.1.0", True),
        ("1.2", True),
        ("1.0rc1", True),
        ("1.0.post2", True),
        ("0.1.0.dev0", False),
        ("1.0+local", False),
    ],
)
def test_a_release_is_a_public_version_without_dev(version: str, released: bool) -> None:
    assert scaffold.is_release(version) is released


@pytest.mark.parametrize(
    "direct_url",
    [None, {"url": "https://github.com/me/blog", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}],
)
def test_a_release_is_pinned_by_version_whatever_the_install(direct_url: dict[str, object] | None) -> None:
    requirement = scaffold.choose_requirement("1.2.0", direct_url, _no_checkout, None)
    assert requirement == scaffold.Requirement("blog-generator==1.2.0", "blog-generator==1.2.0, the release on PyPI")


def test_a_development_version_from_git_is_pinned_to_its_exact_commit() -> None:
    direct = {"url": "https://github.com/me/blog", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    requirement = scaffold.choose_requirement(DEV, direct, _no_checkout, None)
    assert requirement.line == f"blog-generator @ git+https://github.com/me/blog@{COMMIT}"
    assert requirement.warning is None
    assert "development version" in requirement.said and requirement.said.startswith(requirement.line)


def test_a_development_version_from_a_clone_is_pinned_to_its_commit_and_warns_when_it_is_not_pushed() -> None:
    direct = {"url": "file:///home/me/generator", "dir_info": {"editable": True}}
    asked: list[Path] = []

    def checkout(pushed: bool):
        def answer(folder: Path) -> tuple[str, str, bool]:
            asked.append(folder)
            return "git@github.com:me/generator.git", COMMIT, pushed

        return answer

    pushed = scaffold.choose_requirement(DEV, direct, checkout(True), None)
    assert pushed.line == f"blog-generator @ git+https://github.com/me/generator.git@{COMMIT}"
    assert pushed.warning is None and asked == [Path("/home/me/generator")]
    local = scaffold.choose_requirement(DEV, direct, checkout(False), None)
    assert local.line == pushed.line and "push it" in (local.warning or "")


@pytest.mark.parametrize(
    "direct_url",
    [
        None,
        {"url": "file:///tmp/dist/blog_generator-0.3.0.dev0-py3-none-any.whl", "archive_info": {}},
        {"url": "file:///home/me/generator", "dir_info": {}},  # a clone with a remote on this disk only
    ],
)
def test_a_development_version_of_unknown_commit_falls_back_to_the_repository_and_says_so(
    direct_url: dict[str, object] | None,
) -> None:
    source = "https://github.com/owner/generator"
    requirement = scaffold.choose_requirement(
        DEV, direct_url, lambda folder: ("/srv/git/gen.git", COMMIT, True), source
    )
    assert requirement.line == f"blog-generator @ git+{source}"
    assert "newest commit" in (requirement.warning or "")
    bare = scaffold.choose_requirement(DEV, direct_url, lambda folder: None, None)
    assert bare.line == f"blog-generator=={DEV}" and "cannot install" in (bare.warning or "")


def test_any_repository_pyproject_names_is_one_a_runner_can_clone() -> None:
    """A Source URL in [project.urls] (read by `_source_url`) must be a public git URL, never a local path."""
    project = tomllib.loads((Path(__file__).resolve().parents[3] / "pyproject.toml").read_text(encoding="utf-8"))
    source = project["project"].get("urls", {}).get("Source")
    assert source is None or scaffold.public_git_url(source) is not None


class _Distribution:
    def __init__(self, direct_url: dict[str, object] | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return None if self.direct_url is None else json.dumps(self.direct_url)


@pytest.mark.parametrize(
    ("remote", "public"),
    [
        ("https://github.com/me/blog.git", "https://github.com/me/blog.git"),
        ("git@github.com:me/blog.git", "https://github.com/me/blog.git"),
        ("ssh://git@gitee.com/me/blog.git", "https://gitee.com/me/blog.git"),
        ("/home/me/blog.git", None),
        ("file:///home/me/blog.git", None),
        ("C:/Users/me/blog", None),
    ],
)
def test_a_remote_becomes_a_url_a_ci_runner_can_clone(remote: str, public: str | None) -> None:
    assert scaffold.public_git_url(remote) == public


def _git(folder: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ.get("PATH", ""), "HOME": str(folder)}
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_clone_installed_with_pip_install_dot_is_pinned_to_its_pushed_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    origin, clone = tmp_path / "origin.git", tmp_path / "clone"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
    (clone / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-qm", "one")
    url = {"url": clone.as_uri(), "dir_info": {"editable": True}}
    monkeypatch.setattr(scaffold.metadata, "distribution", lambda name: _Distribution(url))

    monkeypatch.setattr(scaffold, "__version__", DEV)
    assert installed_requirement().warning, "a commit that was never pushed cannot be installed on GitHub"
    _git(clone, "push", "-q", "origin", "HEAD")
    assert installed_requirement().warning, "a remote on this disk cannot be reached from GitHub either"
    _git(clone, "remote", "set-url", "origin", "git@github.com:me/blog.git")
    commit = _git(clone, "rev-parse", "HEAD")
    requirement = installed_requirement()
    assert requirement.line == f"blog-generator @ git+https://github.com/me/blog.git@{commit}"
    assert requirement.warning is None
