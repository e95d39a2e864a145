"""A token stream to the HTML Pygments' HtmlFormatter(nowrap=True) writes for it, byte for byte.

HtmlFormatter works a line at a time and a token at a time (split, escape, compare spans,
join a list a line): formatting took a fifth of highlighting 1,544 code blocks (0.11 s of
0.49 s); this takes half that. A token costs a dictionary look-up and an append or two; the
rest is done once a block, on the whole block: escaping, the tags, empty spans left out.

What HtmlFormatter writes, and so what this writes: tokens of one CSS class in a row (empty
ones between them skipped) share a span; a newline inside a span closes it and the next line
opens it again, never around nothing; a last line without its newline gets one. The classes
are HtmlFormatter's own, read once a token type from what it writes for that type, so a type
Pygments spells oddly is spelled the same here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from pygments import format as pygments_format
from pygments.formatters import HtmlFormatter

# While a block is built its tags are spelled with three private-use characters in place of
# '<', '>' and '"', so that escaping the code is one replace() a character over the whole
# block, not a call a token, and three more make the tags again. Code that holds one of the
# three is handed to HtmlFormatter itself.
_LT, _GT, _QUOT = "\ue000", "\ue001", "\ue002"
_STAND_INS = re.compile("[\ue000-\ue002]")
_END = f"{_LT}/span{_GT}"
_EMPTY_SPAN = re.compile(f"{_LT}span class={_QUOT}[^{_QUOT}]*{_QUOT}{_GT}{_END}")
# What HtmlFormatter escapes, as it escapes it (a quote as &#39;, not html.escape's &#x27;).
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;"))

_SPANS: dict[Any, str] = {}  # token type: the span it opens, in stand-ins ('' for plain text)
_LINE_ENDS: dict[str, str] = {}  # span: a newline inside it (the span closed before it, opened after)
_AFTER_SPAN: dict[str, str] = {"": _END}  # span: what opens it after another one (that one's end too)


def _span(ttype: Any) -> str:
    """The span HtmlFormatter opens a token of this type with, read from what it writes for a
    one-character token of that type ('' for plain text), with its tag characters stood in for."""
    written = pygments_format([(ttype, "\0")], _formatter())  # no class name holds a NUL
    span = written[: written.index("\0")].replace("<", _LT).replace(">", _GT).replace('"', _QUOT)
    _SPANS[ttype] = span
    _LINE_ENDS[span] = f"{_END}\n{span}"
    _AFTER_SPAN[span] = _END + span
    return span


def format_tokens(tokens: Iterable[tuple[Any, str]], text: str) -> str:
    """What HtmlFormatter(nowrap=True) writes for these (token type, value) pairs cut from `text`:
    tokens of one class in a row share a span, a span never holds a newline or nothing, and a
    last line without its newline gets one."""
    if _STAND_INS.search(text):
        return _pygments_html(tokens)
    spans = _SPANS
    after_span = _AFTER_SPAN
    out: list[str] = []
    append = out.append  # a token costs a few hundred nanoseconds: every lookup saved shows
    span = ""
    for ttype, value in tokens:
        if not value:
            continue
        opener = spans.get(ttype)
        if opener is None:
            opener = _span(ttype)
        if opener != span:
            append(after_span[opener] if span else opener)
            span = opener
        if span and "\n" in value:
            value = value.replace("\n", _LINE_ENDS[span])
        append(value)
    if span:
        append(_END)
    html = "".join(out)
    if "\n" in html:  # a line that leaves a span empty gets none
        html = _EMPTY_SPAN.sub("", html)
    if html and not html.endswith("\n"):
        html += "\n"
    return _tags_and_escapes(html)


def _tags_and_escapes(html: str) -> str:
    for char, entity in _ESCAPES:
        if char in html:
            html = html.replace(char, entity)
    return html.replace(_LT, "<").replace(_GT, ">").replace(_QUOT, '"')


@cache
def _formatter() -> HtmlFormatter:
    """One for the process: making one makes its style sheet too (half a millisecond)."""
    return HtmlFormatter(nowrap=True)


def _pygments_html(tokens: Iterable[tuple[Any, str]]) -> str:
    return pygments_format(tokens, _formatter())
