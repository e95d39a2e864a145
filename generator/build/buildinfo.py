"""What a build is asked (`BuildOptions`) and what it answers (`BuildReport`).

They live apart from pipeline.py so that callers which only hold or print them (the CLI,
and the replay of an unchanged build in unchanged.py) do not import the whole pipeline:
at 10,000 posts a build that finds nothing to do must not pay for loading Markdown,
Jinja and Pillow first.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Diagnostic, warning

if TYPE_CHECKING:
    from generator.build.migration_summary import MigrationSummary

CACHE_DIR_NAME = ".cache/blog"  # beside site.toml, under .cache/ where benchmark and CI tooling expect caches
BUILT_FOR_NAME = "built-for.json"  # the output folder and base URL of the last build, for `blog check`


def remember_base_url(root: Path, output: Path, base_url: str) -> None:
    """Note which base URL the site in `output` was built for: a `blog check` run without the
    build's --base-url would otherwise call every link broken. Failing only loses the note."""
    folder = root / CACHE_DIR_NAME
    temporary = folder / f".{BUILT_FOR_NAME}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({"output": str(output.resolve()), "base_url": base_url}), encoding="utf-8")
        os.replace(temporary, folder / BUILT_FOR_NAME)
    except OSError:
        temporary.unlink(missing_ok=True)


def built_base_url(root: Path, output: Path) -> str | None:
    """The base URL the last build of `output` from this site used, if it left the note."""
    try:
        note = json.loads((root / CACHE_DIR_NAME / BUILT_FOR_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(note, dict) or note.get("output") != str(output.resolve()):
        return None
    url = note.get("base_url")
    return url if isinstance(url, str) else None


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the command line asks of one build; the preview compares it to tell whether its cached plan still holds."""

    source: Path = Path(".")
    output: Path | None = None  # default: paths.output from site.toml
    config_file: Path | None = None  # default: <source>/site.toml
    drafts: bool = False
    future: bool = False
    base_url: str | None = None
    now: datetime | None = None  # for reproducible tests
    use_cache: bool = True  # read and write .cache/blog/ beside site.toml (blog build --no-cache: off)
    search_index: bool = True  # update the search index after writing when site.toml has search on
    strict: bool = False  # warnings stop the build too (for CI)
    all_warnings: bool = False  # one line per post even where many lack the same thing (content/absences.py)
    search_deferred: bool = False  # plan /search/ but leave indexing to the caller (blog serve --search)
    on_request: bool = False  # blog serve: changed pages are rendered when asked for (LivePlan.materialise)


@dataclass(slots=True)
class BuildReport:
    """What a build did, for the summary line, `blog serve`'s reloads and the tests."""

    output: Path
    posts: int
    pages: int
    tags: int
    static_files: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    rendered_posts: int = 0  # markdown actually parsed (cache misses)
    cache_hits: int = 0  # posts whose rendering came from the cache
    rendered_pages: list[str] = field(default_factory=list)  # site paths whose template ran
    changed: list[str] = field(default_factory=list)  # output files added or whose bytes changed
    removed: list[str] = field(default_factory=list)  # output files that no longer exist
    search_pending: bool = False  # search_deferred: the caller should run search.index_site now
    deferred: list[str] = field(default_factory=list)  # on_request: pages changed but not yet rendered
    config_name: str = "site.toml"
    migration: MigrationSummary | None = None  # what a moved blog's build did (printed by the CLI); None: nothing moved


def with_writable_cache(options: BuildOptions) -> tuple[BuildOptions, list[Diagnostic]]:
    """The options, without the cache when its folder cannot be written (a read-only checkout,
    a site folder owned by someone else): the site is still built, as with --no-cache, and a
    warning says why the next build will not be quicker. blog serve keeps its cache in memory."""
    if not options.use_cache or options.on_request:
        return options, []
    folder = options.source.resolve() / CACHE_DIR_NAME
    probe = folder / f".writable-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        problem = warning(
            folder,
            None,
            f"cannot write the build cache ({exc.strerror}); built without it, as with --no-cache",
            "a site folder you can write to",
        )
        return replace(options, use_cache=False), [problem]
    return options, []


@dataclass(slots=True)
class StageClock:
    """How long each stage took, for the report, and its name for the progress line as it ends."""

    progress: Callable[[str], None] | None
    started: float = field(default_factory=time.perf_counter)
    stages: dict[str, float] = field(default_factory=dict)
    mark: float = 0.0

    def __post_init__(self) -> None:
        self.mark = self.started

    def stage(self, name: str) -> None:
        now = time.perf_counter()
        self.stages[name] = now - self.mark
        self.mark = now
        if self.progress:
            self.progress(name)

    def stage_or_more(self, name: str) -> None:
        """The stage ends now; if it was timed (and shown) already, the time since is added to it."""
        if name not in self.stages:
            self.stage(name)
            return
        now = time.perf_counter()
        self.stages[name] += now - self.mark
        self.mark = now
