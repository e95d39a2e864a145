"""Hexo, Hugo and Jekyll front-matter keys mapped onto ours, before the loader validates them.

Writers arrive with posts whose keys were right for their old generator (`categories`,
`publishDate`, `lastmod`, `permalink`, `published: false`); the first `blog build` must read
them as they meant. Each spelling is one named step of `normalise`, so a new one is a new
step. Pure: a dict in, a new dict out, the input never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import unquote

from generator.dialects.dates import read_date
from generator.errors import Diagnostic, warning
from generator.patterns import lazy_pattern
from generator.urls.paths import slugify, term_slug

_SUMMARY_ALIASES = ("excerpt", "description")  # excerpt is what the index showed; description is for SEO
_UPDATED_ALIASES = ("lastmod", "last_modified_at", "modified")
_PERMALINK_ALIASES = ("permalink", "url")
_CATEGORY_KEYS = ("categories", "category")
_DATE_ALIASES = ("publishDate", "publishdate", "pubdate", "pubDate")  # Hugo dates a post by these when date is missing
_COMMA = lazy_pattern(r"\s*[,，、]\s*")


@dataclass(frozen=True, slots=True)
class Normalised:
    """The mapped front matter, where each key now lives, and what the writer should know."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    diagnostics: list[Diagnostic]


@dataclass(slots=True)
class _Mapping:
    """The front matter part way through `normalise`: the writer's keys, ours, and warnings.

    `data` and `key_lines` are as written (never changed); `out` and `lines` are what the
    steps build, so a later step still sees which alias the writer used.
    """

    data: dict[str, Any]
    key_lines: dict[str, int]
    source: str
    out: dict[str, Any]
    lines: dict[str, int]
    found: list[Diagnostic]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key) or 1

    def move(self, alias: str, target: str) -> None:
        self.out[target] = self.out.pop(alias)
        if alias in self.key_lines:
            self.lines[target] = self.key_lines[alias]
        self.lines.pop(alias, None)

    def warn(self, key: str, message: str, expected: str) -> None:
        self.found.append(warning(self.source, self.line_of(key), message, expected))


