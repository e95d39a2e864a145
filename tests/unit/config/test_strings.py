"""The interface's words: one table per language, chosen from the language tag, overridable in site.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config.settings import parse_config
from generator.config.strings import EN, TABLES, ZH_CN, table_for, ui_strings
from generator.errors import BuildError

ROOT = Path("/site")


def test_every_table_has_the_reference_keys() -> None:
    for name, table in TABLES.items():
        assert set(table) == set(ZH_CN), name


@pytest.mark.parametrize(
    ("language", "table"),
    [
        ("zh-CN", "zh-CN"),
        ("zh", "zh-CN"),
        ("zh-Hans", "zh-CN"),
        ("zh-TW", "zh-TW"),
        ("zh-HK", "zh-TW"),
        ("zh-Hant-TW", "zh-TW"),
        ("zh_tw", "zh-TW"),
        ("en", "en"),
        ("en-GB", "en"),
        ("ja", "en"),
    ],
)
def test_the_language_tag_picks_the_table(language: str, table: str) -> None:
    assert table_for(language) == table


def test_site_toml_overrides_one_string_and_keeps_the_rest() -> None:
    config, problems = parse_config('language = "en"\n[strings]\nnav_home = "Home"\n', ROOT)
    assert problems == []
    assert config.ui["nav_home"] == "Home"
    assert config.ui["nav_tags"] == EN["nav_tags"]
    assert ui_strings("zh-CN")["nav_home"] == "最新"


def test_an_unknown_key_is_a_warning_with_a_suggestion() -> None:
    _, problems = parse_config('[strings]\nnav_hom = "首页"\n', ROOT)
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "nav_home" in (problems[0].expected or "")


@pytest.mark.parametrize(
    "value", ['"{count} 字"', '"{n"', "3"], ids=["unknown placeholder", "unbalanced", "not a string"]
)
def test_a_string_the_theme_cannot_fill_stops_the_build_at_its_line(value: str) -> None:
    with pytest.raises(BuildError) as caught:
        parse_config(f'title = "x"\n[strings]\nword_count = {value}\n', ROOT)
    problem = caught.value.diagnostics[0]
    assert problem.line == 3
    assert "strings.word_count" in problem.message
