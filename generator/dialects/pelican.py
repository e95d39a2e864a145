"""Pelican's posts: the metadata header its Markdown reader takes, and what its Markdown did that
CommonMark does not.

A Pelican post opens with `Title: …` / `Date: …` / `Tags: a, b` lines and a blank line, no
`---` (Python-Markdown's meta extension, which Pelican reads metadata with). Read as Markdown,
those lines were one paragraph at the top of every page, the post had no date, tags or
category, and a `Status: draft` was published. Pelican also filed a post under the folder it
sits in when it names no category, linked posts and files as `{filename}x.md` and
`{static}images/a.png`, and highlighted indented code whose first line is `:::bash`
(CodeHilite, on in every Pelican site). Pure: text in, text out.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath
from typing import Any

from generator.errors import Diagnostic, warning
from generator.patterns import lazy_pattern

# Python-Markdown's meta lines: `Key: value`, a continuation indented four spaces or more.
_KEY_LINE = lazy_pattern(r"([A-Za-z0-9_-]+)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_MORE_LINE = lazy_pattern(r"(?: {4,}|\t)[ \t]*(\S.*?)[ \t]*")
_DASHES = lazy_pattern(r"-{3,}[ \t]*|\.{3}[ \t]*")
# What tells a metadata header from a paragraph that happens to open with `Word: text`.
_HEADER_KEYS = frozenset({"title", "date"})
_LIST_KEYS = frozenset({"tags", "keywords", "authors"})  # Pelican splits these at ';' if any, else ','
PAGE_FOLDER = "pages"  # Pelican's PAGE_PATHS: its pages (about, links), not articles

Header = tuple[dict[str, Any], dict[str, int], str, int]


def pelican_header(text: str) -> Header | None:
    """(metadata, key lines, body, body's first line) of a post opening with Pelican's metadata
    lines, or None when it does not open with them.

    The header ends at the first blank line, or at the first line that is neither a key nor
    a continuation (that line starts the body, as Python-Markdown reads it). Keys are
    lowercased as Pelican reads them; an empty value is no value. A header closed by a line
    of dashes is Hexo's fenceless front matter (frontmatter.py), not this.
    """
    lines = text.split("\n")
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    key = ""
    end = len(lines)
    for number, line in enumerate(lines):
        if not line.strip():
            end = number
            break
        found = _KEY_LINE.fullmatch(line)
        more = _MORE_LINE.fullmatch(line) if key else None
        if more is not None:
            data[key] = f"{data[key]}\n{more.group(1)}" if data.get(key) else more.group(1)
            continue
        if found is None:
            if number == 0 or _closed_by_dashes(lines, number):
                return None  # Hexo's fenceless front matter (a YAML list under `tags:`, then ---)
            end = number
            break
        key = found.group(1).lower()
        value = found.group(2) or ""
        if key in data and key in _LIST_KEYS:  # a second Tags: line adds to the first
            value = f"{data[key]}, {value}" if data[key] else value
        data[key] = value
        key_lines.setdefault(key, number + 1)
    if not _HEADER_KEYS & data.keys():
        return None
    body_start = end + 1 if end < len(lines) and not lines[end].strip() else end
    return data, key_lines, "\n".join(lines[body_start:]), body_start + 1


def _closed_by_dashes(lines: list[str], start: int) -> bool:
    """Whether a line of dashes closes the block before its first blank line: Hexo's first
    scaffolds wrote front matter so, with YAML lists (`- a`) that are no Pelican line."""
    for line in lines[start:]:
        if not line.strip():
            return False
        if _DASHES.fullmatch(line):
            return True
    return False


def pelican_fields(
    data: dict[str, Any], key_lines: dict[str, int], source: str, folder: str | None
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """A Pelican header's values as the keys the loader reads.

    - An empty value is no value (`Category:` with nothing after it files nothing).
    - `Tags`, `Keywords` and `Authors` are lists, split at ';' when one is there, else at ','.
    - `Status: draft` is a draft. `hidden` (published, listed nowhere) and `skip` (never
      read) are kept out like drafts, with a warning: this blog lists every post it publishes.
    - No `Category`: the folder the post is in, as Pelican's USE_FOLDER_AS_CATEGORY filed it.
    """
    out: dict[str, Any] = {}
    found: list[Diagnostic] = []
    for key, value in data.items():
        text = value.strip() if isinstance(value, str) else value
        if text in ("", None):
            continue
        if key in _LIST_KEYS and isinstance(text, str):
            parts = text.split(";" if ";" in text else ",")
            out[key] = [part.strip() for part in parts if part.strip()]
        elif key == "status" and isinstance(text, str):
            status = text.lower()
            if status in ("hidden", "skip", "draft"):
                out["draft"] = True
            if status in ("hidden", "skip"):
                found.append(
                    warning(
                        source,
                        key_lines.get(key),
                        f"'Status: {text}' post is not published (Pelican listed it nowhere)",
                        "'Status: published' to publish it",
                    )
                )
            elif status not in ("draft", "published"):
                found.append(
                    warning(source, key_lines.get(key), f"status '{text}' is not known", "draft, hidden or published")
                )
        else:
            out[key] = text
    if "category" not in out and folder:
        out["category"] = folder
    return out, found


def pelican_page(source: str) -> bool:
    """Whether the file stands in Pelican's pages folder (its about and links pages, not posts)."""
    return PAGE_FOLDER in PurePosixPath(source).parts[:-1]


# `{filename}`, `{static}` and `{attach}` (and the older `|filename|`) in a link or image target:
# the path after them is relative to the post's folder, or to the content folder when it starts with '/'.
_INTERNAL = lazy_pattern(
    r"""(?P<lead>\]\(\s*<?|\b(?:href|src)\s*=\s*["']?)(?:\{|\|)(?P<kind>filename|static|attach)(?:\}|\|)(?P<path>[^\s)"'>]*)"""
)
_CODEHILITE = lazy_pattern(r"(?: {4}|\t)(?::::[ \t]*(?P<lang>[\w+#.-]+)[^\n]*|#!(?P<bang>[\w+#.-]+)[ \t]*)")
_FENCE = lazy_pattern(r"[ \t]{0,3}(`{3,}|~{3,})")
_LIST_ITEM = lazy_pattern(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]")


def pelican_body(body: str, post_folder: str, post_url: Any) -> str:
    """The body with Pelican's internal links and CodeHilite code blocks in our spelling.

    `post_folder` is the post's folder relative to content/posts ('' at the top), where Pelican's
    content folder was copied; `post_url` turns a post's path there into its URL (None when it
    cannot). Lines are neither added nor removed, so warnings still point at the writer's lines
    (save one closing fence for a code block with text right under it, no blank line between).
    """
    lines = body.split("\n")
    fence = ""
    previous = ""  # the last line with text, to tell an indented code block from a list's paragraph
    in_code = False
    number = 0
    while number < len(lines):
        line = lines[number]
        indented = line.startswith(("    ", "\t"))
        blank_before = number == 0 or not lines[number - 1].strip()
        if fence:
            if line.strip().startswith(fence):
                fence = ""
        elif in_code and (indented or not line.strip()):
            pass
        elif (opened := _FENCE.match(line)) is not None:
            fence, in_code = opened.group(1), False
        elif blank_before and indented and not _LIST_ITEM.match(previous) and not previous.startswith((" ", "\t")):
            marker = _CODEHILITE.fullmatch(line)
            if marker is not None:
                number = _fenced(
                    lines, number, marker.group("lang") or marker.group("bang"), bool(marker.group("bang"))
                )
                previous = "```"
                continue
            in_code = True
        else:
            in_code = False
            if "filename" in line or "static" in line or "attach" in line:
                lines[number] = _INTERNAL.sub(lambda found: _internal(found, post_folder, post_url), line)
        if line.strip():
            previous = line
        number += 1
    return "\n".join(lines)


def _internal(found: re.Match[str], post_folder: str, post_url: Any) -> str:
    path, _, anchor = found.group("path").partition("#")
    path = path.split("?", 1)[0]  # WordPress exports keep `?w=300` size hints
    # relative to the content folder (copied into content/posts), never above it, as Pelican resolved it
    target = posixpath.normpath(posixpath.join("/", path if path.startswith("/") else f"{post_folder}/{path}"))
    target = target.lstrip("/")
    if found.group("kind") == "filename" and target.endswith(
        (".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".mdown", ".mdwn", ".qmd", ".ipynb")
    ):
        url = post_url(target)
        if url is None:
            return found.group(0)
        return found.group("lead") + url + (f"#{anchor}" if anchor else "")
    return found.group("lead") + "/" + target + (f"#{anchor}" if anchor else "")


def _fenced(lines: list[str], start: int, language: str, numbered: bool) -> int:
    """The indented block opening at `start` with `:::lang` (or `#!lang`) as a fenced block,
    in place: the marker line becomes the opening fence and the first blank line after the
    block the closing one. Returns the line after the block."""
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(("    ", "\t"))):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # the blank lines after the block are not its own
    code = [line[1:] if line.startswith("\t") else line[4:] for line in lines[start + 1 : end]]
    ticks = max((len(run) for line in code for run in re.findall(r"`{3,}", line)), default=2) + 1
    fence = "`" * max(ticks, 3)
    lines[start] = f"{fence}{language}{' {linenos=true}' if numbered else ''}"
    lines[start + 1 : end] = code
    if end == len(lines):
        lines.append(fence)
    elif lines[end].strip():  # text right under the block (no blank line): one line more
        lines.insert(end, fence)
    else:
        lines[end] = fence
    return end + 1
