"""kramdown's extensions and abbreviations, in the posts read as Jekyll (kramdown) posts.

Jekyll renders a post with kramdown, which reads syntax CommonMark does not: `{::comment}…{:/}`
hides a note from the page, `{::nomarkdown}…{:/}` passes HTML through unread, `{::options … /}`
changes how the rest is parsed, and `*[HTML]: Hyper Text Markup Language` defines an abbreviation
that every `HTML` in the text then carries. Read by CommonMark rules, the comment's note is
published (the worst of it: a writer hid it on purpose), and the rest shows as stray text. So the
Jekyll parser (markdown/render.py enables this plugin for that dialect only, and a post of any
other dialect pays nothing) reads them as kramdown did:

- A comment is dropped before anything is made from the text, so it reaches neither the page nor
  the excerpt, the feeds or the search index. A comment at the start of a line ends the paragraph
  above it (kramdown keeps one paragraph around it): a list or heading inside the comment must
  never be read as one.
- `{::nomarkdown}` is raw HTML, a block of its own or inside a line.
- `{::options}` is removed; `parse_block_html` is honoured (kramdown_html.py), options that only
  touch what we do our own way (ids, highlighting, the math engine) are ignored, and the others
  are named in one warning a post, since the page may differ from the old one.
- An abbreviation's definition is not shown; the word, wherever it stands as a whole word in the
  text (ASCII word boundaries, as kramdown's Ruby regexes: `使用CLI工具` has it), becomes
  `<abbr title="…">`, never inside code, math, a URL or raw HTML.
- Any other extension (`{::toc}`) is kept as text and named in one warning a post.

In-line extensions are handled on the inline tokens' text before callouts.py removes kramdown
attribute lists (whose pattern also takes `{::x}`), with code spans left alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from generator.patterns import lazy_pattern

# `{::name attributes}` or `{::name attributes /}`: an extension's start tag.
_START = lazy_pattern(r"\{::([A-Za-z][\w-]*)([^}\n]*?)(/?)\}")
# In a line of text: a code span (kept), a start tag, or a stop tag `{:/name}` / `{:/}`.
_IN_TEXT = lazy_pattern(
    r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)|\{::([A-Za-z][\w-]*)([^}\n]*?)(/?)\}|\{:/(?:[A-Za-z][\w-]*)?\}", re.DOTALL
)
_STOPS = {
    "comment": lazy_pattern(r"\{:/(?:comment)?\}"),
    "nomarkdown": lazy_pattern(r"\{:/(?:nomarkdown)?\}"),
}
_COMMENT = lazy_pattern(r"\{::comment(?:[^}\n]*?/\}|[^}\n]*\}.*?\{:/(?:comment)?\})", re.DOTALL)
_OPTION = lazy_pattern(r"""([\w-]+)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s"'/}]+))""")
_ABBREVIATION = lazy_pattern(r"\*\[([^\]\n]+)\]:([^\n]*)")
# Where a nomarkdown span stood in the text until its raw HTML token is made (private use).
_RAW_MARK = lazy_pattern("\ue010(\\d+)\ue011")
# kramdown's `markdown="1"` (also "block", "span", "0") on an HTML tag: read, never published.
_MARKDOWN_ATTRIBUTE = lazy_pattern(r"""\s+markdown\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)""", re.IGNORECASE)
_TAG_WITH_IT = lazy_pattern(r"""<[A-Za-z][\w-]*(?:[^<>"']|"[^"]*"|'[^']*')*?\smarkdown\s*=[^<>]*>""", re.IGNORECASE)
# Options that change nothing this blog shows: ids and contents (we always make both), the
# highlighter, the math engine, and settings of kramdown's other converters.
_NO_EFFECT = frozenset(
    {"auto_ids", "toc_levels", "syntax_highlighter", "syntax_highlighter_opts", "math_engine"}
    | {"math_engine_opts", "enable_coderay", "footnote_backlink", "footnote_backlink_inline", "entity_output"}
    | {"template", "latex_headers", "line_width", "remove_block_html_tags", "remove_span_html_tags"}
    | {"html_to_native", "forbidden_inline_options", "auto_id_stripping", "transliterated_header_ids"}
)
# Options already as kramdown (as Jekyll configures it) has them unless a post says otherwise.
_DEFAULTS = {"parse_span_html": "true", "hard_wrap": "false", "remove_line_breaks_for_cjk": "true"}
_EXTENSIONS = "{::comment}, {::nomarkdown} and {::options} (the kramdown extensions read here)"


