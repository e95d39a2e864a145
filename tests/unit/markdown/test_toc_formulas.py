"""The table of contents shows a heading's formula typeset, as the heading does, never its TeX."""

from __future__ import annotations

from generator.markdown.render import RenderOptions, render_post


def test_a_heading_with_a_formula_keeps_its_mathml_for_the_contents() -> None:
    result = render_post("## 策略损失 $L^{\\text{CLIP}}$ 与 `clip` <项>\n\n正文。\n", RenderOptions())
    (heading,) = result.toc
    assert heading.text == "策略损失 L^{\\text{CLIP}} 与 clip <项>"  # the search index's heading field
    assert heading.html.startswith('策略损失 <span class="math math-inline"><math>')
    assert "<msup><mi>L</mi><mtext>CLIP</mtext></msup>" in heading.html
    assert heading.html.endswith(" 与 <code>clip</code> &lt;项&gt;")


def test_a_heading_without_a_formula_is_shown_as_its_text() -> None:
    (heading,) = render_post("## 方法与 <实验>\n", RenderOptions()).toc
    assert heading.html == "" and heading.text == "方法与 <实验>"


def test_closing_punctuation_after_a_formula_stays_on_its_line() -> None:
    """Chromium broke the line between a formula and the 。 after it: a phone showed 。 alone."""
    html = render_post("乘积 $W=BA$，其中 $r$。而 $x$ 与 $y$ 无关\n", RenderOptions()).html
    assert html.count('<span class="math-glue">') == 2
    assert "</math></span>，</span>其中" in html and "</math></span>。</span>而" in html
    assert '<span class="math math-inline"><math><semantics><mrow><mi>x</mi>' in html  # no glue before a space


def test_the_punctuation_glued_to_a_formula_in_a_footnote_shows_in_both_copies() -> None:
    """A footnote is rendered twice, in the margin and in the list: the 。 must be in each."""
    html = render_post("正文[^1]。\n\n[^1]: 公式 $x$。后面\n", RenderOptions()).html
    assert html.count("</math></span>。</span>后面") == 2
