"""tests/sites/citations: every citation spelling (pandoc and LaTeX, numeric and author-year, a
post's own bibliography) through the whole pipeline, compared with hand-checked expected HTML;
excerpts, feeds and the cache see the citations too.

Run with UPDATE_EXPECTED=1 to rewrite tests/sites/citations/expected/ from the current output;
then read the diff: every expected file must be right, not just what the code printed.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.build.entry import build_or_replay
from generator.build.pipeline import BuildOptions, BuildReport
from generator.errors import BuildError
from tests.conftest import SITES, tree_digest

SITE = SITES / "citations"
EXPECTED = SITE / "expected"
NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
POSTS = {
    "numeric": "posts/numeric/index.html",
    "author-year": "posts/author-year/index.html",
    "bundle": "posts/bundle/index.html",
}
BODY = re.compile(r'<div class="post-body">\n(.*?)\n  </div>', re.DOTALL)


def _build(site: Path, output: Path, cache: bool = True) -> BuildReport:
    """As `blog build` does: a build with nothing changed is answered from the no-change record."""
    return build_or_replay(BuildOptions(source=site, output=output, now=NOW, use_cache=cache))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    site = tmp_path_factory.mktemp("citations") / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    report = _build(site, site / "public")
    return site / "public", report


@pytest.mark.parametrize("name", sorted(POSTS))
def test_post_body_is_the_expected_html(built: tuple[Path, BuildReport], name: str) -> None:
    output, _ = built
    found = BODY.search((output / POSTS[name]).read_text(encoding="utf-8"))
    assert found is not None
    expected = EXPECTED / f"{name}.html"
    if os.environ.get("UPDATE_EXPECTED"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(found.group(1) + "\n", encoding="utf-8")
    assert found.group(1) + "\n" == expected.read_text(encoding="utf-8")


def test_missing_keys_warn_with_file_and_line(built: tuple[Path, BuildReport]) -> None:
    _, report = built
    cited = sorted(str(w) for w in report.warnings if "citation key" in str(w))
    assert cited == [
        "content/posts/numeric.md:13: citation key 'ghost' is not in any bibliography this post sees "
        "(a key of references.bib or of the post's `bibliography:` files)",
        "content/posts/numeric.md:13: citation key 'nobody2020' is not in any bibliography this post sees "
        "(a key of references.bib or of the post's `bibliography:` files)",
    ]


def test_only_pages_with_citations_load_the_popover_script(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    assert 'src="/js/cite.js"' in (output / POSTS["numeric"]).read_text(encoding="utf-8")
    assert "cite.js" not in (output / "index.html").read_text(encoding="utf-8")
    assert (output / "js" / "cite.js").is_file()


def test_excerpts_show_numbers_never_raw_keys(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "Transformer [1]，两篇 [1; 2, p. 3]" in index
    assert "自注意力 (Vaswani et al., 2017)" in index
    assert "[@vaswani2017; @he2016" not in index and "\\cite{vaswani2017,he2016}" not in index
    assert "LaTeX 写法：[1, 2]，[3]，Goodfellow et al. [4]" in index


def test_feeds_carry_the_references(built: tuple[Path, BuildReport]) -> None:
    output, _ = built
    feed = (output / "atom.xml").read_text(encoding="utf-8")
    assert "Attention Is All You Need" in feed
    assert "https://arxiv.org/abs/1706.03762" in feed


def test_editing_one_entry_rerenders_only_the_posts_citing_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    first = _build(site, site / "public")
    assert first.rendered_posts == 3
    bib = site / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Deep Learning}", "Deep Learning, 2nd ed.}"), "utf-8")
    warm = _build(site, site / "public")
    assert warm.rendered_posts == 2  # numeric and author-year cite goodfellow2016; the bundle does not
    assert "Deep Learning, 2nd ed." in (site / "public" / POSTS["author-year"]).read_text(encoding="utf-8")
    _build(site, tmp_path / "cold", cache=False)
    assert tree_digest(site / "public") == tree_digest(tmp_path / "cold")
    again = _build(site, site / "public")  # nothing changed: the no-change record replays it
    assert set(again.stages) == {"unchanged"}


def test_a_warm_build_searches_only_the_changed_posts_for_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a site-wide .bib every body is searched for citation keys: a warm build read every post
    again for it, and converted every notebook again (0.58 s of a real fastpages blog's edit)."""
    from generator.content import bibliography

    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    _build(site, site / "public")
    post = site / "content" / "posts" / "numeric.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n再加一句。\n", "utf-8")
    searched: list[str] = []
    reading = bibliography.body_of
    monkeypatch.setattr(
        bibliography, "body_of", lambda post, config: searched.append(post.source) or reading(post, config)
    )
    warm = _build(site, site / "public")
    assert warm.rendered_posts == 1 and searched == ["content/posts/numeric.md"]
    monkeypatch.undo()
    _build(site, tmp_path / "cold", cache=False)
    assert tree_digest(site / "public") == tree_digest(tmp_path / "cold")


