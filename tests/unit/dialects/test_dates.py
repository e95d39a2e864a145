"""Front-matter dates as Hexo (JavaScript's Date), Jekyll and Hugo read them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.content.loader import parse_date
from generator.dialects.dates import day_month_order_guessed, read_date

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021/9/30 0:00:00", datetime(2021, 9, 30)),
        ("2021-9-3", datetime(2021, 9, 3)),
        ("2021/09/30 00:00", datetime(2021, 9, 30)),
        ("2021/9/30", datetime(2021, 9, 30)),
        ("2021.09.30", datetime(2021, 9, 30)),
        ("2021-09-30 8:5:3", datetime(2021, 9, 30, 8, 5, 3)),
        ("2021-09-30T08:30:00.250", datetime(2021, 9, 30, 8, 30, 0, 250000)),
        ("2019-06-25 00:01:46", datetime(2019, 6, 25, 0, 1, 46)),
        ("Sep 30, 2021", datetime(2021, 9, 30)),
        ("September 30 2021 10:00", datetime(2021, 9, 30, 10, 0)),
        ("30 Sep 2021", datetime(2021, 9, 30)),
        ("Thu, 30 Sep 2021 10:00:00", datetime(2021, 9, 30, 10, 0)),
    ],
)
def test_hexo_spellings_are_dates_in_the_site_zone(written: str, expected: datetime) -> None:
    assert read_date(written) == expected
    assert parse_date(written, SHANGHAI) == expected.replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("written", "offset"),
    [
        ("2021-09-30T10:00:00Z", timedelta(0)),
        ("2021-09-30T10:00:00+08:00", timedelta(hours=8)),
        ("2021/9/30 10:00:00 +0800", timedelta(hours=8)),
        ("2024-02-03 7:00:00 -0600", timedelta(hours=-6)),
        ("2021-09-30 10:00 GMT+0800", timedelta(hours=8)),
        ("2021-09-30 10:00 UTC+8", timedelta(hours=8)),
        ("2021-09-30 10:00:00 GMT+0800 (中国标准时间)", timedelta(hours=8)),
        ("Sep 30, 2021 10:00 UTC", timedelta(0)),
    ],
)
def test_a_written_offset_is_kept(written: str, offset: timedelta) -> None:
    assert read_date(written).utcoffset() == offset
    assert parse_date(written, SHANGHAI).tzinfo == timezone(offset)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2021/9/31", "is not a real date"),
        ("2021-13-01", "is not a real date"),
        ("2021/9/30 25:00", "is not a real date"),
        ("2021/09-30", "is not a date"),  # two different separators
        ("13/13/2021", "is not a real date"),
        ("2/30/2021", "is not a real date"),
        ("2021年9月30日", "is not a date"),
        ("Sept 31, 2021", "is not a real date"),
        ("Smarch 3, 2021", "is not a date"),
        ("2021-09-30 10:00 +25:00", "is not a time zone offset"),
        ("{{ date }}", "is not a date"),
    ],
)
def test_what_is_not_a_date_says_so(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(written, SHANGHAI)


@pytest.mark.parametrize(
    ("written", "expected", "guessed"),
    [
        ("9/27/2022", datetime(2022, 9, 27), False),  # Quarto's MM/dd/yyyy, nbdev's notebooks
        ("08-24-2025", datetime(2025, 8, 24), False),  # MM-dd-yyyy
        ("24-08-2025", datetime(2025, 8, 24), False),  # 24 is no month: the day first
        ("9/27/22", datetime(2022, 9, 27), False),  # MM/dd/yy
        ("27 09 2022", datetime(2022, 9, 27), False),  # dd MM yyyy
        ("30.09.2021", datetime(2021, 9, 30), False),  # a dot: the day first
        ("03/07/2005", datetime(2005, 3, 7), True),  # either way: the month first, with a word
        ("12/12/2020 10:30", datetime(2020, 12, 12, 10, 30), False),
    ],
)
def test_quartos_year_last_dates(written: str, expected: datetime, guessed: bool) -> None:
    assert read_date(written) == expected
    assert day_month_order_guessed(written) is guessed


def test_a_date_read_month_first_either_way_is_a_warning_at_its_line(tmp_path: Path) -> None:
    from generator.build.pipeline import BuildOptions, build

    site = tmp_path / "site"
    (site / "content/posts").mkdir(parents=True)
    (site / "site.toml").write_text('title = "t"\nbase_url = "https://e.org/"\n', encoding="utf-8")
    for name, date in (("a.qmd", "03/07/2005"), ("b.qmd", "9/27/2022")):
        text = f'---\ntitle: "{name}"\ndate: "{date}"\ntags: [nbdev]\n---\n\nHello.\n'
        (site / "content/posts" / name).write_text(text, encoding="utf-8")
    report = build(BuildOptions(source=site, output=tmp_path / "out", use_cache=False))
    assert [str(w) for w in report.warnings] == [
        "content/posts/a.qmd:3: date '03/07/2005' read as 2005-03-07, the month first (as Quarto and JavaScript"
        " read it) (a date that says which is the month, such as 2005-03-07)"
    ]


# --- impossible dates: Hexo rolls them over, the others refuse them ----------------------------


def test_hexo_rolls_an_impossible_date_into_the_next_month() -> None:
    from generator.dialects.dates import rolled_over

    assert rolled_over("2018-02-31") == datetime(2018, 3, 3)
    assert rolled_over("2019/2/29 10:00:00") == datetime(2019, 3, 1, 10, 0)
    assert rolled_over("2018-04-31") == datetime(2018, 5, 1)
    assert rolled_over("2020-02-29") is None  # a real date
    assert rolled_over("2018-02-32") is None  # new Date refuses a day past 31
    assert rolled_over("2018-13-01") is None


def test_only_a_hexo_post_gets_a_rolled_over_date(tmp_path: Path) -> None:
    from generator.config.settings import SiteConfig
    from generator.content.loader import load_posts

    posts_dir = tmp_path / "content" / "posts"
    posts_dir.mkdir(parents=True)
    (posts_dir / "hexo.md").write_text(
        "---\ntitle: h\ndate: 2018-02-31\ncategories:\n- a\ntags:\n- b\n---\n{% note %}x{% endnote %}\n",
        encoding="utf-8",
    )
    (posts_dir / "hugo.md").write_text(
        "+++\ntitle = 'g'\ndate = '2018-02-31'\ntags = ['b']\n+++\n正文\n", encoding="utf-8"
    )
    posts, found = load_posts(SiteConfig(root=tmp_path))
    assert [(p.source, p.date.date().isoformat()) for p in posts] == [("content/posts/hexo.md", "2018-03-03")]
    assert any(d.path.endswith("hexo.md") and not d.is_error and "read as 2018-03-03" in d.message for d in found)
    assert any(d.path.endswith("hugo.md") and d.is_error and "not a real date" in d.message for d in found)


def test_a_date_in_hexos_scaffold_form_rolls_over_whatever_else_the_post_holds(tmp_path: Path) -> None:
    """A Hexo LeetCode note has only `categories`, too little to guess its engine; its date,
    written as `hexo new` writes dates, says where it came from."""
    from generator.config.settings import SiteConfig
    from generator.content.loader import load_posts

    posts_dir = tmp_path / "content" / "posts"
    posts_dir.mkdir(parents=True)
    (posts_dir / "note.md").write_text(
        "---\ntitle: 0032 括号\ndate: 2018-02-31 23:50:48\ncategories: LeetCode\ntags:\n---\n正文\n",
        encoding="utf-8",
    )
    (posts_dir / "mine.md").write_text("---\ntitle: m\ndate: 2026-02-30\ntags: [b]\n---\n正文\n", encoding="utf-8")
    posts, found = load_posts(SiteConfig(root=tmp_path))
    assert [(p.source, p.date.isoformat(timespec="minutes")[:16]) for p in posts] == [
        ("content/posts/note.md", "2018-03-03T23:50")
    ]
    assert any(d.path.endswith("note.md") and not d.is_error and "read as 2018-03-03" in d.message for d in found)
    assert any(d.path.endswith("mine.md") and d.is_error and "not a real date" in d.message for d in found)
