"""A post's macro preamble read as MathJax reads it: each definition on its own, the last one
holding, \\require dropped, \\definecolor names for \\color; one warning per definition left out."""

from __future__ import annotations

from generator.markdown.render import RenderOptions, render_post
from generator.math.formulas import convert_formulas
from generator.math.preamble import split_definitions, with_optional_arguments

PREAMBLE = "\n".join(
    [
        "\\require{mathtools}",
        "\\definecolor{cvred}{RGB}{230, 29, 0}",
        "\\definecolor{soft}{gray}{0.5}",
        "\\definecolor{leaf}{HTML}{00aa44}",
        "\\definecolor{sky}{rgb}{0.2, 0.4, 1}",
        "\\DeclareMathOperator{\\argmax}{arg\\,max}",
        "\\DeclareMathOperator*{\\argmax}{arg\\,max}",
        "\\DeclareMathOperator{\\opKale}{D_\\mathrm{KL}}",
        "\\newcommand{\\Kale}[2]{\\opKale(#1 \\MidSymbol[\\Vert] #2)}",
        "\\newcommand{\\MidSymbol}[1][]{\\:#1\\:}",
        "\\newcommand{\\given}{\\MidSymbol[\\vert]}",
        "\\newcommand{\\broken}{\\nosuchcommand}",
        "\\def\\RR{\\mathbb{R}}",
        "\\def\\mbw{\\textcolor{cvred}{\\boldsymbol w}}",
    ]
)


def test_one_bad_line_of_a_preamble_loses_only_itself() -> None:
    results = convert_formulas(
        [
            (PREAMBLE, True),
            ("p(a \\given b) + \\Kale{q}{p}", False),
            ("\\argmax_x f(x), x \\in \\RR", True),
            ("{\\color{cvred} x} + \\textcolor{soft}{y} + \\color{leaf} z + \\color{sky} w", False),
            ("\\mbw^\\top x", False),
            ("\\broken + 1", False),
        ]
    )
    assert [result.problem for result in results[:5]] == [None] * 5
    assert results[0].told == ('macro \\broken is left out: Unknown command "\\nosuchcommand".',)
    assert results[5].problem is not None and results[5].quiet
    assert "𝔼" not in results[2].html and "ℝ" in results[2].html and "<munder>" in results[2].html
    assert '<mi mathvariant="normal">D</mi>' in results[1].html and "<mi>KL</mi>" in results[1].html
    assert 'rspace="0">|</mo><mspace width="0.22222222em"/><mi>b' in results[1].html and "‖" in results[1].html
    colours = results[3].html
    assert all(value in colours for value in ("#E61D00", "#808080", "#00AA44", "#3366FF"))
    assert "#E61D00" in results[4].html


def test_a_colour_model_mathjax_cannot_read_is_told_once() -> None:
    results = convert_formulas(
        [("\\definecolor{ink}{cmyk}{0,1,1,0}", True), ("\\color{ink} x", False), ("\\color{ink} y", False)]
    )
    assert len(results[0].told) == 1 and "ink" in results[0].told[0] and "cmyk" in results[0].told[0]
    assert all(result.problem and result.quiet for result in results[1:])


def test_a_hidden_preamble_in_raw_html_holds_for_the_formulas_before_and_after_it_in_markdown() -> None:
    body = (
        '<div style="display: none">\n$$\n\\require{mathtools}\n\\def\\RR{\\mathbb{R}}\n'
        "\\newcommand{\\xs}{(x_n)}\n\\newcommand{\\xs}{\\{x_n\\}}\n\\definecolor{cvred}{RGB}{230, 29, 0}\n$$\n</div>\n\n"
        "正文 $x \\in \\RR$，$\\xs$，${\\color{cvred} y}$。\n"
    )
    rendered = render_post(body, RenderOptions())
    assert rendered.warnings == ()
    assert "ℝ" in rendered.html and "#E61D00" in rendered.html and "{" in rendered.html


def test_a_left_out_definition_is_one_warning_not_one_per_formula() -> None:
    body = "$$\n\\newcommand{\\A}{\\B}\n$$\n\n$x \\A$ 和 $y \\A$。\n"
    warnings = render_post(body, RenderOptions()).warnings
    assert len(warnings) == 1 and "\\A" in str(warnings[0]) and "\\B" in str(warnings[0])


def test_definitions_are_found_with_optional_arguments_and_colours() -> None:
    rest, definitions, colours = split_definitions(
        "\\require{mathtools} \\newcommand{\\M}[1][]{\\:#1\\:} \\definecolor{c}{RGB}{1,2,3} x"
    )
    assert rest.split() == ["x"]
    assert [(d.name, d.arity, d.optional) for d in definitions] == [("M", 1, "")]
    assert [(c.name, c.value) for c in colours] == [("c", "010203")]


def test_an_optional_argument_becomes_a_plain_one() -> None:
    assert with_optional_arguments("\\M[\\vert] a \\M b \\Mx", {"M": "."}) == "\\M{\\vert} a \\M{.} b \\Mx"
    assert with_optional_arguments("\\M [{]}] c", {"M": ""}) == "\\M{{]}} c"
