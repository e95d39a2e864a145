"""`** 特别注意 **`: bold in the posts Hexo's marked 0.3 showed bold (markdown/loose_strong.py)."""

from __future__ import annotations

import pytest

from generator.markdown.render import RenderOptions, render_post


def html(body: str, dialect: str = "hexo") -> str:
    return render_post(body, RenderOptions(dialect=dialect)).html


@pytest.mark.parametrize("dialect", ["hexo", "ours"])
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("主要逻辑在这里。\n** 特别注意 **\n类型是错误的。", "<strong> 特别注意 </strong>"),
        ("** 因此，构造一个对象就是创建影子对象。**", "<p><strong> 因此，构造一个对象就是创建影子对象。</strong></p>"),
        ("**记录我第一次作出的题目 **", "<p><strong>记录我第一次作出的题目 </strong></p>"),
        ("**粗体** 和 ** 注意 **", "<p><strong>粗体</strong> 和 <strong> 注意 </strong></p>"),
        ("前 ** 一 ** 中 ** 二 ** 后", "<p>前 <strong> 一 </strong> 中 <strong> 二 </strong> 后</p>"),
        ("执行\n** `cmake ..` **，输出为：", "<strong> <code>cmake ..</code> </strong>，输出为："),
        ("** 注意 `a ** b` 的写法 **", "<strong> 注意 <code>a ** b</code> 的写法 </strong>"),
    ],
)
def test_a_pair_with_spaces_inside_and_chinese_is_bold(dialect: str, body: str, expected: str) -> None:
    assert expected in html(body, dialect)


@pytest.mark.parametrize("dialect", ["hugo", "jekyll"])
def test_goldmark_and_kramdown_posts_keep_commonmark_reading(dialect: str) -> None:
    assert "** 特别注意 **" in html("前文\n** 特别注意 **\n后文", dialect)


@pytest.mark.parametrize(
    "body",
    [
        "2 ** 10 and 3 ** 2",  # no CJK character: every engine of today shows the asterisks
        "一行 ** 跨\n两行 ** 之后",  # a pair over two lines is not joined
        "** 没有闭合",
        "`a ** 乘 ** b`",
    ],
)
def test_other_asterisks_stay_as_written(body: str) -> None:
    assert "<strong>" not in html(body)


def test_the_inside_is_read_as_markdown() -> None:
    out = html("** 注意 $x^2$ 与 *斜体* **")
    assert out.startswith('<p><strong> 注意 <span class="math math-inline"><math>')
    assert "<em>斜体</em> </strong></p>" in out


def test_pairs_commonmark_reads_are_unchanged() -> None:
    for body in ("**定义。**由此可得", "**粗体**", "***强调***", "a **b** c"):
        assert html(body, "hexo") == html(body, "hugo")
