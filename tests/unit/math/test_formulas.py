"""TeX to MathML: conversions, per-post numbering and macros, and failures reported instead of published wrong."""

from __future__ import annotations

import pickle
import re

import pytest

from generator.math import formulas
from generator.math.formulas import FormulaError, convert_formulas, formula_html, normalise_macros, to_mathml


def test_inline_and_display() -> None:
    assert to_mathml("x^2", False).startswith("<math>")
    assert to_mathml("x^2", True).startswith('<math display="block">')


def test_html_wrappers_carry_the_tex_as_annotation() -> None:
    inline, problem = formula_html("a<b", False)
    assert problem is None
    assert inline.startswith('<span class="math math-inline"><math>')
    assert inline.endswith("</math></span>")
    assert '<annotation encoding="application/x-tex">a&lt;b</annotation>' in inline
    display, problem = formula_html("a+b", True)
    assert problem is None
    assert display.startswith('<div class="math math-display"><math display="block"><semantics>')


@pytest.mark.parametrize(
    ("tex", "fragment"),
    [
        ("\\frac{\\alpha}{r}", "<mfrac>"),
        ("\\sqrt{d_k}", "<msqrt>"),
        ("\\sum_{i=1}^{n} x_i", "∑"),
        ("\\mathbb{R}^{d}", "ℝ"),
        ("\\R^d", "ℝ"),
        ("\\bm{x}", "<mi>𝒙</mi>"),
        ("\\arg\\max_x f(x)", "arg"),
    ],
)
def test_common_ml_formulas_convert(tex: str, fragment: str) -> None:
    html, problem = formula_html(tex, False)
    assert problem is None, problem
    assert fragment in html
    assert "\\" not in html.split("<annotation")[0]


# The cases latex2mathml published silently wrong; each asserted right here.
def test_operatorname_star_puts_limits_under_one_operator_name() -> None:
    mathml = to_mathml("\\operatorname*{arg\\,max}_{\\theta} L", True)
    assert re.search(r"<munder><mrow><mspace/><mi>arg\u2009max</mi></mrow><mi>θ</mi></munder>", mathml), mathml
    assert "*" not in mathml.split("<annotation")[0]


def test_xrightarrow_puts_its_label_over_a_long_arrow() -> None:
    mathml = to_mathml("A \\xrightarrow{f} B", True)
    assert re.search(r"<mover><mo[^>]*>→</mo><mover><mrow><mspace[^>]*/><mi>f</mi>", mathml), mathml


def test_boxed_and_cancel_keep_box_and_stroke() -> None:
    assert '<menclose notation="box"><mi>x</mi>' in to_mathml("\\boxed{x}", True)
    assert 'notation="updiagonalstrike"' in to_mathml("\\cancel{x}", True)


def test_bare_tag_in_display_math_sits_in_its_own_column() -> None:
    mathml = to_mathml("E = mc^2 \\tag{1}", True)
    assert re.search(r'<mtd style="width: 50%;text-align: right;[^"]*"><mtext>\(1\)</mtext></mtd>', mathml), mathml
    assert "<mi>E</mi><mo>=</mo>" in mathml


def test_widetilde_and_widehat_keep_their_own_accents_even_nested() -> None:
    mathml = to_mathml("\\widehat{\\widetilde{x}} + \\widetilde{y}", True)
    presentation = mathml.split("<annotation")[0]
    assert presentation.count('<mo stretchy="true">\u0303</mo>') == 2
    assert presentation.count('<mo stretchy="true">\u0302</mo>') == 1
    outer = presentation.index("<mover")
    assert presentation.rstrip().find('<mo stretchy="true">\u0302</mo></mover><mo>+</mo>') > outer


def test_substack_split_and_top_level_line_breaks() -> None:
    assert "<mtable" in to_mathml("\\sum_{\\substack{i<j\\\\ i \\ne k}} a_{ij}", True)
    assert "<mtable" in to_mathml("\\begin{equation}\\begin{split} a &= b \\\\ &= c \\end{split}\\end{equation}", True)
    two_lines = to_mathml("a = b \\\\ c = d", True)
    assert two_lines.count("<mtr>") == 2


@pytest.mark.parametrize(
    "tex", ["\\notacommand{x}", "x^{", "\\left( x", "\\frac{a}", "\\begin{nosuchenv}x\\end{nosuchenv}"]
)
def test_unconvertible_tex_raises(tex: str) -> None:
    with pytest.raises(FormulaError):
        to_mathml(tex, False)


