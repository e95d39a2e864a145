"""The WebP copies of the wide images posts show, made in the build cache (named by each image's
content, so only a new or edited image is ever resized again).

A first build of a blog with pictures spent most of its time here: a real Hexo blog of 355
posts and 265 wide screenshots took 27 s making their copies one after another, against 2 s for
everything else. Each image is now decoded once for all its widths, on every core when there
are several, and encoded at WebP's method 2 rather than 4: on 60 of those screenshots 4.2 s of
CPU against 6.4 s for 3 % more bytes (method 0 saved little more and cost 25 % more bytes). A
JPEG photo is decoded at the smallest scale (1/2, 1/4, 1/8) still wider than its widest copy,
and the narrower copy is made from the wider one: 131 against 151 ms of CPU a screenshot.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.files import open_regular
from generator.processes import can_fork, map_in_workers, worker_count

if TYPE_CHECKING:  # Pillow is imported where an image is made: most builds make none
    from PIL import Image

# Images from which the copies are made in workers: one image takes ~70 to 150 ms of CPU; a forked
# worker ~50 ms to start, a spawned one (blog serve, whose threads make forking unsafe) ~0.6 s.
PARALLEL_IMAGES = {"fork": 4, "spawn": 24}
WEBP_QUALITY = 82
WEBP_METHOD = 2


@dataclass(frozen=True, slots=True)
class VariantJob:
    """One image's copies still to make: (width, file) each, from a file `width` x `height` upright."""

    source: Path
    width: int
    height: int
    copies: tuple[tuple[int, Path], ...]


def make_variants(jobs: list[VariantJob]) -> set[Path]:
    """Make every job's copies; return the files that could not be made (an image that does not
    decode), which the pages must then not offer."""
    workers = worker_count()
    method = "fork" if can_fork() else "spawn"
    if len(jobs) >= PARALLEL_IMAGES[method] and workers > 1:
        failed = map_in_workers(method, workers, _make, jobs)
    else:
        failed = [_make(job) for job in jobs]
    return {path for paths in failed for path in paths}


def _make(job: VariantJob) -> list[Path]:
    """One image's copies, each written through a temporary name; the copies not made."""
    from PIL import Image, UnidentifiedImageError

    widest = max(width for width, _ in job.copies)
    try:
        image = _decoded(job, widest)
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return [target for _, target in job.copies]
    failed: list[Path] = []
    for width, target in sorted(job.copies, reverse=True):  # each from the one before: fewer pixels to filter
        try:
            height = max(1, round(job.height * width / job.width))
            image = image.resize((width, height), Image.Resampling.LANCZOS)
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            image.save(temporary, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
            temporary.replace(target)
        except (OSError, ValueError):
            failed.append(target)
    return failed


def _decoded(job: VariantJob, widest: int) -> Image.Image:
    """The image upright and in RGB(A); a JPEG decoded no larger than its widest copy needs."""
    from PIL import Image, ImageOps

    with open_regular(job.source) as handle, Image.open(handle) as image:
        if image.format == "JPEG":
            turned = image.getexif().get(0x0112) in (5, 6, 7, 8)  # job's sizes are upright, the file's not
            needed = max(1, round(job.height * widest / job.width))
            image.draft(image.mode, (needed, widest) if turned else (widest, needed))
        upright = ImageOps.exif_transpose(image)  # a copy: the file's own pixels are let go below
    if upright.mode != "RGBA":
        upright = upright.convert("RGBA" if upright.mode in ("LA", "P", "PA") else "RGB")
    if upright.mode == "RGBA" and upright.getextrema()[3] == (255, 255):
        # Screenshots are saved with an alpha channel nobody drew on (27 of 30 of a real blog's
        # PNGs): without it each copy is filtered and encoded 15 % sooner, and libwebp, which
        # leaves an opaque alpha out of the file, writes the same bytes.
        return upright.convert("RGB")
    return upright
