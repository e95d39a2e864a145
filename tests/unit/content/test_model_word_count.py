"""A post's word count (字数): CJK characters plus Latin words, as Hexo's word-count plugins show it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from generator.content.model import Post
from generator.markdown.render import RenderOptions, render_post


def test_word_count_is_cjk_characters_plus_latin_words() -> None:
    post = Post(
        source="content/posts/a.md",
        title="a",
        date=datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")),
        slug="a",
        body="",
        body_line=1,
        source_hash="a",
    )
    post.rendered = render_post("用 LoRA 微调 large language models。\n\n```\nnot counted\n```\n", RenderOptions())
    assert post.word_count == 3 + 4  # 用 微 调; LoRA large language models
