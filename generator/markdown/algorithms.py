"""Algorithm blocks (LaTeX's algorithm + algpseudocode) turned into HTML at build time.

ML papers give their methods as `\\begin{algorithm}\\caption{…}\\begin{algorithmic}[1] \\State …
\\For{…} … \\EndFor \\end{algorithmic}\\end{algorithm}`, and writers paste that into their notes.
The usual answer is pseudocode.js in the reader's browser; we want no JavaScript, and there is
no Python library that reads algpseudocode, so this is a small parser of our own. Blogs that
used pseudocode.js, and papers that use the older `algorithmic` package, spell the same
commands in capitals (`\\STATE`, `\\FOR{$i = 1$ \\TO $n$}`, `\\ENDFOR`): those are read as the
same lines, so a post moved from such a blog keeps every step.

`parse_algorithmic` is pure: source text in, `Line`s out (keyword markup around the
statement's own text, an indent level, a line number or none), plus the commands it did not
know. The block rule turns each line's text into an `inline` token, so `$…$` becomes MathML
through the post-wide math conversion, and `@fig:x` or `\\ref{…}` are resolved like anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from generator.math.syntax import begin_at
from generator.patterns import lazy_pattern

_BEGIN = re.compile(r"\\begin\s*\{(algorithm\*?|algorithmic)\}")
_COMMAND = lazy_pattern(r"\\([A-Za-z]+)")
_COMMENT = lazy_pattern(r"(?<!\\)%.*$", re.MULTILINE)
_MATH = lazy_pattern(r"\$\$.+?\$\$|(?<!\\)\$(?:\\.|[^$\\])+\$", re.DOTALL)

# Commands that start a line: (arguments, markup before the text, markup after, indent change
# before the line, after it, numbered). algpseudocode's own words, in bold.
_K = "<strong>{}</strong>"
STATEMENTS: dict[str, tuple[int, str, str, int, int, bool]] = {
    "State": (0, "", "", 0, 0, True),
    "Statex": (0, "", "", 0, 0, False),
    "Require": (0, _K.format("Require:") + " ", "", 0, 0, False),
    "Ensure": (0, _K.format("Ensure:") + " ", "", 0, 0, False),
    "Input": (0, _K.format("Input:") + " ", "", 0, 0, False),
    "Output": (0, _K.format("Output:") + " ", "", 0, 0, False),
    "If": (1, _K.format("if") + " ", " " + _K.format("then"), 0, 1, True),
    "ElsIf": (1, _K.format("else if") + " ", " " + _K.format("then"), -1, 1, True),
    "Else": (0, _K.format("else"), "", -1, 1, True),
    "EndIf": (0, _K.format("end if"), "", -1, 0, True),
    "For": (1, _K.format("for") + " ", " " + _K.format("do"), 0, 1, True),
    "ForAll": (1, _K.format("for all") + " ", " " + _K.format("do"), 0, 1, True),
    "EndFor": (0, _K.format("end for"), "", -1, 0, True),
    "While": (1, _K.format("while") + " ", " " + _K.format("do"), 0, 1, True),
    "EndWhile": (0, _K.format("end while"), "", -1, 0, True),
    "Repeat": (0, _K.format("repeat"), "", 0, 1, True),
    "Until": (1, _K.format("until") + " ", "", -1, 0, True),
    "Loop": (0, _K.format("loop"), "", 0, 1, True),
    "EndLoop": (0, _K.format("end loop"), "", -1, 0, True),
    "Function": (2, _K.format("function") + " ", ")", 0, 1, True),
    "EndFunction": (0, _K.format("end function"), "", -1, 0, True),
    "Procedure": (2, _K.format("procedure") + " ", ")", 0, 1, True),
    "EndProcedure": (0, _K.format("end procedure"), "", -1, 0, True),
}
# algorithmic's and pseudocode.js's capitals for algpseudocode's names. pseudocode.js also takes
# \\ELIF and \\ELSEIF for \\ELSIF.
_UPPER_CASE = {name.upper(): name for name in STATEMENTS} | {"ELIF": "ElsIf", "ELSEIF": "ElsIf"}
# Lines algorithmic and pseudocode.js start with a command of their own, where algpseudocode
# writes `\\State \\Return …` (its \\Return is a word inside a line, below).
STATEMENTS |= {
    "": (0, "", "", 0, 0, False),  # a line the reader does not know, shown as written, unnumbered
    "RETURN": (0, _K.format("return") + " ", "", 0, 0, True),
    "PRINT": (0, _K.format("print") + " ", "", 0, 0, True),
    "BREAK": (0, _K.format("break") + " ", "", 0, 0, True),
    "CONTINUE": (0, _K.format("continue") + " ", "", 0, 0, True),
}
# algorithmic's [comment] before a block command's condition: `\\IF[positive]{$x > 0$}`.
_OPTIONAL_COMMENT = frozenset({"If", "ElsIf", "Else", "For", "ForAll", "While", "Repeat", "Until", "Loop"})
# Commands inside a line's text, as Markdown the inline parser reads (raw HTML is allowed there).
_IN_TEXT = {
    "Return": "<strong>return</strong>",
    "gets": "←",
    "leftarrow": "←",
    "to": "→",
    "And": "<strong>and</strong>",
    "Or": "<strong>or</strong>",
    "Not": "<strong>not</strong>",
    "True": "<strong>true</strong>",
    "False": "<strong>false</strong>",
    "Break": "<strong>break</strong>",
    "Continue": "<strong>continue</strong>",
    # algorithmic's and pseudocode.js's words: \\TO is the keyword of `\\FOR{$i = 1$ \\TO $n$}`,
    # where algpseudocode's writers type the word (and `\\to` is LaTeX's arrow, above).
    "TO": "<strong>to</strong>",
    "DOWNTO": "<strong>downto</strong>",
    "AND": "<strong>and</strong>",
    "OR": "<strong>or</strong>",
    "NOT": "<strong>not</strong>",
    "XOR": "<strong>xor</strong>",
    "TRUE": "<strong>true</strong>",
    "FALSE": "<strong>false</strong>",
}
_WRAPPING = {"textbf": "strong", "textit": "em", "emph": "em", "texttt": "code", "textsc": "span", "text": ""}
# Sizes pseudocode.js and LaTeX writers set for a whole block: they change no word, so they go quietly.
_QUIET = frozenset({"tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE"})
# Read inside a line's text: such a command at a line's start goes on the line before, as in LaTeX.
_IN_LINE = frozenset({*_IN_TEXT, *_WRAPPING, *_QUIET, "Call", "CALL", "Comment", "COMMENT"})
_EXPECTED = "algpseudocode's, algorithmic's or pseudocode.js's commands (see docs/writing.md)"


@dataclass(slots=True)
class Line:
    """One line of pseudocode: `text` is Markdown; `before`/`after` are our own HTML."""

    before: str
    text: str
    after: str
    indent: int
    number: int | None
    comment: str = ""


@dataclass(slots=True)
class Algorithm:
    """An algorithmic block read into numbered lines, and the commands it did not know (warned about)."""

    lines: list[Line] = field(default_factory=list)
    unknown: list[tuple[int, str]] = field(default_factory=list)  # (offset in the source, \\name)
    loose: list[int] = field(default_factory=list)  # offsets of text before the first statement


def _argument(source: str, position: int, pair: str = "{}") -> tuple[str, int] | None:
    """The `{…}` at `position` (after spaces), balanced, `\\{` not counted; None if there is none.
    `pair="[]"` reads algorithmic's optional `[comment]` the same way."""
    opener = pair[0]
    while position < len(source) and source[position] in " \t\n":
        position += 1
    if position >= len(source) or source[position] != opener:
        return None
    depth = 0
    for end in range(position, len(source)):
        char = source[end]
        if char not in pair or source[end - 1] == "\\":
            continue
        depth += 1 if char == opener else -1
        if depth == 0:
            return source[position + 1 : end], end + 1
    return None


