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

from generator.content.model import Excerpt
from generator.markdown.cjk import line_break_vanishes


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text in an excerpt: cut anywhere between two characters, unlike an Atom."""

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

_TRAILING = "，、；：,;:（(「『“‘—–-…"  # never end a cut on these: "……..." reads badly
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


# Printable ASCII (no CR), CJK punctuation, ideographs and full-width forms: no character
# here combines with its neighbour, so such text needs no cluster analysis.
_SIMPLE = re.compile(r"[\x20-\x7e\n\t\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*")


def graphemes(text: str) -> Iterator[str]:
    """Split text into user-perceived characters (a pragmatic subset of UAX #29).

    Combining marks, variation selectors, skin tones, ZWJ sequences, keycaps, tag
    sequences and regional-indicator pairs stay with their base character.
    """
    if _SIMPLE.fullmatch(text):  # the common case: every character stands alone
        yield from text
        return
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


_SPACES = re.compile(r"(\s+)")


def plain_text(segments: Iterable[Segment]) -> str:
    """The post's text as the excerpt sees it; every excerpt is a prefix of this."""
    return "".join(unit[0] for unit in _units(segments))


def _units(segments: Iterable[Segment]) -> Iterator[tuple[str, str | None, int, bool]]:
    """(text, atom HTML or None, width, divisible) per user-perceived character or atom of the
    post's text, its whitespace collapsed to single spaces; a line break between two CJK
    characters disappears (the rule the page follows, cjk.line_break_vanishes: Korean and
    Latin keep their space).

    A generator, so the excerpt reads only as far into a long post as it needs. Text in which
    every character stands alone comes as one divisible run, so a long paragraph costs one
    step instead of one per character; a segment whose text stands alone needs no test per
    piece (a third of the excerpt's time, measured).
    """
    pending = ""  # "", "space", or "soft": a line break (gone between two CJK characters)
    last_char = ""
    started = False
    for segment in segments:
        if isinstance(segment, Break):
            pending = "space" if started else ""
            continue
        if isinstance(segment, Atom):
            if pending:
                yield " ", None, 1, True
            pending = ""
            started = True
            last_char = "a"
            yield segment.text, segment.html, sum(1 for _ in graphemes(segment.text)), False
            continue
        simple = _SIMPLE.fullmatch(segment.text) is not None  # then so is every piece of it
        for piece in _SPACES.split(segment.text):
            if not piece:
                continue
            if piece.isspace():
                if started and pending != "space":
                    pending = "soft" if "\n" in piece else "space"
                continue
            if pending == "space" or (pending == "soft" and not line_break_vanishes(last_char, piece[0])):
                yield " ", None, 1, True
            pending = ""
            started = True
            last_char = piece[-1]
            if simple or _SIMPLE.fullmatch(piece):
                yield piece, None, len(piece), True
            else:
                for cluster in graphemes(piece):
                    yield cluster, None, 1, False


def _pieces(item: tuple[str, str | None], divisible: bool) -> list[tuple[str, str | None]]:
    """A divisible run as its characters; a cluster or an atom as it is."""
    return [(char, None) for char in item[0]] if divisible else [item]


def _joins_word(before: str, middle: str, after: str) -> bool:
    """'.' in 3.14, ',' in 1,000 and ' in don't belong to the word around them."""
    return middle in _INNER and _is_word(before) and _is_word(after)


_INNER = ".,'’"


def excerpt_of(segments: Sequence[Segment], length: int, ellipsis: str = "...") -> Excerpt:
    """Cut the post's text to at most `length` units, never inside a word, number, emoji or atom."""
    kept: list[tuple[str, str | None]] = []  # (text, html of an atom or None for text)
    runs: set[int] = set()  # indexes in kept of divisible runs of several characters
    used = 0
    units = _units(segments)
    ahead: list[str] = []  # the first two units that did not fit
    for text, atom_html, width, divisible in units:
        if used + width <= length:
            kept.append((text, atom_html))  # a divisible run stays one item until a cut needs its characters
            if divisible:
                runs.add(len(kept) - 1)
            used += width
            continue
        if divisible:  # part of the run fits: keep it, the rest starts what did not fit
            room = length - used
            if room:
                kept.append((text[:room], None))
                runs.add(len(kept) - 1)
            ahead = list(text[room : room + 2])
        else:
            ahead = [text if atom_html is None else "\ufffc"]
        if len(ahead) < 2:
            following = next(units, None)
            if following is not None:
                ahead.append(following[0][:1] if following[3] else following[0] if following[1] is None else "\ufffc")
        break
    truncated = bool(ahead)
    if truncated:
        # The cut can back up only through runs that touch the end without whitespace between
        # them (inline code next to text is two runs in one word): only those become characters.
        # (At most the excerpt's length in characters, so this stays cheap.)
        first = len(kept)
        while first > 0 and kept[first - 1][1] is None and (first == len(kept) or not kept[first][0][:1].isspace()):
            first -= 1
        if first < len(kept):
            tail = [piece for i in range(first, len(kept)) for piece in _pieces(kept[i], i in runs)]
            kept = kept[:first] + tail
        seq = [t if h is None else "\ufffc" for t, h in kept] + ahead
        cut = len(kept)

        def in_word(i: int) -> bool:
            if i < 0 or i >= len(seq):
                return False
            if _is_word(seq[i]):
                return True
            return 0 < i < len(seq) - 1 and _joins_word(seq[i - 1], seq[i], seq[i + 1])

        if in_word(cut) and in_word(cut - 1):  # the cut falls inside a word: back up to its start
            while cut > 0 and in_word(cut - 1):
                cut -= 1
        del kept[cut:]
        while kept and (kept[-1][0].isspace() or kept[-1][0] in _TRAILING):
            kept.pop()
    text = "".join(t for t, _ in kept).strip()
    html = _html_of(kept).strip()
    if truncated:
        text += ellipsis
        html += escape(ellipsis, quote=False)
    return Excerpt(text=text, html=html, truncated=truncated, source="auto")


def _html_of(kept: list[tuple[str, str | None]]) -> str:
    parts: list[str] = []
    run: list[str] = []
    for text, atom_html in kept:
        if atom_html is None:
            run.append(text)
            continue
        parts.append(escape("".join(run), quote=False))
        run = []
        parts.append(atom_html)
    parts.append(escape("".join(run), quote=False))
    return "".join(parts)


# Runs, not single characters: a post's CJK text is a few hundred runs, not thousands of matches.
_CJK_RUN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\U00020000-\U0003134f]+"
_LATIN_WORD = r"[A-Za-z0-9\u00c0-\u024f]+(?:['’\-][A-Za-z0-9\u00c0-\u024f]+)*"
# Both in one scan of the text (the two share no character): a CJK run is group 1, a Latin word
# leaves it empty. Two scans were a twentieth of rendering a post, one is two thirds of that.
_READING_UNITS = re.compile(f"({_CJK_RUN})|{_LATIN_WORD}")


def count_reading_units(text: str) -> tuple[int, int]:
    """(CJK characters, Latin words): Hugo's hasCJKLanguage idea, counted per script."""
    found = _READING_UNITS.findall(text)
    return sum(map(len, found)), found.count("")
