"""A notebook output written in Markdown keeps its Markdown (math, tables, links) but not its HTML.

The author's own Markdown cells may hold raw HTML, as any post may; an output is text a
library or a shared notebook produced, so whatever HTML it carries goes through the same
cleaning as a text/html output (`sanitize_html`). The converter wraps each text/markdown
and text/latex output in a `::: nb-output` container whose fence is longer than any run
of colons in the output, so nothing inside can close it early; here every raw HTML token
inside such a container is cleaned.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from generator.content.notebook_files import OUTPUT_CONTAINER
from generator.patterns import lazy_pattern

_TAG = lazy_pattern(r"^<(/?)([A-Za-z][A-Za-z0-9-]*)")
_KINDS = {"markdown": "nb-markdown", "latex": "nb-latex"}


def _is_output(params: str, markup: str) -> bool:
    words = params.split()
    return bool(words) and words[0] == OUTPUT_CONTAINER


def _render(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</div>\n"
    words = token.info.split()
    kind = _KINDS.get(words[1] if len(words) > 1 else "", "nb-markdown")
    return f'<div class="nb-output {kind}">\n'


def clean_inline_tag(html: str) -> str:
    """One raw tag from inside a paragraph (`<b>`, `</b>`, `<img …>`), cleaned on its own.

    nh3 cleans whole fragments; a lone opening tag comes back closed, so the closing half
    it adds is cut off again. Anything it would not keep is shown as text.
    """
    match = _TAG.match(html)
    if match is None:
        return "" if html.startswith("<!--") else escape(html)
    closing, name = match.group(1), match.group(2).lower()
    if closing:
        return f"</{name}>" if _sanitized(f"<{name}></{name}>") else ""
    cleaned = _sanitized(html)
    if cleaned.endswith(f"</{name}>"):
        cleaned = cleaned[: -len(f"</{name}>")]
    return cleaned if cleaned.startswith(f"<{name}") else escape(html)


def _sanitized(html: str) -> str:
    """An output's HTML as notebook_outputs.sanitize_html cleans it, imported with the notebook
    renderers (and nh3) at the first output: most sites have none."""
    from generator.content.notebook_outputs import sanitize_html

    return sanitize_html(html)


def _clean_outputs(state: StateCore) -> None:
    if OUTPUT_CONTAINER not in state.src:  # no container to clean in: no pass over the tokens
        return
    depth = 0
    for token in state.tokens:
        if token.type == "container_nb_output_open":
            depth += 1
        elif token.type == "container_nb_output_close":
            depth -= 1
        elif depth <= 0:
            continue
        elif token.type == "html_block":
            token.content = _sanitized(token.content).rstrip("\n") + "\n"
        elif token.type == "inline":
            for child in token.children or ():
                if child.type == "html_inline":
                    child.content = clean_inline_tag(child.content)


def outputs_plugin(md: MarkdownIt) -> None:
    """Register the `::: nb-output` container and the cleaning of the raw HTML inside it."""
    container_plugin(md, "nb_output", validate=_is_output, render=_render)
    md.core.ruler.push("nb_output_html", _clean_outputs)
