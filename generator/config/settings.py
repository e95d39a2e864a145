"""Reading site.toml into a frozen, validated `SiteConfig`.

Options are declared once in `OPTIONS` (name, type, default, help) so that validation,
"did you mean" hints and the table of keys in docs/configuration.md all come from the same place.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.config.comments import check_comments, table_lines
from generator.config.deploy import DeployTarget, check_deploy
from generator.config.services import check_analytics, check_footer
from generator.config.strings import ZH_CN, ui_strings
from generator.dialects.engine import SITE_DIALECTS
from generator.dialects.permalinks import POST_FIELDS, translate_pattern
from generator.errors import BuildError, Diagnostic, error, shown_path, toml_problem, warning
from generator.files import read_regular
from generator.urls.checks import (
    BASE_URL_EXPECTED,
    PERMALINK_EXPECTED,
    base_url_problem,
    normal_base_url,
    permalink_problem,
)


@dataclass(frozen=True, slots=True)
class Option:
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
_POST_FIELDS = POST_FIELDS


@dataclass(frozen=True, slots=True)
class SiteConfig:
    root: Path
    title: str = "我的博客"
    description: str = ""
    author: str = ""
    base_url: str = "http://localhost:8000/"
    language: str = "zh-CN"
    timezone: str = "Asia/Shanghai"
    per_page: int = 12
    excerpt_length: int = 350
    excerpt_ellipsis: str = "..."
    excerpt_code_placeholder: str = ""  # "": the language's ([代码], [code])
    excerpt_math_placeholder: str = ""  # "": the language's ([公式], [formula])
    excerpt_table_placeholder: str = ""  # "": the language's ([表格], [table])
    highlight_style: str = "xcode"  # meets WCAG AA contrast on the light background (friendly does not)
    highlight_style_dark: str = "monokai"
    line_numbers: bool = False
    citations: str = "numeric"
    feed_limit: int = 20
    feed_content: str = "full"
    search: bool = True
    slug_style: str = "unicode"
    categories_as_tags: bool = True
    dialect: str = "auto"
    related_posts: int = 5
    comments: dict[str, Any] = field(default_factory=dict)  # empty: no comments (see comments.py)
    footer: dict[str, str] = field(default_factory=dict)  # [footer] icp, police (see services.py)
    analytics: dict[str, Any] = field(default_factory=dict)  # empty: nothing counts visits
    permalinks: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PERMALINKS))
    paths: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PATHS))
    params: dict[str, Any] = field(default_factory=dict)
    math: dict[str, Any] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)  # [strings]: overrides of the language's table
    deploy: tuple[DeployTarget, ...] = ()
    source: Path | None = None

    @property
    def ui(self) -> Mapping[str, str]:
        """The interface's words in the site's language, with [strings] applied."""
        return ui_strings(self.language, self.strings)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def source_name(self) -> str:
        """How messages name the config file: relative to the site folder when inside it."""
        return shown_path(self.source, self.root) if self.source else "site.toml"

    def dir(self, name: str) -> Path:
        return (self.root / self.paths[name]).resolve()


def _line_of(text: str, key: str) -> int | None:
    """Where a key is written, so a wrong value can be pointed at."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _type_ok(value: Any, kind: type | tuple[type, ...]) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _suggest(key: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def _check_table(
    name: str,
    table: dict[str, Any],
    defaults: dict[str, str],
    path: str,
    text: str,
    diagnostics: list[Diagnostic],
) -> dict[str, str]:
    merged = dict(defaults)
    for key, value in table.items():
        line = _line_of(text, key)
        if key not in defaults:
            hint = _suggest(key, list(defaults))
            known = ", ".join(defaults)
            diagnostics.append(warning(path, line, f"unknown key '{name}.{key}' is ignored", hint or f"one of {known}"))
            continue
        if not isinstance(value, str) or not value.strip():
            diagnostics.append(error(path, line, f"'{name}.{key}' must be a string", "a non-empty string"))
            continue
        merged[key] = value
    return merged


def _check_math(table: dict[str, Any], path: str, text: str, diagnostics: list[Diagnostic]) -> dict[str, Any]:
    """[math]: `macros`, each a TeX string or MathJax's ["body", arity] pair; `code_spans`."""
    known = ["macros", "code_spans"]
    for key in table:
        if key not in known:
            diagnostics.append(
                warning(
                    path,
                    _line_of(text, key),
                    f"unknown key 'math.{key}' is ignored",
                    _suggest(key, known) or "macros or code_spans",
                )
            )
    macros = table.get("macros", {})
    if not isinstance(macros, dict):
        diagnostics.append(
            error(path, _line_of(text, "macros"), "'math.macros' must be a table", '[math.macros] E = "..."')
        )
        return {"macros": {}}
    code_spans = table.get("code_spans", False)
    if not isinstance(code_spans, bool):
        diagnostics.append(
            error(path, _line_of(text, "code_spans"), "'math.code_spans' must be true or false", "true or false")
        )
        code_spans = False
    good: dict[str, str] = {}
    for name, value in macros.items():
        body = value[0] if isinstance(value, list) and value and isinstance(value[0], str) else value
        if not re.fullmatch(r"\\?[A-Za-z]+", name) or not isinstance(body, str) or not body.strip():
            diagnostics.append(
                error(
                    path,
                    _line_of(text, name),
                    f"math macro '{name}' is not usable",
                    'a name of letters and a TeX string, e.g. E = "\\\\mathop{\\\\mathbb{E}}"',
                )
            )
            continue
        good[name.lstrip("\\")] = body
    return {"macros": good, "code_spans": code_spans}


