"""The invitation corpus (tests/invites/): each shape read to exact UTC instants.

The files are written for these tests in the shapes Exchange 2010/2016,
Outlook 365 (Teams), Google Calendar, Apple Calendar and Zoom send. Every
start and end is checked as an instant in UTC, so an hour lost to a zone or
a DST change cannot hide behind an offset that looks plausible.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from followup.domain.model import InterviewFormat
from followup.transports.ics_read import InvitationError
from followup.transports.invitation import Person, read_invitation

INVITES = Path(__file__).parent / "invites"
ME = ["sam@example.org"]
CHICAGO = ZoneInfo("America/Chicago")


def read(name: str):  # type: ignore[no-untyped-def]
    return read_invitation((INVITES / name).read_bytes(), ME, "Sam Lee")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


# file, start (UTC), end (UTC), the zone's IANA name, format
SHAPES = [
    # Exchange 2010 .eml, calendar in base64; Windows name with its VTIMEZONE;
    # sent in October (EDT), held after the change to EST.
    ("exchange2010_request.eml", utc(2026, 11, 9, 15), utc(2026, 11, 9, 16, 30),
     "America/New_York", InterviewFormat.ONSITE),
    ("exchange2010_update.ics", utc(2026, 11, 10, 19), utc(2026, 11, 10, 20, 30),
     "America/New_York", InterviewFormat.ONSITE),
    # Exchange 2016: a Windows name and no VTIMEZONE; sent in CEST, held in CET.
    ("exchange2016_windows_zone_no_vtimezone.ics", utc(2026, 10, 27, 13),
     utc(2026, 10, 27, 13, 45), "Europe/Berlin", InterviewFormat.PHONE),
    # Outlook 365, Teams: .eml, calendar quoted-printable; PDT at sending, PST when held.
    ("outlook365_teams_request.eml", utc(2026, 11, 3, 17), utc(2026, 11, 3, 17, 45),
     "America/Los_Angeles", InterviewFormat.VIDEO),
    # Google Calendar: floating times under X-WR-TIMEZONE; BST at export, GMT when held.
    ("google_calendar_x_wr_timezone.ics", utc(2026, 11, 2, 15), utc(2026, 11, 2, 16),
     "Europe/London", InterviewFormat.VIDEO),
    # Apple Calendar: IANA name with its VTIMEZONE, organizer as urn:uuid + EMAIL.
    ("apple_calendar.ics", utc(2026, 11, 5, 9), utc(2026, 11, 5, 11),
     "Europe/Berlin", InterviewFormat.ONSITE),
    # Zoom: sent in February (EST), held after the March change (EDT).
    ("zoom_dst_change.ics", utc(2027, 3, 16, 14), utc(2027, 3, 16, 15),
     "America/New_York", InterviewFormat.VIDEO),
    # A VTIMEZONE that says "Central" but carries Eastern rules: the block wins.
    ("exchange2010_vtimezone_disagrees_with_name.ics", utc(2026, 11, 12, 15),
     utc(2026, 11, 12, 16), "America/New_York", InterviewFormat.ONSITE),
    # Outlook's "Customized Time Zone" (+05:30, no DST), named from its rules.
    ("outlook_customized_time_zone.ics", utc(2026, 11, 18, 5, 30), utc(2026, 11, 18, 6, 30),
     "Asia/Kolkata", InterviewFormat.VIDEO),
    # Exchange 2007: a display name for a TZID, quoted, with its block; still CDT that day.
    ("exchange2007_display_name_zone.ics", utc(2026, 10, 30, 14, 30),
     utc(2026, 10, 30, 15, 30), "America/Chicago", InterviewFormat.ONSITE),
    ("last_year.ics", utc(2025, 6, 10, 14), utc(2025, 6, 10, 15), "UTC", InterviewFormat.VIDEO),
]


@pytest.mark.parametrize(("name", "start", "end", "zone", "fmt"), SHAPES)
def test_each_shape_gives_the_exact_utc_instants(
    name: str, start: datetime, end: datetime, zone: str, fmt: InterviewFormat
) -> None:
    invitation = read(name)
    assert invitation.start.instant(CHICAGO) == start
    assert invitation.end.instant(CHICAGO) == end
    assert invitation.start.zone_name == zone
    assert invitation.format is fmt


def test_a_floating_time_is_read_in_the_zone_given() -> None:
    invitation = read("floating_time.ics")
    assert invitation.start.zone is None
    assert invitation.start.instant(CHICAGO) == utc(2026, 11, 6, 16)
    assert invitation.end.instant(ZoneInfo("Europe/Berlin")) == utc(2026, 11, 6, 9, 30)
    assert invitation.format is InterviewFormat.PHONE  # "Art will call you"


def test_a_vtimezone_disagreeing_with_its_name_is_followed_and_said() -> None:
    [warning] = read("exchange2010_vtimezone_disagrees_with_name.ics").warnings
    assert "'Central Standard Time'" in warning and "UTC-05:00" in warning
    assert "America/Chicago is at UTC-06:00" in warning


def test_a_vtimezone_agreeing_with_its_name_gives_no_warning() -> None:
    assert read("exchange2010_request.eml").warnings == ()
    assert read("apple_calendar.ics").warnings == ()


def test_people_leave_out_the_user_rooms_resources_and_who_declined() -> None:
    exchange = read("exchange2010_request.eml")
    assert exchange.organizer == Person("Pat Kim", "pat.kim@acme.example")
    assert exchange.attendees == (
        Person("Jane Roe", "jane@acme.example"),
        Person("Omar Haddad", "omar.haddad@acme.example"),
    )
    globex = read("exchange2016_windows_zone_no_vtimezone.ics")
    assert globex.attendees == (Person("Mia Wagner", "mia.wagner@globex.example"),)  # Tom declined
    google = read("google_calendar_x_wr_timezone.ics")  # the organizer listed as attendee too
    assert google.attendees == (Person(None, "ada.okafor@umbrella.example"),)  # room left out


def test_directory_names_are_turned_first_name_first() -> None:
    invitation = read("exchange2007_display_name_zone.ics")
    assert invitation.organizer == Person("Art Vandelay", "art@vandelay.example")
    assert invitation.attendees == (Person("George Costanza", "george.costanza@vandelay.example"),)


def test_apple_s_urn_uuid_people_are_known_by_their_email_parameter() -> None:
    apple = read("apple_calendar.ics")
    assert apple.organizer == Person("Klaus Berger", "klaus.berger@globex.example")
    assert apple.attendees == (Person("Lena Hoffmann", "lena.hoffmann@globex.example"),)


def test_the_user_is_also_known_by_name_when_the_address_is_another() -> None:
    data = (INVITES / "exchange2010_request.eml").read_bytes()
    invitation = read_invitation(data, ["someone.else@example.net"], "Sam Lee")
    assert [p.name for p in invitation.attendees] == ["Jane Roe", "Omar Haddad"]


def test_uid_sequence_and_cancellation_are_read() -> None:
    first, update, cancel = (read(n) for n in (
        "exchange2010_request.eml", "exchange2010_update.ics", "exchange2010_cancel.ics"))
    assert first.uid == update.uid == cancel.uid
    assert (first.sequence, update.sequence, cancel.sequence) == (0, 1, 2)
    assert (first.cancelled, update.cancelled, cancel.cancelled) == (False, False, True)


@pytest.mark.parametrize(("name", "message"), [
    ("broken.ics", "the iCalendar file is cut short (no END:VCALENDAR)"),
    ("broken_start_time.ics", "DTSTART: not a date and time: '20261109T1000'"),
    ("no_event.ics", "no event in this calendar file (no VEVENT)"),
    ("all_day.ics", "an all-day event is not an interview: it has no start time "
                    "(add the interview with `followup add interview`)"),
])
def test_files_that_are_no_interview_say_why_in_one_line(name: str, message: str) -> None:
    with pytest.raises(InvitationError) as raised:
        read(name)
    assert str(raised.value) == message


@pytest.mark.parametrize(("data", "message"), [
    (b"", "neither an iCalendar file (BEGIN:VCALENDAR) nor an email"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "neither an iCalendar file (BEGIN:VCALENDAR) nor an email"),
    (b"From: a@b.example\r\nSubject: hi\r\n\r\nno calendar here\r\n",
     "the email carries no calendar invitation (no text/calendar part)"),
    (b"BEGIN:VCALENDAR\r\nthis is not a content line\r\nEND:VCALENDAR\r\n",
     "not a readable iCalendar file"),
])
def test_other_unreadable_input_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InvitationError) as raised:
        read_invitation(data, ME, None)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def _event(*lines: str, count: int = 1) -> bytes:
    body = "\r\n".join(lines)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:u{n}@example.test\r\nDTSTAMP:20261030T150000Z\r\n{body}\r\n"
        "END:VEVENT\r\n"
        for n in range(count)
    )
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
    return f"{head}{events}END:VCALENDAR\r\n".encode()


START, END = "DTSTART:20261109T150000Z", "DTEND:20261109T160000Z"


@pytest.mark.parametrize(("data", "message"), [
    (_event(START, END, count=2), "2 events in this file; an invitation to an interview has one"),
    (_event(START, END, "RRULE:FREQ=WEEKLY;COUNT=3"),
     "a repeating event is not one interview; add it by hand"),
    (_event(START, "DTEND:20261109T140000Z"),
     "the event ends before it starts (DTEND before DTSTART)"),
    (_event("DTSTART;TZID=Mars/Olympus_Mons:20261109T100000", END),
     "unknown time zone 'Mars/Olympus_Mons', and the file has no VTIMEZONE for it"),
    (_event(START), "the event has no end (no DTEND and no DURATION)"),
    (_event(END), "the event has no DTSTART"),
    (_event(START, END).replace(b"UID:u0@example.test\r\n", b""),
     "the event has no UID, so a later update could not find it"),
])
def test_events_that_cannot_be_one_interview_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(InvitationError) as raised:
        read_invitation(data, ME, None)
    assert str(raised.value) == message


def test_a_duration_instead_of_an_end_is_exact_time() -> None:
    data = _event("DTSTART;TZID=America/New_York:20261031T230000", "DURATION:PT3H")
    invitation = read_invitation(data, ME, None)
    assert invitation.end.instant(CHICAGO) == utc(2026, 11, 1, 6)  # across the change: 3 real hours


def test_a_forwarded_invitation_is_read_from_the_message_inside() -> None:
    import email
    import email.policy
    from email.message import EmailMessage

    forward = EmailMessage()
    forward["From"], forward["To"] = "Sam Lee <sam@example.org>", "sam@example.org"
    forward["Subject"] = "Fwd: Onsite interview: Sam Lee / Product Manager"
    forward.set_content("Saving this one.")
    original = email.message_from_bytes((INVITES / "exchange2010_request.eml").read_bytes(),
                                        policy=email.policy.default)
    forward.add_attachment(original)  # forwarded "as attachment": message/rfc822
    invitation = read_invitation(forward.as_bytes(), ME, "Sam Lee")
    assert invitation.start.instant(CHICAGO) == utc(2026, 11, 9, 15)
    assert [p.name for p in invitation.attendees] == ["Jane Roe", "Omar Haddad"]


def test_an_ics_attachment_without_a_calendar_type_is_found_by_its_name() -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["Subject"] = "art@vandelay.example", "Phone screen"
    message.set_content("See the attached invitation.")
    message.add_attachment((INVITES / "floating_time.ics").read_bytes(),
                           maintype="application", subtype="octet-stream", filename="invite.ics")
    invitation = read_invitation(message.as_bytes(), ME, "Sam Lee")
    assert invitation.uid == "vandelay-phone-screen-2026-11-06@vandelay.example"