@dataclass(slots=True)
class Statement:
    """One statement as written: its command (algpseudocode's name, whichever spelling was used),
    arguments, the text up to the next statement, where the two start, and algorithmic's `[…]`."""

    name: str
    arguments: list[str]
    tail: str
    at: int
    tail_at: int
    note: str = ""
    loose: bool = False  # text before the first statement, which no command began


def _statements(source: str) -> list[Statement]:
    """Each statement of an algorithmic body, in order."""
    math = [(m.start(), m.end()) for m in _MATH.finditer(source)]
    found: list[Statement] = []
    for command in _COMMAND.finditer(source):
        name = _UPPER_CASE.get(command.group(1), command.group(1))
        if any(a <= command.start() < b for a, b in math):
            continue
        if found and command.start() < found[-1].tail_at:
            continue  # inside the previous statement's arguments
        if name not in STATEMENTS:
            line_start = source.rfind("\n", 0, command.start()) + 1
            if name not in _IN_LINE and not source[line_start : command.start()].strip():
                found.append(Statement("", [], "", command.start(), command.start()))  # unknown: a line
            continue
        statement = Statement(name, [], "", command.start(), command.end())
        if name in _OPTIONAL_COMMENT and command.group(1).isupper():
            note = _argument(source, statement.tail_at, "[]")
            if note is not None:
                statement.note, statement.tail_at = note
        for _ in range(STATEMENTS[name][0]):
            argument = _argument(source, statement.tail_at)
            if argument is None:
                break
            statement.arguments.append(argument[0])
            statement.tail_at = argument[1]
        found.append(statement)
    first = found[0].at if found else len(source)
    if source[:first].strip():  # text before any statement: a line of its own, not dropped
        found.insert(0, Statement("", [], "", 0, 0, loose=True))
    for number, statement in enumerate(found):
        following = found[number + 1].at if number + 1 < len(found) else len(source)
        statement.tail = source[statement.tail_at : following]
    return found


