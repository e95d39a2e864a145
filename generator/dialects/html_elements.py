"""Where an HTML element written in a post ends: the one reading that both kramdown's HTML blocks
(kramdown_html.py, Jekyll posts) and kramed's (inline_tag_lines.py, Hexo posts and ours) need.

CommonMark ends an HTML block only at a blank line; the engines these posts were written for
end it where the element that opened it is closed. Finding that end tag for every block anew
took time growing with the square of a post full of unclosed elements, so each element name's
pairs are found in one pass a post.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from generator.patterns import lazy_pattern

# A start tag with its attributes: group 1 the name, 2 the attributes, 3 '/' for `<x/>`.
START_TAG = lazy_pattern(
    r"""<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*+)\s*(/?)>"""
)
# A run of end tags (`</p></div>`), the first one's name in group 1.
END_TAGS = lazy_pattern(r"(?:</([A-Za-z][A-Za-z0-9-]*)\s*>\s*)+")
# CommonMark's kinds of HTML block, counted from 0 as HTML_SEQUENCES lists them: kinds 0 to 4 (a
# comment, <script>, <pre>) end at their own closing text; BLOCK_TAG (a block-level tag such as
# <div>, <p>, <center>, <details>, <table>) and the kind after it (any other tag alone on its
# line) end at a blank line.
BLOCK_TAG = 5


def html_block_kind(line: str) -> int | None:
    """The kind of HTML block `line` opens (see BLOCK_TAG), or None for none."""
    return next((index for index, sequence in enumerate(HTML_SEQUENCES) if sequence[0].search(line)), None)


@lru_cache(maxsize=64)
def _tags_named(name: str) -> re.Pattern[str]:
    """Start and end tags of one element: group 1 is '/' for an end tag, group 2 for `<x/>`."""
    return re.compile(rf"""<(/?){re.escape(name)}(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""", re.IGNORECASE)


def element_end(
    state: StateBlock, start: int, end: int, opened: int, name: str, across_blank_lines: bool
) -> tuple[int, int] | None:
    """(line, offset) of the end tag that closes the element whose start tag is at `opened`; None
    if it has none, or a blank line (unless `across_blank_lines`), a line indented out of the
    container, or the container's end comes first."""
    close = _pairs(state, name).get(opened)
    if close is None or close >= state.eMarks[end - 1]:
        return None
    last = bisect.bisect_left(state.eMarks, close, start, end)
    for line in range(start + 1, last + 1):
        if state.isEmpty(line):
            if not across_blank_lines:
                return None
        elif state.sCount[line] < state.blkIndent:
            return None
    return last, close


def _pairs(state: StateBlock, name: str) -> dict[int, int]:
    """Where each start tag of `name` in the post has its end tag (the same elements opened inside
    it counted), found in one pass a post and element name."""
    cache = state.env.get("html_element_ends")
    if cache is None or cache[0] is not state.src:
        cache = state.env["html_element_ends"] = (state.src, {})
    pairs = cache[1].get(name)
    if pairs is None:
        pairs = cache[1][name] = {}
        opened: list[int] = []
        for found in _tags_named(name).finditer(state.src):
            if found.group(1):
                if opened:
                    pairs[opened.pop()] = found.start()
            elif not found.group(2):
                opened.append(found.start())
    return pairs


__all__ = ["BLOCK_TAG", "END_TAGS", "START_TAG", "element_end", "html_block_kind"]
