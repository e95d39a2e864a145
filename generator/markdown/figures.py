"""Figures: images with their size, caption, lazy loading and smaller variants.

A page whose images have no width and height jumps as each one arrives; a 2,400-pixel
loss curve sent to a phone wastes its bandwidth. So every local image gets the size read
from its file, an image alone in a paragraph becomes a <figure> with a caption, and a
raster image wider than the text column gets WebP variants offered through srcset.

The Markdown side (`figure_rule`, `describe_image`) is pure: it only reads the facts it
is handed in `env["images"]` (URL as written -> `ImageFacts`, or None for a missing
file). The edge (`ImageStore`, `image_facts`) stats and reads image files and makes the
variants, once, into the build cache; those facts are part of a post's cache key, so a
changed image re-renders exactly the posts that show it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import math
import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from generator.content.assets import asset_folder_name, from_asset_folder
from generator.content.imagecheck import RASTER_KINDS, image_check, misnamed
from generator.content.variants import VariantJob, make_variants
from generator.files import read_regular
from generator.markdown.rawimages import marked_sources, missing_typed, typed_image_sources
from generator.patterns import lazy_pattern

COLUMN_PX = 680  # the theme's text column: --measure 42.5rem at 16 px
VARIANT_WIDTHS = (COLUMN_PX, 2 * COLUMN_PX)  # one for ordinary screens, one for 2x screens
SIZES = "(max-width: 45rem) 100vw, 42.5rem"
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")  # GIFs may be animated: never resized
IMAGE_SUFFIXES = (*RASTER_SUFFIXES, ".gif", ".svg", ".avif", ".bmp")
CHECKED_SUFFIXES = tuple(RASTER_KINDS)  # the kinds imagecheck can judge
# The alt text: runs of plain text, escapes, [bracketed] pairs and lone brackets, taken possessively.
# Letting a `[` be either half of a pair or a lone one, with backtracking, tried every choice for
# every bracket: 2,000 `![` left open took 24 s; now a post reads in one pass per `![`.
_INLINE_IMAGE = re.compile(r"!\[(?:[^\[\]\\]++|\\.|\[(?:[^\[\]\\]|\\.)*+\]|\[)*+\]\(\s*(<[^>\n]*>|[^\s)]+)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)
_SCHEME = lazy_pattern(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SVG_LENGTH = lazy_pattern(r"^\s*\+?((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*$")
# CSS pixels in one of each absolute unit an SVG's width and height may use, as browsers size the
# image (1in = 96px): matplotlib writes `width="432pt"`, which is 576 px on the page, not 432.
# em, ex and % depend on the page around the image and are not here.
_CSS_PIXELS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What a page needs to know about one image file (its repr is part of the cache key)."""

    width: int
    height: int
    variants: tuple[int, ...] = ()  # widths of the WebP files published beside it
    problem: str = ""  # why browsers cannot show it (truncated, not an image, a bomb): warned at the reference
    real: str = ""  # the format its bytes are when its extension names another (shown, warned at the reference)


# ---- pure: which images a body uses, and where a URL points ---------------------------


def image_urls(body: str) -> tuple[str, ...]:
    """Image URLs a Markdown body may show, normalised as markdown-it writes them into src.

    A quick scan instead of a parse: it may list a link that is no image (harmless: its
    facts are simply unused), and an image it misses is shown without a size. Every
    `![…](url)` counts whatever its extension (`![x](/etc/passwd)` must be found missing
    too); a reference definition counts when its URL names an image file.
    """
    found = {_clean_url(m.group(1)) for m in _INLINE_IMAGE.finditer(body)}
    found.update(url for m in _DEFINITION.finditer(body) if _looks_like_image(url := _clean_url(m.group(1))))
    found.update(marked_sources(body))  # al-folio figures the migration wrote as HTML
    return tuple(sorted(url for url in found if url))


def remembered_image_urls(
    memo: dict[str, tuple[str, ...]],
    read_body: Callable[[Any], str],
    post: Any,
    scan: Callable[[str], Any] = image_urls,
) -> tuple[str, ...]:
    """A post's `image_urls` (or another `scan` of its body), kept in the build cache by its
    source's hash: an unchanged post is not read again just to find its images."""
    urls = memo.get(post.source_hash)
    if urls is None:
        urls = memo[post.source_hash] = scan(read_body(post))
    return urls


def _clean_url(raw: str) -> str:
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    return normalizeLink(raw.replace("\\", ""))


def _looks_like_image(url: str) -> bool:
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    return path.endswith(IMAGE_SUFFIXES)


