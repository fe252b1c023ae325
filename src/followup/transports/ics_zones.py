"""The instant an invitation's DTSTART or DTEND names, whatever zone it is written in.

The zones invitations carry: IANA names (`Europe/Berlin`), Windows names
(`W. Europe Standard Time`, mapped by icalendar's CLDR table), "globally
unique" names (`/freeassociation.sourceforge.net/Europe/Berlin`), a custom
VTIMEZONE block under any name, UTC (`...Z`), and floating times (no zone;
read later in the employer's zone).

A VTIMEZONE block in the file is the definition of its TZID (RFC 5545
3.2.19): the sender's calendar wrote the local times with those rules, so
when a block disagrees with the zone its name suggests, the block wins and
a warning says so. Each file's blocks are built afresh: icalendar keeps a
process-wide cache of custom zones by name, and a long-running process must
not read one sender's "Eastern Standard Time" with another sender's rules.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cache

import icalendar
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from followup.transports.ics_read import InvitationError

HALF_YEAR = timedelta(days=182)
# Where most employers are, tried first when a custom block must be named.
PREFERRED = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Toronto",
    "America/Sao_Paulo", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid",
    "Europe/Helsinki", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore",
    "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland",
)


@dataclass(frozen=True, slots=True)
class When:
    """One DTSTART or DTEND: a wall time and the zone it is read in."""

    wall: datetime  # naive
    zone: tzinfo | None  # None: a floating time
    zone_name: str | None  # the IANA name of `zone`, when one is known
    warning: str | None = None

    def instant(self, floating_zone: tzinfo) -> datetime:
        """The aware moment (UTC); a floating time is read in `floating_zone`."""
        return self.wall.replace(tzinfo=self.zone or floating_zone).astimezone(UTC)


def blocks_of(calendar: icalendar.Calendar) -> dict[str, icalendar.Timezone]:
    return {
        str(block["TZID"]).strip(): block
        for block in calendar.walk("VTIMEZONE")
        if isinstance(block, icalendar.Timezone) and block.get("TZID")
    }


def read_when(
    event: icalendar.Event, name: str, blocks: dict[str, icalendar.Timezone]
) -> When:
    """The DTSTART or DTEND of `event`, or InvitationError saying what is wrong."""
    prop = event.get(name)
    if prop is None:
        raise InvitationError(f"the event has no {name}")
    try:
        value = prop.dt
    except Exception:  # icalendar keeps an unreadable value as a "broken" property
        value = None
    if not isinstance(value, date):
        raise InvitationError(f"{name}: not a date and time: {_raw(prop)!r}")
    if not isinstance(value, datetime):
        raise InvitationError(
            "an all-day event is not an interview: it has no start time "
            "(add the interview with `followup add interview`)"
        )
    wall = value.replace(tzinfo=None)
    tzid = prop.params.get("TZID")
    if tzid:
        return resolve(str(tzid), blocks, wall)
    if value.tzinfo is not None:  # UTC (...Z), or a zone x-wr-timezone gave it
        key = getattr(value.tzinfo, "key", None)
        if isinstance(key, str) and key in _known():
            return When(wall, value.tzinfo, key)
        return When(value.astimezone(UTC).replace(tzinfo=None), UTC, "UTC")
    return When(wall, None, None)


def _raw(prop: object) -> str:
    raw = getattr(prop, "to_ical", None)
    text = raw() if callable(raw) else prop
    return (text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text))[:60]


def resolve(tzid: str, blocks: dict[str, icalendar.Timezone], wall: datetime) -> When:
    named = named_zone(tzid)
    block = blocks.get(tzid.strip())
    if block is None:
        if named is None:
            raise InvitationError(
                f"unknown time zone {tzid!r}, and the file has no VTIMEZONE for it"
            )
        return When(wall, named, named.key)
    custom = _build(block, tzid)
    if named is not None and _offset(wall, named) == _offset(wall, custom):
        return When(wall, named, named.key)
    warning = None
    if named is not None:
        warning = (
            f"the invitation's own rules for {tzid!r} give UTC{_shown(_offset(wall, custom))} "
            f"on {wall:%Y-%m-%d}, where {named.key} is at UTC{_shown(_offset(wall, named))}: "
            "times read with the invitation's rules, as the sender's calendar shows them"
        )
    return When(wall, custom, identify(custom, wall), warning)


def named_zone(tzid: str) -> zoneinfo.ZoneInfo | None:
    """The IANA zone a TZID names: itself, a Windows name, or a global id's tail."""
    cleaned = tzid.strip().strip("/")
    candidates = [cleaned, WINDOWS_TO_OLSON.get(cleaned, "")]
    if tzid.strip().startswith("/"):
        parts = cleaned.split("/")
        candidates += ["/".join(parts[start:]) for start in range(1, len(parts))]
    for candidate in candidates:
        if candidate in _known():
            return zoneinfo.ZoneInfo(candidate)
    return None


def identify(zone: tzinfo, wall: datetime) -> str | None:
    """An IANA zone keeping the same offsets as `zone` around `wall`, if any."""
    probes = (wall - HALF_YEAR, wall, wall + HALF_YEAR)
    wanted = [_offset(moment, zone) for moment in probes]
    for name in _regional():
        candidate = zoneinfo.ZoneInfo(name)
        if [_offset(moment, candidate) for moment in probes] == wanted:
            return name
    return None


def _build(block: icalendar.Timezone, tzid: str) -> tzinfo:
    try:
        built: tzinfo = tzp.create_timezone(block)
    except Exception as error:  # dateutil refuses malformed STANDARD/DAYLIGHT rules
        raise InvitationError(f"the VTIMEZONE {tzid!r} cannot be read ({error})") from None
    return built


def _offset(wall: datetime, zone: tzinfo) -> timedelta | None:
    return wall.replace(tzinfo=zone).utcoffset()


def _shown(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory"})


@cache
def _regional() -> tuple[str, ...]:
    """Candidates for `identify`: CLDR's main zone of each Windows zone (the
    big cities: America/New_York before America/Detroit), then every other
    zone named after a place."""
    main = [*PREFERRED, *sorted(
        {name for name in WINDOWS_TO_OLSON.values() if name in _known()} - set(PREFERRED)
    )]
    areas = ("America/", "Europe/", "Asia/", "Australia/", "Africa/", "Pacific/", "Atlantic/",
             "Indian/")
    rest = sorted(name for name in _known() if name.startswith(areas) and name not in main)
    return (*[name for name in main if "/" in name and not name.startswith("Etc/")], *rest)
