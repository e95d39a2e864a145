"""Hexo tags, Jekyll Liquid and Hugo shortcodes: converted, or left as written and reported."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.dialects.migrate import Finding, convert_shortcodes, summarise_findings, unescape_in_code
from generator.markdown.render import RenderOptions, render_post

SRC = "content/posts/a.md"


def conv(body: str, first_line: int = 1, **kw: str) -> tuple[str, list[tuple[str, int]]]:
    """The converted text and what was left as written (converted constructs are counted apart)."""
    text, findings = convert_shortcodes(body, SRC, first_line, **kw)
    assert all(f.source == SRC for f in findings)
    return text, [(f.kind, f.line) for f in findings if not f.converted]


def html(body: str) -> str:
    text, _ = convert_shortcodes(body, SRC, 1)
    rendered = render_post(text, RenderOptions(base_path="/repo/"))
    assert rendered.html is not None
    return rendered.html


# --- code blocks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing", "language"),
    [
        ("{% codeblock lang:python %}", "{% endcodeblock %}", "python"),
        ("{% codeblock main.py lang:python https://x.org/a.py source %}", "{% endcodeblock %}", "python"),
        ("{% codeblock %}", "{% endcodeblock %}", ""),
        ("{% code lang:js %}", "{% endcode %}", "js"),
        ("{% highlight python %}", "{% endhighlight %}", "python"),
        ("{% highlight python linenos %}", "{% endhighlight %}", "python"),
        ("{%- highlight ruby -%}", "{%- endhighlight -%}", "ruby"),
        ('{{< highlight go "linenos=table,hl_lines=2" >}}', "{{< /highlight >}}", "go {linenos=true}"),
        ("{{% highlight go %}}", "{{% /highlight %}}", "go"),
    ],
)
def test_code_tags_become_fences(opening: str, closing: str, language: str) -> None:
    body = f"before\n\n{opening}\nx = {{{{ y }}}}\n  {{% not_a_tag %}}\n{closing}\n\nafter\n"
    text, findings = conv(body)
    assert text == f"before\n\n```{language}\nx = {{{{ y }}}}\n  {{% not_a_tag %}}\n```\n\nafter\n"
    assert findings == []
    assert text.count("\n") == body.count("\n")


def test_code_tag_inline_gets_its_own_lines() -> None:
    text, _ = conv("see {% highlight py %}print(1){% endhighlight %} here")
    assert text == "see \n```py\nprint(1)\n```\n here"


def test_code_containing_a_fence_gets_a_longer_fence() -> None:
    text, _ = conv("{% highlight markdown %}\n```py\nx\n```\n{% endhighlight %}\n")
    assert text == "````markdown\n```py\nx\n```\n````\n"
    assert '<code class="language-markdown">' in html("{% highlight markdown %}\n```py\nx\n```\n{% endhighlight %}\n")


def test_code_tag_in_a_list_keeps_indentation() -> None:
    text, _ = conv("1. step\n\n   {% codeblock lang:sh %}\n   ls\n   {% endcodeblock %}\n")
    assert text == "1. step\n\n   ```sh\n   ls\n   ```\n"


def test_code_tag_renders_highlighted() -> None:
    out = html("{% codeblock lang:python %}\ndef f():\n    pass\n{% endcodeblock %}\n")
    assert 'data-lang="python"' in out and "codeblock" not in out


# --- code is never converted ----------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "```\n{{ site.baseurl }} {% asset_img a.png %} {{< youtube x >}}\n```\n",
        "~~~liquid\n{% include x.html %}\n~~~\n",
        "> ```\n> {% note %}\n> ```\n",
        "- item\n\n    ```\n    {{< figure src=x >}}\n    ```\n",
        "````\n```\n{% note %}\n```\n````\n",
        "text `{{ site.baseurl }}` and ``{% note %}`` end\n",
        "```\nunclosed fence {% note %}\n",
    ],
)
def test_code_is_left_alone(body: str) -> None:
    text, findings = conv(body)
    assert text == body
    assert findings == []


def test_an_unclosed_backtick_is_text() -> None:
    text, findings = conv("a ` b {{ site.baseurl }}/x\n\nc `d`\n")
    assert text == "a ` b /x\n\nc `d`\n"
    assert findings == []


def test_inline_code_does_not_cross_a_blank_line() -> None:
    text, _ = conv("a ` b\n\n{{ site.url }}/x `\n")
    assert text == "a ` b\n\n/x `\n"


def test_escapes_inside_code_are_undone() -> None:
    body = '```\n{% raw %}{{ page.title }}{% endraw %}\n{{</* figure src="x" */>}}\n{{%/* notice */%}}\n```\n'
    text, findings = conv(body)
    assert text == '```\n{{ page.title }}\n{{< figure src="x" >}}\n{{% notice %}}\n```\n'
    assert findings == []
    assert unescape_in_code("{% raw %} alone") == "{% raw %} alone"


# --- Hexo assets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "markdown"),
    [
        ("{% asset_img diagram.png %}", "![](diagram.png)"),
        ("{% asset_img diagram.png 架构图 %}", "![架构图](diagram.png)"),
        ("{% asset_img diagram.png a [b] c %}", "![a \\[b\\] c](diagram.png)"),
        ("{% asset_img wide diagram.png 600 400 Title %}", "![Title](diagram.png)"),
        ('{% asset_img diagram.png "The title" "The alt" %}', '![The alt](diagram.png "The title")'),
        ("{% asset_img my pic.png %}", "![](pic.png)"),
        ("{% asset_link paper.pdf 论文 PDF %}", "[论文 PDF](paper.pdf)"),
        ("{% asset_link paper.pdf %}", "[paper.pdf](paper.pdf)"),
        ("{% asset_link paper.pdf Paper false %}", "[Paper](paper.pdf)"),
        ("{% asset_path data.csv %}", "data.csv"),
    ],
)
def test_hexo_assets(tag: str, markdown: str) -> None:
    assert conv(tag) == (markdown, [])


def test_asset_img_renders_a_relative_image_as_a_figure() -> None:
    rendered = html("{% asset_img diagram.png 架构图 %}\n")
    assert '<figure><img src="diagram.png" alt="架构图" /><figcaption>架构图</figcaption></figure>' in rendered


def test_asset_img_without_a_file_is_reported() -> None:
    assert conv("{% asset_img %}") == ("{% asset_img %}", [("hexo:tag:asset_img", 1)])


# --- Jekyll ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("![a]({{ site.baseurl }}/img/a.png)", "![a](/img/a.png)"),
        ("![a]({{site.baseurl}}/img/a.png)", "![a](/img/a.png)"),
        ("[x]({{ site.url }}{{ site.baseurl }}/about/)", "[x](/about/)"),
        ("[home]({{ site.baseurl }})", "[home](/)"),
        ('[x]({{ "/about/" | relative_url }})', "[x](/about/)"),
        ("[x]({{ 'about/' | absolute_url }})", "[x](/about/)"),
        ('[x]({{ "/css/a.css" | prepend: site.baseurl }})', "[x](/css/a.css)"),
        ("[x]({{- site.baseurl -}}/a/)", "[x](/a/)"),
    ],
)
def test_jekyll_urls(body: str, expected: str) -> None:
    assert conv(body) == (expected, [])


def test_jekyll_url_gets_the_base_path_when_rendered() -> None:
    assert '<img src="/repo/img/a.png"' in html("![a]({{ site.baseurl }}/img/a.png)\n")


def test_raw_is_unwrapped_and_its_content_untouched() -> None:
    assert conv("{% raw %}{{ page.title }} {% note %}{% endraw %}") == ("{{ page.title }} {% note %}", [])


@pytest.mark.parametrize(
    ("body", "expected", "pattern"),
    [
        ("[p]({% post_url 2020-01-01-hello-world %})", "[p](/posts/hello-world/)", "/posts/{slug}/"),
        ("[p]({% post_url /notes/2020-01-01-hello %})", "[p](/posts/hello/)", "/posts/{slug}/"),
        ("[p]({% post_url 2020-03-04-hi %})", "[p](/2020/03/04/hi/)", "/{year}/{month}/{day}/{slug}/"),
    ],
)
def test_post_url(body: str, expected: str, pattern: str) -> None:
    assert conv(body, post_pattern=pattern) == (expected, [])


def test_post_url_without_a_date_is_left_and_reported() -> None:
    assert conv("{% post_url hello %}") == ("{% post_url hello %}", [("jekyll:liquid:post_url", 1)])


def test_other_liquid_is_left_and_reported() -> None:
    body = "{% include figure.html src=x %}\n{{ page.title }}\n{% if x %}y{% endif %}\n"
    text, findings = conv(body, first_line=7)
    assert text == body
    assert findings == [("jekyll:liquid:include", 7), ("jekyll:liquid:output", 8), ("jekyll:liquid:if", 9)]


def test_a_jekyll_themes_table_of_contents_include_is_dropped_as_hugos_toc_is() -> None:
    """Beautiful Jekyll's `{% include toc.html %}` (27 posts of a real blog): the theme shows one."""
    text, findings = conv("前言\n\n{% include toc.html %}\n\n## 一\n", first_line=5)
    assert text == "前言\n\n\n\n## 一\n"
    assert findings == []  # nothing left as written


