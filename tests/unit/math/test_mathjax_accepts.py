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


# `\cr` ends a row inside an environment, as `\\` does (MathJax: "Misplaced \cr" outside one).
@pytest.mark.parametrize(
    ("tex", "rows"),
    [
        ("\\begin{cases} a & x>0 \\cr b & x \\le 0 \\end{cases}", 2),
        ("\\begin{split} a &= b \\cr c &= d \\end{split}", 2),
        ("\\begin{pmatrix} 1 & 2 \\cr 3 & 4 \\cr 5 & 6 \\end{pmatrix}", 3),
        ("\\begin{array}{cc} a & b \\cr c & d \\end{array}", 2),
        ("\\begin{aligned} a &= b \\\\ c &= \\begin{cases} 1 \\cr 2 \\end{cases} \\end{aligned}", 4),
    ],
    ids=["cases", "split", "pmatrix", "array", "nested"],
)
def test_cr_ends_a_row_of_an_environment(tex: str, rows: int) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    assert html.split("<annotation")[0].count("<mtr>") == rows


def test_cr_outside_every_environment_is_still_refused_as_mathjax_refuses_it() -> None:
    assert formula_html("a \\cr b", True)[1] is not None


@pytest.mark.parametrize("tex", ["\\crcr x", "\\text{\\\\cr}"])
def test_a_command_that_only_starts_with_cr_is_not_a_row_break(tex: str) -> None:
    assert "<mtr>" not in formula_html(tex, True)[0]


def test_flalign_is_laid_out_as_align_as_mathjax_lays_it_out() -> None:
    results = convert_formulas(
        [
            ("\\begin{flalign*} a &= b \\\\ c &= d \\end{flalign*}", True),
            ("\\begin{flalign} a &= b \\end{flalign}", True),
        ]
    )
    assert [result.problem for result in results] == [None, None]
    assert results[0].html.count("<mtr>") == 2 and "<mtext>(" not in results[0].html
    assert "<mtext>(1)</mtext>" in results[1].html  # numbered as align is, through the post


@pytest.mark.parametrize(
    ("tex", "element"),
    [
        ("\\smash{x} + y", '<mpadded height="0" depth="0"><mi>x</mi></mpadded>'),
        ("\\smash[b]{x}", '<mpadded depth="0"><mi>x</mi></mpadded>'),
        ("\\smash[t]{x}", '<mpadded height="0"><mi>x</mi></mpadded>'),
        ("\\style{color:red}{y}", '<mrow style="color:red"><mi>y</mi></mrow>'),
        (
            '\\style{border: 1px solid #6C8EBF; font-family: "x"}{y}',
            "border: 1px solid #6C8EBF; font-family: &quot;x&quot;",
        ),
        ("\\sqrt[\\uproot{2}3]{z}", '<mpadded voffset="+0.133333em" height="+0.133333em"><mn>3</mn></mpadded>'),
        ("\\sqrt[\\leftroot{3}p]{z}", '<mpadded width="+0.2em"><mi>p</mi></mpadded>'),
        (
            "x^{\\color{#ccc}{\\smash{\\style{color:blue}{s}}}}",
            '<mpadded height="0" depth="0"><mrow style="color:blue">',
        ),
        ("\\class{hl}{x+1}", '<mrow class="hl"><mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow></mrow>'),
        ("\\cssId{eq-a}{y}", '<mrow id="eq-a"><mi>y</mi></mrow>'),
    ],
    ids=["smash", "smash-b", "smash-t", "style", "style-quoted", "uproot", "leftroot", "nested", "class", "cssId"],
)
def test_mathjax_boxes_are_the_elements_mathjax_makes(tex: str, element: str) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    presentation = html.split("<annotation")[0]
    assert element in presentation and "0E0F" not in presentation


def test_a_formula_naming_the_stand_in_colour_keeps_its_boxes_unconverted() -> None:
    assert formula_html("\\color{#0e0f00}{x} \\smash{y}", True)[1] is not None


@pytest.mark.parametrize(
    ("tex", "shown"),
    [
        ("\\begin{align} { a : \\\\ b } : \\\\ c \\end{align}", "<mi>a</mi><mo"),
        ("\\begin{aligned} a &= \\frac{b \\\\ c}{d} \\end{aligned}", "<mfrac><mrow><mi>b</mi><mi>c</mi></mrow>"),
        ("\\begin{aligned} a &= \\sum_{\\substack{i \\\\ j}} \\end{aligned}", "<mtd"),
    ],
    ids=["group-in-align", "fraction-in-aligned", "substack-keeps-its-rows"],
)
def test_a_row_break_in_a_group_inside_an_environment_is_ignored_as_mathjax_3_shows_it(tex: str, shown: str) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    assert shown in html.split("<annotation")[0]


