"""From a post's text to a `Post`: every key, every date spelling, every kind of mistake."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.config.settings import SiteConfig
from generator.content.frontmatter import without_title_heading
from generator.content.loader import load_posts, parse_date, parse_tags, post_assets, post_from_text, read_post
from generator.content.model import Post
from generator.errors import Diagnostic, Severity

SRC = "content/posts/x.md"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def fm(**keys: str) -> str:
    """A post with the given front-matter lines (values written as YAML), in order."""
    lines = [f"{key}: {value}" for key, value in keys.items()]
    return "---\n" + "\n".join(lines) + "\n---\n正文。\n"


def load_ok(text: str, config: SiteConfig, source: str = SRC) -> tuple[Post, list[Diagnostic]]:
    post, found = post_from_text(text, source, config)
    assert post is not None, [str(d) for d in found]
    assert not [d for d in found if d.is_error]
    return post, found


def load_error(text: str, config: SiteConfig, source: str = SRC) -> Diagnostic:
    post, found = post_from_text(text, source, config)
    assert post is None
    errors = [d for d in found if d.is_error]
    assert len(errors) == 1, [str(d) for d in found]
    assert errors[0].path == source
    return errors[0]


# --- every key ---------------------------------------------------------------------------------


def test_all_known_keys(config: SiteConfig) -> None:
    text = fm(
        title='"LoRA：低秩适配"',
        date="2026-01-11 08:30",
        tags="[微调, 大模型, PyTorch]",
        summary="一句话摘要。",
        draft="true",
        slug="LoRA Intro",
        updated="2026-02-01",
    )
    post, found = load_ok(text, config)
    assert post.title == "LoRA：低秩适配"
    assert post.date == dt.datetime(2026, 1, 11, 8, 30, tzinfo=SHANGHAI)
    assert post.tag_names == ("微调", "大模型", "PyTorch")
    assert post.summary == "一句话摘要。"
    assert post.draft is True
    assert post.slug == "lora-intro"
    assert post.updated == dt.datetime(2026, 2, 1, tzinfo=SHANGHAI)
    assert post.meta == {}
    assert post.body == "正文。\n"
    assert post.body_line == 10
    assert post.source == SRC
    assert found == []


def test_defaults_when_optional_keys_are_missing(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title="T", date="2026-01-11", tags="[a]"), config)
    assert post.summary is None
    assert post.draft is False
    assert post.updated is None
    assert post.slug == "x"
    assert post.meta == {}


def test_title_is_stripped(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title='"  空格  "', date="2026-01-11", tags="[a]"), config)
    assert post.title == "空格"


def test_source_hash_depends_on_the_text(config: SiteConfig) -> None:
    a, _ = load_ok(fm(title="T", date="2026-01-11", tags="[a]"), config)
    b, _ = load_ok(fm(title="T", date="2026-01-11", tags="[b]"), config)
    c, _ = load_ok(fm(title="T", date="2026-01-11", tags="[a]"), config)
    assert a.source_hash == c.source_hash != b.source_hash


def test_toml_front_matter_post(config: SiteConfig) -> None:
    text = "+++\ntitle = 'Hugo 迁移'\ndate = 2026-01-11T08:30:00+08:00\ntags = ['Go', 'Hugo']\n+++\n正文\n"
    post, _ = load_ok(text, config)
    assert post.title == "Hugo 迁移"
    assert post.date == dt.datetime(2026, 1, 11, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert post.tag_names == ("Go", "Hugo")


def test_toml_local_date(config: SiteConfig) -> None:
    post, _ = load_ok("+++\ntitle = 'T'\ndate = 2026-01-11\ntags = ['a']\n+++\n正文\n", config)
    assert post.date == dt.datetime(2026, 1, 11, tzinfo=SHANGHAI)


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-01-11", dt.datetime(2026, 1, 11, 0, 0, tzinfo=SHANGHAI)),
        ("2026-01-11 08:30", dt.datetime(2026, 1, 11, 8, 30, tzinfo=SHANGHAI)),
        ("2026-01-11 08:30:15", dt.datetime(2026, 1, 11, 8, 30, 15, tzinfo=SHANGHAI)),
        ("2026-01-11T08:30:00", dt.datetime(2026, 1, 11, 8, 30, tzinfo=SHANGHAI)),
        ("2026-01-11T08:30:00+08:00", dt.datetime(2026, 1, 11, 0, 30, tzinfo=dt.UTC)),
        ("2026-01-11T08:30:00Z", dt.datetime(2026, 1, 11, 8, 30, tzinfo=dt.UTC)),
        ("2026-01-11T08:30:00-05:00", dt.datetime(2026, 1, 11, 13, 30, tzinfo=dt.UTC)),
        ("'2026-01-11'", dt.datetime(2026, 1, 11, tzinfo=SHANGHAI)),
    ],
)
def test_date_spellings(config: SiteConfig, written: str, expected: dt.datetime) -> None:
    post, _ = load_ok(fm(title="T", date=written, tags="[a]"), config)
    assert post.date == expected
    assert post.date.utcoffset() is not None


def test_naive_dates_are_in_the_site_timezone() -> None:
    tokyo = SiteConfig(root=Path("/x"), timezone="Asia/Tokyo")
    utc = SiteConfig(root=Path("/x"), timezone="UTC")
    text = fm(title="T", date="2026-01-11 08:30", tags="[a]")
    in_tokyo, _ = load_ok(text, tokyo)
    in_utc, _ = load_ok(text, utc)
    assert in_tokyo.date.utcoffset() == dt.timedelta(hours=9)
    assert in_utc.date.utcoffset() == dt.timedelta(0)
    assert in_utc.date - in_tokyo.date == dt.timedelta(hours=9)


def test_explicit_offset_ignores_the_site_timezone() -> None:
    text = fm(title="T", date="2026-01-11T08:30:00+08:00", tags="[a]")
    a, _ = load_ok(text, SiteConfig(root=Path("/x"), timezone="UTC"))
    b, _ = load_ok(text, SiteConfig(root=Path("/x"), timezone="America/New_York"))
    assert a.date == b.date == dt.datetime(2026, 1, 11, 0, 30, tzinfo=dt.UTC)


def test_filename_date_prefix_is_the_fallback(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title="T", tags="[a]"), config, "content/posts/2026-01-11-hello-world.md")
    assert post.date == dt.datetime(2026, 1, 11, tzinfo=SHANGHAI)
    assert post.slug == "hello-world"


def test_a_filename_date_without_leading_zeros_is_a_date_too(config: SiteConfig) -> None:
    """Hexo's `new_post_name: :year-:i_month-:i_day-:title.md`, and Jekyll's reader, take 2020-5-5-."""
    post, found = load_ok(fm(title="T", tags="[a]"), config, "content/posts/course/2020-5-5-Derivative.md")
    assert post.date == dt.datetime(2020, 5, 5, tzinfo=SHANGHAI)
    assert post.slug == "derivative"
    assert not [d for d in found if "date" in d.message]


@pytest.mark.parametrize("name", ["2023-01-13_diffusion-intro.ipynb", "2023-01-13_diffusion-intro.md"])
def test_a_filename_date_followed_by_an_underscore_is_a_date_too(config: SiteConfig, name: str) -> None:
    """Notebook and Quarto blogs name files `2023-01-13_name`: it took the file's time, with a warning."""
    text = fm(title="T", tags="[a]")
    if name.endswith(".ipynb"):
        cell = {"cell_type": "markdown", "metadata": {}, "source": "正文。"}
        text = json.dumps(
            {"cells": [cell], "metadata": {"title": "T", "tags": ["a"]}, "nbformat": 4, "nbformat_minor": 5}
        )
    post, found = read_post(text, f"content/posts/{name}", config, "")
    assert post is not None, [str(d) for d in found]
    assert post.date == dt.datetime(2023, 1, 13, tzinfo=SHANGHAI)
    assert post.slug == "diffusion-intro"
    assert not [d for d in found if "date" in d.message]


