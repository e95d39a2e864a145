"""Math forms markdown-it does not know, as MathJax users write them.

- `\\begin{equation} … \\end{equation}` (align, gather, multline, …) on its own lines, with
  no `$$` around it, is display math (MathJax typesets it in running text).
  Inside a paragraph (no blank line before it) the same environment is display math too,
  found by an inline rule, so the paragraph's markdown never reaches into the TeX.
- `\\eqref{…}` / `\\ref{…}` written in running text, outside `$`, is a reference.
- `$$a$$ is a vector and $$b$$ …` (kramdown's inline `$$`) starting a line is a paragraph
  with two inline formulas, not one display formula running from the first `$$` to the last.
- `|` inside `$…$` in a table row must not split the cell (GFM splits rows on every `|`
  before inline parsing, and turns `\\|` into `|`, which would make a norm a modulus).

And what differs between the engines a post was written for (dialects/engine.py), as MathJax
saw their output:
- `$$` on its own line right under a line of text, or inside a list item, is display math on
  Hexo, Hugo and our own rules (MathJax typesets every `$$…$$` as display); only kramdown
  (Jekyll) makes `$$` inside a paragraph inline math.
- hexo-renderer-marked read Markdown escapes inside `$…$` too, so Hexo writers wrote `\\_`,
  `\\*`, `\\\\\\\\` for what MathJax then saw as `_`, `*`, `\\\\` (`unescape_marked`).
- `\\\\( … \\\\)` and `\\\\[ … \\\\]`: Markdown turns `\\\\` into `\\`, so MathJax saw its own
  `\\( … \\)` delimiters (the usual spelling on Jekyll blogs, and on Hexo and Hugo ones too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from generator.dialects.engine import has_marked_escapes
from generator.math.tex_rewrite import DISPLAY_ENVIRONMENTS

_BEGIN = re.compile(r"\\begin\s*\{([A-Za-z]+(?:\\?\*)?)\}")  # align\* as marked writers escape it
_REFERENCE = re.compile(r"\\(eqref|ref)\s*\{[^{}\n]+\}")
# A character no author types: stands for `|` inside table-row math until parsing is done.
PIPE = "\ue000"
_ROW_MATH = re.compile(r"(?<!\\)(\$\$?)(?=\S)(.+?)(?<=\S)(?<!\\)\1")


def _ending(name: str) -> re.Pattern[str]:
    """\\begin or \\end of this environment, its star escaped for marked or not."""
    base = name.replace("\\", "").rstrip("*")
    star = r"\\?\*" if name.endswith("*") else ""
    return re.compile(r"\\(begin|end)\s*\{" + re.escape(base) + star + r"\}")


def environment_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A bare display environment: from a line starting with \\begin{env} to its \\end{env}."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("\\begin", begin):
        return False
    first = state.src[begin : state.eMarks[start_line]]
    opened = _BEGIN.match(first)
    if opened is None or opened.group(1).replace("\\", "") not in DISPLAY_ENVIRONMENTS:
        return False
    ending = _ending(opened.group(1))
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
                token.markup = "environment"
                state.line = line + 1
                return True
        line += 1
    return False


def environment_inline(state: StateInline, silent: bool) -> bool:
    """A display environment that starts inside a paragraph: one token up to its \\end."""
    if state.src[state.pos] != "\\":
        return False
    opened = _BEGIN.match(state.src, state.pos)
    if opened is None or opened.group(1).replace("\\", "") not in DISPLAY_ENVIRONMENTS:
        return False
    ending = _ending(opened.group(1))
    depth = 0
    for found in ending.finditer(state.src, state.pos):
        depth += 1 if found.group(1) == "begin" else -1
        if depth == 0:
            if not silent:
                token = state.push("math_inline", "math", 0)
                token.content = state.src[state.pos : found.end()]
                token.markup = "begin"
            state.pos = found.end()
            return True
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


_DOUBLE_DOLLAR = re.compile(r"(?<!\\)\$\$")


def _guard_display_dollars(md: MarkdownIt) -> None:
    """Wrap dollarmath's block rule so a line with several $$…$$ pairs stays a paragraph."""
    # dollarmath's rule is the first called "math_block" (texmath's bracket rule has the same name)
    rule = next((rule for rule in md.block.ruler.__rules__ if rule.name == "math_block"), None)
    if rule is None:
        return
    original = rule.fn

    def math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
        if line.startswith("$$") and len(_DOUBLE_DOLLAR.findall(line)) > 2:
            return False
        if not silent:
            return bool(original(state, start_line, end_line, silent))
        # Asked whether `$$` ends a paragraph: dollarmath's rule pushes its token even when silent.
        count, line_before = len(state.tokens), state.line
        found = bool(original(state, start_line, end_line, silent))
        del state.tokens[count:]
        state.line = line_before
        return found

    rule.fn = math_block
    md.block.ruler.__cache__ = None


