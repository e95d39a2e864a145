"""One post's front-matter values checked one at a time, each by its own step.

`loader.post_from_text` reads a post in the order a writer reads the error list: title,
date, updated, tags, summary, draft, slug, then the keys we do not know. Each step here
takes the mapped front matter (after dialects/front_matter.py), appends what is wrong to
the post's diagnostics in that order, and returns the value the `Post` gets (or a
stand-in, so the later steps still report their own problems). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from generator.config.datebounds import within_bounds
from generator.content.frontmatter import heading_text
from generator.content.reader_keys import READER_KEYS
from generator.content.sections import ASSUMED_DATE
from generator.dialects.dates import SPELLINGS, day_month_order_guessed, read_date
from generator.dialects.front_matter import category_paths
from generator.errors import Diagnostic, error, warning
from generator.patterns import lazy_pattern
from generator.urls.paths import slugify, term_slug

FRONT_MATTER_KEYS = ("title", "date", "tags", "summary", "draft", "slug", "updated", "dialect")
KNOWN_KEYS = FRONT_MATTER_KEYS  # one list for both readers: a notebook's metadata offers these (notebook.py)
_DATE_FORMATS = SPELLINGS
# Browsers ignore leading spaces and control characters and the case of the scheme.
_SCRIPT_URL = lazy_pattern(
    r"^[\x00-\x20]*(?:j[\t\n\r]*a[\t\n\r]*v[\t\n\r]*a[\t\n\r]*s[\t\n\r]*c[\t\n\r]*r[\t\n\r]*i[\t\n\r]*p[\t\n\r]*t|vbscript|data)[\t\n\r]*:",
    re.IGNORECASE,
)
_TAG_SPLIT = lazy_pattern(r"\s*[,，、]\s*")

#: Keys of other generators' themes that the theme shows from `post.meta`: not misspellings of ours.
#: `subtitle` (Jekyll's Hux and Clean Blog, Hugo's LoveIt, FixIt and Stack) is a line under the title.
SHOWN_META = frozenset({"subtitle"})

#: Where a key was written: `key_lines.get` of the mapped front matter.
LineOf = Callable[[str], int | None]


def parse_date(value: Any, tz: ZoneInfo) -> datetime:
    """Accept the date spellings real blogs use; naive times are in the site's zone."""
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, date):
        result = datetime.combine(value, time())
    elif isinstance(value, str):
        result = read_date(value)  # ISO 8601, and what Hexo, Jekyll and Hugo also accept
    else:
        raise ValueError(f"'{value}' is not a date")
    if result.tzinfo is None:
        result = result.replace(tzinfo=tz)
    return within_bounds(result, value, tz)


def parse_tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = [t for t in _TAG_SPLIT.split(value.strip()) if t]
    elif isinstance(value, list):
        items = value
    else:
        raise TypeError(type(value).__name__)
    tags: list[str] = []
    for item in items:
        if item is None:  # `tags:` followed by an empty `-` item: Hexo and Hugo ignore it
            continue
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise TypeError(type(item).__name__)
        name = str(item).strip()
        if name and name not in tags:
            tags.append(name)
    return tuple(tags)


