"""`followup calendar`: the plan as RFC 5545, read back by two independent parsers.

icalendar reads the zones by name; vobject builds them from the VTIMEZONE
blocks the feed carries, so an event lands at the agenda's instant only if
those blocks are right on both sides of a DST change.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import CONTRACT_EXAMPLE

AS_OF = "2026-10-26T12:00:00+00:00"  # before the US change from CDT to CST (1 November)
DAYS = "40"
ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _record() -> dict[str, Any]:
    document = copy.deepcopy(CONTRACT_EXAMPLE)
    acme = document["opportunities"][0]
    acme["touches"] = []
    first = {"ref": "r0", "round": 1, "format": "video", "interviewers": ["omar"],
             "start": "2026-10-28T10:00:00-05:00", "end": "2026-10-28T11:00:00-05:00"}
    acme["interviews"][0]["round"] = 2
    acme["interviews"].insert(0, first)
    other = copy.deepcopy(acme)
    other.update(ref="globex", company="Globex", time_zone="Europe/Berlin", country="DE",
                 subdivision="BE")
    for contact in other["contacts"]:
        contact["email"] = contact["email"].replace("acme", "globex")
    for interview in other["interviews"]:
        interview["start"] = interview["start"].replace("-05:00", "+01:00").replace("-06:00",
                                                                                     "+01:00")
        interview["end"] = interview["end"].replace("-05:00", "+01:00").replace("-06:00", "+01:00")
    other["interviews"][1]["cancelled"] = True
    document["opportunities"].append(other)
    return document


@pytest.fixture
def record(db_url: str, tmp_path: Path) -> str:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(_record()), encoding="utf-8")
    assert run(db_url, "import", str(path)).exit_code == 0
    return db_url


def feed(url: str, *more: str) -> str:
    result = run(url, "calendar", "--as-of", AS_OF, "--days", DAYS, *more)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode("utf-8")


def agenda(url: str) -> list[dict[str, Any]]:
    until = (datetime.fromisoformat(AS_OF) + timedelta(days=int(DAYS))).isoformat()
    result = run(url, "agenda", "--as-of", AS_OF, "--until", until, "--format", "json")
    actions: list[dict[str, Any]] = json.loads(result.stdout)["actions"]
    return actions


def by_icalendar(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["UID"]): event for event in calendar.events}


def by_vobject(text: str) -> dict[str, Any]:
    calendar = vobject.readOne(text)
    return {event.uid.value: event for event in calendar.vevent_list}


@ON_BOTH
def test_every_action_lands_at_the_agenda_s_due_instant_in_both_parsers(record: str) -> None:
    text = feed(record)
    actions = agenda(record)
    assert len(actions) >= 8
    first, second = by_icalendar(text), by_vobject(text)
    for action in actions:
        uid = f"action/{action['key']}@followup.invalid"
        due = datetime.fromisoformat(action["due"])
        assert first[uid]["DTSTART"].dt == due, uid
        assert second[uid].dtstart.value == due, uid
        zone = first[uid]["DTSTART"].params["TZID"]
        assert zone == ("Europe/Berlin" if action["opportunity"] == "globex"
                        else "America/Chicago")
        assert str(first[uid]["DESCRIPTION"]).startswith(action["why"])
    offsets = {second[f"action/{a['key']}@followup.invalid"].dtstart.value.utcoffset()
               for a in actions if a["opportunity"] == "acme-pm"}
    assert offsets == {timedelta(hours=-5), timedelta(hours=-6)}  # both sides of the change


@ON_BOTH
def test_upcoming_interviews_are_busy_events_and_a_cancelled_one_says_so(record: str) -> None:
    events = by_icalendar(feed(record))
    held = events["interview/acme-pm/r1@followup.invalid"]
    assert held["DTSTART"].dt == datetime(2026, 11, 20, 16, tzinfo=UTC)
    assert held["DTEND"].dt == datetime(2026, 11, 20, 19, tzinfo=UTC)
    assert str(held["TRANSP"]) == "OPAQUE" and "STATUS" not in held
    assert "Jane Roe, Omar Haddad" in str(held["DESCRIPTION"])
    cancelled = events["interview/globex/r1@followup.invalid"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert not any(uid.startswith("action/globex/thank_you/r1/") for uid in events)


def test_the_feed_is_rfc_5545_with_zones_refresh_and_drafts(record: str) -> None:
    text = feed(record)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(text)
    assert {str(block["TZID"]) for block in calendar.timezones} == {
        "America/Chicago", "Europe/Berlin"}
    assert calendar.get_missing_tzids() == set()
    assert calendar.refresh_interval == timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"].to_ical().decode()) == "PT1H"
    thanks = by_icalendar(text)["action/acme-pm/thank_you/r0/omar@followup.invalid"]
    description = str(thanks["DESCRIPTION"])
    assert "\nSubject: " in description
    assert "followup draft acme-pm/thank_you/r0/omar" in description
    assert str(thanks["SUMMARY"]) == "Thank-you to Omar Haddad (Acme)"
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75  # folded as RFC 5545 asks


def test_same_record_same_bytes_and_a_change_moves_only_its_own_events(record: str) -> None:
    from followup.store import models as db

    # The import was a moment ago; a change in the same second would look like none.
    db.Opportunity.objects.update(updated_at=datetime(2026, 10, 1, tzinfo=UTC))
    first = feed(record)
    assert feed(record) == first
    stamps = {uid: e["LAST-MODIFIED"].dt for uid, e in by_icalendar(first).items()}
    edit = run(record, "edit", "opportunity", "acme-pm", "--role", "Senior Product Manager")
    assert edit.exit_code == 0, edit.stderr
    later = by_icalendar(feed(record))
    assert set(later) == set(stamps)
    for uid, event in later.items():
        assert uid in stamps  # the same UIDs: calendars replace, never double
        changed = event["LAST-MODIFIED"].dt != stamps[uid]
        assert changed == ("/acme-pm/" in uid), uid


def test_an_empty_record_gives_an_empty_calendar(db_url: str) -> None:
    result = run(db_url, "calendar", "--as-of", AS_OF)
    assert result.exit_code == 0
    calendar = icalendar.Calendar.from_ical(result.stdout_bytes)
    assert calendar.events == [] and str(calendar["VERSION"]) == "2.0"


def test_output_to_a_file(record: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.ics"
    assert run(record, "calendar", "--as-of", AS_OF, "--days", DAYS, "-o", str(path)).exit_code == 0
    assert path.read_bytes().decode("utf-8") == feed(record)
