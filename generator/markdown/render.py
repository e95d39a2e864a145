"""Markdown to HTML, table of contents and excerpt segments, in one pass over the tokens.

markdown-it-py parses (CommonMark, tables, strikethrough, task lists, footnotes, math via
mdit-py-plugins); we walk the token stream once to give headings stable ids, protect
math, find the <!--more--> marker and collect the text the excerpt engine needs.
`render_post` is pure: the same body and options always give the same `Rendered`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape, unescape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from mdit_py_plugins.texmath import texmath_plugin

from generator.config.strings import ZH_CN
from generator.content.bibliography import Cited
from generator.content.model import Excerpt, Heading, Rendered
from generator.dialects.callouts import callouts_plugin
from generator.dialects.inline_tag_lines import inline_tag_lines_plugin
from generator.highlight.blocks import highlight_code
from generator.markdown.algorithms import algorithms_plugin
from generator.markdown.assetlinks import asset_links_rule
from generator.markdown.citations import citations_plugin
from generator.markdown.cjk import cjk_plugin, is_joined
from generator.markdown.crossref import DEFAULT_NAMES, crossref_plugin, crossref_rule
from generator.markdown.excerpt import Atom, Break, Segment, Text, count_reading_units, excerpt_of, plain_text
from generator.markdown.figures import alt_text, describe_image, figure_rule
from generator.markdown.guards import guard_nesting, link_warnings, nesting_warnings
from generator.markdown.headings import EXPLICIT, heading_attributes_plugin
from generator.markdown.loose_strong import loose_strong_plugin
from generator.markdown.outputs import outputs_plugin
from generator.markdown.rawhtml import close_raw_html
from generator.markdown.rawimages import site_sources_rule, typed_images_rule
from generator.markdown.sidenotes import sidenotes_plugin
from generator.markdown.theorems import theorems_plugin
from generator.math.engines import (
    MATH_BLOCK,
    MATH_INLINE,
    as_engine_showed_it,
    dialect_math_plugin,
    dollars_in_prose,
    html_math_spans,
    math_tokens,
    shortened,
    tex_left_as_text,
)
from generator.math.formulas import Converted, Macros, convert_formulas
from generator.math.hints import formula_fix
from generator.math.syntax import (
    code_spans_as_math,
    formula_lines_plugin,
    math_syntax_plugin,
    protect_table_math,
    restore_pipes,
)
from generator.urls.paths import encode_path

MORE = re.compile(r"^\s*<!--\s*more\s*-->\s*$", re.IGNORECASE)
_MORE_INLINE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
_MATH_INLINE = MATH_INLINE
_MATH_BLOCK = MATH_BLOCK
_BLOCK_ENDS = {"paragraph_close", "heading_close", "list_item_close", "th_close", "td_close", "blockquote_close"}
# Footnotes and callout titles (callouts.py): kept out of the excerpt and the reading time.
_LEFT_OUT_OPEN = ("footnote_block_open", "callout_title_open")
_LEFT_OUT_CLOSE = ("footnote_block_close", "callout_title_close")
# Every token type _annotate does something with besides "inline"; it passes over the others.
_ANNOTATED = frozenset(
    {
        *_BLOCK_ENDS,
        *_MATH_BLOCK,
        *_LEFT_OUT_OPEN,
        *_LEFT_OUT_CLOSE,
        "html_block",
        "heading_open",
        "table_open",
        "algorithm_open",
        "table_close",
        "algorithm_close",
        "fence",
        "code_block",
    }
)


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Everything besides the body that changes a post's HTML (part of the cache key)."""

    base_path: str = "/"
    excerpt_length: int = 350
    ellipsis: str = "..."
    code_placeholder: str = "[代码]"
    math_placeholder: str = "[公式]"
    table_placeholder: str = "[表格]"  # a table's cells run together read as word salad
    anchor_label: str = "本节链接"  # what a screen reader says for a heading's # link
    line_numbers: bool = False  # number the lines of every code block (a fence's {linenos=…} wins)
    post_pattern: str = "/posts/{slug}/"  # the loader converts other generators' links with it
    math_macros: Macros = ()  # [math] macros of site.toml, as (name, body) pairs
    math_code_spans: bool = False  # [math] code_spans: `$x$` in backticks is math (blogdown)
    dialect: str = "ours"  # the engine the post was written for (dialects/engine.py): its math rules
    references_heading: str = "参考文献"  # the heading of a post's list of cited works
    crossref_names: tuple[tuple[str, str], ...] = ()  # 定理, 图, 表… in the site's language (crossref.py)
    labels: tuple[tuple[str, str], ...] = ()  # callout titles, the failed formula's tooltip (config/strings.py)


