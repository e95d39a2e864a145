"""Reading BibTeX: decoded text, names, links, and errors that name the line."""

from __future__ import annotations

import pytest

from generator.content.bibliography import Author, BibProblem, candidate_keys, parse_bib

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


def test_a_repeated_key_names_its_second_line() -> None:
    with pytest.raises(BibProblem) as problem:
        parse_bib("@article{a, title={x}}\n\n@article{a, title={y}}\n", "refs.bib")
    assert problem.value.diagnostic.line == 3
    assert "repeated bibliography entry: a" in problem.value.diagnostic.message


def test_an_undefined_string_macro_names_the_line() -> None:
    with pytest.raises(BibProblem) as problem:
        parse_bib("@article{a,\n  journal = nosuchmacro,\n}\n", "refs.bib")
    assert problem.value.diagnostic.line == 2


def test_candidate_keys_skip_cross_references_and_read_cite_lists() -> None:
    body = r"See [@a; @b, p. 3], @fig:loss, @c. \citep[p.~3]{d, e} and \citet{f}; mail x@y.org"
    assert candidate_keys(body) == {"a", "b", "c", "d", "e", "f", "y.org"}
    assert candidate_keys("no citations here") == set()
