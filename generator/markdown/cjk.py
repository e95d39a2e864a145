"""Chinese, Japanese and Korean text in Markdown: emphasis next to full-width punctuation, line breaks.

CommonMark decides whether `**` opens or closes from the characters around it, with rules
made for languages that put spaces between words. Chinese puts none, so
`**贝尔曼方程。**由此可得` is published with its asterisks: the closing `**` follows a
punctuation mark and precedes a letter, which CommonMark reads as an opener. Every Chinese
writer meets this on their first post. The "CommonMark CJK-friendly amendments"
(https://github.com/tats-u/markdown-cjk-friendly, specification.md) change only the
flanking rules, only where a CJK character or CJK punctuation is involved; markdown-it,
micromark and goldmark implement them. `cjk_plugin` applies them to `*`, `_` and `~~`;
text without CJK characters is parsed exactly as CommonMark says.

A line break inside a paragraph becomes a space in the browser, and Chinese text has no
spaces: `第一行⏎第二行` reads "第一行 第二行". Like Hugo's `eastAsianLineBreaks`, a soft
line break between two CJK characters (ideographs, kana, CJK and full-width punctuation,
either side) is removed; between Latin words, and next to Korean, which is written with
spaces, it stays.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, emphasis, strikethrough
from markdown_it.rules_inline.state_inline import Scanned
from markdown_it.token import Token

# Wide characters below U+2E80 and above U+1EFFF are mostly emoji, which are not CJK for
# these rules; these ranges are the CJK ones among them (Hangul jamo, the won sign, angle
# brackets, yijing symbols, enclosed ideographs that are not shown as emoji).
_CJK_OUTSIDE_MAIN_RANGE = (
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
)
# Hangul letters whose East Asian Width is not wide, still Korean script.
_HANGUL_NARROW = ((0x1160, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF), (0xFFA0, 0xFFDC))
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xFFA0, 0xFFDC))

_TEXT_VARIATION = range(0xFE00, 0xFE0F)  # variation selectors 1-15: not the emoji selector U+FE0F
_IDEOGRAPHIC_VARIATION = range(0xE0100, 0xE01F0)
# Curly quotes followed by U+FE01 ask for their full-width (CJK) form.
_FULL_WIDTH_QUOTES = frozenset("\u2018\u2019\u201c\u201d")
_FULL_WIDTH_SELECTOR = "\ufe01"
_ZERO_WIDTH_SPACE = "\u200b"
JOINED = "cjk_joined"  # meta key on a soft break that renders as nothing


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


@lru_cache(maxsize=4096)
def is_cjk(char: str) -> bool:
    """A CJK character as the amendments define it: East Asian Width W, F or H and not an
    emoji, or Korean script."""
    code = ord(char)
    if code < 0x2E80 or 0x1F000 <= code < 0x20000:
        return _in(code, _CJK_OUTSIDE_MAIN_RANGE) or _in(code, _HANGUL_NARROW)
    return unicodedata.east_asian_width(char) in ("W", "F", "H") or _in(code, _HANGUL_NARROW)


def is_hangul(char: str) -> bool:
    return _in(ord(char), _HANGUL)


def _is_punctuation(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


class _Before:
    """What stands before a delimiter run, read as the amendments read it: a character
    with a text variation selector after it counts as that character."""

    __slots__ = ("base", "char", "space")

    def __init__(self, src: str, start: int) -> None:
        self.char = src[start - 1] if start > 0 else " "
        self.base = self.char
        if ord(self.char) in _TEXT_VARIATION and start > 1:
            self.base = src[start - 2]
        self.space = isWhiteSpace(ord(self.char))

    def non_cjk_punctuation(self) -> bool:
        if not _is_punctuation(self.base) or is_cjk(self.base):
            return False
        # “︁ (a curly quote asking for its full-width form) is CJK punctuation
        return not (self.base in _FULL_WIDTH_QUOTES and self.char == _FULL_WIDTH_SELECTOR)

    def cjk(self) -> bool:
        return is_cjk(self.base)

    def punctuation(self) -> bool:
        return _is_punctuation(self.base)


def scan_delimiters(src: str, start: int, end: int, can_split_word: bool) -> Scanned:
    """Whether the run of `src[start]` markers at `start` can open and close emphasis.

    CommonMark's left- and right-flanking rules with the CJK-friendly amendments: a run
    next to CJK punctuation flanks as if that punctuation were a letter, and a run next to
    other punctuation still flanks when a CJK character stands on its other side.
    """
    marker = src[start]
    position = start
    while position < end and src[position] == marker:
        position += 1
    before = _Before(src, start)
    after = src[position] if position < end else " "

    after_space = isWhiteSpace(ord(after))
    after_punctuation = _is_punctuation(after)
    after_non_cjk_punctuation = after_punctuation and not is_cjk(after)
    before_non_cjk_punctuation = before.non_cjk_punctuation()

    left_flanking = not after_space and (
        not after_non_cjk_punctuation
        or before.space
        or before_non_cjk_punctuation
        or before.cjk()
        or ord(before.char) in _IDEOGRAPHIC_VARIATION
    )
    right_flanking = not before.space and (
        not before_non_cjk_punctuation or after_space or after_non_cjk_punctuation or is_cjk(after)
    )
    can_open = left_flanking and (can_split_word or not right_flanking or before.punctuation())
    can_close = right_flanking and (can_split_word or not left_flanking or after_punctuation)
    return Scanned(can_open, can_close, position - start)


InlineRule = Callable[[StateInline, bool], bool]


def _with_cjk_flanking(rule: InlineRule, markers: str) -> InlineRule:
    """The same inline rule, scanning its delimiter runs with the amended flanking rules.

    `markers` are the characters the rule starts with: it is tried at every character the text
    rule stops at, and refuses the others (and any silent call) before doing anything, so the
    wrapper refuses them first, without setting the scanner up (7,000 calls for 290 posts)."""

    def scan(state: StateInline, start: int, can_split_word: bool) -> Scanned:
        return scan_delimiters(state.src, start, state.posMax, can_split_word)

    def cjk_rule(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] not in markers:
            return False
        if "scanDelims" not in vars(state):
            state.scanDelims = scan.__get__(state)  # type: ignore[method-assign]
        return rule(state, silent)

    return cjk_rule


# --- line breaks -------------------------------------------------------------------------------------------

_MARKUP = frozenset(
    {"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close", "link_open", "link_close"}
)
_TEXT = frozenset({"text", "text_special", "code_inline"})


def line_break_vanishes(before: str, after: str) -> bool:
    """Hugo's eastAsianLineBreaks: no space between two CJK characters (Korean excepted:
    it is written with spaces), nor next to a zero-width space."""
    if _ZERO_WIDTH_SPACE in (before, after):
        return True
    if not before or not after:
        return False
    return is_cjk(before) and is_cjk(after) and not is_hangul(before) and not is_hangul(after)


def _neighbour(children: list[Token], index: int, step: int) -> str:
    """The visible character next to the soft break at `index`, looking through emphasis and
    link markup; "" when a formula, an image, HTML or another break stands there."""
    index += step
    while 0 <= index < len(children):
        child = children[index]
        if child.type in _TEXT:
            if child.content:
                return child.content[-1] if step < 0 else child.content[0]
        elif child.type not in _MARKUP:
            return ""
        index += step
    return ""


def join_cjk_lines(state: StateCore) -> None:
    """Mark the soft line breaks that stand between two CJK characters: they render as
    nothing. The tokens stay, so what counts lines (image warnings) still counts them."""
    for token in state.tokens:
        children = token.children
        if token.type != "inline" or not children:
            continue
        for index, child in enumerate(children):
            if child.type == "softbreak" and line_break_vanishes(
                _neighbour(children, index, -1), _neighbour(children, index, 1)
            ):
                child.meta[JOINED] = True


def is_joined(token: Token) -> bool:
    """A soft line break that shows as nothing (between two CJK characters)."""
    return bool(token.meta.get(JOINED))


def _render_softbreak(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    return "" if is_joined(tokens[idx]) else self.softbreak(tokens, idx, options, env)


def cjk_plugin(md: MarkdownIt) -> None:
    """CJK-friendly emphasis for `*`, `_` and `~~`; no line break between CJK characters."""
    md.inline.ruler.at("emphasis", _with_cjk_flanking(emphasis.tokenize, "*_"))
    md.inline.ruler.at("strikethrough", _with_cjk_flanking(strikethrough.tokenize, "~"))
    md.core.ruler.after("inline", "cjk_line_breaks", join_cjk_lines)
    md.add_render_rule("softbreak", _render_softbreak)
