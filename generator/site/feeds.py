"""Atom and RSS documents for the latest posts, as bytes.

Feed readers show a post far from the site it came from, so every URL in a feed is made
absolute (a relative link in a reader resolves against nothing useful), and every piece
of text goes through `xml_safe` because one stray control character in a post makes the
whole feed unparseable. Output depends only on the arguments (no "now"), so a rebuild
writes byte-identical feeds and incremental builds stay exact.

The XML is written as text, indented two spaces a level, not built as an ElementTree: a
post's entry is the same in the site's feed and in each of its tags' (up to four), so it is
made once, where ElementTree built and serialized every copy again (7 % of the feeds' time
at 300 posts; most of the rest is making each post's URLs absolute, once a post).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
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


@lru_cache(maxsize=64)
def _without_fragment(base: str) -> str:
    return join_url(base, "#")


def _joined(base: str, url: str) -> str:
    """join_url, with a link to a heading ("#…", 3 of 4 links a feed rewrites) as urljoin makes
    it, without its parsing (10 µs a link): the base as urljoin writes it back, then the
    fragment, which urlsplit keeps as written unless it holds a tab or a line break."""
    if url[:1] == "#" and len(url) > 1 and "\t" not in url and "\n" not in url and "\r" not in url:
        return _without_fragment(base) + url
    return join_url(base, url)


def _absolute_tag(tag_text: str, base: str) -> str:
    """Rewrite the URL attributes of one start tag, leaving everything else as written."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"].lower()
        if name not in _URL_ATTRS and name != "srcset":
            return match[0]
        raw = match["dq"] if match["dq"] is not None else match["sq"] if match["sq"] is not None else match["bare"]
        value = unescape(raw)
        new = _absolute_srcset(value, base) if name == "srcset" else _joined(base, value.strip())
        return f'{match["lead"]}{match["name"]}{match["eq"]}"{escape(new, quote=True)}"'

    name = _TAG_NAME.match(tag_text)
    if name is None:
        return tag_text
    return tag_text[: name.end()] + _ATTR.sub(replace, tag_text[name.end() :])


# A start tag (a comment, "<!--.*?-->", is skipped). Text in our HTML never holds a raw "<"
# (markdown-it and Pygments escape it), so scanning for tags is exact for rendered posts and
# far faster than an HTML parser on MathML-heavy pages.
_TAG = r"""<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>"""
_URL_NAME = "(?:href|src|srcset|poster|cite|action|data|longdesc)"  # _URL_ATTRS and srcset
_HAS_URL = re.compile(rf"\s{_URL_NAME}\s*=", re.IGNORECASE)
# What a scan for comments and _TAG passes over unchanged, in one match: text, comments, and start tags in
# which _HAS_URL finds nothing (a space not starting `href=`, in or out of quotes), each
# taken where and as that scan takes it (atomic, so never split otherwise); a lone "<"
# only where no tag starts. It stops at a tag that names a URL, or one _TAG reads only by
# giving back part of its name (a quote in it): that one is left to _TAG and the old test. A post has
# ~260 tags to one with a URL (MathML), and a Python call for each was most of the rewriting.
_PLAIN_SPACE = rf"\s(?!(?i:{_URL_NAME})\s*=)"
_PLAIN_TAG = rf"""<[a-zA-Z][^\s/>]*+(?:[^>"'\s]++|{_PLAIN_SPACE}|"(?:[^"\s]++|{_PLAIN_SPACE})*+"|'(?:[^'\s]++|{_PLAIN_SPACE})*+')*+>"""
_UP_TO_URL_TAG = re.compile(  # end tags and bare tags (MathML's <mi>) first: most of a post's tags
    rf"(?P<plain>(?:[^<]++|</[^<]*+|<[a-zA-Z][a-zA-Z0-9]*+>|{_PLAIN_TAG}|<!--.*?-->|(?!{_TAG})<)*+)(?P<tag>{_TAG})?",
    re.DOTALL,
)


def absolute_html(html: str, base: str) -> str:
    """Resolve every URL in an HTML fragment against `base` (the post's absolute URL).

    "/x" gets the host, "#f" the post's URL, "img.png" the post's folder: a feed reader has
    no page to resolve them against, and xml:base is ignored by too many readers to trust.
    Each start tag a left-to-right scan for comments and _TAG finds is rewritten when _HAS_URL
    finds an attribute in it; _UP_TO_URL_TAG finds those tags without a Python call for every
    other tag: with the fragment links below, 0.13 s became 0.05 s for the 268 posts of c1000's feeds.
    """

    def rewrite(match: re.Match[str]) -> str:
        text = match["tag"]
        if text is None:
            return match["plain"]
        if not _HAS_URL.search(text):
            return match["plain"] + text
        return match["plain"] + _absolute_tag(text, base)

    return _UP_TO_URL_TAG.sub(rewrite, html)


def _aware(value: datetime, config: SiteConfig) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=config.tz)


def _changed(post: Post, config: SiteConfig) -> datetime:
    return _aware(post.updated or post.date, config)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def rss_date(moment: datetime) -> str:
    """RSS 2.0's date (RFC 822 with a four-digit year): English names whatever the locale, the
    offset as +0800, -0000 for a moment with none. Written here, not taken from email.utils,
    whose import (sockets, calendars, MIME charsets) cost every build 6 ms of its start."""
    zone = moment.strftime("%z") or "-0000"
    day, month = _WEEKDAYS[moment.weekday()], _MONTHS[moment.month - 1]
    return f"{day}, {moment.day:02d} {month} {moment.year:04d} {moment:%H:%M:%S} {zone}"


