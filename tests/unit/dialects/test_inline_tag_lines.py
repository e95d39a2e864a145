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


# --- a block-level element closed on a later line, with Markdown right under it -----------------

ACTIVATIONS = '1. 计算简单。\n<p align="center">\n<img src="relu.png" width="400">\n</p>\n1. 为神经网络提供了**稀疏表达的能力**。\n'


@pytest.mark.parametrize("dialect", ["hexo", "ours"])
def test_markdown_under_a_closed_element_is_markdown(dialect: str) -> None:
    """kramed, pandoc and Typora end the block at `</p>`: the line under it is a list."""
    assert html(ACTIVATIONS, dialect) == (
        "<ol>\n<li>计算简单。</li>\n</ol>\n"
        '<p align="center">\n<img src="relu.png" width="400">\n</p>\n'
        "<ol>\n<li>为神经网络提供了<strong>稀疏表达的能力</strong>。</li>\n</ol>\n"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<center><img src="a.png"></center>\n*图 1*\n', '<center><img src="a.png"></center>\n<p><em>图 1</em></p>\n'),
        (
            '<div class="a">\n<div>\nx\n</div>\n*内*\n</div></p>\n**外**\n',
            '<div class="a">\n<div>\nx\n</div>\n*内*\n</div></p>\n<p><strong>外</strong></p>\n',
        ),
        (
            "<table>\n<tr><td>1</td></tr>\n</table>\n- 项\n",
            "<table>\n<tr><td>1</td></tr>\n</table>\n<ul>\n<li>项</li>\n</ul>\n",
        ),
    ],
    ids=["one-line", "nested-same-name", "table"],
)
def test_the_block_ends_with_the_element_that_opened_it(body: str, expected: str) -> None:
    assert html(body, "ours") == expected


@pytest.mark.parametrize(
    "body",
    [
        "<div>\nx\n</div> **同一行**\n**下一行**\n",  # the line goes on past the element
        "<div>\nx\n</div>\n    **缩进**\n",  # indented code under CommonMark's rules: kept raw
        "<div>\nx\n</div>\n<p>\n**y**\n</p>\n",  # more HTML: CommonMark's reading is the same HTML
        "<div>\nx\n**未闭合**\n",  # never closed
        "<div><div>\nx\n</div>\n**外层未闭合**\n",  # the element that opened the block is still open
        "<hr>\n**y**\n",  # a void element: left as marked reads it
    ],
    ids=["text-after-end-tag", "indented", "html-follows", "unclosed", "outer-open", "void"],
)
def test_where_nothing_is_sure_the_block_runs_to_the_blank_line(body: str) -> None:
    assert html(body, "ours").startswith(body)  # an element left open is closed after the post


def test_a_hugo_post_keeps_commonmark_after_a_closed_element() -> None:
    assert html(ACTIVATIONS, "hugo").endswith("</p>\n1. 为神经网络提供了**稀疏表达的能力**。\n")


def test_lines_after_the_element_keep_their_numbers() -> None:
    body = '<p align="center">\n<img src="a.png">\n</p>\n坏公式 $\\frac{a$ 在此\n'
    rendered = render_post(body, RenderOptions(dialect="ours"), first_line=10)
    assert [line for line, _, _ in rendered.warnings] == [13]