def test_displaylines_and_eqalign_are_plain_tex_tables() -> None:
    html, problem = formula_html("\\displaylines{ a = b + c \\\\ d = e + f }", True)
    assert problem is None and html.count("<mtr>") == 2 and "text-align" not in html
    html, problem = formula_html("\\eqalign{ a &= b \\cr c &= d }", True)
    assert problem is None and html.count("<mtr>") == 2 and html.count("text-align: right") == 2


def test_mathop_of_text_takes_limits_under_it() -> None:
    html, problem = formula_html("\\tau = \\mathop{\\text{argmin}}\\limits_i g_i", True)
    assert problem is None, problem
    assert "<munder><mrow><mspace/><mi>argmin</mi></mrow><mi>i</mi></munder>" in html


def test_mathop_of_big_operators_takes_limits_under_and_over() -> None:
    html, problem = formula_html("E = \\mathop{\\sum\\sum}\\limits_{i \\neq j}^{n} w_{ij}", True)
    assert problem is None, problem
    assert "<munder><mover>" in html and html.count("∑") == 2
    assert "<msub><mi>w</mi>" in html  # the w's own script stays its own
    assert (
        "<munder><mrow><mspace/><mi>arg\u2009max</mi>"
        in formula_html("\\mathop{\\rm arg\\,max}\\limits_\\theta", True)[0]
    )


def test_a_row_break_in_a_group_of_an_equation_is_left_to_the_converter_as_before() -> None:
    """math-core ignores it there itself (and shows `[10pt]` as written): those bytes do not move."""
    html, problem = formula_html("\\begin{equation} \\underbrace{a \\\\[10pt]}_{b} \\end{equation}", True)
    assert problem is None and "<mn>10</mn><mi>p</mi><mi>t</mi>" in html


def _mathml(tex: str) -> str:
    html, problem = formula_html(tex, False)
    assert problem is None, problem
    return html.split("<annotation")[0].replace("\xa0", " ")  # math-core keeps a text's spaces as no-break ones


def test_plain_tex_matrix_has_no_delimiters_and_takes_cr_as_its_row_end() -> None:
    shown = _mathml("x=\\left\\lgroup \\matrix{x_1 \\cr x_2} \\right\\rgroup")
    assert shown.count("<mtr>") == 2 and "<mo>(</mo>" not in shown
    assert shown.index("<mo>⟮</mo><mtable") < shown.index("<mo>⟯</mo>")
    assert _mathml("\\matrix{a & b \\cr c & d}").count("<mtd>") == 4


def test_plain_tex_pmatrix_is_in_parentheses_and_nests() -> None:
    shown = _mathml("\\pmatrix{{a} & \\frac{1}{2} \\cr \\pmatrix{1 \\cr 2} & d}")
    assert shown.count("<mo>(</mo>") + shown.count('<mo lspace="0.1667em">(</mo>') == 2
    assert shown.count("<mtable") == 2 and "<mfrac>" in shown


def test_plain_tex_cases_has_a_left_brace_and_its_second_column_as_text() -> None:
    """MathJax reads what follows `&` in `\\cases` as text: `$…$` in it is math, a command is
    shown as written, and a column that is one `\\text{…}` is left as it is."""
    shown = _mathml("f(x)=\\cases{1 & x>0 \\cr 0 & x\\le 0}")
    assert "<mo>{</mo>" in shown and "<mtext>x&gt;0</mtext>" in shown and "<mtext>x\\le 0</mtext>" in shown
    shown = _mathml("\\cases{1 & if $x>0$ \\\\ -1 & \\text{otherwise} \\cr 0 & 50\\% {a}}")
    assert "<mtext>if </mtext><mrow><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow>" in shown
    assert "<mtext>otherwise</mtext>" in shown and "<mtext>50\\% {a}</mtext>" in shown


def test_plain_tex_root_and_buildrel_read_their_first_argument_up_to_of_and_over() -> None:
    assert "<mroot><mi>x</mi><mn>3</mn></mroot>" in _mathml("\\root 3 \\of x")
    assert _mathml("\\root n+1 \\of {a+b}").endswith(
        '<mi>n</mi><mo lspace="0" rspace="0">+</mo><mn>1</mn></mrow></mroot></mrow>'
    )
    assert "<mover><mo>=</mo><mrow><mspace/><mi>def</mi></mrow></mover>" in _mathml("x \\buildrel \\rm def \\over = y")
    assert "<mover><mo" in _mathml("\\buildrel{a \\over b}\\over \\to") and "<mfrac>" in _mathml("a \\over b")
    assert formula_html("{\\root 3} \\of x", False)[1] == 'Unknown command "\\root".'  # MathJax refuses it too