def test_front_matter_date_beats_the_filename_prefix(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title="T", date="2025-05-05", tags="[a]"), config, "content/posts/2026-01-11-x.md")
    assert post.date == dt.datetime(2025, 5, 5, tzinfo=SHANGHAI)


def test_index_md_in_a_folder_uses_the_folder_name(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title="T", tags="[a]"), config, "content/posts/2026-03-04-bundle/index.md")
    assert post.slug == "bundle"
    assert post.date == dt.datetime(2026, 3, 4, tzinfo=SHANGHAI)


def test_missing_date_is_an_error_at_line_1(config: SiteConfig) -> None:
    problem = load_error(fm(title="T", tags="[a]"), config)
    assert problem.line == 1
    assert "no date" in problem.message
    assert str(problem).startswith(f"{SRC}:1: post has no date (")


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("2026-02-30", "is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("2026-01-11 25:00", "is not a real date"),
        ("yesterday", "is not a date"),
        ("20260111", "is not a date"),
        ("2026-01-11x", "is not a date"),
        ("[2026, 1, 11]", "is not a date"),
        ("true", "is not a date"),
    ],
)
def test_bad_dates_name_the_date_line(config: SiteConfig, written: str, fragment: str) -> None:
    problem = load_error(fm(title="T", tags="[a]", date=written), config)
    assert problem.line == 4
    assert fragment in problem.message
    assert "2026-01-11" in (problem.expected or "")


