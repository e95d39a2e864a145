"""Turning files under content/posts/ into `Post`s, collecting every problem on the way.

Reading is the only I/O here; validating one post's front matter is a pure function
(`post_from_text`) so tests can feed it strings.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path, PurePosixPath
from time import sleep
from typing import Any, NamedTuple

from generator.config.settings import SiteConfig
from generator.content.assets import asset_folder_name

# parse_date and parse_tags live in fields.py now; callers still import them from here
from generator.content.fields import parse_date as parse_date
from generator.content.fields import parse_tags as parse_tags
from generator.content.fields import (
    post_categories,
    post_date,
    post_meta,
    post_slug,
    post_summary_and_draft,
    post_tags,
    post_title,
    post_updated,
)
from generator.content.filedates import FallbackDates, dated_name
from generator.content.frontmatter import FrontMatter, split_front_matter, without_title_heading
from generator.content.fsaccess import LinkGuard, list_files, walk_posts
from generator.content.model import Post
from generator.content.notebook_files import MAX_NOTEBOOK_BYTES, NOTEBOOK_SUFFIX, read_sidecar, sidecar_state
from generator.content.reader_keys import reader_fields
from generator.content.sections import (
    empty_note,
    section_note,
    section_reason,
    underscore_note,
    underscored,
    unread_formats_note,
)
from generator.content.translations import base_stem, pick_translations
from generator.dialects.body_pass import post_url_from_path
from generator.dialects.dates import in_hexo_scaffold_form, rolled_over
from generator.dialects.engine import DIALECT_EXPECTED, chosen_dialect, dialect_problem, guess_dialect
from generator.dialects.findings import Finding
from generator.dialects.front_matter import normalise
from generator.dialects.pelican import pelican_body, pelican_fields
from generator.errors import Diagnostic, Severity, error, shown_path, warning
from generator.files import read_regular
from generator.processes import can_fork, map_in_workers, worker_count

MAX_POST_BYTES = 10 * 1024 * 1024
# One reader per format, chosen by extension (read_post). `.markdown` is what `jekyll new` writes.
# Jekyll's markdown_ext ("markdown,mkdown,mkdn,mkd,md"), Hugo's and Pelican's Markdown names too;
# Quarto's .qmd is Markdown whose code cells Quarto ran (dialects/quarto.py).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".mdown", ".mdwn")
QUARTO_SUFFIX = ".qmd"  # read by dialects/quarto.py, imported for a .qmd post only (2 ms of a start)
POST_SUFFIXES = (*MARKDOWN_SUFFIXES, QUARTO_SUFFIX, NOTEBOOK_SUFFIX)


def post_from_text(
    text: str,
    source: str,
    config: SiteConfig,
    digest: str = "",
    undated: Callable[[], tuple[datetime, str]] | None = None,
) -> tuple[Post | None, list[Diagnostic]]:
    """Validate one post; return it (or None) with every problem found in it.

    Section files and empty posts give None and one warning (see sections.py). `undated`
    gives a date, and where it came from, for a post without one; without it that is an error.
    """
    diagnostics: list[Diagnostic] = []
    if not text.lstrip("\ufeff").strip():
        reason = section_reason(source, None)
        return None, [section_note(source, reason) if reason else empty_note(source, False)]
    fm, problem = split_front_matter(text, source)
    if problem is not None or fm is None:
        return None, [problem] if problem is not None else []
    if fm.format == "pelican":
        fm = _as_pelican_read(fm, source, config, diagnostics)
    reason = section_reason(source, fm.data, fm.format)
    if reason is not None:
        return None, [section_note(source, reason)]
    migrated = normalise(fm.data, fm.key_lines, source, config.categories_as_tags)
    diagnostics.extend(migrated.diagnostics)
    data = migrated.data
    line = migrated.key_lines.get
    stem = base_stem(Path(source).stem)  # 'index.zh-cn' is the bundle's index in one language
    if stem == "index":
        stem = Path(source).parent.name
    prefix = dated_name(stem)
    named = prefix[1] if prefix else stem  # a Jekyll file name's date is not part of the name
    if fm.format is None:
        diagnostics.append(warning(source, 1, "post has no front matter", "'---' lines with title, date and tags"))

    title = post_title(data, fm.body, named, line, source, diagnostics)
    raw_date = data.get("date", prefix[0] if prefix else None)
    rolled = rolled_over(raw_date) if isinstance(raw_date, str) else None
    if rolled is not None and _rolls_over(raw_date, post_dialect(source, fm, data, config.dialect, line("dialect"))[0]):
        diagnostics.append(_rolled_note(source, line("date"), raw_date, rolled))
        raw_date = rolled  # as Hexo published it; other engines refuse the date, and so do we
    when = post_date(raw_date, undated, config.tz, line, source, diagnostics)
    updated = post_updated(data, config.tz, line, source, diagnostics)
    tags = post_tags(data, line, source, diagnostics)
    summary, draft = post_summary_and_draft(data, line, source, diagnostics)
    slug = post_slug(data, stem, named, line, source, diagnostics)
    reader, found = reader_fields(data, line, source)
    diagnostics.extend(found)
    meta = post_meta(data, line, source, diagnostics)

    if any(d.is_error for d in diagnostics) or title is None or when is None:
        return None, diagnostics
    if not fm.body.strip() and not draft:  # a fresh `blog new` draft is kept; its mistakes are reported above
        return None, [empty_note(source, True)]
    dialect, found_dialect = post_dialect(source, fm, data, config.dialect, line("dialect"))
    diagnostics.extend(found_dialect)
    flat = dialect == "hugo" or source.endswith(QUARTO_SUFFIX)  # a flat taxonomy; Hexo's lists are paths
    categories = post_categories(fm.data, fm.key_lines, source, flat, not config.categories_as_tags, diagnostics)
    body, findings = _migrated_body(fm.body, fm.body_line, data, source, config, dialect)
    post = Post(
        source=source,
        title=title.strip(),
        date=when,
        slug=slug,
        body=body,
        body_line=fm.body_line,
        source_hash=digest or hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest(),
        tag_names=tags,
        summary=summary.strip() if isinstance(summary, str) else None,
        updated=updated,
        draft=draft,
        meta=meta,
        key_lines=dict(migrated.key_lines),
        findings=tuple(findings),
        dialect=dialect,
        categories=categories,
        **reader,
    )
    return post, diagnostics


@lru_cache(maxsize=8)
def _posts_prefix(root: Path, content: str) -> str:
    """content/posts/ as sources name it: resolved once a site, not twice a Pelican post."""
    return shown_path(root / content / "posts", root).rstrip("/") + "/"


def _as_pelican_read(fm: FrontMatter, source: str, config: SiteConfig, found: list[Diagnostic]) -> FrontMatter:
    """A Pelican post's metadata as our keys, its folder as its category, its links and code blocks
    in our spelling: Pelican's content folder is what the writer copied into content/posts/."""
    posts = _posts_prefix(config.root, config.paths["content"])
    parent = PurePosixPath(source).parent.as_posix() + "/"
    folder = parent[len(posts) : -1] if parent.startswith(posts) else ""
    data, problems = pelican_fields(fm.data, fm.key_lines, source, folder.rsplit("/", 1)[-1] or None)
    found.extend(problems)
    body = pelican_body(fm.body, folder, partial(post_url_from_path, config.permalinks["post"]))
    return replace(fm, data=data, body=body)


