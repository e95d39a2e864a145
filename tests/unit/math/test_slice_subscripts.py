"""`{:…}` inside a formula is TeX (a slice's subscript), never a kramdown attribute list."""

from __future__ import annotations

import pytest

from generator.markdown.render import RenderOptions, render_post


@pytest.mark.parametrize("dialect", ["ours", "hexo", "hugo", "jekyll"])
def test_slice_subscripts_keep_their_braces(dialect: str) -> None:
    body = "取 $U_{:r}$ 的前 $r$ 列，记 $Q_{:,1:r} R_{11}$ 与 \\(V_{:k}\\) 为骨架，$$W_{:n}$$ 同理。\n"
    rendered = render_post(body, RenderOptions(dialect=dialect))
    assert "math-error" not in rendered.html and rendered.warnings == ()
    assert rendered.html.count("<math") == 5
    assert rendered.html.count("<mo>:</mo>") + rendered.html.count(">:<") >= 4


def test_an_attribute_list_after_emphasis_still_goes() -> None:
    rendered = render_post("a _b_{: .x} and $c_{:r}$\n", RenderOptions(dialect="jekyll"))
    assert "{:" not in rendered.html.split("<math")[0] and "<em>b</em>" in rendered.html
