"""The build cache: what one build leaves for the next, in memory and on disk.

Rebuild speed is what we sell, and correctness comes first: every entry is keyed by a
hash of everything it was made from (post source, render options, tool version; page
inputs, config and templates), so a warm build writes exactly the bytes a cold one
would. The folder (`.cache/blog/` beside site.toml) can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import uuid
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build.buildinfo import CACHE_DIR_NAME as CACHE_DIR_NAME  # where it always was, for callers
from generator.content.model import Excerpt, Heading, Rendered
from generator.markdown.render import RenderOptions
from generator.site.related_memo import RelatedMemo

DERIVED = "derived"  # in the cache folder: files made from sources (image copies, notebook images)
CACHE_FORMAT = (
    9  # 7: image facts say why an image cannot be shown; 8: and the format of a misnamed one; 9: headings' formulas
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Our version and the bytes of our own code: an upgrade (or a local edit) never reuses old output."""
    hasher = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = Path(__file__).resolve().parents[1]  # the whole generator package
    for name in sorted(_code_files(str(package), "")):
        hasher.update(name.encode())
        with open(os.path.join(package, name), "rb") as file:
            hasher.update(file.read())
    return hasher.hexdigest()


def _code_files(folder: str, prefix: str) -> list[str]:
    """The package's .py files by relative path, bytecode folders not walked (Path.rglob took
    2 ms of a one-post build's 5 here)."""
    found: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    found += _code_files(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".py"):
                found.append(prefix + entry.name)
    return found


def post_key(source_hash: str, options: RenderOptions) -> str:
    """A post's rendering depends on its whole file, the render options and our code."""
    hasher = _options_hasher(options).copy()
    hasher.update(source_hash.encode("utf-8"))
    return hasher.hexdigest()


@lru_cache(maxsize=8)
def _options_hasher(options: RenderOptions) -> Any:
    """What every post key starts from: digested once, not once per post (10,000 reprs a build)."""
    text = f"{code_fingerprint()}|{CACHE_FORMAT}|{options!r}|"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16)


