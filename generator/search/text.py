"""What the search index reads from a post, and how text becomes index terms.

The browser's search code (theme/static/js/search.js) cuts a query with the same rules,
so both sides must change together. Chinese has no spaces between words and a dictionary
segmenter cuts the same phrase differently in a post and in a query, so Chinese, Japanese
and Korean runs are indexed as overlapping pairs of characters: a query of two or more
characters is its pairs, which finds the phrase wherever it is written. Other
scripts are words; a query word also finds the longer words it starts (LoRA, LoRAs).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from operator import add

from generator.markdown.sidenotes import without_sidenotes

FORMAT = 2  # bump when terms, files or scoring change: browsers and old indexes must not mix
BUCKETS = 128  # term files per block: small enough to fetch, few enough to write
BLOCK_TARGET = 500  # posts per block at most (about): one edited post rewrites one block; a query fetches
# one term file per block and word, so at 1,000 posts two blocks make a first query 16 requests, not 21
# How many times a word counts in each field against once in the body (BM25's term frequency).
# The ranking's order itself comes from tiers (search.js): these only order posts within one.
TITLE_WEIGHT = 5
TAXONOMY_WEIGHT = 3  # tags, series and categories
HEADING_WEIGHT = 2
LONGEST_WORD = 40  # longer "words" are hashes, base64 and URLs nobody types
TEXT_LIMIT = 30_000  # characters of a post kept for the excerpt around a hit
# The excerpt text is cut in chunks and the browser fetches only the one with the first hit:
# each term's posting says which chunks hold it. OVERLAP covers a phrase or an excerpt window
# that starts near a chunk's end.
CHUNK = 2_000
OVERLAP = 160
# The fields a term is in, as bits of its posting's third number (the chunk mask above them).
IN_TITLE, IN_TAXONOMY, IN_HEADING = 1, 2, 4
FIELD_BITS = 3
TAXON_MARK = "#"  # an index term "#name" says a post carries the tag (series, category) "name"

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_ONLY = re.compile(f"[{CJK}]+")
_OTHER_WORD = re.compile(f"[^\\W_{CJK}]+")  # letters and digits of any other script: [\p{L}\p{N}]
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")

# Presentation MathML is skipped for its TeX annotation; anchors and back-references are
# link furniture ("#", "↩"), not words of the post.
_TEX_OPEN = '<annotation encoding="application/x-tex">'
_HIDDEN = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<template\b.*?</template>|<!--.*?-->", re.S | re.I)
_FURNITURE = re.compile(r'<a\b[^>]*class="(?:heading-anchor|footnote-backref)"[^>]*>.*?</a>', re.S)
# The end of a block separates words; inline tags (<strong> inside 低秩) must not.
_BLOCK_END = re.compile(
    r"</(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|pre|blockquote|section|figure|figcaption|"
    r"details|summary|nav|header|footer|aside|article|mtd|mtr)>|<(?:br|hr)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")


def searchable_text(html: str) -> str:
    """The words of a post body as a reader sees them, formulas as their TeX.

    Plain string scans and a few regular expressions, not an HTML parser: this runs over
    every post of a first build, and a parser is ten times slower on MathML-heavy posts.
    """
    html = _tex_for_math(without_sidenotes(html))  # a footnote's margin copy would count its words twice
    if "<script" in html or "<style" in html or "<template" in html or "<!--" in html:
        html = _HIDDEN.sub(" ", html)
    if "heading-anchor" in html or "footnote-backref" in html:
        html = _FURNITURE.sub(" ", html)
    html = _TAG.sub("", _BLOCK_END.sub("\n", html))
    return " ".join(unescape(html).split())


_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S | re.I)


def headings_text(html: str) -> str:
    """The post's section headings, one a line: a query found there ranks above the body."""
    if "<h" not in html and "<H" not in html:
        return ""
    return "\n".join(searchable_text(match.group(2)) for match in _HEADING.finditer(html))


