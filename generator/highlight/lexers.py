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

Only lexers that use RegexLexer's own loop are sped up; one with its own (the C family, for
example) is returned as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any

from pygments.lexer import Lexer, RegexLexer
from pygments.token import Error, Whitespace, _TokenType

try:  # the parser `re` compiles with; its tree is the surest reading of a pattern
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a Python without it: every rule is tried everywhere
    sre_parse = None  # type: ignore[assignment]

_FLAGS_KEPT = re.IGNORECASE | re.DOTALL | re.ASCII  # what decides whether one character matches
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


class _Unreadable(Exception):
    """A pattern element whose first character we do not work out."""


def first_char_test(pattern: re.Pattern[str]) -> Callable[[str], object] | None:
    """A test true for every character a match of `pattern` can start with (and maybe others);
    None when a match may be empty or start anywhere, so the rule must always be tried."""
    return _first_char_test(pattern.pattern, pattern.flags)


@cache  # states share rules (Pygments' `include`): each pattern is read once
def _first_char_test(text: str, flags: int) -> Callable[[str], object] | None:
    if sre_parse is None:
        return None
    try:
        tree = sre_parse.parse(text, flags)
        starts, may_be_empty = _starts_of(tree.data)
    except (_Unreadable, re.error, TypeError, ValueError, RecursionError):
        return None
    if may_be_empty or not starts:
        return None
    return re.compile("|".join(sorted(set(starts))), flags & _FLAGS_KEPT).fullmatch


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
        return [_character_class(value)], False
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


def _character_class(items: Sequence[tuple[Any, Any]]) -> str:
    parts: list[str] = []
    negate = False
    for op, value in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            parts.append(re.escape(chr(value)))
        elif name == "RANGE":
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif name == "CATEGORY" and str(value) in _CATEGORIES:
            parts.append(_CATEGORIES[str(value)])
        else:
            raise _Unreadable(name)
    return f"[{'^' if negate else ''}{''.join(parts)}]"


Rule = tuple[Callable[[str, int], "re.Match[str] | None"], Any, Any]  # (match, action, next state)


class _RulesByChar:
    """A lexer class's rules, and per state and character the ones worth trying (made as met)."""

    def __init__(self, tokendefs: dict[str, list[Rule]]) -> None:
        self.tokendefs = tokendefs
        self.tests: dict[str, list[tuple[Rule, Callable[[str], object] | None]]] = {}  # states entered so far
        self.by_char: dict[str, dict[str, list[Rule]]] = {state: {} for state in tokendefs}

    def rules_for(self, state: str, char: str) -> list[Rule]:
        tests = self.tests.get(state)
        if tests is None:
            tests = self.tests[state] = [(rule, _test_of(rule)) for rule in self.tokendefs[state]]
        rules = [rule for rule, test in tests if test is None or test(char)]
        self.by_char[state][char] = rules
        return rules


def _test_of(rule: Rule) -> Callable[[str], object] | None:
    pattern = getattr(rule[0], "__self__", None)  # Pygments keeps each rule as pattern.match
    return first_char_test(pattern) if isinstance(pattern, re.Pattern) else None


def dispatching(lexer: Lexer) -> Lexer:
    """The same lexer with the same options, trying only the rules each character can start."""
    kind = type(lexer)
    if not isinstance(lexer, RegexLexer) or kind.get_tokens_unprocessed is not RegexLexer.get_tokens_unprocessed:
        return lexer
    return _dispatching_class(kind)(**lexer.options)


@cache
def _dispatching_class(kind: type[RegexLexer]) -> type[RegexLexer]:
    namespace = {"get_tokens_unprocessed": _tokens, "__module__": kind.__module__}
    if "_tokens" in kind.__dict__:  # compiled when `kind` was made: Pygments would compile them all again
        namespace["_tokens"] = kind.__dict__["_tokens"]
    return type(kind.__name__, (kind,), namespace)


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
            rules = table.by_char[state].get(char)
            if rules is None:
                rules = table.rules_for(state, char)
        else:
            rules = table.tokendefs[state]  # at the end only a rule that matches nothing can
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