def test_bad_updated_date_is_an_error(config: SiteConfig) -> None:
    problem = load_error(fm(title="T", date="2026-01-11", updated="2026-02-30", tags="[a]"), config)
    assert problem.line == 4
    assert problem.message.startswith("updated ")


@pytest.mark.parametrize("value", ["2026-02-30", "yesterday", "", "   "])
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value, SHANGHAI)


def test_parse_date_accepts_date_and_datetime_objects() -> None:
    assert parse_date(dt.date(2026, 1, 11), SHANGHAI) == dt.datetime(2026, 1, 11, tzinfo=SHANGHAI)
    aware = dt.datetime(2026, 1, 11, 8, tzinfo=dt.UTC)
    assert parse_date(aware, SHANGHAI) == aware
    assert parse_date(aware, SHANGHAI).utcoffset() == dt.timedelta(0)


# --- tags --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("[Python, 大模型]", ("Python", "大模型")),
        ("Python, 大模型", ("Python", "大模型")),
        ("Python，大模型、微调", ("Python", "大模型", "微调")),
        ("'  Python ,  大模型  '", ("Python", "大模型")),
        ("[Python, Python, 大模型]", ("Python", "大模型")),
        ("[2024, 大模型]", ("2024", "大模型")),
        ("single", ("single",)),
        ("\n  - 多行\n  - list", ("多行", "list")),
    ],
)
def test_tags_as_list_or_comma_string(config: SiteConfig, written: str, expected: tuple[str, ...]) -> None:
    post, _ = load_ok(fm(title="T", date="2026-01-11", tags=written), config)
    assert post.tag_names == expected


@pytest.mark.parametrize(
    ("written", "kind"),
    [("{a: 1}", "dict"), ("5", "int"), ("true", "bool"), ("[a, [b]]", "list"), ("[a, {b: 1}]", "dict")],
)
def test_tags_of_the_wrong_type(config: SiteConfig, written: str, kind: str) -> None:
    problem = load_error(fm(title="T", date="2026-01-11", tags=written), config)
    assert problem.line == 4
    assert problem.message == f"tags must be a list or a comma-separated string, not {kind}"


def test_tag_without_letters_is_an_error(config: SiteConfig) -> None:
    problem = load_error(fm(title="T", date="2026-01-11", tags="['!!!']"), config)
    assert problem.line == 4
    assert "'!!!'" in problem.message


def test_parse_tags_none_and_empty() -> None:
    assert parse_tags(None) == ()
    assert parse_tags("") == ()
    assert parse_tags([]) == ()
    assert parse_tags(" , ,") == ()


