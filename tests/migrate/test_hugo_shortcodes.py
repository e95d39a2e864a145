"""Hugo's mermaid, gist, tweet, tabs and highlight-with-line-numbers shortcodes, shown as the
Hexo conversions of the same things are, instead of left as written."""

from __future__ import annotations

import pytest

from generator.dialects.migrate import convert_shortcodes
from generator.markdown.render import RenderOptions, render_post

SRC = "content/posts/a.md"


def conv(body: str) -> tuple[str, list[str], list[str]]:
    """The converted text, the kinds converted and the kinds left as written."""
    text, findings = convert_shortcodes(body, SRC, 1)
    return text, [f.kind for f in findings if f.converted], [f.kind for f in findings if not f.converted]


def html(body: str, line_numbers: bool = False) -> str:
    rendered = render_post(convert_shortcodes(body, SRC, 1)[0], RenderOptions(line_numbers=line_numbers))
    assert rendered.html is not None
    return rendered.html


def test_mermaid_is_a_mermaid_block_as_hexo_s_is() -> None:
    body = "前文\n\n{{< mermaid >}}\ngraph TD\nA[数据] --> B[模型]\n{{< /mermaid >}}\n\n后文\n"
    text, converted, left = conv(body)
    assert text == "前文\n\n```mermaid\ngraph TD\nA[数据] --> B[模型]\n```\n\n后文\n"
    assert (converted, left) == (["hugo:shortcode:mermaid"], [])
    hexo = conv("前文\n\n{% mermaid %}\ngraph TD\nA[数据] --> B[模型]\n{% endmermaid %}\n\n后文\n")[0]
    assert text == hexo
    assert (
        '{{% mermaid align="left" %}}\ngraph LR\n{{% /mermaid %}}'
        not in conv('{{% mermaid align="left" %}}\ngraph LR\n{{% /mermaid %}}\n')[0]
    )
    assert conv("{{< mermaid >}}\ngraph TD\n")[2] == ["hugo:shortcode:mermaid:unclosed"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("{{< gist spf13 7896402 >}}", "[GitHub Gist: spf13/7896402](https://gist.github.com/spf13/7896402)"),
        ('{{< gist spf13 7896402 "img.html" >}}', "[GitHub Gist: img.html](https://gist.github.com/spf13/7896402)"),
    ],
)
def test_gist_is_a_link_as_hexo_s_is(written: str, expected: str) -> None:
    assert conv(f"代码见 {written}。\n") == (f"代码见 {expected}。\n", ["hugo:shortcode:gist"], [])
    assert conv("{% gist spf13/7896402 img.html %}\n")[0] == conv('{{< gist spf13 7896402 "img.html" >}}\n')[0]


@pytest.mark.parametrize(
    ("written", "link"),
    [
        (
            '{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}',
            "[Tweet by @SanDiegoZoo](https://x.com/SanDiegoZoo/status/1453110110599868418)",
        ),
        ("{{< tweet 877500564405444608 >}}", "[Tweet 877500564405444608](https://x.com/i/status/877500564405444608)"),
    ],
)
def test_a_tweet_is_a_quoted_link_and_loads_no_script(written: str, link: str) -> None:
    text, converted, left = conv(f"前文\n\n{written}\n\n后文\n")
    assert (text, converted, left) == (f"前文\n\n> {link}\n\n后文\n", ["hugo:shortcode:tweet"], [])
    page = html(f"前文\n\n{written}\n\n后文\n")
    assert '<blockquote>\n<p><a href="https://x.com/' in page and "<script" not in page


def test_a_tweet_in_running_text_is_a_link_that_takes_no_line_in() -> None:
    written = '{{< tweet user="x" id="1" >}}'
    assert conv(f"见 {written} 一文\n")[0] == "见 [Tweet by @x](https://x.com/x/status/1) 一文\n"
    assert conv(f"{written}\n下一行\n")[0] == "[Tweet by @x](https://x.com/x/status/1)\n下一行\n"
    assert conv('{{< tweet user="x" id="abc" >}}\n')[2] == ["hugo:shortcode:tweet"]


