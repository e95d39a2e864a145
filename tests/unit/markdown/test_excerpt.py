"""The excerpt engine, directly (segments) and through `render_post` (markdown bodies)."""

from __future__ import annotations

import re

import pytest

from generator.markdown.excerpt import Atom, Break, Text, count_reading_units, excerpt_of, graphemes, plain_text
from generator.markdown.render import RenderOptions, render_post

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦
CHINA = "\U0001f1e8\U0001f1f3"  # 🇨🇳
JAPAN = "\U0001f1ef\U0001f1f5"  # 🇯🇵
THUMB = "\U0001f44d\U0001f3fd"  # 👍🏽
KEYCAP = "1\ufe0f\u20e3"  # 1️⃣
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


def excerpt(body: str, length: int = 350, **options: str) -> tuple[str, str, bool, str]:
    rendered = render_post(body, RenderOptions(excerpt_length=length, **options))
    e = rendered.excerpt
    return e.text, e.html, e.truncated, e.source


def text_of(body: str, length: int = 350, **options: str) -> str:
    return excerpt(body, length, **options)[0]


def units(text: str) -> int:
    return sum(1 for _ in graphemes(text))


# --- graphemes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "clusters"),
    [
        ("abc", ["a", "b", "c"]),
        ("中文", ["中", "文"]),
        (FAMILY + "x", [FAMILY, "x"]),
        (CHINA + JAPAN, [CHINA, JAPAN]),
        (CHINA + JAPAN + "\U0001f1fa", [CHINA, JAPAN, "\U0001f1fa"]),
        (THUMB + THUMB, [THUMB, THUMB]),
        (KEYCAP + "2", [KEYCAP, "2"]),
        ("e\u0301a", ["e\u0301", "a"]),
        (SCOTLAND + "!", [SCOTLAND, "!"]),
        ("\u2764\ufe0f中", ["\u2764\ufe0f", "中"]),
    ],
    ids=["latin", "cjk", "zwj-family", "flags", "odd-regional", "skin-tone", "keycap", "combining", "tag-seq", "vs16"],
)
def test_graphemes(text: str, clusters: list[str]) -> None:
    assert list(graphemes(text)) == clusters


# --- excerpt_of on segments -----------------------------------------------------------------------


def test_short_text_is_kept_whole_without_ellipsis() -> None:
    e = excerpt_of([Text("短文。")], 10)
    assert (e.text, e.html, e.truncated, e.source) == ("短文。", "短文。", False, "auto")


def test_exactly_the_limit_is_not_cut() -> None:
    e = excerpt_of([Text("一二三四五")], 5)
    assert e.text == "一二三四五"
    assert not e.truncated


def test_one_over_the_limit_is_cut() -> None:
    e = excerpt_of([Text("一二三四五六")], 5)
    assert e.text == "一二三四五..."
    assert e.truncated


def test_custom_ellipsis() -> None:
    e = excerpt_of([Text("一二三四五六")], 3, "…")
    assert e.text == "一二三…"
    assert e.html == "一二三…"


def test_html_is_escaped_and_text_is_not() -> None:
    e = excerpt_of([Text("a < b & c")], 100)
    assert e.text == "a < b & c"
    assert e.html == "a &lt; b &amp; c"


def test_atoms_are_never_cut_and_count_their_text() -> None:
    atom = Atom("x+y", "<m>x+y</m>")
    assert excerpt_of([Text("公式"), atom, Text("之后")], 4).text == "公式..."
    kept = excerpt_of([Text("公式"), atom, Text("之后")], 5)
    assert kept.text == "公式x+y..."
    assert kept.html == "公式<m>x+y</m>..."


def test_breaks_become_single_spaces() -> None:
    segments = [Text("标题"), Break(), Break(), Text("段落"), Break(), Text(" list ")]
    assert plain_text(segments) == "标题 段落 list"


