"""Splitting a post into front matter and body, with the line numbers every message needs."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.frontmatter import normalise_text, split_front_matter
from generator.errors import Severity


def split_ok(text: str):
    fm, problem = split_front_matter(text, "content/posts/p.md")
    assert problem is None, str(problem)
    assert fm is not None
    return fm


def split_bad(text: str):
    fm, problem = split_front_matter(text, "content/posts/p.md")
    assert fm is None
    assert problem is not None
    assert problem.severity is Severity.ERROR
    assert problem.path == "content/posts/p.md"
    return problem


def test_yaml_front_matter_is_parsed_and_body_follows() -> None:
    fm = split_ok("---\ntitle: 你好\ndate: 2026-01-11\n---\n正文第一行\n第二行\n")
    assert fm.format == "yaml"
    assert fm.data == {"title": "你好", "date": "2026-01-11"}
    assert fm.key_lines == {"title": 2, "date": 3}
    assert fm.body == "正文第一行\n第二行\n"
    assert fm.body_line == 5


def test_yaml_dates_stay_strings_so_the_loader_can_validate_them() -> None:
    fm = split_ok("---\ndate: 2026-02-30\n---\n")
    assert fm.data["date"] == "2026-02-30"


def test_toml_front_matter_between_plus_lines() -> None:
    fm = split_ok("+++\ntitle = 'Hugo'\ndate = 2026-01-11T08:30:00+08:00\ntags = ['a', 'b']\n+++\nbody\n")
    assert fm.format == "toml"
    assert fm.data["title"] == "Hugo"
    assert fm.data["date"] == dt.datetime(2026, 1, 11, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert fm.data["tags"] == ["a", "b"]
    assert fm.key_lines == {"title": 2, "date": 3, "tags": 4}
    assert fm.body == "body\n"
    assert fm.body_line == 6


def test_no_front_matter_means_whole_text_is_body() -> None:
    fm = split_ok("# Title\n\ntext\n")
    assert fm.format is None
    assert fm.data == {}
    assert fm.body == "# Title\n\ntext\n"
    assert fm.body_line == 1


def test_front_matter_without_its_opening_dashes_is_read_as_hexo_reads_it() -> None:
    """Hexo's first scaffolds wrote no opening '---': what stands above the first line of dashes
    is the front matter when it is a mapping."""
    fm = split_ok("title: 旧文章\ndate: 2013-05-20 12:00:00\ntags: [a, b]\n----\n正文。\n\n---\n\n后文\n")
    assert fm.format == "yaml" and fm.data["title"] == "旧文章" and fm.data["tags"] == ["a", "b"]
    assert fm.key_lines == {"title": 1, "date": 2, "tags": 3}
    assert fm.body == "正文。\n\n---\n\n后文\n" and fm.body_line == 5


@pytest.mark.parametrize(
    "text",
    [
        "引言\n---\n正文\n",  # a setext heading
        "Note: 只是一段话\n---\n正文\n",  # a mapping, but of no title or date
        "title: [没有闭合\n---\n正文\n",  # not YAML at all
        "正文\n\n---\n\n更多\n",  # a rule between paragraphs
    ],
)
def test_text_over_a_rule_stays_the_posts_text(text: str) -> None:
    fm = split_ok(text)
    assert fm.format is None and fm.body == text


def test_empty_yaml_block_is_an_empty_mapping() -> None:
    fm = split_ok("---\n---\nbody")
    assert fm.data == {}
    assert fm.body == "body"
    assert fm.body_line == 3


def test_closing_fence_at_end_of_file_without_newline() -> None:
    fm = split_ok("---\ntitle: a\n---")
    assert fm.data == {"title": "a"}
    assert fm.body == ""


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff---\ntitle: a\ndate: 2026-01-11\n---\nbody\nline2",
        "---\r\ntitle: a\r\ndate: 2026-01-11\r\n---\r\nbody\r\nline2",
        "\ufeff---\r\ntitle: a\r\ndate: 2026-01-11\r\n---\r\nbody\r\nline2",
        "---\rtitle: a\rdate: 2026-01-11\r---\rbody\rline2",
    ],
    ids=["bom", "crlf", "bom+crlf", "cr"],
)
def test_bom_and_windows_line_endings_read_like_plain_lf(text: str) -> None:
    fm = split_ok(text)
    assert fm.format == "yaml"
    assert fm.data == {"title": "a", "date": "2026-01-11"}
    assert fm.key_lines == {"title": 2, "date": 3}
    assert fm.body == "body\nline2"
    assert fm.body_line == 5


def test_normalise_text_only_touches_bom_and_line_endings() -> None:
    assert normalise_text("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    assert normalise_text("a\ufeffb") == "a\ufeffb"


def test_fence_with_trailing_spaces_is_still_a_fence() -> None:
    fm = split_ok("---  \ntitle: a\n---\t\nbody")
    assert fm.data == {"title": "a"}
    assert fm.body == "body"


def test_a_dash_line_inside_the_body_is_not_a_second_front_matter() -> None:
    fm = split_ok("---\ntitle: a\n---\nintro\n\n---\n\nmore\n")
    assert fm.body == "intro\n\n---\n\nmore\n"


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_unclosed_block_points_at_line_1(fence: str) -> None:
    problem = split_bad(f"{fence}\ntitle: a\ndate: 2026-01-11\n\nbody text\n")
    assert problem.line == 1
    assert "never closed" in problem.message
    assert fence in problem.message
    assert str(problem).startswith("content/posts/p.md:1: ")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: a\ntags: [a, b\ndate: 2026-01-11\n---\nbody", 4),
        ("---\ntitle: a\n  bad: indent\n---\n", 3),
        ("---\ntitle: a: b\n---\n", 2),
        ('---\ntitle: a\ndate: 2026-01-11\nsummary: "unclosed\n---\nbody', 4),
    ],
    ids=["unclosed-list", "bad-indent", "colon-in-value", "unclosed-quote"],
)
def test_invalid_yaml_names_the_line_in_the_file(text: str, line: int) -> None:
    problem = split_bad(text)
    assert problem.line == line
    assert problem.message.startswith("invalid YAML front matter")
    assert problem.expected


def test_yaml_error_line_never_points_past_the_block() -> None:
    text = "---\ntitle: a\nsummary: 'never closed\n---\nbody\nmore body\n"
    problem = split_bad(text)
    assert problem.line is not None
    assert 2 <= problem.line <= 3


def test_tab_indentation_is_reported_at_its_line() -> None:
    problem = split_bad("---\ntitle: a\ntags:\n\t- x\n---\n")
    assert problem.line == 4
    assert problem.message.startswith("invalid YAML front matter")


def test_tab_indentation_is_explained_as_a_tab() -> None:
    problem = split_bad("---\ntitle: a\ntags:\n\t- x\n---\n")
    assert "tab" in problem.message
    assert problem.expected == "indentation with spaces"


@pytest.mark.parametrize(
    ("text", "line"),
    [("---\n- a\n- b\n---\n", 2), ("---\njust a sentence\n---\n", 2), ("---\n\n\n42\n---\n", 4)],
    ids=["list", "string", "number-after-blank-lines"],
)
def test_front_matter_that_is_not_a_mapping(text: str, line: int) -> None:
    problem = split_bad(text)
    assert problem.line == line
    assert "not a mapping" in problem.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("+++\ntitle = \n+++\n", 2),
        ("+++\ntitle = 'a'\ndate = 2026-01-11\ntags = [a]\n+++\n", 4),
        ("+++\ntitle = 'a'\ntitle = 'b'\n+++\n", 3),
    ],
    ids=["missing-value", "bare-word", "duplicate-key"],
)
def test_invalid_toml_names_the_line_in_the_file(text: str, line: int) -> None:
    problem = split_bad(text)
    assert problem.line == line
    assert problem.message.startswith("invalid TOML front matter")
    assert "(at line" not in problem.message


def test_toml_error_at_end_of_block_still_has_a_line() -> None:
    problem = split_bad("+++\ntitle = 'a'\ntags = ['x',\n+++\nbody\n")
    assert problem.line in (3, 4)
    assert "at end of document" not in problem.message


def test_duplicate_yaml_key_is_an_error_naming_both_lines() -> None:
    """As in Hugo and Hexo (and as TOML does): YAML readers would keep the last one silently."""
    fm, problem = split_front_matter("---\ntitle: a\ndate: 2025-01-01\ntitle: b\n---\n", "p.md")
    assert fm is None and problem is not None
    assert (
        str(problem)
        == "p.md:4: key 'title' is written twice, on lines 2 and 4; YAML would keep only the last (each key once)"
    )
    assert split_ok("---\nbase: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n---\n").data["other"] == {"x": 1, "y": 2}


def test_fenceless_hexo_front_matter_with_yaml_lists_is_not_taken_for_pelicans() -> None:
    """`tags:` over `- a` lines, then `---`: Hexo's first scaffolds, never a Pelican header."""
    front = split_ok("title: Hello\ndate: 2020-01-02\ntags:\n- a\n- b\n---\nbody text\n")
    assert front.format == "yaml" and front.data["tags"] == ["a", "b"] and front.body == "body text\n"
