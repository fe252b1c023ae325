"""What an invitation says about an interview: when, who, how, and which version.

`read_invitation(data, ...)` gives an `Invitation`: the start and end (see
`ics_zones`), the organizer and the people invited (the user, rooms,
resources, people who declined and non-participants left out), the format
the meeting links and location suggest, and the UID, SEQUENCE and method
that tell a new invitation from an update or a cancellation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

import icalendar

from followup.domain.model import InterviewFormat
from followup.transports.exchange_values import ExchangeError, email
from followup.transports.ics_read import InvitationError, open_invitation
from followup.transports.ics_zones import When, blocks_of, read_when

LEFT_OUT_TYPES = frozenset({"ROOM", "RESOURCE", "GROUP"})  # CUTYPE: no one to thank
NO_REPLY = re.compile(r"^(no-?reply|do-?not-?reply|donotreply|notifications?)([+.-].*)?@", re.I)
RESOURCE_DOMAINS = ("resource.calendar.google.com",)  # Google Workspace rooms

VIDEO_LINK = re.compile(
    r"https?://(?:[\w-]+\.)*(?:teams\.microsoft\.com|teams\.live\.com|zoom\.us|zoomgov\.com"
    r"|meet\.google\.com|webex\.com)/\S*",
    re.I,
)
VIDEO_LOCATION = re.compile(r"\b(teams|zoom|google meet|webex|skype|online|virtual|video)\b", re.I)
PHONE_WORDS = re.compile(r"\b(phone|telephone|call|dial[- ]?in)\b", re.I)
DIAL_IN = re.compile(r"(tel:\+?[\d-]{6,}|\+?\d[\d ().-]{7,}\d)")
STREET = re.compile(
    r"\d+\w*\s+\w+.*\b(street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way"
    r"|place|pl|square|sq|parkway|pkwy|court|ct|floor)\b\.?"
    r"|\w+(stra(ss|ß)e|str\.|weg|gasse|platz|laan|gracht|straat|vej|gatan|katu)\s+\d+"
    r"|\b(rue|via|calle|avenida|av\.|plaza|piazza|carrer)\s+\w+"
    r"|\b\d{4,5}\s+[A-Z]\w+|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Person:
    name: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class Invitation:
    uid: str
    sequence: int
    cancelled: bool  # METHOD:CANCEL, or an event whose STATUS is CANCELLED
    summary: str
    start: When
    end: When
    organizer: Person | None  # None also when the organizer is the user
    attendees: tuple[Person, ...]  # the invited people, without the organizer or the user
    format: InterviewFormat
    location: str | None
    warnings: tuple[str, ...]


def read_invitation(data: bytes, own_addresses: Iterable[str], own_name: str | None) -> Invitation:
    """The invitation in `data` (.ics or .eml), or InvitationError."""
    opened = open_invitation(data)
    event, blocks = opened.event, blocks_of(opened.calendar)
    start, end = read_when(event, "DTSTART", blocks), _end(event, blocks)
    if end.instant(UTC) < start.instant(UTC):
        raise InvitationError("the event ends before it starts (DTEND before DTSTART)")
    mine = Mine({a.casefold() for a in own_addresses}, (own_name or "").casefold().strip())
    organizer = _person(event.get("ORGANIZER"))
    if organizer is not None and mine.is_me(organizer):
        organizer = None
    attendees = _attendees(event, mine, organizer)
    return Invitation(
        uid=str(event["UID"]).strip(),
        sequence=_sequence(event),
        cancelled=opened.method == "CANCEL" or str(event.get("STATUS", "")).upper() == "CANCELLED",
        summary=_one_line(event.get("SUMMARY")) or "Interview",
        start=start,
        end=end,
        organizer=organizer,
        attendees=attendees,
        format=meeting_format(event),
        location=_one_line(event.get("LOCATION")) or None,
        warnings=tuple(dict.fromkeys(w for w in (start.warning, end.warning) if w)),
    )


def _end(event: icalendar.Event, blocks: dict[str, icalendar.Timezone]) -> When:
    if event.get("DTEND") is not None:
        return read_when(event, "DTEND", blocks)
    duration = getattr(event.get("DURATION"), "dt", None)
    start = read_when(event, "DTSTART", blocks)
    if duration is None:
        raise InvitationError("the event has no end (no DTEND and no DURATION)")
    # A duration is exact time (RFC 5545 3.3.6), so it is added in UTC.
    if start.zone is None:
        return When(start.wall + duration, None, None)
    ends = (start.instant(start.zone) + duration).astimezone(start.zone)
    return When(ends.replace(tzinfo=None), start.zone, start.zone_name, start.warning)


def _sequence(event: icalendar.Event) -> int:
    raw = event.get("SEQUENCE", 0)
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise InvitationError(f"SEQUENCE: not a number: {str(raw)!r}") from None
    if number < 0:
        raise InvitationError(f"SEQUENCE: below 0: {number}")
    return number


@dataclass(frozen=True, slots=True)
class Mine:
    """The user, as an invitation may name them."""

    addresses: set[str]
    name: str

    def is_me(self, person: Person) -> bool:
        """By address, or by name: invitations often reach another of the user's addresses."""
        if person.email is not None and person.email.casefold() in self.addresses:
            return True
        return bool(self.name) and (person.name or "").casefold() == self.name