def test_unknown_command_is_named() -> None:
    with pytest.raises(FormulaError, match=r"\\notacommand"):
        to_mathml("a + \\notacommand", False)


@pytest.mark.parametrize("display", [False, True])
def test_failure_shows_escaped_source_and_is_marked(display: bool) -> None:
    html, problem = formula_html("\\nope{a<b}", display)
    assert problem is not None
    assert "math-error" in html
    assert "\\nope{a&lt;b}" in html
    assert "<math" not in html
    assert html.startswith("<pre" if display else "<code")


def test_numbers_and_references_span_the_post_forwards_and_backwards() -> None:
    results = convert_formulas(
        [
            ("\\eqref{eq:loss}", False),
            ("\\begin{equation} L = -\\log p \\label{eq:loss} \\end{equation}", True),
            ("\\begin{align} a &= b \\\\ c &= d \\label{eq:cd} \\end{align}", True),
            ("\\ref{eq:cd}", False),
        ]
    )
    assert [r.problem for r in results] == [None] * 4
    assert '<a class="math-ref" href="#eq-eq:loss">(1)</a>' in results[0].html
    assert 'id="eq-eq:loss"' in results[1].html
    assert "(2)" in results[2].html and "(3)" in results[2].html
    assert '<a class="math-ref" href="#eq-eq:cd">3</a>' in results[3].html


def test_unknown_and_duplicate_labels_are_noted() -> None:
    results = convert_formulas(
        [
            ("\\begin{equation} a \\label{x} \\end{equation}", True),
            ("\\begin{equation} b \\label{x} \\end{equation}", True),
            ("\\eqref{missing}", False),
        ]
    )
    assert any("more than one" in note for note in results[1].notes)
    assert results[2].notes == ("unknown label 'missing' in a reference",)


def test_chinese_labels_work() -> None:
    results = convert_formulas(
        [("\\begin{equation} a \\label{注意力} \\end{equation}", True), ("\\eqref{注意力}", False)]
    )
    assert results[0].problem is None and results[1].problem is None
    ident = re.search(r'id="([^"]+)"', results[0].html).group(1)  # type: ignore[union-attr]
    assert f'href="#{ident}">(1)</a>' in results[1].html


def test_newcommand_holds_for_the_rest_of_the_post_and_renewcommand_changes_it() -> None:
    results = convert_formulas(
        [
            ("\\newcommand{\\vx}{\\mathbf{x}} \\vx", False),
            ("\\def\\norm#1{\\left\\lVert #1 \\right\\rVert} \\norm{\\vx}", True),
            ("\\renewcommand{\\vx}{\\mathbf{y}} \\vx", False),
            ("\\vx + \\norm{a}", False),
            ("\\DeclareMathOperator*{\\argmin}{arg\\,min} \\argmin_x f", True),
        ]
    )
    assert [r.problem for r in results] == [None] * 5
    assert "<mi>𝐱</mi>" in results[0].html
    assert "<mi>𝐱</mi>" in results[1].html and "‖" in results[1].html
    assert "<mi>𝐲</mi>" in results[2].html
    assert "<mi>𝐲</mi>" in results[3].html and "‖" in results[3].html
    assert "<munder>" in results[4].html


def test_site_macros_accept_mathjax_spelling() -> None:
    macros = normalise_macros({"E": "\\mathop{\\mathbb{E}}", "\\vect": ["\\boldsymbol{#1}", 1]})
    assert macros == (("E", "\\mathop{\\mathbb{E}}"), ("vect", "\\boldsymbol{#1}"))
    html, problem = formula_html("\\E_{x}[\\vect{v}]", True, macros)
    assert problem is None, problem
    assert "𝔼" in html and "<mi>𝒗</mi>" in html


def test_a_redefinition_does_not_reach_back_to_earlier_formulas() -> None:
    results = convert_formulas(
        [("\\vec{v}", False), ("\\renewcommand{\\vec}[1]{\\boldsymbol{#1}} \\vec{v}", False), ("\\vec{w}", False)]
    )
    assert "⃗" in results[0].html
    assert "<mi>𝒗</mi>" in results[1].html
    assert "<mi>𝒘</mi>" in results[2].html


