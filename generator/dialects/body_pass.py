"""The left-to-right pass over a post body that every dialect's tag converter shares.

Hexo tag plugins, Jekyll's Liquid and Hugo's shortcodes are converted in one pass (a post
may hold all three, and a tag inside fenced code must stay as written whoever wrote it).
`BodyPass` holds that pass's state and what the three dialects' handlers (hexo, jekyll,
hugo) all need: file lines for findings, code left as written, a tag-delimited block
turned into a Markdown fence, a post named by its file turned into its URL. The handlers
are mixins on it; dialects/migrate.py puts them together.
"""

from __future__ import annotations

import bisect
import re

from generator.dialects.findings import Finding
from generator.patterns import lazy_pattern
from generator.urls.paths import expand, slugify

#: Jekyll's dated file names, `2020-01-01-name`: the date, then the slug.
DATE_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")  # 2020-5-5-name too (Jekyll, Hexo :i_month)
#: Hugo's escaped shortcode `{{</* x */>}}`, which shows `{{< x >}}` as written.
HUGO_ESCAPED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.DOTALL)
_RAW_PAIR = lazy_pattern(r"\{%-?[ \t]*raw[ \t]*-?%\}(.*?)\{%-?[ \t]*endraw[ \t]*-?%\}", re.DOTALL)
# What may stand before a block tag on its line: indentation, quote marks, list markers.
_LINE_START = lazy_pattern(r"(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])[ \t]))*[ \t]*")
_HTML_START = lazy_pattern(r"[ ]{0,3}<[A-Za-z/!?]")  # a line that opens a CommonMark HTML block (roughly)
_FENCE_OPEN = lazy_pattern(r"[ \t]*+(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})([^\n]*)")  # *+: a line of spaces, once


def end_tag(name: str) -> re.Pattern[str]:
    """`{% endname %}`, the closer of a Hexo or Liquid block tag."""
    return re.compile(rf"\{{%-?[ \t]*end{re.escape(name)}[ \t]*-?%\}}")


def unescape_in_code(code: str) -> str:
    """Undo the escapes Hugo and Jekyll writers put in code samples, and nothing else.

    In Hugo `{{</* figure */>}}` is how one shows `{{< figure >}}`, and in Jekyll code that
    contains `{{ }}` is wrapped in `{% raw %}...{% endraw %}`; the old site displayed the
    code without those markers, so we do too. Only complete pairs are touched.
    """
    if "{%" in code:
        code = _RAW_PAIR.sub(lambda m: m.group(1), code)
    if "/*" in code:
        code = HUGO_ESCAPED.sub(lambda m: "{{" + m.group(1) + m.group(2) + m.group(3) + "}}", code)
    return code


def md_url(url: str) -> str:
    """A URL as a Markdown link target (in <> when it holds spaces or brackets)."""
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def md_text(text: str) -> str:
    """Text as Markdown link text, its Markdown punctuation escaped."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def fill_post_pattern(pattern: str, slug: str, year: str = "", month: str = "", day: str = "") -> str | None:
    """Expand the post permalink pattern; None when it needs a date we do not have."""
    if not slug.strip("-."):
        return None
    needed = set(re.findall(r"\{(\w+)\}", pattern)) - {"slug"}
    values = {"year": year, "month": month, "day": day, "path": slug, "file": slug}  # a post at the top of posts/
    values |= {"i_month": month.lstrip("0"), "i_day": day.lstrip("0")}
    if any(not values.get(name) for name in needed):
        return None  # e.g. {categories}: not known from a link
    return expand(pattern, slug=slug, **{k: v for k, v in values.items() if k in needed})


def post_url_from_path(pattern: str, target: str) -> str | None:
    """A post named by its file ("x.md#a", `ml/attention`) as /posts/x/#a: the slug is the
    file stem (or the bundle folder), without a Jekyll date. A bare "#a" is this page's
    heading, as Hugo's ref and relref resolve it."""
    path, _, anchor = target.partition("#")
    if not path.strip() and anchor:
        return f"#{anchor}"
    parts = [p for p in path.split("/") if p]
    if parts and re.fullmatch(r"_?index(\.\w+)?", parts[-1]):
        parts = parts[:-1]
    if not parts:
        return None
    stem = re.sub(r"\.(md|markdown|mkdown|mkdn|mkd|mdown|mdwn|qmd|html|ipynb)$", "", parts[-1])
    dated = DATE_NAME.match(stem)
    if dated:
        stem = dated.group(4)
    url = fill_post_pattern(pattern, slugify(stem))
    if url is None:
        return None
    return url + (f"#{anchor}" if anchor else "")


