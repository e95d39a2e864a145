"""Bad input through the CLI: one clear `path:line: message`, exit 1, and the old site untouched."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import BuildOptions, build


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, bytes | str]  # path inside the site -> new content
    path: str  # the path the message must name ("site.toml" means the config file, any spelling)
    line: int | None
    message: str  # the start of the message after "path:line: "


GOOD = "---\ntitle: 好文章\ndate: 2025-01-01\ntags: [测试]\n---\n正文。\n"

CASES = [
    Case(
        "invalid-yaml",
        {"content/posts/bad-yaml.md": "---\ntitle: 坏的 YAML\ntags: [a, b\ndate: 2025-01-01\n---\n正文\n"},
        "content/posts/bad-yaml.md",
        4,
        "invalid YAML front matter: ",
    ),
    Case(
        "invalid-toml",
        {"content/posts/bad-toml.md": "+++\ntitle = '坏的 TOML'\ndate = 2025-01-01\ntags = [a]\n+++\n正文\n"},
        "content/posts/bad-toml.md",
        4,
        "invalid TOML front matter: ",
    ),
    Case(
        "unclosed-front-matter",
        {"content/posts/unclosed.md": "---\ntitle: 没有结束\ndate: 2025-01-01\n\n正文\n"},
        "content/posts/unclosed.md",
        1,
        "front matter opened with '---' is never closed",
    ),
    Case(
        "impossible-date",
        {"content/posts/feb30.md": "---\ntitle: 二月三十日\ndate: 2026-02-30\ntags: [a]\n---\n正文\n"},
        "content/posts/feb30.md",
        3,
        "date '2026-02-30' is not a real date",
    ),
    Case(
        "date-yesterday",
        {"content/posts/yesterday.md": "---\ntitle: 昨天\ntags: [a]\ndate: yesterday\n---\n正文\n"},
        "content/posts/yesterday.md",
        4,
        "date 'yesterday' is not a date",
    ),
    Case(
        "tags-mapping",
        {"content/posts/tags-map.md": "---\ntitle: 标签\ndate: 2025-01-01\ntags: {a: 1}\n---\n正文\n"},
        "content/posts/tags-map.md",
        4,
        "tags must be a list or a comma-separated string, not dict",
    ),
    Case(
        "title-list",
        {"content/posts/title-list.md": "---\ntitle: [1, 2]\ndate: 2025-01-01\ntags: [a]\n---\n正文\n"},
        "content/posts/title-list.md",
        2,
        "title must be text, not a list",
    ),
    Case(
        "non-utf8",
        {"content/posts/latin1.md": "---\ntitle: T\ndate: 2025-01-01\ntags: [a]\n---\ncaf\u00e9\n".encode("latin-1")},
        "content/posts/latin1.md",
        6,
        "file is not valid UTF-8 (byte 0xe9 ",
    ),
    Case(
        "template-syntax-error",
        {
            "templates/post.html": (
                '{% extends "base.html" %}\n{% block content %}\n<h1>{{ post.title }}</h1>\n'
                "{% if %}\n{{ post.html }}\n{% endblock %}\n"
            )
        },
        "templates/post.html",
        4,
        "template syntax error: ",
    ),
    Case(
        "template-undefined-variable",
        {
            "templates/tags.html": (
                '{% extends "base.html" %}\n{% block content %}\n<h1>全部标签</h1>\n'
                "<p>{{ nosuch_variable }}</p>\n{% endblock %}\n"
            )
        },
        "templates/tags.html",
        4,
        "undefined template variable: 'nosuch_variable' is undefined",
    ),
    Case(
        "site-toml-syntax-error",
        {"site.toml": 'title = "测试博客"\nbase_url = "https://example.org/blog/"\nper_page = = 5\n'},
        "site.toml",
        3,
        "TOML syntax error: ",
    ),
    Case(
        "site-toml-wrong-type",
        {"site.toml": 'title = "测试博客"\nbase_url = "https://example.org/blog/"\nper_page = "12"\n'},
        "site.toml",
        3,
        "'per_page' has the wrong type (str)",
    ),
]


@pytest.fixture(scope="module")
def good_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built once from tests/sites/basic, copied in as the 'previous good site' of each case."""
    root = tmp_path_factory.mktemp("good")
    site = root / "site"
    shutil.copytree(
        Path(__file__).resolve().parents[2] / "sites" / "basic", site, ignore=shutil.ignore_patterns("expected")
    )
    build(BuildOptions(source=site, output=site / "public"))
    return site / "public"


@pytest.fixture
def site_with_output(copy_site: Callable[[str], Path], good_output: Path) -> Path:
    site = copy_site("basic")
    shutil.copytree(good_output, site / "public")
    return site


def write_files(site: Path, files: dict[str, bytes | str]) -> None:
    for name, data in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)


def message_lines(stderr: str) -> list[str]:
    """The error lines: after the 'Build failed' header, not indented (warnings are indented)."""
    lines = stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Build failed with "))
    return [line for line in lines[start + 1 :] if line and not line.startswith(" ")]


