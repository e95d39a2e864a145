"""Spellings MathJax reads and math-core refuses, found in real blogs, respelled before conversion.

Each one was published by MathJax on the blog it came from, so the reader saw a formula; here
it was a marked TeX box. They are not new constructs but looser spellings of ones math-core has:

- `\\left<` … `\\right>` (and `\\big<` …): MathJax takes `<` and `>` as angle brackets after a
  delimiter command; physics notes write every bra-ket this way.
- `\\alpha*v`: math-core reads `\\alpha*` as a starred command; MathJax as `\\alpha` then `*`.
- `array` column specs with `@{}`/`!{}` (spacing between columns), `p{2cm}`, or no spec at
  all: the spacing goes, paragraph columns become `l`, a missing or empty spec gets one `c`
  per column the rows use.
- plain TeX's `\\bordermatrix{…\\cr…}`: a matrix in parentheses with a header row and a label
  column outside them, built from arrays.
- plain TeX's `\\matrix{a & b \\cr c & d}` (no delimiters), `\\pmatrix{…}` (in parentheses) and
  `\\cases{1 & x>0 \\cr …}` (a left brace, its second column read as text with `$…$` math in
  it): MathJax 2 and 3 define all three; Hexo + NexT blogs write column vectors with them.
- plain TeX's `\\root 3 \\of x` and `\\buildrel \\rm def \\over =`: a root's index and a label over
  a symbol, each read up to its word.
- `\\tag{5}` inside a display formula's `aligned` (KaTeX numbers the formula with it).
- `H^′`, `x^{″}`: a prime pasted as a character after `^`, as TeX's `'` (a bare `H′` converts).
- `L^⊤`, `∅`: the few typed symbols math-core lacks; `\\color{red!80}`: xcolor's tint, as its colour.
- a `\\\\` inside `\\left … \\right` but in no environment: MathJax ignores it, as a space.
- a lone `\\` ending a line: TeX's control space (`\\` then the end of the line, which TeX reads as
  a space); MathJax shows a space, math-core refused an unknown command. A `\\\\` row break
  ending a line is an even run of backslashes and stays as it is.

Pure string functions, applied by formulas before tex_rewrite.rewrite.
"""

from __future__ import annotations

import re

from generator.math.tex_rewrite import brace_end
from generator.patterns import lazy_pattern

_ANGLE = lazy_pattern(r"\\(left|right|middle|[bB]igg?[lrm]?)\s*([<>])")
# Commands whose * is part of the name in math-core; any other `\name*` is the name, then a *.
_STARRED = frozenset({"operatorname", "tag", "hspace", "DeclareMathOperator", "mathop"})
_STAR = lazy_pattern(r"\\([A-Za-z]+)\*")
_ARRAY = lazy_pattern(r"\\begin\s*\{array\}")
_BORDERMATRIX = lazy_pattern(r"\\bordermatrix\s*\{")


def _top_level_splits(body: str, separator: str) -> list[str]:
    """`body` split at `separator` outside braces and nested environments."""
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    while index < len(body):
        if body.startswith("\\begin", index):
            depth += 1
        elif body.startswith("\\end", index):
            depth -= 1
        if body.startswith(separator, index) and depth == 0:
            parts.append(body[start:index])
            index += len(separator)
            start = index
            continue
        char = body[index]
        if char == "\\":
            index += 2  # an escaped character, or a command's backslash
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    parts.append(body[start:])
    return parts


def _array_body(tex: str, start: int) -> str:
    """The text of the array whose spec would start at `start`, up to its own \\end{array}."""
    depth = 1
    for match in re.finditer(r"\\(begin|end)\s*\{array\}", tex[start:]):
        depth += 1 if match.group(1) == "begin" else -1
        if depth == 0:
            return tex[start : start + match.start()]
    return tex[start:]


def _columns(body: str) -> int:
    rows = _top_level_splits(body, "\\\\")
    return max(len(_top_level_splits(row, "&")) for row in rows)


