"""Small helpers that put dates and times into plain English for the `why`."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Final

from followup.domain.calendar import zone

DAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# '13:05' for each minute of the day: formatting two numbers costs more than a look-up.
CLOCK: Final = tuple(f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60))
COUNT_WORDS: Final = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@cache
def day(value: date) -> str:
    """'Wednesday 18 November' (no locale lookups; cached: a record has few distinct days)."""
    return f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]}"


def day_in(moment: datetime, time_zone: str) -> str:
    return day(moment.astimezone(zone(time_zone)).date())


def day_and_time_in(moment: datetime, time_zone: str) -> str:
    """'Thursday 19 November at 13:00', read in `time_zone`."""
    local = moment.astimezone(zone(time_zone))
    return f"{day(local.date())} at {CLOCK[local.hour * 60 + local.minute]}"


def count(number: int, noun: str) -> str:
    """'two business days', 'one follow-up'."""
    word = COUNT_WORDS[number] if 0 <= number < len(COUNT_WORDS) else str(number)
    return f"{word} {noun}{'' if number == 1 else 's'}"
