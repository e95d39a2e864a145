"""site.toml: defaults, unknown keys with "did you mean", wrong types and syntax errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config.options import DEFAULT_PATHS, DEFAULT_PERMALINKS, OPTIONS
from generator.config.settings import SiteConfig, load_config, parse_config, with_overrides
from generator.errors import BuildError, Diagnostic, Severity

ROOT = Path("/site")
SOURCE = Path("/site/site.toml")
SHOWN = "site.toml"  # messages name the config relative to the site folder, like posts


def parse(text: str) -> tuple[SiteConfig, list[Diagnostic]]:
    return parse_config(text, ROOT, SOURCE)


def parse_errors(text: str) -> list[Diagnostic]:
    with pytest.raises(BuildError) as caught:
        parse(text)
    errors = caught.value.errors
    assert errors
    assert all(d.path == SHOWN for d in errors)
    return errors


def test_defaults() -> None:
    config, found = parse("")
    assert found == []
    assert config.title == "我的博客"
    assert config.description == ""
    assert config.author == ""
    assert config.base_url == "http://localhost:8000/"
    assert config.base_path == "/"
    assert config.language == "zh-CN"
    assert config.timezone == "Asia/Shanghai"
    assert config.per_page == 12
    assert config.excerpt_length == 350
    assert config.excerpt_ellipsis == "..."
    assert config.excerpt_code_placeholder == ""  # the language's own: [代码] here
    assert config.excerpt_math_placeholder == ""
    assert (config.ui["excerpt_code"], config.ui["excerpt_math"], config.ui["excerpt_table"]) == (
        "[代码]",
        "[公式]",
        "[表格]",
    )
    assert config.highlight_style == "xcode"
    assert config.highlight_style_dark == "monokai"
    assert config.feed_limit == 20
    assert config.permalinks == DEFAULT_PERMALINKS
    assert config.paths == DEFAULT_PATHS
    assert config.params == {}
    assert config.dir("output") == Path("/site/public")


def test_option_table_matches_the_dataclass_defaults() -> None:
    defaults = SiteConfig(root=ROOT)
    for option in OPTIONS:
        if option.key in ("permalinks", "paths", "params"):
            continue
        assert getattr(defaults, option.key) == option.default, option.key


def test_every_key_is_read() -> None:
    text = """
title = "模型与代码"
description = "笔记"
author = "我"
base_url = "https://user.github.io/repo/"
language = "en"
timezone = "UTC"
per_page = 5
excerpt_length = 100
excerpt_ellipsis = "…"
excerpt_code_placeholder = "[code]"
excerpt_math_placeholder = "[math]"
highlight_style = "default"
highlight_style_dark = "native"
feed_limit = 7

[permalinks]
post = "/{year}/{month}/{slug}/"

[paths]
output = "dist"

