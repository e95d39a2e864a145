"""Chinese emphasis (CJK-friendly flanking rules) and line breaks between CJK characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.markdown.cjk import cjk_plugin, is_cjk
from generator.markdown.render import RenderOptions, render_post
from generator.search.text import searchable_text


def _parser(cjk: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("strikethrough")
    if cjk:
        cjk_plugin(md)
    return md


OURS = _parser(cjk=True)
COMMONMARK = _parser(cjk=False)


def inline(text: str) -> str:
    html = OURS.render(text)
    assert html.startswith("<p>") and html.endswith("</p>\n"), html
    return html[3:-5]


# Closing run after full-width punctuation, before a letter: CommonMark leaves the asterisks.
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**贝尔曼方程。**由此可得", "<strong>贝尔曼方程。</strong>由此可得"),
        ("**马尔可夫随机场(MRF)**是一种", "<strong>马尔可夫随机场(MRF)</strong>是一种"),
        ("*斜体。*后文", "<em>斜体。</em>后文"),
        ("**注意：**梯度会消失", "<strong>注意：</strong>梯度会消失"),
        ("**为什么？**因为方差太大", "<strong>为什么？</strong>因为方差太大"),
        ("模型**（不含嵌入层）**的参数", "模型<strong>（不含嵌入层）</strong>的参数"),
        ("作者称之为**“注意力”**机制", "作者称之为<strong>“注意力”</strong>机制"),
        ("称为**《深度学习》**一书", "称为<strong>《深度学习》</strong>一书"),
        ("损失**下降了，**但是", "损失<strong>下降了，</strong>但是"),
        (
            "**[论文链接](https://example.org/p)**见此",
            '<strong><a href="https://example.org/p">论文链接</a></strong>见此',
        ),
        ("**`torch.nn`**模块", "<strong><code>torch.nn</code></strong>模块"),
        ("价格**¥100**元", "价格<strong>¥100</strong>元"),
        ("使用**Adam**优化器", "使用<strong>Adam</strong>优化器"),
        ('使用**"Adam"**优化器', "使用<strong>&quot;Adam&quot;</strong>优化器"),
        ("**PPO（近端策略优化）**是一种", "<strong>PPO（近端策略优化）</strong>是一种"),
        ("**推荐几个框架：**PyTorch、JAX等", "<strong>推荐几个框架：</strong>PyTorch、JAX等"),
        ("这是**私のやりたかったこと。**だから", "这是<strong>私のやりたかったこと。</strong>だから"),
        ("~~旧方法。~~新方法", "<s>旧方法。</s>新方法"),
        ("𠮷野家**(吉野家)**的", "𠮷野家<strong>(吉野家)</strong>的"),
    ],
)
def test_chinese_emphasis_closes_after_full_width_punctuation(source: str, expected: str) -> None:
    assert inline(source) == expected
    if source not in COMMONMARK_ALREADY:
        assert COMMONMARK.render(source) != OURS.render(source)  # a case the amendments fix


COMMONMARK_ALREADY = {"使用**Adam**优化器", "**`torch.nn`**模块"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("__注意__：学习率", "<strong>注意</strong>：学习率"),
        ("注意：__学习率要小__", "注意：<strong>学习率要小</strong>"),
        ("_斜体。_，后文", "<em>斜体。</em>，后文"),
        # the amendments change only which `_` runs open; a closing `_` before a letter stays text
        ("_斜体。_后文", "_斜体。_后文"),
        ("段落。__加粗。__", "段落。<strong>加粗。</strong>"),
        # an underscore inside a run of letters (CJK ones too) is not emphasis, as in snake_case
        ("变量__名__字", "变量__名__字"),
    ],
)
def test_underscore_variants(source: str, expected: str) -> None:
    assert inline(source) == expected


def test_full_width_curly_quotes_with_variation_selector() -> None:
    # U+FE01 after a curly quote asks for its full-width form: CJK punctuation
    assert inline("**\u201c\ufe01Git\u201d\ufe01**Hub") == "<strong>\u201c\ufe01Git\u201d\ufe01</strong>Hub"


def test_ideograph_with_variation_selector_before_opening_run() -> None:
    # 葛󠄀 (U+845B U+E0100): the ideographic variation selector stands where the ideograph is
    assert inline("葛\U000e0100**(正式写法)**城") == "葛\U000e0100<strong>(正式写法)</strong>城"


@pytest.mark.parametrize(
    "source",
    [
        "**bold** text",
        "a**b**c",
        "foo__bar__",
        "__foo, __bar__, baz__",
        "*foo*bar",
        "_foo_bar",
        "**foo.**bar",  # CommonMark: not emphasis before a Latin letter; still so
        '**"foo"**bar',
        "*(*foo*)*",
        "a * foo bar*",
        "**foo bar **",
        "~~strike~~through",
        "snake_case_name and __init__",
        "**😀!**after",  # an emoji is not CJK
    ],
)
def test_text_without_cjk_is_parsed_as_commonmark(source: str) -> None:
    assert OURS.render(source) == COMMONMARK.render(source)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab *_~.,!?()\"'\n-é😀", max_size=30))
def test_random_text_without_cjk_is_parsed_as_commonmark(source: str) -> None:
    assert OURS.render(source) == COMMONMARK.render(source)


def test_cjk_character_classes() -> None:
    for char in "中文。，（）《》「」ぁアｱ한！～\u3000𠮷":
        assert is_cjk(char), char
    for char in "a1.,()\"'“”—😀🎓…é":
        assert not is_cjk(char), char


# --- line breaks ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("第一行中文\n第二行中文", "第一行中文第二行中文"),
        ("句子结束。\n下一句", "句子结束。下一句"),
        ("上一句\n（括号）", "上一句（括号）"),
        ("全角标点，\n下一行", "全角标点，下一行"),
        ("**加粗**\n中文", "<strong>加粗</strong>中文"),
        ("中文\n*强调*", "中文<em>强调</em>"),
        ("[链接](/a)\n中文", '<a href="/a">链接</a>中文'),
        ("English words\nstay apart", "English words\nstay apart"),
        ("中文结尾\nEnglish start", "中文结尾\nEnglish start"),
        ("English end\n中文开头", "English end\n中文开头"),
        ("한국어 문장\n다음 줄", "한국어 문장\n다음 줄"),
        ("中文\n😀", "中文\n😀"),
        ("中文  \n硬换行", "中文<br />\n硬换行"),
    ],
)
def test_soft_break_between_cjk_characters_vanishes(source: str, expected: str) -> None:
    assert inline(source) == expected


def test_excerpt_reading_time_and_search_agree_with_the_page() -> None:
    body = "**贝尔曼方程。**由此可得\n价值函数的递推关系。\n\nThe Bellman\nequation."
    rendered = render_post(body, RenderOptions())
    assert "<strong>贝尔曼方程。</strong>由此可得价值函数的递推关系。" in rendered.html
    assert rendered.excerpt.text.startswith("贝尔曼方程。由此可得价值函数的递推关系。 The Bellman equation.")
    assert "**" not in rendered.excerpt.text and "**" not in rendered.excerpt.html
    text = searchable_text(rendered.html)
    assert "由此可得价值函数" in text and "**" not in text
    assert rendered.characters == 18 and rendered.words == 3


@pytest.mark.parametrize(
    ("body", "excerpt"),
    [
        ("第一行\n第二行", "第一行第二行"),
        ("한국어 문장\n다음 줄", "한국어 문장 다음 줄"),  # Korean is written with spaces: the page keeps one
        ("中文\nEnglish", "中文 English"),
        ("句号。\n😀表情", "句号。 😀表情"),
    ],
)
def test_excerpt_joins_lines_where_the_page_does(body: str, excerpt: str) -> None:
    rendered = render_post(body, RenderOptions())
    assert rendered.excerpt.text == excerpt
    assert searchable_text(rendered.html) == excerpt