def test_tex_braces_are_not_liquid() -> None:
    body = "$\\frac{{a}}{b}$ and $x^{{2}}$\n"
    assert conv(body) == (body, [])


# --- Hugo --------------------------------------------------------------------------------


def test_figure() -> None:
    text, findings = conv('{{< figure src="cat.jpg" alt="a cat" caption="一只<猫>" >}}')
    assert (
        text == '<figure><img src="cat.jpg" alt="a cat" loading="lazy"><figcaption>一只&lt;猫&gt;</figcaption></figure>'
    )
    assert findings == []


def test_figure_with_link_title_and_no_caption() -> None:
    text, _ = conv("{{< figure src=/img/a.png link=https://x.org title='T' >}}")
    assert text == (
        '<figure><a href="https://x.org"><img src="/img/a.png" alt="" title="T" loading="lazy"></a>'
        "<figcaption>T</figcaption></figure>"
    )
    text, _ = conv('{{< figure src="a.png" >}}')
    assert text == '<figure><img src="a.png" alt="" loading="lazy"></figure>'


def test_figure_spanning_lines() -> None:
    text, _ = conv('{{< figure\n  src="a.png"\n  alt="A"\n>}}\nnext\n')
    assert text.startswith('<figure><img src="a.png" alt="A"')
    assert text.endswith("\nnext\n")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[x]({{< ref "other-post.md" >}})', "[x](/posts/other-post/)"),
        ('[x]({{< relref "/posts/other-post" >}})', "[x](/posts/other-post/)"),
        ('[x]({{< ref "posts/bundle/index.md" >}})', "[x](/posts/bundle/)"),
        ('[x]({{< ref "2020-01-01-dated.md#用法" >}})', "[x](/posts/dated/#用法)"),
        ('[x]({{< ref path="other.md" >}})', "[x](/posts/other/)"),
        ("[x]({{% ref other %}})", "[x](/posts/other/)"),
        ('[x]({{< relref "#第二节" >}})', "[x](#第二节)"),  # this page's heading, as Hugo resolves it
        ('[x]({{< ref "#second" >}})', "[x](#second)"),
    ],
)
def test_ref(body: str, expected: str) -> None:
    assert conv(body) == (expected, [])


