"""TeX that MathJax 3/4 typesets and real blogs wrote, which the build once refused: each is
converted as MathJax shows it (checked against MathJax's own output), and what MathJax refuses
is still refused."""

from __future__ import annotations

import re

import pytest

from generator.math.formulas import convert_formulas, formula_html, normalise_macros


def test_newcommand_takes_a_name_written_without_its_backslash() -> None:
    results = convert_formulas(
        [
            ("\\newcommand{msign}{\\mathop{\\text{msign}}}\\msign(x)", False),
            ("\\msign(y)", False),
            ("\\renewcommand{ sgnx }{\\operatorname{sgnx}}\\sgnx(z)", False),
        ]
    )
    assert [result.problem for result in results] == [None, None, None]
    assert "<mtext>msign</mtext>" in results[1].html and "sgnx" in results[2].html


def test_def_still_needs_a_backslash_before_the_name_as_in_mathjax() -> None:
    html, problem = formula_html("\\def msign{x}\\msign", False)
    assert problem is not None and "math-error" in html


@pytest.mark.parametrize(
    ("tex", "rows"),
    [
        ("\\begin{align}\nI &= H(y) - H(y|x)\\\\\n&= \\log p\n\\end{align}\\tag{1}", 2),
        ("\\begin{align} a &= b \\nonumber \\\\ c &= d \\end{align} \\tag{1}", 2),
        ("\\begin{gather} a = b \\\\ c = d \\end{gather} \\tag{1}", 2),
        ("\\begin{multline} a + b \\\\ = c \\end{multline} \\tag{1}", 2),
        ("\\begin{equation} a = b \\end{equation} \\tag{1}", 0),
    ],
    ids=["align", "align-nonumber", "gather", "multline", "equation"],
)
def test_a_tag_after_a_numbered_environment_numbers_the_display_not_its_rows(tex: str, rows: int) -> None:
    """MathJax (tags "none", its default) numbers the whole display (1) and none of its rows."""
    results = convert_formulas([(tex, True), ("\\begin{equation} z \\end{equation}", True)])
    assert results[0].problem is None, results[0].problem
    presentation = results[0].html.split("<annotation")[0]
    assert presentation.count("<mtext>(1)</mtext>") == 1 and presentation.count("<mtext>(") == 1
    assert presentation.count("<mtr>") == 1 + rows
    assert "<mtext>(1)</mtext>" in results[1].html  # its rows took no number of the post's


@pytest.mark.parametrize("tex", ["x = y \\tag{2}", "x = y \\tag 2", "x = y \\tag*{A}", "x = y \\tag{中文}"])
def test_a_tag_in_inline_math_is_dropped_without_a_word_as_mathjax_drops_it(tex: str) -> None:
    result = convert_formulas([(tex, False)])[0]
    assert result.problem is None and result.notes == ()
    presentation = result.html.split("<annotation")[0]
    assert "<mi>x</mi><mo>=</mo><mi>y</mi></mrow>" in presentation and "mtext" not in presentation


def test_a_tag_inside_an_inline_environment_is_still_refused_as_mathjax_refuses_it() -> None:
    assert formula_html("\\begin{aligned} a \\tag{2} \\end{aligned}", False)[1] is not None


@pytest.mark.parametrize(
    ("tex", "coloured", "plain"),
    [
        ("\\text{\\color{red}{(把梯度移进积分)}} x", "<mtext>(把梯度移进积分)</mtext>", ""),
        ("\\text{a \\textcolor{red}{b} c}", "<mtext>b</mtext>", "<mtext>\u00a0c</mtext>"),
        ("\\text{a \\textcolor{fuchsia}{b} c}", "<mtext>b</mtext>", "<mtext>a\u00a0</mtext>"),
        ("\\text{a {\\color{blue} b} c}", "<mtext>\u00a0b</mtext>", "<mtext>\u00a0c</mtext>"),
        ("\\text{a \\color{#ff0000} b}", "<mtext>\u00a0b</mtext>", "<mtext>a\u00a0</mtext>"),
    ],
    ids=["color-group", "textcolor", "textcolor-css", "color-in-a-group", "color-hex"],
)
def test_a_colour_inside_text_colours_its_words_as_mathjax_4_shows_them(tex: str, coloured: str, plain: str) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    presentation = html.split("<annotation")[0]
    assert re.search(r'<mrow style="color:#[0-9A-F]{6};">' + re.escape(coloured) + "</mrow>", presentation)
    assert plain in presentation and "\\color" not in presentation


def test_text_naming_a_colour_without_the_command_is_plain_text() -> None:
    assert "<mtext>colorful_x</mtext>" in formula_html("\\text{colorful_x}", True)[0]


def test_a_reference_inside_text_is_resolved_as_elsewhere_as_mathjax_resolves_it() -> None:
    results = convert_formulas(
        [
            ("\\begin{equation} y = ax + b \\label{eq_line} \\end{equation}", True),
            ("\\begin{align*} z &= y + 1 & \\text{(by eq. \\ref{eq_line})} \\\\ &= ax + b \\end{align*}", True),
            ("w = z \\quad \\text{see \\eqref{eq_line}}", True),
            ("\\text{see \\ref{nowhere}, or {\\color{red} \\eqref{eq_line}}}", False),
        ]
    )
    assert [result.problem for result in results] == [None] * 4
    target = re.search(r'id="(eq-[^"]*)"', results[0].html)
    assert target is not None
    assert f'<mtext><a href="#{target.group(1)}">1</a></mtext><mtext>)</mtext>' in results[1].html
    assert f'<mtext>see\u00a0</mtext><mtext><a href="#{target.group(1)}">(1)</a></mtext>' in results[2].html
    assert results[3].notes == ("unknown label 'nowhere' in a reference",)
    assert f'<mrow style="color:#FF0000;"><mtext><a href="#{target.group(1)}">(1)</a>' in results[3].html


@pytest.mark.parametrize("words", ["prefer a reference", "a {reference} b", "{colorful} ref"])
def test_text_with_ref_or_color_in_its_words_converts_as_before(words: str) -> None:
    html, problem = formula_html(f"\\text{{{words}}}", True)
    assert problem is None and html.count("<mtext>") == 1


def test_a_css_colour_name_in_a_macro_body_is_taken_as_in_a_formula() -> None:
    results = convert_formulas(
        [
            ("\\newcommand{\\hl}[1]{\\color{skyblue}{#1}}\\hl{W} = \\color{skyblue}{V}", True),
            ("\\def\\sg#1{\\textcolor{steelblue}{[#1]}}\\sg{x}", False),
            ("\\site{y}", False),
        ],
        normalise_macros({"site": ["\\color{orangered}{#1}", 1]}),
    )
    assert [(result.problem, result.told) for result in results] == [(None, ())] * 3
    assert results[0].html.count("color:#87CEEB") == 2
    assert "color:#4682B4" in results[1].html and "color:#FF4500" in results[2].html


def test_a_colour_no_one_knows_in_a_macro_body_is_still_left_out() -> None:
    results = convert_formulas([("\\newcommand{\\hl}{\\color{nosuchcolour}{x}}", True), ("\\hl", False)])
    assert results[0].told and "nosuchcolour" in results[0].told[0] and results[1].problem
