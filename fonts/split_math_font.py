"""Split STIX Math into small files by Unicode range, so a page downloads only the glyphs it shows.

Why: the whole font is 262 KB, four fifths of the bytes of a page with one inline formula. The
browser fetches a face of a `unicode-range` family only when the page renders a character in its
range, so a post about attention that uses ASCII, italic letters and a few operators downloads
three or four small files instead of the whole font. Each file keeps the OpenType MATH table for
its glyphs (fontTools' subsetter follows the size variants and assembly parts of every kept glyph),
so stretchy brackets, radicals and big operators still stretch; the file holding U+0020 carries
the math constants the browser reads from the first face.

This is a maintainer's tool, run when the source font or the split changes; its output is
committed under generator/theme/static/fonts/ and the @font-face block of style.css. It needs
fontTools and brotli (`pip install 'fonttools[woff]'`), which a site build never does.

    python3 fonts/split_math_font.py
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "STIXMath-Regular.woff2"
THEME = HERE.parent / "generator" / "theme" / "static"
FONTS = THEME / "fonts"
STYLESHEET = THEME / "css" / "style.css"
FAMILY = "STIX Math"
START = "/* math-font:start (written by fonts/split_math_font.py) */"
END = "/* math-font:end */"
# A unicode-range may bridge this many code points the font lacks (a CJK character in \text{} is
# far from any of them, so it never makes the browser fetch a math file it cannot use).
MAX_GAP = 16

# Ranges chosen by what ML posts write: every formula needs `latin`; a single-letter variable is
# drawn from `italic` (the browser maps <mi>x</mi> to U+1D465); \mathbf, \mathbb, \mathcal, \mathfrak
# each pull one small file. Everything the table does not name goes to `rest`.
# The operators and signs most ML formulas write are drawn from `latin`, so a page with one minus
# or one times sign does not fetch a whole block for it (the big operators, ∑ with its large sizes,
# keep their own file: the index has none).
COMMON = [  # chosen by how many of the sample blog's 40 posts use each (− 32, × 19, ⊤ 13, ⋅ 11, ∈ 11, ≈ 8 …)
    *(0x00A0, 0x00B1, 0x00B7, 0x00D7),  # no-break space ± · ×
    *(0x2202, 0x2205, 0x2207, 0x2208, 0x2209, 0x2212, 0x2217, 0x2218, 0x221A, 0x221D, 0x221E, 0x2223, 0x2225),
    *(0x223C, 0x2248, 0x2260, 0x2261, 0x2264, 0x2265, 0x226A, 0x226B, 0x2299, 0x22A4, 0x22C5, 0x22EF),
    *(0x2190, 0x2192, 0x21A6, 0x21D2, 0x27E8, 0x27E9),  # ← → ↦ ⇒ ⟨ ⟩
]

SUBSETS: dict[str, list[tuple[int, int]]] = {
    "latin": [(0x0000, 0x007F), (0x2000, 0x206F), *((cp, cp) for cp in COMMON)],
    "accents": [(0x02B0, 0x02FF), (0x0300, 0x036F), (0x20D0, 0x20FF)],  # \hat is U+02C6, \tilde U+02DC
    "greek": [(0x0370, 0x03FF)],
    # Each alphabet split by case and script: a page with 𝐱 and 𝔼 fetches a quarter of the bold
    # and double-struck letters, not all of them.
    "italic": [(0x1D44E, 0x1D467), (0x210E, 0x210E)],
    "italic-upper": [(0x1D434, 0x1D44D)],
    "italic-greek": [(0x1D6E2, 0x1D71B)],
    "bold": [(0x1D41A, 0x1D433)],
    "bold-upper": [(0x1D400, 0x1D419), (0x1D7CE, 0x1D7D7)],
    "bold-greek": [(0x1D6A8, 0x1D6E1)],
    "bold-italic": [(0x1D468, 0x1D49B), (0x1D71C, 0x1D755)],
    "script": [
        (0x1D49C, 0x1D503),
        (0xFE00, 0xFE0F),  # variation selectors: ℒ︀ (U+2112 U+FE00) asks for the chancery form
        (0x210A, 0x210B),
        (0x2110, 0x2110),
        (0x2112, 0x2113),
        (0x211B, 0x211B),
        (0x212C, 0x212C),
        (0x212F, 0x2131),
        (0x2133, 0x2134),
    ],
    "fraktur": [
        (0x1D504, 0x1D537),
        (0x1D56C, 0x1D59F),
        (0x210C, 0x210C),
        (0x2111, 0x2111),
        (0x211C, 0x211C),
        (0x2128, 0x2128),
        (0x212D, 0x212D),
    ],
    "double-struck": [  # ℝ, ℕ, 𝔼, 𝟙: the capitals and digits
        (0x1D538, 0x1D551),
        (0x1D7D8, 0x1D7E1),
        (0x2102, 0x2102),
        (0x210D, 0x210D),
        (0x2115, 0x2115),
        (0x2119, 0x211A),
        (0x211D, 0x211D),
        (0x2124, 0x2124),
    ],
    "double-struck-more": [(0x1D552, 0x1D56B), (0x213C, 0x2140), (0x2145, 0x2149)],
    "big-operators": [(0x220F, 0x2211), (0x222B, 0x2233), (0x22C0, 0x22C3), (0x2A00, 0x2A1C)],
    "latin-1": [(0x0080, 0x00FF)],
    "operators": [(0x2200, 0x220E), (0x2212, 0x222A), (0x2234, 0x22BF), (0x22C4, 0x22FF)],
    "arrows": [(0x2190, 0x21FF), (0x2300, 0x23FF), (0x27C0, 0x27FF), (0x2980, 0x29FF)],
}


def split(source: Path = SOURCE) -> dict[str, set[int]]:
    """Every code point of the source font, assigned to exactly one file name."""
    cmap = set(TTFont(source).getBestCmap())
    assigned: dict[str, set[int]] = {}
    taken: set[int] = set()
    for name, ranges in SUBSETS.items():
        points = {cp for first, last in ranges for cp in range(first, last + 1) if cp in cmap}
        if name != "latin":
            points -= set(COMMON)  # drawn from `latin`
        if points & taken:
            raise SystemExit(f"subset {name} overlaps an earlier one: {sorted(points & taken)[:5]}")
        assigned[name] = points
        taken |= points
    assigned["rest"] = cmap - taken
    return assigned


def as_ranges(points: set[int], others: set[int]) -> list[tuple[int, int]]:
    """Code points as few closed ranges (for unicode-range): a range may span code points the font
    does not have at all, up to a short gap, but never one that another file holds."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(points):
        gap = range(ranges[-1][1] + 1, cp) if ranges else range(0)
        if ranges and len(gap) <= MAX_GAP and not any(g in others for g in gap):
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return ranges


