"""Random Markdown, front matter, site.toml, raw HTML, notebooks and templates through the
build: it either publishes every paragraph it was given or fails with messages, and never
ends in a traceback.

Each example writes two posts into a copy of tests/sites/basic: one with good front
matter and a random body whose words must all be on its page after a successful build
(lists and quotes nested at random depths, headings, code, emphasis, junk lines between
them), and one whose front matter and body are random too (only "no traceback" holds for
it). site.toml gets random values for the keys people get wrong. Most examples use the
library call for speed; a few go through the CLI as a user would run it.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.build.pipeline import BuildOptions, BuildReport, build
from generator.errors import BuildError
from tests.conftest import SITES, run_cli

NOW = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
TITLE = "模糊测试之页"
SHAPE = re.compile(r"^[^\s:][^:]*(?::\d+)?: .+ \(.+\)$")

# Words carry no Markdown syntax, so each must reach the page as written.
_word = st.text(alphabet="模型训练显存注意力abcdefghijkXYZ", min_size=1, max_size=6)
# Junk may contain syntax, but nothing that legitimately swallows what follows it
# (HTML comments, fences, math, link definitions).
_junk = st.text(alphabet="*_-#>+=|!() 0123456789.\tab", min_size=1, max_size=40).map(lambda s: s.replace("\n", " "))


@dataclass(frozen=True)
class Body:
    text: str
    words: tuple[str, ...]


@st.composite
def bodies(draw: st.DrawFn) -> Body:
    blocks: list[str] = []
    words: list[str] = []

    def words_of(count: int) -> str:
        chosen = [f"{draw(_word)}{len(words) + i}q" for i in range(count)]
        words.extend(chosen)
        return " ".join(chosen)

    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["para", "heading", "list", "ordered", "quote", "code", "emphasis", "junk"]))
        depth = draw(st.integers(0, 70)) if draw(st.integers(0, 9)) else draw(st.integers(100, 250))
        if kind == "para":
            blocks.append(words_of(draw(st.integers(1, 5))))
        elif kind == "heading":
            blocks.append("#" * draw(st.integers(1, 6)) + " " + words_of(2))
        elif kind == "list":
            blocks.append("".join("  " * level + "- " + words_of(1) + "\n" for level in range(min(depth, 40) + 1)))
        elif kind == "ordered":
            blocks.append("1. " * depth + words_of(1))
        elif kind == "quote":
            blocks.append("> " * depth + words_of(2))
        elif kind == "code":
            blocks.append("```\n" + words_of(3) + "\n```")
        elif kind == "emphasis":
            blocks.append(f"**{words_of(1)}** 和 *{words_of(1)}*")
        else:
            blocks.append(draw(_junk))
    return Body("\n\n".join(blocks) + "\n", tuple(words))


_value = st.one_of(
    st.text(max_size=30).map(lambda s: s.replace("\n", " ")),
    st.sampled_from(["2025-01-01", "0001-01-01", "9999-12-31T23:59:59-08:00", "[a, b]", "{x: 1}", "''", "..", "/"]),
)
_front_keys = st.sampled_from(["title", "date", "tags", "slug", "summary", "draft", "updated"])


@st.composite
def wild_posts(draw: st.DrawFn) -> str:
    lines = [f"{draw(_front_keys)}: {draw(_value)}" for _ in range(draw(st.integers(0, 6)))]
    good = "title: 野\ndate: 2025-01-01\ntags: [a]\n" if draw(st.booleans()) else ""  # later keys override
    return "---\n" + good + "\n".join(lines) + "\n---\n" + draw(bodies()).text


_toml_values = {
    "base_url": st.one_of(
        st.sampled_from(["https://example.org/blog/", "http://[::1/", "https://x.org/a b/", "https://x.org/?q", "/"]),
        st.text(max_size=20),
    ),
    "per_page": st.integers(-2, 30),
    "timezone": st.sampled_from(["Asia/Shanghai", "UTC", "Mars/Base", "America/New_York", ""]),
    "title": st.text(max_size=20),
}
_patterns = st.one_of(
    st.sampled_from(["/posts/{slug}/", "/{slug}/", "//{slug}/", "/../{slug}/", "/%2e%2e/{slug}/", "/{year}/{slug}/"]),
    st.text(alphabet="/{}slugyearmonthdayn.%2e", max_size=20),
)


@st.composite
def site_tomls(draw: st.DrawFn) -> str:
    lines = []
    for key, strategy in _toml_values.items():
        if draw(st.integers(0, 3)) == 0:  # rarely, so that many builds succeed and are checked
            lines.append(f"{key} = {json.dumps(draw(strategy), ensure_ascii=False)}")
    lines.append("[params]\nfooter = '页脚'")
    if draw(st.integers(0, 3)) == 0:
        lines.append(f"[permalinks]\npost = {json.dumps(draw(_patterns), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def make_site(root: Path, body: Body, wild: str | None, toml: str) -> Path:
    site = root / "site"
    # the default theme, not the fixture's templates: what users get is what is fuzzed
    shutil.copytree(SITES / "basic", site, ignore=shutil.ignore_patterns("expected", "templates"))
    (site / "site.toml").write_text(toml, encoding="utf-8")
    front = f"---\ntitle: {TITLE}\ndate: 2025-06-01\ntags: [模糊]\n---\n"
    (site / "content/posts/fuzz-main.md").write_text(front + body.text, encoding="utf-8")
    if wild is not None:
        (site / "content/posts/fuzz-wild.md").write_text(wild, encoding="utf-8")
    return site


def page_of_main_post(public: Path) -> str:
    marker = f'<meta property="og:title" content="{TITLE}">'
    for page in public.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if marker in html:
            return unescape(re.sub(r"<[^>]+>", "", html))
    raise AssertionError("the post with good front matter has no page")


def build_or_explain(site: Path) -> BuildReport | None:
    """The report of a good build; None after a failed one whose every message has the one shape."""
    options = BuildOptions(source=site, output=site / "public", now=NOW, use_cache=False, search_index=False)
    try:
        report = build(options)
    except BuildError as exc:
        event("build failed with a message")
        assert exc.errors, "a failed build names at least one error"
        for problem in exc.diagnostics:
            assert SHAPE.match(str(problem)), str(problem)
        return None
    event("build succeeded")
    for problem in report.warnings:
        assert SHAPE.match(str(problem)), str(problem)
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies(), toml=site_tomls())
def test_build_publishes_every_paragraph_or_says_why(body: Body, toml: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        report = build_or_explain(make_site(Path(scratch), body, None, toml))
        if report is None:
            return
        text = page_of_main_post(report.output)
        missing = [word for word in body.words if word not in text]
        assert not missing, f"lost: {missing[:5]}"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies(), wild=wild_posts(), toml=site_tomls())
def test_wild_front_matter_never_ends_in_a_traceback(body: Body, wild: str, toml: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        build_or_explain(make_site(Path(scratch), body, wild, toml))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies(), wild=wild_posts(), toml=site_tomls())
def test_cli_build_exits_0_or_1_without_traceback(body: Body, wild: str, toml: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = make_site(Path(scratch), body, wild, toml)
        result = run_cli("build", "--no-cache", "--quiet", "--source", site, cwd=site)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr, result.stderr


# ---- raw HTML, notebooks and templates (issue 24) --------------------------------------

_TAGS = ["div", "b", "span", "details", "table", "select", "a", "svg", "main", "article", "footer", "p", "li"]
_RAW_PIECES = st.one_of(
    st.sampled_from(
        [
            "<!--",
            "-->",
            "<!-->",
            "<script>",
            "</script>",
            "<style>",
            "</style>",
            "<textarea>",
            "<title>",
            "<xmp>",
            "<iframe>",
            "<noscript>",
            "<plaintext>",
            '<div class="x',
            "<img src=x onerror=y>",
            "<br/>",
            "<![CDATA[",
            "<?php",
            "<!DOCTYPE",
            "'",
            '"',
            ">",
            "<",
        ]
    ),
    st.builds(lambda tag, closing: f"<{'/' if closing else ''}{tag}>", st.sampled_from(_TAGS), st.booleans()),
    _word,
)


@st.composite
def raw_html_bodies(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        pieces = draw(st.lists(_RAW_PIECES, min_size=1, max_size=8))
        blocks.append(("" if draw(st.booleans()) else "文字 ") + "".join(pieces))
    return "\n\n".join(blocks) + "\n"


class _PageShape(HTMLParser):
    """Whether the theme's <footer> is read as a tag: not inside a comment, a raw-text element
    (script, style, textarea, title: a browser reads everything up to its end tag as text) or a tag."""

    RAW = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.CDATA_CONTENT_ELEMENTS = self.RAW  # as a browser reads them: text up to their end tag
        self.raw: str | None = None
        self.footers = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.raw is None and tag in self.RAW:
            self.raw = tag
        elif self.raw is None and tag == "footer" and ("class", "site-footer") in attrs:
            self.footers += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self.raw:
            self.raw = None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=raw_html_bodies())
def test_raw_html_never_hides_the_page_around_the_post(html: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        report = build_or_explain(make_site(Path(scratch), Body(html, ()), None, "[params]\nfooter = '页脚'\n"))
        assert report is not None, "raw HTML alone never fails a build"
        marker = f'<meta property="og:title" content="{TITLE}">'
        page = next(p for p in report.output.rglob("*.html") if marker in p.read_text(encoding="utf-8"))
        shape = _PageShape()
        # A browser reads <!--> and <!---> as empty comments (HTML's "abrupt closing"); Python
        # 3.11's HTMLParser reads them as comments that never end, so they are given its spelling.
        shape.feed(page.read_text(encoding="utf-8").replace("<!--->", "<!---->").replace("<!-->", "<!---->"))
        shape.close()
        assert shape.footers == 1, html


class _ScriptFinder(HTMLParser):
    """Markup that runs: a <script> element, an on…= handler, a javascript: URL (escaped text is fine)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def _scripts(html: str) -> list[str]:
    finder = _ScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.found


