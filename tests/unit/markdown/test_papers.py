"""Theorem blocks, numbered figures and tables, references, algorithms and sidenotes, one parser at a time."""

from __future__ import annotations

import random
import re

import pytest

from generator.config.strings import EN, ZH_TW
from generator.markdown.algorithms import parse_algorithmic, text_markdown
from generator.markdown.render import RenderOptions, render_post
from generator.markdown.sidenotes import without_sidenotes
from generator.markdown.theorems import read_container_info


def html_of(body: str, options: RenderOptions | None = None) -> str:
    return render_post(body, options or RenderOptions()).html


def warnings_of(body: str, first_line: int = 1) -> list[tuple[int | None, str]]:
    return [(line, message) for line, message, _ in render_post(body, RenderOptions(), first_line).warnings]


def names_of(table: dict[str, str]) -> RenderOptions:
    return RenderOptions(crossref_names=tuple((k[9:], v) for k, v in table.items() if k.startswith("crossref_")))


# ---- theorem-like blocks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ("theorem [收敛性] {#thm:conv}", {"kind": "theorem", "name": "收敛性", "label": "thm:conv"}),
        ("lemma", {"kind": "lemma", "name": "", "label": ""}),
        ("Proof", {"kind": "proof", "name": "", "label": ""}),
        ('{#thm-conv .theorem name="收敛性"}', {"kind": "theorem", "name": "收敛性", "label": "thm-conv"}),
        ("{#lem-bound}", {"kind": "lemma", "name": "", "label": "lem-bound"}),  # Quarto: the kind from the id
        ('{.definition #def:a title="光滑"}', {"kind": "definition", "name": "光滑", "label": "def:a"}),
        ("note", None),
        ("{#fig-a}", None),
        ("details 展开", None),
    ],
)
def test_container_lines_are_read_as_pandoc_and_quarto_write_them(info: str, expected: dict[str, str] | None) -> None:
    assert read_container_info(info) == expected


def test_each_kind_counts_on_its_own_and_proofs_end_with_qed() -> None:
    html = html_of(
        "::: theorem\nA\n:::\n\n::: lemma\nB\n:::\n\n::: theorem [名] {#thm:b}\nC\n:::\n\n::: proof\nD\n:::\n"
    )
    titles = re.findall(r'<span class="theorem-title">(.*?)</span>', html)
    assert titles == ["定理 1", "引理 1", "定理 2（名）", "证明"]
    assert '<div class="theorem theorem-theorem" id="thm:b">' in html
    assert '<p><span class="theorem-title">证明</span> D<span class="qed" aria-hidden="true">∎</span></p>' in html


def test_latex_environments_give_the_same_blocks_as_containers() -> None:
    latex = html_of("\\begin{theorem}[收敛性]\\label{thm:conv}\n若 $f$ 凸。\n\\end{theorem}\n\n见 \\ref{thm:conv}。\n")
    fenced = html_of("::: theorem [收敛性] {#thm:conv}\n若 $f$ 凸。\n:::\n\n见 \\ref{thm:conv}。\n")
    assert latex == fenced
    assert '见 <a class="crossref" href="#thm:conv">定理 1</a>。' in latex


def test_a_latex_block_on_one_line_and_a_proof_ending_in_a_formula() -> None:
    html = html_of("\\begin{lemma} 一行的引理。 \\end{lemma}\n\n\\begin{proof}\n$$\na = b\n$$\n\\end{proof}\n")
    assert '<p><span class="theorem-title">引理 1</span> 一行的引理。</p>' in html
    assert html.rstrip().endswith('<p class="qed" aria-hidden="true">∎</p>\n</div>'.rstrip())


def test_theorem_names_follow_the_site_language() -> None:
    body = "::: corollary [名]\nx\n:::\n\n::: remark\ny\n:::\n"
    assert re.findall(r'theorem-title">(.*?)</span>', html_of(body, names_of(EN))) == ["Corollary 1 (名)", "Remark 1"]
    assert re.findall(r'theorem-title">(.*?)</span>', html_of(body, names_of(ZH_TW))) == ["推論 1（名）", "註 1"]


# ---- figures, tables and references --------------------------------------------------------


def test_a_labelled_image_is_a_numbered_figure_and_references_work_both_ways() -> None:
    html = html_of("见 @fig:b。\n\n![损失](a.png){#fig:a}\n\n![结构](b.png){#fig:b}\n\n再看 \\ref{fig:a}。\n")
    assert (
        '<figure id="fig:a"><img src="a.png" alt="损失" /><figcaption><span class="crossref-number">图 1</span>：损失</figcaption></figure>'
        in html
    )
    assert '见 <a class="crossref" href="#fig:b">图 2</a>。' in html
    assert '再看 <a class="crossref" href="#fig:a">图 1</a>。' in html


def test_an_unlabelled_image_keeps_its_plain_caption() -> None:
    assert (
        html_of("![损失](a.png)\n") == '<figure><img src="a.png" alt="损失" /><figcaption>损失</figcaption></figure>\n'
    )


