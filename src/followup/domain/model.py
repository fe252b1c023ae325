"""The record a job seeker keeps, as plain immutable values.

These mirror the exchange document of CONTRACT.md one to one, so the store,
the importer and the planner all speak the same language. Nothing here does
I/O or reads the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

EMPTY: Mapping[str, Any] = MappingProxyType({})


def _empty() -> Mapping[str, Any]:
    """A shared read-only empty mapping (dataclasses refuse it as a plain default)."""
    return EMPTY


class Via(StrEnum):
    DIRECT = "direct"
    RECRUITER = "recruiter"


class Culture(StrEnum):
    RESERVED = "reserved"
    STANDARD = "standard"
    ASSERTIVE = "assertive"
    TRADITIONAL = "traditional"  # standard plus handwritten notes (R3)


class PlaybookName(StrEnum):
    RESERVED = "reserved"
    STANDARD = "standard"
    ASSERTIVE = "assertive"


class PreferredChannel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"


class Channel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    LINKEDIN = "linkedin"
    MAIL = "mail"
    IN_PERSON = "in_person"
    FAX = "fax"
    UPLOAD = "upload"


class Stage(StrEnum):
    INTERESTED = "interested"
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CLOSED_NO_RESPONSE = "closed_no_response"


CLOSED_STAGES = frozenset(
    {Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN, Stage.CLOSED_NO_RESPONSE, Stage.OFFER}
)


class Org(StrEnum):
    EMPLOYER = "employer"
    AGENCY = "agency"


class Role(StrEnum):
    RECRUITER = "recruiter"
    HIRING_MANAGER = "hiring_manager"
    INTERVIEWER = "interviewer"
    COORDINATOR = "coordinator"


class InterviewFormat(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"


class TouchKind(StrEnum):
    THANK_YOU = "thank_you"
    HANDWRITTEN_NOTE = "handwritten_note"
    LINKEDIN_INVITE = "linkedin_invite"
    VOICEMAIL = "voicemail"
    CALL = "call"
    EMAIL = "email"
    INFO_DELIVERED = "info_delivered"
    INFO_DELAY_NOTICE = "info_delay_notice"
    RESPONSE = "response"
    ACKNOWLEDGEMENT = "acknowledgement"  # a short reply to a new date (R14); not an attempt
    AUTO_REPLY = "auto_reply"  # inbound out-of-office: not a response (R14), may pause (mail)


class Direction(StrEnum):
    OUT = "out"
    IN = "in"


class Outcome(StrEnum):
    REJECTED = "rejected"
    NEXT_ROUND = "next_round"
    OFFER = "offer"
    DELAYED = "delayed"


class ActionKind(StrEnum):
    PREPARE = "prepare"
    THANK_YOU = "thank_you"
    HANDWRITTEN_NOTE = "handwritten_note"
    LINKEDIN_INVITE = "linkedin_invite"
    SEND_INFO = "send_info"
    INFO_DELAY_NOTICE = "info_delay_notice"
    CHECK_IN = "check_in"
    FOLLOW_UP = "follow_up"
    CLOSE_OUT = "close_out"
    COURTEOUS_REPLY = "courteous_reply"
    ACKNOWLEDGE = "acknowledge"  # R14: thanks for the update, still keen


# The touch that marking each action done logs (`followup done`, the web's
# Done, a sent email); the planner knows its own replies by it (R14). A call
# stands in for an email where the action's channel is the phone.
TOUCH_FOR: Final[Mapping[ActionKind, TouchKind]] = MappingProxyType({
    ActionKind.THANK_YOU: TouchKind.THANK_YOU,
    ActionKind.HANDWRITTEN_NOTE: TouchKind.HANDWRITTEN_NOTE,
    ActionKind.LINKEDIN_INVITE: TouchKind.LINKEDIN_INVITE,
    ActionKind.SEND_INFO: TouchKind.INFO_DELIVERED,
    ActionKind.INFO_DELAY_NOTICE: TouchKind.INFO_DELAY_NOTICE,
    ActionKind.CHECK_IN: TouchKind.EMAIL,
    ActionKind.FOLLOW_UP: TouchKind.EMAIL,
    ActionKind.COURTEOUS_REPLY: TouchKind.EMAIL,
    ActionKind.ACKNOWLEDGE: TouchKind.ACKNOWLEDGEMENT,
})


class DecisionKind(StrEnum):
    """What the user decided about a planned action (the record keeps it)."""

    DONE = "done"  # only for actions no touch can complete (prepare)
    SKIP = "skip"
    SNOOZE = "snooze"


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    email: str | None
    phone: str | None
    time_zone: str
    playbook: PlaybookName = PlaybookName.STANDARD
    signature: str | None = None
    settings: Mapping[str, Any] = field(default_factory=_empty)  # global overrides, as imported


@dataclass(frozen=True, slots=True)
class Contact:
    ref: str
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    linkedin: str | None = None
    org: Org = Org.EMPLOYER
    roles: tuple[Role, ...] = ()
    email_bounced_at: datetime | None = None  # mail to `email` bounced: nothing more goes there

    @property
    def working_email(self) -> str | None:
        """The address mail can go to: none once it bounced."""
        return self.email if self.email_bounced_at is None else None


@dataclass(frozen=True, slots=True)
class Request:
    """Something the employer asked for during an interview (R5)."""

    ref: str
    what: str
    requester: str | None  # contact ref; "from" in the exchange document
    channel: Channel
    asked_at: datetime
    delivered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class InterviewNotes:
    """The user's own notes; drafts are written from these."""

    learned: str | None = None
    moments: Mapping[str, str] = field(default_factory=_empty)  # contact ref -> a noteworthy moment
    concerns: str | None = None
    skills: str | None = None  # a skill or achievement not yet discussed
    attach: tuple[str, ...] = ()  # supporting items to send along
    next_steps: str | None = None