def _tex_for_math(html: str) -> str:
    """Each <math> element as its TeX annotation (math elements never nest)."""
    pieces: list[str] = []
    position = 0
    search = 0
    while (start := html.find("<math", search)) >= 0:
        search = start + len("<math")
        if html[search : search + 1] not in (" ", ">", "\n", "\t", "/"):
            continue  # <mathjax> or another tag that only starts the same way
        end = html.find("</math>", start)
        if end < 0:
            break
        pieces.append(html[position:start])
        tex = html.find(_TEX_OPEN, start, end) + len(_TEX_OPEN)
        close = html.find("</annotation>", tex, end)
        pieces.append(f" {html[tex:close]} " if tex >= len(_TEX_OPEN) and close >= 0 else " ")
        position = search = end + len("</math>")
    pieces.append(html[position:])
    return "".join(pieces)


def normalize(text: str) -> str:
    """Full-width letters and digits as ASCII, one case: ＬｏＲＡ and lora are one word."""
    return _FULL_WIDTH.sub(_half_width, text).lower()


def _half_width(match: re.Match[str]) -> str:
    return "".join(chr(ord(char) - 0xFEE0) for char in match.group(0))


def fold(word: str) -> str:
    """English plurals as their singular, in the index and in queries alike."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _cjk_terms(normal: str) -> list[str]:
    """Each CJK character with the next one, or alone at the end of its run, in text order: a
    query's first character finds every place it is written through the terms it starts.

    Cut from each run by pairing it with itself shifted by one: 0.25 ms a post of the bench
    corpus, where a regular expression looking ahead at every character took 0.29 ms."""
    terms: list[str] = []
    for run in _CJK_ONLY.findall(normal):
        terms += map(add, run, run[1:])
        terms.append(run[-1])
    return terms


def terms_of(text: str) -> Counter[str]:
    """Every index term of a text with its count: CJK pairs, folded words of other scripts."""
    return _counted(normalize(text))


def _counted(normal: str, cjk: list[str] | None = None) -> Counter[str]:
    """terms_of for a text already normalized (whose CJK terms may be cut already)."""
    counts = Counter(_cjk_terms(normal) if cjk is None else cjk)
    for word, count in Counter(_OTHER_WORD.findall(normal)).items():  # fold each distinct word once
        if len(word) <= LONGEST_WORD:
            counts[fold(word)] += count
    return counts


def _distinct(normal: str) -> set[str]:
    """The index terms of a normalized text, without counting them: which chunks hold a term."""
    found = set(_cjk_terms(normal))
    found.update(_distinct_words(normal))
    return found


def _distinct_words(normal: str) -> set[str]:
    return {fold(word) for word in set(_OTHER_WORD.findall(normal)) if len(word) <= LONGEST_WORD}


def _chunk_terms(normal: str, cjk: list[str], first: int, past: int, start: int, stop: int) -> set[str]:
    """_distinct of normal[start:stop], whose CJK terms are cjk[first:past] (a term starts at
    each CJK character): the last is a single character when the chunk cuts its pair."""
    found = set(cjk[first : past - 1])
    if past > first:
        last = cjk[past - 1]
        cut = stop < len(normal) and len(last) == 2 and _CJK_ONLY.match(normal, stop - 1) is not None
        found.add(last[0] if cut else last)
    found.update(_distinct_words(normal[start:stop]))
    return found


def _cjk_characters(normal: str, start: int, stop: int) -> int:
    return sum(map(len, _CJK_ONLY.findall(normal, start, stop)))


@dataclass(frozen=True, slots=True)
class Fields:
    """What the index reads of one post besides its body: each field ranks differently."""

    title: str
    taxa: tuple[str, ...] = ()  # names of its tags, series and categories
    headings: str = ""


# A term's count and flags in one post: the weighted term frequency, for BM25, and IN_TITLE |
# IN_TAXONOMY | IN_HEADING with the chunk mask shifted by FIELD_BITS. Kept as two plain maps and
# added to the block's lists as numbers: a first build has one per term per post (two million at
# 1,000 posts), and a named tuple a term cost 0.2 ms of a post's 1.2 (a frozen dataclass, before
# it, a quarter of the indexing time).


def weighed_terms(fields: Fields, text: str) -> tuple[dict[str, int], dict[str, int], int]:
    """Every index term of one post with its weighted count, its flags (fields and chunks; a term
    with none is missing from that map) and the post's length: two maps, so the index adds them
    to its lists without making a pair per term first.

    A term past TEXT_LIMIT is still found (recall is counted over the whole post) but has no
    chunk: the excerpt then opens at the post's start."""
    normal = normalize(text)
    cjk = _cjk_terms(normal)
    counts = _counted(normal, cjk)
    length = counts.total()
    flags: dict[str, int] = {}
    for number, held in enumerate(_terms_by_chunk(text, normal, cjk, list(counts))):
        bit = 1 << (number + FIELD_BITS)
        for term in held:
            flags[term] = flags.get(term, 0) | bit
    for field, weight, bit in (
        (fields.title, TITLE_WEIGHT, IN_TITLE),
        (" \n".join(fields.taxa), TAXONOMY_WEIGHT, IN_TAXONOMY),
        (fields.headings, HEADING_WEIGHT, IN_HEADING),
    ):
        found = terms_of(field)
        length += found.total() if bit != IN_HEADING else 0  # headings are in the body already
        for term, count in found.items():
            counts[term] += count * (weight if bit != IN_HEADING else weight - 1)
            flags[term] = flags.get(term, 0) | bit
    for name in fields.taxa:
        term = taxon_term(name)
        counts[term], flags[term] = 1, IN_TAXONOMY
    return counts, flags, length