@dataclass(slots=True)
class KramdownState:
    """What one post's parse learnt about its kramdown: kept in the render env."""

    abbreviations: dict[str, str] = field(default_factory=dict)
    parse_block_html: bool = False
    raw: list[str] = field(default_factory=list)  # nomarkdown spans, by their mark's number
    options_told: bool = False


def kramdown_state(env: dict[str, Any]) -> KramdownState:
    """The post's state, made on first use (most Jekyll posts never need it)."""
    state = env.get("kramdown")
    if state is None:
        state = env["kramdown"] = KramdownState()
    return state


def _warn(env: dict[str, Any], line: int, message: str, expected: str) -> None:
    env.setdefault("warnings", []).append((env.get("first_line", 1) + line, message, expected))


# ---------------------------------------------------------------------------
# Blocks: extensions and abbreviation definitions at the start of a line
# ---------------------------------------------------------------------------


def _extension_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A comment, a nomarkdown block or an options line that starts a line."""
    pos = state.bMarks[start] + state.tShift[start]
    src = state.src
    if not src.startswith("{::", pos) or state.sCount[start] - state.blkIndent >= 4:
        return False
    tag = _START.match(src, pos, state.eMarks[start])
    if tag is None:
        return False
    name, rest = tag.group(1), src[tag.end() : state.eMarks[start]]
    if name == "options" or (name in _STOPS and tag.group(3)):  # `{::comment /}`: an empty comment
        if rest.strip():
            return False
        if not silent:
            if name == "options":
                apply_options(state.env, start, tag.group(2))
            state.line = start + 1
        return True
    if name not in _STOPS:
        return False  # read with the paragraph: kept as text and told (`_extension_spans`)
    stop = _STOPS[name].search(src, tag.end(), state.eMarks[end - 1])
    if stop is None:
        return False  # never closed: shown as written, as kramdown does, and told
    last = bisect.bisect_left(state.eMarks, stop.start(), start, end)
    after = src[stop.end() : state.eMarks[last]]
    if (name == "nomarkdown" and (rest.strip() or after.strip())) or (last == start and after.strip()):
        return False  # inside a line of text: a span, read with its paragraph
    if silent:
        return True
    if name == "nomarkdown":
        token = state.push("html_block", "", 0)
        token.map = [start, last + 1]
        before = src[state.bMarks[last] + state.tShift[last] : stop.start()]
        token.content = state.getLines(start + 1, last, state.blkIndent, True) + (before + "\n" if before else "")
    if after.strip():  # `{:/comment} text`: the text after the stop tag is read as a line of its own
        start_line_at(state, last, stop.end())
        state.line = last
    else:
        state.line = last + 1
    return True


def start_line_at(state: StateBlock, line: int, pos: int) -> None:
    """Make the block parser read `line` from `pos` on, as markdown-it's containers move a line's start."""
    state.bMarks[line] = pos
    shift = 0
    while pos + shift < state.eMarks[line] and state.src[pos + shift] in " \t":
        shift += 1
    state.tShift[line] = shift
    state.sCount[line] = state.blkIndent + shift


def _abbreviation_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`*[HTML]: Hyper Text Markup Language`: kept for the whole post (kramdown's last one wins)."""
    pos = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("*[", pos) or state.sCount[start] - state.blkIndent >= 4:
        return False
    found = _ABBREVIATION.fullmatch(state.src, pos, state.eMarks[start])
    if found is None:
        return False
    if not silent:
        kramdown_state(state.env).abbreviations[found.group(1)] = found.group(2).strip()
        state.line = start + 1
    return True


