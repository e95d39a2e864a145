"""Citations in posts: pandoc's `[@key]`, `@key`, `-@key` and LaTeX's `\\cite{}`, `\\citep{}`, `\\citet{}`.

Why a markdown-it plugin and not a text pass: code spans, math and links are already tokens
when the inline rule runs, so an `@` inside code or a formula is never read as a citation, and
an e-mail address is not either (an `@` right after a letter is not a citation). A bare `@word`
is a citation only when a bibliography the post sees has that key: a plain @mention stays text.

The renderer numbers the citations by first use (numeric style) or labels them by author and
year, and appends the references section. Each citation is a link to its entry with
aria-describedby pointing at it, so a screen reader reads the entry on focus; the theme's small
script shows the same entry in a popover on hover or focus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import quote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from generator.content.bibliography import CROSSREF_PREFIXES, KEY, Author, Cited, Entry, before_cjk
from generator.patterns import lazy_pattern

_KEY = lazy_pattern(KEY)
_ITEM = lazy_pattern(
    r"^\s*(?P<prefix>[^@;]*?)\s*(?P<minus>-?)@(?P<key>" + KEY + r")\s*(?:,\s*(?P<locator>.*?))?\s*$", re.DOTALL
)
_BRACKET = re.compile(r"\[(?P<inner>[^\[\]\n]*@[^\[\]]*)\]")
_LATEX = lazy_pattern(
    r"\\cite(?P<kind>p|t|alp|alt)?\*?(?:\[(?P<one>[^\]]*)\])?(?:\[(?P<two>[^\]]*)\])?\{(?P<keys>[^{}]*)\}"
)
_WORD_BEFORE = lazy_pattern(r"[\w.@/\\-]")  # an @ after these is part of an address or a path, not a citation
_STARTS = frozenset("[@-")
ET_AL_FROM = 3  # three authors and more: "Vaswani et al."


@dataclass(frozen=True, slots=True)
class Item:
    """One key of a citation with the text before it and its locator ([see @he2016, p. 3])."""

    key: str
    prefix: str = ""
    locator: str = ""


def _latex_note(text: str | None) -> str:
    return (text or "").replace("~", "\u00a0").strip()


def _is_crossref(key: str) -> bool:
    return ":" in key and key.split(":", 1)[0] in CROSSREF_PREFIXES


def _push(state: StateInline, items: list[Item], mode: str, end: int, silent: bool) -> bool:
    """The citation token (not in silent mode, where a link label is being measured); past it either way."""
    if not silent:
        state.env["has_citations"] = True
        token = state.push("citation", "", 0)
        token.meta = {"items": items, "mode": mode, "newlines": state.src.count("\n", 0, state.pos)}
    state.pos = end
    return True


def _bracketed(state: StateInline, silent: bool) -> bool:
    match = _BRACKET.match(state.src, state.pos)
    if match is None or match.group("inner").startswith("^"):
        return False
    after = state.src[match.end() : match.end() + 1]
    if after in ("(", "[", ":"):  # a link, a reference link or a link definition
        return False
    items: list[Item] = []
    suppress = False
    for part in match.group("inner").split(";"):
        found = _ITEM.match(part)
        if found is None or _is_crossref(found.group("key")):
            return False
        suppress = suppress or bool(found.group("minus"))
        items.append(Item(found.group("key"), found.group("prefix").strip(), (found.group("locator") or "").strip()))
    return _push(state, items, "suppress" if suppress and len(items) == 1 else "paren", match.end(), silent)


def _bare(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    minus = src[pos] == "-"
    at = pos + 1 if minus else pos
    if src[at : at + 1] != "@" or (pos > 0 and _WORD_BEFORE.match(src[pos - 1])):
        return False
    match = _KEY.match(src, at + 1)
    cited: Cited | None = state.env.get("cited")
    if match is None or cited is None or _is_crossref(match.group()):
        return False
    key = match.group()
    if cited.get(key) is None:
        key = before_cjk(key)
        if not key or cited.get(key) is None:
            return False
    return _push(state, [Item(key)], "suppress" if minus else "text", at + 1 + len(key), silent)


def _latex_items(match: re.Match[str]) -> tuple[list[Item], str] | None:
    """The works a `\\cite…{}` names and how it shows them; None for a cross-reference or no key."""
    keys = [key.strip() for key in match.group("keys").split(",") if key.strip()]
    if not keys or any(_is_crossref(key) for key in keys):
        return None
    one, two = match.group("one"), match.group("two")
    prefix, locator = (_latex_note(one), _latex_note(two)) if two is not None else ("", _latex_note(one))
    items = [Item(key) for key in keys]
    items[0] = Item(keys[0], prefix, "")
    items[-1] = Item(keys[-1], items[-1].prefix, locator)
    return items, "text" if match.group("kind") in ("t", "alt") else "paren"


def _latex(state: StateInline, silent: bool) -> bool:
    match = _LATEX.match(state.src, state.pos)
    found = _latex_items(match) if match is not None else None
    if match is None or found is None:
        return False
    return _push(state, found[0], found[1], match.end(), silent)


def _citation_rule(state: StateInline, silent: bool) -> bool:
    """Called at every markup character the earlier rules left: the cheapest test comes first."""
    char = state.src[state.pos]
    if char not in _STARTS or state.linkLevel > 0:  # inside a link's text: a link in a link is not HTML
        return False
    if char == "[":
        return _bracketed(state, silent)
    return state.env.get("cited") is not None and _bare(state, silent)


def _latex_rule(state: StateInline, silent: bool) -> bool:
    """Before the escape rule, which would take the backslash of an unknown command as text."""
    if state.src[state.pos] != "\\" or not state.src.startswith("\\cite", state.pos) or state.linkLevel > 0:
        return False
    return _latex(state, silent)


# --- citations in raw HTML blocks ------------------------------------------------------
# Markdown's inline rules never run inside an HTML block, but Jekyll ran jekyll-scholar's
# `{% cite %}` (which the dialect layer writes as `\\cite{}`) before kramdown, wherever it
# stood: `<div class="caption">… {% cite x %}</div>` showed the citation. So the block's text is
# searched too; tags, comments, formulas and the elements that show code or nothing are not.

_HTML_KEPT = lazy_pattern(
    r"<(script|style|textarea|pre|code|math|kbd|samp)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)|<[A-Za-z/!?][^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_LINK_TAG = lazy_pattern(r"<(/?)a(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlCitation:
    """A `\\cite{}` in a raw HTML block: where, the works, and whether it stands in a link's text
    (where a link to the reference would nest one link in another: it is shown as text)."""

    start: int
    end: int
    items: list[Item]
    mode: str
    in_link: bool = False


def html_citations(html: str) -> tuple[list[HtmlCitation], list[tuple[int, str]]]:
    """The citations of an HTML block's text, and the `\\cite{}`s inside a tag, with where they are
    (in an attribute's value no citation can be shown: they are left as written and warned about)."""
    if "\\cite" not in html:
        return [], []
    from generator.math.engines import html_math_spans  # only for a block that has a \\cite

    formulas = [(start, end) for start, end, _, _ in html_math_spans(html)]
    found: list[HtmlCitation] = []
    in_tags: list[tuple[int, str]] = []
    in_link, position = False, 0
    for kept in [*_HTML_KEPT.finditer(html), None]:
        end = kept.start() if kept is not None else len(html)
        for match in _LATEX.finditer(html, position, end):
            parsed = _latex_items(match)
            if parsed is not None and not any(a <= match.start() < b for a, b in formulas):
                found.append(HtmlCitation(match.start(), match.end(), parsed[0], parsed[1], in_link))
        if kept is None:
            break
        tag = _LINK_TAG.match(kept.group())
        in_link = (not tag.group(1)) if tag is not None else in_link
        if kept.group().startswith("<") and not kept.group(1) and not kept.group().startswith("<!--"):
            in_tags += [(kept.start() + m.start(), m.group()) for m in _LATEX.finditer(kept.group())]
        position = kept.end()
    return found, in_tags


# --- labels and the reference list -------------------------------------------------------


def short_authors(entry: Entry) -> str:
    """Vaswani et al. / Vaswani and Shazeer / 何恺明等: how author-year names a work."""
    authors = entry.authors
    if not authors:
        return entry.title or entry.key
    first = authors[0]
    cjk = first.is_cjk
    name = (lambda a: a.full) if cjk else (lambda a: a.family or a.given)
    if len(authors) >= ET_AL_FROM:
        return f"{name(first)}等" if cjk else f"{name(first)} et al."
    if len(authors) == 2:
        return f"{name(authors[0])}和{name(authors[1])}" if cjk else f"{name(authors[0])} and {name(authors[1])}"
    return name(first)


def _year(entry: Entry) -> str:
    return entry.year or "n.d."


def _author_list(authors: Sequence[Author]) -> str:
    return ", ".join(author.full for author in authors)


def _shown(entry: Entry, name: str, text: str) -> str:
    """A field's text, escaped, with its `\\url{}`s and `\\href{}`s (entry.links, safe schemes only) as links."""
    spans = sorted((link for link in entry.links if link.field == name), key=lambda link: link.start)
    if not spans:
        return escape(text)
    pieces: list[str] = []
    at = 0
    for link in spans:
        if link.start < at or link.end > len(text):
            continue  # cannot happen for an entry read by content/bibtex_text; never mangle the text for it
        pieces += [
            escape(text[at : link.start]),
            f'<a href="{escape(link.href)}">{escape(text[link.start : link.end])}</a>',
        ]
        at = link.end
    pieces.append(escape(text[at:]))
    return "".join(pieces)


def entry_html(entry: Entry, year: str | None = None) -> str:
    """One reference: authors, title, venue, year and the links a reader follows."""
    parts: list[str] = []
    if entry.authors:
        parts.append(f'<span class="ref-authors">{escape(_author_list(entry.authors))}</span>.')
    if entry.title:
        parts.append(f'<span class="ref-title">{_shown(entry, "title", entry.title)}</span>.')
    where: list[str] = []
    if entry.venue:
        venue = f"<i>{_shown(entry, 'venue', entry.venue)}</i>"
        if entry.volume:
            venue += f", {_shown(entry, 'volume', entry.volume)}"
            venue += f"({_shown(entry, 'number', entry.number)})" if entry.number else ""
        where.append(venue)
    if entry.pages:
        where.append(escape(entry.pages))
    if entry.publisher and entry.kind in ("book", "inbook", "incollection", "techreport"):
        where.append(_shown(entry, "publisher", entry.publisher))
    where.append(escape(year or _year(entry)))
    parts.append(", ".join(where) + ".")
    links: list[str] = []
    if entry.doi:
        links.append(f'<a href="https://doi.org/{escape(quote(entry.doi, safe="/:;()"))}">doi:{escape(entry.doi)}</a>')
    if entry.arxiv:
        links.append(
            f'<a href="https://arxiv.org/abs/{escape(quote(entry.arxiv, safe="/."))}">arXiv:{escape(entry.arxiv)}</a>'
        )
    linked = {link.href for link in entry.links}
    if entry.url and not links and entry.url not in linked:  # a DOI, arXiv page or linked field leads there already
        links.append(f'<a href="{escape(entry.url)}">{escape(entry.url)}</a>')
    if links:
        parts.append(" ".join(links))
    return " ".join(parts)


def entry_id(key: str) -> str:
    return "ref-" + re.sub(r"[^\w:.-]", "_", key)


@dataclass(slots=True)
class _Numbering:
    """The numbers (or author-year labels) a post's citations get, in the order they are first cited."""

    style: str
    numbers: dict[str, int]
    years: dict[str, str] = field(default_factory=dict)  # author-year: 2017a, 2017b where two would read alike

    def number(self, key: str) -> int:
        return self.numbers.setdefault(key, len(self.numbers) + 1)

    def year(self, entry: Entry) -> str:
        return self.years.get(entry.key) or _year(entry)


def distinct_years(entries: Sequence[Entry]) -> dict[str, str]:
    """2017a and 2017b for two works whose author-year labels would be the same (by title order),
    as author-year styles do; the reference list shows the same letters."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        groups.setdefault((short_authors(entry), _year(entry)), []).append(entry)
    years: dict[str, str] = {}
    for (_, year), group in groups.items():
        if len(group) > 1:
            for letter, entry in zip(
                "abcdefghijklmnopqrstuvwxyz", sorted(group, key=lambda e: (e.title, e.key)), strict=False
            ):
                years[entry.key] = year + letter
    return years


def _link(key: str, text: str) -> str:
    target = entry_id(key)
    return f'<a class="cite-link" href="#{target}" aria-describedby="{target}">{escape(text)}</a>'


def _missing(key: str) -> tuple[str, str]:
    return f'<span class="cite-missing">?{escape(key)}</span>', f"?{key}"


def _one(item: Item, entry: Entry | None, mode: str, numbering: _Numbering) -> tuple[str, str]:
    """(html, text) of one cited work inside its citation."""
    if entry is None:
        return _missing(item.key)
    locator = f", {item.locator}" if item.locator else ""
    prefix = f"{item.prefix} " if item.prefix else ""
    if numbering.style == "numeric":
        label = str(numbering.number(item.key))
        html, text = _link(item.key, label), label
        if mode == "text":
            names = short_authors(entry)
            return f"{escape(names)} [{html}{escape(locator)}]", f"{names} [{text}{locator}]"
        return escape(prefix) + html + escape(locator), prefix + text + locator
    numbering.number(item.key)
    names, year = short_authors(entry), numbering.year(entry)
    if mode == "text":
        return f"{escape(names)} ({_link(item.key, year)}{escape(locator)})", f"{names} ({year}{locator})"
    if mode == "suppress":
        return escape(prefix) + _link(item.key, year) + escape(locator), prefix + year + locator
    label = f"{names}, {year}"
    return escape(prefix) + _link(item.key, label) + escape(locator), prefix + label + locator


def citation_html(items: Sequence[Item], mode: str, cited: Cited | None, numbering: _Numbering) -> tuple[str, str]:
    """The whole citation as HTML and as plain text (the excerpt's), e.g. [1, 2] or (Vaswani et al., 2017)."""
    entries = cited.as_mapping() if cited is not None else {}
    pieces = [_one(item, entries.get(item.key), mode, numbering) for item in items]
    if mode == "text":
        html, text = "; ".join(p[0] for p in pieces), "; ".join(p[1] for p in pieces)
    else:
        noted = any(item.prefix or item.locator for item in items)
        glue = "; " if noted or numbering.style != "numeric" else ", "
        opening, closing = ("[", "]") if numbering.style == "numeric" else ("(", ")")
        html = opening + glue.join(p[0] for p in pieces) + closing
        text = opening + glue.join(p[1] for p in pieces) + closing
    return f'<span class="citation">{html}</span>', text


def references_html(cited: Cited, numbering: _Numbering, heading: str) -> str:
    """The section at the post's end: only the works it cites, in citation order or by author."""
    entries = cited.as_mapping()
    keys = [key for key in numbering.numbers if entries.get(key) is not None]
    if not keys:
        return ""
    if numbering.style == "numeric":
        tag = "ol"
    else:
        tag = "ul"
        keys.sort(key=lambda k: (short_authors(entries[k]).lower(), numbering.year(entries[k]), entries[k].title))  # type: ignore[arg-type,union-attr]
    items = "".join(
        f'<li id="{entry_id(key)}">{entry_html(entries[key], numbering.years.get(key))}</li>\n'  # type: ignore[arg-type]
        for key in keys
    )
    return (
        f'<section class="references" aria-labelledby="references-heading">\n'
        f'<h2 id="references-heading">{escape(heading)}</h2>\n<{tag} class="reference-list">\n{items}</{tag}>\n</section>\n'
    )


def _cited_entries(tokens: Sequence[Token], cited: Cited, more: Sequence[HtmlCitation] = ()) -> list[Entry]:
    """Every entry the post's citations name (`more`: those of its HTML blocks), once each."""
    entries = cited.as_mapping()
    keys = {
        item.key
        for token in tokens
        if token.type == "inline" and token.children
        for child in token.children
        if child.type == "citation"
        for item in child.meta["items"]
    }
    keys.update(item.key for citation in more for item in citation.items)
    return [entry for key in sorted(keys) if (entry := entries.get(key)) is not None]


def _warn_missing(env: dict, line: int, items: Sequence[Item], cited: Cited | None) -> None:
    for item in items:
        if cited is None or cited.get(item.key) is None:
            env["warnings"].append(
                (
                    line,
                    f"citation key '{item.key}' is not in any bibliography this post sees",
                    "a key of references.bib or of the post's `bibliography:` files",
                )
            )


def _in_html_blocks(tokens: Sequence[Token]) -> dict[int, tuple[list[HtmlCitation], list[tuple[int, str]]]]:
    """Each HTML block's citations and `\\cite{}`s in tags, by token index (blocks without either left out)."""
    found = {i: html_citations(t.content) for i, t in enumerate(tokens) if t.type == "html_block"}
    return {i: pair for i, pair in found.items() if pair[0] or pair[1]}


def _resolve_html(
    token: Token,
    found: tuple[list[HtmlCitation], list[tuple[int, str]]],
    cited: Cited | None,
    numbering: _Numbering,
    env: dict,
) -> None:
    """Put the block's citations in its HTML, numbered in reading order with the rest of the post."""
    citations, in_tags = found
    first = env.get("first_line", 1) + (token.map[0] if token.map else 0)
    html = token.content
    pieces: list[str] = []
    last = 0
    for citation in citations:
        shown, text = citation_html(citation.items, citation.mode, cited, numbering)
        if citation.in_link:
            shown = f'<span class="citation">{escape(text)}</span>'
        pieces += [html[last : citation.start], shown]
        last = citation.end
        _warn_missing(env, first + html.count("\n", 0, citation.start), citation.items, cited)
    for at, written in in_tags:
        env["warnings"].append(
            (
                first + html.count("\n", 0, at),
                f"a citation inside an HTML tag is left as written: {written}",
                "the citation in the element's text, outside its tag's attributes",
            )
        )
    token.content = "".join(pieces) + html[last:]


def _number_citations(state: StateCore) -> None:
    """Number or label every citation in reading order, warn on missing keys, add the list."""
    env = state.env
    in_html = _in_html_blocks(state.tokens) if "\\cite" in state.src else {}
    if not env.get("has_citations") and not in_html:
        return
    cited: Cited | None = env.get("cited")
    numbering = _Numbering(cited.style if cited is not None else "numeric", {})
    if cited is not None and cited.style == "author-year":
        more = [citation for pair in in_html.values() for citation in pair[0]]
        numbering.years = distinct_years(_cited_entries(state.tokens, cited, more))
    found = any(pair[0] for pair in in_html.values())
    first_line = env.get("first_line", 1)
    for index, token in enumerate(state.tokens):
        if index in in_html:
            _resolve_html(token, in_html[index], cited, numbering, env)
        if token.type != "inline" or not token.children:
            continue
        for child in token.children:
            if child.type != "citation":
                continue
            found = True
            items, mode = child.meta["items"], child.meta["mode"]
            child.meta["html"], child.content = citation_html(items, mode, cited, numbering)
            _warn_missing(env, first_line + (token.map[0] if token.map else 0) + child.meta["newlines"], items, cited)
    if not found or cited is None:
        return
    section = references_html(cited, numbering, env.get("references_heading", "References"))
    if section:
        block = Token("html_block", "", 0)
        block.content = section
        at = next((i for i, t in enumerate(state.tokens) if t.type == "footnote_block_open"), len(state.tokens))
        state.tokens.insert(at, block)


def _render_citation(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    return tokens[idx].meta.get("html", escape(tokens[idx].content))


def citations_plugin(md: MarkdownIt) -> None:
    # Before links ([@key] is not a link), after code, math, escapes and emphasis: those take
    # their characters first, so this rule is not even called for them.
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.inline.ruler.before("escape", "citation_tex", _latex_rule)
    md.core.ruler.push("citations", _number_citations)
    md.add_render_rule("citation", _render_citation)
