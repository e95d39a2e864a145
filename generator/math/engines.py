"""What each engine did to a post's math before MathJax saw the page, and MathJax's own reading.

A post is read by the rules of the engine it was written for (dialects/engine.py guesses it):
- `$$` on its own line right under a line of text, or inside a list item, is display math on
  Hexo, Hugo and our own rules (MathJax typesets every `$$…$$` as display); only kramdown
  (Jekyll) makes `$$` inside a paragraph inline math.
- hexo-renderer-marked read Markdown escapes inside `$…$` and `$$…$$` too, so Hexo writers wrote
  `\\_`, `\\*`, `\\\\\\\\` for what MathJax then saw as `_`, `*`, `\\\\` (`unescape_marked`);
  kramdown, marked and goldmark all read `$…$` as text, so its escapes were taken out anywhere.
- `\\\\( … \\\\)` and `\\\\[ … \\\\]`: Markdown turns `\\\\` into `\\`, so MathJax saw its
  own `\\( … \\)` delimiters (the usual spelling on Jekyll blogs, on Hexo and Hugo ones too).
- MathJax reads `$ x $` with spaces, finds formulas in raw HTML, and leaves a `$` that opens
  nothing alone; a `$…$` that reads as a shell line or a price stays text (`dollars_in_prose`).
- TeX that no rule took is never published silently (`tex_left_as_text`).
Token passes run between parsing and conversion (markdown/render.py calls them in order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from generator.dialects.engine import has_marked_escapes
from generator.patterns import lazy_pattern


def shortened(tex: str) -> str:
    """A formula as a warning quotes it: one line, at most 60 characters (a pasted 100 KB one too)."""
    flat = " ".join(tex.split())
    return flat if len(flat) <= 60 else flat[:60] + "…"


# The token types dollarmath, texmath and math/syntax.py make (markdown/render.py renders them).
MATH_INLINE = ("math_inline", "math_inline_double")
MATH_BLOCK = ("math_block", "math_block_label", "math_block_eqno")


def math_tokens(tokens: list[Token]) -> list[Token]:
    """Every formula token of a post, in reading order."""
    found: list[Token] = []
    for token in tokens:
        kind = token.type
        if kind == "inline":
            if token.children:
                found += [child for child in token.children if child.type in MATH_INLINE]
        elif kind in MATH_BLOCK:
            found.append(token)
    return found


KRAMDOWN = "jekyll"  # the one dialect where `$$` inside a paragraph is inline math
_ESCAPABLE = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_MARKDOWN_ESCAPE = lazy_pattern(r"\\([" + re.escape(_ESCAPABLE) + r"])")


def written_for_marked(formulas: Iterable[str]) -> bool:
    """True when a Hexo post's TeX carries the escapes its writer added for marked."""
    return any(has_marked_escapes(tex) for tex in formulas)


# `\\_` in a `$…$` (`$Gain\\_Gini$`): a row break, then a subscript of nothing, which inline math
# cannot hold; it is TeX's `\_` escaped for Markdown, which marked, kramed, kramdown and goldmark,
# reading `$…$` as text, took back to `\_` before MathJax showed "Gain_Gini".
_ESCAPED_UNDERSCORE = lazy_pattern(r"(?<!\\)\\\\_")


def _escaped_for_markdown(singles: list[Token]) -> bool:
    """True when a post's `$…$` formulas carry escapes only a Markdown reader could take out."""
    return written_for_marked(token.content for token in singles) or any(
        "\\\\_" in token.content and _ESCAPED_UNDERSCORE.search(token.content) for token in singles
    )


_ROW_BREAK_AT_EOL = lazy_pattern(r"(?<!\\)\\\\(?=[ \t]*(?:\n|$))")
_BARE_DELIMITER = lazy_pattern(r"(\\(?:left|right|middle|[bB]igg?[lrm]?))\s*([{}])")


def unescape_marked(tex: str) -> str:
    """The TeX MathJax saw after hexo-renderer-marked: one Markdown escape level less.

    Except `\\left\\{`: marked made it `\\left{`, which no engine can typeset, so the writer
    cannot have seen it work; a brace after a delimiter command keeps its backslash.
    """
    if "\\" not in tex:
        return tex
    if "\\\\\\\\" not in tex and _ROW_BREAK_AT_EOL.search(tex):
        # `\\` ending a line, and no `\\\\` anywhere: a row break written for a renderer that
        # kept math as written (kramed, pandoc); marked's `\` and newline shows no row at all
        rows = _ROW_BREAK_AT_EOL.split(tex)
        return "\\\\".join(unescape_marked(row) for row in rows)
    return _BARE_DELIMITER.sub(r"\1\\\2", _MARKDOWN_ESCAPE.sub(r"\1", tex))


