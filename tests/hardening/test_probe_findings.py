"""What an independent probe found (issue 12) that the bad-input table cannot express:
content that must now be on the page, dates that must stay valid in the sitemap, and the
other commands (`blog check`, `blog new`) answering bad input with a sentence."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import BuildOptions, build
from tests.conftest import run_cli

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
FRONT = "---\ntitle: 探针\ndate: 2025-01-01\ntags: [a]\n---\n"


def build_site(site: Path) -> list[str]:
    report = build(BuildOptions(source=site, output=site / "public", now=NOW, use_cache=False, search_index=False))
    return [str(w) for w in report.warnings]


def page_text(site: Path, slug: str) -> str:
    html = (site / "public" / "posts" / slug / "index.html").read_text(encoding="utf-8")
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    "body",
    [
        "".join("  " * depth + f"- 第{depth}层\n" for depth in range(12)),
        "> " * 25 + "第24层\n",
        "- " * 60 + "第59层\n",
        "".join("   " * depth + f"1. 第{depth}层\n" for depth in range(20)),
    ],
    ids=["list-12-deep", "quotes-25-deep", "dash-60-times", "ordered-20-deep"],
)
def test_deep_nesting_renders_everything_after_it(site: Path, body: str) -> None:
    (site / "content/posts/deep.md").write_text(FRONT + body + "\n## 后来的标题\n\n最后一段。\n", encoding="utf-8")
    warnings = build_site(site)
    text = page_text(site, "deep")
    deepest = re.findall(r"第\d+层", body)[-1]
    for wanted in (deepest, "后来的标题", "最后一段。"):
        assert wanted in text
    assert not [w for w in warnings if "nest deeper" in w]


def test_nesting_past_the_limit_keeps_every_word_and_warns(site: Path) -> None:
    body = "- " * 150 + "最深处\n\n## 后来的标题\n\n最后一段。\n"
    (site / "content/posts/deep.md").write_text(FRONT + body, encoding="utf-8")
    warnings = build_site(site)
    text = page_text(site, "deep")
    for wanted in ("最深处", "后来的标题", "最后一段。"):
        assert wanted in text
    assert "<h2" in (site / "public/posts/deep/index.html").read_text(encoding="utf-8")  # still a heading
    assert any(w.startswith("content/posts/deep.md:6: lists or quotes nest deeper than 200") for w in warnings)


def test_dates_of_1900_keep_the_sitemap_valid(site: Path) -> None:
    """Asia/Shanghai was +08:05:43 (local mean time) in 1900; W3C dates allow only hh:mm."""
    (site / "content/posts/old.md").write_text(FRONT.replace("2025-01-01", "1900-01-01") + "正文。\n", encoding="utf-8")
    build_site(site)
    sitemap = (site / "public/sitemap.xml").read_text(encoding="utf-8")
    stamps = re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)
    assert "1900-01-01T00:00:00+08:00" in stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", stamp), stamp


def built(site: Path) -> Path:
    result = run_cli("build", "--no-cache", "--source", site, cwd=site)
    assert result.returncode == 0, result.stderr
    return site / "public"


def test_check_names_a_link_that_is_not_a_url(site: Path) -> None:
    public = built(site)
    page = public / "posts/hello/index.html"
    page.write_text(page.read_text(encoding="utf-8") + '<a href="http://[::1/x">v6</a>\n', encoding="utf-8")
    result = run_cli("check", "--source", site, cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(
        r"^posts/hello/index\.html:\d+: broken link http://\[::1/x \(is not a valid URL .+\) \(.+\)$",
        result.stderr,
        re.MULTILINE,
    ), result.stderr


@pytest.mark.parametrize(
    ("args", "toml", "line"),
    [
        (
            ("--base-url", "http://[::1/"),
            None,
            "--base-url: 'http://[::1/' is not a valid URL (check the brackets of an IPv6 host and the port) "
            "(an absolute http(s) URL such as https://user.github.io/repo/)",
        ),
        ((), "per_page = 0\n", "site.toml:1: 'per_page' must be at least 1, not 0 (a positive integer)"),
    ],
    ids=["bad-base-url-option", "bad-config"],
)
def test_check_with_bad_settings_speaks_as_check(
    site: Path, args: tuple[str, ...], toml: str | None, line: str
) -> None:
    built(site)
    if toml is not None:
        (site / "site.toml").write_text(toml, encoding="utf-8")
    result = run_cli("check", "--source", site, *args, cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Build failed" not in result.stderr and "left as it was" not in result.stderr
    assert "Cannot check the site: 1 error in its settings; nothing was checked:" in result.stderr
    assert line in result.stderr.splitlines()


def test_new_refuses_tags_the_build_would_reject(site: Path) -> None:
    before = sorted((site / "content/posts").rglob("*"))
    result = run_cli("new", "探针", "--tags", "..,/", "--source", site, cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "blog new: tag '..' has no letters or digits to make a URL from (a tag name with letters or digits)"
    )
    assert sorted((site / "content/posts").rglob("*")) == before


def test_a_file_put_into_the_output_by_hand_is_named_not_a_traceback(site: Path) -> None:
    """An in-place rebuild finds public/posts/hello turned into a file since the last build."""
    assert run_cli("build", "--quiet", "--source", site, cwd=site).returncode == 0
    folder = site / "public/posts/hello"
    shutil.rmtree(folder)
    folder.write_text("put here by hand\n", encoding="utf-8")
    result = run_cli("build", "--quiet", "--source", site, cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"{folder}: a file is where the folder for posts/hello/index.html must be "
        "(remove it, or run blog build --no-cache once to write the output folder afresh)"
    ) in result.stderr.splitlines()
    assert folder.read_text(encoding="utf-8") == "put here by hand\n"
    assert run_cli("build", "--quiet", "--no-cache", "--source", site, cwd=site).returncode == 0
    assert (folder / "index.html").is_file()


def test_posts_folder_linked_to_a_notes_folder_is_followed(site: Path, tmp_path: Path) -> None:
    """The writer's own setup (a Hexo habit): content/posts is a link to a notes folder
    outside the site. Links inside it must still stay inside the site or the notes."""
    notes = tmp_path / "notes"
    shutil.move(site / "content/posts", notes)
    (site / "content/posts").symlink_to(notes)
    (notes / "hello").mkdir()
    (notes / "hello/figure.txt").write_text("图\n", encoding="utf-8")
    (notes / "same.md").symlink_to(notes / "lora.md")
    assert run_cli("build", "--quiet", "--no-cache", "--source", site, cwd=site).returncode == 0
    assert (site / "public/posts/hello/figure.txt").read_text(encoding="utf-8") == "图\n"
    assert (site / "public/posts/same/index.html").is_file()  # a link within the notes is fine
    (notes / "passwd.md").symlink_to("/etc/passwd")
    result = run_cli("build", "--quiet", "--no-cache", "--source", site, cwd=site)
    assert result.stderr.strip().splitlines()[-1] == (
        "content/posts/passwd.md: symbolic link leads outside the site folder, to /etc/passwd "
        "(a file inside the site folder; links that leave it are never published)"
    )
    assert result.returncode == 1