def _comment_split(text: str) -> tuple[str, str]:
    """The statement's text and its `\\Comment{…}`, which is shown at the right of the line."""
    found = re.search(r"\\(?:Comment|COMMENT)\b", text)
    if found is None:
        return text, ""
    argument = _argument(text, found.end())
    if argument is None:
        return text, ""
    return text[: found.start()] + text[argument[1] :], argument[0]


def text_markdown(text: str, offset: int, unknown: list[tuple[int, str]]) -> str:
    """A statement's LaTeX text as Markdown: \\Call, \\Return, \\textbf… respelled, `$…$` kept
    for the math rules; a command we do not know is kept as written and listed in `unknown`."""
    math = [(m.start(), m.end()) for m in _MATH.finditer(text)]
    out: list[str] = []
    position = 0
    for command in _COMMAND.finditer(text):
        if command.start() < position or any(a <= command.start() < b for a, b in math):
            continue
        out.append(text[position : command.start()])
        position = _respelled(text, command, offset, unknown, out)
    out.append(text[position:])
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _respelled(text: str, command: re.Match[str], offset: int, unknown: list[tuple[int, str]], out: list[str]) -> int:
    """Append one command's Markdown to `out`; return where the text goes on after it."""
    name, position = command.group(1), command.end()
    if name in ("Call", "CALL"):
        callee = _argument(text, position)
        arguments = _argument(text, callee[1]) if callee is not None else None
        if callee is not None and arguments is not None:
            inner = text_markdown(arguments[0], offset + callee[1], unknown)
            out.append(f'<span class="alg-name">{escape(callee[0].strip())}</span>({inner})')
            return arguments[1]
    elif name in _IN_TEXT:
        out.append(_IN_TEXT[name])
        return position
    elif name in _QUIET:
        return position
    elif name in _WRAPPING and (argument := _argument(text, position)) is not None:
        tag = _WRAPPING[name]
        inner = text_markdown(argument[0], offset + position, unknown)
        css = ' class="alg-name"' if name == "textsc" else ""
        out.append(f"<{tag}{css}>{inner}</{tag}>" if tag else inner)
        return argument[1]
    unknown.append((offset + command.start(), "\\" + name))
    out.append("\\" + name)
    return position


