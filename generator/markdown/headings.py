"""Attribute blocks after headings: `## 开机自启动 {#startup}` gives the heading the id `startup`.

Every engine our writers move from spells a heading's own id this way, and their posts link
to it (`[见上文](#startup)`): Hugo (goldmark) `## Title {#id .class}`, kramdown (Jekyll)
`## Title {#id}` or `{: #id}` on the line below, Python-Markdown's attr_list (Pelican)
`## Title {: #id }`. Left as text, the braces showed in the heading, its table-of-contents
entry and its search text, and every such link led nowhere.

The block is taken off the heading's text before the inline rules read it, so no later
stage (excerpt, search, anchors, cross-references) ever sees it. Only a block that is an
attribute list (`#id`, `.class`, `key=value`) is taken: `## Set {a, b}` stays text.
The ids set here are explicit: the renderer keeps them as written and makes the generated
ids of other headings step around them (render.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.patterns import lazy_pattern

# A brace block at the very end of the heading's text, not escaped (`\{#x}` is text). Its inside
# ends at a character that is no space, not lazily: spaces around a lazy middle were cut every
# way (a `{` and 2,000 spaces in a heading took 4.6 s).
_TRAILING = lazy_pattern(r"(?<!\\)\{(:?)[ \t]*+((?:[^{}\n]*[^{}\n \t])?)[ \t]*\}[ \t]*$")
# `## Title ## {#id}`: the ATX closing sequence before the block is no text either (as in goldmark).
_CLOSING_HASHES = lazy_pattern(r"(?:^|[ \t]+)#+$")
# kramdown's block attribute list on the line below a heading.
_NEXT_LINE = lazy_pattern(r"^\{:[ \t]*([^{}\n]*?)[ \t]*\}[ \t]*(?:\n|$)")
_ITEM = lazy_pattern(
    r"""#(?P<id>[^\s{}"'#]+)"""
    r"""|\.(?P<cls>[^\s{}"'#.=]+)"""
    r"""|(?P<key>[A-Za-z_:][\w:.-]*)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s{}"']+))"""
)
_LABEL = lazy_pattern(r"sec[:-]")  # a cross-reference label (crossref.py)
EXPLICIT = "explicit_id"  # heading_open.meta key: the id was written, not made from the text


@dataclass
class Attributes:
    """What one attribute block says: an id, classes and other attributes, in written order."""

    ident: str = ""
    classes: list[str] = field(default_factory=list)
    others: dict[str, str] = field(default_factory=dict)


def parse_attributes(text: str) -> Attributes | None:
    """`#id .class key="value"` as attributes; None when any part of it is something else
    (a set `{a, b}`, a formula's braces): then the braces were the writer's text."""
    found = Attributes()
    position, items = 0, 0
    text = text.strip()
    while position < len(text):
        item = _ITEM.match(text, position)
        if item is None:
            return None
        end = item.end()
        if end < len(text) and not text[end].isspace():
            return None
        position = end
        while position < len(text) and text[position].isspace():
            position += 1
        items += 1
        if item.group("id"):
            found.ident = item.group("id")
        elif item.group("cls"):
            found.classes.append(item.group("cls"))
        else:
            value = next(v for v in (item.group("dq"), item.group("sq"), item.group("bare")) if v is not None)
            if item.group("key") == "id":
                found.ident = value
            elif item.group("key") == "class":
                found.classes += value.split()
            else:
                found.others[item.group("key")] = value
    return found if items else None


def trailing_attributes(content: str) -> tuple[str, Attributes] | None:
    """A heading's text without its trailing attribute block, and the block; None if it has none."""
    if not content.endswith("}"):
        return None
    found = _TRAILING.search(content)
    if found is None:
        return None
    backslashes = len(content[: found.start()]) - len(content[: found.start()].rstrip("\\"))
    if backslashes % 2:  # `\\{#x}` is a backslash and an attribute block; `\{#x}` is text
        return None
    parsed = parse_attributes(found.group(2))
    if parsed is None:
        return None
    return _CLOSING_HASHES.sub("", content[: found.start()].rstrip()), parsed


def _apply(heading: Token, attributes: Attributes) -> None:
    if attributes.ident:
        heading.attrSet("id", attributes.ident)
        heading.meta[EXPLICIT] = True
    if attributes.classes:
        earlier = str(heading.attrGet("class") or "").split()
        heading.attrSet("class", " ".join(dict.fromkeys([*earlier, *attributes.classes])))
    for key, value in attributes.others.items():
        heading.attrSet(key, value)


def _next_line_block(tokens: list[Token], index: int) -> Attributes | None:
    """kramdown's `{: #id}` on the line right below the heading (tokens[index] is heading_close):
    the line leaves its paragraph, and an emptied paragraph leaves the page."""
    if index + 3 >= len(tokens) or tokens[index + 1].type != "paragraph_open":
        return None
    heading_map, paragraph = tokens[index - 2].map, tokens[index + 2]
    if not heading_map or not paragraph.map or paragraph.map[0] != heading_map[1]:
        return None
    found = _NEXT_LINE.match(paragraph.content)
    parsed = parse_attributes(found.group(1)) if found else None
    if found is None or parsed is None:
        return None
    rest = paragraph.content[found.end() :]
    if rest.strip():
        paragraph.content = rest
        for token in tokens[index + 1 : index + 4]:
            if token.map:
                token.map = [token.map[0] + 1, token.map[1]]
    else:
        del tokens[index + 1 : index + 4]
    return parsed


def heading_attributes_rule(state: StateCore) -> None:
    """Move each heading's attribute block onto its opening tag (before the inline rules run);
    the ids written go to `env["explicit_ids"]`, for the renderer to keep clear of."""
    if "{" not in state.src:
        return
    tokens = state.tokens
    given: set[str] = set()
    for index, token in enumerate(tokens):  # deleting a paragraph below only shortens what is ahead
        found: Attributes | None = None
        if token.type == "heading_close":
            found = _next_line_block(tokens, index)
        elif token.type == "inline" and index and tokens[index - 1].type == "heading_open":
            trailing = trailing_attributes(token.content)
            if trailing is not None:
                token.content, found = trailing
        if found is None:
            continue
        heading = tokens[index - 2] if token.type == "heading_close" else tokens[index - 1]
        if found.ident:
            _repeated(state, heading, found.ident, given)
        _apply(heading, found)
    if given:
        state.env["explicit_ids"] = given


def _repeated(state: StateCore, heading: Token, ident: str, given: set[str]) -> None:
    """Two headings given one id: links reach only the first. A cross-reference label
    (`{#sec:x}`) repeated is told by crossref.py already."""
    if heading.meta.get(EXPLICIT) and heading.attrGet("id") == ident:
        return  # the same id written twice after one heading
    if ident in given and not _LABEL.match(ident) and "warnings" in state.env:
        line = state.env.get("first_line", 1) + heading.map[0] if heading.map else None
        message = f"heading id '{ident}' is given twice in this post; links to #{ident} reach the first"
        state.env["warnings"].append((line, message, "each id once"))
    given.add(ident)


def heading_attributes_plugin(md: MarkdownIt) -> None:
    """`{#id .class}` after a heading (Hugo, Jekyll, Pelican), read before inline parsing, and
    before callouts.py drops every other kramdown `{: …}` line from the text."""
    names = [rule.name for rule in md.core.ruler.__rules__]
    md.core.ruler.before("callouts" if "callouts" in names else "inline", "heading_attributes", heading_attributes_rule)
