"""Distill's citation and footnote elements, which al-folio's `distill` layout posts are written with.

`<d-cite key="vaswani2017,devlin2019"></d-cite>` and `<d-footnote>…</d-footnote>` were filled in
by distill's script on the old site; here nothing would fill them, and a browser shows an unknown
element with no text: the citation and the note would vanish. So a d-cite becomes a citation of
its keys (`\\cite{a,b}`, which markdown/citations.py numbers and lists, with its warning for a key
no bibliography has) and a d-footnote an inline footnote (`^[…]`), whose text is converted by a
pass of its own so a d-cite inside it cites too. `DistillTags` is a handler on the shared pass
over the body (dialects/body_pass.py).
"""

from __future__ import annotations

import re

from generator.dialects.body_pass import BodyPass
from generator.patterns import lazy_pattern

_CITE = lazy_pattern(
    r"<d-cite\b[^>]*?\b(?:bibtex-)?key[ \t]*=[ \t]*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))[^>]*?(?:/>|>\s*</d-cite>)",
    re.IGNORECASE,
)
_FOOTNOTE_OPEN = lazy_pattern(r"<d-footnote\b[^>]*>", re.IGNORECASE)
_FOOTNOTE_CLOSE = lazy_pattern(r"</d-footnote[ \t]*>", re.IGNORECASE)
_BLANK_LINE = lazy_pattern(r"\n[ \t]*\n")


def cite_keys(written: str) -> list[str] | None:
    """The keys of `key="a, b"`; None when one cannot be a BibTeX key (a brace, a space inside)."""
    keys = [key.strip() for key in written.split(",")]
    if not keys or any(not key or re.search(r"[\s{}]", key) for key in keys):
        return None
    return keys


class DistillTags(BodyPass):
    """`<d-cite>` and `<d-footnote>` as a citation and a footnote; any other `<` is text."""

    def distill(self, j: int) -> int:
        body = self.body
        cite = body[j : j + 7].lower() == "<d-cite"
        footnote = not cite and _FOOTNOTE_OPEN.match(body, j) is not None
        if (cite or footnote) and self.in_html_block(j):  # where Markdown is not read: kept, and said
            self.report(f"distill:element:{'d-cite' if cite else 'd-footnote'}", j, body[j : j + 60].split("\n")[0])
        elif cite:
            return self.d_cite(j)
        elif footnote:
            return self.d_footnote(j)
        self.out.append("<")
        return j + 1

    def d_cite(self, j: int) -> int:
        match = _CITE.match(self.body, j)
        keys = cite_keys(next(g for g in match.groups() if g is not None)) if match else None
        if match is None or keys is None:
            self.report("distill:element:d-cite", j, self.body[j : j + 60].split("\n")[0])
            self.out.append("<")
            return j + 1
        breaks = "\n" * match.group(0).count("\n")  # kept inside the braces: later lines keep their numbers
        self.out.append("\\cite{" + ",".join(keys) + breaks + "}")
        self.done("distill:element:d-cite", j)
        return match.end()

    def d_footnote(self, j: int) -> int:
        """`<d-footnote>text</d-footnote>` as `^[text]`: the note keeps its place in the sentence
        and is numbered and listed with the post's other footnotes (and shown in the margin)."""
        opening = _FOOTNOTE_OPEN.match(self.body, j)
        assert opening is not None
        closing = _FOOTNOTE_CLOSE.search(self.body, opening.end())
        inside = self.body[opening.end() : closing.start()] if closing else ""
        if closing is None or _BLANK_LINE.search(inside) or not inside.strip():
            problem = "distill:element:d-footnote" + (":unclosed" if closing is None else "")
            self.report(problem, j, opening.group(0))
            self.out.append("<")
            return j + 1
        text = self.convert_inside(opening.end(), closing.start())
        self.out.append("^[" + text.lstrip(" \t") + "]")  # its line breaks kept: later lines keep their numbers
        self.done("distill:element:d-footnote", j)
        return closing.end()


__all__ = ["DistillTags", "cite_keys"]
