"""What the planner knows about one opportunity, worked out once.

The rules read these facts rather than re-scanning the record, which keeps
each rule short and the planner fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any, Final

from followup.domain.calendar import BusinessCalendar, calendar_for, stamp
from followup.domain.model import (
    Channel,
    Contact,
    Direction,
    Interview,
    Opportunity,
    Org,
    Profile,
    Role,
    Touch,
    TouchKind,
    Via,
)
from followup.domain.quiet import Nights, nights_in
from followup.domain.settings import PlaybookSettings

# Enum members as plain module names: in Python 3.11 `Channel.EMAIL` costs
# ~0.1 µs (the enum metaclass has a __getattr__, which slows every class
# attribute look-up), and the planner reads these for every touch and action. Final:
# the compiled planner keeps them in C variables, not in the module's dict.
_OUT: Final = Direction.OUT
_IN: Final = Direction.IN
_TOUCHKIND_THANK_YOU: Final = TouchKind.THANK_YOU
_TOUCHKIND_LINKEDIN_INVITE: Final = TouchKind.LINKEDIN_INVITE
_TOUCHKIND_HANDWRITTEN_NOTE: Final = TouchKind.HANDWRITTEN_NOTE
_TOUCHKIND_INFO_DELAY_NOTICE: Final = TouchKind.INFO_DELAY_NOTICE
_BY_LINKEDIN: Final = Channel.LINKEDIN
_VIA_RECRUITER: Final = Via.RECRUITER
_ROLE_RECRUITER: Final = Role.RECRUITER
_ROLE_COORDINATOR: Final = Role.COORDINATOR
_ROLE_HIRING_MANAGER: Final = Role.HIRING_MANAGER
_ORG_AGENCY: Final = Org.AGENCY
_ORG_EMPLOYER: Final = Org.EMPLOYER


# Outbound touches that ask the employer for news (PLAYBOOK "Counting attempts").
ATTEMPT_KINDS: Final = frozenset({TouchKind.EMAIL, TouchKind.CALL, TouchKind.VOICEMAIL})
AWAY: Final = TouchKind.AUTO_REPLY
# Outbound touches that never count for spacing (R12). An acknowledgement of a
# new date (R14) is not an attempt, but R12 names no exception for it, so it
# keeps its distance like any other note.
COURTESY_KINDS: Final = frozenset(
    {_TOUCHKIND_THANK_YOU, _TOUCHKIND_LINKEDIN_INVITE, _TOUCHKIND_HANDWRITTEN_NOTE}
)
# Why follow-ups go to the primary contact (R15), for the `why`.
AGENCY, LAST_REPLY, HIRING_MANAGER, COORDINATOR, FIRST_INTERVIEWER, OTHER = (
    "agency", "last_reply", "hiring_manager", "coordinator", "first_interviewer", "other")


@dataclass(slots=True, init=False)  # not frozen: built once per opportunity on the hot path
class Facts:
    profile: Profile
    opportunity: Opportunity
    settings: PlaybookSettings
    calendar: BusinessCalendar
    now: datetime
    interviews: tuple[Interview, ...]  # by start time
    outbound: tuple[Touch, ...]  # by time
    inbound: tuple[Touch, ...]  # by time
    primary: Contact | None  # R15
    primary_because: str  # why them (R15): AGENCY, LAST_REPLY, HIRING_MANAGER, ...
    done: Done  # what the user already did, indexed for quick lookups
    ref: str  # the opportunity's
    people: dict[str, Contact]  # contacts by ref
    # The moments after `now` at which a rule's answer flips (see `before`):
    # the plan holds, lateness aside, until the earliest of them.
    clock_marks: list[datetime]
    now_stamp: float  # `now` in POSIX seconds, for lateness
    nights: Nights | None  # the user's quiet hours (None: none)
    # For `actions.make`: each window's timing by id (it keeps the window
    # alive, so the id stays its own), and each action's due POSIX time.
    timed: dict[int, Any]
    due_stamps: dict[int, float]

    def __init__(
        self, profile: Profile, opportunity: Opportunity, settings: PlaybookSettings,
        calendar: BusinessCalendar, now: datetime, interviews: tuple[Interview, ...],
        outbound: tuple[Touch, ...], inbound: tuple[Touch, ...], primary: Contact | None,
        primary_because: str, done: Done, ref: str, people: dict[str, Contact],
        clock_marks: list[datetime], now_stamp: float, nights: Nights | None, timed: dict[int, Any],
        due_stamps: dict[int, float],
    ) -> None:
        # Written out: the compiled planner then builds it natively (see model.Action).
        self.profile = profile
        self.opportunity = opportunity
        self.settings = settings
        self.calendar = calendar
        self.now = now
        self.interviews = interviews
        self.outbound = outbound
        self.inbound = inbound
        self.primary = primary
        self.primary_because = primary_because
        self.done = done
        self.ref = ref
        self.people = people
        self.clock_marks = clock_marks
        self.now_stamp = now_stamp
        self.nights = nights
        self.timed = timed
        self.due_stamps = due_stamps

    def before(self, moment: datetime, moment_stamp: float | None = None) -> bool:
        """Is it still before `moment`? The one way a rule may ask the clock.

        Lateness aside, rules ask the clock only through this, so the plan is
        known to stay the same until the earliest moment asked about that
        still lies ahead (the stored agenda relies on it). `moment_stamp`,
        `moment`'s POSIX time when the rule knows it, saves comparing across
        zones (within one zone Python compares wall clocks: so do we).
        """
        now = self.now
        if moment_stamp is None or moment.tzinfo is now.tzinfo:
            ahead = now < moment
        else:
            ahead = self.now_stamp < moment_stamp
        if ahead:
            self.clock_marks.append(moment)
        return ahead

    def contact(self, ref: str | None) -> Contact | None:
        return None if ref is None else self.people.get(ref)

    @property
    def primary_name(self) -> str:
        """Who follow-ups go to (R15), by name; the company when nobody is known."""
        return self.primary.name if self.primary is not None else self.opportunity.company

    def name_of(self, ref: str | None) -> str:
        contact = self.contact(ref)
        return contact.name if contact is not None else self.opportunity.company

    def local_date(self, moment: datetime) -> date:
        return self.calendar.local_date(moment)


@dataclass(slots=True, init=False)
class Done:
    """Latest moments (POSIX seconds) of courtesy touches, by contact.

    The rules ask "was X sent to Y after this interview began?" many times
    per opportunity; answering from these maps avoids rescanning touches and
    comparing datetimes across zones, which is slow.
    """

    thank_you: dict[str | None, float]  # None: to anyone
    handwritten_note: float
    info_delay_notice: float
    invited: frozenset[str]
    linked: frozenset[str]  # invited, or in touch on LinkedIn either way (R13)

    def __init__(
        self, thank_you: dict[str | None, float], handwritten_note: float, info_delay_notice: float,
        invited: frozenset[str], linked: frozenset[str],
    ) -> None:
        # Written out: the compiled planner then builds it natively (see model.Action).
        self.thank_you = thank_you
        self.handwritten_note = handwritten_note
        self.info_delay_notice = info_delay_notice
        self.invited = invited
        self.linked = linked


NEVER: Final = float("-inf")


def index_done(outbound: list[tuple[float, Touch]]) -> Done:
    """Outbound touches come in time order, so the last one seen is the latest."""
    thank_you: dict[str | None, float] = {}
    note = notice = NEVER
    invited: set[str] = set()
    linked: set[str] = set()
    for at, touch in outbound:
        kind = touch.kind
        if touch.channel is _BY_LINKEDIN and touch.contact is not None:
            linked.add(touch.contact)
        if kind is _TOUCHKIND_THANK_YOU:
            thank_you[touch.contact] = thank_you[None] = at
        elif kind is _TOUCHKIND_LINKEDIN_INVITE and touch.contact is not None:
            invited.add(touch.contact)
        elif kind is _TOUCHKIND_HANDWRITTEN_NOTE:
            note = at
        elif kind is _TOUCHKIND_INFO_DELAY_NOTICE:
            notice = at
    return Done(thank_you, note, notice, frozenset(invited), frozenset(invited | linked))


def gather(
    profile: Profile, opportunity: Opportunity, settings: PlaybookSettings, now: datetime
) -> Facts:
    touches = _in_order(opportunity.touches)
    outbound = [(stamp, t) for stamp, t in touches if t.direction is _OUT]
    calendar = calendar_for(
        opportunity.time_zone,
        opportunity.country,
        opportunity.subdivision,
        settings.business_start_hour,
        settings.business_end_hour,
    )
    interviews = opportunity.interviews
    if any(iv.cancelled for iv in interviews):  # a cancelled interview plans nothing
        interviews = tuple(iv for iv in interviews if not iv.cancelled)
    if len(interviews) > 1:
        interviews = tuple(sorted(interviews, key=_start_and_ref))
    # An auto-reply is no answer (R14): only the away rule reads it (mail).
    inbound = tuple(t for _, t in touches if t.direction is _IN and t.kind is not AWAY)
    primary, because = primary_contact(opportunity, interviews, inbound)
    done = index_done(outbound)
    linked = {t.contact for t in inbound if t.channel is _BY_LINKEDIN and t.contact}
    if linked:
        done.linked = done.linked | linked
    return Facts(
        profile, opportunity, settings, calendar, now, interviews,
        tuple(t for _, t in outbound), inbound,
        primary, because, done, opportunity.ref,
        {contact.ref: contact for contact in opportunity.contacts}, [],
        stamp(now), nights_in(profile.time_zone, settings.quiet_start_hour,
                              settings.quiet_end_hour), {}, {},
    )


def primary_contact(
    opportunity: Opportunity, interviews: tuple[Interview, ...], inbound: tuple[Touch, ...] = ()
) -> tuple[Contact | None, str]:
    """R15: who receives follow-ups, and why them.

    Through an agency, its recruiter; else the employer's recruiter or
    coordinator when they sent the last response (they are the one talking to
    the user); else the hiring manager; else the coordinator; else the first
    interviewer.
    """
    contacts = opportunity.contacts
    if opportunity.via is _VIA_RECRUITER:
        found = (_first(contacts, _ROLE_RECRUITER, _ORG_AGENCY)
                 or _first(contacts, None, _ORG_AGENCY))
        if found is not None:
            return found, AGENCY
    if inbound:
        last = opportunity.contact(inbound[-1].contact)
        if last is not None and last.org is _ORG_EMPLOYER and (
                _ROLE_RECRUITER in last.roles or _ROLE_COORDINATOR in last.roles):
            return last, LAST_REPLY
    for role, because in ((_ROLE_HIRING_MANAGER, HIRING_MANAGER), (_ROLE_COORDINATOR, COORDINATOR)):
        found = _first(contacts, role, _ORG_EMPLOYER)
        if found is not None:
            return found, because
    for interview in interviews:
        for ref in interview.interviewers:
            found = opportunity.contact(ref)
            if found is not None:
                return found, FIRST_INTERVIEWER
    return _first(contacts, _ROLE_RECRUITER, None) or (contacts[0] if contacts else None), OTHER


def _first(contacts: tuple[Contact, ...], role: Role | None, org: Org | None) -> Contact | None:
    for contact in contacts:
        if (role is None or role in contact.roles) and (org is None or contact.org is org):
            return contact
    return None


def _in_order(touches: tuple[Touch, ...]) -> list[tuple[float, Touch]]:
    """Touches by time, each with its POSIX time (computed once: it is not free).

    Touches logged at the same moment (a thank-you and an invitation sent
    together) are put in a total order, so the plan does not depend on the
    order the store returns them in.
    """
    pairs = [(stamp(touch.at), touch) for touch in touches]
    pairs.sort(key=_STAMP)
    if len({pair[0] for pair in pairs}) == len(pairs):  # no ties: the common case
        return pairs
    start = 0
    for n in range(1, len(pairs) + 1):
        if n == len(pairs) or pairs[n][0] != pairs[start][0]:
            if n - start > 1:
                pairs[start:n] = sorted(pairs[start:n], key=_stamp_and_details)
            start = n
    return pairs


_STAMP: Final = itemgetter(0)


def _start_and_ref(interview: Interview) -> tuple[float, str]:
    return stamp(interview.start), interview.ref


def _stamp_and_details(pair: tuple[float, Touch]) -> tuple[float, str, str, str, date, date, str]:
    stamp, touch = pair
    return (
        stamp, touch.kind, touch.direction, touch.contact or "",
        touch.callback_on or date.min, touch.decision_expected or date.min, touch.outcome or "",
    )
