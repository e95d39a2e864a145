"""`blog check`: read the built site the way a browser would and report links that go nowhere.

It works on the output, not the model, so it catches what templates, raw HTML in posts and
static files do as well as what the generator does, and it can be pointed at any folder.
Internal links are checked against the files on disk exactly (case-sensitive, as GitHub
Pages is); outside links only with `--external`, since they need the network.
"""

from __future__ import annotations

import posixpath
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from generator.errors import Diagnostic, error
from generator.urls.checks import link_problem, split_url

EXPECTED_TARGET = "a page or file in the built site"
EXPECTED_ANCHOR = "an id or name in the target page"
_URL_ATTRS = frozenset({"href", "src", "poster"})
_DUMMY_ORIGIN = "http://site.invalid"
_HTML_SUFFIXES = (".html", ".htm")
# Fragments every browser honours without an element to match.
_IMPLICIT_FRAGMENTS = frozenset({"", "top"})
_USER_AGENT = "blog-check/0.1 (+link checker)"


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    line: int


@dataclass(slots=True)
class Page:
    """What checking needs from one HTML file: its links (with lines) and its anchors."""

    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class ExternalProblem:
    url: str
    reason: str


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset, following the HTML rule that a URL ends at whitespace.

    Splitting on commas would cut data: URLs and URLs with commas in half.
    """
    urls: list[str] = []
    position, size = 0, len(value)
    while position < size:
        while position < size and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < size and not value[position].isspace():
            position += 1
        url = value[start:position]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            while position < size and value[position] != ",":
                position += 1  # skip descriptors such as "2x" or "640w"
        if url:
            urls.append(url)
    return urls


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.page.ids.add(value)
            elif name in _URL_ATTRS:
                self.page.links.append(Link(value.strip(), line))
            elif name == "srcset":
                self.page.links.extend(Link(url, line) for url in srcset_urls(value))

    handle_startendtag = handle_starttag


def parse_page(text: str) -> Page:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


class _Site:
    """The built site on disk: its file list, and each HTML page parsed at most once."""

    def __init__(self, output_dir: Path) -> None:
        self.root = output_dir
        self.files = {p.relative_to(output_dir).as_posix() for p in output_dir.rglob("*") if p.is_file()}
        self._pages: dict[str, Page] = {}

    def html_files(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(_HTML_SUFFIXES))

    def page(self, relative: str) -> Page:
        cached = self._pages.get(relative)
        if cached is None:
            text = (self.root / relative).read_bytes().decode("utf-8", errors="replace")
            cached = self._pages[relative] = parse_page(text)
        return cached

    def locate(self, relative: str) -> tuple[str | None, str]:
        """The file a link path serves, as GitHub Pages finds it; else the file it looked for."""
        if relative == "" or relative.endswith("/"):
            candidates = [relative + "index.html"]
        else:
            candidates = [relative, relative + "/index.html", relative + ".html"]
        for candidate in candidates:
            if candidate in self.files:
                return candidate, candidate
        return None, candidates[0]


def _host(site_url: str | None) -> str | None:
    parts = split_url(site_url) if site_url else None
    return parts.netloc.lower() if parts is not None else None


def _page_url(base_path: str, relative: str) -> str:
    return base_path + quote(relative)


def _resolve(url: str, page_url: str, site_host: str | None) -> tuple[str, str] | None:
    """(path, fragment) of an internal link, or None for anything outside the site."""
    parts = urlsplit(url)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return None  # mailto:, tel:, javascript:, data: and the like
    if parts.netloc and parts.netloc.lower() != site_host:
        return None
    resolved = urlsplit(urljoin(_DUMMY_ORIGIN + page_url, url)) if not parts.netloc else parts
    return resolved.path or "/", resolved.fragment


def _site_relative(path: str, base_path: str) -> str | None:
    """The decoded path below the base path, or None if the link leaves the site."""
    if path + "/" == base_path:
        path = base_path
    if not path.startswith(base_path):
        return None
    relative = unquote(path[len(base_path) :])
    trailing = "/" if relative.endswith("/") else ""
    normal = posixpath.normpath(relative) if relative else ""
    if normal.startswith("..") or normal.startswith("/"):
        return None
    if normal == ".":
        return ""
    return normal + trailing if normal else ""


class _Checker:
    def __init__(self, site: _Site, base_path: str, site_host: str | None) -> None:
        self.site = site
        self.base_path = base_path
        self.site_host = site_host

    def check_page(self, relative: str) -> list[Diagnostic]:
        page_url = _page_url(self.base_path, relative)
        problems: list[Diagnostic] = []
        for link in self.site.page(relative).links:
            problem = link_problem(link.url)
            if problem is not None:
                problems.append(error(relative, link.line, f"broken link {link.url} ({problem})", EXPECTED_TARGET))
                continue
            target = _resolve(link.url, page_url, self.site_host)
            if target is not None:
                message = self._problem(link.url, relative, *target)
                if message is not None:
                    problems.append(error(relative, link.line, *message))
        return problems

    def _problem(self, url: str, page: str, path: str, fragment: str) -> tuple[str, str] | None:
        inside = _site_relative(path, self.base_path)
        if inside is None:
            return f"broken link {url} (outside the base path {self.base_path})", f"a link under {self.base_path}"
        found, wanted = (page, page) if _same_page(url) else self.site.locate(inside)
        if found is None:
            return f"broken link {url} (no file {wanted})", EXPECTED_TARGET
        if fragment in _IMPLICIT_FRAGMENTS or not found.endswith(_HTML_SUFFIXES):
            return None
        ids = self.site.page(found).ids
        if fragment in ids or unquote(fragment) in ids:
            return None
        return f'broken anchor {url} (no id "{unquote(fragment)}" in {found})', EXPECTED_ANCHOR


def _same_page(url: str) -> bool:
    return url == "" or url.startswith("#")


def check_site(output_dir: Path, base_path: str = "/", *, site_url: str | None = None) -> list[Diagnostic]:
    """Every internal link and anchor in the built site that does not resolve, in page order.

    base_path is where the site is served ("/repo/" on GitHub Pages); site_url, when given,
    makes absolute links to the site's own host count as internal too.
    """
    base_path = _normal_base(base_path)
    site = _Site(output_dir)
    checker = _Checker(site, base_path, _host(site_url))
    problems: list[Diagnostic] = []
    for relative in site.html_files():
        problems.extend(checker.check_page(relative))
    return problems


def _normal_base(base_path: str) -> str:
    path = "/" + base_path.strip("/") + "/"
    return "/" if path == "//" else path


def external_links(
    output_dir: Path, base_path: str = "/", *, site_url: str | None = None
) -> dict[str, list[tuple[str, int]]]:
    """Outside http(s) URLs (without fragment) and every (page, line) that links to them."""
    base_path = _normal_base(base_path)
    site_host = _host(site_url)
    site = _Site(output_dir)
    found: dict[str, list[tuple[str, int]]] = {}
    for relative in site.html_files():
        for link in site.page(relative).links:
            parts = split_url(link.url)
            if (
                parts is not None
                and parts.scheme.lower() in ("http", "https")
                and parts.netloc
                and parts.netloc.lower() != site_host
            ):
                found.setdefault(parts._replace(fragment="").geturl(), []).append((relative, link.line))
    return found


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)


def probe(url: str, timeout: float = 10.0) -> str | None:
    """Why a URL is broken, or None. HEAD first (cheap); GET when a server refuses HEAD."""
    try:
        _request(url, "HEAD", timeout)
        return None
    except urllib.error.HTTPError as exc:
        exc.close()
    except (urllib.error.URLError, OSError, ValueError):
        pass  # some servers drop HEAD outright; GET decides
    try:
        _request(url, "GET", timeout)
        return None
    except urllib.error.HTTPError as exc:
        exc.close()
        return f"HTTP {exc.code}"
    except urllib.error.URLError as exc:
        return str(exc.reason)
    except (OSError, ValueError) as exc:
        return str(exc) or type(exc).__name__


def check_external(urls: Iterable[str], timeout: float = 10.0, concurrency: int = 8) -> list[ExternalProblem]:
    """Probe each distinct URL once, at most `concurrency` at a time; the broken ones, sorted."""
    unique = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        reasons = list(pool.map(lambda url: probe(url, timeout), unique))
    return [ExternalProblem(url, reason) for url, reason in zip(unique, reasons, strict=True) if reason is not None]


def check_external_links(
    output_dir: Path,
    base_path: str = "/",
    *,
    site_url: str | None = None,
    timeout: float = 10.0,
    concurrency: int = 8,
) -> list[Diagnostic]:
    """`blog check --external`: one diagnostic for each place that links to a broken outside URL."""
    places = external_links(output_dir, base_path, site_url=site_url)
    problems: list[Diagnostic] = []
    for problem in check_external(places, timeout, concurrency):
        for page, line in places[problem.url]:
            problems.append(
                error(page, line, f"broken external link {problem.url} ({problem.reason})", "a URL that answers")
            )
    return sorted(problems, key=lambda d: (d.path, d.line or 0))
