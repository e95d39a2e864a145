"""The characters a regex match can start with, read with the `re` module's own parser.

Whether a rule can match at a position depends, for nearly every rule, only on the character
there: each rule's pattern is read for the characters a match can start with. A rule that can
match nothing, or that we cannot read (backreferences, flags scoped to a group), is tried
everywhere (its reading is None). A reading is a pure function of the pattern's text and flags,
so the readings of the lexers a build meets most are shipped made (shipped.py); the rest are
read here when first needed (lexers.py).

A reading is kept as data: the one-character patterns a match can start with, and the flags they
are matched with. `char_test` makes it a test; `shipped_form` the form shipped, whose test
(`shipped_test`) needs no regex for an ASCII character.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

try:  # the parser `re` compiles with; its tree is the surest reading of a pattern
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a Python without it: every rule is tried everywhere
    sre_parse = None  # type: ignore[assignment]

Starts = tuple[tuple[str, ...], int]  # one-character patterns (or NON_ASCII), the flags they match with
Test = Callable[[str], object]
ShippedTest = tuple[str, bool | str, int]  # the ASCII characters, past ASCII: all or a pattern, its flags

_FLAGS_KEPT = re.IGNORECASE | re.DOTALL | re.ASCII  # what decides whether one character matches
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
NON_ASCII = "(?:non-ASCII)"  # in a list of starts: any character past ASCII


def pattern_key(text: str, flags: int) -> str:
    """What a shipped reading of a pattern is found by: a digest of its text and flags, so a
    pattern another Pygments spells differently is simply read again, never given another's.
    The flags as a number: Pythons format a RegexFlag differently."""
    return _digest(f"{int(flags)}\n{text}")


def words_key(prefix: str, listed: tuple[str, ...], flags: int) -> str:
    """What a shipped reading of a words() list is found by (its list, prefix and flags)."""
    return _digest(repr((int(flags), prefix, listed)))


def words_pattern_key(prefix: str, suffix: str, listed: tuple[str, ...]) -> str:
    """What a words() list's shipped regex is found by (its list, prefix and suffix)."""
    return _digest(repr((prefix, suffix, listed)))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class _Unreadable(Exception):
    """A pattern element whose first character we do not work out."""


def read_pattern(text: str, flags: int) -> tuple[Starts | None, bool]:
    """A pattern's starts (None: it must be tried everywhere), and whether it is anchored at a line's start."""
    if sre_parse is None:
        return None, False
    try:
        tree = sre_parse.parse(text, flags)
    except (re.error, TypeError, ValueError, RecursionError):
        return None, False
    anchored = _anchored(tree.data)
    try:
        starts, may_be_empty = _starts_of(tree.data)
    except (_Unreadable, re.error, TypeError, ValueError, RecursionError):
        return None, anchored
    flags |= tree.state.flags
    if may_be_empty or not starts or _folds_past_ascii(starts, flags):
        return None, anchored
    return (tuple(starts), flags & _FLAGS_KEPT), anchored


def read_words(prefix: str, listed: tuple[str, ...], flags: int) -> Starts | None:
    """The starts of `words(listed, prefix=...)` read from the list itself: making the
    alternation (regex_opt) and parsing it took a millisecond for each of Python's lists of
    builtins, exceptions and magic names. Its suffix never comes first, as no word is empty."""
    if sre_parse is None or not listed or not all(listed):
        return None
    try:
        tree = sre_parse.parse(prefix, flags)
        starts, may_be_empty = _starts_of(tree.data)
    except (_Unreadable, re.error, TypeError, ValueError, RecursionError):
        return None
    flags |= tree.state.flags
    if _folds_past_ascii(starts, flags):
        return None
    if may_be_empty:
        starts += [re.escape(word[0]) for word in listed]
    return tuple(starts), flags & _FLAGS_KEPT


def _exact_pattern(starts: tuple[str, ...]) -> str:
    return "|".join(sorted({start for start in starts if start != NON_ASCII}))


def char_test(reading: Starts) -> Test:
    """One test for a list of starts: a compiled alternation of one-character patterns."""
    starts, flags = reading
    exact = _exact_pattern(starts)
    test = re.compile(exact, flags).fullmatch if exact else None
    if test is None:
        return _beyond_ascii
    if NON_ASCII not in starts:
        return test
    return lambda char: char >= "\x80" or test(char)


def shipped_form(reading: Starts) -> ShippedTest:
    """The reading as shipped: the ASCII characters its test accepts, listed (tried on each), and
    past ASCII True when every character passes, else the pattern to try them with."""
    test = char_test(reading)
    ascii_chars = "".join(char for char in map(chr, range(128)) if test(char))
    starts, flags = reading
    return ascii_chars, NON_ASCII in starts or _exact_pattern(starts), int(flags)


