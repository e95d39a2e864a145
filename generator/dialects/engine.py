"""Which engine a post was written for, so that its math is read by that engine's rules.

A post copied from a Hexo blog was seen by its author through hexo-renderer-marked and
MathJax; one from Jekyll through kramdown and MathJax; one from Hugo through goldmark and
MathJax. The same `$$` means display math in the first and the last and inline math inside a
kramdown paragraph, and marked ate one level of backslashes before MathJax saw the TeX. So we
guess, per post, which engine it was written for, from what only that engine's writers leave
behind (their front matter, their template tags, their file names), and let the front matter
(`dialect: hexo`) or site.toml (`dialect = "hexo"`) say it when the guess is wrong.

Pure: the loader calls `guess_dialect` with the text it already read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from generator.patterns import lazy_pattern

Dialect = Literal["ours", "hexo", "hugo", "jekyll"]
DIALECTS: tuple[Dialect, ...] = ("ours", "hexo", "hugo", "jekyll")
#: What site.toml's `dialect` accepts: a dialect for every post, or "auto" (guess per post).
SITE_DIALECTS = ("auto", *DIALECTS)
DIALECT_EXPECTED = '"hexo", "jekyll", "hugo" or "ours"'

_JEKYLL_FILE = re.compile(r"(?:^|/)\d{4}-\d{2}-\d{2}-[^/]+$")
# Liquid only Jekyll writers use (Hexo has no site./page. variables, no include or raw blocks).
_LIQUID = re.compile(
    r"\{%-?\s*(?:raw|endraw|include|include_relative|highlight|endhighlight|post_url|assign|capture|comment)\b"
    # Jekyll's {% link _posts/x.md %} names one file; Hexo's {% link text url %} and Stellar's {% link url %} a URL
    r"|\{%-?\s*link\s+(?![^%]*://)[^\s%]+\.\w+\s*-?%\}"
    r"|\{\{-?\s*(?:site|page|include|post)\.[a-z_]"
)
# kramdown's attribute lists and extensions: `{: .class}`, `{:toc}`, `{::options …}`, `{::comment}`.
_KRAMDOWN = lazy_pattern(r"^[ \t]*\{:[^}\n]*\}[ \t]*$|\{::[A-Za-z]", re.MULTILINE)
# kramdown's abbreviation definitions (`*[HTML]: Hyper Text Markup Language`), and the attribute that
# has Markdown read inside an HTML element (`<details markdown="1">`; PHP Markdown Extra has both too).
_KRAMDOWN_MORE = lazy_pattern(
    r"^ {0,3}\*\[[^\]\n]+\]:|<[A-Za-z][^<>\n]*\smarkdown=[\"']?(?:1|block|span)\b", re.MULTILINE
)
# Tag plugins only Hexo and its themes (NexT, Butterfly, Fluid, Stellar) have.
_HEXO_TAGS = lazy_pattern(
    r"\{%\s*(?:asset_img|asset_link|asset_path|post_link|post_path|codeblock|blockquote|note|tabs|label|"
    r"gp|grouppicture|btn|button|fold|folding|hideToggle|hideBlock|mermaid|meting|"
    r"centerquote|cq|pullquote|bilibili|jsfiddle|checkbox|radio|timeline|span|p|kbd|"
    r"inlineimage|inlineImg|flink|noteblock|poem|site|sites|ghcard|copy|emp|wavy|del|u|sup|sub)\b"
)
_HUGO_SHORTCODE = lazy_pattern(r"\{\{[<%]\s*/?\s*[\w./-]+")
# Hexo (moment.js) reads 2021/9/30 0:00:00 and 2021-9-3; Jekyll and Hugo do not.
_HEXO_DATE = re.compile(r"^\s*\d{4}/\d{1,2}/\d{1,2}|^\s*\d{4}-(?:\d-\d{1,2}|\d{2}-\d)(?!\d)")
# What writers escaped for marked inside $…$ (marked reads Markdown escapes inside math too):
# escapes that are not TeX (\^ \* \< \> \[ \] \( \) inside math: `\(` opens inline math, which a
# formula cannot hold), \_ as a subscript, \\\\ as a row break, \\{ for a brace, align\*. `\_`, `\#`
# or `\{` alone are TeX's own literal characters.
MARKED_ESCAPES = re.compile(
    r"\\[*^<>]|(?<!\\)\\[\[\]()]|(?<=[\w})\]])\\_(?=\{|\d|[A-Za-z](?![A-Za-z])|\\[A-Za-z])|\\\\\\\\|\\\\[{}]|\\begin\s*\{[a-z]+\\\*\}"
)
# Cheap first look: a post with none of these (\_ \* \^ \< \> \[ \] \( \) \\{ \\} \\\\) has no marked escapes
# to find. One search, not one `in` a sign: ten scans of every post were a third of guessing its dialect.
_ESCAPE_SIGN = re.compile(r"\\[_*^<>\[\]()]|\\\\[{}]|\\\\\\\\")
_TEXT_GROUP = re.compile(r"\\(?:text[a-z]*|mathrm|operatorname|label|tag)\s*\{[^{}]*\}")


def has_marked_escapes(tex: str) -> bool:
    """TeX escaped for marked, outside \\text{…} (where `a\\_b` is TeX's own underscore)."""
    return "\\" in tex and MARKED_ESCAPES.search(_TEXT_GROUP.sub("", tex)) is not None


# `$$` in the middle of a line of text: only kramdown makes that inline math on purpose.
_DOUBLE_PAIR = re.compile(r"\$\$[^$\n]+\$\$")
_WORDS = lazy_pattern(r"\w")  # CJK ideographs are word characters already
# Keys PaperMod, Stack and the other Hugo themes put in front matter, and Hugo's own.
_HUGO_KEYS = frozenset(
    {"lastmod", "weight", "showtoc", "tocopen", "hidemeta", "usehugotoc", "aliases", "draft", "url", "type"}
)
# (`mathjax: true` is not here: Jekyll themes such as Minimal Mistakes use it too.)
_HEXO_KEYS = frozenset({"top", "sticky", "copyright", "index_img", "banner_img", "abbrlink", "top_img"})


def dialect_problem(value: Any) -> str | None:
    """Why a `dialect` value written in front matter cannot be used, or None."""
    if isinstance(value, str) and value.strip().lower() in DIALECTS:
        return None
    return f"dialect {value!r} is not known"


def chosen_dialect(value: str) -> Dialect:
    """A written dialect name (checked with `dialect_problem`) as the Dialect it names."""
    lowered = value.strip().lower()
    for dialect in DIALECTS:
        if dialect == lowered:
            return dialect
    return "ours"


_KATEXMM = lazy_pattern(r"\{%-?\s*katexmm\s*-?%\}")


def guess_dialect(
    source: str, front_matter_format: str | None, data: Mapping[str, Any], raw_date: Any, body: str
) -> tuple[Dialect, str]:
    """(dialect, why) for one post: the engine whose traces weigh most, else "ours".

    `front_matter_format` is "toml" for `+++` front matter; `raw_date` is the date as the YAML
    reader gave it (a string when YAML did not take it for a date, as with Hexo's 2021/9/30).
    `+++` and shortcodes are Hugo's alone. Other traces are weighed, because the engines share
    them: Hexo writers also name files 2017-02-17-x.md and write `layout: post`, Hugo sites
    converted from WordPress keep dated names. A tie, or no trace, is our own rules (which
    read `$$` as Hexo and Hugo do), never a guess of kramdown's inline `$$`.
    """
    if front_matter_format == "toml":
        return "hugo", "+++ front matter"
    if front_matter_format == "pelican":  # Python-Markdown with render_math: `$$` is display wherever it stands
        return "ours", "Pelican metadata lines"
    if "{{" in body and _HUGO_SHORTCODE.search(body):
        return "hugo", "a Hugo shortcode {{< >}}"
    if "katexmm" in body and _KATEXMM.search(body):
        # jekyll-katex typeset the math before kramdown saw it: `$$` is display wherever it
        # stands, as under our own rules, never kramdown's inline `$$`
        return "ours", "{% katexmm %}: KaTeX typeset the math, not kramdown"
    keys = {str(key).lower() for key in data}
    traces: dict[Dialect, list[tuple[float, str]]] = {"jekyll": [], "hexo": [], "hugo": []}
    if _JEKYLL_FILE.search(source.replace("\\", "/")):
        traces["jekyll"].append((0.5, "a YYYY-MM-DD- file name"))
    if "layout" in keys:
        traces["jekyll"].append((0.5, "a layout key"))
    if "{" in body and _LIQUID.search(body):
        traces["jekyll"].append((2, "Liquid tags"))
    if "{:" in body and _KRAMDOWN.search(body):
        traces["jekyll"].append((2, "kramdown attribute lists"))
    elif ("*[" in body or "markdown=" in body) and _KRAMDOWN_MORE.search(body):
        traces["jekyll"].append((1.5, 'kramdown abbreviations or markdown="1"'))
    if "\\$$" in body:
        traces["jekyll"].append((1.5, "Chirpy's \\$$ inline math"))
    prose = _without_code(body)
    if "$$" in prose and traces["jekyll"]:
        # Only beside another of Jekyll's traces: Hexo writers put `余弦相似度： $$s(q,k)$$` in a
        # sentence too, and MathJax showed it as display (two real Hexo blogs had posts whose only
        # trace was this; read as kramdown's, their display formulas came out inline).
        inline = _inline_double_dollars(prose)
        if inline:
            traces["jekyll"].append((min(1.5, 0.5 * inline), "$$ inside a line of text"))
    if "{%" in body and _HEXO_TAGS.search(body):
        traces["hexo"].append((2, "Hexo tag plugins"))
    if isinstance(raw_date, str) and _HEXO_DATE.match(raw_date):
        traces["hexo"].append((2, "a Hexo date"))
    if keys & _HEXO_KEYS:
        traces["hexo"].append((1.5, "Hexo theme keys"))
    # Escapes in $$…$$ are marked's alone (kramdown reads $$ as math); kramdown, like marked,
    # takes escapes out of $…$, which it reads as text, so those say little.
    if "\\" in prose and _ESCAPE_SIGN.search(prose):
        singles, doubles = _math_spans(prose)
        if has_marked_escapes(doubles):
            traces["hexo"].append((2, "TeX escaped for marked"))
        elif has_marked_escapes(singles):
            traces["hexo"].append((0.5, "$…$ escaped for Markdown"))
    if "categories" in keys:
        traces["hexo"].append((0.5, "categories"))
    if keys & {"updated", "update"}:
        traces["hexo"].append((0.5, "an updated key"))
    if "<!-- more -->" in body:
        traces["hexo"].append((0.5, "<!-- more -->"))
    found_hugo = sorted(keys & _HUGO_KEYS)
    if found_hugo:
        traces["hugo"].append((min(2.0, float(len(found_hugo))), "Hugo front-matter keys"))
    weights = {dialect: sum(weight for weight, _ in found) for dialect, found in traces.items()}
    best = max(weights.values())
    leaders = [dialect for dialect, weight in weights.items() if weight == best]
    # kramdown is the one engine whose rules differ from ours for `$$`: it needs more than a
    # dated name and one line of inline `$$` (Hexo writers write those too; Hexo shows display).
    if best < (1.5 if leaders == ["jekyll"] else 1) or len(leaders) > 1:
        return "ours", "no engine's traces outweigh the others'"
    winner = leaders[0]
    return winner, ", ".join(why for _, why in traces[winner])


def _inline_double_dollars(prose: str) -> int:
    """`$$…$$` pairs on lines that also hold words: kramdown writers' inline math."""
    count = 0
    for line in prose.split("\n"):
        if "$$" in line:
            pairs = _DOUBLE_PAIR.findall(line)
            if pairs and _WORDS.search(_DOUBLE_PAIR.sub("", line)):
                count += len(pairs)
    return count


_CODE_SPAN = lazy_pattern(r"`[^`\n]+`")
_MATH_SPAN = lazy_pattern(r"\$\$.+?\$\$|\$[^$\n]+\$|\\begin\{[a-z]+\\?\*?\}.*?\\end\{[a-z]+\\?\*?\}", re.DOTALL)


def _without_code(body: str) -> str:
    """The body without fenced code blocks (found line by line) and code spans."""
    if "```" in body or "~~~" in body:
        kept: list[str] = []
        fence = ""
        for line in body.split("\n"):
            stripped = line.lstrip()
            if fence:
                if stripped.startswith(fence):
                    fence = ""
                continue
            if stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
                continue
            kept.append(line)
        body = "\n".join(kept)
    return _CODE_SPAN.sub("", body) if "`" in body else body


def _math_spans(prose: str) -> tuple[str, str]:
    """(the `$…$` spans, the `$$…$$` spans and bare environments) of a body without code, roughly."""
    singles: list[str] = []
    doubles: list[str] = []
    for match in _MATH_SPAN.finditer(prose):
        span = match.group(0)
        (singles if span.startswith("$") and not span.startswith("$$") else doubles).append(span)
    return "\n".join(singles), "\n".join(doubles)
