"""How a post becomes search terms: what is read, how Chinese and English are cut."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.search.text import (
    BUCKETS,
    CHUNK,
    FIELD_BITS,
    IN_HEADING,
    IN_TAXONOMY,
    IN_TITLE,
    OVERLAP,
    TEXT_LIMIT,
    Fields,
    block_count,
    bucket_key,
    bucket_of,
    chunks,
    fold,
    headings_text,
    normalize,
    searchable_text,
    taxon_term,
    terms_of,
    weighed_terms,
)

COUNT, FLAGS = 0, 1  # a posting's two numbers


def post_terms(fields: Fields, text: str) -> tuple[dict[str, tuple[int, int]], int]:
    """Each term's (count, flags), as the index files them, and the post's length."""
    counts, flags, length = weighed_terms(fields, text)
    return {term: (count, flags.get(term, 0)) for term, count in counts.items()}, length


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
    terms, length = post_terms(Fields("LoRA 入门"), "LoRA 的低秩")
    assert terms["lora"][COUNT] == 1 + 5
    assert length == sum(terms_of("LoRA 入门").values()) + sum(terms_of("LoRA 的低秩").values())


def test_each_term_says_which_fields_hold_it() -> None:
    fields = Fields("LoRA 入门", ("分布式训练", "PEFT"), headings_text("<h2>低秩 <em>分解</em></h2><p>正文</p>"))
    terms, _ = post_terms(fields, "低秩 分解 正文 LoRA")
    assert terms["lora"][FLAGS] & 7 == IN_TITLE
    assert terms["分布"][FLAGS] & 7 == IN_TAXONOMY and terms["peft"][FLAGS] & 7 == IN_TAXONOMY
    assert terms["低秩"][FLAGS] & 7 == IN_HEADING and terms["正文"][FLAGS] & 7 == 0
    assert terms["低秩"][COUNT] == 1 + 1  # once in the body, once more for the heading
    assert terms[taxon_term("分布式训练")][FLAGS] == IN_TAXONOMY and taxon_term(" ＰＥＦＴ ") == "#peft"
    assert bucket_of(taxon_term("分布式训练")) == bucket_of("分布") and bucket_of("#peft") == bucket_of("peft")


def test_terms_name_the_chunks_that_hold_them_with_an_overlap_for_a_phrase_on_the_edge() -> None:
    text = "甲" * (CHUNK - 2) + "对比学习" + "乙" * (CHUNK - 10) + "对比"
    assert [len(piece) for piece in chunks(text)] == [CHUNK + OVERLAP, CHUNK - 6]
    terms, _ = post_terms(Fields(""), text)
    assert terms["对比"][FLAGS] >> FIELD_BITS == 0b11  # at the end of chunk 0 and in chunk 1
    assert terms["比学"][FLAGS] >> FIELD_BITS == 0b01  # starts in chunk 0 only
    assert terms["学习"][FLAGS] >> FIELD_BITS == 0b11  # starts chunk 1, and is in chunk 0's overlap
    together = terms["对比"][FLAGS] & terms["比学"][FLAGS] & terms["学习"][FLAGS]
    assert together >> FIELD_BITS == 0b01  # the phrase across the edge is whole in chunk 0
    long = "丙" * TEXT_LIMIT + "丁戊"
    assert post_terms(Fields(""), long)[0]["丁戊"][FLAGS] >> FIELD_BITS == 0  # found, but no excerpt chunk


def test_buckets_file_words_by_their_first_two_letters_and_cjk_by_the_first_character() -> None:
    assert bucket_key("transformer") == "tr" and bucket_of("transformer") == bucket_of("tr")
    assert bucket_key("学习") == "学" and bucket_of("学习") == bucket_of("学")
    assert all(0 <= bucket_of(term) < BUCKETS for term in ("a", "学", "𠀀x", "9"))


def test_bucket_hash_is_fnv1a_over_code_points() -> None:
    # FNV-1a 32-bit's published vector for "a"; search.js computes the same (tests/search/test_search_browser.py).
    assert bucket_of("a") == 0xE40C292C % BUCKETS


def test_blocks_double_as_a_blog_grows() -> None:
    assert [block_count(n) for n in (0, 1, 500, 501, 1_000, 1_001, 10_000)] == [1, 1, 1, 2, 2, 4, 32]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["深", "度", "学", "习", "对", "比", " ", "，", "LoRA", "s", "x", "-", "İ", "ｌ"]), max_size=30
    ),
    st.integers(min_value=0, max_value=30),
    st.sampled_from([CHUNK, CHUNK + OVERLAP, 2 * CHUNK, 2 * CHUNK + OVERLAP]),
)
def test_each_chunk_named_holds_the_terms_a_reader_of_that_chunk_would_find(
    parts: list[str], back: int, edge: int
) -> None:
    """Wherever a chunk's start or end falls (in a CJK run, a word, a pair): a term's chunk
    bits are exactly the chunks whose own text has the term."""
    text = ("甲乙" * edge)[: edge - back] + "".join(parts) + "丙丁"
    terms, _ = post_terms(Fields(""), text)
    for number, piece in enumerate(chunks(text)):
        held = set(terms_of(piece))
        for term, (_, flags) in terms.items():
            assert bool(flags >> (FIELD_BITS + number) & 1) == (term in held), (number, term)