def _migrated_body(
    body: str, body_line: int, data: dict[str, Any], source: str, config: SiteConfig, dialect: str
) -> tuple[str, list[Finding]]:
    """The body with Hexo tags, Liquid and Hugo shortcodes converted, and Chirpy's image folder
    applied. Hugo never read `{% … %}`: a Liquid or Hexo tag its post keeps is the text it showed."""
    findings: list[Finding] = []
    if data.get("title") is None:  # titled by its first heading (fields.post_title), which opens the body
        body = without_title_heading(body)
    if "{%" in body or "{{" in body or "<d-" in body:  # Hexo tags, Liquid, Hugo shortcodes, distill elements
        # Imported here: the converters (migrate, hexo, hugo, themetags, distill) cost ~4 ms to import
        # and a post written for this generator never needs them.
        from generator.dialects.migrate import convert_shortcodes

        body, findings = convert_shortcodes(body, source, body_line, config.permalinks["post"])
        if dialect == "hugo":
            findings = [f for f in findings if f.converted or not f.kind.startswith(("jekyll:", "hexo:"))]
    subpath = data.get("media_subpath") or data.get("img_path")  # Jekyll Chirpy's folder for the post's images
    if isinstance(subpath, str) and subpath.strip():
        from generator.dialects.jekyll import with_media_subpath

        body = with_media_subpath(body, subpath)
    return body, findings


