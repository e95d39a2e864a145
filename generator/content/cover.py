"""A post's cover image, from whichever front-matter key its old theme read it.

Hugo's Stack writes `image: cover.webp` beside a bundle's index.md, PaperMod `cover: {image: …}`,
other Hugo themes `images: [a.png]` or `featured_image`; Hexo's Butterfly `cover:` (and `top_img`),
Fluid `index_img`/`banner_img`; Jekyll `image:` (Chirpy: `image: {path: …}`). A blog moved in
carries them on every post, and the page should use them where a reader (and a link preview)
expects one: og:image, a thumbnail on the index, a banner on the post. Pure: which key, what it
names and where that lands; `missing_covers` checks the names against the files the build has.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from generator.errors import Diagnostic, warning

# The keys, first found wins: those themes read as the index's thumbnail before their banners.
COVER_KEYS = (
    "index_img",  # Fluid: the index thumbnail
    "cover",  # Butterfly, PaperMod (a mapping with `image`), many Hexo themes
    "image",  # Hugo Stack, Jekyll (Chirpy: a mapping with `path`)
    "images",  # Hugo's own: the first of a list
    "featured_image",  # Hugo themes (Ananke, hello-friend)
    "featuredImage",  # Hugo LoveIt, FixIt
    "thumbnail",
    "banner_img",  # Fluid: the post's banner
    "top_img",  # Butterfly: the post's banner
)
_EXTERNAL = re.compile(r"(?i)(?:https?:)?//")
_SCHEME = re.compile(r"[a-zA-Z][\w+.-]*:")


@dataclass(frozen=True, slots=True)
class CoverRef:
    """The cover as written: the front-matter key it came from and the address it names."""

    key: str
    written: str
    # PaperMod's `cover: {image: …}` (unless `relative: true`) and Chirpy's `image: {path: …}`
    # name a file from the site's root, like a file under static/; a page bundle's own image
    # is one PaperMod finds among its files first, so a bundle keeps it beside its index.md.
    from_root: bool = False

    @property
    def external(self) -> bool:
        return _EXTERNAL.match(self.written) is not None

    def address(self, source: str) -> str:
        """The cover as the post's page links it: written from the site's root where its theme
        read it so (see from_root), else as written."""
        bundle = source.rsplit("/", 1)[-1].startswith("index.")
        if self.from_root and not bundle and not self.external and not self.written.startswith("/"):
            return "/" + self.written.removeprefix("./")
        return self.written


def _address(value: Any) -> str:
    """The address a key's value names: a string, a PaperMod/Chirpy mapping, a Hugo list."""
    if isinstance(value, Mapping):
        value = value.get("image", value.get("path", value.get("src")))
    elif isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), None)
    if not isinstance(value, str):
        return ""  # Butterfly's `cover: false`, an empty key, a number
    return value.strip()


def cover_ref(meta: Mapping[str, Any]) -> CoverRef | None:
    """The post's cover as written, or None: no key, or one naming no image (`cover: false`, a
    scheme other than http(s), which is never published)."""
    for key in COVER_KEYS:
        value = meta.get(key)
        if value is None:  # most posts have none of the keys: every list page asks for each post's cover
            continue
        written = _address(value)
        if not written:
            continue
        if _SCHEME.match(written) and not _EXTERNAL.match(written):
            return None  # javascript:, data:, file: (post_meta reports a script URL)
        return CoverRef(key, written, isinstance(value, Mapping) and value.get("relative") is not True)
    return None


def cover_path(ref: CoverRef | None, post_path: str, source: str = "") -> str | None:
    """Where the cover is: an http(s) URL as written, else a site path (a relative name is a file
    beside the post, published in its folder, as Hugo's page bundles and Hexo's asset folders are,
    unless its theme read it from the site's root: CoverRef.from_root). `source`: the post's file."""
    if ref is None:
        return None
    if ref.external:
        return "https:" + ref.written if ref.written.startswith("//") else ref.written
    path = ref.address(source).split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("/"):
        path = posixpath.join(post_path or "/", path.removeprefix("./"))
    return posixpath.normpath(unquote(path))


def missing_covers(posts: Iterable[Any], site_files: Mapping[str, Any]) -> list[Diagnostic]:
    """A warning for each post whose cover names a local file the site does not publish, at the
    line of its key: the page would show a broken image and link previews none."""
    found: list[Diagnostic] = []
    for post in posts:
        ref = cover_ref(post.meta)
        path = cover_path(ref, post.path, post.source)
        if ref is None or path is None or ref.external or path.lstrip("/") in site_files:
            continue
        found.append(
            warning(
                post.source,
                post.key_lines.get(ref.key),
                f"cover image '{ref.written}' ('{ref.key}') not found",
                "a file beside the post (a Hugo bundle's index.md), or a site path to a file under static/",
            )
        )
    return found


__all__ = ["COVER_KEYS", "CoverRef", "cover_path", "cover_ref", "missing_covers"]
