"""Footnotes shown beside their reference, in the margin, on screens wide enough for one.

Paper notes lean on footnotes, and a reader who jumps to the end of a long derivation and back
loses their place. Tufte's answer is the sidenote. We keep the footnote list at the end of the
post exactly as it was (it is what keyboards, screen readers, feeds and phones use) and add,
after each first reference, a copy of the note for the eye only (`aria-hidden`): the theme's CSS
floats it into the margin on wide screens and hides it everywhere else. A note that is more
than paragraphs (a list, code, a formula block) stays at the end only, as a margin cannot hold it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_INSIDE_NOTE = {"paragraph_open", "paragraph_close", "inline", "footnote_anchor"}


def collect_sidenotes(state: StateCore) -> None:
    """The inline tokens of each footnote made only of paragraphs, by footnote id."""
    if "footnotes" not in state.env:
        return
    notes: dict[int, list[Token]] = {}
    current: int | None = None
    inlines: list[Token] = []
    fits = True
    for token in state.tokens:
        if token.type == "footnote_open":
            current, inlines, fits = token.meta["id"], [], True
        elif token.type == "footnote_close" and current is not None:
            if fits and inlines:
                notes[current] = inlines
            current = None
        elif current is not None:
            if token.type not in _INSIDE_NOTE:
                fits = False
            elif token.type == "inline":
                inlines.append(token)
    state.env["sidenotes"] = notes


def sidenotes_plugin(md: MarkdownIt) -> None:
    """After each footnote's first reference, its text again for the margin (theme CSS places it)."""
    original = md.renderer.rules["footnote_ref"]

    def footnote_ref(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
        html = original(tokens, idx, options, env)
        token = tokens[idx]
        note = env.get("sidenotes", {}).get(token.meta["id"])
        if not note or token.meta.get("subId", 0) > 0 or env.get("in_sidenote"):
            return str(html)  # a note referring to a note (or to itself) gets no copy inside the copy
        env["in_sidenote"] = True
        try:
            body = " ".join(self.renderInline(inline.children or [], options, env) for inline in note)
        finally:
            env["in_sidenote"] = False
        if ' id="' in body:
            return str(html)  # a labelled formula would repeat its id
        body = body.replace("<a ", '<a tabindex="-1" ')  # the end list is the keyboard's way there
        number = token.meta["id"] + 1
        return f'{html}<span class="sidenote" aria-hidden="true"><span class="sidenote-number">{number}</span> {body}</span>'

    md.add_render_rule("footnote_ref", footnote_ref)
    md.core.ruler.push("sidenotes", collect_sidenotes)


_OPENING = '<span class="sidenote" aria-hidden="true">'
_SPAN = re.compile(r"<span\b|</span>")


def without_sidenotes(html: str) -> str:
    """The HTML without the margin copies: a feed reader has no stylesheet to hide them, and would
    show each footnote twice."""
    if _OPENING not in html:
        return html
    pieces: list[str] = []
    position = 0
    while (start := html.find(_OPENING, position)) >= 0:
        pieces.append(html[position:start])
        depth = 0
        for tag in _SPAN.finditer(html, start):
            depth += 1 if tag.group(0) == "<span" else -1
            if depth == 0:
                position = tag.end()
                break
        else:
            return "".join(pieces) + html[start:]
    return "".join(pieces) + html[position:]