def test_tags_in_chinese_and_references_to_them() -> None:
    results = convert_formulas([("a = b \\tag{勾股} \\label{g}", True), ("\\eqref{g}", False)])
    assert results[0].problem is None and "<mtext>(勾股)</mtext>" in results[0].html
    assert ">(勾股)</a>" in results[1].html


def test_eqnarray_rows_become_align_rows() -> None:
    mathml = to_mathml("\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}", True)
    assert "<mtext>(1)</mtext>" in mathml and "<mtext>(2)</mtext>" in mathml


# --- MathJax's looser spellings, from real blogs (our own minimal examples) ----------------------


@pytest.mark.parametrize(
    "tex",
    [
        r"\left<\beta|\alpha\right> = \left< n(f)n(f')\right>",  # bra-kets written with < >
        r"\bigl< x \bigr>",
        r"\left<a|A|a\right> + \left<A\right>",  # a letter right after the bracket
        r"v_{t+1}=\alpha*v_t-\eta*G_{t+1}",  # \alpha then *, not a starred \alpha*
        r"\left\{ \begin{array}{@{}ll@{}} M & a \\ b & c \end{array}\right.",
        r"\begin{array}{p{2cm}|c} a & b \end{array}",
        r"\begin{array}{} a & b \\ c & d \end{array}",
        r"\begin{array} a & b \\ c & d \end{array}",
        r"\bordermatrix{ & a & b \cr x & 1 & 2 \cr y & 3 & 4}",
        r"\det(L^⊤) = \det(L)^2, A \cap B = ∅",  # typed symbols MathJax takes as they are
        r"{\color{red!80}\bullet} \textcolor{blue!50!black}{x}",  # xcolor tints
        r"w \thicksim \mathcal{N}(0, 1), a \thickapprox b",
    ],
)
def test_spellings_mathjax_reads_convert(tex: str) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    assert "<math" in html


def test_angle_brackets_become_angle_delimiters() -> None:
    html, _ = formula_html(r"\left<\psi\right>", False)
    assert "\u27e8" in html and "\u27e9" in html


def test_a_starred_operatorname_keeps_its_star() -> None:
    html, problem = formula_html(r"\operatorname*{arg\,max}_x f", True)
    assert problem is None and "*" not in html.split("<annotation")[0]


def test_an_array_with_no_spec_gets_one_column_per_cell() -> None:
    html, _ = formula_html(r"\begin{array} a & b & c \\ d & e & f \end{array}", True)
    assert html.split("<annotation")[0].count("<mtd") == 6


def test_one_tag_in_a_display_aligned_numbers_the_formula_as_katex_does() -> None:
    html, problem = formula_html("\\begin{aligned}\nf & = b \\\\\n& = c \\\\ \\tag{5}\n\\end{aligned}", True)
    assert problem is None and "(5)" in html


def test_tags_on_several_aligned_rows_number_each_row() -> None:
    html, problem = formula_html("\\begin{aligned} a &= b \\tag{1} \\\\ c &= d \\tag{2} \\end{aligned}", True)
    assert problem is None and "(1)" in html and "(2)" in html


def test_a_primed_tag_is_shown_as_written() -> None:
    html, problem = formula_html("x \\le y \\qquad\\mathrm{when}\\qquad X_L<y \\tag{2'}", True)
    assert problem is None and ("(2')" in html or "(2&#x27;)" in html)


# A \tag after a whole unnumbered environment: MathJax numbers the display and shows the rows.
@pytest.mark.parametrize(
    ("tex", "rows"),
    [
        ("\\begin{align*} a &= b \\\\ c &= d \\end{align*} \\tag{3}", 2),
        ("\\begin{align\\*}\na &= b \\\\\nc &= d\n\\end{align\\*}\n\\tag{3}", 2),  # the star escaped for marked
        ("\\begin{gather*} a = b \\\\ c = d \\end{gather*} \\tag{3}", 2),
        ("\\begin{multline*} a + b \\\\ = c \\end{multline*} \\tag{3}", 2),
        ("\\begin{alignat*}{2} a &= b & c &= d \\end{alignat*} \\tag{3}", 1),
        ("\\begin{equation*} a = b \\end{equation*} \\tag{3}", 0),
        ("\\begin{array}{cc} a & b \\\\ c & d \\end{array} \\tag{3}", 2),
        ("f = \\begin{cases} a & x > 0 \\\\ b & x \\le 0 \\end{cases} \\tag{3}", 2),
    ],
    ids=["align*", "align-escaped-star", "gather*", "multline*", "alignat*", "equation*", "array", "cases"],
)
def test_a_tag_after_an_unnumbered_environment_numbers_the_whole_display(tex: str, rows: int) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    presentation = html.split("<annotation")[0]
    assert presentation.count("<mtext>(3)</mtext>") == 1
    assert presentation.count("<mtr>") == 1 + rows  # the numbered line, and the rows inside it


