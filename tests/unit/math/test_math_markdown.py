"""Math forms in markdown: bare environments, references in text, and TeX markdown never touches."""

from __future__ import annotations

import pytest

from generator.markdown.render import RenderOptions, render_post


def render(body: str) -> tuple[str, tuple]:  # type: ignore[type-arg]
    rendered = render_post(body, RenderOptions())
    return rendered.html, rendered.warnings


ALIGN = "\\begin{align}\na_1 &= b_1 * c_1 \\\\\n&= |x| < y\n\\end{align}"


@pytest.mark.parametrize(
    "body",
    [
        f"{ALIGN}\n",
        f"前文。\n\n{ALIGN}\n\n后文。\n",
        f"紧跟在段落后：\n{ALIGN}\n后文。\n",
        "- 列表项\n\n  " + ALIGN.replace("\n", "\n  ") + "\n",
        "> 引文\n>\n> " + ALIGN.replace("\n", "\n> ") + "\n",
    ],
    ids=["alone", "between-paragraphs", "inside-a-paragraph", "in-a-list", "in-a-quote"],
)
def test_bare_environment_is_display_math_wherever_it_stands(body: str) -> None:
    html, warnings = render(body)
    assert warnings == ()
    assert html.count('class="math math-display"') == 1
    assert "<mtext>(1)</mtext>" in html and "<mtext>(2)</mtext>" in html
    assert "<em>" not in html and "<strong>" not in html
    assert "\\begin{align}" not in html.split("<annotation")[0]


def test_unknown_bare_environment_is_left_alone() -> None:
    html, _ = render("\\begin{itemize}\n\\item a\n\\end{itemize}\n")
    assert "<math" not in html


def test_environment_without_its_end_stays_text() -> None:
    html, _ = render("\\begin{equation}\nx = 1\n\n正文继续。\n")
    assert "<math" not in html


def test_eqref_in_running_text_links_forwards() -> None:
    html, warnings = render(
        "见式 \\eqref{eq:x} 与 \\ref{eq:x}。\n\n$$\n\\begin{equation} x \\label{eq:x} \\end{equation}\n$$\n"
    )
    assert warnings == ()
    assert '<a class="math-ref" href="#eq-eq:x">(1)</a>' in html and '<a class="math-ref" href="#eq-eq:x">1</a>' in html


@pytest.mark.parametrize(
    ("row", "tex"),
    [
        ("| $\\|x\\|_2$ | 范数 |", "\\|x\\|_2"),
        ("| $p(a|b)$ | 条件概率 |", "p(a|b)"),
        ("| $|x|$ | 绝对值 |", "|x|"),
    ],
)
def test_pipes_inside_math_in_table_cells_stay_tex(row: str, tex: str) -> None:
    html, warnings = render(f"| 公式 | 含义 |\n|---|---|\n{row}\n")
    assert warnings == ()
    assert f'<annotation encoding="application/x-tex">{tex}</annotation>' in html
    assert html.count("<td>") == 2


def test_pipe_protection_leaves_code_and_text_as_written() -> None:
    html, _ = render("| a | b |\n|---|---|\n| `$x|y$` | c |\n\n```\n$a|b$\n```\n")
    assert "$x|y$" in html and "$a|b$" in html


def test_kramdown_inline_double_dollars_on_one_line_are_two_inline_formulas() -> None:
    rendered = render_post("$$n$$ 个专家 $$\\{E_i\\}_{i=1}^n$$ 组成。\n", RenderOptions(dialect="jekyll"))
    assert rendered.warnings == ()
    assert rendered.html.startswith("<p>") and rendered.html.count('class="math math-inline"') == 2


def test_double_dollars_in_a_line_are_two_display_formulas_as_mathjax_shows_them() -> None:
    html, warnings = render("$$n$$ 个专家 $$\\{E_i\\}_{i=1}^n$$ 组成。\n")
    assert warnings == ()
    assert html.startswith("<p>") and html.count('class="math math-display"') == 2


@pytest.mark.parametrize(
    "body",
    [
        "$a_1 * b_2 * c$ 和 $x_1 _y$",
        "- 列表 $\\frac{a*b}{c*d}$ 与 $\\_$\n",
        "$$\na \\\\ b & c <d>\n$$\n",
        "\\[\nx_1 * x_2 * x_3\n\\]\n",
        "\\(a*b*c\\)",
    ],
)
def test_markdown_never_touches_tex(body: str) -> None:
    html, _ = render(body)
    assert "<em>" not in html and "<strong>" not in html and "<br" not in html
    assert "<d>" not in html


def test_a_reference_in_an_excerpt_keeps_its_number_but_not_its_link() -> None:
    body = "由 $\\eqref{eq:a}$ 可知。\n\n<!--more-->\n\n$$\n\\begin{equation} a \\label{eq:a} \\end{equation}\n$$\n"
    rendered = render_post(body, RenderOptions())
    assert '<a class="math-ref" href="#eq-eq:a">(1)</a>' in rendered.html
    assert "(1)" in rendered.excerpt.html and "<a " not in rendered.excerpt.html


def test_blogdown_code_spans_are_math_only_when_asked() -> None:
    body = "文字 `$x_1$` 与 `$$a \\\\ b$$`，代码 `echo $HOME` 和 `$5`。\n"
    plain = render_post(body, RenderOptions()).html
    assert "<math" not in plain and "<code>$x_1$</code>" in plain
    html = render_post(body, RenderOptions(math_code_spans=True)).html
    assert html.count('class="math math-inline"') == 1 and html.count('class="math math-display"') == 1
    assert "<code>echo $HOME</code>" in html and "<code>$5</code>" in html


