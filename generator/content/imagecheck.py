"""Is this image file one a browser can show? Answered from its first and last bytes and
its header, never by decoding it.

A truncated upload, a zero-byte file, an HTML error page saved as `plot.png`, or a
notebook output whose base64 is really text are all published as "images" that show as
broken icons, and nobody notices until a reader does. A header that claims 40000×40000
pixels is a decompression bomb for whatever tries to resize it. Each gets a sentence here;
the build warns with it, naming the file (and the line that shows it).
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


def _problem(handle: BinaryIO, size: int, kind: str) -> str | None:
    if size == 0:
        return "file is empty"
    head = handle.read(64)
    if not head.startswith(_SIGNATURES[kind]):
        return f"file is not a {kind} image ({_starts_like(head)})"
    handle.seek(max(0, size - 1024))
    tail = handle.read()
    ending = _ending_problem(kind, head, tail, size)
    if ending is not None:
        return ending
    handle.seek(0)
    return _header_problem(handle, kind, head)


def image_problem(path: str | os.PathLike[str]) -> str | None:
    """Why the raster image at `path` cannot be shown, or None (also for other files)."""
    kind = RASTER_KINDS.get(Path(path).suffix.lower())
    if kind is None:
        return None
    try:
        with open_regular(path) as handle:
            return _problem(handle, os.fstat(handle.fileno()).st_size, kind)
    except OSError:
        return None  # unreadable files are reported where they are copied


def image_data_problem(data: bytes, kind: str) -> str | None:
    """The same question for bytes already in memory (a notebook's image output)."""
    return _problem(BytesIO(data), len(data), kind)


__all__ = ["MAX_PIXELS", "RASTER_KINDS", "image_data_problem", "image_problem"]
