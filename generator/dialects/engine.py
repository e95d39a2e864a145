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

Dialect = Literal["ours", "hexo", "hugo", "jekyll"]
DIALECTS: tuple[Dialect, ...] = ("ours", "hexo", "hugo", "jekyll")
#: What site.toml's `dialect` accepts: a dialect for every post, or "auto" (guess per post).
SITE_DIALECTS = ("auto", *DIALECTS)
DIALECT_EXPECTED = '"hexo", "jekyll", "hugo" or "ours"'

_JEKYLL_FILE = re.compile(r"(?:^|/)\d{4}-\d{2}-\d{2}-[^/]+$")
# Liquid only Jekyll writers use (Hexo has no site./page. variables, no include or raw blocks).
_LIQUID = re.compile(
    r"\{%-?\s*(?:raw|endraw|include|include_relative|highlight|endhighlight|post_url|link|assign|capture|comment)\b"
    r"|\{\{-?\s*(?:site|page|include|post)\.[a-z_]"
)
# kramdown's attribute lists and extensions: `{: .class}`, `{:toc}`, `{::options …}`.
_KRAMDOWN = re.compile(r"^\s*\{:[^}\n]*\}\s*$|\{::(?:options|comment|nomarkdown)\b", re.MULTILINE)
# Tag plugins only Hexo and its themes (NexT, Butterfly, Fluid, Stellar) have.
_HEXO_TAGS = re.compile(
    r"\{%\s*(?:asset_img|asset_link|asset_path|post_link|post_path|codeblock|blockquote|note|tabs|label|"
    r"gp|grouppicture|btn|button|fold|folding|hideToggle|hideBlock|mermaid|meting|iframe|img|image|"
    r"centerquote|cq|pullquote|youtube|bilibili|video|gist|jsfiddle|checkbox|radio|timeline|span|p|kbd|"
    r"inlineimage|inlineImg|flink|noteblock|poem|site|sites|ghcard|copy|emp|wavy|del|u|sup|sub)\b"
)
_HUGO_SHORTCODE = re.compile(r"\{\{[<%]\s*/?\s*[\w./-]+")
# Hexo (moment.js) reads 2021/9/30 0:00:00 and 2021-9-3; Jekyll and Hugo do not.
_HEXO_DATE = re.compile(r"^\s*\d{4}/\d{1,2}/\d{1,2}|^\s*\d{4}-(?:\d-\d{1,2}|\d{2}-\d)(?!\d)")
# What writers escaped for marked inside $…$ (marked reads Markdown escapes inside math too):
# escapes that are not TeX (\^ \* \< \>), \_ as a subscript, \\\\ as a row break,
# \\{ for a brace, align\*. `\_` or `\#` alone are TeX's own literal characters.
MARKED_ESCAPES = re.compile(
    r"\\[*^<>]|(?<=[\w})\]])\\_(?=\{|\d|[A-Za-z](?![A-Za-z])|\\[A-Za-z])|\\\\\\\\|\\\\[{}]|\\begin\s*\{[a-z]+\\\*\}"
)
_TEXT_GROUP = re.compile(r"\\(?:text[a-z]*|mathrm|operatorname|label|tag)\s*\{[^{}]*\}")


def has_marked_escapes(tex: str) -> bool:
    """TeX escaped for marked, outside \\text{…} (where `a\\_b` is TeX's own underscore)."""
    return "\\" in tex and MARKED_ESCAPES.search(_TEXT_GROUP.sub("", tex)) is not None


# `$$` in the middle of a line of text: only kramdown makes that inline math on purpose.
_INLINE_DOUBLE = re.compile(r"[^\s$][^\n$]*?\s\$\$[^$\n]+\$\$\s*[^\s$|]")
# Keys PaperMod, Stack and the other Hugo themes put in front matter, and Hugo's own.
_HUGO_KEYS = frozenset({"lastmod", "weight", "showtoc", "tocopen", "cover", "hidemeta", "usehugotoc", "aliases"})
_HEXO_KEYS = frozenset({"mathjax", "katex", "top", "sticky", "copyright", "index_img", "banner_img", "abbrlink"})


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


def guess_dialect(
    source: str, front_matter_format: str | None, data: Mapping[str, Any], raw_date: Any, body: str
) -> tuple[Dialect, str]:
    """(dialect, why) for one post: the engine whose traces the post carries, else "ours".

    `front_matter_format` is "toml" for `+++` front matter; `raw_date` is the date as the YAML
    reader gave it (a string when YAML did not take it for a date, as with Hexo's 2021/9/30).
    Hugo's traces are unambiguous and win; between Jekyll and Hexo, which share YAML front
    matter with categories and tags, the one with more traces wins.
    """
    if front_matter_format == "toml":
        return "hugo", "+++ front matter"
    if _HUGO_SHORTCODE.search(body):
        return "hugo", "a Hugo shortcode {{< >}}"
    keys = {str(key).lower() for key in data}
    jekyll: list[str] = []
    hexo: list[str] = []
    if _JEKYLL_FILE.search(source.replace("\\", "/")):
        jekyll.append("a YYYY-MM-DD- file name")
    if "layout" in keys:
        jekyll.append("a layout key")
    if _LIQUID.search(body):
        jekyll.append("Liquid tags")
    if _KRAMDOWN.search(body):
        jekyll.append("kramdown attribute lists")
    if "$$" in body and _INLINE_DOUBLE.search(_without_code(body)):
        jekyll.append("$$ inside a line of text")
    if _HEXO_TAGS.search(body):
        hexo.append("Hexo tag plugins")
    if isinstance(raw_date, str) and _HEXO_DATE.match(raw_date):
        hexo.append("a Hexo date")
    if keys & _HEXO_KEYS:
        hexo.append("Hexo theme keys")
    if "\\" in body and has_marked_escapes(_math_only(body)):
        hexo.append("TeX escaped for marked")
    if isinstance(data.get("categories"), list) and not jekyll:
        hexo.append("a categories list")
    if keys & _HUGO_KEYS and not jekyll and not hexo:
        return "hugo", "Hugo front-matter keys"
    if len(hexo) > len(jekyll):
        return "hexo", ", ".join(hexo)
    if jekyll and len(jekyll) >= len(hexo):
        return "jekyll", ", ".join(jekyll)
    return "ours", "no other engine's traces"


_FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[`~]*\s*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_MATH_SPAN = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$|\\begin\{[a-z]+\\?\*?\}.*?\\end\{[a-z]+\\?\*?\}", re.DOTALL)


def _without_code(body: str) -> str:
    return _CODE_SPAN.sub("", _FENCE.sub("", body))


def _math_only(body: str) -> str:
    """The math spans of a body, roughly: where an escape is an escape for marked, not prose."""
    return "\n".join(match.group(0) for match in _MATH_SPAN.finditer(_without_code(body)))
