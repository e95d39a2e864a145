"""Browsers before light-dark() (2024) drop every colour the theme gives as a light-dark() pair;
the stylesheet's fallback block gives them the same light and dark colours."""

from __future__ import annotations

import re

from generator.build.templates import THEME_DIR

CSS = (THEME_DIR / "static" / "css" / "style.css").read_text(encoding="utf-8")
FALLBACK = re.compile(r"@supports not \(color: light-dark\(#000, #fff\)\) \{(.*?)\n\}", re.S)


def declarations(rule: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+): ([^;]+);", rule))


def test_every_root_colour_has_its_light_and_dark_value_without_light_dark() -> None:
    root = CSS[CSS.index(":root {") : CSS.index("}", CSS.index(":root {"))]
    pairs = re.findall(r"(--[\w-]+): light-dark\(([^,]+), ([^)]+)\);", root)
    assert len(pairs) >= 10
    found = FALLBACK.search(CSS)
    assert found is not None, "no @supports not (color: light-dark(...)) block"
    light, forced_dark, system_dark = re.findall(r"\{ (--[^{}]*?) \}", found.group(1))
    assert declarations(light) == {name: first for name, first, _ in pairs}
    assert declarations(forced_dark) == {name: second for name, _, second in pairs}
    assert declarations(system_dark) == declarations(forced_dark)
    assert ':root[data-theme="dark"]' in found.group(1)
    assert ':root:not([data-theme="light"])' in found.group(1)  # the reader's switch beats the system
