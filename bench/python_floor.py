#!/usr/bin/env python3
"""The least a Python generator built on our libraries pays for the pages Hugo makes of the corpus.

    python bench/python_floor.py SITE OUTPUT

SITE is a native bench corpus (../shared/bench/make_corpus.py --format native). This program
makes what the bench's Hugo layouts make of it, with the libraries `blog` is built on (PyYAML,
markdown-it-py with its table, footnote and dollar-math rules, Pygments with CSS classes,
Jinja2, each used the fastest way we know: libyaml's loader, our rule-dispatching lexers)
and nothing else: a page a post, the "Latest Updates" home in pages of 12 with a plain
summary, a page a tag in pages of 12, the tag list, and an RSS feed for the home, the posts
and each tag. Posts go to forked workers from 64 up, one a core. Formulas are left as text,
as Hugo's passthrough leaves them for a browser-side renderer.

It does none of what `blog` adds to those pages (formulas to MathML, CJK line breaking and
excerpts, dialects, links checked, search, a cache, messages naming file and line), so its
time is a floor under any Python generator of these pages on this machine, not a rival: the
Hugo / floor ratio says how fast Python can be here at best. bench/cold_vs_hugo.py --floor runs
it beside `blog` and Hugo.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import re
import sys
import tomllib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.util import ClassNotFound

from generator.highlight.lexers import lexer_by_name

PER_PAGE = 12
SUMMARY_CHARACTERS = 120
_FORMATTER = HtmlFormatter()
_TAG = re.compile(r"<[^>]+>")

TEMPLATES = {
    "base.html": '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ title }}</title>'
    '<link rel="stylesheet" href="/style.css"></head><body>{% block main %}{% endblock %}</body></html>',
    "single.html": '{% extends "base.html" %}{% block main %}<article><h1>{{ post.title }}</h1>'
    "<time>{{ post.date }}</time>{{ post.html | safe }}</article>{% endblock %}",
    "list.html": '{% extends "base.html" %}{% block main %}<h1>{{ title }}</h1>{% for post in posts %}<article>'
    '<h2><a href="{{ post.url }}">{{ post.title }}</a></h2><p>{{ post.summary }}</p><time>{{ post.date }}</time>'
    '{% for tag in post.tags %}<a href="/tags/{{ tag }}/">{{ tag }}</a>{% endfor %}</article>{% endfor %}'
    '<nav>{% if newer %}<a href="{{ newer }}">newer</a>{% endif %}{% if older %}<a href="{{ older }}">older</a>'
    "{% endif %}</nav>{% endblock %}",
    "terms.html": '{% extends "base.html" %}{% block main %}<h1>Tags</h1><ul>{% for tag, count in tags %}'
    '<li><a href="/tags/{{ tag }}/">{{ tag }}</a> {{ count }}</li>{% endfor %}</ul>{% endblock %}',
    "rss.xml": '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{{ title }}</title>'
    "<link>{{ base }}{{ link }}</link>{% for post in posts %}<item><title>{{ post.title }}</title>"
    "<link>{{ base }}{{ post.url }}</link><pubDate>{{ post.date }}</pubDate><description>{{ post.summary }}"
    "</description></item>{% endfor %}</channel></rss>",
}


@cache
def _lexer(language: str) -> Lexer | None:
    try:
        return lexer_by_name(language or "text")
    except ClassNotFound:
        return None


def _highlight(code: str, language: str, _attrs: str) -> str:
    lexer = _lexer(language)
    return "" if lexer is None else highlight(code, lexer, _FORMATTER)


_MARKDOWN = MarkdownIt("commonmark", {"highlight": _highlight}).enable("table").use(footnote_plugin)
_MARKDOWN.use(dollarmath_plugin, renderer=lambda content, options: html.escape(content))


def read_post(path: Path) -> dict[str, Any] | None:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    meta = yaml.load(head, Loader=yaml.CSafeLoader) or {}
    if meta.get("draft"):
        return None
    when = meta["date"]
    day = (
        when.date() if isinstance(when, datetime) else when if isinstance(when, date) else date.fromisoformat(str(when))
    )
    return {
        "title": str(meta["title"]),
        "date": day.isoformat(),
        "tags": [str(t) for t in meta.get("tags") or []],
        "url": f"/posts/{path.stem}/",
        "body": body,
    }


def render_post(post: dict[str, Any]) -> tuple[str, str]:
    """The post's HTML and its plain summary (its first characters, as Hugo's .Summary | plainify)."""
    body = _MARKDOWN.render(post["body"])
    plain = html.unescape(_TAG.sub("", body))
    return body, " ".join(plain.split())[:SUMMARY_CHARACTERS]


_ENV: jinja2.Environment | None = None
_POSTS: list[dict[str, Any]] = []
_OUT = Path()


def _write(path: str, text: str) -> None:
    target = _OUT / path.lstrip("/")
    target.mkdir(parents=True, exist_ok=True)
    (target / ("index.xml" if text.startswith("<?xml") else "index.html")).write_text(text, encoding="utf-8")


def _post_pages(indices: list[int]) -> list[tuple[str, str]]:
    """Markdown and the post's own page, in a worker (forked: the posts are inherited)."""
    assert _ENV is not None
    made = []
    single = _ENV.get_template("single.html")
    for index in indices:
        post = _POSTS[index]
        post["html"], post["summary"] = render_post(post)
        _write(post["url"], single.render(title=post["title"], post=post))
        made.append((post["html"], post["summary"]))
    return made


