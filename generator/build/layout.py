"""Does everything the build will write fit into one folder tree? Checked before writing.

Pages, a post's asset files and static files all claim paths in the output folder. Two
claims on one path used to be settled silently (the last writer won, a post vanished), a
file where another claim needs a folder failed half way through writing with an OSError,
and a URL segment longer than file systems allow did the same. Here every such conflict
becomes a message naming both sides, before anything is written:

- a post whose URL is also a generated page (slug `archives` under "/{slug}/"): error;
- a static file that takes a generated page's path (static/index.html): warning, the
  static file is published (a deliberate override stays possible) - robots.txt and
  .nojekyll are meant to be replaced and are not mentioned;
- a file where a folder must be (static/posts as a file): error;
- a path segment over 200 bytes (a 300-character slug): error;
- a name Windows refuses (`urls.paths.segment_problem`: CON, aux.png, 'a:b', a trailing dot):
  an error for a page (its URL came from an alias or a permalink pattern, slugs are made
  valid by themselves), a warning for a file the writer keeps in static/ or beside a post;
- a whole output path too long for Windows (`urls.paths.path_length_problem`): a warning, since
  Linux, macOS and GitHub take it, but a writer on Windows cannot build or clone it;
- two paths that differ only in case, which overwrite each other on macOS and Windows: an
  error between two pages, a warning when a file or a redirect is one of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.build.output import list_tree
from generator.content.assets import asset_folder_name, from_asset_folder
from generator.content.loader import post_assets
from generator.content.model import Post
from generator.content.notebook_files import NOTEBOOK_SUFFIX
from generator.errors import Diagnostic, error, shown_path, warning
from generator.markdown.figures import output_path
from generator.site.plan import PlannedPage
from generator.urls.paths import MAX_SEGMENT_BYTES, output_file, path_length_problem, segment_problem

__all__ = [
    "MAX_SEGMENT_BYTES",
    "Claim",
    "check_layout",
    "list_static",
    "page_claim",
    "post_files",
    "publishable",
    "shown_beside",
]
# Generated files a site is expected to replace with its own copy in static/.
REPLACEABLE = frozenset({"robots.txt", ".nojekyll"})
_PAGE_NAMES = {
    "index": "the home page",
    "tags": "the page listing all tags",
    "categories": "the page listing all categories",
    "archives": "the archives page",
    "search": "the search page",
    "404": "the 404 page",
    "feed": "the feed",
    "sitemap": "the sitemap",
}


@dataclass(frozen=True, slots=True)
class Claim:
    """Who wants an output path: what to call it in a message, and where to point the reader."""

    what: str
    source: str
    line: int | None
    kind: str = "page"  # page, post, asset or static: the earlier in BLAME order is told to move

    @property
    def is_post(self) -> bool:
        return self.kind == "post"


BLAME = ("static", "asset", "post", "page")


def list_static(folders: Iterable[Path], site_root: Path) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Static files of the theme and the site, by output path; a later folder's file wins."""
    files: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for folder in folders:
        found, unreadable = list_tree(folder, site_root)
        files.update(found)
        problems += unreadable
    return files, problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def page_claim(planned: PlannedPage, config_name: str) -> Claim:
    page = planned.page
    post: Any = planned.context.get("post") if page.kind == "post" else None
    if post is not None:
        return Claim(f"the post {post.source}", post.source, post.key_lines.get("slug"), "post")
    tag: Any = planned.context.get("tag")
    if tag is not None and tag.posts:
        first = tag.posts[0]
        return Claim(f"the page of tag '{tag.name}' ({page.path})", first.source, first.key_lines.get("tags"))
    category: Any = planned.context.get("category")
    if category is not None and category.posts:  # blame the newest post filed under it, at its categories line
        first = category.posts[0]
        line = first.key_lines.get("categories") or first.key_lines.get("category") or first.key_lines.get("tags")
        return Claim(f"the page of category '{category.name}' ({page.path})", first.source, line)
    name = _PAGE_NAMES.get(page.kind, f"the generated {page.kind} page")
    return Claim(f"{name} {page.path}", config_name, None)


def _page_clash(first: Claim, second: Claim, path: str) -> Diagnostic:
    blamed, other = (second, first) if second.is_post or not first.is_post else (first, second)
    if blamed.is_post:
        return error(
            blamed.source,
            blamed.line,
            f"post's URL {path} is also {other.what}; the post would be lost",
            "a different 'slug', or a post permalink that keeps posts apart from generated pages",
        )
    return error(
        blamed.source, blamed.line, f"{blamed.what} and {other.what} are both {path}", "permalink patterns that differ"
    )


