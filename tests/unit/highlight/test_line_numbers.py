"""Line numbers on request: the site's line_numbers, or Hugo's {linenos=…} on one fence."""

from __future__ import annotations

import re
from html import unescape

import pytest

from generator.highlight.blocks import highlight_code, wants_line_numbers
from generator.markdown.render import RenderOptions, render_post

NUMBER = re.compile(r'<span class="line-no" aria-hidden="true">\s*(\d+)</span>')


@pytest.mark.parametrize(
    ("info", "default", "expected"),
    [
        ("python", False, False),
        ("python", True, True),
        ("python {linenos=true}", False, True),
        ("python {linenos=table}", False, True),
        ("python {linenos=false}", True, False),
        ("python linenos", False, True),
    ],
)
def test_the_fence_decides_over_the_site(info: str, default: bool, expected: bool) -> None:
    assert wants_line_numbers(info, default) is expected


def test_each_line_gets_one_number_and_the_language_stays() -> None:
    html = highlight_code('s = """a\nb"""\nprint(s)\n', "python {linenos=true}")
    assert NUMBER.findall(html) == ["1", "2", "3"]
    assert 'data-lang="python"' in html
    assert unescape(re.sub(r"<[^>]+>", "", NUMBER.sub("", html))).rstrip("\n") == 's = """a\nb"""\nprint(s)'


def test_the_site_setting_numbers_every_block() -> None:
    body = "```python\nx = 1\ny = 2\n```\n\n```\nplain\n```\n"
    assert len(NUMBER.findall(render_post(body, RenderOptions()).html)) == 0
    assert len(NUMBER.findall(render_post(body, RenderOptions(line_numbers=True)).html)) == 3
