"""An al-folio blog (the academic Jekyll theme; ICLR's blog-post track is one) moved in: its posts
in content/posts/, its `assets/` folder copied to static/assets/. Its figures are
`{% include figure.html path=… %}` (in rows of `<div class="col-sm">` more often than not), its
citations distill's `<d-cite key=…>` or jekyll-scholar's `{% cite %}`, its notes `<d-footnote>`, and
each post names its own .bib file, kept in assets/bibliography/. All of it must show."""

from __future__ import annotations

import pickle
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from generator.build.pipeline import BuildOptions, build
from generator.dialects.migrate import convert_shortcodes
from generator.errors import BuildError

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))
BIB = """@article{vaswani2017attention, author = {Ashish Vaswani and Noam Shazeer}, title = {Attention Is All You Need},
  journal = {NeurIPS}, year = {2017}}
@article{DBLP:conf/iclr/PressSL22, author = {Ofir Press}, title = {Train Short, Test Long}, journal = {ICLR}, year = {2022}}
@article{he2016, author = {Kaiming He}, title = {Deep Residual Learning}, journal = {CVPR}, year = {2016}}
"""


def convert(body: str) -> tuple[str, list[str]]:
    text, findings = convert_shortcodes(body, "p.md")
    return text, [f.kind for f in findings if not f.converted]


# ---- the converter, a pure function ----------------------------------------------------


def test_a_figure_include_alone_is_a_markdown_image_with_its_caption() -> None:
    text, left = convert(
        'a\n\n{% include figure.html path="assets/img/2024-05-07-x/fig.png" class="img-fluid" '
        'caption="Loss, left" zoomable=true %}\n\nb\n'
    )
    assert text == 'a\n\n![Loss, left](/assets/img/2024-05-07-x/fig.png "Loss, left")\n\nb\n'
    assert left == []
    text, _ = convert('{% include figure.liquid loading="eager" path="/assets/img/a b.png" title="T" class="x" %}\n')
    assert text == "![T](</assets/img/a b.png>)\n"


def test_a_figure_include_in_an_html_block_is_one_line_of_marked_html() -> None:
    body = (
        '<div class="row mt-3">\n    <div class="col-sm mt-3 mt-md-0">\n'
        '        {% include figure.html path="assets/img/x/9.jpg" class="img-fluid rounded" caption="Nine <b>bold</b>" '
        "width=width %}\n    </div>\n</div>\n"
    )
    text, left = convert(body)
    assert text.count("\n") == body.count("\n")
    assert (
        '        <figure><img src="/assets/img/x/9.jpg" data-site-src alt="Nine &lt;b&gt;bold&lt;/b&gt;" loading="lazy">'
        "<figcaption>Nine <b>bold</b></figcaption></figure>\n" in text
    )
    assert left == []
    video, _ = convert(
        '{% include video.liquid path="assets/video/v.mp4" class="img-fluid" autoplay=true muted=true %}\n'
    )
    assert (
        video == '<figure><video src="/assets/video/v.mp4" data-site-src autoplay muted playsinline></video></figure>\n'
    )


def test_other_includes_are_still_left_as_written() -> None:
    text, left = convert('{% include footer.html %} {% include figure.html class="x" %}\n')
    assert text == '{% include footer.html %} {% include figure.html class="x" %}\n'
    assert left == ["jekyll:liquid:include", "jekyll:liquid:include"]


def test_distill_citations_become_citations_and_keep_the_line_count() -> None:
    body = (
        'As shown<d-cite key="vaswani2017attention"></d-cite><d-cite key=he2016></d-cite>, and '
        '<d-cite key="a,\n  b"></d-cite> or <d-cite key="c"/>.\n'
    )
    text, left = convert(body)
    assert text == "As shown\\cite{vaswani2017attention}\\cite{he2016}, and \\cite{a,b\n} or \\cite{c}.\n"
    assert left == []


def test_distill_footnotes_become_inline_footnotes_their_citations_too() -> None:
    text, left = convert('x<d-footnote>See <d-cite key="he2016"></d-cite>\nfor more.</d-footnote> y\n')
    assert text == "x^[See \\cite{he2016}\nfor more.] y\n"
    assert left == []


def test_distill_elements_in_an_html_block_or_unreadable_are_kept_and_said() -> None:
    text, left = convert('<div class="caption">\n  From <d-cite key="he2016"></d-cite>.\n</div>\n\nz<d-footnote>open\n')
    assert '<d-cite key="he2016"></d-cite>' in text and "<d-footnote>open" in text
    assert left == ["distill:element:d-cite", "distill:element:d-footnote:unclosed"]


def test_jekyll_scholar_cite_and_bibliography() -> None:
    text, left = convert("A {% cite he2016 vaswani2017attention --locator 23 %}.\n\n{% bibliography --cited %}\n")
    assert text == "A \\cite[23]{he2016,vaswani2017attention}.\n\n\n"
    assert left == []


def test_raw_text_that_looks_like_a_citation_stays_literal() -> None:
    text, _ = convert(
        "Use {% raw %}\\cite{ \\<whatever> }{% endraw %}, not {% raw %}[@key] or $\\cite{x}${% endraw %}.\n"
    )
    assert text == "Use &#92;cite{ \\<whatever> }, not [&#64;key] or $\\cite{x}$.\n"


