"""Atom and RSS documents for the latest posts, as bytes.

Feed readers show a post far from the site it came from, so every URL in a feed is made
absolute (a relative link in a reader resolves against nothing useful), and every piece
of text goes through `xml_safe` because one stray control character in a post makes the
whole feed unparseable. Output depends only on the arguments (no "now"), so a rebuild
writes byte-identical feeds and incremental builds stay exact.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import lru_cache
from html import escape, unescape
from urllib.parse import urlsplit

from generator.config.settings import SiteConfig
from generator.content.model import Post
from generator.markdown.sidenotes import without_sidenotes
from generator.urls.checks import join_url
from generator.urls.paths import join_base

ATOM_NS = "http://www.w3.org/2005/Atom"

# XML 1.0 forbids these code points outright, even as character references.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Attributes whose value is one URL, and the one whose value is a list of them.
_URL_ATTRS = ("href", "src", "poster", "cite", "action", "longdesc", "data")
_ATTR = re.compile(
    r"""(?P<lead>\s)(?P<name>[\w:-]+)(?P<eq>\s*=\s*)(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
)
_TAG_NAME = re.compile(r"<[^\s/>]+")
# Used when a feed has no post: a fixed date keeps the output reproducible.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry, so one bad byte never breaks a feed."""
    return _XML_ILLEGAL.sub("", text)


def origin(config: SiteConfig) -> str:
    """Scheme and host of base_url ("https://user.github.io"); post.url carries the base path."""
    parts = urlsplit(config.base_url)
    return f"{parts.scheme}://{parts.netloc}"


def site_url(config: SiteConfig, path: str) -> str:
    """The absolute URL of a site path such as /atom.xml (base path added, percent-encoded)."""
    return origin(config) + join_base(config.base_path, path)


def _absolute_srcset(value: str, base: str) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.strip().split(None, 1)
        if parts:
            parts[0] = join_url(base, parts[0])
            candidates.append(" ".join(parts))
    return ", ".join(candidates)


def _absolute_tag(tag_text: str, base: str) -> str:
    """Rewrite the URL attributes of one start tag, leaving everything else as written."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"].lower()
        if name not in _URL_ATTRS and name != "srcset":
            return match[0]
        raw = match["dq"] if match["dq"] is not None else match["sq"] if match["sq"] is not None else match["bare"]
        value = unescape(raw)
        new = _absolute_srcset(value, base) if name == "srcset" else join_url(base, value.strip())
        return f'{match["lead"]}{match["name"]}{match["eq"]}"{escape(new, quote=True)}"'

    name = _TAG_NAME.match(tag_text)
    if name is None:
        return tag_text
    return tag_text[: name.end()] + _ATTR.sub(replace, tag_text[name.end() :])


# A start tag, or a comment to skip. Text in our HTML never holds a raw "<" (markdown-it
# and Pygments escape it), so scanning for tags is exact for rendered posts and far
# faster than an HTML parser on MathML-heavy pages.
_TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[a-zA-Z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
_HAS_URL = re.compile(r"\s(?:href|src|srcset|poster|cite|action|data|longdesc)\s*=", re.IGNORECASE)


@lru_cache(maxsize=1024)
def absolute_html(html: str, base: str) -> str:
    """Resolve every URL in an HTML fragment against `base` (the post's absolute URL).

    "/x" gets the host, "#f" the post's URL, "img.png" the post's folder: a feed reader has
    no page to resolve them against, and xml:base is ignored by too many readers to trust.
    """

    def rewrite(match: re.Match[str]) -> str:
        text = match[0]
        if text.startswith("<!--") or not _HAS_URL.search(text):
            return text
        return _absolute_tag(text, base)

    return _TAG_OR_COMMENT.sub(rewrite, html)


def _aware(value: datetime, config: SiteConfig) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=config.tz)


def _changed(post: Post, config: SiteConfig) -> datetime:
    return _aware(post.updated or post.date, config)


def _feed_updated(config: SiteConfig, posts: Sequence[Post]) -> datetime:
    """Newest change among the posts: the feed changes only when a post does."""
    return max((_changed(p, config) for p in posts), default=_EPOCH)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _serialize(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _post_url(config: SiteConfig, post: Post) -> str:
    return origin(config) + post.url


def _post_body(config: SiteConfig, post: Post, full_content: bool) -> str:
    html = without_sidenotes(str(post.html)) if full_content else str(post.excerpt)
    return absolute_html(html, _post_url(config, post))


def _rfc3339(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def atom_feed(
    config: SiteConfig,
    posts: Sequence[Post],
    *,
    feed_path: str,
    title: str,
    page_path: str,
    full_content: bool,
) -> bytes:
    """An Atom 1.0 feed; feed_path and page_path are site paths ("/atom.xml", "/"), without the base path.

    The feed's id is its own absolute URL so that the site feed and each tag feed differ.
    """
    feed_url = site_url(config, feed_path)
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": xml_safe(config.language)})
    _sub(root, "id", feed_url)
    _sub(root, "title", title)
    if config.description:
        _sub(root, "subtitle", config.description)
    _sub(root, "updated", _rfc3339(_feed_updated(config, posts)))
    _sub(root, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(root, "link", rel="alternate", type="text/html", href=site_url(config, page_path))
    author = _sub(root, "author")
    _sub(author, "name", config.author or config.title)
    _sub(root, "generator", "blog")
    for post in posts:
        _atom_entry(root, config, post, full_content)
    return _serialize(root)


def _atom_entry(root: ET.Element, config: SiteConfig, post: Post, full_content: bool) -> None:
    url = _post_url(config, post)
    entry = _sub(root, "entry")
    _sub(entry, "id", url)
    _sub(entry, "title", post.title)
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    _sub(entry, "published", _rfc3339(_aware(post.date, config)))
    _sub(entry, "updated", _rfc3339(_changed(post, config)))
    for tag in post.tags:
        _sub(entry, "category", term=tag.name, label=tag.name)
    kind = "content" if full_content else "summary"
    _sub(entry, kind, _post_body(config, post, full_content), type="html")


def rss_feed(
    config: SiteConfig,
    posts: Sequence[Post],
    *,
    feed_path: str,
    title: str,
    page_path: str,
    full_content: bool,
) -> bytes:
    """An RSS 2.0 feed with the same posts; for readers that still know no Atom."""
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = _sub(root, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", site_url(config, page_path))
    _sub(channel, "description", config.description or title)
    _sub(channel, "language", config.language)
    _sub(channel, "lastBuildDate", format_datetime(_feed_updated(config, posts)))
    _sub(channel, "generator", "blog")
    _sub(channel, "atom:link", href=site_url(config, feed_path), rel="self", type="application/rss+xml")
    for post in posts:
        _rss_item(channel, config, post, full_content)
    return _serialize(root)


def _rss_item(channel: ET.Element, config: SiteConfig, post: Post, full_content: bool) -> None:
    url = _post_url(config, post)
    item = _sub(channel, "item")
    _sub(item, "title", post.title)
    _sub(item, "link", url)
    _sub(item, "guid", url, isPermaLink="true")
    _sub(item, "pubDate", format_datetime(_aware(post.date, config)))
    for tag in post.tags:
        _sub(item, "category", tag.name)
    _sub(item, "description", _post_body(config, post, full_content))
