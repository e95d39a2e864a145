"""Walking the user's folders (static/, a post's asset folder) and vetting what is found there.

A site folder is a cloned repository or a pull request as often as it is the writer's own
disk, so whatever the build publishes must come from inside it. Here, and only here, a
dangling symbolic link, a link loop, a named pipe, a name the file system refuses or a
link that leaves the site folder becomes a `Diagnostic` naming the file (and the link's
target), instead of an OSError raised half way through writing the site.

Policy: a symbolic link is followed when it ends inside the site folder (or inside the
folder being walked); one that ends anywhere else is refused with an error. The folders
themselves (content/posts/, static/, templates/) may be links to anywhere: that is the
writer's own setup, like `[paths]` (some keep their posts in a notes folder and link it).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.errors import Diagnostic, error
from generator.files import kind_of, open_regular

OUTSIDE_EXPECTED = "a file inside the site folder; links that leave it are never published"


def _shown(path: str, root: str) -> str:
    """Relative to the site folder when below it, without resolving links (which may be broken)."""
    prefix = root.rstrip(os.sep) + os.sep
    return path[len(prefix) :].replace(os.sep, "/") if path.startswith(prefix) else path


def _within(real: str, roots: tuple[str, ...]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _unreadable(exc: OSError, path: str) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (it points back to itself)"
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return f"broken symbolic link to {os.readlink(path)}"
    return f"cannot read file: {exc.strerror or exc}"


class LinkGuard:
    """Answers 'does this path lead outside the site?', remembering each folder's real path.

    One lstat per file and one realpath per folder, so checking 10,000 posts stays cheap.
    """

    def __init__(self, site_root: Path, *more_roots: Path) -> None:
        self.root = str(site_root)
        self.roots = tuple(os.path.realpath(r) for r in (site_root, *more_roots))
        self._folders: dict[str, str] = {}

    def real_path(self, path: str, link: bool | None = None) -> str:
        """`link`: whether path is a symbolic link, when the caller's lstat already knows."""
        if os.path.islink(path) if link is None else link:
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)

    def problem(self, path: str, link: bool | None = None) -> Diagnostic | None:
        real = self.real_path(path, link)
        if _within(real, self.roots):
            return None
        return error(
            _shown(path, self.root),
            None,
            f"symbolic link leads outside the site folder, to {real}",
            OUTSIDE_EXPECTED,
        )


def list_files(
    folder: Path,
    site_root: Path,
    keep_dir: Callable[[Path], bool],
    keep_file: Callable[[str], bool],
    home: Path | None = None,
) -> tuple[dict[str, Path], list[Diagnostic]]:
    """Every regular file below `folder` that the filters keep, by '/'-separated relative path.

    Symbolic links are followed when they stay inside the site or inside `home` (by
    default `folder`: static/ linked to a folder of its own may link within it); a folder
    reached twice through links is walked once.
    """
    found: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return found, problems
    guard = LinkGuard(site_root, home or folder)
    seen: set[tuple[int, int]] = set()
    shown_root = str(site_root)

    def walk(current: str, relative: str) -> None:
        try:
            info = os.stat(current)
            if (info.st_dev, info.st_ino) in seen:
                return
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(error(_shown(current, shown_root), None, _unreadable(exc, current), "a readable folder"))
            return
        for entry in entries:
            path = entry.path
            try:
                info = os.stat(path)
            except OSError as exc:
                if keep_file(entry.name):
                    problems.append(error(_shown(path, shown_root), None, _unreadable(exc, path), "a readable file"))
                continue
            is_dir = stat.S_ISDIR(info.st_mode)
            if not (keep_dir(Path(path)) if is_dir else keep_file(entry.name)):
                continue
            outside = guard.problem(path) if entry.is_symlink() else None
            if outside is not None:
                problems.append(outside)
            elif is_dir:
                walk(path, f"{relative}{entry.name}/")
            elif stat.S_ISREG(info.st_mode):
                found[f"{relative}{entry.name}"] = Path(path)
            else:
                kind = kind_of(info.st_mode)
                problems.append(error(_shown(path, shown_root), None, f"cannot read {kind}", "a regular file"))

    walk(str(folder), "")
    return found, problems


def vet_folder(folder: Path, site_root: Path) -> list[Diagnostic]:
    """The problems of a folder that is read in place rather than copied (templates/).

    Jinja silently skips a template it cannot open (a broken link, a named pipe) and uses
    the theme's file of that name instead, and it would follow a link out of the site.
    """
    visible = not_hidden_name
    return list_files(folder, site_root, keep_dir=lambda path: visible(path.name), keep_file=visible)[1]


def not_hidden_name(name: str) -> bool:
    return not name.startswith(".")


# Formats other engines publish posts from and no reader here takes: such a post is named, never
# silently left out (Pelican's default format is reStructuredText; Hugo reads Org and AsciiDoc).
# R Markdown is not read as Markdown: blogdown leaves the .html or .markdown it knitted beside
# the .Rmd, and reading both would publish the post twice.
UNREAD_POST_SUFFIXES = (".rst", ".org", ".adoc", ".asciidoc", ".textile", ".rmd", ".rmarkdown")
# An HTML file is a post to Jekyll, Hexo and Hugo when it opens with front matter; without it,
# it is a file beside the posts (a saved plot, an embedded demo) and is published as one.
HTML_SUFFIXES = (".html", ".htm")


def opens_front_matter(path: str) -> bool:
    """Whether the file's first line is `---`: never waits on a pipe, never fails."""
    try:
        with open_regular(path) as handle:
            head = handle.read(8).removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return False
    return head[:3] == b"---" and head[3:4] in (b"\n", b"\r")


def _unread_post(path: str, lowered: str) -> bool:
    if lowered.endswith(UNREAD_POST_SUFFIXES):
        return True
    return lowered.endswith(HTML_SUFFIXES) and opens_front_matter(path)


def walk_posts(
    folder: str, suffixes: tuple[str, ...], guard: LinkGuard | None = None, unread: list[str] | None = None
) -> Iterator[str]:
    """Every post file below folder (by `suffixes`), sorted, following no symlinked directory twice;
    files of a post format we cannot read are added to `unread`.

    A linked folder that leaves the site is not entered but yielded itself, for the
    caller's `guard` to report. Plain strings, not Path objects: at 10,000 posts
    pathlib's parsing alone costs 0.3 s.
    """
    seen: set[tuple[int, int]] = set()
    for current, dirs, files in os.walk(folder, followlinks=True):
        try:
            st = os.stat(current)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if guard is not None:
            leaving = [d for d in dirs if guard.problem(os.path.join(current, d)) is not None]
            dirs[:] = [d for d in dirs if d not in leaving]
            yield from (os.path.join(current, d) for d in leaving)
        for name in sorted(files):
            if name.startswith("."):
                continue
            if name.endswith(suffixes):
                yield os.path.join(current, name)
            elif unread is not None and _unread_post(os.path.join(current, name), name.lower()):
                unread.append(os.path.join(current, name))
