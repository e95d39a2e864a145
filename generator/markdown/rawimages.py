"""Images the migration had to write as HTML, given what a Markdown image gets.

al-folio puts most figures in rows of `<div class="col-sm">`, an HTML block where Markdown is
not read, so dialects/jekyll.py writes those includes as `<img src="/assets/…" data-site-src>`
(and `<video …>`). A site path in raw HTML reaches no file under a base path, and an image
without a size makes the page jump; this core rule gives each marked tag the base path and the
image file's width and height (from `env["images"]`, read by the build like a Markdown image's),
warns where the file is missing, and drops the mark.

Raw HTML the writer typed is left as written, but an `<img>` in it that names a file the site
does not publish is warned about as a Markdown image is: Typora writes `<img src="x.png"
style="zoom:50%">` whenever a picture is resized, and one real Hexo blog had four such pictures
missing that only `blog check` reported. The build marks those URLs missing in `env["images"]`
(`typed_image_sources` finds them in the body), and `typed_images_rule` warns at their line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from html import escape, unescape
from typing import Any

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_core import StateCore

from generator.dialects.jekyll import SITE_SRC_MARK
from generator.patterns import lazy_pattern

__all__ = ["marked_sources", "missing_typed", "site_sources_rule", "typed_image_sources", "typed_images_rule"]

_MARKED = lazy_pattern(r'<(img|video) src="([^"]*)" ' + SITE_SRC_MARK + r"(?=[\s>])([^<>]*?)(/?>)")
# An <img> tag's src, quoted either way or not at all (what a browser reads as its value).
_TYPED_IMG = lazy_pattern(r"""<img\b[^<>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
MISSING_EXPECTED = "a file in static/ or in the post's own folder; the image is shown as a broken link"


def marked_sources(body: str) -> list[str]:
    """The image URLs of marked `<img>` tags, normalised as the image table is keyed."""
    if SITE_SRC_MARK not in body:
        return []
    return [normalizeLink(unescape(m.group(2))) for m in _MARKED.finditer(body) if m.group(1) == "img"]


def site_sources_rule(state: StateCore) -> None:
    """Every marked tag with the base path, its size and no mark (core rule)."""
    if SITE_SRC_MARK not in state.src:
        return
    env = state.env
    first_line = env.get("first_line", 1)
    for token in state.tokens:
        pieces = [token] if token.type == "html_block" else [c for c in token.children or () if c.type == "html_inline"]
        for piece in pieces:
            if SITE_SRC_MARK in piece.content:
                line = first_line + (token.map[0] if token.map else 0)
                piece.content = _rewritten(piece.content, env, line)


def _rewritten(html: str, env: dict[str, Any], line: int) -> str:
    def tag(match: re.Match[str]) -> str:
        name, written, rest, close = match.groups()
        src = normalizeLink(unescape(written))
        size = ""
        if name == "img" and src in env.get("images", {}):
            facts = env["images"][src]
            if facts is None:
                where = line + html.count("\n", 0, match.start())
                env["warnings"].append(
                    (
                        where,
                        f"image '{unescape(written)}' not found",
                        "a file under static/; al-folio's assets/ belongs in static/assets/",
                    )
                )
            elif not facts.problem and " width=" not in rest:
                size = f' width="{facts.width}" height="{facts.height}"'
        shown = env.get("base_path", "/").rstrip("/") + src
        return f'<{name} src="{escape(shown)}"{size}{rest}{close}'

    return _MARKED.sub(tag, html)


def _typed_sources(html: str) -> list[tuple[int, str]]:
    """Each typed (unmarked) <img>'s offset and src as written, entities still in it."""
    return [
        (match.start(), next(group for group in match.groups() if group is not None))
        for match in _TYPED_IMG.finditer(html)
        if SITE_SRC_MARK not in match.group(0)
    ]


def typed_image_sources(body: str) -> tuple[str, ...]:
    """The src of every `<img>` the writer typed into the body, normalised as the image table is
    keyed. A quick scan: one in a code block is listed too, and only the rule below, which sees
    the HTML tokens, warns about the missing ones."""
    if "<img" not in body and "<IMG" not in body:
        return ()
    return tuple(sorted({normalizeLink(unescape(src)) for _, src in _typed_sources(body) if src.strip()}))


def missing_typed(
    images: dict[str, Any], typed: Iterable[str], resolve: Callable[[str], str | None], files: Mapping[str, Any]
) -> dict[str, Any]:
    """A post's image table with each typed <img> URL whose local file (`resolve`d to a site path;
    None when not local) the site does not publish marked missing (None), for the warning. Those it
    publishes get no facts: their tags stay as written, and no copies are made for them."""
    missing = [url for url in typed if url not in images and (path := resolve(url)) is not None and path not in files]
    return {**images, **dict.fromkeys(missing)} if missing else images


def typed_images_rule(state: StateCore) -> None:
    """A warning for each typed <img> whose file the build found missing (core rule, after the
    asset folder's name is cut from its src as from a Markdown image's)."""
    images = state.env.get("images") or {}
    if None not in images.values():
        return
    first_line = state.env.get("first_line", 1)
    for token in state.tokens:
        if token.type == "html_block":
            _warn_missing(token.content, first_line + (token.map[0] if token.map else 0), state.env)
        elif token.type == "inline" and token.children:
            line = first_line + (token.map[0] if token.map else 0)
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "html_inline":
                    _warn_missing(child.content, line, state.env)


def _warn_missing(html: str, line: int, env: dict[str, Any]) -> None:
    if "<img" not in html and "<IMG" not in html:
        return
    for offset, written in _typed_sources(html):
        src = normalizeLink(unescape(written))
        if src in env["images"] and env["images"][src] is None:
            where = line + html.count("\n", 0, offset)
            env["warnings"].append((where, f"image '{unescape(written)}' not found", MISSING_EXPECTED))
