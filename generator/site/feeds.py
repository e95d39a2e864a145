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


_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _escaped(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    for char, entity in escapes:
        if char in text:
            text = text.replace(char, entity)
    return text


def _leaf(tag: str, text: str | None = None, **attrs: str) -> str:
    """An element with text or none: `<tag a="v">text</tag>`, or `<tag a="v" />` when empty."""
    opening = tag + "".join(
        f' {name}="{_escaped(xml_safe(value), _ATTRIBUTE_ESCAPES)}"' for name, value in attrs.items()
    )
    body = xml_safe(text) if text else ""
    return f"<{opening}>{_escaped(body, _TEXT_ESCAPES)}</{tag}>" if body else f"<{opening} />"


def _parent(tag: str, children: Sequence[str], level: int, **attrs: str) -> str:
    """An element holding `children` (made for level + 1), each on its own indented line."""
    if not children:
        return _leaf(tag, None, **attrs)
    inner = "\n" + "  " * (level + 1)
    closing = "\n" + "  " * level
    opening = _leaf(tag, None, **attrs)[: -len(" />")] + ">"  # the empty element, opened instead
    return opening + "".join(inner + child for child in children) + f"{closing}</{tag}>"


def _document(root: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + root + "\n").encode("utf-8")


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
    for post in posts:
        url = _post_url(config, post)
        published, updated = _rfc3339(_aware(post.date, config)), _rfc3339(_changed(post, config))
        tags = tuple(tag.name for tag in post.tags)
        children.append(
            _atom_entry(url, post.title, published, updated, tags, full_content, _post_body(config, post, full_content))
        )
    return _document(_parent("feed", children, 0, **{"xmlns": ATOM_NS, "xml:lang": config.language}))


@lru_cache(maxsize=1024)
def _atom_entry(
    url: str, title: str, published: str, updated: str, tags: tuple[str, ...], full_content: bool, body: str
) -> str:
    """A post's <entry>, the same in every feed that holds it (the site's and its tags')."""
    children = [
        _leaf("id", url),
        _leaf("title", title),
        _leaf("link", rel="alternate", type="text/html", href=url),
        _leaf("published", published),
        _leaf("updated", updated),
    ]
    children += [_leaf("category", term=name, label=name) for name in tags]
    children.append(_leaf("content" if full_content else "summary", body, type="html"))
    return _parent("entry", children, 1)


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
        _leaf("lastBuildDate", format_datetime(_feed_updated(config, posts))),
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
        _leaf("pubDate", format_datetime(_aware(post.date, config))),
    ]
    children += [_leaf("category", tag.name) for tag in post.tags]
    children.append(_leaf("description", _post_body(config, post, full_content)))
    return _parent("item", children, 2)
