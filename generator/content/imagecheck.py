"""Is this image file one a browser can show? Answered from its first and last bytes and
its header, never by decoding it.

A truncated upload, a zero-byte file, an HTML error page saved as `plot.png`, or a
notebook output whose base64 is really text are all published as "images" that show as
broken icons, and nobody notices until a reader does. A header that claims 40000×40000
pixels is a decompression bomb for whatever tries to resize it. Each gets a sentence here;
the build warns with it, naming the file (and the line that shows it).

A file whose bytes are another format than its extension says (a JPEG saved as `.png`, a
screenshot tool's BMP named `.png`) is no such problem: browsers go by the bytes and show it.
`image_check` tells that apart, with the real format, so the warning can say to rename it.
"""

from __future__ import annotations

import os
import warnings
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from generator.files import open_regular

# Pillow's own bomb limit (about 89 million pixels): what resizing may decode.
MAX_PIXELS = 89_478_485
RASTER_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
_SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "GIF": (b"GIF87a", b"GIF89a"),
    "WebP": (b"RIFF",),
}
_PNG_END = b"IEND\xaeB`\x82"
_HEAD = 512  # enough for an SVG's XML declaration and comment before its <svg
# The formats a browser recognises by their bytes, and the extension each should have.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WebP": ".webp", "BMP": ".bmp", "SVG": ".svg"}


def real_format(head: bytes) -> str | None:
    """The format the first bytes of a file are, among those browsers show (None: another)."""
    for kind, signatures in _SIGNATURES.items():
        if head.startswith(signatures) and (kind != "WebP" or head[8:12] == b"WEBP"):
            return kind
    if (
        head.startswith(b"BM")
        and len(head) >= 26
        and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 108, 124)
    ):
        return "BMP"  # "BM" and a known DIB header size: a text file starting "BM" is no bitmap
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") and b"<svg" in head and not text[:14].lower().startswith(b"<!doctype html"):
        return "SVG"
    return None


def _starts_like(head: bytes) -> str:
    """How a file that is not the image it claims begins, for the message."""
    if head.lstrip()[:1] == b"<":
        return "it starts like HTML or XML"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "its first bytes are not that format's signature"
    return "it is text"


def _ending_problem(kind: str, head: bytes, tail: bytes, size: int) -> str | None:
    """A truncated file: the format's end marker (or declared length) is missing."""
    if kind == "PNG" and not tail.endswith(_PNG_END):
        return "file is truncated (no PNG end chunk)"
    if kind == "JPEG" and b"\xff\xd9" not in tail:
        return "file is truncated (no JPEG end marker)"
    if kind == "GIF" and not tail.rstrip(b"\x00").endswith(b";"):
        return "file is truncated (no GIF trailer)"
    if kind == "WebP":
        if head[8:12] != b"WEBP":
            return "file is not a WebP image (a RIFF file of another kind)"
        if int.from_bytes(head[4:8], "little") + 8 > size:
            return "file is truncated (shorter than its RIFF header says)"
    return None


def _header_problem(handle: BinaryIO, kind: str, head: bytes) -> str | None:
    """The dimensions its header claims, read without decoding a pixel."""
    from PIL import Image, UnidentifiedImageError  # Pillow only once an image is read (start-up time)

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(handle) as image:
                width, height = image.size
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            width, height = _png_size(head) if kind == "PNG" else (0, 0)
            if width and height:
                return f"header claims {width}×{height} pixels, more than {MAX_PIXELS // 1_000_000} million"
            return f"header claims more than {MAX_PIXELS // 1_000_000} million pixels"
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
            return f"file is not a readable {kind} image (its header is damaged)"
    if width <= 0 or height <= 0:
        return f"header claims {width}×{height} pixels"
    if width * height > MAX_PIXELS:
        return f"header claims {width}×{height} pixels, more than {MAX_PIXELS // 1_000_000} million"
    return None


def _png_size(head: bytes) -> tuple[int, int]:
    if head[12:16] != b"IHDR":
        return 0, 0
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _problem(handle: BinaryIO, size: int, kind: str) -> tuple[str | None, str | None]:
    """(why browsers cannot show the file, the format it really is when not `kind`)."""
    problem, real = _checked(handle, size, kind)
    if problem is not None and real is not None:  # "truncated (no JPEG end marker)" of a .png
        problem += f" (its bytes are {real}, not {kind})"
    return problem, real


def _checked(handle: BinaryIO, size: int, kind: str) -> tuple[str | None, str | None]:
    if size == 0:
        return "file is empty", None
    head = handle.read(_HEAD)
    real = kind if head.startswith(_SIGNATURES[kind]) else real_format(head)
    if real is None:
        return f"file is not a {kind} image ({_starts_like(head)})", None
    misnamed = real if real != kind else None
    if real == "SVG":
        return None, misnamed
    if real == "BMP":
        handle.seek(0)
        return _header_problem(handle, real, head), misnamed
    handle.seek(max(0, size - 1024))
    tail = handle.read()
    ending = _ending_problem(real, head, tail, size)
    if ending is not None:
        return ending, misnamed
    handle.seek(0)
    return _header_problem(handle, real, head), misnamed


def image_check(path: str | os.PathLike[str]) -> tuple[str | None, str | None]:
    """For a raster image at `path`: why browsers cannot show it, and the format its bytes are
    when its extension names another; (None, None) for a sound file and for other files."""
    kind = RASTER_KINDS.get(Path(path).suffix.lower())
    if kind is None:
        return None, None
    try:
        with open_regular(path) as handle:
            return _problem(handle, os.fstat(handle.fileno()).st_size, kind)
    except OSError:
        return None, None  # unreadable files are reported where they are copied


def misnamed(real: str, path: str | os.PathLike[str]) -> tuple[str, str]:
    """The warning for a file whose extension names another format, and what was expected."""
    suffix = Path(path).suffix.lower()
    return (
        f"file is a {real} image, not {RASTER_KINDS.get(suffix, suffix)} as its extension says; "
        "browsers show it by its content",
        f"the extension of its format: rename it to {EXTENSIONS[real]}, as other tools go by the name",
    )


def image_data_problem(data: bytes, kind: str) -> str | None:
    """The same question for bytes already in memory (a notebook's image output): another
    format than its MIME type says is shown by browsers all the same, so it is no problem."""
    return _problem(BytesIO(data), len(data), kind)[0]


__all__ = [
    "EXTENSIONS",
    "MAX_PIXELS",
    "RASTER_KINDS",
    "image_check",
    "image_data_problem",
    "misnamed",
    "real_format",
]
