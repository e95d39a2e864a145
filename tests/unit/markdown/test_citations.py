"""Citation syntax in posts: what is a citation, how it is numbered or labelled, what warns."""

from __future__ import annotations

from generator.content.bibliography import Author, Cited, Entry, candidate_keys, parse_bib
from generator.markdown.citations import entry_html, short_authors
from generator.markdown.render import RenderOptions, render_post

VASWANI = Entry(
    key="vaswani2017",
    kind="inproceedings",
    authors=(Author("Ashish", "Vaswani"), Author("Noam", "Shazeer"), Author("Niki", "Parmar")),
    title="Attention Is All You Need",
    venue="Advances in Neural Information Processing Systems",
    year="2017",
    arxiv="1706.03762",
)
HE = Entry(
    key="he2016",
    kind="article",
    authors=(Author("恺明", "何"), Author("祥雨", "张"), Author("少卿", "任")),
    title="深度残差学习",
    venue="CVPR",
    year="2016",
    doi="10.1109/CVPR.2016.90",
)
KINGMA = Entry(
    key="kingma2015",
    kind="misc",
    authors=(Author("Diederik P.", "Kingma"), Author("Jimmy", "Ba")),
    title="Adam",
    venue="",
    year="2015",
    url="https://example.org/adam",
)
BIB = {e.key: e for e in (VASWANI, HE, KINGMA)}


def render(body: str, style: str = "numeric", cited: bool = True):
    entries = tuple(sorted((k, BIB.get(k)) for k in candidate_keys(body)))
    return render_post(body, RenderOptions(), 1, None, None, Cited(style, entries) if cited else None)


def test_pandoc_brackets_number_by_first_citation() -> None:
    html = render("A [@he2016] and [@vaswani2017; @he2016, p. 3].\n").html
    assert '[<a class="cite-link" href="#ref-he2016" aria-describedby="ref-he2016">1</a>]' in html
    assert ">2</a>; <a" in html and ">1</a>, p. 3]" in html
    assert html.index('id="ref-he2016"') < html.index('id="ref-vaswani2017"')


def test_prefix_locator_and_suppressed_author() -> None:
    rendered = render("[see @vaswani2017, ch. 2] then -@he2016 and @kingma2015 said.\n", "author-year")
    assert rendered.excerpt.text == "(see Vaswani et al., 2017, ch. 2) then (2016) and Kingma and Ba (2015) said."


def test_latex_spellings() -> None:
    text = render(
        r"\cite{vaswani2017,he2016} \citet{kingma2015} \citep[p.~3]{he2016} \citep[见][第 2 章]{vaswani2017}" "\n"
    ).excerpt.text
    assert text == "[1, 2] Kingma and Ba [3] [2, p.\u00a03] [见 1, 第 2 章]"


def test_author_year_labels() -> None:
    text = render("[@vaswani2017; @he2016] \\citet{he2016}\n", "author-year").excerpt.text
    assert text == "(Vaswani et al., 2017; 何恺明等, 2016) 何恺明等 (2016)"


def test_what_is_not_a_citation() -> None:
    body = (
        "me@vaswani2017.org `[@he2016]` $@he2016$ @fig:loss [@tbl:x] @nobody [x @he2016](https://e.org) [@he2016](u)\n"
    )
    rendered = render(body)
    assert 'class="citation"' not in rendered.html
    assert "@fig:loss" in rendered.html and "@tbl:x" in rendered.html and "@nobody" in rendered.html
    # the two cross-references are unknown labels (crossref.py says so); no citation key is warned about
    assert [message.split(" @")[-1] for _, message, _ in rendered.warnings] == ["fig:loss", "tbl:x"]
    assert "references" not in rendered.html


def test_a_missing_key_is_marked_and_warned_with_its_line() -> None:
    rendered = render("Intro.\n\nText\nmore [@ghost] and \\cite{nokey}.\n", cited=True)
    assert '<span class="cite-missing">?ghost</span>' in rendered.html
    assert [(line, message) for line, message, _ in rendered.warnings] == [
        (4, "citation key 'ghost' is not in any bibliography this post sees"),
        (4, "citation key 'nokey' is not in any bibliography this post sees"),
    ]


def test_without_any_bibliography_brackets_still_warn_and_words_stay_text() -> None:
    rendered = render("Hi @vaswani2017 [@vaswani2017]\n", cited=False)
    assert "Hi @vaswani2017 " in rendered.html
    assert len(rendered.warnings) == 1


def test_the_references_section_lists_only_cited_works_with_links() -> None:
    html = render("[@vaswani2017]\n\n[^1]: a note\n\nfoot[^1]\n").html
    assert html.count('<li id="ref-') == 1
    assert '<a href="https://arxiv.org/abs/1706.03762">arXiv:1706.03762</a>' in html
    assert html.index('class="references"') < html.index('class="footnotes"')


def test_entry_lines() -> None:
    assert '<a href="https://doi.org/10.1109/CVPR.2016.90">' in entry_html(HE)
    assert '<a href="https://example.org/adam">' in entry_html(KINGMA)
    assert short_authors(KINGMA) == "Kingma and Ba"
    assert short_authors(HE) == "何恺明等"


def test_a_heading_reference_list_keeps_the_toc_and_excerpt_clean() -> None:
    rendered = render("## 方法 [@he2016]\n\n正文。\n")
    assert [h.text for h in rendered.toc] == ["方法 [1]"]
    assert "参考文献" not in rendered.excerpt.text


