"""Math forms markdown-it does not know, as MathJax users write them.

- `\\begin{equation} … \\end{equation}` (align, gather, multline, …, and the environments made
  for use inside math: pmatrix, cases, aligned, array, …) on its own lines, with no `$$` around
  it, is display math (MathJax typesets any environment it knows found in running text).
  Inside a paragraph (no blank line before it) the same environment is display math too,
  found by an inline rule, so the paragraph's markdown never reaches into the TeX.
- `\\eqref{…}` / `\\ref{…}` written in running text, outside `$`, is a reference.
- `$$a$$ is a vector and $$b$$ …` (kramdown's inline `$$`) starting a line is a paragraph
  with two inline formulas, not one display formula running from the first `$$` to the last.
- `|` inside `$…$` in a table row must not split the cell (GFM splits rows on every `|`
  before inline parsing, and turns `\\|` into `|`, which would make a norm a modulus).

"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from generator.content.bibliography import CROSSREF_PREFIXES
from generator.math.tex_rewrite import DISPLAY_ENVIRONMENTS
from generator.patterns import lazy_pattern

# MathJax's processEnvironments (on by default in v2 and v3, so on Hexo, Jekyll and Jupyter pages)
# typesets every environment it knows as display math wherever the text holds one; pandoc reads
# these as math too. Besides the display ones: amsmath's (and mathtools', amscd's, the cases
# package's, all autoloaded by MathJax 3) meant for inside math, which notebook cells write bare.
BARE_ENVIRONMENTS = DISPLAY_ENVIRONMENTS | frozenset(
    {
        *("aligned", "alignedat", "gathered", "lgathered", "rgathered", "split", "multlined"),
        *("array", "darray", "subarray", "CD", "xalignat", "xalignat*", "xxalignat", "xxalignat*"),
        *("cases", "cases*", "dcases", "dcases*", "rcases", "rcases*", "drcases", "drcases*"),
        *("numcases", "subnumcases"),
        *(f"{kind}matrix{star}" for kind in ("", "p", "b", "B", "v", "V") for star in ("", "*")),
        *(f"{kind}smallmatrix{star}" for kind in ("", "p", "b", "B", "v", "V") for star in ("", "*")),
    }
)
_BEGIN = lazy_pattern(r"\\begin\s*\{([A-Za-z]+(?:\\?\*)?)\}")  # align\* as marked writers escape it
# Labels that name a figure, table, section, algorithm or theorem: their \\ref is markdown/crossref.py's.
OTHER_LABEL_PREFIXES = tuple(sorted(CROSSREF_PREFIXES - {"eq"}))  # labels that are not equations
_REFERENCE = lazy_pattern(r"\\(eqref|ref)\s*\{(?!\s*(?:" + "|".join(OTHER_LABEL_PREFIXES) + r")[:-])[^{}\n]+\}")
# A character no author types: stands for `|` inside table-row math until parsing is done.
PIPE = "\ue000"
_ROW_MATH = lazy_pattern(r"(?<!\\)(\$\$?)(?=\S)(.+?)(?<=\S)(?<!\\)\1")


def _ending(name: str) -> re.Pattern[str]:
    """\\begin or \\end of this environment, its star escaped for marked or not."""
    base = name.replace("\\", "").rstrip("*")
    star = r"\\?\*" if name.endswith("*") else ""
    return re.compile(r"\\(begin|end)\s*\{" + re.escape(base) + star + r"\}")


def begin_at(state: StateBlock, line: int, begin: re.Pattern[str]) -> re.Match[str] | None:
    """`\\begin{…}` opening a block line (not indented as code), as `begin` reads it; the match's
    positions are in state.src. Shared by every block rule for a LaTeX environment."""
    if state.sCount[line] - state.blkIndent >= 4:
        return None
    start = state.bMarks[line] + state.tShift[line]
    if not state.src.startswith("\\begin", start):
        return None
    return begin.match(state.src, start, state.eMarks[line])


def environment_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A bare display environment: from a line starting with \\begin{env} to its \\end{env}."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("\\begin", begin):
        return False
    first = state.src[begin : state.eMarks[start_line]]
    opened = _BEGIN.match(first)
    if opened is None or opened.group(1).replace("\\", "") not in BARE_ENVIRONMENTS:
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
    if opened is None or opened.group(1).replace("\\", "") not in BARE_ENVIRONMENTS:
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


def _text_after_closing(state: StateBlock, start_line: int, end_line: int) -> bool:
    """Whether text follows the `$$` that closes the one opening `start_line` (`$$ a $$ 与 $$ b $$`).

    Then the lines are a paragraph holding formulas, as MathJax pairs the delimiters left to
    right and kramdown's block math needs its closing `$$` to end the block; read as one
    block they made a single formula with `$$ 与 $$` inside it.
    """
    opening = state.bMarks[start_line] + state.tShift[start_line]
    last = state.eMarks[min(end_line, state.lineMax) - 1]
    closing = _DOUBLE_DOLLAR.search(state.src, opening + 2, last)
    if closing is None:
        return False
    line_end = state.src.find("\n", closing.end())
    rest = state.src[closing.end() : line_end if line_end >= 0 else len(state.src)]
    return bool(rest.strip())


def _closing_run(src: str, pos: int, limit: int, width: int) -> int:
    """Where the next run of exactly `width` backticks starts in src[pos:limit], or -1."""
    while (tick := src.find("`", pos, limit)) >= 0:
        end = tick + 1
        while end < limit and src[end] == "`":
            end += 1
        if end - tick == width:
            return tick
        pos = end
    return -1


def code_spans(src: str, start: int, limit: int) -> Iterator[tuple[int, int]]:
    """The code spans of the paragraph text src[start:limit] as CommonMark pairs backtick runs:
    (first backtick, just past the last), in order. A run that nothing closes is text."""
    pos = start
    while (tick := src.find("`", pos, limit)) >= 0:
        end = tick + 1
        while end < limit and src[end] == "`":
            end += 1
        slashes = tick
        while slashes > start and src[slashes - 1] == "\\":
            slashes -= 1
        opening = tick + (tick - slashes) % 2  # `\`` is a backtick as text; the rest of its run opens
        close = _closing_run(src, end, limit, end - opening) if opening < end else -1
        if close < 0:
            pos = end
            continue
        yield opening, close + end - opening
        pos = close + end - opening


def _paragraph_end(state: StateBlock, line: int, end_line: int) -> int:
    """Where the paragraph holding `line` ends at the latest: the end of its last line before a blank one."""
    last = line
    while last + 1 < min(end_line, state.lineMax) and not state.isEmpty(last + 1):
        last += 1
    return state.eMarks[last]


def _opens_nothing(state: StateBlock, line: int, end_line: int) -> bool:
    """Whether the `$$` starting `line`, asked whether it ends the paragraph above, belongs to it.

    It does when it lies in a code span opened above (`` 替换为：⏎`$$⏎q = 1⏎$$`⏎其中 … ``: goldmark
    read the lines as one code span, blogdown's script typeset it as display math); read as an
    opener, it swallowed the text after it up to the next `$$`. It does too when the paragraph
    holds a `$$` still open outside code, which this one closes: a formula closed by
    `$$，其中…` or `$$]` stays in its paragraph, and its `$$` read as an opener took the next
    formula's `$$` as its end. MathJax, Hugo's passthrough and KaTeX pair `$$` left to right.
    The paragraph began at `state.line` (the paragraph rule asks its terminators before moving it).
    """
    start = state.bMarks[state.line] + state.tShift[state.line] if state.line < line else state.bMarks[line]
    at = state.bMarks[line] + state.tShift[line]
    if "`" not in state.src[start:at]:
        return len(_DOUBLE_DOLLAR.findall(state.src, start, at)) % 2 == 1
    count, pos = 0, start
    for opening, closing in code_spans(state.src, start, _paragraph_end(state, line, end_line)):
        if opening >= at:
            break
        if closing > at:
            return True  # the `$$` is inside this code span
        count += len(_DOUBLE_DOLLAR.findall(state.src, pos, opening))
        pos = closing
    return (count + len(_DOUBLE_DOLLAR.findall(state.src, pos, at))) % 2 == 1


def _closed_in_code(state: StateBlock) -> bool:
    """Whether the `$$` that closed the block just read opens a code span (a line ending `` `$$ ``).

    A `$$` left open ran on to the next paragraph's `` `$$ ``, the start of a formula written
    in backticks, and swallowed everything between; left as text, it is reported at its line.
    """
    line = state.src[state.bMarks[state.line - 1] : state.eMarks[state.line - 1]].rstrip()
    return line.endswith("`$$")


def _guard_display_dollars(md: MarkdownIt) -> None:
    """Wrap dollarmath's block rule so a line with several $$…$$ pairs stays a paragraph."""
    # dollarmath's rule is the first called "math_block" (texmath's bracket rule has the same name)
    rule = next((rule for rule in md.block.ruler.__rules__ if rule.name == "math_block"), None)
    if rule is None:
        return
    original = rule.fn

    def math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        # Tried at every line: one not starting with `$$` is refused here, as dollarmath's rule
        # refuses it, without slicing the line or saving the token list (0.04 of 2.5 s profiled).
        begin = state.bMarks[start_line] + state.tShift[start_line]
        if not state.src.startswith("$$", begin):
            return False
        line = state.src[begin : state.eMarks[start_line]]
        if (
            len(_DOUBLE_DOLLAR.findall(line)) > 2
            or (silent and state.parentType == "paragraph" and _opens_nothing(state, start_line, end_line))
            or _text_after_closing(state, start_line, end_line)
        ):
            return False
        count, line_before = len(state.tokens), state.line
        found = bool(original(state, start_line, end_line, silent)) and not _closed_in_code(state)
        if silent or not found:  # silent (does `$$` end a paragraph?), dollarmath's rule pushes its token too
            del state.tokens[count:]
            state.line = line_before
        return found

    rule.fn = math_block
    md.block.ruler.__cache__ = None


_COMMAND_FIRST = lazy_pattern(r"\$\\[A-Za-z]")


def _guard_first_dollar(md: MarkdownIt) -> None:
    """Wrap dollarmath's inline rule so a paragraph that starts with `$a$` and ends with a digit
    keeps its formula.

    dollarmath refuses an opening `$` right after a digit (`5$`), looking one character back;
    at the paragraph's start that index is -1, the last character, so `$x$ 的值为 0` (and a
    list item `- $\\log_2 1 = 0$, from 0`) was published as text, without a warning. And a
    formula glued to a number, `3.6$\\mu$m`, is one when it starts with a command.
    """
    rule = next((rule for rule in md.inline.ruler.__rules__ if rule.name == "math_inline"), None)
    if rule is None:
        return
    original = rule.fn

    def math_inline(state: StateInline, silent: bool) -> bool:
        pos, source = state.pos, state.src
        if pos == 0 and source[-1:].isdigit():
            seen = source + " "  # nothing before the opening `$`: the rule's look back sees no digit
        elif pos and source[pos - 1].isdigit() and _COMMAND_FIRST.match(source, pos):
            # `3.6$\\mu$m`: a price never starts with a command; MathJax typesets it
            seen = source[: pos - 1] + " " + source[pos:]
        else:
            return bool(original(state, silent))
        state.src = seen
        try:
            return bool(original(state, silent))
        finally:
            state.src = source

    rule.fn = math_inline
    md.inline.ruler.__cache__ = None


def math_syntax_plugin(md: MarkdownIt) -> None:
    _guard_display_dollars(md)
    _guard_first_dollar(md)
    # Not interrupting a paragraph: an environment inside one is left to environment_inline,
    # so a code span that spans lines (`$$ … \\begin{aligned} … $$`) stays one code span.
    md.block.ruler.before(
        "paragraph", "math_environment", environment_block, {"alt": ["reference", "blockquote", "list"]}
    )
    md.inline.ruler.before("escape", "math_environment", environment_inline)
    md.inline.ruler.before("escape", "math_reference", reference_inline)


# Inline rules that push a formula token (`\\ref{eq:…}` and `@eq:…` become one; kramdown's `\\$$`),
# beside those whose names start with "math".
_OTHER_FORMULA_RULES = frozenset({"kramdown_escaped_dollars", "crossref_tex", "crossref_at"})
_FORMULA_TOKENS = frozenset({"math_inline", "math_inline_double"})


def _counting_lines(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """`rule`, each formula token it pushes carrying in meta["line_offset"] how many lines of its
    paragraph come before the formula's start.

    An inline token has no line of its own, only its block's (a paragraph of many lines, as
    Chinese notes write them), so a formula's warning named the paragraph's first line. The
    rule knows where it matched in the paragraph's text (joined with a newline a line), and
    only a rule that matched pays for counting, once a formula.
    """

    def counted(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        lines = state.src.count("\n", 0, start)
        if lines:
            for token in state.tokens[count:]:
                if token.type in _FORMULA_TOKENS:
                    token.meta["line_offset"] = lines
        return True

    return counted


def formula_lines_plugin(md: MarkdownIt) -> None:
    """Every inline rule that makes formulas gives them their own line (`_counting_lines`); added
    last, once every such rule is in place."""
    for rule in md.inline.ruler.__rules__:
        if rule.name.startswith("math") or rule.name in _OTHER_FORMULA_RULES:
            rule.fn = _counting_lines(rule.fn)
    md.inline.ruler.__cache__ = None


_CODE_SPAN_MATH = lazy_pattern(r"(\$\$?)(?!\s*\$)(.+?)\1", re.DOTALL)


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
