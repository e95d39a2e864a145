"""kramdown's HTML blocks, in the posts read as Jekyll posts: where one ends, and Markdown inside it.

CommonMark ends an HTML block only at a blank line, so the Markdown lines written right under
`<hr>`, `<br>` or `</details>` were published as raw text: `__Input:__` with its underscores,
`$x$` never typeset, a `$$n$$` of kramdown's inline math shown as display. kramdown ends the
block where its element ends, and reads Markdown inside an element that asks for it. This rule
stands in for markdown-it's html_block in the Jekyll parser (markdown/render.py) only:

- A block-level element's block ends on the line where the element closes (a void one such as
  `<hr>`, or one written `<div/>`, on its own line; a line of end tags such as `</div>` closes
  what was opened above it); the lines after it are Markdown. Where
  CommonMark ends the block sooner, at a blank line, it still does: kramdown keeps an element raw
  across blank lines, but reading every Jekyll post's HTML anew that way is not needed to stop
  the swallowing, and would change pages nobody reported.
- A line that starts with a span-level element (`<br>`, `<img>`, `<span>`: kramdown's list) and
  has a line of text under it starts a paragraph, as in kramdown; alone between blank lines it
  stays an HTML block, as before.
- `markdown="1"`, `"block"` or `"span"` on an element, or `{::options parse_block_html="true" /}`
  before it (kramdown.py), has its content read as Markdown up to its end tag, blank lines and
  all, by the element's content model: a `<div>` or `<details>` holds blocks, a `<p>` or a
  heading one run of text, and a `<pre>`, a `<table>` or an element kramdown does not know stays
  raw. kramdown gives `<summary>` blocks, which breaks its own output (a summary cannot hold a
  paragraph); here it holds a run of text. The attribute itself is not published (kramdown.py).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from generator.dialects.html_elements import BLOCK_TAG, END_TAGS, START_TAG, element_end, html_block_kind
from generator.dialects.inline_tag_lines import HtmlBlock, wrap_html_block
from generator.dialects.kramdown import kramdown_plugin, start_line_at, without_markdown_attribute
from generator.patterns import lazy_pattern


def _names(written: str) -> frozenset[str]:
    return frozenset(written.split())


# kramdown's span-level elements: at the start of a line they begin a paragraph, not a block.
_SPAN_ELEMENTS = _names(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp "
    "rt rtc ruby samp select small span strong sub sup tt u var"
)
_VOID = _names("area base br col command embed hr img input keygen link meta param source track wbr")
# Content models, as kramdown reads an element it parses: one run of text, or blocks; any other
# element (pre, table, ul, script, one kramdown does not know) keeps its content raw.
_HOLDS_TEXT = _names(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup "
    "p q rb rbc rp rt rtc ruby select small span strong sub sup summary th tt"
)
_HOLDS_BLOCKS = _names(
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form "
    "header hgroup iframe li main map menu nav noscript object section td"
)
_MARKDOWN = lazy_pattern(r"""\smarkdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
# Elements read as Markdown inside one another, at most: each costs five Python frames, so that
# a post of a thousand nested `<div markdown="1">` is shown raw past this depth, not a crash.
_DEEPEST = 32


def _reading(attributes: str, name: str, env: dict) -> str:
    """ "raw", "block" or "span": how the element's content is read."""
    found = _MARKDOWN.search(attributes)
    if found is None:
        kramdown = env.get("kramdown")
        if kramdown is None or not kramdown.parse_block_html:
            return "raw"
        value = "1"
    else:
        value = next(group for group in found.groups() if group is not None).strip().lower()
    if value in ("block", "span"):
        return value
    if value == "0":
        return "raw"
    return "span" if name in _HOLDS_TEXT else "block" if name in _HOLDS_BLOCKS else "raw"


def _with_kramdown_ends(original: HtmlBlock) -> HtmlBlock:
    def kramdown_html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        src = state.src
        if silent or not src.startswith("<", pos) or state.sCount[start] - state.blkIndent >= 4:
            return original(state, start, end, silent)
        line = src[pos : state.eMarks[start]]
        kind = html_block_kind(line)
        if kind is None or kind < BLOCK_TAG:  # a comment, <script>, <pre>: ended as kramdown ends them
            return original(state, start, end, silent)
        tag = START_TAG.match(src, pos, state.eMarks[start])
        if tag is None:
            ends = END_TAGS.fullmatch(line.rstrip())
            if ends is not None and ends.group(1).lower() not in _SPAN_ELEMENTS:
                _raw(state, start, start)  # `</div>` alone: what an element left open above ends here
                return True
            return _commonmark(original, state, start, end)
        name = tag.group(1).lower()
        reading = _reading(tag.group(2), name, state.env)
        if name in _SPAN_ELEMENTS and reading == "raw":
            if start + 1 < end and not state.isEmpty(start + 1) and state.sCount[start + 1] >= state.blkIndent:
                return False  # a line of text under it: the paragraph rule takes both
            return _commonmark(original, state, start, end)
        return _element(state, start, end, tag, reading) or _commonmark(original, state, start, end)

    return kramdown_html_block


