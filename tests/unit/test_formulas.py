"""TeX to MathML: conversions, aliases, and failures that are reported instead of published wrong."""

from __future__ import annotations

import pytest

from generator.formulas import FormulaError, formula_html, to_mathml


def test_inline_and_display() -> None:
    assert 'display="inline"' in to_mathml("x^2", False)
    assert 'display="block"' in to_mathml("x^2", True)


def test_html_wrappers() -> None:
    inline, problem = formula_html("a+b", False)
    assert problem is None
    assert inline.startswith('<span class="math math-inline"><math ')
    assert inline.endswith("</math></span>")
    display, problem = formula_html("a+b", True)
    assert problem is None
    assert display.startswith('<div class="math math-display"><math ')


@pytest.mark.parametrize(
    ("tex", "fragment"),
    [
        ("\\frac{\\alpha}{r}", "<mfrac>"),
        ("\\sqrt{d_k}", "<msqrt>"),
        ("\\sum_{i=1}^{n} x_i", "&#x02211;"),
        ("\\mathbb{R}^{d}", "&#x0211D;"),
        ("\\R^d", "&#x0211D;"),
        ("\\bm{x}", "<mi"),
        ("\\arg\\max_x f(x)", "arg"),
    ],
)
def test_common_ml_formulas_convert(tex: str, fragment: str) -> None:
    html, problem = formula_html(tex, False)
    assert problem is None, problem
    assert fragment in html
    assert "\\" not in html


@pytest.mark.parametrize("tex", ["\\notacommand{x}", "x^{", "\\left( x"])
def test_unconvertible_tex_raises(tex: str) -> None:
    with pytest.raises(FormulaError):
        to_mathml(tex, False)


@pytest.mark.parametrize(
    "tex",
    ["\\frac{a}", "\\begin{nosuchenv}x\\end{nosuchenv}"],
    ids=["frac-missing-denominator", "unknown-environment"],
)
def test_malformed_tex_is_reported_not_mangled(tex: str) -> None:
    with pytest.raises(FormulaError):
        to_mathml(tex, False)


def test_unknown_command_is_named() -> None:
    with pytest.raises(FormulaError, match=r"unknown command \\notacommand"):
        to_mathml("a + \\notacommand", False)


@pytest.mark.parametrize("display", [False, True])
def test_failure_shows_escaped_source_and_is_marked(display: bool) -> None:
    html, problem = formula_html("\\nope{a<b}", display)
    assert problem is not None
    assert "math-error" in html
    assert "\\nope{a&lt;b}" in html
    assert "<math" not in html
    assert html.startswith("<pre" if display else "<code")
