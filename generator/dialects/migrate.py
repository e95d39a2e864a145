"""Posts written for Hexo, Hugo or Jekyll, made to build here unchanged.

Most writers arrive with a blog. Their posts use other front-matter keys and their
generator's template tags, and the first `blog build` must still produce a correct site:
keys are mapped onto ours before validation (`normalise_front_matter`), and the common
tags become the Markdown or HTML they stood for (`convert_shortcodes`). Whatever we do
not understand is left visible in the page, exactly as written, and reported once per
kind for the whole site (`summarise_findings`), so the writer sees what to tidy without
a flood of messages and nothing is ever lost silently.

Everything here is pure (no I/O, no config object): the loader decides when to call it,
and the same input always gives the same output, which the build cache relies on.

Two things are already handled elsewhere and need nothing here: `<!--more-->` and
`<!-- more -->` (see `MORE_MARKERS`) are understood by markdown/render.py, and a Jekyll
`YYYY-MM-DD-name.md` file name gives its date and slug in the loader.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import unquote

from generator.errors import Diagnostic, warning
from generator.urls.paths import expand, slugify, term_slug

#: Excerpt markers from Hexo and Jekyll; markdown/render.py already honours both spellings.
MORE_MARKERS = ("<!--more-->", "<!-- more -->")

# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------

_SUMMARY_ALIASES = ("excerpt", "description")  # excerpt is what the index showed; description is for SEO
_UPDATED_ALIASES = ("lastmod", "last_modified_at", "modified")
_PERMALINK_ALIASES = ("permalink", "url")
_CATEGORY_KEYS = ("categories", "category")
_DATE_ALIASES = ("publishDate", "publishdate", "pubdate", "pubDate")  # Hugo dates a post by these when date is missing
_COMMA = re.compile(r"\s*[,，、]\s*")


@dataclass(frozen=True, slots=True)
class Normalised:
    """The mapped front matter, where each key now lives, and what the writer should know."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    diagnostics: list[Diagnostic]