@pytest.mark.parametrize("tags_line", [None, "[]", "''"])
def test_post_without_tags_warns_but_loads(config: SiteConfig, tags_line: str | None) -> None:
    keys = {"title": "T", "date": "2026-01-11"}
    if tags_line is not None:
        keys["tags"] = tags_line
    post, found = load_ok(fm(**keys), config)
    assert post.tag_names == ()
    assert [d.severity for d in found] == [Severity.WARNING]
    assert found[0].message == "post has no tags"
    assert found[0].line == (4 if tags_line is not None else 1)


# --- title, summary, draft, slug ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "described"),
    [
        ("true", "a boolean"),
        ("[a]", "a list"),
        ("{a: b}", "a mapping"),
    ],
)
def test_title_must_be_text(config: SiteConfig, written: str, described: str) -> None:
    problem = load_error(fm(date="2026-01-11", tags="[a]", title=written), config)
    assert problem.line == 4
    assert problem.message == f"title must be text, not {described}"
    assert "quoted" in (problem.expected or "")


@pytest.mark.parametrize(("written", "shown"), [("123", "123"), ("1.5", "1.5")])
def test_a_number_title_is_published_as_written_with_a_warning(config: SiteConfig, written: str, shown: str) -> None:
    """Hexo, Hugo and Jekyll show `title: 123` as 123; the warning says how to keep it exact."""
    post, found = load_ok(fm(date="2026-01-11", tags="[a]", title=written), config)
    assert post.title == shown
    assert [(d.line, d.message) for d in found] == [(4, f"title {shown} is a number in YAML; published as '{shown}'")]


def test_quoted_number_title_is_fine(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title='"2048"', date="2026-01-11", tags="[a]"), config)
    assert post.title == "2048"


@pytest.mark.parametrize("written", ["''", '""', "'   '"])
def test_an_empty_title_is_published_like_a_missing_one_with_a_warning(config: SiteConfig, written: str) -> None:
    """Hugo and Hexo build `title: ""` (a short "moment" post): the post is published under its
    first heading or its file's name, as a post with no title is, and the warning names the line."""
    post, found = load_ok(fm(title=written, date="2026-01-11", tags="[a]"), config)
    assert post.title == "x"
    assert [(d.line, d.message) for d in found] == [(2, "post's title is empty, using 'x'")]
    text = f"---\ntitle: {written}\ndate: 2026-01-11\ntags: [a]\n---\n# 小记\n\n今天在北京。\n"
    post, found = load_ok(text, config)
    assert post.title == "小记"
    assert [(d.line, d.message) for d in found] == [(2, "post's title is empty, using '小记'")]


def test_missing_title_falls_back_to_first_heading_with_a_warning(config: SiteConfig) -> None:
    text = "---\ndate: 2026-01-11\ntags: [a]\n---\n# 第一章 总览\n\n正文\n"
    post, found = load_ok(text, config)
    assert post.title == "第一章 总览"
    assert [d.message for d in found] == ["post has no title, using '第一章 总览'"]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("# C#", "C#"),
        ("# 总览 ##", "总览"),
        ("#\t总览\t#\t", "总览"),
        ("# ##\n\n# 第二个", "第二个"),
        ("#\n\n正文", "x"),
    ],
)
def test_the_title_taken_from_a_heading_loses_its_closing_hashes_as_commonmark_says(
    config: SiteConfig, heading: str, title: str
) -> None:
    post, _ = load_ok("---\ndate: 2026-01-11\ntags: [a]\n---\n" + heading + "\n", config)
    assert post.title == title


def test_a_notebook_s_heading_that_says_its_title_is_not_shown_twice_whatever_its_closing_hashes() -> None:
    """The heading is read for the title and checked against it by one rule (heading_text)."""
    for heading, title in (("# C#", "C#"), ("# 总览 ##", "总览"), ("#  总览", "总览")):
        assert without_title_heading(heading + "\n\n正文\n", title) == "\n\n正文\n"
    assert without_title_heading("# C#\n\n正文\n", "C") == "# C#\n\n正文\n"  # says another title


