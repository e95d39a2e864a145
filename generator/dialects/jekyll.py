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
from html import escape

from generator.dialects.body_pass import DATE_NAME, BodyPass, end_tag, fill_post_pattern
from generator.patterns import lazy_pattern
from generator.urls.paths import slugify

_LIQUID_ROOTS = ("site", "page", "post", "layout", "include", "content", "paginator", "jekyll", "forloop")
_URL_FILTERS = {"relative_url", "absolute_url", "prepend: site.baseurl", "prepend: site.url"}

#: A Liquid (or Hexo) tag, `{% name args %}`, on one line.
LIQUID_TAG = re.compile(r"\{%-?[ \t]*(\w+)([^\n]*?)-?%\}")
_LIQUID_OUT = lazy_pattern(r"\{\{-?[ \t]*([^\n{}]*?)[ \t]*-?\}\}")


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


# ---------------------------------------------------------------------------
# A theme's table of contents, which ours shows by itself (a real Beautiful Jekyll blog: 27 posts).
_TOC_INCLUDES = frozenset({"toc.html", "toc.liquid", "toc.md"})
# al-folio's figure and video includes, jekyll-scholar's cite
# ---------------------------------------------------------------------------

#: The attribute on an `<img>` or `<video>` the migration wrote as HTML whose `src` is a site
#: path: markdown/rawimages.py gives it the base path and the image's size, then drops the mark.
SITE_SRC_MARK = "data-site-src"
_INCLUDE_ARG = lazy_pattern(r"""([\w-]+)[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_MEDIA_INCLUDES = {"figure.html", "figure.liquid", "video.html", "video.liquid"}


def include_params(args: str) -> tuple[str, dict[str, str]]:
    """`figure.html path="a.png" zoomable=true width=w` -> ('figure.html', {path, zoomable}).

    An unquoted value other than true/false names a Liquid variable of the old page
    (al-folio posts pass `width=width` on from a `{% capture %}`): we cannot know it, so it is left out.
    """
    name, _, rest = args.strip().partition(" ")
    params: dict[str, str] = {}
    for match in _INCLUDE_ARG.finditer(rest):
        key, double, single, bare = match.groups()
        if bare is None:
            params[key] = double if double is not None else single
        elif bare in ("true", "false"):
            params[key] = bare
    return name, params


def _site_src(path: str) -> str:
    """al-folio writes `path` from the site root and prefixes relative_url: here a site path."""
    path = path.strip()
    if re.match(r"^[a-zA-Z][\w+.-]*:|^//", path):
        return path
    return "/" + path.lstrip("/")


def _figure_markdown(src: str, params: dict[str, str]) -> str:
    """A Markdown image, which markdown/figures.py makes a figure with its caption and size."""
    caption = " ".join(params.get("caption", "").split())
    alt = " ".join((params.get("alt") or caption or params.get("title", "")).split())
    alt = re.sub(r"([\\`*_\[\]<>])", r"\\\1", alt)
    target = f"<{src}>" if re.search(r"[\s()<>]", src) else src
    title = ' "' + caption.replace("\\", "\\\\").replace('"', '\\"') + '"' if caption else ""
    return f"![{alt}]({target}{title})"


def _media_html(kind: str, src: str, params: dict[str, str]) -> str:
    """One line of HTML (inside an HTML block Markdown is not read): an `<img>` or `<video>`
    marked with SITE_SRC_MARK, in a `<figure>` with its caption."""
    mark = f" {SITE_SRC_MARK}" if src.startswith("/") and not src.startswith("//") else ""
    size = "".join(
        f' {key}="{escape(params[key])}"' for key in ("width", "height") if re.fullmatch(r"\d+", params.get(key, ""))
    )
    if kind == "video":
        flags = "".join(f" {flag}" for flag in ("controls", "autoplay", "muted", "loop") if params.get(flag) == "true")
        media = (
            f'<video src="{escape(src)}"{mark}{size}{flags or " controls"}{" playsinline" if flags else ""}></video>'
        )
    else:
        alt = params.get("alt") or params.get("caption") or params.get("title", "")
        title = f' title="{escape(params["title"])}"' if params.get("title") else ""
        media = f'<img src="{escape(src)}"{mark} alt="{escape(" ".join(alt.split()))}"{title}{size} loading="lazy">'
    caption = params.get("caption", "").strip()
    shown = f"<figcaption>{' '.join(caption.split())}</figcaption>" if caption else ""
    return f"<figure>{media}{shown}</figure>"


def scholar_cite(args: str) -> str | None:
    """jekyll-scholar's `{% cite a b --locator 23 %}` as the citation `\\cite[23]{a,b}` (it is read as
    such whatever the key's characters); None for a tag without keys."""
    words = args.split()
    keys: list[str] = []
    locator = ""
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("-l", "--locator") and index + 1 < len(words):
            locator, index = words[index + 1].strip("\"'"), index + 2
            continue
        if word.startswith("-"):
            index += 2 if index + 1 < len(words) and not words[index + 1].startswith("-") else 1
            continue
        keys.append(word.strip("\"'"))
        index += 1
    if not keys or any(re.search(r"[{},]", key) for key in keys):
        return None
    note = f"[{locator}]" if locator else ""
    return f"\\cite{note}{{{','.join(keys)}}}"


# What keeps its text in any case: fenced code, code spans, math.
_KEPT_SPAN = lazy_pattern(r"(`{3,}|~{3,}).*?\1|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]*\$", re.DOTALL)
_CITATION_LOOK = lazy_pattern(r"\\(?=cite(?:p|t|alp|alt)?\*?[\[{])|(?<![\w\\])@(?=\w)")


def literal_citations(text: str) -> str:
    """Text from `{% raw %}` with what would read as a citation here escaped: Jekyll showed it as
    written (`{% raw %}\\cite{ \\<whatever> }{% endraw %}` explains LaTeX's spelling), so
    `\\cite{`, `[@key]` and `@key` stay text (as character references, which read the same in
    Markdown and in an HTML block); code and math are left alone."""
    if "cite" not in text and "@" not in text:
        return text
    pieces: list[str] = []
    last = 0
    for kept in _KEPT_SPAN.finditer(text):
        pieces += [_CITATION_LOOK.sub(_escaped, text[last : kept.start()]), kept.group(0)]
        last = kept.end()
    pieces.append(_CITATION_LOOK.sub(_escaped, text[last:]))
    return "".join(pieces)


def _escaped(match: re.Match[str]) -> str:
    return "&#92;" if match.group(0) == "\\" else "&#64;"


class LiquidTags(BodyPass):
    """The Liquid Jekyll writers use: raw blocks, URL outputs, links to posts."""

    def raw(self, j: int, match: re.Match[str], family: str) -> int:
        """`{% raw %}...{% endraw %}` as its content."""
        end = end_tag("raw").search(self.body, match.end())
        if end is None:
            self.report(f"{family}:raw:unclosed", j, match.group(0))
            self.out.append(match.group(0))
            return match.end()
        self.out.append(literal_citations(self.body[match.end() : end.start()]))
        self.done(f"{family}:raw", j)
        return end.end()

    def include(self, j: int, args: str) -> str | None:
        """al-folio's `{% include figure.html path=… caption=… %}` (and `figure.liquid`,
        `video.html`, `video.liquid`) as an image the build sizes and captions; None otherwise.

        Written alone, it is a Markdown image; inside an HTML block (al-folio's rows of
        `<div class="col-sm">`), where Markdown is not read, one line of HTML.
        """
        name, params = include_params(args)
        if name in _TOC_INCLUDES:
            return ""  # Beautiful Jekyll's and other themes' table of contents: the theme shows one
        written = params.get("path") or params.get("url")
        if name not in _MEDIA_INCLUDES or not written:
            return None
        kind = name.split(".", 1)[0]
        src = _site_src(written)
        if kind == "figure" and not self.in_html_block(j):
            return _figure_markdown(src, params)
        return _media_html(kind, src, params)

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

_MD_IMAGE = lazy_pattern(r"(!\[(?:[^\]\\\n]|\\.)*\]\(\s*)(<[^>\n]*>|[^)\s]+)")
_FENCE_LINE = lazy_pattern(r"^[ \t]*(`{3,}|~{3,})")
_NOT_RELATIVE = lazy_pattern(r"^(?:/|#|[a-zA-Z][\w+.-]*:)")


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


__all__ = [
    "LIQUID_TAG",
    "SITE_SRC_MARK",
    "LiquidTags",
    "highlight_language",
    "include_params",
    "scholar_cite",
    "with_media_subpath",
]
