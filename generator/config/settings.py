"""Reading site.toml into a frozen, validated `SiteConfig`.

The keys are declared once in `options.OPTIONS`; here each key's value is checked beyond its
type by one reader (`_READERS`, in the order problems are reported), the tables by theirs
(`tables`, `comments`, `services`, `deploy`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.config.comments import check_comments, table_lines
from generator.config.deploy import DeployTarget, check_deploy
from generator.config.options import DEFAULT_PATHS, DEFAULT_PERMALINKS, OPTIONS
from generator.config.services import check_analytics, check_footer
from generator.config.strings import ui_strings
from generator.config.tables import check_math, check_permalinks, check_strings, check_table, line_of, suggest
from generator.dialects.engine import SITE_DIALECTS
from generator.dialects.permalinks import translate_pattern
from generator.errors import BuildError, Diagnostic, error, shown_path, toml_problem, warning
from generator.files import read_regular
from generator.urls.checks import BASE_URL_EXPECTED, base_url_problem, normal_base_url

_BY_KEY = {option.key: option for option in OPTIONS}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """site.toml read and checked: every other stage takes its settings from here, never from the file."""

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
    tag_feed_content: str = "summary"  # a tag's feed carries summaries, as Hugo's taxonomy feeds do
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


def _type_ok(value: Any, kind: type | tuple[type, ...]) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


@dataclass(slots=True)
class _Reading:
    """One site.toml being read: how messages name it, its text (where keys are written), and
    every problem found so far."""

    path: str
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, key: str, message: str, expected: str) -> None:
        self.diagnostics.append(error(self.path, line_of(self.text, key), message, expected))

    def found(self, checked: tuple[Any, list[Diagnostic]]) -> Any:
        """The value a table's own checker kept, its problems taken in."""
        value, problems = checked
        self.diagnostics.extend(problems)
        return value


def _parse_toml(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, reason = toml_problem(str(exc), text)
        raise BuildError([error(path, line, f"TOML syntax error: {reason}", "valid TOML")]) from None
    except RecursionError:  # tomllib recurses once per level of [[[…]]] or {a = {…}}
        raise BuildError([error(path, None, "TOML nested too deeply", "valid TOML, nested a few levels")]) from None


def _known_values(raw: dict[str, Any], reading: _Reading) -> dict[str, Any]:
    """The keys site.toml may hold, of the right type; the rest is reported and left out."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        option = _BY_KEY.get(key)
        if option is None:
            hint = suggest(key, list(_BY_KEY))
            reading.diagnostics.append(
                warning(
                    reading.path,
                    line_of(reading.text, key),
                    f"unknown key '{key}' is ignored",
                    hint or "see docs/configuration.md for known keys",
                )
            )
            continue
        if not _type_ok(value, option.kind):
            reading.error(key, f"'{key}' has the wrong type ({type(value).__name__})", f"expected {option.expected}")
            continue
        values[key] = value
    return values


def _positive(key: str, value: int, reading: _Reading) -> int:
    if value < 1:
        reading.error(key, f"'{key}' must be at least 1, not {value}", "a positive integer")
    return value


def _one_of(*known: str) -> Callable[[str, str, _Reading], str]:
    def read(key: str, value: str, reading: _Reading) -> str:
        if value not in known:
            reading.error(key, f"{key} '{value}' is not known", _BY_KEY[key].expected)
        return value

    return read


def _read_base_url(key: str, value: str, reading: _Reading) -> str:
    problem = base_url_problem(value)
    if problem:
        reading.error(key, f"base_url '{value}' {problem}", BASE_URL_EXPECTED)
        return value
    return normal_base_url(value)


def _read_timezone(key: str, value: str, reading: _Reading) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        reading.error(key, f"unknown time zone '{value}'", _BY_KEY[key].expected)
    return value


def _read_permalinks(key: str, value: dict[str, Any], reading: _Reading) -> dict[str, str]:
    permalinks = check_table(key, value, DEFAULT_PERMALINKS, reading.path, reading.text, reading.diagnostics)
    permalinks["post"] = translate_pattern(permalinks["post"])  # Hexo/Jekyll spellings
    check_permalinks(permalinks, reading.path, reading.text, reading.diagnostics)
    return permalinks


def _read_related_posts(key: str, value: int, reading: _Reading) -> int:
    if value < 0:
        reading.error(key, "'related_posts' must not be negative", "0 (none) or more")
    return value


def _read_comments(key: str, value: dict[str, Any], reading: _Reading) -> dict[str, Any]:
    return reading.found(check_comments(value, reading.path, table_lines(reading.text, key)))


def _read_footer(key: str, value: dict[str, Any], reading: _Reading) -> dict[str, str]:
    return reading.found(check_footer(value, reading.path, table_lines(reading.text, key)))


def _read_analytics(key: str, value: dict[str, Any], reading: _Reading) -> dict[str, Any]:
    return reading.found(check_analytics(value, reading.path, table_lines(reading.text, key)))


def _read_paths(key: str, value: dict[str, Any], reading: _Reading) -> dict[str, str]:
    paths = check_table(key, value, DEFAULT_PATHS, reading.path, reading.text, reading.diagnostics)
    # 'public\site' written on Windows means a folder in a folder on every system, never a
    # folder with a backslash in its name (which Windows could not even check out).
    return {name: folder.replace("\\", "/") for name, folder in paths.items()}


def _read_math(key: str, value: dict[str, Any], reading: _Reading) -> dict[str, Any]:
    return check_math(value, reading.path, reading.text, reading.diagnostics)


def _read_strings(key: str, value: dict[str, Any], reading: _Reading) -> dict[str, str]:
    return check_strings(value, reading.path, reading.text, reading.diagnostics)


def _read_deploy(key: str, value: Any, reading: _Reading) -> tuple[DeployTarget, ...]:
    return reading.found(check_deploy(value, reading.path, reading.text))


# The checks beyond the type, by key, in the order their problems are reported.
_READERS: tuple[tuple[str, Callable[[str, Any, _Reading], Any]], ...] = (
    ("per_page", _positive),
    ("excerpt_length", _positive),
    ("feed_limit", _positive),
    ("slug_style", _one_of("unicode", "pinyin", "ascii")),
    ("dialect", _one_of(*SITE_DIALECTS)),
    ("citations", _one_of("numeric", "author-year")),
    ("feed_content", _one_of("full", "summary")),
    ("tag_feed_content", _one_of("full", "summary")),
    ("base_url", _read_base_url),
    ("timezone", _read_timezone),
    ("permalinks", _read_permalinks),
    ("related_posts", _read_related_posts),
    ("comments", _read_comments),
    ("footer", _read_footer),
    ("analytics", _read_analytics),
    ("paths", _read_paths),
    ("math", _read_math),
    ("strings", _read_strings),
    ("deploy", _read_deploy),
)


def parse_config(text: str, root: Path, source: Path | None = None) -> tuple[SiteConfig, list[Diagnostic]]:
    """Validate the text of a site.toml; return the config and its warnings or raise BuildError."""
    reading = _Reading(shown_path(source, root) if source else "site.toml", text)
    values = _known_values(_parse_toml(text, reading.path), reading)
    for key, read in _READERS:
        if key in values:
            values[key] = read(key, values[key], reading)
    if any(d.is_error for d in reading.diagnostics):
        raise BuildError(reading.diagnostics)
    return SiteConfig(root=root, source=source, **values), reading.diagnostics


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
