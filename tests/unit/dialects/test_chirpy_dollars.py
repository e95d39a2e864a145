"""Chirpy's `\\$$ … $$` in a Jekyll post: inline math where it opens a line, display elsewhere."""

from __future__ import annotations

from generator.dialects.engine import guess_dialect
from generator.markdown.render import RenderOptions, render_post

BODY = "步骤：\n\n1. \\$$ a_1 = \\{ x \\mid x > 0 \\} $$\n2. \\$$ \\bar{v}_{\\pi} + \\bar{r}_{\\pi} $$\n\n见 \\$$ c = 3 $$ 一式。\n"


def test_an_escaped_double_dollar_is_inline_math_at_the_start_and_display_inside_a_line() -> None:
    rendered = render_post(BODY, RenderOptions(dialect="jekyll"))
    assert rendered.warnings == (), rendered.warnings
    assert rendered.html.count('<span class="math math-inline">') == 2
    assert rendered.html.count("math-display") == 1
    assert "\\{ x \\mid x &gt; 0 \\}" in rendered.html and "<em>" not in rendered.html


def test_it_marks_a_post_as_written_for_kramdown() -> None:
    assert guess_dialect("content/posts/x.md", None, {"layout": "post"}, None, BODY)[0] == "jekyll"