# ---- a whole site ----------------------------------------------------------------------


def alfolio_site(site: Path, base_url: str = "https://e.org/blog/") -> None:
    posts = site / "content/posts"
    posts.mkdir(parents=True)
    (site / "site.toml").write_text(f'title = "t"\nbase_url = "{base_url}"\n', encoding="utf-8")
    bibliography = site / "static/assets/bibliography"
    bibliography.mkdir(parents=True)
    (bibliography / "2024-05-07-x.bib").write_text(BIB, encoding="utf-8")
    images = site / "static/assets/img/2024-05-07-x"
    images.mkdir(parents=True)
    Image.new("RGB", (30, 20), "red").save(images / "fig.png")
    Image.new("RGB", (12, 10), "blue").save(images / "9.jpg")
    (posts / "2024-05-07-x.md").write_text(
        "---\nlayout: distill\ntitle: X\ntags: [ml]\nbibliography: 2024-05-07-x.bib\n---\n"
        'Attention<d-cite key="vaswani2017attention"></d-cite> and ALiBi<d-cite key="DBLP:conf/iclr/PressSL22,he2016">'
        "</d-cite>.<d-footnote>A note.</d-footnote> {% cite he2016 %} <d-cite key=nokey></d-cite>\n\n"
        '{% include figure.html path="assets/img/2024-05-07-x/fig.png" class="img-fluid" caption="Loss" %}\n\n'
        '<div class="row mt-3">\n    <div class="col-sm mt-3 mt-md-0">\n'
        '        {% include figure.html path="assets/img/2024-05-07-x/9.jpg" class="img-fluid" %}\n'
        '        {% include figure.html path="assets/img/2024-05-07-x/gone.png" class="img-fluid" %}\n'
        "    </div>\n</div>\n\n{% bibliography %}\n",
        encoding="utf-8",
    )


def test_an_alfolio_post_shows_its_figures_citations_and_notes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    alfolio_site(site)
    report = build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False, search_index=False))
    warnings = sorted(str(w) for w in report.warnings)
    assert [w for w in warnings if "not found" in w or "citation key" in w or "left as written" in w] == [
        "content/posts/2024-05-07-x.md:14: image '/assets/img/2024-05-07-x/gone.png' not found "
        "(a file under static/; al-folio's assets/ belongs in static/assets/)",
        "content/posts/2024-05-07-x.md:7: citation key 'nokey' is not in any bibliography this post sees "
        "(a key of references.bib or of the post's `bibliography:` files)",
    ]
    html = (tmp_path / "out/posts/x/index.html").read_text(encoding="utf-8")
    assert '<img src="/blog/assets/img/2024-05-07-x/fig.png" alt="Loss" title="Loss" width="30" height="20" />' in html
    assert "<figcaption>Loss</figcaption>" in html
    assert (
        '<figure><img src="/blog/assets/img/2024-05-07-x/9.jpg" width="12" height="10" alt="" loading="lazy">' in html
    )
    assert "data-site-src" not in html and "d-cite" not in html and "d-footnote" not in html
    assert html.count('class="citation"') == 4
    assert "Attention Is All You Need" in html and "Train Short, Test Long" in html
    assert re.search(r'<li id="fn1" class="footnote-item"><p>A note\.', html)


def test_a_bibliography_found_nowhere_names_where_it_was_looked_for(tmp_path: Path) -> None:
    site = tmp_path / "site"
    alfolio_site(site)
    (site / "static/assets/bibliography/2024-05-07-x.bib").unlink()
    with pytest.raises(BuildError) as failed:
        build(BuildOptions(source=site, output=tmp_path / "out", now=NOW, use_cache=False, search_index=False))
    assert [str(e) for e in failed.value.errors] == [
        "content/posts/2024-05-07-x.md:5: bibliography file '2024-05-07-x.bib' not found (looked for "
        "content/posts/2024-05-07-x.bib, 2024-05-07-x.bib, static/assets/bibliography/2024-05-07-x.bib) "
        "(a path relative to the post's folder or the site root, or al-folio's assets/bibliography/ copied to "
        "static/assets/bibliography/)"
    ]


def test_a_warm_build_after_an_upgrade_sizes_the_images_a_converter_now_writes(tmp_path: Path) -> None:
    """The image URLs a body shows are remembered by the source's hash; a new converter (an
    upgrade) finds other URLs in the same source, so the memo must not outlive our code."""
    site = tmp_path / "site"
    alfolio_site(site)
    build(BuildOptions(source=site, output=tmp_path / "cold", now=NOW, use_cache=False, search_index=False))
    build(BuildOptions(source=site, output=tmp_path / "warm", now=NOW, search_index=False))
    index = site / ".cache/blog/index.pickle"
    data = pickle.loads(index.read_bytes())
    data["figures"]["urls"] = {digest: () for digest in data["figures"]["urls"]}  # what an older converter found
    data["code"] = "an older generator"
    index.write_bytes(pickle.dumps(data))
    (site / "content/posts/2024-05-07-x.md").touch()
    build(BuildOptions(source=site, output=tmp_path / "warm", now=NOW, search_index=False))
    page = "posts/x/index.html"
    assert (tmp_path / "warm" / page).read_bytes() == (tmp_path / "cold" / page).read_bytes()