def test_ref_needing_a_date_is_left_and_reported() -> None:
    body = '{{< ref "x.md" >}}'
    assert conv(body, post_pattern="/{year}/{slug}/") == (body, [("hugo:shortcode:ref", 1)])


def test_unsupported_shortcodes_are_left_and_reported() -> None:
    body = "{{< instagram abc >}}\n{{% notice tip %}}\n文字 {{< figure src=in-notice.png >}}\n{{% /notice %}}\n{{< video src=a.mp4 />}}\n"
    text, findings = conv(body, first_line=10)
    assert text.startswith("{{< instagram abc >}}\n::: tip\n文字 <figure>")  # notice is a callout now
    assert text.endswith("\n:::\n{{< video src=a.mp4 />}}\n")
    assert findings == [("hugo:shortcode:instagram", 10), ("hugo:shortcode:video", 14)]


@pytest.mark.parametrize(
    ("opening", "closing", "container"),
    [
        ("{{% callout warning %}}", "{{% /callout %}}", "::: warning"),
        ('{{< callout type="danger" title="注意" >}}', "{{< /callout >}}", "::: caution 注意"),
        ("{{< alert >}}", "{{< /alert >}}", "::: note"),
        ("{{< hint info >}}", "{{< /hint >}}", "::: note"),
        ('{{< admonition type=tip title="小技巧" >}}', "{{< /admonition >}}", "::: tip 小技巧"),
        ('{{< admonition tip "小技巧" false >}}', "{{< /admonition >}}", "::: tip 小技巧"),
        ('{{< notice warning "版本差异" >}}', "{{< /notice >}}", "::: warning 版本差异"),
        ('{{< spoiler text="答案" >}}', "{{< /spoiler >}}", "::: details 答案"),
        ("{{% fold 参考代码 %}}", "{{% /fold %}}", "::: details 参考代码"),
        ('{{% fold "为什么复杂度依然正确？" %}}', "{{% /fold %}}", "::: details 为什么复杂度依然正确？"),
    ],
)
def test_hugo_callouts_become_containers_line_for_line(opening: str, closing: str, container: str) -> None:
    text, findings = conv(f"前\n{opening}\n内容\n{closing}\n后\n")
    assert text == f"前\n{container}\n内容\n:::\n后\n"
    assert findings == []


