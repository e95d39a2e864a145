"""A line opening with an inline tag, right above Markdown, starts no HTML block in Hexo posts
and ours (kramed and pandoc read it so); Hugo keeps CommonMark's reading, as goldmark does."""

from __future__ import annotations

import pytest

from generator.markdown.render import RenderOptions, render_post


def html(body: str, dialect: str) -> str:
    return render_post(body, RenderOptions(dialect=dialect)).html


@pytest.mark.parametrize("dialect", ["hexo", "ours"])
def test_markdown_under_an_image_line_is_markdown(dialect: str) -> None:
    out = html('<img src="a.png" alt="a" />\n*注意* 与 **重点**\n', dialect)
    assert out == '<p><img src="a.png" alt="a" />\n<em>注意</em> 与 <strong>重点</strong></p>\n'


@pytest.mark.parametrize("dialect", ["hexo", "ours"])
def test_a_formula_cut_by_a_blank_line_under_an_image_keeps_the_heading_after_it(dialect: str) -> None:
    body = (
        '开头。\n\n<img src="a.png" />\n$$\n\\begin{gather}\na=b\\\\\n\nc=d\n\\end{gather}\n$$\n'
        "*注意 $x$ 的含义*\n\n## 第二节\n\n$$\ny=1\n$$\n后文。\n"
    )
    rendered = render_post(body, RenderOptions(dialect=dialect))
    assert rendered.warnings == ()
    assert '<h2 id="第二节">' in rendered.html and "<em>注意" in rendered.html
    assert rendered.html.count('<div class="math math-display">') == 2


@pytest.mark.parametrize("dialect", ["hexo", "ours", "hugo"])
def test_a_tag_line_before_a_blank_line_stays_raw_html(dialect: str) -> None:
    assert html('<img src="a.png">\n\n正文\n', dialect) == '<img src="a.png">\n<p>正文</p>\n'


def test_block_tags_and_hugo_keep_commonmark() -> None:
    assert html("<div>\n*x*\n</div>\n", "hexo") == "<div>\n*x*\n</div>\n"
    assert html('<img src="a.png">\n*x*\n', "hugo") == '<img src="a.png">\n*x*\n'
