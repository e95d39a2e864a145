"""Hugo's shortcodes, and the ones popular Hugo themes add, as Markdown or HTML.

Hugo writers use `{{< figure >}}`, `{{< highlight >}}`, `{{< ref >}}`, and their theme's
callouts (Wowchemy's `{{% callout %}}`, `notice`, `alert`, `admonition`, `hint`), spoilers and
folds, mermaid diagrams, gists, tweets and tabs. They become one line of HTML, a fence, a post
URL, a link or a ::: container, made as the same thing written for Hexo is; any other
shortcode is left as written and reported once per kind. `HugoShortcodes` holds the handlers
that need the pass over the body (dialects/body_pass.py). Hugo front matter (`publishDate`,
`lastmod`) is mapped in dialects/front_matter.py.
"""

from __future__ import annotations

import re
from html import escape

from generator.dialects.body_pass import HUGO_ESCAPED, BodyPass
from generator.dialects.embeds import VIDEO_PLAYERS, gist_link, tweet_link, video_player
from generator.dialects.hexo import tabs_as_blocks
from generator.patterns import lazy_pattern

_HUGO = lazy_pattern(r"\{\{([<%])[ \t\n]*(/?)[ \t]*([\w\-./]+)((?:[^\n]|\n(?![ \t]*\n)){0,2000}?)\s*/?\s*([>%])\}\}")
_HUGO_ARGS = lazy_pattern(r"""(?:([\w\-]+)=)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))""")


def _hugo_close(name: str) -> re.Pattern[str]:
    return re.compile(rf"\{{\{{[<%][ \t]*/[ \t]*{re.escape(name)}[ \t]*[>%]\}}\}}")


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
    # LoveIt's, DoIt's and FixIt's `{{< admonition tip "标题" >}}` and hugo-notice's
    # `{{< notice warning "标题" >}}` give the title second.
    second = params.get(1, "") if name in ("admonition", "notice") and "type" not in params else ""
    title = " ".join(str(params.get("title") or second).split())
    return f"::: {_HUGO_KINDS.get(written, 'note')} {title}".rstrip()


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


def _matching_close(name: str, body: str, start: int) -> re.Match[str] | None:
    """The `{{< /name >}}` that closes a `{{< name >}}` opened before `start`, past nested pairs."""
    opening = re.compile(rf"\{{\{{[<%][ \t]*{re.escape(name)}\b")
    closing = _hugo_close(name)
    depth, position = 1, start
    while (end := closing.search(body, position)) is not None:
        nested = opening.search(body, position, end.start())
        if nested is not None:
            depth, position = depth + 1, nested.end()
            continue
        depth, position = depth - 1, end.end()
        if depth == 0:
            return end
    return None


_LINENOS = lazy_pattern(r"\blinenos[ \t]*=[ \t]*(\w+)")


def _fence_info(params: dict[str | int, str]) -> str:
    """`{{< highlight go "linenos=table,hl_lines=2 4-5" >}}` -> 'go {linenos=true}': the
    language, and line numbers when the options ask for them (`table` and `inline` both number
    the lines; `false` keeps them off whatever the site's line_numbers). Highlighted lines
    (`hl_lines`) are not drawn by our highlighter, so they are not carried."""
    language = str(params.get(0, ""))
    written = params.get("linenos") or next((m.group(1) for m in _LINENOS.finditer(str(params.get(1, "")))), "")
    if not written:
        return language
    number = str(written).lower() not in ("false", "0", "no", "off")
    return f"{language} {{linenos={'true' if number else 'false'}}}".strip()


_KATEX_OPEN = lazy_pattern(r"\{\{[<%][ \t]*katex\b")
_ALGORITHM = lazy_pattern(r"\\begin\s*\{algorithm(?:\*|ic)?\}")


def _katex_display(params: dict[str | int, str]) -> bool:
    """hugo-book's `{{< katex display >}}`, `display=true` (its newer spelling) or `"display"`."""
    flag = str(params.get("display", "")).lower()
    return flag in ("true", "display", "1") or "display" in (v for k, v in params.items() if isinstance(k, int))