def unicode_range(points: set[int], others: set[int]) -> str:
    return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in as_ranges(points, others))


def subset_bytes(source: Path, points: set[int]) -> bytes:
    """One WOFF2 file with the glyphs of `points`, their MATH variants and all layout features."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # same input, same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_face_css(assigned: dict[str, set[int]]) -> str:
    rules = [START]
    every = set().union(*assigned.values())
    for name, points in assigned.items():
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; src: url("../fonts/stix-math-{name}.woff2") format("woff2");'
            f" font-display: swap; unicode-range: {unicode_range(points, every - points)}; }}"
        )
    rules.append(END)
    return "\n".join(rules)


def main() -> None:
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset": a FontForge timestamp
    assigned = split()
    for old in FONTS.glob("stix-math-*.woff2"):
        old.unlink()
    for name, points in assigned.items():
        data = subset_bytes(SOURCE, points)
        (FONTS / f"stix-math-{name}.woff2").write_bytes(data)
        print(f"stix-math-{name}.woff2: {len(points)} code points, {len(data):,} bytes")
    css = STYLESHEET.read_text(encoding="utf-8")
    block = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if not block.search(css):
        raise SystemExit(f"{STYLESHEET}: no {START} ... {END} block to replace")
    STYLESHEET.write_text(block.sub(lambda _: font_face_css(assigned), css), encoding="utf-8")


if __name__ == "__main__":
    main()