@pytest.mark.parametrize(
    ("opening", "closing", "title"),
    [
        ('{{% admonition title="**定理 1**" no-icon=true %}}', "{{% /admonition %}}", "<strong>定理 1</strong>"),
        ('{{< admonition type="tip" title="用 `sort` 排序" >}}', "{{< /admonition >}}", "用 <code>sort</code> 排序"),
        ('{{< notice warning title="*注意* 版本" >}}', "{{< /notice >}}", "<em>注意</em> 版本"),
        (
            '{{< callout type="info" title="见 [文档](https://x.org)" >}}',
            "{{< /callout >}}",
            '见 <a href="https://x.org">',
        ),
        ('{{< alert title="__粗体__" >}}', "{{< /alert >}}", "<strong>粗体</strong>"),
        ('{{< hint info "**提示**" >}}', "{{< /hint >}}", ""),  # hint's first word is its kind: no title
    ],
)
def test_a_hugo_callout_title_is_read_as_markdown(opening: str, closing: str, title: str) -> None:
    """Hugo themes (LoveIt, DoIt, FixIt) render an admonition's title with markdownify."""
    out = html(f"{opening}\n正文\n{closing}\n")
    assert "**" not in out and "`" not in out
    assert f'<p class="callout-title">{title}' in out


def test_a_hugo_callout_title_converts_its_formulas_with_the_post() -> None:
    body = '{{< admonition type="tip" title="复杂度 $O(n^2)$ 的 `sort`" >}}\n内容。\n{{< /admonition >}}\n'
    rendered = render_post(convert_shortcodes(body, SRC, 1)[0], RenderOptions(base_path="/", dialect="hugo"))
    assert rendered.html is not None and rendered.warnings == ()
    assert '<p class="callout-title">复杂度 <span class="math math-inline"><math>' in rendered.html
    assert "的 <code>sort</code></p>" in rendered.html
    assert rendered.excerpt.text == "内容。"  # the title is not the callout's text


def test_a_spoiler_summary_is_read_as_markdown() -> None:
    out = html('{{< spoiler text="**答案** 与 `code`" >}}\n内容\n{{< /spoiler >}}\n')
    assert "<details>\n<summary><strong>答案</strong> 与 <code>code</code></summary>\n<p>内容</p>" in out


def test_raw_html_in_a_callout_title_is_shown_as_written() -> None:
    out = html('{{< admonition title="<img src=x onerror=alert(1)> **粗** <!--" >}}\n正文\n{{< /admonition >}}\n')
    assert '<p class="callout-title">&lt;img src=x onerror=alert(1)&gt; <strong>粗</strong> &lt;!--</p>' in out
    assert "<img" not in out