def test_a_formula_warning_names_the_line_the_formula_starts_on_not_its_paragraph_s_first() -> None:
    """Chinese notes run many lines without a blank one; a paragraph's formulas each have a line."""
    body = (
        "第一行文字。\n第二行 $\\nosuchA$。\n第三行。\n第四行 $$\\nosuchB$$ 中间\n"
        "\\begin{align}\n\\nosuchC\n\\end{align}\n后文 [链接 $\\nosuchD$\n跨行](http://x) 与 $\\nosuchE$。\n\n"
        "- 列表\n  续行 $\\nosuchF$\n\n> 引文\n> 续行 \\(\\nosuchG\\)\n\n"
        "| a | b |\n|---|---|\n| $x$ | $\\nosuchH$ |\n\n第一行。\n价格 $1,200 降到 $ 999。\n"
    )
    warnings = render_post(body, RenderOptions(), first_line=7).warnings
    lines = {message.split(" ")[1] if message.startswith("formula") else "price": line for line, message, _ in warnings}
    assert lines == {
        "$\\nosuchA$": 8,
        "$$\\nosuchB$$": 10,
        "$$\\begin{align}": 11,
        "$\\nosuchD$": 14,
        "$\\nosuchE$": 15,
        "$\\nosuchF$": 18,
        "$\\nosuchG$": 21,
        "$\\nosuchH$": 25,
        "price": 28,
    }


# A display formula in backticks started under a line of text (blogdown, Hugo): goldmark reads the
# lines from `$$ to $$` as one code span, in a list item's lazy lines too.
WRAPPED_IN_BACKTICKS = (
    "1. 状态转移矩阵：\n  `$$\n  A = \\left[a_{ij}\\right]_{N \\times N}\n  $$`\n  表示 `$t$` 时刻的状态。\n\n"
    "替换为：\n`$$\nq = 1 - \\epsilon\n$$`\n其中 `$u$` 是一个固定的分布。\n"
)


@pytest.mark.parametrize("dialect", ["ours", "hexo", "hugo", "jekyll"])
def test_a_display_formula_in_backticks_under_text_keeps_the_text_after_it(dialect: str) -> None:
    as_math = render_post(WRAPPED_IN_BACKTICKS, RenderOptions(dialect=dialect, math_code_spans=True))
    assert as_math.warnings == ()
    assert as_math.html.count('class="math math-display"') == 2 and as_math.html.count('class="math math-inline"') == 2
    assert "时刻的状态。</li>" in as_math.html and "是一个固定的分布。</p>" in as_math.html
    as_code = render_post(WRAPPED_IN_BACKTICKS, RenderOptions(dialect=dialect))
    assert as_code.warnings == () and "<math" not in as_code.html
    assert "<code>$$ q = 1 - \\epsilon $$</code>\n其中 <code>$u$</code>" in as_code.html


@pytest.mark.parametrize("dialect", ["ours", "hexo", "hugo"])
def test_double_dollars_shown_in_inline_code_leave_the_formula_below_alone(dialect: str) -> None:
    rendered = render_post("用 `$$` 包围公式：\n$$\nx = 1\n$$\n后文。\n", RenderOptions(dialect=dialect))
    html = rendered.html
    assert rendered.warnings == ()
    assert '包围公式：</p>\n<div class="math math-display">' in html and "<p>后文。</p>" in html


def test_a_double_dollar_left_open_does_not_run_into_a_formula_in_backticks() -> None:
    body = "$$\nx = 1\n\n替换为：\n`$$\nq = 1\n$$`\n其中 `$u$` 是。\n"
    rendered = render_post(body, RenderOptions(math_code_spans=True), first_line=5)
    assert [(line, message.split(":")[0]) for line, message, _ in rendered.warnings] == [(5, "TeX is shown as text")]
    assert '<p>替换为：\n<span class="math math-display">' in rendered.html and "其中 <span" in rendered.html


@pytest.mark.parametrize("dialect", ["ours", "hexo", "hugo", "jekyll"])
@pytest.mark.parametrize(
    "body",
    [
        "协方差矩阵为：\n\\begin{pmatrix}\n a & \\rho \\\\\n \\rho & b\n\\end{pmatrix}\n",
        "The mean is \\begin{bmatrix} a \\\\ b \\end{bmatrix} here.\n",
        "\\begin{cases}\n a & x > 0 \\\\\n b & \\text{otherwise}\n\\end{cases}\n",
        "- 列表\n\n  \\begin{aligned}\n  a &= 1 \\\\\n  b &= 2\n  \\end{aligned}\n",
        "> \\begin{array}{cc}\n> a & 1 \\\\\n> b & 2\n> \\end{array}\n",
        "\\begin{Vmatrix} a & 1 \\\\ b & 2 \\end{Vmatrix}\n",
    ],
    ids=["under-text", "in-a-sentence", "alone", "in-a-list", "in-a-quote", "one-line"],
)
def test_an_environment_made_for_inside_math_written_bare_is_display_math(body: str, dialect: str) -> None:
    """MathJax's processEnvironments typesets any environment it knows found in the text (Jupyter
    cells write matrices so); Markdown must not make the row break `\\\\` a `\\`."""
    rendered = render_post(body, RenderOptions(dialect=dialect))
    assert rendered.warnings == ()
    assert rendered.html.count('class="math math-display"') == 1
    tex = rendered.html.split('encoding="application/x-tex">')[1].split("</annotation>")[0]
    assert tex.count("\\\\") == 1 and "&amp; b" not in rendered.html.split("<math")[0]
