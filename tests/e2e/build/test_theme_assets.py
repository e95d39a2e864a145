"""The theme's own CSS and JS are published minified; a site's static/ files byte for byte."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.templates import THEME_DIR
from generator.build.theme_assets import is_minified, minified

THEME_STATIC = THEME_DIR / "static"


def test_every_theme_stylesheet_and_script_is_minified_and_keeps_working_text() -> None:
    sources = sorted(p for p in THEME_STATIC.rglob("*") if p.suffix in (".css", ".js"))
    assert {p.name for p in sources} >= {"style.css", "theme.js", "search.js"}
    for source in sources:
        assert is_minified(source)
        text = source.read_text(encoding="utf-8")
        small = minified(source).decode("utf-8")
        assert len(small) < 0.9 * len(text), source.name  # the comments and indentation are gone
        assert "/* " not in small, source.name
        # What the browser runs is kept: every string literal of the source survives as written.
        for literal in ('"search-index/"', '"(prefers-color-scheme: dark)"', "light-dark("):
            if literal in text:
                assert literal in small, (source.name, literal)


def test_a_site_file_is_never_minified(tmp_path: Path) -> None:
    mine = tmp_path / "static" / "css" / "style.css"
    mine.parent.mkdir(parents=True)
    mine.write_text("/* mine */\nbody { color: red; }\n", encoding="utf-8")
    assert not is_minified(mine)
    assert not is_minified(THEME_STATIC / "favicon.svg")


def test_the_build_publishes_the_theme_minified_and_the_site_as_written(
    copy_site: Callable[[str], Path], cli: Callable[..., Any]
) -> None:
    site = copy_site("basic")
    extra = site / "static" / "css" / "extra.css"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text("/* the writer's note */\n.x { color: red; }\n", encoding="utf-8")
    first = cli("build", "-s", str(site))
    assert first.returncode == 0, first.stderr
    output = site / "public"
    assert (output / "css" / "style.css").read_bytes() == minified(THEME_STATIC / "css" / "style.css")
    assert (output / "js" / "theme.js").read_bytes() == minified(THEME_STATIC / "js" / "theme.js")
    assert (output / "css" / "extra.css").read_bytes() == extra.read_bytes()
    again = cli("build", "-s", str(site))  # warm: nothing to copy again, the same bytes stay
    assert again.returncode == 0, again.stderr
    assert (output / "css" / "style.css").read_bytes() == minified(THEME_STATIC / "css" / "style.css")