@lru_cache(maxsize=32)
def options_for(options: RenderOptions, dialect: str) -> RenderOptions:
    """The options one post is rendered with: the site's, read by the rules of its post's engine."""
    return options if options.dialect == dialect else replace(options, dialect=dialect)


def heading_slug(text: str) -> str:
    """An id that survives Chinese headings and stays the same between builds."""
    text = _TAG.sub("", text).strip().lower()
    slug = _NOT_IN_SLUG.sub("-", text).strip("-")
    return slug or "section"


_TAG = re.compile(r"<[^>]+>")
_NOT_IN_SLUG = re.compile(r"[^\w\-\u00b7]+")  # \w is Unicode's in a str pattern: 中文 stays


def _render_math(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    converted = _converted(token)
    _warn_formula(env, token.meta.get("line"), token.content, _is_display(token), converted)
    following = tokens[idx + 1] if idx + 1 < len(tokens) and not _is_display(token) else None
    if following is None or following.type != "text":
        return converted.html
    # Chromium breaks a line between a formula and the 。 after it, which then starts the next line
    # on a phone; no line may start with closing punctuation in Chinese typesetting. The text token
    # keeps what it gave up in its meta: a footnote is rendered twice (margin and list).
    glued = following.meta.get("glued")
    if glued is None and (found := _CLOSING.match(following.content)) is not None:
        glued = following.meta["glued"] = found.group()
        following.content = following.content[found.end() :]
    return f'<span class="math-glue">{converted.html}{escape(glued)}</span>' if glued else converted.html


# Chinese closing punctuation (and the ellipsis), which a line may not start with.
_CLOSING = re.compile("[、。，．：；？！）」』】〕〉》”’…%,.;:!?)]+")


def _warn_formula(env: dict, line: int | None, tex: str, display: bool, converted: Converted) -> None:
    """A formula's warnings: why it failed, its notes, and the definitions it holds that were
    left out (a formula failing only for one of those has said enough there)."""
    for told in converted.told:
        env["warnings"].append((line, told, _DEFINITION_FIX))
    if not (converted.problem and not converted.quiet) and not converted.notes:
        return  # nearly every formula: no need to shorten its TeX for a message
    short = f"$${shortened(tex)}$$" if display else f"${shortened(tex)}$"
    if converted.problem and not converted.quiet:
        env["warnings"].append(
            (line, f"formula {short} cannot be converted: {converted.problem}", formula_fix(tex, converted.problem))
        )
    for note in converted.notes:
        env["warnings"].append((line, f"formula {short}: {note}", "a \\label{…} defined once in this post"))


_DEFINITION_FIX = "a definition the math converter reads (see docs/math.md); formulas using it are shown as source"


def _converted(token: Token) -> Converted:
    """The post-wide conversion; a token rendered outside render_post (a plugin parsing a
    fragment on its own) is converted alone, without cross-references."""
    converted = token.meta.get("converted")
    if converted is None:
        converted = convert_formulas([(token.content, _is_display(token), token.markup == "begin")])[0]
        token.meta["converted"] = converted
    return converted


def _is_display(token: Token) -> bool:
    """Block math, and a bare \\begin{equation} found inside a paragraph (markup "begin")."""
    return token.type in _MATH_BLOCK or token.markup == "begin"


def _convert_math(tokens: list[Token], found: list[Token], macros: Macros, env: dict, first_line: int) -> None:
    """Convert the post's formulas (`found`, its formula tokens) together (numbers, references and
    macros span the post), and those MathJax would have found in raw HTML blocks (their HTML is
    rewritten in place)."""
    in_html = [(token, html_math_spans(token.content)) for token in tokens if token.type == "html_block"]
    in_html = [(token, spans) for token, spans in in_html if spans]
    items = [(token.content, _is_display(token), token.markup == "begin") for token in found]
    for _, spans in in_html:
        items += [(unescape(tex), display, True) for _, _, tex, display in spans]
    results = convert_formulas(items, macros)
    for token, converted in zip(found, results[: len(found)], strict=True):
        token.meta["converted"] = converted
    rest = iter(results[len(found) :])
    for token, spans in in_html:
        pieces: list[str] = []
        last = 0
        for start, end, tex, display in spans:
            converted = next(rest)
            pieces += [token.content[last:start], converted.html]
            last = end
            line = first_line + (token.map[0] if token.map else 0) + token.content.count("\n", 0, start)
            _warn_formula(env, line, tex, display, converted)
        token.content = "".join(pieces) + token.content[last:]


def _render_fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    return highlight_code(token.content, token.info, env.get("line_numbers", False))


def _render_code_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    return highlight_code(tokens[idx].content, "", env.get("line_numbers", False))


def _site_url(value: str, base: str) -> str:
    if value.startswith("/") and not value.startswith("//") and (not value.startswith(base) or base == "/"):
        path, mark, rest = _split_suffix(value)
        return base.rstrip("/") + encode_path(path) + mark + rest
    return value


def _rewrite_site_link(token: Token, attr: str, env: dict) -> None:
    value = token.attrGet(attr)
    if isinstance(value, str):
        token.attrSet(attr, _site_url(value, env["base_path"]))


def _split_suffix(url: str) -> tuple[str, str, str]:
    """('/a/', '#', 'x') for '/a/#x': only the path is percent-encoded, not ? or #."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    return url[:cut], url[cut : cut + 1], url[cut + 1 :]


def _render_link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    _rewrite_site_link(tokens[idx], "href", env)
    return self.renderToken(tokens, idx, options, env)


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    if any(child.type.startswith("math") for child in token.children or []):  # markdown-it's alt drops formulas
        plain = Token("text", "", 0)
        plain.content = alt_text(token.children or [])
        token.children = [plain]
    describe_image(token, env, lambda url: _site_url(url, env["base_path"]))
    _rewrite_site_link(token, "src", env)
    return self.image(tokens, idx, options, env)


@lru_cache(maxsize=8)
def make_parser(dialect: str = "ours") -> MarkdownIt:
    """The parser for posts written for `dialect`: its math rules, and kramdown's syntax for Jekyll."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(["table", "strikethrough"])
    guard_nesting(md)
    cjk_plugin(md)  # emphasis next to full-width punctuation, no line break between CJK characters
    dollarmath_plugin(md, allow_space=False, allow_digits=False, double_inline=True, allow_labels=True)
    texmath_plugin(md, delimiters="brackets")
    footnote_plugin(md)
    tasklists_plugin(md)
    _only_with_task_items(md)
    callouts_plugin(md)  # GitHub alerts, ::: containers, Chirpy prompts (callouts.py)
    heading_attributes_plugin(md)  # `## 标题 {#id .class}` (Hugo, Jekyll, Pelican): id and classes (headings.py)
    outputs_plugin(md)  # a notebook's Markdown and LaTeX outputs, their raw HTML cleaned (outputs.py)
    theorems_plugin(md)  # ::: theorem … ::: and \begin{lemma} … \end{lemma} (theorems.py)
    algorithms_plugin(md)  # \begin{algorithm} … \end{algorithm}, algpseudocode (algorithms.py)
    math_syntax_plugin(md)
    dialect_math_plugin(md, dialect)
    citations_plugin(md)  # [@key], @key, \cite{key}: numbered, linked, listed at the end (citations.py)
    if dialect == "jekyll":  # {::comment}, abbreviations, markdown="1", HTML blocks as kramdown ends them
        from generator.dialects.kramdown_html import kramdown_html_plugin  # ~1 ms a site without them never pays

        kramdown_html_plugin(md)
    if dialect in ("hexo", "ours"):  # `<img …>` above Markdown starts no HTML block, as in kramed (inline_tag_lines.py)
        inline_tag_lines_plugin(md)
        loose_strong_plugin(md)  # `** 特别注意 **` bold, as Hexo's marked 0.3 showed it (loose_strong.py)
    for name in (*_MATH_INLINE, *_MATH_BLOCK):
        md.add_render_rule(name, _render_math)
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_code_block)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("image", _render_image)
    md.core.ruler.push("asset_links", asset_links_rule)  # `48_kmp/1.webp` in 48_kmp.md (assetlinks.py)
    crossref_plugin(md)  # @fig:x and \ref{thm:x}, numbers and captions (crossref.py)
    md.core.ruler.push("crossref", crossref_rule)
    md.core.ruler.push("figures", figure_rule)
    md.core.ruler.push("site_sources", site_sources_rule)  # al-folio figures written as HTML (rawimages.py)
    md.core.ruler.push("typed_images", typed_images_rule)  # a typed <img> whose file is missing (rawimages.py)
    sidenotes_plugin(md)  # footnotes repeated for the margin of wide screens (sidenotes.py)
    formula_lines_plugin(md)  # last: each formula's own line in its paragraph (math/syntax.py)
    return md


