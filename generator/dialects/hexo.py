"""Hexo's tag plugins, and the ones NexT, Butterfly, Fluid and Stellar add, as Markdown.

Most Chinese ML blogs were written for Hexo with one of those themes: `{% note %}`,
`{% fold %}`, `{% tabs %}`, `{% gp %}`, `{% mermaid %}`, `{% asset_img %}`, `{% post_link %}`.
The block tags become ::: containers (dialects/callouts.py renders them) and the inline ones
Markdown, so the page shows what the old theme showed. `HexoTags` holds the handlers that
need the pass over the body (dialects/body_pass.py); the rest are pure functions.
Hexo front matter is mapped in dialects/front_matter.py.
"""

from __future__ import annotations

import re
from html import escape

from generator.dialects.body_pass import BodyPass, end_tag, md_text, md_url

# Hexo's built-in tags and the ones popular themes (NexT, Butterfly, Fluid) add; anything
# else written as {% name %} is reported as Liquid (Jekyll).
HEXO_TAGS = frozenset(
    {
        "blockquote",
        "quote",
        "pullquote",
        "iframe",
        "img",
        "image",
        "include_code",
        "include_raw",
        "youtube",
        "vimeo",
        "jsfiddle",
        "gist",
        "post_link",
        "post_path",
        "note",
        "tabs",
        "subtabs",
        "label",
        "button",
        "btn",
        "fold",
        "folding",
        "hideToggle",
        "mermaid",
        "video",
        "audio",
        "centerquote",
        "cq",
        "grouppicture",
        "gp",
        "pdf",
        "tip",
        "alert",
        "fancybox",
        "asset_img",
        "asset_link",
        "asset_path",
        "codeblock",
        "code",
        "gallery",
        "meting",
        "aplayer",
        "dplayer",
        "bilibili",
        "checkbox",
        "inlineImg",
        "hideInline",
        "hideBlock",
        "span",
        "p",
        "timeline",
        "flink",
        "btns",
        "link",
        "kbd",
        "psw",
        "u",
        "emp",
        "wavy",
        "del",
        "sup",
        "sub",
        "spoiler",
        "site",
        "ghcard",
        "cloudtag",
    }
)
# NexT's group pictures and Butterfly's gallery: a grid of the images inside.
GALLERY_TAGS = frozenset({"grouppicture", "gp", "gallery"})


# Folded blocks of NexT/Stellar (`{% fold info @摘要 %}`, `{% folding 摘要 %}`) and Butterfly
# (`{% hideToggle 摘要,bg,color %}`): a closed <details> under its summary.
FOLD_TAGS = frozenset({"fold", "folding", "hideToggle"})
_FOLD_STYLES = frozenset({"open", "info", "primary", "success", "warning", "danger", "error", "note", "tip"})
_FOLD_STYLES |= frozenset(
    {"red", "orange", "yellow", "green", "cyan", "blue", "purple", "gray", "grey", "light", "dark"}
)


def _fold_summary(name: str, args: str) -> str:
    """The summary line of a folded block: after '@' if there is one, else the words that are
    not a colour or style (Butterfly: the first of its comma-separated options)."""
    if name == "hideToggle":
        return " ".join(args.split(",")[0].split())
    _, at, title = args.partition("@")
    if at:
        return " ".join(title.split())
    words = [w for w in _quoted_words(args) if w.lower() not in _FOLD_STYLES and not w.startswith("color:")]
    return " ".join(" ".join(words).split())


def _gallery_columns(args: str) -> int:
    """Columns for `{% gp 5-3 %}` (five pictures, NexT layout 3): NexT's layouts put two or
    three pictures in a row; we keep the count and let the grid wrap."""
    count = re.match(r"\s*(\d+)", args)
    number = int(count.group(1)) if count else 3
    return max(1, min(number, 2 if number in (2, 4) else 3))


def matching_end(name: str, body: str, start: int) -> re.Match[str] | None:
    """The `{% endname %}` that closes a `{% name %}` opened before `start`, past nested pairs."""
    opening = re.compile(rf"\{{%-?[ \t]*{re.escape(name)}\b[^\n]*?-?%\}}")
    closing = end_tag(name)
    depth = 1
    position = start
    while True:
        end = closing.search(body, position)
        if end is None:
            return None
        nested = opening.search(body, position, end.start())
        if nested is not None:
            depth += 1
            position = nested.end()
            continue
        depth -= 1
        if depth == 0:
            return end
        position = end.end()


def _quoted_words(args: str) -> list[str]:
    """Hexo tag arguments as Hexo splits them: words, "double" or 'single' quoted phrases."""
    return [next(g for g in m.groups() if g is not None) for m in re.finditer(r'"([^"]*)"|\'([^\']*)\'|(\S+)', args)]


_TAB_OPEN = re.compile(r"^[ \t]*<!--[ \t]*tab\b[ \t]*(.*?)[ \t]*-->[ \t]*$", re.MULTILINE)
_TAB_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*endtab[ \t]*-->[ \t]*$", re.MULTILINE)
# Hexo block tags that become ::: containers (callouts.py renders them).
CALLOUT_TAGS = frozenset({"note", "blockquote", "quote", "centerquote", "cq"})
# NexT and Butterfly note styles (class or colour) as GitHub's five callout kinds.
_NOTE_KINDS = {
    "default": "note",
    "info": "note",
    "blue": "note",
    "primary": "important",
    "purple": "important",
    "pink": "important",
    "success": "tip",
    "green": "tip",
    "warning": "warning",
    "orange": "warning",
    "danger": "caution",
    "red": "caution",
}