@dataclass(frozen=True, slots=True)
class FileState:
    """What we wrote to an output file, and how to tell nobody changed it since."""

    digest: str
    size: int
    mtime_ns: int

    def matches(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False
        return stat.st_size == self.size and stat.st_mtime_ns == self.mtime_ns


@dataclass(slots=True)
class BuildCache:
    """`blog serve` keeps one in memory; `blog build` loads and saves one on disk."""

    rendered: dict[str, Rendered] = field(default_factory=dict)  # post key -> result (html None: on disk)
    pages: dict[str, str] = field(default_factory=dict)  # output file -> fingerprint of its inputs
    manifest: dict[str, FileState] = field(default_factory=dict)  # output file -> what is there
    output: str | None = None  # the folder the manifest describes
    sources: dict[str, Any] = field(default_factory=dict)  # loader.SourceMemo: unchanged files are not re-read
    sources_fp: str = ""  # what the memo was made under (time zone, migration settings, code)
    figures: dict[str, Any] = field(default_factory=dict)  # image sizes; image URLs, citation keys by source hash
    related: RelatedMemo = field(default_factory=RelatedMemo)  # the last related lists and what they came from
    _scratch: tempfile.TemporaryDirectory[str] | None = None  # derived files when nothing persists
    directory: Path | None = None  # where it persists; None keeps it in memory only
    borrowed: Path | None = None  # blog serve: the site's disk cache, read for post HTML, never written
    _fresh_html: dict[str, str] = field(default_factory=dict)
    environment: tuple[str, Any, list[Any]] | None = None  # (fingerprint, Jinja env, template problems); not saved
    live: Any = None  # live.LivePlan: blog serve's last plan, so a save can skip planning; not saved
    emptied: set[str] = field(default_factory=set)  # blog serve: posts empty for longer than a save takes; not saved
    _saved: tuple[dict[str, str], dict[str, tuple[str, int, int]], dict[str, Any], dict[str, Any], str] | None = None
    _shards: dict[str, str] = field(default_factory=dict)  # shard -> its file in rendered/, as the index names it
    _dirty: set[str] = field(default_factory=set)  # shards with an entry added or removed since the last save

    @classmethod
    def load(cls, directory: Path, outputs: bool = True) -> BuildCache:
        """The cache saved in `directory`; an empty one if it is missing, old or unreadable.

        Without `outputs` the record of the built site's files is left out (blog serve borrows
        the rest; 10,000 file states took 0.09 s to make)."""
        try:
            with open(directory / "index.pickle", "rb") as handle:
                data = pickle.load(handle)
            if data.get("format") != CACHE_FORMAT or data.get("version") != __version__:
                raise ValueError("cache from another version")
            figures = data["figures"]
            if data.get("code") != code_fingerprint():  # what a body shows or cites depends on our converters
                figures = {key: value for key, value in figures.items() if key not in ("urls", "typed", "cites")}
            rendered: dict[str, Rendered] = {}
            for name in data["shards"].values():
                with open(directory / SHARDS_DIR / name, "rb") as handle:
                    rendered.update((key, _rendered_from(row)) for key, row in pickle.load(handle).items())
            if rendered and not (directory / "html").is_dir():
                raise ValueError("the HTML files were deleted")
            return cls(
                rendered=rendered,
                _shards=data["shards"],
                pages=data["pages"],
                manifest={key: FileState(*row) for key, row in data["manifest"].items()} if outputs else {},
                output=data["output"],
                sources=data["sources"],
                sources_fp=data["sources_fp"],
                figures=figures,
                related=RelatedMemo(*data["related"]),
                directory=directory,
                _saved=(
                    data["pages"],
                    data["manifest"],
                    dict(data["sources"]),
                    _copy(figures),
                    data["related"][0],
                ),
            )
        except (OSError, ValueError, KeyError, EOFError, pickle.UnpicklingError, AttributeError, TypeError):
            return cls(directory=directory)

    def sources_for(self, fingerprint: str) -> dict[str, Any]:
        """The loader's memo, emptied when what it was made under changed."""
        if fingerprint != self.sources_fp:
            self.sources = {}
            self.sources_fp = fingerprint
        return self.sources

    def derived_dir(self) -> Path:
        """Where files made from sources live (notebook images, image variants): kept with the cache."""
        if self.directory is not None:
            return self.directory / DERIVED
        if self._scratch is None:  # no cache on disk: a folder removed with this object
            self._scratch = tempfile.TemporaryDirectory(prefix="blog-derived-")
        return Path(self._scratch.name)

    def borrowed_derived(self) -> Path | None:
        """blog serve: the derived files of the cache it borrows, whose image copies `blog build`
        made (named by each image's content), so a preview need not make them all again before
        its first page: 14.6 s for a real blog of 650 pictures, with a warm cache."""
        return None if self.borrowed is None else self.borrowed / DERIVED

    def drop_scratch(self) -> None:
        """Remove the derived files of a build without a cache on disk now: once the output is
        committed (they are copied into it) nothing reads them, and a process that ends with
        os._exit never runs the finalizer that would."""
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def html_file(self, key: str) -> Path:
        folder = self.directory or self.borrowed
        assert folder is not None
        return folder / "html" / key[:2] / f"{key}.html"

    def borrow(self, directory: Path) -> None:
        """Start blog serve's in-memory cache from what `blog build` left in `directory`.

        Without it every `blog serve` rendered every post again: 2 s for 200 posts, a cold
        build's time at any size. The posts' results and the loader's memo are taken; their
        HTML is read from `directory` when a page needs it, as a build reads it. Nothing is
        ever written there: the files the manifest describes are the built site's, not the
        preview's, and a `blog build` may run beside the preview."""
        found = BuildCache.load(directory, outputs=False)
        if not found.rendered:
            return
        self.rendered.update(found.rendered)
        self.borrowed = directory
        if not self.sources:
            self.sources, self.sources_fp = found.sources, found.sources_fp
        # Memos that are pure functions of the posts' and images' bytes: without them a first
        # preview of 10,000 posts read every body again for its image URLs (3 s) and scored
        # related posts, and one of 650 pictures read, hashed and checked every image again
        # (1 s). An image's facts name its copies by its content: found in the borrowed folder.
        for memo in ("urls", "typed", "files", "checked", "cites"):
            if memo in found.figures and memo not in self.figures:
                self.figures[memo] = found.figures[memo]
        if not self.related.key:
            self.related = found.related

    def html(self, key: str) -> str:
        """A post's HTML, read from disk only when a page that shows it is rendered."""
        rendered = self.rendered[key]
        if rendered.html is not None:
            return rendered.html
        if key in self._fresh_html:
            return self._fresh_html[key]
        return self.html_file(key).read_text(encoding="utf-8")

    def store_html(self, key: str, html: str) -> None:
        """Write one post's HTML file (worker processes do this themselves)."""
        path = self.html_file(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(html, encoding="utf-8")
        os.replace(temporary, path)

    def remember(self, key: str, rendered: Rendered) -> None:
        self._dirty.add(shard_of(key))
        if rendered.html is None or self.directory is None:  # already stored on disk by a worker
            self.rendered[key] = rendered
        else:  # keep the index small: the HTML goes to its own file on save
            self._fresh_html[key] = rendered.html or ""
            self.rendered[key] = replace(rendered, html=None)

    def has_html(self, key: str) -> bool:
        """Known to the index: its HTML is in memory or was saved with the index (no stat per post)."""
        return key in self.rendered

    def forget_except(self, keys: set[str]) -> list[str]:
        stale = [k for k in self.rendered if k not in keys]
        for key in stale:
            del self.rendered[key]
            self._fresh_html.pop(key, None)
            self._dirty.add(shard_of(key))
        return stale

    def save(self, stale: list[str]) -> None:
        """Write new HTML files and the index atomically; failures only cost speed next time."""
        if self.directory is None:
            return
        manifest = {key: (s.digest, s.size, s.mtime_ns) for key, s in self.manifest.items()}
        state = (self.pages, manifest, self.sources, self.figures, self.related.key)
        if not self._fresh_html and not stale and not self._dirty and self._saved == state:
            return  # nothing changed: a no-op build should not rewrite megabytes of index
        try:
            for key, html in self._fresh_html.items():
                path = self.html_file(key)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(html, encoding="utf-8")
            for key in stale:
                self.html_file(key).unlink(missing_ok=True)
            shards = self._save_shards()
            kept = set(shards.values())
            data = {
                "format": CACHE_FORMAT,
                "version": __version__,
                "code": code_fingerprint(),
                "shards": shards,
                "pages": self.pages,
                "manifest": manifest,
                "output": self.output,
                "sources": self.sources,
                "sources_fp": self.sources_fp,
                "figures": self.figures,
                "related": (self.related.key, self.related.lists),
            }
            self.directory.mkdir(parents=True, exist_ok=True)
            temporary = self.directory / f"index.pickle.{uuid.uuid4().hex[:8]}"
            with open(temporary, "wb") as handle:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.directory / "index.pickle")
            for name in os.listdir(self.directory / SHARDS_DIR):  # only now: the old index named them
                if name not in kept:  # replaced shards, and any a failed save left behind
                    (self.directory / SHARDS_DIR / name).unlink(missing_ok=True)
            self._shards, self._dirty = shards, set()
            self._fresh_html.clear()
            self._saved = (dict(self.pages), manifest, dict(self.sources), _copy(self.figures), self.related.key)
        except OSError:
            pass

    def _save_shards(self) -> dict[str, str]:
        """Write the shards that changed, each under a new name; return the new map.

        Posts' results are split by key into 16 files so that an edit re-pickles one
        sixteenth of them (the whole index was 20 MB and 0.3 s to write at 10,000 posts).
        """
        assert self.directory is not None
        folder = self.directory / SHARDS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        shards = dict(self._shards)
        dirty = set(self._dirty) | {shard_of(key) for key in self.rendered if shard_of(key) not in shards}
        rows: dict[str, dict[str, tuple[object, ...]]] = {shard: {} for shard in dirty}
        for key, rendered in self.rendered.items():
            group = rows.get(shard_of(key))
            if group is not None:
                group[key] = _rendered_row(rendered)
        for shard, group in sorted(rows.items()):
            shards.pop(shard, None)
            if not group:
                continue
            name = f"{shard}-{uuid.uuid4().hex[:12]}.pickle"
            with open(folder / name, "wb") as handle:
                pickle.dump(group, handle, protocol=pickle.HIGHEST_PROTOCOL)
            shards[shard] = name
        return shards


SHARDS_DIR = "rendered"


def shard_of(key: str) -> str:
    """Post keys are hex digests: their first character splits them into 16 even shards."""
    return key[:1]


def _copy(figures: dict[str, Any]) -> dict[str, Any]:
    return {key: dict(value) if isinstance(value, dict) else value for key, value in figures.items()}


# The index is stored as plain tuples: unpickling frozen slotted dataclasses goes through
# dataclasses' __setstate__, which made loading 10,000 entries take a second.
def _rendered_row(rendered: Rendered) -> tuple[object, ...]:
    excerpt = rendered.excerpt
    return (
        tuple((h.level, h.id, h.text, h.html) for h in rendered.toc),
        (excerpt.text, excerpt.html, excerpt.truncated, excerpt.source),
        rendered.characters,
        rendered.words,
        rendered.warnings,
    )


def _rendered_from(row: tuple) -> Rendered:  # type: ignore[type-arg]
    toc, excerpt, characters, words, warnings = row
    return Rendered(
        html=None,
        toc=tuple(Heading(*h) for h in toc),
        excerpt=Excerpt(*excerpt),
        characters=characters,
        words=words,
        warnings=warnings,
    )