_TASK_MARK = re.compile(r"\[[ xX]\]")  # what every task item starts with (mdit-py-plugins' tasklists)


def _only_with_task_items(md: MarkdownIt) -> None:
    """Run the task-list pass over a post's tokens only when its text has a `[ ]` or `[x]`:
    the pass looks at every token, and almost no post has a task list."""
    rule = next(rule for rule in md.core.ruler.__rules__ if rule.name == "github-tasklists").fn

    def tasklists_if_any(state: StateCore) -> None:
        if _TASK_MARK.search(state.src):
            rule(state)

    md.core.ruler.at("github-tasklists", tasklists_if_any)


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "citation") or child.type in _MATH_INLINE:
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") and not is_joined(child):
            parts.append(" ")
    return "".join(parts).strip()


def _formula_html(token: Token) -> str:
    """A heading's text as the table of contents shows it when it holds a formula: the formula
    typeset, as in the heading (MathJax typeset the contents of the old sites too), not its TeX.
    Empty for a heading without one, which the contents show as plain text."""
    children = token.children or []
    if not any(child.type in _MATH_INLINE for child in children):
        return ""
    parts = []
    for child in children:
        if child.type in _MATH_INLINE:
            parts.append(_converted(child).excerpt_html)
        elif child.type == "code_inline":
            parts.append(f"<code>{escape(child.content)}</code>")
        elif child.type in ("text", "citation"):
            parts.append(escape(child.content))
        elif child.type in ("softbreak", "hardbreak") and not is_joined(child):
            parts.append(" ")
    return "".join(parts).strip()


