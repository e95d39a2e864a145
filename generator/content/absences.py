"""One line for the things many posts simply never had: tags, a title, a date, front matter.

A blog moved in from Hexo without tags, or a folder of plain Jupyter notebooks, lacks the
same thing in every post: a 321-post Hexo blog printed 321 lines "post has no tags" around
its one real formula error, 38 notebooks printed 4 lines each, a 2,196-post blog without
front matter about 8,800. Such a warning says what the build assumed, not that one post
is wrong, so when more than `LISTED` posts share it they are told in one line per kind:
the first file (sorted), how many, what was assumed, and the fix; `blog build
--all-warnings` lists each post again. A handful are still listed one per post, because a
few posts without tags among tagged ones are more likely an oversight worth naming.

A notebook that does not match Jupyter's schema in some small way Jupyter itself forgives is
folded the same way: a Quarto blog of 98 notebooks printed 20 such lines, one fix for all.

An unknown front-matter key close to one of ours ("did you mean 'title'?") is folded the same
way when more than `LISTED` posts carry it: a blog that gives every post a `title_en` printed
102 such lines, and a key most posts share is the writer's convention, not a typo. One post's
misspelling is still named alone.

Only the warnings above are folded. One that points at a mistake in one post (a bad date,
a misspelt key, a broken formula) is never folded; folded lines are still warnings, so
`blog build --strict` still fails on them. Pure: the loader's diagnostics in, fewer out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.content.sections import ASSUMED_DATE
from generator.errors import Diagnostic, warning

#: How many posts of one kind are still named one per line. Three keep an oversight in a
#: tagged blog visible file by file; from four on, one line is shorter than the list and
#: the four kinds a folder of plain notebooks has fit in four lines.
LISTED = 3
NO_TAGS = "post has no tags"
NO_FRONT_MATTER = "post has no front matter"
NO_TITLE = "post has no title, using "
UNKNOWN_KEY = "unknown front-matter key '"  # fields.post_meta's words, then the key and "'"
ALL_WARNINGS = "blog build --all-warnings names each"
# A notebook Jupyter opens despite a small schema slip (notebook.parse_notebook's words): a
# Quarto blog's 20 notebooks carried the same `"outputs": []` on Markdown cells.
SCHEMA_SLIP = "notebook does not match the nbformat 4 schema: "


@dataclass(frozen=True, slots=True)
class _Kind:
    """One kind of absence: how its posts are counted and what its folded line says."""

    lack: str  # 'have no tags'
    detail: Callable[[Diagnostic], str]  # what this one (the first) was given, '' for nothing
    assumed: str  # what the build assumed for every one of them
    expected: str  # the fix


def _nothing(item: Diagnostic) -> str:
    return ""


def _title(item: Diagnostic) -> str:
    return ", titled " + item.message.removeprefix(NO_TITLE) + ","


def _date(item: Diagnostic) -> str:
    return ", dated " + item.message.removeprefix(ASSUMED_DATE) + ","


def _schema(item: Diagnostic) -> str:
    return " (" + item.message.removeprefix(SCHEMA_SLIP) + ")"


_KINDS: dict[str, _Kind] = {
    "front matter": _Kind(
        "have no front matter", _nothing, "each is read as text alone", "'---' lines with title, date and tags"
    ),
    "notebook front matter": _Kind(
        "have no front matter",
        _nothing,
        "each is read from its cells alone",
        "a 'blog' mapping in a notebook's metadata, or a first raw cell with '---' lines",
    ),
    "title": _Kind(
        "have no title",
        _title,
        "each takes its first '#' heading, else its file name",
        "a 'title' key",
    ),
    "date": _Kind(
        "have no date",
        _date,
        "each takes its last git commit, else its file's modification time",
        "a 'date' key",
    ),
    "tags": _Kind("have no tags", _nothing, "they are listed under no tag", "tags: [...] to list a post under a tag"),
    "schema": _Kind(
        "do not match the nbformat 4 schema",
        _schema,
        "each is read as Jupyter opens it",
        "saving them in Jupyter again fixes them",
    ),
}


def absence_kind(item: Diagnostic) -> str | None:
    """Which `_KINDS` entry a diagnostic is, `key NAME` for an unknown key, or None for one
    that is never folded."""
    if item.is_error:
        return None
    if item.message.startswith(UNKNOWN_KEY) and item.message.endswith("'"):
        return "key " + item.message.removeprefix(UNKNOWN_KEY)[:-1]
    if item.message == NO_TAGS:
        return "tags"
    if item.message == NO_FRONT_MATTER:
        return "notebook front matter" if item.path.endswith(".ipynb") else "front matter"
    if item.message.startswith(NO_TITLE):
        return "title"
    if item.message.startswith(ASSUMED_DATE):
        return "date"
    if item.message.startswith(SCHEMA_SLIP):
        return "schema"
    return None


def folded_line(kind: str, group: list[Diagnostic]) -> Diagnostic:
    """The one warning for a group of more than `LISTED` posts lacking the same thing."""
    if kind not in _KINDS:
        return _unknown_key_line(kind.removeprefix("key "), group)
    spec = _KINDS[kind]
    head = min(group, key=lambda d: d.path)
    more = len(group) - 1
    noun = "notebooks" if all(d.path.endswith(".ipynb") for d in group) else "posts"
    return warning(
        head.path,
        head.line,
        f"{len(group)} {noun} {spec.lack}: this one{spec.detail(head)} and {more} more; {spec.assumed}",
        f"{spec.expected}; {ALL_WARNINGS}",
    )


def _unknown_key_line(key: str, group: list[Diagnostic]) -> Diagnostic:
    """One line for a key many posts carry: where the first one has it, and how many do."""
    head = min(group, key=lambda d: (d.path, d.line or 0))
    more = _posts_in(group) - 1
    return warning(
        head.path,
        head.line,
        f"unknown front-matter key '{key}' in {more + 1} posts: this one and {more} more; "
        f"kept for templates as post.meta.{key}",
        f"{head.expected} If not, nothing to fix; {ALL_WARNINGS}",
    )


def _posts_in(group: list[Diagnostic]) -> int:
    return len({d.path for d in group})


def fold_absences(diagnostics: Iterable[Diagnostic], listed: int = LISTED) -> list[Diagnostic]:
    """Each kind shared by more than `listed` posts as one line, where its first warning stood.

    Every other diagnostic passes unchanged and in order; a kind with `listed` or fewer
    posts keeps its lines.
    """
    items = list(diagnostics)
    groups: dict[str, list[Diagnostic]] = {}
    for item in items:
        kind = absence_kind(item)
        if kind is not None:
            groups.setdefault(kind, []).append(item)
    folded = {kind: group for kind, group in groups.items() if _posts_in(group) > listed}
    if not folded:
        return items
    kept: list[Diagnostic] = []
    told: set[str] = set()
    for item in items:
        kind = absence_kind(item)
        if kind is None or kind not in folded:
            kept.append(item)
        elif kind not in told:
            told.add(kind)
            kept.append(folded_line(kind, folded[kind]))
    return kept
