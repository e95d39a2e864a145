"""`toc: false` in front matter (fastpages, Quarto, Jekyll themes) turns the table of contents off."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config.settings import SiteConfig
from generator.content.loader import post_from_text
from generator.markdown.render import RenderOptions, render_post

BODY = "## 一\n\n文。\n\n## 二\n\n文。\n\n## 三\n\n文。\n"


@pytest.mark.parametrize(("written", "headings"), [("toc: false\n", 0), ("toc: true\n", 3), ("", 3)])
def test_toc_false_leaves_the_table_of_contents_empty(tmp_path: Path, written: str, headings: int) -> None:
    text = f"---\ntitle: T\ndate: 2020-01-14\ntags: [a]\n{written}---\n{BODY}"
    post, found = post_from_text(text, "content/posts/t.md", SiteConfig(root=tmp_path))
    assert post is not None and post.body is not None and not found
    post.rendered = render_post(post.body, RenderOptions())
    assert len(post.toc) == headings
    assert 'id="一"' in post.html or "<h2" in post.html  # the headings keep their ids and links
