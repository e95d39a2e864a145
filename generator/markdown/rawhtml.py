"""Raw HTML a post leaves open, closed at the end of the post so the page's own markup survives.

A post may hold raw HTML, and a browser reads the post's HTML and the template's as one
document: an `<!--` never closed turns the rest of the page into a comment, an open
`<script>`, `<style>`, `<textarea>` or `<title>` swallows it as text, a tag whose `>` is
missing eats the page as attributes, and a stray `</div>` closes one of the template's own
folders. `balance` follows the post's HTML as a browser's tokenizer would for exactly
those things, then appends what closes them and drops stray end tags of the elements the
template is made of. It keeps whatever the writer meant (their scripts included), which
is why it is not a sanitizer such as nh3; a full HTML5 tree builder (html5lib) would cost
far more per post than this scan, and would rewrite the writer's markup besides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from generator.patterns import lazy_pattern

Warning_ = tuple[int | None, str, str]

# Elements whose content is text up to their own end tag (raw text and RCDATA), and
# <plaintext>, which nothing ends.
# <noscript> is not here: with scripting on a browser reads its content as text, with it off as
# markup, so it is scanned as markup and closed as an element, which is safe both ways.
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"}
)
# Elements a browser closes by itself (an end tag is optional, or implied by the next
# block): left to the browser, never counted as open or stray.
IMPLIED = frozenset(
    {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption"}
    | {"rb", "rt", "rp", "rtc", "html", "head", "body"}
)
# Elements the page around a post is built from: a stray end tag of one of them would
# close the template's own element.
STRUCTURE = frozenset(
    {"div", "main", "article", "section", "aside", "nav", "header", "footer", "body", "html", "figure", "details"}
)
_NEXT = re.compile(r"<(?:!--|!|\?|/?[A-Za-z])")
# A tag through its closing '>', with quoted attribute values that may hold '>'. The attributes
# are matched possessively: with a quote left open, a backtracking `(?:[^>"']+|...)*` tried every
# way of cutting each run of text between quotes, 20 s for `<div class="note` and one heading
# after it. Its parts cannot both match at one place, so no other cut could ever reach a '>'.
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>\x00]*)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
# Between the raw HTML pieces of a post when they are scanned as one text (a private-use
# character: a post never needs it, and if one does, edits are simply not mapped back).
SEPARATOR = "\ue000"
# Between two pieces that the post's own markup stands between (a <p>, a heading's tag): a
# doctype or CDATA a block leaves open ends at that markup's first '>', as in a browser.
MARKUP = "\ue001"
_PIECE_END = lazy_pattern(f"[{SEPARATOR}{MARKUP}]")
_NAME = lazy_pattern(r"<(/?)([A-Za-z][^\s/>\x00]*)")


@dataclass(frozen=True, slots=True)
class LeftOpen:
    """One thing the post's HTML leaves open (or closes that it never opened)."""

    opener: str  # how the writer wrote its start: '<!--', '<script', '<div', '</div'
    what: str  # for the message: "comment '<!--'", "element <script>"


def _raw_end(html: str, name: str, start: int) -> int:
    """Where the end tag of a raw-text element starts, or -1."""
    match = re.compile(rf"</{re.escape(name)}[\s/>]", re.IGNORECASE).search(html, start)
    return match.start() if match else -1


def balance(html: str) -> tuple[str, list[LeftOpen]]:
    """The HTML with what it leaves open closed at its end, and what that was."""
    edited, suffix, found = _scan(html)
    return edited + suffix, found


def _scan(html: str) -> tuple[str, str, list[LeftOpen]]:
    """The HTML with stray end tags dropped and <plaintext> escaped, what closes what it
    leaves open, and what that was."""
    if "<" not in html:
        return html, "", []
    found: list[LeftOpen] = []
    stack: list[str] = []
    drop: list[tuple[int, int]] = []  # stray end tags of the page's structure
    tail = ""
    position = 0
    while True:
        match = _NEXT.search(html, position)
        if match is None:
            break
        start = match.start()
        if html.startswith(("<!", "<?"), start):
            position, left_open, tail = _past_comment_or_declaration(html, start)
            if left_open is not None:
                found.append(left_open)
                break
            continue
        tag = _TAG.match(html, start)
        markup = html.find(MARKUP, start, None if tag is None else tag.end())
        if markup >= 0 and not _open_quote(html[start:markup]):  # ended by the '>' of the markup after it
            head = _NAME.match(html, start)
            assert head is not None
            closing, name, position, empty = head.group(1), head.group(2).lower(), markup, False
        elif tag is None:  # no '>' before the end: the page would be read as this tag's attributes
            head = _NAME.match(html, start)
            assert head is not None
            found.append(
                LeftOpen(f"<{head.group(1)}{head.group(2)}", f"tag <{head.group(1)}{head.group(2)} without '>'")
            )
            tail = _open_quote(html[start:]) + ">"
            if not head.group(1) and head.group(2).lower() not in VOID:
                stack.append(head.group(2).lower())
            break
        else:
            closing, name, position, empty = (
                tag.group(1),
                tag.group(2).lower(),
                tag.end(),
                tag.group(3).rstrip().endswith("/"),
            )
        if closing:
            _end_tag(name, (start, position), stack, drop, found)
            continue
        if name == "plaintext":  # nothing can end it: shown as text instead
            found.append(LeftOpen("<plaintext", "element <plaintext>"))
            html = html[:start] + "&lt;" + html[start + 1 :]
            position = start + 4
            continue
        if name in RAW_TEXT:
            end = _raw_end(html, name, position)
            if end < 0:
                found.append(LeftOpen(f"<{name}", f"element <{name}>"))
                tail = f"</{name}>"
                break
            position = end
            continue
        if name in VOID or name in IMPLIED or empty:
            continue
        stack.append(name)
    for begin, end in reversed(drop):
        html = html[:begin] + html[end:]
    if stack:
        cut_short = {item.opener for item in found if "without '>'" in item.what}
        found.extend(
            LeftOpen(f"<{name}", f"element <{name}>") for name in dict.fromkeys(stack) if f"<{name}" not in cut_short
        )
    closers = "".join(f"</{name}>" for name in reversed(stack))
    return html, tail + closers, found


