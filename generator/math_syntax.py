"""Math forms markdown-it does not know, as MathJax users write them.

- `\\begin{equation} … \\end{equation}` (align, gather, multline, …) on its own lines, with
  no `$$` around it, is display math (MathJax typesets it in running text).
- `\\eqref{…}` / `\\ref{…}` written in running text, outside `$`, is a reference.
- `|` inside `$…$` in a table row must not split the cell (GFM splits rows on every `|`
  before inline parsing, and turns `\\|` into `|`, which would make a norm a modulus).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from .tex_rewrite import DISPLAY_ENVIRONMENTS

_BEGIN = re.compile(r"\\begin\s*\{([A-Za-z]+\*?)\}")
_REFERENCE = re.compile(r"\\(eqref|ref)\s*\{[^{}\n]+\}")
# A character no author types: stands for `|` inside table-row math until parsing is done.
PIPE = "\ue000"
_ROW_MATH = re.compile(r"(?<!\\)(\$\$?)(?=\S)(.+?)(?<=\S)(?<!\\)\1")


def environment_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A bare display environment: from a line starting with \\begin{env} to its \\end{env}."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[begin : state.eMarks[start_line]]
    opened = _BEGIN.match(first)
    if opened is None or opened.group(1) not in DISPLAY_ENVIRONMENTS:
        return False
    name = opened.group(1)
    ending = re.compile(r"\\(begin|end)\s*\{" + re.escape(name) + r"\}")
    depth = 0
    line = start_line
    while line < end_line:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        if line > start_line and state.sCount[line] < state.blkIndent:
            return False  # left the list item / quote before the environment closed
        for found in ending.finditer(text):
            depth += 1 if found.group(1) == "begin" else -1
            if depth == 0:
                if text[found.end() :].strip():
                    return False  # text after \end{…} on the same line: leave it to the paragraph
                if silent:
                    return True
                token = state.push("math_block", "math", 0)
                token.block = True
                token.content = "\n".join(
                    state.src[state.bMarks[n] + state.tShift[n] : state.eMarks[n]] for n in range(start_line, line + 1)
                )
                token.map = [start_line, line + 1]
                token.markup = "begin"
                state.line = line + 1
                return True
        line += 1
    return False


def reference_inline(state: StateInline, silent: bool) -> bool:
    """`\\eqref{label}` in running text becomes an inline formula holding just the reference."""
    if state.src[state.pos] != "\\":
        return False
    found = _REFERENCE.match(state.src, state.pos)
    if found is None:
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = found.group(0)
        token.markup = "ref"
    state.pos = found.end()
    return True


def math_syntax_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before(
        "paragraph", "math_environment", environment_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    md.inline.ruler.before("escape", "math_reference", reference_inline)


def protect_table_math(body: str) -> str:
    """Hide `|` inside `$…$` on table rows from the table rule; `restore_pipes` undoes it."""
    if "|" not in body or "$" not in body:
        return body
    lines = body.split("\n")
    changed = False
    for number, line in enumerate(lines):
        if "|" in line and "$" in line and line.lstrip().startswith("|"):
            protected = _ROW_MATH.sub(lambda m: m.group(0).replace("|", PIPE), line)
            if protected != line:
                lines[number] = protected
                changed = True
    return "\n".join(lines) if changed else body


def restore_pipes(tokens: list) -> None:  # type: ignore[type-arg]
    """Put `|` back wherever `protect_table_math` hid it (math, text, code alike)."""
    for token in tokens:
        if PIPE in token.content:
            token.content = token.content.replace(PIPE, "|")
        for child in token.children or ():
            if PIPE in child.content:
                child.content = child.content.replace(PIPE, "|")