def _inline_segments(token: Token, segments: list[Segment], line: int | None) -> None:
    append = segments.append
    for child in token.children or ():
        kind = child.type
        if child.meta.get("caption"):  # a figure's caption (figures.py): never part of the excerpt
            continue
        if kind == "text" or kind == "code_inline":
            append(Text(child.content))
        elif (kind == "softbreak" or kind == "hardbreak") and not is_joined(child):
            append(_LINE_BREAK)
        elif kind in _MATH_INLINE:
            converted = _converted(child)
            # a reference (\\eqref, @eq:x) reads as its number "(1)", not as its TeX
            text = _TAG.sub("", converted.excerpt_html) if child.markup == "ref" else child.content.strip()
            append(Atom(text, converted.excerpt_html))
        elif kind == "citation":  # [1] or (Vaswani et al., 2017), never cut in two
            append(Atom(child.content, escape(child.content)))


# Segments are frozen: every line break, and every block boundary, can be the same one.
_LINE_BREAK = Text("\n")
_BREAK = Break()


class _HeadingIds:
    """Stable, unique ids for the headings (their slug, -1, -2 … on repeats), the table of
    contents, and a # link after each heading's text. An id written after a heading (`{#id}`,
    headings.py) is kept as written, and no generated id takes it, before or after it."""

    def __init__(self, anchor_label: str, explicit: frozenset[str] | set[str] = frozenset()) -> None:
        self.label = escape(anchor_label)
        self.used: dict[str, int] = {}
        self.explicit = explicit
        self.found: list[Heading] = []

    def name(self, token: Token, inline: Token) -> None:
        text = _inline_text(inline)
        given = token.attrGet("id") if token.meta.get(EXPLICIT) else None
        if given:
            ident = str(given)
        else:
            base = heading_slug(text)
            count = self.used.get(base, 0)
            self.used[base] = count + 1
            ident = base if count == 0 else f"{base}-{count}"
            while (ident in self.used and count) or ident in self.explicit:
                count += 1
                ident = f"{base}-{count}"
            token.attrs = {"id": ident, **{k: v for k, v in token.attrs.items() if k != "id"}}
        self.used.setdefault(ident, 1)
        self.found.append(Heading(int(token.tag[1]), ident, text, _formula_html(inline)))

    def link(self, opening: Token, inline: Token) -> None:
        ident = opening.attrGet("id")
        anchor = Token("html_inline", "", 0)
        anchor.content = f' <a class="heading-anchor" href="#{escape(str(ident))}" aria-label="{self.label}">#</a>'
        if inline.children is not None:
            inline.children.append(anchor)


