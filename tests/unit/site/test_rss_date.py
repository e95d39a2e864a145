"""RSS dates are written by feeds.rss_date, not email.utils: the same text for every moment."""

from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

from hypothesis import given
from hypothesis import strategies as st

from generator.site.feeds import rss_date

OFFSETS = st.one_of(
    st.none(),
    st.just(UTC),
    st.integers(min_value=-23 * 60, max_value=23 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes))),
    st.timezones(),
)


@given(st.datetimes(timezones=OFFSETS))
def test_rss_date_is_what_email_utils_writes(moment: datetime) -> None:
    assert rss_date(moment) == format_datetime(moment)


def test_rss_date_in_shanghai() -> None:
    moment = datetime(2024, 3, 9, 8, 5, 1, tzinfo=timezone(timedelta(hours=8)))
    assert rss_date(moment) == "Sat, 09 Mar 2024 08:05:01 +0800"


def test_a_moment_without_offset_says_so() -> None:
    assert rss_date(datetime(999, 12, 31, 23, 59, 59)) == "Tue, 31 Dec 0999 23:59:59 -0000"