def parse_algorithmic(source: str, every: int) -> Algorithm:
    """The lines of an algorithmic body; `every` is its [n] option (0: no line numbers)."""
    result = Algorithm()
    indent = 0
    counter = 0
    for statement in _statements(source):
        name, arguments, offset = statement.name, statement.arguments, statement.at
        known_before = len(result.unknown)
        argument_count, before, after, dedent, indent_after, numbered = STATEMENTS[name]
        indent = max(0, indent + dedent)
        text, comment = _comment_split(statement.tail)
        markdown = text_markdown(text, statement.tail_at, result.unknown)
        if name in ("Function", "Procedure"):
            callee = escape(arguments[0].strip()) if arguments else ""
            before += f'<span class="alg-name">{callee}</span>('
            shown = text_markdown(arguments[1], offset, result.unknown) if len(arguments) > 1 else ""
            markdown = shown + (" " + markdown if markdown else "")
        elif argument_count:
            shown = text_markdown(arguments[0], offset, result.unknown) if arguments else ""
            markdown = shown + (" " + markdown if markdown else "")
        number = None
        if numbered:
            counter += 1
            number = counter if every and counter % every == 0 else None
        comment = " ".join(part for part in (statement.note, comment) if part.strip())
        if not name and not markdown and not comment.strip():
            continue  # only a size: nothing to show
        if statement.loose and len(result.unknown) == known_before:  # plain text: said once, here
            result.loose.append(len(source) - len(source.lstrip()))
        result.lines.append(
            Line(before, markdown, after, indent, number, text_markdown(comment, offset, result.unknown))
        )
        indent += indent_after
    return result


# ---- the block rule and its HTML --------------------------------------------------------

_ALGORITHMIC = lazy_pattern(r"\\begin\s*\{algorithmic\}(?:\s*\[(\d*)\])?(.*?)\\end\s*\{algorithmic\}", re.DOTALL)
_LABEL = lazy_pattern(r"\\label\s*\{([^{}]+)\}")


def algorithm_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """From a line starting `\\begin{algorithm}` (or a bare `{algorithmic}`) to its `\\end`."""
    at = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[at : at + 1] != "\\":
        return False  # most lines: no call made
    opened = begin_at(state, start_line, _BEGIN)
    if opened is None:
        return False
    ending = re.compile(r"\\end\s*\{" + re.escape(opened.group(1)) + r"\}")
    for line in range(start_line, end_line):
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
        found = ending.search(text)
        if found is None:
            continue
        if text[found.end() :].strip():
            return False
        if not silent:
            source = state.src[opened.start() : state.bMarks[line] + state.tShift[line] + found.end()]
            _push_algorithm(state, source, opened.group(1) != "algorithmic", start_line, line + 1)
        state.line = line + 1
        return True
    return False


