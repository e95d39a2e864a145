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
from html import unescape

from generator.markdown.sidenotes import without_sidenotes

FORMAT = 1  # bump when terms, files or scoring change: browsers and old indexes must not mix
BUCKETS = 128  # term files per block: small enough to fetch, few enough to write
BLOCK_TARGET = 400  # posts per block at most (about): one edited post rewrites one block
TITLE_WEIGHT = 5  # a word in the title counts as this many in the body
LONGEST_WORD = 40  # longer "words" are hashes, base64 and URLs nobody types
TEXT_LIMIT = 30_000  # characters of a post kept for the excerpt around a hit

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# A CJK character with the next one, or alone at the end of its run: a query's first
# character finds every place it is written through the terms it starts.
_CJK_TERMS = re.compile(f"(?=([{CJK}]{{1,2}}))")
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


def terms_of(text: str) -> Counter[str]:
    """Every index term of a text with its count: CJK pairs, folded words of other scripts."""
    text = normalize(text)
    counts = Counter(_CJK_TERMS.findall(text))
    for word, count in Counter(_OTHER_WORD.findall(text)).items():  # fold each distinct word once
        if len(word) <= LONGEST_WORD:
            counts[fold(word)] += count
    return counts


def weighted_terms(title: str, text: str) -> tuple[Counter[str], int]:
    """Term frequencies of one post, the title counting TITLE_WEIGHT times, and its length."""
    counts = terms_of(text)
    heading = terms_of(title)
    length = counts.total() + heading.total()
    for term, count in heading.items():
        counts[term] += count * TITLE_WEIGHT
    return counts, length


def bucket_key(term: str) -> str:
    """Terms are filed by what a query can know of them: a word by its first two letters (the
    query may be a prefix), a CJK term by its first character (a one-character query)."""
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