def normalise_front_matter(
    data: dict[str, Any], key_lines: dict[str, int], source: str, categories_as_tags: bool = True
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Map Hexo, Hugo and Jekyll keys onto ours; see `normalise` (which also moves key lines)."""
    result = normalise(data, key_lines, source, categories_as_tags)
    return result.data, result.diagnostics


def normalise(
    data: dict[str, Any], key_lines: dict[str, int], source: str, categories_as_tags: bool = True
) -> Normalised:
    """Map other generators' front-matter keys onto ours, before the loader validates them.

    - `categories` (or Jekyll's `category`) join `tags` unless `categories_as_tags` is off:
      a list (Hexo's nested `[[a, b]]` flattened), a comma-separated string, or a
      space-separated string (Jekyll's rule for categories); duplicates are dropped. The
      names stay as `categories` too, for the `{categories}` permalink field.
    - Hugo's `publishDate` (or `pubdate`) becomes `date` when that is missing.
    - `excerpt`, then `description`, become `summary` when it is missing.
    - `lastmod`, `last_modified_at`, `modified` become `updated` when it is missing.
    - `permalink` or a site-path `url` gives `slug` (its last path segment) when it is
      missing; the raw value is kept as `permalink_override`.
    - Jekyll's `published: false` becomes `draft: true`.

    The input is never changed. Keys that were used are removed (they would otherwise show
    up again as `post.meta`); keys that lost to ours stay as meta. Warnings only where a
    value was dropped or two keys disagree. `key_lines` of the result point the loader's
    own errors (e.g. a bad `updated`) at the line where the writer wrote the alias.
    """
    mapping = _Mapping(data, key_lines, source, dict(data), dict(key_lines), [])
    _hexo_singular_tag(mapping)
    if categories_as_tags:
        _categories_to_tags(mapping)
    _dates_and_summary(mapping)
    _updated(mapping)
    _permalink_to_slug(mapping)
    _published_to_draft(mapping)
    _kept_from_lists(mapping)
    return Normalised(mapping.out, mapping.lines, mapping.found)


def _categories_to_tags(mapping: _Mapping) -> None:
    """categories -> tags (the names are kept as `categories` too, for the permalink field)."""
    out, lines = mapping.out, mapping.lines
    for key in _CATEGORY_KEYS:
        if key not in out:
            continue
        value = out.pop(key)
        lines.pop(key, None)
        names, dropped = _category_names(value)
        if dropped:
            mapping.warn(
                key, f"'{key}' value {dropped} was ignored", "categories as a list or a comma-separated string"
            )
        if not names:
            continue
        out.setdefault("categories", names)  # kept for the {categories} permalink field
        merged = _tags_so_far(out.get("tags"))
        if merged is None:
            continue
        seen = {term_slug(str(t)) for t in merged if isinstance(t, (str, int, float))}
        for name in names:
            if term_slug(name) not in seen:
                seen.add(term_slug(name))
                merged.append(name)
        out["tags"] = merged
        if "tags" not in lines and key in mapping.key_lines:
            lines["tags"] = mapping.key_lines[key]


def _tags_so_far(tags: Any) -> list[Any] | None:
    """The tags the categories join, as a new list; None for a wrong type (the loader reports it)."""
    if tags is None:
        return []
    if isinstance(tags, str):
        return [t for t in _COMMA.split(tags.strip()) if t]
    if isinstance(tags, list) and not any(isinstance(t, (list, dict)) for t in tags):
        return list(tags)
    return None


def _dates_and_summary(mapping: _Mapping) -> None:
    """publishDate -> date; excerpt / description -> summary, each only when ours is missing."""
    out = mapping.out
    for target, aliases in (("date", _DATE_ALIASES), ("summary", _SUMMARY_ALIASES)):
        if out.get(target) is None:
            alias = next((a for a in aliases if out.get(a) is not None), None)
            if alias is not None:
                out.pop(target, None)
                mapping.move(alias, target)


def _reads_as_date(value: Any) -> bool:
    if isinstance(value, date):  # a datetime too
        return True
    if not isinstance(value, str):
        return False
    try:
        read_date(value)
    except ValueError:
        return False
    return True


def _updated(mapping: _Mapping) -> None:
    """lastmod / last_modified_at / modified -> updated; a second one that disagrees is a warning.

    Hexo writers also write `update: 2018-04-12` (a NexT blog did in each of its 189 posts): it
    is the update date when it reads as one, and otherwise a key of the post's own (`update: true`)."""
    dated = _reads_as_date(mapping.out.get("update"))
    _updated_from(mapping, (*_UPDATED_ALIASES, "update") if dated else _UPDATED_ALIASES)


def _updated_from(mapping: _Mapping, aliases: tuple[str, ...]) -> None:
    out = mapping.out
    present = [alias for alias in aliases if out.get(alias) is not None]
    if not present:
        return
    if out.get("updated") is None:
        out.pop("updated", None)
        mapping.move(present[0], "updated")
        present = present[1:]
        winner = "updated (written as " + next(a for a in aliases if a in mapping.data) + ")"
    else:
        winner = "updated"
    for alias in present:
        if str(out[alias]) != str(out["updated"]):
            mapping.warn(
                alias,
                f"'{alias}' ({out[alias]}) differs from '{winner.split()[0]}' ({out['updated']}); using {winner}",
                "one last-updated date",
            )


def _permalink_to_slug(mapping: _Mapping) -> None:
    """permalink / url -> slug (its last path segment), the raw value kept as permalink_override."""
    out, lines, key_lines = mapping.out, mapping.lines, mapping.key_lines
    for alias in _PERMALINK_ALIASES:
        value = out.get(alias)
        if value is None:
            continue
        if not isinstance(value, str) or re.match(r"^[a-zA-Z][\w+.-]*:", value):
            continue  # e.g. `url: https://...` for a link post: not a permalink, keep as meta
        out["permalink_override"] = out.pop(alias)
        if alias in key_lines:
            lines["permalink_override"] = key_lines[alias]
        lines.pop(alias, None)
        segment = _last_segment(value)
        if out.get("slug") is not None:
            return
        if segment is None:
            mapping.warn(
                alias,
                f"{alias} '{value}' gives no usable slug; the file name is used",
                "a path such as /2020/01/hello-world/, or a 'slug' key",
            )
        else:
            out["slug"] = segment
            if alias in key_lines:
                lines["slug"] = key_lines[alias]
        return


def _published_to_draft(mapping: _Mapping) -> None:
    """Jekyll's published: false -> draft: true (a draft: false beside it loses, with a warning)."""
    out, lines = mapping.out, mapping.lines
    if not isinstance(out.get("published"), bool):
        return
    published = out.pop("published")
    lines.pop("published", None)
    if published:
        return
    if out.get("draft") is False:
        mapping.warn(
            "published",
            "'published: false' and 'draft: false' disagree; the post is kept as a draft",
            "one of the two keys",
        )
    out["draft"] = True
    if "draft" not in lines and "published" in mapping.key_lines:
        lines["draft"] = mapping.key_lines["published"]


def _kept_from_lists(mapping: _Mapping) -> None:
    """Hexo posts their author kept off the old blog's lists are kept out like drafts, with a warning.

    hexo-blog-encrypt's `password:` served the post encrypted: publishing its text in clear would
    undo that. hexo-hide-posts' `hidden: true` and Fluid's `hide: true` left it off the index,
    archives and feeds; this blog lists every post it publishes, so it publishes none of them."""
    out = mapping.out
    for key, why in (
        ("password", "was encrypted with a password (hexo-blog-encrypt)"),
        ("hidden", "was hidden from the old blog's lists (hexo-hide-posts)"),
        ("hide", "was hidden from the old blog's lists (Fluid's hide)"),
    ):
        value = out.get(key)
        if value is True or (key == "password" and isinstance(value, (str, int)) and str(value).strip()):
            if out.get("draft") is not True:
                mapping.warn(key, f"post {why}: not published, like a draft", f"remove '{key}' to publish it")
            out["draft"] = True
            mapping.lines.setdefault("draft", mapping.line_of(key))
            return


def _hexo_singular_tag(mapping: _Mapping) -> None:
    """Hexo's post processor reads `tag:` as `tags:` (as it reads `category:` as `categories:`)."""
    if "tag" in mapping.out and "tags" not in mapping.out:
        mapping.move("tag", "tags")


def _flatten(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        if isinstance(item, list):
            flat.extend(_flatten(item))
        else:
            flat.append(item)
    return flat


def _category_names(value: Any) -> tuple[list[str], str | None]:
    """Names from a categories value, and a description of what had to be dropped."""
    if value is None:
        return [], None
    if isinstance(value, str):
        text = value.strip()
        parts = _COMMA.split(text) if _COMMA.search(text) else text.split()
        return [p for p in parts if p], None
    if isinstance(value, bool):
        return [], str(value).lower()
    if isinstance(value, (int, float)):
        return [str(value)], None
    if isinstance(value, list):
        names: list[str] = []
        dropped: list[str] = []
        for item in _flatten(value):
            if isinstance(item, str) and item.strip():
                names.append(item.strip())
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                names.append(str(item))
            elif item is not None:
                dropped.append(repr(item))
        return names, (", ".join(dropped) or None)
    return [], f"of type {type(value).__name__}"


def category_paths(value: Any, flat: bool = False) -> tuple[tuple[tuple[str, ...], ...], str | None]:
    """The category paths of a `categories` value as Hexo reads them, and what had to be dropped.

    Hexo: a name is one category (`机器学习`); a list of names is one path, parent first
    (`[机器学习, 强化学习]`); a list holding lists is several paths, each item a path or a
    one-name path (`[[机器学习, 强化学习], 笔记]`). A string with commas is a list, as tags are
    read. `flat` is Hugo's reading, where categories are a plain taxonomy: every name its own
    top-level category. Names are kept as written; a repeated path counts once.
    """
    if value is None:
        return (), None
    items = [value] if not isinstance(value, list) else value
    dropped: list[str] = []
    nested = isinstance(value, list) and any(isinstance(item, list) for item in value)
    groups = items if nested else [items]
    paths: list[tuple[str, ...]] = []
    for group in groups:
        names: list[str] = []
        for item in group if isinstance(group, list) else [group]:
            found, problem = _category_names(item) if not isinstance(item, list) else ([], repr(item))
            if isinstance(item, str) and not _COMMA.search(item):
                found = [item.strip()] if item.strip() else []  # a name with spaces is one name in Hexo
            names += found
            if problem:
                dropped.append(problem)
        for path in [(name,) for name in names] if flat else [tuple(names)]:
            if path and path not in paths:
                paths.append(path)
    return tuple(paths), (", ".join(dropped) or None)


def _last_segment(value: str) -> str | None:
    """'/2020/01/hello-world/' -> 'hello-world'; Jekyll placeholders such as ':title' -> None."""
    path = value.split("?", 1)[0].split("#", 1)[0]
    segments = [unquote(s) for s in path.split("/") if s.strip()]
    if not segments:
        return None
    segment = re.sub(r"\.html?$", "", segments[-1].strip(), flags=re.IGNORECASE)
    if segment in ("index", "") or segment.startswith(":") or not slugify(segment).strip("-."):
        return None
    return segment


__all__ = ["Normalised", "category_paths", "normalise", "normalise_front_matter"]
