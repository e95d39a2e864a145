"""The date spellings Hexo, Jekyll and Hugo blogs write in front matter, read into a datetime.

Hexo hands a front-matter date to JavaScript's `new Date(...)`, which takes far more than
ISO 8601: `2021/9/30 0:00:00`, `2021-9-3`, `2021/09/30 00:00`, `2021.09.30`,
`Sep 30, 2021`. A blog written that way built for years; it must build here too. But
where Hexo quietly falls back to the file's date for a spelling it cannot read, we stop
with the file and line: a wrong date moves a post in every list and feed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from generator.patterns import lazy_pattern

_TIME = r"(?:(?:\s*T\s*|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2})(?:[.,](?P<fraction>\d+))?)?)?"
# Z, +08:00, +0800, +08, -6, GMT+0800, UTC+8, or a bare GMT / UTC
_ZONE = r"(?:\s*(?P<zone>Z|(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?|GMT|UTC)(?:\s*\([^)]*\))?)?"
_NUMERIC = re.compile(
    r"^(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})" + _TIME + _ZONE + r"$",
    re.IGNORECASE,
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
_MONTH_FIRST = lazy_pattern(
    r"^" + _WEEKDAY + r"(?P<month_name>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    r"(?:,)?" + _TIME + _ZONE + r"$",
    re.IGNORECASE,
)
_DAY_FIRST = lazy_pattern(
    r"^" + _WEEKDAY + r"(?P<day>\d{1,2})\s+(?P<month_name>[a-z]+)\.?,?\s+(?P<year>\d{4})" + _TIME + _ZONE + r"$",
    re.IGNORECASE,
)

# The day before the year, as Quarto documents its dates (MM/dd/yyyy, MM-dd-yyyy, MM/dd/yy,
# MM-dd-yy, dd MM yyyy) and nbdev's and Quarto's notebooks carry them (`date: "9/27/2022"`).
# With `/` or `-` the month comes first, as Quarto and JavaScript's Date (Hexo) read it, unless
# it cannot be a month (24-08-2025); with a space or a dot the day does (27 09 2022, 30.09.2021).
_YEAR_LAST = lazy_pattern(
    r"^(?P<first>\d{1,2})(?P<sep>[-/. ])(?P<other>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})" + _TIME + _ZONE + r"$",
    re.IGNORECASE,
)

SPELLINGS = "a date like 2026-01-11, 2026-01-11 08:30, 2026/1/11 8:30:00, 2026-01-11T08:30:00+08:00 or Jan 11, 2026"


def read_date(text: str) -> datetime:
    """The datetime `text` spells, naive when it names no zone; ValueError otherwise."""
    text = text.strip()
    match = _NUMERIC.match(text) or _MONTH_FIRST.match(text) or _DAY_FIRST.match(text) or _YEAR_LAST.match(text)
    if not match:
        raise ValueError(f"'{text}' is not a date")
    fields = match.groupdict()
    if fields.get("first") is not None:
        fields.update(_day_and_month(fields))
    month = _MONTHS.get(fields["month_name"].lower()) if fields.get("month_name") else int(fields["month"])
    if month is None:
        raise ValueError(f"'{text}' is not a date")
    fraction = (fields["fraction"] or "0")[:6].ljust(6, "0")
    try:
        result = datetime(
            int(fields["year"]),
            month,
            int(fields["day"]),
            int(fields["hour"] or 0),
            int(fields["minute"] or 0),
            int(fields["second"] or 0),
            int(fraction),
        )
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None
    zone = _zone(fields["zone"])
    if zone is not None:
        result = result.replace(tzinfo=zone)
    return result


def _day_and_month(fields: dict[str, str]) -> dict[str, str]:
    """Which of a year-last date's first two numbers is the month (see _YEAR_LAST), and a
    two-digit year in its century as Python's %y reads it (69 to 99 are the 1900s)."""
    first, second = int(fields["first"]), int(fields["other"])
    month_first = fields["sep"] in "/-" and first <= 12
    month, day = (first, second) if month_first else (second, first)
    year = int(fields["year"])
    if len(fields["year"]) == 2:
        year += 1900 if year >= 69 else 2000
    return {"month": str(month), "day": str(day), "year": str(year)}


def day_month_order_guessed(text: str) -> bool:
    """A year-last date whose day and month could be read either way (03/07/2005): read month
    first, as Quarto and JavaScript read it, but worth a word, as a wrong date moves a post."""
    match = _YEAR_LAST.match(text.strip())
    if match is None:
        return False
    first, second = int(match.group("first")), int(match.group("other"))
    return first != second and first <= 12 and second <= 12


# The `{{ date }}` Hexo's scaffolds write into every new post: 2018-02-03 23:50:48, no zone.
_HEXO_SCAFFOLD = lazy_pattern(r"\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s*$")


def in_hexo_scaffold_form(text: str) -> bool:
    """Whether a date is written as `hexo new` writes one: such a post came from Hexo whatever
    else it holds (a LeetCode note has only categories), so an impossible day rolls over as
    Hexo rolled it."""
    return _HEXO_SCAFFOLD.match(text) is not None


def rolled_over(text: str) -> datetime | None:
    """The date Hexo published for an impossible numeric date such as 2018-02-31, else None.

    Hexo never checks a day against its month: js-yaml builds `2018-02-31` with `Date.UTC`
    and `2018/2/31` goes to JavaScript's `new Date`, and both carry the extra days into the
    next month (2018-03-03). A day past 31 or a month past 12 is refused by `new Date`, so
    only days 29 to 31 that the month lacks roll over here.
    """
    match = _NUMERIC.match(text.strip())
    if match is None:
        return None
    fields = match.groupdict()
    year, month, day = int(fields["year"]), int(fields["month"]), int(fields["day"])
    if not (1 <= month <= 12 and 29 <= day <= 31):
        return None
    try:
        read_date(text)
        return None  # a real date: nothing to roll over
    except ValueError:
        pass
    try:
        start = datetime(
            year, month, 1, int(fields["hour"] or 0), int(fields["minute"] or 0), int(fields["second"] or 0)
        )
    except ValueError:
        return None  # the time is wrong too: an error like any other
    zone = _zone(fields["zone"])
    rolled = start + timedelta(days=day - 1)
    return rolled.replace(tzinfo=zone) if zone is not None else rolled


def _zone(written: str | None) -> timezone | None:
    if not written:
        return None
    spelled = re.sub(r"\s+", "", written.upper()).removeprefix("GMT").removeprefix("UTC")
    if spelled in ("", "Z"):
        return UTC
    sign = -1 if spelled[0] == "-" else 1
    digits = spelled[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    offset = timedelta(hours=int(hours), minutes=int(minutes))
    if offset >= timedelta(hours=24) or int(minutes) >= 60:
        raise ValueError(f"'{written}' is not a time zone offset")
    return timezone(sign * offset)
