"""The tags Butterfly and Stellar add to Hexo (labels and notes in colour, buttons, inline images,
boxes, swipers, device frames), shown as those themes showed them instead of left as written."""

from __future__ import annotations

import pytest

from generator.dialects.findings import summarise_findings
from generator.dialects.migrate import convert_shortcodes
from tests.migrate.test_hexo_tags import SRC, conv, html


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("{% label 定义1.2 blue %}", '<span class="label label-blue">定义1.2</span>'),  # Butterfly: text, colour
        ("{% label 结论3.1 green %}", '<span class="label label-green">结论3.1</span>'),
        ("{% label 定理 %}", '<span class="label label-default">定理</span>'),
        ("{% label 'Lemma 2' pink %}", '<span class="label label-pink">Lemma 2</span>'),
        ("{% label 第 2 版 %}", '<span class="label label-default">第 2 版</span>'),  # no colour: all text
        ("{% label primary@重要 %}", '<span class="label label-primary">重要</span>'),  # NexT: class@text
        ("{% label warning @小心 blue %}", '<span class="label label-warning">小心 blue</span>'),  # Fluid
    ],
)
def test_butterfly_labels_take_their_colour_and_next_labels_their_class(written: str, expected: str) -> None:
    text, converted, left = conv(f"见 {written} 一节\n")
    assert text == f"见 {expected} 一节\n"
    assert (converted, left) == (["hexo:tag:label"], [])


@pytest.mark.parametrize(
    ("opener", "kind"),
    [
        ("{% note blue 'fas fa-book' flat %}", "note"),
        ("{% note purple 'fas fa-ruler' flat %}", "important"),
        ("{% note orange 'fas fa-calculator' flat %}", "warning"),
        ("{% note green 'fas fa-lightbulb' flat %}", "tip"),
        ("{% note red no-icon modern %}", "caution"),
        ("{% note simple %}", "note"),
        ("{% note info %}", "note"),  # NexT's note showed no title either
        ("{% note warning no-icon %}", "warning"),
    ],
)
def test_hexo_notes_are_callouts_of_their_colour_without_an_invented_title(opener: str, kind: str) -> None:
    page = html(f"{opener}\n**定义 1.2** 内容\n{{% endnote %}}\n")
    assert page.startswith(f'<div class="callout callout-{kind}" role="note" aria-label="')
    assert "callout-title" not in page and "fa-" not in page and "flat" not in page
    assert "<p><strong>定义 1.2</strong> 内容</p>" in page


def test_a_titled_container_written_by_hand_keeps_its_title() -> None:
    assert '<p class="callout-title">说明</p>' in html("::: note\nx\n:::\n")
    assert '<p class="callout-title">自己的</p>' in html("::: box-tip 自己的\nx\n:::\n")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "{% btn 'https://www.bilibili.com/video/BV1ML4y1P7KN',video,fas fa-video,green %}",
            '<span class="button button-green">[video](https://www.bilibili.com/video/BV1ML4y1P7KN)</span>',
        ),
        ("{% btn https://x.org/a,文档 %}", '<span class="button button-default">[文档](https://x.org/a)</span>'),
        (
            "{% btn /about/,关于,far fa-hand-point-right,outline blue larger %}",
            '<span class="button button-blue">[关于](/about/)</span>',
        ),
        ("{% btn https://x.org/ %}", '<span class="button button-default">[https://x.org/](https://x.org/)</span>'),
        (
            "{% button https://x.org/, 下载 [v1], fa fa-download, 最新版 %}",  # NexT: the 4th is a title
            '<span class="button button-default">[下载 \\[v1\\]](https://x.org/ "最新版")</span>',
        ),
        (
            "{% inlineImg https://s2.loli.net/2022/09/08/a.png 50px %}",
            '<img src="https://s2.loli.net/2022/09/08/a.png" class="inline-img" alt="" '
            'style="height:50px;width:auto" loading="lazy">',
        ),
        (
            "{% inlineImg /img/smile.gif 1.5em %}",
            '<img src="/img/smile.gif" data-site-src class="inline-img" alt="" style="height:1.5em;width:auto" '
            'loading="lazy">',
        ),
        ("{% inlineImg a.png %}", '<img src="a.png" class="inline-img" alt="" loading="lazy">'),
        (
            "{% frame iphone11 img:https://x.org/d.png %}",
            '<img src="https://x.org/d.png" class="device-shot" alt="" loading="lazy">',
        ),
        (
            "{% frame iphone11 img:/img/d.png focus:top 设置页 %}",
            '<img src="/img/d.png" data-site-src class="device-shot" alt="设置页" loading="lazy">',
        ),
    ],
)
def test_buttons_inline_images_and_frames_become_what_they_showed(written: str, expected: str) -> None:
    text, converted, left = conv(f"前 {written} 后\n")
    assert text == f"前 {expected} 后\n"
    assert left == [] and len(converted) == 1


