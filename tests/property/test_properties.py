"""Property tests: invariants of the excerpt engine, front matter, slugs and pagination."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.frontmatter import split_front_matter
from generator.markdown.excerpt import Atom, Break, Segment, Text, excerpt_of, graphemes, plain_text
from generator.site.paginate import paginate
from generator.urls.paths import is_safe_segment, output_file, slugify

PLACEHOLDERS = ("[代码]", "[公式]")

# Text that mixes what Chinese ML posts contain: Han characters, Latin words, digits,
# punctuation, spaces and line breaks, combining marks, emoji with modifiers and ZWJ, flags.
_pieces = st.sampled_from(
    [
        "模型",
        "训练",
        "的",
        "，",
        "。",
        "Transformer",
        "LoRA",
        " ",
        "\n",
        "3.14",
        "1,000",
        "e\u0301",
        "👍🏽",
        "👨\u200d👩\u200d👧",
        "🇨🇳",
        "1️⃣",
        "don't",
        "GPU",
        "显存",
        "（",
        "）",
        "😀",
        "a",
        "\t",
    ]
)
_text = st.lists(_pieces, max_size=40).map("".join)
_segment = st.one_of(
    _text.map(Text),
    st.sampled_from(["x_1", "\\alpha + \\beta", "O(N^2)"]).map(lambda tex: Atom(tex, f"<math>{tex}</math>")),
    st.sampled_from(PLACEHOLDERS).map(lambda p: Atom(p, f"<span>{p}</span>")),
    st.just(Break()),
)
_segments = st.lists(_segment, max_size=25)


def _width(text: str) -> int:
    return sum(1 for _ in graphemes(text))


@given(_segments, st.integers(min_value=1, max_value=80))
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_excerpt_is_a_bounded_prefix_that_never_splits_a_character(segments: list[Segment], length: int) -> None:
    excerpt = excerpt_of(segments, length, "...")
    full = plain_text(segments)
    body = excerpt.text[: -len("...")] if excerpt.truncated else excerpt.text
    assert _width(body) <= length
    assert full.startswith(body)
    assert excerpt.truncated == (plain_text(segments).strip() != body or _width(full.strip()) > length)
    # the cut never falls inside a user-perceived character
    if body:
        clusters = list(graphemes(full))
        assert "".join(clusters[: len(list(graphemes(body)))]) == body
    # no unpaired surrogate, and what follows the cut never starts with a mark or joiner
    assert not re.search(r"[\ud800-\udfff]", excerpt.text)
    rest = full[len(body) :]
    if body and rest:
        assert unicodedata.category(rest[0]) not in ("Mn", "Me") and rest[0] not in "\u200d\ufe0f\u20e3"


@given(_segments, st.integers(min_value=1, max_value=80))
@settings(max_examples=300)
def test_excerpt_has_no_markup_and_whole_placeholders(segments: list[Segment], length: int) -> None:
    excerpt = excerpt_of(segments, length)
    assert "<" not in excerpt.text.replace("<math>", "")
    for placeholder in PLACEHOLDERS:
        # a placeholder is either there whole or not at all
        assert excerpt.text.count(placeholder[:2]) == excerpt.text.count(placeholder)
    assert excerpt.html.count("<span>") == excerpt.html.count("</span>")
    assert excerpt.html.count("<math>") == excerpt.html.count("</math>")


@given(st.lists(st.one_of(_text.map(Text), st.just(Break())), max_size=25), st.integers(min_value=1, max_value=60))
def test_a_latin_word_is_never_cut(segments: list[Segment], length: int) -> None:
    excerpt = excerpt_of(segments, length)
    if not excerpt.truncated:
        return
    body = excerpt.text[:-3]
    full = plain_text(segments)
    rest = full[len(body) :]
    if body and rest:
        assert not (body[-1].isascii() and body[-1].isalnum() and rest[0].isascii() and rest[0].isalnum())


_keys = st.sampled_from(["title", "tags", "summary", "slug", "author", "series"])
_values = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
    st.lists(st.text(alphabet="abc模型训练 ", min_size=1, max_size=6), max_size=4),
    st.integers(min_value=-1000, max_value=1000),
    st.booleans(),
)


@given(st.dictionaries(_keys, _values, max_size=6), _text)
@settings(max_examples=300)
def test_front_matter_round_trips(data: dict, body: str) -> None:
    import yaml

    document = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    parsed, problem = split_front_matter(document, "p.md")
    assert problem is None and parsed is not None
    assert parsed.data == data
    assert parsed.body == body.replace("\r\n", "\n").replace("\r", "\n")
    # the body starts on the line the split says it does
    assert document.split("\n")[parsed.body_line - 1 :] == (
        "\n".join(document.split("\n")[parsed.body_line - 1 :])
    ).split("\n")


@given(st.text(max_size=40))
@settings(max_examples=500)
def test_slugs_are_safe_path_segments(text: str) -> None:
    slug = slugify(text)
    assert slug and is_safe_segment(slug)
    assert slug not in (".", "..") and "/" not in slug and "\\" not in slug
    path = output_file(f"/tags/{slug}/")
    assert path.parts[0] == "tags" and ".." not in path.parts


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=30))
def test_pagination_covers_every_item_once(count: int, per_page: int) -> None:
    items = list(range(count))
    pages = paginate(items, per_page, lambda n: "/" if n == 1 else f"/page/{n}/")
    seen = [item for page in pages for item in page.items]
    assert seen == items
    assert all(len(page.items) <= per_page for page in pages)
    assert len(pages) == max(1, -(-count // per_page))
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert all(p.prev is None if p.number == 1 else p.prev.number == p.number - 1 for p in pages)