def check_layout(
    pages: list[PlannedPage],
    static: dict[str, Path],
    assets: dict[str, Path],
    site_root: Path,
    config_name: str = "site.toml",
) -> list[Diagnostic]:
    """Every conflict between the paths pages, assets and static files will be written to."""
    problems: list[Diagnostic] = []
    claims: dict[str, Claim] = {}
    redirects: set[str] = set()
    for planned in pages:
        key = str(planned.output)
        claim = page_claim(planned, config_name)
        if key in claims:
            problems.append(_page_clash(claims[key], claim, planned.page.path))
            continue
        claims[key] = claim
        if planned.page.kind == "redirect":
            redirects.add(key)
        problems += _unportable_page(tuple(key.split("/")), claim)
    for relative, source in assets.items():
        shown = _shown(source, site_root)
        claims.setdefault(relative, Claim(f"the post's file {shown}", shown, None, "asset"))
    for relative, source in static.items():
        shown = _shown(source, site_root)
        taken = claims.get(relative)
        if taken is not None and relative not in REPLACEABLE and source.is_relative_to(site_root):
            problems.append(
                warning(shown, None, f"static file replaces {taken.what}", "another name, unless the override is meant")
            )
        claims[relative] = Claim(f"the static file {shown}", shown, None, "static")
    problems += _unportable_files(claims)
    problems += _long_paths(claims)
    problems += _case_clashes(claims, redirects)
    problems += _files_in_the_way(claims)
    return problems


def _unportable_page(parts: tuple[str, ...], claim: Claim) -> list[Diagnostic]:
    """The first segment of a page's output path that some system cannot write, as an error."""
    for part in parts:
        problem = segment_problem(part)
        if problem is None:
            continue
        if len(part.encode("utf-8")) > MAX_SEGMENT_BYTES:
            expected = f"a shorter slug or tag (at most {MAX_SEGMENT_BYTES} bytes; a Chinese character takes 3)"
        else:
            expected = "a path every system accepts in the alias or permalink pattern that made it"
        return [error(claim.source, claim.line, f"URL segment {problem}", expected)]
    return []


def _unportable_files(claims: dict[str, Claim]) -> list[Diagnostic]:
    """Files the writer keeps (static/, beside a post, notebook images) whose output names Windows
    refuses: a warning once per bad folder or file, since the writer's own system took them."""
    problems: list[Diagnostic] = []
    reported: set[str] = set()
    for relative, claim in claims.items():
        if claim.kind not in ("static", "asset"):
            continue
        parts = relative.split("/")
        for depth, part in enumerate(parts, start=1):
            problem = segment_problem(part)
            if problem is None:
                continue
            prefix = "/".join(parts[:depth])
            if prefix not in reported:
                reported.add(prefix)
                problems.append(
                    warning(
                        claim.source,
                        None,
                        f"output {prefix} cannot be written or checked out on Windows: {problem}",
                        "a file or folder name every system accepts",
                    )
                )
            break
    return problems


# Past this many, the long paths are summed up in one message: a slug pattern that makes every path
# long would otherwise bury the other warnings.
_LONG_PATHS_LISTED = 5


def _long_paths(claims: dict[str, Claim]) -> list[Diagnostic]:
    """Output paths Windows cannot hold, named one by one up to a few, then counted."""
    long = [(relative, claim) for relative, claim in claims.items() if path_length_problem(relative) is not None]
    expected = "a shorter slug, permalink pattern or file name"
    problems = [
        warning(claim.source, claim.line, f"{path_length_problem(relative)}", expected)
        for relative, claim in long[:_LONG_PATHS_LISTED]
    ]
    if len(long) > _LONG_PATHS_LISTED:
        problems.append(
            warning(
                long[_LONG_PATHS_LISTED][1].source,
                None,
                f"{len(long) - _LONG_PATHS_LISTED} more output paths are too long for Windows in the same way",
                expected,
            )
        )
    return problems