def test_a_bad_formula_in_a_callout_title_is_warned_about_at_its_line() -> None:
    body = '前\n\n{{< admonition title="坏 $\\frac{a$" >}}\n正文\n{{< /admonition >}}\n'
    rendered = render_post(convert_shortcodes(body, SRC, 5)[0], RenderOptions(base_path="/"), first_line=5)
    assert [line for line, _, _ in rendered.warnings] == [7]


def test_wowchemy_math_wrapper_is_dropped() -> None:
    assert conv("{{< math >}}\n$$x^2$$\n{{< /math >}}\n") == ("\n$$x^2$$\n\n", [])


def test_wowchemy_highlight_and_toc() -> None:
    assert conv("{{< toc >}}\n重点是 {{< hl >}}学习率{{< /hl >}}。\n") == ("\n重点是 <mark>学习率</mark>。\n", [])


def test_hugo_escaped_shortcode_in_prose_shows_the_shortcode() -> None:
    assert conv("write {{</* youtube id */>}} to embed") == ("write {{< youtube id >}} to embed", [])


def test_hexo_note_and_blockquote_become_containers() -> None:
    body = "{% note info %}\n注意\n{% endnote %}\n{% blockquote %}q{% endblockquote %}\n"
    text, findings = conv(body)
    assert text == "::: box-note\n注意\n:::\n::: quote\nq\n:::\n"
    assert findings == []
    _, all_findings = convert_shortcodes(body, SRC, 1)
    assert [(f.kind, f.converted) for f in all_findings] == [("hexo:tag:note", True), ("hexo:tag:blockquote", True)]


def test_hexo_tabs_become_titled_blocks_line_for_line() -> None:
    body = (
        "{% tabs 安装, 2 %}\n<!-- tab pip@python -->\npip install torch\n<!-- endtab -->\n"
        "<!-- tab conda -->\n{% note info %}\n用 conda\n{% endnote %}\n<!-- endtab -->\n{% endtabs %}\n"
    )
    text, findings = conv(body, first_line=5)
    assert text == "\n:::: tab pip\npip install torch\n::::\n:::: tab conda\n::: box-note\n用 conda\n:::\n::::\n\n"
    assert findings == []
    rendered = html(body)
    assert rendered.count('<div class="tab-panel">') == 2 and ":::" not in rendered
    assert (
        '<p class="tab-title">conda</p>\n<div class="callout callout-note" role="note" aria-label="说明">' in rendered
    )


def test_unsupported_hexo_tags() -> None:
    body = "{% note info %}\n注意 (never closed)\n{% tabs first %}\n{% fold 点开 %}\n"
    text, findings = conv(body)
    assert text == body
    assert findings == [("hexo:tag:note", 1), ("hexo:tag:tabs", 3), ("hexo:tag:fold", 4)]


# --- malformed input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("{% codeblock lang:py %}\nx = 1\n", "hexo:tag:codeblock:unclosed"),
        ("{% highlight py %}\nx = 1\n", "jekyll:liquid:highlight:unclosed"),
        ("{% raw %}{{ x }}", "jekyll:liquid:raw:unclosed"),
        ("{{< highlight go >}}\nx\n", "hugo:shortcode:highlight:unclosed"),
        ("x\n{% endhighlight %}\n", "jekyll:liquid:endhighlight:unopened"),
        ("x {{< /highlight >}}", "hugo:shortcode:highlight:unopened"),
        ("50{% of it", "liquid:tag:unterminated"),
        ("a {{< youtube x\n\nmore", "hugo:shortcode:unterminated"),
        ("{{< figure >}}", "hugo:shortcode:figure"),  # no src: nothing to show
    ],
)
def test_malformed_is_left_and_reported_once(body: str, kind: str) -> None:
    text, findings = conv(body)
    assert text == body
    assert [k for k, _ in findings] == [kind]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "{%",
                "%}",
                "{{",
                "}}",
                "{{<",
                ">}}",
                "{{%",
                "%}}",
                "/*",
                "*/",
                "`",
                "```",
                "\n",
                " ",
                "raw",
                "endraw",
                "highlight",
                "endhighlight",
                "codeblock",
                "/highlight",
                "figure",
                "src=",
                '"',
                "a.png",
                "site.baseurl",
                "|",
                "-",
                "x",
                "汉",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_never_crashes(body: str) -> None:
    text, findings = convert_shortcodes(body, SRC, 3)
    assert isinstance(text, str)
    assert all(f.line >= 3 for f in findings)


