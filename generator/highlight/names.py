"""Which Pygments lexer a fence's language name means: by alias, then by file extension, as
Hugo finds one, and only then among lexer plugins, without loading those not named so.

Chroma, Hugo's highlighter, looks a fence's name up among its lexers' names, aliases and file
extensions: `yml` is YAML there and `cmd` a batch file, as they are in highlight.js, which Hexo
uses. Pygments knows neither name; here a name no lexer has as an alias is tried as the
extension of a lexer's file patterns, when one lexer alone claims it (`m`, claimed by MATLAB,
Octave, Objective-C and Mason, stays plain). One the plain-text lexer claims (`txt`) is shown
as plain text, as an unknown name is.

Pygments, given a name it does not have, loads every lexer plugin installed to read their
names. A Jupyter user has IPython's: a block of `txt`, `plain` or `mermaid` (the names most
often unknown to Pygments in the blogs we read) imported IPython, half a second in every
process that met one, more than the rest of a small build. Here a plugin is loaded only when
its entry point bears the fence's name (IPython's are `ipython`, `ipython3`, `ipythonconsole`,
as their lexers' aliases are); a plugin lexer whose entry point is named otherwise is not found.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from pygments.lexer import Lexer
from pygments.lexers import find_lexer_class, get_all_lexers
from pygments.lexers.special import TextLexer

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

_PLAIN_EXTENSION = re.compile(r"[\w+#-]+(?:\.[\w+#-]+)*")  # no glob characters: `*.yml`, `*.tar.gz`


@cache
def lexer_class(language: str) -> type[Lexer] | None:
    """The lexer class for a fence's language name (lowercase), or None: shown as plain text."""
    aliases, extensions = _builtin_names()
    name = aliases.get(language)
    if name is not None:
        return find_lexer_class(name)  # a built-in name: Pygments loads no plugin for it
    name = extensions.get(language)
    if name is not None:  # before the plugins, whose names take a scan of every installed package
        found = find_lexer_class(name)
        return None if found is TextLexer else found
    return _plugin_lexer(language)


@cache
def _builtin_names() -> tuple[dict[str, str], dict[str, str]]:
    """Pygments' own lexers by alias (the first to claim one, in Pygments' order, as Pygments
    takes it), and by the extension of a file pattern `*.ext` that one lexer alone claims: `m`
    (MATLAB, Octave, Objective-C, Mason) or `h` (C, C++) stay plain, as before, rather than
    drawn in a language the post may not be in. Patterns of another shape (`*.conf*`,
    `Makefile.*`) are left out: matching each as a glob compiled 1,500 patterns, 30 ms of the
    build that met a name nobody knows."""
    aliases: dict[str, str] = {}
    claims: dict[str, set[str]] = {}
    for name, names, globs, _ in get_all_lexers(plugins=False):
        for alias in names:
            aliases.setdefault(alias.lower(), name)
        for glob in globs:
            extension = glob.removeprefix("*.")
            if extension != glob and _PLAIN_EXTENSION.fullmatch(extension):
                claims.setdefault(extension.lower(), set()).add(name)
    extensions = {extension: next(iter(names)) for extension, names in claims.items() if len(names) == 1}
    return aliases, extensions


def _plugin_lexer(language: str) -> type[Lexer] | None:
    """An installed plugin's lexer for `language`, if a plugin's entry point bears that name."""
    for point in _plugin_points():
        if point.name.lower() != language:
            continue
        try:
            kind = point.load()
        except Exception:  # a broken plugin is not the post's fault: its block is shown plain
            return None
        if isinstance(kind, type) and issubclass(kind, Lexer) and language in map(str.lower, kind.aliases):
            return kind
    return None


@cache
def _plugin_points() -> tuple[EntryPoint, ...]:
    """The `pygments.lexers` entry points installed: read once a process, never loaded here."""
    from importlib.metadata import entry_points

    return tuple(entry_points(group="pygments.lexers"))