@pytest.mark.parametrize("text", ["# 第一章 总览\n\n正文\n", "\n\n#  第一章 总览 #\n正文\n"])
def test_a_heading_taken_for_the_title_is_not_shown_again_above_the_text(config: SiteConfig, text: str) -> None:
    post, _ = load_ok("---\ndate: 2026-01-11\ntags: [a]\n---\n" + text, config)
    assert post.title == "第一章 总览"
    assert "总览" not in post.body and post.body.strip() == "正文"
    assert post.body.count("\n") == text.count("\n")  # the line stays, empty: warnings keep their lines


def test_a_titled_post_keeps_its_opening_heading(config: SiteConfig) -> None:
    post, _ = load_ok("---\ntitle: T\ndate: 2026-01-11\ntags: [a]\n---\n# 第一章\n\n正文\n", config)
    assert post.body.startswith("# 第一章")


def test_a_heading_after_text_is_the_title_and_stays_in_the_text(config: SiteConfig) -> None:
    post, _ = load_ok("---\ndate: 2026-01-11\ntags: [a]\n---\n引言。\n\n# 第一章\n", config)
    assert post.title == "第一章" and "# 第一章" in post.body


def test_missing_title_and_heading_falls_back_to_file_name(config: SiteConfig) -> None:
    post, found = load_ok("---\ntags: [a]\n---\n正文\n", config, "content/posts/2026-01-11-my-note.md")
    assert post.title == "my-note"
    assert any(d.severity is Severity.WARNING and "no title" in d.message for d in found)


@pytest.mark.parametrize(("written", "expected"), [("true", True), ("false", False), ("yes", True), ("no", False)])
def test_draft_flag(config: SiteConfig, written: str, expected: bool) -> None:
    post, _ = load_ok(fm(title="T", date="2026-01-11", tags="[a]", draft=written), config)
    assert post.draft is expected


@pytest.mark.parametrize("written", ["'yes'", "1", "[true]"])
def test_draft_must_be_a_boolean(config: SiteConfig, written: str) -> None:
    problem = load_error(fm(title="T", date="2026-01-11", tags="[a]", draft=written), config)
    assert problem.line == 5
    assert problem.message.startswith("draft must be true or false")


@pytest.mark.parametrize("written", ["5", "[a]", "{a: 1}"])
def test_summary_must_be_text(config: SiteConfig, written: str) -> None:
    problem = load_error(fm(title="T", date="2026-01-11", tags="[a]", summary=written), config)
    assert problem.line == 5
    assert problem.message.startswith("summary must be text")


def test_summary_is_stripped(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title="T", date="2026-01-11", tags="[a]", summary="'  摘要  '"), config)
    assert post.summary == "摘要"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("My Post", "my-post"),
        ("感受野", "感受野"),
        ("2026", "2026"),
        ("a/b", "a-b"),
        ("../etc", "etc"),
        (".hidden", "hidden"),
    ],
)
def test_slug_from_front_matter(config: SiteConfig, written: str, expected: str) -> None:
    post, _ = load_ok(fm(title="T", date="2026-01-11", tags="[a]", slug=f"'{written}'"), config)
    assert post.slug == expected


@pytest.mark.parametrize("written", ["true", "[a]", "''", "'!!!'"])
def test_slug_must_be_usable(config: SiteConfig, written: str) -> None:
    problem = load_error(fm(title="T", date="2026-01-11", tags="[a]", slug=written), config)
    assert problem.line == 5
    assert "slug" in problem.message


def test_chinese_file_name_gives_a_chinese_slug(config: SiteConfig) -> None:
    post, _ = load_ok(fm(title="T", date="2026-01-11", tags="[a]"), config, "content/posts/感受野.md")
    assert post.slug == "感受野"


# --- unknown keys ------------------------------------------------------------------------------


def test_unknown_keys_go_to_meta_without_warning(config: SiteConfig) -> None:
    post, found = load_ok(
        fm(title="T", date="2026-01-11", tags="[a]", cover="img/a.png", series="'LLM 系列'", weight="3"), config
    )
    assert post.meta == {"cover": "img/a.png", "series": "LLM 系列", "weight": 3}
    assert found == []


