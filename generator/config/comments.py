"""Comments, opt-in: giscus (GitHub Discussions), or Waline or Twikoo, which load in mainland China
where GitHub is slow or blocked (both talk to a server the blog owner runs).

Off unless site.toml has a `[comments]` table, so a site makes no request to another origin
until its owner asks for one. The table is checked here, once, so a missing id is a build
error naming the key rather than a widget that silently fails in the reader's browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator.errors import Diagnostic, error, warning
from generator.patterns import lazy_pattern

MAPPINGS = ("pathname", "url", "title", "og:title")
INPUT_POSITIONS = ("bottom", "top")
# Defaults for the optional keys; the theme follows the reader's light or dark setting.
DEFAULTS: dict[str, Any] = {
    "provider": "giscus",
    "mapping": "pathname",
    "strict": False,
    "reactions": True,
    "input_position": "bottom",
    "lang": "zh-CN",
    "theme": "preferred_color_scheme",
}
REQUIRED = ("repo", "repo_id", "category", "category_id")  # giscus
# What each provider needs besides `provider`; Waline and Twikoo need their server.
PROVIDERS: dict[str, tuple[str, ...]] = {"giscus": REQUIRED, "waline": ("server_url",), "twikoo": ("env_id",)}
# Where their browser code comes from unless client_url / style_url say otherwise (the projects'
# documented addresses; a blog read in China may prefer a copy on its own site or a mirror).
CLIENTS: dict[str, tuple[str, str]] = {
    "waline": (
        "https://unpkg.com/@waline/client@v3/dist/waline.js",
        "https://unpkg.com/@waline/client@v3/dist/waline.css",
    ),
    "twikoo": ("https://cdn.jsdelivr.net/npm/twikoo@1/dist/twikoo.all.min.js", ""),
}
OPTIONAL_TEXT = ("server_url", "env_id", "client_url", "style_url")
_REPO = lazy_pattern(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")
# Where giscus shows each of these: the ids come from https://giscus.app after choosing the repository.
_WHERE = {
    "repo": 'the repository as "owner/name", e.g. repo = "me/blog-comments"',
    "repo_id": 'the id giscus.app shows for the repository, e.g. repo_id = "R_kgDO..."',
    "category": 'the Discussions category name, e.g. category = "Announcements"',
    "category_id": 'the id giscus.app shows for the category, e.g. category_id = "DIC_kwDO..."',
    "server_url": 'the address of your Waline server, e.g. server_url = "https://comments.example.com"',
    "env_id": 'your Twikoo server\'s address or Tencent CloudBase environment id, e.g. env_id = "https://twikoo.example.com"',
    "client_url": 'where the widget\'s script is, e.g. client_url = "/js/waline.js" for a copy on your site',
    "style_url": 'where the widget\'s stylesheet is, e.g. style_url = "/css/waline.css"',
}
_ADDRESS = lazy_pattern(r"^(https?://[^\s/]+(/\S*)?|/\S*)$")


def table_lines(text: str, table: str) -> Callable[[str], int | None]:
    """Where a key of a TOML table is written (or the table's own line for its name)."""
    header = re.search(rf"^[ \t]*\[[ \t]*{re.escape(table)}[ \t]*\][ \t]*(?:#.*)?$", text, re.MULTILINE)
    start = header.start() if header else 0
    following = re.compile(r"^[ \t]*\[", re.MULTILINE).search(text, header.end()) if header else None
    end = following.start() if following else len(text)

    def line_of(key: str) -> int | None:
        if key == table:
            return text.count("\n", 0, start) + 1 if header else None
        pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
        match = pattern.search(text, start, end)
        return text.count("\n", 0, match.start()) + 1 if match else None

    return line_of


def check_comments(
    table: dict[str, Any], path: str, line_of: Callable[[str], int | None]
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The validated `[comments]` table with defaults filled in; every problem names its key."""
    found: list[Diagnostic] = []
    where = line_of("comments")
    known = (*REQUIRED, *DEFAULTS, *OPTIONAL_TEXT)
    result: dict[str, Any] = dict(DEFAULTS)
    for key, value in table.items():
        line = line_of(key) or where
        if key not in known:
            found.append(warning(path, line, f"unknown key 'comments.{key}' is ignored", "one of " + ", ".join(known)))
            continue
        kind = bool if isinstance(DEFAULTS.get(key), bool) else str
        if not isinstance(value, kind) or (kind is str and not value.strip()):
            expected = "true or false" if kind is bool else _WHERE.get(key, "a non-empty string")
            found.append(
                error(path, line, f"'comments.{key}' must be {'true or false' if kind is bool else 'text'}", expected)
            )
            continue
        result[key] = value.strip() if isinstance(value, str) else value
    provider = result["provider"]
    for key in PROVIDERS.get(provider, ()):
        if key not in table:
            found.append(error(path, where, f"[comments] has no '{key}' (needed by {provider})", _WHERE[key]))
    if provider in CLIENTS:
        script, style = CLIENTS[provider]
        result.setdefault("client_url", script)
        result.setdefault("style_url", style)
        for key in ("server_url", "client_url", "style_url"):
            value = result.get(key)
            if isinstance(value, str) and value and not _ADDRESS.match(value):
                found.append(
                    error(path, line_of(key) or where, f"comments.{key} '{value}' is not an address", _WHERE[key])
                )
    checks = (
        ("provider", tuple(PROVIDERS), '"giscus", "waline" or "twikoo"'),
        ("mapping", MAPPINGS, " or ".join(f'"{m}"' for m in MAPPINGS)),
        ("input_position", INPUT_POSITIONS, '"bottom" or "top"'),
    )
    for key, allowed, expected in checks:
        if result[key] not in allowed:
            found.append(error(path, line_of(key) or where, f"comments.{key} '{result[key]}' is not known", expected))
    if isinstance(result.get("repo"), str) and not _REPO.match(result["repo"]):
        found.append(
            error(path, line_of("repo") or where, f"comments.repo '{result['repo']}' is not owner/name", _WHERE["repo"])
        )
    return result, found


def comments_from_front_matter(
    data: dict[str, Any], line: Callable[[str], int | None], source: str
) -> tuple[bool, list[Diagnostic]]:
    """`comments: false` turns the widget off for one post (Hexo spells it the same way)."""
    value = data.get("comments", True)
    if not isinstance(value, bool):
        return True, [error(source, line("comments"), "comments must be true or false", "comments: false")]
    return value, []
