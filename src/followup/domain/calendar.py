"""The employer's business calendar (R16): weekends, public holidays, hours.

Business-day offsets skip Saturdays, Sundays and the public holidays of the
employer's country and subdivision. Holiday sets come from the `holidays`
package and are cached per (country, subdivision, year), because building
them is far slower than everything the planner does with them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import Final
from zoneinfo import ZoneInfo

from followup.domain.clock import end_of_day as end_of_day  # re-exported: its callers read it here
from followup.domain.clock import zone as zone  # re-exported too

ONE_DAY: Final = timedelta(days=1)
SECOND: Final = timedelta(seconds=1)


# 1970-01-01 00:00 on each zone's own clock, by tzinfo (see `stamp`).
_EPOCHS: Final[dict[tzinfo, datetime]] = {}


def stamp(moment: datetime) -> float:
    """POSIX seconds of an aware `moment`: exactly `moment.timestamp()`, in half the time.

    Subtracting two datetimes of one tzinfo is plain wall-clock arithmetic (no
    offset look-ups), so only the moment's own offset is asked for, straight
    from its tzinfo; `timestamp()` goes through slower generic calls.
    """
    tz = moment.tzinfo
    epoch = _EPOCHS.get(tz)  # type: ignore[arg-type]
    if epoch is None:
        if tz is None or moment.utcoffset() is None:
            return moment.timestamp()
        epoch = _EPOCHS[tz] = datetime(1970, 1, 1, tzinfo=tz)
    delta = moment - epoch - tz.utcoffset(moment)  # type: ignore[operator,union-attr]
    if delta.microseconds:
        return delta / SECOND  # as timestamp() rounds it
    # Whole seconds (nearly every moment the planner meets): exact as a float,
    # and without the big-integer arithmetic of dividing two timedeltas.
    return delta.days * 86400.0 + delta.seconds  # float arithmetic: float(int) is slower


def is_late(now: datetime, due: datetime, latest: datetime | None) -> bool:
    return now > (latest if latest is not None else due)


HolidaySource = Callable[[str, str | None, int], frozenset[date]]


def compute_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """One year's public holidays, worked out by the `holidays` package."""
    # Imported here, not at the top: it takes ~140 ms, and a warm cache never needs it.
    import warnings

    import holidays

    with warnings.catch_warnings():
        # Outside the years it knows, the package warns on standard error
        # (and knows no holidays); a command's output must stay clean.
        warnings.simplefilter("ignore")
        found = holidays.country_holidays(country, subdiv=subdivision, years=year)
    return frozenset(found.keys())


_source: list[HolidaySource] = [compute_holidays]


def use_holiday_source(source: HolidaySource | None) -> None:
    """Answer holiday questions from `source` (None: compute them again).

    The store uses this to remember holiday sets across processes, since a
    fresh command would otherwise spend most of its time recomputing them.
    """
    _source[0] = source or compute_holidays
    holiday_dates.cache_clear()
    business_days.cache_clear()


