"""Pygments lexers that try, at each position, only the rules that can start with the character there.

A Pygments RegexLexer tries its current state's rules one by one until one matches: in Python
code about thirty failed regex calls a token, which made highlighting the largest part of
rendering a post. Whether a rule can match at a position depends, for nearly every rule, only
on the character there: each rule's pattern is read with the `re` module's own parser for the
characters a match can start with. A rule that can match nothing, or that we cannot read
(backreferences, flags scoped to a group), is tried everywhere. The rules a position gets are
still tried in their own order, so the tokens are exactly the lexer's own; the tests compare
them over many languages and random text.

Reading a pattern is itself slow (`re`'s parser, in Python, over every keyword of a `words()`
alternation): a state's rules are read only when the lexer first enters that state, and each
pattern once however many states include it. A block of Python code enters a handful of the
lexer's fifty states, and a one-post build no longer pays for the others.

Compiling them is slower still, and Pygments compiles every rule of a lexer when it is first
made: 25 ms for Python, whose identifier rules are two classes of thousands of Unicode ranges
(`re` sets a bit a code point for each). The lexers made here (`lexer_by_name`) compile a rule
only when a character that can start it is met in its state: a block of Python code compiles
about a tenth of its lexer's rules. A first-character test keeps the ASCII part of a class exact
and lets any other character through, so it compiles in microseconds, however large the class.

Only lexers that use RegexLexer's own loop are sped up, and the C family's, which runs that loop
and then types the names of standard types; another with its own loop is returned as it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any

import pygments
from pygments.lexer import Future, Lexer, RegexLexer, RegexLexerMeta, words
from pygments.token import Error, Keyword, Name, Whitespace, _TokenType
from pygments.util import ClassNotFound

from generator.highlight import shipped_readings
from generator.highlight.names import lexer_class
from generator.highlight.starts import (
    Test,
    char_test,
    pattern_key,
    read_pattern,
    read_words,
    shipped_test,
    words_key,
    words_pattern_key,
)


def first_char_test(pattern: re.Pattern[str]) -> Test | None:
    """A test true for every character a match of `pattern` can start with (and maybe others);
    None when a match may be empty or start anywhere, so the rule must always be tried."""
    return _reading(pattern.pattern, pattern.flags)[0]


def line_start_only(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` begins with ^ or \\A (in groups or not): it can match only where a line
    starts, at the start of the text or after a newline."""
    return _reading(pattern.pattern, pattern.flags)[1]


@cache  # states share rules (Pygments' `include`): each pattern is read once
def _reading(text: str, flags: int) -> tuple[Test | None, bool]:
    """The first-character test of a pattern, and whether it is anchored at a line's start:
    shipped made for the lexers a build meets most, else read (~0.1 ms a pattern, most of the
    time a first Python block took besides compiling)."""
    shipped = shipped_readings.PATTERNS.get(pattern_key(text, flags))
    if shipped is not None:
        return (shipped_test(*shipped[1:]) if len(shipped) > 1 else None), shipped[0]
    starts, anchored = read_pattern(text, flags)
    return (char_test(starts) if starts is not None else None), anchored


@cache
def _words_test(prefix: str, listed: tuple[str, ...], flags: int) -> Test | None:
    """The first-character test of `words(listed, prefix=...)`, shipped or read from the list."""
    shipped = shipped_readings.WORDS.get(words_key(prefix, listed, flags))
    if shipped is not None:
        return shipped_test(*shipped) if shipped else None
    starts = read_words(prefix, listed, flags)
    return char_test(starts) if starts is not None else None


Match = Callable[[str, int], "re.Match[str] | None"]
Rule = tuple[Match, Any, Any]  # (match, action, next state)


class Pending:
    """A rule's pattern as Pygments wrote it, compiled (_RulesByChar._compile) the first time it
    must be tried."""

    __slots__ = ("_text", "flags", "source")

    def __init__(self, source: str | Future, flags: int) -> None:
        self.source = source
        self.flags = flags
        self._text = source if isinstance(source, str) else None

    @property
    def text(self) -> str:
        if self._text is None:  # words(): its regex is made from the list on demand
            self._text = _words_pattern(self.source)
        return self._text

    def match(self) -> Match:
        return re.compile(self.text, self.flags).match

    def matches(self) -> tuple[Match, ...]:
        """What to try for the rule, in order: its pattern, or for Python's identifier rules an
        ASCII spelling then, where it failed, the pattern itself (_IdentifierPastAscii)."""
        if isinstance(self.source, str) and len(self.source) > 1000:  # only long patterns are worth it
            spelling = shipped_readings.IDENTIFIERS.get(pattern_key(self.source, self.flags))
            if spelling is not None:
                ascii_only, wide = spelling
                rest = _IdentifierPastAscii(wide, self.source, self.flags)
                return re.compile(ascii_only, self.flags).match, rest
        return (self.match(),)


