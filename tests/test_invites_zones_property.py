"""Any zone, any wall time: an invitation written with that zone reads back to the same instant.

Each case writes the zone three ways an invitation can (its IANA name alone,
its name with a VTIMEZONE block icalendar builds from the zone database,
and the block under a made-up name), then checks the instant against
zoneinfo. Times in a DST gap or overlap are left out: there the wall time
alone does not name one instant.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.transports.invitation import read_invitation

ZONES = sorted(
    name for name in zoneinfo.available_timezones()
    if name.startswith(("America/", "Europe/", "Asia/", "Australia/", "Africa/", "Pacific/"))
)
WALLS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2028, 12, 31)).map(
    lambda moment: moment.replace(second=0, microsecond=0)
)


def _unambiguous(wall: datetime, zone: zoneinfo.ZoneInfo) -> bool:
    early, late = wall.replace(tzinfo=zone), wall.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        return False  # an overlap
    return early.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall  # not a gap


def _invitation(tzid: str, wall: datetime, block: icalendar.Timezone | None) -> bytes:
    def stamp(moment: datetime) -> str:
        return moment.strftime("%Y%m%dT%H%M%S")

    blocks = ""
    if block is not None:
        renamed = block.copy()
        renamed.subcomponents = block.subcomponents
        renamed["TZID"] = tzid
        blocks = renamed.to_ical().decode()
    end = wall + timedelta(hours=1)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n" + blocks
        + "BEGIN:VEVENT\r\nUID:p@example.test\r\nDTSTAMP:20260101T000000Z\r\n"
        + f'DTSTART;TZID="{tzid}":{stamp(wall)}\r\nDTEND;TZID="{tzid}":{stamp(end)}\r\n'
        + "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(ZONES), wall=WALLS)
def test_a_named_or_described_zone_reads_back_to_the_zoneinfo_instant(
    name: str, wall: datetime
) -> None:
    zone = zoneinfo.ZoneInfo(name)
    if not (_unambiguous(wall, zone) and _unambiguous(wall + timedelta(hours=1), zone)):
        return
    expected = wall.replace(tzinfo=zone).astimezone(UTC)
    expected_end = (wall + timedelta(hours=1)).replace(tzinfo=zone).astimezone(UTC)
    around = timedelta(days=200)
    block = icalendar.Timezone.from_tzid(
        name, first_date=wall.date() - around, last_date=wall.date() + around
    )
    for tzid, with_block in ((name, None), (name, block), ("Custom Zone", block)):
        invitation = read_invitation(_invitation(tzid, wall, with_block), [], None)
        assert invitation.start.instant(UTC) == expected, (tzid, with_block is not None)
        assert invitation.end.instant(UTC) == expected_end
        assert invitation.warnings == ()