@pytest.mark.parametrize(
    ("text", "typo", "known", "line"),
    [
        ("---\ntilte: T\ndate: 2026-01-11\ntags: [a]\n---\n# H\n", "tilte", "title", 2),
        (fm(title="T", date="2026-01-11", tagz="[a]"), "tagz", "tags", 4),  # `tag` alone is Hexo's spelling of tags
        (fm(title="T", date="2026-01-11", tags="[a]", sumary="x"), "sumary", "summary", 5),
        (fm(title="T", date="2026-01-11", tags="[a]", drafts="true"), "drafts", "draft", 5),
        (fm(title="T", date="2026-01-11", tags="[a]", updatd="2026-02-01"), "updatd", "updated", 5),
    ],
)
def test_typo_of_a_known_key_warns_with_did_you_mean(
    config: SiteConfig, text: str, typo: str, known: str, line: int
) -> None:
    post, found = load_ok(text, config)
    assert typo in post.meta
    typos = [d for d in found if "unknown front-matter key" in d.message]
    assert len(typos) == 1
    assert typos[0].severity is Severity.WARNING
    assert str(typos[0]) == f"{SRC}:{line}: unknown front-matter key '{typo}' (did you mean '{known}'?)"


def test_a_subtitle_is_kept_for_the_theme_without_a_warning(config: SiteConfig) -> None:
    post, found = load_ok(fm(title="T", subtitle="副标题", date="2026-01-11", tags="[a]"), config)
    assert post.meta["subtitle"] == "副标题"
    assert not [d for d in found if "subtitle" in d.message]


# --- the empty file, no front matter, several errors --------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n", "\r\n\t", "\ufeff\r\n"])
def test_empty_file_is_skipped_with_a_warning(config: SiteConfig, text: str) -> None:
    post, found = post_from_text(text, SRC, config)
    assert post is None
    assert [str(d) for d in found] == [
        f"{SRC}: file is empty: skipped (a post with front matter and text, or delete the file)"
    ]
    assert found[0].severity is Severity.WARNING


def test_post_without_front_matter_warns(config: SiteConfig) -> None:
    post, found = load_ok("# 标题\n\n正文\n", config, "content/posts/2026-01-11-plain.md")
    assert post.title == "标题"
    assert "post has no front matter" in [d.message for d in found]


def test_an_old_hexo_post_without_its_opening_dashes_is_published_with_its_front_matter(
    config: SiteConfig,
) -> None:
    post, found = load_ok("title: 旧文章\ndate: 2013-05-20 12:00:00\ntags: [随笔]\n---\n正文。\n", config)
    assert (post.title, post.date.year, post.tag_names) == ("旧文章", 2013, ("随笔",))
    assert "title:" not in (post.body or "") and not [d for d in found if "front matter" in d.message]


def test_all_problems_of_one_post_are_reported_together(config: SiteConfig) -> None:
    text = fm(title="[1, 2]", date="2026-02-30", tags="{a: 1}", draft="'no'", summary="[1]")
    post, found = post_from_text(text, SRC, config)
    assert post is None
    errors = sorted((d.line, d.message.split(" ")[0]) for d in found if d.is_error)
    assert errors == [(2, "title"), (3, "date"), (4, "tags"), (5, "draft"), (6, "summary")]


def test_error_lines_count_from_the_file_not_the_block(config: SiteConfig) -> None:
    text = "\ufeff---\r\n# comment\r\n\r\ntitle: T\r\ntags: [a]\r\ndate: 2026-02-30\r\n---\r\nbody\r\n"
    problem = load_error(text, config)
    assert problem.line == 6


# --- reading files ------------------------------------------------------------------------------


def make_site(tmp_path: Path, files: dict[str, bytes | str]) -> SiteConfig:
    for name, data in files.items():
        path = tmp_path / "content" / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return SiteConfig(root=tmp_path)


