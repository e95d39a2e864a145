"""Which files copied from another generator are not posts, and which posts are empty.

A blog moved from Hugo brings `_index.md` section files; Hexo and Jekyll keep `about/`,
`tags/` and `archives/` pages beside the posts. Copied into content/posts/ they would each
become a post (and clash at one URL), so they are recognised by one documented rule and
left out, with one line for all of them (`fold_section_notes`) instead of one each. An
empty post is skipped with a warning rather than stopping the build. Everything here is
pure: the loader reads the files, this module only judges them.

The rule (also in docs/migration.md), in order:
1. a file named `_index.md` (a Hugo section or list page, `_index.en.md` in one language);
2. front matter with `headless: true` or a `widget` key (Hugo page-builder blocks), or a
   `listing` or `about` key (Quarto's list of posts and its about page);
3. front matter whose `layout` or `type` names a page or a list (`page`, `about`,
   `archives`, `tags`, `categories`, `search`, `links`, `home`, `widget_page`, ...);
4. an `index.md` without tags or categories in a folder named like a list page (`about/`,
   `tags/`, `categories/`, `archives/`, `search/`, `links/`, `friends/`, `404/`): Hexo's
   `hexo new page about` writes a date, so a date does not make it a post.

Any other file whose name starts with `_` (`_draft.md`, `static/_readme.md`) is not read at
all: Jekyll, Hexo and Quarto never publish one (a partial, a note kept beside the posts), so a
blog copied from them holds such files that were never on the old site. Folders are not judged
by their name: Hexo's `_posts/` and `_drafts/` and Jekyll's `_posts/` hold the posts themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.content.translations import base_stem
from generator.dialects.pelican import pelican_page
from generator.errors import Diagnostic, warning

SECTION_SKIPPED = "section or list page, not a post: skipped"
UNDERSCORE_SKIPPED = "file name starts with '_', not a post: skipped"
EMPTY_FILE = "file is empty: skipped"
NO_BODY = "post has front matter but no text: skipped"
ASSUMED_DATE = "post has no date; using "

PAGE_KINDS = frozenset(
    {
        "page",
        "about",
        "archive",
        "archives",
        "tag",
        "tags",
        "category",
        "categories",
        "search",
        "links",
        "link",
        "friends",
        "home",
        "list",
        "section",
        "landing",
        "widget_page",
        "404",
    }
)
LIST_FOLDERS = frozenset({"about", "tags", "categories", "archives", "archive", "search", "links", "friends", "404"})


def section_reason(source: str, data: dict[str, Any] | None, front_format: str | None = None) -> str | None:
    """Why a file is a section or list page rather than a post, or None for a post."""
    path = PurePosixPath(source)
    if base_stem(path.stem) == "_index":
        return "a Hugo _index.md section file"
    if front_format == "pelican" and pelican_page(source):
        return "a page in Pelican's pages/ folder"
    data = data or {}
    if data.get("headless") is True or "widget" in data:
        return "a headless page-builder block"
    if "listing" in data:  # Quarto's index.qmd, which lists the posts
        return "a Quarto listing page"
    if isinstance(data.get("about"), dict):  # Quarto's about.qmd: `about: {template: jolla}`
        return "a Quarto about page"
    for key in ("layout", "type"):
        value = data.get(key)
        if isinstance(value, str) and value.strip().lower() in PAGE_KINDS:
            return f"{key}: {value.strip()}"
    if path.stem == "index" and path.parent.name.lower() in LIST_FOLDERS and not _has_tags(data):
        return f"the {path.parent.name}/ list page"  # `hexo new page about` dates it, so a date is no sign
    return None


def underscored(source: str) -> bool:
    """Whether the file is one Jekyll, Hexo and Quarto leave out for its leading `_`; Hugo's
    `_index.md` is not: it is a section page, told apart by `section_reason`."""
    path = PurePosixPath(source)
    return path.name.startswith("_") and base_stem(path.stem) != "_index"


def underscore_note(source: str) -> Diagnostic:
    return warning(source, None, UNDERSCORE_SKIPPED, "Jekyll, Hexo and Quarto leave such files out")


def _has_tags(data: dict[str, Any]) -> bool:
    return any(data.get(key) for key in ("tags", "categories", "category"))


def section_note(source: str, reason: str) -> Diagnostic:
    return warning(source, None, SECTION_SKIPPED, reason)


def empty_note(source: str, has_front_matter: bool) -> Diagnostic:
    if has_front_matter:
        return warning(source, None, NO_BODY, "text below the front matter, or delete the file")
    return warning(source, None, EMPTY_FILE, "a post with front matter and text, or delete the file")


@dataclass(frozen=True, slots=True)
class LoadTally:
    """What loading left out or assumed, for the migration summary."""

    sections: int = 0
    empty: int = 0
    assumed_dates: int = 0
    first_section: str = ""
    underscored: int = 0


def fold_section_notes(diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], LoadTally]:
    """One line for every skipped section file (a Hugo site has dozens), one for every file
    named `_…`, and the counts.

    Each line names how many and the first one; every other diagnostic passes unchanged.
    """
    kept: list[Diagnostic] = []
    sections: list[Diagnostic] = []
    underscores: list[Diagnostic] = []
    empty = assumed = 0
    for item in diagnostics:
        if item.message == SECTION_SKIPPED and not item.is_error:
            sections.append(item)
            continue
        if item.message == UNDERSCORE_SKIPPED and not item.is_error:
            underscores.append(item)
            continue
        if item.message in (EMPTY_FILE, NO_BODY):
            empty += 1
        elif item.message.startswith(ASSUMED_DATE):
            assumed += 1
        kept.append(item)
    first = ""
    if sections:
        head = min(sections, key=lambda d: d.path)
        first = head.path
        kept.append(
            _folded(
                sections,
                "section or list ",
                f" skipped, not posts: this one ({head.expected})",
                "their text is not published; move what you want to keep into a post",
            )
        )
    if underscores:
        kept.append(
            _folded(
                underscores,
                "",
                " named '_…' skipped, not posts, as Jekyll, Hexo and Quarto skip them: this one",
                "rename a file without its leading '_' to publish it",
            )
        )
    return kept, LoadTally(len(sections), empty, assumed, first, len(underscores))


def _folded(group: list[Diagnostic], before: str, after: str, expected: str) -> Diagnostic:
    """'N <before>files<after> and N-1 more', at the group's first file (sorted), so a site
    with dozens of such files reads one line that still names a file to look at."""
    head = min(group, key=lambda d: d.path)
    count = len(group)
    noun = "file" if count == 1 else "files"
    more = f" and {count - 1} more" if count > 1 else ""
    return warning(head.path, None, f"{count} {before}{noun}{after}{more}", expected)


def unread_formats_note(sources: list[str]) -> list[Diagnostic]:
    """One warning for every post file in a format no reader here takes (a Pelican blog's .rst
    posts, a Hugo blog's .org ones): the first, how many, and which formats."""
    formats: dict[str, int] = {}
    for source in sources:
        suffix = PurePosixPath(source).suffix.lower()
        formats[suffix] = formats.get(suffix, 0) + 1
    listed = ", ".join(f"{suffix} ×{count}" for suffix, count in sorted(formats.items()))
    first = min(sources)
    count = len(sources)
    more = f" and {count - 1} more" if count > 1 else ""
    return [
        warning(
            first,
            None,
            f"{count} post file{'s' if count > 1 else ''} in a format blog does not read, not published: "
            f"this one{more} ({listed})",
            _conversion_hint(formats),
        )
    ]


def _conversion_hint(formats: dict[str, int]) -> str:
    """How to turn these formats into Markdown: R Markdown is knitted, HTML and the rest pandoc reads."""
    knitted = {".rmd", ".rmarkdown"} & formats.keys()
    html = {".html", ".htm"} & formats.keys()
    ways = []
    if formats.keys() - knitted - html:
        ways.append("e.g. pandoc -f rst -t gfm")
    if html:
        ways.append("an HTML post with pandoc -f html -t gfm (its front matter kept)")
    if knitted:
        ways.append("R Markdown knitted to Markdown (the .markdown blogdown knits beside an .Rmarkdown is read)")
    return f"Markdown posts: convert them, {'; '.join(ways)}, or move them out of content/posts"
