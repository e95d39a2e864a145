"""Jupyter notebooks as posts: the notebook reader beside the Markdown one.

A notebook is turned into the same thing a `.md` file is: front matter checked by the
loader's own rules, and a Markdown body that the one Markdown pipeline renders (math,
heading ids, table of contents, excerpts, figures). Code cells become fenced blocks in
the kernel's language, so highlighting and the excerpt's [代码] come for free; outputs
become HTML blocks kept on single lines (a blank line would end a Markdown HTML block),
and output images become image files beside the post's page, referenced as Markdown
images so they get sizes and lazy loading like any other. Notebooks are never executed.

Everything here is pure except `publish_images`, which writes the output images into the
build's derived-files folder once per notebook version.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config.settings import SiteConfig
from generator.content.absences import SCHEMA_SLIP
from generator.content.cell_directives import cell_directives
from generator.content.fields import FRONT_MATTER_KEYS
from generator.content.frontmatter import normalise_text, without_title_heading
from generator.content.model import Post
from generator.content.notebook_files import SIDECAR_SUFFIX
from generator.content.notebook_outputs import (
    CellContext,
    cell_text,
    code_cell,
    pasted_images,
    sanitize_html,
    single_block,
)
from generator.content.sections import EMPTY_FILE
from generator.dialects.quarto import with_video_players
from generator.errors import Diagnostic, error, warning
from generator.files import read_regular
from generator.patterns import lazy_pattern

# Jupyter's own notebooks nest about 8 deep (a widget's state some more); nbformat's
# schema check recurses several frames a level, so far deeper JSON ends in RecursionError.
MAX_JSON_DEPTH = 100
NESTED_TOO_DEEPLY = "JSON nested too deeply"
_NO_FRONT_MATTER = "a 'blog' mapping in the notebook's metadata, or a first raw cell with '---' lines"


@dataclass(slots=True)
class Converted:
    """A notebook read: its front matter as text for the loader, and its Markdown body."""

    front_text: str  # '---' YAML '---' lines (empty when the notebook has none)
    front_lines: dict[int, int]  # line in front_text -> line in the .ipynb file
    prose: str  # the Markdown cells, for a title taken from the first heading
    body: str
    images: dict[str, bytes] = field(default_factory=dict)  # file name beside the page -> bytes
    fastpages: bool = False  # its front matter is fastpages' first cell: Jekyll's kramdown rendered it
    diagnostics: list[Diagnostic] = field(default_factory=list)


def parse_notebook(text: str, source: str) -> tuple[dict[str, Any] | None, Diagnostic | None]:
    """The notebook as plain data, or the one error that says why it cannot be read."""
    try:
        data = json.loads(text.removeprefix("\ufeff"))  # some Windows editors save a BOM
    except RecursionError:
        return None, error(source, None, "not a notebook", NESTED_TOO_DEEPLY)
    except json.JSONDecodeError as exc:
        return None, error(
            source,
            exc.lineno,
            f"notebook is not valid JSON: {exc.msg} (column {exc.colno})",
            "a notebook saved by Jupyter",
        )
    if _depth(data) > MAX_JSON_DEPTH:  # the schema validator, and our own walk, recurse
        return None, error(source, None, "not a notebook", NESTED_TOO_DEEPLY)
    if not isinstance(data, dict) or "nbformat" not in data:
        return None, error(source, 1, "file is JSON but not a Jupyter notebook", "a notebook in nbformat 4")
    version = data.get("nbformat")
    if version != 4:
        return None, error(
            source,
            _key_line(text, "nbformat"),
            f"notebook format {version} is not supported",
            "nbformat 4: open and save it with a current Jupyter",
        )
    if not isinstance(data.get("cells"), list):
        return None, error(
            source, _key_line(text, "cells"), "notebook has no list of cells", "a notebook saved by Jupyter"
        )
    for number, cell in enumerate(data["cells"], 1):  # nbformat's validator crashes on these
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            what = "not an object" if not isinstance(cell, dict) else "an object without a text cell_type"
            return None, error(
                source, None, f"notebook is malformed: cell {number} is {what}", "a notebook saved by Jupyter"
            )
    import nbformat  # its schema validator takes a tenth of a second to import: only for notebooks

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nbformat.validate(nbformat.from_dict(data))
    except RecursionError:
        return None, error(source, None, "not a notebook", NESTED_TOO_DEEPLY)
    except (TypeError, AttributeError, KeyError, ValueError) as exc:  # the validator's own crash on odd shapes
        return None, error(source, None, f"notebook is malformed ({type(exc).__name__})", "a notebook saved by Jupyter")
    except nbformat.ValidationError as exc:
        problem = str(exc.message).split("\n", 1)[0][:200]
        if not all(isinstance(cell, dict) and "cell_type" in cell for cell in data["cells"]):
            return None, error(source, None, f"notebook is malformed: {problem}", "a notebook saved by Jupyter")
        # Jupyter itself opens notebooks with small schema slips; so do we, and say so.
        return data, warning(
            source,
            None,
            f"{SCHEMA_SLIP}{problem}",
            "Jupyter opens it anyway; saving it there again fixes it",
        )
    return data, None


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in parsed JSON, found without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            if level > MAX_JSON_DEPTH:
                return level
            stack.extend((child, level + 1) for child in item)
    return deepest


def _key_line(text: str, key: str, last: bool = False) -> int | None:
    matches = list(re.finditer(rf'(?<!\\)"{re.escape(key)}"\s*:', text))
    if not matches:
        return None
    match = matches[-1] if last else matches[0]
    return text.count("\n", 0, match.start()) + 1


def _cell_lines(text: str, count: int) -> list[int | None]:
    """The line of each cell's first source line in a pretty-printed notebook (None if unknown)."""
    found: list[tuple[int, bool]] = []
    line, counted = 1, 0  # newlines counted from the last match on, not from the start each time
    for m in re.finditer(r'^[^\S\n]*"source"\s*:\s*(\[?)', text, re.MULTILINE):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        found.append((line, m.group(1) == "["))
    if len(found) != count:  # minified, or a "source" key inside metadata: give no lines rather than wrong ones
        return [None] * count
    return [line + 1 if opens_list else line for line, opens_list in found]