def test_load_posts_walks_subfolders_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    good = fm(title="T", date="2026-01-11", tags="[a]")
    config = make_site(
        tmp_path,
        {
            "a.md": good,
            "2025/b.md": good,
            "2025/deep/c.md": good,
            ".hidden.md": "not a post",
            ".drafts/d.md": "not a post",
            "notes.txt": "not a post",
            "e.markdown": good,  # what `jekyll new` names a post
            "f.mkd": good,  # Jekyll's markdown_ext, Hugo's and Pelican's other Markdown names
            "g.mdown": good,
        },
    )
    posts, found = load_posts(config)
    assert sorted(p.source for p in posts) == [
        "content/posts/2025/b.md",
        "content/posts/2025/deep/c.md",
        "content/posts/a.md",
        "content/posts/e.markdown",
        "content/posts/f.mkd",
        "content/posts/g.mdown",
    ]
    assert found == []


def test_posts_in_formats_no_reader_takes_are_named_in_one_warning(tmp_path: Path) -> None:
    good = "---\ntitle: T\ndate: 2026-01-11\ntags: [a]\n---\nbody\n"
    config = make_site(
        tmp_path,
        {"a.md": good, "b.rst": "Title\n=====\n", "2020/c.rst": "x\n", "d.org": "* x\n", ".e.rst": "hidden"},
    )
    posts, found = load_posts(config)
    assert [p.source for p in posts] == ["content/posts/a.md"]
    assert [str(d) for d in found] == [
        "content/posts/2020/c.rst: 3 post files in a format blog does not read, not published: this one and 2 more"
        " (.org ×1, .rst ×2) (Markdown posts: convert them, e.g. pandoc -f rst -t gfm, or move them out of content/posts)"
    ]


def test_r_markdown_and_html_posts_with_front_matter_are_named_too(tmp_path: Path) -> None:
    """A blogdown .Rmd and a Jekyll _posts/*.html post were left out without a word; an HTML file
    without front matter is a file beside the posts (a saved plot), not a post."""
    good = "---\ntitle: T\ndate: 2026-01-11\ntags: [a]\n---\nbody\n"
    config = make_site(
        tmp_path,
        {
            "a.md": good,
            "b.Rmd": "---\ntitle: R\n---\n```{r}\n1\n```\n",
            "_posts/2019-01-01-c.html": "---\nlayout: post\ntitle: C\n---\n<p>HTML</p>\n",
            "a/plot.html": "<html><body>plot</body></html>",
        },
    )
    posts, found = load_posts(config)
    assert [p.source for p in posts] == ["content/posts/a.md"]
    assert [str(d) for d in found] == [
        "content/posts/_posts/2019-01-01-c.html: 2 post files in a format blog does not read, not published: this"
        " one and 1 more (.html ×1, .rmd ×1) (Markdown posts: convert them, an HTML post with pandoc -f html -t gfm"
        " (its front matter kept); R Markdown knitted to Markdown (the .markdown blogdown knits beside an"
        " .Rmarkdown is read), or move them out of content/posts)"
    ]


QMD = """---
title: "Post With Code"
date: "2023-01-16"
categories: [news, code]
image: "image.jpg"
---

![](image.jpg)

```{python}
#| echo: false
1 + 1
```

Text.
"""


def test_quarto_posts_are_read_as_markdown_with_their_bundle(tmp_path: Path) -> None:
    """A Quarto blog's posts (.qmd) built 0 posts and said nothing; its listing page is not a post."""
    config = make_site(
        tmp_path,
        {
            "post-with-code/index.qmd": QMD,
            "post-with-code/image.jpg": b"\xff\xd8\xff",
            "index.qmd": '---\ntitle: "My blog"\nlisting:\n  contents: posts\n---\n',
        },
    )
    posts, found = load_posts(config)
    assert [(p.source, p.slug, p.title, p.categories) for p in posts] == [
        ("content/posts/post-with-code/index.qmd", "post-with-code", "Post With Code", (("news",), ("code",)))
    ]
    assert posts[0].body is not None and "1 + 1" not in posts[0].body and "Text." in posts[0].body
    assert [(d.path, d.line, d.message.split(" (")[0]) for d in found] == [
        ("content/posts/index.qmd", None, "section or list page, not a post: skipped"),
        ("content/posts/post-with-code/index.qmd", 10, "1 Quarto code cell shown as code without its output"),
    ]
    assets, _ = post_assets(tmp_path / "content/posts/post-with-code/index.qmd", tmp_path, tmp_path / "content/posts")
    assert list(assets) == ["image.jpg"]