def test_line_break_between_cjk_characters_disappears() -> None:
    assert plain_text([Text("第一行\n第二行")]) == "第一行第二行"
    assert plain_text([Text("first\nsecond")]) == "first second"
    assert plain_text([Text("中文\nEnglish")]) == "中文 English"


def test_cut_backs_off_trailing_punctuation_and_spaces() -> None:
    assert excerpt_of([Text("前面，后面很长很长")], 3).text == "前面..."
    assert excerpt_of([Text("ab cd ef")], 3).text == "ab..."


# --- through render_post: automatic excerpts -----------------------------------------------------------


def test_pure_cjk_is_counted_per_character() -> None:
    body = "深度学习是机器学习的一个分支，它使用多层神经网络。"
    assert text_of(body, 5) == "深度学习是..."
    assert text_of(body, 10) == "深度学习是机器学习的..."
    assert text_of(body, 25) == body
    assert text_of(body, 24) == body[:24] + "..."


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (4, "我们使用..."),
        (5, "我们使用..."),
        (15, "我们使用..."),
        (16, "我们使用 Transformer..."),
        (17, "我们使用 Transformer..."),
        (18, "我们使用 Transformer 模..."),
        (19, "我们使用 Transformer 模型"),
    ],
)
def test_mixed_text_never_cuts_a_latin_word(length: int, expected: str) -> None:
    assert text_of("我们使用 Transformer 模型", length) == expected


def test_mixed_text_property_no_partial_words() -> None:
    body = "在 PyTorch 中，DistributedDataParallel 会在 backward 时自动同步梯度，速度比 DataParallel 快得多。"
    words = set(re.findall(r"[A-Za-z]+", body))
    full = text_of(body, 1000)
    for length in range(1, units(full) + 2):
        text = text_of(body, length)
        core = text.removesuffix("...")
        assert units(core) <= length
        assert full.startswith(core)
        for word in re.findall(r"[A-Za-z]+", core):
            assert word in words, (length, text)


@pytest.mark.parametrize(
    ("body", "length", "expected"),
    [
        ("圆周率约是 3.14159 左右", 8, "圆周率约是..."),
        ("共 1,000,000 个样本", 4, "共..."),
    ],
    ids=["decimal", "thousands"],
)
def test_never_cuts_a_number(body: str, length: int, expected: str) -> None:
    assert text_of(body, length) == expected


def test_whole_number_is_kept_or_dropped() -> None:
    assert text_of("共有 12345 个样本", 5) == "共有..."
    assert text_of("共有 12345 个样本", 8) == "共有 12345..."


def test_code_block_becomes_a_placeholder() -> None:
    body = "前言\n\n```python\nprint('很长的代码' * 100)\n```\n\n后记"
    text, html, truncated, _ = excerpt(body)
    assert text == "前言 [代码] 后记"
    assert html == '前言 <span class="excerpt-placeholder">[代码]</span> 后记'
    assert not truncated
    assert "print" not in html


def test_indented_code_block_is_a_placeholder_too() -> None:
    assert text_of("前言\n\n    x = 1\n    y = 2\n\n后记") == "前言 [代码] 后记"


@pytest.mark.parametrize("math", ["$$\nE = mc^2\n$$", "\\[\nE = mc^2\n\\]"], ids=["dollars", "brackets"])
def test_display_math_becomes_a_placeholder(math: str) -> None:
    text, html, _, _ = excerpt(f"前言\n\n{math}\n\n后记")
    assert text == "前言 [公式] 后记"
    assert html == '前言 <span class="excerpt-placeholder">[公式]</span> 后记'


def test_placeholder_is_one_atom_never_cut() -> None:
    body = "前言\n\n```\ncode\n```\n\n后记很长很长"
    assert text_of(body, 3) == "前言..."
    assert text_of(body, 6) == "前言..."
    assert text_of(body, 7) == "前言 [代码]..."


