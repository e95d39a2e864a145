"""Saving a file in static/ in blog serve: copy it again, plan nothing.

A stylesheet or script the site already published changes only its own output file,
so a save re-copies it the way the full build's `write_site` does and records it in the
manifest with the same signature; the page that has it open swaps the stylesheet or
reloads. Everything else takes the full build: a new, deleted or renamed file (it may
replace a generated page or a theme file), a symlink (the full build checks where it
leads), a file the last build did not publish from this path, and images, whose sizes
and resized variants are part of the pages that show them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.build.cache import BuildCache, FileState
from generator.build.output import InPlace
from generator.content.variants import VariantJob, make_variants
from generator.markdown.figures import IMAGE_SUFFIXES


def static_signature(source: Path, info: os.stat_result) -> str:
    """What the manifest remembers of a copied file: write.write_site compares the same string."""
    return f"static:{info.st_size}:{info.st_mtime_ns}:{source}"


def copy_again(output: Path, static_dir: Path, cache: BuildCache, paths: list[Path]) -> list[str] | None:
    """The output files re-copied for these saved static files, or None when the full build must run."""
    copies: list[tuple[str, Path, os.stat_result]] = []
    for path in paths:
        if path.name.lower().endswith(IMAGE_SUFFIXES):
            return None
        try:
            info = os.lstat(path)
            relative = path.relative_to(static_dir).as_posix()
        except (OSError, ValueError):
            return None
        old = cache.manifest.get(relative)
        if not stat.S_ISREG(info.st_mode) or old is None or not old.digest.startswith("static:"):
            return None
        if old.digest.split(":", 3)[-1] != str(path):
            return None  # published from another file (the theme's, or through a link)
        copies.append((relative, path, info))
    writer = InPlace(output)
    states: dict[str, FileState] = {}
    try:
        for relative, path, info in copies:
            written = writer.copy(path, relative)  # a rename keeps its size and time
            states[relative] = FileState(static_signature(path, info), written.st_size, written.st_mtime_ns)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    cache.manifest.update(states)
    return sorted(relative for relative, _, _ in copies)


def publish_copy(output: Path, cache: BuildCache, relative: str, copy: Path, job: VariantJob) -> None:
    """One image's WebP copy written at `relative`, made first (every width of that image, in this
    process) if no build has: a first preview makes none before its first page. An image that
    does not decode is written there itself, so the page still shows it (`blog build` warns)."""
    if not copy.is_file():
        make_variants([job])
    source = copy if copy.is_file() else job.source
    writer = InPlace(output)
    try:
        written = writer.copy(source, relative)
        writer.commit()
    except OSError:  # the image went away since the build: the browser gets no file, as for any other
        writer.abort()
        return
    except BaseException:
        writer.abort()
        raise
    cache.manifest[relative] = FileState(
        static_signature(source, os.stat(source)), written.st_size, written.st_mtime_ns
    )
