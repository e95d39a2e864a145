"""Callouts as writers already type them, from GitHub, Docusaurus/VuePress, Hexo, Quarto and Chirpy.

- GitHub alerts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
  `[!WARNING]` or `[!CAUTION]` (an optional title may follow on that line, as Obsidian allows).
- `:::note` ... `:::` containers (mdit-py-plugins' container plugin, one per name), with
  Docusaurus' and VuePress' names (info, danger, success) mapped onto GitHub's five kinds;
  `::: details Summary` is a closed <details>. Hexo `{% note %}`/`{% blockquote %}` and
  Hugo callout/notice/alert/admonition/hint/spoiler shortcodes arrive as containers (hexo.py, hugo.py),
  `{% pullquote %}` as `::: pullquote`;
  so do Hexo's tabs (`::: tab Caption`) and group pictures (`::: gallery 2`, a grid of images),
  NexT's and Butterfly's notes and Stellar's boxes (`::: box-tip [title]`, a callout titled only
  when given a title, as those themes showed it) and Stellar's swiper (`::: swiper`, a row of images).
- Quarto's callouts: `::: {.callout-note title="…"}` or `::: callout-tip`, the five kinds, titled
  by the attribute or by a heading first inside (taken out of the text, as Quarto shows it).
- Chirpy's prompts: a blockquote followed by a kramdown attribute line `{: .prompt-tip }`.
  Any other kramdown attribute list (`{: width="700" }` after an image, `{: file="a.py" }`
  after a code block) is removed, so it never shows as text.

A callout is a `<div role="note">` with a visible title; its colour is never the only cue. A
container's title (and a spoiler's summary) is a line of inline Markdown, as the tools and Hugo
themes these come from read it; raw HTML in it is shown as written.
Everything runs on the token stream before inline parsing, so excerpts and the table of
contents see the callout's text and not its title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from generator.patterns import lazy_pattern

KINDS = ("note", "tip", "important", "warning", "caution")
LABELS = {
    "note": "说明",
    "tip": "提示",
    "important": "重要",
    "warning": "警告",
    "caution": "当心",
    "details": "详情",
    "tab": "标签页",
}
# Names other tools use, as one of the five kinds.
ALIASES = {"info": "note", "success": "tip", "danger": "caution", "error": "caution", "attention": "warning"}
# `box-note` … `box-caution`: a callout titled only when a title is given (Hexo's notes, Stellar's
# boxes: their themes showed no title of their own).
BOXES = tuple(f"box-{kind}" for kind in KINDS)
CONTAINER_NAMES = (*KINDS, *ALIASES, *BOXES, "quote", "pullquote", "details", "tab", "gallery", "swiper")
PROMPTS = {"prompt-tip": "tip", "prompt-info": "note", "prompt-warning": "warning", "prompt-danger": "caution"}

# Quarto's (pandoc's) callouts: `::: {.callout-note title="…"}` or `::: callout-tip`.
_QUARTO = lazy_pattern(
    r"\{?[ \t]*\.?callout-(note|tip|important|warning|caution)(?![\w-])([^{}]*?)\}?[ \t]*", re.IGNORECASE
)
_QUARTO_TITLE = lazy_pattern(r"""\btitle=(?:"([^"]*)"|'([^']*)'|(\S+))""")
_ALERT = lazy_pattern(r"^\[!(note|tip|important|warning|caution)\][ \t]*([^\n]*)(?:\n|$)", re.IGNORECASE)
_IAL = r"\{:[ \t]*[^{}\n]*\}"
_IAL_LINE = lazy_pattern(rf"^[ \t]*{_IAL}[ \t]*$", re.MULTILINE)
# After an image, link, emphasis, another list, or a code span (kept aside as \ue000n\ue001).
_IAL_AFTER = lazy_pattern(rf"(?<=[)*_\]}}\ue001]){_IAL}")
# Code spans and formulas, kept aside while attribute lists go: `{: x}` written as code, and a
# slice's subscript `$U_{:r}$` or `$Q_{:,1:r}$`, are not kramdown's.
_KEPT_SPAN = lazy_pattern(
    r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)|(?<!\\)\$\$.+?(?<!\\)\$\$|(?<![\\$])\$[^$\n]+?(?<!\\)\$|\\\(.+?\\\)",
    re.DOTALL,
)
_CLASSES = lazy_pattern(r"\.([\w-]+)")
_CLOSERS = frozenset({"paragraph_close", "list_item_close", "bullet_list_close", "ordered_list_close"})


