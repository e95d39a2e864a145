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
from generator.dialects.embeds import frame, gist_link, video_player
from generator.dialects.themetags import box_opener, label, note_opener
from generator.patterns import lazy_pattern

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
        "box",
        "swiper",
        "frame",
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


_TAB_OPEN = lazy_pattern(r"^[ \t]*<!--[ \t]*tab\b[ \t]*(.*?)[ \t]*-->[ \t]*$", re.MULTILINE)
_TAB_CLOSE = lazy_pattern(r"^[ \t]*<!--[ \t]*endtab[ \t]*-->[ \t]*$", re.MULTILINE)
# Hexo block tags that become ::: containers (callouts.py renders them); Stellar's box is a
# callout, its swiper a row of the images inside.
CALLOUT_TAGS = frozenset({"note", "blockquote", "quote", "centerquote", "cq", "pullquote", "box"})


def _callout_opener(name: str, args: str) -> str:
    """`{% note warning %}` -> '::: warning'; `{% blockquote Author, Source %}` -> '::: quote Author, Source'."""
    if name == "note":
        return note_opener(args)
    if name == "box":
        return box_opener(args)
    if name == "pullquote":  # Hexo: <blockquote class="pullquote left">, its classes kept
        classes = " ".join(re.sub(r"[^\w-]", "", word) for word in args.split())
        return f"::: pullquote {classes}".rstrip()
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


# What Hexo's img and link tags take for the address: a scheme, a site path, a relative file.
_ADDRESS = lazy_pattern(r"[a-zA-Z][\w+.-]*:|/|\.\.?/|www\.")
_PIXELS = lazy_pattern(r"\d+(?:px|%)?")


def hexo_image(args: str) -> str | None:
    """`{% img [class names] /path/to/image [width] [height] '"title text" "alt text"' %}` as
    Hexo wrote it: a Markdown image when it is only a picture with a title (so it gets the base
    path and a caption like any other), an <img> when classes or a size were given."""
    words = _quoted_words(args)
    index = next((i for i, w in enumerate(words) if _ADDRESS.match(w) or re.search(r"\.\w+$", w)), None)
    if index is None:
        return None
    classes, src, rest = words[:index], words[index], words[index + 1 :]
    sizes = []
    while rest and len(sizes) < 2 and _PIXELS.fullmatch(rest[0]):
        sizes.append(rest.pop(0).removesuffix("px"))
    meta = [m.group(1) or m.group(2) for m in re.finditer(r'"([^"]*)"|\'([^\']*)\'', " ".join(rest))]
    title = (meta[0] if meta else " ".join(rest)).strip()
    alt = (meta[1] if len(meta) > 1 else title).strip()
    if not classes and not sizes:
        title_part = f' "{title.replace(chr(34), chr(39))}"' if title and title != alt else ""
        return f"![{md_text(alt)}]({md_url(src)}{title_part})"
    attributes = [("src", src), ("class", " ".join(classes))]
    attributes += [(name, size) for name, size in zip(("width", "height"), sizes, strict=False)]
    attributes += [("title", title), ("alt", alt)]
    shown = " ".join(f'{name}="{escape(value)}"' for name, value in attributes if value or name == "alt")
    return f'<img {shown} loading="lazy">'


def hexo_link(args: str) -> str | None:
    """`{% link text url [external] [title] %}`: the words before the address are the text; a
    Markdown link, or an <a> opening a new window when `external` is true, as Hexo's did."""
    words = _quoted_words(args)
    index = next((i for i, w in enumerate(words) if _ADDRESS.match(w)), None)
    if index is None or re.match(r"(?i)(?:javascript|data|vbscript):", words[index]):
        return None
    text, url, rest = " ".join(words[:index]) or words[index], words[index], words[index + 1 :]
    external = bool(rest) and rest[0] == "true"
    rest = rest[1:] if rest and rest[0] in ("true", "false") else rest
    title = " ".join(rest)
    if external:
        title_part = f' title="{escape(title)}"' if title else ""
        return f'<a href="{escape(url)}"{title_part} target="_blank" rel="noopener">{escape(text, quote=False)}</a>'
    title_part = f' "{title.replace(chr(34), chr(39))}"' if title else ""
    return f"[{md_text(text)}]({md_url(url)}{title_part})"


def hexo_embed(name: str, args: str) -> str | None:
    """`{% iframe url [width] [height] %}`, `{% youtube id [video|playlist] [cookie] %}` and
    `{% vimeo id %}` as the frame or player Hexo embedded (the player as Hugo's youtube is)."""
    words = _quoted_words(args)
    if not words:
        return None
    if name == "iframe":
        return frame(words[0], *words[1:3])
    return video_player(name, words[0], playlist=name == "youtube" and words[1:2] == ["playlist"])


_COLON_FENCE = lazy_pattern(r"^[ \t]*(:{3,})", re.MULTILINE)


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
        elif name == "swiper":
            opener = "::: swiper"
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
            return label(args)
        return gist_link(words[0], words[1] if len(words) > 1 else "")


__all__ = [
    "HEXO_TAGS",
    "HexoTags",
    "hexo_asset",
    "hexo_code_language",
    "hexo_embed",
    "hexo_image",
    "hexo_link",
    "matching_end",
    "tabs_as_blocks",
]
