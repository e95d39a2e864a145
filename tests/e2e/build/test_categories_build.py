"""Hexo categories through `blog build`: the tree of pages, feeds, sitemap, the post's trail,
the header's links, and a bad value named by file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

POSTS = {
    "rl.md": "categories: [机器学习, 强化学习]\ndate: 2025-03-03",
    "two.md": "categories:\n  - [机器学习, 强化学习]\n  - [笔记]\ndate: 2025-03-02",
    "ml.md": "categories: 机器学习\ndate: 2025-03-01",
    "none.md": "date: 2025-02-01",
}


def make_site(root: Path, toml: str = "") -> Path:
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "site.toml").write_text(f'title = "t"\nbase_url = "https://example.org/"\nper_page = 2\n{toml}', "utf-8")
    for name, keys in POSTS.items():
        text = f"---\ntitle: {name[:-3]}\n{keys}\ntags: [t]\n---\n\n正文 {name}。\n"
        (posts / name).write_text(text, encoding="utf-8")
    return root


def test_hexo_categories_make_a_tree_of_pages(tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = make_site(tmp_path / "site", "categories_as_tags = false\n")
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    public = site / "public"
    top = (public / "categories" / "机器学习" / "index.html").read_text("utf-8")
    assert "分类：机器学习" in top and "3 篇" in top and "第 1 / 2 页" in top  # its posts and those below it
    assert (public / "categories" / "机器学习" / "page" / "2" / "index.html").is_file()
    child = (public / "categories" / "机器学习" / "强化学习" / "index.html").read_text("utf-8")
    assert 'aria-label="分类路径"' in child and "/categories/%E6%9C%BA%E5%99%A8%E5%AD%A6%E4%B9%A0/" in child
    tree = (public / "categories" / "index.html").read_text("utf-8")
    assert tree.index("机器学习") < tree.index("强化学习") < tree.index("笔记")
    assert (public / "categories" / "笔记" / "atom.xml").read_text("utf-8").count("<entry>") == 1
    sitemap = (public / "sitemap.xml").read_text("utf-8")
    assert "https://example.org/categories/%E7%AC%94%E8%AE%B0/" in sitemap
    post = (public / "posts" / "two" / "index.html").read_text("utf-8")
    assert post.count('class="category-trail"') == 2  # two paths, each level a link
    assert 'href="/categories/">分类</a>' in post  # the header links the tree
    assert not (public / "tags" / "机器学习").exists()  # kept out of the tags, as asked


def test_by_default_categories_are_also_tags_as_before(tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = make_site(tmp_path / "site")
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "public" / "tags" / "机器学习" / "index.html").is_file()  # URLs of earlier builds stay
    assert (site / "public" / "categories" / "机器学习" / "强化学习" / "index.html").is_file()


def test_a_site_without_categories_has_no_category_pages_or_link(tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://example.org/"\n', "utf-8")
    (site / "content" / "posts" / "a.md").write_text(
        "---\ntitle: a\ndate: 2025-01-01\ntags: [t]\n---\n\n正文\n", "utf-8"
    )
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert not (site / "public" / "categories").exists()
    assert "/categories/" not in (site / "public" / "index.html").read_text("utf-8")


def test_a_bad_category_value_is_a_warning_with_file_and_line(tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = make_site(tmp_path / "site", "categories_as_tags = false\n")
    bad = "---\ntitle: bad\ndate: 2025-01-01\ntags: [t]\ncategories:\n  机器学习: 1\n---\n\n正文\n"
    (site / "content" / "posts" / "bad.md").write_text(bad, encoding="utf-8")
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "content/posts/bad.md:5: 'categories' value of type dict was ignored" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "public" / "posts" / "bad" / "index.html").is_file()  # the post is still published


def test_a_post_at_the_tree_pages_url_is_an_error_naming_it(tmp_path: Path, cli: Callable[..., Any]) -> None:
    site = make_site(tmp_path / "site", 'categories_as_tags = false\n[permalinks]\npost = "/{slug}/"\n')
    clash = "---\ntitle: c\nslug: Categories\ndate: 2025-01-01\ntags: [t]\n---\n\n正文\n"
    (site / "content" / "posts" / "c.md").write_text(clash, encoding="utf-8")
    result = cli("build", cwd=site)
    assert result.returncode == 1
    assert "content/posts/c.md:3:" in result.stderr and "/categories/" in result.stderr.lower()
    assert "Traceback" not in result.stderr


def test_the_header_links_series_only_when_there_are_series_and_the_404_page_lists_new_posts(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    site = make_site(tmp_path / "site")
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    assert 'href="/series/"' not in (site / "public" / "index.html").read_text("utf-8")
    missing = (site / "public" / "404.html").read_text("utf-8")
    assert "最近的文章" in missing
    assert (
        missing.index('href="/posts/rl/"') < missing.index('href="/posts/two/"') < missing.index('href="/posts/none/"')
    )
    part = (site / "content" / "posts" / "ml.md").read_text("utf-8").replace("tags: [t]", "tags: [t]\nseries: 入门")
    (site / "content" / "posts" / "ml.md").write_text(part, "utf-8")
    result = cli("build", cwd=site)  # a cached build: every page's header changes, none is left stale
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "posts/none/index.html", "tags/t/index.html", "categories/index.html"):
        assert 'href="/series/">系列</a>' in (site / "public" / page).read_text("utf-8"), page


def test_categories_are_searchable_and_offered_as_jumps(tmp_path: Path, cli: Callable[..., Any]) -> None:
    import json

    site = make_site(tmp_path / "site", "categories_as_tags = false\n")
    result = cli("build", cwd=site)
    assert result.returncode == 0, result.stderr
    taxa = json.loads((site / "public" / "search-index" / "index.json").read_text("utf-8"))["taxa"]
    counts = {(kind, name): n for kind, name, _url, n in taxa}
    assert counts[("category", "机器学习")] == 3 and counts[("category", "强化学习")] == 2  # every level of a path
    assert counts[("category", "笔记")] == 1 and ("tag", "机器学习") not in counts
