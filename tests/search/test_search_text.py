"""How a post becomes search terms: what is read, how Chinese and English are cut."""

from __future__ import annotations

from generator.search.text import (
    BUCKETS,
    block_count,
    bucket_key,
    bucket_of,
    fold,
    normalize,
    searchable_text,
    terms_of,
    weighted_terms,
)


def test_inline_markup_does_not_cut_a_chinese_word_but_blocks_do() -> None:
    text = searchable_text("<p>低<strong>秩</strong>分解</p><p>矩阵</p>")
    assert text == "低秩分解 矩阵"
    terms = terms_of(text)
    assert terms["低秩"] == 1 and terms["秩分"] == 1
    assert "解矩" not in terms  # a paragraph break is not a word


def test_formulas_are_read_as_their_tex_and_link_furniture_is_skipped() -> None:
    html = (
        '<h2 id="a">方法 <a class="heading-anchor" href="#a" aria-label="本节链接">#</a></h2>'
        '<p><math><semantics><mrow><mi>𝔼</mi></mrow><annotation encoding="application/x-tex">'
        "\\mathbb{E}[x] &lt; 1</annotation></semantics></math></p>"
        '<p>脚注<a href="#fnref1" class="footnote-backref">↩︎</a></p><script>var hidden = 1;</script>'
    )
    text = searchable_text(html)
    assert "\\mathbb{E}[x] < 1" in text
    assert "𝔼" not in text and "#" not in text and "↩" not in text and "hidden" not in text


def test_math_without_tex_is_dropped_and_look_alike_tags_are_text() -> None:
    html = '<p>甲<math><mi>x</mi></math>乙 <mathjax>丙</mathjax></p><p><math display="block"><mi>y'
    assert searchable_text(html) == "甲 乙 丙 y"


def test_chinese_is_pairs_and_the_last_character_alone() -> None:
    assert terms_of("对比学习") == {"对比": 1, "比学": 1, "学习": 1, "习": 1}


def test_words_are_lowercase_full_width_folded_and_plural_folded() -> None:
    assert normalize("ＬｏＲＡ　２０２４") == "lora　2024"
    terms = terms_of("LoRA loras Transformers class ＧＰＵ gpus a_b")
    assert terms["lora"] == 2 and terms["transformer"] == 1 and terms["class"] == 1 and terms["gpu"] == 2
    assert terms["a"] == 1 and terms["b"] == 1  # the underscore separates, as in the browser
    assert fold("loss") == "loss" and fold("bus") == "bus" and fold("models") == "model"


def test_mixed_runs_split_between_scripts() -> None:
    assert terms_of("用LoRA微调") == {"用": 1, "lora": 1, "微调": 1, "调": 1}


def test_title_words_weigh_more_but_count_once_in_the_length() -> None:
    counts, length = weighted_terms("LoRA 入门", "LoRA 的低秩")
    assert counts["lora"] == 1 + 5
    assert length == sum(terms_of("LoRA 入门").values()) + sum(terms_of("LoRA 的低秩").values())


def test_buckets_file_words_by_their_first_two_letters_and_cjk_by_the_first_character() -> None:
    assert bucket_key("transformer") == "tr" and bucket_of("transformer") == bucket_of("tr")
    assert bucket_key("学习") == "学" and bucket_of("学习") == bucket_of("学")
    assert all(0 <= bucket_of(term) < BUCKETS for term in ("a", "学", "𠀀x", "9"))


def test_bucket_hash_is_fnv1a_over_code_points() -> None:
    # FNV-1a 32-bit's published vector for "a"; search.js computes the same (tests/search/test_search_browser.py).
    assert bucket_of("a") == 0xE40C292C % BUCKETS


def test_blocks_double_as_a_blog_grows() -> None:
    assert [block_count(n) for n in (0, 1, 400, 401, 800, 801, 10_000)] == [1, 1, 1, 2, 2, 4, 32]
