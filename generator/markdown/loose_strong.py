"""`** 特别注意 **`: bold with spaces inside its asterisks, as Hexo's marked showed it.

Hexo 3 blogs rendered with hexo-renderer-marked before 1.0, which ran marked 0.3: its bold was
any text between two `**`, spaces at its edges included. CommonMark (and marked since 0.4)
reads a `**` followed by a space as no opener and one after a space as no closer, so those posts
publish their asterisks: one real Hexo blog had them in five posts (`** 特别注意 **`,
`** 因此，构造一个对象……。**`), another in one. Nobody writes such a span to show asterisks;
its writer saw it bold.

So in the posts read as Hexo's (or by our own rules, which most Hexo posts are when they carry
no trace of their engine), a `**` pair on one line of Chinese (Japanese, Korean) text whose
inside starts or ends with a space is bold. Only such pairs: a pair CommonMark already reads
(`**粗体**`) is left to it, and on a line without a CJK character (`2 ** 10 and 3 ** 2` in an English
sentence) the asterisks stay, as every engine of today shows them.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from generator.markdown.cjk import is_cjk


def _closing(src: str, start: int, end: int) -> int:
    """Where the `**` that closes a pair opened before `start` is, on the same line, outside code
    spans (an even number of backticks before it); -1 if none."""
    stop = src.find("\n", start, end)
    stop = end if stop < 0 else stop
    found = src.find("**", start, stop)
    while found >= 0 and (src.startswith("***", found) or src.count("`", start, found) % 2):
        found = src.find("**", found + 2, stop)
    return found


def _loose_strong(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("**", start) or src.startswith("***", start) or (start and src[start - 1] == "*"):
        return False
    if src.count("**", 0, start) % 2:
        return False  # it closes the pair before it (`**粗体** 和`), as marked paired them left to right
    close = _closing(src, start + 2, state.posMax)
    if close < 0:
        return False
    inside = src[start + 2 : close]
    if not inside.strip() or not (inside[0].isspace() or inside[-1].isspace()):
        return False  # CommonMark's own emphasis reads it (or nothing is inside)
    line_start, line_end = src.rfind("\n", 0, start) + 1, src.find("\n", close)
    if not any(is_cjk(char) for char in src[line_start : None if line_end < 0 else line_end]):
        return False  # `2 ** 10 and 3 ** 2` in an English line
    if not silent:
        state.push("strong_open", "strong", 1).markup = "**"
        end = state.posMax
        state.pos, state.posMax = start + 2, close
        state.md.inline.tokenize(state)
        state.posMax = end
        state.push("strong_close", "strong", -1).markup = "**"
    state.pos = close + 2
    return True


def loose_strong_plugin(md: MarkdownIt) -> None:
    """Read `** 中文 **` as bold (see the module); before emphasis, which would leave it as text."""
    md.inline.ruler.before("emphasis", "loose_strong", _loose_strong)


__all__ = ["loose_strong_plugin"]