def _push_algorithm(state: StateBlock, source: str, floating: bool, start_line: int, end_line: int) -> None:
    env = state.env
    first_line = env.get("first_line", 1) + start_line
    source = _COMMENT.sub("", source)
    body = _ALGORITHMIC.search(source)
    outside = source if body is None else source[: body.start()] + source[body.end() :]
    label = _LABEL.search(outside)
    opening = _push(state, "algorithm_open", 1, [start_line, end_line])
    opening.meta = {"label": label.group(1).strip() if label else "", "numbered": floating}
    if floating:
        caption = _caption(outside)
        _push(state, "algorithm_caption_open", 1)
        _push(state, "inline", 0, [start_line, start_line + 1]).content = caption
        _push(state, "algorithm_caption_close", -1)
    parsed = parse_algorithmic(body.group(2), int(body.group(1) or 0)) if body else Algorithm()
    body_start = body.start(2) if body else 0

    def line_of(offset: int) -> int:
        return first_line + source.count("\n", 0, offset)

    _warn_unknown(env, [(line_of(body_start + offset), name) for offset, name in parsed.unknown])
    warnings = env.setdefault("warnings", [])
    for offset in parsed.loose:
        told = "text before the algorithm's first statement (\\State, \\STATE, …), shown as a line without a number"
        warnings.append((line_of(body_start + offset), told, _EXPECTED))
    if not parsed.lines:
        told = "algorithm has no lines: " + (
            "nothing between its \\begin{algorithmic} and \\end{algorithmic}"
            if body
            else "no \\begin{algorithmic} in it, so what it holds is not shown"
        )
        warnings.append((first_line, told, "\\begin{algorithmic} … \\end{algorithmic} holding its steps"))
    for offset, what in _left_out(source, body) if body else []:
        told = f"{what} in the algorithm but outside its algorithmic is not shown"
        warnings.append((line_of(offset), told, "the steps inside \\begin{algorithmic} … \\end{algorithmic}"))
    for line in parsed.lines:
        _push(state, "algorithm_line_open", 1).meta = {"line": line}
        _push(state, "inline", 0, [start_line, start_line + 1]).content = line.text
        _push(state, "algorithm_code_close", -1).meta = {"line": line}
        if line.comment:
            _push(state, "algorithm_comment_open", 1)
            _push(state, "inline", 0, [start_line, start_line + 1]).content = line.comment
            _push(state, "algorithm_comment_close", -1)
        _push(state, "algorithm_line_close", -1)
    _push(state, "algorithm_close", -1).meta = {"numbered": floating}


def _warn_unknown(env: dict, found: list[tuple[int, str]]) -> None:
    """One warning per post for every command its algorithms did not know, at the first: a blog
    written for another reader can hold hundreds, and one line naming each with its lines tells
    the writer all of it without burying the post's other warnings."""
    if not found:
        return
    seen: list[tuple[int, str]] = env.setdefault("algorithm_unknown", [])
    seen += found
    warnings = env.setdefault("warnings", [])
    if "algorithm_unknown_at" not in env:
        env["algorithm_unknown_at"] = len(warnings)
        warnings.append(None)
    lines: dict[str, list[int]] = {}
    for line, name in seen:
        lines.setdefault(name, [])
        if line not in lines[name]:
            lines[name].append(line)
    if len(seen) == 1:
        listing = seen[0][1]
    else:
        listing = ", ".join(
            f"{name} (line{'s' if len(at) > 1 else ''} {', '.join(map(str, at))})" for name, at in lines.items()
        )
    plural = "s" if len(lines) > 1 else ""
    told = f"unknown algorithm command{plural} {listing}, shown as written"
    warnings[env["algorithm_unknown_at"]] = (min(line for line, _ in seen), told, _EXPECTED)


_PLACEMENT = lazy_pattern(r"\\begin\s*\{algorithm\*?\}(?:\s*\[[^\]\n]*\])?|\\end\s*\{algorithm\*?\}")


