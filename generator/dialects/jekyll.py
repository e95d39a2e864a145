"""Jekyll's Liquid, and Chirpy's `media_subpath`, as what the old site showed.

Jekyll posts carry `{{ site.baseurl }}`, `{{ "/x" | relative_url }}`, `{% raw %}`,
`{% highlight %}` and `{% post_url %}`; they become paths, code and links. Liquid we cannot
evaluate (`{% include %}`, `{{ page.title }}`) is left as written and reported once per
kind. `LiquidTags` holds the handlers that need the pass over the body
(dialects/body_pass.py); `with_media_subpath` is Chirpy's image prefix.
Jekyll front matter (`published`, `last_modified_at`, `category`) is mapped in
dialects/front_matter.py; kramdown's math rules live in dialects/engine.py.
"""

from __future__ import annotations

import re

from generator.dialects.body_pass import DATE_NAME, BodyPass, end_tag, fill_post_pattern
from generator.urls.paths import slugify

_LIQUID_ROOTS = ("site", "page", "post", "layout", "include", "content", "paginator", "jekyll", "forloop")
_URL_FILTERS = {"relative_url", "absolute_url", "prepend: site.baseurl", "prepend: site.url"}

#: A Liquid (or Hexo) tag, `{% name args %}`, on one line.
LIQUID_TAG = re.compile(r"\{%-?[ \t]*(\w+)([^\n]*?)-?%\}")
_LIQUID_OUT = re.compile(r"\{\{-?[ \t]*([^\n{}]*?)[ \t]*-?\}\}")


def highlight_language(args: str) -> str:
    """`{% highlight python linenos %}`: the language is the first word."""
    words = args.split()
    return words[0] if words else ""


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


class LiquidTags(BodyPass):
    """The Liquid Jekyll writers use: raw blocks, URL outputs, links to posts."""

    def raw(self, j: int, match: re.Match[str], family: str) -> int:
        """`{% raw %}...{% endraw %}` as its content."""
        end = end_tag("raw").search(self.body, match.end())
        if end is None:
            self.report(f"{family}:raw:unclosed", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        self.out.append(self.body[match.end() : end.start()])
        self.done(f"{family}:raw", j)
        return end.end()

    def katex(self, j: int, match: re.Match[str], name: str, args: str) -> int:
        """jekyll-katex's blocks, as the KaTeX they asked for.

        `{% katexmm %}…{% endkatexmm %}` only told the plugin to typeset the `$…$` and `$$…$$`
        inside, which we typeset anyway: the tags go and their text stays.
        `{% katex %}x{% endkatex %}` is one formula, `{% katex display %}` a display one.
        """
        if name in ("katexmm", "endkatexmm"):
            self.done(f"jekyll:liquid:{name.removeprefix('end')}", j)
            return match.end()
        end = end_tag("katex").search(self.body, match.end())
        if end is None:
            self.report("jekyll:liquid:katex:unclosed", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        fence = "$$" if args.split()[:1] == ["display"] else "$"
        self.out.append(fence + self.body[match.end() : end.start()].strip() + fence)
        self.done("jekyll:liquid:katex", j)
        return end.end()

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

    def post_url(self, args: str) -> str | None:
        """Jekyll's {% post_url 2020-01-01-name %} as our URL, if the pattern can be filled."""
        name = args.strip().strip("\"'").rstrip("/").rsplit("/", 1)[-1]
        name = re.sub(r"\.(md|markdown)$", "", name)
        match = DATE_NAME.match(name)
        if match is None:
            return None
        year, month, day, stem = match.groups()
        return fill_post_pattern(self.post_pattern, slugify(stem), year, month, day)


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


__all__ = ["LIQUID_TAG", "LiquidTags", "highlight_language", "with_media_subpath"]