@pytest.mark.parametrize(
    ("opening", "tab"),
    [
        ("{{< tabs >}}", '{{< tab "NAME" >}}'),
        ('{{< tabs "uniqueid" >}}', '{{< tab "NAME" >}}'),  # hugo-book
        ("{{< tabs >}}", '{{< tab name="NAME" >}}'),
        ("{{< tabs >}}", '{{% tab header="NAME" %}}'),
    ],
)
def test_tabs_become_titled_blocks_as_hexo_s_do(opening: str, tab: str) -> None:
    closer = "{{% /tab %}}" if "%" in tab else "{{< /tab >}}"
    body = (
        f"{opening}\n{tab.replace('NAME', 'Python')}\nprint(1)\n{closer}\n{tab.replace('NAME', 'Go')}\n"
        f"{{{{< notice info >}}}}\n用 go run\n{{{{< /notice >}}}}\n{closer}\n{{{{< /tabs >}}}}\n后文\n"
    )
    text, converted, left = conv(body)
    assert left == [] and "hugo:shortcode:tabs" in converted
    assert text == "\n:::: tab Python\nprint(1)\n::::\n:::: tab Go\n::: note\n用 go run\n:::\n::::\n\n后文\n"
    hexo = (
        "{% tabs 语言 %}\n<!-- tab Python -->\nprint(1)\n<!-- endtab -->\n<!-- tab Go -->\n{% note info %}\n"
        "用 go run\n{% endnote %}\n<!-- endtab -->\n{% endtabs %}\n后文\n"
    )
    assert text == conv(hexo)[0].replace("::: box-note", "::: note")  # notice shows a title, Hexo's note none
    page = html(body)
    assert page.count('<div class="tab-panel">') == 2 and "{{" not in page and ":::" not in page


def test_tabs_on_one_line_and_nested_tabs() -> None:
    one_line = '{{< tabs >}}{{< tab "Python" >}}print(1){{< /tab >}}{{< /tabs >}}\n'
    text, _, left = conv(one_line)
    assert left == [] and text == ":::: tab Python\nprint(1)\n::::\n"
    nested = (
        '{{< tabs >}}\n{{< tab "安装" >}}\n{{< tabs >}}\n{{< tab "pip" >}}\npip install torch\n{{< /tab >}}\n'
        '{{< /tabs >}}\n{{< /tab >}}\n{{< tab "使用" >}}\nimport torch\n{{< /tab >}}\n{{< /tabs >}}\n'
    )
    text, _, left = conv(nested)
    assert left == [] and text.count("\n") == nested.count("\n")
    page = html(nested)
    assert page.count('<div class="tab-panel">') == 3 and "{{" not in page and ":::" not in page


def test_a_tab_outside_tabs_or_unclosed_tabs_are_left_and_reported() -> None:
    assert conv('{{< tab "x" >}}\na\n{{< /tab >}}\n')[2] == ["hugo:shortcode:tab"]
    body = '{{< tabs >}}\n{{< tab "x" >}}\na\n'
    assert conv(body)[0] == body and conv(body)[2] == ["hugo:shortcode:tabs", "hugo:shortcode:tab"]


@pytest.mark.parametrize(
    ("opening", "info"),
    [
        ('{{< highlight go "linenos=table,hl_lines=2 4-5" >}}', "go {linenos=true}"),
        ('{{< highlight go "linenos=inline" >}}', "go {linenos=true}"),
        ('{{< highlight go "hl_lines=2,linenos=false" >}}', "go {linenos=false}"),
        ('{{< highlight go "hl_lines=2" >}}', "go"),
        ("{{< highlight go >}}", "go"),
    ],
)
def test_highlight_keeps_its_line_numbers(opening: str, info: str) -> None:
    body = f"{opening}\npackage main\n\nfunc main() {{}}\n{{{{< /highlight >}}}}\n"
    text, converted, left = conv(body)
    assert (text, converted, left) == (
        f"```{info}\npackage main\n\nfunc main() {{}}\n```\n",
        ["hugo:shortcode:highlight"],
        [],
    )


def test_highlight_line_numbers_show_and_linenos_false_wins_over_the_site() -> None:
    numbered = html('{{< highlight go "linenos=table,hl_lines=2" >}}\na := 1\nb := 2\n{{< /highlight >}}\n')
    assert numbered.count('<span class="line-no" aria-hidden="true">') == 2
    plain = html('{{< highlight go "linenos=false" >}}\na := 1\n{{< /highlight >}}\n', line_numbers=True)
    assert "line-no" not in plain