def _rolls_over(written: str, dialect: str) -> bool:
    """Whether an impossible date is read as Hexo published it: in a Hexo post, or in one dated
    the way Hexo's scaffolds date posts, unless it is Hugo's (Hugo refuses such a date)."""
    return dialect == "hexo" or (dialect != "hugo" and in_hexo_scaffold_form(written))


def _rolled_note(source: str, line: int | None, written: str, rolled: datetime) -> Diagnostic:
    return warning(
        source,
        line,
        f"date '{written.strip()}' does not exist; read as {rolled:%Y-%m-%d}, the day Hexo published it on",
        "a real date such as 2018-02-28 (read as a Hexo post: Hexo rolls such a date into the next month)",
    )


def post_dialect(
    source: str, fm: FrontMatter, data: dict[str, Any], site_dialect: str, key_line: int | None
) -> tuple[str, list[Diagnostic]]:
    """The engine whose math rules the post is read by: its own `dialect:`, site.toml's, or a guess."""
    written = data.get("dialect")
    if written is not None:
        problem = dialect_problem(written)
        if problem is None:
            return chosen_dialect(str(written)), []
        guessed, why = guess_dialect(source, fm.format, fm.data, fm.data.get("date"), fm.body)
        return guessed, [warning(source, key_line or 1, f"{problem}; read as {guessed} ({why})", DIALECT_EXPECTED)]
    if site_dialect != "auto":
        return chosen_dialect(site_dialect), []
    return guess_dialect(source, fm.format, fm.data, fm.data.get("date"), fm.body)[0], []


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a BOM: text whose ASCII (front matter, Markdown) leaves NULs in every other byte."""
    sample = raw[:8192]
    if len(sample) < 8 or len(sample) % 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(even, odd), min(even, odd)  # a CJK character such as U+4E00 has a NUL byte too
    if high < len(sample) // 8 or low * 4 > high:
        return False
    try:
        raw.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return False
    return True


def _decode(raw: bytes, source: str) -> tuple[str | None, Diagnostic | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        return None, error(source, 1, "file is UTF-16, not UTF-8", "a UTF-8 text file (re-save it as UTF-8)")
    if b"\x00" in raw[:8192]:
        return None, error(source, None, "file is binary, not text", "a UTF-8 Markdown file")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, error(
            source,
            line,
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            "a UTF-8 text file",
        )


class ReaderRow(NamedTuple):
    """The reader keys' fields of a post (see reader_keys.py)."""

    pin: int | None
    series_name: str | None
    series_order: int | None
    comments: Any
    categories: tuple[tuple[str, ...], ...] = ()  # a change moves pages: the preview re-plans


class PostRow(NamedTuple):
    """A post's fields without its body: what the loader remembers of a file it need not read
    again, and what the preview compares to tell a body edit from one that moves pages."""

    title: str
    date: Any
    slug: str
    body_line: int
    source_hash: str
    tag_names: Any
    summary: str | None
    updated: Any
    draft: bool
    meta: Any
    key_lines: Any
    findings: Any
    dialect: str
    reader: ReaderRow


class SourceEntry(NamedTuple):
    """What loading one file gave, remembered by (size, mtime_ns, inode) so an unchanged file
    is neither read nor parsed again. `row` is None for a file that made no post."""

    signature: tuple[int, int, int]
    row: PostRow | None
    problems: tuple[tuple[Any, ...], ...]  # its diagnostics, as problem_rows gives them


SourceMemo = dict[str, SourceEntry]