def _words_pattern(source: Future) -> str:
    """A words() list's regex: shipped as this Pygments' regex_opt makes it (1.8 ms of a first
    Python block went to making the lists met), else made."""
    if isinstance(source, words) and pygments.__version__ == shipped_readings.PYGMENTS:
        made = shipped_readings.WORD_PATTERNS.get(words_pattern_key(source.prefix, source.suffix, tuple(source.words)))
        if made is not None:
            return made
    return source.get()


class _IdentifierPastAscii:
    """Python's identifier rule (`[xid_start][xid_continue]*`, maybe after an @) where its ASCII
    spelling, tried first, failed: compiling its two classes of thousands of Unicode ranges took
    9 ms of every process's first Python block, and an identifier is nearly always ASCII.

    The ASCII spelling (`[A-Z_a-z][0-9A-Z_a-z]*+`, not followed by a character past ASCII)
    matches just where the pattern does and as far, as the classes' ASCII parts are exactly
    those (the generator checks them before it ships a spelling). Where it fails, the pattern
    can match only if a `wide` spelling letting every character past ASCII into both classes
    does, and only then is it compiled and tried.
    """

    __slots__ = ("_full", "_wide", "flags", "text", "wide")

    def __init__(self, wide: str, text: str, flags: int) -> None:
        self.wide = wide
        self.text = text
        self.flags = flags
        self._wide: Match | None = None  # compiled when first needed: most blocks never ask
        self._full: Match | None = None

    def __call__(self, text: str, pos: int) -> re.Match[str] | None:
        if self._wide is None:
            self._wide = re.compile(self.wide, self.flags).match
        if self._wide(text, pos) is None:
            return None
        if self._full is None:
            self._full = re.compile(self.text, self.flags).match
        return self._full(text, pos)


class _LazyRules(RegexLexerMeta):
    """Pygments' own reading of a lexer's token definitions, each pattern left uncompiled."""

    def _process_regex(cls, regex: str | Future, rflags: int, state: str) -> Any:
        return Pending(regex, rflags)


Reading = tuple[Rule, Test | None, bool]  # a rule, its first-character test, line start only


class _RulesByChar:
    """A lexer class's rules, and per state and character the ones worth trying (made as met):
    one table for a position where a line starts, one for the rest of a line, where rules
    anchored at a line's start are left out."""

    def __init__(self, tokendefs: dict[str, list[Rule]]) -> None:
        self.tokendefs = tokendefs
        self.tests: dict[str, list[Reading]] = {}  # states entered so far
        self.by_char: dict[str, dict[str, list[Rule]]] = {state: {} for state in tokendefs}
        self.by_char_at_line_start: dict[str, dict[str, list[Rule]]] = {state: {} for state in tokendefs}
        self.at_end: dict[str, list[Rule]] = {}
        self._compiled: dict[int, tuple[Rule, ...]] = {}  # by the id of the rule as the lexer class holds it

    def _tests(self, state: str) -> list[Reading]:
        tests = self.tests.get(state)
        if tests is None:
            tests = self.tests[state] = [(rule, *_reading_of(rule)) for rule in self.tokendefs[state]]
        return tests

    def rules_for(self, state: str, char: str, line_start: bool = False) -> list[Rule]:
        rules = [
            compiled
            for rule, test, anchored in self._tests(state)
            if (test is None or test(char)) and (line_start or not anchored)
            for compiled in self._compile(rule)
        ]
        (self.by_char_at_line_start if line_start else self.by_char)[state][char] = rules
        return rules

    def rules_at_end(self, state: str) -> list[Rule]:
        """The rules that may match at the end of the text: only those that may match nothing."""
        rules = self.at_end.get(state)
        if rules is None:
            rules = self.at_end[state] = [
                compiled for rule, test, _ in self._tests(state) if test is None for compiled in self._compile(rule)
            ]
        return rules

    def _compile(self, rule: Rule) -> tuple[Rule, ...]:
        if not isinstance(rule[0], Pending):
            return (rule,)
        compiled = self._compiled.get(id(rule))
        if compiled is None:
            compiled = self._compiled[id(rule)] = tuple((match, rule[1], rule[2]) for match in rule[0].matches())
        return compiled


def _test_of(rule: Rule) -> Test | None:
    return _reading_of(rule)[0]


def _reading_of(rule: Rule) -> tuple[Test | None, bool]:
    if isinstance(rule[0], Pending):
        source = rule[0].source
        if isinstance(source, words):  # its prefix may be anchored: not worth reading
            return _words_test(source.prefix, tuple(source.words), rule[0].flags), False
        return _reading(rule[0].text, rule[0].flags)
    pattern = getattr(rule[0], "__self__", None)  # Pygments keeps each rule as pattern.match
    return _reading(pattern.pattern, pattern.flags) if isinstance(pattern, re.Pattern) else (None, False)


