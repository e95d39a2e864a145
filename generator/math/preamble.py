"""A post's own macros and colours: `\\newcommand`, `\\def`, `\\DeclareMathOperator`, `\\definecolor`.

al-folio and Distill posts keep them in one hidden `$$…$$` near the top
(`<div style="display:none">`), each line defining one thing. MathJax reads those lines one by
one: a line it cannot read loses only itself, a second definition of a name replaces the first,
`\\require{…}` loads an extension (nothing for us to load), and `\\definecolor` names a colour
that a later `\\color{name}` uses. We read them the same way: this module finds the definitions
and rewrites what uses them into TeX math-core reads (a named colour as its hex value, a macro's
optional argument as a plain one); formulas.py tries each definition with the converter alone.
MathJax's `\\newcommand` also takes a name written without its backslash (`\\newcommand{msign}{…}`,
as spaces.ac.cn posts write it), so we do; its `\\def` refuses one, and so does ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.math.tex_rewrite import brace_end, braced_argument, html_colours
from generator.patterns import lazy_pattern

_DEFINITION = lazy_pattern(
    r"\\(?:(?P<new>newcommand|renewcommand|providecommand)\*?\s*(?:\{\s*\\?(?P<n1>[A-Za-z]+)\s*\}|\\(?P<n2>[A-Za-z]+))"
    r"\s*(?:\[\s*(?P<arity>\d)\s*\])?(?:\s*\[(?P<default>[^\[\]]*)\])?"
    r"|def\s*\\(?P<n3>[A-Za-z]+)\s*(?P<params>(?:#\d)*)"
    r"|(?P<op>DeclareMathOperator)(?P<star>\*?)\s*\{\s*\\(?P<n4>[A-Za-z]+)\s*\}"
    r"|(?P<colour>definecolor)\s*\{\s*(?P<colour_name>[A-Za-z][\w.-]*)\s*\}\s*\{\s*(?P<model>[A-Za-z]+)\s*\}"
    r"|(?P<require>require)\s*\{[A-Za-z]*\})"
)
_SIGNS = ("command", "\\def", "DeclareMathOperator", "definecolor", "require")
_PARAMETER = lazy_pattern(r"#(\d)")
_MODELS = "RGB, rgb, HTML or gray"


@dataclass(frozen=True, slots=True)
class Definition:
    """A macro a post defines for its formulas, applied to the formulas after it as MathJax would."""

    name: str
    body: str
    new: bool  # \\newcommand or \\DeclareMathOperator (a fresh name), not \\def or \\renewcommand
    arity: int = 0
    optional: str | None = None  # the default of an optional first argument ([1][default])
    fallback: str | None = None  # \\DeclareMathOperator's body when \\operatorname refuses it (D_\\mathrm{KL})


@dataclass(frozen=True, slots=True)
class Colour:
    """`\\definecolor{name}{model}{spec}`: its value as RRGGBB, or why it has none."""

    name: str
    value: str | None
    problem: str | None = None


def split_definitions(tex: str) -> tuple[str, list[Definition], list[Colour]]:
    """The TeX without its definitions and `\\require`s, and the macros and colours it defined, in order."""
    if "\\" not in tex or not any(sign in tex for sign in _SIGNS):
        return tex, [], []
    definitions: list[Definition] = []
    colours: list[Colour] = []
    out: list[str] = []
    index = 0
    for match in _DEFINITION.finditer(tex):
        if match.start() < index:
            continue
        if match.group("require"):
            out.append(tex[index : match.start()])
            index = match.end()
            continue
        argument = braced_argument(tex, match.end())
        if argument is None:
            continue
        body, end = argument
        if match.group("colour"):
            colours.append(_colour(match.group("colour_name"), match.group("model"), body))
        else:
            definitions.append(_definition(match, body))
        out.append(tex[index : match.start()])
        index = end
    out.append(tex[index:])
    return "".join(out), definitions, colours


def _definition(match: re.Match[str], body: str) -> Definition:
    name = match.group("n1") or match.group("n2") or match.group("n3") or match.group("n4")
    if match.group("op"):
        # \\operatorname takes text only; math-core refuses D_\\mathrm{KL} or \\mathbb{E} in it
        operator = ("\\operatorname*{" if match.group("star") else "\\operatorname{") + body + "}"
        return Definition(name, operator, True, fallback="\\mathop{\\mathrm{" + body + "}}")
    fresh = match.group("new") in ("newcommand", "providecommand")
    arity = int(match.group("arity") or 0) or max((int(n) for n in _PARAMETER.findall(body)), default=0)
    return Definition(name, body, fresh, arity, match.group("default"))


def _colour(name: str, model: str, spec: str) -> Colour:
    """LaTeX's xcolor models MathJax's color extension reads, as the hex math-core takes."""
    parts = [part.strip() for part in spec.split(",")]
    try:
        if model == "HTML" and re.fullmatch(r"[0-9A-Fa-f]{6}", spec.strip()):
            return Colour(name, spec.strip().upper())
        if model == "RGB" and len(parts) == 3:
            channels = [int(part) for part in parts]
        elif model == "rgb" and len(parts) == 3:
            channels = [round(float(part) * 255) for part in parts]
        elif model == "gray" and len(parts) == 1:
            channels = [round(float(parts[0]) * 255)] * 3
        else:
            return Colour(name, None, f"colour {name!r} is given as {model} {{{spec}}}, not as {_MODELS}")
    except ValueError:
        return Colour(name, None, f"colour {name!r} has a value {spec!r} that is not {model}")
    if not all(0 <= channel <= 255 for channel in channels):
        return Colour(name, None, f"colour {name!r} has a value {spec!r} out of range for {model}")
    return Colour(name, "".join(f"{channel:02X}" for channel in channels))


def with_colours(tex: str, colours: dict[str, str]) -> str:
    """`\\color{name}` and `\\textcolor{name}{…}` of a colour the post defined, or of a CSS name or
    `#hex` (as in a formula), as math-core's [HTML] form: a macro's body takes what a formula takes."""
    if "color" not in tex:
        return tex
    if colours:
        pattern = re.compile(r"\\(color|textcolor)\s*\{\s*(" + "|".join(map(re.escape, colours)) + r")\s*\}")
        tex = pattern.sub(lambda m: f"\\{m.group(1)}{{#{colours[m.group(2)]}}}", tex)
    return html_colours(tex)


def with_optional_arguments(tex: str, optional: dict[str, str]) -> str:
    """`\\name[x]` as `\\name{x}` and a bare `\\name` as `\\name{default}`, for macros with an optional
    first argument: math-core's macro table takes plain arguments only."""
    if not optional or "\\" not in tex:
        return tex
    pattern = re.compile(r"\\(" + "|".join(sorted(map(re.escape, optional), key=len, reverse=True)) + r")(?![A-Za-z])")
    out: list[str] = []
    index = 0
    for match in pattern.finditer(tex):
        if match.start() < index:
            continue
        out.append(tex[index : match.end()])
        index = match.end()
        at = index
        while at < len(tex) and tex[at] in " \t\n":
            at += 1
        closing = bracket_end(tex, at) if at < len(tex) and tex[at] == "[" else -1
        if closing >= 0:
            out.append("{" + tex[at + 1 : closing] + "}")
            index = closing + 1
        else:
            out.append("{" + optional[match.group(1)] + "}")
    out.append(tex[index:])
    return "".join(out)


def bracket_end(tex: str, start: int) -> int:
    """Index of the `]` closing the `[` at tex[start], groups skipped whole; -1 if none (also for
    a root's index, mathjax_boxes)."""
    index = start + 1
    while 0 <= index < len(tex) and tex[index] != "]":
        if tex[index] == "{":
            index = brace_end(tex, index)
        else:
            index += 2 if tex[index] == "\\" else 1
    return index if 0 <= index < len(tex) else -1
