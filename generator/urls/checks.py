"""Every URL a user gives us (base_url, --base-url, permalink patterns, links in posts) is
parsed here, once, and a bad one becomes a sentence instead of a ValueError deep in a build.

urllib raises on some inputs (an unclosed IPv6 bracket, a port that is not a number) and
silently accepts others that break a site later (a query in base_url, a permalink that
climbs out of the output folder with a percent-encoded '..'). The checks are pure
functions returning a reason or None, so config, markdown, feeds and `blog check` share them.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

BASE_URL_EXPECTED = "an absolute http(s) URL such as https://user.github.io/repo/"
PERMALINK_EXPECTED = "a path inside the site, such as /posts/{slug}/"
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def split_url(url: str) -> SplitResult | None:
    """urlsplit that answers None instead of raising (e.g. 'http://[::1/x', a port 'x')."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is what raises for 'host:abc'
    except ValueError:
        return None
    return parts


def join_url(base: str, url: str) -> str:
    """urljoin, but a URL urllib cannot parse is returned as written rather than raising."""
    if split_url(url) is None:
        return url
    try:
        return urljoin(base, url)
    except ValueError:
        return url


def base_url_problem(value: str) -> str | None:
    """Why `value` cannot be a site's base_url, or None if it can."""
    if _CONTROL.search(value):
        what = "a space" if " " in value else "a control character"
        return f"contains {what} (write %20 for a space in a path)"
    parts = split_url(value)
    if parts is None:
        return "is not a valid URL (check the brackets of an IPv6 host and the port)"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "is not an absolute URL"
    if "?" in value or "#" in value:
        return "has a query or fragment, which cannot be the start of every link"
    if "@" in parts.netloc:
        return "has a user name or password in it"
    if _has_dot_segment(parts.path):
        return "has a '.' or '..' segment in its path"
    return None


def normal_base_url(value: str) -> str:
    return value if value.endswith("/") else value + "/"


def _decoded(text: str) -> str:
    """Percent-decoded until nothing changes: '%252e' is a '.' to a server that decodes twice."""
    for _ in range(4):
        plain = unquote(text)
        if plain == text:
            break
        text = plain
    return text


def _has_dot_segment(path: str) -> bool:
    return any(segment in (".", "..") for segment in _decoded(path).split("/"))


def permalink_problem(pattern: str) -> str | None:
    """Why a permalink pattern would publish outside the site or somewhere unreachable, or None.

    Kept free of placeholder syntax so any token style ({slug}, :title) is checked the same.
    """
    plain = _decoded(pattern)
    if plain.startswith("//"):
        return "starts with //, which browsers read as a link to another host"
    if "\\" in plain or _CONTROL.search(plain.replace(" ", "")):
        return "contains a backslash or a control character"
    if "?" in plain or "#" in plain:
        return "contains ? or #, which cannot be part of a file's path"
    segments = plain.split("/")
    if any(segment in (".", "..") for segment in segments):
        return "has a '.' or '..' segment (also when percent-encoded), which would leave the output folder"
    if any(segment == "" for segment in segments[1:-1]):
        return "has an empty segment (//) in the middle"
    hidden = next((s for s in segments if s.startswith(".")), None)
    if hidden is not None:
        return f"publishes into the hidden folder '{hidden}', which GitHub Pages and many servers do not serve"
    return None


def link_problem(url: str) -> str | None:
    """Why a link written in a post can never work, or None; only what urllib cannot parse."""
    if split_url(url.strip()) is None:
        return "is not a valid URL (check the brackets of an IPv6 host and the port)"
    return None
