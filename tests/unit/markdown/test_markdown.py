"""Markdown to HTML: extensions, heading ids and TOC, highlighting, math, links under a base path."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from generator.markdown.render import RenderOptions, heading_slug, render_post


def html_of(body: str, base_path: str = "/") -> str:
    return render_post(body, RenderOptions(base_path=base_path)).html


def hrefs(html: str, attr: str = "href") -> list[str]:
    return re.findall(rf'{attr}="([^"]*)"', html)


VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "mprespace", "none"})


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def balanced(html: str) -> bool:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return parser.ok and not parser.stack


# --- CommonMark extensions ------------------------------------------------------------------------------


def test_table() -> None:
    html = html_of("| 方法 | 参数量 |\n|:---|---:|\n| LoRA | 0.1% |\n")
    assert "<table>" in html
    assert re.search(r"<th[^>]*>方法</th>", html)
    assert re.search(r"<td[^>]*>0\.1%</td>", html)
    assert 'style="text-align:right"' in html


def test_strikethrough() -> None:
    assert "<s>旧的说法</s>" in html_of("~~旧的说法~~")


def test_task_list() -> None:
    html = html_of("- [ ] 待办\n- [x] 已完成\n")
    assert html.count('type="checkbox"') == 2
    assert html.count('checked="checked"') == 1
    assert 'class="task-list-item"' in html


def test_task_items_are_found_however_their_mark_is_written() -> None:
    """The task-list pass runs only on text holding a mark: every spelling of one must count."""
    assert html_of("1. [X] 大写\n").count('checked="checked"') == 1  # the only mark in the post
    html = html_of("1. 列表\n   - [ ] 缩进的待办\n2. 普通 [x] 不是任务\n")
    assert html.count('type="checkbox"') == 1
    assert "普通 [x] 不是任务" in html
    assert 'type="checkbox"' not in html_of("- [y] 不是任务\n- [] 也不是\n")


def test_footnotes() -> None:
    html = html_of("正文[^note]。\n\n[^note]: 这是脚注。\n")
    assert 'class="footnote-ref"' in html
    assert 'id="fn1"' in html
    assert "这是脚注。" in html
    assert 'href="#fn1"' in html
    assert 'href="#fnref1"' in html


def test_raw_html_is_kept() -> None:
    html = html_of('<div class="note">作者自己的 <b>HTML</b></div>\n\n段落 <kbd>Ctrl</kbd>')
    assert '<div class="note">作者自己的 <b>HTML</b></div>' in html
    assert "<kbd>Ctrl</kbd>" in html


def test_text_is_escaped() -> None:
    assert "<p>a &lt; b &amp;&amp; c &gt; d</p>" in html_of("a < b && c > d")


# --- headings ------------------------------------------------------------------------------------------------


def test_chinese_heading_keeps_chinese_id() -> None:
    html = html_of("## 为什么有效\n")
    assert '<h2 id="为什么有效">' in html
    assert 'href="#为什么有效"' in html


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("为什么有效", "为什么有效"),
        ("Hello World!", "hello-world"),
        ("LoRA 的原理", "lora-的原理"),
        ("1. 背景：问题从哪来？", "1-背景-问题从哪来"),
        ("  ", "section"),
        ("???", "section"),
        ("<code>nn.Linear</code> vs F.linear", "nn-linear-vs-f-linear"),
    ],
)
def test_heading_slug(text: str, slug: str) -> None:
    assert heading_slug(text) == slug


def test_duplicate_headings_get_distinct_ids() -> None:
    rendered = render_post("## 实验\n\n## 实验\n\n## 实验\n\n## 实验-1\n", RenderOptions())
    ids = [h.id for h in rendered.toc]
    assert ids[:3] == ["实验", "实验-1", "实验-2"]
    assert len(set(ids)) == 4
    for ident in ids:
        assert rendered.html.count(f'id="{ident}"') == 1


def test_toc_lists_headings_with_level_id_and_text() -> None:
    body = "# 总览\n\n## 背景 **重点**\n\n### 细节 `code`\n\n正文\n\n## 结论 $x^2$\n"
    toc = render_post(body, RenderOptions()).toc
    assert [(h.level, h.text) for h in toc] == [(1, "总览"), (2, "背景 重点"), (3, "细节 code"), (2, "结论 x^2")]
    assert [h.id for h in toc] == ["总览", "背景-重点", "细节-code", "结论-x-2"]


def test_heading_ids_are_stable_between_renders() -> None:
    body = "## 甲\n\n## 乙\n\n## 甲\n"
    assert render_post(body, RenderOptions()).html == render_post(body, RenderOptions()).html


# --- code ------------------------------------------------------------------------------------------------------


def test_fenced_code_is_highlighted_with_pygments_classes() -> None:
    html = html_of("```python\ndef f(x):\n    return x + 1\n```\n")
    assert '<div class="highlight" data-lang="python">' in html
    assert '<code class="language-python">' in html
    assert '<span class="k">def</span>' in html
    assert '<span class="nf">f</span>' in html
    assert "style=" not in html


def test_unknown_language_is_shown_plain_and_escaped() -> None:
    html = html_of("```nosuchlanguage\nif a < b && c:\n```\n")
    assert "<span" not in html
    assert "if a &lt; b &amp;&amp; c:" in html
    assert 'data-lang="nosuchlanguage"' in html


def test_fence_without_language() -> None:
    html = html_of("```\nplain <text>\n```\n")
    assert '<div class="highlight"><pre><code>plain &lt;text&gt;\n</code></pre></div>' in html


def test_code_content_is_kept_exactly() -> None:
    html = html_of("```python\nx = '$a_1 * b_2$'  # *not* math\n```\n")
    assert "<math" not in html
    assert "<em>" not in html
    assert "$a_1 * b_2$" in html


def test_inline_code_is_not_math() -> None:
    html = html_of("变量 `$HOME` 和 `a_1 * b_2`")
    assert "<code>$HOME</code>" in html
    assert "<math" not in html


# --- math ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "display"),
    [
        ("设 $x^2 + y^2 = r^2$。", False),
        ("设 \\(x^2 + y^2 = r^2\\)。", False),
        ("$$\nx^2 + y^2 = r^2\n$$\n", True),
        ("\\[\nx^2 + y^2 = r^2\n\\]\n", True),
        ("$$x^2 + y^2 = r^2$$\n", True),
    ],
    ids=["dollar", "paren", "double-dollar", "bracket", "double-dollar-one-line"],
)
def test_every_delimiter_becomes_mathml(body: str, display: bool) -> None:
    rendered = render_post(body, RenderOptions())
    html = rendered.html
    assert html.count("<math") == 1
    assert ('<math display="block">' in html) == display
    assert "<msup><mi>x</mi><mn>2</mn></msup>" in html
    assert "$" not in html
    assert "\\(" not in html
    assert "\\[" not in html
    assert rendered.warnings == ()
    assert balanced(html)


@pytest.mark.parametrize(
    ("body", "fragments"),
    [
        (
            "$a_1 * b_2$",
            ["<msub><mi>a</mi><mn>1</mn></msub>", "∗</mo>", "<msub><mi>b</mi><mn>2</mn></msub>"],
        ),
        ("$x_i$ and $y_i$", ["<msub><mi>x</mi><mi>i</mi></msub>", "<msub><mi>y</mi><mi>i</mi></msub>"]),
        (
            "$a*b*c$ 与 $d*e$",
            [
                '<mi>a</mi><mo lspace="0.2222em" rspace="0.2222em">∗</mo><mi>b</mi>',
                '<mi>d</mi><mo lspace="0.2222em" rspace="0.2222em">∗</mo><mi>e</mi>',
            ],
        ),
        ("$\\_x\\_$ 与 $__init__$", ["<math"]),
    ],
    ids=["star-between-subscripts", "underscores-across-formulas", "stars", "double-underscores"],
)
def test_emphasis_characters_inside_math_are_not_mangled(body: str, fragments: list[str]) -> None:
    html = html_of(body)
    assert "<em>" not in html
    assert "<strong>" not in html
    for fragment in fragments:
        assert fragment in html
    assert balanced(html)


def test_dollar_amounts_are_not_math() -> None:
    html = html_of("价格从 $5 涨到 $10。")
    assert "<math" not in html
    assert "$5" in html
    assert "$10" in html


def test_unconvertible_formula_is_shown_as_source_with_a_warning_naming_the_line() -> None:
    body = "第一行\n\n这里 $\\notacommand{x}$ 不行。\n\n$$\n\\alsonotacommand\n$$\n"
    rendered = render_post(body, RenderOptions(), first_line=7)
    assert '<code class="math math-inline math-error" title="公式无法转换">\\notacommand{x}</code>' in rendered.html
    assert '<pre class="math math-display math-error" title="公式无法转换">\\alsonotacommand</pre>' in rendered.html
    assert [line for line, _, _ in rendered.warnings] == [9, 11]
    assert "$\\notacommand{x}$" in rendered.warnings[0][1]
    assert "\\alsonotacommand" in rendered.warnings[1][1]
    assert all("cannot be converted" in message for _, message, _ in rendered.warnings)


def test_a_tag_without_braces_is_named_as_the_likely_fix() -> None:
    rendered = render_post("$$\nE = mc^2 \\tag(1)\n$$\n\n$$\nx \\tag{2}\n$$\n\n$$\n\\nosuch\n$$\n", RenderOptions())
    assert [line for line, _, _ in rendered.warnings] == [1, 9]
    assert rendered.warnings[0][2].startswith("\\tag{…} with braces, as in \\tag{1}")
    assert rendered.warnings[1][2].startswith("a macro defined in site.toml, e.g. [math.macros] nosuch = ")


def test_a_mathjax_command_the_converter_lacks_is_named_as_mathjax_s_not_as_a_macro_to_define() -> None:
    rendered = render_post("$\\bbox[yellow]{x}$ 与 $\\unicode{x263A}$ 与 $\\mymacro$\n", RenderOptions())
    fixes = [expected for _, _, expected in rendered.warnings]
    assert fixes[0].startswith("\\bbox is a MathJax command that the math converter does not support")
    assert fixes[1].startswith("\\unicode is a MathJax command") and "site.toml" not in fixes[0] + fixes[1]
    assert fixes[2].startswith("a macro defined in site.toml, e.g. [math.macros] mymacro = ")


def test_a_construct_math_core_lacks_is_not_sent_to_the_macro_table() -> None:
    rendered = render_post("$$\\begin{array}{cc} a \\end{matrix}$$\n", RenderOptions())
    assert rendered.warnings[0][2].startswith("TeX that the math converter understands")


def test_formula_error_source_is_escaped() -> None:
    html = html_of("$\\nosuch{<script>}$")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_formula_is_never_silently_dropped() -> None:
    body = "甲 $a$ 乙 $\\bad{b}$ 丙 \\(c\\) 丁\n\n$$\nd\n$$\n\n\\[\ne\n\\]\n"
    html = html_of(body)
    assert html.count("<math") + html.count("math-error") == 5


# --- links -----------------------------------------------------------------------------------------------------


def test_site_absolute_links_get_the_base_path() -> None:
    html = html_of("[甲](/posts/clip/) ![图](/img/a.png)", base_path="/repo/")
    assert hrefs(html) == ["/repo/posts/clip/"]
    assert hrefs(html, "src") == ["/repo/img/a.png"]


def test_links_already_under_the_base_path_are_not_doubled() -> None:
    assert hrefs(html_of("[甲](/repo/posts/clip/)", base_path="/repo/")) == ["/repo/posts/clip/"]


@pytest.mark.parametrize(
    "link",
    ["https://example.com/a", "//cdn.example.com/x.js", "relative/path/", "#section", "mailto:a@example.com", "../up/"],
)
def test_other_links_are_left_alone(link: str) -> None:
    assert hrefs(html_of(f"[x]({link})", base_path="/repo/")) == [link]


def test_chinese_site_link_is_percent_encoded_under_the_base_path() -> None:
    assert hrefs(html_of("[x](/posts/感受野/)", base_path="/repo/")) == ["/repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/"]


def test_root_base_path_keeps_links() -> None:
    assert hrefs(html_of("[x](/posts/clip/)")) == ["/posts/clip/"]


@pytest.mark.parametrize(
    ("link", "expected"),
    [("/posts/clip/#方法", "/repo/posts/clip/#%E6%96%B9%E6%B3%95"), ("/search/?q=lora", "/repo/search/?q=lora")],
    ids=["fragment", "query"],
)
def test_site_links_keep_fragment_and_query(link: str, expected: str) -> None:
    assert hrefs(html_of(f"[x]({link})", base_path="/repo/")) == [expected]


def test_images_after_the_first_are_lazy() -> None:
    html = html_of("![图](https://example.com/a.png)\n\n![图](https://example.com/b.png)")
    first, second = html.split("<img")[1:]
    assert "loading" not in first  # likely above the fold: loading it late would delay the page
    assert 'loading="lazy"' in second


def test_rendering_is_pure() -> None:
    body = "# 标题\n\n$x$ 与 [链接](/a/)\n\n```python\nx = 1\n```\n"
    a = render_post(body, RenderOptions(base_path="/repo/"))
    b = render_post(body, RenderOptions(base_path="/repo/"))
    assert a == b
    assert render_post(body, RenderOptions()).html != a.html