def apply_options(env: dict[str, Any], line: int, written: str) -> None:
    """`{::options parse_block_html="true" /}`: what we honour is set, what would change the page
    and cannot be is named in one warning a post."""
    kramdown = kramdown_state(env)
    left: list[str] = []
    for found in _OPTION.finditer(written):
        key = found.group(1)
        value = next(group for group in found.groups()[1:] if group is not None).strip()
        if key == "parse_block_html":
            kramdown.parse_block_html = value.lower() == "true"
        elif key not in _NO_EFFECT and _DEFAULTS.get(key) != value.lower():
            left.append(f"{key}={value}")
    if left and not kramdown.options_told:
        kramdown.options_told = True
        _warn(
            env,
            line,
            f"kramdown option {', '.join(left)} is not applied: the page may differ from the old site's",
            "no {::options} line, or one setting parse_block_html (the one option read here)",
        )


# ---------------------------------------------------------------------------
# Inside lines of text, before callouts.py strips attribute lists
# ---------------------------------------------------------------------------


def _extension_spans(state: StateCore) -> None:
    """Comments dropped, nomarkdown marked for its raw token, options removed, any other
    extension kept as text (escaped, so no later pass takes it for an attribute list); what is
    kept is told in one warning a kind, at its first line."""
    if "{:" not in state.src:
        return
    kept: list[tuple[int, str]] = []  # (line, name): `!name` for a comment or nomarkdown never closed
    for token in state.tokens:
        if token.type == "inline" and ("{::" in token.content or "{:/" in token.content):
            line = token.map[0] if token.map else 0
            token.content = _spans_of(token.content, line, state.env, kept)
        elif token.type == "html_block" and "{::comment" in token.content:
            # kramdown showed a comment inside raw HTML as text, but where our HTML blocks end
            # later than its did, one it hid may be in one: hidden too, never published
            token.content = _COMMENT.sub("", token.content)
    unclosed = [(line, name[1:]) for line, name in kept if name.startswith("!")]
    if unclosed:
        line, name = unclosed[0]
        more = f" (and {len(unclosed) - 1} more)" if len(unclosed) > 1 else ""
        expected = f"{{:/{name}}} (or {{:/}}) where the {name} ends, in the same paragraph"
        _warn(state.env, line, f"{{::{name}}} is never closed{more}; shown as text", expected)
    unknown = [(line, name) for line, name in kept if not name.startswith("!")]
    if unknown:
        names = sorted({f"{{::{name}}}" for _, name in unknown})
        many = len(names) > 1
        _warn(
            state.env,
            unknown[0][0],
            f"kramdown extension{'s' if many else ''} {', '.join(names)} {'are' if many else 'is'} not read here; "
            "shown as text",
            f"{_EXTENSIONS}; remove it, or write what it stood for",
        )


def _spans_of(content: str, line: int, env: dict[str, Any], kept: list[tuple[int, str]]) -> str:
    pieces: list[str] = []
    pos = 0
    while (found := _IN_TEXT.search(content, pos)) is not None:
        pieces.append(content[pos : found.start()])
        pos = found.end()
        name = found.group(2)
        if found.group(1) or name == "options":  # a code span is kept; options in a line have no effect
            pieces.append(found.group(0) if found.group(1) else "")
            continue
        stop = _STOPS[name].search(content, pos) if name in _STOPS and not found.group(4) else None
        if name in _STOPS and found.group(4):  # `{::comment /}`
            continue
        if stop is None:  # a stray stop tag, an extension we do not read, one never closed
            if name is not None:
                kept.append((line + content.count("\n", 0, found.start()), name if name not in _STOPS else "!" + name))
            pieces.append("\\" + found.group(0))
            continue
        if name == "nomarkdown":
            raw = kramdown_state(env).raw
            raw.append(content[pos : stop.start()])
            pieces.append(f"\ue010{len(raw) - 1}\ue011")
        pos = stop.end()
    pieces.append(content[pos:])
    return "".join(pieces)


# ---------------------------------------------------------------------------
# After the inline parse: raw spans, abbreviations, markdown attributes
# ---------------------------------------------------------------------------


def _after_inline(state: StateCore) -> None:
    kramdown: KramdownState | None = state.env.get("kramdown")
    attributes = "markdown=" in state.src
    if kramdown is None and not attributes:
        return
    raw = kramdown.raw if kramdown else []
    titles = kramdown.abbreviations if kramdown else {}
    words = _abbreviation_pattern(titles) if titles else None
    for token in state.tokens:
        if token.type == "inline" and token.children and (words or raw or attributes):
            token.children = _with_kramdown_spans(token.children, words, titles, raw)
        elif attributes and token.type == "html_block" and "markdown=" in token.content:
            token.content = without_markdown_attribute(token.content)


