"""Quarto's `.qmd` posts, read as the Markdown they are.

A `.qmd` file is Markdown with YAML front matter, plus executable cells: a fence whose info
is the language in braces (```` ```{python} ````), cell options at its top as `#| echo: false`
comments (`//|` in Observable JS), and outputs Quarto computed when it rendered the site (kept
under `_freeze/` when frozen, never in the file). Nothing here runs code, so a cell is shown as
code in its language, without its option lines, and the post says once that the outputs are
not shown: dropping the whole post, as before, lost its prose too.

The rewrite keeps every line where it was (option lines move below the cell as blank lines, a
hidden cell becomes blank lines), so warnings still name the line in the `.qmd` file. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.dialects.embeds import video_player
from generator.errors import Diagnostic, warning

QUARTO_SUFFIX = ".qmd"
# ```{python}, ```{r, echo=FALSE} (R Markdown's options in the braces), ~~~{julia #label}
_CELL = re.compile(
    r"(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[ \t]*\{(?P<lang>[A-Za-z][\w+.-]*)(?P<rest>[^{}]*)\}[ \t]*"
)
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
CELL_OPTION = re.compile(r"[ \t]*(?:#|//|--|%%)\|[ \t]*(?P<key>[\w-]+)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*")
_INLINE_OPTION = re.compile(r"\b(?P<key>echo|include|eval)[ \t]*=[ \t]*(?P<value>\w+)", re.IGNORECASE)
# What the cell's language is called by the highlighter; Observable JS is JavaScript to read.
_LANGUAGES = {"ojs": "javascript", "python3": "python"}
# Diagrams the page draws from their text itself (a mermaid block is drawn as Hexo's and Hugo's are).
_DRAWN = frozenset({"mermaid"})
_DATE_WORDS = re.compile(r"(date[ \t]*:[ \t]*)([\"']?)(today|now|last-modified)\2[ \t]*", re.IGNORECASE)
FALSE_WORDS = frozenset({"false", "no", "off", "f"})  # an option Quarto reads as false
# Quarto's {{< video >}} of a YouTube or Vimeo address (other videos are left to the shortcode pass).
_VIDEO = re.compile(
    r"\{\{<[ \t]*video[ \t]+[\"']?(?:https?:)?//(?:www\.)?(?:"
    r"youtu\.be/(?P<short>[\w-]+)|youtube(?:-nocookie)?\.com/(?:embed/|watch\?v=)(?P<long>[\w-]+)|"
    r"(?:player\.)?vimeo\.com/(?:video/)?(?P<vimeo>\d+))[^\s\"'>]*[\"']?(?:[ \t]+[^>]*)?>\}\}"
)


@dataclass(frozen=True, slots=True)
class QuartoText:
    """A `.qmd` file as Markdown, and what a reader should hear about it."""

    text: str
    diagnostics: tuple[Diagnostic, ...]


def quarto_markdown(text: str, source: str) -> QuartoText:
    """The file with its executable cells as plain code blocks, hidden cells blanked, and one
    warning for the cells whose outputs Quarto computed and this page cannot show."""
    lines = text.split("\n")
    start = _after_front_matter(lines)
    out = lines[:start]
    computed: list[int] = []
    fence: str | None = None  # inside an ordinary code block: its text is shown as written
    index = start
    while index < len(lines):
        line = lines[index]
        cell = _CELL.fullmatch(line) if fence is None else None
        if cell is None:
            fence = _track_fence(line, fence)
            out.append(line)
            index += 1
            continue
        end = _cell_end(lines, index + 1, cell.group("fence"))
        block, shows_output = _cell_block(cell, lines[index + 1 : end])
        if shows_output:
            computed.append(index + 1)
        out.extend(block[: min(end + 1, len(lines)) - index])  # an unclosed cell has no closing fence
        index = end + 1
    if len(out) > start:  # the body's videos as players; its cells are fenced code now, left as they are
        out[start:] = [with_video_players("\n".join(out[start:]))]
    return QuartoText("\n".join(out), _outputs_note(source, computed))


def _after_front_matter(lines: list[str]) -> int:
    """The index of the first body line; Quarto's date words (`today`, `last-modified`) are left
    out of the front matter, so the post takes its file's date as Quarto did."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            for key in range(1, index):
                if _DATE_WORDS.fullmatch(lines[key]):
                    lines[key] = "# " + lines[key]  # a YAML comment: the line stays where it was
            return index + 1
    return 0


