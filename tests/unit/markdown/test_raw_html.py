"""Raw HTML a post leaves open is closed as a browser would read the page (rawhtml.py)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.markdown.rawhtml import _TAG
from generator.markdown.render import RenderOptions, render_post


@pytest.mark.parametrize(
    ("body", "closed"),
    [
        # The CDATA a <div> block leaves open ends at the '>' of the <p> markdown puts after the
        # block (outside <svg> and <math> a browser reads it as a comment up to the first '>'),
        # so the <script> in the paragraph is a real one, which would hide the page: closed.
        ("<div><![CDATA[\n\n文字 <script>\n", True),
        ("<div><!DOCTYPE\n\n# 标题 <script>\n", True),
        # The next block follows with no markup between: its <script> is inside the comment.
        ("<div><![CDATA[\n\n<script>\n", False),
        ("<div><![CDATA[ x >\n\n文字 <script>\n", True),  # ended in its own block, as before
    ],
)
def test_a_declaration_left_open_ends_where_a_browser_ends_it(body: str, closed: bool) -> None:
    html = str(render_post(body, RenderOptions()).html)
    assert html.endswith("</script></div>") is closed, html


@pytest.mark.parametrize(
    ("body", "ending"),
    [
        # A tag a block leaves without '>' ends at the '>' of the <p> after the block: <x> is open.
        ("<div><X\n\n文字 <script>\n", "</p>\n</script></x></div>"),
        ("<div><script\n\n文字 <b>\n", "</p>\n</script></div>"),  # a <script without '>' is still a script
        ('<div><X title="a\n\n文字 <script>\n', '</p>\n"></x></div>'),  # inside quotes: '">' as before
    ],
)
def test_a_tag_left_without_its_bracket_ends_where_a_browser_ends_it(body: str, ending: str) -> None:
    html = str(render_post(body, RenderOptions()).html)
    assert html.endswith(ending), html


def test_a_stray_end_tag_left_without_its_bracket_is_still_left_out() -> None:
    html = str(render_post("<span></div\n\n文字\n", RenderOptions()).html)
    assert "</div" not in html.split("<p>")[0], html


def test_an_end_tag_inside_an_open_noscript_is_left_out() -> None:
    """With scripts on, <noscript> is text up to </noscript>, so the </div> would not close the
    <div> and the page would be swallowed; with them off it closes both. Left out, and both
    closed at the post's end, the page reads the same either way."""
    rendered = render_post("文字 <div><noscript>\n\n文字 </div>\n", RenderOptions())
    assert str(rendered.html).endswith("<p>文字 </p>\n</noscript></div>"), rendered.html
    messages = [message for _, message, _ in rendered.warnings]
    assert "raw HTML end tag </div> inside an open <noscript> is left out, so the page around the post stays whole" in (
        messages
    )
    closed = render_post("<div><noscript>文字</noscript></div>\n", RenderOptions())
    assert not closed.warnings and str(closed.html) == "<div><noscript>文字</noscript></div>\n"


def test_a_quote_left_open_in_a_tag_is_found_at_once() -> None:
    """A backtracking tag pattern tried every cut of the text between the quotes: `<div
    class="note` with one heading after it took 20 s, and a few more words would never end."""
    body = '<div class="note\n\n' + "".join(
        f'## 节 {i} 的 "标题" 很长很长的一行 words and more words\n\n' for i in range(8)
    )
    script = (
        "import sys\n"
        "from generator.markdown.render import RenderOptions, render_post\n"
        "print(render_post(sys.stdin.read(), RenderOptions()).html[-40:])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=body, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith('"></div>'), done.stdout


ATTRIBUTES_AS_WRITTEN = re.compile(r"""<(/?)([A-Za-z][^\s/>\x00]*)((?:[^>"']+|"[^"]*"|'[^']*')*)>""")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="<>\"' =/ab\n\ue001", max_size=14))
def test_the_possessive_tag_pattern_finds_the_tags_the_backtracking_one_found(text: str) -> None:
    tag = "<a" + text
    mine, theirs = _TAG.match(tag), ATTRIBUTES_AS_WRITTEN.match(tag)
    assert (mine and (mine.groups(), mine.end())) == (theirs and (theirs.groups(), theirs.end()))
