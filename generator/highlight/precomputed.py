"""The first-character readings of the lexers a build meets most, made ahead and shipped.

A process reading a lexer's rules (starts.py) paid ~7 ms of `re`'s parser for the first Python
block, and each forked worker paid it again for each language it met. A reading depends only
on the pattern's text and flags: `python -m generator.highlight.precomputed` reads every rule
of the LANGUAGES below with the installed Pygments and writes them into shipped_readings.py,
keyed by a digest of text and flags; tests/unit/highlight/test_shipped_readings.py fails when
they are stale. Under another Pygments a pattern it spells differently is not found and is read
at run time as before, so a stale or foreign file costs time, never a wrong token.

It also ships, for Python's identifier rules, the two spellings lexers._IdentifierPastAscii
tries before compiling the rule itself, checked here: they are shipped only if both of the
rule's classes hold exactly the ASCII characters the spellings assume.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pygments
from pygments.lexer import words

from generator.highlight import lexers
from generator.highlight.starts import (
    pattern_key,
    read_pattern,
    read_words,
    shipped_form,
    words_key,
    words_pattern_key,
)

TARGET = Path(__file__).with_name("shipped_readings.py")
# What ML blogs fence their code as (tests/unit/highlight/test_lexers.py); a language whose
# lexer keeps its own loop (JSON, YAML, consoles) has no rules read and is left out by itself.
LANGUAGES = (
    *("python", "bash", "c", "cpp", "cuda", "javascript", "typescript", "rust", "go", "java", "julia", "r"),
    *("matlab", "latex", "sql", "toml", "ini", "html", "css", "diff", "docker", "make", "yaml", "json"),
)
_ASCII_START = "[A-Z_a-z]"
_ASCII_CONTINUE = "[0-9A-Z_a-z]"
# The identifier spellings: exact where every character is ASCII, and one letting any other in.
ASCII_IDENTIFIER = _ASCII_START + _ASCII_CONTINUE + r"*+(?![^\x00-\x7f])"
WIDE_IDENTIFIER = r"[^\x00-@\[-^`{-\x7f][^\x00-/:-@\[-^`{-\x7f]*"
_PLAIN_FLAGS = re.MULTILINE | re.DOTALL | re.UNICODE  # none changes what these patterns match
_PER_LINE = 4  # entries on a line of the written module: it stays under the 600-line limit


def pending_rules(language: str) -> list[Any]:
    """The rules of a language's sped-up lexer as lexers.py holds them before compiling."""
    lexer = lexers.lexer_by_name(language)
    tokendefs = getattr(lexer, "_tokens", {})
    return [rule[0] for rules in tokendefs.values() for rule in rules if isinstance(rule[0], lexers.Pending)]


def readings(languages: tuple[str, ...] = LANGUAGES) -> tuple[dict[str, tuple[Any, ...]], dict[str, tuple[Any, ...]]]:
    """Every pattern's and every words() list's reading, by key, in the form lexers.py ships."""
    patterns: dict[str, tuple[Any, ...]] = {}
    listed: dict[str, tuple[Any, ...]] = {}
    for language in languages:
        for pending in pending_rules(language):
            if isinstance(pending.source, words):
                key = (pending.source.prefix, tuple(pending.source.words), pending.flags)
                starts = read_words(*key)
                listed[words_key(*key)] = shipped_form(starts) if starts is not None else ()
            else:
                starts, anchored = read_pattern(pending.source, pending.flags)
                found = (anchored, *shipped_form(starts)) if starts is not None else (anchored,)
                patterns[pattern_key(pending.source, pending.flags)] = found
    return patterns, listed


def word_patterns(languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    """Every words() list's regex as this Pygments makes it (regex_opt), by key."""
    return {
        words_pattern_key(
            pending.source.prefix, pending.source.suffix, tuple(pending.source.words)
        ): pending.source.get()
        for language in languages
        for pending in pending_rules(language)
        if isinstance(pending.source, words)
    }


def identifier_spellings(languages: tuple[str, ...] = LANGUAGES) -> dict[str, tuple[str, str]]:
    """Python's identifier rules (the name, maybe after a literal @) -> the ASCII and wide spellings."""
    from pygments import unistring

    start, keep = f"[{unistring.xid_start}]", f"[{unistring.xid_continue}]"
    if not (_same_ascii(start, _ASCII_START) and _same_ascii(keep, _ASCII_CONTINUE)):
        return {}
    name = f"{start}{keep}*"
    spellings: dict[str, tuple[str, str]] = {}
    for language in languages:
        for pending in pending_rules(language):
            text = pending.source
            if not isinstance(text, str) or not text.endswith(name) or pending.flags & ~_PLAIN_FLAGS:
                continue
            prefix = text[: -len(name)]
            if prefix in ("", "@"):
                spellings[pattern_key(text, pending.flags)] = (prefix + ASCII_IDENTIFIER, prefix + WIDE_IDENTIFIER)
    return spellings


def _same_ascii(pattern: str, ascii_class: str) -> bool:
    """Whether two classes hold the same ASCII characters."""
    ours, theirs = re.compile(pattern).fullmatch, re.compile(ascii_class).fullmatch
    return all(bool(ours(char)) == bool(theirs(char)) for char in map(chr, range(128)))


def module_text() -> str:
    """The data module, as written."""
    patterns, listed = readings()
    lines = [
        f'"""Generated by `python -m generator.highlight.precomputed` from Pygments {pygments.__version__}: do not edit."""',
        "",
        "# fmt: off",
        f"PYGMENTS = {pygments.__version__!r}",
        *_dict_lines("PATTERNS: dict[str, tuple[bool] | tuple[bool, str, bool | str, int]]", patterns),
        *_dict_lines("WORDS: dict[str, tuple[()] | tuple[str, bool | str, int]]", listed),
        *_dict_lines("IDENTIFIERS: dict[str, tuple[str, str]]", identifier_spellings()),
        *_dict_lines("WORD_PATTERNS: dict[str, str]", word_patterns()),
        "# fmt: on",
    ]
    return "\n".join(lines) + "\n"


def _dict_lines(name: str, entries: dict[str, tuple[Any, ...]]) -> list[str]:
    items = [f"{key!r}: {value!r}," for key, value in sorted(entries.items())]
    rows = [" ".join(items[at : at + _PER_LINE]) for at in range(0, len(items), _PER_LINE)]
    return [f"{name} = {{", *rows, "}"]


def main() -> None:
    text = module_text()
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET} ({len(text.splitlines())} lines)", file=sys.stderr)


if __name__ == "__main__":
    main()