def describe_value(value: Any) -> str:
    """A wrong front-matter value as the error names it ('a boolean', 'the number 3')."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TOP_HEADING = lazy_pattern(r"^#[ \t]+([^\n]*)", re.MULTILINE)


def _first_heading(body: str) -> str | None:
    r"""The text of the first `# heading` that has some (see heading_text). Not one regular
    expression: `\s*#*\s*$` after a lazy title took time cubic in a run of spaces (14 s for 2,000
    on one line)."""
    return next(filter(None, map(heading_text, _TOP_HEADING.findall(body))), None)


def post_title(
    data: dict[str, Any], body: str, named: str, line: LineOf, source: str, found: list[Diagnostic]
) -> str | None:
    """The title; without one, the first `# heading` or the file's name (`named`), with a warning."""
    title = data.get("title")
    if title is None:
        title = _first_heading(body) or named
        found.append(warning(source, 1, f"post has no title, using '{title}'", "a 'title' key"))
    elif isinstance(title, str) and not title.strip():
        # Hugo and Hexo build `title: ""` (a "moment" or a note) and show no title: a page, its
        # link on the lists and its tab would have no name, so it gets the one a missing title gets.
        title = _first_heading(body) or named
        found.append(warning(source, line("title"), f"post's title is empty, using '{title}'", "a title"))
    elif isinstance(title, (int, float)) and not isinstance(title, bool):
        # Hexo, Hugo and Jekyll show `title: 1092` as 1092: publish it, and say how to keep it exact.
        shown = str(title)
        found.append(
            warning(
                source,
                line("title"),
                f"title {shown} is a number in YAML; published as '{shown}'",
                f'title: "{shown}" (quoted, so it is kept exactly as written)',
            )
        )
        title = shown
    elif not isinstance(title, str) or not title.strip():
        found.append(
            error(
                source,
                line("title"),
                f"title must be text, not {describe_value(title)}",
                "a string, quoted if it looks like a number",
            )
        )
        title = None
    return title


def post_date(
    raw_date: Any,
    undated: Callable[[], tuple[datetime, str]] | None,
    tz: ZoneInfo,
    line: LineOf,
    source: str,
    found: list[Diagnostic],
) -> datetime | None:
    """The date written (or the file name's); without one, `undated`'s guess with a warning, else an error."""
    when: datetime | None = None
    if raw_date is None and undated is not None:
        when, origin = undated()
        found.append(warning(source, 1, f"{ASSUMED_DATE}{when:%Y-%m-%d %H:%M} ({origin})", "a 'date' key"))
    elif raw_date is None:
        found.append(
            error(source, 1, "post has no date", f"a 'date' key with {_DATE_FORMATS}, or a YYYY-MM-DD- file name")
        )
    else:
        try:
            when = parse_date(raw_date, tz)
        except ValueError as exc:
            found.append(error(source, line("date"), f"date {exc}", _DATE_FORMATS))
        if when is not None and isinstance(raw_date, str) and day_month_order_guessed(raw_date):
            found.append(
                warning(
                    source,
                    line("date"),
                    f"date '{raw_date.strip()}' read as {when:%Y-%m-%d}, the month first (as Quarto and JavaScript read it)",
                    f"a date that says which is the month, such as {when:%Y-%m-%d}",
                )
            )
    return when


def post_updated(
    data: dict[str, Any], tz: ZoneInfo, line: LineOf, source: str, found: list[Diagnostic]
) -> datetime | None:
    updated: datetime | None = None
    if data.get("updated") is not None:
        try:
            updated = parse_date(data["updated"], tz)
        except ValueError as exc:
            found.append(error(source, line("updated"), f"updated {exc}", _DATE_FORMATS))
    return updated


def post_tags(data: dict[str, Any], line: LineOf, source: str, found: list[Diagnostic]) -> tuple[str, ...]:
    """The tags; none is a warning (the post is listed under no tag), a tag with no letters an error."""
    tags: tuple[str, ...] = ()
    try:
        tags = parse_tags(data.get("tags"))
    except TypeError as exc:
        found.append(
            error(
                source,
                line("tags"),
                f"tags must be a list or a comma-separated string, not {exc}",
                "tags: [Python, 大模型] or tags: Python, 大模型",
            )
        )
        return tags
    if not tags:
        found.append(warning(source, line("tags") or 1, "post has no tags", "tags: [...] to list it under a tag"))
    for tag in tags:
        if not term_slug(tag).strip("-"):
            found.append(
                error(
                    source,
                    line("tags"),
                    f"tag '{tag}' has no letters or digits to make a URL from",
                    "a tag name with letters or digits",
                )
            )
    return tags