def _case_clashes(claims: dict[str, Claim], redirects: set[str]) -> list[Diagnostic]:
    """Output paths that differ only in case: one file on macOS and Windows, so one would be lost."""
    problems: list[Diagnostic] = []
    first_of: dict[str, str] = {}
    for relative in claims:
        folded = relative.casefold()
        earlier = first_of.setdefault(folded, relative)
        if earlier == relative:
            continue
        one, other = claims[earlier], claims[relative]
        blamed, kept = (one, other) if BLAME.index(one.kind) < BLAME.index(other.kind) else (other, one)
        pages = one.kind in ("page", "post") and other.kind in ("page", "post")
        report = error if pages and not {earlier, relative} & redirects else warning
        problems.append(
            report(
                blamed.source,
                blamed.line,
                f"{blamed.what} and {kept.what} differ only in case ({earlier}, {relative}): "
                "on macOS and Windows they are one file and one would be lost",
                "names that differ in more than case",
            )
        )
    return problems


def _files_in_the_way(claims: dict[str, Claim]) -> list[Diagnostic]:
    """A path that one claim needs as a folder and another as a file (static/posts as a file)."""
    folders: dict[str, str] = {}  # by case-folded path: macOS and Windows do not tell 'Tags' from 'tags'
    for relative in claims:
        parts = relative.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]).casefold(), relative)
    problems: list[Diagnostic] = []
    for relative, claim in claims.items():
        inner = folders.get(relative.casefold())
        if inner is None:
            continue
        other = claims[inner]
        if BLAME.index(claim.kind) <= BLAME.index(other.kind):
            blamed, message = claim, f"file is in the way: {other.what} needs {relative}/ to be a folder"
        else:
            blamed, message = other, f"{other.what} needs a folder at {relative}, where {claim.what} is"
        problems.append(error(blamed.source, blamed.line, message, "a file name that is not also a folder of the site"))
    return problems


def post_files(
    posts: list[Post], root: Path, derived: Path, posts_dir: Path, borrowed: Path | None = None
) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Images and files beside a post (and a notebook's output images, taken from `borrowed` when
    blog build made them there), by output path next to its page."""
    found: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for post in posts:
        file = os.path.join(root, post.source)
        files, unreadable = post_assets(file, root, posts_dir)
        problems += unreadable
        if post.source.endswith(NOTEBOOK_SUFFIX):  # the notebook reader is imported by a site that has one
            from generator.content.notebook import publish_images

            files.update(publish_images(file, post.source, post.source_hash, derived, borrowed))
        if not files:  # most posts: no pathlib work (it was a third of a 10,000-post edit's image stage)
            continue
        folder = output_file(post.path).parent
        for relative, source in files.items():
            found[(folder / relative).as_posix()] = source
    return found, problems


def shown_beside(
    posts: Iterable[Post],
    root: Path,
    content_dir: Path,
    published: Mapping[str, Path],
    urls_of: Callable[[Post], tuple[str, ...]],
    base_path: str,
) -> dict[str, Path]:
    """Images a post shows by a path from its own file (`static/a.png` beside `posts/x.md`)
    that no bundle, asset folder or static/ publishes: published where the page's link points.

    Quarto and fastpages published a notebook's sibling folders with it, and Typora or VS Code
    show the path from the file, so a writer sees the picture; left out, the page showed none.
    Only files inside the content folder are taken: `../../secret` is never published.
    """
    found: dict[str, Path] = {}
    inside = os.path.realpath(content_dir) + os.sep
    for post in posts:
        urls = urls_of(post)
        if not urls:
            continue
        folder, own = os.path.dirname(os.path.join(root, post.source)), asset_folder_name(post.source)
        for url in urls:
            if url.startswith(("/", "#")) or from_asset_folder(url, own) is not None:
                continue  # site paths, and the asset folder's files, are published already
            target = output_path(url, post.path, base_path)
            if target is None or target in published or target in found:
                continue
            source = os.path.realpath(os.path.join(folder, unquote(url.split("#", 1)[0].split("?", 1)[0])))
            if source.startswith(inside) and os.path.isfile(source):
                found[target] = Path(source)
    return found


def publishable(files: dict[str, Path], root: Path, pages: set[str]) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Post files that do not stand where a generated page goes; those that do are reported."""
    assets: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for target, source in files.items():
        if target in pages:
            problems.append(
                warning(
                    shown_path(source, root),
                    None,
                    f"file is not published: it would replace the generated page {target}",
                    "a different file name",
                )
            )
            continue
        assets[target] = source
    return assets, problems
