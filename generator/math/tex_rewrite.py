"""TeX that math-core lacks, respelled with TeX it has, and the macro definitions of a post.

math-core (our converter) is fast and right on what it knows, but lacks a few constructs
that ML posts use (\\substack, split, \\widetilde, a bare \\tag in $$, \\ref, ...). Rather
than a second engine whose output we would have to trust, we rewrite those into
equivalent TeX before conversion, and record the few fixes that have to be applied to the
MathML afterwards (`Fixes`). Pure string functions, no converter here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html import escape

from generator.math.css_colours import css_colour
from generator.patterns import lazy_pattern

# Environments that number their lines (or take \tag/\label) on their own at top level.
NUMBERED_ENVIRONMENTS = frozenset(
    {"equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "alignat", "alignat*"}
)
# `\begin{name}` on its own line without $$ is display math for these (MathJax does the same).
DISPLAY_ENVIRONMENTS = NUMBERED_ENVIRONMENTS | {"flalign", "flalign*", "eqnarray", "eqnarray*", "displaymath"}

_COMMAND_RENAMES = {
    "mbox": "text",
    "textup": "textrm",  # upright text, as MathJax shows it
    "textnormal": "textrm",  # the document's upright text face, which MathJax and KaTeX show
    "varpropto": "propto",
    "hbox": "text",
    "mathbbm": "mathbb",
    "mathds": "mathbb",
    "pmb": "boldsymbol",
    "dotsc": "ldots",
    "dotso": "ldots",
    "dotsb": "cdots",
    "dotsm": "cdots",
    "dotsi": "cdots",
    # MathJax scales these; math-core refuses them in math. Size is presentation, not content.
    "tiny": "scriptstyle",
    "scriptsize": "scriptstyle",
    "footnotesize": "scriptstyle",
    "small": "textstyle",
    "normalsize": "textstyle",
    "large": "textstyle",
    "Large": "textstyle",
    "LARGE": "textstyle",
    "huge": "textstyle",
    "Huge": "textstyle",
}
_RENAME_RE = re.compile(r"\\(" + "|".join(_COMMAND_RENAMES) + r")(?![A-Za-z])")
# flalign spreads its columns over the line's width in LaTeX; MathJax lays it out as align.
_ENVIRONMENT_RENAMES = {"split": "aligned", "displaymath": "equation*", "flalign": "align", "flalign*": "align*"}
_ENV_RE = re.compile(r"\\(begin|end)\s*\{([A-Za-z]+\*?)\}")
_ALIGNAT_RE = re.compile(r"\\begin\s*\{(alignat\*?|alignedat)\}\s*\{\s*\d+\s*\}")
# MathJax 3 takes CSS colour names in \\color; math-core knows LaTeX's names and [HTML]{RRGGBB}.
_COLOUR_RE = lazy_pattern(r"\\(color|textcolor)\s*\{\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[A-Za-z]+)\s*\}")


def html_colours(tex: str) -> str:
    """\\color{#d62728} and \\textcolor{fuchsia}{x} as \\color[HTML]{…} (textcolor keeps its group)."""
    out: list[str] = []
    index = 0
    for match in _COLOUR_RE.finditer(tex):
        value = match.group(2)
        if match.start() < index:
            continue
        if value.startswith("#"):
            digits = value[1:] if len(value) == 7 else "".join(char * 2 for char in value[1:])
        elif (css := css_colour(value)) is not None:
            digits = css
        else:
            continue
        out.append(tex[index : match.start()])
        index = match.end()
        colour = f"\\color[HTML]{{{digits.upper()}}}"
        argument = braced_argument(tex, match.end()) if match.group(1) == "textcolor" else None
        if argument is not None:
            out.append("{" + colour + "{" + argument[0] + "}}")
            index = argument[1]
        else:
            out.append(colour)
    out.append(tex[index:])
    return "".join(out)


_REQUIRE_RE = re.compile(r"\\require\s*\{[A-Za-z]*\}")
_SAFE_TAG = lazy_pattern(r"[A-Za-z0-9 :.,*()\-+=]*")  # math-core refuses ' (2'): that tag travels as a stand-in
_EQNARRAY = lazy_pattern(r"\\begin\s*\{eqnarray(\*?)\}(.*?)\\end\s*\{eqnarray\*?\}", re.DOTALL)
_SAFE_LABEL = lazy_pattern(r"[A-Za-z0-9:.\-]+")  # math-core refuses "_" in labels


@dataclass(slots=True)
class Fixes:
    """What to change in the MathML that math-core made from the rewritten TeX."""

    wide_accents: list[str] = field(default_factory=list)  # "hat"/"tilde", in source order
    references: list[str] = field(default_factory=list)  # "eqref"/"ref", in source order
    tags: dict[str, str] = field(default_factory=dict)  # ASCII stand-in -> the tag as written (中文)
    boxes: dict[str, tuple[str, str]] = field(default_factory=dict)  # stand-in -> MathJax's tags (mathjax_boxes)


def brace_end(tex: str, start: int) -> int:
    """Index just after the group opening at tex[start] == '{', or -1 if it never closes."""
    depth = 0
    index = start
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return -1


def braced_argument(tex: str, at: int) -> tuple[str, int] | None:
    """The braced argument starting at or after `at` (spaces skipped): (inner text, end)."""
    while at < len(tex) and tex[at] in " \t\n":
        at += 1
    if at >= len(tex) or tex[at] != "{":
        return None
    end = brace_end(tex, at)
    if end < 0:
        return None
    return tex[at + 1 : end - 1], end


def label_id(label: str) -> str:
    """An id math-core accepts: labels in Chinese or with spaces become a stable hash."""
    label = label.strip()
    if _SAFE_LABEL.fullmatch(label):
        return label
    return "h" + hashlib.sha1(label.encode()).hexdigest()[:10]


_TEXT_COMMANDS = ("text", "textrm", "textbf", "textit", "textsf", "texttt", "textnormal", "emph")
_TEXT_SPECIAL = lazy_pattern(r"(?<!\\)([_&])")
_TEXT_MATH = lazy_pattern(r"(?<!\\)\$")
# A backslash before a character no command name starts with (`真实情况\预测结果`, a confusion
# matrix's header): MathJax prints the backslash; math-core reads an unknown command `\预`.
_TEXT_LONE_BACKSLASH = lazy_pattern(r"(?<!\\)((?:\\\\)*)\\(?=[^\x00-\x7f])")


def _text_argument(name: str, inner: str, fixes: Fixes) -> str:
    """MathJax reads `_` and `&` in \\text literally and `$…$` inside it as math; so do we.

    It also prints a backslash that no command name can follow (one before a Chinese character)
    as it is, where math-core refused the formula: that one becomes `\\textbackslash{}`.
    """
    parts = _TEXT_MATH.split(inner)
    if len(parts) % 2 == 0:  # an unpaired $: leave it for the converter to report
        return f"\\{name}{{{inner}}}"
    pieces = []
    for index, part in enumerate(parts):
        if index % 2:
            pieces.append("{" + part + "}")
        elif "color" in part or "ref" in part:
            pieces.append(_text_commands(name, part, fixes))
        elif part or len(parts) == 1:
            pieces.append(_plain_text(name, part))
    return pieces[0] if len(pieces) == 1 else "{" + "".join(pieces) + "}"


def _plain_text(name: str, part: str) -> str:
    escaped = _TEXT_SPECIAL.sub(r"\\\1", part)
    if "\\" in escaped:
        escaped = _TEXT_LONE_BACKSLASH.sub(r"\1\\textbackslash{}", escaped)
    return f"\\{name}{{{escaped}}}"


_TEXT_COMMAND = lazy_pattern(r"\\(?:(color|textcolor)(?![A-Za-z])\s*(\[[A-Za-z]*\]\s*)?|(eqref|ref)(?![A-Za-z]))")


def _text_commands(name: str, part: str, fixes: Fixes) -> str:
    """The commands MathJax reads inside \\text, as math around the words; the words as text.

    math-core refused the formula ("Not valid in text mode", or an unknown `\\ref`). MathJax 4
    colours the words after a `\\color` (the rest of its group) and a `\\textcolor`'s argument
    (MathJax 3 printed the command), and both resolve `\\ref`/`\\eqref` there, as a link.
    """
    out: list[str] = []
    index = at = 0
    while at < len(part):
        char = part[at]
        closing = brace_end(part, at) if char == "{" else -1
        command = _TEXT_COMMAND.match(part, at) if char == "\\" else None
        argument = braced_argument(part, command.end()) if command else None
        if command is not None and argument is not None:
            out.append(_plain_text(name, part[index:at]) if part[index:at].strip() else "")
            if command.group(3):
                out.append(_reference(command.group(3), argument[0], fixes))
                index = at = argument[1]
                continue
            body = braced_argument(part, argument[1]) if command.group(1) == "textcolor" else None
            rest = part[argument[1] :] if body is None else body[0]
            switch = f"\\color{(command.group(2) or '').strip()}{{{argument[0]}}}"
            out.append("{" + switch + _text_commands(name, rest, fixes) + "}")
            index = at = len(part) if body is None else body[1]
        elif closing > 0 and _TEXT_COMMAND.search(part, at, closing):  # a group of words holding one
            out.append(_plain_text(name, part[index:at]) if part[index:at].strip() else "")
            out.append("{" + _text_commands(name, part[at + 1 : closing - 1], fixes) + "}")
            index = at = closing
        else:
            at = closing if closing > 0 else at + (2 if char == "\\" else 1)
    if part[index:].strip() or not any(out):
        out.append(_plain_text(name, part[index:]))
    return "".join(out)


def _reference(name: str, label: str, fixes: Fixes) -> str:
    """`\\ref`/`\\eqref` as math-core's `\\eqref` (its parentheses taken off a `\\ref` afterwards)."""
    fixes.references.append(name)
    return "\\eqref{" + label_id(label) + "}"


_ARGUMENT_COMMANDS = re.compile(
    r"\\(substack|widetilde|widehat|ref|eqref|label|tag\*?|" + "|".join(_TEXT_COMMANDS) + r")(?![A-Za-z])"
)
_TAG_OR_LABEL = re.compile(r"\\(tag\*?|label)(?![A-Za-z])")


def _tag_text(tag: str, fixes: Fixes) -> str:
    """math-core takes only plain ASCII in \\tag; others travel as a stand-in, put back after."""
    if _SAFE_TAG.fullmatch(tag):
        return tag
    stand_in = "zz" + hashlib.sha1(tag.encode()).hexdigest()[:10]
    fixes.tags[stand_in] = tag
    return stand_in


def _eqnarray_as_align(match: re.Match[str]) -> str:
    """eqnarray's `a &=& b` rows become align's `a &= b` (same look, numbered the same)."""
    rows = re.split(r"(\\\\)", match.group(2))
    body = "".join(re.sub(r"&([^&]*)&", r"&\1", row, count=1) for row in rows)
    return f"\\begin{{align{match.group(1)}}}{body}\\end{{align{match.group(1)}}}"


def _rewrite_commands(tex: str, fixes: Fixes) -> str:
    """One left-to-right pass over commands with an argument that need respelling."""
    out: list[str] = []
    index = 0
    for match in _ARGUMENT_COMMANDS.finditer(tex):
        if match.start() < index:
            continue
        name = match.group(1)
        out.append(tex[index : match.start()])
        index = match.end()
        if name in ("widetilde", "widehat"):
            fixes.wide_accents.append("tilde" if name == "widetilde" else "hat")
            out.append("\\widehat")
            continue
        argument = braced_argument(tex, match.end())
        if argument is None:
            out.append(match.group(0))
            continue
        inner, end = argument
        index = end
        if name in _TEXT_COMMANDS:
            out.append(_text_argument(name, inner, fixes))
        elif name == "substack":
            out.append("\\begin{subarray}{c}" + _rewrite_commands(inner, fixes) + "\\end{subarray}")
        elif name.startswith("tag"):
            out.append(f"\\{name}{{{_tag_text(inner, fixes)}}}")
        elif name == "label":
            out.append("\\label{" + label_id(inner) + "}")
        else:
            out.append(_reference(name, inner, fixes))
    out.append(tex[index:])
    return "".join(out)


def _rename_environment(match: re.Match[str]) -> str:
    name = match.group(2)
    renamed = _ENVIRONMENT_RENAMES.get(name)
    if name == "smallmatrix":
        return "{\\scriptstyle\\begin{matrix}" if match.group(1) == "begin" else "\\end{matrix}}"
    if name in ("alignat", "alignat*", "alignedat"):
        renamed = {"alignat": "align", "alignat*": "align*", "alignedat": "aligned"}[name]
    return match.group(0) if renamed is None else f"\\{match.group(1)}{{{renamed}}}"


def _top_level(tex: str) -> tuple[str, list[str], str | None, bool]:
    """(TeX without top-level \\tag/\\label, those commands, wrapper for top-level \\\\, numbered).

    "Top level" is outside braces and environments: where MathJax would accept a bare \\tag
    in $$ or treat \\\\ as a line break.
    """
    kept: list[str] = []
    moved: list[str] = []
    depth = 0
    environments = 0
    numbered = False
    breaks = False
    columns = False
    index = 0
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            env = _ENV_RE.match(tex, index)
            if env:
                if env.group(1) == "begin":
                    environments += 1
                    numbered = numbered or (environments == 1 and env.group(2) in NUMBERED_ENVIRONMENTS)
                else:
                    environments -= 1
                kept.append(env.group(0))
                index = env.end()
                continue
            command = _TAG_OR_LABEL.match(tex, index)
            if command and depth == 0 and environments == 0:
                argument = braced_argument(tex, command.end())
                if argument is not None:
                    moved.append(tex[index : argument[1]])
                    index = argument[1]
                    continue
            if tex.startswith("\\\\", index) and depth == 0 and environments == 0:
                breaks = True
            kept.append(tex[index : index + 2])
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "&" and depth == 0 and environments == 0:
            columns = True
        kept.append(char)
        index += 1
    wrapper = ("aligned" if columns else "gathered") if breaks else None
    return "".join(kept), moved, wrapper, numbered


# Unnumbered environments as what they show inside a formula, so that a \\tag after them numbers
# the whole display (alignat*, flalign*, eqnarray* were respelled as align* before this runs).
_INNER_FORMS = {"align*": "aligned", "gather*": "gathered", "multline*": "gathered"}
# The numbered ones, under a \\tag that numbers the whole display: MathJax's default (tags: "none",
# as Hexo's and Hugo's themes ship it) numbers none of their rows, so they show as the starred ones.
_NUMBERED_INNER = {"align": "aligned", "gather": "gathered", "multline": "gathered"}


def _unnumbered_as_inner(tex: str, tagged: bool) -> str | None:
    """`\\begin{align*}…\\end{align*} \\tag{3}` as `\\begin{aligned}…\\end{aligned} \\tag{3}`.

    MathJax numbers the whole display (3) and shows the rows; math-core takes \\tag only at the
    top of a numbered environment and refused the formula. Every environment at the top level
    becomes its in-formula form (`equation*`, just its content). Under a `\\tag` (`tagged`) a
    numbered one (`align`, `equation`) does too, as MathJax shows it with its default
    configuration: the display numbered by the tag, its rows by nothing. None when a numbered one
    is under a `\\label` alone, or numbers or labels a row itself: its rows would carry two numbers.
    """
    out: list[str] = []
    depth = 0
    index = 0
    opened = 0
    for match in _ENV_RE.finditer(tex):
        opening = match.group(1) == "begin"
        depth += 1 if opening else -1
        if (opening and depth != 1) or (not opening and depth != 0):
            continue
        name = match.group(2)
        inner = _INNER_FORMS.get(name)
        if name in _NUMBERED_INNER or name == "equation":
            if not tagged or (not opening and _TAG_OR_LABEL.search(tex, opened, match.start())):
                return None
            inner = _NUMBERED_INNER.get(name)
        elif inner is None and name in NUMBERED_ENVIRONMENTS and name != "equation*":
            return None
        opened = match.end()
        out.append(tex[index : match.start()])
        index = match.end()
        if inner is not None:
            out.append(f"\\{match.group(1)}{{{inner}}}")
        elif name not in ("equation*", "equation"):
            out.append(match.group(0))
    out.append(tex[index:])
    return "".join(out)


# MathJax and KaTeX accept these; math-core does not. Each is respelled with what it showed.
_LOGOS = lazy_pattern(r"\\(La|Ka)?TeX(?![A-Za-z])")
# `\left\\{`: a brace escaped twice (for marked); TeX has no `\\` delimiter, so it can only mean \{.
_DOUBLED_DELIMITER = lazy_pattern(r"\\(left|right|middle|[bB]igg?[lrm]?)\s*\\\\([{}])")
# `\begin{align\*}`: the star escaped for marked, never TeX.
_ESCAPED_STAR = lazy_pattern(r"\\(begin|end)\s*\{([A-Za-z]+)\\\*\}")
# `\\tag 7`: MathJax takes the next token as the tag, as TeX takes a macro's argument.
_BARE_TAG = lazy_pattern(r"\\(tag\*?)[ \t]*(\d+|[A-Za-z])(?![A-Za-z\d])")
# `\\operatorname{E_A}`: MathJax sets any math in an operator name; math-core takes plain text only.
_SCRIPTED_OPERATOR = lazy_pattern(r"\\operatorname\s*\{([^{}]*(?:\{[^{}]*\}[^{}]*)*[_^][^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")
_MATHOP_LIMITS = lazy_pattern(r"\\mathop\s*\{")
_FONT_SWITCH = lazy_pattern(r"\\(?:rm|mathrm|operatorname)\s*(?=[^A-Za-z])|\\(?:mathrm|text|textrm)\s*\{")


def _mathop_limits(tex: str) -> str:
    """`\\mathop{\\rm arg\\,max}\\limits_\\theta` as `\\operatorname*{arg\\,max}_\\theta`: limits below,
    as MathJax shows it (math-core takes \\limits only after its own operators)."""
    out: list[str] = []
    index = 0
    for match in _MATHOP_LIMITS.finditer(tex):
        if match.start() < index:
            continue
        end = brace_end(tex, match.end() - 1)
        if end < 0:
            continue
        after = end
        while after < len(tex) and tex[after] in " \t\n":
            after += 1
        if not tex.startswith("\\limits", after) or tex[after + 7 : after + 8].isalpha():
            continue
        body = tex[match.end() : end - 1].strip()
        out.append(tex[index : match.start()])
        index = after + len("\\limits")
        if _BIG_OPERATOR.search(body):  # no text for \\operatorname: the limits set under and over
            scripted, index = _under_over("\\mathop{" + body + "}", tex, index)
            out.append(scripted)
            continue
        plain = _FONT_SWITCH.sub("", body).replace("{", "").replace("}", "").strip()
        out.append("\\operatorname*{" + plain + "}")
    out.append(tex[index:])
    return "".join(out)


_BIG_OPERATOR = lazy_pattern(
    r"\\(?:sum|prod|coprod|i*int|oint|big(?:cup|cap|vee|wedge|oplus|otimes|odot|uplus|sqcup))(?![A-Za-z])"
)
_SCRIPT = lazy_pattern(r"\s*([_^])\s*(\{|\\[A-Za-z]+|\\.|[^\s{}\\])")


def _under_over(base: str, tex: str, at: int) -> tuple[str, int]:
    """`base` with the `_`/`^` scripts at `at` as `\\underset`/`\\overset`, and where they end.

    `\\mathop{\\sum\\sum}\\limits_{i \\ne j}`: MathJax sets the limits under and over the operator;
    math-core takes `\\limits` after its own operators only.
    """
    scripts: dict[str, str] = {}
    while (script := _SCRIPT.match(tex, at)) is not None and script.group(1) not in scripts:
        if script.group(2) == "{":
            close = brace_end(tex, script.start(2))
            if close < 0:
                break
            scripts[script.group(1)], at = tex[script.start(2) + 1 : close - 1], close
        else:
            scripts[script.group(1)], at = script.group(2), script.end()
    if "^" in scripts:
        base = f"\\overset{{{scripts['^']}}}{{{base}}}"
    if "_" in scripts:
        base = f"\\underset{{{scripts['_']}}}{{{base}}}"
    return base, at


def rewrite(tex: str, display: bool) -> tuple[str, Fixes]:
    """TeX math-core converts the way MathJax/KaTeX would show `tex`, and the MathML fixes."""
    fixes = Fixes()
    tex = _REQUIRE_RE.sub("", tex)
    if "TeX" in tex:
        tex = _LOGOS.sub(lambda m: "\\text{" + (m.group(1) or "") + "TeX}", tex)
    if "\\\\{" in tex or "\\\\}" in tex:
        tex = _DOUBLED_DELIMITER.sub(r"\\\1\\\2", tex)
    if "\\*}" in tex:
        tex = _ESCAPED_STAR.sub(r"\\\1{\2*}", tex)
    if "\\limits" in tex and "\\mathop" in tex:
        tex = _mathop_limits(tex)
    if "\\tag" in tex:
        tex = _BARE_TAG.sub(r"\\\1{\2}", tex)
    if "\\operatorname" in tex:
        tex = _SCRIPTED_OPERATOR.sub(r"\\mathop{\\mathrm{\1}}", tex)
    tex = _RENAME_RE.sub(lambda m: "\\" + _COMMAND_RENAMES[m.group(1)], tex)
    if "color" in tex:
        tex = html_colours(tex)
    if "eqnarray" in tex:
        tex = _EQNARRAY.sub(_eqnarray_as_align, tex)
    tex = _ALIGNAT_RE.sub(lambda m: "\\begin{" + m.group(1) + "}", tex)
    tex = _ENV_RE.sub(_rename_environment, tex)
    if "\\" in tex:
        tex = _rewrite_commands(tex, fixes)
    if not display and "\\tag" in tex:  # MathJax drops a \\tag in inline math, and says nothing
        body, moved, _, _ = _top_level(tex)
        tex = tex if any(command.startswith("\\label") for command in moved) else body
    if display and ("\\tag" in tex or "\\label" in tex or "\\\\" in tex):
        body, moved, wrapper, numbered = _top_level(tex)
        tagged = any(command.startswith("\\tag") for command in moved)
        if moved and numbered and (inner := _unnumbered_as_inner(tex, tagged)) is not None:
            body, moved, wrapper, numbered = _top_level(inner)
        if wrapper:
            body = f"\\begin{{{wrapper}}}{body}\\end{{{wrapper}}}"
        if moved and not numbered:
            tagged = any(command.startswith("\\tag") for command in moved)
            environment = "equation*" if tagged else "equation"
            tex = f"\\begin{{{environment}}}{body}{''.join(moved)}\\end{{{environment}}}"
        elif wrapper:
            tex = body + "".join(moved)
    return tex, fixes


_HAT = '<mo stretchy="true">\u0302</mo>'
_TILDE = '<mo stretchy="true">\u0303</mo>'
_MOVER = lazy_pattern(r"<mover\b[^>]*>|</mover>")
_REFERENCE = lazy_pattern(r'(<a href="#[^"]*">)\(([^<]*)\)(</a>)')


def apply_fixes(mathml: str, fixes: Fixes) -> str:
    """Put back what `rewrite` respelled: tildes on wide accents, \\ref without parentheses."""
    if "tilde" in fixes.wide_accents:
        mathml = _wide_tildes(mathml, fixes.wide_accents)
    if "ref" in fixes.references:
        kinds = iter(fixes.references)

        def unparen(match: re.Match[str]) -> str:
            kind = next(kinds, "eqref")
            return match.group(0) if kind == "eqref" else match.group(1) + match.group(2) + match.group(3)

        mathml = _REFERENCE.sub(unparen, mathml)
    return mathml


def put_back_tags(mathml: str, tags: dict[str, str]) -> str:
    """Tags written in Chinese (and references to them, in any formula of the post)."""
    for stand_in, tag in tags.items():
        if stand_in in mathml:
            mathml = mathml.replace(stand_in, escape(tag, quote=False))
    return mathml


def _wide_tildes(mathml: str, accents: list[str]) -> str:
    """Swap the stretchy hat for a tilde on the movers that came from \\widetilde.

    The movers of wide accents open in the same order as their commands appear in the
    TeX (a pre-order walk), even when nested, so we number them by their opening tag.
    """
    stack: list[int] = []
    opened = 0
    closing_of: dict[int, int] = {}
    for match in _MOVER.finditer(mathml):
        if match.group(0) != "</mover>":
            stack.append(match.start())
            continue
        start = stack.pop() if stack else -1
        if mathml.endswith(_HAT, 0, match.start()):
            closing_of[start] = match.start()
    order = sorted(closing_of)
    replace_at = {
        closing_of[start] for rank, start in enumerate(order) if rank < len(accents) and accents[rank] == "tilde"
    }
    opened = len(order)
    if opened != len(accents):
        return mathml  # not the shape we expect; leave the (hat) accents as they are
    out: list[str] = []
    last = 0
    for end in sorted(replace_at):
        out.append(mathml[last : end - len(_HAT)])
        out.append(_TILDE)
        last = end
    out.append(mathml[last:])
    return "".join(out)