def _formula(tex: str, display: bool) -> str:
    """`$tex$`, or `$$tex$$` keeping the line breaks around the TeX (at most one each side), so
    that a display formula written over three lines stays a block on those three lines; the blank
    lines it had inside (which would end a `$$` block) follow it, so later lines keep their numbers."""
    inner = tex.strip()
    if not display:
        return f"${inner}$"
    leading, trailing = tex[: len(tex) - len(tex.lstrip())].count("\n"), tex[len(tex.rstrip()) :].count("\n")
    before, after = "\n" if leading else "", "\n" if trailing else ""
    return f"$${before}{inner}{after}$$" + "\n" * (max(leading - 1, 0) + max(trailing - 1, 0))


class HugoShortcodes(BodyPass):
    """Hugo's `{{< name >}}` and `{{% name %}}`, opening or closing, in the pass over the body."""

    def hugo(self, j: int) -> int:
        body = self.body
        escaped = HUGO_ESCAPED.match(body, j)
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
            return self.hugo_closing(j, match, name)
        params = _hugo_params(args)
        if name in ("highlight", "mermaid"):
            return self.hugo_fence(j, match, name, _fence_info(params) if name == "highlight" else "mermaid")
        if name == "tweet":
            return self.hugo_tweet(j, match, params)
        if name == "tab" and self.in_tabs and _hugo_close(name).search(self.body, match.end()):
            return self.hugo_tab(j, match, params)
        if name == "tabs" and self.at_line_start(j):
            end = _matching_close(name, self.body, match.end())
            if end is not None:
                self.out.append(tabs_as_blocks(self.convert_inside(match.end(), end.start(), in_tabs=True)))
                self.done("hugo:shortcode:tabs", j)
                return end.end()
        if name == "katex":
            return self.hugo_katex(j, match, params)
        if name == "pseudocode":
            return self.hugo_pseudocode(j, match)
        end = self.hugo_opening(j, match, name, params)
        if end is not None:
            return end
        converted = self.hugo_inline(name, params)
        if converted is not None:
            self.out.append(converted)
            self.done(f"hugo:shortcode:{name}", j)
            return match.end()
        self.report(f"hugo:shortcode:{name}", j, match.group(0))
        self.out.append(match.group(0))
        return match.end()

    def hugo_closing(self, j: int, match: re.Match[str], name: str) -> int:
        """`{{< /name >}}`: the end of a container or mark we opened, else left as written."""
        if self.open_blocks and self.open_blocks[-1] == f"hugo:{name}":
            self.open_blocks.pop()
            if name == "tab":
                before = "" if self.at_line_start(j) else "\n" + self.continuation(j)
                self.out.append(f"{before}<!-- endtab -->")
                return self.line_break_after(match.end())
            if name == "hl":
                self.out.append("</mark>")
                return match.end()
            self.out.append(":::" if self.at_line_start(j) else "\n" + self.continuation(j) + ":::")
            return self.line_break_after(match.end())
        if name == "math":
            return match.end()  # the wrapper Wowchemy puts around $$...$$: the formula stays
        if name in ("highlight", "mermaid"):
            self.report(f"hugo:shortcode:{name}:unopened", j, match.group(0))
        self.out.append(match.group(0))
        return match.end()

    def hugo_opening(self, j: int, match: re.Match[str], name: str, params: dict[str | int, str]) -> int | None:
        """Wowchemy's highlighted text as <mark>, a theme's callout or fold as a ::: container;
        None when the shortcode is neither, or is never closed."""
        body = self.body
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
        return None

    def hugo_fence(self, j: int, match: re.Match[str], name: str, info: str) -> int:
        """`{{< highlight go >}}` or `{{< mermaid >}}` ... its closer, as a fence with that info."""
        end = _hugo_close(name).search(self.body, match.end())
        if end is None:
            self.report(f"hugo:shortcode:{name}:unclosed", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        self.out.append(self.fenced(j, match.end(), end.start(), end.end(), info))
        self.done(f"hugo:shortcode:{name}", j)
        return end.end()

    def hugo_tweet(self, j: int, match: re.Match[str], params: dict[str | int, str]) -> int:
        """`{{< tweet user="x" id="1" >}}` (or the old `{{< tweet 1 >}}`) as a link to the tweet:
        a quote of its own when the shortcode stood alone between blank lines, as Hugo's embed
        did, else the link in the text (a quote there would take the next line in)."""
        link = tweet_link(str(params.get("user", "")), str(params.get("id") or params.get(0) or ""))
        if link is None:
            self.report("hugo:shortcode:tweet", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        body = self.body
        line_end = body.find("\n", match.end())
        line_end = len(body) if line_end < 0 else line_end
        next_end = body.find("\n", line_end + 1)
        following = body[line_end + 1 : len(body) if next_end < 0 else next_end]
        alone = self.at_line_start(j) and not body[match.end() : line_end].strip() and not following.strip()
        self.out.append(f"> {link}" if alone else link)
        self.done("hugo:shortcode:tweet", j)
        return match.end()

    def hugo_tab(self, j: int, match: re.Match[str], params: dict[str | int, str]) -> int:
        """A `{{< tab "Python" >}}` inside tabs (the inner pass of `hugo_tabs`) as the
        `<!-- tab Python -->` line Hexo's tabs are written with, so both end up as one block."""
        caption = str(params.get("name") or params.get("header") or params.get("title") or params.get(0) or "")
        caption = " ".join(caption.replace("--", "").replace("@", " ").split())
        before = "" if self.at_line_start(j) else "\n" + self.continuation(j)
        self.out.append(f"{before}<!-- tab {caption} -->")
        self.open_blocks.append("hugo:tab")
        return self.line_break_after(match.end())

    def hugo_katex(self, j: int, match: re.Match[str], params: dict[str | int, str]) -> int:
        """Blowfish's and hugo-book's `katex` shortcode.

        Alone (Blowfish) it only told the theme to load KaTeX for the page's `$$` and `\\(`,
        which we typeset anyway: it goes. Closed (hugo-book), what it wraps is one formula, a
        display one with `display`, `display=true` or `"display"`.
        """
        body = self.body
        end = _hugo_close("katex").search(body, match.end())
        following = _KATEX_OPEN.search(body, match.end())
        if end is None or (following is not None and following.start() < end.start()):
            self.done("hugo:shortcode:katex", j)
            return match.end()
        self.out.append(_formula(body[match.end() : end.start()], _katex_display(params)))
        self.done("hugo:shortcode:katex", j)
        return end.end()

    def hugo_pseudocode(self, j: int, match: re.Match[str]) -> int:
        """The `pseudocode` shortcode themes wrote around LaTeX pseudocode for pseudocode.js: the
        `\\begin{algorithm}` it wraps is typeset by markdown/algorithms.py, so the tags go and what
        they wrap stays, line for line. Wrapping anything else, it is left as written."""
        end = _matching_close("pseudocode", self.body, match.end())
        if end is None or not _ALGORITHM.search(self.body, match.end(), end.start()):
            self.report("hugo:shortcode:pseudocode", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        inner = self.convert_inside(match.end(), end.start())
        if not self.at_line_start(j) and not inner.lstrip(" \t").startswith("\n"):
            inner = "\n" + self.continuation(j) + inner.lstrip(" \t")  # the block starts a line
        self.out.append(inner)
        self.done("hugo:shortcode:pseudocode", j)
        return self.line_break_after(end.end())  # and what follows the closer goes on after it

    def hugo_inline(self, name: str, params: dict[str | int, str]) -> str | None:
        """What a one-piece shortcode becomes, or None to leave it as written.

        `math` (the wrapper Wowchemy puts around $$...$$) and `toc` (a table of contents the
        theme already shows) become nothing; `figure` one line of HTML; `ref` and `relref`
        the post's URL.
        """
        if name in ("math", "toc"):
            return ""
        if name == "figure" and params.get("src"):
            return _figure(params)
        if name in ("ref", "relref"):
            target = params.get(0) or params.get("path")
            return self.post_url_from_path(str(target)) if target else None
        if name in VIDEO_PLAYERS:
            video = str(params.get("id") or params.get(0) or params.get("bvid") or "")
            return video_player(name, video, str(params.get("title") or ""))
        if name == "gist" and params.get(0):
            user, gist, shown = (str(params.get(k, "")) for k in (0, 1, 2))
            return gist_link(f"{user}/{gist}" if gist else user, shown)
        return None


__all__ = ["HugoShortcodes"]
