"""Old URLs that keep working: Hugo `aliases` and Jekyll `redirect_from` as redirect pages.

A moved blog is linked from search engines and other people's posts. Each old path gets a
small page that sends the reader on at once (meta refresh), tells search engines where
the post lives now (canonical link, noindex), and shows a plain link for browsers that do
not follow refreshes. plan.py plans them like any page (they are never in the sitemap).

Paths are read as the old generators did: `/old/` and `/2019/01/x.html` are site paths;
a path without a leading slash is relative to the folder of the post's URL (Hugo).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from posixpath import normpath
from urllib.parse import unquote, urlsplit

from generator.config.settings import SiteConfig
from generator.content.model import Post
from generator.errors import Diagnostic, warning
from generator.urls.checks import split_url
from generator.urls.paths import expand, join_base, output_file, segment_problem

ALIAS_KEYS = ("aliases", "redirect_from")


def _written(post: Post) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for key in ALIAS_KEYS:
        value = post.meta.get(key)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            found.append((key, item))
    return found


def alias_path(post_path: str, written: str) -> str | None:
    """The site path an alias names, or None when it cannot be one (a URL elsewhere, '..' out)."""
    parts = split_url(written.strip())
    if parts is None or parts.scheme or parts.netloc or not parts.path.strip():
        return None
    raw = unquote(parts.path)
    trailing = raw.endswith("/")
    if not raw.startswith("/"):  # beside the post: /posts/x/ and /2020/x.html are in /posts/ and /2020/
        raw = post_path.rstrip("/").rsplit("/", 1)[0] + "/" + raw
    if any(segment == ".." for segment in raw.split("/")) or "\\" in raw or "\0" in raw:
        return None
    clean = normpath(raw)
    if clean in ("/", "//") or not clean.startswith("/"):
        return None
    return expand(clean + ("/" if trailing else ""))


def unportable(path: str) -> str | None:
    """Why a redirect at this site path could not be written or checked out on every system."""
    return next(filter(None, map(segment_problem, output_file(path).parts)), None)


def post_aliases(post: Post) -> list[str]:
    """The usable old paths of one post, in the order written, without repeats or its own path
    (in any case: on macOS and Windows '/Posts/X/' would overwrite the post's own page)."""
    paths: list[str] = []
    own = post.path.casefold()
    for _, item in _written(post):
        path = alias_path(post.path, item) if isinstance(item, str) else None
        if path is not None and path.casefold() != own and path not in paths and unportable(path) is None:
            paths.append(path)
    return paths


def check_aliases(posts: Sequence[Post], taken: Iterable[str]) -> list[Diagnostic]:
    """Warnings for aliases that cannot be written: not a path, or a path something else owns."""
    owners = {path: "a generated page" for path in taken}
    owners.update({post.path: post.source for post in posts})
    folded = {path.casefold(): owner for path, owner in owners.items()}
    problems: list[Diagnostic] = []
    for post in posts:
        for key, item in _written(post):
            line = post.key_lines.get(key)
            path = alias_path(post.path, item) if isinstance(item, str) else None
            if path is None:
                problems.append(
                    warning(
                        post.source,
                        line,
                        f"{key} entry {item!r} is not a path on this site",
                        "a path such as /old/url/",
                    )
                )
                continue
            if path == post.path:
                continue
            owner = owners.get(path)
            refused = unportable(path)
            if refused is not None:
                problems.append(
                    warning(
                        post.source,
                        line,
                        f"{key} {path} is not written: URL segment {refused}",
                        "an old path every system can hold as a folder",
                    )
                )
            elif owner is not None and owner != post.source:
                problems.append(
                    warning(
                        post.source,
                        line,
                        f"{key} {path} is not written: it is the URL of {owner}",
                        "an old path that no page uses now",
                    )
                )
            elif owner is None and path.casefold() in folded:
                other = folded[path.casefold()]
                problems.append(
                    warning(
                        post.source,
                        line,
                        f"{key} {path} is not written: it differs only in case from the URL of "
                        f"{'this post' if other == post.source else other}, and macOS and Windows "
                        "would write both to one file",
                        "an old path that differs from every page's in more than case",
                    )
                )
            else:
                owners[path] = post.source
                folded.setdefault(path.casefold(), post.source)
    return problems


def redirect_sources(posts: Sequence[Post], planned: set[str]) -> list[tuple[str, Post]]:
    """(old path, post) for every alias whose file nothing else writes (first post wins)."""
    taken = {target.casefold() for target in planned}  # one file on macOS and Windows
    result: list[tuple[str, Post]] = []
    for post in posts:
        for path in post_aliases(post):
            target = str(output_file(path)).casefold()
            if target in taken:
                continue
            taken.add(target)
            result.append((path, post))
    return result


def redirect_page(config: SiteConfig, title: str, post_path: str) -> bytes:
    """A page that forwards to the post: refresh for browsers, canonical for search engines."""
    target = join_base(config.base_path, post_path)
    canonical = urlsplit(config.base_url)._replace(path=target, query="", fragment="").geturl()
    link, name = escape(target), escape(title)
    moved = escape(config.ui["moved_to"]).format(link=f'<a href="{link}">{name}</a>')  # in the site's language
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(config.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{name}</title>\n"
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n'
        "</head>\n"
        "<body>\n"
        f"<p>{moved}</p>\n"
        "</body>\n"
        "</html>\n"
    ).encode()
