"""Hexo's built-in tag plugins (img, iframe, youtube, vimeo, link, pullquote) and notes in lists,
shown as the Hexo site showed them instead of left as written."""

from __future__ import annotations

import pytest

from generator.dialects.migrate import convert_shortcodes
from generator.markdown.render import RenderOptions, render_post

SRC = "content/posts/a.md"


def conv(body: str) -> tuple[str, list[str], list[str]]:
    """The converted text, the kinds converted and the kinds left as written."""
    text, findings = convert_shortcodes(body, SRC, 1)
    return text, [f.kind for f in findings if f.converted], [f.kind for f in findings if not f.converted]


def html(body: str) -> str:
    rendered = render_post(convert_shortcodes(body, SRC, 1)[0], RenderOptions(base_path="/blog/"))
    assert rendered.html is not None
    return rendered.html


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("{% img /images/loss.png %}", "![](/images/loss.png)"),
        ("{% img /images/loss.png 训练损失 %}", "![训练损失](/images/loss.png)"),
        ("{% img /images/loss.png \"'训练损失' 'loss 曲线'\" %}", '![loss 曲线](/images/loss.png "训练损失")'),
        (
            '{% img left /images/loss.png 300 200 \'"训练损失" "loss 曲线"\' %}',
            '<img src="/images/loss.png" class="left" width="300" height="200" title="训练损失" alt="loss 曲线" '
            'loading="lazy">',
        ),
        ("{% img https://x.org/a.png 640 %}", '<img src="https://x.org/a.png" width="640" alt="" loading="lazy">'),
        ("{% link 官网 https://hexo.io %}", "[官网](https://hexo.io)"),
        ("{% link Hexo 的文档 /docs/ false 文档 %}", '[Hexo 的文档](/docs/ "文档")'),
        (
            "{% link Hexo https://hexo.io true 去看看 %}",
            '<a href="https://hexo.io" title="去看看" target="_blank" rel="noopener">Hexo</a>',
        ),
        (
            "{% iframe https://example.org/demo %}",
            '<iframe src="https://example.org/demo" title="example.org" height="300" loading="lazy" allowfullscreen '
            'style="width:100%;border:0"></iframe>',
        ),
        (
            "{% iframe https://example.org/demo 560 315 %}",
            '<iframe src="https://example.org/demo" title="example.org" width="560" height="315" loading="lazy" '
            'allowfullscreen style="border:0"></iframe>',
        ),
    ],
)
def test_img_link_and_iframe_as_hexo_made_them(written: str, expected: str) -> None:
    text, converted, left = conv(f"前文\n\n{written}\n\n后文\n")
    assert text == f"前文\n\n{expected}\n\n后文\n"
    assert left == [] and len(converted) == 1 and converted[0].startswith("hexo:tag:")


@pytest.mark.parametrize(
    ("written", "src"),
    [
        ("{% youtube lJIrF4YjHfQ %}", "https://www.youtube-nocookie.com/embed/lJIrF4YjHfQ"),
        ("{% youtube lJIrF4YjHfQ video false %}", "https://www.youtube-nocookie.com/embed/lJIrF4YjHfQ"),
        (
            "{% youtube PL9hW1uS6HUfscJ9DHkOSoOX45MjXduUxo playlist %}",
            "https://www.youtube-nocookie.com/embed/videoseries?list=PL9hW1uS6HUfscJ9DHkOSoOX45MjXduUxo",
        ),
        ("{% vimeo 82090131 %}", "https://player.vimeo.com/video/82090131"),
    ],
)
def test_video_tags_embed_the_player_as_hugo_s_do(written: str, src: str) -> None:
    text, converted, left = conv(written + "\n")
    assert left == [] and converted == [f"hexo:tag:{written.split()[1]}"]
    assert text.startswith(f'<div class="video"><iframe src="{src}"')


def test_a_hexo_video_and_a_hugo_one_are_the_same_player() -> None:
    assert conv("{% youtube lJIrF4YjHfQ %}\n")[0] == conv("{{< youtube lJIrF4YjHfQ >}}\n")[0]
    assert conv("{% vimeo 82090131 %}\n")[0] == conv("{{< vimeo 82090131 >}}\n")[0]


@pytest.mark.parametrize(
    "written",
    [
        "{% img %}",
        "{% img left right %}",
        "{% youtube %}",
        "{% youtube not/an-id %}",
        "{% iframe javascript:alert(1) %}",
        "{% link 文字 javascript:alert(1) %}",
        "{% link 只有文字 %}",
    ],
)
def test_tags_without_what_they_need_are_left_and_reported(written: str) -> None:
    text, converted, left = conv(written + "\n")
    assert (text, converted) == (written + "\n", [])
    assert left == [f"hexo:tag:{written.split()[1]}"]


def test_site_paths_in_img_and_link_get_the_base_path() -> None:
    page = html("{% img /images/loss.png 训练损失 %}\n\n见 {% link 文档 /docs/ %}。\n")
    assert 'src="/blog/images/loss.png"' in page and 'href="/blog/docs/"' in page


def test_pullquote_is_a_blockquote_with_its_classes() -> None:
    body = "前文\n\n{% pullquote left %}\n**重要**的话\n{% endpullquote %}\n\n{% pullquote %}\n另一句\n{% endpullquote %}\n"
    text, converted, left = conv(body)
    assert text == "前文\n\n::: pullquote left\n**重要**的话\n:::\n\n::: pullquote\n另一句\n:::\n"
    assert left == [] and converted == ["hexo:tag:pullquote"] * 2
    page = html(body)
    assert '<blockquote class="pullquote left">\n<p><strong>重要</strong>的话</p>\n</blockquote>' in page
    assert '<blockquote class="pullquote">\n<p>另一句</p>\n</blockquote>' in page


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "- 第一项\n- {% note info %}\n  注意\n  {% endnote %}\n- 第三项\n",
            "- 第一项\n- ::: box-note\n  注意\n  :::\n- 第三项\n",
        ),
        (
            "1. 第一步\n2. {% note warning %}\n   小心\n   {% endnote %}\n",
            "1. 第一步\n2. ::: box-warning\n   小心\n   :::\n",
        ),
        ("> - {% note info %}\n>   注意\n>   {% endnote %}\n", "> - ::: box-note\n>   注意\n>   :::\n"),
        ("- {% note info %}\n  注意{% endnote %}\n- 下一项\n", "- ::: box-note\n  注意\n  :::\n- 下一项\n"),
        ("- {% note info %} 注意\n  {% endnote %}\n", "- ::: box-note\n  注意\n  :::\n"),
    ],
)
def test_a_note_opening_a_list_item_converts_and_the_list_stays_a_list(body: str, expected: str) -> None:
    text, converted, left = conv(body)
    assert (text, left) == (expected, [])
    assert converted == ["hexo:tag:note"]
    page = html(body)
    assert "{%" not in page and ":::" not in page and '<div class="callout' in page
    assert page.count("<ul>") + page.count("<ol>") == 1


def test_notes_nested_in_list_items_and_quotes_render_inside_them() -> None:
    body = "- 要点\n\n  {% note info %}\n  注意\n  {% endnote %}\n- 下一点\n\n> {% note danger %}\n> 危险\n> {% endnote %}\n"
    page = html(body)
    assert page.count("<li>") == 2 and "</div>\n</li>" in page
    assert '<blockquote>\n<div class="callout callout-caution" role="note" aria-label="当心">' in page