def math_syntax_plugin(md: MarkdownIt) -> None:
    _guard_display_dollars(md)
    # Not interrupting a paragraph: an environment inside one is left to environment_inline,
    # so a code span that spans lines (`$$ … \\begin{aligned} … $$`) stays one code span.
    md.block.ruler.before(
        "paragraph", "math_environment", environment_block, {"alt": ["reference", "blockquote", "list"]}
    )
    md.inline.ruler.before("escape", "math_environment", environment_inline)
    md.inline.ruler.before("escape", "math_reference", reference_inline)


_CODE_SPAN_MATH = re.compile(r"(\$\$?)(?!\s*\$)(.+?)\1", re.DOTALL)


def code_spans_as_math(tokens: list) -> None:  # type: ignore[type-arg]
    """blogdown's convention (opt-in, [math] code_spans): a code span that is exactly `$…$` or
    `$$…$$` holds a formula, wrapped in backticks so that Markdown leaves it alone."""
    for token in tokens:
        for child in token.children or ():
            if child.type != "code_inline" or not child.content.startswith("$"):
                continue
            found = _CODE_SPAN_MATH.fullmatch(child.content.strip())
            if found is None:
                continue
            display = found.group(1) == "$$"
            child.type = "math_inline_double" if display else "math_inline"
            child.content = found.group(2)
            child.markup = "begin" if display else "$"


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


# --- what each engine did before MathJax saw the page -----------------------------------

KRAMDOWN = "jekyll"  # the one dialect where `$$` inside a paragraph is inline math
_ESCAPABLE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_MARKDOWN_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")


def written_for_marked(formulas: Iterable[str]) -> bool:
    """True when a Hexo post's TeX carries the escapes its writer added for marked."""
    return any(has_marked_escapes(tex) for tex in formulas)


_BARE_DELIMITER = re.compile(r"(\\(?:left|right|middle|[bB]igg?[lrm]?))\s*([{}])")


def unescape_marked(tex: str) -> str:
    """The TeX MathJax saw after hexo-renderer-marked: one Markdown escape level less.

    Except `\\left\\{`: marked made it `\\left{`, which no engine can typeset, so the writer
    cannot have seen it work; a brace after a delimiter command keeps its backslash.
    """
    if "\\" not in tex:
        return tex
    return _BARE_DELIMITER.sub(r"\1\\\2", _MARKDOWN_ESCAPE.sub(r"\1", tex))


_LOOKS_LIKE_TEX = re.compile(r"\\[A-Za-z]|[_^=]")