@pytest.mark.parametrize(
    "written",
    ["{% btn javascript:alert(1),x %}", "{% btn %}", "{% inlineImg %}", "{% frame iphone11 video:/a.mp4 %}"],
)
def test_theme_tags_without_what_they_need_are_left_and_reported(written: str) -> None:
    text, converted, left = conv(written + "\n")
    assert (text, converted) == (written + "\n", [])
    assert left == [f"hexo:tag:{written.split()[1]}"]


def test_buttons_and_inline_images_in_a_table_stay_in_their_cells() -> None:
    body = (
        "|序号|Lecture|图|\n|:-:|:-:|:-:|\n"
        "|1|Intro<br/>{% btn 'https://b.tv/v1',video,fas fa-video,green %}<br/>{% btn /notes/,materials,fas fa-book,blue %}"
        "|{% inlineImg /img/rule.png 80px %}|\n"
    )
    page = html(body)
    assert page.count('<td style="text-align:center">') == 3 and "{%" not in page
    assert '<span class="button button-green"><a href="https://b.tv/v1">video</a></span>' in page
    assert '<span class="button button-blue"><a href="/blog/notes/">materials</a></span>' in page
    assert (
        '<td style="text-align:center"><img src="/blog/img/rule.png" class="inline-img" alt="" style="height:80px;width:auto"'
        in page
    )


def test_stellar_boxes_are_callouts_titled_only_when_a_title_is_given() -> None:
    body = (
        "{% box 提示 %}\n先备份。\n{% endbox %}\n\n{% box color:orange %}\n**免责声明**\n{% endbox %}\n\n"
        "{% box 警告：驱动 $x$ 会挂 color:red %}\n小心\n{% endbox %}\n"
    )
    text, converted, left = conv(body)
    assert text.splitlines()[0] == "::: box-note 提示"
    assert (converted, left) == (["hexo:tag:box"] * 3, [])
    page = html(body)
    assert '<div class="callout callout-note" role="note">\n<p class="callout-title">提示</p>\n<p>先备份。</p>' in page
    assert '<div class="callout callout-warning" role="note" aria-label="警告">\n<p><strong>免责声明' in page
    assert (
        '<div class="callout callout-caution" role="note">\n<p class="callout-title">警告：驱动 <span class="math'
        in page
    )


def test_a_stellar_swiper_is_a_row_of_its_images() -> None:
    body = "{% swiper width:max effect:cards/coverflow %}\n\n![> ](https://x.org/1.png)\n\n![> 原理图](/img/2.png)\n\n{% endswiper %}\n"
    _, converted, left = conv(body)
    assert (converted, left) == (["hexo:tag:swiper"], [])
    page = html(body)
    assert page.startswith('<div class="picture-row">\n<figure><img src="https://x.org/1.png"')
    assert '<img src="/blog/img/2.png"' in page and page.endswith("</figure>\n</div>\n")


def test_converted_theme_tags_are_counted_not_warned() -> None:
    body = "{% btn https://x.org,a %} {% btn https://x.org,b %} {% inlineImg https://x.org/i.png 9px %}\n"
    _, findings = convert_shortcodes(body, SRC, 1)
    assert sorted(f.kind for f in findings) == ["hexo:tag:btn", "hexo:tag:btn", "hexo:tag:inlineImg"]
    assert summarise_findings(findings) == []
