"""Zones and day boundaries with nothing but the standard library.

Kept apart from `calendar` (business days, holidays, openings) so that a
read that only needs "the end of the user's day" does not pay for importing
the business calendar: `today` on a long history costs little more than on
an empty record. `calendar` re-exports both names.
"""

from __future__ import annotations

from datetime import datetime, time
from functools import cache
from zoneinfo import ZoneInfo


@cache
def zone(name: str) -> ZoneInfo:
    """A ZoneInfo by name (cached: the lookup reads a file the first time)."""
    return ZoneInfo(name)


def end_of_day(moment: datetime, time_zone: str) -> datetime:
    """The last second of the day `moment` falls on, in `time_zone`."""
    local = moment.astimezone(zone(time_zone))
    return datetime.combine(local.date(), time(23, 59, 59), local.tzinfo)