def where(site: Path, path: str, line: int | None) -> list[str]:
    names = [path]
    if path == "site.toml":
        names.append(str((site / "site.toml").resolve()))
    return [name if line is None else f"{name}:{line}" for name in names]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_stops_the_build_and_keeps_the_old_site(
    case: Case,
    site_with_output: Path,
    cli: Callable[..., Any],
    digest_tree: Callable[[Path], dict[str, str]],
    leftovers: Callable[[Path], list[str]],
) -> None:
    site = site_with_output
    before = digest_tree(site / "public")
    write_files(site, case.files)
    result = cli("build", cwd=site)
    assert result.returncode == 1, result.stderr
    assert "Build failed with 1 error;" in result.stderr
    errors = message_lines(result.stderr)
    assert len(errors) == 1, result.stderr
    prefixes = [f"{w}: {case.message}" for w in where(site, case.path, case.line)]
    assert errors[0].startswith(tuple(prefixes)), (errors[0], prefixes)
    assert re.search(r"\(.+\)$", errors[0]), "the message ends with what was expected, in parentheses"
    assert digest_tree(site / "public") == before
    assert leftovers(site) == []
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_same_file_name_in_a_subfolder_takes_its_folder_path(site_with_output: Path, cli: Callable[..., Any]) -> None:
    site = site_with_output
    write_files(site, {"content/posts/old/hello.md": "---\ntitle: 同名\ndate: 2024-06-01\ntags: [a]\n---\n正文\n"})
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "public/posts/hello/index.html").is_file()  # the flat post keeps its URL
    assert "同名" in (site / "public/posts/old/hello/index.html").read_text(encoding="utf-8")


def test_two_posts_asking_for_the_same_slug(
    site_with_output: Path,
    cli: Callable[..., Any],
    digest_tree: Callable[[Path], dict[str, str]],
    leftovers: Callable[[Path], list[str]],
) -> None:
    site = site_with_output
    before = digest_tree(site / "public")
    text = "---\ntitle: 同名\ndate: 2024-06-01\nslug: hello\ntags: [a]\n---\n正文\n"
    write_files(site, {"content/posts/old/hello.md": text})
    result = cli("build", cwd=site)
    assert result.returncode == 1
    errors = message_lines(result.stderr)
    assert len(errors) == 1, result.stderr
    assert re.match(
        r"content/posts/old/hello\.md(:\d+)?: post has the same URL as content/posts/hello\.md \(/posts/hello/\)",
        errors[0],
    ), errors[0]
    assert digest_tree(site / "public") == before
    assert leftovers(site) == []


def test_slugs_that_differ_only_in_case_clash(site_with_output: Path, cli: Callable[..., Any]) -> None:
    write_files(
        site_with_output, {"content/posts/x.md": "---\ntitle: X\ndate: 2024-06-01\nslug: HELLO\ntags: [a]\n---\n正文\n"}
    )
    result = cli("build", cwd=site_with_output)
    assert result.returncode == 1
    assert "content/posts/x.md" in message_lines(result.stderr)[0]
    assert "the same URL as content/posts/hello.md" in result.stderr


def test_slug_clash_names_the_slug_line(site_with_output: Path, cli: Callable[..., Any]) -> None:
    write_files(
        site_with_output,
        {"content/posts/dup.md": "---\ntitle: 重复\ndate: 2024-06-01\ntags: [a]\nslug: hello\n---\n正文\n"},
    )
    result = cli("build", cwd=site_with_output)
    assert message_lines(result.stderr)[0].startswith("content/posts/dup.md:5: post has the same URL as")


def test_every_error_of_one_build_is_reported_together(
    site_with_output: Path,
    cli: Callable[..., Any],
    digest_tree: Callable[[Path], dict[str, str]],
) -> None:
    site = site_with_output
    before = digest_tree(site / "public")
    chosen = {c.id: c for c in CASES}
    files: dict[str, bytes | str] = {}
    for name in ("invalid-yaml", "impossible-date", "title-list", "non-utf8", "template-syntax-error"):
        files.update(chosen[name].files)
    files["content/posts/also-bad.md"] = "---\ntitle: [1]\ndate: 2026-02-30\ntags: {a: 1}\n---\n"
    write_files(site, files)
    result = cli("build", cwd=site)
    assert result.returncode == 1
    errors = message_lines(result.stderr)
    assert "Build failed with 8 errors;" in result.stderr, result.stderr
    assert len(errors) == 8
    named = {line.split(": ", 1)[0] for line in errors}
    assert named == {
        "content/posts/bad-yaml.md:4",
        "content/posts/feb30.md:3",
        "content/posts/title-list.md:2",
        "content/posts/latin1.md:6",
        "templates/post.html:4",
        "content/posts/also-bad.md:2",
        "content/posts/also-bad.md:3",
        "content/posts/also-bad.md:4",
    }
    assert digest_tree(site / "public") == before


def test_failed_build_without_previous_output_creates_nothing(
    copy_site: Callable[[str], Path], cli: Callable[..., Any], leftovers: Callable[[Path], list[str]]
) -> None:
    site = copy_site("basic")
    write_files(site, CASES[0].files)
    result = cli("build", cwd=site)
    assert result.returncode == 1
    assert not (site / "public").exists()
    assert leftovers(site) == []
