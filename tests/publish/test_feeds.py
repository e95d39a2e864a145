"""Atom and RSS: well-formed whatever the titles hold, absolute URLs only, stable output."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config.settings import SiteConfig
from generator.content.model import Post, Site, Tag
from generator.markdown.render import RenderOptions, render_post
from generator.site.feeds import absolute_html, atom_feed, rss_feed, xml_safe
from generator.site.plan import site_feeds, tag_feed
from generator.urls.paths import join_base

feedparser = pytest.importorskip("feedparser", reason="feedparser is needed to read feeds as a reader would")

ATOM = "{http://www.w3.org/2005/Atom}"
CST = timezone(timedelta(hours=8))
NASTY_TITLE = "A <script>alert(\"x\")</script> & 'quotes' {{ site.title }}\x00\x0b\x1f end"
BODY = """\
第一段，见 [另一篇](/posts/other/) 和 [本节](#原理)。

![图](figure.png)

<img src="/img/a.png" srcset="/img/a.png 1x, b@2x.png 2x" alt="a">

## 原理

公式 $W = W_0 + BA$，以及

$$
h = W_0 x
$$

[外部](https://example.org/page) 与 [邮件](mailto:me@example.org)
"""


def make_config(base_url: str = "https://user.github.io/repo/", **changes: object) -> SiteConfig:
    return SiteConfig(
        root=Path("/nonexistent"), base_url=base_url, author="作者", description="机器学习笔记", **changes
    )


def make_post(config: SiteConfig, slug: str, title: str, day: int, *, updated: int | None = None) -> Post:
    options = RenderOptions(base_path=config.base_path, excerpt_length=40)
    post = Post(
        source=f"content/posts/{slug}.md",
        title=title,
        date=datetime(2025, 6, day, 22, 40, tzinfo=CST),
        slug=slug,
        body=BODY,
        body_line=1,
        source_hash=slug,
        updated=datetime(2025, 7, updated, 9, 0, tzinfo=CST) if updated else None,
    )
    post.path = f"/posts/{slug}/"
    post.url = join_base(config.base_path, post.path)
    tag = Tag(name="大模型 & <RL>", slug="大模型-rl", path="/tags/大模型-rl/", url="")
    tag.url = join_base(config.base_path, tag.path)
    post.tags = [tag]
    post.rendered = render_post(post.body, options, post.body_line)
    return post


@pytest.fixture
def site() -> tuple[SiteConfig, list[Post]]:
    config = make_config()
    posts = [
        make_post(config, "感受野", NASTY_TITLE, 29, updated=2),
        make_post(config, "lora", "LoRA：低秩适配", 20),
    ]
    return config, posts


def atom(config: SiteConfig, posts: list[Post], full: bool = True) -> bytes:
    return atom_feed(config, posts, feed_path="/atom.xml", title=config.title, page_path="/", full_content=full)


def rss(config: SiteConfig, posts: list[Post], full: bool = True) -> bytes:
    return rss_feed(config, posts, feed_path="/rss.xml", title=config.title, page_path="/", full_content=full)


def urls_in(document: bytes) -> list[str]:
    """Every URL in the feed: in attributes, in link/guid/id text, and inside the escaped HTML."""
    root = ET.fromstring(document)
    found: list[str] = []
    for element in root.iter():
        found += [v for k, v in element.attrib.items() if k in ("href", "src")]
        if element.tag.split("}")[-1] in ("link", "guid", "id") and element.text and element.text.strip():
            found.append(element.text.strip())
        if element.tag.split("}")[-1] in ("content", "summary", "description") and element.text:
            found += re.findall(r'(?:href|src)="([^"]*)"', element.text)
            for srcset in re.findall(r'srcset="([^"]*)"', element.text):
                found += [c.split()[0] for c in srcset.split(",")]
    return found


@pytest.mark.parametrize("make", [atom, rss], ids=["atom", "rss"])
@pytest.mark.parametrize("full", [True, False], ids=["full", "summary"])
def test_feed_is_well_formed_and_parses_cleanly(site, make, full) -> None:
    config, posts = site
    document = make(config, posts, full)
    ET.fromstring(document)  # raises on anything not well-formed
    parsed = feedparser.parse(document)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == 2
    assert parsed.entries[0].title == "A <script>alert(\"x\")</script> & 'quotes' {{ site.title }} end"
    assert parsed.entries[0].link == "https://user.github.io/repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/"


@pytest.mark.parametrize("make", [atom, rss], ids=["atom", "rss"])
@pytest.mark.parametrize("full", [True, False], ids=["full", "summary"])
def test_feed_has_no_relative_url(site, make, full) -> None:
    config, posts = site
    found = urls_in(make(config, posts, full))
    assert found
    relative = [u for u in found if not re.match(r"^(https?|mailto):", u)]
    assert relative == []


def test_post_links_are_made_absolute_against_the_post(site) -> None:
    config, posts = site
    content = ET.fromstring(atom(config, posts)).find(f"{ATOM}entry/{ATOM}content")
    assert content is not None and content.text is not None
    html = content.text
    post_url = "https://user.github.io/repo/posts/%E6%84%9F%E5%8F%97%E9%87%8E/"
    assert 'href="https://user.github.io/repo/posts/other/"' in html  # site link, base path kept
    assert f'href="{post_url}#' in html  # in-page anchor
    assert f'src="{post_url}figure.png"' in html  # relative image
    assert 'src="https://user.github.io/img/a.png"' in html  # raw HTML written without base path
    assert f"{post_url}b@2x.png 2x" in html
    assert 'href="https://example.org/page"' in html
    assert "<math" in html  # MathML survives


def test_text_is_escaped_not_interpreted(site) -> None:
    config, posts = site
    document = atom(config, posts)
    assert b"<script>" not in document
    assert b"&lt;script&gt;" in document
    assert b"{{ site.title }}" in document
    assert b"\x00" not in document and b"\x0b" not in document and b"\x1f" not in document


def test_atom_structure(site) -> None:
    config, posts = site
    root = ET.fromstring(atom(config, posts))
    assert root.findtext(f"{ATOM}id") == "https://user.github.io/repo/atom.xml"
    assert root.findtext(f"{ATOM}updated") == "2025-07-02T09:00:00+08:00"  # newest `updated`
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"self": "https://user.github.io/repo/atom.xml", "alternate": "https://user.github.io/repo/"}
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "作者"
    entry = root.findall(f"{ATOM}entry")[1]
    assert entry.findtext(f"{ATOM}id") == "https://user.github.io/repo/posts/lora/"
    assert entry.findtext(f"{ATOM}published") == "2025-06-20T22:40:00+08:00"
    assert entry.findtext(f"{ATOM}updated") == "2025-06-20T22:40:00+08:00"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["大模型 & <RL>"]
    assert entry.find(f"{ATOM}content").get("type") == "html"


def test_summary_mode_carries_the_excerpt_instead_of_the_post(site) -> None:
    config, posts = site
    root = ET.fromstring(atom(config, posts, full=False))
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}content") is None
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "第一段" in summary.text and "<h2" not in summary.text and "外部" not in summary.text


def test_author_falls_back_to_site_title() -> None:
    config = SiteConfig(root=Path("/x"), title="站点")
    root = ET.fromstring(atom(config, []))
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "站点"


def test_rss_structure(site) -> None:
    config, posts = site
    channel = ET.fromstring(rss(config, posts)).find("channel")
    assert channel.findtext("link") == "https://user.github.io/repo/"
    assert channel.findtext("language") == "zh-CN"
    assert channel.findtext("lastBuildDate") == "Wed, 02 Jul 2025 09:00:00 +0800"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == "https://user.github.io/repo/rss.xml"
    item = channel.findall("item")[1]
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "true" and guid.text == "https://user.github.io/repo/posts/lora/"
    assert item.findtext("pubDate") == "Fri, 20 Jun 2025 22:40:00 +0800"
    assert [c.text for c in item.findall("category")] == ["大模型 & <RL>"]


def test_tag_feed_has_its_own_id_and_page() -> None:
    config = make_config()
    posts = [make_post(config, "lora", "LoRA", 20)]
    document = atom_feed(
        config,
        posts,
        feed_path="/tags/大模型/atom.xml",
        title="标签：大模型",
        page_path="/tags/大模型/",
        full_content=True,
    )
    root = ET.fromstring(document)
    assert root.findtext(f"{ATOM}id") == "https://user.github.io/repo/tags/%E5%A4%A7%E6%A8%A1%E5%9E%8B/atom.xml"
    assert root.findtext(f"{ATOM}title") == "标签：大模型"
    assert feedparser.parse(document).bozo == 0


@pytest.mark.parametrize(("setting", "element"), [(None, "summary"), ("summary", "summary"), ("full", "content")])
def test_a_tags_feed_carries_summaries_unless_told_otherwise(setting: str | None, element: str) -> None:
    """As Hugo's taxonomy feeds: a post with ten tags in eleven feeds whole made a real blog's
    output 321 MB, 248 MB of it tag feeds. The site's own feed keeps `feed_content`."""
    config = make_config(**({"tag_feed_content": setting} if setting else {}))
    post = make_post(config, "lora", "LoRA", 20)
    tag = post.tags[0]
    tag.posts = [post]
    planned = tag_feed(config, tag)
    entry = ET.fromstring(planned.make()).find(f"{ATOM}entry")
    assert [child.tag for child in entry if child.tag in (f"{ATOM}summary", f"{ATOM}content")] == [f"{ATOM}{element}"]
    site_feed = ET.fromstring(site_feeds(Site(config=config, posts=[post], tags=[tag]))[0].make())
    assert site_feed.find(f"{ATOM}entry/{ATOM}content") is not None


def test_output_is_deterministic(site) -> None:
    config, posts = site
    assert atom(config, posts) == atom(config, posts)
    assert rss(config, posts) == rss(config, posts)


def test_empty_feed_is_valid_and_reproducible() -> None:
    config = make_config()
    for document in (atom(config, []), rss(config, [])):
        assert feedparser.parse(document).bozo == 0
    assert atom(config, []) == atom(config, [])


def test_site_at_root_gets_root_urls() -> None:
    config = make_config("http://localhost:8000/")
    posts = [make_post(config, "lora", "LoRA", 20)]
    root = ET.fromstring(atom(config, posts))
    assert root.find(f"{ATOM}entry").findtext(f"{ATOM}id") == "http://localhost:8000/posts/lora/"


def test_xml_safe_keeps_tabs_newlines_and_cjk() -> None:
    assert xml_safe("a\tb\nc\r中文😀") == "a\tb\nc\r中文😀"
    assert xml_safe("a\x00b\x0bc\x0cd\x1fe\ufffe\ud800") == "abcde"


def test_absolute_html_leaves_lookalike_text_alone() -> None:
    html = '<pre><code>&lt;a href="/x"&gt;</code></pre><p title=\'a href="/y"\'>t</p><a\nhref=/z>z</a>'
    result = absolute_html(html, "https://h.example/repo/posts/p/")
    assert '&lt;a href="/x"&gt;' in result
    assert "title='a href=\"/y\"'" in result
    assert '<a\nhref="https://h.example/z">' in result


_ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)


def _parsed_text(value: str) -> str:
    """What an XML reader gets back from a text node: unsafe characters gone, line ends normalised."""
    return xml_safe(value).replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=150, deadline=None)
@given(title=_ANY_TEXT, tag=_ANY_TEXT, language=_ANY_TEXT)
def test_any_text_comes_back_from_the_feed_as_written(title: str, tag: str, language: str) -> None:
    """The feeds are written as text, not through ElementTree: whatever a title, a tag or the
    site's language holds, each feed parses, and a reader gets the text (or attribute) back."""
    config = make_config(language=language)
    post = make_post(config, "lora", "LoRA", 20)
    post.title = title
    post.tags = [Tag(name=tag, slug="t", path="/tags/t/", url="/repo/tags/t/")]
    root = ET.fromstring(atom(config, [post]))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == xml_safe(language)
    entry = root.find(f"{ATOM}entry")
    assert (entry.findtext(f"{ATOM}title") or "") == _parsed_text(title)
    assert entry.find(f"{ATOM}category").get("term") == xml_safe(tag)
    assert "第一段" in entry.findtext(f"{ATOM}content")
    item = ET.fromstring(rss(config, [post])).find("channel/item")
    assert (item.findtext("title") or "") == _parsed_text(title)
    assert (item.findtext("category") or "") == _parsed_text(tag)
