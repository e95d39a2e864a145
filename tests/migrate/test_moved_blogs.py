"""Whole blogs moved from Hugo, Hexo and Jekyll: every post published, old URLs kept.

The fixture sites under tests/sites/move-{hugo,hexo,jekyll}/ are written in each
generator's real layout, copied into content/posts/ the way a new user does it, with the
oddities real blogs have (section files, page-builder blocks, a repeated bundle name,
undated, empty and front-matter-less files, aliases and redirect_from, Hexo and Jekyll
permalink patterns, callouts in every dialect). Each builds with exit 0 and exactly the
expected warnings, `blog check` passes, and every alias redirects to its post.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

SHANGHAI = ZoneInfo("Asia/Shanghai")
FILE_TIME = datetime(2023, 4, 5, 6, 7, tzinfo=SHANGHAI)  # what the undated files' mtime is set to


def warning_lines(stderr: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if re.match(r"^\s+content/\S+: ", line)]


def set_file_time(site: Path, *relative: str) -> None:
    stamp = FILE_TIME.timestamp()
    for name in relative:
        os.utime(site / name, (stamp, stamp))


def build_and_check(site: Path, tmp_path: Path, cli: Callable[..., Any]) -> tuple[Path, list[str], str]:
    output = tmp_path / "out"
    built = cli("build", "--source", site, "--output", output, "--no-cache")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    checked = cli("check", "--source", site, "--output", output)
    assert checked.returncode == 0, checked.stderr
    return output, warning_lines(built.stderr), built.stdout


class _Redirect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refresh = self.canonical = self.link = self.robots = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and values.get("http-equiv") == "refresh":
            self.refresh = values["content"]
        elif tag == "meta" and values.get("name") == "robots":
            self.robots = values["content"]
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        elif tag == "a":
            self.link = values["href"]


def assert_redirects(output: Path, old: str, target: str, site_url: str) -> None:
    """The page at `old` sends browsers and search engines to `target` (a site path with base)."""
    file = output / old.lstrip("/")
    if old.endswith("/"):
        file = file / "index.html"
    page = _Redirect()
    page.feed(file.read_text(encoding="utf-8"))
    assert page.refresh == f"0; url={target}"
    assert page.link == target
    assert page.canonical == site_url.rstrip("/") + target
    assert page.robots == "noindex"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url.rstrip('/')}{old}</loc>" not in sitemap
    assert f"<loc>{site_url.rstrip('/')}{target}</loc>" in sitemap


def test_hugo_academic_site(copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = copy_site("move-hugo")
    set_file_time(site, "content/posts/notes/undated.md")
    output, warnings, summary = build_and_check(site, tmp_path, cli)
    assert warnings == [
        "content/posts/notes/abstract-only.md: post has front matter but no text: skipped "
        "(text below the front matter, or delete the file)",
        "content/posts/notes/empty.md: file is empty: skipped (a post with front matter and text, or delete the file)",
        "content/posts/notes/undated.md:1: post has no date; using 2023-04-05 06:07 (the file's modification time) "
        "(a 'date' key)",
        "content/posts/_index.md: 5 section or list files skipped, not posts: this one (a Hugo _index.md section "
        "file) and 4 more (their text is not published; move what you want to keep into a post)",
    ]
    # two bundles named intro in different sections: each gets its folder path
    ml = (output / "posts/learn/ml/intro/index.html").read_text(encoding="utf-8")
    dl = (output / "posts/learn/dl/intro/index.html").read_text(encoding="utf-8")
    assert not (output / "posts/intro").exists()
    assert (output / "posts/learn/ml/intro/curve.png").is_file()  # the bundle's image travels with it
    assert '<div class="callout callout-note" role="note">' in ml and "{{%" not in ml
    assert "<math" in ml and "{{<" not in ml  # the math wrapper is gone, the formula renders
    assert "<details>\n<summary>练习答案</summary>" in dl
    assert '<div class="callout callout-tip" role="note">' in dl and "[!TIP]" not in dl
    assert "2022-06-01" in dl  # publishDate dated it
    assert (output / "posts/undated/index.html").is_file()
    for section in ("_index", "hero", "learn", "ml"):
        assert not (output / "posts" / section / "index.html").exists(), section
    assert "学习笔记" not in (output / "index.html").read_text(encoding="utf-8")
    assert_redirects(output, "/learn/ml/intro/", "/posts/learn/ml/intro/", "https://example.org/")
    assert_redirects(output, "/posts/learn/ml/old-intro/", "/posts/learn/ml/intro/", "https://example.org/")
    assert summary.splitlines()[:7] == [
        "Migration: 5 post files found, 3 published",
        "  5 section or list pages skipped (not posts)",
        "  2 empty posts skipped",
        "  1 dates assumed (git commit or file time; see the warnings)",
        "  2 redirect pages for old URLs (aliases, redirect_from)",
        "  converted: Hugo shortcode {{< callout >}} ×1, Hugo shortcode {{< math >}} ×1, "
        "Hugo shortcode {{< spoiler >}} ×1",
        summary.splitlines()[6],
    ]
    assert summary.splitlines()[6].startswith("Built 3 posts")


def test_hexo_blog_keeps_its_permalinks(
    copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]
) -> None:
    site = copy_site("move-hexo")
    set_file_time(site, "content/posts/undated.md", "content/posts/no-front-matter.md")
    output, warnings, summary = build_and_check(site, tmp_path, cli)
    plain = "content/posts/no-front-matter.md"
    assert warnings == [
        f"{plain}:1: post has no front matter ('---' lines with title, date and tags)",
        f"{plain}:1: post has no title, using '没有 front matter 的文章' (a 'title' key)",
        f"{plain}:1: post has no date; using 2023-04-05 06:07 (the file's modification time) (a 'date' key)",
        f"{plain}:1: post has no tags (tags: [...] to list it under a tag)",
        "content/posts/undated.md:1: post has no date; using 2023-04-05 06:07 (the file's modification time) "
        "(a 'date' key)",
        "content/posts/about/index.md: 2 section or list files skipped, not posts: this one (the about/ list page) "
        "and 1 more (their text is not published; move what you want to keep into a post)",
    ]
    # Hexo's :year/:month/:day/:title/, where :title is the path under _posts/
    posts = sorted(p.parent.relative_to(output).as_posix() for p in output.glob("20*/**/index.html"))
    assert posts == [
        "2019/12/31/hello-world",
        "2020/02/03/ml/transformer",
        "2023/04/05/no-front-matter",
        "2023/04/05/undated",
    ]
    hello = (output / "2019/12/31/hello-world/index.html").read_text(encoding="utf-8")
    # NexT showed its notes untitled: so are they here, their kind named to a screen reader
    assert '<div class="callout callout-warning" role="note" aria-label="警告">\n<p>旧主题 NexT' in hello
    assert '<div class="callout callout-tip" role="note" aria-label="提示">\n<p><strong>成功' in hello
    assert "<figcaption>— <cite>李白, 《将进酒》</cite></figcaption>" in hello
    assert "{% note" not in hello and "{% endnote" not in hello and "{% tabs" not in hello
    assert '<div class="tab-panel">\n<p class="tab-title">pip</p>' in hello
    transformer = (output / "2020/02/03/ml/transformer/index.html").read_text(encoding="utf-8")
    assert 'href="/blog/2019/12/31/hello-world/"' in transformer  # an old absolute link still lands
    assert not (output / "about").exists() and not (output / "2019/01/01").exists()
    assert "converted: Hexo tag {% blockquote %} ×1, Hexo tag {% note %} ×2, Hexo tag {% tabs %} ×1" in summary


def test_hexo_blog_of_untagged_posts_says_so_once_and_strict_still_fails(
    copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]
) -> None:
    """The 321-post Hexo blog without tags printed 321 lines around its one real problem."""
    site = copy_site("move-hexo")
    notes = site / "content/posts/notes"
    notes.mkdir()
    for n in range(1, 41):
        (notes / f"{n:02d}.md").write_text(
            f"---\ntitle: 笔记 {n}\ndate: 2020-03-{n % 28 + 1:02d}\n---\n正文。\n", "utf-8"
        )
    (notes / "41.md").write_text("---\ntitle: 公式\ndate: 2020-04-01\n---\n$\\frac{a$\n", "utf-8")
    set_file_time(site, "content/posts/undated.md", "content/posts/no-front-matter.md")
    _, warnings, _ = build_and_check(site, tmp_path, cli)
    plain = "content/posts/no-front-matter.md"
    assert warnings == [
        f"{plain}:1: post has no front matter ('---' lines with title, date and tags)",
        f"{plain}:1: post has no title, using '没有 front matter 的文章' (a 'title' key)",
        f"{plain}:1: post has no date; using 2023-04-05 06:07 (the file's modification time) (a 'date' key)",
        f"{plain}:1: 42 posts have no tags: this one and 41 more; they are listed under no tag "
        "(tags: [...] to list a post under a tag; blog build --all-warnings names each)",
        "content/posts/undated.md:1: post has no date; using 2023-04-05 06:07 (the file's modification time) "
        "(a 'date' key)",
        "content/posts/about/index.md: 2 section or list files skipped, not posts: this one (the about/ list page) "
        "and 1 more (their text is not published; move what you want to keep into a post)",
        'content/posts/notes/41.md:5: formula $\\frac{a$ cannot be converted: Expected closing token "}", but '
        "reached end of input. (TeX that the math converter understands (see docs/math.md); shown as source)",
    ]
    every = cli("build", "--source", site, "--output", tmp_path / "every", "--no-cache", "--all-warnings")
    assert every.returncode == 0 and every.stderr.count("post has no tags") == 42
    strict = cli("build", "--source", site, "--output", tmp_path / "strict", "--strict", "--no-cache")
    assert strict.returncode == 1
    assert f"{plain}:1: 42 posts have no tags: this one and 41 more" in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_jekyll_chirpy_blog(copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = copy_site("move-jekyll")
    output, warnings, _ = build_and_check(site, tmp_path, cli)
    assert warnings == [
        "content/posts/archives.md: 1 section or list file skipped, not posts: this one (layout: archives) "
        "(their text is not published; move what you want to keep into a post)",
        "content/posts/2021-05-06-alerts.md:24: Liquid tag {% post_url %} is not supported and was left as written "
        "(1 place; convert it to HTML or Markdown)",
    ]
    # /:categories/:year/:month/:day/:title:output_ext; 07:05 at -06:00 is 21:05 in Shanghai
    first = output / "ml/notes/2020/01/02/first-post.html"
    alerts = output / "2021/05/06/alerts.html"  # no categories: the segment is dropped
    assert first.is_file() and alerts.is_file()
    html = first.read_text(encoding="utf-8")
    assert '<div class="callout callout-tip" role="note">\n<p class="callout-title">提示</p>\n<p>这是一条提示。' in html
    assert '<div class="callout callout-warning" role="note">' in html
    assert "{:" not in html and "prompt-" not in html  # kramdown attribute lists never show
    assert (
        '<img src="/assets/img/arch.png" alt="架构图" width="8" height="5" />' in html
    )  # the page's first image is not lazy
    text = alerts.read_text(encoding="utf-8")
    for kind, label in (("note", "说明"), ("important", "重要"), ("caution", "当心")):
        assert f'<div class="callout callout-{kind}" role="note">\n<p class="callout-title">{label}</p>' in text
    assert '<p class="callout-title">自定义标题</p>' in text
    assert '<img src="/assets/img/arch.png" alt="架构"' in text  # Chirpy's media_subpath
    assert "<blockquote>\n<p>普通引用保持原样。</p>\n</blockquote>" in text
    for old in ("/first/", "/2019/12/first-post.html"):
        assert_redirects(output, old, "/ml/notes/2020/01/02/first-post.html", "https://example.org/")
    assert_redirects(output, "/alerts/", "/2021/05/06/alerts.html", "https://example.org/")


def test_strict_refuses_assumed_dates_and_empty_posts(
    copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]
) -> None:
    site = copy_site("move-hugo")
    built = cli("build", "--source", site, "--output", tmp_path / "out", "--strict", "--no-cache")
    assert built.returncode == 1
    errors = [line for line in built.stderr.splitlines() if line.startswith("content/")]
    assert [e.split(":")[0] for e in errors] == [
        "content/posts/notes/abstract-only.md",
        "content/posts/notes/empty.md",
        "content/posts/notes/undated.md",
        "content/posts/_index.md",
    ]
    assert not (tmp_path / "out").exists()


def test_same_slug_asked_for_twice_stays_an_error(
    copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]
) -> None:
    site = copy_site("move-hugo")
    for section in ("ml", "dl"):
        page = site / "content/posts/learn" / section / "intro/index.md"
        page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\nslug: intro\n", 1), encoding="utf-8")
    built = cli("build", "--source", site, "--output", tmp_path / "out", "--no-cache")
    assert built.returncode == 1
    assert (
        "content/posts/learn/ml/intro/index.md:2: post has the same URL as content/posts/learn/dl/intro/index.md "
        "(/posts/intro/) (a different 'slug' in one of them)"
    ) in built.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_undated_post_takes_its_last_git_commit(
    copy_site: Callable[[str], Path], tmp_path: Path, cli: Callable[..., Any]
) -> None:
    site = copy_site("move-hexo")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_COMMITTER_DATE": "2021-07-08T09:10:00+08:00",
        "GIT_AUTHOR_DATE": "2021-07-08T09:10:00+08:00",
    }
    for command in (["init", "-q"], ["add", "content/posts/undated.md"], ["commit", "-qm", "old post"]):
        subprocess.run(["git", *command], cwd=site, env=env, check=True, capture_output=True)
    set_file_time(site, "content/posts/undated.md", "content/posts/no-front-matter.md")
    output, warnings, _ = build_and_check(site, tmp_path, cli)
    assert (
        "content/posts/undated.md:1: post has no date; using 2021-07-08 09:10 (its last git commit) (a 'date' key)"
        in warnings
    )
    # not committed: the file's time, and nothing said about git
    assert any("no-front-matter.md:1: post has no date; using 2023-04-05 06:07 (the file's" in w for w in warnings)
    assert (output / "2021/07/08/undated/index.html").is_file()