def shipped_test(ascii_chars: str, beyond: bool | str, flags: int) -> Test:
    """The test of a shipped reading, the same as char_test's: no regex is compiled (each is
    ~40 µs, ~2 ms for the rules a Python block meets) until a character past ASCII asks."""
    if beyond is True:
        return lambda char: char >= "\x80" or char in ascii_chars
    past_ascii: list[Test] = []

    def test(char: str) -> object:
        if char < "\x80":
            return char in ascii_chars
        if not past_ascii:
            past_ascii.append(re.compile(str(beyond), flags).fullmatch)
        return past_ascii[0](char)

    return test


def _anchored(sequence: Sequence[tuple[Any, Any]]) -> bool:
    """Whether the first element, inside groups, is ^ (the text's start or, multiline, a line's)
    or \\A. Mid-line such a rule fails at once, but a failed call still costs a quarter of a
    microsecond: in C++ these rules were half of all the calls that failed."""
    if not sequence:
        return False
    op, value = sequence[0]
    name = str(op)
    if name == "AT":
        return str(value) in ("AT_BEGINNING", "AT_BEGINNING_STRING")
    if name == "SUBPATTERN":
        _group, add_flags, del_flags, inner = value
        return not (add_flags or del_flags) and _anchored(inner.data)
    if name == "ATOMIC_GROUP":
        return _anchored(value.data)
    return False


def _folds_past_ascii(starts: list[str], flags: int) -> bool:
    """A class cut at ASCII, ignoring case: a character it held past ASCII may match an ASCII
    one (the Kelvin sign matches k), which the cut test would turn away. Tried everywhere."""
    return NON_ASCII in starts and bool(flags & re.IGNORECASE)


def _beyond_ascii(char: str) -> bool:
    return char >= "\x80"


def _starts_of(sequence: Sequence[tuple[Any, Any]]) -> tuple[list[str], bool]:
    """One-character patterns a match of this sequence can start with, and whether it can be empty.

    Elements are read from the left while they can match nothing (an optional part, a
    lookahead, an anchor): the first one that cannot ends the reading.
    """
    starts: list[str] = []
    for op, value in sequence:
        found, may_be_empty = _starts_of_element(str(op), value)
        starts += found
        if not may_be_empty:
            return starts, False
    return starts, True


def _starts_of_element(op: str, value: Any) -> tuple[list[str], bool]:
    if op == "LITERAL":
        return [re.escape(chr(value))], False
    if op == "NOT_LITERAL":
        return [f"[^{re.escape(chr(value))}]"], False
    if op == "ANY":
        return ["."], False
    if op == "IN":
        return _character_class(value), False
    if op == "SUBPATTERN":
        _group, add_flags, del_flags, inner = value
        if add_flags or del_flags:  # (?i:...) and the like: not worth reading
            raise _Unreadable(op)
        return _starts_of(inner.data)
    if op == "ATOMIC_GROUP":
        return _starts_of(value.data)
    if op == "BRANCH":
        starts: list[str] = []
        any_empty = False
        for alternative in value[1]:
            found, may_be_empty = _starts_of(alternative.data)
            starts += found
            any_empty = any_empty or may_be_empty
        return starts, any_empty
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        least, _most, inner = value
        found, may_be_empty = _starts_of(inner.data)
        return found, may_be_empty or least == 0
    if op in ("AT", "ASSERT", "ASSERT_NOT"):  # zero width: the next element starts the match
        return [], True
    raise _Unreadable(op)  # backreferences, conditionals


def _character_class(items: Sequence[tuple[Any, Any]]) -> list[str]:
    """The class as starts: its ASCII part exactly and, if it holds any other character,
    NON_ASCII (compiling a class of Unicode ranges costs a millisecond a thousand code points)."""
    parts: list[str] = []
    negate = False
    cut = False
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            if value < 0x80:
                parts.append(re.escape(chr(value)))
            cut = True if value >= 0x80 else cut
        elif name == "RANGE":
            first, last = value
            if first < 0x80:
                parts.append(f"{re.escape(chr(first))}-{re.escape(chr(min(last, 0x7F)))}")
            cut = True if last >= 0x80 else cut
        elif name == "CATEGORY" and str(value) in _CATEGORIES:
            parts.append(_CATEGORIES[str(value)])
        else:
            raise _Unreadable(name)
    if negate:  # leaving out fewer characters only widens the test
        return [f"[^{''.join(parts)}]" if parts else "(?s:.)"]
    return ([f"[{''.join(parts)}]"] if parts else []) + ([NON_ASCII] if cut else [])