def _past_comment_or_declaration(html: str, start: int) -> tuple[int, LeftOpen | None, str]:
    """Where the scan goes on after the comment, doctype, CDATA or processing instruction at
    `start`; or, for one never ended, what is left open and what ends it."""
    if html.startswith("<!--", start):
        if html.startswith(("<!-->", "<!--->"), start):  # an empty comment, closed by the browser too
            return html.index(">", start) + 1, None, ""
        end = html.find("-->", start + 4)
        if end < 0:
            return len(html), LeftOpen("<!--", "comment '<!--'"), "-->"
        return end + 3, None, ""
    end = html.find(">", start)  # the others end at the first '>'
    markup = html.find(MARKUP, start, None if end < 0 else end)
    if markup >= 0:  # the '>' of the markup after its piece
        return markup, None, ""
    if end < 0:
        return len(html), LeftOpen(html[start : start + 2], f"markup declaration '{html[start : start + 9]}'"), ">"
    return end + 1, None, ""


def _end_tag(
    name: str, span: tuple[int, int], stack: list[str], drop: list[tuple[int, int]], found: list[LeftOpen]
) -> None:
    """An end tag closes the post's element; one that would close the page's own is left out."""
    if name in stack and "noscript" in stack[len(stack) - stack[::-1].index(name) :]:
        # With scripts on, a browser reads <noscript> as text up to </noscript>, so this end tag
        # would not close; with them off it would close the <noscript> too. Left out, both read
        # the post alike, and both are closed at its end.
        drop.append(span)
        found.append(LeftOpen(f"</{name}", f"end tag </{name}> inside an open <noscript>"))
    elif name in stack:
        del stack[len(stack) - 1 - stack[::-1].index(name) :]
    elif name in STRUCTURE:
        drop.append(span)
        found.append(LeftOpen(f"</{name}", f"end tag </{name}> that closes no element of the post"))


def _open_quote(tag_text: str) -> str:
    """The quote a tag's text leaves open ('"' or "'"), or "" when its quotes are paired."""
    quotes = _QUOTED.sub("", tag_text)
    return '"' if quotes.count('"') % 2 else "'" if quotes.count("'") % 2 else ""


_QUOTED = lazy_pattern(r""""[^"]*"|'[^']*'""")


def _expected(item: LeftOpen) -> str:
    opener = item.opener
    if "without '>'" in item.what:
        return "'>' at the end of the tag"
    if opener == "<!--":
        return "'-->' to end the comment"
    if opener.startswith("</"):
        return (
            "</noscript> before it" if "<noscript>" in item.what else "an end tag only for an element the post opened"
        )
    if opener in ("<!", "<?"):
        return "'>' at its end"
    if opener == "<plaintext":
        return "<pre> for text shown as it is"
    return f"</{opener[1:]}> to close it"


def close_raw_html(tokens: Sequence[Token], first_line: int) -> tuple[str, list[Warning_]]:
    """What must follow the post's HTML to close what its raw HTML leaves open, with a warning
    per thing on the line that opened it; stray end tags are cut from the tokens.

    Only the raw HTML pieces are scanned, as one text: markdown-it's own markup is balanced
    and the text it escapes holds no '<', so what the pieces leave open is what the page
    would (and a 10,000-post build does not scan every page's whole HTML). Where its markup
    stands between two pieces, its first '>' is marked (MARKUP): it ends a declaration or a
    tag a block left open, as it does in a browser.
    """
    pieces: list[tuple[int | None, Token]] = []
    joined: list[str] = []
    block_before = -2  # the index of the html_block just scanned, if the last piece was one
    for index, token in enumerate(tokens):
        if token.type == "html_block":
            joined += [(SEPARATOR if index == block_before + 1 else MARKUP) if joined else "", token.content]
            pieces.append((first_line + token.map[0] if token.map else None, token))
            block_before = index
        elif token.type == "inline":
            for child in token.children or ():
                if child.type == "html_inline":
                    joined += [MARKUP if joined else "", child.content]
                    pieces.append((first_line + token.map[0] if token.map else None, child))
                    block_before = -2
    if not pieces:
        return "", []
    edited, suffix, found = _scan("".join(joined))
    if not found:
        return "", []
    raw = [(line, token.content.lower()) for line, token in pieces]  # as written, for the lines
    parts = _PIECE_END.split(edited)
    if len(parts) == len(pieces):
        for (_, token), part in zip(pieces, parts, strict=True):
            token.content = part
    warnings: list[Warning_] = []
    for item in found:
        opener = item.opener.lower()
        line = next((line for line, content in reversed(raw) if opener in content), None)
        if item.opener.startswith("</"):
            message = f"raw HTML {item.what} is left out, so the page around the post stays whole"
        elif "without '>'" in item.what:
            message = f"raw HTML {item.what} would hide the rest of the page; closed there"
        elif item.opener == "<plaintext":
            message = "raw HTML element <plaintext> would hide the rest of the page; shown as text"
        else:
            message = f"raw HTML {item.what} is never closed; closed at the end of the post"
        warnings.append((line, message, _expected(item)))
    return suffix, list(dict.fromkeys(warnings))


__all__ = ["LeftOpen", "balance", "close_raw_html"]
