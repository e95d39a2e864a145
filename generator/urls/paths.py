"""The only place that builds URLs and output paths.

Keeping slugs, permalink patterns and the base path together means a site moved under
/repo/ (GitHub Pages) gets every link right by changing one value.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

_UNSAFE = re.compile(r"[^\w\-.~]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")


@lru_cache(maxsize=4096)  # tag names repeat: 10,000 posts name a few hundred tags 25,000 times
def slugify(text: str) -> str:
    """A path segment that is safe on every file system and keeps Chinese as Chinese.

    Latin letters are lower-cased (so "PyTorch" and "pytorch" are one tag), runs of
    anything that is not a letter, digit, '-', '.', '_' or '~' become one '-', leading
    dots are dropped, and a result made only of dots (which would climb directories)
    falls back to '-'.
    """
    text = unicodedata.normalize("NFC", text).strip().lower()
    slug = _DASHES.sub("-", _UNSAFE.sub("-", text)).strip("-")
    visible = slug.lstrip(".-")  # '.hidden' would be a dot-folder that GitHub Pages and most servers hide
    if not visible:
        return "-" if not slug else "-" + slug.replace(".", "-")
    return visible


def is_safe_segment(segment: str) -> bool:
    return (
        bool(segment)
        and segment not in (".", "..")
        and "/" not in segment
        and "\\" not in segment
        and "\0" not in segment
    )


def expand(pattern: str, **values: str | int) -> str:
    """Fill a permalink pattern; the result is a site path like /posts/x/."""
    path = pattern
    for key, value in values.items():
        path = path.replace("{" + key + "}", str(value))
    if not path.startswith("/"):
        path = "/" + path
    if not path.endswith("/") and not PurePosixPath(path).suffix:
        path += "/"
    return path


_PLAIN_PATH = re.compile(r"[A-Za-z0-9/\-._~!$&'()*+,;=:@%]*")


def encode_path(path: str) -> str:
    """Percent-encode a site path (Chinese slugs stay readable on disk, links stay valid)."""
    if _PLAIN_PATH.fullmatch(path):  # nothing to encode: the common case, and quote() is slow
        return path
    return quote(path, safe="/-._~!$&'()*+,;=:@%")


def join_base(base_path: str, path: str) -> str:
    """Prefix a site path with the base path, e.g. ('/repo/', '/posts/x/') -> '/repo/posts/x/'."""
    if not path.startswith("/"):
        path = "/" + path
    return base_path.rstrip("/") + encode_path(path)


@lru_cache(maxsize=65536)  # a post's path is asked for by planning, its files and every later build of blog serve
def output_file(path: str) -> PurePosixPath:
    """Where a site path is written: '/posts/x/' -> 'posts/x/index.html'."""
    path = unquote(path)
    relative = path.lstrip("/")
    if path.endswith("/"):
        relative += "index.html"
    result = PurePosixPath(relative)
    if any(part in ("..", ".") for part in result.parts):
        raise ValueError(f"path {path!r} would leave the output directory")
    return result