def _placeholder(text: str) -> list[Segment]:
    """A block the excerpt cannot show (code, a display formula, a table) stands as one word."""
    return [_BREAK, Atom(text, f'<span class="excerpt-placeholder">{escape(text)}</span>'), _BREAK]


def _table_placeholder(token: Token, options: RenderOptions) -> str:
    if token.type == "algorithm_open":  # an algorithm's lines run together read as word salad too
        return f"[{dict(options.crossref_names).get('algorithm', DEFAULT_NAMES['algorithm'])}]"
    return options.table_placeholder


def _segments_before_more(token: Token, segments: list[Segment], line: int) -> int:
    """A paragraph with the <!--more--> marker inside: its text up to the marker; where it cuts."""
    for child in token.children or []:
        if child.type == "html_inline" and _MORE_INLINE.fullmatch(child.content.strip()):
            break
        _inline_segments(_wrap(child), segments, line)
    return len(segments)


def _annotate(
    tokens: list[Token],
    first_line: int,
    options: RenderOptions,
    excerpt_segments: list[Segment],
    table_segments: list[Segment],
    explicit: set[str],
) -> tuple[list[Heading], int | None, list[Segment]]:
    """One walk: heading ids and TOC, lines on math tokens, the more-marker, excerpt text.

    Footnotes and callout titles are left out of the excerpt. A table stands in it as one placeholder; its cells'
    text goes to `table_segments`, which the reading time still counts. The walk stays one loop
    with its tests inline: it visits every token of every post."""
    headings = _HeadingIds(options.anchor_label, explicit)
    segments: list[Segment] = []
    more_at: int | None = None
    left_out = 0
    in_table = 0
    last_line = first_line
    for index, token in enumerate(tokens):
        kind = token.type
        if token.map:
            last_line = first_line + token.map[0]
        if kind == "inline":  # half of all tokens: handled first, without the tests below
            for child in token.children or ():
                if child.type in _MATH_INLINE:
                    child.meta["line"] = last_line + child.meta.get("line_offset", 0)
                elif child.type == "html_inline" and more_at is None and _MORE_INLINE.fullmatch(child.content.strip()):
                    more_at = len(segments) + 1  # resolved below, after this inline's text
            if left_out:
                continue
            if in_table:
                _inline_segments(token, table_segments, last_line)
            elif more_at is not None and more_at == len(segments) + 1:
                more_at = _segments_before_more(token, segments, last_line)
            else:
                _inline_segments(token, segments, last_line)
            continue
        if kind not in _ANNOTATED:  # paragraph_open, tr_open, …: nothing to do
            continue
        if kind in _LEFT_OUT_OPEN:
            left_out += 1
        elif kind in _LEFT_OUT_CLOSE:
            left_out -= 1
        if kind == "html_block" and more_at is None and MORE.match(token.content):
            more_at = len(segments)
            continue
        if kind == "heading_open":
            headings.name(token, tokens[index + 1])
        elif kind == "heading_close":
            headings.link(tokens[index - 2], tokens[index - 1])
        if kind in _MATH_BLOCK:
            token.meta["line"] = last_line
        if left_out:
            continue
        if kind in ("table_open", "algorithm_open"):
            in_table += 1
            segments.extend(_placeholder(_table_placeholder(token, options)))
            continue
        if kind in ("table_close", "algorithm_close"):
            in_table -= 1
            continue
        if in_table:
            continue
        if kind in ("fence", "code_block"):
            segments.extend(_placeholder(options.code_placeholder))
        elif kind in _MATH_BLOCK:
            segments.extend(_placeholder(options.math_placeholder))
        elif kind in _BLOCK_ENDS:
            segments.append(_BREAK)
    excerpt_segments.extend(segments if more_at is None else segments[:more_at])
    return headings.found, more_at, segments


