"""Which split math-font files a page preloads: every file whose unicode-range holds a character
its formulas show, and no other (the faces are looked up by bisection, checked here against
testing every range)."""

from __future__ import annotations

from generator.build.templates import math_font_faces, math_fonts


def _every_range(codes: set[int]) -> list[str]:
    return [
        f"/fonts/{name}"
        for name, spans in math_font_faces()
        if any(first <= code <= last for code in codes for first, last in spans)
    ]


def test_a_page_without_formulas_preloads_nothing() -> None:
    assert math_fonts("<p>x + 1</p>") == []


def test_the_files_are_those_whose_ranges_hold_the_shown_characters() -> None:
    html = (
        '<p>a</p><math display="block"><mi>x</mi><mo>∑</mo><mn>1</mn><mo>&lt;</mo><mi>β</mi>'
        '<annotation encoding="application/x-tex">\\sum \\beta</annotation></math>'
    )
    # x and β are drawn italic (U+1D465, U+1D6FD); the annotation is not shown; the space gives the constants
    codes = {ord(c) for c in "x∑1<β "} | {0x1D465, 0x1D6FD}
    expected = _every_range(codes)
    assert math_fonts(html) == expected
    assert len(expected) >= 2  # the formula spans more than one file of the split font


def test_each_single_range_boundary_is_found() -> None:
    for name, spans in math_font_faces():
        for first, last in spans:
            for code in (first, last):
                html = f"<math><mo>&#x{code:x};</mo></math>"
                assert f"/fonts/{name}" in math_fonts(html)
                assert math_fonts(html) == _every_range({code, 0x20})


def test_a_page_needs_the_files_of_all_its_formulas_each_read_once() -> None:
    first, second = "<math><mi>x</mi></math>", "<math><mo>∑</mo></math>"
    both = math_fonts(f"<p>{first}</p><p>{second}</p><p>{first}</p>")
    assert both == _every_range({ord("∑"), 0x1D465, 0x20})
    assert math_fonts(first) == _every_range({0x1D465, 0x20})  # the formula's faces kept from the page above
