"""Categories: Hexo's front-matter forms read as paths, and the tree of pages they make."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import post_from_text
from generator.dialects.front_matter import category_paths
from generator.site.categories import group_categories
from generator.site.plan import assemble, plan_pages
from tests.conftest import dated_post

SRC = "content/posts/x.md"


@pytest.mark.parametrize(
    ("value", "paths"),
    [
        ("机器学习", [("机器学习",)]),
        (["机器学习", "强化学习"], [("机器学习", "强化学习")]),  # a list is one path, parent first
        ([["机器学习", "强化学习"], ["笔记"]], [("机器学习", "强化学习"), ("笔记",)]),  # Hexo's list of lists
        ([["机器学习", "强化学习"], "笔记"], [("机器学习", "强化学习"), ("笔记",)]),
        ("Deep Learning", [("Deep Learning",)]),  # one name with a space, as Hexo reads it
        ("机器学习, 强化学习", [("机器学习", "强化学习")]),  # commas split, as tags are read
        ([["a"], ["a"]], [("a",)]),  # the same path twice counts once
        (2024, [("2024",)]),
        (None, []),
        ([], []),
    ],
)
def test_hexo_forms_are_read_as_paths(value: Any, paths: list[tuple[str, ...]]) -> None:
    assert category_paths(value) == (tuple(paths), None)


def test_hugo_reads_a_list_as_separate_top_level_categories() -> None:
    assert category_paths(["ML", "NLP"], flat=True) == ((("ML",), ("NLP",)), None)


def test_values_that_are_not_names_are_dropped_and_said() -> None:
    assert category_paths([1, True, {"x": 1}]) == ((("1",),), "true, of type dict")
    assert category_paths({"a": 1}) == ((), "of type dict")


def load(text: str, **settings: Any) -> tuple[Any, list[str]]:
    config = replace(SiteConfig(root=Path("/x")), **settings)
    post, found = post_from_text(text, SRC, config)
    return post, [f"{d.line}: {d.message}" for d in found]


def test_the_loader_keeps_categories_apart_from_tags_when_asked() -> None:
    text = (
        "---\ntitle: t\ndate: 2025-01-01\ntags: [a]\ncategories:\n  - [机器学习, 强化学习]\n  - [笔记]\n---\n\n正文\n"
    )
    post, found = load(text, categories_as_tags=False)
    assert found == []
    assert post.categories == (("机器学习", "强化学习"), ("笔记",))
    assert post.tag_names == ("a",)
    post, _ = load(text)  # the default keeps today's tags and adds the tree
    assert post.categories == (("机器学习", "强化学习"), ("笔记",))
    assert set(post.tag_names) == {"a", "机器学习", "强化学习", "笔记"}


def test_a_name_without_letters_ends_its_path_with_a_warning_on_its_line() -> None:
    text = "---\ntitle: t\ndate: 2025-01-01\ntags: [a]\ncategories: [机器学习, '!!!', 深入]\n---\n\n正文\n"
    post, found = load(text, categories_as_tags=False)
    assert post.categories == (("机器学习",),)
    assert found == ["5: category '!!!' has no letters or digits to make a URL from; it was ignored"]


def test_a_bad_value_is_a_warning_naming_the_line() -> None:
    text = "---\ntitle: t\ndate: 2025-01-01\ntags: [a]\ncategories:\n  x: 1\n---\n\n正文\n"
    post, found = load(text, categories_as_tags=False)
    assert post.categories == ()
    assert found == ["5: 'categories' value of type dict was ignored"]


def test_jekylls_single_category_key_is_read() -> None:
    post, _ = load(
        "---\ntitle: t\ndate: 2025-01-01\ntags: [a]\ncategory: 笔记\n---\n\n正文\n", categories_as_tags=False
    )
    assert post.categories == (("笔记",),)


def test_a_category_lists_the_posts_below_it_newest_first_and_counts_each_once() -> None:
    newest = dated_post("c", 3, categories=(("机器学习", "强化学习"), ("机器学习",)))
    middle = dated_post("b", 2, categories=(("笔记",),))
    oldest = dated_post("a", 1, categories=(("机器学习", "监督学习"),))
    categories, found = group_categories(SiteConfig(root=Path("/x")), [newest, middle, oldest])
    assert found == []
    assert [c.path for c in categories] == [
        "/categories/机器学习/",
        "/categories/机器学习/强化学习/",
        "/categories/机器学习/监督学习/",
        "/categories/笔记/",
    ]
    top = categories[0]
    assert [p.slug for p in top.posts] == ["c", "a"]  # filed twice under 机器学习, counted once
    assert [c.name for c in top.children] == ["强化学习", "监督学习"]
    assert categories[1].trail == (top, categories[1]) and categories[1].parent is top
    assert [[c.name for c in trail] for trail in newest.category_trails] == [["机器学习", "强化学习"], ["机器学习"]]


def test_names_are_slugged_as_tags_are_and_two_spellings_of_one_url_warn() -> None:
    first = dated_post("b", 2, categories=(("C#",),))
    second = dated_post("a", 1, categories=(("C-sharp",),))
    categories, found = group_categories(SiteConfig(root=Path("/x")), [first, second])
    assert [(c.name, c.path, c.count) for c in categories] == [("C#", "/categories/c-sharp/", 2)]
    assert len(found) == 1 and "category 'C-sharp' has the same URL /categories/c-sharp/" in found[0].message


def test_the_plan_has_paged_category_pages_the_tree_and_a_feed_each() -> None:
    config = replace(SiteConfig(root=Path("/x")), per_page=2, categories_as_tags=False)
    posts = [dated_post(f"p{i}", i, categories=(("机器学习", "强化学习"),), tag_names=("t",)) for i in range(3)]
    site, found = assemble(config, posts, now=datetime(2026, 1, 1, tzinfo=UTC))
    assert found == []
    outputs = {str(p.output): p for p in plan_pages(site)}
    for key in (
        "categories/index.html",
        "categories/机器学习/index.html",
        "categories/机器学习/page/2/index.html",
        "categories/机器学习/强化学习/index.html",
        "categories/机器学习/强化学习/page/2/index.html",
        "categories/机器学习/atom.xml",
        "categories/机器学习/强化学习/atom.xml",
    ):
        assert key in outputs, key
    assert outputs["categories/index.html"].lastmod is not None  # in the sitemap
    assert outputs["categories/机器学习/index.html"].page.title == "分类：机器学习"
