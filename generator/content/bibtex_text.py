"""A BibTeX field's LaTeX as the text a reference shows, with the links `\\url` and `\\href` made.

Why apart from the decoding of the rest of a field: a URL is not LaTeX text. `~` in
`\\url{https://host/~name/}` is a tilde, not a no-break space, and `%` does not start a comment;
jekyll-scholar and the BibTeX styles show the URL as written and link it. So each `\\url{x}` and
`\\href{x}{text}` is taken out before pybtex decodes the field and put back after, with where it
lies in the decoded text, so that the reference list can link exactly that part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator.patterns import lazy_pattern

_LATEX_MARKS = lazy_pattern(r"[\\{}~$]")  # a field without these is plain text already
_LINK_COMMAND = lazy_pattern(r"\\(url|href)\s*\{")
_HOLE = lazy_pattern("\ue000(\\d+)\ue001")  # private-use marks: pybtex passes them through untouched
_BRACE_OR_ESCAPE = lazy_pattern(r"\\.|[{}]", re.DOTALL)
_URL_ESCAPE = lazy_pattern(r"\\([%#&_~${}])")  # \% in a URL inside a .bib field is a %
# Links a reader may follow from a reference: a javascript: or data: URL is shown, never linked.
_SAFE_SCHEME = lazy_pattern(r"^(?:https?|ftp)://[^\s]|^mailto:[^\s]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FieldLink:
    """A link inside a field's decoded text: `field` is the Entry attribute it belongs to."""

    field: str
    start: int
    end: int
    href: str


@lru_cache(maxsize=1)
def plain_backend() -> Any:
    """pybtex's plain-text backend, made once: `render_as("text")` looks it up among every
    installed package's entry points on each call (55 s for 300 entries on our machine)."""
    from pybtex.backends.plaintext import Backend

    return Backend()


def safe_href(url: str) -> str:
    """The URL when a reference may link it (a web, FTP or mail address), else ''."""
    return url if _SAFE_SCHEME.match(url) else ""


def url_text(raw: str) -> str:
    """What `\\url{raw}` shows: the characters as written, the escapes a .bib needs undone and
    spaces dropped (the url package ignores them; a long URL is often wrapped in a .bib)."""
    return re.sub(r"\s+", "", _URL_ESCAPE.sub(r"\1", raw))


def latex_text(value: str) -> str:
    """Accents decoded ({\\"u} is ü), protecting braces dropped, ~ a no-break space."""
    return linked_text(value, "")[0]


def linked_text(value: str, name: str) -> tuple[str, tuple[FieldLink, ...]]:
    """The field's text and the links in it (`name`: the field they are recorded under)."""
    if not value:
        return "", ()
    if not _LATEX_MARKS.search(value):  # most fields: latexcodec's lexer took 4 ms an entry for nothing
        return re.sub(r"\s+", " ", value).strip(), ()
    holed, links = _take_links(value)
    text = _decoded(holed)
    if not links:
        return text, ()
    pieces: list[str] = []
    found: list[FieldLink] = []
    at, length = 0, 0
    for match in _HOLE.finditer(text):
        before = text[at : match.start()]
        shown, url = links[int(match.group(1))]
        pieces += [before, shown]
        length += len(before)
        if safe_href(url):
            found.append(FieldLink(name, length, length + len(shown), url))
        length += len(shown)
        at = match.end()
    pieces.append(text[at:])
    return "".join(pieces), tuple(found)


def _decoded(value: str) -> str:
    from pybtex.exceptions import PybtexError
    from pybtex.richtext import Text

    try:
        text = Text.from_latex(value).render(plain_backend())
    except PybtexError:  # a stray `%` starts a LaTeX comment, leaving a brace open: BibTeX never minded
        return re.sub(r"\s+", " ", re.sub(r"\\[a-zA-Z]+\s*\{|[{}]", "", value)).strip()  # as written
    return re.sub(r"\s+", " ", text.replace("~", "\u00a0")).strip()


def _take_links(value: str) -> tuple[str, list[tuple[str, str]]]:
    """The value with each `\\url{…}` and `\\href{…}{…}` replaced by a numbered mark, and what
    each shows and links to. A command whose braces do not close is left for the decoder."""
    links: list[tuple[str, str]] = []
    out: list[str] = []
    at = 0
    for match in _LINK_COMMAND.finditer(value):
        if match.start() < at:
            continue  # inside a link already taken
        first = _group(value, match.end() - 1)
        if first is None:
            continue
        url, end = first
        shown = url_text(url)
        if match.group(1) == "href":
            second = _group(value, _skip_spaces(value, end))
            if second is None:
                continue
            text, end = second
            shown = latex_text(text) or shown
        out += [value[at : match.start()], f"\ue000{len(links)}\ue001"]
        links.append((shown, url_text(url)))
        at = end
    out.append(value[at:])
    return "".join(out), links


def _skip_spaces(value: str, at: int) -> int:
    while at < len(value) and value[at].isspace():
        at += 1
    return at


def _group(value: str, opening: int) -> tuple[str, int] | None:
    """The text inside the braces opening at `opening` and the index after them, or None when they
    never close; an escaped brace (`\\{`) counts for neither side."""
    if value[opening : opening + 1] != "{":
        return None
    depth = 0
    for mark in _BRACE_OR_ESCAPE.finditer(value, opening):
        if mark.group() == "{":
            depth += 1
        elif mark.group() == "}":
            depth -= 1
            if depth == 0:
                return value[opening + 1 : mark.start()], mark.end()
    return None
