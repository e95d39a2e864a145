"""Bad input, kept as data: what a careless writer (or a broken disk) puts in a site, and
the one line `blog build` must answer with.

Each row names files to write into a copy of tests/sites/basic (path inside the site ->
content), the message lines that must appear on stderr, and the exit code. A message is
either an exact line (`{site}` stands for the site folder) or a compiled regex that must
match a whole line. `test_bad_input_table.py` runs every row through the CLI.
"""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Symlink:
    """A symbolic link to `target` (relative to the link's folder), dangling or looping as written."""

    target: str


@dataclass(frozen=True)
class Large:
    """A valid post padded with Markdown to `size` bytes, generated when the row runs."""

    size: int


@dataclass(frozen=True)
class Unreadable:
    """A file with these bytes and mode 000 (root can still read it: such rows are skipped as root)."""

    data: bytes


@dataclass(frozen=True)
class Fifo:
    """A named pipe: opening it for reading would wait for a writer forever."""


@dataclass(frozen=True)
class Directory:
    """An empty folder."""


FileSpec = str | bytes | Symlink | Large | Unreadable | Fifo | Directory


@dataclass(frozen=True)
class Row:
    name: str
    files: dict[str, FileSpec]
    expect: tuple[str | re.Pattern[str], ...]  # every one must be a line of stderr (stripped)
    exit_code: int = 1
    output: str = "public"  # --output, relative to the site folder
    needs_non_root: bool = False  # mode 000 means nothing to root
    args: tuple[str, ...] = ()  # more options for blog build, e.g. ("--base-url", "...")
    published: tuple[str, ...] = ()  # a build that succeeds must write these files (and may change public/)
    cache: bool = False  # build with the cache and the no-change record (no --no-cache)


def post(front: str, body: str = "正文。\n", fence: str = "---") -> str:
    return f"{fence}\n{front}{fence}\n{body}"


def with_key(key: str, value: str) -> str:
    """A good post whose front matter has `key: value` on line 5."""
    return post(f"title: 好文章\ndate: 2025-01-01\ntags: [测试]\n{key}: {value}\n")


DATES = "a date like 2026-01-11, 2026-01-11 08:30, 2026/1/11 8:30:00, 2026-01-11T08:30:00+08:00 or Jan 11, 2026"
P = "content/posts"

