"""The tags Butterfly and Stellar add to Hexo, as the page showed them.

Chinese ML blogs moved in from Hexo lean on their theme's tags: Butterfly's coloured labels
and notes, buttons and inline images in table cells; Stellar's boxes, swipers and device
frames. The theme drew each from its arguments alone, so each is a pure function here: the
inline ones become one line of Markdown or HTML (a table row stays one row), the block ones
the `:::` line that opens a container (dialects/callouts.py renders it). Icons (Font Awesome
class names) and the theme's animation options are dropped: the page loads no icon font.
"""

from __future__ import annotations

import re
from html import escape

from generator.dialects.body_pass import md_text, md_url
from generator.dialects.jekyll import SITE_SRC_MARK
from generator.patterns import lazy_pattern

# Butterfly's colours for labels, buttons and notes.
BUTTERFLY_COLOURS = frozenset({"default", "blue", "pink", "red", "purple", "orange", "green"})
# A note's or box's colour or class, as one of the five callout kinds (dialects/callouts.py).
NOTE_KINDS = {
    "default": "note",
    "info": "note",
    "blue": "note",
    "cyan": "note",
    "light": "note",
    "dark": "note",
    "primary": "important",
    "purple": "important",
    "pink": "important",
    "success": "tip",
    "green": "tip",
    "warning": "warning",
    "orange": "warning",
    "yellow": "warning",
    "danger": "caution",
    "error": "caution",
    "red": "caution",
}
_UNSAFE_SCHEME = lazy_pattern(r"(?i)\s*(?:javascript|data|vbscript):")
_CSS_LENGTH = lazy_pattern(r"\d+(?:\.\d+)?(?:px|em|rem|%)?")


def _words(args: str) -> list[str]:
    """Hexo's argument split: words, or 'single' / "double" quoted phrases."""
    return [next(g for g in m.groups() if g is not None) for m in re.finditer(r'"([^"]*)"|\'([^\']*)\'|(\S+)', args)]


def _class_word(word: str) -> str:
    return re.sub(r"[^\w-]", "", word.lower())


def label(args: str) -> str | None:
    """NexT's and Fluid's `{% label primary@重要 %}` (class, then the text after '@') and
    Butterfly's `{% label 定义1.2 blue %}` (the text, then a colour): the text marked as a
    label of that class. Without '@' it is Butterfly's, whose last word is a colour only when
    it is one of Butterfly's, else part of the text."""
    style, at, text = args.strip().partition("@")
    if not at:
        words = _words(args)
        if not words:
            return None
        style = words.pop() if len(words) > 1 and words[-1].lower() in BUTTERFLY_COLOURS else "default"
        text = " ".join(words)
    kind = _class_word(style.strip()) or "default"
    return f'<span class="label label-{kind}">{escape(text.strip(), quote=False)}</span>'


def note_opener(args: str) -> str:
    """`{% note warning %}` (NexT), `{% note blue 'fas fa-book' flat %}` (Butterfly): a callout of
    that colour, untitled (`::: box-…`), as both themes showed it: their other words are
    classes (no-icon, a style, an icon), never a title."""
    kind = next((NOTE_KINDS[w.lower()] for w in _words(args) if w.lower() in NOTE_KINDS), "note")
    return f"::: box-{kind}"


def box_opener(args: str) -> str:
    """Stellar's `{% box [color:red] [child:tabs] [title] %}`: a callout of that colour under
    the title, if one is given (Stellar's default colour is its note's, a plain one)."""
    words = args.split()
    colour = next((w.partition(":")[2].lower() for w in words if w.startswith("color:")), "")
    title = " ".join(w for w in words if not re.match(r"(?:color|child):", w))
    return f"::: box-{NOTE_KINDS.get(colour, 'note')} {title}".rstrip()


def button(name: str, args: str) -> str | None:
    """Butterfly's `{% btn url,text,icon,option %}` and NexT's `{% button url, text, icon, title %}`:
    a link drawn as a button in the colour the option names. The link is Markdown, so a site
    path gets the base path; the icon is dropped. None without an address that may be linked."""
    parts = [part.strip().strip("'\"").strip() for part in args.split(",")]
    url, text = parts[0], parts[1] if len(parts) > 1 else ""
    if not url or _UNSAFE_SCHEME.match(url):
        return None
    option = parts[3] if len(parts) > 3 and name == "btn" else ""
    title = parts[3] if len(parts) > 3 and name == "button" else ""
    colour = next((w for w in option.lower().split() if w in BUTTERFLY_COLOURS), "default")
    title_part = f' "{title.replace(chr(34), chr(39))}"' if title else ""
    return f'<span class="button button-{colour}">[{md_text(text or url)}]({md_url(url)}{title_part})</span>'


def inline_image(args: str) -> str | None:
    """Butterfly's `{% inlineImg url [height] %}`: an image in the line of text, that high (its
    width follows). One line of HTML, so it holds inside a table cell; a site path is marked
    for the base path and the file's size (markdown/rawimages.py)."""
    words = _words(args)
    if not words or _UNSAFE_SCHEME.match(words[0]):
        return None
    src = words[0]
    height = words[1] if len(words) > 1 and _CSS_LENGTH.fullmatch(words[1]) else ""
    if height and height[-1].isdigit():
        height += "px"
    mark = f" {SITE_SRC_MARK}" if src.startswith("/") and not src.startswith("//") else ""
    style = f' style="height:{height};width:auto"' if height else ""
    return f'<img src="{escape(src)}"{mark} class="inline-img" alt=""{style} loading="lazy">'


def device_frame(args: str) -> str | None:
    """Stellar's `{% frame iphone11 img:url [alt] %}`: the image alone (the phone drawn around it
    is decoration), as small as the phone showed it: a phone screenshot at the column's width
    would be three screens high. One line of HTML, a site path marked for the base path and the
    file's size (markdown/rawimages.py). None for a frame around a video."""
    words = _words(args)
    src = next((w[len("img:") :] for w in words if w.startswith("img:")), "")
    if not src or any(w.startswith("video:") for w in words) or _UNSAFE_SCHEME.match(src):
        return None
    alt = " ".join(w for w in words[1:] if not re.match(r"(?:img|video|focus):", w))
    mark = f" {SITE_SRC_MARK}" if src.startswith("/") and not src.startswith("//") else ""
    return f'<img src="{escape(src)}"{mark} class="device-shot" alt="{escape(alt)}" loading="lazy">'


__all__ = [
    "BUTTERFLY_COLOURS",
    "NOTE_KINDS",
    "box_opener",
    "button",
    "device_frame",
    "inline_image",
    "label",
    "note_opener",
]