_LOOKS_LIKE_TEX = lazy_pattern(r"\\[A-Za-z]|[_^=]")
# Engines whose Markdown turned a `\[` inside a sentence into `[` before MathJax saw the page
# (marked, kramdown): only a `\[ … \]` on lines of its own was display math there.
BRACKETS_ON_OWN_LINES = frozenset({"hexo", KRAMDOWN})


def in_a_sentence(src: str, start: int, end: int) -> bool:
    """Whether text shares a line with src[start:end]: before its start or after its end."""
    line_start = src.rfind("\n", 0, start) + 1
    line_end = src.find("\n", end)
    return bool(src[line_start:start].strip() or src[end : line_end if line_end >= 0 else len(src)].strip())


def _bracket_inline(state: StateInline, silent: bool, own_lines_only: bool = False) -> bool:
    """`\\\\( … \\\\)` and `\\( … \\)` as inline math, `\\\\[ … \\\\]` and `\\[ … \\]` as display math,
    inside a paragraph and across its lines (texmath's rules take `\\(…\\)` on one line and
    `\\[` starting a block only).

    A single-backslash `\\[…\\]` must hold TeX or start a line of its own: `\\[1\\]` is how
    Markdown writers keep `[1]` from being read as a link. With `own_lines_only` (Hexo, Jekyll)
    one inside a sentence (`区间写成 \\[\\u4e00-\\u9fa5\\]`) is the escaped bracket the engine showed.
    """
    src, start = state.src, state.pos
    doubled = src.startswith("\\\\", start)
    at = start + (2 if doubled else 1)
    if at >= state.posMax or src[at] not in "([" or src[start] != "\\":
        return False
    if not doubled and start and src[start - 1] == "\\":
        return False
    opener = src[at]
    closer = ("\\\\" if doubled else "\\") + (")" if opener == "(" else "]")
    end = src.find(closer, at + 1)
    content = src[at + 1 : end] if end >= 0 else ""
    if not content.strip():
        return False
    if not doubled and opener == "[":
        if not (content.startswith("\n") or _LOOKS_LIKE_TEX.search(content)):
            return False
        if own_lines_only and in_a_sentence(src, start, end + len(closer)):
            return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = content
        token.markup = "begin" if opener == "[" else "\\("
    state.pos = end + len(closer)
    return True


def _bracket_block_ends_its_line(md: MarkdownIt) -> None:
    """Wrap texmath's `\\[ … \\]` block rule so that a line going on after its `\\]`
    (`\\[\\w+\\] 匹配单词`) is a paragraph: the block rule dropped the rest of the line unseen.
    The paragraph's inline rules then read the brackets as the post's engine did."""
    rule = next((rule for rule in reversed(md.block.ruler.__rules__) if rule.name == "math_block"), None)
    if rule is None:
        return
    original = rule.fn

    def math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        begin = state.bMarks[start_line] + state.tShift[start_line]
        if not state.src.startswith("\\[", begin):
            return False  # texmath's rule refuses it too; it is tried at every line
        close = state.src.find("\\]", begin + 2)
        if close >= 0 and in_a_sentence(state.src, begin, close + 2):
            return False
        return bool(original(state, start_line, end_line, silent))

    rule.fn = math_block
    md.block.ruler.__cache__ = None


def _dollar_block_interrupts_paragraph(md: MarkdownIt) -> None:
    """`$$` on its own line ends the paragraph above it, as MathJax shows it on Hexo and Hugo."""
    for rule in md.block.ruler.__rules__:
        if rule.name == "math_block":
            for chain in ("paragraph", "list"):
                if chain not in rule.alt:
                    rule.alt.append(chain)
            md.block.ruler.__cache__ = None
            return