def _bracket_inline(state: StateInline, silent: bool) -> bool:
    """`\\\\( … \\\\)` and `\\( … \\)` as inline math, `\\\\[ … \\\\]` and `\\[ … \\]` as display math,
    inside a paragraph and across its lines (texmath's rules take `\\(…\\)` on one line and
    `\\[` starting a block only).

    A single-backslash `\\[…\\]` must hold TeX or start a line of its own: `\\[1\\]` is how
    Markdown writers keep `[1]` from being read as a link.
    """
    src, start = state.src, state.pos
    doubled = src.startswith("\\\\", start)
    at = start + (2 if doubled else 1)
    if at >= state.posMax or src[at] not in "([" or src[start] != "\\":
        return False
    if not doubled and start and src[start - 1] == "\\":
        return False
    opener = src[at]
    closer = ("\\\\" if doubled else "\\") + (")" if opener == "(" else "]")
    end = src.find(closer, at + 1)
    content = src[at + 1 : end] if end >= 0 else ""
    if not content.strip():
        return False
    if not doubled and opener == "[" and not (content.startswith("\n") or _LOOKS_LIKE_TEX.search(content)):
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = content
        token.markup = "begin" if opener == "[" else "\\("
    state.pos = end + len(closer)
    return True


def _dollar_block_interrupts_paragraph(md: MarkdownIt) -> None:
    """`$$` on its own line ends the paragraph above it, as MathJax shows it on Hexo and Hugo."""
    for rule in md.block.ruler.__rules__:
        if rule.name == "math_block":
            for chain in ("paragraph", "list"):
                if chain not in rule.alt:
                    rule.alt.append(chain)
            md.block.ruler.__cache__ = None
            return