def _left_out(source: str, body: re.Match[str] | None) -> list[tuple[int, str]]:
    """What stands in an algorithm around its algorithmic and is not shown, as (offset, what):
    the caption, label, placement (`[htbp]`), `\\centering` and sizes are read or change no word."""
    kept = list(source)

    def blank(start: int, end: int) -> None:
        kept[start:end] = " " * (end - start)

    if body is not None:
        blank(body.start(), body.end())
    for found in _PLACEMENT.finditer(source):
        blank(found.start(), found.end())
    for found in re.finditer(r"\\(caption|label)\b", source):
        short = _argument(source, found.end(), "[]") if found.group(1) == "caption" else None
        argument = _argument(source, short[1] if short else found.end())
        blank(found.start(), argument[1] if argument else found.end())
    rest = "".join(kept)
    left: list[tuple[int, str]] = []
    end = 0
    for command in _COMMAND.finditer(rest):
        if command.start() < end:
            continue  # inside the arguments of the one before
        if command.group(1) in _QUIET or command.group(1) == "centering":
            blank(command.start(), command.end())
            continue
        left.append((command.start(), "\\" + command.group(1)))
        end = command.end()
        while (argument := _argument(rest, end)) is not None:  # its arguments are told with it
            end = argument[1]
        blank(command.start(), end)
    text = "".join(kept)
    if text.strip(" \t\n{}"):
        start = len(text) - len(text.lstrip(" \t\n{}"))
        shown = " ".join(text.split())
        left.append((start, f"text '{shown[:30]}…'" if len(shown) > 30 else f"text '{shown}'"))
    return sorted(left)


def _push(state: StateBlock, kind: str, nesting: int, lines: list[int] | None = None) -> Token:
    token = state.push(kind, "", nesting)
    token.block = kind != "inline"
    token.map = lines
    token.children = [] if kind == "inline" else None
    return token


def _caption(outside: str) -> str:
    found = re.search(r"\\caption\b", outside)
    if found is None:
        return ""
    short = _argument(outside, found.end(), "[]")  # \\caption[short]{long}: the long one is shown
    argument = _argument(outside, short[1] if short else found.end())
    if argument is None:
        return ""
    return text_markdown(argument[0], 0, [])


def _render_algorithm(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    kind = token.type
    if kind == "algorithm_open":
        label = token.meta.get("label", "")
        ident = f' id="{escape(label)}"' if label else ""
        if token.meta.get("numbered"):
            return f'<figure class="algorithm"{ident}>\n'
        return f'<div class="algorithm"{ident}>\n<div class="algorithmic">\n'
    if kind == "algorithm_close":
        return "</div>\n</figure>\n" if token.meta.get("numbered") else "</div>\n</div>\n"
    if kind == "algorithm_caption_open":
        number = next((t.meta.get("number", "") for t in reversed(tokens[:idx]) if t.type == "algorithm_open"), "")
        names = env.get("crossref_names", {})
        separator = names.get("caption_separator", "：") if number else ""
        return f'<figcaption><span class="crossref-number">{escape(number)}</span>{escape(separator)}'
    if kind == "algorithm_caption_close":
        return '</figcaption>\n<div class="algorithmic">\n'
    line: Line | None = token.meta.get("line") if token.meta else None
    if kind == "algorithm_line_open" and line is not None:
        number = f"{line.number}:" if line.number is not None else ""
        return (
            f'<div class="alg-line alg-indent-{min(line.indent, 9)}">'
            f'<span class="alg-no">{number}</span><span class="alg-code">{line.before}'
        )
    if kind == "algorithm_code_close" and line is not None:
        return f"{line.after}</span>"
    if kind == "algorithm_comment_open":
        return '<span class="alg-comment">▷ '
    if kind == "algorithm_comment_close":
        return "</span>"
    return "</div>\n"  # algorithm_line_close


def algorithms_plugin(md: MarkdownIt) -> None:
    """`\\begin{algorithm}` blocks; numbered and referenced in crossref.py."""
    md.block.ruler.before(
        "paragraph", "algorithm", algorithm_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    for kind in ("algorithm", "algorithm_caption", "algorithm_line", "algorithm_code", "algorithm_comment"):
        md.add_render_rule(f"{kind}_open", _render_algorithm)
        md.add_render_rule(f"{kind}_close", _render_algorithm)