def _tags(cell: dict[str, Any]) -> set[str]:
    metadata = cell.get("metadata")
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    return {str(t) for t in tags} if isinstance(tags, list) else set()


def _language(notebook: dict[str, Any]) -> str:
    metadata = notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}
    assert isinstance(metadata, dict)
    for key, field_name in (("kernelspec", "language"), ("language_info", "name")):
        section = metadata.get(key)
        if isinstance(section, dict) and isinstance(section.get(field_name), str):
            return section[field_name].strip().lower()
    return "python"  # what nbformat assumes when a notebook does not say


def _front_matter(notebook: dict[str, Any], text: str) -> tuple[str, dict[int, int], str]:
    """Front matter as YAML text with its lines in the .ipynb, and where it was: "metadata", the
    first cell ("cell", or "fastpages" for fastpages' Markdown cell), or "" (none)."""
    metadata = notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}
    assert isinstance(metadata, dict)
    data = metadata.get("blog")
    if not isinstance(data, dict):
        data = {k: metadata[k] for k in FRONT_MATTER_KEYS if k in metadata}
    if data:
        lines = ["---"]
        mapping: dict[int, int] = {}
        for key, value in data.items():  # JSON is YAML: one line per key, whatever the value
            lines.append(f"{json.dumps(str(key), ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}")
            json_line = _key_line(text, str(key), last=True)
            if json_line is not None:
                mapping[len(lines)] = json_line
        lines.append("---")
        return "\n".join(lines) + "\n", mapping, "metadata"
    cells = notebook.get("cells") or []
    first = cells[0] if cells and isinstance(cells[0], dict) else {}
    raw = normalise_text(cell_text(first.get("source")))
    if first.get("cell_type") == "raw" and raw.startswith("---\n"):
        closing = re.search(r"^---[ \t]*$", raw[4:], re.MULTILINE)
        if closing is not None:
            block = raw[: 4 + closing.end()] + "\n"
            start = _cell_lines(text, len(cells))[0]
            mapping = {n: start + n - 1 for n in range(1, block.count("\n") + 1)} if start else {}
            return block, mapping, "cell"
    header = pelican_first_cell(raw) if first.get("cell_type") == "markdown" else None
    if header is not None:
        start = _cell_lines(text, len(cells))[0]
        return header, ({n: start + n - 1 for n in range(1, header.count("\n"))} if start else {}), "cell"
    fastpages = fastpages_first_cell(raw) if first.get("cell_type") == "markdown" else None
    if fastpages is not None:
        start = _cell_lines(text, len(cells))[0]
        block, cell_lines = fastpages
        return block, ({n: start + line for n, line in cell_lines.items()} if start else {}), "fastpages"
    return "", {}, ""


