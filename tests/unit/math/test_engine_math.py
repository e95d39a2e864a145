"""Posts read by the math rules of the engine they were written for (issue 23, items 3-6 and 8).

Fixtures are ours, written the way Hexo, Jekyll and Hugo bloggers write (modelled on public
blogs read while working on the issue; no text copied).
"""

from __future__ import annotations

import re

import pytest

from generator.markdown.render import RenderOptions, render_post
from generator.math.engines import reads_as_text, unescape_marked, written_for_marked
from generator.math.tex_rewrite import rewrite


def render(body: str, dialect: str = "ours") -> tuple[str, tuple]:  # type: ignore[type-arg]
    rendered = render_post(body, RenderOptions(dialect=dialect))
    return rendered.html, rendered.warnings


def shown_text(html: str) -> str:
    """What a reader sees outside formulas: tags and <math> elements removed."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<math.*?</math>", "", html, flags=re.DOTALL))


# --- `$$` under a line of text, in a list item ----------------------------------------

UNDER_TEXT = "由贝尔曼方程可得\n$$\nV(s) = \\max_a Q(s, a) \\tag{1}\n$$\n于是价值迭代收敛。\n"
IN_LIST = "- 第一步，写出目标：\n  $$\n  J(\\theta) = \\mathbb{E}[R]\n  $$\n- 第二步\n"


@pytest.mark.parametrize("dialect", ["ours", "hexo", "hugo"])
def test_dollars_under_text_are_display_math(dialect: str) -> None:
    html, warnings = render(UNDER_TEXT, dialect)
    assert warnings == ()
    assert html.startswith("<p>由贝尔曼方程可得</p>")
    assert '<div class="math math-display">' in html and "于是价值迭代收敛。" in html
    list_html, list_warnings = render(IN_LIST, dialect)
    assert list_warnings == () and '<div class="math math-display">' in list_html


def test_dollars_under_text_are_inline_under_kramdown() -> None:
    html, _ = render(IN_LIST, "jekyll")
    assert 'class="math math-inline"' in html and "math-display" not in html


# --- what marked did ------------------------------------------------------------------

MARKED = (
    "损失函数 $L = \\sum\\_{i} y\\_i \\log \\hat{y}\\_i$，其中 $x\\^2$ 与 $a \\* b$。\n\n"
    "$$\n\\begin{aligned}\nf(x) &= \\left\\\\{ x \\right. \\\\\\\\\n&= \\[a, b\\] \\< c\n\\end{aligned}\n$$\n\n"
    "\\begin{align\\*}\nx &= 1 \\\\\\\\\ny &= 2\n\\end{align\\*}\n"
)


def test_marked_escapes_are_read_as_marked_read_them() -> None:
    html, warnings = render(MARKED, "hexo")
    assert warnings == ()
    assert "math-error" not in html and html.count("<math") == 5
    assert 'encoding="application/x-tex">L = \\sum_{i} y_i' in html
    assert "\\begin" not in shown_text(html) and "align" not in shown_text(html)


def test_escapes_stay_as_written_outside_hexo() -> None:
    html, warnings = render("$a \\\\\\\\ b$ 与 $\\text{file\\_name}$\n", "hexo")
    assert warnings == () and "a \\\\ b" in html  # the post carries marked's escapes: one level less
    plain, _ = render("$\\text{file\\_name}$ 与 $\\#$\n", "hexo")
    assert "file\\_name" in plain  # no marked escape in the post: TeX as written


GOLDMARK = (
    "$$\ng\\_1(\\mathbf{x}\\_z) \\rightarrow \\\\{b\\_1^p\\\\}\\_{p \\in P}\n$$\n\n"
    "$$\nE\\_{I}=\\left\\\\|\\mathbf{I}\\right\\\\|\\_{2}^{2} + \\frac{\\\\# \\text{ relevant}}{n} + v^{\\*}\n$$\n"
)


def test_a_hugo_post_escaped_for_goldmark_without_passthrough_is_read_as_goldmark_read_it() -> None:
    html, warnings = render(GOLDMARK, "hugo")
    assert warnings == ()
    assert "math-error" not in html and html.count("<math") == 2
    assert 'encoding="application/x-tex">g_1(\\mathbf{x}_z) \\rightarrow \\{b_1^p\\}_{p' in html
    assert "\\left\\|" in html and "\\# \\text" in html and "v^{*}" in html


def test_a_hugo_post_without_goldmark_escapes_keeps_its_tex() -> None:
    html, warnings = render("$$\n\\text{file\\_name} + \\{a\\} + \\#\n$$\n", "hugo")
    assert warnings == () and "file\\_name" in html and "\\{a\\}" in html


def test_unescape_marked_removes_one_markdown_escape_level() -> None:
    assert unescape_marked("a\\_1 \\\\\\\\ \\left\\\\{ \\alpha") == "a_1 \\\\ \\left\\{ \\alpha"
    assert written_for_marked(["x\\^2"]) and not written_for_marked(["\\text{a\\_b} \\#"])


# --- kramdown's and MathJax's other delimiters ----------------------------------------


@pytest.mark.parametrize("dialect", ["ours", "hexo", "hugo", "jekyll"])
def test_double_backslash_delimiters_and_spaced_dollars(dialect: str) -> None:
    html, warnings = render("行内 \\\\(x^2\\\\)，行间 \\\\[\\int_0^1 f\\\\]，还有 $ a + b $ 三种。\n", dialect)
    assert warnings == ()
    assert html.count('class="math math-inline"') == 2 and html.count('class="math math-display"') == 1
    assert "\\(" not in shown_text(html) and "$" not in shown_text(html)


def test_spaced_dollars_find_their_closing_outside_braces() -> None:
    html, warnings = render("设 $ \\text{if $x$ then} y $ 成立。\n")
    assert warnings == () and html.count("<math") == 1


# --- constructs MathJax and KaTeX accept ----------------------------------------------


@pytest.mark.parametrize(
    ("tex", "expected"),
    [
        ("\\mathop{\\rm arg\\,max}\\limits_\\theta f", "\\operatorname*{arg\\,max}_\\theta f"),
        ("\\LaTeX 与 \\TeX", "\\text{LaTeX} 与 \\text{TeX}"),
        ("\\left\\\\{ x \\right.", "\\left\\{ x \\right."),
        ("\\begin{align\\*} a \\end{align\\*}", "\\begin{align*} a \\end{align*}"),
    ],
)
def test_rewrites(tex: str, expected: str) -> None:
    assert rewrite(tex, True)[0] == expected


@pytest.mark.parametrize(
    "tex",
    [
        "\\mathop{\\rm arg\\,max}\\limits_\\theta f(\\theta)",
        "\\text{排版用 } \\LaTeX",
        "\\left\\\\{ \\begin{array}{l} a \\\\[10pt] b \\end{array} \\right.",
        "{\\rm d}x + {\\bf v} + {\\it y}",
    ],
)
def test_mathjax_constructs_convert(tex: str) -> None:
    html, warnings = render(f"$$\n{tex}\n$$\n")
    assert warnings == () and "math-error" not in html and "10pt" not in shown_text(html)


# --- dollar signs that are not math ---------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "在终端输入 ~$ ls -la 然后看 $HOME 目录。\n",
        "把路径加上：export PATH=${PATH:+:$PATH} 即可。\n",
        "显卡从 $1,200 降到 $ 999 了。\n",
    ],
    ids=["prompt", "parameter-expansion", "prices"],
)
def test_dollars_in_prose_stay_text_with_a_warning(body: str) -> None:
    html, warnings = render(body)
    assert "<math" not in html and "math-error" not in html
    assert html == f"<p>{body.strip()}</p>\n"
    assert len(warnings) == 1 and "kept as text" in warnings[0][1] and warnings[0][0] == 1


def test_a_broken_formula_in_a_sentence_is_still_a_marked_warning() -> None:
    html, warnings = render("公式 $\\frac{a}$ 有误。\n")
    assert "math-error" in html and "cannot be converted" in warnings[0][1]


def test_reads_as_text_needs_an_unmistakable_sign_when_the_span_converts() -> None:
    assert reads_as_text("输入 ~", " ls ", " 查看", True) == "shell"
    assert reads_as_text("", "{PATH}", "", True) == "shell"
    assert reads_as_text("设 ", "x", " 为", True) is None
    assert reads_as_text("价格 ", "5 到 ", "10", False) == "price"


# --- formulas MathJax found elsewhere, and TeX nobody took ------------------------------


def test_formulas_in_raw_html_are_typeset_as_mathjax_typeset_them() -> None:
    body = (
        "<table>\n<tr><td>样本 $\\mathbf{x}_0$ 服从 $q(\\mathbf{x})$，售价 $5</td>"
        "<td><code>$a$</code></td></tr>\n<tr><td>$$\\sum_i x_i$$</td></tr>\n</table>\n\n正文 $y$\n"
    )
    html, warnings = render(body)
    assert warnings == ()
    assert html.count("<math") == 4 and "<code>$a$</code>" in html and "售价 $5" in html
    assert "\\mathbf" not in shown_text(html)


def test_a_less_than_sign_in_a_formula_in_raw_html_starts_no_tag() -> None:
    """Browsers show `<` before a space or a digit as text, so MathJax typeset `$a < b$` in a
    table cell; read as the start of a tag it hid the formula, published as TeX with no warning."""
    body = (
        "<table>\n<tr><td>$a < b$</td><td>\\( y = \\begin{cases} 1 & x < 0 \\\\ 0 & x \\ge 0 \\end{cases} \\)</td>"
        "<td>$x<0$</td></tr>\n</table>\n\n<div>$$ p(x) < 1 $$</div>\n"
    )
    html, warnings = render(body)
    assert warnings == (), warnings
    assert html.count("<math") == 4 and "\\begin" not in shown_text(html)


def test_a_dollar_alone_on_its_line_in_raw_html_opens_a_formula() -> None:
    """MathJax reads `$⏎= \\sum_a p(a)⏎$` inside `<center>` as one inline formula, as it does in
    a paragraph; a `$` before a blank line or a price is still text."""
    html, warnings = render(
        "<center>\n$\n= \\sum_a p(a)\n$\n<strong>$\\pi(a)$</strong>\n</center>\n\n<p>$5 and\n$10</p>\n"
    )
    assert warnings == (), warnings
    assert html.count("<math") == 2 and "\\sum" not in shown_text(html) and "$5 and" in html


def test_an_element_mathjax_skips_left_open_hides_the_rest_of_its_block() -> None:
    """An unclosed <code> or comment hides what follows on the page, so MathJax never typeset
    it: it stays as written, with no TeX warning (rawhtml warns that it is left open)."""
    html, warnings = render("<div>\n$a$ <code>$b$ 与 \\alpha\n</div>\n\n<div>\n$c$ <!-- $d$ \\frac{1}{2}\n</div>\n")
    assert not [message for _, message, _ in warnings if "TeX" in message], warnings
    assert html.count("<math") == 2 and "<code>$b$ 与 \\alpha" in html


@pytest.mark.parametrize("dialect", ["ours", "hexo", "hugo"])
@pytest.mark.parametrize(
    "closing",
    ["$$，其中 $m$ 是质量。", "$$]", "$$。"],
    ids=["comma-and-text", "stray-bracket", "full-stop"],
)
def test_text_after_a_closing_dollar_pair_leaves_the_next_formulas_alone(dialect: str, closing: str) -> None:
    """`$$，其中…` closes its formula where MathJax, Hugo's passthrough and KaTeX close it; read as
    the opening of a new block, it took the next formula's `$$` as its end and every formula
    after it came out as text (34 of the 67 math warnings of a real blog of 2,196 posts)."""
    body = f"结论：\n$$\na = b\n{closing}\n\n## 下一节\n\n上面\n$$\n\\frac{{1}}{{2}}\n$$\n完。\n\n$$\nc\n$$\n"
    html, warnings = render(body, dialect)
    assert warnings == (), warnings
    assert html.count('class="math math-display"') == 3 and "\\frac" not in shown_text(html)


def test_a_broken_formula_in_raw_html_is_warned_with_its_line() -> None:
    html, warnings = render("前文\n\n<div>\n第二行 $\\frac{a}$\n</div>\n")
    assert "math-error" in html and warnings[0][0] == 4 and "cannot be converted" in warnings[0][1]


def test_brackets_across_lines_inside_a_paragraph() -> None:
    html, warnings = render("**动作：**\n\\[\na \\in \\mathbb{R}^7\n\\]\n（连续的关节速度）\n")
    assert warnings == () and 'class="math math-display"' in html and "mathbb" not in shown_text(html)
    cited, _ = render("见文献 \\[1\\] 与 \\[2\\]。\n")
    assert "<math" not in cited and "[1]" in cited


@pytest.mark.parametrize(
    "body",
    [
        "参见 $$x 未闭合的公式\n",
        "::: note 标题里有 \\frac{a}{b} 没有美元符号\n正文\n:::\n",
        "<div>\n\\left( x \\right)\n</div>\n",
    ],
    ids=["open-double-dollar", "callout-title", "html-block"],
)
def test_tex_left_as_text_is_never_silent(body: str) -> None:
    _, warnings = render(body)
    assert any("TeX is shown as text" in message for _, message, _ in warnings)


# --- found on the real blogs (fixtures are ours) ----------------------------------------


@pytest.mark.parametrize(
    "tex",
    [
        "w_j^* = -\\frac{G_j}{H_j + \\lambda} \\tag 7",
        "p \\varpropto q",
        "\\textup{tr}(A) = \\sum_i \\lambda_i",
        "V(s) = \\operatorname{E_A}[Q(s, A)] + \\operatorname{F_{X}}(x)",
    ],
    ids=["bare-tag", "varpropto", "textup", "operatorname-with-a-subscript"],
)
def test_more_mathjax_spellings_convert(tex: str) -> None:
    html, warnings = render(f"$$\n{tex}\n$$\n")
    assert warnings == () and "math-error" not in html


def test_marked_never_leaves_a_brace_after_left() -> None:
    assert unescape_marked("\\left\\{ i \\mid x\\_i \\right\\}") == "\\left\\{ i \\mid x_i \\right\\}"


def test_a_kramdown_inline_double_dollar_holding_align_is_display() -> None:
    body = "概率为\n$$\\begin{align*}\nP &= \\frac{1}{15} \\\\\n&= q\n\\end{align*}$$\n于是。\n"
    html, warnings = render(body, "jekyll")
    assert warnings == () and 'class="math math-display"' in html


def test_a_failed_formula_with_tex_commands_is_never_read_as_shell() -> None:
    html, warnings = render("集合 $H = \\left \\{ [T,w] | T \\notacommand{x} \\right \\}$ 成立。\n")
    assert "math-error" in html and not any("kept as text" in message for _, message, _ in warnings)


def test_single_dollar_escapes_are_taken_out_whatever_the_engine() -> None:
    html, warnings = render("损失 $L = \\sum y\\_i \\* x\\_i$，集合 $\\\\{ 1, 2 \\\\}$。\n", "jekyll")
    assert warnings == () and "L = \\sum y_i * x_i" in html and "\\{ 1, 2 \\}" in html
    kept, _ = render("$$\n\\begin{aligned} a &= 1 \\\\\\\\ b &= 2 \\end{aligned}\n$$\n\n单行 $x\\_1$\n", "jekyll")
    assert "a &amp;= 1 \\\\\\\\ b" in kept  # kramdown's $$ is math: its TeX as written


def test_formulas_in_a_callout_title_are_typeset() -> None:
    """Hugo admonitions (title="From $\\beta_t$ …") and ::: titles carry formulas; MathJax typeset them."""
    html, warnings = render("::: note 从平凡到可学习的 $\\beta_t$ 调度 & <b>\n正文\n:::\n")
    assert warnings == ()
    assert '<p class="callout-title">从平凡到可学习的 <span class="math math-inline"><math>' in html
    assert "调度 &amp; &lt;b&gt;</p>" in html and "$" not in shown_text(html)


def test_escaped_brackets_inside_math_are_marked_escapes() -> None:
    body = "区间\n$$\n\\begin{aligned} f(x) &\\in \\[0, 1\\] \\\\\\\\[2pt] b &= 1 \\end{aligned}\n$$\n"
    html, warnings = render(body, "hexo")
    assert warnings == () and "&amp;\\in [0, 1] \\\\[2pt] b" in html


# --- from real blogs: two `$$` formulas on the lines of one paragraph; `\\` rows under pandoc -----


@pytest.mark.parametrize(("dialect", "display"), [("jekyll", 0), ("hexo", 2), ("hugo", 2), ("ours", 2)])
def test_two_dollar_pairs_joined_by_text_are_two_formulas(dialect: str, display: int) -> None:
    body = (
        "$$ \\begin{cases}\na = 1 \\\\\nb = 2\n\\end{cases}$$ 与 $$\\begin{cases}\nc = 3 \\\\\nd = 4\n\\end{cases}$$\n"
    )
    html, warnings = render(body, dialect)
    assert not warnings
    assert html.count("<math") == 2
    assert html.count('display="block"') == display  # kramdown: inline in the paragraph; MathJax: display


def test_a_row_break_ending_a_line_survives_a_hexo_post_written_for_marked_elsewhere() -> None:
    # the post escapes \* for marked in one formula; another's rows end in \\ (pandoc, kramed kept them)
    body = "$W^{\\*}$ and\n\n$$\n\\begin{matrix}\na &= b\\\\\n&= c\n\\end{matrix}\n$$\n"
    html, warnings = render(body, "hexo")
    assert not warnings
    assert html.count("<mtr") >= 2


def test_doubled_row_breaks_are_still_undone_for_marked() -> None:
    assert unescape_marked("a \\\\\\\\\nb \\_1") == "a \\\\\nb _1"


@pytest.mark.parametrize("body", ["$x$ 的值为 0\n", "- $\\log_2(1+0) = 0$, we start from 0\n- next\n", "$a$ 0\n"])
def test_a_paragraph_starting_with_a_formula_and_ending_with_a_digit_keeps_the_formula(body: str) -> None:
    html, warnings = render(body)
    assert html.count("<math") == 1 and not warnings


def test_a_formula_glued_to_a_number_is_one_when_it_starts_with_a_command() -> None:
    html, warnings = render("the intensity at 3.6$\\mu$m taken with SPITZER\n")
    assert html.count("<math") == 1 and not warnings
    html, _ = render("x 5$x$ y\n")  # a digit then $x$: still not a formula (dollarmath's price rule)
    assert "<math" not in html


@pytest.mark.parametrize(
    "text",
    ["对于|\\bigcup_{i = 1}^{k}\\bar{f_{i}}|的计算", "the time prior \\pi_j into the EM", "where \\mu is the mean"],
)
def test_tex_left_in_prose_is_reported(text: str) -> None:
    _, warnings = render(text + "\n")
    assert len(warnings) == 1 and warnings[0][1].startswith("TeX is shown as text")


def test_a_dollar_inside_text_braces_does_not_close_the_formula() -> None:
    html, warnings = render("行内：$\\text{if $x > 0$ then } y$。\n")
    assert html.count("<math") == 1 and not warnings
    assert "if $x &gt; 0$ then" in html  # the annotation holds the whole formula


@pytest.mark.parametrize("dialect", ["ours", "hexo", "jekyll", "hugo"])
def test_a_lone_backslash_before_the_closing_line_is_a_space(dialect: str) -> None:
    html, warnings = render("$$\ny = x + 1 \\\n$$\n\n$$\na = b \\\\\nc = d\n$$\n", dialect)
    assert warnings == () and html.count('class="math math-display"') == 2
    assert "<mtext>\u00a0</mtext>" in html and html.count("<mtr>") == 2  # the second keeps its two rows


# --- `\[ … \]` inside a sentence: marked and kramdown made it an escaped `[` ----------------------

REGEX_NOTE = "汉字区间写成 **\\[\\u4e00-\\u9fa5\\]** 或 \\[\\w+\\]。\n"


@pytest.mark.parametrize("dialect", ["hexo", "jekyll"])
def test_brackets_inside_a_sentence_are_escaped_brackets_under_marked_and_kramdown(dialect: str) -> None:
    rendered = render_post(REGEX_NOTE, RenderOptions(dialect=dialect))
    assert rendered.warnings == () and "<math" not in rendered.html and "math-error" not in rendered.html
    assert "<strong>[\\u4e00-\\u9fa5]</strong> 或 [\\w+]。" in rendered.html
    assert rendered.excerpt.text == "汉字区间写成 [\\u4e00-\\u9fa5] 或 [\\w+]。"  # the meta description too


@pytest.mark.parametrize("dialect", ["hexo", "jekyll"])
def test_brackets_starting_a_line_with_text_after_are_escaped_brackets(dialect: str) -> None:
    html, warnings = render("\\[\\w+\\] 匹配一个单词\n\n下一段\n", dialect)
    assert warnings == () and html.startswith("<p>[\\w+] 匹配一个单词</p>")


@pytest.mark.parametrize("dialect", ["hexo", "jekyll"])
def test_tex_in_brackets_inside_a_sentence_is_text_with_a_warning(dialect: str) -> None:
    html, warnings = render("其中 \\[ \\frac{a}{b} \\] 是比值。\n", dialect)
    assert "<math" not in html and "[ \\frac{a}{b} ]" in html
    assert len(warnings) == 1 and "TeX is shown as text" in warnings[0][1]


@pytest.mark.parametrize("dialect", ["ours", "hexo", "jekyll", "hugo"])
def test_brackets_on_lines_of_their_own_stay_display_math(dialect: str) -> None:
    for body in ("\\[ x^2 \\]\n", "前文\n\\[\nx^2\n\\]\n后文\n", "- 第一步：\n  \\[\n  a \\in \\mathbb{R}^7\n  \\]\n"):
        html, warnings = render(body, dialect)
        assert warnings == () and 'class="math math-display"' in html, (dialect, body)


@pytest.mark.parametrize("dialect", ["ours", "hugo"])
def test_brackets_inside_a_sentence_stay_display_math_for_mathjax_and_hugo(dialect: str) -> None:
    html, _ = render("由 \\[ E = mc^2 \\] 可知。\n", dialect)
    assert 'class="math math-display"' in html and "可知" in html


@pytest.mark.parametrize("dialect", ["ours", "hexo", "jekyll", "hugo"])
def test_text_after_a_bracket_block_on_its_line_is_kept(dialect: str) -> None:
    html, _ = render("\\[ E = mc^2 \\] 即质能方程\n", dialect)
    assert "即质能方程" in html


# --- Markdown escapes in `$…$` that the documented rule missed: `\(` `\)`, and `\\_` ------------


@pytest.mark.parametrize("dialect", ["jekyll", "hexo", "hugo", "ours"])
def test_escaped_parentheses_in_single_dollars_are_markdown_escapes(dialect: str) -> None:
    """kramdown turned `$3×\\(1+4+20\\)$` into `3×(1+4+20)` before MathJax saw it: `\\(` is no TeX in a formula."""
    html, warnings = render("每层 $3×\\(1+4+20\\)$ 次乘法。\n", dialect)
    assert warnings == ()
    assert '<mo stretchy="false">(</mo><mn>1</mn>' in html and '<mn>20</mn><mo stretchy="false">)</mo>' in html


def test_a_tex_brace_in_single_dollars_is_not_taken_for_a_markdown_escape() -> None:
    kept, warnings = render("集合 $\\{1, 2\\}$ 与 $\\|x\\|$。\n", "jekyll")
    assert warnings == () and '<mo stretchy="false">{</mo>' in kept and "‖" in kept


@pytest.mark.parametrize("dialect", ["hexo", "jekyll", "hugo", "ours"])
def test_an_underscore_escaped_twice_in_single_dollars_is_an_underscore(dialect: str) -> None:
    """`$Gain\\\\_Gini$`: marked (and kramdown, goldmark) made it `\\_`; MathJax showed Gain_Gini."""
    html, warnings = render("基尼增益 $Gain\\\\_Gini$ 最小。\n", dialect)
    assert warnings == ()
    assert "<mi>n</mi><mi>_</mi><mi>G</mi>" in html and "<msub>" not in html


def test_a_row_break_before_a_subscript_in_display_math_is_left_alone() -> None:
    html, warnings = render("$$\n\\begin{matrix} a \\\\_1 b \\end{matrix}\n$$\n\n增益 $Gain\\\\_Gini$\n", "hexo")
    assert warnings == () and html.count("<mtr>") == 2


@pytest.mark.parametrize("dialect", ["hexo", "jekyll", "hugo", "ours"])
def test_an_html_character_reference_in_a_formula_is_the_character_the_browser_decoded(dialect: str) -> None:
    body = (
        "对于 $x_i&lt;x_j$ 且 $y_i&gt;y_j$，$a&#60;b&#x3E;c$ 与 $a&nbsp;b$。\n\n"
        "$$\\begin{aligned} a &amp;= b \\\\ c &= d &lt e \\end{aligned}$$\n"
    )
    html, warnings = render(body, dialect)
    assert warnings == ()
    assert "<mi>x</mi><mi>i</mi></msub><mo>&lt;</mo>" in html and "<mo>&gt;</mo>" in html
    assert "<mi>a</mi><mo>&lt;</mo><mi>b</mi><mo>&gt;</mo><mi>c</mi>" in html
    assert "<mi>a</mi><mi>b</mi>" in html  # a no-break space is a space, which TeX skips
    # `&amp;` is the `&` the browser made of it; `&lt` without its `;` stays an array's `&` then `lt`
    assert html.count("<mtd") == 2 + 3 and "<mi>l</mi><mi>t</mi>" in html


def test_a_reference_that_names_nothing_is_left_as_written() -> None:
    html, warnings = render("$a &foo; b$\n")
    assert len(warnings) == 1 and "&amp;foo;" in html