@pytest.mark.parametrize("gap", ["", "\n"])
def test_a_caption_line_under_a_table_becomes_its_numbered_caption(gap: str) -> None:
    html = html_of(f"| a | b |\n|---|---|\n| 1 | 2 |\n{gap}: 结果 *好* {{#tbl:r}}\n\n见 @tbl:r。\n")
    assert '<table id="tbl:r">\n<caption><span class="crossref-number">表 1</span>：结果 <em>好</em></caption>' in html
    assert html.count("<tr>") == 2  # the caption line is no row
    assert '见 <a class="crossref" href="#tbl:r">表 1</a>。' in html


def test_an_unknown_label_is_marked_and_reported_with_its_line() -> None:
    body = "第一段。\n\n见 @thm:nope 与 \\ref{fig:nope}。\n"
    assert '<span class="crossref-missing">@thm:nope</span>' in html_of(body)
    assert warnings_of(body, first_line=5) == [
        (7, "unknown label 'thm:nope' in the reference @thm:nope"),
        (7, "unknown label 'fig:nope' in the reference \\ref{fig:nope}"),
    ]


def test_a_label_used_twice_in_one_post_is_reported() -> None:
    body = "$$\nx \\label{fig:a}\n$$\n\n![a](a.png){#fig:a}\n"
    assert any("label 'fig:a' is defined twice" in message for _, message in warnings_of(body))


def test_name_typed_before_a_reference_is_not_doubled() -> None:
    html = html_of("::: theorem {#thm:a}\nx\n:::\n\n由定理~\\ref{thm:a} 与 Theorem @thm:a 可知。\n")
    assert '由定理\u00a0<a class="crossref" href="#thm:a">1</a>' in html
    assert 'Theorem <a class="crossref" href="#thm:a">定理 1</a>' in html  # another language's word is no name


def test_equation_references_go_to_the_math_and_email_addresses_stay_text() -> None:
    html = html_of("$$\na \\label{eq:a}\n$$\n\n见 @eq:a，写信到 me@fig:x.org。\n")
    assert '<a class="math-ref" href="#eq-eq:a">(1)</a>' in html
    assert "me@fig:x.org" in html


def test_sections_take_a_label_and_references_show_the_heading() -> None:
    html = html_of("## 引言 {#sec:intro}\n\n见 @sec:intro。\n")
    assert '<h2 id="sec:intro">引言 <a class="heading-anchor" href="#sec:intro"' in html
    assert '见 <a class="crossref" href="#sec:intro">引言</a>。' in html


def test_the_excerpt_reads_numbers_not_syntax() -> None:
    body = "::: theorem [名] {#thm:a}\n内容。\n:::\n\n$$\nx \\label{eq:b}\n$$\n\n由 @thm:a 与 @eq:b。\n"
    assert render_post(body, RenderOptions()).excerpt.text == "定理 1（名）内容。 [公式] 由 定理 1 与 (1)。"


# ---- algorithms ------------------------------------------------------------------------------

ALGORITHMIC = r"""
\Require $x$
\State $s \gets 0$ \Comment{sum}
\For{$i = 1$ to $n$}
  \If{$a_i > 0$}
    \State $s \gets s + a_i$
  \ElsIf{$a_i = 0$}
    \State \textbf{skip}
  \Else
    \State \Call{Log}{$a_i$}
  \EndIf
\EndFor
\Repeat
  \State $s \gets s / 2$
\Until{$s < 1$}
\State \Return $s$
"""


def test_algorithmic_lines_have_keywords_indents_and_numbers() -> None:
    parsed = parse_algorithmic(ALGORITHMIC, 1)
    shape = [
        (line.indent, line.number, line.before.replace("<strong>", "").replace("</strong>", ""))
        for line in parsed.lines
    ]
    assert shape == [
        (0, None, "Require: "),
        (0, 1, ""),
        (0, 2, "for "),
        (1, 3, "if "),
        (2, 4, ""),
        (1, 5, "else if "),
        (2, 6, ""),
        (1, 7, "else"),
        (2, 8, ""),
        (1, 9, "end if"),
        (0, 10, "end for"),
        (0, 11, "repeat"),
        (1, 12, ""),
        (0, 13, "until "),
        (0, 14, ""),
    ]
    assert parsed.lines[1].comment == "sum" and parsed.lines[1].text == "$s \\gets 0$"
    assert parsed.lines[8].text == '<span class="alg-name">Log</span>($a_i$)'
    assert parsed.lines[14].text == "<strong>return</strong> $s$"
    assert parsed.unknown == []


def test_line_numbers_every_nth_line_or_none() -> None:
    body = "\\State a\n\\State b\n\\State c\n\\State d\n"
    assert [line.number for line in parse_algorithmic(body, 2).lines] == [None, 2, None, 4]
    assert [line.number for line in parse_algorithmic(body, 0).lines] == [None] * 4