def as_linked(urls: Iterable[str], asset_folder: str) -> tuple[str, ...]:
    """The image URLs as the page links them: those written from the post's file into its asset
    folder without the folder's name (markdown/assetlinks.py does the same to the tokens)."""
    return tuple(from_asset_folder(url, asset_folder) or url for url in urls)


def output_path(url: str, page_path: str, base_path: str) -> str | None:
    """The output file a local image URL names, relative to the site root; None if not local."""
    if _SCHEME.match(url) or url.startswith(("//", "#")):
        return None
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return None
    if path.startswith("/"):
        if base_path != "/" and path.startswith(base_path):
            path = "/" + path[len(base_path) :]
    else:
        path = posixpath.join(page_path or "/", path)
    return posixpath.normpath(path).lstrip("/")


def variant_path(relative: str, width: int) -> str:
    stem, _ = posixpath.splitext(relative)
    return f"{stem}.{width}w.webp"


# ---- pure: the Markdown side ---------------------------------------------------------


def figure_rule(state: StateCore) -> None:
    """An image alone in a paragraph (or alone in a link) becomes a <figure> with a caption."""
    first_line = state.env.get("first_line", 1)
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        if not _mark_lines(token, first_line) or index == 0 or index + 1 >= len(tokens):
            continue  # no image in it (most paragraphs): no figure
        opening, closing = tokens[index - 1], tokens[index + 1]
        if opening.type != "paragraph_open" or opening.hidden or closing.type != "paragraph_close":
            continue
        kinds = [c.type for c in token.children if not (c.type == "text" and not c.content.strip())]
        if kinds not in (["image"], ["link_open", "image", "link_close"]):
            continue
        image = next(c for c in token.children if c.type == "image")
        title = image.attrGet("title")
        # A title is plain text; else the caption is the alt text as Markdown, as pandoc shows it:
        # its formulas, bold and code rendered like the paragraph's (copies: the image keeps its own).
        words = (
            [_html(escape(str(title), quote=False))]
            if title
            else [_copy(c, caption=True) for c in image.children or []]
        )
        if not title and not image.content.strip() and not any(c.type != "text" for c in image.children or []):
            words = []
        opening.tag = closing.tag = "figure"
        if "crossref" in image.meta:  # `{#fig:loss}` after it (crossref.py): 图 1：caption
            label, number, separator = image.meta["crossref"]
            opening.attrSet("id", label)
            numbered = f'<span class="crossref-number">{escape(number)}</span>'
            words = [_html(numbered + (escape(separator) if words else "")), *words]
        if words:
            token.children += [_html("<figcaption>"), *words, _html("</figcaption>")]


def _html(text: str) -> Token:
    tag = Token("html_inline", "", 0)
    tag.content = text
    return tag


def _copy(child: Token, caption: bool = False) -> Token:
    """A token of the alt text, copied into the caption; `caption` marks it for the excerpt to skip
    (a figure's caption never was part of the excerpt)."""
    twin = Token(
        child.type,
        child.tag,
        child.nesting,
        attrs=dict(child.attrs),
        map=child.map,
        level=child.level,
        children=[_copy(c) for c in child.children] if child.children else None,
        content=child.content,
        markup=child.markup,
        info=child.info,
        meta={**child.meta, "caption": True} if caption else dict(child.meta),
        block=child.block,
        hidden=child.hidden,
    )
    return twin


