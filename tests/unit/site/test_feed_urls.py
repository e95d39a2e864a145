"""The feeds' URL rewriting equals the plain scan it replaced, on any markup (feeds.py)."""

from __future__ import annotations

import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.feeds import absolute_html
from generator.urls.checks import join_url

BASE = "https://h.example/repo/posts/p/"
_SCAN = re.compile(r"""<!--.*?-->|<[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>""", re.DOTALL)
_HAS_URL = re.compile(r"\s(?:href|src|srcset|poster|cite|action|data|longdesc)\s*=", re.IGNORECASE)


def _one_call_a_tag(html: str, base: str) -> str:
    """The rewriting as it was: a Python call for every tag and comment the scan finds."""

    def rewrite(match: re.Match[str]) -> str:
        text = match[0]
        if text.startswith("<!--") or not _HAS_URL.search(text):
            return text
        return absolute_html(text, base)  # one tag: rewritten by the same rules

    return _SCAN.sub(rewrite, html)


_PIECES = [
    *("<a", "<A", "<img ", "<p>", "<mi>", "</a>", "<", "<!--", "-->", "<b'", '<c"', '<x"y '),
    *(" href", " HREF", " src", " srcset", " data", " data-x", " title", " \u2003href", " ſrc", "\nhref"),
    *("=", " = ", '"', "'", ">", "/", "x", " ", "\t", "&amp;", "#f", "/x.png", "y.png 2x, z.png", "中"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_rewriting_equals_the_scan_with_a_call_a_tag(pieces: list[str]) -> None:
    html = "".join(pieces)
    assert absolute_html(html, BASE) == _one_call_a_tag(html, BASE)


def test_representative_markup() -> None:
    html = (
        '<h2 id="x"><a class="heading-anchor" href="#原理-1" aria-label="本节链接">#</a>原理</h2>'
        '<p><math><mi>x</mi><mo>=</mo></math> <a href="/posts/b/">b</a> <img src="a.png" alt="a"></p>'
        '<!-- <a href="/no/"> --><pre><code>&lt;a href="/x"&gt;</code></pre><a\nhref=/z>z</a>'
        '<a href=\'#\'>top</a><a href="#a\tb">t</a><a href="https://other.example/x?">o</a>'
    )
    assert absolute_html(html, BASE) == _one_call_a_tag(html, BASE)
    assert 'href="https://h.example/repo/posts/p/#%E5%8E%9F%E7%90%86-1"' not in absolute_html(html, BASE)
    assert 'href="https://h.example/repo/posts/p/#原理-1"' in absolute_html(html, BASE)


@settings(max_examples=200, deadline=None)
@given(
    base=st.sampled_from([BASE, "https://h.example/", "http://h.example/a/b?q=1", "https://h.example/p/#old"]),
    fragment=st.text(max_size=12),
)
def test_heading_links_join_as_urljoin_joins_them(base: str, fragment: str) -> None:
    url = "#" + fragment
    expected = f'<a href="{escape(join_url(base, url.strip()), quote=True)}">'
    assert absolute_html(f'<a href="{escape(url, quote=True)}">', base) == expected