def post_row(post: Post | None) -> PostRow | None:
    if post is None:
        return None
    return PostRow(
        post.title,
        post.date,
        post.slug,
        post.body_line,
        post.source_hash,
        post.tag_names,
        post.summary,
        post.updated,
        post.draft,
        post.meta,
        post.key_lines,
        post.findings,
        post.dialect,
        ReaderRow(post.pin, post.series_name, post.series_order, post.comments, post.categories),
    )


def _from_snapshot(source: str, row: PostRow) -> Post:
    title, date_, slug, body_line, digest, tags, summary, updated, draft, meta, key_lines, findings, dialect, reader = (
        row
    )
    pin, series_name, series_order, comments, categories = reader
    return Post(
        source=source,
        title=title,
        date=date_,
        slug=slug,
        body=None,  # read again only if the post must be rendered
        body_line=body_line,
        source_hash=digest,
        tag_names=tags,
        summary=summary,
        updated=updated,
        draft=draft,
        meta=dict(meta),
        key_lines=dict(key_lines),
        findings=findings,
        dialect=dialect,
        pin=pin,
        series_name=series_name,
        series_order=series_order,
        comments=comments,
        categories=categories,
    )


def problem_rows(diagnostics: list[Diagnostic]) -> tuple[tuple[Any, ...], ...]:
    """Diagnostics as plain rows, to remember and to compare."""
    return tuple((d.path, d.line, d.message, d.expected, d.severity.value) for d in diagnostics)


def _diagnostics(rows: tuple[tuple[Any, ...], ...]) -> list[Diagnostic]:
    return [Diagnostic(path, line, message, expected, Severity(kind)) for path, line, message, expected, kind in rows]


def load_posts(
    config: SiteConfig, memo: SourceMemo | None = None, mid_save: Callable[[str], bool] | None = None
) -> tuple[list[Post], list[Diagnostic]]:
    """Read every content/posts/**/*.md; problems are collected, never raised one by one.

    With a `memo` from the last build, files whose size, mtime and inode are unchanged are
    taken from it without being read (their body is read later only if needed). `mid_save`
    (blog serve) says whether a post that had content and reads empty now is a save under way
    (truncate, then write): then its last good version stays, as the quick path keeps it, and
    the write brings the next build; else the empty file is reported and its page goes.
    """
    root = config.root
    posts_dir = config.dir("content") / "posts"
    diagnostics: list[Diagnostic] = []
    posts: list[Post] = []
    fresh: SourceMemo = {}
    if not posts_dir.is_dir():
        diagnostics.append(
            warning(shown_path(posts_dir, root), None, "no posts folder", "Markdown files in content/posts/")
        )
        return posts, diagnostics
    root_prefix = str(root).rstrip(os.sep) + os.sep
    fallback = FallbackDates(root, posts_dir, config.tz)
    guard = LinkGuard(root, config.dir("content"), posts_dir)  # content/posts may itself link to a notes folder
    steps: list[_Known | _ToRead | Diagnostic] = []  # in the order of the files, which the diagnostics keep
    unread: list[str] = []  # posts in a format no reader here takes (.rst, .org): named in one warning
    for file in walk_posts(str(posts_dir), POST_SUFFIXES, guard, unread):
        source = file[len(root_prefix) :].replace(os.sep, "/") if file.startswith(root_prefix) else file
        try:
            info = os.lstat(file)  # the stat of the file itself, unless it is a link
            link = stat.S_ISLNK(info.st_mode)
            outside = guard.problem(file, link)
            if outside is not None:  # a link to /etc/passwd in a cloned repository is never read
                steps.append(outside)
                continue
            if link:
                info = os.stat(file)
        except OSError as exc:
            steps.append(error(source, None, f"cannot read file: {exc.strerror}", "a readable file"))
            continue
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        if file.endswith(NOTEBOOK_SUFFIX) and (beside := sidecar_state(file)) is not None:
            signature = (info.st_size, hash((info.st_mtime_ns, *beside)), info.st_ino)  # its .ipynb-meta too
        remembered = memo.get(source) if memo is not None else None
        unchanged = remembered is not None and remembered.signature == signature
        saving = (
            remembered is not None
            and mid_save is not None
            and not info.st_size
            and remembered.signature[0] > 0
            and mid_save(source)
        )
        if remembered is not None and (unchanged or saving) and stat.S_ISREG(info.st_mode):
            steps.append(_Known(source, remembered))
            continue
        steps.append(_ToRead(file, source, info, signature))
    reads = _read_all([step for step in steps if isinstance(step, _ToRead)], config, fallback)
    for step in steps:
        if isinstance(step, Diagnostic):
            diagnostics.append(step)
            continue
        if isinstance(step, _Known):
            fresh[step.source] = step.entry
            diagnostics.extend(_diagnostics(step.entry.problems))
            if step.entry.row is not None:
                posts.append(_from_snapshot(step.source, step.entry.row))
            continue
        post, found = next(reads)
        diagnostics.extend(found)
        if post is not None:
            posts.append(post)
        if memo is not None and not any(d.is_error for d in found):
            fresh[step.source] = SourceEntry(step.signature, post_row(post), problem_rows(found))
    if memo is not None:
        memo.clear()
        memo.update(fresh)
    posts, notes = pick_translations(posts, config.language, shown_path(posts_dir, root).rstrip("/") + "/")
    unread_note = unread_formats_note([shown_path(Path(file), root) for file in unread]) if unread else []
    return posts, diagnostics + notes + unread_note