def _commonmark(original: HtmlBlock, state: StateBlock, start: int, end: int) -> bool:
    """CommonMark's HTML block, ended before a comment that starts a line in it."""
    if not original(state, start, end, False):
        return False
    token = state.tokens[-1]
    if "{::comment" in token.content and token.map == [start, state.line]:
        stop = _before_comment(state, start, state.line)
        token.content = state.getLines(start, stop, state.blkIndent, True)
        token.map[1] = state.line = stop
    return True


def _before_comment(state: StateBlock, start: int, stop: int) -> int:
    """The first line after `start` and before `stop` that opens a kramdown comment, else `stop`:
    an HTML block ends there, so the comment is hidden whatever HTML it was written in (kramdown
    showed one inside raw HTML as text; a writer never meant that, and our HTML blocks do not
    always end where kramdown's did)."""
    for line in range(start + 1, stop):
        if state.src.startswith("{::comment", state.bMarks[line] + state.tShift[line]):
            return line
    return stop


def _element(state: StateBlock, start: int, end: int, tag: re.Match[str], reading: str) -> bool:
    """One element as kramdown ends it; False where CommonMark's reading stands."""
    name = tag.group(1).lower()
    if tag.group(3) or name in _VOID:
        if state.src[tag.end() : state.eMarks[start]].strip():
            return False
        _raw(state, start, start)
        return True
    closed = element_end(state, start, end, tag.start(), name, across_blank_lines=reading != "raw")
    if closed is None:
        return False
    last, close_start = closed
    if reading == "raw":
        if "markdown=" not in state.src[tag.end() : close_start]:
            _raw(state, start, last)
            return True
        reading = "block"  # kramdown reads the markdown="1" elements inside a raw one: found as blocks
    if state.env.get("kramdown_html_depth", 0) >= _DEEPEST:
        return False
    opening = state.push("html_block", "", 0)
    opening.map = [start, start + 1]
    opening.content = without_markdown_attribute(tag.group(0)) + ("\n" if reading == "block" else "")
    if reading == "span":
        _text_run(state, start, tag.end(), last, close_start)
    else:
        _blocks_inside(state, start, tag.end(), last, close_start)
    closing = state.push("html_block", "", 0)
    closing.map = [last, last + 1]
    closing.content = state.src[close_start : state.eMarks[last]] + "\n"
    state.line = last + 1
    return True


def _raw(state: StateBlock, start: int, last: int) -> None:
    if "{::comment" in state.src[state.bMarks[start] : state.eMarks[last]]:
        last = _before_comment(state, start, last + 1) - 1
    token = state.push("html_block", "", 0)
    token.map = [start, last + 1]
    token.content = state.getLines(start, last + 1, state.blkIndent, True)
    state.line = last + 1


def _text_run(state: StateBlock, first: int, begin: int, last: int, stop: int) -> None:
    """The element's content as one run of text, in a paragraph that shows no `<p>` (as the
    items of a tight list): the excerpt still ends a sentence there."""
    src = state.src
    if first == last:
        text = src[begin:stop]
    else:
        lines = [src[begin : state.eMarks[first]]]
        lines += [src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]] for line in range(first + 1, last)]
        lines.append(src[state.bMarks[last] + state.tShift[last] : stop])
        text = "\n".join(lines)
    opening = state.push("paragraph_open", "p", 1)
    opening.map = [first, last + 1]
    opening.hidden = True
    inline = state.push("inline", "", 0)
    inline.content = text.strip()
    inline.map = [first, last + 1]
    inline.children = []
    state.push("paragraph_close", "p", -1).hidden = True


def _blocks_inside(state: StateBlock, first: int, begin: int, last: int, stop: int) -> None:
    """Parse the lines from `begin` (after the start tag) to `stop` (the end tag) as blocks, in
    place, as markdown-it's containers do: the lines keep their numbers for every warning."""
    saved = (state.bMarks[first], state.tShift[first], state.sCount[first], state.eMarks[last], state.lineMax)
    state.eMarks[last] = stop
    start_line_at(state, first, begin)
    state.lineMax = last + 1
    state.level += 1
    state.env["kramdown_html_depth"] = state.env.get("kramdown_html_depth", 0) + 1
    try:
        state.md.block.tokenize(state, first, last + 1)
    finally:
        state.level -= 1
        state.env["kramdown_html_depth"] -= 1
        state.bMarks[first], state.tShift[first], state.sCount[first], state.eMarks[last], state.lineMax = saved


def kramdown_html_plugin(md: MarkdownIt) -> None:
    """The Jekyll parser's kramdown: its extensions and abbreviations (kramdown.py), and its
    ends of HTML blocks in place of CommonMark's."""
    kramdown_plugin(md)
    wrap_html_block(md, _with_kramdown_ends)


__all__ = ["kramdown_html_plugin"]