def _paginated(title: str, folder: str, posts: list[dict[str, Any]]) -> None:
    assert _ENV is not None
    template = _ENV.get_template("list.html")
    pages = max(1, -(-len(posts) // PER_PAGE))
    for number in range(1, pages + 1):
        path = folder if number == 1 else f"{folder}page/{number}/"
        newer = None if number == 1 else (folder if number == 2 else f"{folder}page/{number - 1}/")
        older = f"{folder}page/{number + 1}/" if number < pages else None
        chunk = posts[(number - 1) * PER_PAGE : number * PER_PAGE]
        _write(path, template.render(title=title, posts=chunk, newer=newer, older=older))


def build(site: Path, output: Path) -> int:
    global _ENV, _POSTS, _OUT
    config = tomllib.loads((site / "site.toml").read_text(encoding="utf-8"))
    base = str(config.get("base_url", "https://example.org/")).rstrip("/")
    _OUT = output
    _ENV = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True)
    found = (read_post(path) for path in sorted((site / "content" / "posts").glob("*.md")))
    _POSTS = sorted((post for post in found if post is not None), key=lambda p: p["date"], reverse=True)
    indices = list(range(len(_POSTS)))
    workers = os.cpu_count() or 1
    if len(indices) >= 64 and workers > 1:
        size = max(1, len(indices) // (workers * 8))
        batches = [indices[i : i + size] for i in range(0, len(indices), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = [item for batch in pool.map(_post_pages, batches) for item in batch]
        for post, (body, summary) in zip(_POSTS, results, strict=True):
            post["html"], post["summary"] = body, summary
    else:
        _post_pages(indices)
    _paginated("Latest Updates", "/", _POSTS)
    tags: dict[str, list[dict[str, Any]]] = {}
    for post in _POSTS:
        for tag in post["tags"]:
            tags.setdefault(tag, []).append(post)
    for tag, posts in tags.items():
        _paginated(tag, f"/tags/{tag}/", posts)
    _write(
        "/tags/",
        _ENV.get_template("terms.html").render(title="Tags", tags=sorted((t, len(p)) for t, p in tags.items())),
    )
    rss = _ENV.get_template("rss.xml")
    for link, title, posts in [("/", "Bench", _POSTS), ("/posts/", "Posts", _POSTS)] + [
        (f"/tags/{tag}/", tag, posts) for tag, posts in tags.items()
    ]:
        _write(link, rss.render(title=title, base=base, link=link, posts=posts))
    return len(_POSTS)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    count = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{count} posts", file=sys.stderr)


if __name__ == "__main__":
    main()