# --- the site-wide summary -----------------------------------------------------------------


def test_one_warning_per_kind_with_count_and_first_place() -> None:
    findings = [
        Finding("hugo:shortcode:youtube", 30, "content/posts/b.md", "{{< youtube x >}}"),
        Finding("hugo:shortcode:youtube", 12, "content/posts/a.md", "{{< youtube y >}}"),
        Finding("hugo:shortcode:youtube", 40, "content/posts/a.md", "{{< youtube z >}}"),
        Finding("jekyll:liquid:output", 3, "content/posts/c.md", "{{ page.title }}"),
        Finding("hexo:tag:codeblock:unclosed", 9, "content/posts/c.md", "{% codeblock %}"),
    ]
    assert [str(d) for d in summarise_findings(findings)] == [
        "content/posts/a.md:12: Hugo shortcode {{< youtube >}} is not supported and was left as written "
        "(3 places; convert it to HTML or Markdown)",
        "content/posts/c.md:3: Liquid output {{ page.title }} is not supported and was left as written "
        "(1 place; replace it with the text it stood for)",
        "content/posts/c.md:9: Hexo tag {% codeblock %} has no {% endcodeblock %} and was left as written "
        "(1 place; add {% endcodeblock %})",
    ]
    assert all(not d.is_error for d in summarise_findings(findings))


def test_summary_with_source_of() -> None:
    found = summarise_findings([Finding("hexo:tag:note", 2)], source_of=lambda f: "content/posts/x.md")
    assert [str(d) for d in found] == [
        "content/posts/x.md:2: Hexo tag {% note %} is not supported and was left as written "
        "(1 place; convert it to HTML or Markdown)"
    ]


def test_line_numbers_are_file_lines() -> None:
    _, findings = conv("a\n\nb {% note %}\n", first_line=6)
    assert findings == [("hexo:tag:note", 8)]


# --- NexT / Butterfly / Fluid tags --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("{% post_link attention %}", "[attention](/posts/attention/)"),
        ("{% post_link ml/attention 注意力机制 %}", "[注意力机制](/posts/attention/)"),
        ("{% post_link 'rl-basics' '强化学习 [一]' %}", "[强化学习 \\[一\\]](/posts/rl-basics/)"),
        ('{% post_link "2021-09-30-ppo" "PPO 笔记" true %}', "[PPO 笔记](/posts/ppo/)"),
        ("{% post_link attention#多头 多头注意力 %}", "[多头注意力](/posts/attention/#多头)"),
        ("{% post_path attention %}", "/posts/attention/"),
        ("{% label primary@重要 %}", '<span class="label label-primary">重要</span>'),
        ("{% label danger @危险 <b> %}", '<span class="label label-danger">危险 &lt;b&gt;</span>'),
        ("{% gist tj/5c6a8e0 %}", "[GitHub Gist: tj/5c6a8e0](https://gist.github.com/tj/5c6a8e0)"),
        ("{% gist 5c6a8e0 train.py %}", "[GitHub Gist: train.py](https://gist.github.com/5c6a8e0)"),
    ],
)
def test_next_inline_tags_convert(written: str, expected: str) -> None:
    text, findings = conv(f"见 {written} 一文")
    assert text == f"见 {expected} 一文"
    assert findings == []


def test_post_link_needing_a_date_or_without_a_target_is_left_and_reported() -> None:
    assert conv("{% post_link attention %}", post_pattern="/{year}/{slug}/")[1] == [("hexo:tag:post_link", 1)]
    assert conv("a {% post_link  %}")[1] == [("hexo:tag:post_link", 1)]


def test_group_pictures_become_a_grid_line_for_line() -> None:
    body = "前文\n\n{% gp 2-2 %}\n![甲](a.png)\n![乙](b.png)\n{% endgp %}\n\n{% grouppicture 5-3 %}\n![丙](c.png)\n{% endgrouppicture %}\n"
    text, findings = conv(body)
    assert findings == [] and text.count("\n") == body.count("\n")
    assert "::: gallery 2\n![甲](a.png)\n![乙](b.png)\n:::" in text and "::: gallery 3\n![丙](c.png)\n:::" in text
    rendered = html(body)
    assert '<div class="picture-grid picture-grid-2">\n<p><img src="a.png" alt="甲"' in rendered
    assert '<div class="picture-grid picture-grid-3">' in rendered and "{%" not in rendered and ":::" not in rendered