def _spaced_dollar_inline(state: StateInline, silent: bool) -> bool:
    """`$ x $`: MathJax typesets it (dollarmath, told to leave `$5 and $10` alone, does not).

    Like MathJax, the closing `$` is looked for outside braces, so `$ \\text{if $x$} $` is one
    formula, spaced or not (dollarmath would close `$\\text{if $x$} y$` at the inner `$`); a
    closing `$` followed by a digit is a price, not math.
    """
    src, start = state.src, state.pos
    if src[start] != "$" or src.startswith("$$", start) or (start and src[start - 1] in "\\$"):
        return False
    depth = 0
    index = start + 1
    while index < state.posMax:
        char = src[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "$" and depth <= 0:
            break
        elif char == "\n" and src.startswith("\n", index + 1):
            return False
        index += 1
    else:
        return False
    content = src[start + 1 : index]
    if not content.strip() or src.startswith("$", index + 1) or src[index + 1 : index + 2].isdigit():
        return False
    if content[0] not in " \t\n" and content[-1] not in " \t\n" and "$" not in content:
        return False  # no space inside and no `$` in braces: dollarmath's own rule reads it
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = content
        token.markup = "$"
    state.pos = index + 1
    return True


def dialect_math_plugin(md: MarkdownIt, dialect: str) -> None:
    """The delimiter rules of the engine a post was written for (see the module docstring)."""
    own_lines_only = dialect in BRACKETS_ON_OWN_LINES
    md.inline.ruler.before("escape", "math_brackets", partial(_bracket_inline, own_lines_only=own_lines_only))
    md.inline.ruler.before("math_inline", "math_spaced_dollar", _spaced_dollar_inline)
    _bracket_block_ends_its_line(md)
    if dialect != KRAMDOWN:
        _dollar_block_interrupts_paragraph(md)


_SHELL_PROMPT = lazy_pattern(r"(?:^|[\s`])(?:~|[\w.-]+@[\w.-]+(?::\S*)?|[\w/~.-]*[#\]>])$")
_SHELL_AFTER = lazy_pattern(r"^(?:\{?[A-Za-z_][A-Za-z0-9_]*\b|\(|\?|\$|#|@)")
_SHELL_INSIDE = lazy_pattern(
    r"^\{[A-Za-z_][A-Za-z0-9_]*(?:[:#%/}]|$)|^\(|\|\s|&&|^\s*(?:sudo|cd|ls|echo|export|pip|git|cat)\b"
)
_MONEY = re.compile(r"^\s*\d[\d,]*(?:\.\d+)?(?:\s|[kKmMbB万亿元]|$)")


_TEX_COMMAND = re.compile(r"\\[A-Za-z]{2,}")
_SHELL_VARIABLE = re.compile(r"^\{[A-Z_][A-Z0-9_]*[:}#%/]")
_PRICE_AFTER = lazy_pattern(r"^\s?\d")


def reads_as_text(before: str, tex: str, after: str, converted: bool) -> str | None:
    """Why a `$…$` is a dollar sign in prose, not a formula: "shell", "price" or None.

    `before` is the text up to the opening `$`, `after` the text from just after the closing
    one. A span that did not convert needs one sign of prose; one that converted needs an
    unmistakable one (`~$ ls`, `${PATH}`, `$5 to $10`): such pages rarely even loaded MathJax.
    """
    if _TEX_COMMAND.search(tex):
        return None  # a shell line or a price has no \\frac in it: this is a formula
    if converted:
        if (tex[:1] in (" ", "\t") and _SHELL_PROMPT.search(before)) or _SHELL_VARIABLE.match(tex):
            return "shell"
        if _MONEY.match(tex) and _PRICE_AFTER.match(after):
            return "price"
        return None
    if _MONEY.match(tex) or (_MONEY.match(after) and not tex.strip().startswith("\\")):
        return "price"
    if _SHELL_PROMPT.search(before) or _SHELL_INSIDE.search(tex) or _SHELL_AFTER.match(after):
        return "shell"
    return None


# --- formulas in raw HTML ----------------------------------------------------------------


def _tags_and_hidden(elements: str) -> re.Pattern[str]:
    """Tags, comments, and the elements named (`a|b`) with what they hold. One left open hides the
    rest of the block, as on the page (rawhtml closes it at the end of the post); a search for its
    end from every opener took 0.6 s for 2,000 `<pre>` left open, growing as the square. A `<`
    before a space, a digit or `=` starts no tag (browsers show it as text), so `$a < b$` in a
    table cell is a formula, as MathJax found it."""
    return re.compile(
        rf"<({elements})\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)|<[A-Za-z/!?][^>]*>", re.DOTALL | re.IGNORECASE
    )


# Elements whose text MathJax skips (its default skipHtmlTags), plus the tags themselves.
_HTML_SKIP = _tags_and_hidden("script|style|textarea|pre|code|math|annotation|kbd|samp")
_HTML_MATH = lazy_pattern(
    r"(?<!\\)\$\$(?P<dd>.+?)(?<!\\)\$\$|\\\[(?P<bd>.+?)\\\]|\\\((?P<bi>.+?)\\\)"
    r"|(?P<env>\\begin\{(?P<name>[A-Za-z]+\*?)\}.*?\\end\{(?P=name)\})"
    r"|(?<![\\$])\$(?P<di>[^$\n](?:[^$]*?[^$\\\s])?|[^$\s])\$(?!\d)"
    # `$` alone on its line, the formula on the lines between (`<center>⏎$⏎= \sum_a p(a)⏎$`)
    r"|(?<![\\$])\$(?P<dl>[ \t]*\n[^$]*\n[ \t]*)\$(?!\d)",
    re.DOTALL,
)


def html_math_spans(html: str) -> list[tuple[int, int, str, bool]]:
    """Formulas MathJax would find in a raw HTML block: (start, end, TeX as written, display).

    MathJax typesets the text of the page, so `<td>$x$</td>` shows a formula on Hexo, Hugo
    and Jekyll alike; tags, comments, code and scripts are skipped as MathJax skips them.
    """
    if "$" not in html and "\\" not in html:
        return []
    spans: list[tuple[int, int, str, bool]] = []
    position = 0
    for skipped in [*_HTML_SKIP.finditer(html), None]:
        end = skipped.start() if skipped is not None else len(html)
        for found in _HTML_MATH.finditer(html, position, end):
            display = found.group("di") is None and found.group("bi") is None and found.group("dl") is None
            tex = next(group for group in (found.group(k) for k in ("dd", "bd", "bi", "env", "di", "dl")) if group)
            if tex.strip():
                spans.append((found.start(), found.end(), tex, display))
        if skipped is None:
            break
        position = skipped.end()
    return spans


# TeX that reached the page as text: a formula's commands or delimiters outside any formula.
TEX_IN_PROSE = lazy_pattern(
    r"\\(?:begin|end)\s*\{[A-Za-z]+\*?\}|\\(?:frac|dfrac|sum|prod|int|mathbf|mathbb|mathcal|mathrm|boldsymbol|"
    r"left|right|partial|nabla|cdot|cdots|ldots|sqrt|alpha|beta|gamma|theta|lambda|sigma|epsilon|omega|"
    r"operatorname|leq|geq|neq|infty|quad|qquad|displaystyle|tag|label|"
    # Greek letters and the operators real posts left outside $…$ (`|\bigcup_{i}\bar{f_i}|`, `\pi_j`)
    r"delta|Delta|Gamma|Theta|Lambda|Sigma|Omega|Phi|Psi|varepsilon|zeta|eta|iota|kappa|mu|nu|xi|Xi|pi|Pi|"
    r"rho|varrho|tau|upsilon|phi|varphi|chi|psi|bigcup|bigcap|bigoplus|bigotimes|cup|cap|bar|hat|tilde|vec|"
    r"overline|underline|times|pm|mp|notin|subseteq|supseteq|forall|exists|rightarrow|Rightarrow|"
    r"leftarrow|Leftarrow|mapsto|approx|equiv|propto|argmax|argmin|lim|mathop|text)(?![A-Za-z])|\$\$"
)


def tex_in_prose(text: str) -> str | None:
    """The first piece of TeX in a text a reader will see, with a little context, or None."""
    found = TEX_IN_PROSE.search(text) if ("\\" in text or "$$" in text) else None
    if found is None:
        return None
    return " ".join(text[max(0, found.start() - 15) : found.end() + 25].split())


_DISPLAY_ENVIRONMENT = lazy_pattern(
    r"\\begin\s*\{(?:equation|align|gather|multline|flalign|eqnarray|alignat|displaymath)\*?\}"
)


# Engines whose Markdown took escapes out of `$$…$$` too: hexo-renderer-marked, and Hugo's goldmark
# before its passthrough extension (older Hugo, Wowchemy/Hugo Blox sites), whose writers wrote
# `g\\_1`, `\\\\{b\\_1\\\\}` and `v^{\\*}`. A Hugo post with passthrough carries none of these.
_ESCAPES_EATEN = frozenset({"hexo", "hugo"})


def as_engine_showed_it(found: list[Token], dialect: str) -> None:
    """The post's math as MathJax saw it on the engine it was written for (math/syntax.py).

    `$$…$$` inside a paragraph is display math everywhere but under kramdown; a Hexo post whose
    TeX was escaped for marked (or a Hugo one for goldmark without passthrough) loses that escape
    level, as marked (goldmark) took it before MathJax, and so
    does any other post's `$…$` that carries such escapes (kramdown reads `$…$` as text). An HTML
    character reference (`&lt;`) is the character the browser decoded it to before MathJax read it.
    `found` is the post's formula tokens (`math_tokens`), which the conversion reads next.
    """
    for token in found:
        # kramdown's inline $$ holding an align or equation: MathJax shows the environment as display
        if token.type == "math_inline_double" and (dialect != KRAMDOWN or _DISPLAY_ENVIRONMENT.search(token.content)):
            token.markup = "begin"
    if dialect in _ESCAPES_EATEN and written_for_marked(token.content for token in found):
        for token in found:
            token.content = unescape_marked(token.content)
    else:  # kramdown (and marked, goldmark) read $…$ as text: its escapes were taken first
        singles = [token for token in found if token.type == "math_inline" and token.markup == "$"]
        if _escaped_for_markdown(singles):
            for token in singles:
                token.content = unescape_marked(token.content)
    for token in found:
        if "&" in token.content and ";" in token.content:
            token.content = _CHARACTER_REFERENCE.sub(_decoded, token.content)


# An HTML character reference in a formula (`$x_i&lt;x_j$`, text pasted from a web page). Hexo's
# and Hugo's renderers passed it into the page as written, the browser decoded it, and MathJax
# read `<`; markdown-it keeps a formula's text as written, and the converter refused the `&`.
# Only a whole reference, ending in `;`, is one (as in CommonMark: a renderer escaped a bare `&`,
# so the browser showed `&lt` as typed): an array's `a & b`, `a &= b` or `a &lt b` stays.
# (kramdown escaped every `&`, so MathJax saw `&lt;` there and failed; the writer meant `<` too.)
_CHARACTER_REFERENCE = lazy_pattern(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _decoded(match: re.Match[str]) -> str:
    """The character a reference names (an unknown name stays as written); a no-break space is
    a space, which MathJax skips as it skips any space in TeX."""
    character = unescape(match.group(0))
    return " " if character == "\u00a0" else character


def dollars_in_prose(tokens: list[Token], env: dict, first_line: int) -> None:
    """A `$…$` that did not convert and reads as a shell line or a price is kept as the text it
    was (MathJax would have left it alone too), with a warning instead of a red box in a sentence."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children = token.children
        for index, child in enumerate(children):
            if child.type != "math_inline" or child.markup != "$":
                continue
            converted = child.meta.get("converted")
            if converted is None:
                continue
            before = children[index - 1].content if index and children[index - 1].type == "text" else ""
            after = (
                children[index + 1].content if index + 1 < len(children) and children[index + 1].type == "text" else ""
            )
            kind = reads_as_text(before, child.content, after, converted.problem is None)
            if kind is None:
                continue
            why = f" ({converted.problem})" if converted.problem else ""
            line = first_line + token.map[0] + child.meta.get("line_offset", 0) if token.map else None
            env["warnings"].append(
                (
                    line,
                    f"${shortened(child.content)}$ is not a formula{why}; "
                    f"it reads as a {'shell command' if kind == 'shell' else 'price'}, kept as text",
                    "\\$ for a dollar sign that is not math",
                )
            )
            child.type = "text"
            child.content = f"${child.content}$"
            child.meta.pop("converted", None)


_HTML_HIDDEN = _tags_and_hidden("script|style|pre|code|math")  # what a reader never sees as text


def tex_left_as_text(tokens: list[Token], env: dict, first_line: int) -> None:
    """Never TeX on the page without a word: a formula that no rule took (a delimiter the post's
    engine knew and we do not, a `$$` left open) is reported with its line, once a paragraph."""
    for token in tokens:
        if token.type == "inline" and token.children:
            text = "".join([child.content for child in token.children if child.type == "text"])
        elif token.type == "html_block":
            text = unescape(_HTML_HIDDEN.sub(" ", token.content))
        elif token.type.startswith("container_") and token.nesting == 1:
            text = token.meta.get("title_text", token.info)  # a tab's caption, a quote's source (a title is inline)
        else:
            continue
        piece = tex_in_prose(text)
        if piece is not None:
            line = first_line + token.map[0] if token.map else None
            env["warnings"].append(
                (line, f"TeX is shown as text: …{piece}…", "the formula between $…$, $$…$$ or \\(…\\); or in `code`")
            )
