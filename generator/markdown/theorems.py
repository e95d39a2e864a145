"""Theorem-like blocks (definition, theorem, lemma, …, proof) as pandoc, Quarto and LaTeX write them.

Writers of paper notes come with one of three habits, and each must give the same block:

- pandoc-style fenced containers: `::: theorem [收敛性] {#thm:conv}` … `:::`;
- pandoc/Quarto attributes: `::: {#thm-conv .theorem name="收敛性"}` (Quarto even leaves the
  class out and reads the kind from the id's prefix: `::: {#lem-bound}`);
- LaTeX, outside any formula: `\\begin{theorem}[收敛性]\\label{thm:conv}` … `\\end{theorem}`.

All three become `container_theorem_open`/`_close` tokens carrying meta `kind`, `name` (the
optional title, still Markdown) and `label`; the body between them is ordinary Markdown.
Numbering, the visible title and the ∎ at the end of a proof are added once the whole post is
parsed (crossref.py), because numbers and references span the post.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from generator.math.syntax import begin_at
from generator.patterns import lazy_pattern

KINDS = ("definition", "theorem", "lemma", "proposition", "corollary", "example", "remark", "proof")
# Label prefixes (pandoc-crossref's and Quarto's) and the kind a bare Quarto div gets from them.
PREFIX_KINDS = {
    "thm": "theorem",
    "lem": "lemma",
    "def": "definition",
    "prop": "proposition",
    "prp": "proposition",
    "cor": "corollary",
    "exm": "example",
    "rem": "remark",
}
TOKEN = "container_theorem"

_BRACKET_NAME = lazy_pattern(r"^\[((?:[^\[\]]|\[[^\[\]]*\])*)\]")
_ATTRIBUTES = lazy_pattern(r"\{([^{}]*)\}\s*$")
_ATTRIBUTE = lazy_pattern(r'#([^\s}]+)|\.([\w-]+)|([\w-]+)=(?:"([^"]*)"|(\S+))')
_BEGIN = re.compile(r"\\begin\s*\{(" + "|".join(KINDS) + r")\}")
_OPTIONAL = lazy_pattern(r"\s*\[((?:[^\[\]]|\[[^\[\]]*\])*)\]")
_LABEL = lazy_pattern(r"\s*\\label\s*\{([^{}]+)\}")


def read_container_info(info: str) -> dict[str, str] | None:
    """kind, name and label of a container line, or None if it is no theorem-like block."""
    text = info.strip()
    attributes: dict[str, str] = {}
    found = _ATTRIBUTES.search(text)
    if found is not None:
        attributes = _read_attributes(found.group(1))
        text = text[: found.start()].strip()
    word = text.split(maxsplit=1)[0].lower() if text else ""
    kind = word if word in KINDS else attributes.get("class", "")
    if kind not in KINDS:
        prefix = re.split(r"[:-]", attributes.get("id", ""), maxsplit=1)[0]
        kind = PREFIX_KINDS.get(prefix, "") if text == "" and "id" in attributes else ""
    if kind not in KINDS:
        return None
    name = attributes.get("name", attributes.get("title", ""))
    rest = text[len(word) :].strip() if word in KINDS else text
    bracketed = _BRACKET_NAME.match(rest)
    if bracketed is not None:
        name = bracketed.group(1).strip()
    elif rest:
        name = rest
    return {"kind": kind, "name": name, "label": attributes.get("id", "")}


def _read_attributes(text: str) -> dict[str, str]:
    """`#id .class key="value"`: the id, the first class naming a kind, and the key-values."""
    attributes: dict[str, str] = {}
    for ident, css_class, key, quoted, bare in _ATTRIBUTE.findall(text):
        if ident:
            attributes.setdefault("id", ident)
        elif css_class:
            if css_class in KINDS:
                attributes.setdefault("class", css_class)
        elif key:
            attributes[key] = quoted or bare
    return attributes


def _is_theorem(params: str, markup: str) -> bool:
    return read_container_info(params) is not None


def _render_theorem(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</div>\n"
    kind = token.meta.get("kind", "theorem")
    label = token.meta.get("label", "")
    ident = f' id="{escape(label)}"' if label else ""
    css = "proof" if kind == "proof" else f"theorem theorem-{kind}"
    return f'<div class="{css}"{ident}>\n'


def latex_theorem_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """`\\begin{lemma}[name]\\label{lem:x}` … `\\end{lemma}` outside math, starting a line."""
    at = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[at : at + 1] != "\\":
        return False  # most lines: no call made
    opened = begin_at(state, start_line, _BEGIN)
    if opened is None:
        return False
    kind = opened.group(1)
    ending = re.compile(r"\\(begin|end)\s*\{" + kind + r"\}")
    lines = [_line_text(state, n) for n in range(start_line, end_line)]
    depth = 0
    for offset, text in enumerate(lines):
        if offset and state.sCount[start_line + offset] < state.blkIndent and text.strip():
            return False  # left the list item or quote before the block closed
        for found in ending.finditer(text):
            depth += 1 if found.group(1) == "begin" else -1
            if depth == 0:
                if text[found.end() :].strip():
                    return False  # text after \end{…} on its line: not a block we can cut out
                if not silent:
                    _push_latex_theorem(state, kind, lines[: offset + 1], start_line, found.start())
                state.line = start_line + offset + 1
                return True
    return False


def _line_text(state: StateBlock, line: int) -> str:
    start = state.bMarks[line] + min(state.tShift[line], state.blkIndent)
    return state.src[start : state.eMarks[line]]


def _push_latex_theorem(state: StateBlock, kind: str, lines: list[str], start_line: int, end_at: int) -> None:
    """The block's tokens: its header read, its body parsed as Markdown where it stands."""
    first = lines[0].lstrip()
    position = _BEGIN.match(first)
    assert position is not None
    header = first[position.end() :]
    name = label = ""
    while True:
        optional = _OPTIONAL.match(header) if not name else None
        labelled = _LABEL.match(header) if not label else None
        if optional is not None:
            name, header = optional.group(1).strip(), header[optional.end() :]
        elif labelled is not None:
            label, header = labelled.group(1).strip(), header[labelled.end() :]
        else:
            break
    if len(lines) == 1:
        body_lines = [lines[0][len(lines[0]) - len(header) : end_at]]
    else:
        body_lines = [header, *lines[1:-1], lines[-1][:end_at]]
    map_start = start_line
    if not body_lines[0].strip():
        body_lines, map_start = body_lines[1:], start_line + 1
    opening = state.push(f"{TOKEN}_open", "div", 1)
    opening.block = True
    opening.map = [start_line, start_line + len(lines)]
    opening.meta = {"kind": kind, "name": name, "label": label, "title_text": ""}
    inner: list[Token] = []
    state.md.block.parse("\n".join(body_lines), state.md, state.env, inner)
    for token in inner:
        if token.map:
            token.map = [token.map[0] + map_start, token.map[1] + map_start]
        token.level += state.level + 1
    state.tokens.extend(inner)
    closing = state.push(f"{TOKEN}_close", "div", -1)
    closing.block = True


def theorems_plugin(md: MarkdownIt) -> None:
    """Containers and LaTeX environments for theorem-like blocks (numbered in crossref.py)."""
    container_plugin(md, "theorem", validate=_is_theorem, render=_render_theorem)
    md.block.ruler.before(
        "paragraph", "latex_theorem", latex_theorem_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
