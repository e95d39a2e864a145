"""Random Chinese paragraphs: the emphasis and line-break rules change markup, never the words.

A paragraph is built from plain runs and emphasised runs (`**`, `*`, `__`, `_`) of CJK
characters, full-width punctuation and Latin words, with line breaks between characters.
Its text as a reader sees it (tags stripped) must be the source without its markup and
without the removed line breaks; every emphasised run must come out as <strong> or <em>;
no `**` may leak. (tests/unit/test_cjk.py checks that text without CJK parses as CommonMark.)
"""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.markdown.cjk import is_cjk
from generator.markdown.render import RenderOptions, render_post

IDEOGRAPHS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
CJK_PUNCTUATION = "。，、；：？！（）《》「」【】…—～"
LATIN = ["LoRA", "Adam", "GPU", "RL", "Transformer", "loss", "x", "MRF"]

ideograph = st.sampled_from(IDEOGRAPHS)
cjk_punctuation = st.sampled_from(CJK_PUNCTUATION)
# … and — are as wide as a letter in Latin text (East Asian Width "ambiguous"): for the
# amendments they are not CJK punctuation, and `LoRA**…**` is no more emphasis than `a**.**`.
full_width_punctuation = st.sampled_from(CJK_PUNCTUATION.replace("…", "").replace("—", ""))


@st.composite
def plain_run(draw: st.DrawFn) -> str:
    """CJK text with some punctuation, Latin words and line breaks inside."""
    pieces = draw(
        st.lists(
            st.one_of(ideograph, ideograph, ideograph, cjk_punctuation, st.sampled_from(LATIN), st.just("\n")),
            min_size=1,
            max_size=12,
        )
    )
    text = "".join(pieces)
    text = re.sub(r"\n+", "\n", text).strip("\n")
    return text or draw(ideograph)


@st.composite
def emphasised_run(draw: st.DrawFn) -> tuple[str, str]:
    """(delimiter, inner text): the inner text starts and ends with a CJK or Latin character
    or CJK punctuation (never with a space or ASCII punctuation)."""
    delimiter = draw(st.sampled_from(["**", "*", "__", "_"]))
    edge = st.one_of(ideograph, full_width_punctuation, st.sampled_from(LATIN))
    first = draw(edge)
    middle = draw(plain_run()) if draw(st.booleans()) else ""
    last = draw(edge) if draw(st.booleans()) else ""
    return delimiter, first + middle + last


@st.composite
def paragraph(draw: st.DrawFn) -> tuple[str, str, int, int]:
    """(Markdown source, the text a reader should see, strong runs, emphasis runs)."""
    source: list[str] = []
    text: list[str] = []
    strong = emphasis = 0
    for index in range(draw(st.integers(1, 5))):
        plain = draw(plain_run())
        delimiter, inner = draw(emphasised_run())
        if delimiter.startswith("_"):
            # `_` never opens or closes inside a word (snake_case): give it punctuation to lean on
            plain = plain + draw(full_width_punctuation)
            after = draw(full_width_punctuation)
        else:
            after = draw(ideograph) if draw(st.booleans()) else draw(full_width_punctuation)
        if index == 0 and draw(st.booleans()):
            plain = ""  # a paragraph may start with emphasis
        source += [plain, delimiter, inner, delimiter, after]
        text += [plain, inner, after]
        if len(delimiter) == 2:
            strong += 1
        else:
            emphasis += 1
    return "".join(source), "".join(text), strong, emphasis


def visible_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def _drop_cjk_breaks(text: str) -> str:
    """The text with the line breaks that stand between two CJK characters taken out."""
    kept: list[str] = []
    for index, char in enumerate(text):
        if char == "\n" and 0 < index < len(text) - 1 and is_cjk(text[index - 1]) and is_cjk(text[index + 1]):
            continue
        kept.append(char)
    return "".join(kept)


@settings(max_examples=300, deadline=None)
@given(paragraph())
def test_cjk_paragraph_keeps_its_words(case: tuple[str, str, int, int]) -> None:
    source, expected, strong, emphasis = case
    html = render_post(source, RenderOptions()).html
    assert html.count("<p>") == 1, html
    shown = visible_text(html).strip()
    assert "**" not in shown and "__" not in shown, (source, html)
    assert shown.replace("\n", "") == expected.replace("\n", ""), (source, html)
    assert shown == _drop_cjk_breaks(expected), (source, html)
    assert html.count("<strong>") == strong and html.count("<em>") == emphasis, (source, html)