# pelican-ipynb's first-cell metadata (IPYNB_MARKUP_USE_FIRST_CELL): `- title: …` list items, or
# Pelican's own `Title: …` lines, in the notebook's first Markdown cell.
_FIRST_CELL_KEY = lazy_pattern(r"[ \t]*(?:[-*+][ \t]+)?([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*")


def pelican_first_cell(cell: str) -> str | None:
    """The first Markdown cell as Pelican metadata lines (with the blank line that ends them),
    when every line of it is a `key: value` and one names the title (pelican-ipynb requires it:
    a first cell listing `- Goal: …` points is the notebook's text); else None."""
    lines = [line for line in cell.split("\n") if line.strip()]
    found = [_FIRST_CELL_KEY.fullmatch(line) for line in lines]
    if not lines or any(match is None for match in found):
        return None
    pairs = [(match.group(1), match.group(2)) for match in found if match is not None]
    if "title" not in {key.lower() for key, _ in pairs}:
        return None
    return "".join(f"{key}: {value}\n" for key, value in pairs) + "\n"


# fastpages' first cell: `# Title`, `> summary`, then `- key: value` lines (values are YAML).
_FASTPAGES_TITLE = lazy_pattern(r"#[ \t]+(.+?)[ \t]*")
_FASTPAGES_SUMMARY = lazy_pattern(r">[ \t]*(.*?)[ \t]*")
_FASTPAGES_KEY = lazy_pattern(r"[-*][ \t]+([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*")


def fastpages_first_cell(cell: str) -> tuple[str, dict[int, int]] | None:
    """fastpages' front matter cell as YAML front matter, with each YAML line's line in the cell;
    None unless the cell is a `#` title followed by a `>` summary or `- key: value` lines and
    nothing else (a first cell with a heading and prose is the notebook's text)."""
    lines = cell.split("\n")
    numbered = [(number, line.strip()) for number, line in enumerate(lines) if line.strip()]
    title = _FASTPAGES_TITLE.fullmatch(numbered[0][1]) if numbered else None
    if title is None or len(numbered) < 2:
        return None
    yaml_lines = ["---", f"title: {json.dumps(_unquoted(title.group(1)), ensure_ascii=False)}"]
    where = {2: numbered[0][0]}
    summarised = False
    for number, line in numbered[1:]:
        summary = _FASTPAGES_SUMMARY.fullmatch(line)
        key = _FASTPAGES_KEY.fullmatch(line) if summary is None else None
        if summary is not None and not summarised:
            summarised = True
            yaml_lines.append(f"summary: {json.dumps(_unquoted(summary.group(1)), ensure_ascii=False)}")
        elif key is not None:
            yaml_lines.append(f"{key.group(1)}: {_yaml_value(key.group(2), key.group(1) == 'categories')}")
        else:
            return None
        where[len(yaml_lines)] = number
    keys = {line.split(":", 1)[0].strip().lower() for line in yaml_lines[2:] if not line.startswith("summary:")}
    if not summarised and not keys <= _FASTPAGES_KEYS:
        return None  # `# Lab 3` over `- Goal: …` points: the notebook's own text, not fastpages' front matter
    return "\n".join([*yaml_lines, "---"]) + "\n", where


# The keys fastpages' notebook template and its docs list for the first cell; a cell of other
# `- key: value` lines needs the `>` summary line to be read as front matter.
_FASTPAGES_KEYS = frozenset(
    {
        "toc", "branch", "badges", "comments", "categories", "image", "hide", "search_exclude", "author",
        "description", "layout", "permalink", "sticky_rank", "nb_path", "hide_binder_badge",
        "hide_colab_badge", "hide_github_badge", "hide_deepnote_badge", "show_tags", "title", "tags", "date",
        "metadata_key1", "metadata_key2",
    }
)  # fmt: skip


