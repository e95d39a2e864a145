"""A line that opens with an inline HTML tag (`<img …>`, `<span>`, `<br>`) starts no HTML block
in a Hexo post (or one read by our own rules) when Markdown follows it on the next line.

CommonMark (and so markdown-it) makes such a line, when the tag is all it holds, the start of a
raw HTML block that runs to the next blank line, so the Markdown under it is published as
written: `*注意*` keeps its asterisks, and a `$$` formula cut by a blank line inside it leaves
its closing `$$` to open a block that swallows the next heading. hexo-renderer-kramed and
-pandoc, which math-heavy Hexo blogs used, read only block-level tags as HTML blocks: the image
sits in the paragraph and the lines after it stay Markdown, as Typora shows them too. A tag line
followed by a blank line is left to CommonMark, which publishes it as the same HTML either way.

Likewise a block-level element (`<p align="center">`, `<div>`, `<center>`, `<figure>`,
`<table>`) whose end tag closes its last line ends its HTML block there when Markdown follows on
the next line: kramed, pandoc and Typora read `1. 为神经网络…` under `</p>` as a list, where
CommonMark publishes it as raw text up to the next blank line. Only a block CommonMark would
have ended later is cut short, and only where nothing can be lost: the element is closed
(html_elements.py pairs its tags, nested ones counted) with no blank line inside, nothing but
end tags follows it on its line, and the next line is neither HTML nor indented code.
Hugo's goldmark and Jekyll's kramdown have rules of their own (kramdown_html.py), kept: a Hugo
post is read as CommonMark, its writer's engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from generator.dialects.html_elements import BLOCK_TAG, END_TAGS, START_TAG, element_end, html_block_kind
from generator.patterns import lazy_pattern

# Phrasing (inline) elements: none of them is in CommonMark's list of block tags.
_INLINE_TAG = lazy_pattern(
    r"</?(?:a|abbr|b|bdi|bdo|big|br|cite|code|data|del|dfn|em|font|i|img|input|ins|kbd|label|mark|q|s|samp|"
    r"small|span|strike|strong|sub|sup|time|tt|u|var|wbr)(?=[\s/>])",
    re.IGNORECASE,
)

HtmlBlock = Callable[[StateBlock, int, int, bool], bool]


def _before_markdown(rule: HtmlBlock) -> HtmlBlock:
    def html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        position = state.bMarks[start] + state.tShift[start]
        if not state.src.startswith("<", position):
            return False
        if start + 1 < end and not state.isEmpty(start + 1) and _INLINE_TAG.match(state.src, position) is not None:
            return False  # the paragraph rule takes the line, and the Markdown after it
        if not rule(state, start, end, silent):
            return False
        if not silent and state.line > start + 1:
            _end_with_element(state, start, position)
        return True

    return html_block


def _end_with_element(state: StateBlock, start: int, position: int) -> None:
    """Cut the HTML block CommonMark just took (lines `start` to `state.line`) after the line
    where the block-level element that opens it is closed, when the next line is Markdown."""
    src = state.src
    tag = START_TAG.match(src, position, state.eMarks[start])
    if tag is None or tag.group(3) or html_block_kind(src[position : state.eMarks[start]]) != BLOCK_TAG:
        return
    closed = element_end(state, start, state.line, tag.start(), tag.group(1).lower(), across_blank_lines=False)
    if closed is None:
        return
    last, close = closed
    following = last + 1
    if following >= state.line or END_TAGS.fullmatch(src[close : state.eMarks[last]].rstrip()) is None:
        return  # CommonMark ended it there already, or the line goes on past the element
    if state.sCount[following] - state.blkIndent >= 4 or src.startswith(
        "<", state.bMarks[following] + state.tShift[following]
    ):
        return  # indented code, or more HTML: CommonMark's reading of it stands
    token = state.tokens[-1]
    token.content = state.getLines(start, following, state.blkIndent, True)
    token.map = [start, following]
    state.line = following


def wrap_html_block(md: MarkdownIt, wrap: Callable[[HtmlBlock], HtmlBlock]) -> None:
    """Put `wrap(markdown-it's html_block rule)` in its place, with the same alternations: the one
    place that reaches into the ruler for it (kramdown_html.py wraps it too)."""
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == "html_block")
    md.block.ruler.at("html_block", wrap(rule.fn), {"alt": list(rule.alt)})


def inline_tag_lines_plugin(md: MarkdownIt) -> None:
    """Let an inline tag line above Markdown be part of a paragraph, and an element's HTML block
    end with it (see the module)."""
    wrap_html_block(md, _before_markdown)


__all__ = ["HtmlBlock", "inline_tag_lines_plugin", "wrap_html_block"]