def _spaced_dollar_inline(state: StateInline, silent: bool) -> bool:
    """`$ x $`: MathJax typesets it (dollarmath, told to leave `$5 and $10` alone, does not).

    Like MathJax, the closing `$` is looked for outside braces, so `$ \\text{if $x$} $` is one
    formula; a closing `$` followed by a digit is a price, not math.
    """
    src, start = state.src, state.pos
    if src[start] != "$" or src.startswith("$$", start) or (start and src[start - 1] in "\\$"):
        return False
    depth = 0
    index = start + 1
    while index < state.posMax:
        char = src[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "$" and depth <= 0:
            break
        elif char == "\n" and src.startswith("\n", index + 1):
            return False
        index += 1
    else:
        return False
    content = src[start + 1 : index]
    if not content.strip() or src.startswith("$", index + 1) or src[index + 1 : index + 2].isdigit():
        return False
    if content[0] not in " \t\n" and content[-1] not in " \t\n":
        return False  # no space inside: dollarmath's own rule reads it
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = content
        token.markup = "$"
    state.pos = index + 1
    return True


def dialect_math_plugin(md: MarkdownIt, dialect: str) -> None:
    """The delimiter rules of the engine a post was written for (see the module docstring)."""
    md.inline.ruler.before("escape", "math_brackets", _bracket_inline)
    md.inline.ruler.before("math_inline", "math_spaced_dollar", _spaced_dollar_inline)
    if dialect != KRAMDOWN:
        _dollar_block_interrupts_paragraph(md)


_SHELL_PROMPT = re.compile(r"(?:^|[\s`])(?:~|[\w.-]+@[\w.-]+(?::\S*)?|[\w/~.-]*[#\]>])$")
_SHELL_AFTER = re.compile(r"^(?:\{?[A-Za-z_][A-Za-z0-9_]*\b|\(|\?|\$|#|@)")
_SHELL_INSIDE = re.compile(
    r"^\{[A-Za-z_][A-Za-z0-9_]*(?:[:#%/}]|$)|^\(|\|\s|&&|^\s*(?:sudo|cd|ls|echo|export|pip|git|cat)\b"
)
_MONEY = re.compile(r"^\s*\d[\d,]*(?:\.\d+)?(?:\s|[kKmMbB万亿元]|$)")


_TEX_COMMAND = re.compile(r"\\[A-Za-z]{2,}")
_SHELL_VARIABLE = re.compile(r"^\{[A-Z_][A-Z0-9_]*[:}#%/]")
_PRICE_AFTER = re.compile(r"^\s?\d")


def reads_as_text(before: str, tex: str, after: str, converted: bool) -> str | None:
    """Why a `$…$` is a dollar sign in prose, not a formula: "shell", "price" or None.

    `before` is the text up to the opening `$`, `after` the text from just after the closing
    one. A span that did not convert needs one sign of prose; one that converted needs an
    unmistakable one (`~$ ls`, `${PATH}`, `$5 to $10`): such pages rarely even loaded MathJax.
    """
    if _TEX_COMMAND.search(tex):
        return None  # a shell line or a price has no \\frac in it: this is a formula
    if converted:
        if (tex[:1] in (" ", "\t") and _SHELL_PROMPT.search(before)) or _SHELL_VARIABLE.match(tex):
            return "shell"
        if _MONEY.match(tex) and _PRICE_AFTER.match(after):
            return "price"
        return None
    if _MONEY.match(tex) or (_MONEY.match(after) and not tex.strip().startswith("\\")):
        return "price"
    if _SHELL_PROMPT.search(before) or _SHELL_INSIDE.search(tex) or _SHELL_AFTER.match(after):
        return "shell"
    return None


# --- formulas in raw HTML ----------------------------------------------------------------

# Elements whose text MathJax skips (its default skipHtmlTags), plus the tags themselves.
_HTML_SKIP = re.compile(
    r"<(script|style|textarea|pre|code|math|annotation|kbd|samp)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_HTML_MATH = re.compile(
    r"(?<!\\)\$\$(?P<dd>.+?)(?<!\\)\$\$|\\\[(?P<bd>.+?)\\\]|\\\((?P<bi>.+?)\\\)"
    r"|(?P<env>\\begin\{(?P<name>[A-Za-z]+\*?)\}.*?\\end\{(?P=name)\})"
    r"|(?<![\\$])\$(?P<di>[^$\n](?:[^$]*?[^$\\\s])?|[^$\s])\$(?!\d)",
    re.DOTALL,
)


def html_math_spans(html: str) -> list[tuple[int, int, str, bool]]:
    """Formulas MathJax would find in a raw HTML block: (start, end, TeX as written, display).

    MathJax typesets the text of the page, so `<td>$x$</td>` shows a formula on Hexo, Hugo
    and Jekyll alike; tags, comments, code and scripts are skipped as MathJax skips them.
    """
    if "$" not in html and "\\" not in html:
        return []
    spans: list[tuple[int, int, str, bool]] = []
    position = 0
    for skipped in [*_HTML_SKIP.finditer(html), None]:
        end = skipped.start() if skipped is not None else len(html)
        for found in _HTML_MATH.finditer(html, position, end):
            display = found.group("di") is None and found.group("bi") is None
            tex = next(group for group in (found.group(k) for k in ("dd", "bd", "bi", "env", "di")) if group)
            if tex.strip():
                spans.append((found.start(), found.end(), tex, display))
        if skipped is None:
            break
        position = skipped.end()
    return spans


# TeX that reached the page as text: a formula's commands or delimiters outside any formula.
TEX_IN_PROSE = re.compile(
    r"\\(?:begin|end)\s*\{[A-Za-z]+\*?\}|\\(?:frac|dfrac|sum|prod|int|mathbf|mathbb|mathcal|mathrm|boldsymbol|"
    r"left|right|partial|nabla|cdot|cdots|ldots|sqrt|alpha|beta|gamma|theta|lambda|sigma|epsilon|omega|"
    r"operatorname|leq|geq|neq|infty|quad|qquad|displaystyle|tag|label)(?![A-Za-z])|\$\$"
)


def tex_in_prose(text: str) -> str | None:
    """The first piece of TeX in a text a reader will see, with a little context, or None."""
    found = TEX_IN_PROSE.search(text) if ("\\" in text or "$$" in text) else None
    if found is None:
        return None
    return " ".join(text[max(0, found.start() - 15) : found.end() + 25].split())