def lexer_by_name(name: str, **options: Any) -> Lexer:
    """Pygments' lexer for a language name (ClassNotFound if none), sped up where it can be;
    its rules are compiled as they are first needed, not all when it is made."""
    kind = lexer_class(name.lower())
    if kind is None:
        raise ClassNotFound(f"no lexer for {name!r}")
    loop = _loop_of(kind)
    return _dispatching_class(kind, loop)(**options) if loop is not None else kind(**options)


def _loop_of(kind: type[Lexer]) -> Callable[..., Iterator[tuple[int, Any, str]]] | None:
    """Our loop for a RegexLexer running its rules with RegexLexer's own loop (or the C family's
    around it), one set of rules a class; None for any other lexer."""
    if not issubclass(kind, RegexLexer) or getattr(kind, "token_variants", False):
        return None
    if kind.get_tokens_unprocessed is RegexLexer.get_tokens_unprocessed:
        return _tokens
    # Looked up, not imported: a lexer of the family has loaded its module, and importing it
    # for a Python block would cost a build a few milliseconds.
    c_family = getattr(sys.modules.get("pygments.lexers.c_cpp"), "CFamilyLexer", None)
    if c_family is not None and kind.get_tokens_unprocessed is c_family.get_tokens_unprocessed:
        return _c_family_tokens  # C++ took four times as long a token as Python in its own loop
    return None


@cache
def _dispatching_class(kind: type[RegexLexer], loop: Callable[..., Any]) -> type[RegexLexer]:
    """A subclass reading `kind`'s rules for itself, leaving each uncompiled until it is needed
    (even when Pygments has compiled them for `kind`: two lists of the same rules cost little)."""
    return _LazyRules(kind.__name__, (kind,), {"get_tokens_unprocessed": loop, "__module__": kind.__module__})


def _c_family_tokens(self: Any, text: str, stack: Sequence[str] = ("root",)) -> Iterator[tuple[int, Any, str]]:
    """The C family's tokens: RegexLexer's, with a name of a standard type (stdint's, C99's, C11's
    atomic ones, Linux's; each list as the lexer's options ask) made a Keyword.Type."""
    types = _c_type_names(
        type(self),
        self.stdlibhighlighting,
        self.c99highlighting,
        self.c11highlighting,
        self.platformhighlighting,
    )
    for index, token, value in _tokens(self, text, stack):
        if token is Name and value in types:
            token = Keyword.Type
        yield index, token, value


@cache
def _c_type_names(kind: type, stdlib: bool, c99: bool, c11: bool, platform: bool) -> frozenset[str]:
    lists = (
        (stdlib, kind.stdlib_types),
        (c99, kind.c99_types),
        (c11, kind.c11_atomic_types),
        (platform, kind.linux_types),
    )
    return frozenset(name for wanted, names in lists if wanted for name in names)


_TABLES: dict[type, _RulesByChar] = {}


def _tokens(self: RegexLexer, text: str, stack: Sequence[str] = ("root",)) -> Iterator[tuple[int, Any, str]]:
    """RegexLexer's tokens: at each position the first rule, in order, whose pattern matches there."""
    table = _TABLES.get(type(self))
    if table is None:
        table = _TABLES[type(self)] = _RulesByChar(self._tokens)
    states = list(stack)
    at = 0
    end = len(text)
    while True:
        state = states[-1]
        if at < end:
            char = text[at]
            if at and text[at - 1] != "\n":
                rules = table.by_char[state].get(char)
                if rules is None:
                    rules = table.rules_for(state, char)
            else:
                rules = table.by_char_at_line_start[state].get(char)
                if rules is None:
                    rules = table.rules_for(state, char, line_start=True)
        else:
            rules = table.rules_at_end(state)
        for match, action, next_state in rules:
            found = match(text, at)
            if found is None:
                continue
            if action is not None:
                if type(action) is _TokenType:
                    yield at, action, found.group()
                else:
                    yield from action(self, found)
            at = found.end()
            if next_state is not None:
                _move(states, next_state)
            break
        else:  # nothing matched: a newline starts the line over in the first state, else one error character
            if at >= end:
                return
            if text[at] == "\n":
                states = ["root"]
                yield at, Whitespace, "\n"
            else:
                yield at, Error, text[at]
            at += 1


def _move(states: list[str], next_state: Any) -> None:
    """Follow a rule's state change: a tuple of pushes and pops, a count to pop, or '#push'."""
    if isinstance(next_state, tuple):
        for name in next_state:
            if name == "#pop":
                if len(states) > 1:
                    states.pop()
            elif name == "#push":
                states.append(states[-1])
            else:
                states.append(name)
    elif isinstance(next_state, int):  # pops, never the bottom state
        if abs(next_state) >= len(states):
            del states[1:]
        else:
            del states[next_state:]
    elif next_state == "#push":
        states.append(states[-1])
    else:
        raise ValueError(f"unknown state change {next_state!r}")