ROWS: tuple[Row, ...] = (
    Row(
        "yaml-broken",
        {f"{P}/bad-yaml.md": post("title: 坏的 YAML\ntags: [a, b\ndate: 2025-01-01\n")},
        # the wording differs between libyaml and pure-Python PyYAML
        (
            re.compile(
                rf"{P}/bad-yaml\.md:4: invalid YAML front matter: .*',' or '\]'.* \(valid YAML between '---' lines\)"
            ),
        ),
    ),
    Row(
        "yaml-tabs",
        {f"{P}/tabs.md": post("title: 制表符\ndate: 2025-01-01\ntags:\n\t- a\n")},
        (
            f"{P}/tabs.md:5: invalid YAML front matter: a tab character is used for indentation "
            "(indentation with spaces)",
        ),
    ),
    Row(
        "yaml-not-a-mapping",
        {f"{P}/list.md": post("- title\n- date\n")},
        (f"{P}/list.md:2: front matter is not a mapping of keys to values (lines like 'title: ...')",),
    ),
    Row(
        "toml-broken",
        {f"{P}/bad-toml.md": post("title = '坏的 TOML'\ndate = 2025-01-01\ntags = [a]\n", fence="+++")},
        (re.compile(rf"{P}/bad-toml\.md:4: invalid TOML front matter: .+ \(valid TOML between '\+\+\+' lines\)"),),
    ),
    Row(
        "front-matter-unclosed",
        {f"{P}/unclosed.md": "---\ntitle: 没有结束\ndate: 2025-01-01\n\n正文\n"},
        (
            f"{P}/unclosed.md:1: front matter opened with '---' is never closed "
            "(a line containing only '---' after the front matter)",
        ),
    ),
    Row(
        "title-number",
        {f"{P}/t.md": post("title: 123\ndate: 2025-01-01\ntags: [a]\n")},
        # Hexo, Hugo and Jekyll publish it as 123: a warning, and the post is built
        (
            f"{P}/t.md:2: title 123 is a number in YAML; published as '123' (title: \"123\" (quoted, so it is kept exactly as written))",
        ),
        exit_code=0,
        published=("posts/t/index.html",),
    ),
    Row(
        "tags-empty-item",  # `tags:` with an empty `-` item, as real Hexo posts have: ignored, as Hexo does
        {f"{P}/t.md": post("title: 空标签\ndate: 2025-01-01\ntags:\n  - a\n  -\n")},
        (),
        exit_code=0,
        published=("posts/t/index.html", "tags/a/index.html"),
    ),
    Row(
        "many-posts-without-tags",  # with the site's notags.md, four: one line names the first and counts the rest
        {f"{P}/untagged-{n}.md": post(f"title: 无标签 {n}\ndate: 2025-01-0{n}\n") for n in (1, 2, 3)},
        (
            f"{P}/notags.md:1: 4 posts have no tags: this one and 3 more; they are listed under no tag "
            "(tags: [...] to list a post under a tag; blog build --all-warnings names each)",
        ),
        exit_code=0,
        published=("posts/untagged-1/index.html",),
    ),
    Row(
        "title-list",
        {f"{P}/t.md": post("title: [a, b]\ndate: 2025-01-01\ntags: [a]\n")},
        (f"{P}/t.md:2: title must be text, not a list (a string, quoted if it looks like a number)",),
    ),
    Row(
        "date-number",
        {f"{P}/d.md": post("title: 日期\ndate: 20250101\ntags: [a]\n")},
        (f"{P}/d.md:3: date '20250101' is not a date ({DATES})",),
    ),
    Row(
        "date-feb-30",
        {f"{P}/feb30.md": post("title: 二月三十日\ndate: 2026-02-30\ntags: [a]\n")},
        (f"{P}/feb30.md:3: date '2026-02-30' is not a real date ({DATES})",),
    ),
    Row(
        "date-yesterday",
        {f"{P}/yesterday.md": post("title: 昨天\ntags: [a]\ndate: yesterday\n")},
        (f"{P}/yesterday.md:4: date 'yesterday' is not a date ({DATES})",),
    ),
    Row(
        "tags-mapping",
        {f"{P}/tags.md": post("title: 标签\ndate: 2025-01-01\ntags: {a: 1}\n")},
        (
            f"{P}/tags.md:4: tags must be a list or a comma-separated string, not dict "
            "(tags: [Python, 大模型] or tags: Python, 大模型)",
        ),
    ),
    Row(
        "tags-nested-list",
        {f"{P}/tags.md": post("title: 标签\ndate: 2025-01-01\ntags: [[a, b]]\n")},
        (
            f"{P}/tags.md:4: tags must be a list or a comma-separated string, not list "
            "(tags: [Python, 大模型] or tags: Python, 大模型)",
        ),
    ),
    Row(
        "summary-list",
        {f"{P}/s.md": with_key("summary", "[一, 二]")},
        (f"{P}/s.md:5: summary must be text, not a list (a string)",),
    ),
    Row(
        "draft-text",
        {f"{P}/s.md": with_key("draft", "yes please")},
        (f"{P}/s.md:5: draft must be true or false, not str (true or false)",),
    ),
    Row(
        "slug-list",
        {f"{P}/s.md": with_key("slug", "[a, b]")},
        (f"{P}/s.md:5: slug must be text, not a list (a string such as my-post)",),
    ),
    Row(
        "slug-only-punctuation",
        {f"{P}/s.md": with_key("slug", "'!!!'")},
        (f"{P}/s.md:5: slug has no letters or digits (a slug such as my-post)",),
    ),
    Row(
        "updated-not-a-date",
        {f"{P}/s.md": with_key("updated", "soon")},
        (f"{P}/s.md:5: updated 'soon' is not a date ({DATES})",),
    ),
    Row(
        "link-javascript-url",
        {f"{P}/s.md": with_key("link", "javascript:alert(1)")},
        (f"{P}/s.md:5: 'link' is a javascript: URL, which is never published (an http(s) or site URL)",),
    ),
    Row(
        "duplicate-url-from-slug",
        {f"{P}/dup.md": with_key("slug", "hello")},
        (f"{P}/dup.md:5: post has the same URL as {P}/hello.md (/posts/hello/) (a different 'slug' in one of them)",),
    ),
    Row(
        "case-only-file-names",
        {
            f"{P}/A.md": post("title: 大写\ndate: 2025-01-01\ntags: [a]\n"),
            f"{P}/a.md": post("title: 小写\ndate: 2025-01-02\ntags: [a]\n"),
        },
        (f"{P}/A.md: post has the same URL as {P}/a.md (/posts/a/) (a different 'slug' in one of them)",),
    ),
    Row(
        "not-utf8",
        {f"{P}/latin1.md": post("title: T\ndate: 2025-01-01\ntags: [a]\n", "caf\u00e9\n").encode("latin-1")},
        (f"{P}/latin1.md:6: file is not valid UTF-8 (byte 0xe9 at offset 47) (a UTF-8 text file)",),
    ),
    Row(
        "utf16-with-bom",
        {f"{P}/utf16.md": post("title: 十六位\ndate: 2025-01-01\ntags: [a]\n").encode("utf-16")},
        (f"{P}/utf16.md:1: file is UTF-16, not UTF-8 (a UTF-8 text file (re-save it as UTF-8))",),
    ),
    Row(
        "utf16-without-bom",
        {f"{P}/utf16le.md": post("title: 十六位\ndate: 2025-01-01\ntags: [a]\n").encode("utf-16-le")},
        (f"{P}/utf16le.md:1: file is UTF-16, not UTF-8 (a UTF-8 text file (re-save it as UTF-8))",),
    ),
    Row(
        "utf16-be-without-bom",
        {f"{P}/utf16be.md": post("title: 一二三\ndate: 2025-01-01\ntags: [a]\n", "一丁。\n").encode("utf-16-be")},
        (f"{P}/utf16be.md:1: file is UTF-16, not UTF-8 (a UTF-8 text file (re-save it as UTF-8))",),
    ),
    Row(
        "post-of-20-mb",
        {f"{P}/huge.md": Large(20 * 1024 * 1024)},
        (f"{P}/huge.md: file is 20 MB, too large for a post (a post under 10 MB)",),
    ),
    Row(
        "binary-named-md",
        {f"{P}/image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))},
        (f"{P}/image.md: file is binary, not text (a UTF-8 Markdown file)",),
    ),
    Row(
        "symlink-loop-file",
        {f"{P}/loop-a.md": Symlink("loop-b.md"), f"{P}/loop-b.md": Symlink("loop-a.md")},
        (
            f"{P}/loop-a.md: cannot read file: Too many levels of symbolic links (a readable file)",
            f"{P}/loop-b.md: cannot read file: Too many levels of symbolic links (a readable file)",
        ),
    ),
    Row(
        # a folder that links to its parent: walked once, the build succeeds
        "symlink-loop-folder",
        {f"{P}/nested/loop": Symlink("..")},
        (),
        exit_code=0,
    ),
    Row(
        "dangling-symlink",
        {f"{P}/gone.md": Symlink("nowhere/gone.md")},
        (f"{P}/gone.md: cannot read file: No such file or directory (a readable file)",),
    ),
    Row(
        "unreadable-mode-000",
        {f"{P}/secret.md": Unreadable(post("title: 秘密\ndate: 2025-01-01\ntags: [a]\n").encode())},
        (f"{P}/secret.md: cannot read file: Permission denied (a readable file)",),
        needs_non_root=True,
    ),
    Row(
        # honest for root too: a named pipe cannot be read like a file, whoever you are
        "named-pipe-md",
        {f"{P}/pipe.md": Fifo()},
        (f"{P}/pipe.md: cannot read file: not a regular file (a readable file)",),
    ),
    Row(
        "template-syntax-error",
        {
            "templates/post.html": (
                '{% extends "base.html" %}\n{% block content %}\n<h1>{{ post.title }}</h1>\n'
                "{% if %}\n{{ post.html }}\n{% endblock %}\n"
            )
        },
        (
            "templates/post.html:4: template syntax error: Expected an expression, got 'end of statement block' (valid Jinja2 syntax)",
        ),
    ),
    Row(
        "template-undefined-variable",
        {
            "templates/tags.html": (
                '{% extends "base.html" %}\n{% block content %}\n<h1>全部标签</h1>\n'
                "<p>{{ nosuch_variable }}</p>\n{% endblock %}\n"
            )
        },
        (
            "templates/tags.html:4: undefined template variable: 'nosuch_variable' is undefined "
            "(a variable the page provides (see docs/templates.md))",
        ),
    ),
    Row(
        "template-includes-missing",
        {
            "templates/tags.html": (
                '{% extends "base.html" %}\n{% block content %}\n<h1>全部标签</h1>\n'
                '{% include "_missing.html" %}\n{% endblock %}\n'
            )
        },
        ("templates/tags.html:4: template '_missing.html' not found (a file _missing.html in templates/)",),
    ),
    Row(
        "site-toml-syntax-error",
        {"site.toml": 'title = "测试博客"\nbase_url = "https://example.org/blog/"\nper_page = = 5\n'},
        (re.compile(r"site\.toml:3: TOML syntax error: .+ \(valid TOML\)"),),
    ),
    Row(
        "site-toml-wrong-type",
        {"site.toml": 'title = "测试博客"\nbase_url = "https://example.org/blog/"\nper_page = "12"\n'},
        ("site.toml:3: 'per_page' has the wrong type (str) (expected a positive integer)",),
    ),
    Row(
        "site-toml-unknown-key",
        {
            "site.toml": (
                'title = "测试博客"\ndescription = "用来测试生成器的小站点"\nauthor = "测试者"\n'
                'base_url = "https://example.org/blog/"\nper_page = 5\nexcerpt_length = 40\n'
                'per_pgae = 5\n\n[params]\nfooter = "页脚文字"\n'
            )
        },
        ("site.toml:7: unknown key 'per_pgae' is ignored (did you mean 'per_page'?)",),
        exit_code=0,
    ),
    Row(
        "output-is-a-file",
        {"public.txt": "not a folder\n"},
        ("{site}/public.txt: output path exists and is a file (a folder (or a path that does not exist yet))",),
        output="public.txt",
    ),
    Row(
        "output-inside-content",
        {},
        (
            "{site}/content/public: output folder is inside the content folder {site}/content "
            "(an output folder outside content/, templates/ and static/)",
        ),
        output="content/public",
    ),
    Row(
        "several-bad-posts-reported-together",
        {
            f"{P}/one.md": post("title: [1, 2]\ndate: 2025-01-01\ntags: [a]\n"),
            f"{P}/two.md": post("title: 二\ndate: 2026-02-30\ntags: [a]\n"),
            f"{P}/three.md": b"\xff\xfe",
            f"{P}/four.md": with_key("draft", "maybe"),
        },
        (
            f"{P}/one.md:2: title must be text, not a list (a string, quoted if it looks like a number)",
            f"{P}/two.md:3: date '2026-02-30' is not a real date ({DATES})",
            f"{P}/three.md:1: file is UTF-16, not UTF-8 (a UTF-8 text file (re-save it as UTF-8))",
            f"{P}/four.md:5: draft must be true or false, not str (true or false)",
        ),
    ),
)

# What an independent probe of the build found (issue 12): each was a traceback, a silent
# loss or a broken site before.
SITE_TOML = 'title = "测试博客"\nbase_url = "https://example.org/blog/"\nper_page = 5\n[params]\nfooter = "页脚"\n'
PERMALINK_OUT = "has a '.' or '..' segment (also when percent-encoded), which would leave the output folder"
PERMALINK_EXPECTED = "a path inside the site, such as /posts/{slug}/"
BASE_URL_EXPECTED = "an absolute http(s) URL such as https://user.github.io/repo/"


def site_toml(extra: str = "", base_url: str = "https://example.org/blog/") -> str:
    """site.toml with base_url on line 2 and `extra` (e.g. a [permalinks] table) from line 6."""
    return SITE_TOML.replace("https://example.org/blog/", base_url) + extra


def permalink_row(name: str, kind: str, pattern: str, reason: str = PERMALINK_OUT) -> Row:
    return Row(
        name,
        {"site.toml": site_toml(f"[permalinks]\n{kind} = '{pattern}'\n")},
        (f"site.toml:7: permalink pattern '{pattern}' for {kind} {reason} ({PERMALINK_EXPECTED})",),
    )


def base_url_row(name: str, value: str, reason: str) -> Row:
    return Row(
        name,
        {"site.toml": site_toml(base_url=value)},
        (f"site.toml:2: base_url '{value}' {reason} ({BASE_URL_EXPECTED})",),
    )


INVALID_URL = "is not a valid URL (check the brackets of an IPv6 host and the port)"
PROBE_ROWS: tuple[Row, ...] = (
    permalink_row("permalink-climbs-out", "post", "/../../x/{slug}/"),
    permalink_row("permalink-tag-climbs-out", "tag", "/tags/../../{slug}/"),
    permalink_row("permalink-page-percent-encoded-dots", "page", "/%2e%2E/{n}/"),
    permalink_row("permalink-double-encoded-dots", "post", "/posts/%252e%252e/%252e%252e/{slug}/"),
    permalink_row(
        "permalink-other-host", "post", "//{slug}/", "starts with //, which browsers read as a link to another host"
    ),
    permalink_row(
        "permalink-hidden-folder",
        "post",
        "/.posts/{slug}/",
        "publishes into the hidden folder '.posts', which GitHub Pages and many servers do not serve",
    ),
    base_url_row("base-url-bad-ipv6", "http://[::1/", INVALID_URL),
    base_url_row("base-url-bad-port", "https://example.org:abc/", INVALID_URL),
    base_url_row(
        "base-url-query",
        "https://example.org/blog/?lang=zh",
        "has a query or fragment, which cannot be the start of every link",
    ),
    base_url_row(
        "base-url-fragment",
        "https://example.org/blog/#top",
        "has a query or fragment, which cannot be the start of every link",
    ),
    base_url_row(
        "base-url-space", "https://example.org/my blog/", "contains a space (write %20 for a space in a path)"
    ),
    Row(
        "base-url-option-bad-ipv6",
        {},
        (f"--base-url: 'http://[::1/' {INVALID_URL} ({BASE_URL_EXPECTED})",),
        args=("--base-url", "http://[::1/"),
    ),
)
OUTSIDE = "a file inside the site folder; links that leave it are never published"
FOLDER_NEEDED = "a file name that is not also a folder of the site"
OVERRIDE = "another name, unless the override is meant"
FLAT_POSTS = site_toml("[permalinks]\npost = '/{slug}/'\n")
PROBE_ROWS += (
    Row(
        "post-url-is-the-archives-page",
        {"site.toml": FLAT_POSTS, f"{P}/arch.md": with_key("slug", "archives")},
        (
            f"{P}/arch.md:5: post's URL /archives/ is also the archives page /archives/; the post would be lost "
            "(a different 'slug', or a post permalink that keeps posts apart from generated pages)",
        ),
    ),
    Row(
        "post-url-is-the-tag-index",
        {"site.toml": FLAT_POSTS, f"{P}/t.md": with_key("slug", "tags")},
        (
            f"{P}/t.md:5: post's URL /tags/ is also the page listing all tags /tags/; the post would be lost "
            "(a different 'slug', or a post permalink that keeps posts apart from generated pages)",
        ),
    ),
    Row(
        "static-replaces-generated-pages",
        {
            "static/index.html": "<p>landing</p>\n",
            "static/rss.xml": "<rss/>\n",
            "static/posts/hello/index.html": "<p>old copy</p>\n",
            "static/robots.txt": "User-agent: *\n",  # meant to be replaced: no message
        },
        (
            f"static/index.html: static file replaces the home page / ({OVERRIDE})",
            f"static/rss.xml: static file replaces the feed /rss.xml ({OVERRIDE})",
            f"static/posts/hello/index.html: static file replaces the post {P}/hello.md ({OVERRIDE})",
        ),
        exit_code=0,
        published=("index.html", "rss.xml", "posts/hello/index.html", "robots.txt"),
    ),
    Row(
        "static-dangling-symlink",
        {"static/gone.png": Symlink("nowhere.png")},
        ("static/gone.png: broken symbolic link to nowhere.png (a readable file)",),
    ),
    Row(
        "static-symlink-loop",
        {"static/a": Symlink("b"), "static/b": Symlink("a")},
        (
            "static/a: symbolic link loop (it points back to itself) (a readable file)",
            "static/b: symbolic link loop (it points back to itself) (a readable file)",
        ),
    ),
    Row("static-named-pipe", {"static/pipe": Fifo()}, ("static/pipe: cannot read a named pipe (a regular file)",)),
    Row(
        "asset-named-pipe",
        {f"{P}/hello/pipe": Fifo()},
        (f"{P}/hello/pipe: cannot read a named pipe (a regular file)",),
    ),
    Row(
        "template-named-pipe",
        {"templates/tags.html": Fifo()},
        ("templates/tags.html: cannot read a named pipe (a regular file)",),
    ),
    Row(
        "template-dangling-symlink",
        {"templates/tags.html": Symlink("nowhere.html")},
        ("templates/tags.html: broken symbolic link to nowhere.html (a readable file)",),
    ),
    Row(
        "template-symlink-leaves-the-site",
        {"templates/extra.html": Symlink("/etc/passwd")},
        (f"templates/extra.html: symbolic link leads outside the site folder, to /etc/passwd ({OUTSIDE})",),
    ),
    Row(
        "asset-dangling-symlink",
        {f"{P}/hello/figure.png": Symlink("../figures/gone.png")},
        (f"{P}/hello/figure.png: broken symbolic link to ../figures/gone.png (a readable file)",),
    ),
    Row(
        "static-file-where-posts-folder-is",
        {"static/posts": "a file\n"},
        (
            re.compile(
                r"static/posts: file is in the way: the post content/posts/\S+\.md needs posts/ to be a folder "
                rf"\({FOLDER_NEEDED}\)"
            ),
        ),
    ),
    Row(
        "static-file-where-a-post-folder-is",
        {"static/posts/hello": "a file\n"},
        (
            f"static/posts/hello: file is in the way: the post {P}/hello.md needs posts/hello/ to be a folder ({FOLDER_NEEDED})",
        ),
    ),
    Row(
        "static-folder-where-the-feed-is",
        {"static/atom.xml/x.txt": "x\n"},
        (
            "static/atom.xml/x.txt: the static file static/atom.xml/x.txt needs a folder at atom.xml, "
            f"where the feed /atom.xml is ({FOLDER_NEEDED})",
        ),
    ),
    Row(
        "slug-of-300-characters",
        {f"{P}/long.md": with_key("slug", "a" * 300)},
        (
            f"{P}/long.md:5: URL segment '{'a' * 40}…' is 300 bytes long, more than file systems allow "
            "(a shorter slug or tag (at most 200 bytes; a Chinese character takes 3))",
        ),
    ),
    Row(
        "post-symlink-leaves-the-site",
        {f"{P}/passwd.md": Symlink("/etc/passwd")},
        (f"{P}/passwd.md: symbolic link leads outside the site folder, to /etc/passwd ({OUTSIDE})",),
    ),
    Row(
        "posts-folder-symlink-leaves-the-site",
        {f"{P}/etc": Symlink("/etc")},
        (f"{P}/etc: symbolic link leads outside the site folder, to /etc ({OUTSIDE})",),
    ),
    Row(
        "static-symlink-leaves-the-site",
        {"static/passwd.txt": Symlink("/etc/passwd"), "static/etc": Symlink("/etc")},
        (
            f"static/etc: symbolic link leads outside the site folder, to /etc ({OUTSIDE})",
            f"static/passwd.txt: symbolic link leads outside the site folder, to /etc/passwd ({OUTSIDE})",
        ),
    ),
    Row(
        "asset-symlink-leaves-the-site",
        {f"{P}/hello/secret.txt": Symlink("/etc/passwd")},
        (f"{P}/hello/secret.txt: symbolic link leads outside the site folder, to /etc/passwd ({OUTSIDE})",),
    ),
    Row(
        "asset-folder-symlink-leaves-the-site",
        {f"{P}/hello": Symlink("/etc")},
        (f"{P}/hello: symbolic link leads outside the site folder, to /etc ({OUTSIDE})",),
    ),
    Row(
        # links that stay inside the site are followed: a shared figure, a linked folder
        "symlinks-inside-the-site-are-published",
        {
            "shared/figure.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
            f"{P}/hello/figure.svg": Symlink("../../../shared/figure.svg"),
            "static/shared": Symlink("../shared"),
        },
        (),
        exit_code=0,
        published=("posts/hello/figure.svg", "shared/figure.svg"),
    ),
)
FRONT = "title: 探针\ndate: 2025-01-01\ntags: [a]\n"  # the body starts on line 6
PROBE_ROWS += (
    Row(
        "list-nested-past-the-limit",
        {f"{P}/deep.md": post(FRONT, "- " * 150 + "最深处\n\n## 后来\n\n最后一段。\n")},
        (
            f"{P}/deep.md:6: lists or quotes nest deeper than 200 levels here; what is deeper is shown as plain text "
            "(less deeply nested lists or blockquotes)",
        ),
        exit_code=0,
        published=("posts/deep/index.html",),
    ),
    Row(
        "raw-link-that-is-not-a-url",
        {f"{P}/v6.md": post(FRONT, '见 <a href="http://[::1/x">本机</a>。\n')},
        (
            f"{P}/v6.md:6: link http://[::1/x is not a valid URL (check the brackets of an IPv6 host and the port) "
            "(a URL such as https://example.org/ or /posts/x/)",
        ),
        exit_code=0,
        published=("posts/v6/index.html", "atom.xml"),
    ),
    Row(
        "inline-formula-of-100-kb",
        {f"{P}/f.md": post(FRONT, "公式 $\\frac{" + "a" * 100_000 + "$ 之后。\n")},
        # quoted shortened, like display formulas: the reason is the converter's and may change
        (re.compile(rf"{P}/f\.md:6: formula \$\\frac\{{a{{54}}…\$ cannot be converted: .{{1,200}}"),),
        exit_code=0,
        published=("posts/f/index.html",),
    ),
    Row(
        "post-macro-whose-body-is-an-unknown-command",
        {f"{P}/m.md": post(FRONT, "$$\n\\newcommand{\\A}{\\B}\n$$\n\n公式 $x \\A$ 之后。\n")},
        (
            f'{P}/m.md:6: macro \\A is left out: Unknown command "\\B". (a definition the math converter reads '
            "(see docs/math.md); formulas using it are shown as source)",
        ),
        exit_code=0,
        published=("posts/m/index.html",),
    ),
    Row(
        "dialect-unknown-in-front-matter",
        {f"{P}/d.md": with_key("dialect", "hexoo")},
        (
            f"{P}/d.md:5: dialect 'hexoo' is not known; read as ours (no engine's traces outweigh the others') "
            '("hexo", "jekyll", "hugo" or "ours")',
        ),
        exit_code=0,
        published=("posts/d/index.html",),
    ),
    Row(
        "dialect-unknown-in-site-toml",
        {"site.toml": 'title = "测试博客"\nbase_url = "https://example.org/blog/"\ndialect = "wordpress"\n'},
        ('site.toml:3: dialect \'wordpress\' is not known ("auto", "hexo", "jekyll", "hugo" or "ours")',),
    ),
    Row(
        "dollar-signs-of-a-shell-line",
        {f"{P}/sh.md": post(FRONT, "在终端输入 ~$ ls -la 然后看 $HOME 目录。\n")},
        (
            f"{P}/sh.md:6: $ls -la 然后看$ is not a formula; it reads as a shell command, kept as text "
            "(\\$ for a dollar sign that is not math)",
        ),
        exit_code=0,
        published=("posts/sh/index.html",),
    ),
    Row(
        "tex-left-as-text",
        {f"{P}/tex.md": post(FRONT, "公式 $$x 没有闭合\n")},
        (re.compile(rf"{P}/tex\.md:6: TeX is shown as text: …公式 \$\$x 没有闭合… \(the formula between .+\)"),),
        exit_code=0,
        published=("posts/tex/index.html",),
    ),
    Row(
        "reference-to-a-label-the-post-does-not-define",
        {f"{P}/ref.md": post(FRONT, "见 @fig:nope。\n")},
        (
            f"{P}/ref.md:6: unknown label 'fig:nope' in the reference @fig:nope "
            "(a label defined in this post ({#fig:…} after an image, \\label{…} in a theorem or equation))",
        ),
        exit_code=0,
        published=("posts/ref/index.html",),
    ),
    Row(
        "label-defined-twice",
        {f"{P}/twice.md": post(FRONT, "::: theorem {#thm:a}\n甲\n:::\n\n::: lemma {#thm:a}\n乙\n:::\n")},
        (f"{P}/twice.md:10: label 'thm:a' is defined twice in this post (first at line 6) (each label once)",),
        exit_code=0,
        published=("posts/twice/index.html",),
    ),
    Row(
        "algorithm-command-not-known",
        {f"{P}/alg.md": post(FRONT, "\\begin{algorithmic}[1]\n\\State a\n\\State \\Frob b\n\\end{algorithmic}\n")},
        (
            f"{P}/alg.md:8: unknown algorithm command \\Frob, shown as written "
            "(algpseudocode's, algorithmic's or pseudocode.js's commands (see docs/writing.md))",
        ),
        exit_code=0,
        published=("posts/alg/index.html",),
    ),
    Row(
        "algorithm-line-begun-by-an-unknown-command",
        {
            f"{P}/alg.md": post(
                FRONT, "\\begin{algorithmic}\n\\STATE a\n\\KwIn{x}\n\\STATE \\KwIn b\n\\end{algorithmic}\n"
            )
        },
        (
            f"{P}/alg.md:8: unknown algorithm command \\KwIn (lines 8, 9), shown as written "
            "(algpseudocode's, algorithmic's or pseudocode.js's commands (see docs/writing.md))",
        ),
        exit_code=0,
        published=("posts/alg/index.html",),
    ),
    Row(
        "algorithm-with-no-lines",
        {
            f"{P}/alg.md": post(
                FRONT, "\\begin{algorithm}\n\\caption{空}\n\\begin{algorithmic}\n\\end{algorithmic}\n\\end{algorithm}\n"
            )
        },
        (
            f"{P}/alg.md:6: algorithm has no lines: nothing between its \\begin{{algorithmic}} and \\end{{algorithmic}} "
            "(\\begin{algorithmic} … \\end{algorithmic} holding its steps)",
        ),
        exit_code=0,
        published=("posts/alg/index.html",),
    ),
    Row(
        "slug-and-tag-with-a-leading-dot",
        {f"{P}/dot.md": post("title: 点\ndate: 2025-01-01\nslug: .hidden\ntags: [.b]\n")},
        (),
        exit_code=0,
        published=("posts/hidden/index.html", "tags/b/index.html"),
    ),
    Row(
        "date-in-year-1",
        {f"{P}/d.md": post("title: 远古\ndate: 0001-01-01T00:00:00+08:00\ntags: [a]\n")},
        (f"{P}/d.md:3: date '0001-01-01T00:00:00+08:00' is outside the years 1900 to 9999 ({DATES})",),
    ),
    Row(
        "date-at-the-end-of-9999",
        {f"{P}/d.md": post("title: 未来\ndate: '9999-12-31T23:59:59-08:00'\ntags: [a]\n")},
        (f"{P}/d.md:3: date '9999-12-31T23:59:59-08:00' is outside the years 1900 to 9999 ({DATES})",),
        args=("--future",),
    ),
    Row(
        "date-in-file-name-year-1",
        {f"{P}/0001-01-01-old.md": post("title: 远古\ntags: [a]\n")},
        (f"{P}/0001-01-01-old.md: date '0001-01-01' is outside the years 1900 to 9999 ({DATES})",),
    ),
)
# [deploy] is checked by every command that reads site.toml, so a wrong target stops `blog build` too.
DEPLOY_REPO = 'the git repository to push to, e.g. repo = "git@github.com:me/me.github.io.git"'
DEPLOY_ROWS: tuple[Row, ...] = (
    Row(
        "deploy-without-repo",
        {"site.toml": site_toml('[deploy]\nbranch = "gh-pages"\n')},
        (f"site.toml:6: a deploy target has no 'repo' ({DEPLOY_REPO})",),
    ),
    Row(
        "deploy-repo-read-as-a-git-option",
        {"site.toml": site_toml('[[deploy]]\nrepo = "--upload-pack=touch /tmp/x"\n')},
        (
            "site.toml:7: deploy.repo '--upload-pack=touch /tmp/x' starts with '-', which git would read as an option "
            f"({DEPLOY_REPO})",
        ),
    ),
    Row(
        "deploy-branch-git-refuses",
        {"site.toml": site_toml('[[deploy]]\nrepo = "a.git"\n\n[[deploy]]\nrepo = "b.git"\nbranch = "gh pages"\n')},
        (
            "site.toml:11: deploy.branch 'gh pages' is not a branch name git accepts "
            '(a git branch name, e.g. branch = "gh-pages")',
        ),
    ),
)
ROWS = ROWS + PROBE_ROWS + DEPLOY_ROWS

# The second probe (issue 24). Each row is a class of input that hung, printed a traceback or
# published something silently before.
TEMPLATE_RENDERS = "a template that renders"
RECURSION = (
    "template error: recursion too deep (a template that includes or extends itself, or a macro that calls itself)"
)


def post_template(body: str) -> str:
    """templates/post.html extending the base, with `body` on line 3."""
    return f'{{% extends "base.html" %}}\n{{% block content %}}\n{body}\n{{% endblock %}}\n'


SECOND_PROBE_ROWS: tuple[Row, ...] = (
    # 1. a named pipe made just now: the no-change record hashes such "racy" files, and used to wait
    Row(
        "fresh-named-pipe-in-content-with-cache",
        {f"{P}/pipe.md": Fifo()},
        (f"{P}/pipe.md: cannot read file: not a regular file (a readable file)",),
        cache=True,
    ),
    Row(
        "fresh-named-pipe-in-static-with-cache",
        {"static/pipe.css": Fifo()},
        ("static/pipe.css: cannot read a named pipe (a regular file)",),
        cache=True,
    ),
    Row(
        "fresh-named-pipe-in-templates-with-cache",
        {"templates/extra.html": Fifo()},
        ("templates/extra.html: cannot read a named pipe (a regular file)",),
        cache=True,
    ),
    Row(
        "fresh-named-pipe-in-an-asset-folder-with-cache",
        {f"{P}/hello/data.csv": Fifo()},
        (f"{P}/hello/data.csv: cannot read a named pipe (a regular file)",),
        cache=True,
    ),
    Row(
        "site-toml-is-a-named-pipe",
        {"site.toml": Fifo()},
        ("site.toml: cannot read file: not a regular file (a named pipe) (a readable file)",),
        cache=True,
    ),
    # 4. whatever a template raises while loading or rendering
    Row(
        "template-divides-by-zero",
        {"templates/post.html": post_template("{{ 1 / 0 }}")},
        (f"templates/post.html:3: template error: ZeroDivisionError: division by zero ({TEMPLATE_RENDERS})",),
    ),
    Row(
        "template-includes-itself",
        {"templates/post.html": post_template('{% include "post.html" %}')},
        (re.compile(rf"templates/post\.html:\d+: {re.escape(RECURSION)} \({TEMPLATE_RENDERS}\)"),),
    ),
    Row(
        "template-macro-calls-itself",
        {"templates/tags.html": "{% macro f(n) %}{{ f(n) }}{% endmacro %}\n{{ f(1) }}\n"},
        (f"templates/tags.html:1: {RECURSION} ({TEMPLATE_RENDERS})",),
    ),
    Row(
        "template-not-utf8",
        {"templates/post.html": post_template("caf\u00e9 {{ post.title }}").encode("latin-1")},
        ("templates/post.html:3: template is not valid UTF-8 (byte 0xe9 at offset 49) (a UTF-8 text file)",),
    ),
    Row(
        "template-raises-a-type-error",
        {"templates/post.html": post_template("{{ post.title + 1 }}")},
        (re.compile(rf"templates/post\.html:3: template error: TypeError: .+ \({TEMPLATE_RENDERS}\)"),),
    ),
)


def notebook(*outputs: dict[str, Any]) -> str:
    """A pretty-printed notebook with front matter in its metadata and one code cell with these outputs."""
    cell = {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": ["plot()"], "outputs": list(outputs)}
    blog = {"title": "笔记", "date": "2025-01-01", "tags": ["a"]}
    return json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {"blog": blog}, "cells": [cell]}, indent=1, ensure_ascii=False
    )