@dataclass(frozen=True, slots=True)
class Interview:
    ref: str
    round: int
    format: InterviewFormat
    start: datetime
    end: datetime
    interviewers: tuple[str, ...] = ()
    decision_expected: date | None = None
    requests: tuple[Request, ...] = ()
    notes: InterviewNotes = InterviewNotes()
    cancelled: bool = False  # kept in the record, plans nothing
    # The calendar invitation it came from (import-invite): its UID, and the
    # SEQUENCE last applied, so an older update is ignored.
    invite_uid: str | None = None
    invite_sequence: int | None = None


@dataclass(frozen=True, slots=True)
class Touch:
    at: datetime
    kind: TouchKind
    direction: Direction
    contact: str | None = None
    channel: Channel | None = None
    summary: str | None = None
    callback_on: date | None = None  # outbound voicemail: the promised call-back day (R10)
    decision_expected: date | None = None  # inbound: a new promised date (R14)
    outcome: Outcome | None = None  # inbound only
    message_id: str | None = None  # email touches: the Message-ID replies point at
    return_on: date | None = None  # auto_reply: the first day the person is back


@dataclass(frozen=True, slots=True)
class ShareItem:
    """Something worth sharing in a later follow-up (R9 attempt 2)."""

    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    key: str
    kind: DecisionKind
    at: datetime
    until: datetime | None = None  # snooze only
    why: str | None = None


@dataclass(frozen=True, slots=True)
class StageChange:
    """The opportunity's stage moved: when, to what, and from what (None: not known)."""

    at: datetime
    stage: Stage
    previous: Stage | None = None


@dataclass(frozen=True, slots=True)
class Opportunity:
    ref: str
    company: str
    role: str
    time_zone: str
    country: str
    subdivision: str | None = None
    via: Via = Via.DIRECT
    culture: Culture | None = None  # None: the profile's playbook
    channel: PreferredChannel = PreferredChannel.EMAIL
    stage: Stage = Stage.INTERVIEWING
    contacts: tuple[Contact, ...] = ()
    interviews: tuple[Interview, ...] = ()
    touches: tuple[Touch, ...] = ()
    share: tuple[ShareItem, ...] = ()
    decisions: tuple[Decision, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=_empty)  # per-opportunity overrides
    stage_changes: tuple[StageChange, ...] = ()  # oldest first (issue 12)

    def contact(self, ref: str | None) -> Contact | None:
        if ref is None:
            return None
        for candidate in self.contacts:
            if candidate.ref == ref:
                return candidate
        return None


@dataclass(frozen=True, slots=True)
class Record:
    profile: Profile
    opportunities: tuple[Opportunity, ...] = ()


@dataclass(slots=True, init=False)
class Action:
    """One dated, explained thing to do (the agenda entry of CONTRACT.md).

    Not frozen on purpose: the planner builds hundreds of thousands of these
    when it re-plans a service's whole record, and a frozen dataclass costs
    ten times as much to construct. Treat it as a value all the same.
    Its `__init__` is written out (the same one `dataclass` would make) so
    that the compiled planner builds actions natively: the generated one is
    Python that mypyc cannot compile, 5% of a compiled re-plan.
    """

    key: str
    opportunity: str
    kind: ActionKind
    rule: str
    contact: str | None
    channel: Channel | None
    attempt: int | None
    earliest: datetime
    due: datetime
    latest: datetime | None
    late: bool
    why: str
    sources: tuple[str, ...]
    interview: str | None = None  # the interview it follows, when there is one
    request: str | None = None  # send_info / info_delay_notice
    callback_on: date | None = None  # R10: the call-back day a voicemail should name
    share: int | None = None  # R9: index into Opportunity.share to pass on

    def __init__(
        self, key: str, opportunity: str, kind: ActionKind, rule: str, contact: str | None,
        channel: Channel | None, attempt: int | None, earliest: datetime, due: datetime,
        latest: datetime | None, late: bool, why: str, sources: tuple[str, ...],
        interview: str | None = None, request: str | None = None,
        callback_on: date | None = None, share: int | None = None,
    ) -> None:
        self.key = key
        self.opportunity = opportunity
        self.kind = kind
        self.rule = rule
        self.contact = contact
        self.channel = channel
        self.attempt = attempt
        self.earliest = earliest
        self.due = due
        self.latest = latest
        self.late = late
        self.why = why
        self.sources = sources
        self.interview = interview
        self.request = request
        self.callback_on = callback_on
        self.share = share