def test_a_label_after_an_unnumbered_environment_numbers_the_display() -> None:
    results = convert_formulas([("\\begin{align*} a &= b \\\\ c &= d \\end{align*} \\label{eq:ab}", True)])
    assert results[0].problem is None and "<mtext>(1)</mtext>" in results[0].html


def test_a_tag_after_a_numbered_environment_whose_rows_are_numbered_too_is_still_refused() -> None:
    """A row of the `align` tagged or labelled itself: MathJax shows two numbers; not guessed."""
    for row in ("\\tag{5}", "\\label{eq:ab}"):
        _, problem = formula_html(f"\\begin{{align}} a &= b {row} \\\\ c &= d \\end{{align}} \\tag{{3}}", True)
        assert problem is not None


# A lone `\` ending a line is TeX's control space (MathJax shows a space); `\\` is a row break.
@pytest.mark.parametrize(
    ("tex", "rows"),
    [
        ("\ny = x + 1 \\\n", 0),
        ("a = b \\\nc = d", 0),
        ("a = b \\\r\nc = d", 0),
        ("a = b \\\\\\\nc = d", 2),  # a row break, then a control space
    ],
    ids=["before-closing", "mid-formula", "crlf", "row-break-then-space"],
)
def test_a_lone_backslash_ending_a_line_is_a_space(tex: str, rows: int) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    presentation = html.split("<annotation")[0]
    assert presentation.count("<mtr>") == rows and "<mtext>\u00a0</mtext>" in presentation


@pytest.mark.parametrize(("tex", "rows"), [("a = b \\\\\nc = d", 2), ("a = b \\\\\\\\\nc = d", 3)], ids=["two", "four"])
def test_an_even_run_of_backslashes_ending_a_line_stays_row_breaks(tex: str, rows: int) -> None:
    html, problem = formula_html(tex, True)
    assert problem is None, problem
    presentation = html.split("<annotation")[0]
    assert presentation.count("<mtr>") == rows and "<mtext>\u00a0</mtext>" not in presentation


def test_a_macro_whose_body_is_unknown_fails_only_the_formulas_that_use_it() -> None:
    results = convert_formulas(
        [("\\newcommand{\\A}{\\B}", True), ("x \\A", False), ("\\newcommand{\\C}{c} \\C + 1", False)]
    )
    assert results[1].problem is not None and results[1].quiet  # told once, at the definition:
    assert results[0].told == ('macro \\A is left out: Unknown command "\\B".',)
    assert results[0].problem is None and results[2].problem is None


def test_a_bad_site_macro_loses_only_itself() -> None:
    macros = normalise_macros({"A": "\\B", "E": "\\mathbb{E}"})
    html, problem = formula_html("\\E[x]", True, macros)
    assert problem is None and "𝔼" in html
    assert "\\B" in (formula_html("\\A", True, macros)[1] or "")


def test_an_optional_argument_macro_used_by_another_macro_does_not_crash() -> None:
    results = convert_formulas(
        [
            ("\\newcommand{\\MidSymbol}[1][]{\\:#1\\:} \\newcommand{\\given}{\\MidSymbol[\\vert]}", True),
            ("p(a \\given b)", False),
        ]
    )
    assert len(results) == 2


class PanicException(BaseException):  # named as pyo3 names a Rust panic
    pass


class _Panicking:
    def convert_all(self, snippets: list[tuple[str, bool]]) -> list[str]:
        raise PanicException("index out of bounds")

    def convert_with_local_state(self, latex: str, *, displaystyle: bool) -> str:
        raise PanicException("index out of bounds")


def test_any_converter_failure_is_the_formulas_problem_and_travels_between_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(formulas, "_converter", lambda macros: (_Panicking(), ()))
    results = convert_formulas([("x_{9}", False), ("y_{9}", True)])
    assert all(result.problem and "index out of bounds" in result.problem for result in results)
    assert pickle.loads(pickle.dumps(results)) == results
