"""`blog build` and `python -m generator build` as a user runs them: options, warnings, rebuilds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

OPTIONS = {
    "--source": "-s",
    "--output": "-o",
    "--config": "-c",
    "--drafts": "-D",
    "--future": "-F",
    "--base-url": "-b",
}
SUMMARY = re.compile(r"Built (\d+) posts?, (\d+) pages?, (\d+) tags?, (\d+) static files? into (.+) in [\d.]+ m?s")


def summary(stdout: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def root_links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/[^"]*)"', html)


@pytest.mark.parametrize("blog", [False, True], ids=["python-m-generator", "blog-script"])
def test_build_with_defaults(copy_site: Callable[[str], Path], cli: Callable[..., Any], blog: bool) -> None:
    site = copy_site("basic")
    result = cli("build", cwd=site, blog=blog)
    assert result.returncode == 0, result.stderr
    posts, _, tags = summary(result.stdout)
    assert (posts, tags) == (12, 8)
    assert (site / "public" / "index.html").is_file()
    assert (site / "public" / "posts" / "hello" / "index.html").is_file()
    assert (site / "public" / "posts" / "感受野" / "index.html").is_file()


def test_no_cache_build_removes_its_scratch_folder(copy_site: Callable[[str], Path], tmp_path: Path) -> None:
    """A cached build ends its process without freeing the site; --no-cache must still exit the
    usual way, which removes the temporary folder it kept derived files in."""
    site = copy_site("basic")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch), PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "generator", "build", "--no-cache"]
    done = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert summary(done.stdout)[0] == 12
    assert list(scratch.iterdir()) == []
    cached = subprocess.run(
        command[:-1], cwd=site, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert cached.returncode == 0, cached.stderr
    assert summary(cached.stdout)[0] == 12 and "Traceback" not in cached.stderr
    assert (site / ".cache" / "blog").is_dir()


def test_warnings_are_listed_and_do_not_stop_the_build(
    copy_site: Callable[[str], Path], cli: Callable[..., Any]
) -> None:
    site = copy_site("basic")
    (site / "content" / "posts" / "typo.md").write_text(
        "---\ntilte: 拼错的键\ndate: 2025-03-03\ntags: [写作]\n---\n# 标题\n\n正文\n", encoding="utf-8"
    )
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert summary(result.stdout)[0] == 13
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert re.search(r"^\d+ warnings?:$", result.stderr, re.MULTILINE)
    assert "content/posts/notags.md:1: post has no tags (tags: [...] to list it under a tag)" in lines
    assert "content/posts/typo.md:2: unknown front-matter key 'tilte' (did you mean 'title'?)" in lines
    assert (site / "public" / "posts" / "typo" / "index.html").is_file()


def test_formula_warning_names_file_and_line(copy_site: Callable[[str], Path], cli: Callable[..., Any]) -> None:
    site = copy_site("basic")
    (site / "content" / "posts" / "bad-math.md").write_text(
        "---\ntitle: 坏公式\ndate: 2025-03-03\ntags: [数学]\n---\n\n第一段。\n\n公式 $\\nosuchcommand{x}$ 无法转换。\n",
        encoding="utf-8",
    )
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert any(line.startswith("content/posts/bad-math.md:9: formula $\\nosuchcommand{x}$") for line in lines), lines
    html = (site / "public" / "posts" / "bad-math" / "index.html").read_text(encoding="utf-8")
    assert "math-error" in html
    assert "\\nosuchcommand{x}" in html


def test_drafts_and_future_flags(copy_site: Callable[[str], Path], cli: Callable[..., Any], tmp_path: Path) -> None:
    site = copy_site("basic")
    plain = cli("build", "--output", tmp_path / "plain", cwd=site)
    drafts = cli("build", "--drafts", "--output", tmp_path / "drafts", cwd=site)
    future = cli("build", "-F", "--output", tmp_path / "future", cwd=site)
    both = cli("build", "-D", "--future", "--output", tmp_path / "both", cwd=site)
    assert [summary(r.stdout)[0] for r in (plain, drafts, future, both)] == [12, 13, 13, 14]
    assert not (tmp_path / "plain" / "posts" / "draft").exists()
    assert not (tmp_path / "plain" / "posts" / "future").exists()
    assert (tmp_path / "drafts" / "posts" / "draft" / "index.html").is_file()
    assert not (tmp_path / "drafts" / "posts" / "future").exists()
    assert (tmp_path / "future" / "posts" / "future" / "index.html").is_file()
    assert (tmp_path / "both" / "posts" / "draft" / "index.html").is_file()
    assert (tmp_path / "both" / "posts" / "future" / "index.html").is_file()


@pytest.mark.parametrize("flag", ["--base-url", "-b"])
def test_base_url_flag(copy_site: Callable[[str], Path], cli: Callable[..., Any], flag: str) -> None:
    site = copy_site("basic")
    result = cli("build", flag, "https://user.github.io/repo/", cwd=site)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "posts/nested-post/index.html", "tags/python/page/2/index.html", "tags/index.html"):
        links = root_links((site / "public" / page).read_text(encoding="utf-8"))
        assert links, page
        assert all(link.startswith("/repo/") for link in links), (page, links)


def test_bad_base_url_flag_is_an_error(copy_site: Callable[[str], Path], cli: Callable[..., Any]) -> None:
    site = copy_site("basic")
    result = cli("build", "--base-url", "user.github.io/repo", cwd=site)
    assert result.returncode == 1
    assert "--base-url: 'user.github.io/repo' is not an absolute URL" in result.stderr
    assert not (site / "public").exists()


@pytest.mark.parametrize("flag", ["--output", "-o"])
def test_output_flag(copy_site: Callable[[str], Path], cli: Callable[..., Any], tmp_path: Path, flag: str) -> None:
    site = copy_site("basic")
    target = tmp_path / "deep" / "site-out"
    result = cli("build", flag, target, cwd=site)
    assert result.returncode == 0, result.stderr
    assert (target / "index.html").is_file()
    assert not (site / "public").exists()


@pytest.mark.parametrize("flag", ["--source", "-s"])
def test_source_flag(copy_site: Callable[[str], Path], cli: Callable[..., Any], tmp_path: Path, flag: str) -> None:
    site = copy_site("basic")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("build", flag, site, cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (site / "public" / "index.html").is_file()
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("flag", ["--config", "-c"])
def test_config_flag(copy_site: Callable[[str], Path], cli: Callable[..., Any], tmp_path: Path, flag: str) -> None:
    site = copy_site("basic")
    other = tmp_path / "other.toml"
    other.write_text(
        'title = "另一个配置"\nbase_url = "https://other.example/"\nper_page = 2\n\n[params]\nfooter = "另一个页脚"\n',
        encoding="utf-8",
    )
    result = cli("build", flag, other, "--output", tmp_path / "out", cwd=site)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert (out / "page" / "6" / "index.html").is_file()
    assert not (out / "page" / "7").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "另一个配置" in index
    assert all(not link.startswith("/blog/") for link in root_links(index))


def test_output_from_config_paths(copy_site: Callable[[str], Path], cli: Callable[..., Any]) -> None:
    site = copy_site("basic")
    config = site / "site.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[paths]\noutput = "dist"\n', encoding="utf-8")
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "dist" / "index.html").is_file()
    assert not (site / "public").exists()


def test_deleted_post_leaves_no_stale_page(copy_site: Callable[[str], Path], cli: Callable[..., Any]) -> None:
    site = copy_site("basic")
    assert cli("build", cwd=site).returncode == 0
    public = site / "public"
    assert (public / "posts" / "toml-front" / "index.html").is_file()
    assert (public / "tags" / "工具" / "index.html").is_file()
    (site / "content" / "posts" / "toml-front.md").unlink()
    (site / "content" / "posts" / "2025-09-09-from-filename.md").unlink()
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert summary(result.stdout)[0] == 10
    assert not (public / "posts" / "toml-front").exists()
    assert not (public / "posts" / "from-filename").exists()
    assert not (public / "tags" / "工具").exists()
    assert "toml-front" not in (public / "index.html").read_text(encoding="utf-8")


def test_renamed_post_moves(copy_site: Callable[[str], Path], cli: Callable[..., Any]) -> None:
    site = copy_site("basic")
    assert cli("build", cwd=site).returncode == 0
    posts = site / "content" / "posts"
    (posts / "hello.md").rename(posts / "hello-again.md")
    assert cli("build", cwd=site).returncode == 0
    assert not (site / "public" / "posts" / "hello").exists()
    assert (site / "public" / "posts" / "hello-again" / "index.html").is_file()


def test_rebuild_after_fixing_an_error(copy_site: Callable[[str], Path], cli: Callable[..., Any]) -> None:
    site = copy_site("basic")
    bad = site / "content" / "posts" / "fix-me.md"
    bad.write_text("---\ntitle: 修好我\ndate: 2026-02-30\ntags: [a]\n---\n", encoding="utf-8")
    assert cli("build", cwd=site).returncode == 1
    bad.write_text("---\ntitle: 修好我\ndate: 2025-02-28\ntags: [a]\n---\n正文\n", encoding="utf-8")
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "public" / "posts" / "fix-me" / "index.html").is_file()


def test_main_help_lists_commands(cli: Callable[..., Any]) -> None:
    result = cli("--help", blog=True)
    assert result.returncode == 0
    assert "build" in result.stdout
    assert "serve" in result.stdout
    assert "--help" in result.stdout


@pytest.mark.parametrize("blog", [False, True], ids=["python-m-generator", "blog-script"])
def test_build_help_mentions_every_option(cli: Callable[..., Any], blog: bool) -> None:
    result = cli("build", "--help", blog=blog)
    assert result.returncode == 0
    for long, short in OPTIONS.items():
        assert re.search(rf"{re.escape(short)}, {re.escape(long)}\b", result.stdout), long
    assert "https://user.github.io/repo/" in result.stdout
    assert "draft" in result.stdout
    assert "future" in result.stdout


def test_unknown_option_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("build", "--nosuch")
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_no_cache_leaves_no_scratch_folder_behind(
    copy_site: Callable[[str], Path], cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a cache, a notebook's images are made in a temporary folder; the command ends
    without freeing what it built (os._exit), so the folder must be gone before it does."""
    site = copy_site("notebooks")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    built = cli("build", "--no-cache", "-q", "-s", site, "-o", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "posts" / "every-output" / "cell5-1.png").is_file()  # made in the scratch folder
    assert list(scratch.iterdir()) == []
    assert not (site / ".cache").exists()