def alt_text(children: Iterable[Token]) -> str:
    """An image's alt text: its words, with a formula's TeX where markdown-it's own leaves nothing."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline") or child.type.startswith("math"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.children:
            parts.append(alt_text(child.children))
    return "".join(parts)


def _mark_lines(inline: Token, first_line: int) -> bool:
    """File lines on image tokens, so a missing image is reported where it is written; whether
    there is an image."""
    line = first_line + (inline.map[0] if inline.map else 0)
    found = False
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "image":
            child.meta["line"] = line
            found = True
    return found


def describe_image(token: Token, env: dict[str, Any], site_url: Callable[[str], str]) -> None:
    """Size, srcset and loading for one <img>; call before its src gets the base path."""
    env["images_seen"] = env.get("images_seen", 0) + 1
    src = str(token.attrGet("src") or "")
    written = str(token.meta.get("written", src))  # before assetlinks.py cut the post's folder off
    table: Mapping[str, ImageFacts | None] = env.get("images") or {}
    if src in table:
        facts = table[src]
        if facts is None:
            env["warnings"].append(
                (
                    token.meta.get("line"),
                    f"image '{unquote(written)}' not found",
                    "a file in static/ or in the post's own folder; the image is shown as a broken link",
                )
            )
        elif facts.problem:
            env["warnings"].append(
                (
                    token.meta.get("line"),
                    f"image '{unquote(written)}' cannot be shown: {facts.problem}",
                    "an image browsers can show (save or export it again)",
                )
            )
        else:
            if facts.real:
                message, expected = misnamed(facts.real, src.split("#", 1)[0].split("?", 1)[0])
                env["warnings"].append((token.meta.get("line"), f"image '{unquote(src)}': {message}", expected))
            token.attrSet("width", str(facts.width))
            token.attrSet("height", str(facts.height))
            if facts.variants:
                candidates = [(_variant_url(src, w), w) for w in facts.variants] + [(src, facts.width)]
                srcset = ", ".join(f"{_srcset_url(site_url(url))} {w}w" for url, w in candidates)
                token.attrSet("srcset", srcset)
                token.attrSet("sizes", SIZES)
    if env["images_seen"] > 1:  # the first image is likely above the fold: load it at once
        token.attrSet("loading", "lazy")


def _variant_url(src: str, width: int) -> str:
    path = src.split("#", 1)[0].split("?", 1)[0]
    return variant_path(path, width)


def _srcset_url(url: str) -> str:
    return url.replace(",", "%2C").replace(" ", "%20")


def facts_key(images: Mapping[str, ImageFacts | None]) -> str:
    """What a post's HTML takes from its image files, for the post's cache key."""
    if not images:
        return ""
    text = repr(sorted(images.items()))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


# ---- the edge: image files, their sizes and variants ---------------------------------


@dataclass(frozen=True, slots=True)
class _FileFacts:
    """What an image file says about itself, kept while its size and time are unchanged, so it is read once."""

    signature: tuple[int, int, int]
    width: int
    height: int
    raster: bool
    digest: str
    problem: str = ""
    real: str = ""  # its bytes' format, when the extension names another


class ImageStore:
    """Reads image sizes (remembered by size, mtime and inode) and makes WebP variants once.

    `memo` is kept in the build cache between runs; `derived` is the cache folder that
    holds the variants, named by the image's content so an edited image gets new ones.
    `borrowed` (blog serve) is the derived folder of the site's own cache, only read: a copy
    found there is the one `blog build` made of the same bytes, taken instead of made again.
    """

    def __init__(self, memo: dict[str, Any], derived: Path, borrowed: Path | None = None) -> None:
        self.memo = memo
        self.derived = derived
        self.borrowed = borrowed
        self.used: set[str] = set()
        self.pending: dict[Path, VariantJob] = {}  # copies to make, by image (see make_pending)

    def forget_unused(self) -> None:
        """Drop what is remembered about images no post showed this time (deleted or unlinked)."""
        for key in [k for k in self.memo if k not in self.used]:
            del self.memo[key]

    def facts(self, path: Path) -> _FileFacts | None:
        """Size of an image file; None if it is missing, unreadable or has no size."""
        key = str(path)
        self.used.add(key)
        try:
            info = os.stat(path)
        except OSError:
            return None
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        remembered = self.memo.get(key)
        if isinstance(remembered, _FileFacts) and remembered.signature == signature:
            return remembered
        problem, real = image_check(path)  # before reading: a bomb is never decoded, a broken file is said
        if problem is not None:
            found = _FileFacts(signature, 0, 0, False, "", problem)
            self.memo[key] = found
            return found
        try:
            data = read_regular(path)
        except OSError:
            return None
        # A misnamed file is sized and resized as what its bytes are, as browsers show it.
        svg = real == "SVG" if real else key.lower().endswith(".svg")
        size = _svg_size(data) if svg else _raster_size(data)
        if size is None:
            return None
        raster = real in ("PNG", "JPEG", "WebP") if real else key.lower().endswith(RASTER_SUFFIXES)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        found = _FileFacts(signature, size[0], size[1], raster, digest, real=real or "")
        self.memo[key] = found
        return found

    def variant(self, path: Path, facts: _FileFacts, width: int) -> Path:
        """The WebP copy `width` pixels wide: the cache's file, or one to make (make_pending)."""
        name = f"{facts.digest}-{width}.webp"
        if self.borrowed is not None and (made := self.borrowed / "images" / facts.digest[:2] / name).is_file():
            return made
        target = self.derived / "images" / facts.digest[:2] / name
        planned = self.pending[path].copies if path in self.pending else ()
        if (width, target) not in planned and not target.exists():
            self.pending[path] = VariantJob(path, facts.width, facts.height, (*planned, (width, target)))
        return target

    def make_pending(self) -> set[Path]:
        """Make the copies planned by `variant`; the files that could not be made."""
        jobs, self.pending = list(self.pending.values()), {}
        return make_variants(jobs) if jobs else set()