def display(mime: str, value: str) -> dict[str, Any]:
    return {"output_type": "display_data", "metadata": {}, "data": {mime: value, "text/plain": "<Figure>"}}


SVG_WITH_SCRIPT = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" '
    'width="10" height="10"><script>alert(2)</script><a xlink:href="javascript:alert(3)">'
    '<rect width="5" height="5"/></a></svg>'
)
SVG_EXPECTED = "an SVG image without scripts, event handlers or javascript: links"
SECOND_PROBE_ROWS += (
    # 2. an SVG output is published as a file on the blog's origin: its scripts are removed
    Row(
        "notebook-svg-output-with-script",
        {f"{P}/n.ipynb": notebook(display("image/svg+xml", SVG_WITH_SCRIPT))},
        (
            f"{P}/n.ipynb:19: SVG output cell1-1.svg: removed onload=, <script>, href to javascript:alert(3) "
            f"({SVG_EXPECTED})",
        ),
        exit_code=0,
        published=("posts/n/cell1-1.svg", "posts/n/index.html"),
    ),
    Row(
        "notebook-svg-output-with-entities",
        {f"{P}/n.ipynb": notebook(display("image/svg+xml", '<!DOCTYPE s [<!ENTITY a "b">]><svg>&a;</svg>'))},
        (f"{P}/n.ipynb:19: SVG output cell1-1.svg left out: it declares XML entities (an SVG image)",),
        exit_code=0,
        published=("posts/n/index.html",),
    ),
    Row(
        "notebook-svg-output-not-svg",
        {f"{P}/n.ipynb": notebook(display("image/svg+xml", "<html><script>alert(1)</script></html>"))},
        (f"{P}/n.ipynb:19: SVG output cell1-1.svg left out: its root element is <html>, not <svg> (an SVG image)",),
        exit_code=0,
        published=("posts/n/index.html",),
    ),
    Row(  # a Quarto post's cells are shown as code; what Quarto computed from them is not there
        "quarto-post-with-code-cells",
        {f"{P}/q.qmd": post("title: 笔记\ndate: 2025-01-01\ntags: [a]\n", "正文。\n\n```{python}\nprint(1)\n```\n")},
        (
            f"{P}/q.qmd:8: 1 Quarto code cell shown as code without its output (Quarto computed them when it "
            "rendered the site; blog runs no code) (outputs pasted into the post as text or images, or the post "
            "as a notebook with its outputs saved: quarto convert post.qmd, run it in Jupyter, save it into "
            "content/posts/)",
        ),
        exit_code=0,
        published=("posts/q/index.html",),
    ),
    Row(  # Jekyll and Hexo publish an HTML file with front matter as a post; blog does not
        "html-post-with-front-matter",
        {f"{P}/ok.md": with_key("x", "1"), f"{P}/_posts/2019-01-01-h.html": "---\ntitle: H\n---\n<p>x</p>\n"},
        (
            f"{P}/_posts/2019-01-01-h.html: 1 post file in a format blog does not read, not published: this one "
            "(.html ×1) (Markdown posts: convert them, an HTML post with pandoc -f html -t gfm (its front matter "
            "kept), or move them out of content/posts)",
        ),
        exit_code=0,
        published=("posts/ok/index.html",),
    ),
    Row(  # IPython's IFrame of a page other than a video player: not framed on the blog
        "notebook-iframe-output",
        {f"{P}/n.ipynb": notebook(display("text/html", '<iframe src="https://example.org/x.html"></iframe>'))},
        (
            f"{P}/n.ipynb:19: a text/html output framing another page left out of the page (outputs a static page can show)",
        ),
        exit_code=0,
        published=("posts/n/index.html",),
    ),
    # 5. JSON nested deeper than any notebook: the JSON reader and nbformat's schema recurse
    Row(
        "notebook-nested-100000-deep",
        {f"{P}/n.ipynb": "[" * 100_000 + "]" * 100_000},
        (f"{P}/n.ipynb: not a notebook (JSON nested too deeply)",),
    ),
    Row(
        "notebook-metadata-nested-900-deep",
        {f"{P}/n.ipynb": notebook().replace('"blog": {', '"x": ' + "[" * 900 + "]" * 900 + ', "blog": {')},
        (f"{P}/n.ipynb: not a notebook (JSON nested too deeply)",),
    ),
)