[params]
github = "someone"
nested = { a = 1 }
"""
    config, found = parse(text)
    assert found == []
    assert config.title == "模型与代码"
    assert config.base_path == "/repo/"
    assert config.per_page == 5
    assert config.excerpt_length == 100
    assert config.excerpt_ellipsis == "…"
    assert config.permalinks == {**DEFAULT_PERMALINKS, "post": "/{year}/{month}/{slug}/"}
    assert config.paths == {**DEFAULT_PATHS, "output": "dist"}
    assert config.params == {"github": "someone", "nested": {"a": 1}}
    assert config.tz.key == "UTC"


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        ("titel = 'x'", 1, "unknown key 'titel' is ignored", "did you mean 'title'?"),
        ("title = 'x'\nper_pag = 3", 2, "unknown key 'per_pag' is ignored", "did you mean 'per_page'?"),
        ("excerpt_lenght = 3", 1, "unknown key 'excerpt_lenght' is ignored", "did you mean 'excerpt_length'?"),
        ("zzz = 1", 1, "unknown key 'zzz' is ignored", "see docs/configuration.md for known keys"),
        ("[permalinks]\npots = '/p/{slug}/'", 2, "unknown key 'permalinks.pots' is ignored", "did you mean 'post'?"),
        ("[paths]\noutptu = 'dist'", 2, "unknown key 'paths.outptu' is ignored", "did you mean 'output'?"),
    ],
)
def test_unknown_key_warns_with_did_you_mean(text: str, line: int, message: str, hint: str) -> None:
    config, found = parse(text)
    assert len(found) == 1
    warning = found[0]
    assert warning.severity is Severity.WARNING
    assert str(warning) == f"{SHOWN}:{line}: {message} ({hint})"
    assert config.per_page == 12


def test_params_are_never_validated() -> None:
    config, found = parse("[params]\nper_pag = 'x'\ntitel = 3\n")
    assert found == []
    assert config.params == {"per_pag": "x", "titel": 3}


@pytest.mark.parametrize(
    ("text", "line", "key", "kind"),
    [
        ('per_page = "12"', 1, "per_page", "str"),
        ("title = 'x'\nper_page = true", 2, "per_page", "bool"),
        ("title = 'x'\nexcerpt_length = 1.5", 2, "excerpt_length", "float"),
        ("title = 5", 1, "title", "int"),
        ("base_url = ['https://a/']", 1, "base_url", "list"),
        ("permalinks = '/posts/{slug}/'", 1, "permalinks", "str"),
        ("params = 1", 1, "params", "int"),
    ],
)
def test_wrong_type_is_an_error_with_the_key_line(text: str, line: int, key: str, kind: str) -> None:
    errors = parse_errors(text)
    assert len(errors) == 1
    assert errors[0].line == line
    assert errors[0].message == f"'{key}' has the wrong type ({kind})"
    assert (errors[0].expected or "").startswith("expected ")


def test_wrong_type_after_blank_lines_points_at_the_key() -> None:
    errors = parse_errors("# comment\ntitle = 'a'\n\n\nper_page = 'x'\n")
    assert errors[0].line == 5


def test_all_config_errors_are_reported_together() -> None:
    errors = parse_errors(
        "per_page = 0\nexcerpt_length = -1\nfeed_limit = 'x'\nbase_url = 'nope'\ntimezone = 'Mars/Base'"
    )
    assert [(d.line, d.message.split(" ")[0]) for d in errors] == [
        (3, "'feed_limit'"),
        (1, "'per_page'"),
        (2, "'excerpt_length'"),
        (4, "base_url"),
        (5, "unknown"),
    ]


@pytest.mark.parametrize("key", ["per_page", "excerpt_length", "feed_limit"])
@pytest.mark.parametrize("value", [0, -3])
def test_counts_must_be_positive(key: str, value: int) -> None:
    errors = parse_errors(f"{key} = {value}")
    assert errors[0].line == 1
    assert errors[0].message == f"'{key}' must be at least 1, not {value}"


@pytest.mark.parametrize(
    "url", ["example.com", "/repo/", "ftp://example.com/", "https://", "user.github.io/repo/", "javascript:alert(1)"]
)
def test_bad_base_url(url: str) -> None:
    errors = parse_errors(f'title = "x"\nbase_url = "{url}"')
    assert errors[0].line == 2
    assert "is not an absolute URL" in errors[0].message
    assert "https://user.github.io/repo/" in (errors[0].expected or "")


@pytest.mark.parametrize(
    ("url", "base_path"),
    [
        ("https://user.github.io/repo/", "/repo/"),
        ("https://user.github.io/repo", "/repo/"),
        ("https://example.com", "/"),
        ("http://localhost:8000/a/b/", "/a/b/"),
    ],
)
def test_base_url_gives_base_path(url: str, base_path: str) -> None:
    config, _ = parse(f'base_url = "{url}"')
    assert config.base_path == base_path
    assert config.base_url.endswith("/")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title = 'x'\nper_page = = 3", 2),
        ("title = 'x'\n[params\n", 2),
        ("title = 'x'\n\n[params]\na = 1\n[params]\n", 5),
    ],
)
def test_toml_syntax_error_names_the_line(text: str, line: int) -> None:
    errors = parse_errors(text)
    assert len(errors) == 1
    assert errors[0].line == line
    assert errors[0].message.startswith("TOML syntax error: ")
    assert "(at line" not in errors[0].message
    assert str(errors[0]).startswith(f"{SHOWN}:{line}: TOML syntax error: ")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("title = 'x'\nper_page = ", 2),
        ("title = 'unclosed\nper_page = 3", 1),
        ("title = 'x'\ntitle = 'y'", 2),
    ],
    ids=["value-missing-on-last-line", "unclosed-string", "duplicate-key"],
)
def test_toml_syntax_error_at_end_of_document_has_a_line(text: str, line: int) -> None:
    errors = parse_errors(text)
    assert errors[0].line == line
    assert "at end of document" not in errors[0].message


def test_unknown_timezone() -> None:
    errors = parse_errors("timezone = 'Asia/Beijing'")
    assert errors[0].line == 1
    assert errors[0].message == "unknown time zone 'Asia/Beijing'"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[permalinks]\npost = '/p/{title}/'", 2),
        ("[permalinks]\npost = 'posts/{slug}/'", 2),
        ("[permalinks]\ntag = '/tags/'", 2),
        ("[permalinks]\npage = '/page/'", 2),
        ("[permalinks]\npost = ''", 2),
        ("[paths]\noutput = 5", 2),
    ],
)
def test_bad_tables(text: str, line: int) -> None:
    errors = parse_errors(text)
    assert errors[0].line == line


def test_load_config_missing_file_uses_defaults(tmp_path: Path) -> None:
    config, found = load_config(tmp_path / "site.toml")
    assert config.root == tmp_path.resolve()
    assert config.per_page == 12
    assert [d.severity for d in found] == [Severity.WARNING]


def test_load_config_bom_and_non_utf8(tmp_path: Path) -> None:
    good = tmp_path / "site.toml"
    good.write_bytes("\ufefftitle = '博客'\r\nper_page = 3\r\n".encode())
    config, found = load_config(good)
    assert (config.title, config.per_page, found) == ("博客", 3, [])
    bad = tmp_path / "bad.toml"
    bad.write_bytes("title = 'caf\u00e9'\n".encode("latin-1"))
    with pytest.raises(BuildError) as caught:
        load_config(bad)
    assert "not UTF-8" in caught.value.errors[0].message


def test_with_overrides_base_url() -> None:
    config, _ = parse("base_url = 'https://example.com/'")
    moved = with_overrides(config, base_url="https://user.github.io/repo")
    assert moved.base_url == "https://user.github.io/repo/"
    assert moved.base_path == "/repo/"
    assert config.base_path == "/"
    assert with_overrides(config, base_url=None) == config


def test_with_overrides_rejects_relative_base_url() -> None:
    config, _ = parse("")
    with pytest.raises(BuildError) as caught:
        with_overrides(config, base_url="/repo/")
    assert caught.value.errors[0].path == "--base-url"


def test_a_site_toml_written_on_windows_reads_the_same(tmp_path: Path) -> None:
    """CRLF line endings, and folders written with backslashes, mean what they mean on Windows."""
    text = "title = 't'\r\n\r\n[paths]\r\noutput = 'docs\\site'\r\ncontent = \"src\\\\content\"\r\nstatic = 5\r\n"
    (tmp_path / "site.toml").write_bytes(text.encode("utf-8"))
    with pytest.raises(BuildError) as raised:
        load_config(tmp_path / "site.toml")
    assert str(raised.value).endswith("site.toml:6: 'paths.static' must be a string (a non-empty string)")
    (tmp_path / "site.toml").write_bytes(text.replace("static = 5\r\n", "").encode("utf-8"))
    config, found = load_config(tmp_path / "site.toml")
    assert found == []
    assert config.paths["output"] == "docs/site" and config.paths["content"] == "src/content"
    assert config.dir("output") == (tmp_path / "docs" / "site").resolve()