def _raster_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a raster image from its bytes (already read for the digest)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            # A PNG's orientation is read from an eXIf chunk before its pixels, as browsers read
            # it; Pillow looked for one after them by decoding every PNG (1 s of 324 screenshots).
            plain_png = image.format == "PNG" and "exif" not in image.info
            orientation = None if plain_png else image.getexif().get(0x0112)
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    if orientation in (5, 6, 7, 8):  # browsers show EXIF-rotated photos turned: so do the sizes
        width, height = height, width
    return (width, height) if width > 0 and height > 0 else None


def _svg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of an SVG's root element in CSS pixels, as a browser shows it: from its
    width and height, one of them with the viewBox's proportions, or the viewBox alone."""
    head = data[:8192].decode("utf-8", "replace")
    root = re.search(r"<svg\b([^>]*)>", head)
    if root is None:
        return None
    attributes = dict(re.findall(r'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', root.group(1)))
    width, height = _css_pixels(attributes.get("width", "")), _css_pixels(attributes.get("height", ""))
    if width is not None and height is not None:
        return _whole(width), _whole(height)
    box = attributes.get("viewBox", "").replace(",", " ").split()
    if len(box) != 4:
        return None
    try:
        bw, bh = float(box[2]), float(box[3])
    except ValueError:
        return None
    if not (0 < bw < math.inf and 0 < bh < math.inf):
        return None
    if width is not None:
        return _whole(width), _whole(width * bh / bw)
    if height is not None:
        return _whole(height * bw / bh), _whole(height)
    return _whole(bw), _whole(bh)


def _css_pixels(length: str) -> float | None:
    """An SVG length in CSS pixels; None for one that depends on the page (em, ex, %) or is no length."""
    match = _SVG_LENGTH.match(length)
    scale = _CSS_PIXELS.get(match.group(2).lower()) if match else None
    if match is None or scale is None:
        return None
    return float(match.group(1)) * scale


def _whole(pixels: float) -> int:
    """Whole pixels, at least one; a width of 1e400 (infinite to Python) is held to a billion."""
    return max(1, round(min(pixels, 1e9)))


def image_facts(
    urls: Iterable[str],
    page_path: str,
    base_path: str,
    site_files: Mapping[str, Path],
    store: ImageStore,
) -> tuple[dict[str, ImageFacts | None], dict[str, Path]]:
    """Facts for the images one page shows, and the variant files to publish for them."""
    table: dict[str, ImageFacts | None] = {}
    variants: dict[str, Path] = {}
    for url in urls:
        relative = output_path(url, page_path, base_path)
        if relative is None:
            continue
        source = site_files.get(relative)
        if source is None:
            table[url] = None
            continue
        facts = store.facts(source)
        if facts is None:
            continue  # unreadable or sizeless: shown as written
        if facts.problem:
            table[url] = ImageFacts(0, 0, (), facts.problem)
            continue
        widths: list[int] = []
        if facts.raster and facts.width > COLUMN_PX:
            for width in VARIANT_WIDTHS:
                target = variant_path(relative, width)
                if width >= facts.width or target in site_files:
                    continue
                widths.append(width)
                variants[target] = store.variant(source, facts, width)
        table[url] = ImageFacts(facts.width, facts.height, tuple(widths), real=facts.real)
    return table, variants


def image_file_warnings(
    files: Mapping[str, Path], root: Path, memo: dict[str, Any]
) -> list[tuple[Path, str, str | None]]:
    """Every published raster image browsers cannot show, or whose extension names another
    format than its bytes (by its file, whether a post shows it or not), with what was expected
    when it is not the default; remembered by size, mtime and inode in `memo` so a warm build
    opens none."""
    found: list[tuple[Path, str, str | None]] = []
    fresh: dict[str, tuple[tuple[int, int, int], tuple[str | None, str | None]]] = {}
    prefix = str(root) + os.sep
    for source in files.values():
        key = str(source)
        if not key.startswith(prefix) or not key.lower().endswith(CHECKED_SUFFIXES):
            continue  # made by the build (a notebook's outputs are checked as they are converted)
        try:
            info = os.stat(source)
        except OSError:
            continue
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        remembered = memo.get(key)
        checked = remembered[1] if remembered is not None and remembered[0] == signature else image_check(source)
        fresh[key] = (signature, checked)
        problem, real = checked
        if problem is not None:
            found.append((source, problem, None))
        elif real is not None:
            found.append((source, *misnamed(real, source)))
    memo.clear()
    memo.update(fresh)
    return found


