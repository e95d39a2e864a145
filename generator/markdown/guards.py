"""What the Markdown parser could drop or pass through broken, turned into warnings with lines.

markdown-it stops parsing a post where lists and blockquotes nest deeper than its
`maxNesting` option and silently skips everything after that point, later headings
included. We raise the limit far above what real posts nest, and where a post still
reaches it (a line of 300 '- '), the too-deep part is kept as a plain paragraph, the rest
of the post is parsed as usual, and the writer gets a warning with `file:line`.

Links a post writes by hand (in Markdown or raw HTML) that no URL parser accepts would
otherwise surface much later, as an error blamed on a template when feeds make them
absolute; here they are warnings on the post's own line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from generator.urls.checks import link_problem

# Deep enough for any real outline ("- " written 100 times on one line still renders), low
# enough that the parser's recursion stays far from Python's limit.
MAX_NESTING = 200
Warning_ = tuple[int | None, str, str]
_HTML_URL = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def guard_nesting(md: MarkdownIt) -> None:
    """Raise the nesting limit and make the block parser report where it would stop."""
    md.options["maxNesting"] = MAX_NESTING
    tokenize = md.block.tokenize

    def tokenize_reporting_cut(state: StateBlock, start: int, end: int) -> None:
        if state.level >= MAX_NESTING:
            line = state.skipEmptyLines(start)
            if line < end and state.sCount[line] >= state.blkIndent:
                cuts: set[int] = state.env.setdefault("nesting_cuts", set())
                cuts.add(line)
                _flatten(state, line, end)
                return
        tokenize(state, start, end)

    md.block.tokenize = tokenize_reporting_cut  # type: ignore[method-assign]


def _flatten(state: StateBlock, start: int, end: int) -> None:
    """Where markdown-it would skip to the end, keep the too-deep lines as one plain paragraph.

    The container's content ends where the parser would have ended it: at the first line
    indented less than the container (for a quote, `end` already is its last line), so
    whatever follows (later headings and paragraphs) is parsed as usual.
    """
    stop = start + 1
    while stop < end and (state.isEmpty(stop) or state.sCount[stop] >= state.blkIndent):
        stop += 1
    while stop > start + 1 and state.isEmpty(stop - 1):
        stop -= 1
    opening = state.push("paragraph_open", "p", 1)
    opening.map = [start, stop]
    inline = state.push("inline", "", 0)
    inline.content = state.getLines(start, stop, state.blkIndent, False).strip()
    inline.map = [start, stop]
    inline.children = []
    state.push("paragraph_close", "p", -1)
    state.line = stop


def nesting_warnings(env: dict[str, Any], first_line: int) -> list[Warning_]:
    """One warning for the first place the parser stopped (everything after it is gone)."""
    cuts = env.get("nesting_cuts")
    if not cuts:
        return []
    return [
        (
            first_line + min(cuts),
            f"lists or quotes nest deeper than {MAX_NESTING} levels here; what is deeper is shown as plain text",
            "less deeply nested lists or blockquotes",
        )
    ]


def link_warnings(tokens: Sequence[Token], first_line: int) -> list[Warning_]:
    """Links in Markdown or raw HTML that are not URLs at all (e.g. 'http://[::1/x')."""
    found: list[Warning_] = []
    line: int | None = first_line
    for token in tokens:
        if token.map:
            line = first_line + token.map[0]
        if token.type in _LINKING:
            _check(token, line, found)
        for child in token.children or ():  # one test a token: this pass sees every token of a post
            if child.type in _LINKING:
                _check(child, line, found)
    return found


_LINKING = frozenset({"link_open", "image", "html_block", "html_inline"})  # the types _urls reads


def _check(token: Token, line: int | None, found: list[Warning_]) -> None:
    for url in _urls(token):
        problem = link_problem(url)
        if problem:
            found.append((line, f"link {url} {problem}", "a URL such as https://example.org/ or /posts/x/"))


def _urls(token: Token) -> list[str]:
    if token.type == "link_open":
        return [str(token.attrGet("href") or "")]
    if token.type == "image":
        return [str(token.attrGet("src") or "")]
    if token.type in ("html_block", "html_inline") and ("href" in token.content or "src" in token.content):
        return [next(g for g in match.groups() if g is not None) for match in _HTML_URL.finditer(token.content)]
    return []