_NB_WORD = _word.map(lambda w: f"{w}nb")
_mimes = st.sampled_from(["text/plain", "text/html", "text/markdown", "text/latex", "image/png", "image/svg+xml"])
_hostile = st.sampled_from(
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</div></div>", "<!--", "javascript:alert(1)",
     "<svg onload=alert(1)>", "::::", "$$", "```", "<style>", "[[[[", "\x00"]
)  # fmt: skip


@st.composite
def notebooks(draw: st.DrawFn) -> tuple[str, tuple[str, ...]]:
    """A notebook with random cells and outputs; the words of its Markdown cells and plain-text
    outputs, which must reach the page when the build succeeds."""
    words: list[str] = []
    cells: list[object] = []
    for number in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["markdown", "code", "raw", "junk"]))
        if kind == "markdown":
            word = f"{draw(_NB_WORD)}{number}"
            words.append(word)
            cells.append({"cell_type": "markdown", "metadata": {}, "source": f"{word}\n"})
        elif kind == "code":
            outputs = []
            for _ in range(draw(st.integers(0, 3))):
                mime = draw(_mimes)
                text = draw(_NB_WORD) + draw(_hostile)
                if mime == "image/png":
                    text = draw(st.sampled_from(["iVBORw0KGgo=", "aGVsbG8=", "!!notbase64", ""]))
                elif mime == "image/svg+xml":
                    text = f"<svg xmlns='http://www.w3.org/2000/svg'>{draw(_hostile)}</svg>"
                outputs.append({"output_type": "display_data", "metadata": {}, "data": {mime: text}})
            if draw(st.booleans()):
                outputs.append({"output_type": "stream", "name": "stdout", "text": draw(_hostile)})
            cells.append(
                {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "x = 1", "outputs": outputs}
            )
        elif kind == "raw":
            cells.append({"cell_type": "raw", "metadata": {"format": "text/html"}, "source": draw(_hostile)})
        else:
            cells.append(draw(st.sampled_from([None, 1, "cell", [], {"cell_type": 5}, {"cell_type": "code"}])))
    metadata: dict[str, object] = {"blog": {"title": "笔记", "date": "2025-01-01", "tags": ["a"]}}
    if draw(st.integers(0, 4)) == 0:
        metadata = draw(st.sampled_from([{}, {"blog": "x"}, {"blog": {"title": [1]}}, {"title": None}]))
    notebook = {"nbformat": draw(st.sampled_from([4, 4, 4, 3, "4"])), "nbformat_minor": 5, "metadata": metadata}
    notebook["cells"] = cells
    text = json.dumps(notebook, indent=1, ensure_ascii=False)
    if draw(st.integers(0, 5)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # a notebook cut short by a crash while saving
    return text, tuple(words)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notebook=notebooks())
