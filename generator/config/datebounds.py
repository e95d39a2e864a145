"""Keeping a post's date inside the range every later step can handle.

Python's datetime stops at year 1 and 9999: a post dated 0001-01-01T00:00+08:00 overflows
when converted to UTC for a feed, and 9999-12-31T23:59-08:00 when converted forward. And
before time zones were standardised, a zone's offset was local mean time (Asia/Shanghai
was +08:05:43 until 1901), which no sitemap or feed format can write. So a date must lie
in the years 1900 to 9999 (before 9999-12-31), and a date written without an offset in such
an early year gets the zone's modern standard offset.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

EARLIEST = datetime(1900, 1, 1)
LATEST = datetime(9999, 12, 31)  # exclusive: a day of margin for any offset
_MODERN = datetime(2000, 1, 1)


def within_bounds(value: datetime, written: Any, tz: ZoneInfo) -> datetime:
    """`value` if a site can publish it (with a whole-minute offset); ValueError otherwise."""
    naive = value.replace(tzinfo=None)
    if not EARLIEST <= naive < LATEST:
        raise ValueError(f"'{written}' is outside the years 1900 to 9999")
    offset = value.utcoffset() or timedelta()
    if offset.seconds % 60 and value.tzinfo is tz:  # local mean time: use the zone's standard offset
        standard = tz.utcoffset(_MODERN) or timedelta()
        return value.replace(tzinfo=timezone(standard))
    return value