def _terms_by_chunk(text: str, normal: str, cjk: list[str], body: list[str]) -> Iterator[Iterable[str]]:
    """The terms of each chunk of the excerpt text, in order. A chunk's CJK terms are a slice
    of the post's (`cjk`), found by counting the CJK characters before its edges: no second
    pass over the text that makes each term again (0.4 ms of a post's 1.2)."""
    if len(normal) != len(text):  # a letter lowercased to two (İ): chunks of the text, normalized each
        yield from (_distinct(normalize(piece)) for piece in chunks(text))
        return
    if len(normal) <= CHUNK:  # one chunk, the whole text: its terms are the body's
        yield body
        return
    end = min(len(normal), TEXT_LIMIT)
    before = 0  # CJK characters before the chunk
    for start in range(0, end, CHUNK):
        middle, stop = min(start + CHUNK, end), min(start + CHUNK + OVERLAP, end)
        own = _cjk_characters(normal, start, middle)  # the overlap is counted again by the next chunk
        yield _chunk_terms(normal, cjk, before, before + own + _cjk_characters(normal, middle, stop), start, stop)
        before += own


def chunks(text: str) -> list[str]:
    """The excerpt text in pieces the browser fetches one at a time, each running OVERLAP past its end."""
    text = text[:TEXT_LIMIT]
    return [text[start : start + CHUNK + OVERLAP] for start in range(0, max(len(text), 1), CHUNK)]


def taxon_term(name: str) -> str:
    """The term that says a post carries this tag: the name as a query equal to it is cut."""
    return TAXON_MARK + " ".join(normalize(name).split())


def bucket_key(term: str) -> str:
    """Terms are filed by what a query can know of them: a word by its first two letters (the
    query may be a prefix), a CJK term by its first character (a one-character query). A
    tag's term goes where its name's first term goes, so a query equal to it needs no other file."""
    if term.startswith(TAXON_MARK) and len(term) > 1:
        term = term[1:]
    return term[0] if _CJK_ONLY.match(term) else term[:2]


def bucket_of(term: str) -> int:
    """FNV-1a over code points: search.js computes the same number for a query term."""
    value = 0x811C9DC5
    for char in bucket_key(term):
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % BUCKETS


def block_count(posts: int) -> int:
    """A power of two, so blocks split in halves as a blog grows and a post's block is stable."""
    blocks = 1
    while posts > blocks * BLOCK_TARGET:
        blocks *= 2
    return blocks


def block_of(url: str, blocks: int) -> int:
    return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=4).digest(), "big") % blocks


def fragment_id(url: str) -> str:
    return hashlib.blake2b(url.encode("utf-8"), digest_size=8).hexdigest()
