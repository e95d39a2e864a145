"""The split math font (fonts/split_math_font.py) holds every glyph of STIX Math once, and the
stylesheet's unicode-range of each file names exactly what that file can draw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FONTS = REPO / "generator" / "theme" / "static" / "fonts"
STYLESHEET = REPO / "generator" / "theme" / "static" / "css" / "style.css"
SOURCE = REPO / "fonts" / "STIXMath-Regular.woff2"

ttLib = pytest.importorskip("fontTools.ttLib", reason="fontTools is not installed (pip install 'fonttools[woff]')")
pytest.importorskip("brotli", reason="brotli is not installed (pip install 'fonttools[woff]')")


def parse_ranges(text: str) -> set[int]:
    points: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def font_faces() -> dict[str, set[int]]:
    """File name -> the code points its @font-face rule's unicode-range names."""
    css = STYLESHEET.read_text(encoding="utf-8")
    faces = re.findall(
        r'@font-face \{ font-family: "STIX Math"; src: url\("\.\./fonts/([^"]+)"\)[^}]*unicode-range: ([^;]+);', css
    )
    return {name: parse_ranges(ranges) for name, ranges in faces}


def test_every_character_of_the_font_is_in_one_range_whose_file_draws_it() -> None:
    source = set(ttLib.TTFont(SOURCE).getBestCmap())
    faces = font_faces()
    files = {path.name for path in FONTS.glob("stix-math-*.woff2")}
    assert set(faces) == files
    assert len(files) >= 8
    claimed: set[int] = set()
    for name, points in faces.items():
        assert not points & claimed, f"{name}'s unicode-range overlaps another: {sorted(points & claimed)[:5]}"
        claimed |= points
        drawn = set(ttLib.TTFont(FONTS / name).getBestCmap())
        missing = (points & source) - drawn
        assert not missing, f"{name} cannot draw {sorted(missing)[:5]} though its unicode-range names them"
    assert source <= claimed, f"no file for {sorted(source - claimed)[:5]}"
    assert not (FONTS / "STIXMath-Regular.woff2").exists(), "the whole font would still be published"


def test_each_file_keeps_the_math_table() -> None:
    for path in FONTS.glob("stix-math-*.woff2"):
        assert "MATH" in ttLib.TTFont(path), path.name


def test_space_is_in_the_file_every_formula_loads() -> None:
    """The browser reads the math constants (fraction rules, script shifts) from the face holding U+0020."""
    faces = font_faces()
    assert 0x20 in faces["stix-math-latin.woff2"]
    assert ord("x") in faces["stix-math-latin.woff2"]