def test_wild_notebooks_publish_their_text_and_no_script(notebook: tuple[str, tuple[str, ...]]) -> None:
    text, words = notebook
    with tempfile.TemporaryDirectory() as scratch:
        site = make_site(Path(scratch), Body("正文。\n", ()), None, "[params]\nfooter = '页脚'\n")
        (site / "content/posts/nb.ipynb").write_text(text, encoding="utf-8")
        report = build_or_explain(site)
        if report is None:
            return
        page = report.output / "posts/nb/index.html"
        if not page.is_file():  # not a notebook the reader could use: it said so in a warning
            assert any("nb.ipynb" in str(w) for w in report.warnings)
            return
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        assert not _scripts(article), article
        for svg in (report.output / "posts/nb").glob("*.svg"):
            assert not _scripts(svg.read_text(encoding="utf-8")), svg
        missing = [word for word in words if word not in unescape(article)]
        assert not missing, missing


_JINJA = st.sampled_from(
    [
        "{{ page.title }}", "{{ 1 / 0 }}", '{% include "post.html" %}', "{{ nosuch }}", "{% if %}", "{% endif %}",
        "{{ post.title + 1 }}", "{{ post.title | int }}", "{% for x in range(3) %}{{ x }}{% endfor %}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ site.nosuch.deeper }}", '{% extends "post.html" %}',
        "{{ post.html }}", "{% block content %}", "{% endblock %}", "{{", "}}", "{#", "{% raw %}", "{{ none.x }}",
        '{% include "nope.html" %}', "{{ post.date | date('%Y') }}", "{{ url(1) }}", "{{ abs_url(none) }}",
    ]
)  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_JINJA, min_size=1, max_size=6), encoding=st.sampled_from(["utf-8", "utf-8", "latin-1"]))
def test_wild_templates_fail_with_a_message_never_a_traceback(pieces: list[str], encoding: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        site = make_site(Path(scratch), Body("正文。\n", ()), None, "[params]\nfooter = '页脚'\n")
        (site / "templates").mkdir(exist_ok=True)
        text = '{% extends "base.html" %}{% block content %}é' + "\n".join(pieces) + "{% endblock %}\n"
        (site / "templates/post.html").write_bytes(text.encode(encoding))
        build_or_explain(site)