class _Known(NamedTuple):
    """A file the last build read, unchanged since: taken from its memo."""

    source: str
    entry: SourceEntry


class _ToRead(NamedTuple):
    file: str
    source: str
    info: os.stat_result
    signature: tuple[int, int, int]


# Files to read at which a forked reader pays for itself: forking, and sending the posts back,
# cost about what reading 150 of the bench corpus's posts does here (2 cores).
PARALLEL_READS = 300
_READING: tuple[SiteConfig, FallbackDates] | None = None  # what forked readers use; set just before forking


def _read_all(
    reads: list[_ToRead], config: SiteConfig, fallback: FallbackDates
) -> Iterator[tuple[Post | None, list[Diagnostic]]]:
    """Every file read, in order; a first build of a large blog reads on every core."""
    global _READING
    workers = worker_count()
    if len(reads) < PARALLEL_READS or workers < 2 or not can_fork():
        return (_read_one(step, config, fallback) for step in reads)
    _READING = (config, fallback)
    try:
        size = -(-len(reads) // (workers * 4))
        return iter(map_in_workers("fork", workers, _read_forked, reads, chunksize=size))
    finally:
        _READING = None


def _read_forked(step: _ToRead) -> tuple[Post | None, list[Diagnostic]]:
    assert _READING is not None
    return _read_one(step, *_READING)


def _read_one(step: _ToRead, config: SiteConfig, fallback: FallbackDates) -> tuple[Post | None, list[Diagnostic]]:
    date_of = partial(fallback.date_of, step.source, step.info.st_mtime_ns)
    return read_source(step.file, step.source, step.info, config, date_of)


SAVE_RETRIES = 20
SAVE_RETRY_SECONDS = 0.005


def read_source(
    file: str,
    source: str,
    info: os.stat_result,
    config: SiteConfig,
    undated: Callable[[], tuple[datetime, str]] | None = None,
) -> tuple[Post | None, list[Diagnostic]]:
    """One post file, already stat'ed, read, decoded and validated: the loader's only reading
    of a file, shared with blog serve's quick path so both judge a file the same way."""
    if underscored(source):  # never published by Jekyll, Hexo or Quarto: not even read
        return None, [underscore_note(source)]
    if not stat.S_ISREG(info.st_mode):  # a named pipe or device would block or never end
        return None, [error(source, None, "cannot read file: not a regular file", "a readable file")]
    limit = MAX_NOTEBOOK_BYTES if file.endswith(NOTEBOOK_SUFFIX) else MAX_POST_BYTES
    if info.st_size > limit:
        return None, [
            error(
                source,
                None,
                f"file is {info.st_size // (1024 * 1024)} MB, too large for a post",
                f"a post under {limit // (1024 * 1024)} MB",
            )
        ]
    try:
        raw = read_regular(file, limit)  # swapped for a pipe since the stat: refused, never waited on
    except OSError as exc:
        return None, [error(source, None, f"cannot read file: {exc.strerror}", "a readable file")]
    for _ in range(SAVE_RETRIES):
        if raw or not info.st_size:
            break
        sleep(SAVE_RETRY_SECONDS)  # had bytes a moment ago, none now: an editor's save (truncate, write)
        try:
            raw = read_regular(file, limit)
        except OSError as exc:
            return None, [error(source, None, f"cannot read file: {exc.strerror}", "a readable file")]
    if len(raw) > limit:  # grew since the stat
        return None, [
            error(source, None, "file is larger than a post may be", f"a post under {limit // (1024 * 1024)} MB")
        ]
    text, problem = _decode(raw, source)
    if problem is not None or text is None:
        return None, [problem] if problem is not None else []
    sidecar = read_sidecar(file) if file.endswith(NOTEBOOK_SUFFIX) else None  # pelican-ipynb's metadata
    digest = hashlib.blake2b(raw + b"\0" + sidecar if sidecar else raw, digest_size=16).hexdigest()
    return read_post(text, source, config, digest, undated, sidecar.decode("utf-8", "replace") if sidecar else None)


def read_post(
    text: str,
    source: str,
    config: SiteConfig,
    digest: str,
    undated: Callable[[], tuple[datetime, str]] | None = None,
    sidecar: str | None = None,
) -> tuple[Post | None, list[Diagnostic]]:
    """The reader for the file's format; every one gives the same Post, checked by post_from_text."""
    if source.endswith(NOTEBOOK_SUFFIX):  # the notebook reader is imported by a site that has one
        from generator.content.notebook import notebook_post

        return notebook_post(text, source, config, digest, partial(post_from_text, undated=undated), sidecar)
    if source.endswith(QUARTO_SUFFIX):  # its cells shown as code, a word about their outputs
        from generator.dialects.quarto import quarto_markdown

        quarto = quarto_markdown(text, source)
        post, found = post_from_text(quarto.text, source, config, digest, undated)
        return post, [*found, *quarto.diagnostics] if post is not None else found
    return post_from_text(text, source, config, digest, undated)


def body_of(post: Post, config: SiteConfig) -> str:
    """The post's body, read again when the memo let loading skip it."""
    if post.body is not None:
        return post.body
    raw = read_regular(config.root / post.source)
    beside = read_sidecar(str(config.root / post.source)) if post.source.endswith(NOTEBOOK_SUFFIX) else None
    side = beside.decode("utf-8", "replace") if beside else None
    fresh, _ = read_post(raw.decode("utf-8"), post.source, config, post.source_hash, lambda: (post.date, ""), side)
    post.body = fresh.body if fresh is not None else ""
    return post.body


__all__ = ["FrontMatter", "load_posts", "parse_date", "parse_tags", "post_from_text"]


def post_assets(post_file: str | Path, site_root: Path, posts_dir: Path) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Files that travel with a post, by path relative to the post's page folder.

    A Hugo page bundle (posts/x/index.md) owns every other file in its folder; a Hexo post
    with post_asset_folder (posts/x.md) owns the folder posts/x/. Markdown files and hidden
    files are not assets, nor are subfolders that are bundles of their own.
    """
    name = os.fspath(post_file)
    own = asset_folder_name(name)  # "" for a bundle: index.md, or a translation's index.en.md
    folder_name = os.path.join(os.path.dirname(name), own) if own else os.path.dirname(name)
    if not os.path.isdir(folder_name):  # one stat per post: most posts have no folder
        return {}, []
    outside = LinkGuard(site_root, posts_dir).problem(folder_name) if os.path.islink(folder_name) else None
    if outside is not None:  # the asset folder itself links out of the site
        return {}, [outside]
    return list_files(
        Path(folder_name),
        site_root,
        home=posts_dir,
        keep_dir=lambda folder: (
            not folder.name.startswith(".")
            and not any((folder / f"index{suffix}").exists() for suffix in POST_SUFFIXES)
        ),
        keep_file=lambda file: not file.startswith(".") and not file.endswith(POST_SUFFIXES),
    )
