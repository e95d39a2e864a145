"""`blog init` as a user runs it: flags, questions on a terminal only, refusals that change nothing."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.config.settings import load_config

REPO = Path(__file__).resolve().parents[3]


def test_init_then_build_and_check_with_no_warning(tmp_path: Path, cli: Callable[..., Any]) -> None:
    init = cli("init", "blog", "--title", "向量与梯度", "--base-url", "https://me.github.io/notes", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert "cd blog && blog serve" in init.stdout
    site = tmp_path / "blog"
    config, problems = load_config(site / "site.toml")
    assert problems == [] and config.title == "向量与梯度" and config.base_path == "/notes/"
    build = cli("build", cwd=site)
    assert build.returncode == 0 and "warning" not in build.stderr.lower(), build.stderr
    assert "Built 1 post, " in build.stdout
    check = cli("check", cwd=site)
    assert check.returncode == 0, check.stderr


def test_init_here_in_an_empty_folder(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / ".git").mkdir()
    init = cli("init", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert "Next: blog serve" in init.stdout
    assert (tmp_path / "site.toml").is_file() and (tmp_path / ".github" / "workflows" / "pages.yml").is_file()


def test_a_non_empty_folder_is_refused_and_left_as_it_was(tmp_path: Path, cli: Callable[..., Any]) -> None:
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    result = cli("init", str(tmp_path))
    assert result.returncode == 1
    assert f"blog init: {tmp_path} is not empty (it holds notes.md)" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_bad_flags_are_all_reported_before_anything_is_written(tmp_path: Path, cli: Callable[..., Any]) -> None:
    result = cli("init", "blog", "--base-url", "me.github.io", "--language", "中文", cwd=tmp_path)
    assert result.returncode == 1
    assert "--base-url: 'me.github.io' is not an absolute URL" in result.stderr
    assert "--language: '中文' is not a language tag" in result.stderr
    assert not (tmp_path / "blog").exists()


def _read_until(fd: int, wanted: str, seen: list[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while wanted not in "".join(seen):
        left = deadline - time.monotonic()
        assert left > 0, f"never asked {wanted!r}; got {''.join(seen)!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                chunk = b""
            assert chunk, f"ended before asking {wanted!r}; got {''.join(seen)!r}"
            seen.append(chunk.decode("utf-8", "replace"))


@pytest.mark.parametrize(
    ("flags", "dialogue", "expected"),
    [
        (
            ["--author", "小红"],  # given, so not asked
            [
                ("Title of the blog", "读论文"),
                ("base URL", "hong.github.io"),
                ("is not an absolute URL", "https://hong.github.io/"),  # asked again, saying why
                ("Language", ""),  # Enter: the default
            ],
            ("读论文", "小红", "https://hong.github.io/", "zh-CN"),
        ),
        (
            [],
            [("Title of the blog", ""), ("Author", ""), ("base URL", ""), ("Language", "en")],
            ("我的博客", "", "https://example.com/", "en"),
        ),
    ],
    ids=["some-flags-and-a-wrong-answer", "enter-for-the-defaults"],
)
def test_on_a_terminal_what_no_flag_gave_is_asked(
    tmp_path: Path, flags: list[str], dialogue: list[tuple[str, str]], expected: tuple[str, ...]
) -> None:
    controller, terminal = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "init", "blog", *flags],
        cwd=tmp_path,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    seen: list[str] = []
    try:
        for question, reply in dialogue:
            _read_until(controller, question, seen)
            os.write(controller, (reply + "\n").encode("utf-8"))
        assert process.wait(timeout=30) == 0, "".join(seen)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        os.close(controller)
    asked = {question for question, _ in dialogue}
    assert ("Author" in "".join(seen)) == ("Author" in asked)
    config, problems = load_config(tmp_path / "blog" / "site.toml")
    assert problems == []
    assert (config.title, config.author, config.base_url, config.language) == expected


def test_without_a_terminal_nothing_is_asked(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "init", "blog"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Title" not in done.stdout + done.stderr
    config, _ = load_config(tmp_path / "blog" / "site.toml")
    assert config.title == "我的博客"