def test_placeholders_and_ellipsis_are_configurable() -> None:
    body = "前言\n\n```\ncode\n```\n\n$$\nx\n$$\n\n后记很长很长很长"
    text, html, _, _ = excerpt(body, 13, code_placeholder="<code>", math_placeholder="〔式〕", ellipsis="……")
    assert text == "前言 <code> 〔式〕……"
    assert html == (
        '前言 <span class="excerpt-placeholder">&lt;code&gt;</span> <span class="excerpt-placeholder">〔式〕</span>……'
    )


def test_inline_formula_is_mathml_in_html_and_tex_in_text() -> None:
    text, html, truncated, _ = excerpt("权重写成 $W = W_0 + BA$，其中秩很小。")
    assert text == "权重写成 W = W_0 + BA，其中秩很小。"
    assert '<span class="math math-inline"><math' in html
    assert "<msub><mi>W</mi><mn>0</mn></msub>" in html
    assert "$" not in html
    assert not truncated


def test_inline_formula_is_never_cut() -> None:
    body = "学习率 $\\eta_t = \\eta_0 / t$ 逐步衰减"
    tex = "\\eta_t = \\eta_0 / t"
    for length in range(1, 30):
        text, html, _, _ = excerpt(body, length)
        if tex in text:
            assert html.count("<math") == html.count("</math>") == 1
        else:
            assert "\\eta" not in text
            assert "<math" not in html
    assert text_of(body, 4 + len(tex)) == "学习率 " + tex + "..."
    assert text_of(body, 3 + len(tex)) == "学习率..."


@pytest.mark.parametrize(
    ("body", "length", "expected"),
    [
        (FAMILY * 3, 2, FAMILY * 2 + "..."),
        (CHINA * 3, 2, CHINA * 2 + "..."),
        (CHINA + JAPAN + CHINA, 1, CHINA + "..."),
        ("表情" + THUMB + THUMB + "好", 3, "表情" + THUMB + "..."),
        ("旗" + SCOTLAND + SCOTLAND, 2, "旗" + SCOTLAND + "..."),
    ],
    ids=["zwj", "flags", "mixed-flags", "skin-tone", "tag-sequence"],
)
def test_emoji_are_never_split(body: str, length: int, expected: str) -> None:
    assert text_of(body, length) == expected


def test_emoji_count_as_one_unit_each() -> None:
    body = FAMILY + CHINA + "中"
    assert text_of(body, 3) == body
    assert excerpt(body, 3)[2] is False


def test_markup_is_removed_and_blocks_are_spaced() -> None:
    body = "# 标题\n\n**粗体** *斜体* `code` [链接](https://example.com) ~~删除~~\n\n- 列表一\n- 列表二\n\n> 引用\n"
    assert text_of(body) == "标题 粗体 斜体 code 链接 删除 列表一 列表二 引用"


def test_footnotes_are_not_part_of_the_excerpt() -> None:
    assert text_of("正文[^1]。\n\n[^1]: 脚注的内容。\n") == "正文。"


def test_a_table_is_one_placeholder_not_its_cells_run_together() -> None:
    body = "几种格式的位数：\n\n| 格式 | 符号位 | 指数位 |\n|---|---|---|\n| fp32 | 1 | 8 |\n\n所以 fp16 容易溢出。"
    text, html, truncated, _ = excerpt(body)
    assert text == "几种格式的位数： [表格] 所以 fp16 容易溢出。"
    assert html == '几种格式的位数： <span class="excerpt-placeholder">[表格]</span> 所以 fp16 容易溢出。'
    assert not truncated
    assert text_of(body, 12, table_placeholder="〔表〕") == "几种格式的位数： 〔表〕..."


def test_a_tables_text_still_counts_for_the_reading_time() -> None:
    with_table = render_post("正文\n\n| 方法 | 速度 |\n|---|---|\n| LoRA | 很快 |\n", RenderOptions())
    assert with_table.characters == render_post("正文 方法 速度 LoRA 很快", RenderOptions()).characters


