"""Writing the plan as an iCalendar (RFC 5545) feed, with icalendar.

Every event's time carries its zone's TZID and the file carries a VTIMEZONE
block for each zone used (icalendar builds them from the zone database), so
a calendar program shows each action at the same instant the agenda gives.
The same events give the same bytes: DTSTAMP and LAST-MODIFIED come from
the record's last change, never from the clock, so a subscribed calendar
sees no change where there was none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

from followup import __version__

PRODID = f"-//followup//followup {__version__}//EN"
REFRESH = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class FeedEvent:
    uid: str
    summary: str
    description: str
    start: datetime  # aware, in the zone it is shown in (a ZoneInfo)
    end: datetime
    changed: datetime  # the record's last change: DTSTAMP and LAST-MODIFIED
    categories: tuple[str, ...] = ()
    cancelled: bool = False
    location: str | None = None
    busy: bool = False  # an interview takes the time; an action is a reminder


def write_feed(name: str, events: Sequence[FeedEvent]) -> str:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.calendar_name = name
    calendar.refresh_interval = REFRESH
    # The same, for Outlook and Apple Calendar, which predate REFRESH-INTERVAL.
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH))
    for item in events:
        calendar.add_component(_event(item))
    if events:
        # Whole years, so each block shows its zone's summer and winter rules.
        first = date(min(e.start for e in events).year, 1, 1)
        last = date(max(e.end for e in events).year + 1, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
        # Zones come back in set order; sorted, the same plan gives the same bytes.
        blocks = sorted(calendar.timezones, key=lambda block: str(block["TZID"]))
        calendar.subcomponents = [*blocks, *calendar.walk("VEVENT")]
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _event(item: FeedEvent) -> icalendar.Event:
    event = icalendar.Event()
    event.add("UID", item.uid)
    changed = item.changed.astimezone(UTC)
    event.add("DTSTAMP", changed)
    event.add("LAST-MODIFIED", changed)
    event.add("SUMMARY", item.summary)
    event.add("DTSTART", item.start)
    event.add("DTEND", item.end)
    event.add("DESCRIPTION", item.description)
    if item.location:
        event.add("LOCATION", item.location)
    if item.categories:
        event.add("CATEGORIES", list(item.categories))
    event.add("TRANSP", "OPAQUE" if item.busy else "TRANSPARENT")
    if item.cancelled:
        event.add("STATUS", "CANCELLED")
    return event