def normalise_front_matter(
    data: dict[str, Any], key_lines: dict[str, int], source: str, categories_as_tags: bool = True
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Map Hexo, Hugo and Jekyll keys onto ours; see `normalise` (which also moves key lines)."""
    result = normalise(data, key_lines, source, categories_as_tags)
    return result.data, result.diagnostics


def normalise(
    data: dict[str, Any], key_lines: dict[str, int], source: str, categories_as_tags: bool = True
) -> Normalised:
    """Map other generators' front-matter keys onto ours, before the loader validates them.

    - `categories` (or Jekyll's `category`) join `tags` unless `categories_as_tags` is off:
      a list (Hexo's nested `[[a, b]]` flattened), a comma-separated string, or a
      space-separated string (Jekyll's rule for categories); duplicates are dropped. The
      names stay as `categories` too, for the `{categories}` permalink field.
    - Hugo's `publishDate` (or `pubdate`) becomes `date` when that is missing.
    - `excerpt`, then `description`, become `summary` when it is missing.
    - `lastmod`, `last_modified_at`, `modified` become `updated` when it is missing.
    - `permalink` or a site-path `url` gives `slug` (its last path segment) when it is
      missing; the raw value is kept as `permalink_override`.
    - Jekyll's `published: false` becomes `draft: true`.

    The input is never changed. Keys that were used are removed (they would otherwise show
    up again as `post.meta`); keys that lost to ours stay as meta. Warnings only where a
    value was dropped or two keys disagree. `key_lines` of the result point the loader's
    own errors (e.g. a bad `updated`) at the line where the writer wrote the alias.
    """
    out = dict(data)
    lines = dict(key_lines)
    found: list[Diagnostic] = []

    def line_of(key: str) -> int:
        return key_lines.get(key) or 1

    def move(alias: str, target: str) -> None:
        out[target] = out.pop(alias)
        if alias in key_lines:
            lines[target] = key_lines[alias]
        lines.pop(alias, None)

    # categories -> tags
    if categories_as_tags:
        for key in _CATEGORY_KEYS:
            if key not in out:
                continue
            value = out.pop(key)
            lines.pop(key, None)
            names, dropped = _category_names(value)
            if dropped:
                found.append(
                    warning(
                        source,
                        line_of(key),
                        f"'{key}' value {dropped} was ignored",
                        "categories as a list or a comma-separated string",
                    )
                )
            if not names:
                continue
            out.setdefault("categories", names)  # kept for the {categories} permalink field
            tags = out.get("tags")
            if tags is None:
                merged: list[Any] | None = []
            elif isinstance(tags, str):
                merged = [t for t in _COMMA.split(tags.strip()) if t]
            elif isinstance(tags, list) and not any(isinstance(t, (list, dict)) for t in tags):
                merged = list(tags)
            else:
                merged = None  # a wrong type: leave it for the loader to report
            if merged is None:
                continue
            seen = {term_slug(str(t)) for t in merged if isinstance(t, (str, int, float))}
            for name in names:
                if term_slug(name) not in seen:
                    seen.add(term_slug(name))
                    merged.append(name)
            out["tags"] = merged
            if "tags" not in lines and key in key_lines:
                lines["tags"] = key_lines[key]

    # publishDate -> date; excerpt / description -> summary
    for target, aliases in (("date", _DATE_ALIASES), ("summary", _SUMMARY_ALIASES)):
        if out.get(target) is None:
            alias = next((a for a in aliases if out.get(a) is not None), None)
            if alias is not None:
                out.pop(target, None)
                move(alias, target)

    # lastmod / last_modified_at / modified -> updated
    present = [alias for alias in _UPDATED_ALIASES if out.get(alias) is not None]
    if present:
        if out.get("updated") is None:
            out.pop("updated", None)
            move(present[0], "updated")
            present = present[1:]
            winner = "updated (written as " + next(a for a in _UPDATED_ALIASES if a in data) + ")"
        else:
            winner = "updated"
        for alias in present:
            if str(out[alias]) != str(out["updated"]):
                found.append(
                    warning(
                        source,
                        line_of(alias),
                        f"'{alias}' ({out[alias]}) differs from '{winner.split()[0]}' ({out['updated']}); "
                        f"using {winner}",
                        "one last-updated date",
                    )
                )

    # permalink / url -> slug
    for alias in _PERMALINK_ALIASES:
        value = out.get(alias)
        if value is None:
            continue
        if not isinstance(value, str) or re.match(r"^[a-zA-Z][\w+.-]*:", value):
            continue  # e.g. `url: https://...` for a link post: not a permalink, keep as meta
        out["permalink_override"] = out.pop(alias)
        if alias in key_lines:
            lines["permalink_override"] = key_lines[alias]
        lines.pop(alias, None)
        segment = _last_segment(value)
        if out.get("slug") is not None:
            break
        if segment is None:
            found.append(
                warning(
                    source,
                    line_of(alias),
                    f"{alias} '{value}' gives no usable slug; the file name is used",
                    "a path such as /2020/01/hello-world/, or a 'slug' key",
                )
            )
        else:
            out["slug"] = segment
            if alias in key_lines:
                lines["slug"] = key_lines[alias]
        break

    # Jekyll's published: false -> draft: true
    if isinstance(out.get("published"), bool):
        published = out.pop("published")
        lines.pop("published", None)
        if not published:
            if out.get("draft") is False:
                found.append(
                    warning(
                        source,
                        line_of("published"),
                        "'published: false' and 'draft: false' disagree; the post is kept as a draft",
                        "one of the two keys",
                    )
                )
            out["draft"] = True
            if "draft" not in lines and "published" in key_lines:
                lines["draft"] = key_lines["published"]
    return Normalised(out, lines, found)


def _flatten(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        if isinstance(item, list):
            flat.extend(_flatten(item))
        else:
            flat.append(item)
    return flat


def _category_names(value: Any) -> tuple[list[str], str | None]:
    """Names from a categories value, and a description of what had to be dropped."""
    if value is None:
        return [], None
    if isinstance(value, str):
        text = value.strip()
        parts = _COMMA.split(text) if _COMMA.search(text) else text.split()
        return [p for p in parts if p], None
    if isinstance(value, bool):
        return [], str(value).lower()
    if isinstance(value, (int, float)):
        return [str(value)], None
    if isinstance(value, list):
        names: list[str] = []
        dropped: list[str] = []
        for item in _flatten(value):
            if isinstance(item, str) and item.strip():
                names.append(item.strip())
            elif isinstance(item, (int, float)) and not isinstance(item, bool):
                names.append(str(item))
            elif item is not None:
                dropped.append(repr(item))
        return names, (", ".join(dropped) or None)
    return [], f"of type {type(value).__name__}"


def _last_segment(value: str) -> str | None:
    """'/2020/01/hello-world/' -> 'hello-world'; Jekyll placeholders such as ':title' -> None."""
    path = value.split("?", 1)[0].split("#", 1)[0]
    segments = [unquote(s) for s in path.split("/") if s.strip()]
    if not segments:
        return None
    segment = re.sub(r"\.html?$", "", segments[-1].strip(), flags=re.IGNORECASE)
    if segment in ("index", "") or segment.startswith(":") or not slugify(segment).strip("-."):
        return None
    return segment


# ---------------------------------------------------------------------------
# Template tags and shortcodes in the body
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """One construct that was left as written (or could not be closed), for the site summary.

    kind is "<family>:<kind>:<name>[:<problem>]", e.g. "hugo:shortcode:youtube",
    "hexo:tag:note", "jekyll:liquid:include", "jekyll:liquid:highlight:unclosed";
    line is a file line; text is the construct as written (shortened) for the message.
    Constructs that were converted are findings too (`converted=True`), so the build can
    say how many of each kind it converted; they never become warnings.
    """

    kind: str
    line: int
    source: str = ""
    text: str = ""
    converted: bool = False  # True: turned into Markdown or HTML (counted in the migration summary only)


# Hexo's built-in tags and the ones popular themes (NexT, Butterfly, Fluid) add; anything
# else written as {% name %} is reported as Liquid (Jekyll).
_HEXO_TAGS = frozenset(
    {
        "blockquote",
        "quote",
        "pullquote",
        "iframe",
        "img",
        "image",
        "include_code",
        "include_raw",
        "youtube",
        "vimeo",
        "jsfiddle",
        "gist",
        "post_link",
        "post_path",
        "note",
        "tabs",
        "subtabs",
        "label",
        "button",
        "btn",
        "fold",
        "folding",
        "hideToggle",
        "mermaid",
        "video",
        "audio",
        "centerquote",
        "cq",
        "grouppicture",
        "gp",
        "pdf",
        "tip",
        "alert",
        "fancybox",
        "asset_img",
        "asset_link",
        "asset_path",
        "codeblock",
        "code",
        "gallery",
        "meting",
        "aplayer",
        "dplayer",
        "bilibili",
        "checkbox",
        "inlineImg",
        "hideInline",
        "hideBlock",
        "span",
        "p",
        "timeline",
        "flink",
        "btns",
        "link",
        "kbd",
        "psw",
        "u",
        "emp",
        "wavy",
        "del",
        "sup",
        "sub",
        "spoiler",
        "site",
        "ghcard",
        "cloudtag",
    }
)
_CODE_TAGS = {"codeblock": "hexo", "code": "hexo", "highlight": "jekyll"}
_LIQUID_ROOTS = ("site", "page", "post", "layout", "include", "content", "paginator", "jekyll", "forloop")
_URL_FILTERS = {"relative_url", "absolute_url", "prepend: site.baseurl", "prepend: site.url"}

_LIQUID_TAG = re.compile(r"\{%-?[ \t]*(\w+)([^\n]*?)-?%\}")
_LIQUID_OUT = re.compile(r"\{\{-?[ \t]*([^\n{}]*?)[ \t]*-?\}\}")
_HUGO = re.compile(r"\{\{([<%])[ \t\n]*(/?)[ \t]*([\w\-./]+)((?:[^\n]|\n(?![ \t]*\n)){0,2000}?)\s*/?\s*([>%])\}\}")
_HUGO_ESCAPED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.DOTALL)
_RAW_PAIR = re.compile(r"\{%-?[ \t]*raw[ \t]*-?%\}(.*?)\{%-?[ \t]*endraw[ \t]*-?%\}", re.DOTALL)
_FENCE_OPEN = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(`{3,}|~{3,})([^\n]*)")
_HUGO_ARGS = re.compile(r"""(?:([\w\-]+)=)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))""")
_DATE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
_SPECIAL = re.compile(r"[`{\n]")


def _end_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"\{{%-?[ \t]*end{re.escape(name)}[ \t]*-?%\}}")


def _hugo_close(name: str) -> re.Pattern[str]:
    return re.compile(rf"\{{\{{[<%][ \t]*/[ \t]*{re.escape(name)}[ \t]*[>%]\}}\}}")


def unescape_in_code(code: str) -> str:
    """Undo the escapes Hugo and Jekyll writers put in code samples, and nothing else.

    In Hugo `{{</* figure */>}}` is how one shows `{{< figure >}}`, and in Jekyll code that
    contains `{{ }}` is wrapped in `{% raw %}...{% endraw %}`; the old site displayed the
    code without those markers, so we do too. Only complete pairs are touched.
    """
    if "{%" in code:
        code = _RAW_PAIR.sub(lambda m: m.group(1), code)
    if "/*" in code:
        code = _HUGO_ESCAPED.sub(lambda m: "{{" + m.group(1) + m.group(2) + m.group(3) + "}}", code)
    return code


class _Converter:
    """One left-to-right pass over a body: code is copied, tags are converted or reported."""

    def __init__(self, body: str, source: str, first_line: int, post_pattern: str) -> None:
        self.body = body
        self.source = source
        self.first_line = first_line
        self.post_pattern = post_pattern
        self.out: list[str] = []
        self.findings: list[Finding] = []
        self.open_blocks: list[str] = []  # Hexo note/blockquote tags turned into ::: containers
        self.newlines = [i for i, ch in enumerate(body) if ch == "\n"]

    # helpers -------------------------------------------------------------
    def line(self, pos: int) -> int:
        return self.first_line + bisect.bisect_left(self.newlines, pos)

    def report(self, kind: str, pos: int, text: str) -> None:
        short = " ".join(text.split())
        self.findings.append(Finding(kind, self.line(pos), self.source, short[:60]))

    def done(self, kind: str, pos: int) -> None:
        self.findings.append(Finding(kind, self.line(pos), self.source, "", converted=True))

    def line_break_after(self, pos: int) -> int:
        """After a tag that became a ::: line: text that followed it on its line starts a new line."""
        rest = re.match(r"[ \t]*", self.body[pos:])
        end = pos + (rest.end() if rest else 0)
        if end < len(self.body) and self.body[end] != "\n":
            self.out.append("\n")
        return end

    def at_line_start(self, pos: int) -> bool:
        start = self.body.rfind("\n", 0, pos) + 1
        return re.fullmatch(r"[ \t>]*", self.body[start:pos]) is not None

    # the pass --------------------------------------------------------------
    def run(self) -> str:
        body = self.body
        i = 0
        n = len(body)
        while i < n:
            if i == 0 or body[i - 1] == "\n":
                end = self.fence_end(i)
                if end is not None:
                    self.out.append(unescape_in_code(body[i:end]))
                    i = end
                    continue
            match = _SPECIAL.search(body, i)
            if match is None:
                self.out.append(body[i:])
                break
            j = match.start()
            self.out.append(body[i:j])
            ch = body[j]
            if ch == "\n":
                self.out.append("\n")
                i = j + 1
            elif ch == "`":
                i = self.inline_code(j)
            elif body.startswith(("{{<", "{{%"), j):
                i = self.hugo(j)
            elif body.startswith("{%", j):
                i = self.liquid_tag(j)
            elif body.startswith("{{", j):
                i = self.liquid_output(j)
            else:
                self.out.append(ch)
                i = j + 1
        return "".join(self.out)

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

    # Liquid (Hexo and Jekyll) -------------------------------------------------
    def liquid_tag(self, j: int) -> int:
        body = self.body
        match = _LIQUID_TAG.match(body, j)
        if match is None:
            self.report("liquid:tag:unterminated", j, body[j : j + 30].split("\n")[0])
            self.out.append("{%")
            return j + 2
        name, args = match.group(1), match.group(2).strip()
        family = "hexo:tag" if name in _HEXO_TAGS else "jekyll:liquid"
        if name == "raw":
            end = _end_tag("raw").search(body, match.end())
            if end is None:
                self.report(f"{family}:raw:unclosed", j, match.group(0))
                self.out.append(match.group(0))
                return match.end()
            self.out.append(body[match.end() : end.start()])
            self.done(f"{family}:raw", j)
            return end.end()
        if name in _CODE_TAGS:
            family = f"{_CODE_TAGS[name]}:{'tag' if _CODE_TAGS[name] == 'hexo' else 'liquid'}"
            end = _end_tag(name).search(body, match.end())
            if end is None:
                self.report(f"{family}:{name}:unclosed", j, match.group(0))
                self.out.append(match.group(0))
                return match.end()
            language = _hexo_code_language(args) if name != "highlight" else _first_word(args)
            self.out.append(self.fenced(j, match.end(), end.start(), end.end(), language))
            self.done(f"{family}:{name}", j)
            return end.end()
        if name in ("tabs", "subtabs") and self.at_line_start(j):
            end = _matching_end(name, body, match.end())
            if end is not None:
                return self.tabs(j, match.end(), end)
        if name in _FOLD_TAGS and self.at_line_start(j) and _end_tag(name).search(body, match.end()):
            self.out.append(f"::: details {_fold_summary(name, args)}".rstrip())
            self.open_blocks.append(name)
            self.done(f"hexo:tag:{name}", j)
            return self.line_break_after(match.end())
        if name in _GALLERY_TAGS and self.at_line_start(j) and _end_tag(name).search(body, match.end()):
            self.out.append(f"::: gallery {_gallery_columns(args)}")
            self.open_blocks.append(name)
            self.done(f"hexo:tag:{name}", j)
            return self.line_break_after(match.end())
        if name == "mermaid":
            end = _end_tag(name).search(body, match.end())
            if end is None:
                self.report("hexo:tag:mermaid:unclosed", j, match.group(0))
                self.out.append(match.group(0))
                return match.end()
            self.out.append(self.fenced(j, match.end(), end.start(), end.end(), "mermaid", first_line=args))
            self.done("hexo:tag:mermaid", j)
            return end.end()
        if name in _CALLOUT_TAGS and self.at_line_start(j) and _end_tag(name).search(body, match.end()):
            self.out.append(_callout_opener(name, args))
            self.open_blocks.append(name)
            self.done(f"hexo:tag:{name}", j)
            return self.line_break_after(match.end())
        if name.startswith("end") and self.open_blocks and self.open_blocks[-1] == name[3:]:
            self.open_blocks.pop()
            self.out.append(":::" if self.at_line_start(j) else "\n:::")
            return self.line_break_after(match.end())
        if name.startswith("end") and name[3:] in ({"raw"} | set(_CODE_TAGS)):
            self.report(f"{family}:{name}:unopened", j, match.group(0))
        elif name.startswith("end"):
            pass  # the opening tag of an unsupported block was reported already
        elif name in ("asset_img", "asset_link", "asset_path"):
            converted = _hexo_asset(name, args)
            if converted is not None:
                self.out.append(converted)
                self.done(f"{family}:{name}", j)
                return match.end()
            self.report(f"{family}:{name}", j, match.group(0))
        elif name in ("post_link", "post_path", "label", "gist"):
            converted = self.hexo_inline(name, args)
            if converted is not None:
                self.out.append(converted)
                self.done(f"{family}:{name}", j)
                return match.end()
            self.report(f"{family}:{name}", j, match.group(0))
        elif name == "post_url":
            url = self.post_url(args)
            if url is not None:
                self.out.append(url)
                self.done(f"{family}:{name}", j)
                return match.end()
            self.report(f"{family}:{name}", j, match.group(0))
        else:
            self.report(f"{family}:{name}", j, match.group(0))
        self.out.append(match.group(0))
        return match.end()

    def liquid_output(self, j: int) -> int:
        body = self.body
        match = _LIQUID_OUT.match(body, j)
        if match is None:
            self.out.append("{{")
            return j + 2
        expression = match.group(1)
        value = _liquid_url(expression)
        if value is not None:
            if value == "" and not self.path_follows(match.end()):
                value = "/"  # [home]({{ site.baseurl }}) links to the home page
            self.out.append(value)
            self.done("jekyll:liquid:url", j)
            return match.end()
        root = re.match(r"[\w]+", expression.strip().strip("\"'"))
        if root and (root.group(0) in _LIQUID_ROOTS or "|" in expression):
            self.report("jekyll:liquid:output", j, match.group(0))
        self.out.append(match.group(0))  # anything else (e.g. TeX braces) is not ours to judge
        return match.end()

    def path_follows(self, pos: int) -> bool:
        """Whether a '/' follows, possibly after more outputs that are empty ({{ site.url }}{{ site.baseurl }}/)."""
        while True:
            if self.body.startswith("/", pos):
                return True
            nxt = _LIQUID_OUT.match(self.body, pos)
            if nxt is None or _liquid_url(nxt.group(1)) != "":
                return False
            pos = nxt.end()

    def tabs(self, j: int, inner_start: int, end: re.Match[str]) -> int:
        """NexT/Butterfly `{% tabs %}`: each `<!-- tab Caption -->` becomes a titled `::: tab` block.

        A static page cannot switch tabs without script, so every tab is shown, one after
        another, under its caption. The tags' own lines stay (empty), so line numbers hold.
        """
        inner = _Converter(self.body[inner_start : end.start()], self.source, self.line(inner_start), self.post_pattern)
        text = inner.run()
        self.findings.extend(inner.findings)
        # more colons than any container inside (four at least), so a ::: note or a nested
        # tab inside a tab closes itself and not the tab
        fence = ":" * max(4, 1 + max((len(m) for m in _COLON_FENCE.findall(text)), default=0))
        text = _TAB_OPEN.sub(lambda m: f"{fence} tab {m.group(1).split('@')[0].strip()}".rstrip(), text)
        self.out.append(_TAB_CLOSE.sub(fence, text))
        self.done("hexo:tag:tabs", j)
        return end.end()

    def hexo_inline(self, name: str, args: str) -> str | None:
        """post_link / post_path as the post's URL, label as marked text, gist as a link."""
        words = _quoted_words(args)
        if not words:
            return None
        if name in ("post_link", "post_path"):
            target, _, anchor = words[0].partition("#")
            url = self.post_path_url(target)
            if url is None:
                return None
            url += f"#{anchor}" if anchor else ""
            if name == "post_path":
                return url
            rest = words[1:]
            if rest and rest[-1] in ("true", "false"):  # Hexo's escape flag
                rest = rest[:-1]
            text = " ".join(rest) or target.rstrip("/").rsplit("/", 1)[-1]
            return f"[{_md_text(text)}]({_md_url(url)})"
        if name == "label":
            style, at, text = args.strip().partition("@")
            if not at:
                style, text = "default", args
            kind = re.sub(r"[^\w-]", "", style.strip().lower()) or "default"
            return f'<span class="label label-{kind}">{escape(text.strip(), quote=False)}</span>'
        gist = words[0].strip("/")
        if not re.fullmatch(r"[\w.-]+(?:/[\w.-]+)?", gist):
            return None
        shown = words[1] if len(words) > 1 else gist
        return f"[GitHub Gist: {_md_text(shown)}](https://gist.github.com/{gist})"

    def post_path_url(self, target: str) -> str | None:
        """A post named by its source path (`ml/attention`, `2020-01-01-name.md`) as its URL."""
        return self.hugo_ref(target) if target.strip() else None

    def post_url(self, args: str) -> str | None:
        """Jekyll's {% post_url 2020-01-01-name %} as our URL, if the pattern can be filled."""
        name = args.strip().strip("\"'").rstrip("/").rsplit("/", 1)[-1]
        name = re.sub(r"\.(md|markdown)$", "", name)
        match = _DATE_NAME.match(name)
        if match is None:
            return None
        year, month, day, stem = match.groups()
        return _fill(self.post_pattern, slugify(stem), year, month, day)

    # Hugo ---------------------------------------------------------------------
    def hugo(self, j: int) -> int:
        body = self.body
        escaped = _HUGO_ESCAPED.match(body, j)
        if escaped is not None:  # {{</* x */>}} is how Hugo writers show {{< x >}}
            self.out.append("{{" + escaped.group(1) + escaped.group(2) + escaped.group(3) + "}}")
            return escaped.end()
        match = _HUGO.match(body, j)
        if match is None or {"<": ">", "%": "%"}[match.group(1)] != match.group(5):
            self.report("hugo:shortcode:unterminated", j, body[j : j + 30].split("\n")[0])
            self.out.append(body[j : j + 3])
            return j + 3
        closing, name, args = match.group(2), match.group(3), match.group(4)
        if closing:
            if self.open_blocks and self.open_blocks[-1] == f"hugo:{name}":
                self.open_blocks.pop()
                if name == "hl":
                    self.out.append("</mark>")
                    return match.end()
                self.out.append(":::" if self.at_line_start(j) else "\n:::")
                return self.line_break_after(match.end())
            if name == "math":
                return match.end()  # the wrapper Wowchemy puts around $$...$$: the formula stays
            if name == "highlight":
                self.report("hugo:shortcode:highlight:unopened", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        params = _hugo_params(args)
        if name in ("math", "toc"):  # a wrapper around $$...$$, and a TOC the theme already shows
            self.done(f"hugo:shortcode:{name}", j)
            return match.end()
        if name == "hl" and _hugo_close(name).search(body, match.end()):  # Wowchemy's highlighted text
            self.out.append("<mark>")
            self.open_blocks.append("hugo:hl")
            self.done("hugo:shortcode:hl", j)
            return match.end()
        if name in _HUGO_CONTAINERS and self.at_line_start(j) and _hugo_close(name).search(body, match.end()):
            self.out.append(_hugo_container(name, params))
            self.open_blocks.append(f"hugo:{name}")
            self.done(f"hugo:shortcode:{name}", j)
            return self.line_break_after(match.end())
        if name == "highlight":
            end = _hugo_close("highlight").search(body, match.end())
            if end is None:
                self.report("hugo:shortcode:highlight:unclosed", j, match.group(0))
                self.out.append(match.group(0))
                return match.end()
            language = str(params.get(0, ""))
            self.out.append(self.fenced(j, match.end(), end.start(), end.end(), language))
            self.done("hugo:shortcode:highlight", j)
            return end.end()
        if name == "figure" and params.get("src"):
            self.out.append(_figure(params))
            self.done("hugo:shortcode:figure", j)
            return match.end()
        if name in ("ref", "relref"):
            target = params.get(0) or params.get("path")
            url = self.hugo_ref(str(target)) if target else None
            if url is not None:
                self.out.append(url)
                self.done(f"hugo:shortcode:{name}", j)
                return match.end()
        self.report(f"hugo:shortcode:{name}", j, match.group(0))
        self.out.append(match.group(0))
        return match.end()

    def hugo_ref(self, target: str) -> str | None:
        """{{< ref "x.md#a" >}} as /posts/x/#a: the slug is the file stem (or the bundle folder)."""
        path, _, anchor = target.partition("#")
        parts = [p for p in path.split("/") if p]
        if parts and re.fullmatch(r"_?index(\.\w+)?", parts[-1]):
            parts = parts[:-1]
        if not parts:
            return None
        stem = re.sub(r"\.(md|markdown|html)$", "", parts[-1])
        dated = _DATE_NAME.match(stem)
        if dated:
            stem = dated.group(4)
        url = _fill(self.post_pattern, slugify(stem))
        if url is None:
            return None
        return url + (f"#{anchor}" if anchor else "")

    # shared -------------------------------------------------------------------
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


_COLON_FENCE = re.compile(r"^[ \t]*(:{3,})", re.MULTILINE)
# NexT's group pictures and Butterfly's gallery: a grid of the images inside.
_GALLERY_TAGS = frozenset({"grouppicture", "gp", "gallery"})


# Folded blocks of NexT/Stellar (`{% fold info @摘要 %}`, `{% folding 摘要 %}`) and Butterfly
# (`{% hideToggle 摘要,bg,color %}`): a closed <details> under its summary.
_FOLD_TAGS = frozenset({"fold", "folding", "hideToggle"})
_FOLD_STYLES = frozenset({"open", "info", "primary", "success", "warning", "danger", "error", "note", "tip"})
_FOLD_STYLES |= frozenset(
    {"red", "orange", "yellow", "green", "cyan", "blue", "purple", "gray", "grey", "light", "dark"}
)


def _fold_summary(name: str, args: str) -> str:
    """The summary line of a folded block: after '@' if there is one, else the words that are
    not a colour or style (Butterfly: the first of its comma-separated options)."""
    if name == "hideToggle":
        return " ".join(args.split(",")[0].split())
    _, at, title = args.partition("@")
    if at:
        return " ".join(title.split())
    words = [w for w in _quoted_words(args) if w.lower() not in _FOLD_STYLES and not w.startswith("color:")]
    return " ".join(" ".join(words).split())


def _gallery_columns(args: str) -> int:
    """Columns for `{% gp 5-3 %}` (five pictures, NexT layout 3): NexT's layouts put two or
    three pictures in a row; we keep the count and let the grid wrap."""
    count = re.match(r"\s*(\d+)", args)
    number = int(count.group(1)) if count else 3
    return max(1, min(number, 2 if number in (2, 4) else 3))


def _matching_end(name: str, body: str, start: int) -> re.Match[str] | None:
    """The `{% endname %}` that closes a `{% name %}` opened before `start`, past nested pairs."""
    opening = re.compile(rf"\{{%-?[ \t]*{re.escape(name)}\b[^\n]*?-?%\}}")
    closing = _end_tag(name)
    depth = 1
    position = start
    while True:
        end = closing.search(body, position)
        if end is None:
            return None
        nested = opening.search(body, position, end.start())
        if nested is not None:
            depth += 1
            position = nested.end()
            continue
        depth -= 1
        if depth == 0:
            return end
        position = end.end()


def _quoted_words(args: str) -> list[str]:
    """Hexo tag arguments as Hexo splits them: words, "double" or 'single' quoted phrases."""
    return [next(g for g in m.groups() if g is not None) for m in re.finditer(r'"([^"]*)"|\'([^\']*)\'|(\S+)', args)]


_TAB_OPEN = re.compile(r"^[ \t]*<!--[ \t]*tab\b[ \t]*(.*?)[ \t]*-->[ \t]*$", re.MULTILINE)
_TAB_CLOSE = re.compile(r"^[ \t]*<!--[ \t]*endtab[ \t]*-->[ \t]*$", re.MULTILINE)
# Hexo block tags that become ::: containers (callouts.py renders them).
_CALLOUT_TAGS = frozenset({"note", "blockquote", "quote", "centerquote", "cq"})
# NexT and Butterfly note styles (class or colour) as GitHub's five callout kinds.
_NOTE_KINDS = {
    "default": "note",
    "info": "note",
    "blue": "note",
    "primary": "important",
    "purple": "important",
    "pink": "important",
    "success": "tip",
    "green": "tip",
    "warning": "warning",
    "orange": "warning",
    "danger": "caution",
    "red": "caution",
}


# Hugo themes' callout shortcodes (Wowchemy/Hugo Blox callout, notice, Blowfish alert,
# LoveIt admonition, Book hint), spoilers and folded blocks (`{{% fold 参考代码 %}}`), as ::: containers.
_HUGO_CONTAINERS = frozenset({"callout", "notice", "alert", "admonition", "hint", "spoiler", "details", "fold"})
_HUGO_KINDS = {"note": "note", "info": "note", "tip": "tip", "success": "tip", "important": "important"}
_HUGO_KINDS |= {"warning": "warning", "danger": "caution", "error": "caution", "caution": "caution"}


def _hugo_container(name: str, params: dict[str | int, str]) -> str:
    """`{{% callout warning %}}` -> '::: warning'; `{{< spoiler text="答案" >}}` -> '::: details 答案'."""
    if name in ("spoiler", "details", "fold"):
        summary = params.get("text") or params.get("summary") or params.get("title") or params.get(0) or ""
        return f"::: details {' '.join(str(summary).split())}".rstrip()
    written = str(params.get("type") or params.get(0) or "note").lower()
    title = " ".join(str(params.get("title", "")).split())
    return f"::: {_HUGO_KINDS.get(written, 'note')} {title}".rstrip()


def _callout_opener(name: str, args: str) -> str:
    """`{% note warning %}` -> '::: warning'; `{% blockquote Author, Source %}` -> '::: quote Author, Source'."""
    if name == "note":
        words = [w.lower() for w in _split_args(args)]
        kind = next((_NOTE_KINDS[w] for w in words if w in _NOTE_KINDS), "note")
        return f"::: {kind}"
    return f"::: quote {' '.join(args.split())}".rstrip()


def _first_word(args: str) -> str:
    words = args.split()
    return words[0] if words else ""


def _hexo_code_language(args: str) -> str:
    """`{% codeblock [title] [lang:x] [url] [link text] [opts] %}`: only lang:x matters to us."""
    match = re.search(r"(?:^|\s)lang:(\S+)", args)
    return match.group(1) if match else ""


def _split_args(args: str) -> list[str]:
    """Hexo tag arguments: words, or "quoted phrases" (quotes removed)."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in re.finditer(r'"([^"]*)"|(\S+)', args)]


def _md_url(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _md_text(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def _hexo_asset(name: str, args: str) -> str | None:
    """asset_img / asset_link / asset_path as Markdown pointing at the file beside the post."""
    words = _split_args(args)
    if name == "asset_img":
        index = next((i for i, w in enumerate(words) if re.search(r"\.\w+$|/", w)), None)
        if index is None:
            return None
        src, rest = words[index], words[index + 1 :]
        while rest and re.fullmatch(r"\d+(px|%)?", rest[0]):
            rest = rest[1:]  # width and height
        title = rest[0] if len(rest) == 2 and '"' in args else " ".join(rest)
        alt = rest[1] if len(rest) == 2 and '"' in args else title
        title_part = f' "{title.replace(chr(34), chr(39))}"' if title and title != alt else ""
        return f"![{_md_text(alt)}]({_md_url(src)}{title_part})"
    if not words:
        return None
    src = words[0]
    if name == "asset_path":
        return src
    rest = [w for w in words[1:] if w not in ("true", "false")]
    text = " ".join(rest) or src
    return f"[{_md_text(text)}]({_md_url(src)})"


def _liquid_url(expression: str) -> str | None:
    """'site.baseurl', '"/x" | relative_url' and friends as a site-absolute path; else None."""
    parts = [p.strip() for p in expression.split("|")]
    head, filters = parts[0], parts[1:]
    if not all(re.sub(r"\s+", " ", f) in _URL_FILTERS for f in filters):
        return None
    if head in ("site.baseurl", "site.url"):
        return ""
    quoted = re.fullmatch(r"\"([^\"]*)\"|'([^']*)'", head)
    if quoted is None or not filters:
        return None
    value = quoted.group(1) if quoted.group(1) is not None else quoted.group(2)
    if re.match(r"^[a-zA-Z][\w+.-]*:", value):
        return value
    return value if value.startswith("/") else "/" + value


def _fill(pattern: str, slug: str, year: str = "", month: str = "", day: str = "") -> str | None:
    """Expand the post permalink pattern; None when it needs a date we do not have."""
    if not slug.strip("-."):
        return None
    needed = set(re.findall(r"\{(\w+)\}", pattern)) - {"slug"}
    values = {"year": year, "month": month, "day": day, "path": slug, "file": slug}  # a post at the top of posts/
    values |= {"i_month": month.lstrip("0"), "i_day": day.lstrip("0")}
    if any(not values.get(name) for name in needed):
        return None  # e.g. {categories}: not known from a link
    return expand(pattern, slug=slug, **{k: v for k, v in values.items() if k in needed})


def _hugo_params(args: str) -> dict[str | int, str]:
    """Named (`src="x"`) and positional (`"go"`, `go`) shortcode parameters."""
    params: dict[str | int, str] = {}
    position = 0
    for match in _HUGO_ARGS.finditer(args.strip().rstrip("/")):
        key, *values = match.groups()
        value = next((v for v in values if v is not None), "")
        if key:
            params[key] = value.replace('\\"', '"')
        else:
            params[position] = value.replace('\\"', '"')
            position += 1
    return params


def _figure(params: dict[str | int, str]) -> str:
    """Hugo's figure shortcode as one line of HTML (one line, so later line numbers hold)."""
    attrs = [f'src="{escape(params["src"])}"', f'alt="{escape(params.get("alt", ""))}"']
    for key in ("width", "height", "title"):
        if params.get(key):
            attrs.append(f'{key}="{escape(params[key])}"')
    attrs.append('loading="lazy"')
    image = f"<img {' '.join(attrs)}>"
    if params.get("link"):
        target = f' target="{escape(params["target"])}"' if params.get("target") else ""
        rel = f' rel="{escape(params["rel"])}"' if params.get("rel") else ""
        image = f'<a href="{escape(params["link"])}"{target}{rel}>{image}</a>'
    caption_parts = [escape(params[k]) for k in ("title", "caption", "attr") if params.get(k)]
    if params.get("title") and len(caption_parts) > 1:
        caption_parts[0] = f"<strong>{caption_parts[0]}</strong>"
    caption = f"<figcaption>{' '.join(caption_parts)}</figcaption>" if caption_parts else ""
    css = f' class="{escape(params["class"])}"' if params.get("class") else ""
    return f"<figure{css}>{image}{caption}</figure>"


def convert_shortcodes(
    body: str, source: str, first_line: int = 1, post_pattern: str = "/posts/{slug}/"
) -> tuple[str, list[Finding]]:
    """Convert the common Hexo, Jekyll and Hugo constructs; leave and report the rest.

    Converted: Hexo `{% codeblock %}`/`{% code %}`, Jekyll `{% highlight %}` and Hugo
    `{{< highlight >}}` into fenced code; `{% asset_img %}`, `{% asset_link %}`,
    `{% asset_path %}` into Markdown pointing at the file beside the post; Jekyll
    `{{ site.baseurl }}`, `{{ site.url }}`, `{{ "/x" | relative_url }}` into site-absolute
    paths (the renderer adds the base path to Markdown links); `{% raw %}` into its content;
    `{% post_url 2020-01-01-name %}` and Hugo `{{< ref >}}`/`{{< relref >}}` into the post's
    URL under `post_pattern` (the slug is the file stem without its date); Hugo
    `{{< figure >}}` into one line of `<figure>` HTML.

    Fenced code and inline code are copied as they are (apart from `unescape_in_code`).
    Everything else is left as written and returned as a `Finding`, as are tags that are
    never closed; nothing raises. Replacements keep the body's line count whenever a tag
    sits on its own line, so later warnings still point at the right file line.
    """
    converter = _Converter(body, source, first_line, post_pattern)
    try:
        text = converter.run()
    except RecursionError:  # pragma: no cover - defensive: never fail a build over a tag
        return body, [Finding("migrate:internal", first_line, source, "")]
    return text, converter.findings


# ---------------------------------------------------------------------------
# Chirpy's media_subpath
# ---------------------------------------------------------------------------

_MD_IMAGE = re.compile(r"(!\[(?:[^\]\\\n]|\\.)*\]\(\s*)(<[^>\n]*>|[^)\s]+)")
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_NOT_RELATIVE = re.compile(r"^(?:/|#|[a-zA-Z][\w+.-]*:)")


def with_media_subpath(body: str, subpath: str) -> str:
    """Relative Markdown images under Chirpy's `media_subpath` (or `img_path`), as Chirpy shows them.

    `![图](a.png)` with `media_subpath: /assets/img/post` becomes `![图](/assets/img/post/a.png)`;
    site paths, URLs and anything in fenced code are left alone. Line count is unchanged.
    """
    prefix = subpath.strip().rstrip("/") + "/"
    lines = body.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE_LINE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        if "![" in line:
            lines[index] = _MD_IMAGE.sub(lambda m: m.group(1) + _prefixed(m.group(2), prefix), line)
    return "\n".join(lines)


def _prefixed(src: str, prefix: str) -> str:
    bracketed = src.startswith("<")
    inner = src[1:-1] if bracketed else src
    if _NOT_RELATIVE.match(inner):
        return src
    joined = prefix + (inner[2:] if inner.startswith("./") else inner)
    return f"<{joined}>" if bracketed else joined


# ---------------------------------------------------------------------------
# One warning per kind for the whole site
# ---------------------------------------------------------------------------

_FAMILY = {"hugo": "Hugo shortcode", "hexo": "Hexo tag", "jekyll": "Liquid tag", "liquid": "Tag"}


def describe(kind: str, text: str = "") -> tuple[str, str]:
    """(message, advice) for a finding kind, in the words a writer needs."""
    parts = kind.split(":")
    family = parts[0]
    name = parts[2] if len(parts) > 2 else ""
    problem = parts[3] if len(parts) > 3 else ""
    hugo = family == "hugo"
    if name == "unterminated":
        opener = "{{<" if hugo else "{%"
        return f"'{opener}' is never closed on its line and was left as written", "close it or remove it"
    if kind == "jekyll:liquid:output":
        shown = text or "{{ ... }}"
        return (
            f"Liquid output {shown} is not supported and was left as written",
            "replace it with the text it stood for",
        )
    label = _FAMILY.get(family, "Tag")
    written = f"{{{{< {name} >}}}}" if hugo else f"{{% {name} %}}"
    if problem == "unclosed":
        closer = f"{{{{< /{name} >}}}}" if hugo else f"{{% end{name} %}}"
        return f"{label} {written} has no {closer} and was left as written", f"add {closer}"
    if problem == "unopened":
        opener = name[3:] if name.startswith("end") else name
        shown = f"{{{{< /{name} >}}}}" if hugo else written
        return f"{label} {shown} closes nothing and was left as written", f"remove it or add the opening {opener}"
    return f"{label} {written} is not supported and was left as written", "convert it to HTML or Markdown"


def summarise_findings(
    findings: Iterable[Finding], source_of: Callable[[Finding], str] | None = None
) -> list[Diagnostic]:
    """One warning per kind across the whole site: its first place and how many there are.

    A site migrated from Hugo may hold hundreds of `{{< youtube >}}`; one line that says
    where the first is and how many there are is actionable, a hundred lines are not.
    `source_of` may map a finding to its path when findings carry none.
    """
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        if not finding.converted:
            groups.setdefault(finding.kind, []).append(finding)
    result: list[tuple[tuple[str, int, str], Diagnostic]] = []
    for kind, group in groups.items():
        first = min(group, key=lambda f: ((source_of(f) if source_of else f.source), f.line))
        path = source_of(first) if source_of else first.source
        message, advice = describe(kind, first.text)
        count = len(group)
        places = f"{count} place{'s' if count != 1 else ''}"
        result.append(((path, first.line, kind), warning(path, first.line, message, f"{places}; {advice}")))
    return [diagnostic for _, diagnostic in sorted(result, key=lambda item: item[0])]


__all__ = [
    "MORE_MARKERS",
    "Finding",
    "Normalised",
    "convert_shortcodes",
    "describe",
    "normalise",
    "normalise_front_matter",
    "summarise_findings",
    "unescape_in_code",
    "with_media_subpath",
]
