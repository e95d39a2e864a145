"""`blog new`: front matter text, slug styles, and never overwriting a post."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config.settings import SiteConfig
from generator.content.frontmatter import split_front_matter
from generator.content.loader import post_from_text
from generator.tools.newpost import create_post, new_post_text, parse_tag_option, slug_for

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 6, 29, 22, 40, 31, tzinfo=TZ)


def test_text_is_front_matter_then_an_empty_body() -> None:
    assert new_post_text("SigLIP 笔记", ["多模态", "CLIP"], NOW, draft=True) == (
        '---\ntitle: "SigLIP 笔记"\ndate: 2025-06-29 22:40\ntags: [多模态, CLIP]\ndraft: true\n---\n\n'
    )


def test_published_post_has_no_draft_key_and_no_tags_is_an_empty_list() -> None:
    assert new_post_text("x", [], NOW, draft=False) == '---\ntitle: "x"\ndate: 2025-06-29 22:40\ntags: []\n---\n\n'


def test_naive_now_and_empty_title_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        new_post_text("x", [], datetime(2025, 1, 1), draft=True)
    with pytest.raises(ValueError, match="empty"):
        new_post_text("  ", [], NOW, draft=True)


@pytest.mark.parametrize(
    "title",
    [
        'He said "hi": yes',
        "a\\b",
        "# not a comment",
        "- list?",
        "true",
        "2025-01-01",
        "123",
        "[x]",
        "{a: b}",
        "tab\tend",
    ],
)
def test_awkward_titles_read_back_exactly(title: str) -> None:
    fm, problem = split_front_matter(new_post_text(title, [], NOW, True), "x.md")
    assert problem is None and fm is not None
    assert fm.data["title"] == " ".join(title.split())


@pytest.mark.parametrize(
    "tags",
    [
        [
            "C++",
            "C#",
            "3D",
            "yes",
            "a: b",
            "[x]",
            "多模态",
            "Null",
            "a,b",
            "PyTorch 2.0",
            "'q'",
            " sp",
            "a\u2028b",
            "a\ufeffb",
            "a\x85b",
        ]
    ],
)
def test_awkward_tags_read_back_exactly(tags: list[str]) -> None:
    fm, problem = split_front_matter(new_post_text("t", tags, NOW, True), "x.md")
    assert problem is None and fm is not None
    assert fm.data["tags"] == tags


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda t: t.split()), st.lists(st.text(min_size=1, max_size=12)))
def test_any_title_and_tags_read_back(title: str, tags: list[str]) -> None:
    fm, problem = split_front_matter(new_post_text(title, tags, NOW, True), "x.md")
    assert problem is None and fm is not None
    assert fm.data["title"] == " ".join(title.split())
    assert fm.data["tags"] == tags


def test_the_loader_accepts_a_new_post() -> None:
    text = new_post_text("SigLIP 笔记", ["多模态"], NOW, draft=True)
    post, diagnostics = post_from_text(text, "content/posts/siglip-bi-ji.md", SiteConfig(root=Path("/x")))
    assert post is not None, diagnostics
    assert post.draft and post.title == "SigLIP 笔记" and post.tag_names == ("多模态",)
    assert post.date == datetime(2025, 6, 29, 22, 40, tzinfo=TZ)
    assert diagnostics == []


@pytest.mark.parametrize(
    ("title", "style", "slug"),
    [
        ("SigLIP 笔记", "unicode", "siglip-笔记"),
        ("SigLIP 笔记", "pinyin", "siglip-bi-ji"),
        ("SigLIP 笔记", "ascii", "siglip"),
        ("大模型的LoRA微调：原理与实现", "pinyin", "da-mo-xing-de-lora-wei-diao-yuan-li-yu-shi-xian"),
        ("感受野", "unicode", "感受野"),
        ("感受野", "pinyin", "gan-shou-ye"),
        ("Café au lait", "ascii", "cafe-au-lait"),
        ("Café au lait", "pinyin", "cafe-au-lait"),
        ("GPT-4 vs. Claude 3.5!", "ascii", "gpt-4-vs.-claude-3.5"),
        ("笔记", "ascii", "2025-06-29-2240"),
        ("!!!", "unicode", "2025-06-29-2240"),
        ("...", "pinyin", "2025-06-29-2240"),
    ],
)
def test_slug_styles(title: str, style: str, slug: str) -> None:
    assert slug_for(title, style, NOW) == slug


def test_long_titles_are_cut_at_a_hyphen() -> None:
    slug = slug_for("word " * 40, "unicode", NOW)
    assert len(slug) <= 80 and slug.endswith("word") and not slug.endswith("-")


def test_unknown_style() -> None:
    with pytest.raises(ValueError, match="unicode, pinyin, ascii"):
        slug_for("x", "latin")


def test_tag_option() -> None:
    assert parse_tag_option("多模态,CLIP， 视觉、CLIP,") == ["多模态", "CLIP", "视觉"]
    assert parse_tag_option(None) == []
    assert parse_tag_option("") == []


def test_create_post_writes_and_creates_the_folder(tmp_path: Path) -> None:
    posts = tmp_path / "content" / "posts"
    path = create_post(posts, "SigLIP 笔记", ["多模态"], NOW, draft=True, style="pinyin")
    assert path == posts / "siglip-bi-ji.md"
    assert path.read_text(encoding="utf-8") == new_post_text("SigLIP 笔记", ["多模态"], NOW, True)
    assert b"\r" not in path.read_bytes()


def test_create_post_with_an_explicit_slug(tmp_path: Path) -> None:
    path = create_post(tmp_path, "标题", [], NOW, slug="My Slug")
    assert path.name == "my-slug.md"


@pytest.mark.parametrize("existing", ["siglip.md", "siglip/index.md", "2024-01-02-siglip.md"])
def test_create_post_refuses_to_overwrite(tmp_path: Path, existing: str) -> None:
    target = tmp_path / existing
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists"):
        create_post(tmp_path, "SigLIP", [], NOW, style="ascii")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == [Path(existing).name]