_SPEC_DROPPED = lazy_pattern(r"[@!<>]\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
_SPEC_PARAGRAPH = lazy_pattern(r"[pmbw]\s*\{[^{}]*\}")


def _array_specs(tex: str) -> str:
    out: list[str] = []
    index = 0
    for match in _ARRAY.finditer(tex):
        if match.start() < index:
            continue
        out.append(tex[index : match.end()])
        index = match.end()
        rest = tex[index:]
        stripped = rest.lstrip()
        skipped = len(rest) - len(stripped)
        if stripped.startswith("{"):
            close = brace_end(tex, index + skipped) - 1
            if close < 0:
                continue
            spec = tex[index + skipped + 1 : close]
            cleaned = _SPEC_PARAGRAPH.sub("l", _SPEC_DROPPED.sub("", spec))
            if cleaned.strip():
                out.append("{" + cleaned + "}")
                index = close + 1
                continue
            index = close + 1  # an empty spec: one centred column per column used
        out.append("{" + "c" * _columns(_array_body(tex, index)) + "}")
    out.append(tex[index:])
    return "".join(out)


def _bordermatrix(tex: str) -> str:
    match = _BORDERMATRIX.search(tex)
    while match is not None:
        close = brace_end(tex, match.end() - 1) - 1
        if close < 0:
            return tex
        rows = [_top_level_splits(row, "&") for row in _top_level_splits(tex[match.end() : close], "\\cr")]
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if len(rows) < 2:
            return tex
        width = max(len(row) for row in rows) - 1
        header = " & ".join(cell.strip() for cell in rows[0][1:])
        labels = " \\\\ ".join(row[0].strip() for row in rows[1:])
        cells = " \\\\ ".join(" & ".join(cell.strip() for cell in row[1:]) for row in rows[1:])
        columns = "c" * max(width, 1)
        built = (
            f"\\begin{{array}}{{cc}} & \\begin{{array}}{{{columns}}} {header} \\end{{array}} \\\\ "
            f"\\begin{{array}}{{c}} {labels} \\end{{array}} & "
            f"\\left(\\begin{{array}}{{{columns}}} {cells} \\end{{array}}\\right) \\end{{array}}"
        )
        tex = tex[: match.start()] + built + tex[close + 1 :]
        match = _BORDERMATRIX.search(tex, match.start() + len(built))
    return tex


_WHOLE_ALIGNED = lazy_pattern(r"^\s*\\begin\s*\{aligned\}(?P<body>.*)\\end\s*\{aligned\}\s*$", re.DOTALL)
_TAG = lazy_pattern(r"\\tag\*?\s*\{[^{}]*\}")


def _tags_in_aligned(tex: str) -> str:
    """A display formula that is one `aligned` with `\\tag`s in its rows, as KaTeX numbers it.

    KaTeX takes one `\\tag` anywhere in a display formula as the whole formula's number, and
    jekyll-katex blogs write it inside `aligned`; math-core takes tags only in numbered
    environments. One tag moves after the environment (the formula's number, centred as
    KaTeX shows it); several make the rows an `align*`, each row numbered by its own tag.
    """
    whole = _WHOLE_ALIGNED.match(tex)
    if whole is None or "aligned" in whole.group("body"):
        return tex
    body = whole.group("body")
    tags = _TAG.findall(body)
    if len(tags) == 1:
        return "\\begin{aligned}" + _TAG.sub("", body).rstrip().removesuffix("\\\\") + "\\end{aligned}" + tags[0]
    return "\\begin{align*}" + body + "\\end{align*}"


# Characters MathJax takes as typed and math-core refuses, as the commands that name them.
_SYMBOLS = {"\u22a4": "\\top ", "\u22a5": "\\bot ", "\u2205": "\\emptyset ", "\u221a": "\\surd "}
_SYMBOL = re.compile("[" + "".join(_SYMBOLS) + "]")
# xcolor's tints (`red!80`, `blue!50!black`): the colour named first, which is what the writer meant.
_TINT = lazy_pattern(r"(\\(?:color|textcolor)\s*\{\s*[A-Za-z]+)(?:![0-9.]+(?:![A-Za-z]+)?)+\s*\}")


# Primes pasted from a PDF as characters: `H^′`, `x^{″}`. MathJax shows a superscript prime;
# math-core refuses a `^` followed by a prime. Written as TeX's `'`, which is a superscript prime.
_PRIME_COUNT = {"\u2032": 1, "\u2033": 2, "\u2034": 3}
_SCRIPT_PRIME = re.compile(r"(?<!\\)\^\s*(?:\{\s*([\u2032-\u2034]+)\s*\}|([\u2032-\u2034]))")


def _primes(match: re.Match[str]) -> str:
    return "'" * sum(_PRIME_COUNT[char] for char in match.group(1) or match.group(2))


# The tokens that open and close what a `\\\\` belongs to (`\\left` with its delimiter, even one
# escaped twice for marked, `\\left\\\\{`), and every other escape (so that `\\{` or a command name
# is never read as a brace or a row break).
_NESTING = lazy_pattern(
    r"\\\\(?:\[[^\]]*\])?|\\(left|right)(?![A-Za-z])\s*(?:\\\\[{}]|\\[A-Za-z]+|\\.|.)?|\\(begin|end)\s*\{[^{}]*\}|\\[A-Za-z]+|\\.|[{}]",
    re.DOTALL,
)


def _breaks_in_delimiters(tex: str) -> str:
    """A `\\\\` whose nearest container is a `\\left … \\right` pair, or a group inside an
    environment, not an environment itself, as a space.

    MathJax ignores a row break that is in no table (`\\left[ \\\\ \\begin{matrix}…`, a line
    broken before the matrix; `{ a : \\\\ b }` in an `align` row, a line break MathJax 3 does not
    make); math-core refused the formula. One inside an environment, or at the top of a display
    (rows, kept), is not touched, nor one in `\\substack{…}` (its rows); inside braces outside
    any environment math-core ignores it itself.
    """
    stack: list[str] = []
    out: list[str] = []
    index = 0
    for match in _NESTING.finditer(tex):
        token = match.group(0)
        opener = match.group(1) or match.group(2)
        if opener == "left":
            stack.append(opener)
        elif opener == "begin":  # math-core itself ignores a break in a group of an equation
            stack.append("formula" if _FORMULA_ENVIRONMENT.search(token) else "begin")
        elif token == "{":
            stack.append("rows" if tex[: match.start()].rstrip().endswith("\\substack") else "{")
        elif opener in ("right", "end") or token == "}":
            if stack and stack[-1] in {"right": ("left",), "end": ("begin", "formula"), None: ("{", "rows")}[opener]:
                stack.pop()
        elif token.startswith("\\\\") and stack and _ignored_break(stack):
            out.append(tex[index : match.start()] + " ")
            index = match.end()
    out.append(tex[index:])
    return "".join(out)


_FORMULA_ENVIRONMENT = lazy_pattern(r"\{(?:equation\*?|displaymath)\}")


def _ignored_break(stack: list[str]) -> bool:
    """Whether a `\\\\` is in a `\\left … \\right` pair, or in a group whose nearest environment
    is a table (`align`, `cases`…; the ones math-core refuses it in)."""
    if stack[-1] == "left":
        return True
    environments = [entry for entry in stack if entry in ("begin", "formula")]
    return stack[-1] == "{" and environments[-1:] == ["begin"]


# A group holding a `\\\\` (up to two levels of groups before it): the sign that the walk for one,
# ten times dearer, is worth it. Possessive: an `align` of 200 rows takes 0.1 ms.
_GROUPED_BREAK = lazy_pattern(r"\{(?:[^{}\\]++|\\[^\\]|\{(?:[^{}]++|\{[^{}]*+\})*+\})*+\\\\")
# plain TeX's tables, as MathJax shows them: centred lines, rows aligned at `&`, matrices bare
# or in parentheses, and cases.
_PLAIN_TABLES = {
    "displaylines": "gathered",
    "eqalign": "aligned",
    "matrix": "matrix",
    "pmatrix": "pmatrix",
    "cases": "cases",
}
_PLAIN_TABLE = lazy_pattern(r"\\(displaylines|eqalign|p?matrix|cases)\s*\{")
_CR_OR_ENVIRONMENT = lazy_pattern(r"\\(begin|end)\s*\{[^{}]*\}|\\cr(?![A-Za-z])|\\[A-Za-z]+|\\.")


def _plain_tables(tex: str) -> str:
    """`\\displaylines{a \\\\ b}`, `\\eqalign{a &= b \\cr …}`, `\\matrix`, `\\pmatrix` and `\\cases` as
    the environments that draw them (`\\cr` in them becomes `\\\\` in `_cr_rows`)."""
    match = _PLAIN_TABLE.search(tex)
    while match is not None:
        close = brace_end(tex, match.end() - 1)
        if close < 0:
            return tex
        environment = _PLAIN_TABLES[match.group(1)]
        inner = tex[match.end() : close - 1]
        if environment == "cases":
            inner = _cases_rows(inner)
        body = f"\\begin{{{environment}}}{inner}\\end{{{environment}}}"
        tex = tex[: match.start()] + body + tex[close:]
        match = _PLAIN_TABLE.search(tex, match.start())
    return tex


# plain TeX's commands whose first argument runs up to a word: `\\root 3 \\of x` (a root with an
# index) and `\\buildrel \\rm def \\over =` (a symbol with a label over it), as the forms math-core has.
_UP_TO = {"root": ("\\of", "\\sqrt[{", "}]"), "buildrel": ("\\over", "\\stackrel{", "}")}
_PLAIN_UP_TO = lazy_pattern(r"\\(root|buildrel)(?![A-Za-z])")
_GROUP_TOKEN = lazy_pattern(r"\\[A-Za-z]+|\\.|[{}]", re.DOTALL)


def _read_up_to(tex: str) -> str:
    """`\\root 3 \\of x` and `\\buildrel a \\over b` as `\\sqrt[{3}] x` and `\\stackrel{a} b`.

    MathJax reads the first argument up to the `\\of` (`\\over`) at its own brace level, which
    then takes the next argument as `\\sqrt` and `\\stackrel` take theirs; with no such word
    before its group closes, the formula is left as it is, and refused as MathJax refused it.
    """
    match = _PLAIN_UP_TO.search(tex)
    while match is not None:
        word, before, after = _UP_TO[match.group(1)]
        depth = 0
        for token in _GROUP_TOKEN.finditer(tex, match.end()):
            depth += {"{": 1, "}": -1}.get(token.group(0), 0)
            if depth < 0:
                break
            if depth == 0 and token.group(0) == word:
                built = before + tex[match.end() : token.start()].strip() + after
                tex = tex[: match.start()] + built + tex[token.end() :]
                break
        match = _PLAIN_UP_TO.search(tex, match.start() + 1)
    return tex


_ROW_END = lazy_pattern(r"\\cr(?![A-Za-z])|\\[A-Za-z]+|\\.", re.DOTALL)


def _cases_rows(body: str) -> str:
    """The rows of `\\cases{…}`, each one's text after its `&` as MathJax reads it (`_as_text`)."""
    body = _ROW_END.sub(lambda m: "\\\\" if m.group(0) == "\\cr" else m.group(0), body)
    rows = []
    for row in _top_level_splits(body, "\\\\"):
        cells = _top_level_splits(row, "&")
        rows.append(" & ".join([cells[0], *(_as_text(cell) for cell in cells[1:])]))
    return " \\\\ ".join(rows)


# What MathJax does with the text of a `\\cases` column: `$…$` and `\\(…\\)` are math, `\\$ \\{ \\}`
# the character, any other command shown as written (`x\\le 0` shows a backslash, as it did on the
# blog), braces and TeX's special characters as themselves (`{}` after each, or math-core drops the
# space after it).
_TEXT_PIECE = lazy_pattern(
    r"\$(?P<dollar>[^$]*)\$|\\\((?P<paren>.*?)\\\)|\\(?P<escaped>[${}\\])|(?P<command>\\[A-Za-z]*)|(?P<special>[{}_^#%~&])",
    re.DOTALL,
)
_TEXT_ESCAPES = {
    "{": "\\{{}",
    "}": "\\}{}",
    "$": "\\${}",
    "\\": "\\textbackslash{}",
    "_": "\\_{}",
    "#": "\\#{}",
    "%": "\\%{}",
    "&": "\\&{}",
    "^": "\\textasciicircum{}",
    "~": "\\textasciitilde{}",
}
_WHOLE_TEXT = lazy_pattern(r"\\text(?![A-Za-z])\s*\{")


def _as_text(cell: str) -> str:
    """A `\\cases` entry after its `&`: text, unless it is one `\\text{…}` already (then math, as
    MathJax leaves it)."""
    cell = cell.strip()
    whole = _WHOLE_TEXT.match(cell)
    if whole is not None and brace_end(cell, whole.end() - 1) == len(cell):
        return cell
    out: list[str] = []
    text: list[str] = []
    index = 0
    for match in _TEXT_PIECE.finditer(cell):
        text.append(cell[index : match.start()])
        index = match.end()
        math = match.group("dollar") if match.group("dollar") is not None else match.group("paren")
        if math is not None:
            out.append(f"\\text{{{''.join(text)}}}" if "".join(text) else "")
            out.append("{" + math + "}")
            text.clear()
        elif match.group("command") is not None:
            text.append(_TEXT_ESCAPES["\\"] + match.group("command")[1:])
        else:
            text.append(_TEXT_ESCAPES[match.group("escaped") or match.group("special")])
    text.append(cell[index:])
    if "".join(text):
        out.append(f"\\text{{{''.join(text)}}}")
    return "".join(out)


def _cr_rows(tex: str) -> str:
    """plain TeX's `\\cr` ending a row of an environment (`cases`, `matrix`, `split`…) as `\\\\`.

    MathJax takes it so; outside every environment it says "Misplaced \\cr", and the converter
    still refuses it there.
    """
    out: list[str] = []
    depth = index = 0
    for match in _CR_OR_ENVIRONMENT.finditer(tex):
        if match.group(1):
            depth += 1 if match.group(1) == "begin" else -1
        elif match.group(0) == "\\cr" and depth > 0:
            out.append(tex[index : match.start()] + "\\\\")
            index = match.end()
    out.append(tex[index:])
    return "".join(out)


# An odd run of backslashes before a line's end: its last one is a control space, `\ `.
_CONTROL_SPACE_AT_EOL = lazy_pattern(r"(?<!\\)((?:\\\\)*)\\(?=\r?\n)")


def respell(tex: str, display: bool = True) -> str:
    """`tex` with MathJax's (and KaTeX's) looser spellings written as math-core reads them."""
    if "\\\n" in tex or "\\\r\n" in tex:
        tex = _CONTROL_SPACE_AT_EOL.sub(r"\1\\ ", tex)
    if display and "\\tag" in tex and "aligned" in tex:
        tex = _tags_in_aligned(tex)
    if "<" in tex or ">" in tex:
        tex = _ANGLE.sub(lambda m: f"\\{m.group(1)}\\{'langle' if m.group(2) == '<' else 'rangle'} ", tex)
    if "*" in tex:
        tex = _STAR.sub(lambda m: m.group(0) if m.group(1) in _STARRED else f"\\{m.group(1)} *", tex)
    if "!" in tex and "color" in tex:
        tex = _TINT.sub(r"\1}", tex)
    if "\\thick" in tex:  # amssymb's thick ~ and ≈: the same relation, drawn bolder
        tex = re.sub(r"\\thick(sim|approx)(?![A-Za-z])", r"\\\1", tex)
    if "^" in tex and _SCRIPT_PRIME.search(tex):
        tex = _SCRIPT_PRIME.sub(_primes, tex)
    if _SYMBOL.search(tex):
        tex = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(0)], tex)
    if "\\bordermatrix" in tex:
        tex = _bordermatrix(tex)
    if "\\displaylines" in tex or "\\eqalign" in tex or "matrix" in tex or "\\cases" in tex:
        tex = _plain_tables(tex)
    if "\\root" in tex or "\\buildrel" in tex:
        tex = _read_up_to(tex)
    if "\\cr" in tex:
        tex = _cr_rows(tex)
    if "\\\\" in tex and ("\\left" in tex or ("\\begin" in tex and _GROUPED_BREAK.search(tex))):
        tex = _breaks_in_delimiters(tex)
    if "{array}" in tex:
        tex = _array_specs(tex)
    return tex


__all__ = ["respell"]
