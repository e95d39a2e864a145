"""Numbers and cross-references: 定理 1, 图 2, 表 1, 算法 1, and the links that point at them.

One label namespace per post, as in a LaTeX document: `{#fig:loss}` after an image, `: caption
{#tbl:results}` after a table, `{#sec:intro}` after a heading, `\\label{…}` in a theorem, an
algorithm or an equation. A reference is `@fig:loss` (pandoc-crossref; Quarto's `@fig-loss`
too) or `\\ref{fig:loss}` / `\\cref` / `\\autoref` (LaTeX), before or after its target: so
numbering waits until the post is parsed, then every reference is resolved in one walk.

Counters: each kind counts on its own (定理 1, 引理 1, 定理 2), as amsthm does for
`\\newtheorem` without a shared counter and as Quarto does; proofs are not numbered. Figures and
tables are numbered only when labelled, so the images and tables of existing posts keep their
plain captions. Equations keep math-core's numbering (math/formulas.py); `@eq:x` is passed to it
as `\\eqref{eq:x}`, and an equation label used again by a figure or theorem is reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from generator.config.strings import ZH_CN
from generator.markdown.theorems import KINDS, read_container_info
from generator.markdown.theorems import TOKEN as THEOREM
from generator.math.engines import MATH_BLOCK, MATH_INLINE
from generator.math.syntax import OTHER_LABEL_PREFIXES
from generator.patterns import lazy_pattern

DEFAULT_NAMES: Mapping[str, str] = {
    key[len("crossref_") :]: value for key, value in ZH_CN.items() if key.startswith("crossref_")
}
_PREFIX = "(?:eq|" + "|".join(OTHER_LABEL_PREFIXES) + ")"
LABEL = _PREFIX + r"[:-][\w.:\-]*\w"
_AT_REFERENCE = lazy_pattern(r"@(" + LABEL + ")")
_TEX_REFERENCE = lazy_pattern(r"\\(ref|cref|Cref|autoref)\s*\{\s*(" + LABEL + r")\s*\}")
_FIGURE_LABEL = lazy_pattern(r"\s*\{#((?:fig)[:-][^\s}]+)[^}]*\}\s*")
_HEADING_LABEL = lazy_pattern(r"sec[:-]")
_TABLE_CAPTION = lazy_pattern(r"^(?:Table)?:\s+(.*?)\s*(?:\{#(tbl[:-][^\s}]+)\})?\s*$", re.DOTALL)
_CAPTION_START = lazy_pattern(r"^(?:Table)?:\s+")
_CAPTION_END = lazy_pattern(r"\s*\{#[^}]*\}\s*$")
_MATH_LABEL = lazy_pattern(r"\\label\s*\{([^{}]*)\}")
# Whatever the walk below acts on; a post with none of it (most posts) is not walked. A table
# caption's line start is looked for after each newline and at the text's start, not with ^ in
# multiline mode: a pattern that can start anywhere is tried at every character (70 to 28 us a post).
_WORTH_A_LOOK = re.compile(
    r"\{:?\s*#|:::|@"
    + _PREFIX
    + r"[:-]|\\(?:c|C|auto)?ref\s*\{\s*"
    + _PREFIX
    + r"[:-]|\\begin\s*\{(?:algorithm|"
    + "|".join(KINDS)
    + r")"
)
_CAPTION_LINE = r"[^\S\n]*(?:Table)?:\s"  # not \s*, which crosses lines: a run of blank lines took seconds
_FIRST_LINE_CAPTION = re.compile(_CAPTION_LINE)
_LINE_CAPTION = re.compile("\n" + _CAPTION_LINE)


def _worth_a_look(src: str) -> bool:
    return bool(_WORTH_A_LOOK.search(src) or _FIRST_LINE_CAPTION.match(src) or _LINE_CAPTION.search(src))


EXPECTED = "a label defined in this post ({#fig:…} after an image, \\label{…} in a theorem or equation)"


@dataclass(frozen=True, slots=True)
class Target:
    """What a reference to a label shows ("定理 1") and where the label was defined."""

    text: str
    line: int | None
    name: str = ""  # "定理": a reference already preceded by it in the text shows only the number
    number: str = ""


# ---- inline: the references ------------------------------------------------------------


def at_reference(state: StateInline, silent: bool) -> bool:
    """`@fig:loss`, not inside a word (an e-mail address is no reference)."""
    if state.src[state.pos] != "@":
        return False
    if state.pos > 0 and (state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] in "_.@"):
        return False
    found = _AT_REFERENCE.match(state.src, state.pos)
    if found is None:
        return False
    if not silent:
        _push_reference(state, found.group(1), found.group(0))
    state.pos = found.end()
    return True


def tex_reference(state: StateInline, silent: bool) -> bool:
    """`\\ref{thm:conv}` (an equation's `\\ref{eq:x}` stays with the math rules), `\\cref`, `\\autoref`."""
    if state.src[state.pos] != "\\":
        return False
    found = _TEX_REFERENCE.match(state.src, state.pos)
    if found is None:
        return False
    if not silent:
        _push_reference(state, found.group(2), found.group(0))
    state.pos = found.end()
    return True


def _push_reference(state: StateInline, label: str, source: str) -> None:
    if label.startswith(("eq:", "eq-")):
        token = state.push("math_inline", "math", 0)
        token.content = f"\\eqref{{{label}}}"
        token.markup = "ref"
        return
    token = state.push("crossref", "", 0)
    token.content = source
    token.meta = {"label": label}


def _render_unresolved(self: Any, tokens: Any, idx: int, options: Any, env: dict) -> str:
    return escape(tokens[idx].content)


# ---- core: number the targets, then resolve the references -----------------------------


def crossref_rule(state: StateCore) -> None:
    """Captions for tables, numbers for every target, then every reference as a link."""
    if not _worth_a_look(state.src):
        return
    env = state.env
    names = {**DEFAULT_NAMES, **env.get("crossref_names", {})}
    first_line = env.get("first_line", 1)
    tokens = _table_captions(state.tokens)
    targets: dict[str, Target] = {}
    counters: dict[str, int] = {}
    last_line: int | None = None

    def define(label: str, text: str) -> None:
        name, _, number = text.rpartition(" ")
        if not label:
            return
        if label in targets:
            earlier = targets[label].line
            where = f" (first at line {earlier})" if earlier else ""
            env["warnings"].append(
                (last_line, f"label '{label}' is defined twice in this post{where}", "each label once")
            )
            return
        targets[label] = Target(text, last_line, name, number) if name in names.values() else Target(text, last_line)

    def count(kind: str) -> str:
        counters[kind] = counters.get(kind, 0) + 1
        return f"{names[kind]} {counters[kind]}"

    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token.map:
            last_line = first_line + token.map[0]
        out.append(token)
        if token.type == f"{THEOREM}_open":
            _theorem(state, token, tokens, index, out, names, count, define)
        elif token.type == f"{THEOREM}_close" and token.meta.get("kind") == "proof":
            _end_of_proof(out)
        elif token.type == "algorithm_open" and token.meta.get("numbered"):
            token.meta["number"] = count("algorithm")
            define(token.meta.get("label", ""), token.meta["number"])
        elif token.type == "table_open" and "caption" in token.meta:
            label = token.meta["caption"]
            if label:
                token.meta["number"] = count("table")
                token.attrSet("id", label)
                define(label, token.meta["number"])
        elif token.type == "inline" and token.children:
            _figure_label(tokens, index, names, count, define)
            _section_label(tokens, index, define)
        _math_labels(token, define)
    state.tokens = out
    _resolve(out, targets, env, first_line)


def _theorem(
    state: StateCore,
    token: Token,
    tokens: list[Token],
    index: int,
    out: list[Token],
    names: Mapping[str, str],
    count: Any,
    define: Any,
) -> None:
    """The title run into the block's first paragraph: 定理 1（名称）, or 证明 / the proof's own title."""
    if "kind" not in token.meta:
        token.meta.update(read_container_info(token.info) or {"kind": "theorem", "name": "", "label": ""})
        token.meta["title_text"] = ""
    kind, name, label = token.meta["kind"], token.meta["name"], token.meta["label"]
    named: list[Token] = []
    if name:
        state.md.inline.parse(name, state.md, state.env, named)
    title: list[Token] = [_html('<span class="theorem-title">')]
    if kind == "proof":
        title += named or [_text(names["proof"])]
    else:
        number = count(kind)
        define(label, number)
        title.append(_text(number))
        if named:
            before, _, after = names["name"].partition("{name}")
            title += [_text(before), *named, _text(after)]
    title.append(_html("</span> "))
    _close_of(tokens, index).meta["kind"] = kind
    following = tokens[index + 1 : index + 3]
    if len(following) == 2 and following[0].type == "paragraph_open" and following[1].type == "inline":
        following[1].children = [*title, *(following[1].children or [])]
        return
    opening, inline, closing = (
        Token("paragraph_open", "p", 1),
        Token("inline", "", 0),
        Token("paragraph_close", "p", -1),
    )
    inline.children = title
    out += [opening, inline, closing]


def _close_of(tokens: list[Token], index: int) -> Token:
    depth = 0
    for token in tokens[index:]:
        depth += token.nesting if token.type in (f"{THEOREM}_open", f"{THEOREM}_close") else 0
        if depth == 0:
            return token
    return tokens[-1]


def _end_of_proof(out: list[Token]) -> None:
    """∎ at the end of the proof's last paragraph, or on a line of its own after a formula or list."""
    if len(out) >= 3 and out[-2].type == "paragraph_close" and out[-3].type == "inline":
        out[-3].children = [*(out[-3].children or []), _html('<span class="qed" aria-hidden="true">∎</span>')]
        return
    qed = Token("html_block", "", 0)
    qed.content = '<p class="qed" aria-hidden="true">∎</p>\n'
    out.insert(len(out) - 1, qed)


def _figure_label(tokens: list[Token], index: int, names: Mapping[str, str], count: Any, define: Any) -> None:
    """`![caption](x.png){#fig:loss}` alone in its paragraph: the label leaves the text."""
    inline = tokens[index]
    children = inline.children or []
    if not children or children[-1].type != "text" or index == 0 or tokens[index - 1].type != "paragraph_open":
        return
    found = _FIGURE_LABEL.fullmatch(children[-1].content)
    kinds = [c.type for c in children[:-1] if not (c.type == "text" and not c.content.strip())]
    if found is None or kinds not in (["image"], ["link_open", "image", "link_close"]):
        return
    image = next(c for c in children if c.type == "image")
    number = count("figure")
    image.meta["crossref"] = (found.group(1), number, names["caption_separator"])
    define(found.group(1), number)
    inline.children = children[:-1]


def _section_label(tokens: list[Token], index: int, define: Any) -> None:
    """`## 引言 {#sec:intro}`: the heading's id is the label; a reference shows the heading's text.
    The block has left the text already, as every heading's attribute block does (headings.py)."""
    if index == 0 or tokens[index - 1].type != "heading_open":
        return
    ident = tokens[index - 1].attrGet("id")
    if not isinstance(ident, str) or not _HEADING_LABEL.match(ident):
        return
    children = tokens[index].children or []
    define(ident, "".join(c.content for c in children if c.type in ("text", "code_inline")).strip())


def _math_labels(token: Token, define: Any) -> None:
    """Equation labels share the namespace: a figure labelled like an equation is a clash."""
    if token.type in MATH_BLOCK:
        found = _MATH_LABEL.findall(token.content)
    elif token.type == "inline" and "\\label" in token.content:
        found = [
            label for c in token.children or () if c.type in MATH_INLINE for label in _MATH_LABEL.findall(c.content)
        ]
    else:
        return
    for label in dict.fromkeys(label.strip() for label in found):
        define(label, "")  # an equation's number is math-core's; only the clash matters here


def _table_captions(tokens: list[Token]) -> list[Token]:
    """`: caption {#tbl:x}` after a table (its last row, or the paragraph below) becomes its <caption>."""
    if not any(token.type == "table_open" for token in tokens):
        return tokens
    out: list[Token] = []
    index = start = 0
    while index < len(tokens):
        token = tokens[index]
        out.append(token)
        index += 1
        if token.type == "table_open":
            start = len(out) - 1
        if token.type != "table_close":
            continue
        opening = out[start]
        caption = _caption_in_last_row(out, start)
        if caption is None and _is_caption_paragraph(tokens, index):
            caption = tokens[index + 1]
            index += 3
        if caption is not None:
            found = _TABLE_CAPTION.match(caption.content)
            assert found is not None
            opening.meta["caption"] = found.group(2) or ""
            _trim_caption(caption)
            out[start + 1 : start + 1] = [
                Token("table_caption_open", "caption", 1),
                caption,
                Token("table_caption_close", "caption", -1),
            ]
    return out


def _is_caption_paragraph(tokens: list[Token], index: int) -> bool:
    return (
        index + 2 < len(tokens)
        and tokens[index].type == "paragraph_open"
        and tokens[index + 1].type == "inline"
        and tokens[index + 2].type == "paragraph_close"
        and _TABLE_CAPTION.match(tokens[index + 1].content) is not None
    )


def _caption_in_last_row(out: list[Token], start: int) -> Token | None:
    """GFM reads a caption line written right under a table as one more row: take it back."""
    if len(out) < 4 or out[-2].type != "tbody_close" or out[-3].type != "tr_close":
        return None
    row_start = max(i for i in range(start, len(out)) if out[i].type == "tr_open")
    cells = [t for t in out[row_start:-3] if t.type == "inline"]
    if not cells or _TABLE_CAPTION.match(cells[0].content) is None or any(c.content.strip() for c in cells[1:]):
        return None
    del out[row_start:-2]
    if out[-3].type == "tbody_open":
        del out[-3:-1]
    return cells[0]


def _trim_caption(inline: Token) -> None:
    children = inline.children or []
    if children and children[0].type == "text":
        children[0].content = _CAPTION_START.sub("", children[0].content)
    if children and children[-1].type == "text":
        children[-1].content = _CAPTION_END.sub("", children[-1].content)


def _resolve(tokens: list[Token], targets: Mapping[str, Target], env: dict[str, Any], first_line: int) -> None:
    """Every `crossref` token as a link to its target, or marked and reported when unknown."""
    line: int | None = None
    for token in tokens:
        if token.map:
            line = first_line + token.map[0]
        if token.type != "inline" or not any(c.type == "crossref" for c in token.children or ()):
            continue
        children: list[Token] = []
        for child in token.children or []:
            if child.type != "crossref":
                children.append(child)
                continue
            label = child.meta["label"]
            target = targets.get(label)
            if target is None or not target.text:
                env["warnings"].append((line, f"unknown label '{label}' in the reference {child.content}", EXPECTED))
                children += [_html('<span class="crossref-missing">'), _text(child.content), _html("</span>")]
                continue
            link = Token("link_open", "a", 1)
            link.attrs = {"class": "crossref", "href": f"#{label}"}
            children += [link, _text(_shown(target, children)), Token("link_close", "a", -1)]
        token.children = children


def _shown(target: Target, before: list[Token]) -> str:
    """ "定理 1", or "1" where the writer typed the name already (`定理~\\ref{thm:a}`, as LaTeX
    wants it): the name is not doubled, and TeX's `~` becomes a no-break space."""
    previous = before[-1] if before and before[-1].type == "text" else None
    if not target.name or previous is None:
        return target.text
    found = re.search(re.escape(target.name) + r"([ ~\u00a0]*)$", previous.content)
    if found is None:
        return target.text
    if "~" in found.group(1):
        previous.content = previous.content[: found.start(1)] + "\u00a0"
    return target.number


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _render_table_caption(self: Any, tokens: Any, idx: int, options: Any, env: dict) -> str:
    """<caption> with the number that the table_open token got (none for an unlabelled caption)."""
    if tokens[idx].nesting == -1:
        return "</caption>\n"
    number, separator = "", ""
    for token in reversed(tokens[:idx]):
        if token.type == "table_open":
            number = token.meta.get("number", "")
            break
    if number:
        names = {**DEFAULT_NAMES, **env.get("crossref_names", {})}
        separator = names["caption_separator"]
        return f'<caption><span class="crossref-number">{escape(number)}</span>{escape(separator)}'
    return "<caption>"


def crossref_plugin(md: MarkdownIt) -> None:
    """References in text, numbers and captions once the post is parsed (before figures are made)."""
    md.inline.ruler.before("escape", "crossref_tex", tex_reference)
    md.inline.ruler.push("crossref_at", at_reference)
    md.add_render_rule("crossref", _render_unresolved)
    md.add_render_rule("table_caption_open", _render_table_caption)
    md.add_render_rule("table_caption_close", _render_table_caption)
