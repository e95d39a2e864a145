"""Splitting a post into front matter and body, keeping line numbers.

Line numbers matter because every front-matter complaint must point at the line a
writer has to fix; the body's first line is kept so markdown warnings can too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.dialects.pelican import pelican_header
from generator.errors import Diagnostic, error, toml_problem
from generator.patterns import lazy_pattern

try:  # the C loader is several times faster; fall back when libyaml is absent
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without implicit timestamps: we parse dates ourselves, with better errors."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_FENCES = {"---": "yaml", "+++": "toml"}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A file's metadata and body, with each key's line so a bad value's message can point at it."""

    data: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number (1-based) of the body's first line in the file
    format: str | None = None


def normalise_text(text: str) -> str:
    """Accept a BOM and CRLF/CR line endings, so files from any editor read the same."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _yaml_mapping(source: str, path: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise _NotMapping(node.start_mark.line)
        _refuse_duplicate_keys(node)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    lines = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return {str(k): v for k, v in data.items()}, lines


class DuplicateKey(Exception):
    """A key written twice in one mapping: YAML readers keep the last one without a word."""

    def __init__(self, key: str, first: int, second: int) -> None:
        self.key, self.first, self.second = key, first, second


def _refuse_duplicate_keys(root: yaml.Node) -> None:
    """Every mapping of the front matter, nested ones too, walked without recursion."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    key = str(key_node.value)
                    if key in seen:
                        raise DuplicateKey(key, seen[key], key_node.start_mark.line)
                    seen[key] = key_node.start_mark.line
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