def callout_open(
    kind: str, title: str = "", titled: bool = True, env: Mapping[str, Any] | None = None, title_follows: bool = False
) -> str:
    """`title` is plain text (a GitHub alert's), escaped; `title_follows`: the title is the tokens
    after this one, its Markdown read (`_titles_as_markdown`), so only the box opens here.
    `titled=False` and no title: no visible title, as the theme the post came from showed the box;
    its kind is still named to a screen reader (aria-label), so colour is not the only cue.
    `env`: the render's, whose labels name the kind in the site's language."""
    box = f'<div class="callout callout-{kind}" role="note"'
    if title_follows:
        return box + ">\n"
    label = escape(title.strip())
    if not label and not titled:
        return f'{box} aria-label="{kind_label(kind, env)}">\n'
    return f'{box}>\n<p class="callout-title">{label or kind_label(kind, env)}</p>\n'


def kind_label(kind: str, env: Mapping[str, Any] | None) -> str:
    """A callout's (or a spoiler's, a tab's) default title in the site's language, escaped: an
    English blog's tip says "Tip". Chinese, the language of the tables' reference, without one."""
    labels = env.get("labels", {}) if env else {}
    return escape(labels.get(f"callout_{kind}") or LABELS[kind])


def _matching_close(tokens: Sequence[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.type == tokens[start].type:
            depth += 1
        elif token.type == tokens[start].type.replace("_open", "_close"):
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1


def _is_empty_paragraph(tokens: Sequence[Token], index: int) -> bool:
    return (
        tokens[index].type == "paragraph_open"
        and index + 2 < len(tokens)
        and tokens[index + 1].type == "inline"
        and not tokens[index + 1].content.strip()
    )


def _strip_attribute_lists(tokens: list[Token]) -> None:
    """Chirpy prompts become callouts; every kramdown `{: ...}` disappears from the text."""
    for index, token in enumerate(tokens):
        if token.type != "inline" or "{:" not in token.content:
            continue
        lines = token.content.split("\n")
        last = lines[-1].strip()
        if re.fullmatch(_IAL, last) and index >= 2:
            classes = _CLASSES.findall(last)
            kind = next((PROMPTS[c] for c in classes if c in PROMPTS), None)
            close = index + 1  # past the paragraph, and the lists the lazy line ended
            while close < len(tokens) and tokens[close].type in _CLOSERS:
                close += 1
            if kind and close < len(tokens) and tokens[close].type == "blockquote_close":
                opener = _open_of(tokens, close)
                if opener is not None and "callout" not in opener.meta:
                    opener.meta["callout"] = (kind, "")
                    tokens[close].meta["callout"] = (kind, "")
        token.content = _without_attribute_lists(token.content)


def _without_attribute_lists(content: str) -> str:
    """The text with kramdown `{: ...}` removed; code spans and formulas kept."""
    spans = [match.group(0) for match in _KEPT_SPAN.finditer(content)]
    numbered = iter(range(len(spans)))
    text = _KEPT_SPAN.sub(lambda _: f"\ue000{next(numbered)}\ue001", content)
    text = _IAL_AFTER.sub("", _IAL_LINE.sub("", text))
    text = re.sub(r"\ue000(\d+)\ue001", lambda match: spans[int(match.group(1))], text)
    return re.sub(r"\n{2,}", "\n", text).strip("\n")


def _open_of(tokens: Sequence[Token], close: int) -> Token | None:
    depth = 0
    for index in range(close, -1, -1):
        kind = tokens[index].type
        if kind == "blockquote_close":
            depth += 1
        elif kind == "blockquote_open":
            depth -= 1
            if depth == 0:
                return tokens[index]
    return None


def _github_alerts(tokens: list[Token]) -> None:
    for index, token in enumerate(tokens):
        if token.type != "blockquote_open" or index + 2 >= len(tokens):
            continue
        if tokens[index + 1].type != "paragraph_open" or tokens[index + 2].type != "inline":
            continue
        inline = tokens[index + 2]
        match = _ALERT.match(inline.content)
        if match is None:
            continue
        kind = match.group(1).lower()
        token.meta["callout"] = (kind, match.group(2))
        tokens[_matching_close(tokens, index)].meta["callout"] = (kind, "")
        inline.content = inline.content[match.end() :]


def _drop_empty_paragraphs(tokens: list[Token]) -> list[Token]:
    """Only the passes above empty a paragraph: the list is copied only when one did."""
    empty = [i for i, token in enumerate(tokens) if token.type == "paragraph_open" and _is_empty_paragraph(tokens, i)]
    if not empty:
        return tokens
    dropped = {i + offset for i in empty for offset in range(3)}  # open, inline, close
    return [token for i, token in enumerate(tokens) if i not in dropped]


def _core_rule(state: StateCore) -> None:
    """Each pass only over a post whose text has what it looks for: most posts have neither."""
    tokens = state.tokens
    if "[!" in state.src:
        _github_alerts(tokens)
    if "{:" in state.src:
        _strip_attribute_lists(tokens)
    if "callout-" in state.src:
        tokens = _quarto_titles(tokens)
    if ":::" in state.src:
        tokens = _titles_as_markdown(tokens)
    state.tokens = _drop_empty_paragraphs(tokens)


def _title_of(opener: Token) -> str:
    """The title a callout's or a spoiler's opening line gives it; "" for none, and for the
    containers whose words are not a title (a quote's source, a gallery's columns, a tab's
    caption)."""
    quarto = quarto_callout(opener.info)
    if quarto is not None:
        return quarto[1] or opener.meta.get("title", "")
    name = _container_name(opener.info)
    if name in ("quote", "pullquote", "tab", "gallery", "swiper"):
        return ""
    return opener.info.strip()[len(name) :].strip()


def _titles_as_markdown(tokens: list[Token]) -> list[Token]:
    """A callout's or spoiler's title as a line of inline Markdown, parsed with the post's own
    rules (its formulas converted with the post's): Hugo themes render an admonition's title with
    `markdownify`, and VitePress, Docusaurus, Quarto and Obsidian read theirs as Markdown, so
    `**定理 1**` was bold. The title is a token of its own, which the excerpt leaves out."""
    titled: list[Token] = []
    for token in tokens:
        titled.append(token)
        title = _title_of(token) if token.type == "container_callout_open" else ""
        if not title:
            continue
        token.meta["title_inline"] = True
        token.meta["title_text"] = ""  # its TeX left as text is found in the inline token
        tag = "summary" if _container_name(token.info) == "details" else "p"
        opening = Token("callout_title_open", tag, 1, block=True, level=token.level + 1, map=token.map)
        if tag == "p":
            opening.attrs = {"class": "callout-title"}
        inline = Token("inline", "", 0, content=title, level=token.level + 2, map=token.map, children=[])
        inline.meta["callout_title"] = True
        closing = Token("callout_title_close", tag, -1, block=True, level=token.level + 1)
        titled += [opening, inline, closing]
    return titled


def _title_html_as_text(state: StateCore) -> None:
    """Raw HTML in a title is shown as written, as it always was: a title is one line of the
    callout's box, and a tag there (`<details>`, `<!--`) would open what the page must close."""
    if ":::" not in state.src:
        return
    for token in state.tokens:
        if token.type == "inline" and token.meta.get("callout_title"):
            for child in token.children or ():
                if child.type == "html_inline":
                    child.type = "text"


def _render_blockquote(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    callout = token.meta.get("callout") if token.meta else None
    if callout is None:
        return str(self.renderToken(tokens, idx, options, env))
    kind, title = callout
    return callout_open(kind, title, env=env) if token.nesting == 1 else "</div>\n"


def _container_name(params: str) -> str:
    words = params.strip().split(maxsplit=1)
    return words[0].lower() if words else ""


def _is_container(params: str, markup: str) -> bool:
    return _container_name(params) in CONTAINER_NAMES or _QUARTO.fullmatch(params.strip()) is not None


def quarto_callout(info: str) -> tuple[str, str] | None:
    """(kind, title attribute) of a Quarto callout's opening line, else None."""
    found = _QUARTO.fullmatch(info.strip())
    if found is None:
        return None
    title = _QUARTO_TITLE.search(found.group(2))
    return found.group(1).lower(), next((t for t in title.groups() if t is not None), "") if title else ""


def _quarto_titles(tokens: list[Token]) -> list[Token]:
    """A Quarto callout whose first line is a heading (`## Title`) takes it as its title, as
    Quarto shows it: the heading leaves the text and the table of contents."""
    kept: list[Token] = []
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        kept.append(token)
        quarto = quarto_callout(token.info) if token.type == "container_callout_open" else None
        if quarto is None or quarto[1]:  # not Quarto's, or titled by its attribute
            continue
        heading = tokens[index + 1] if index + 3 < len(tokens) else None
        if heading is not None and heading.type == "heading_open":
            token.meta["title"] = tokens[index + 2].content.strip()
            skip = 3
    return kept


def _render_container(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict) -> str:
    """One container rule for every name (one rule per name doubled the parse time of a post)."""
    token = tokens[idx]
    opener = token if token.nesting == 1 else _container_open(tokens, idx)
    info = opener.info if opener is not None else ""
    quarto = quarto_callout(info)
    if quarto is not None:
        if token.nesting == -1:
            return "</div>\n"
        assert opener is not None
        return callout_open(quarto[0], env=env, title_follows="title_inline" in opener.meta)
    name = _container_name(info)
    if name == "quote":
        if token.nesting == 1:
            return '<figure class="quote">\n<blockquote>\n'
        cite = _quote_cite(info)
        caption = f"<figcaption>— {cite}</figcaption>\n" if cite else ""
        return f"</blockquote>\n{caption}</figure>\n"
    if name == "pullquote":  # Hexo's pull quote: a quote with the classes its theme styled
        if token.nesting == -1:
            return "</blockquote>\n"
        classes = " ".join(["pullquote", *(re.sub(r"[^\w-]", "", word) for word in info.split()[1:])])
        return f'<blockquote class="{escape(classes.strip())}">\n'
    if name == "tab":  # one of Hexo's tabs, shown one after another under its caption
        if token.nesting == -1:
            return "</div>\n"
        caption = escape(info.strip()[len(name) :].strip()) or kind_label("tab", env)
        return f'<div class="tab-panel">\n<p class="tab-title">{caption}</p>\n'
    if name == "gallery":  # Hexo's group pictures: the images inside in a grid of 1 to 3 columns
        if token.nesting == -1:
            return "</div>\n"
        columns = info.strip()[len(name) :].strip()
        return f'<div class="picture-grid picture-grid-{columns if columns in ("1", "2") else "3"}">\n'
    if name == "swiper":  # Stellar's swiper: the images inside, in a row that scrolls sideways
        return '<div class="picture-row">\n' if token.nesting == 1 else "</div>\n"
    if name == "details":  # a spoiler: closed until the reader opens it
        if token.nesting == -1:
            return "</details>\n"
        if opener is not None and "title_inline" in opener.meta:
            return "<details>\n"
        summary = escape(info.strip()[len(name) :].strip()) or kind_label("details", env)
        return f"<details>\n<summary>{summary}</summary>\n"
    if token.nesting == -1:
        return "</div>\n"
    kind = name.removeprefix("box-")
    follows = opener is not None and "title_inline" in opener.meta
    return callout_open(ALIASES.get(kind, kind), titled=kind == name, env=env, title_follows=follows)


def _container_open(tokens: Sequence[Token], close: int) -> Token | None:
    depth = 0
    name = tokens[close].type[: -len("_close")]
    for index in range(close, -1, -1):
        if tokens[index].type == name + "_close":
            depth += 1
        elif tokens[index].type == name + "_open":
            depth -= 1
            if depth == 0:
                return tokens[index]
    return None


def _quote_cite(info: str) -> str:
    """'quote Author, Source https://x' -> escaped 'Author, Source' linked to the URL."""
    words = info.strip().split()[1:]
    url = next((w for w in words if re.match(r"https?://", w)), None)
    text = " ".join(w for w in words if w != url).strip(" ,")
    if url and text:
        return f'<cite><a href="{escape(url)}">{escape(text)}</a></cite>'
    if url:
        return f'<cite><a href="{escape(url)}">{escape(url)}</a></cite>'
    return f"<cite>{escape(text)}</cite>" if text else ""


def callouts_plugin(md: MarkdownIt) -> None:
    """Register alerts, containers and kramdown attribute handling on a parser."""
    container_plugin(md, "callout", validate=_is_container, render=_render_container)
    md.core.ruler.after("block", "callouts", _core_rule)
    md.core.ruler.after("inline", "callout_titles", _title_html_as_text)
    md.add_render_rule("blockquote_open", _render_blockquote)
    md.add_render_rule("blockquote_close", _render_blockquote)
