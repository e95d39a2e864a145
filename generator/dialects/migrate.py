"""Posts written for Hexo, Hugo or Jekyll, made to build here unchanged.

Most writers arrive with a blog. Their posts use other front-matter keys and their
generator's template tags, and the first `blog build` must still produce a correct site:
keys are mapped onto ours before validation (`normalise_front_matter`), and the common
tags become the Markdown or HTML they stood for (`convert_shortcodes`). Whatever we do
not understand is left visible in the page, exactly as written, and reported once per
kind for the whole site (`summarise_findings`), so the writer sees what to tidy without
a flood of messages and nothing is ever lost silently.

This module is the public face; each engine's rules live in its own module: front matter
(front_matter.py), Hexo tag plugins (hexo.py), Jekyll's Liquid and Chirpy (jekyll.py), Hugo
shortcodes (hugo.py), the pass over the body they share (body_pass.py) and the site summary
(findings.py). Here the three are put together into one pass, because a post may mix them and
Hexo and Jekyll share the `{% %}` syntax.

Everything here is pure (no I/O, no config object): the loader decides when to call it,
and the same input always gives the same output, which the build cache relies on.

Two things are already handled elsewhere and need nothing here: `<!--more-->` and
`<!-- more -->` (see `MORE_MARKERS`) are understood by markdown/render.py, and a Jekyll
`YYYY-MM-DD-name.md` file name gives its date and slug in the loader.
"""

from __future__ import annotations

import re

from generator.dialects.body_pass import end_tag, unescape_in_code
from generator.dialects.distill import DistillTags
from generator.dialects.findings import Finding, describe, summarise_findings
from generator.dialects.front_matter import Normalised, normalise, normalise_front_matter
from generator.dialects.hexo import (
    HEXO_TAGS,
    HexoTags,
    hexo_asset,
    hexo_code_language,
    hexo_embed,
    hexo_image,
    hexo_link,
    matching_end,
    tabs_as_blocks,
)
from generator.dialects.hugo import HugoShortcodes
from generator.dialects.jekyll import LIQUID_TAG, LiquidTags, highlight_language, scholar_cite, with_media_subpath
from generator.dialects.themetags import button, device_frame, inline_image
from generator.patterns import lazy_pattern

#: Excerpt markers from Hexo and Jekyll; markdown/render.py already honours both spellings.
MORE_MARKERS = ("<!--more-->", "<!-- more -->")

_SPECIAL = lazy_pattern(r"[`{\n<]")
# Tag-delimited code: Hexo's codeblock and code, Jekyll's highlight.
_CODE_TAGS = {"codeblock": "hexo", "code": "hexo", "highlight": "jekyll"}


class _Converter(HexoTags, LiquidTags, HugoShortcodes, DistillTags):
    """One left-to-right pass over a body: code is copied, tags are converted or reported."""

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
            elif ch == "<":
                i = self.distill(j)
            else:
                self.out.append(ch)
                i = j + 1
        return "".join(self.out)

    # {% %}: Hexo's tags and Jekyll's Liquid share the syntax ----------------------
    def liquid_tag(self, j: int) -> int:
        body = self.body
        match = LIQUID_TAG.match(body, j)
        if match is None:
            self.report("liquid:tag:unterminated", j, body[j : j + 30].split("\n")[0])
            self.out.append("{%")
            return j + 2
        name, args = match.group(1), match.group(2).strip()
        family = "hexo:tag" if name in HEXO_TAGS else "jekyll:liquid"
        end = self.block_tag(j, match, name, args, family)
        if end is not None:
            return end
        if name.startswith("end"):
            if name[3:] in ({"raw"} | set(_CODE_TAGS)):
                self.report(f"{family}:{name}:unopened", j, match.group(0))
            # else: the opening tag of an unsupported block was reported already
        else:
            converted = self.include(j, args) if name == "include" else self.inline_tag(name, args)
            if converted is not None:
                self.out.append(converted)
                shown = f"{name} {args.split()[0]}" if name == "include" else name  # {% include figure.html %}
                self.done(f"{family}:{shown}", j)
                return match.end()
            self.report(f"{family}:{name}", j, match.group(0))
        self.out.append(match.group(0))
        return match.end()

    def block_tag(self, j: int, match: re.Match[str], name: str, args: str, family: str) -> int | None:
        """A tag that opens or closes a block we convert; None for any other tag."""
        if name == "raw":
            return self.raw(j, match, family)
        if name in _CODE_TAGS:
            return self.code_tag(j, match, name, args)
        if name in ("tabs", "subtabs") and self.at_line_start(j):
            end = matching_end(name, self.body, match.end())
            if end is not None:
                return self.tabs(j, match.end(), end)
        if name == "mermaid":
            return self.mermaid(j, match, args)
        if name in ("katexmm", "endkatexmm", "katex"):
            return self.katex(j, match, name, args)
        opened = self.hexo_container(j, match, name, args)
        if opened is not None:
            return opened
        if name.startswith("end") and self.open_blocks and self.open_blocks[-1] == name[3:]:
            self.open_blocks.pop()
            self.out.append(":::" if self.at_line_start(j) else "\n" + self.continuation(j) + ":::")
            return self.line_break_after(match.end())
        return None

    def inline_tag(self, name: str, args: str) -> str | None:
        """What a one-piece tag becomes (a link, an image, a URL), or None to leave it as written."""
        if name in ("asset_img", "asset_link", "asset_path"):
            return hexo_asset(name, args)
        if name in ("post_link", "post_path", "label", "gist"):
            return self.hexo_inline(name, args)
        if name == "post_url":
            return self.post_url(args)
        if name == "img":
            return hexo_image(args)
        if name == "link":
            return hexo_link(args)
        if name in ("iframe", "youtube", "vimeo"):
            return hexo_embed(name, args)
        if name in ("btn", "button"):
            return button(name, args)
        if name == "inlineImg":
            return inline_image(args)
        if name == "frame":
            return device_frame(args)
        if name == "cite":  # jekyll-scholar
            return scholar_cite(args)
        if name == "bibliography":  # jekyll-scholar's list: every post that cites ends with its references
            return ""
        return None

    def code_tag(self, j: int, match: re.Match[str], name: str, args: str) -> int:
        """Hexo's `{% codeblock lang:x %}` / `{% code %}` and Jekyll's `{% highlight x %}` as a fence."""
        engine = _CODE_TAGS[name]
        family = f"{engine}:{'tag' if engine == 'hexo' else 'liquid'}"
        end = end_tag(name).search(self.body, match.end())
        if end is None:
            self.report(f"{family}:{name}:unclosed", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        language = hexo_code_language(args) if name != "highlight" else highlight_language(args)
        self.out.append(self.fenced(j, match.end(), end.start(), end.end(), language))
        self.done(f"{family}:{name}", j)
        return end.end()

    def tabs(self, j: int, inner_start: int, end: re.Match[str]) -> int:
        """NexT/Butterfly `{% tabs %}`: the inside converted by a pass of its own, then shown
        as titled `::: tab` blocks (`tabs_as_blocks`)."""
        self.out.append(tabs_as_blocks(self.convert_inside(inner_start, end.start())))
        self.done("hexo:tag:tabs", j)
        return end.end()


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