def test_a_key_followed_by_chinese_without_a_space() -> None:
    text = render("@he2016提出了残差连接，-@vaswani2017之后。\n").excerpt.text
    assert text == "何恺明等 [1]提出了残差连接，[2]之后。"


def test_author_year_tells_two_works_of_the_same_authors_and_year_apart() -> None:
    later = Entry(
        key="vaswani2017b", kind="misc", authors=VASWANI.authors, title="Zebra Attention", venue="", year="2017"
    )
    BIB[later.key] = later
    try:
        rendered = render("[@vaswani2017b; @vaswani2017]\n", "author-year")
    finally:
        del BIB[later.key]
    assert rendered.excerpt.text == "(Vaswani et al., 2017b; Vaswani et al., 2017a)"
    listed = rendered.html.split('<ul class="reference-list">')[1]
    assert listed.index("Attention Is All You Need") < listed.index("Zebra Attention")
    assert ", 2017a." in listed and "Zebra Attention</span>. 2017b." in listed


def test_a_url_in_a_field_is_a_link_in_the_reference_and_unsafe_ones_stay_text() -> None:
    bib = r"""@misc{page, title = {Notes}, year = {2022},
  howpublished = {\url{https://people.example.edu/~name/?a=1&b=2}}, url = {https://people.example.edu/~name/?a=1&b=2}}
@misc{bad, title = {Bad \href{javascript:alert(1)}{click}}, howpublished = {\url{javascript:alert(2)}}}
"""
    entries = parse_bib(bib, "refs.bib")
    shown = "https://people.example.edu/~name/?a=1&amp;b=2"
    line = entry_html(entries["page"])
    assert f'<i><a href="{shown}">{shown}</a></i>, 2022.' in line
    assert line.count("<a ") == 1  # the url field names the same address: not listed again
    bad = entry_html(entries["bad"])
    assert "<a " not in bad
    assert "Bad click" in bad and "<i>javascript:alert(2)</i>" in bad


def _link(key: str, label: str) -> str:
    return f'<a class="cite-link" href="#ref-{key}" aria-describedby="ref-{key}">{label}</a>'


def test_a_cite_in_a_raw_html_block_is_numbered_with_the_others_and_listed() -> None:
    """jekyll-scholar's `{% cite %}` in a caption `<div>` (the dialect layer writes `\\cite{}`):
    Markdown's inline rules never see it, and it was published as the text `\\cite{key}`."""
    body = (
        "Intro [@he2016].\n\n"
        '<div class="caption">\n<span>Table 1.</span> What we can do \\cite{vaswani2017} and \\citep[p.~3]{he2016}.\n</div>\n\n'
        "Later [@vaswani2017] and \\cite{kingma2015}.\n"
    )
    rendered = render(body)
    assert "\\cite" not in rendered.html
    assert f'What we can do <span class="citation">[{_link("vaswani2017", "2")}]</span>' in rendered.html
    assert f'and <span class="citation">[{_link("he2016", "1")}, p.\u00a03]</span>.' in rendered.html
    assert f'Later <span class="citation">[{_link("vaswani2017", "2")}]</span>' in rendered.html
    assert [rendered.html.index(f'<li id="ref-{key}"') for key in ("he2016", "vaswani2017", "kingma2015")] == sorted(
        rendered.html.index(f'<li id="ref-{key}"') for key in ("he2016", "vaswani2017", "kingma2015")
    )
    assert rendered.warnings == ()


def test_a_cite_in_html_with_a_missing_key_warns_at_its_line_and_author_year_labels_it() -> None:
    body = "Intro.\n\n<p>\nfirst line\nthen \\cite{ghost} and \\citet{he2016}.\n</p>\n"
    rendered = render(body, "author-year")
    assert [(line, message) for line, message, _ in rendered.warnings] == [
        (5, "citation key 'ghost' is not in any bibliography this post sees")
    ]
    assert '<span class="cite-missing">?ghost</span>' in rendered.html
    assert f"何恺明等 ({_link('he2016', '2016')})" in rendered.html
    assert 'id="ref-he2016"' in rendered.html


def test_a_cite_in_html_code_math_or_a_tag_is_left_and_in_a_link_is_shown_as_text() -> None:
    body = (
        "<div>\n<code>\\cite{he2016}</code> <pre>\\cite{he2016}</pre> <!-- \\cite{he2016} -->\n"
        '<span title="see \\cite{vaswani2017}">x</span> $a \\cite{he2016}$\n'
        '<a href="https://example.org/">the paper \\cite{kingma2015}</a>\n</div>\n'
    )
    rendered = render(body)
    # code, pre, the comment, and the formula (math-core shows it as source: \\cite is no TeX it knows)
    assert rendered.html.count("\\cite{he2016}") == 4
    assert 'title="see \\cite{vaswani2017}"' in rendered.html
    assert 'the paper <span class="citation">[1]</span></a>' in rendered.html  # no link inside a link
    assert 'id="ref-kingma2015"' in rendered.html and 'id="ref-he2016"' not in rendered.html
    assert [(line, message) for line, message, _ in rendered.warnings if "citation" in message] == [
        (3, "a citation inside an HTML tag is left as written: \\cite{vaswani2017}")
    ]
