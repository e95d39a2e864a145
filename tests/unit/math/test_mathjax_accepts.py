"""TeX that MathJax 3/4 typesets and real blogs wrote, which the build once refused: each is
converted as MathJax shows it (checked against MathJax's own output), and what MathJax refuses
is still refused."""

from __future__ import annotations

from generator.math.formulas import convert_formulas, formula_html


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
