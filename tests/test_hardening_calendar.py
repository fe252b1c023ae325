"""Item 2 of issue 8: business-day arithmetic anywhere in the accepted range is right and cheap."""

from __future__ import annotations

import time
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain import limits
from followup.domain.calendar import BusinessCalendar, business_days

DAYS = st.dates(min_value=limits.EARLIEST_DATE, max_value=limits.LATEST_DATE)
PLACES = st.sampled_from([("US", "IL"), ("DE", "BY"), ("GB", None), ("JP", None)])


def _walk(calendar: BusinessCalendar, day: date, count: int) -> date:
    """The slow, obvious answer: step one day at a time."""
    step = timedelta(days=1 if count >= 0 else -1)
    if count == 0:
        while not calendar.is_business_day(day):
            day += step
        return day
    while not calendar.is_business_day(day):  # as the planner counts: from a business day
        day -= step
    for _ in range(abs(count)):
        day += step
        while not calendar.is_business_day(day):
            day += step
    return day


@settings(max_examples=60, deadline=None)
@given(day=DAYS, count=st.integers(-30, 400), place=PLACES)
def test_adding_business_days_matches_walking_day_by_day(day: date, count: int, place) -> None:
    country, subdivision = place
    calendar = BusinessCalendar("UTC", country, subdivision)
    if calendar.is_business_day(day) or count == 0:
        assert calendar.add_business_days(day, count) == _walk(calendar, day, count)


def test_dates_at_both_ends_of_the_range_cost_only_their_own_years() -> None:
    business_days.cache_clear()
    calendar = BusinessCalendar("America/Chicago", "US", "IL")
    started = time.monotonic()
    for day in (limits.EARLIEST_DATE, limits.LATEST_DATE):
        for count in (-10, 0, 5, 365):
            assert limits.date_problem(calendar.add_business_days(day, 0)) is None or (
                day == limits.LATEST_DATE)
            calendar.add_business_days(day, count)
    assert time.monotonic() - started < 5
    assert len(business_days("US", "IL").years) < 12  # not the 230 years in between