def without_markdown_attribute(html: str) -> str:
    """The HTML without kramdown's `markdown` attributes (no browser knows them)."""
    return _TAG_WITH_IT.sub(lambda tag: _MARKDOWN_ATTRIBUTE.sub("", tag.group(0)), html)


def _abbreviation_pattern(titles: dict[str, str]) -> re.Pattern[str]:
    """Every abbreviation as a whole word; the longest first, so `GPT-4` wins over `GPT`."""
    alternatives = "|".join(re.escape(word) for word in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9_])(?:{alternatives})(?![A-Za-z0-9_])")


def _with_kramdown_spans(
    children: list[Token], words: re.Pattern[str] | None, titles: dict[str, str], raw: list[str]
) -> list[Token]:
    out: list[Token] = []
    in_autolink = False
    for child in children:
        if child.type == "link_open":
            in_autolink = child.markup in ("autolink", "linkify")
        elif child.type == "link_close":
            in_autolink = False
        if child.type == "html_inline" and "markdown=" in child.content:
            child.content = without_markdown_attribute(child.content)
        if child.type != "text" or not (("\ue010" in child.content and raw) or (words and not in_autolink)):
            out.append(child)
            continue
        out.extend(_split_text(child, None if in_autolink else words, titles, raw))
    return out


def _split_text(child: Token, words: re.Pattern[str] | None, titles: dict[str, str], raw: list[str]) -> list[Token]:
    """A text token cut around its nomarkdown marks (raw HTML) and abbreviations (`<abbr>`)."""
    text = child.content
    parts: list[Token] = []
    last = 0
    marks = [(m.start(), m.end(), "raw", raw[int(m.group(1))]) for m in _RAW_MARK.finditer(text)]
    found = [(m.start(), m.end(), "abbr", m.group(0)) for m in words.finditer(text)] if words else []
    for start, end, kind, value in sorted(marks + found):
        if start < last:
            continue
        parts.append(_token("text", text[last:start]))
        if kind == "raw":
            parts.append(_token("html_inline", value))
        else:
            title = titles.get(value, "")
            parts.append(_token("html_inline", f'<abbr title="{escape(title)}">' if title else "<abbr>"))
            parts += [_token("text", value), _token("html_inline", "</abbr>")]
        last = end
    parts.append(_token("text", text[last:]))
    return [part for part in parts if part.content]


def _token(kind: str, content: str) -> Token:
    token = Token(kind, "", 0)
    token.content = content
    return token


def _escaped_dollars(state: StateInline, silent: bool) -> bool:
    """Chirpy's `\\$$ … $$`: kramdown drops the backslash. Opening a paragraph or list item, it
    is inline math (how Chirpy's docs say to start a line with a formula); elsewhere kramdown
    leaves `$$…$$` as text, which MathJax then set as display math."""
    start = state.pos
    if not state.src.startswith("\\$$", start):
        return False
    end = state.src.find("$$", start + 3)
    if end < 0 or not state.src[start + 3 : end].strip():
        return False
    if not silent:
        token = state.push("math_inline" if start == 0 else "math_inline_double", "math", 0)
        token.content = state.src[start + 3 : end]
        token.markup = "$" if start == 0 else "begin"
    state.pos = end + 2
    return True


def kramdown_plugin(md: MarkdownIt) -> None:
    """Register kramdown's extensions and abbreviations on the Jekyll parser (its HTML blocks:
    kramdown_html.py)."""
    ends = {"alt": ["paragraph", "reference", "blockquote", "list"]}
    md.block.ruler.after("code", "kramdown_extension", _extension_block, ends)
    md.block.ruler.after("kramdown_extension", "kramdown_abbreviation", _abbreviation_block)
    md.core.ruler.after("block", "kramdown_spans", _extension_spans)
    md.core.ruler.after("text_join", "kramdown_after_inline", _after_inline)
    md.inline.ruler.before("escape", "kramdown_escaped_dollars", _escaped_dollars)


__all__ = [
    "KramdownState",
    "apply_options",
    "kramdown_plugin",
    "kramdown_state",
    "start_line_at",
    "without_markdown_attribute",
]