def _attendees(event: icalendar.Event, mine: Mine, organizer: Person | None) -> tuple[Person, ...]:
    raw = event.get("ATTENDEE") or []
    found: dict[str, Person] = {}
    for address in raw if isinstance(raw, list) else [raw]:
        params = getattr(address, "params", {})
        if str(params.get("CUTYPE", "")).upper() in LEFT_OUT_TYPES:
            continue
        if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT":
            continue
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        person = _person(address)
        if person is None or mine.is_me(person) or _same(person, organizer):
            continue
        found.setdefault((person.email or person.name or "").casefold(), person)
    return tuple(found.values())


def _same(person: Person, other: Person | None) -> bool:
    if other is None:
        return False
    if person.email and other.email:
        return person.email.casefold() == other.email.casefold()
    return person.email is None and (person.name or "").casefold() == (other.name or "").casefold()


def _person(address: object) -> Person | None:
    """Name and email of an ORGANIZER or ATTENDEE; None for rooms and robots."""
    if address is None:
        return None
    params = getattr(address, "params", {})
    value = str(address).strip()
    # Apple and iCloud may name a person by urn:uuid with the address in an
    # EMAIL parameter (RFC 7986).
    found = value[7:].strip() if value.lower().startswith("mailto:") else ""
    found = found or str(params.get("EMAIL", "")).strip()
    try:
        mail = email(found, "ATTENDEE") if found else None
    except ExchangeError:
        mail = None
    if mail is not None and (NO_REPLY.match(mail) or mail.lower().endswith(RESOURCE_DOMAINS)):
        return None
    name = _first_name_first(_one_line(params.get("CN")).strip("\"' ")) or None
    if name is not None and mail is not None and name.casefold() == mail.casefold():
        name = None  # Google writes the address as the name when it knows no name
    if mail is None and name is None:
        return None
    return Person(name, mail)


SUFFIXES = frozenset({"phd", "ph.d.", "md", "mba", "jr", "jr.", "sr", "sr.", "ii", "iii", "iv",
                      "cpa", "esq", "esq.", "pe", "rn", "msc", "bsc"})


def _first_name_first(name: str) -> str:
    """Directories write "Roe, Jane"; a thank-you says "Dear Jane"."""
    last, comma, first = name.partition(",")
    if not comma or "," in first or not first.strip() or not last.strip():
        return name
    if first.strip().casefold() in SUFFIXES or len(last.split()) > 3:
        return name
    return f"{first.strip()} {last.strip()}"


def _one_line(value: object) -> str:
    return " ".join(str(value or "").split())


def meeting_format(event: icalendar.Event) -> InterviewFormat:
    """Onsite at a street address; video with a Teams, Zoom, Meet or Webex link;
    phone when it says so or gives only a dial-in; else video, the usual case."""
    location = _one_line(event.get("LOCATION"))
    text = " ".join(_one_line(event.get(name)) for name in _TEXT_PROPERTIES)
    if event.get("GEO") is not None or _is_street(location):
        return InterviewFormat.ONSITE
    if VIDEO_LINK.search(text) or VIDEO_LOCATION.search(location):
        return InterviewFormat.VIDEO
    if PHONE_WORDS.search(f"{location} {event.get('SUMMARY', '')}") or DIAL_IN.search(text):
        return InterviewFormat.PHONE
    if location and not location.lower().startswith(("http:", "https:")):
        return InterviewFormat.ONSITE  # a place without a link: a room, a building
    return InterviewFormat.VIDEO


_TEXT_PROPERTIES = (
    "LOCATION", "DESCRIPTION", "X-ALT-DESC", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)


def _is_street(location: str) -> bool:
    if not location or VIDEO_LINK.search(location) or VIDEO_LOCATION.search(location):
        return False
    return bool(STREET.search(location))
