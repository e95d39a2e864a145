"""The readings shipped made (highlight/precomputed.py): up to date, the same as reading, used
only for the very pattern they were made from; Python's identifier rule spelled for ASCII."""

from __future__ import annotations

import re

import pygments
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments import unistring
from pygments.lexer import words
from pygments.lexers import get_lexer_by_name

from generator.highlight import lexers, precomputed, shipped_readings
from generator.highlight.starts import (
    char_test,
    pattern_key,
    read_pattern,
    shipped_form,
    shipped_test,
    words_pattern_key,
)

# Characters past ASCII where a reading's test may go wrong: Latin-1, case folds onto ASCII
# (Kelvin sign, long s, dotted I), spaces, digits and letters of other scripts, a surrogate.
PAST_ASCII = [chr(code) for code in range(0x80, 0x180)] + list(
    "\u212a\u017f\u0130\u0131\u2028\u3000\u00a0\u0663\u4e2d\u6587\u05d0\u0416\U0001f600\ud800\U00010400"
)


def test_the_shipped_readings_are_those_the_lexers_read_to() -> None:
    stale = "the lexers' rules changed: run `python -m generator.highlight.precomputed` and commit its output"
    if pygments.__version__ != shipped_readings.PYGMENTS:
        pytest.skip(f"shipped from Pygments {shipped_readings.PYGMENTS}, this is {pygments.__version__}")
    assert precomputed.module_text() == precomputed.TARGET.read_text(encoding="utf-8"), stale


def test_a_shipped_test_is_the_test_read_on_every_ascii_character_and_past_it() -> None:
    checked = 0
    for language in precomputed.LANGUAGES:
        for pending in precomputed.pending_rules(language):
            if not isinstance(pending.source, str):
                continue
            starts, _anchored = read_pattern(pending.source, pending.flags)
            if starts is None:
                continue
            read, shipped = char_test(starts), shipped_test(*shipped_form(starts))
            for char in [*map(chr, range(128)), *PAST_ASCII]:
                assert bool(read(char)) == bool(shipped(char)), (language, pending.source[:60], char)
            checked += 1
    assert checked > 300


def test_the_shipped_reading_is_found_by_the_text_and_flags_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shipped reading is used (here one saying a rule starts only with z), but not for a
    pattern spelled one character otherwise or with other flags: that one is read again."""
    text = r"[a-c]+x"
    pattern = re.compile(text, re.MULTILINE)
    monkeypatch.setitem(shipped_readings.PATTERNS, pattern_key(text, pattern.flags), (True, "z", False, 0))
    lexers._reading.cache_clear()
    try:
        assert lexers.line_start_only(pattern)
        test = lexers.first_char_test(pattern)
        assert test is not None and test("z") and not test("a") and not test("中")
        for other in (re.compile(r"[a-c]+y", re.MULTILINE), re.compile(text)):
            test = lexers.first_char_test(other)
            assert test is not None and test("a") and not test("z")
            assert not lexers.line_start_only(other)
    finally:
        lexers._reading.cache_clear()


def test_without_shipped_readings_the_tokens_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Another Pygments finds none of its patterns shipped: every rule is read as before."""
    from tests.unit.highlight.test_lexers import SAMPLES, tokens

    monkeypatch.setattr(shipped_readings, "PATTERNS", {})
    monkeypatch.setattr(shipped_readings, "WORDS", {})
    monkeypatch.setattr(shipped_readings, "IDENTIFIERS", {})
    monkeypatch.setattr(lexers, "_TABLES", {})
    lexers._reading.cache_clear()
    lexers._words_test.cache_clear()
    try:
        for name in ("python", "cpp", "bash"):
            own = get_lexer_by_name(name, stripnl=False, ensurenl=False)
            fast = lexers.lexer_by_name(name, stripnl=False, ensurenl=False)
            assert tokens(fast, SAMPLES[name]) == tokens(own, SAMPLES[name])
    finally:
        lexers._reading.cache_clear()
        lexers._words_test.cache_clear()


def test_the_identifier_classes_hold_exactly_the_ascii_characters_the_spellings_assume() -> None:
    start, keep = re.compile(f"[{unistring.xid_start}]"), re.compile(f"[{unistring.xid_continue}]")
    ascii_chars = [chr(code) for code in range(128)]
    assert [c for c in ascii_chars if start.fullmatch(c)] == [c for c in ascii_chars if c.isalpha() or c == "_"]
    assert [c for c in ascii_chars if keep.fullmatch(c)] == [c for c in ascii_chars if c.isalnum() or c == "_"]
    wide = re.compile(precomputed.WIDE_IDENTIFIER)
    assert all(wide.fullmatch(c) for c in ["a", "Z", "_", "é", "中", "\U00010400", "a0", "a\u0300"])
    assert not any(wide.fullmatch(c) for c in "0 .@[`{\x7f")
    assert len(shipped_readings.IDENTIFIERS) == 2  # the name, and the name after @ (a decorator)