def test_load_posts_reports_every_bad_file(tmp_path: Path) -> None:
    config = make_site(
        tmp_path,
        {
            "good.md": fm(title="T", date="2026-01-11", tags="[a]"),
            "latin1.md": "---\ntitle: T\ndate: 2026-01-11\n---\ncaf\u00e9\n".encode("latin-1"),
            "utf16.md": fm(title="T", date="2026-01-11").encode("utf-16"),
            "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
            "bad-date.md": fm(title="T", date="2026-02-30", tags="[a]"),
        },
    )
    posts, found = load_posts(config)
    assert [p.source for p in posts] == ["content/posts/good.md"]
    errors = {d.path: d for d in found if d.is_error}
    assert set(errors) == {
        "content/posts/latin1.md",
        "content/posts/utf16.md",
        "content/posts/binary.md",
        "content/posts/bad-date.md",
    }
    assert errors["content/posts/latin1.md"].line == 5
    assert "not valid UTF-8" in errors["content/posts/latin1.md"].message
    assert errors["content/posts/utf16.md"].message == "file is UTF-16, not UTF-8"
    assert "binary" in errors["content/posts/binary.md"].message
    assert errors["content/posts/bad-date.md"].line == 3


def test_load_posts_accepts_bom_and_crlf_files(tmp_path: Path) -> None:
    raw = "\ufeff---\r\ntitle: 视窗\r\ndate: 2026-01-11\r\ntags: [a]\r\n---\r\n正文\r\n".encode()
    config = make_site(tmp_path, {"win.md": raw})
    posts, found = load_posts(config)
    assert found == []
    assert posts[0].title == "视窗"
    assert posts[0].body == "正文\n"


def test_load_posts_without_posts_folder_warns(tmp_path: Path) -> None:
    posts, found = load_posts(SiteConfig(root=tmp_path))
    assert posts == []
    assert [d.severity for d in found] == [Severity.WARNING]


def test_a_post_read_empty_mid_save_keeps_its_last_version_only_when_the_preview_says_so(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"a.md": "---\ntitle: 甲\ndate: 2024-01-01\ntags: [乙]\n---\n\n正文\n"})
    memo: dict = {}
    posts, _ = load_posts(config, memo)
    assert [p.title for p in posts] == ["甲"]
    (tmp_path / "content" / "posts" / "a.md").write_bytes(b"")  # an editor truncated it, the write comes next
    kept, found = load_posts(config, dict(memo), mid_save=lambda source: True)
    assert [p.title for p in kept] == ["甲"] and not found
    gone, found = load_posts(config, dict(memo), mid_save=lambda source: False)  # stayed empty: emptied on purpose
    assert gone == [] and any("file is empty" in d.message for d in found)
    gone, found = load_posts(config, dict(memo))  # blog build: an empty file is reported
    assert gone == [] and any("file is empty" in d.message for d in found)


def test_a_liquid_tag_in_a_hugo_post_is_the_text_hugo_showed_and_no_warning() -> None:
    """Hugo never read `{% … %}`: a post about Jinja keeps it as text, as on the old site."""
    text = "+++\ntitle = '模板'\ndate = 2024-01-01\ntags = ['t']\n+++\n用 `extends` 再写 {% block content %} 覆盖。\n"
    post, found = post_from_text(text, "content/posts/jinja.md", SiteConfig(root=Path("/site")))
    assert post is not None and "{% block content %}" in (post.body or "")
    assert found == [] and not [f for f in post.findings if not f.converted], post.findings