def _track_fence(line: str, fence: str | None) -> str | None:
    """The fence of the ordinary code block a line opens or stays in; None when outside one."""
    found = _FENCE.match(line)
    if found is None:
        return fence
    marker = found.group(1)
    if fence is None:
        return marker
    closes = marker[0] == fence[0] and len(marker) >= len(fence) and not line[found.end() :].strip()
    return None if closes else fence


def _cell_end(lines: list[str], start: int, opening: str) -> int:
    for index in range(start, len(lines)):
        if _track_fence(lines[index], opening) is None:
            return index
    return len(lines)  # an unclosed cell runs to the end, as an unclosed fence does


def _cell_block(cell: re.Match[str], body: list[str]) -> tuple[list[str], bool]:
    """The cell's lines as shown (as many as it had, closing fence included), and whether
    Quarto would have shown an output for it."""
    options = {m.group("key").lower(): m.group("value").lower() for m in _INLINE_OPTION.finditer(cell.group("rest"))}
    count = 0
    while count < len(body) and (option := CELL_OPTION.fullmatch(body[count])) is not None:
        options[option.group("key").lower()] = option.group("value").strip("\"'").lower()
        count += 1
    code = body[count:]
    language = cell.group("lang").lower()
    size = len(body) + 2  # the opening and closing fences
    if options.get("include") in FALSE_WORDS:
        return [""] * size, False
    shown = (
        options.get("eval") not in FALSE_WORDS and options.get("output") not in FALSE_WORDS and language not in _DRAWN
    )
    if options.get("echo") in FALSE_WORDS:
        return [""] * size, shown
    indent, marker = cell.group("indent"), cell.group("fence")
    opening = f"{indent}{marker}{_LANGUAGES.get(language, language)}"
    return [opening, *code, f"{indent}{marker}", *[""] * count], shown


def with_video_players(text: str) -> str:
    """Quarto's `{{< video >}}` of a YouTube or Vimeo address as its player, outside code blocks,
    in a `.qmd` line or a notebook's Markdown cell (Quarto reads both); other videos are left."""
    if "video" not in text:
        return text
    lines = text.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        fence = _track_fence(line, fence)
        if fence is None and "video" in line:
            lines[index] = _VIDEO.sub(_player, line)
    return "\n".join(lines)


def _player(found: re.Match[str]) -> str:
    """The player Hugo's and Hexo's youtube and vimeo tags embed, on the shortcode's line."""
    vimeo = found.group("vimeo")
    player = (
        video_player("vimeo", vimeo) if vimeo else video_player("youtube", found.group("short") or found.group("long"))
    )
    return player or found.group(0)


def _outputs_note(source: str, lines: list[int]) -> tuple[Diagnostic, ...]:
    if not lines:
        return ()
    count = len(lines)
    cells = "cell" if count == 1 else "cells"
    return (
        warning(
            source,
            lines[0],
            f"{count} Quarto code {cells} shown as code without {'its output' if count == 1 else 'their outputs'}"
            " (Quarto computed them when it rendered the site; blog runs no code)",
            "outputs pasted into the post as text or images, or the post as a notebook with its outputs"
            " saved: quarto convert post.qmd, run it in Jupyter, save it into content/posts/",
        ),
    )


__all__ = ["CELL_OPTION", "FALSE_WORDS", "QUARTO_SUFFIX", "QuartoText", "quarto_markdown", "with_video_players"]
