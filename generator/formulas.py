"""TeX to MathML at build time, so readers need no JavaScript to see formulas."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from html import escape

from latex2mathml.converter import convert

_UNCONVERTED = re.compile(r"<mi>\\[A-Za-z]+</mi>|<merror")
# Standard LaTeX commands latex2mathml lacks, spelled with ones it knows.
_ALIASES = {
    "arg": r"\operatorname{arg}",
    "bm": r"\boldsymbol",
    "R": r"\mathbb{R}",
    "N": r"\mathbb{N}",
    "Z": r"\mathbb{Z}",
}
_ALIAS_RE = re.compile(r"\\(" + "|".join(_ALIASES) + r")(?![A-Za-z])")


class FormulaError(ValueError):
    pass


@lru_cache(maxsize=8192)
def to_mathml(tex: str, display: bool) -> str:
    """MathML for one formula; raises FormulaError when the TeX cannot be converted.

    latex2mathml passes unknown commands through as <mi>\\foo</mi>; we treat that as a
    failure so the writer is told, instead of publishing a wrong formula.
    """
    try:
        source = _ALIAS_RE.sub(lambda m: _ALIASES[m.group(1)], tex.strip())
        mathml = convert(source, display="block" if display else "inline")
    except Exception as exc:  # the converter raises many unrelated types
        raise FormulaError(f"{type(exc).__name__} {exc}".strip()) from None
    problem = _structure_problem(source, mathml)
    if problem:
        raise FormulaError(problem)
    found = _UNCONVERTED.search(mathml)
    if found:
        command = re.sub(r"</?mi>", "", found.group(0))
        raise FormulaError(f"unknown command {command}" if command.startswith("\\") else "conversion error")
    return mathml


def formula_html(tex: str, display: bool) -> tuple[str, str | None]:
    """(HTML, problem): the MathML, or the TeX source shown as code and marked."""
    try:
        mathml = to_mathml(tex, display)
    except FormulaError as exc:
        source = escape(tex.strip())
        if display:
            return f'<pre class="math math-display math-error" title="公式无法转换">{source}</pre>\n', str(exc)
        return f'<code class="math math-inline math-error" title="公式无法转换">{source}</code>', str(exc)
    if display:
        return f'<div class="math math-display">{mathml}</div>\n', None
    return f'<span class="math math-inline">{mathml}</span>', None


# How many children each MathML element must have; latex2mathml builds short ones
# silently from input like \frac{a}, which would publish a wrong formula.
_ARITY = {"mfrac": 2, "msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3, "mroot": 2}
_ENVIRONMENTS = {
    "matrix",
    "pmatrix",
    "bmatrix",
    "Bmatrix",
    "vmatrix",
    "Vmatrix",
    "smallmatrix",
    "cases",
    "aligned",
    "align",
    "align*",
    "array",
    "split",
    "gathered",
    "gather",
    "gather*",
    "equation",
    "equation*",
    "alignat",
    "alignedat",
    "subarray",
    "substack",
    "multline",
    "eqnarray",
}
_BEGIN = re.compile(r"\\begin\s*\{([^}]*)\}")


def _structure_problem(tex: str, mathml: str) -> str | None:
    for name in _BEGIN.findall(tex):
        if name.strip() not in _ENVIRONMENTS:
            return f"unknown environment {{{name}}}"
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError:
        return "conversion produced invalid MathML"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        wanted = _ARITY.get(tag)
        if wanted is not None and len(element) != wanted:
            return f"incomplete TeX (<{tag}> needs {wanted} parts, got {len(element)})"
    return None