class BodyPass:
    """One left-to-right pass over a body: its text, what it wrote so far and what it found."""

    def __init__(self, body: str, source: str, first_line: int, post_pattern: str) -> None:
        self.body = body
        self.source = source
        self.first_line = first_line
        self.post_pattern = post_pattern
        self.out: list[str] = []
        self.findings: list[Finding] = []
        self.open_blocks: list[str] = []  # Hexo note/blockquote tags turned into ::: containers
        self.newlines = [i for i, ch in enumerate(body) if ch == "\n"]
        self.in_tabs = False  # inside Hugo's {{< tabs >}}, where {{< tab >}} is one tab

    def run(self) -> str:
        """The pass itself, made by dialects/migrate.py from this class and the dialects' handlers."""
        raise NotImplementedError

    def convert_inside(self, start: int, end: int, in_tabs: bool = False) -> str:
        """The body between start and end converted by a pass of its own (what a block such as
        tabs holds, rewritten as a whole after), its findings added to this pass's."""
        inner = type(self)(self.body[start:end], self.source, self.line(start), self.post_pattern)
        inner.in_tabs = in_tabs
        text = inner.run()
        self.findings.extend(inner.findings)
        return text

    # helpers -------------------------------------------------------------
    def line(self, pos: int) -> int:
        return self.first_line + bisect.bisect_left(self.newlines, pos)

    def report(self, kind: str, pos: int, text: str) -> None:
        short = " ".join(text.split())
        self.findings.append(Finding(kind, self.line(pos), self.source, short[:60]))

    def done(self, kind: str, pos: int) -> None:
        self.findings.append(Finding(kind, self.line(pos), self.source, "", converted=True))

    def line_break_after(self, pos: int) -> int:
        """After a tag that became a ::: line: text that followed it on its line starts a new line,
        indented as the tag's line was, so that a list item or a quote goes on around it."""
        rest = re.match(r"[ \t]*", self.body[pos:])
        end = pos + (rest.end() if rest else 0)
        if end < len(self.body) and self.body[end] != "\n":
            self.out.append("\n" + self.continuation(pos))
        return end

    def at_line_start(self, pos: int) -> bool:
        """Only indentation, quote marks or list markers (`- `, `1. `) stand before pos on its line:
        a block tag there opens a block, in the list item or quote it is written in."""
        start = self.body.rfind("\n", 0, pos) + 1
        return _LINE_START.fullmatch(self.body[start:pos]) is not None

    def in_html_block(self, pos: int) -> bool:
        """Whether pos stands in a CommonMark HTML block, where Markdown is not read: the lines
        since the last blank one start with a tag, and pos is not at that start itself."""
        start = self.body.rfind("\n", 0, pos) + 1
        while start > 0:
            before = self.body.rfind("\n", 0, start - 1) + 1
            if not self.body[before : start - 1].strip():
                break
            start = before
        return _HTML_START.match(self.body, start) is not None and start < pos

    def continuation(self, pos: int) -> str:
        """What a new line must begin with to stay in the list item or quote pos is in: the
        line's quote marks and indentation, its list marker turned into spaces."""
        start = self.body.rfind("\n", 0, pos) + 1
        lead = _LINE_START.match(self.body, start, pos)
        written = lead.group(0) if lead else ""
        return re.sub(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t])", lambda m: " " * len(m.group(0)), written)

    # code, copied as written -----------------------------------------------
    def fence_end(self, i: int) -> int | None:
        """End (exclusive) of a fenced code block opening at line start i, or None."""
        body = self.body
        match = _FENCE_OPEN.match(body, i)
        if match is None or (match.end() < len(body) and body[match.end()] != "\n"):
            return None
        marker, info = match.group(1), match.group(2)
        if marker[0] == "`" and "`" in info:
            return None
        closing = re.compile(rf"^[ \t]*(?:>[ \t]?)*[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.MULTILINE)
        close = closing.search(body, match.end() + 1)
        if close is None:
            return len(body)  # an unclosed fence runs to the end (CommonMark)
        return close.end()

    def inline_code(self, j: int) -> int:
        body = self.body
        run = re.match(r"`+", body[j:])
        assert run is not None
        ticks = run.group(0)
        limit = re.compile(r"\n[ \t]*\n").search(body, j)
        stop = limit.start() if limit else len(body)
        closer = re.compile(rf"(?<!`){ticks}(?!`)")
        close = closer.search(body, j + len(ticks), stop)
        if close is None:
            self.out.append(ticks)
            return j + len(ticks)
        self.out.append(unescape_in_code(body[j : close.end()]))
        return close.end()

    # shared by the dialects ---------------------------------------------------
    def post_url_from_path(self, target: str) -> str | None:
        return post_url_from_path(self.post_pattern, target)

    def fenced(
        self, open_start: int, open_end: int, close_start: int, close_end: int, language: str, first_line: str = ""
    ) -> str:
        """A tag-delimited code block as a Markdown fence, keeping line numbers where it can.

        `first_line`, when given, opens the code (`{% mermaid graph TD %}` means a diagram
        that starts `graph TD`); it costs one line, so later line numbers shift by one.
        """
        body = self.body
        content = body[open_end:close_start]
        if first_line.strip():
            rest = re.match(r"[ \t]*\n", content)
            content = "\n" + first_line.strip() + "\n" + (content[rest.end() :] if rest else content.lstrip(" \t"))
        longest = max((len(m.group(0)) for m in re.finditer(r"`{3,}", content)), default=0)
        fence = "`" * max(3, longest + 1)
        parts = [] if self.at_line_start(open_start) else ["\n"]
        parts.append(fence + language)
        rest = re.match(r"[ \t]*\n", content)
        if rest is not None:
            content = content[rest.end() :]
        parts.append("\n")
        last = content.rfind("\n")
        tail = content[last + 1 :]
        if tail.strip():
            parts.append(content + "\n" + fence)
        else:
            parts.append(content[: last + 1] + tail + fence if last >= 0 else tail + fence)
        after = body[close_end : body.find("\n", close_end) if "\n" in body[close_end:] else len(body)]
        if after.strip():
            parts.append("\n")
        return "".join(parts)


__all__ = [
    "DATE_NAME",
    "HUGO_ESCAPED",
    "BodyPass",
    "end_tag",
    "fill_post_pattern",
    "md_text",
    "md_url",
    "unescape_in_code",
]
