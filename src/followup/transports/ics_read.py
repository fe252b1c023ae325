"""Opening a calendar invitation: the bytes of an .ics or .eml, one event out.

An invitation arrives as an iCalendar file, or as an email that carries one
(a `text/calendar` part, or an `.ics` attachment, in base64 or
quoted-printable as Outlook, Exchange, Teams, Google and Zoom send them).
Parsing is `icalendar`'s; Google's calendar-level zone (`X-WR-TIMEZONE`) is
turned into standard time zones by `x-wr-timezone` first. Nothing here
reads the clock or the database.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage

import icalendar
import x_wr_timezone

CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar")
MAX_BYTES = 5_000_000  # an invitation is a few kilobytes; a mailbox export is not one


class InvitationError(ValueError):
    """The file is not an invitation followup can read: one line says why."""


@dataclass(frozen=True, slots=True)
class Opened:
    """The calendar of an invitation and its one event."""

    calendar: icalendar.Calendar
    event: icalendar.Event
    method: str  # REQUEST, CANCEL, PUBLISH ... ("" when the file names none)


def open_invitation(data: bytes) -> Opened:
    """The calendar and event in `data` (.ics or .eml), or InvitationError."""
    if len(data) > MAX_BYTES:
        raise InvitationError(f"too large for an invitation ({len(data):,} bytes)")
    text = calendar_text(data)
    if "END:VCALENDAR" not in text.upper():
        raise InvitationError("the iCalendar file is cut short (no END:VCALENDAR)")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as error:
        raise InvitationError(f"not a readable iCalendar file ({_first_line(error)})") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise InvitationError("not an iCalendar file: no VCALENDAR")
    if calendar.get("X-WR-TIMEZONE"):
        calendar = _standard_zones(calendar)
    return Opened(calendar, _the_event(calendar), str(calendar.get("METHOD", "")).upper())


def calendar_text(data: bytes) -> str:
    """The iCalendar text of an .ics file, or of the calendar part of an email."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        return _decode(data)
    if not _looks_like_mail(data):
        raise InvitationError("neither an iCalendar file (BEGIN:VCALENDAR) nor an email")
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    for part in message.walk():
        if part.get_content_type() in CALENDAR_TYPES or _is_ics_attachment(part):
            try:
                content = part.get_content()
            except (LookupError, ValueError) as error:  # unknown charset, bad encoding
                raise InvitationError(f"the calendar part cannot be decoded ({error})") from None
            return content if isinstance(content, str) else _decode(content)
    raise InvitationError("the email carries no calendar invitation (no text/calendar part)")


def _looks_like_mail(data: bytes) -> bool:
    first = data.lstrip(b"\r\n").split(b"\n", 1)[0]
    name, colon, _ = first.partition(b":")
    return bool(colon) and bool(name) and b" " not in name.strip()


def _is_ics_attachment(part: EmailMessage) -> bool:
    name = part.get_filename() or ""
    return name.lower().endswith(".ics") and part.get_content_maintype() != "multipart"


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # RFC 5545 says UTF-8; older Exchange servers wrote Windows-1252.
        return data.decode("cp1252", errors="replace")


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:160] if text else type(error).__name__


def _standard_zones(calendar: icalendar.Calendar) -> icalendar.Calendar:
    try:
        converted = x_wr_timezone.to_standard(calendar)
    except Exception as error:  # an unknown X-WR-TIMEZONE name, a broken time
        zone = calendar.get("X-WR-TIMEZONE")
        raise InvitationError(f"X-WR-TIMEZONE {str(zone)!r}: {_first_line(error)}") from None
    assert isinstance(converted, icalendar.Calendar)
    return converted


def _the_event(calendar: icalendar.Calendar) -> icalendar.Event:
    """The one meeting of the invitation.

    A recurring series sends its master and its changed occurrences under one
    UID; an interview is one meeting, so those are refused rather than
    guessed at.
    """
    events = [e for e in calendar.walk("VEVENT") if isinstance(e, icalendar.Event)]
    if not events:
        raise InvitationError("no event in this calendar file (no VEVENT)")
    if len(events) > 1:
        raise InvitationError(
            f"{len(events)} events in this file; an invitation to an interview has one"
        )
    event = events[0]
    if event.get("RRULE") is not None or event.get("RECURRENCE-ID") is not None:
        raise InvitationError("a repeating event is not one interview; add it by hand")
    if not str(event.get("UID", "")).strip():
        raise InvitationError("the event has no UID, so a later update could not find it")
    return event
