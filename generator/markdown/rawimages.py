"""Images the migration had to write as HTML, given what a Markdown image gets.

al-folio puts most figures in rows of `<div class="col-sm">`, an HTML block where Markdown is
not read, so dialects/jekyll.py writes those includes as `<img src="/assets/…" data-site-src>`
(and `<video …>`). A site path in raw HTML reaches no file under a base path, and an image
without a size makes the page jump; this core rule gives each marked tag the base path and the
image file's width and height (from `env["images"]`, read by the build like a Markdown image's),
warns where the file is missing, and drops the mark. Raw HTML the writer typed is left alone.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_core import StateCore

from generator.dialects.jekyll import SITE_SRC_MARK
from generator.patterns import lazy_pattern

__all__ = ["marked_sources", "site_sources_rule"]

_MARKED = lazy_pattern(r'<(img|video) src="([^"]*)" ' + SITE_SRC_MARK + r"(?=[\s>])([^<>]*?)(/?>)")


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
