"""Reading BibTeX: decoded text, names, links, and errors that name the line."""

from __future__ import annotations

import pytest

from generator.content.bibliography import Author, BibProblem, candidate_keys, parse_bib
from generator.content.bibtex_text import FieldLink, linked_text

BIB = r"""
@string{nips = "Advances in Neural Information Processing Systems"}

@inproceedings{vaswani2017,
  author = {Vaswani, Ashish and Kaiser, {\L}ukasz and M{\"u}ller, J{\"o}rg and Ren\'e Descartes},
  title = {Attention Is All You Need for {BERT} and {\'E}cole},
  booktitle = nips # " 30",
  year = 2017, month = dec,
  eprint = {1706.03762}, archivePrefix = {arXiv},
}
@article{he2016,
  author = {何恺明 and 张祥雨},
  title = {深度残差学习},
  journal = {计算机学报},
  year = {2016},
  doi = {https://doi.org/10.1109/CVPR.2016.90},
  url = {javascript:alert(1)},
}
@misc{arxivonly,
  author = {Doe, Jane},
  title = {Only on arXiv},
  journal = {arXiv preprint arXiv:2106.09685},
  year = {2021},
}
"""


def test_latex_accents_and_protected_capitals_are_decoded() -> None:
    entry = parse_bib(BIB, "references.bib")["vaswani2017"]
    assert entry.title == "Attention Is All You Need for BERT and École"
    assert [a.full for a in entry.authors] == ["Ashish Vaswani", "Łukasz Kaiser", "Jörg Müller", "René Descartes"]
    assert entry.venue == "Advances in Neural Information Processing Systems 30"  # @string joined with #
    assert entry.year == "2017"
    assert entry.arxiv == "1706.03762"


def test_chinese_names_keep_family_first_without_a_space() -> None:
    entry = parse_bib(BIB, "references.bib")["he2016"]
    assert [a.full for a in entry.authors] == ["何恺明", "张祥雨"]
    assert entry.title == "深度残差学习"
    assert entry.doi == "10.1109/CVPR.2016.90"  # the resolver prefix is taken off
    assert entry.url == ""  # only http(s) addresses are links
    assert Author("恺明", "何").full == "何恺明"


def test_an_arxiv_id_in_the_journal_field_is_found() -> None:
    entry = parse_bib(BIB, "references.bib")["arxivonly"]
    assert entry.arxiv == "2106.09685"


def test_a_syntax_error_names_the_line() -> None:
    with pytest.raises(BibProblem) as problem:
        parse_bib("@article{a,\n  title = {x},\n}\n@article{b,\n  title = {y,\n}\n", "refs.bib")
    assert str(problem.value.diagnostic).startswith("refs.bib:")
    assert problem.value.diagnostic.line is not None


def test_a_repeated_key_keeps_the_first_entry_and_warns_at_each_repeat() -> None:
    text = "@article{a, title={First}}\n\n@article{a, title={Second}}\n@book{A,\n title={Third}}\n"
    entries = parse_bib(text, "refs.bib")
    assert entries["a"].title == "First"
    assert [str(w) for w in entries.warnings] == [
        "refs.bib:3: repeated bibliography entry 'a': the first, at line 1, is kept and this one skipped "
        "(one entry per key)",
        "refs.bib:4: repeated bibliography entry 'A': the first, at line 1, is kept and this one skipped "
        "(one entry per key)",
    ]
    assert all(not w.is_error for w in entries.warnings)


def test_a_repeated_field_keeps_its_first_value() -> None:
    text = (
        "@misc{w,\n  url = {https://one.org},\n  title = {T},\n  URL = {https://two.org},\n"
        "  url = {https://three.org},\n}\n@misc{x, url={https://x.org}}\n"
    )
    entries = parse_bib(text, "refs.bib")
    assert (entries["w"].url, entries["w"].title, entries["x"].url) == ("https://one.org", "T", "https://x.org")
    assert [(w.line, w.message) for w in entries.warnings] == [
        (4, "entry 'w' has the 'URL' field twice: the first value is kept and this one skipped"),
        (5, "entry 'w' has the 'url' field twice: the first value is kept and this one skipped"),
    ]


