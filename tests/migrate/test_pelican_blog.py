"""A Pelican blog's content/ folder copied into content/posts/ builds as Pelican published it.

Our own posts, in Pelican's real layout: metadata lines and no front matter, categories from
folders, a draft, a hidden post, a page in pages/, `{filename}` links and a `:::bash` block.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.errors import BuildError

POSTS = {
    "HPC/openmp-1.md": (
        "Title: OpenMP 入门\nDate: 2019-07-27 10:20\nTags: 并行, OpenMP\nSlug: openmp-1\n\n"
        "第一篇，接着读 [第二篇]({filename}openmp-2.md)。\n\n    :::bash\n    export OMP_NUM_THREADS=4\n\n完。\n"
    ),
    "HPC/openmp-2.md": (
        "Title: OpenMP 并行区域\nDate: 2019-08-01\nModified: 2019-08-03 09:00\nTags: 并行\n"
        "Summary: 并行区域与嵌套\n\n回到 [第一篇]({filename}/HPC/openmp-1.md)。公式 $a_i = b_i^2$。\n"
    ),
    "top.md": "Title: 顶层的文章\nDate: 2020/01/02 08:00\nCategory: 随笔\n\n没有文件夹。\n",
    "draft.md": "Title: 草稿\nDate: 2020-01-03\nStatus: draft\n\n还没写完。\n",
    "hidden.md": "Title: 隐藏\nDate: 2020-01-04\nStatus: hidden\n\n不列出。\n",
    "pages/about.md": "Title: 关于\n\n关于本站。\n",
}


def _site(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "site.toml").write_text('title = "并行笔记"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    for name, text in POSTS.items():
        path = root / "content" / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_a_pelican_blog_builds_with_its_metadata(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    report = build(BuildOptions(source=site, output=tmp_path / "out", use_cache=False))
    out = tmp_path / "out"
    assert report.posts == 3  # the draft and the hidden post stay out; the page is not a post
    first = (out / "posts" / "openmp-1" / "index.html").read_text(encoding="utf-8")
    assert "<title>OpenMP 入门" in first and "2019-07-27" in first
    assert "Title:" not in first and "Tags:" not in first
    assert 'href="/posts/openmp-2/"' in first
    assert re.search(r'<div class="highlight" data-lang="bash">.*OMP_NUM_THREADS', first, re.S)
    assert ":::bash" not in first
    second = (out / "posts" / "openmp-2" / "index.html").read_text(encoding="utf-8")
    assert 'href="/posts/openmp-1/"' in second and "<math" in second and "2019-08-03" in second
    assert (out / "tags" / "openmp" / "index.html").is_file()
    assert (out / "categories" / "hpc" / "index.html").is_file()  # the folder, as Pelican filed it
    assert "随笔" in (out / "posts" / "top" / "index.html").read_text(encoding="utf-8")
    assert not (out / "posts" / "draft").exists() and not (out / "posts" / "hidden").exists()
    messages = [f"{d.path}:{d.line}: {d.message}" for d in report.warnings]
    assert any("hidden.md:3: 'Status: hidden' post is not published" in m for m in messages), messages
    assert any("pages/about.md" in m and "(a page in Pelican's pages/ folder)" in m for m in messages), messages
    assert not any("no front matter" in m or "no date" in m for m in messages), messages


def _notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "markdown", "metadata": {}, "source": cell} for cell in cells],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        ensure_ascii=False,
    )


def test_a_notebooks_ipynb_meta_file_is_its_metadata_and_an_edit_to_it_is_seen(tmp_path: Path) -> None:
    """pelican-ipynb's default: `x.ipynb-meta` beside `x.ipynb` holds Pelican's metadata lines."""
    site = tmp_path / "site"
    folder = site / "content" / "posts" / "notebooks"
    folder.mkdir(parents=True)
    (site / "site.toml").write_text('title = "笔记"\nbase_url = "https://example.org/"\n', encoding="utf-8")
    (folder / "lr.ipynb").write_text(_notebook(["# 线性回归\n\n最小二乘。"]), encoding="utf-8")
    meta = folder / "lr.ipynb-meta"
    meta.write_text("Title: 线性回归\nslug: first-post\nDate: 2016-10-28 20:00\nTags: 机器学习\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build(BuildOptions(source=site, output=out))
    assert report.warnings == [] and report.posts == 1
    page = (out / "posts" / "first-post" / "index.html").read_text(encoding="utf-8")
    assert "2016-10-28" in page and "机器学习" in page and page.count("线性回归</h1>") == 1
    meta.write_text("Title: 线性回归（二）\nslug: first-post\nDate: 2016-10-29\nTags: 机器学习\n", encoding="utf-8")
    build(BuildOptions(source=site, output=out))  # the notebook itself is untouched: its metadata file changed
    page = (out / "posts" / "first-post" / "index.html").read_text(encoding="utf-8")
    assert "线性回归（二）" in page and "2016-10-29" in page
    meta.write_text("Title: 线性回归\nDate: 2016-13-45\n", encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        build(BuildOptions(source=site, output=out))
    (problem,) = failed.value.errors
    assert (problem.path, problem.line) == ("content/posts/notebooks/lr.ipynb-meta", 2)
