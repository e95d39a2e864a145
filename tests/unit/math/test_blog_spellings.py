"""Spellings real Chinese ML blogs published through MathJax that math-core refused (our own examples)."""

from __future__ import annotations

import re

import pytest

from generator.math.css_colours import CSS_COLOURS, css_colour
from generator.math.formulas import formula_html


def _presentation(tex: str, display: bool = True) -> str:
    html, problem = formula_html(tex, display)
    assert problem is None, problem
    return html.split("<annotation")[0]


# --- CSS colour names, which MathJax 3 hands to the browser ------------------------------------


@pytest.mark.parametrize(
    ("tex", "colour"),
    [
        (r"a=\color{orangered}{b}", "#FF4500"),
        (r"\color{steelblue} x + y", "#4682B4"),
        (r"\textcolor{darkorange}{x} + y", "#FF8C00"),
        (r"\color{SteelBlue}{x}", "#4682B4"),  # CSS names are read in any case
        (r"\color{grey}{x}", "#808080"),
        (r"{\color{rebeccapurple} x}", "#663399"),
    ],
)
def test_a_css_colour_name_is_its_css_colour(tex: str, colour: str) -> None:
    assert f"color:{colour};" in _presentation(tex)


@pytest.mark.parametrize(("name", "colour"), [("red", "#FF0000"), ("RoyalBlue", "#0073C0"), ("orange", "#FF8001")])
def test_a_colour_name_latex_knows_keeps_its_latex_colour(name: str, colour: str) -> None:
    """xcolor's `orange` and the dvipsnames' `RoyalBlue` are math-core's own: not looked up in CSS."""
    assert css_colour(name) is None
    assert f"color:{colour};" in _presentation(rf"\color{{{name}}}{{x}}")


def test_every_css_colour_converts() -> None:
    assert len(CSS_COLOURS) == 148
    assert all(re.fullmatch(r"[0-9A-F]{6}", value) for value in CSS_COLOURS.values())
    tex = " ".join(rf"{{\color{{{name}}} x}}" for name in CSS_COLOURS)
    assert _presentation(tex).count("color:#") == 148


def test_a_name_neither_knows_is_still_reported() -> None:
    _, problem = formula_html(r"\color{notacolour}{x}", True)
    assert problem is not None and "notacolour" in problem


# --- a backslash before a Chinese character inside \text, printed by MathJax ---------------------


@pytest.mark.parametrize(
    ("tex", "shown"),
    [
        (r"\text{真实情况\预测结果}", "<mtext>真实情况\\预测结果</mtext>"),
        (r"\begin{array}{c|cc} \textbf{真实\预测} & 正 & 反 \end{array}", "真实\\预测"),
        (r"\text{$x$ 与 \是}", "与\u00a0\\是"),
    ],
    ids=["text", "textbf-in-array", "after-math-in-text"],
)
def test_a_backslash_before_a_chinese_character_in_text_is_printed(tex: str, shown: str) -> None:
    assert shown in _presentation(tex)


def test_a_backslash_before_a_chinese_character_outside_text_is_still_reported() -> None:
    _, problem = formula_html(r"a \预 b", True)
    assert problem is not None and "预" in problem


def test_text_commands_in_text_are_still_commands() -> None:
    assert "<mtext>a\\b</mtext>" in _presentation(r"\text{a\textbackslash b}")


# --- primes pasted from a PDF as characters -----------------------------------------------------


@pytest.mark.parametrize(
    ("tex", "shown"),
    [
        ("H^\u2032=1", "<msup><mi>H</mi><mo>\u2032</mo></msup>"),
        ("H_l^\u2032", "<msubsup><mi>H</mi><mi>l</mi><mo>\u2032</mo></msubsup>"),
        ("x^{\u2032}", "<msup><mi>x</mi><mo>\u2032</mo></msup>"),  # one prime, not a prime on an empty base
        ("x^ \u2033", "<msup><mi>x</mi><mo>\u2033</mo></msup>"),
        ("f^{\u2034}(x)", "<msup><mi>f</mi><mo>\u2034</mo></msup>"),
        ("y^{\u2032\u2032}", "<msup><mi>y</mi><mo>\u2033</mo></msup>"),
        ("x^\u2032_1", "<msubsup><mi>x</mi><mn>1</mn><mo>\u2032</mo></msubsup>"),
        ("H\u2032 + x\u2033", "<msup><mi>H</mi><mo>\u2032</mo></msup>"),  # converted before; still does
    ],
)
def test_a_pasted_prime_after_a_caret_is_a_superscript_prime(tex: str, shown: str) -> None:
    assert shown in _presentation(tex, display=False)


# --- \textnormal and \KaTeX, which MathJax and KaTeX both know ----------------------------------


def test_textnormal_is_upright_text_with_its_specials_read_as_text() -> None:
    presentation = _presentation(r"f(x) = 1 \quad \textnormal{if $x>0$ and a_b}")
    assert '<span class="math-core-serif-font">if' in presentation and "<mi>x</mi>" in presentation
    assert "and a_b" in presentation.replace("\u00a0", " ")


def test_the_katex_logo_is_its_name() -> None:
    assert "<mtext>KaTeX</mtext>" in _presentation(r"\text{rendered by } \KaTeX")


# --- a row break inside \left … \right but in no table, which MathJax ignores --------------------


@pytest.mark.parametrize(
    ("tex", "rows"),
    [
        (r"\mathbf{x}=\left[ \\ \begin{matrix} a \\ b \end{matrix} \right]", 2),  # the matrix's rows only
        (r"x = \left( a \\[2pt] b \right)", 0),
        (r"a = \left( b \\ c \right) \\ d = e", 2),  # the top-level break is still a row
        (r"\begin{aligned} a &= \left( b \\ c \right) \\ d &= e \end{aligned}", 2),
        (r"\left\{ \begin{array}{l} a \\ b \end{array} \right.", 2),  # inside the array: rows
        (r"\left\\{ \begin{array}{l} a \\ b \end{array} \right.", 2),  # \left\\{: a brace escaped for marked
    ],
    ids=["before-matrix", "with-spacing", "top-level-kept", "in-aligned", "array-in-delimiters", "doubled-brace"],
)
def test_a_row_break_in_delimiters_outside_any_environment_is_ignored(tex: str, rows: int) -> None:
    assert _presentation(tex).count("<mtr>") == rows


def test_a_row_break_in_inline_delimiters_is_ignored() -> None:
    assert "<mi>a</mi><mi>b</mi>" in _presentation(r"\left( a \\ b \right)", display=False)