def test_an_author_list_that_cannot_be_split_is_shown_as_written() -> None:
    text = "@misc{p,\n  title = {T},\n  author = {Mattu, Julia Angwin, Lauren Kirchner, Surya},\n}\n"
    entries = parse_bib(text, "refs.bib")
    assert entries["p"].authors == (Author(given="", family="Mattu, Julia Angwin, Lauren Kirchner, Surya"),)
    (only,) = entries.warnings
    assert only.line == 3
    assert only.message.startswith("the author list of 'p' cannot be split into names (Too many commas in ")
    assert only.message.endswith("): shown as written")


def test_a_percent_sign_in_a_url_field_does_not_break_decoding() -> None:
    """`%` opens a LaTeX comment, leaving `\\url{` unclosed; the text is shown as written."""
    text = "@misc{w, howpublished = {\\url{https://e.org/a#:~:text=In%20short}}, title={T}}\n"
    assert parse_bib(text, "refs.bib")["w"].venue == "https://e.org/a#:~:text=In%20short"


def test_an_undefined_string_macro_names_the_line() -> None:
    with pytest.raises(BibProblem) as problem:
        parse_bib("@article{a,\n  journal = nosuchmacro,\n}\n", "refs.bib")
    assert problem.value.diagnostic.line == 2


def test_candidate_keys_skip_cross_references_and_read_cite_lists() -> None:
    body = r"See [@a; @b, p. 3], @fig:loss, @c. \citep[p.~3]{d, e} and \citet{f}; mail x@y.org"
    assert candidate_keys(body) == {"a", "b", "c", "d", "e", "f", "y.org"}
    assert candidate_keys("no citations here") == set()


LINKS = r"""
@misc{musco2022,
  author = {Cameron Musco},
  howpublished = {\url{https://people.example.edu/~name/CS514/schedule.html}},
  title = {Randomized Methods},
  year = {2022},
  url = {https://people.example.edu/~name/CS514/schedule.html},
}
@misc{page,
  title = {Notes on the \href{https://example.org/a\_b?x=1&y=2}{{\'E}cole} page, see \url{https://example.org/~me/100\%}},
  url = {\url{https://example.org/~me/}},
}
@misc{bad,
  howpublished = {\url{javascript:alert(1)}},
  title = {Bad \href{data:text/html,x}{link}},
}
"""


def test_url_and_href_in_a_field_are_shown_as_written_and_linked() -> None:
    """`~` inside \\url is a tilde (elsewhere a no-break space), and the URL is a link, as jekyll-scholar shows it."""
    entries = parse_bib(LINKS, "refs.bib")
    musco = entries["musco2022"]
    shown = "https://people.example.edu/~name/CS514/schedule.html"
    assert musco.venue == shown
    assert musco.links == (FieldLink("venue", 0, len(shown), shown),)
    assert musco.url == shown  # a url field keeps its ~ too
    page = entries["page"]
    assert page.title == "Notes on the École page, see https://example.org/~me/100%"
    assert [(page.title[link.start : link.end], link.href) for link in page.links] == [
        ("École", "https://example.org/a_b?x=1&y=2"),
        ("https://example.org/~me/100%", "https://example.org/~me/100%"),
    ]
    assert page.url == "https://example.org/~me/"  # \url{} around a url field is unwrapped


def test_a_url_whose_scheme_is_unsafe_is_shown_but_never_linked() -> None:
    bad = parse_bib(LINKS, "refs.bib")["bad"]
    assert (bad.venue, bad.title, bad.links) == ("javascript:alert(1)", "Bad link", ())


def test_an_unclosed_url_command_is_left_to_the_decoder() -> None:
    text, links = linked_text("see \\url{https://example.org/x", "venue")
    assert "https://example.org/x" in text and links == ()