def _callout_opener(name: str, args: str) -> str:
    """`{% note warning %}` -> '::: warning'; `{% blockquote Author, Source %}` -> '::: quote Author, Source'."""
    if name == "note":
        words = [w.lower() for w in _split_args(args)]
        kind = next((_NOTE_KINDS[w] for w in words if w in _NOTE_KINDS), "note")
        return f"::: {kind}"
    return f"::: quote {' '.join(args.split())}".rstrip()


def hexo_code_language(args: str) -> str:
    """`{% codeblock [title] [lang:x] [url] [link text] [opts] %}`: only lang:x matters to us."""
    match = re.search(r"(?:^|\s)lang:(\S+)", args)
    return match.group(1) if match else ""


def _split_args(args: str) -> list[str]:
    """Hexo tag arguments: words, or "quoted phrases" (quotes removed)."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in re.finditer(r'"([^"]*)"|(\S+)', args)]


def hexo_asset(name: str, args: str) -> str | None:
    """asset_img / asset_link / asset_path as Markdown pointing at the file beside the post."""
    words = _split_args(args)
    if name == "asset_img":
        index = next((i for i, w in enumerate(words) if re.search(r"\.\w+$|/", w)), None)
        if index is None:
            return None
        src, rest = words[index], words[index + 1 :]
        while rest and re.fullmatch(r"\d+(px|%)?", rest[0]):
            rest = rest[1:]  # width and height
        title = rest[0] if len(rest) == 2 and '"' in args else " ".join(rest)
        alt = rest[1] if len(rest) == 2 and '"' in args else title
        title_part = f' "{title.replace(chr(34), chr(39))}"' if title and title != alt else ""
        return f"![{md_text(alt)}]({md_url(src)}{title_part})"
    if not words:
        return None
    src = words[0]
    if name == "asset_path":
        return src
    rest = [w for w in words[1:] if w not in ("true", "false")]
    text = " ".join(rest) or src
    return f"[{md_text(text)}]({md_url(src)})"


_COLON_FENCE = re.compile(r"^[ \t]*(:{3,})", re.MULTILINE)


def tabs_as_blocks(text: str) -> str:
    """NexT/Butterfly `{% tabs %}` content (already converted): each `<!-- tab Caption -->`
    becomes a titled `::: tab` block.

    A static page cannot switch tabs without script, so every tab is shown, one after
    another, under its caption. The tags' own lines stay (empty), so line numbers hold.
    """
    # more colons than any container inside (four at least), so a ::: note or a nested
    # tab inside a tab closes itself and not the tab
    fence = ":" * max(4, 1 + max((len(m) for m in _COLON_FENCE.findall(text)), default=0))
    text = _TAB_OPEN.sub(lambda m: f"{fence} tab {m.group(1).split('@')[0].strip()}".rstrip(), text)
    return _TAB_CLOSE.sub(fence, text)


class HexoTags(BodyPass):
    """The Hexo tags that need the body around them: containers, diagrams, links to posts."""

    def hexo_container(self, j: int, match: re.Match[str], name: str, args: str) -> int | None:
        """A folded block, a gallery or a note/quote opened on its own line and closed later,
        as a ::: container; None when the tag is none of them (or is never closed)."""
        if name in FOLD_TAGS:
            opener = f"::: details {_fold_summary(name, args)}".rstrip()
        elif name in GALLERY_TAGS:
            opener = f"::: gallery {_gallery_columns(args)}"
        elif name in CALLOUT_TAGS:
            opener = _callout_opener(name, args)
        else:
            return None
        if not self.at_line_start(j) or not end_tag(name).search(self.body, match.end()):
            return None
        self.out.append(opener)
        self.open_blocks.append(name)
        self.done(f"hexo:tag:{name}", j)
        return self.line_break_after(match.end())

    def mermaid(self, j: int, match: re.Match[str], args: str) -> int:
        """`{% mermaid graph TD %}...{% endmermaid %}` as a mermaid fence that starts `graph TD`."""
        end = end_tag("mermaid").search(self.body, match.end())
        if end is None:
            self.report("hexo:tag:mermaid:unclosed", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        self.out.append(self.fenced(j, match.end(), end.start(), end.end(), "mermaid", first_line=args))
        self.done("hexo:tag:mermaid", j)
        return end.end()

    def hexo_inline(self, name: str, args: str) -> str | None:
        """post_link / post_path as the post's URL, label as marked text, gist as a link."""
        words = _quoted_words(args)
        if not words:
            return None
        if name in ("post_link", "post_path"):
            target, _, anchor = words[0].partition("#")
            url = self.post_url_from_path(target) if target.strip() else None
            if url is None:
                return None
            url += f"#{anchor}" if anchor else ""
            if name == "post_path":
                return url
            rest = words[1:]
            if rest and rest[-1] in ("true", "false"):  # Hexo's escape flag
                rest = rest[:-1]
            text = " ".join(rest) or target.rstrip("/").rsplit("/", 1)[-1]
            return f"[{md_text(text)}]({md_url(url)})"
        if name == "label":
            style, at, text = args.strip().partition("@")
            if not at:
                style, text = "default", args
            kind = re.sub(r"[^\w-]", "", style.strip().lower()) or "default"
            return f'<span class="label label-{kind}">{escape(text.strip(), quote=False)}</span>'
        gist = words[0].strip("/")
        if not re.fullmatch(r"[\w.-]+(?:/[\w.-]+)?", gist):
            return None
        shown = words[1] if len(words) > 1 else gist
        return f"[GitHub Gist: {md_text(shown)}](https://gist.github.com/{gist})"


__all__ = ["HEXO_TAGS", "HexoTags", "hexo_asset", "hexo_code_language", "matching_end", "tabs_as_blocks"]