def test_commands_inside_math_are_left_to_the_math() -> None:
    unknown: list[tuple[int, str]] = []
    assert text_markdown("$\\alpha \\gets \\Foo$ then \\Bar x", 0, unknown) == "$\\alpha \\gets \\Foo$ then \\Bar x"
    assert unknown == [(25, "\\Bar")]


def test_an_algorithm_block_renders_numbered_with_mathml_and_warns_on_unknown_commands() -> None:
    body = "见 @alg:a。\n\n\\begin{algorithm}\n\\caption{求和}\\label{alg:a}\n\\begin{algorithmic}[1]\n\\State $s \\gets 0$\n\\State \\Frobnicate\n\\end{algorithmic}\n\\end{algorithm}\n"
    html = html_of(body)
    assert (
        '<figure class="algorithm" id="alg:a">\n<figcaption><span class="crossref-number">算法 1</span>：求和</figcaption>'
        in html
    )
    assert '<span class="alg-no">1:</span><span class="alg-code"><span class="math math-inline"><math>' in html
    assert '见 <a class="crossref" href="#alg:a">算法 1</a>。' in html
    assert "<script" not in html
    assert warnings_of(body, first_line=10) == [(16, "unknown algorithm command \\Frobnicate, shown as written")]
    excerpt = render_post(body, RenderOptions()).excerpt.text
    assert "[算法]" in excerpt and "gets" not in excerpt


# ---- sidenotes -------------------------------------------------------------------------------


def test_a_footnote_is_repeated_after_its_first_reference_for_the_margin() -> None:
    html = html_of("甲[^a]，乙[^a]。\n\n[^a]: 注释，含 [链接](https://example.org)。\n")
    assert html.count('class="sidenote"') == 1
    assert (
        '<span class="sidenote" aria-hidden="true"><span class="sidenote-number">1</span> 注释，含 <a tabindex="-1" href="https://example.org">链接</a>。</span>'
        in html
    )
    assert '<li id="fn1" class="footnote-item">' in html  # the list at the end stays


def test_a_footnote_with_a_list_stays_at_the_end_only() -> None:
    html = html_of("甲[^a]。\n\n[^a]: 第一段\n\n    - 一项\n")
    assert "sidenote" not in html and "footnote-item" in html


def test_feeds_get_the_html_without_the_margin_copies() -> None:
    html = html_of("甲[^a]乙。\n\n[^a]: 含 $x$ 与 <span>内联</span>。\n")
    assert "sidenote" in html
    cleaned = without_sidenotes(html)
    assert "sidenote" not in cleaned and cleaned.count("内联") == 1
    assert "<p>甲<sup" in cleaned and "</sup>乙。</p>" in cleaned


def test_the_search_index_reads_a_footnote_once() -> None:
    from generator.search.text import searchable_text

    text = searchable_text(html_of("甲[^a]乙。\n\n[^a]: 旁注的话。\n"))
    assert text.count("旁注的话") == 1


def test_a_footnote_that_refers_to_itself_or_another_gets_no_copy_inside_the_copy() -> None:
    html = html_of("甲[^b]。\n\n[^a]: 见 [^a]。\n\n[^b]: 又见 [^a]。\n")  # a is first cited inside a
    assert html.count('class="footnote-item"') == 2
    # a copy holding a reference would repeat the reference's id: such a note stays at the end only
    assert 'class="sidenote"' not in html


PIECES = (
    *(
        "\\begin{algorithm}",
        "\\end{algorithm}",
        "\\begin{algorithmic}[1]",
        "\\end{algorithmic}",
        "\\caption{",
        "}",
        "{",
    ),
    *("\\State", "\\If{", "\\EndIf", "\\Function{F}", "\\Call{", "\\Comment{", "$x$", "$", "$$", "\\label{alg:a}"),
    *(
        "\\begin{theorem}[",
        "]",
        "\\end{theorem}",
        "\\begin{proof}",
        "\\end{proof}",
        "::: theorem",
        ":::",
        "::: {#thm-a",
    ),
    *(
        '.lemma name="x"}',
        '{#fig:a"b}',
        "![c](a.png)",
        "@fig:a",
        "@thm:",
        "\\ref{thm:a}",
        "\\cref{eq:q}",
        "\\label{thm:a}",
    ),
    *(
        "| a |\n|---|\n| 1 |",
        ": cap {#tbl:x}",
        "Table: t",
        "[^1]",
        "[^1]: note",
        "[^2]: n2 [^1]",
        "[^2]",
        "## h {#sec:a}",
    ),
    *("\n", "\n\n", "  ", "- ", "> ", "\\Return", "\\textbf{", "%", "\\%", "\\", "~", "\\begin{lemma}", "\\end{lemma}"),
)


def test_random_mixes_of_the_syntax_render_without_an_exception() -> None:
    """The mixes that found a footnote citing itself recursing without end (seeded: the same every run)."""
    chooser = random.Random(29)
    for _ in range(400):
        pieces = (
            chooser.choice(PIECES) + chooser.choice(("", " ", "\n", "\n\n")) for _ in range(chooser.randint(1, 25))
        )
        render_post("".join(pieces), RenderOptions())