def _feed_updated(config: SiteConfig, posts: Sequence[Post]) -> datetime:
    """Newest change among the posts: the feed changes only when a post does."""
    return max((_changed(p, config) for p in posts), default=_EPOCH)


_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _escaped(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, entity in escapes:
        if char in text:
            text = text.replace(char, entity)
    return text


def _leaf(tag: str, text: str | None = None, **attrs: str) -> str:
    """An element with text or none: `<tag a="v">text</tag>`, or `<tag a="v" />` when empty."""
    return _element(tag, _escaped(xml_safe(text), _TEXT_ESCAPES) if text else "", **attrs)


def _element(tag: str, escaped: str, **attrs: str) -> str:
    """`_leaf` of text already made safe and escaped."""
    opening = tag + "".join(
        f' {name}="{_escaped(xml_safe(value), _ATTRIBUTE_ESCAPES)}"' for name, value in attrs.items()
    )
    return f"<{opening}>{escaped}</{tag}>" if escaped else f"<{opening} />"


def _opening(tag: str, **attrs: str) -> str:
    return _leaf(tag, None, **attrs)[: -len(" />")] + ">"  # the empty element, opened instead


def _parent(tag: str, children: Sequence[str], level: int, **attrs: str) -> str:
    """An element holding `children` (made for level + 1), each on its own indented line."""
    if not children:
        return _leaf(tag, None, **attrs)
    inner = "\n" + "  " * (level + 1)
    closing = "\n" + "  " * level
    return _opening(tag, **attrs) + "".join(inner + child for child in children) + f"{closing}</{tag}>"


_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def _document(root: str) -> bytes:
    return (_DECLARATION + root + "\n").encode("utf-8")


def _post_url(config: SiteConfig, post: Post) -> str:
    return origin(config) + post.url


def _post_body(config: SiteConfig, post: Post, full_content: bool) -> str:
    """The post as its feed entry's text: escaped, its HTML as `_feed_text` makes it."""
    html = without_sidenotes(str(post.html)) if full_content else str(post.excerpt)
    return _feed_text(html, _post_url(config, post))


@lru_cache(maxsize=1024)
def _feed_text(html: str, base: str) -> str:
    """HTML as a feed carries it: URLs absolute, XML-safe, escaped as an element's text. Made
    once a post for the site's Atom and RSS feeds and its tags' (up to six copies)."""
    return _escaped(xml_safe(absolute_html(html, base)), _TEXT_ESCAPES)


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
    children = [_leaf("id", feed_url), _leaf("title", title)]
    if config.description:
        children.append(_leaf("subtitle", config.description))
    children += [
        _leaf("updated", _rfc3339(_feed_updated(config, posts))),
        _leaf("link", rel="self", type="application/atom+xml", href=feed_url),
        _leaf("link", rel="alternate", type="text/html", href=site_url(config, page_path)),
        _parent("author", [_leaf("name", config.author or config.title)], 1),
        _leaf("generator", "blog"),
    ]
    entries = []
    for post in posts:
        url = _post_url(config, post)
        published, updated = _rfc3339(_aware(post.date, config)), _rfc3339(_changed(post, config))
        tags = tuple(tag.name for tag in post.tags)
        entries.append(
            _atom_entry(url, post.title, published, updated, tags, full_content, _post_body(config, post, full_content))
        )
    # `_parent("feed", children + entries, 0)` as a document, with each entry encoded once a build
    # rather than in every feed that holds it (the feeds of c1000 are 10 MB).
    opening = _opening("feed", **{"xmlns": ATOM_NS, "xml:lang": config.language})
    head = (_DECLARATION + opening + "".join("\n  " + child for child in children)).encode("utf-8")
    return b"".join((head, *entries, b"\n</feed>\n"))


@lru_cache(maxsize=1024)
def _atom_entry(
    url: str, title: str, published: str, updated: str, tags: tuple[str, ...], full_content: bool, body: str
) -> bytes:
    """A post's <entry> on its own line, encoded, the same in every feed that holds it (the site's
    and its tags'); `body` is escaped (`_post_body`)."""
    children = [
        _leaf("id", url),
        _leaf("title", title),
        _leaf("link", rel="alternate", type="text/html", href=url),
        _leaf("published", published),
        _leaf("updated", updated),
    ]
    children += [_leaf("category", term=name, label=name) for name in tags]
    children.append(_element("content" if full_content else "summary", body, type="html"))
    return ("\n  " + _parent("entry", children, 1)).encode("utf-8")


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
    children = [
        _leaf("title", title),
        _leaf("link", site_url(config, page_path)),
        _leaf("description", config.description or title),
        _leaf("language", config.language),
        _leaf("lastBuildDate", rss_date(_feed_updated(config, posts))),
        _leaf("generator", "blog"),
        _leaf("atom:link", href=site_url(config, feed_path), rel="self", type="application/rss+xml"),
    ]
    children += [_rss_item(config, post, full_content) for post in posts]
    channel = _parent("channel", children, 1)
    return _document(_parent("rss", [channel], 0, version="2.0", **{"xmlns:atom": ATOM_NS}))


def _rss_item(config: SiteConfig, post: Post, full_content: bool) -> str:
    url = _post_url(config, post)
    children = [
        _leaf("title", post.title),
        _leaf("link", url),
        _leaf("guid", url, isPermaLink="true"),
        _leaf("pubDate", rss_date(_aware(post.date, config))),
    ]
    children += [_leaf("category", tag.name) for tag in post.tags]
    children.append(_element("description", _post_body(config, post, full_content)))
    return _parent("item", children, 2)