def attach_images(
    posts: Iterable[Any],
    base_path: str,
    memo: dict[str, Any],
    site_files: Mapping[str, Path],
    derived: Path,
    read_body: Callable[[Any], str],
    borrowed: Path | None = None,
    later: dict[str, tuple[Path, VariantJob]] | None = None,
) -> dict[str, Path]:
    """Give every post the facts of the images it shows; return the variant files to publish (a
    file of the site at a copy's path is published instead).

    The image URLs of a body are remembered by the source's hash in `memo` (the build
    cache), so an unchanged post is not read again just to find its images. Copies already in
    `borrowed` (blog serve: the site's cache, read only) are published from there. Given
    `later` (blog serve), the copies still to make are not made nor returned: each published
    path is put there with its copy and the job making it, for when a browser asks for it.
    """
    urls_by_hash: dict[str, tuple[str, ...]] = memo.setdefault("urls", {})
    typed_by_hash: dict[str, tuple[str, ...]] = memo.setdefault("typed", {})
    store = ImageStore(memo.setdefault("files", {}), derived, borrowed)
    variants: dict[str, Path] = {}
    used: set[str] = set()
    offered: list[tuple[Any, dict[str, Path]]] = []  # each post with the copies its images offer
    for post in posts:
        urls = remembered_image_urls(urls_by_hash, read_body, post)
        typed = remembered_image_urls(typed_by_hash, read_body, post, typed_image_sources)
        used.add(post.source_hash)
        folder = asset_folder_name(post.source)
        post.images, made = image_facts(as_linked(urls, folder), post.path, base_path, site_files, store)
        if typed:  # <img> tags the writer typed: only whether their files exist (rawimages.py)
            resolve = partial(output_path, page_path=post.path, base_path=base_path)
            post.images = missing_typed(post.images, as_linked(typed, folder), resolve, site_files)
        variants.update(made)
        if made:
            offered.append((post, made))
    for memo_by_hash in (urls_by_hash, typed_by_hash):
        for digest in [d for d in memo_by_hash if d not in used]:
            del memo_by_hash[digest]
    store.forget_unused()
    variants = {published: copy for published, copy in variants.items() if published not in site_files}  # theirs win
    if later is not None:  # a first preview of 650 pictures made them all before its first page: 16 s
        jobs = {copy: job for job in store.pending.values() for _, copy in job.copies}
        later.update({published: (copy, jobs[copy]) for published, copy in variants.items() if copy in jobs})
        return {published: copy for published, copy in variants.items() if copy not in jobs}
    failed = store.make_pending()
    if failed:  # an image that would not decode: its pages offer no copy of it
        for post, made in offered:
            post.images = _without_copies(post.images, made, failed, post.path, base_path)
        variants = {published: file for published, file in variants.items() if file not in failed}
    return variants


def _without_copies(
    images: dict[str, ImageFacts | None], made: dict[str, Path], failed: set[Path], page_path: str, base_path: str
) -> dict[str, ImageFacts | None]:
    """A post's image facts without the widths whose copies were not made."""
    kept: dict[str, ImageFacts | None] = {}
    for url, facts in images.items():
        if facts is not None and facts.variants:
            relative = output_path(url, page_path, base_path) or ""
            widths = tuple(w for w in facts.variants if made.get(variant_path(relative, w)) not in failed)
            facts = replace(facts, variants=widths)
        kept[url] = facts
    return kept


def prune_derived(derived: Path, published: set[Path], sources: set[str]) -> None:
    """Delete derived files this build no longer needs: variants not published, notebooks gone.

    Each edit of an image or a notebook makes files under new names; without this the cache
    folder would keep every old version. `sources` are the source hashes of the site's posts
    (a notebook's images live under its hash). Failures only cost disk space.
    """
    images, notebooks = derived / "images", derived / "notebooks"
    for file in images.rglob("*") if images.is_dir() else ():
        if file.is_file() and file not in published:
            with contextlib.suppress(OSError):
                file.unlink()
    for folder in notebooks.iterdir() if notebooks.is_dir() else ():
        if folder.name not in sources:
            shutil.rmtree(folder, ignore_errors=True)
