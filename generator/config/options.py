"""Every key site.toml may hold, declared once: name, type, default, help, what was expected.

Validation (`settings`), the "did you mean" hints and the table of keys in
docs/configuration.md all come from this one list, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.urls.checks import BASE_URL_EXPECTED


@dataclass(frozen=True, slots=True)
class Option:
    """One site.toml key with its type, default and the help a wrong value's message quotes."""

    key: str
    kind: type | tuple[type, ...]
    default: Any
    help: str
    expected: str


# Every key a user may write, in the order docs/configuration.md documents them.
OPTIONS: tuple[Option, ...] = (
    Option("title", str, "我的博客", "Site name, shown in the header and feeds.", "a string"),
    Option("description", str, "", "One-line description for meta tags and feeds.", "a string"),
    Option("author", str, "", "Default author of every post.", "a string"),
    Option(
        "base_url",
        str,
        "http://localhost:8000/",
        "Absolute URL where the site is published; its path (e.g. /repo/) prefixes every link.",
        BASE_URL_EXPECTED,
    ),
    Option(
        "language",
        str,
        "zh-CN",
        "Language tag for <html lang>; it also picks the interface's words and dates: zh-CN, zh-TW "
        "(also zh-HK, zh-Hant), or English for any other language.",
        "a language tag like zh-CN",
    ),
    Option(
        "timezone",
        str,
        "Asia/Shanghai",
        "IANA time zone for dates written without an offset.",
        "an IANA time zone name such as Asia/Shanghai",
    ),
    Option("per_page", int, 12, "Posts per index or tag page.", "a positive integer"),
    Option(
        "excerpt_length",
        int,
        350,
        "Automatic excerpt length; one CJK character, letter or emoji counts as one.",
        "a positive integer",
    ),
    Option("excerpt_ellipsis", str, "...", "Appended to an excerpt that was cut.", "a string"),
    Option(
        "excerpt_code_placeholder",
        str,
        "",
        "Stands for a code block in an automatic excerpt.",
        "a string",
    ),
    Option(
        "excerpt_math_placeholder",
        str,
        "",
        "Stands for a display formula in an automatic excerpt.",
        "a string",
    ),
    Option(
        "excerpt_table_placeholder",
        str,
        "",
        "Stands for a table in an automatic excerpt (its cells would run together).",
        "a string",
    ),
    Option(
        "highlight_style",
        str,
        "xcode",
        "Pygments style for code in light mode.",
        "a Pygments style name",
    ),
    Option(
        "highlight_style_dark",
        str,
        "monokai",
        "Pygments style for code in dark mode.",
        "a Pygments style name",
    ),
    Option(
        "line_numbers",
        bool,
        False,
        "Number the lines of every code block; a fence's {linenos=true} or {linenos=false} decides for one block.",
        "true or false",
    ),
    Option(
        "citations",
        str,
        "numeric",
        'How citations of references.bib entries look: "numeric" ([1], numbered by first citation) or '
        '"author-year" ((Vaswani et al., 2017)); a post\'s own `citations:` front matter wins.',
        '"numeric" or "author-year"',
    ),
    Option("feed_limit", int, 20, "How many posts the feeds carry.", "a positive integer"),
    Option(
        "feed_content",
        str,
        "full",
        'What feed entries carry: "full" post HTML or the "summary" (excerpt).',
        '"full" or "summary"',
    ),
    Option(
        "tag_feed_content",
        str,
        "summary",
        'What the feeds of each tag and category carry: the "summary" (as Hugo\'s taxonomy feeds) or the "full" post.',
        '"full" or "summary"',
    ),
    Option(
        "slug_style",
        str,
        "unicode",
        'How `blog new` makes a file name from a title: "unicode" (Chinese kept), "pinyin" or "ascii".',
        '"unicode", "pinyin" or "ascii"',
    ),
    Option(
        "categories_as_tags",
        bool,
        True,
        "Also list Hexo/Jekyll/Hugo `categories` among a post's tags (they always get their own /categories/ pages).",
        "true or false",
    ),
    Option(
        "dialect",
        str,
        "auto",
        'The engine the posts were written for, whose math rules they are read by: "auto" (guessed per '
        'post), "hexo", "jekyll", "hugo" or "ours"; a post\'s own `dialect:` front matter wins.',
        '"auto", "hexo", "jekyll", "hugo" or "ours"',
    ),
    Option(
        "search",
        bool,
        True,
        "Build a search index and a /search/ page (Chinese and English, updated only where posts changed).",
        "true or false",
    ),
    Option(
        "related_posts",
        int,
        5,
        "How many related posts to list under each post (0 for none).",
        "a whole number, 0 or more",
    ),
    Option(
        "comments",
        dict,
        {},
        "Table turning on comments below posts: giscus (repo, repo_id, category, category_id from "
        "giscus.app), or provider = waline (server_url) or twikoo (env_id), which load in mainland China. "
        "Without it no comment widget is added.",
        "[comments] with repo, repo_id, category and category_id, or provider and its server",
    ),
    Option(
        "footer",
        dict,
        {},
        "Table of footer lines: icp (the ICP 备案 number, linked to beian.miit.gov.cn) and police "
        "(the 公安备案 number, linked to beian.mps.gov.cn).",
        '[footer] icp = "京ICP备12345678号-1"',
    ),
    Option(
        "analytics",
        dict,
        {},
        "Table turning on visit counting, none by default: google (G- id), baidu (Tongji id), "
        "umami = { website_id, script_url }, plausible = { domain, script_url }.",
        '[analytics] baidu = "…" or umami = { website_id = "…", script_url = "…" }',
    ),
    Option(
        "permalinks",
        dict,
        {},
        "Table of URL patterns: post (default /posts/{slug}/), tag (/tags/{slug}/), "
        "series (/series/{slug}/), page (/page/{n}/). Post patterns may use {slug} {year} {month} {day} {i_month} "
        "{i_day} {path} {file} {categories}, or Hexo/Jekyll spellings such as :year/:month/:day/:title/.",
        'a table such as [permalinks] post = "/posts/{slug}/"',
    ),
    Option(
        "paths",
        dict,
        {},
        "Table of folders relative to site.toml: content, templates, static, output "
        "(defaults content, templates, static, public).",
        'a table such as [paths] output = "public"',
    ),
    Option(
        "math",
        dict,
        {},
        "Table for formulas: macros, a table of TeX macros every post may use "
        '(E = "\\\\mathop{\\\\mathbb{E}}", or ["\\\\mathbf{#1}", 1] as in a MathJax config); '
        "code_spans = true reads `$x$` and `$$…$$` in backticks as math (blogdown's convention).",
        'a table such as [math.macros] E = "\\\\mathop{\\\\mathbb{E}}"',
    ),
    Option(
        "strings",
        dict,
        {},
        'Table replacing words of the interface, e.g. nav_home = "首页" (the keys are listed in '
        "docs/configuration.md; {n} and other placeholders must stay).",
        'a table such as [strings] nav_home = "首页"',
    ),
    Option(
        "deploy",
        (dict, list),
        (),
        "Where `blog deploy` pushes the built site: [deploy] with repo, optional branch (default gh-pages) "
        "and message ({date} is the time); [[deploy]] tables for several targets.",
        '[deploy] repo = "git@github.com:me/me.github.io.git", or [[deploy]] tables',
    ),
    Option(
        "params",
        dict,
        {},
        "Free table handed to templates as site.params; never validated.",
        "a table",
    ),
)

DEFAULT_PERMALINKS = {
    "post": "/posts/{slug}/",
    "tag": "/tags/{slug}/",
    "series": "/series/{slug}/",
    "page": "/page/{n}/",
}
DEFAULT_PATHS = {
    "content": "content",
    "templates": "templates",
    "static": "static",
    "output": "public",
}