@cache
def holiday_dates(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """The public holidays of one year, as a frozen set for O(1) membership."""
    return _source[0](country, subdivision, year)


class _BusinessDays:
    """The business days of one country and subdivision, as sorted day ordinals per year.

    Adding N business days is then a binary search and an index into a
    year's table (stepping into the next or previous year when N runs past
    it), instead of a day-by-day walk; the planner does this for every action
    it plans. Years are worked out on demand and only those asked for, so a
    record spanning 1970 and 2199 costs two years' tables, not 230.
    """

    __slots__ = ("country", "subdivision", "years")

    def __init__(self, country: str, subdivision: str | None) -> None:
        self.country, self.subdivision = country, subdivision
        self.years: dict[int, list[int]] = {}

    def year(self, year: int) -> list[int]:
        found = self.years.get(year)
        if found is None:
            found = self.years[year] = self._year(year)
        return found

    def _year(self, year: int) -> list[int]:
        closed = holiday_dates(self.country, self.subdivision, year)
        day, out = date(year, 1, 1), []
        while day.year == year:
            if day.weekday() < 5 and day not in closed:
                out.append(day.toordinal())
            if day.month == 12 and day.day == 31:  # date.max has no tomorrow
                break
            day += ONE_DAY
        return out

    def pick(self, year: int, index: int) -> date:
        """The business day at `index` of `year`'s table, counting on into later
        years past its end and back into earlier ones below zero."""
        ordinals = self.year(year)
        while index >= len(ordinals):
            index -= len(ordinals)
            year += 1
            ordinals = self.year(year)
        while index < 0:
            year -= 1
            ordinals = self.year(year)
            index += len(ordinals)
        return date.fromordinal(ordinals[index])


@cache
def business_days(country: str, subdivision: str | None) -> _BusinessDays:
    return _BusinessDays(country, subdivision)


@cache
def calendar_for(
    time_zone: str, country: str, subdivision: str | None, start_hour: int = 9, end_hour: int = 17
) -> BusinessCalendar:
    """One shared calendar per employer setting (they are immutable)."""
    return BusinessCalendar(time_zone, country, subdivision, start_hour, end_hour)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Business days and hours of one employer, in its own time zone."""

    time_zone: str
    country: str
    subdivision: str | None = None
    start_hour: int = 9
    end_hour: int = 17
    tz: ZoneInfo = field(init=False, repr=False, compare=False)
    # Openings and closings by day: calendars are shared, and many actions of
    # many opportunities open and close on the same few days.
    _openings: dict[date, datetime] = field(init=False, repr=False, compare=False)
    _closings: dict[date, datetime] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Looked up once: the planner asks for the zone for nearly every date it touches.
        object.__setattr__(self, "tz", zone(self.time_zone))
        object.__setattr__(self, "_openings", {})
        object.__setattr__(self, "_closings", {})

    def is_business_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        return day not in holiday_dates(self.country, self.subdivision, day.year)

    def holiday_name(self, day: date) -> str | None:
        import warnings

        import holidays

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = holidays.country_holidays(
                self.country, subdiv=self.subdivision, years=day.year
            )
        name = found.get(day)
        return None if name is None else str(name)

    def add_business_days(self, day: date, count: int) -> date:
        """The business day `count` business days after `day` (before it, when negative).

        With count 0 the answer is `day` itself when it is a business day,
        else the next business day.
        """
        table = business_days(self.country, self.subdivision)
        ordinals = table.year(day.year)
        ordinal = day.toordinal()
        if count <= 0:
            return table.pick(day.year, bisect_left(ordinals, ordinal) + count)
        return table.pick(day.year, bisect_right(ordinals, ordinal) + count - 1)

    def on_or_after(self, day: date) -> date:
        """`day` when it is a business day, else the next one."""
        return self.add_business_days(day, 0)

    def on_or_before(self, day: date) -> date:
        """`day` when it is a business day, else the one before."""
        table = business_days(self.country, self.subdivision)
        ordinals = table.year(day.year)
        return table.pick(day.year, bisect_right(ordinals, day.toordinal()) - 1)

    def local_date(self, moment: datetime) -> date:
        """The calendar day `moment` falls on, in the employer's zone."""
        tz = self.tz
        if moment.tzinfo is tz:  # ZoneInfo objects are shared per key: a cheap, common case
            return moment.date()
        return moment.astimezone(tz).date()

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """An aware local time on `day`; zoneinfo resolves DST gaps and folds."""
        return datetime.combine(day, time(hour, minute), self.tz)

    def opening(self, day: date) -> datetime:
        found = self._openings.get(day)
        if found is None:
            found = self._openings[day] = self.at(day, self.start_hour)
        return found

    def closing(self, day: date) -> datetime:
        found = self._closings.get(day)
        if found is None:
            found = self._closings[day] = self.at(day, self.end_hour)
        return found

    def next_business_morning(self, moment: datetime) -> datetime:
        """The first business-day opening strictly after `moment`."""
        day = self.local_date(moment)
        if self.is_business_day(day) and moment < self.opening(day):
            return self.opening(day)
        return self.opening(self.on_or_after(day + ONE_DAY))

    def within_hours(self, moment: datetime) -> bool:
        local = moment.astimezone(self.tz)
        if not self.is_business_day(local.date()):
            return False
        return self.start_hour <= local.hour < self.end_hour


def plus_hours(moment: datetime, hours: float, moment_stamp: float | None = None) -> datetime:
    """`moment` plus exact elapsed hours, shown on the same zone's clock.

    Python adds a timedelta to an aware datetime on the wall clock, so across
    a daylight-saving change "24 hours later" would really be 23 or 25. R16
    wants real hours: add in UTC, then return to the original zone.
    `moment_stamp` is `moment`'s POSIX time, when the caller knows it.
    """
    zone_of = moment.tzinfo
    if zone_of is not None and moment.microsecond == 0 and hours == int(hours):
        # Whole seconds are exact as floats: POSIX arithmetic, no UTC detour.
        at = stamp(moment) if moment_stamp is None else moment_stamp
        return datetime.fromtimestamp(at + int(hours) * 3600, zone_of)
    shifted = moment.astimezone(UTC) + timedelta(hours=hours)
    return shifted.astimezone(zone_of)


