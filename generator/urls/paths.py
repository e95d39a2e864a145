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
    falls back to '-'. The result then goes through `portable_segment`, so a slug never
    is a name Windows refuses ('con' becomes 'con-', a trailing dot is dropped).
    """
    text = unicodedata.normalize("NFC", text).strip().lower()
    slug = _DASHES.sub("-", _UNSAFE.sub("-", text)).strip("-")
    visible = slug.lstrip(".-")  # '.hidden' would be a dot-folder that GitHub Pages and most servers hide
    if not visible:
        return "-" if not slug else "-" + slug.replace(".", "-")
    return portable_segment(visible.rstrip(".-") or visible)


# '+' and a '#' right after a letter carry meaning in names of languages and tools (C, C++, C#, F#,
# Notepad++): spelt out, they keep such names apart where plain slugify would make all of them 'c'.
_PLUS = re.compile(r"\+")
_SHARP = re.compile(r"(?<=\w)#")


@lru_cache(maxsize=4096)
def term_slug(name: str) -> str:
    """The URL segment of a tag, category or series name: 'C++' -> 'c-plus-plus', 'C#' -> 'c-sharp'.

    Spelt-out words rather than Hugo's percent-encoded 'c++' and 'c%23': the folder names stay
    plain ASCII that every file system, git checkout and static host serves alike ('+' is a space
    to some hosts' path decoding, and '#' ends a URL's path when a link is written unencoded).
    Post slugs keep `slugify`, so the URLs of existing posts do not move.
    """
    text = _SHARP.sub(" sharp ", _PLUS.sub(" plus ", unicodedata.normalize("NFC", name)))
    return slugify(text)


def spelling_key(name: str) -> str:
    """Two names with one key are one name written twice ('PyTorch', 'pytorch'), merged without a word;
    two names with one `term_slug` but different keys ('C#', 'C-sharp') are worth a warning."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


# Below NAME_MAX (255 bytes on ext4, APFS, NTFS), leaving room for the writer's temporary names.
MAX_SEGMENT_BYTES = 200
# Names Windows keeps for devices, whatever the case and whatever extension follows ('aux.png', 'Con.txt').
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "\u00b9", "\u00b2", "\u00b3")]
)
_NOT_ON_WINDOWS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


_RESERVED_STARTS = frozenset(name[:3] for name in _RESERVED)


def _device_name(segment: str) -> bool:
    """Decided by the first three letters for nearly every name (casefolding is per letter, so
    theirs are the folded name's first three): every output path of 10,000 posts is checked."""
    if segment[:3].casefold()[:3] not in _RESERVED_STARTS:
        return False
    return segment.split(".", 1)[0].rstrip(" ").casefold() in _RESERVED


def segment_problem(segment: str) -> str | None:
    """Why one file or folder name of the output cannot be written or checked out on every
    system (Linux, macOS, Windows), or None. Every output path is checked with this one rule."""
    if segment in ("", ".", ".."):
        return f"'{segment}' is not a file or folder name"
    bad = _NOT_ON_WINDOWS.search(segment)
    if bad is not None:
        return f"'{segment}' contains {bad.group()!r}, which Windows does not allow in file names"
    if segment[-1] in ". ":
        return f"'{segment}' ends with a dot or a space, which Windows drops from file names"
    if _device_name(segment):
        return f"'{segment}' is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension)"
    size = len(segment.encode("utf-8"))
    if size > MAX_SEGMENT_BYTES:
        return f"'{segment[:40]}…' is {size} bytes long, more than file systems allow"
    return None


# Windows refuses a path longer than 260 UTF-16 units (MAX_PATH, unless long paths are switched on for
# both the system and git). The folder a site is built or cloned into takes part of that: a typical
# C:\Users\someone\Documents\GitHub\myblog\public\ is about 50, so 200 are left for the output's own path.
MAX_OUTPUT_PATH_UNITS = 200


def path_length_problem(relative: str) -> str | None:
    """Why a whole output path (relative to the output folder) is too long for Windows, or None.
    Each segment can be fine while the path is not: a long slug under /categories/a/b/c/."""
    units = len(relative.encode("utf-16-le")) // 2
    if units <= MAX_OUTPUT_PATH_UNITS:
        return None
    return (
        f"output path is {units} characters long ({relative[:60]}…); with the folder it is built or "
        "cloned into, Windows refuses paths over 260"
    )


def portable_segment(segment: str) -> str:
    """A generated name made valid everywhere: characters Windows refuses become '-', trailing dots
    and spaces go, and a device name gets a '-' after its stem ('con' -> 'con-', 'aux.png' ->
    'aux-.png'). Length is left alone: shortening could make two names one, so it is reported."""
    fixed = _NOT_ON_WINDOWS.sub("-", segment).rstrip(". ")
    if not fixed or fixed in (".", ".."):
        return "-"
    if _device_name(fixed):
        stem, dot, rest = fixed.partition(".")
        fixed = stem.rstrip(" ") + "-" + dot + rest
    return fixed


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
    if ".." in relative.split("/"):  # (a '.' segment is dropped by PurePosixPath, like an empty one)
        raise ValueError(f"path {path!r} would leave the output directory")
    return PurePosixPath(relative)
