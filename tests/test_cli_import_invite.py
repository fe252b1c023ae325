"""`followup import-invite`: invitations become interviews, people and plans.

Run on SQLite and PostgreSQL through the command line, as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401

INVITES = Path(__file__).parent / "invites"
AS_OF = "2026-10-20T12:00:00+00:00"  # the day the first invitations were sent
ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _opportunity(ref: str, company: str, zone: str, country: str, sub: str | None,
                 contacts: list[dict[str, Any]]) -> dict[str, Any]:
    return {"ref": ref, "company": company, "role": "Engineer", "time_zone": zone,
            "country": country, "subdivision": sub, "stage": "interviewing",
            "contacts": contacts}


def _contact(ref: str, name: str, email: str, *roles: str) -> dict[str, Any]:
    return {"ref": ref, "name": name, "email": email, "roles": list(roles)}


RECORD = {
    "format": "followup/1",
    "profile": {"name": "Sam Lee", "email": "sam@example.org", "time_zone": "America/New_York"},
    "opportunities": [
        _opportunity("acme-pm", "Acme", "America/New_York", "US", "NY",
                     [_contact("jane", "Jane Roe", "jane@acme.example", "hiring_manager")]),
        _opportunity("globex-data", "Globex", "Europe/Berlin", "DE", "BE",
                     [_contact("klaus", "Klaus Berger", "klaus.berger@globex.example",
                               "hiring_manager")]),
        _opportunity("initech-sre", "Initech", "America/Los_Angeles", "US", "CA",
                     [_contact("rita", "Rita Gómez", "rita.gomez@initech.example", "recruiter")]),
        _opportunity("umbrella", "Umbrella", "Europe/London", "GB", None,
                     [_contact("li", "Li Wei", "li.wei@umbrella.example", "hiring_manager")]),
        _opportunity("vandelay", "Vandelay", "America/Chicago", "US", "IL",
                     [_contact("art", "Art Vandelay", "art@vandelay.example", "recruiter")]),
        _opportunity("hooli", "Hooli", "America/New_York", "US", "CA", []),
    ],
}


@pytest.fixture
def record(db_url: str, tmp_path: Path) -> str:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(RECORD), encoding="utf-8")
    assert run(db_url, "import", str(path)).exit_code == 0
    return db_url


def invite(url: str, name: str, *more: str, as_of: str = AS_OF) -> dict[str, Any]:
    result = run(url, "import-invite", str(INVITES / name), "--as-of", as_of, "--format", "json",
                 *more)
    assert result.exit_code == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def exported(url: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run(url, "export").stdout)
    return document


def opportunity(url: str, ref: str) -> dict[str, Any]:
    return next(o for o in exported(url)["opportunities"] if o["ref"] == ref)


def agenda(url: str, as_of: str, until: str | None = None) -> list[dict[str, Any]]:
    args = ["agenda", "--as-of", as_of, "--format", "json"]
    actions: list[dict[str, Any]] = json.loads(
        run(url, *args, *(["--until", until] if until else [])).stdout)["actions"]
    return actions


@ON_BOTH
def test_an_exchange_invitation_becomes_an_interview_its_people_and_thank_yous(
    record: str,
) -> None:
    answer = invite(record, "exchange2010_request.eml")
    assert answer["result"] == "created" and answer["opportunity"] == "acme-pm"
    assert (answer["start"], answer["end"]) == (
        "2026-11-09T10:00:00-05:00", "2026-11-09T11:30:00-05:00")
    assert answer["interviewers"] == [
        {"ref": "jane", "name": "Jane Roe", "email": "jane@acme.example"},
        {"ref": "omar", "name": "Omar Haddad", "email": "omar.haddad@acme.example"},
    ]
    assert answer["coordinator"] == {"ref": "pat", "name": "Pat Kim",
                                     "email": "pat.kim@acme.example"}
    assert answer["added_contacts"] == ["omar", "pat"] and answer["format"] == "onsite"
    contacts = {c["ref"]: c["roles"] for c in opportunity(record, "acme-pm")["contacts"]}
    assert contacts == {"jane": ["hiring_manager"], "omar": ["interviewer"],
                        "pat": ["coordinator"]}
    keys = {a["key"] for a in agenda(record, "2026-11-09T17:00:00+00:00")}
    assert {"acme-pm/thank_you/r1/jane", "acme-pm/thank_you/r1/omar"} <= keys
    assert not any("/pat" in key for key in keys)  # the coordinator is thanked by no note


@ON_BOTH
def test_a_higher_sequence_reschedules_and_the_plan_moves_an_older_one_is_ignored(
    record: str,
) -> None:
    invite(record, "exchange2010_request.eml")
    before = {a["key"]: a["due"] for a in agenda(record, "2026-11-10T23:00:00+00:00")}
    moved = invite(record, "exchange2010_update.ics", as_of="2026-11-02T17:00:00+00:00")
    assert (moved["result"], moved["interview"], moved["sequence"]) == ("updated", "r1", 1)
    assert moved["start"] == "2026-11-10T14:00:00-05:00"
    after = {a["key"]: a["due"] for a in agenda(record, "2026-11-10T23:00:00+00:00")}
    key = "acme-pm/thank_you/r1/jane"
    assert after[key] != before[key] and after[key] > "2026-11-10T15:30:00-05:00"
    again = invite(record, "exchange2010_update.ics")
    assert again["result"] == "unchanged"
    old = invite(record, "exchange2010_request.eml")
    assert old["result"] == "unchanged" and "older" in old["reason"]
    interview = opportunity(record, "acme-pm")["interviews"][0]
    assert (interview["start"], interview["invite_sequence"]) == ("2026-11-10T14:00:00-05:00", 1)


@ON_BOTH
def test_a_cancellation_keeps_the_interview_and_plans_nothing_for_it(record: str) -> None:
    invite(record, "exchange2010_request.eml")
    invite(record, "exchange2010_update.ics")
    assert any("/r1" in a["key"] for a in agenda(record, "2026-11-03T12:00:00+00:00",
                                                 "2026-11-12T12:00:00+00:00"))
    answer = invite(record, "exchange2010_cancel.ics")
    assert (answer["result"], answer["cancelled"]) == ("cancelled", True)
    [interview] = opportunity(record, "acme-pm")["interviews"]
    assert interview["cancelled"] is True and interview["interviewers"] == ["jane", "omar"]
    assert agenda(record, "2026-11-03T12:00:00+00:00", "2026-11-30T12:00:00+00:00") == []
    assert invite(record, "exchange2010_cancel.ics")["result"] == "unchanged"
    assert invite(record, "exchange2010_update.ics")["result"] == "unchanged"  # older


@ON_BOTH
def test_the_organizer_alone_with_the_user_is_the_interviewer(record: str) -> None:
    answer = invite(record, "outlook365_teams_request.eml")
    assert (answer["opportunity"], answer["format"]) == ("initech-sre", "video")
    assert (answer["start"], answer["end"]) == (
        "2026-11-03T09:00:00-08:00", "2026-11-03T09:45:00-08:00")
    assert [p["ref"] for p in answer["interviewers"]] == ["rita"]
    assert answer["coordinator"] is None and answer["added_contacts"] == []


@ON_BOTH
def test_a_known_hiring_manager_organizing_interviews_too(record: str) -> None:
    answer = invite(record, "exchange2016_windows_zone_no_vtimezone.ics")
    assert (answer["opportunity"], answer["format"]) == ("globex-data", "phone")
    assert answer["start"] == "2026-10-27T14:00:00+01:00"
    assert [p["ref"] for p in answer["interviewers"]] == ["klaus", "mia"]
    assert answer["coordinator"] is None


@ON_BOTH
def test_google_s_x_wr_timezone_and_a_nameless_attendee(record: str) -> None:
    answer = invite(record, "google_calendar_x_wr_timezone.ics")
    assert answer["opportunity"] == "umbrella" and answer["start"] == "2026-11-02T15:00:00+00:00"
    assert answer["interviewers"] == [
        {"ref": "li", "name": "Li Wei", "email": "li.wei@umbrella.example"},
        {"ref": "ada", "name": "Ada Okafor", "email": "ada.okafor@umbrella.example"},
    ]


@ON_BOTH
def test_floating_times_are_read_in_the_employer_s_zone(record: str) -> None:
    answer = invite(record, "floating_time.ics")
    assert answer["opportunity"] == "vandelay"
    assert (answer["start"], answer["format"]) == ("2026-11-06T10:00:00-06:00", "phone")


def test_opportunity_named_and_a_warning_for_a_zone_that_disagrees(record: str) -> None:
    mismatch = INVITES / "exchange2010_vtimezone_disagrees_with_name.ics"
    result = run(record, "import-invite", str(mismatch), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert answer["start"] == "2026-11-12T09:00:00-06:00"  # 15:00 UTC, by the block's rules
    assert result.stderr.startswith("warning: the invitation's own rules for 'Central")
    zoom = invite(record, "zoom_dst_change.ics", "--opportunity", "hooli")
    assert zoom["start"] == "2027-03-16T10:00:00-04:00"
    assert [p["ref"] for p in zoom["interviewers"]] == ["gavin"]


def test_create_makes_an_opportunity_from_the_invitation(record: str) -> None:
    answer = invite(record, "outlook_customized_time_zone.ics", "--create")
    assert (answer["result"], answer["created_opportunity"]) == ("created", True)
    made = opportunity(record, "kolkata-tech")
    assert (made["company"], made["role"], made["time_zone"], made["country"]) == (
        "Kolkata Tech", "Platform Engineer", "Asia/Kolkata", "IN")
    assert answer["start"] == "2026-11-18T11:00:00+05:30"
    assert answer["coordinator"]["ref"] == "priya"
    assert [p["ref"] for p in answer["interviewers"]] == ["arjun", "divya"]
    again = invite(record, "outlook_customized_time_zone.ics", "--create")
    assert (again["result"], again["opportunity"]) == ("unchanged", "kolkata-tech")


def test_no_matching_opportunity_asks_for_one_and_writes_nothing(record: str) -> None:
    before = exported(record)
    result = run(record, "import-invite", str(INVITES / "outlook_customized_time_zone.ics"),
                 "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no opportunity has contacts at kolkata-tech.co.in: name one with "
        "--opportunity REF, or use --create to start one from this invitation\n")
    assert exported(record) == before


@pytest.mark.parametrize(("name", "message"), [
    ("broken.ics", "the iCalendar file is cut short (no END:VCALENDAR)"),
    ("broken_start_time.ics", "DTSTART: not a date and time: '20261109T1000'"),
    ("no_event.ics", "no event in this calendar file (no VEVENT)"),
    ("all_day.ics", "an all-day event is not an interview"),
    ("last_year.ics", "the event was on 2025-06-10, more than a year ago"),
])
def test_unusable_files_exit_2_with_one_line_and_write_nothing(
    record: str, name: str, message: str
) -> None:
    before = exported(record)
    result = run(record, "import-invite", str(INVITES / name), "--as-of", AS_OF)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}") and result.stderr.count("\n") == 1
    assert exported(record) == before


def test_a_cancellation_of_an_unknown_meeting_and_a_uid_held_elsewhere(record: str) -> None:
    result = run(record, "import-invite", str(INVITES / "exchange2010_cancel.ics"),
                 "--as-of", AS_OF)
    assert result.exit_code == 2 and "nothing to cancel" in result.stderr
    invite(record, "exchange2010_request.eml")
    elsewhere = run(record, "import-invite", str(INVITES / "exchange2010_update.ics"),
                    "--opportunity", "hooli", "--as-of", AS_OF)
    assert elsewhere.exit_code == 2
    assert elsewhere.stderr == "Error: this invitation is already interview 'r1' of 'acme-pm'\n"
    unknown = run(record, "import-invite", str(INVITES / "zoom_dst_change.ics"),
                  "--opportunity", "nope", "--as-of", AS_OF)
    assert unknown.exit_code == 2 and "no opportunity 'nope'" in unknown.stderr


def test_the_text_answer_names_the_interview_its_people_and_the_next_step(record: str) -> None:
    result = run(record, "import-invite", str(INVITES / "exchange2010_request.eml"),
                 "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "created: acme-pm/r1, onsite interview Mon 09 Nov 2026 10:00-11:30 (America/New_York)",
        "  interviewers: Jane Roe <jane@acme.example>, Omar Haddad <omar.haddad@acme.example>",
        "  coordinator: Pat Kim (no thank-you of their own)",
        "  new contacts: omar, pat",
        "  see the plan: followup show acme-pm",
    ]


def test_export_and_import_keep_the_invitation_link(record: str, tmp_path: Path) -> None:
    invite(record, "exchange2010_request.eml")
    invite(record, "exchange2010_cancel.ics")
    path = tmp_path / "again.json"
    path.write_text(run(record, "export").stdout, encoding="utf-8")
    assert run(record, "import", str(path)).exit_code == 0
    [interview] = opportunity(record, "acme-pm")["interviews"]
    assert (interview["cancelled"], interview["invite_sequence"]) == (True, 2)
    assert interview["invite_uid"].startswith("040000008200E00074C5B7101A82E008")


def test_an_invitation_piped_in_on_standard_input(record: str) -> None:
    data = (INVITES / "outlook365_teams_request.eml").read_bytes()
    result = run(record, "import-invite", "-", "--as-of", AS_OF, "--format", "json", input=data)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["opportunity"] == "initech-sre"