def _check_strings(table: dict[str, Any], path: str, text: str, diagnostics: list[Diagnostic]) -> dict[str, str]:
    """[strings]: known keys only, each a string keeping the placeholders of the one it replaces."""
    good: dict[str, str] = {}
    for key, value in table.items():
        line = _line_of(text, key)
        if key not in ZH_CN:
            hint = _suggest(key, list(ZH_CN))
            diagnostics.append(
                warning(
                    path, line, f"unknown key 'strings.{key}' is ignored", hint or "a key from docs/configuration.md"
                )
            )
            continue
        if not isinstance(value, str):
            diagnostics.append(error(path, line, f"'strings.{key}' must be a string", "a string"))
            continue
        wanted = set(re.findall(r"\{(\w*)\}", ZH_CN[key]))
        written = set(re.findall(r"\{(\w*)\}", value))
        if written - wanted or "{}" in value or _unbalanced(value):
            allowed = " ".join("{" + name + "}" for name in sorted(wanted)) or "no {placeholders}"
            diagnostics.append(
                error(path, line, f"'strings.{key}' uses placeholders the theme does not fill", f"only {allowed}")
            )
            continue
        good[key] = value
    return good


def _unbalanced(value: str) -> bool:
    try:
        value.format_map(_Anything())
    except (ValueError, IndexError):
        return True
    return False


