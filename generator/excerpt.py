"""The excerpt engine: the index page's summary of a post, right for Chinese.

We write our own because this is what the product is judged on: generic truncators
count bytes or words, cut a Latin word or an emoji in half, or drop formulas. Here a
post arrives as a flat list of segments (text, atoms that must not be cut, block
breaks) and the excerpt is a prefix of that text, measured in user-perceived
characters (one CJK character, letter, digit or emoji is one unit).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape

from .content import Excerpt


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Atom:
    """Something shown whole or not at all: an inline formula or a placeholder."""

    text: str  # what it counts as, and what the plain excerpt shows
    html: str  # what the HTML excerpt shows


@dataclass(frozen=True, slots=True)
class Break:
    """The boundary between two blocks (heading, paragraph, list item...)."""


Segment = Text | Atom | Break

_TRAILING = "，、；：,;:（(「『“‘—–-"
_ZWJ = "\u200d"


def is_wide(char: str) -> bool:
    """CJK ideographs, kana, hangul and full-width forms: breakable anywhere."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _extends(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # emoji tag sequences (flags of regions)
        or code == 0x20E3  # keycap
        or char == _ZWJ
    )


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def graphemes(text: str) -> Iterator[str]:
    """Split text into user-perceived characters (a pragmatic subset of UAX #29).

    Combining marks, variation selectors, skin tones, ZWJ sequences, keycaps, tag
    sequences and regional-indicator pairs stay with their base character.
    """
    cluster = ""
    pending_regional = False
    for char in text:
        if not cluster:
            cluster = char
            pending_regional = _regional(char)
            continue
        if _extends(char) or cluster.endswith(_ZWJ):
            cluster += char
            continue
        if pending_regional and _regional(char):
            cluster += char
            pending_regional = False
            continue
        if cluster == "\r" and char == "\n":
            cluster += char
            continue
        yield cluster
        cluster = char
        pending_regional = _regional(char)
    if cluster:
        yield cluster


def _is_word(cluster: str) -> bool:
    first = cluster[0]
    return (first.isalnum() or first in "_'’") and not is_wide(first)


@dataclass(frozen=True, slots=True)
class _Unit:
    text: str
    html: str
    width: int
    word: bool  # part of a Latin word or number: do not cut inside
    space: bool


def _collapse(segments: Iterable[Segment]) -> list[Segment]:
    """Whitespace to single spaces; a line break between two CJK characters disappears."""
    out: list[Segment] = []
    pending = ""  # "", "space", or "soft": a line break right after a CJK character
    last_char = ""

    def push_text(text: str) -> None:
        nonlocal last_char
        if out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + text)
        else:
            out.append(Text(text))
        last_char = text[-1]

    def flush(next_char: str) -> None:
        nonlocal pending
        if pending == "space" or (pending == "soft" and not is_wide(next_char)):
            push_text(" ")
        pending = ""

    for segment in segments:
        if isinstance(segment, Break):
            pending = "space" if out else ""
            continue
        if isinstance(segment, Atom):
            flush("a")
            out.append(segment)
            last_char = "a"
            continue
        for piece in re.split(r"(\s+)", segment.text):
            if not piece:
                continue
            if piece.isspace():
                if out and pending != "space":
                    pending = "soft" if "\n" in piece and is_wide(last_char) else "space"
                continue
            flush(piece[0])
            push_text(piece)
    return out


def plain_text(segments: Iterable[Segment]) -> str:
    """The post's text as the excerpt sees it; every excerpt is a prefix of this."""
    return "".join(s.text for s in _collapse(segments) if not isinstance(s, Break))


def _units(segments: Sequence[Segment]) -> list[_Unit]:
    units: list[_Unit] = []
    for segment in segments:
        if isinstance(segment, Atom):
            width = sum(1 for _ in graphemes(segment.text))
            units.append(_Unit(segment.text, segment.html, width, False, False))
        elif isinstance(segment, Text):
            for cluster in graphemes(segment.text):
                units.append(_Unit(cluster, escape(cluster, quote=False), 1, _is_word(cluster), cluster.isspace()))
    return units


def excerpt_of(segments: Sequence[Segment], length: int, ellipsis: str = "...") -> Excerpt:
    """Cut the post's text to at most `length` units, never inside a word, emoji or atom."""
    units = _units(_collapse(segments))
    total = sum(u.width for u in units)
    if total <= length:
        kept = units
        truncated = False
    else:
        used = 0
        end = 0
        while end < len(units) and used + units[end].width <= length:
            used += units[end].width
            end += 1
        # never end inside a Latin word or a number: back up to its start
        if end < len(units) and units[end].word:
            while end > 0 and units[end - 1].word:
                end -= 1
        kept = units[:end]
        while kept and (kept[-1].space or kept[-1].text in _TRAILING):
            kept.pop()
        truncated = True
    text = "".join(u.text for u in kept).strip()
    html = "".join(u.html for u in kept).strip()
    if truncated:
        text += ellipsis
        html += escape(ellipsis, quote=False)
    return Excerpt(text=text, html=html, truncated=truncated, source="auto")


_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0003134f]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’\-][A-Za-z0-9\u00c0-\u024f]+)*")


def count_reading_units(text: str) -> tuple[int, int]:
    """(CJK characters, Latin words): Hugo's hasCJKLanguage idea, counted per script."""
    return len(_CJK_RUN.findall(text)), len(_LATIN_WORD.findall(text))