def test_mermaid_becomes_a_mermaid_code_block() -> None:
    body = "{% mermaid graph TD %}\nA[数据] --> B[模型]\n{% endmermaid %}\n\n{% mermaid %}\nsequenceDiagram\n{% endmermaid %}\n"
    text, findings = conv(body)
    assert findings == []
    assert text.startswith("```mermaid\ngraph TD\nA[数据] --> B[模型]\n```\n")
    assert "```mermaid\nsequenceDiagram\n```" in text
    assert '<code class="language-mermaid">graph TD\nA[数据] --&gt; B[模型]\n</code>' in html(body)
    assert conv("{% mermaid %}\nA-->B\n")[1] == [("hexo:tag:mermaid:unclosed", 1)]


def test_nested_tabs_close_at_their_own_end() -> None:
    body = (
        "{% tabs 外层 %}\n<!-- tab 安装 -->\n{% tabs 内层 %}\n<!-- tab pip -->\npip install torch\n<!-- endtab -->\n"
        "{% endtabs %}\n<!-- endtab -->\n<!-- tab 使用 -->\nimport torch\n<!-- endtab -->\n{% endtabs %}\n后文\n"
    )
    text, findings = conv(body)
    assert findings == [] and text.count("\n") == body.count("\n")
    rendered = html(body)
    assert rendered.count('<div class="tab-panel">') == 3 and ":::" not in rendered and "{%" not in rendered
    inner = rendered.index('<p class="tab-title">pip</p>')
    assert rendered.index('<p class="tab-title">安装</p>') < inner < rendered.index('<p class="tab-title">使用</p>')
    assert rendered.rstrip().endswith("<p>后文</p>")


def test_player_tags_are_reported_once_per_kind_as_hexo_tags() -> None:
    body = (
        '{% meting "2142" "netease" "song" %}\n\n{% meting "7" "tencent" "song" %}\n\n{% aplayer "歌" "人" a.mp3 %}\n'
    )
    assert conv(body)[0] == body
    warnings = summarise_findings(convert_shortcodes(body, SRC, 1)[1])
    assert [str(w) for w in warnings] == [
        f"{SRC}:1: Hexo tag {{% meting %}} is not supported and was left as written "
        "(2 places; convert it to HTML or Markdown)",
        f"{SRC}:5: Hexo tag {{% aplayer %}} is not supported and was left as written "
        "(1 place; convert it to HTML or Markdown)",
    ]


@pytest.mark.parametrize(
    ("opening", "closing", "summary"),
    [
        ("{% fold info @中国大陆用户可以让终端走代理 %}", "{% endfold %}", "中国大陆用户可以让终端走代理"),
        ("{% folding green 点开看代码 %}", "{% endfolding %}", "点开看代码"),
        ("{% fold 推导过程 %}", "{% endfold %}", "推导过程"),
        ("{% hideToggle 查看答案,#fff,#000 %}", "{% endhideToggle %}", "查看答案"),
    ],
)
def test_folded_blocks_become_closed_details(opening: str, closing: str, summary: str) -> None:
    body = f"前文\n\n{opening}\n**折叠**的内容\n{closing}\n"
    text, findings = conv(body)
    assert findings == [] and text.count("\n") == body.count("\n")
    assert text == f"前文\n\n::: details {summary}\n**折叠**的内容\n:::\n"
    assert f"<details>\n<summary>{summary}</summary>\n<p><strong>折叠</strong>的内容</p>\n</details>" in html(body)


# --- jekyll-katex: {% katexmm %} only switched KaTeX on; {% katex %} is one formula ----------------


def test_katexmm_tags_go_and_their_math_stays() -> None:
    text, findings = convert_shortcodes("{% katexmm %}\n\nLet $x$ be\n\n$$\ny = x\n$$\n\n{% endkatexmm %}\n", SRC, 1)
    assert text == "\n\nLet $x$ be\n\n$$\ny = x\n$$\n\n\n"
    assert not any(f.kind.endswith("katexmm") and not f.converted for f in findings)


