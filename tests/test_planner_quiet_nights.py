"""Nights.around, looked up by UTC day, finds the night the local day would (R16).

The planner finds the night a moment on another zone's clock falls in from
its POSIX time alone (issue 11); this checks that against the plain way:
convert to the user's zone, take that day's and the previous day's nights.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.quiet import Nights

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia",
         "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati", "UTC"]
OTHER = [ZoneInfo(name) for name in ("UTC", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Apia")]
HOURS = [(21, 8), (22, 7), (1, 6), (0, 23), (8, 21)]


def _plain(moment: datetime, tz: ZoneInfo, start_hour: int, end_hour: int) -> (
        tuple[datetime, datetime] | None):
    day = moment.astimezone(tz).date()
    at = moment.timestamp()
    for first in (day - timedelta(days=1), day):
        start = datetime.combine(first, time(start_hour), tz)
        last = first + timedelta(days=1) if end_hour <= start_hour else first
        end = datetime.combine(last, time(end_hour), tz)
        if moment.tzinfo is tz:  # one tzinfo: Python compares wall clocks, and so does R16
            if start < moment < end:
                return start, end
        elif start.timestamp() < at < end.timestamp():
            return start, end
    return None


@settings(max_examples=3000, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    hours=st.sampled_from(HOURS),
    other=st.sampled_from(OTHER),
    moment=st.datetimes(min_value=datetime(2011, 1, 1), max_value=datetime(2031, 1, 1)),
    minute_only=st.booleans(),
)
def test_the_night_by_utc_day_is_the_night_by_local_day(
    zone: str, hours: tuple[int, int], other: ZoneInfo, moment: datetime, minute_only: bool
) -> None:
    tz = ZoneInfo(zone)
    at = moment.replace(tzinfo=UTC).astimezone(other)
    if minute_only:
        at = at.replace(second=0, microsecond=0)
    nights = Nights(tz, *hours)
    assert nights.around(at, None) == _plain(at, tz, *hours)
    assert nights.around(at, at.timestamp()) == _plain(at, tz, *hours)


def test_the_day_samoa_skipped_keeps_its_neighbours_nights() -> None:
    """Pacific/Apia went from UTC-10 to UTC+14 at the end of 29 December 2011."""
    tz = ZoneInfo("Pacific/Apia")
    nights = Nights(tz, 21, 8)
    start = datetime(2011, 12, 29, 0, tzinfo=UTC)
    for step in range(0, 3 * 24 * 60, 7):
        at = start + timedelta(minutes=step)
        assert nights.around(at, None) == _plain(at, tz, 21, 8), at
    assert date(2011, 12, 30) not in {
        datetime.fromtimestamp(start.timestamp() + h * 3600, tz).date() for h in range(72)}


CHANGES = [("Europe/Berlin", date(2026, 3, 28)), ("Europe/Berlin", date(2026, 10, 24)),
           ("America/Sao_Paulo", date(2019, 2, 15)), ("Australia/Lord_Howe", date(2026, 4, 4)),
           ("America/St_Johns", date(2026, 10, 31)), ("Pacific/Apia", date(2011, 12, 28))]


def test_every_few_minutes_across_clock_changes_the_nights_are_the_plain_ones() -> None:
    for zone, day in CHANGES:
        tz = ZoneInfo(zone)
        for hours in HOURS:
            nights = Nights(tz, *hours)
            start = datetime.combine(day, time(0), UTC)
            for step in range(0, 4 * 24 * 60, 11):
                for other in OTHER:
                    at = (start + timedelta(minutes=step)).astimezone(other)
                    assert nights.around(at, None) == _plain(at, tz, *hours), (zone, hours, at)