def post_summary_and_draft(
    data: dict[str, Any], line: LineOf, source: str, found: list[Diagnostic]
) -> tuple[str | None, bool]:
    """The summary (text or nothing) and the draft flag (true or false), each checked for its type."""
    summary = data.get("summary")
    if summary is not None and not isinstance(summary, str):
        found.append(error(source, line("summary"), f"summary must be text, not {describe_value(summary)}", "a string"))
        summary = None
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        found.append(
            error(source, line("draft"), f"draft must be true or false, not {describe_value(draft)}", "true or false")
        )
        draft = False
    return summary, draft


def post_slug(data: dict[str, Any], stem: str, named: str, line: LineOf, source: str, found: list[Diagnostic]) -> str:
    """The slug written, else one made from the file's name (`named`: the stem without a Jekyll date)."""
    slug_value = data.get("slug")
    if slug_value is None:
        slug = slugify(named)
    elif isinstance(slug_value, (str, int)) and not isinstance(slug_value, bool) and str(slug_value).strip():
        slug = slugify(str(slug_value))
    else:
        found.append(
            error(
                source, line("slug"), f"slug must be text, not {describe_value(slug_value)}", "a string such as my-post"
            )
        )
        slug = slugify(stem)
    if not slug.strip("-"):
        found.append(error(source, line("slug") or 1, "slug has no letters or digits", "a slug such as my-post"))
    return slug


def _scheme(url: str) -> str:
    """The scheme as a browser reads it: tabs, newlines and leading controls do not count."""
    return re.sub(r"[\x00-\x20]", "", url.split(":", 1)[0]).lower()


def post_meta(data: dict[str, Any], line: LineOf, source: str, found: list[Diagnostic]) -> dict[str, Any]:
    """The keys that are not ours, for templates: a javascript: URL among them is an error, a
    likely misspelling of one of ours ('tittle') a warning."""
    meta = {k: v for k, v in data.items() if k not in KNOWN_KEYS}  # reader keys stay there for old templates
    for key, value in meta.items():
        if isinstance(value, str) and _SCRIPT_URL.match(value):
            found.append(
                error(
                    source,
                    line(key),
                    f"'{key}' is a {_scheme(value)}: URL, which is never published",
                    "an http(s) or site URL",
                )
            )
    for key in [k for k in meta if k not in READER_KEYS and k not in SHOWN_META]:
        import difflib  # only for a key we do not read: 1.5 ms of every start otherwise

        close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.75)
        if close:
            found.append(warning(source, line(key), f"unknown front-matter key '{key}'", f"did you mean '{close[0]}'?"))
    return meta


def post_categories(
    raw: dict[str, Any], key_lines: dict[str, int], source: str, flat: bool, warn_dropped: bool, found: list[Diagnostic]
) -> tuple[tuple[str, ...], ...]:
    """The post's category paths from the front matter as written (`categories`, or Jekyll's
    `category`). A name without letters or digits ends its path there, with a warning: the
    categories above it are kept. `warn_dropped` is off when the tag step already said what
    it dropped (`categories_as_tags`), so the writer reads it once."""
    key = next((k for k in ("categories", "category") if raw.get(k) is not None), None)
    if key is None:
        return ()
    paths, dropped = category_paths(raw[key], flat)
    line = key_lines.get(key)
    if dropped and warn_dropped:
        found.append(warning(source, line, f"'{key}' value {dropped} was ignored", "category names, or lists of them"))
    kept: list[tuple[str, ...]] = []
    for path in paths:
        usable = next((i for i, name in enumerate(path) if not term_slug(name).strip("-")), len(path))
        if usable < len(path):
            found.append(
                warning(
                    source,
                    line,
                    f"category '{path[usable]}' has no letters or digits to make a URL from; it was ignored",
                    "a category name with letters or digits",
                )
            )
        if usable and path[:usable] not in kept:
            kept.append(path[:usable])
    return tuple(kept)