def test_a_katex_tag_is_a_formula() -> None:
    text, _ = convert_shortcodes(
        "see {% katex %}a^2{% endkatex %} and\n\n{% katex display %}\nb^2\n{% endkatex %}\n", SRC, 1
    )
    assert text == "see $a^2$ and\n\n$$b^2$$\n"
    html = render_post(text, RenderOptions()).html
    assert html.count("<math") == 2 and 'display="block"' in html


@pytest.mark.parametrize(
    ("body", "src"),
    [
        ("{{< youtube D2vj0WcvH5c >}}", "https://www.youtube-nocookie.com/embed/D2vj0WcvH5c"),
        ('{{< youtube id="D2vj0WcvH5c" title="Intro" >}}', "https://www.youtube-nocookie.com/embed/D2vj0WcvH5c"),
        ("{{< vimeo 146022717 >}}", "https://player.vimeo.com/video/146022717"),
        ("{{< bilibili BV1zkREYbE4E >}}", "https://player.bilibili.com/player.html?bvid=BV1zkREYbE4E&amp;autoplay=0"),
    ],
)
def test_hugo_video_shortcodes_embed_the_player(body: str, src: str) -> None:
    _, left = conv(body + "\n")
    assert left == []
    assert f'<iframe src="{src}"' in html(body + "\n")


def test_a_video_shortcode_without_an_id_is_left_and_reported() -> None:
    _, left = conv('{{< youtube "x y" >}}\n')
    assert left == [("hugo:shortcode:youtube", 1)]


# --- Hugo's katex shortcode (Blowfish, hugo-book): a marker alone, a formula when closed ------------


def test_a_lone_katex_shortcode_only_loaded_katex_and_goes() -> None:
    text, left = conv("{{< katex >}}\n\n正文 $x$ 与 \\(y\\)。\n")
    assert (text, left) == ("\n\n正文 $x$ 与 \\(y\\)。\n", [])
    assert "katex" not in html("{{< katex >}}\n\n正文\n")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("字母表 {{< katex >}}\\Sigma{{< /katex >}} 上", "字母表 $\\Sigma$ 上"),
        ("{{< katex display=true >}}G=(N,\\Sigma){{< /katex >}}", "$$G=(N,\\Sigma)$$"),
        ("{{< katex display >}}G{{< /katex >}}", "$$G$$"),
        ('{{< katex "display" >}}G{{< /katex >}}', "$$G$$"),
        ("{{< katex display=false >}}G{{< /katex >}}", "$G$"),
        ("{{% katex %}}a^2{{% /katex %}}", "$a^2$"),
    ],
)
def test_a_closed_katex_shortcode_is_a_formula(body: str, expected: str) -> None:
    assert conv(body + "\n") == (expected + "\n", [])


def test_a_display_katex_shortcode_over_lines_keeps_its_lines() -> None:
    body = "{{< katex display=true >}}\nG=(N,\\Sigma)\n{{< /katex >}}\n后文 {{< unknown >}}\n"
    text, left = conv(body)
    assert text.startswith("$$\nG=(N,\\Sigma)\n$$\n后文")
    assert left == [("hugo:shortcode:unknown", 4)]  # later lines are still where they were written
    page = html(body)
    assert page.count('<math display="block">') == 1 and "katex" not in page.replace("{{< unknown >}}", "")


def test_a_katex_marker_before_closed_ones_is_still_a_marker() -> None:
    text, left = conv("{{< katex >}}\n\n$a$ 与 {{< katex >}}b{{< /katex >}}\n")
    assert (text, left) == ("\n\n$a$ 与 $b$\n", [])


def test_a_display_katex_shortcode_with_blank_lines_keeps_the_lines_after_it() -> None:
    src = "{{< katex display >}}\n\n\nf(x)\n\n{{< /katex >}}\nlast"
    out, _ = convert_shortcodes(src, "content/posts/a.md", 1, "/posts/{slug}/")
    assert out.startswith("$$\nf(x)\n$$\n") and out.count("\n") == src.count("\n")