def _unquoted(text: str) -> str:
    """fastpages' `# "Title"` and `> "summary"`: YAML strings, their quotes not part of the text."""
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'" else text


def _yaml_value(value: str, categories: bool = False) -> str:
    """The value as fastpages wrote it into Jekyll's front matter (YAML), or quoted as text when
    YAML would not read it (`- description: Part 1: the setup`). Jekyll's `categories: [a, b]`
    are two categories, where a Hexo list is a path: written as two paths of one name each."""
    import yaml  # already imported by the front-matter reader

    try:
        node = yaml.compose(f"key: {value}", Loader=yaml.SafeLoader)  # its shape only: the loader checks values
    except yaml.YAMLError:
        return json.dumps(value, ensure_ascii=False)
    names = node.value[0][1] if isinstance(node, yaml.MappingNode) and node.value else None
    if categories and isinstance(names, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in names.value):
        return json.dumps([[name.value] for name in names.value], ensure_ascii=False)
    return value


class _Writer:
    """Builds the Markdown body, padding with blank lines so a cell's text sits on its .ipynb line."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def block(self, text: str, at_line: int | None = None) -> None:
        if at_line is not None:
            while len(self.lines) + 1 < at_line:
                self.lines.append("")
        self.lines.extend(text.split("\n"))
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def convert(notebook: dict[str, Any], text: str, source: str, labels: Mapping[str, str] | None = None) -> Converted:
    """The whole notebook as front matter text and a Markdown body (pure); `labels`: the site's
    interface words (config/strings.py), for the prompts and summaries the cells get."""
    cells = [c for c in notebook.get("cells") or [] if isinstance(c, dict)]
    front_text, front_lines, front_from = _front_matter(notebook, text)
    lines = _cell_lines(text, len(cells))
    context = CellContext(source, _language(notebook), {}, [], set(), labels or {})
    writer = _Writer()
    prose: list[str] = []
    for number, cell in enumerate(cells, 1):
        if number == 1 and front_from in ("cell", "fastpages"):
            continue
        tags = _tags(cell)
        kind = cell.get("cell_type")
        body = normalise_text(cell_text(cell.get("source")))
        if kind == "code":  # `#hide`, `#| echo: false`: fastpages', nbdev's and Quarto's flags
            body, flagged = cell_directives(body)
            tags |= flagged
        if "remove-cell" in tags:
            continue
        if kind == "markdown":
            body = with_video_players(pasted_images(cell, body, number, context))  # Quarto's {{< video >}}
            prose.append(body)
            writer.block(body, lines[number - 1])
        elif kind == "code":
            block = code_cell(cell, body, number, tags, lines[number - 1], context)
            if block is not None:
                writer.block(block)
        elif kind == "raw":
            _raw_cell(cell, body, lines[number - 1], context, writer)
        else:
            context.leave_out(f"cell:{kind}", lines[number - 1], f"a cell of unknown type '{kind}'")
    return Converted(
        front_text=front_text,
        front_lines=front_lines,
        prose="\n\n".join(prose),
        body=writer.text(),
        images=context.images,
        diagnostics=context.diagnostics,
        fastpages=front_from == "fastpages",
    )


def _raw_cell(cell: dict[str, Any], body: str, line: int | None, context: CellContext, writer: _Writer) -> None:
    metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    assert isinstance(metadata, dict)
    mime = str(metadata.get("format") or metadata.get("raw_mimetype") or "")
    if mime in ("text/markdown", "text/html"):
        writer.block(body if mime == "text/markdown" else single_block(sanitize_html(body)), line)
    elif body.strip():
        context.leave_out(f"raw:{mime}", line, f"a raw cell ({mime or 'no format'})")


def notebook_post(
    text: str,
    source: str,
    config: SiteConfig,
    digest: str,
    validate: Callable[[str, str, SiteConfig, str], tuple[Post | None, list[Diagnostic]]],
    sidecar: str | None = None,
) -> tuple[Post | None, list[Diagnostic]]:
    """A notebook as a Post, its front matter judged by the same rules as a .md post's (`validate`).

    `sidecar` is the text of pelican-ipynb's `x.ipynb-meta` beside it (Pelican's metadata lines):
    the notebook's front matter when the notebook has none of its own; its problems name that file."""
    notebook, problem = parse_notebook(text, source)
    if notebook is None:
        assert problem is not None
        return None, [problem]
    converted = convert(notebook, text, source, config.ui)
    diagnostics = [problem] if problem is not None else []
    beside = normalise_text(sidecar).strip() + "\n\n" if sidecar and sidecar.strip() else ""
    if converted.front_text or not beside:
        beside = ""
    else:
        converted.front_text, converted.front_lines = beside, {}
    # The prose alone gives the title default (a code comment is not a heading); a notebook
    # of code cells only is not empty, and takes its title from the file name.
    prose = (
        converted.prose if converted.prose.strip() else ("<!-- code cells only -->" if converted.body.strip() else "")
    )
    post, found = validate(converted.front_text + "\n" + prose, source, config, digest)
    for item in found:
        if item.message == EMPTY_FILE:
            return None, [
                *diagnostics,
                warning(source, None, "notebook has no cells: skipped", "Markdown and code cells"),
            ]
        line = item.line if item.line == 1 else converted.front_lines.get(item.line or 0)
        expected = _NO_FRONT_MATTER if item.message == "post has no front matter" else item.expected
        in_sidecar = bool(beside) and item.line is not None and 1 < item.line < beside.count("\n")
        path, line = (item.path + SIDECAR_SUFFIX, item.line) if in_sidecar else (item.path, line)
        diagnostics.append(Diagnostic(path, line, item.message, expected, item.severity))
    diagnostics.extend(converted.diagnostics)
    if post is not None and post.dialect == "jekyll" and not _jekyll_notebook(converted, config):
        # A dated name (`2014-06-01-em.ipynb`, as Quarto and nbdev blogs name them too) and a
        # `$$` in a sentence made a kramdown guess; but Jupyter, nbconvert and Quarto typeset a
        # notebook's `$$` as display wherever it stands. Only fastpages ran them through kramdown.
        post.dialect = "ours"
    if post is not None:
        post.body = without_title_heading(converted.body, post.title)  # the title is shown above it
        post.body_line = 1
        post.findings = ()  # code like {{ x }} is not another generator's template tag
    return post, diagnostics