class _NotMapping(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _toml_lines(source: str, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for offset, text in enumerate(source.split("\n")):
        match = re.match(r"\s*([A-Za-z0-9_\-]+)\s*=", text)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = first_line + offset
    return lines


MAX_NESTING = 100  # real front matter nests 3 or 4 deep; tomllib fails near 300, libyaml crashes past 10,000
_LEVEL_MARKS = re.compile(r"(?:[-?:][ \t]+)+")


def _nesting(source: str) -> int:
    """An upper bound of how deeply the front matter nests: open brackets, plus each line's
    indentation and the '- ' or '? ' marks it starts with (YAML's compact nested lists)."""
    deepest = 0
    depth = 0
    for line in source.split("\n"):
        stripped = line.lstrip(" ")
        marks = _LEVEL_MARKS.match(stripped)
        level = len(line) - len(stripped) + (marks.group().count(" ") if marks else 0)
        if "[" in line or "{" in line or depth:
            for char in line:
                if char in "[{":
                    depth += 1
                    deepest = max(deepest, depth + level)
                elif char in "]}" and depth:
                    depth -= 1
        deepest = max(deepest, level)
    return deepest


# A line of three or more dashes, as Hexo's front-matter reader ends its older form.
_DASHES = lazy_pattern(r"^-{3,}[ \t]*$", re.MULTILINE)
_FENCELESS_KEYS = frozenset({"title", "date"})  # what tells front matter from a paragraph with a colon
# A line that may hold one of them: without one, the text above the dashes is not read as YAML
# (that cost 53 microseconds a post on a blog of 2,196 posts without front matter).
_FENCELESS_KEY_LINE = lazy_pattern(rf"^(?:{'|'.join(sorted(_FENCELESS_KEYS))})[ \t]*:", re.MULTILINE | re.IGNORECASE)


def _without_opening_fence(text: str, path: str) -> FrontMatter | None:
    """Front matter written the way Hexo's first scaffolds wrote it, with no opening '---'.

    `title: x` / `date: …` / `---` / body: Hexo reads what stands above the first line of
    dashes as YAML and keeps it when it is a mapping, so old Hexo posts have no opening fence.
    Here the mapping must also name a title or a date, so that a post that merely opens with
    `Note: …` over a rule is read as Markdown, as every other engine reads it; anything that
    does not parse is the post's text, as before.
    """
    closing = _DASHES.search(text)
    if closing is None or closing.start() == 0:
        return None
    source = text[: closing.start()]
    if not _FENCELESS_KEY_LINE.search(source) or _nesting(source) > MAX_NESTING:
        return None
    try:
        data, lines = _yaml_mapping(source, path, 1)
    except (_NotMapping, DuplicateKey, yaml.YAMLError):
        return None
    if not _FENCELESS_KEYS & {key.lower() for key in data}:
        return None
    body = text[closing.end() + 1 :]
    return FrontMatter(data, lines, body, 1 + source.count("\n") + 1, "yaml")


def _without_fences(text: str, path: str) -> FrontMatter:
    """A post without '---' or '+++': Pelican's metadata lines, Hexo's fenceless front matter, or none."""
    header = pelican_header(text) if ":" in text.partition("\n")[0] else None
    if header is not None:
        data, lines, body, body_line = header
        return FrontMatter(data, lines, body, body_line, "pelican")
    return _without_opening_fence(text, path) or FrontMatter({}, {}, text, 1, None)


# The body's first line of text, when it is a level-1 ATX heading.
_OPENING_HEADING = lazy_pattern(r"(?:[ \t]*\n)*[ ]{0,3}#[ \t]+([^\n]*)")


def heading_text(line: str) -> str:
    """What an ATX heading's line says after its `# `: trimmed, its closing #s cut as CommonMark
    cuts them (a run of #s that is the whole text or stands after a space: `# C#` keeps its #)."""
    text = line.strip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text and (not bare or bare[-1] in " \t") else text


def without_title_heading(body: str, title: str | None = None) -> str:
    """The body without the `# heading` it opens with, for a post whose title was taken from it
    (or, given `title`, whose heading says the title): the page shows the title above the text,
    and a notebook's first cell shown again under it was the title twice (Jupyter shows it
    once). The line stays, empty, so line numbers hold."""
    found = _OPENING_HEADING.match(body)
    if found is None:
        return body
    if title is not None and heading_text(found.group(1)) != title.strip():
        return body
    return body[: body.rfind("\n", 0, found.end()) + 1] + body[found.end() :]


def split_front_matter(text: str, path: str) -> tuple[FrontMatter | None, Diagnostic | None]:
    """Return the parsed front matter, or the one diagnostic that explains why it failed."""
    text = normalise_text(text)
    first, _, rest = text.partition("\n")
    fence = first.rstrip()
    if fence not in _FENCES:
        return _without_fences(text, path), None
    kind = _FENCES[fence]
    closing = re.search(rf"^{re.escape(fence)}[ \t]*$", rest, re.MULTILINE)
    if closing is None:
        return None, error(
            path,
            1,
            f"front matter opened with '{fence}' is never closed",
            f"a line containing only '{fence}' after the front matter",
        )
    source = rest[: closing.start()]
    body = rest[closing.end() + 1 :]
    body_line = 2 + source.count("\n") + 1
    deepest = _nesting(source)
    if deepest > MAX_NESTING:  # libyaml's parser recurses in C: far deeper front matter crashes the process
        return None, error(
            path, None, f"front matter nests {deepest} levels deep", f"front matter nested at most {MAX_NESTING} levels"
        )
    if kind == "yaml":
        try:
            data, lines = _yaml_mapping(source, path, 2)
        except _NotMapping as exc:
            return None, error(
                path, 2 + exc.line, "front matter is not a mapping of keys to values", "lines like 'title: ...'"
            )
        except DuplicateKey as exc:  # an error, as Hugo and Hexo make it (and as a TOML one is here)
            return None, error(
                path,
                2 + exc.second,
                f"key '{exc.key}' is written twice, on lines {2 + exc.first} and {2 + exc.second}; "
                "YAML would keep only the last",
                "each key once",
            )
        except yaml.reader.ReaderError as exc:  # a character YAML forbids: it has a position, not a line
            line = 2 + source[: exc.position].count("\n")
            character = exc.character if isinstance(exc.character, int) else ord(exc.character)
            return None, error(
                path,
                line,
                f"invalid YAML front matter: character U+{character:04X} is not allowed ({exc.reason})",
                "printable text; remove control characters",
            )
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            last_line = 1 + source.count("\n")
            line = min(2 + mark.line, last_line) if mark is not None else None
            problem = getattr(exc, "problem", None) or str(exc)
            lines = source.split("\n")
            near = lines[mark.line] if mark is not None and mark.line < len(lines) else source
            if "\t" in near and ("cannot start any token" in str(exc) or "tab" in str(exc).lower()):
                return None, error(
                    path,
                    line,
                    "invalid YAML front matter: a tab character is used for indentation",
                    "indentation with spaces",
                )
            return None, error(path, line, f"invalid YAML front matter: {problem}", "valid YAML between '---' lines")
    else:
        try:
            data = tomllib.loads(source)
        except RecursionError:
            return None, error(path, None, "TOML front matter nested too deeply", "valid TOML nested a few levels")
        except tomllib.TOMLDecodeError as exc:
            line_in_block, reason = toml_problem(str(exc), source)
            line = 1 + line_in_block if line_in_block is not None else None
            return None, error(path, line, f"invalid TOML front matter: {reason}", "valid TOML between '+++' lines")
        lines = _toml_lines(source, 2)
    return FrontMatter(data, lines, body, body_line, kind), None
