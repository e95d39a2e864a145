"""Every formula of the gallery converts: well-formed MathML, no TeX left outside the annotation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from gallery import formulas, markdown

from generator.markdown.render import RenderOptions, render_post
from generator.math.formulas import convert_formulas

GALLERY = formulas()
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = {"amp", "lt", "gt", "quot", "apos"}


def well_formed(html: str) -> ET.Element:
    """Parse MathML as XML; HTML named entities (&ApplyFunction;) become their characters first."""
    text = _ENTITY.sub(lambda m: m.group(0) if m.group(1) in _XML_ENTITIES else unescape(m.group(0)), html)
    return ET.fromstring(text)


def presentation_text(root: ET.Element) -> str:
    """The text a reader sees: everything except the annotation (which holds the TeX on purpose)."""
    parts = []
    for element in root.iter():
        if element.tag == "annotation":
            continue
        parts.append(element.text or "")
        parts.append(element.tail or "")
    return "".join(parts)


def test_the_gallery_has_at_least_300_formulas_of_every_kind() -> None:
    assert len(GALLERY) >= 300
    assert {group for group, _, _ in GALLERY} == {"basics", "ml", "environments", "macros"}


@pytest.mark.parametrize(("group", "tex", "display"), GALLERY, ids=[f"{g}-{i}" for i, (g, _, _) in enumerate(GALLERY)])
def test_formula_converts(group: str, tex: str, display: bool) -> None:
    result = convert_formulas([(tex, display)])[0]
    assert result.problem is None, f"{tex!r}: {result.problem}"
    body = result.html[result.html.index("<math") : result.html.rindex("</math>") + len("</math>")]
    root = well_formed(body)
    assert root.tag == "math"
    assert root.find(".//merror") is None
    seen = presentation_text(root)
    assert not re.search(r"\\[A-Za-z]", seen), f"raw TeX left in {tex!r}: {seen!r}"
    annotation = root.find(".//annotation")
    assert annotation is not None and annotation.text == tex.strip()


def test_the_whole_gallery_as_one_post_renders_without_warnings() -> None:
    rendered = render_post(markdown(), RenderOptions())
    assert rendered.warnings == ()
    assert "math-error" not in rendered.html
    assert rendered.html.count("<math") == len(GALLERY)


# Formulas that must not be published: each is shown as TeX and reported.
WARNED = [
    "\\frac{a}",
    "x^{",
    "\\left( x",
    "\\notacommand",
    "\\begin{nosuchenv} x \\end{nosuchenv}",
    "a & b",
    "\\color{notacolour}{x}",
    "\\label{x} y",
    "\\widetilde",
    "\\verb|x|",
]


@pytest.mark.parametrize("tex", WARNED)
def test_bad_formula_is_warned_not_published(tex: str) -> None:
    result = convert_formulas([(tex, False)])[0]
    assert result.problem
    assert "<math" not in result.html and "math-error" in result.html
