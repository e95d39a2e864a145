"""Front matter from Hexo, Hugo and Jekyll mapped onto our keys before validation."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from generator.config.settings import SiteConfig
from generator.content.frontmatter import split_front_matter
from generator.content.loader import post_from_text
from generator.dialects.migrate import normalise, normalise_front_matter
from generator.errors import Severity

SRC = "content/posts/a.md"


def norm(data: dict[str, Any], lines: dict[str, int] | None = None, **kw: Any) -> tuple[dict[str, Any], list[str]]:
    out, found = normalise_front_matter(data, lines or {}, SRC, **kw)
    return out, [str(d) for d in found]


@pytest.mark.parametrize(
    ("categories", "tags", "expected"),
    [
        (["机器学习", "笔记"], None, ["机器学习", "笔记"]),
        ("机器学习, 笔记", None, ["机器学习", "笔记"]),
        ("机器学习，笔记", None, ["机器学习", "笔记"]),
        ("Notes", None, ["Notes"]),
        ("ml notes", None, ["ml", "notes"]),  # Jekyll: a space-separated string
        ([["ML", "Vision"], "Notes"], None, ["ML", "Vision", "Notes"]),  # Hexo hierarchy
        (["ML"], ["PyTorch", "ml"], ["PyTorch", "ml"]),  # same slug: not added twice
        (["ML"], "PyTorch, CUDA", ["PyTorch", "CUDA", "ML"]),
        (2024, None, ["2024"]),
        (None, ["x"], ["x"]),
    ],
)
def test_categories_join_tags(categories: Any, tags: Any, expected: list[str]) -> None:
    data = {"title": "t", "categories": categories}
    if tags is not None:
        data["tags"] = tags
    out, warnings = norm(data)
    assert out["tags"] == expected
    kept = out.get("categories")  # the names stay for the {categories} permalink field
    assert (kept is None) == (categories is None)
    assert kept is None or (kept and all(n.lower() in {str(t).lower() for t in out["tags"]} for n in kept))
    assert warnings == []


def test_singular_category_and_both_keys() -> None:
    out, _ = norm({"category": "Go", "categories": ["Web"], "tags": ["a"]})
    assert out["tags"] == ["a", "Web", "Go"]


def test_categories_kept_as_meta_when_configured() -> None:
    out, warnings = norm({"categories": ["ML"], "tags": ["a"]}, categories_as_tags=False)
    assert out == {"categories": ["ML"], "tags": ["a"]}
    assert warnings == []


def test_bad_category_items_are_dropped_with_a_warning() -> None:
    out, warnings = norm({"categories": ["ML", {"x": 1}, True]}, {"categories": 4})
    assert out["tags"] == ["ML"]
    assert len(warnings) == 1
    assert warnings[0].startswith("content/posts/a.md:4: 'categories' value")


def test_tags_of_wrong_type_are_left_for_the_loader() -> None:
    out, _ = norm({"tags": {"a": 1}, "categories": ["ML"]})
    assert out["tags"] == {"a": 1}


def test_nested_tags_are_left_for_the_loader() -> None:
    """Only categories nest (Hexo's hierarchy); a nested tags list is a mistake the loader reports."""
    assert norm({"tags": [["a", "b"], "c"], "categories": ["x"]})[0]["tags"] == [["a", "b"], "c"]


@pytest.mark.parametrize(
    ("data", "summary", "left"),
    [
        ({"description": "D"}, "D", {}),
        ({"excerpt": "E"}, "E", {}),
        ({"excerpt": "E", "description": "D"}, "E", {"description": "D"}),
        ({"summary": "S", "description": "D"}, "S", {"description": "D"}),
        ({"summary": "S", "excerpt": "E"}, "S", {"excerpt": "E"}),
    ],
)
def test_summary_aliases(data: dict[str, Any], summary: str, left: dict[str, Any]) -> None:
    out, warnings = norm(data)
    assert out.pop("summary") == summary
    assert out == left
    assert warnings == []


@pytest.mark.parametrize("alias", ["lastmod", "last_modified_at", "modified"])
def test_updated_aliases(alias: str) -> None:
    out, warnings = norm({alias: "2024-01-02"})
    assert out == {"updated": "2024-01-02"}
    assert warnings == []


@pytest.mark.parametrize("written", ["2018-04-12", "2018-08-10 09:19:44", "2021/9/30"])
def test_hexos_update_key_is_the_update_date_when_it_reads_as_one(written: str) -> None:
    out, warnings = norm({"update": written})
    assert out == {"updated": written} and warnings == []


@pytest.mark.parametrize("written", [True, "每周", 3])
def test_an_update_key_that_is_no_date_stays_the_posts_own(written: object) -> None:
    out, warnings = norm({"update": written})
    assert out == {"update": written} and warnings == []


def test_updated_wins_and_a_different_alias_is_reported() -> None:
    out, warnings = norm({"updated": "2024-01-02", "lastmod": "2024-03-04"}, {"lastmod": 6})
    assert out["updated"] == "2024-01-02"
    assert warnings == [
        "content/posts/a.md:6: 'lastmod' (2024-03-04) differs from 'updated' (2024-01-02); using updated "
        "(one last-updated date)"
    ]
    _, quiet = norm({"updated": "2024-01-02", "lastmod": "2024-01-02"})
    assert quiet == []


@pytest.mark.parametrize(
    ("key", "value", "slug"),
    [
        ("permalink", "/2020/01/hello-world/", "hello-world"),
        ("permalink", "/2020/01/hello-world.html", "hello-world"),
        ("permalink", "hello", "hello"),
        ("url", "/blog/%E6%84%9F%E5%8F%97%E9%87%8E/", "感受野"),
        ("url", "/about/?x=1#top", "about"),
    ],
)
def test_permalink_gives_slug_and_keeps_the_raw_value(key: str, value: str, slug: str) -> None:
    out, warnings = norm({key: value})
    assert out == {"slug": slug, "permalink_override": value}
    assert warnings == []


def test_slug_wins_over_permalink() -> None:
    out, warnings = norm({"slug": "mine", "permalink": "/x/other/"})
    assert out == {"slug": "mine", "permalink_override": "/x/other/"}
    assert warnings == []


@pytest.mark.parametrize("value", ["/", "/:categories/:title/", "/2020/index.html"])
def test_unusable_permalink_warns(value: str) -> None:
    out, warnings = norm({"permalink": value}, {"permalink": 3})
    assert "slug" not in out
    assert out["permalink_override"] == value
    assert len(warnings) == 1 and warnings[0].startswith("content/posts/a.md:3: permalink")


def test_an_absolute_url_is_a_link_not_a_permalink() -> None:
    out, warnings = norm({"url": "https://example.com/paper"})
    assert out == {"url": "https://example.com/paper"}
    assert warnings == []


def test_published_false_is_a_draft() -> None:
    assert norm({"published": False})[0] == {"draft": True}
    assert norm({"published": True})[0] == {}
    assert norm({"published": "no"})[0] == {"published": "no"}  # not ours to guess
    out, warnings = norm({"published": False, "draft": False}, {"published": 5})
    assert out == {"draft": True}
    assert len(warnings) == 1 and warnings[0].startswith("content/posts/a.md:5:")


def test_hugo_draft_stays() -> None:
    assert norm({"draft": True, "title": "x"})[0] == {"draft": True, "title": "x"}


def test_input_is_not_mutated() -> None:
    data = {"categories": [["a"]], "tags": ["b"], "lastmod": "2020-01-01", "permalink": "/x/", "published": False}
    before = copy.deepcopy(data)
    lines = {"categories": 2}
    normalise_front_matter(data, lines, SRC)
    assert data == before
    assert lines == {"categories": 2}


def test_key_lines_follow_the_moved_keys() -> None:
    result = normalise(
        {"lastmod": "x", "description": "d", "permalink": "/p/", "categories": ["c"]},
        {"lastmod": 3, "description": 4, "permalink": 5, "categories": 6},
        SRC,
    )
    assert result.key_lines == {"updated": 3, "summary": 4, "permalink_override": 5, "slug": 5, "tags": 6}


def test_warnings_are_warnings() -> None:
    _, found = normalise_front_matter({"categories": [True]}, {}, SRC)
    assert [d.severity for d in found] == [Severity.WARNING]


def test_loader_accepts_the_result(tmp_path: Path) -> None:
    """What the owner will wire: split, normalise, then validate as usual."""
    text = (
        "---\ntitle: Hello\ndate: 2020-01-01 10:00\ncategories: [[ML, Vision]]\n"
        "description: 一句话\nlast_modified_at: 2020-02-01\npermalink: /2020/01/hello-world/\n---\n\nbody\n"
    )
    fm, problem = split_front_matter(text, SRC)
    assert problem is None and fm is not None
    data, _ = normalise_front_matter(fm.data, fm.key_lines, SRC)
    dumped = "---\n" + "\n".join(f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {v}" for k, v in data.items())
    post, diagnostics = post_from_text(dumped + "\n---\nbody\n", SRC, SiteConfig(root=tmp_path))
    assert post is not None, diagnostics
    assert post.tag_names == ("ML", "Vision")
    assert post.summary == "一句话"
    assert post.slug == "hello-world"
    assert post.updated is not None and post.updated.month == 2
    assert post.meta == {"permalink_override": "/2020/01/hello-world/", "categories": ["ML", "Vision"]}
    assert [str(d) for d in diagnostics] == []


def test_hexos_singular_tag_key_is_its_tags() -> None:
    out, warnings = norm({"tag": ["数学", "笔记"]})
    assert out == {"tags": ["数学", "笔记"]} and warnings == []
    both, _ = norm({"tag": ["a"], "tags": ["b"]})
    assert both["tags"] == ["b"] and both["tag"] == ["a"]  # ours wins; the other stays the post's own


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ({"password": "s3cret"}, "encrypted with a password"),
        ({"password": 1234}, "encrypted with a password"),
        ({"hidden": True}, "hexo-hide-posts"),
        ({"hide": True}, "Fluid's hide"),
    ],
)
def test_posts_kept_off_the_old_blogs_lists_are_kept_out_with_a_warning(data: dict[str, Any], why: str) -> None:
    key = next(iter(data))
    out, warnings = norm(data, {key: 4})
    assert out["draft"] is True
    assert len(warnings) == 1 and warnings[0].startswith(f"{SRC}:4: post was ") and why in warnings[0]


@pytest.mark.parametrize("data", [{"hide": False}, {"hidden": "no"}, {"password": ""}, {"password": None}])
def test_an_empty_password_or_a_false_hide_publishes(data: dict[str, Any]) -> None:
    out, warnings = norm(data)
    assert "draft" not in out and warnings == []