_DIALECT_KEY = lazy_pattern(r"""^["']?dialect["']?[ \t]*:""", re.MULTILINE)


def _jekyll_notebook(converted: Converted, config: SiteConfig) -> bool:
    """A notebook Jekyll's kramdown rendered: fastpages' (its front matter in a first Markdown
    cell), or one its writer or the site says is (`dialect: jekyll`)."""
    return converted.fastpages or config.dialect != "auto" or _DIALECT_KEY.search(converted.front_text) is not None


def publish_images(
    notebook_file: str | Path, source: str, source_hash: str, derived: Path, borrowed: Path | None = None
) -> dict[str, Path]:
    """The notebook's output images as files, written once per notebook version into `derived`
    (build/layout.py asks only for notebooks). A notebook that cannot be read again gives none:
    the loader has already reported why. Those `blog build` wrote into `borrowed` (blog serve: the
    site's cache, read only) are taken from there: a preview read and converted every notebook
    again for them (0.86 s of a warm start of a fastpages blog of 13 notebooks).
    """
    folder = derived / "notebooks" / source_hash
    if borrowed is not None and (borrowed / "notebooks" / source_hash / ".complete").is_file():
        folder = borrowed / "notebooks" / source_hash  # written whole: .complete comes last
    done = folder / ".complete"
    if not done.exists():
        try:
            text = read_regular(notebook_file).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return {}
        notebook, _ = parse_notebook(text, source)
        images = convert(notebook, text, source).images if notebook is not None else {}
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in images.items():
            temporary = folder / f".{name}.tmp"
            temporary.write_bytes(data)
            temporary.replace(folder / name)
        done.write_text(json.dumps(sorted(images)), encoding="utf-8")
    names = json.loads(done.read_text(encoding="utf-8"))
    return {name: folder / name for name in names}