def _wrap(child: Token) -> Token:
    holder = Token("inline", "", 0)
    holder.children = [child]
    return holder


def render_post(
    body: str,
    options: RenderOptions,
    first_line: int = 1,
    summary: str | None = None,
    images: Mapping[str, Any] | None = None,
    cited: Cited | None = None,
    asset_folder: str = "",
) -> Rendered:
    """Render one post body. Warnings carry file line numbers (body starts at first_line).

    `images` holds what the build read from the image files the body shows (figures.ImageFacts
    by URL as the page links it, None for a missing file); the renderer itself never touches the
    disk. `asset_folder` names the folder beside the post's file (content/assets.py), whose name
    is cut off links written from the file into it.
    """
    md = make_parser(options.dialect)
    env: dict[str, Any] = {
        "warnings": [],
        "base_path": options.base_path,
        "images": images or {},
        "asset_folder": asset_folder,
        "first_line": first_line,
        "line_numbers": options.line_numbers,
        "cited": cited,
        "references_heading": options.references_heading,
        "crossref_names": {**DEFAULT_NAMES, **dict(options.crossref_names)},
        "labels": {"math_error": ZH_CN["math_error"], **dict(options.labels)},
    }
    protected = protect_table_math(body)
    tokens = md.parse(protected, env)
    if protected is not body:
        restore_pipes(tokens)
    if options.math_code_spans:
        code_spans_as_math(tokens)
    formulas = math_tokens(tokens)
    as_engine_showed_it(formulas, options.dialect)
    _convert_math(tokens, formulas, options.math_macros, env, first_line)
    dollars_in_prose(tokens, env, first_line)
    tex_left_as_text(tokens, env, first_line)
    env["warnings"] += nesting_warnings(env, first_line) + link_warnings(tokens, first_line)
    excerpt_segments: list[Segment] = []
    table_segments: list[Segment] = []
    headings, more_at, all_segments = _annotate(
        tokens, first_line, options, excerpt_segments, table_segments, env.get("explicit_ids", set())
    )
    closing, left_open = close_raw_html(tokens, first_line)
    html = md.renderer.render(tokens, md.options, env) + closing
    if "math-error" in html:  # a formula shown as source: its tooltip says why, in the site's language
        html = html.replace(' math-error"', f' math-error" title="{escape(env["labels"].get("math_error", ""))}"')
    env["warnings"] += left_open
    if summary:
        excerpt = Excerpt(text=summary, html=escape(summary, quote=False), truncated=False, source="summary")
    elif more_at is not None:
        text = plain_text(excerpt_segments)
        full = excerpt_of(excerpt_segments, max(len(text), 1), options.ellipsis)
        excerpt = Excerpt(text=full.text, html=full.html, truncated=True, source="more")
    else:
        excerpt = excerpt_of(excerpt_segments, options.excerpt_length, options.ellipsis)
    texts = [s.text for s in all_segments if isinstance(s, Text)]
    texts += [s.text for s in table_segments if isinstance(s, Text)]
    characters, words = count_reading_units(" ".join(texts))
    warnings = tuple((line, message, expected) for line, message, expected in env["warnings"])
    return Rendered(
        html=html, toc=tuple(headings), excerpt=excerpt, characters=characters, words=words, warnings=warnings
    )
