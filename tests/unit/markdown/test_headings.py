"""Attribute blocks after headings, as Hugo, kramdown (Jekyll) and attr_list (Pelican) write them."""

from __future__ import annotations

import pytest

from generator.content.model import Rendered
from generator.markdown.headings import parse_attributes, trailing_attributes
from generator.markdown.render import RenderOptions, render_post
from generator.search.text import headings_text, searchable_text


def rendered(body: str) -> Rendered:
    return render_post(body, RenderOptions())


@pytest.mark.parametrize(
    "body",
    [
        "## 开机自启动 {#startup}\n",  # Hugo / goldmark, kramdown
        "## 开机自启动 {: #startup }\n",  # Python-Markdown attr_list
        "## 开机自启动 {:#startup}\n",
        "## 开机自启动 ##   {#startup}\n",
        "## 开机自启动\n{: #startup}\n",  # kramdown's block attribute list on the next line
        "开机自启动 {#startup}\n---\n",  # setext
    ],
)
def test_the_block_sets_the_id_and_leaves_the_text(body: str) -> None:
    result = rendered(body + "\n见[上文](#startup)。\n")
    assert '<h2 id="startup">开机自启动 <a class="heading-anchor" href="#startup"' in result.html
    assert "{" not in result.html
    assert [(h.id, h.text) for h in result.toc] == [("startup", "开机自启动")]
    assert '<a href="#startup">上文</a>' in result.html
    assert result.warnings == ()


def test_classes_and_other_attributes_go_on_the_heading() -> None:
    html = rendered('## 安装 {#install .note .wide data-level="2"}\n### 说明 {.aside}\n').html
    assert '<h2 id="install" class="note wide" data-level="2">安装 <a' in html
    assert '<h3 id="说明" class="aside">说明 <a' in html


@pytest.mark.parametrize(
    "heading",
    ["## Set {a, b}", "## 集合 {x}", "## 空 {}", "## esc \\{#no}", "## 函数 f{#x y}", "## 半 {#a", "## 中 {#a} 后"],
)
def test_braces_that_are_no_attribute_list_stay_text(heading: str) -> None:
    html = rendered(heading + "\n").html
    text = heading.removeprefix("## ").replace("\\{", "{")
    assert f">{text} <a" in html


def test_an_explicit_id_wins_over_a_generated_one_before_or_after_it() -> None:
    result = rendered("## Startup\n\n## 开机 {#startup}\n\n## Startup\n")
    assert [h.id for h in result.toc] == ["startup-1", "startup", "startup-2"]


def test_an_explicit_id_does_not_use_up_its_text_slug() -> None:
    result = rendered("## 安装 {#install}\n\n## 安装\n")
    assert [h.id for h in result.toc] == ["install", "安装"]


def test_an_id_given_twice_is_kept_and_warned_about() -> None:
    result = rendered("# a\n\n## 一 {#dup}\n\n## 二 {#dup}\n")
    assert [h.id for h in result.toc] == ["a", "dup", "dup"]
    assert [(line, message) for line, message, _ in result.warnings] == [
        (5, "heading id 'dup' is given twice in this post; links to #dup reach the first")
    ]


def test_the_block_is_in_neither_excerpt_nor_search_text() -> None:
    result = rendered("## 引言 {#intro .lead}\n\n正文。\n")
    assert "{" not in result.excerpt.text
    assert headings_text(result.html).strip() == "引言"
    assert "intro" not in searchable_text(result.html)


def test_kramdown_line_below_leaves_the_rest_of_its_paragraph() -> None:
    html = rendered("## 标题\n{: #t}\n正文在这里。\n").html
    assert '<h2 id="t">标题' in html
    assert "<p>正文在这里。</p>" in html


def test_a_kramdown_line_not_right_below_a_heading_is_not_its_block() -> None:
    html = rendered("## 标题\n\n{: #t}\n").html
    assert '<h2 id="标题">' in html


def test_cross_reference_labels_keep_working_in_every_spelling() -> None:
    for heading in ("## 引言 {#sec:intro}", "## 引言 {#sec:intro .unnumbered}", "## 引言\n{: #sec:intro}"):
        html = rendered(f"{heading}\n\n见 @sec:intro。\n").html
        assert '<h2 id="sec:intro"' in html
        assert '<a class="crossref" href="#sec:intro">引言</a>' in html


def test_code_in_the_heading_keeps_its_braces() -> None:
    html = rendered("## 用 `{#x}` 写 id {#ids}\n").html
    assert '<h2 id="ids">用 <code>{#x}</code> 写 id <a' in html


def test_parse_attributes() -> None:
    found = parse_attributes("#a .b .c k=v x='y z'")
    assert found is not None
    assert (found.ident, found.classes, found.others) == ("a", ["b", "c"], {"k": "v", "x": "y z"})
    assert parse_attributes("a, b") is None
    assert parse_attributes("") is None
    assert trailing_attributes("标题 {#x}") is not None
    assert trailing_attributes("标题 \\{#x}") is None