def open_html_row(name: str, raw: str, *messages: str) -> Row:
    """A post whose raw HTML on line 8 leaves something open: a warning each, the post published."""
    return Row(
        name,
        {f"{P}/open.md": post(FRONT, f"第一段。\n\n{raw}\n\n## 后来\n\n最后一段。\n")},
        tuple(f"{P}/open.md:8: raw HTML {m}" for m in messages),
        exit_code=0,
        published=("posts/open/index.html",),
    )


CLOSED_AT_END = "is never closed; closed at the end of the post"
# 6. raw HTML left open used to hide the rest of the post, its navigation and the footer
SECOND_PROBE_ROWS += (
    open_html_row(
        "raw-html-comment-unclosed", "<!-- 草稿", f"comment '<!--' {CLOSED_AT_END} ('-->' to end the comment)"
    ),
    *(
        open_html_row(
            f"raw-html-{tag}-unclosed", f"<{tag}>内容", f"element <{tag}> {CLOSED_AT_END} (</{tag}> to close it)"
        )
        for tag in ("script", "style", "textarea", "title", "xmp", "iframe", "noscript")
    ),
    open_html_row(
        "raw-html-tag-without-closing-bracket",
        '<div class="note',
        "tag <div without '>' would hide the rest of the page; closed there ('>' at the end of the tag)",
    ),
    open_html_row(
        "raw-html-plaintext",
        "<plaintext>",
        "element <plaintext> would hide the rest of the page; shown as text (<pre> for text shown as it is)",
    ),
    open_html_row(
        "raw-html-stray-end-tags",
        "</div></article></main>",
        *(
            f"end tag </{tag}> that closes no element of the post is left out, so the page around the post stays "
            "whole (an end tag only for an element the post opened)"
            for tag in ("div", "article", "main")
        ),
    ),
    open_html_row(
        "raw-html-elements-unclosed",
        "<details><summary>更多</summary><div><b>粗",
        *(f"element <{tag}> {CLOSED_AT_END} (</{tag}> to close it)" for tag in ("details", "div", "b")),
    ),
)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int) -> bytes:
    """A well-formed PNG whose header claims width×height (the pixel data is one short row)."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", zlib.compress(b"\0" * 4)) + png_chunk(b"IEND", b"")


def real_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "PNG")
    return buffer.getvalue()


BROKEN_IMAGE = "an image browsers can show (save or export it again)"
IMG = "static/img"
# 9. images browsers cannot show, and headers that would make resizing decode gigabytes
SECOND_PROBE_ROWS += (
    Row(
        "images-that-cannot-be-shown",
        {
            f"{IMG}/empty.png": b"",
            f"{IMG}/cut.png": real_png()[:-30],
            f"{IMG}/text.png": "这不是图片\n",
            f"{IMG}/page.jpg": "<!DOCTYPE html><html><body>404</body></html>\n",
            f"{IMG}/bomb.png": png(40000, 40000),
            f"{IMG}/huge.png": png(65536, 32768),
        },
        (
            f"{IMG}/empty.png: file is empty ({BROKEN_IMAGE})",
            f"{IMG}/cut.png: file is truncated (no PNG end chunk) ({BROKEN_IMAGE})",
            f"{IMG}/text.png: file is not a PNG image (it is text) ({BROKEN_IMAGE})",
            f"{IMG}/page.jpg: file is not a JPEG image (it starts like HTML or XML) ({BROKEN_IMAGE})",
            f"{IMG}/bomb.png: header claims 40000×40000 pixels, more than 89 million ({BROKEN_IMAGE})",
            f"{IMG}/huge.png: header claims 65536×32768 pixels, more than 89 million ({BROKEN_IMAGE})",
        ),
        exit_code=0,
        published=("img/empty.png", "img/bomb.png"),
    ),
    Row(
        "post-shows-a-broken-image",
        {f"{IMG}/cut.png": real_png()[:-30], f"{P}/img.md": post(FRONT, "![图](/img/cut.png)\n")},
        (
            f"{IMG}/cut.png: file is truncated (no PNG end chunk) ({BROKEN_IMAGE})",
            f"{P}/img.md:6: image '/img/cut.png' cannot be shown: file is truncated (no PNG end chunk) ({BROKEN_IMAGE})",
        ),
        exit_code=0,
        published=("posts/img/index.html",),
    ),
    Row(
        "post-shows-a-decompression-bomb",
        {f"{P}/hello/bomb.png": png(40000, 40000), f"{P}/bomb.md": post(FRONT, "![炸弹](../hello/bomb.png)\n")},
        (
            f"{P}/hello/bomb.png: header claims 40000×40000 pixels, more than 89 million ({BROKEN_IMAGE})",
            f"{P}/bomb.md:6: image '../hello/bomb.png' cannot be shown: header claims 40000×40000 pixels, "
            f"more than 89 million ({BROKEN_IMAGE})",
        ),
        exit_code=0,
        published=("posts/bomb/index.html",),
    ),
    Row(
        "notebook-png-output-that-is-text",
        {f"{P}/n.ipynb": notebook(display("image/png", base64.b64encode("只是文字".encode()).decode()))},
        (
            f"{P}/n.ipynb:19: image/png output cell1-1.png left out: file is not a PNG image (it is text) "
            "(an image browsers can show)",
        ),
        exit_code=0,
        published=("posts/n/index.html",),
    ),
    Row(
        "notebook-png-output-claiming-2-to-the-31-pixels",
        {f"{P}/n.ipynb": notebook(display("image/png", base64.b64encode(png(65536, 32768)).decode()))},
        (
            f"{P}/n.ipynb:19: image/png output cell1-1.png left out: header claims 65536×32768 pixels, more than "
            "89 million (an image browsers can show)",
        ),
        exit_code=0,
        published=("posts/n/index.html",),
    ),
)


def real_image(kind: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, kind)
    return buffer.getvalue()


def renamed(extension: str) -> str:
    return f"the extension of its format: rename it to {extension}, as other tools go by the name"


SHOWN = "browsers show it by its content"
# 9b. images whose bytes are another format than their extension: browsers show them; rename them
SECOND_PROBE_ROWS += (
    Row(
        "images-named-for-another-format",
        {
            f"{IMG}/photo.png": real_image("JPEG"),
            f"{IMG}/plot.jpg": real_image("PNG"),
            f"{IMG}/shot.png": real_image("BMP"),
            f"{P}/img.md": post(FRONT, "![照片](/img/photo.png)\n"),
        },
        (
            f"{IMG}/photo.png: file is a JPEG image, not PNG as its extension says; {SHOWN} ({renamed('.jpg')})",
            f"{IMG}/plot.jpg: file is a PNG image, not JPEG as its extension says; {SHOWN} ({renamed('.png')})",
            f"{IMG}/shot.png: file is a BMP image, not PNG as its extension says; {SHOWN} ({renamed('.bmp')})",
            f"{P}/img.md:6: image '/img/photo.png': file is a JPEG image, not PNG as its extension says; {SHOWN} "
            f"({renamed('.jpg')})",
        ),
        exit_code=0,
        published=("posts/img/index.html", "img/photo.png"),
    ),
)
NOT_FOUND = "a file in static/ or in the post's own folder; the image is shown as a broken link"
# 10. a local image that is not there, whatever its extension, wherever it points
SECOND_PROBE_ROWS += (
    Row(
        "missing-images-without-image-extensions",
        {
            f"{P}/img.md": post(
                "title: 图\ndate: 2025-01-01\ntags: [a]\nmedia_subpath: ../../../../etc\n",
                "![x](/etc/passwd)\n\n{% asset_img ../../x 图 %}\n\n![y](hosts)\n\n![z](/data.bin)\n",
            )
        },
        (
            f"{P}/img.md:7: image '/etc/passwd' not found ({NOT_FOUND})",
            f"{P}/img.md:9: image '../../../../etc/../../x' not found ({NOT_FOUND})",
            f"{P}/img.md:11: image '../../../../etc/hosts' not found ({NOT_FOUND})",
            f"{P}/img.md:13: image '/data.bin' not found ({NOT_FOUND})",
        ),
        exit_code=0,
        published=("posts/img/index.html",),
    ),
)
# 11. a key written twice: YAML kept the last silently, TOML refused; now both refuse
SECOND_PROBE_ROWS += (
    Row(
        "yaml-duplicate-key",
        {f"{P}/dup.md": post("title: 第一个\ndate: 2025-01-01\ntags: [a]\ntitle: 第二个\n")},
        (
            f"{P}/dup.md:5: key 'title' is written twice, on lines 2 and 5; YAML would keep only the last (each key once)",
        ),
    ),
    Row(
        "yaml-duplicate-nested-key",
        {f"{P}/dup.md": post("title: 嵌套\ndate: 2025-01-01\ntags: [a]\nseries:\n  name: 一\n  name: 二\n")},
        (
            f"{P}/dup.md:7: key 'name' is written twice, on lines 6 and 7; YAML would keep only the last (each key once)",
        ),
    ),
    Row(
        "toml-duplicate-key",
        {f"{P}/dup.md": post("title = '一'\ndate = 2025-01-01\ntags = ['a']\ntitle = '二'\n", fence="+++")},
        (re.compile(rf"{P}/dup\.md:5: invalid TOML front matter: .+ \(valid TOML between '\+\+\+' lines\)"),),
    ),
    # found by this probe: libyaml's parser crashed the whole build (segmentation fault) past ~10,000
    # levels, and tomllib raised RecursionError past ~300
    Row(
        "yaml-nested-100000-deep",
        {f"{P}/deep.md": post("title: " + "[" * 100_000 + "]" * 100_000 + "\ndate: 2025-01-01\n")},
        (f"{P}/deep.md: front matter nests 100000 levels deep (front matter nested at most 100 levels)",),
    ),
    Row(
        "yaml-compact-lists-5000-deep",
        {f"{P}/deep.md": post("title: 深\ndate: 2025-01-01\ntags:\n" + "- " * 5000 + "a\n")},
        (f"{P}/deep.md: front matter nests 5000 levels deep (front matter nested at most 100 levels)",),
    ),
    Row(
        "toml-front-matter-nested-1000-deep",
        {f"{P}/deep.md": post("title = '深'\nx = " + "[" * 1000 + "]" * 1000 + "\n", fence="+++")},
        (f"{P}/deep.md: front matter nests 1000 levels deep (front matter nested at most 100 levels)",),
    ),
    Row(
        "site-toml-nested-1000-deep",
        {
            "site.toml": site_toml("[params]\nx = " + "[" * 1000 + "]" * 1000 + "\n").replace(
                "[params]\nfooter", "[p]\nfooter"
            )
        },
        ("site.toml: TOML nested too deeply (valid TOML, nested a few levels)",),
    ),
)
# What this probe found beyond the list (besides the nesting rows above)
SECOND_PROBE_ROWS += (
    Row(
        "date-offset-of-25-hours",
        {f"{P}/d.md": post("title: 时区\ndate: 2025-01-01T00:00:00+25:00\ntags: [a]\n")},
        (f"{P}/d.md:3: date '+25:00' is not a time zone offset ({DATES})",),
    ),
    Row(
        "link-data-url",
        {f"{P}/s.md": with_key("link", "'data:text/html,<script>alert(1)</script>'")},
        (f"{P}/s.md:5: 'link' is a data: URL, which is never published (an http(s) or site URL)",),
    ),
    Row(
        "notebook-cells-that-are-not-objects",
        {f"{P}/n.ipynb": notebook().replace('"cells": [', '"cells": ["cell", null, ')},
        (f"{P}/n.ipynb: notebook is malformed: cell 1 is not an object (a notebook saved by Jupyter)",),
    ),
)
# Citations (content/bibliography.py): a .bib that cannot be read, what BibTeX reads past, a file that is not
# there, a key no file has
CITATION_ROWS: tuple[Row, ...] = (
    Row(
        "bib-unclosed-entry",
        {"references.bib": "@article{a,\n  title = {x},\n}\n@article{b,\n  title = {y,\n}\n"},
        (
            re.compile(
                r"references\.bib:\d+: cannot read the bibliography: .+ \(BibTeX entries such as @article\{key, title = \{…\}\}\)"
            ),
        ),
    ),
    Row(  # BibTeX's rules: the first entry of a key, the first value of a field; the build goes on
        "bib-repeated-key",
        {
            "references.bib": "@article{a, title={x}}\n\n@article{a, title={y}}\n",
            f"{P}/c.md": post("title: 引用\ndate: 2025-01-01\ntags: [a]\n", "正文 [@a]。\n"),
        },
        (
            "references.bib:3: repeated bibliography entry 'a': the first, at line 1, is kept and this one "
            "skipped (one entry per key)",
        ),
        exit_code=0,
        published=("posts/c/index.html",),
    ),
    Row(
        "bib-repeated-field",
        {"references.bib": "@misc{a,\n  note = {x},\n  note = {y},\n}\n"},
        (
            "references.bib:3: entry 'a' has the 'note' field twice: the first value is kept and this one "
            "skipped (one value per field)",
        ),
        exit_code=0,
        published=("index.html",),
    ),
    Row(
        "bib-name-list-with-too-many-commas",
        {"references.bib": "@misc{a,\n  title = {x},\n  author = {Doe, Jane, Roe, Rick},\n}\n"},
        (
            "references.bib:3: the author list of 'a' cannot be split into names (Too many commas in "
            "'Doe, Jane, Roe, Rick'): shown as written (names joined by 'and': Family, Given and Family, Given)",
        ),
        exit_code=0,
        published=("index.html",),
    ),
    Row(
        "bib-named-in-front-matter-missing",
        {f"{P}/c.md": with_key("bibliography", "nowhere.bib")},
        (
            f"{P}/c.md:5: bibliography file 'nowhere.bib' not found (looked for {P}/nowhere.bib, nowhere.bib, "
            "static/assets/bibliography/nowhere.bib) (a path relative to the post's folder or the site root, "
            "or al-folio's assets/bibliography/ copied to static/assets/bibliography/)",
        ),
    ),
    Row(
        "distill-cite-in-an-html-block",
        {
            f"{P}/c.md": post(
                "title: d\ndate: 2025-01-01\ntags: [a]\n",
                '<div class="caption">\nx <d-cite key="a"></d-cite>\n</div>\n',
            )
        },
        (
            f"{P}/c.md:7: distill element <d-cite> is left as written: it stands in an HTML block (no Markdown "
            "is read there) or its content could not be read (1 place; a blank line after the HTML tag that opens "
            "the block, or a citation [@key])",
        ),
        exit_code=0,
        published=("posts/c/index.html",),
    ),
    Row(
        "distill-footnote-unclosed",
        {f"{P}/c.md": post("title: d\ndate: 2025-01-01\ntags: [a]\n", "x<d-footnote>never closed\n")},
        (
            f"{P}/c.md:6: distill element <d-footnote> has no </d-footnote> and was left as written (1 place; add </d-footnote>)",
        ),
        exit_code=0,
        published=("posts/c/index.html",),
    ),
    Row(
        "bib-front-matter-not-a-path",
        {f"{P}/c.md": with_key("bibliography", "{a: 1}")},
        (f"{P}/c.md:5: 'bibliography' must be a path or a list of paths (bibliography: refs.bib)",),
    ),
    Row(
        "citation-style-unknown",
        {f"{P}/c.md": with_key("citations", "apa")},
        (f'{P}/c.md:5: citations \'apa\' is not known ("numeric" or "author-year")',),
    ),
    Row(
        "citation-key-missing",
        {
            "references.bib": "@article{a, title={x}, year={2020}}\n",
            f"{P}/c.md": post("title: 引用\ndate: 2025-01-01\ntags: [a]\n", "正文 [@nokey]。\n"),
        },
        (
            f"{P}/c.md:6: citation key 'nokey' is not in any bibliography this post sees "
            "(a key of references.bib or of the post's `bibliography:` files)",
        ),
        exit_code=0,
        published=("posts/c/index.html",),
    ),
)
ROWS = ROWS + SECOND_PROBE_ROWS + CITATION_ROWS

NAMES = [row.name for row in ROWS]
assert len(set(NAMES)) == len(NAMES), "row names must be unique"
