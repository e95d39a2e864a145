"""Jekyll (Chirpy) dates with a three-digit offset, as Ruby reads them; one blog of the fifteen
measured for issue 23 stopped on them."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.content.loader import parse_date


@pytest.mark.parametrize(
    ("written", "hours"),
    [("2024-01-26 12:00:00 -500", -5), ("2024-03-6 12:00:00 -500", -5), ("2024-02-03 7:00:00 +0800", 8)],
)
def test_offsets_without_a_colon(written: str, hours: int) -> None:
    when = parse_date(written, ZoneInfo("Asia/Shanghai"))
    assert when.utcoffset() == timedelta(hours=hours) and when.hour in (7, 12)