def test_a_broken_bib_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    (site / "content/posts/bundle/own.bib").write_text("@article{a,\n  title = {x},\n  year = {2020\n", "utf-8")
    with pytest.raises(BuildError) as failed:
        _build(site, site / "public")
    messages = [str(d) for d in failed.value.diagnostics if d.is_error]
    assert len(messages) == 1
    assert messages[0].startswith("content/posts/bundle/own.bib:")
    assert "cannot read the bibliography" in messages[0]


def test_a_missing_bibliography_file_names_the_post(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    post = site / "content/posts/bundle/index.md"
    post.write_text(post.read_text(encoding="utf-8").replace("own.bib", "gone.bib"), "utf-8")
    with pytest.raises(BuildError) as failed:
        _build(site, site / "public")
    assert [str(d) for d in failed.value.diagnostics if d.is_error] == [
        "content/posts/bundle/index.md:5: bibliography file 'gone.bib' not found (looked for "
        "content/posts/bundle/gone.bib, gone.bib, static/assets/bibliography/gone.bib) "
        "(a path relative to the post's folder or the site root, or al-folio's assets/bibliography/ "
        "copied to static/assets/bibliography/)"
    ]


def test_search_reads_the_reference_titles(built: tuple[Path, BuildReport]) -> None:
    from generator.search.text import searchable_text, terms_of

    output, _ = built
    html = BODY.search((output / POSTS["author-year"]).read_text(encoding="utf-8"))
    assert html is not None
    terms = terms_of(searchable_text(html.group(1)))
    assert {"smoothing", "goodfellow", "深度", "残差"} <= set(terms)
    assert "cite" not in terms  # markup is not indexed


SLIPS = r"""
@misc{he2016,
  title = {A second entry under a key already used},
}
@misc{twonotes,
  title = {Two Notes},
  url   = {https://first.example.org},
  url   = {https://second.example.org},
}
@misc{commas,
  title  = {Too Many Commas},
  author = {Mattu, Julia Angwin, Lauren Kirchner, Surya},
}
"""


def test_entries_bibtex_reads_past_are_warnings_and_their_citations_resolve(tmp_path: Path) -> None:
    """A repeated key, a repeated field and a name list pybtex cannot split stopped the whole
    build; BibTeX warns, keeps the first entry or value, and goes on, and so does this build."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    bib = site / "references.bib"
    before = bib.read_text(encoding="utf-8").count("\n")
    bib.write_text(bib.read_text(encoding="utf-8") + SLIPS, "utf-8")
    post = site / "content/posts/slips.md"
    post.write_text("---\ntitle: 引用\ndate: 2024-03-02\ntags: [测试]\n---\n\n[@he2016; @twonotes; @commas]\n", "utf-8")
    report = _build(site, site / "public")
    kept = sorted(str(w) for w in report.warnings if w.path == "references.bib")
    assert kept == [
        f"references.bib:{before + 2}: repeated bibliography entry 'he2016': the first, at line 16, is kept "
        "and this one skipped (one entry per key)",
        f"references.bib:{before + 8}: entry 'twonotes' has the 'url' field twice: the first value is kept "
        "and this one skipped (one value per field)",
        f"references.bib:{before + 12}: the author list of 'commas' cannot be split into names (Too many "
        "commas in 'Mattu, Julia Angwin, Lauren Kirchner, Surya'): shown as written (names joined by 'and': "
        "Family, Given and Family, Given)",
    ]
    html = (site / "public/posts/slips/index.html").read_text(encoding="utf-8")
    assert "深度残差学习用于图像识别" in html and "A second entry" not in html
    assert "https://first.example.org" in html and "second.example.org" not in html
    assert "Mattu, Julia Angwin, Lauren Kirchner, Surya" in html and "[?" not in html
    warm = _build(site, site / "public")  # the no-change record replays the same warnings
    assert sorted(str(w) for w in warm.warnings if w.path == "references.bib") == kept


def _missing_key_warnings(report: BuildReport) -> list[str]:
    return sorted(str(w) for w in report.warnings if "is not in any bibliography" in str(w))


def test_a_scholar_folder_added_or_removed_after_a_build_is_a_change(tmp_path: Path) -> None:
    """jekyll-scholar's `_bibliography/`, copied in after a first build (as a move usually goes): the
    next build used to replay the old warnings ("Nothing changed") until --no-cache."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    entries = (site / "references.bib").read_text(encoding="utf-8")
    (site / "references.bib").unlink()
    before = _build(site, site / "public")
    assert "content/posts/author-year.md:8: citation key 'vaswani2017'" in " ".join(_missing_key_warnings(before))
    (site / "_bibliography").mkdir()
    (site / "_bibliography" / "papers.bib").write_text(entries, encoding="utf-8")
    added = _build(site, site / "public")
    assert "unchanged" not in added.stages
    assert _missing_key_warnings(added) == _missing_key_warnings(_build(site, tmp_path / "cold", cache=False))
    assert "Attention Is All You Need" in (site / "public" / POSTS["author-year"]).read_text(encoding="utf-8")
    assert tree_digest(site / "public") == tree_digest(tmp_path / "cold")
    assert set(_build(site, site / "public").stages) == {"unchanged"}  # and then replayed again
    shutil.rmtree(site / "_bibliography")
    removed = _build(site, site / "public")
    assert "unchanged" not in removed.stages
    assert _missing_key_warnings(removed) == _missing_key_warnings(before)


def test_a_post_bibliography_appearing_where_it_is_looked_for_first_is_a_change(tmp_path: Path) -> None:
    """A post's `bibliography:` name is looked for at the site root before static/assets/bibliography/:
    a file put at the root after a build that read the other one changes what the post cites."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    own = site / "content/posts/bundle/own.bib"
    text = own.read_text(encoding="utf-8")
    (site / "static/assets/bibliography").mkdir(parents=True)
    own.rename(site / "static/assets/bibliography/own.bib")
    _build(site, site / "public")
    assert "Stochastic Optimization" in (site / "public" / POSTS["bundle"]).read_text(encoding="utf-8")
    (site / "own.bib").write_text(text.replace("Stochastic Optimization", "Stochastic Steps"), encoding="utf-8")
    again = _build(site, site / "public")
    assert "unchanged" not in again.stages
    assert "Stochastic Steps" in (site / "public" / POSTS["bundle"]).read_text(encoding="utf-8")


def test_a_scholar_cite_in_an_html_caption_is_a_citation_like_the_others(tmp_path: Path) -> None:
    """A Jekyll post's `{% cite %}` inside a raw `<div>` was published as the text `\\cite{key}`, unwarned."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("expected"))
    (site / "content/posts/scholar.md").write_text(
        "---\nlayout: post\ntitle: 专利数据\ndate: 2022-02-05\ntags: [数据]\n---\n\n"
        "残差网络 {% cite he2016 %} 之后。\n\n"
        '<div class="table-caption">\n<span class="table-caption-label">表 1.</span> '
        "能做什么 {% cite vaswani2017 he2016 %}，还有 {% cite ghost2020 %}。\n</div>\n",
        encoding="utf-8",
    )
    report = _build(site, site / "public")
    page = (site / "public/posts/scholar/index.html").read_text(encoding="utf-8")
    assert "\\cite" not in page
    link = '<a class="cite-link" href="#ref-{0}" aria-describedby="ref-{0}">{1}</a>'
    assert (
        f'能做什么 <span class="citation">[{link.format("vaswani2017", 2)}, {link.format("he2016", 1)}]</span>' in page
    )
    assert page.count('<li id="ref-') == 2
    assert "content/posts/scholar.md:11: citation key 'ghost2020' is not in any bibliography this post sees" in [
        str(w).split(" (")[0] for w in report.warnings
    ]