def test_short_post_gets_no_ellipsis() -> None:
    text, html, truncated, source = excerpt("很短的一篇。", 350)
    assert (text, html, truncated, source) == ("很短的一篇。", "很短的一篇。", False, "auto")


def test_length_bound_holds_for_every_length() -> None:
    body = (
        "本文介绍 LoRA（Low-Rank Adaptation）的原理 🙂。权重更新写成 $W = W_0 + BA$，"
        "其中 $r \\ll d$。\n\n```python\nx = 1\n```\n\n$$\nh = W_0 x\n$$\n\n实验显示显存下降 3 倍 " + FAMILY + "。"
    )
    full = text_of(body, 10_000)
    for length in range(1, units(full) + 3):
        text, _, truncated, _ = excerpt(body, length)
        core = text[: -len("...")] if truncated else text
        assert units(core) <= length, (length, text)
        assert full.startswith(core)
        assert truncated == (units(full) > length)


# --- <!--more--> and summary ------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["<!--more-->", "<!-- more -->", "<!--MORE-->", "  <!--  more  -->"])
def test_more_marker_cuts_there(marker: str) -> None:
    body = f"开头一段，**重点**。\n\n第二段 $x^2$。\n\n{marker}\n\n后面的内容不会出现。"
    text, html, truncated, source = excerpt(body, 3)
    assert source == "more"
    assert text == "开头一段，重点。 第二段 x^2。"
    assert "后面" not in text
    assert "<math" in html
    assert truncated is True
    assert not text.endswith("...")


def test_more_marker_inside_a_paragraph() -> None:
    text, _, _, source = excerpt("开头 <!--more--> 后面\n\n下一段")
    assert source == "more"
    assert text == "开头"


def test_more_marker_is_not_in_the_html_output_as_text() -> None:
    rendered = render_post("a\n\n<!--more-->\n\nb", RenderOptions())
    assert "<p>a</p>" in rendered.html
    assert "<p>b</p>" in rendered.html
    assert "&lt;!--more" not in rendered.html


def test_summary_wins_over_more_and_auto() -> None:
    rendered = render_post("正文。\n\n<!--more-->\n\n更多。", RenderOptions(excerpt_length=1), summary="我的<摘要>")
    e = rendered.excerpt
    assert (e.text, e.html, e.truncated, e.source) == ("我的<摘要>", "我的&lt;摘要&gt;", False, "summary")


def test_long_summary_is_not_truncated() -> None:
    summary = "很" * 500
    rendered = render_post("正文", RenderOptions(excerpt_length=10), summary=summary)
    assert rendered.excerpt.text == summary


# --- reading time counts ------------------------------------------------------------------------------------


def test_count_reading_units() -> None:
    assert count_reading_units("深度学习 with PyTorch and state-of-the-art models") == (4, 5)
    assert count_reading_units("") == (0, 0)
    # words and CJK runs touching, counted in one scan: neither takes a character of the other
    assert count_reading_units("学习don't了\U00020000x-y，café—ひらがな한국어") == (11, 3)


def test_rendered_counts_exclude_code_and_math() -> None:
    rendered = render_post("中文字 two words\n\n```\nnot counted at all\n```\n\n$$\nx y z\n$$\n", RenderOptions())
    assert (rendered.characters, rendered.words) == (3, 2)


def test_a_word_split_across_two_text_runs_is_not_cut() -> None:
    """Inline code or a formula's neighbour can put one word in two runs with no space between."""
    segments = [Text("模型3.14"), Text("Transformer")]
    for length in (6, 7, 12, 16):
        assert excerpt_of(segments, length).text == "模型..."
    assert excerpt_of(segments, 17).text == "模型3.14Transformer"
    assert excerpt_of([Text("长段落 abc def"), Text(" Transformer")], 12).text == "长段落 abc def..."