def _identifier_rules() -> list[tuple[re.Pattern[str], tuple[lexers.Match, ...]]]:
    name = f"[{unistring.xid_start}][{unistring.xid_continue}]*"
    return [
        (re.compile(text, re.MULTILINE), lexers.Pending(text, re.MULTILINE).matches()) for text in (name, "@" + name)
    ]


def _first_match(matches: tuple[lexers.Match, ...], text: str, pos: int) -> tuple[int, int] | None:
    for match in matches:
        found = match(text, pos)
        if found is not None:
            return found.span()
    return None


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from([*"aZ_0 @.\n", "é", "中", "\u212a", "\u0300", "\u00b2", "\U00010400", "·"]),
        max_size=12,
    )
)
def test_the_identifier_spellings_match_where_the_pattern_matches_and_as_far(text: str) -> None:
    """Tried in turn (the ASCII spelling, then the pattern where the wide one matches), they give
    the pattern's own match at every position: combining marks, superscripts, the middle dot and
    letters past the BMP included."""
    for pattern, matches in _identifier_rules():
        assert len(matches) == 2
        for pos in range(len(text) + 1):
            found = pattern.match(text, pos)
            assert _first_match(matches, text, pos) == (found.span() if found else None), (pattern.pattern[:2], pos)


def test_the_identifier_spellings_agree_with_the_pattern_past_ascii_on_every_code_point() -> None:
    """Past ASCII the ASCII spelling never matches and the wide one lets every character into
    both classes, so the pattern itself decides: checked on all of Unicode at once, and through
    the rules themselves on a character in every 61."""
    past_ascii = "".join(map(chr, range(0x80, 0x110000)))
    ascii_only, wide = (
        re.compile(spelling) for spelling in (precomputed.ASCII_IDENTIFIER, precomputed.WIDE_IDENTIFIER)
    )
    assert wide.fullmatch(past_ascii) is not None
    assert wide.fullmatch("a" + past_ascii) is not None
    assert ascii_only.match(past_ascii) is None and ascii_only.match("a" + past_ascii) is None
    (name, matches), _decorated = _identifier_rules()
    for char in past_ascii[::61]:
        for text in (char, "a" + char, char + "a"):
            found = name.match(text)
            assert _first_match(matches, text, 0) == (found.span() if found else None), hex(ord(char))


def test_ascii_python_never_compiles_the_identifier_classes() -> None:
    """9 ms of each process's first Python block were these two classes of Unicode ranges."""
    from tests.unit.highlight.test_lexers import SAMPLES, tokens

    fast = lexers.lexer_by_name("python", stripnl=False, ensurenl=False)
    lexers._TABLES.pop(type(fast), None)
    code = "@torch.no_grad()\ndef f(x):\n    return x @ y.T  # a comment\n"
    assert tokens(fast, code) == tokens(get_lexer_by_name("python", stripnl=False, ensurenl=False), code)
    compiled = [match for rules in lexers._TABLES[type(fast)]._compiled.values() for match, _, _ in rules]
    past_ascii = [match for match in compiled if isinstance(match, lexers._IdentifierPastAscii)]
    assert len(past_ascii) >= 2  # a decorator's, and a name's (once for each state holding the rule)
    assert all(match._full is None for match in past_ascii)
    assert tokens(fast, SAMPLES["python"] + "x中 = é\n") == tokens(
        get_lexer_by_name("python", stripnl=False, ensurenl=False), SAMPLES["python"] + "x中 = é\n"
    )
    assert any(match._full is not None for match in past_ascii)


def test_a_shipped_words_regex_is_used_only_under_the_pygments_that_made_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """regex_opt may make another regex in another release: then the list's own is made."""
    listed = words(("alpha", "beta"), prefix=r"(?<!\.)", suffix=r"\b")
    key = words_pattern_key(listed.prefix, listed.suffix, ("alpha", "beta"))
    monkeypatch.setitem(shipped_readings.WORD_PATTERNS, key, "(shipped)")
    monkeypatch.setattr(shipped_readings, "PYGMENTS", pygments.__version__)
    assert lexers.Pending(listed, 0).text == "(shipped)"
    assert lexers.Pending(words(("alpha", "beta"), prefix=r"(?<!\.)"), 0).text == listed.get()[: -len(r"\b")]
    monkeypatch.setattr(shipped_readings, "PYGMENTS", "0.0")
    assert lexers.Pending(listed, 0).text == listed.get()
