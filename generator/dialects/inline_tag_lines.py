"""A line that opens with an inline HTML tag (`<img …>`, `<span>`, `<br>`) starts no HTML block
in a Hexo post (or one read by our own rules) when Markdown follows it on the next line.

CommonMark (and so markdown-it) makes such a line, when the tag is all it holds, the start of a
raw HTML block that runs to the next blank line, so the Markdown under it is published as
written: `*注意*` keeps its asterisks, and a `$$` formula cut by a blank line inside it leaves
its closing `$$` to open a block that swallows the next heading. hexo-renderer-kramed and
-pandoc, which math-heavy Hexo blogs used, read only block-level tags as HTML blocks: the image
sits in the paragraph and the lines after it stay Markdown, as Typora shows them too. A tag line
followed by a blank line is left to CommonMark, which publishes it as the same HTML either way.
Hugo's goldmark and Jekyll's kramdown have rules of their own (kramdown_html.py), kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

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
        if (
            state.src.startswith("<", position)
            and start + 1 < end
            and not state.isEmpty(start + 1)
            and _INLINE_TAG.match(state.src, position) is not None
        ):
            return False  # the paragraph rule takes the line, and the Markdown after it
        return rule(state, start, end, silent)

    return html_block


def wrap_html_block(md: MarkdownIt, wrap: Callable[[HtmlBlock], HtmlBlock]) -> None:
    """Put `wrap(markdown-it's html_block rule)` in its place, with the same alternations: the one
    place that reaches into the ruler for it (kramdown_html.py wraps it too)."""
    rule = next(rule for rule in md.block.ruler.__rules__ if rule.name == "html_block")
    md.block.ruler.at("html_block", wrap(rule.fn), {"alt": list(rule.alt)})


def inline_tag_lines_plugin(md: MarkdownIt) -> None:
    """Let an inline tag line above Markdown be part of a paragraph (see the module)."""
    wrap_html_block(md, _before_markdown)


__all__ = ["HtmlBlock", "inline_tag_lines_plugin", "wrap_html_block"]