class _Anything(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _check_permalinks(permalinks: dict[str, str], path: str, text: str, diagnostics: list[Diagnostic]) -> None:
    allowed = {"post": _POST_FIELDS, "tag": {"slug"}, "series": {"slug"}, "page": {"n"}}
    for kind, pattern in permalinks.items():
        names = set(re.findall(r"\{(\w+)\}", pattern))
        required = {"post": "slug", "tag": "slug", "series": "slug", "page": "n"}[kind]
        bad = names - allowed[kind] | set(re.findall(r"(?:^|/)(:[a-z_]+)", pattern))  # an old generator's unknown field
        if kind == "post" and names & {"path", "file"}:
            required = next(iter(sorted(names & {"path", "file"})))  # both end in the post's own name
        problem = permalink_problem(pattern)
        if problem:
            diagnostics.append(
                error(
                    path,
                    _line_of(text, kind),
                    f"permalink pattern '{pattern}' for {kind} {problem}",
                    PERMALINK_EXPECTED,
                )
            )
        elif bad or required not in names or not pattern.startswith("/"):
            fields_ = " ".join("{" + n + "}" for n in sorted(allowed[kind]))
            diagnostics.append(
                error(
                    path,
                    _line_of(text, kind),
                    f"permalink pattern '{pattern}' for {kind} is not usable",
                    f"a path starting with / that contains {{{required}}}, using only {fields_}",
                )
            )


def parse_config(text: str, root: Path, source: Path | None = None) -> tuple[SiteConfig, list[Diagnostic]]:
    """Validate the text of a site.toml; return the config and its warnings or raise BuildError."""
    path = shown_path(source, root) if source else "site.toml"
    diagnostics: list[Diagnostic] = []
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_problem(str(exc), text)
        raise BuildError([error(path, line, f"TOML syntax error: {reason}", "valid TOML")]) from None
    except RecursionError:  # tomllib recurses once per level of [[[…]]] or {a = {…}}
        raise BuildError([error(path, None, "TOML nested too deeply", "valid TOML, nested a few levels")]) from None

    values: dict[str, Any] = {}
    by_key = {o.key: o for o in OPTIONS}
    for key, value in raw.items():
        option = by_key.get(key)
        if option is None:
            hint = _suggest(key, list(by_key))
            diagnostics.append(
                warning(
                    path,
                    _line_of(text, key),
                    f"unknown key '{key}' is ignored",
                    hint or "see docs/configuration.md for known keys",
                )
            )
            continue
        if not _type_ok(value, option.kind):
            diagnostics.append(
                error(
                    path,
                    _line_of(text, key),
                    f"'{key}' has the wrong type ({type(value).__name__})",
                    f"expected {option.expected}",
                )
            )
            continue
        values[key] = value

    for key in ("per_page", "excerpt_length", "feed_limit"):
        if key in values and values[key] < 1:
            diagnostics.append(
                error(path, _line_of(text, key), f"'{key}' must be at least 1, not {values[key]}", "a positive integer")
            )
    if values.get("slug_style", "unicode") not in ("unicode", "pinyin", "ascii"):
        diagnostics.append(
            error(
                path,
                _line_of(text, "slug_style"),
                f"slug_style '{values['slug_style']}' is not known",
                by_key["slug_style"].expected,
            )
        )
    if values.get("dialect", "auto") not in SITE_DIALECTS:
        diagnostics.append(
            error(
                path,
                _line_of(text, "dialect"),
                f"dialect '{values['dialect']}' is not known",
                by_key["dialect"].expected,
            )
        )
    if values.get("citations", "numeric") not in ("numeric", "author-year"):
        diagnostics.append(
            error(
                path,
                _line_of(text, "citations"),
                f"citations '{values['citations']}' is not known",
                by_key["citations"].expected,
            )
        )
    if values.get("feed_content", "full") not in ("full", "summary"):
        diagnostics.append(
            error(
                path,
                _line_of(text, "feed_content"),
                f"feed_content '{values['feed_content']}' is not known",
                by_key["feed_content"].expected,
            )
        )
    if "base_url" in values:
        problem = base_url_problem(values["base_url"])
        if problem:
            diagnostics.append(
                error(path, _line_of(text, "base_url"), f"base_url '{values['base_url']}' {problem}", BASE_URL_EXPECTED)
            )
        else:
            values["base_url"] = normal_base_url(values["base_url"])
    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            diagnostics.append(
                error(
                    path,
                    _line_of(text, "timezone"),
                    f"unknown time zone '{values['timezone']}'",
                    by_key["timezone"].expected,
                )
            )
    if "permalinks" in values:
        values["permalinks"] = _check_table(
            "permalinks", values["permalinks"], DEFAULT_PERMALINKS, path, text, diagnostics
        )
        values["permalinks"]["post"] = translate_pattern(values["permalinks"]["post"])  # Hexo/Jekyll spellings
        _check_permalinks(values["permalinks"], path, text, diagnostics)
    if values.get("related_posts", 0) < 0:
        line = _line_of(text, "related_posts")
        diagnostics.append(error(path, line, "'related_posts' must not be negative", "0 (none) or more"))
    if "comments" in values:
        values["comments"], found = check_comments(values["comments"], path, table_lines(text, "comments"))
        diagnostics.extend(found)
    if "footer" in values:
        values["footer"], found = check_footer(values["footer"], path, table_lines(text, "footer"))
        diagnostics.extend(found)
    if "analytics" in values:
        values["analytics"], found = check_analytics(values["analytics"], path, table_lines(text, "analytics"))
        diagnostics.extend(found)
    if "paths" in values:
        paths = _check_table("paths", values["paths"], DEFAULT_PATHS, path, text, diagnostics)
        # 'public\site' written on Windows means a folder in a folder on every system, never a
        # folder with a backslash in its name (which Windows could not even check out).
        values["paths"] = {key: value.replace("\\", "/") for key, value in paths.items()}
    if "math" in values:
        values["math"] = _check_math(values["math"], path, text, diagnostics)
    if "strings" in values:
        values["strings"] = _check_strings(values["strings"], path, text, diagnostics)
    if "deploy" in values:
        values["deploy"], found = check_deploy(values["deploy"], path, text)
        diagnostics.extend(found)

    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise BuildError(diagnostics)
    return SiteConfig(root=root, source=source, **values), diagnostics


def load_config(config_file: Path, root: Path | None = None) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read site.toml from disk; a missing file means "all defaults"."""
    root = (root or config_file.parent).resolve()
    if not config_file.exists():
        return SiteConfig(root=root), [
            warning(config_file, None, "no site.toml found, using defaults", "a site.toml beside content/")
        ]
    try:
        text = read_regular(config_file).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BuildError(
            [error(shown_path(config_file, root), None, f"file is not UTF-8 ({exc.reason})", "a UTF-8 text file")]
        ) from None
    except OSError as exc:
        raise BuildError(
            [error(shown_path(config_file, root), None, f"cannot read file: {exc.strerror}", "a readable file")]
        ) from None
    return parse_config(text, root, config_file)


def with_overrides(config: SiteConfig, **changes: Any) -> SiteConfig:
    """A copy with command-line overrides applied (e.g. --base-url)."""
    known = {f.name for f in fields(SiteConfig)}
    clean = {k: v for k, v in changes.items() if k in known and v is not None}
    if "base_url" in clean:
        problem = base_url_problem(clean["base_url"])
        if problem:
            raise BuildError([error("--base-url", None, f"'{clean['base_url']}' {problem}", BASE_URL_EXPECTED)])
        clean["base_url"] = normal_base_url(clean["base_url"])
    values = {f.name: getattr(config, f.name) for f in fields(SiteConfig)}
    values.update(clean)
    return SiteConfig(**values)
