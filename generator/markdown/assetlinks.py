"""Links a post writes into its own asset folder from its Markdown file, made to reach the file.

Typora and GitHub's preview resolve `![](48_kmp/1.webp)` in `48_kmp.md` from the file, where
`48_kmp/` is the folder beside it; the build publishes that folder as the page's own folder,
so from the page the link needs the folder name cut off (content/assets.py says why). This
pass does it wherever the page links to a local file: Markdown images, links and their
reference definitions, and `src`/`href` in raw HTML (Typora writes `<img src=… style="zoom:50%">`
when an image is resized). An image keeps the URL as written in `meta["written"]`, so a missing
file is reported as the writer typed it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.content.assets import from_asset_folder
from generator.patterns import lazy_pattern

__all__ = ["asset_links_rule", "in_raw_html"]

_TAG = lazy_pattern(r"<[A-Za-z][^<>]*>")
_ATTRIBUTE = lazy_pattern(r"""(\b(?:src|href)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def asset_links_rule(state: StateCore) -> None:
    """Every local link of the post into its asset folder, as seen from the page (core rule)."""
    folder: str = state.env.get("asset_folder") or ""
    if not folder or (folder not in state.src and quote(folder) not in state.src):
        return  # almost every post: its text never names the folder
    for token in state.tokens:
        if token.type == "html_block":
            token.content = in_raw_html(token.content, folder)
        for child in token.children or ():
            _rewrite(child, folder)


def _rewrite(token: Token, folder: str) -> None:
    if token.type == "image":
        src = str(token.attrGet("src") or "")
        inside = from_asset_folder(src, folder)
        if inside is not None:
            token.meta["written"] = src
            token.attrSet("src", inside)
    elif token.type == "link_open":
        inside = from_asset_folder(str(token.attrGet("href") or ""), folder)
        if inside is not None:
            token.attrSet("href", inside)
    elif token.type == "html_inline":
        token.content = in_raw_html(token.content, folder)


def in_raw_html(html: str, folder: str) -> str:
    """Raw HTML with the `src` and `href` values inside its tags that point into the asset
    folder cut as in Markdown; text between tags is left alone."""
    if folder not in html and quote(folder) not in html:
        return html

    def value(match: re.Match[str]) -> str:
        written = next(g for g in match.groups()[1:] if g is not None)
        inside = from_asset_folder(written, folder)
        if inside is None:
            return match.group(0)
        quote_mark = '"' if match.group(2) is not None else "'" if match.group(3) is not None else ""
        return f"{match.group(1)}{quote_mark}{inside}{quote_mark}"

    return _TAG.sub(lambda tag: _ATTRIBUTE.sub(value, tag.group(0)), html)
