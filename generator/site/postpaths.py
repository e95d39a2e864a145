"""A post's URL: the permalink pattern filled in, old generators' patterns understood.

A migrated blog keeps the URLs search engines and other blogs link to, so `[permalinks]
post` accepts Hexo's and Jekyll's own spellings (`:year/:month/:day/:title/`,
`/:categories/:year/:month/:day/:title.html`, Jekyll's named styles) and turns them
into ours. Three fields exist for them besides {slug} {year} {month} {day}:

- `{path}`: the post's folder path under content/posts/ and its slug ("2020/intro" for
  2020/intro/index.md or 2020/intro.md; "x" for x.md), lower-cased like every slug.
- `{file}`: the file's path under content/posts/ without `.md` and without a
  `YYYY-MM-DD-` prefix, case and spaces kept ("Life/Go-Practice" for Life/Go-Practice.md,
  the folder for a bundle's index.md); an explicit `slug` replaces the file name. It is
  Hexo's and Jekyll's `:title`, which keep the name as written (Hugo lower-cases, as {path}).
- `{categories}`: the post's categories, lower-cased and joined by "/" (Jekyll); a post
  without categories loses the segment rather than getting an empty one.
Also `{i_month}` and `{i_day}`: month and day without a leading zero.

Nested folders never clash by accident: when posts whose slug comes from their file
name (no `slug` in front matter) would share a URL, each of them takes `{path}` in place
of its slug, the rule Hugo follows for every page. Jekyll's dated names do not either:
`2019-01-01-summary.md` and `2020-01-01-summary.md` (a yearly 年终总结) both have the slug
`summary`, and Jekyll's default URLs kept them apart by their dates; when the folder path
still leaves them sharing a URL, each of them takes its whole file name, date and all
(`/posts/2019-01-01-summary/`), so a third one added later moves no other. URLs are
compared case-folded, as the output is written (`ML-1` and `ml-1` are one file on macOS
and Windows, and one slug). Posts that ask for the same URL with an explicit slug stay an
error naming both files (in plan.assemble).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import PurePosixPath

from generator.config.settings import SiteConfig
from generator.content.filedates import dated_name
from generator.content.model import Post
from generator.content.translations import base_stem
from generator.errors import shown_path
from generator.patterns import lazy_pattern
from generator.urls.paths import expand, slugify


def folder_path(post: Post, posts_prefix: str, slug: str | None = None) -> str:
    """'2020/intro' for content/posts/2020/intro/index.md: the folders under posts/ and the slug."""
    source = post.source[len(posts_prefix) :] if post.source.startswith(posts_prefix) else post.source
    parts = list(PurePosixPath(source).parent.parts)
    if base_stem(PurePosixPath(source).stem) == "index" and parts:
        parts = parts[:-1]  # a page bundle: its folder is the slug
    folders = [slugify(part) for part in parts if part not in ("", ".")]
    return "/".join([*folders, slug or post.slug])


_UNSAFE_IN_FILE = lazy_pattern(r"[\x00-\x1f\x7f?#%\\]+")
_DATE_PREFIX = lazy_pattern(r"^\d{4}-\d{2}-\d{2}-(.+)$")


def _as_written(name: str) -> str:
    """A file or folder name as a URL segment, case and spaces kept; only what breaks a URL goes."""
    segment = _UNSAFE_IN_FILE.sub("-", unicodedata.normalize("NFC", name).strip())
    return segment if segment.strip(".") else "-"


def file_path(post: Post, posts_prefix: str, slug: str | None = None) -> str:
    """'Life/Go-Practice' for content/posts/Life/Go-Practice.md: Hexo's :title, as written."""
    source = post.source[len(posts_prefix) :] if post.source.startswith(posts_prefix) else post.source
    parts = [p for p in PurePosixPath(source).parts if p not in ("", ".")]
    name = base_stem(PurePosixPath(parts[-1]).stem) if parts else post.slug
    if name == "index" and len(parts) > 1:
        parts, name = parts[:-1], parts[-2]  # a page bundle is named by its folder
    dated = _DATE_PREFIX.match(name)
    if dated:
        name = dated.group(1)
    if slug is not None or "slug" in post.key_lines:
        name = slug or post.slug
    return "/".join([*(_as_written(p) for p in parts[:-1]), _as_written(name)])


def posts_prefix(config: SiteConfig) -> str:
    return shown_path(config.dir("content") / "posts", config.root).rstrip("/") + "/"


def category_path(post: Post) -> str:
    names = post.meta.get("categories")
    if isinstance(names, str):
        names = names.split()
    if not isinstance(names, list):
        return ""
    seen: list[str] = []
    for name in names:
        if isinstance(name, (str, int, float)) and not isinstance(name, bool):
            segment = str(name).strip().lower().replace("/", "-")
            if segment.strip(".") and segment not in seen:
                seen.append(segment)
    return "/".join(seen)


def post_path(config: SiteConfig, post: Post, prefix: str, slug: str | None = None) -> str:
    """The site path of a post under the post pattern; `slug` replaces the post's own."""
    local = post.date.astimezone(config.tz)
    pattern = config.permalinks["post"]
    values: dict[str, str] = {
        "slug": slug or post.slug,
        "year": f"{local.year:04d}",
        "month": f"{local.month:02d}",
        "day": f"{local.day:02d}",
        "i_month": str(local.month),
        "i_day": str(local.day),
    }
    if "{path}" in pattern:
        values["path"] = folder_path(post, prefix, slug)
    if "{file}" in pattern:
        values["file"] = file_path(post, prefix, slug)
    if "{categories}" in pattern:
        values["categories"] = category_path(post)
    path = expand(pattern, **values)
    return re.sub(r"/{2,}", "/", path)  # an empty {categories} drops its segment, as in Jekyll


def dated_slug(post: Post, posts_prefix: str) -> str | None:
    """'2019-01-01-summary' for 2019-01-01-summary.md (2019-01-01_summary.md, or a bundle folder so
    named), whose slug 'summary' came from its file name without the date; None when the name has
    no date or the writer set the slug (a `slug` or a `permalink`)."""
    if "slug" in post.key_lines:
        return None
    source = PurePosixPath(post.source[len(posts_prefix) :] if post.source.startswith(posts_prefix) else post.source)
    name = base_stem(source.stem)
    if name == "index" and len(source.parts) > 1:
        name = source.parent.name
    return slugify(name) if dated_name(name) else None


def _sharing(paths: dict[Post, str]) -> list[list[Post]]:
    """The posts that would share a URL, by groups (case-folded: one output file on macOS and Windows)."""
    groups: dict[str, list[Post]] = {}
    for post, path in paths.items():
        groups.setdefault(path.casefold(), []).append(post)
    return [group for group in groups.values() if len(group) > 1]


def assign_paths(config: SiteConfig, posts: Sequence[Post]) -> dict[Post, str]:
    """Every post's site path; same-named posts in different folders get their folder path,
    and same-named dated files still sharing one their whole file name."""
    prefix = posts_prefix(config)
    paths = {post: post_path(config, post, prefix) for post in posts}
    if "{path}" in config.permalinks["post"] or "{file}" in config.permalinks["post"]:
        return paths  # folder paths are in every URL already; a clash left is a real one
    for group in _sharing(paths):
        for post in group:
            if "slug" not in post.key_lines:  # the slug came from the file name, not the writer
                paths[post] = post_path(config, post, prefix, folder_path(post, prefix))
    for group in _sharing(paths):
        for post in group:
            dated = dated_slug(post, prefix)
            if dated is not None:
                paths[post] = post_path(config, post, prefix, folder_path(post, prefix, dated))
    return paths
