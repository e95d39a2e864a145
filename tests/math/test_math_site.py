"""Math through the whole build: site macros, warnings with file:line, feeds, search, the cache."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build.pipeline import BuildOptions, build
from generator.config.settings import parse_config
from generator.errors import BuildError
from generator.search.index import unpacked

ATOM = "{http://www.w3.org/2005/Atom}"
POST = textwrap.dedent(
    """\
    ---
    title: 宏与编号
    date: 2024-03-01
    tags: [数学]
    ---

    由式 \\eqref{eq:elbo} 可知，期望 $\\E_{q}[\\vect{z}]$ 有界。

    \\begin{equation}
    \\log p(x) \\ge \\E_{q}\\left[\\log p(x, z) - \\log q(z)\\right] \\label{eq:elbo}
    \\end{equation}

    这里引用了一个不存在的式 \\eqref{eq:nowhere}。
    """
)


def make_site(root: Path, macros: str = '"\\\\mathop{\\\\mathbb{E}}"', search: bool = False) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "content" / "posts" / "elbo.md").write_text(POST, encoding="utf-8")
    (root / "site.toml").write_text(
        f'title = "t"\nbase_url = "https://example.org/"\nsearch = {str(search).lower()}\n\n'
        f'[math.macros]\nE = {macros}\nvect = ["\\\\boldsymbol{{#1}}", 1]\n',
        encoding="utf-8",
    )
    return root


def test_site_macros_numbers_references_and_an_unknown_label_warning(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    report = build(BuildOptions(source=site, use_cache=False, search_index=False))
    html = (report.output / "posts" / "elbo" / "index.html").read_text(encoding="utf-8")
    assert "math-error" not in html
    assert "𝔼" in html and "<mi>𝒛</mi>" in html
    assert '<a class="math-ref" href="#eq-eq:elbo">(1)</a>' in html and 'id="eq-eq:elbo"' in html
    messages = [(d.path, d.line, d.message) for d in report.warnings if "label" in d.message]
    assert messages == [
        ("content/posts/elbo.md", 13, "formula $\\eqref{eq:nowhere}$: unknown label 'eq:nowhere' in a reference")
    ]


def test_feeds_carry_the_tex_as_annotation(tmp_path: Path) -> None:
    report = build(BuildOptions(source=make_site(tmp_path), use_cache=False, search_index=False))
    root = ET.parse(report.output / "atom.xml").getroot()
    content = root.find(f"{ATOM}entry/{ATOM}content")
    assert content is not None and content.text is not None
    assert '<annotation encoding="application/x-tex">\\begin{equation}\n\\log p(x) \\ge' in content.text
    assert "<math" in content.text


def test_changing_a_site_macro_re_renders_the_post(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    first = build(BuildOptions(source=site, search_index=False))
    assert first.rendered_posts == 1
    text = (site / "site.toml").read_text(encoding="utf-8").replace("\\\\mathbb{E}", "\\\\mathrm{E}")
    (site / "site.toml").write_text(text, encoding="utf-8")
    second = build(BuildOptions(source=site, search_index=False))
    assert second.rendered_posts == 1
    html = (second.output / "posts" / "elbo" / "index.html").read_text(encoding="utf-8")
    assert "𝔼" not in html


def test_bad_math_config_is_named() -> None:
    with pytest.raises(BuildError) as raised:
        parse_config('[math.macros]\n"bad name" = "x"\n', Path("/tmp"))
    assert "math macro 'bad name'" in raised.value.diagnostics[0].message
    _config, warnings = parse_config("[math]\nmacro = {}\n", Path("/tmp"))
    assert "unknown key 'math.macro'" in warnings[0].message


def test_search_index_gets_the_tex_not_mathml_noise(tmp_path: Path) -> None:
    report = build(BuildOptions(source=make_site(tmp_path, search=True), use_cache=False))
    contents = []
    for fragment in (report.output / "search-index" / "f").glob("*.bin"):
        contents.append(unpacked(fragment.read_bytes())["text"])
    text = " ".join(contents)
    assert "\\log p(x) \\ge" in text
    assert "𝔼" not in text  # the MathML's characters are not indexed
