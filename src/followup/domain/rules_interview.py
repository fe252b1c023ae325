"""R1-R5: what each interview asks of the user, before and just after it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Final

from followup.domain import wording
from followup.domain.actions import day_window, make
from followup.domain.calendar import end_of_day, plus_hours, stamp
from followup.domain.facts import NEVER, Facts
from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Contact,
    Interview,
    Request,
    Role,
)
from followup.domain.quiet import thank_you_aim

# Enum members as plain module names: in Python 3.11 `Channel.EMAIL` costs
# ~0.1 µs (the enum metaclass has a __getattr__, which slows every class
# attribute look-up), and the planner reads these for every touch and action. Final:
# the compiled planner keeps them in C variables, not in the module's dict.
_ROLE_HIRING_MANAGER: Final = Role.HIRING_MANAGER
_ROLE_RECRUITER: Final = Role.RECRUITER
_ROLE_COORDINATOR: Final = Role.COORDINATOR
_KIND_HANDWRITTEN_NOTE: Final = ActionKind.HANDWRITTEN_NOTE
_KIND_INFO_DELAY_NOTICE: Final = ActionKind.INFO_DELAY_NOTICE
_KIND_LINKEDIN_INVITE: Final = ActionKind.LINKEDIN_INVITE
_KIND_PREPARE: Final = ActionKind.PREPARE
_KIND_SEND_INFO: Final = ActionKind.SEND_INFO
_KIND_THANK_YOU: Final = ActionKind.THANK_YOU
_BY_EMAIL: Final = Channel.EMAIL
_BY_LINKEDIN: Final = Channel.LINKEDIN
_BY_MAIL: Final = Channel.MAIL
_BY_PHONE: Final = Channel.PHONE



class _Aftermath:
    """The moments after one interview that R2 and R4 share, worked out once.

    Filled in on first use: most interviews in a long record need none of it.
    """

    __slots__ = ("_by", "_on", "_window", "facts", "interview", "start")

    def __init__(self, facts: Facts, interview: Interview) -> None:
        self.facts, self.interview = facts, interview
        self.start = stamp(interview.start)
        self._window: tuple[datetime, datetime, datetime] | None = None
        self._on: str | None = None
        self._by: str | None = None

    @property
    def window(self) -> tuple[datetime, datetime, datetime]:
        if self._window is None:
            settings, end = self.facts.settings, self.interview.end
            end_stamp = stamp(end)
            deadline = plus_hours(end, settings.thank_you_deadline_hours, end_stamp)
            aim = thank_you_aim(end, plus_hours(end, settings.thank_you_aim_hours, end_stamp),
                                deadline, self.facts.profile.time_zone, settings)
            self._window = (end, aim, deadline)
        return self._window

    @property
    def on(self) -> str:
        if self._on is None:
            self._on = wording.day_in(self.interview.end, self.facts.profile.time_zone)
        return self._on

    @property
    def by(self) -> str:
        if self._by is None:
            self._by = wording.day_and_time_in(self.window[2], self.facts.profile.time_zone)
        return self._by


def interview_actions(facts: Facts) -> Iterator[Action]:
    invited: set[str] = set()
    for interview in facts.interviews:
        after = _Aftermath(facts, interview)
        if facts.before(interview.start, after.start):
            yield prepare(facts, interview, after.start)
        yield from thank_yous(facts, after)
        if facts.settings.handwritten_note:
            yield from handwritten_note(facts, interview, after.start)
        if facts.settings.linkedin_invites:
            yield from linkedin_invites(facts, after, invited)
        for request in interview.requests:
            yield from requested_information(facts, interview, request)


def prepare(facts: Facts, interview: Interview, start: float | None = None) -> Action:
    """R1: before the interview, plan to ask about next steps and names
    (`start`: the interview's start in POSIX seconds, when known)."""
    when = wording.day_and_time_in(interview.start, facts.profile.time_zone)
    why = (
        f"Your {interview.format.value} interview with {facts.opportunity.company} starts "
        f"{when}; go in ready to ask what the next steps are and when they expect to "
        f"decide, and note each interviewer's name and email for your thank-yous. "
        f"Afterwards, `followup notes {facts.ref} {interview.ref}` keeps your notes for them."
    )
    lead = facts.settings.prepare_lead_hours
    begins = interview.start
    window = (plus_hours(begins, -lead, start), plus_hours(begins, -1, start), begins)
    return make(facts, f"{facts.ref}/prepare/{interview.ref}", _KIND_PREPARE,
                "R1", contact=None, channel=None, window=window, why=why,
                interview=interview.ref)


def _thanked(facts: Facts, after: _Aftermath, contact: str | None) -> bool:
    return facts.done.thank_you.get(contact, NEVER) >= after.start


def thank_yous(facts: Facts, after: _Aftermath) -> Iterator[Action]:
    """R2: one thank-you per interviewer with an email, else one to a key contact."""
    interview = after.interview
    people = [facts.contact(ref) for ref in interview.interviewers]
    with_email = [c for c in people if c is not None and c.working_email]  # not a bounced one
    if with_email:
        for contact in with_email:
            if not _thanked(facts, after, contact.ref):
                yield _thank_you(facts, after, contact, relay=False)
        return
    key_contact = _key_contact(facts, people)
    if key_contact is not None and not _thanked(facts, after, None):
        yield _thank_you(facts, after, key_contact, relay=True)


def _key_contact(facts: Facts, people: list[Contact | None]) -> Contact | None:
    """001: the person who set up the day (hiring manager or recruiter)."""
    contacts = facts.opportunity.contacts
    for role in (_ROLE_HIRING_MANAGER, _ROLE_RECRUITER, _ROLE_COORDINATOR):
        for contact in contacts:
            if role in contact.roles and contact.working_email:
                return contact
    if facts.primary is not None:
        return facts.primary
    return next((c for c in people if c is not None), None)


def _thank_you(facts: Facts, after: _Aftermath, contact: Contact, *, relay: bool) -> Action:
    interview = after.interview
    if relay:
        missing = ("You have no email address for the people who interviewed you"
                   if interview.interviewers else "No interviewer is named for your interview")
        why = (
            f"{missing} on {after.on}; "
            f"thank {contact.name} by {after.by} and ask them to pass your thanks on."
        )
    else:
        aim = wording.count(facts.settings.thank_you_aim_hours, "hour")
        why = (
            f"{contact.name} interviewed you on {after.on}; a thank-you sent by {after.by}, "
            f"ideally within {aim}, keeps you in mind while they compare candidates."
        )
    primary = facts.primary
    if interview.decision_expected is None and primary is not None and primary.ref == contact.ref:
        why += " No decision date was given, so this note also asks about next steps and timing."
    return make(facts, f"{facts.ref}/thank_you/{interview.ref}/{contact.ref}",
                _KIND_THANK_YOU, "R2", contact=contact.ref, channel=_BY_EMAIL,
                window=after.window, why=why, interview=interview.ref)


def handwritten_note(
    facts: Facts, interview: Interview, start: float | None = None
) -> Iterator[Action]:
    """R3: for a traditional company, a mailed note within one business day
    (`start`: the interview's start in POSIX seconds, when known)."""
    if facts.done.handwritten_note >= (stamp(interview.start) if start is None else start):
        return
    contact = _note_recipient(facts, interview)
    if contact is None:
        return
    calendar = facts.calendar
    day = calendar.add_business_days(calendar.local_date(interview.end),
                                     facts.settings.handwritten_note_business_days)
    why = (
        f"{facts.opportunity.company} is a traditional company; a handwritten note to "
        f"{contact.name}, in the mail by {wording.day(day)}, adds a personal touch to "
        f"your emailed thanks for the interview on "
        f"{wording.day_in(interview.end, facts.profile.time_zone)}."
    )
    window = (interview.end, calendar.closing(day), calendar.closing(day))
    yield make(facts, f"{facts.ref}/handwritten_note/{interview.ref}/{contact.ref}",
               _KIND_HANDWRITTEN_NOTE, "R3", contact=contact.ref, channel=_BY_MAIL,
               window=window, why=why, interview=interview.ref)


def _note_recipient(facts: Facts, interview: Interview) -> Contact | None:
    for ref in interview.interviewers:
        contact = facts.contact(ref)
        if contact is not None and _ROLE_HIRING_MANAGER in contact.roles:
            return contact
    return facts.primary


def linkedin_invites(facts: Facts, after: _Aftermath, invited: set[str]) -> Iterator[Action]:
    """R4: a personal LinkedIn invitation to each interviewer, with the thank-you."""
    for ref in after.interview.interviewers:
        if ref in invited:
            continue
        invited.add(ref)
        if ref in facts.done.invited:
            continue
        why = (
            f"Invite {facts.name_of(ref)}, who interviewed you on {after.on}, to connect on "
            f"LinkedIn with a short personal note about the {facts.opportunity.role} role, "
            f"sent with your thank-you: the connection lasts whatever they decide."
        )
        yield make(facts, f"{facts.ref}/linkedin_invite/{ref}", _KIND_LINKEDIN_INVITE,
                   "R4", contact=ref, channel=_BY_LINKEDIN, window=after.window, why=why,
                   interview=after.interview.ref)


def requested_information(facts: Facts, interview: Interview, request: Request) -> Iterator[Action]:
    """R5: send what was asked for the same day; else say when it will come."""
    if request.delivered_at is not None:
        return
    end_of_asked_day = end_of_day(request.asked_at, facts.profile.time_zone)
    asked_on = wording.day_in(request.asked_at, facts.profile.time_zone)
    who = facts.name_of(request.requester)
    why = (
        f"{who} asked for {request.what} on {asked_on}; sending it the same day, by "
        f"{request.channel.value.replace('_', ' ')} as they asked, shows you follow through."
    )
    yield make(facts, f"{facts.ref}/send_info/{request.ref}", _KIND_SEND_INFO,
               "R5", contact=request.requester, channel=request.channel,
               window=(request.asked_at, end_of_asked_day, end_of_asked_day), why=why,
               interview=interview.ref, request=request.ref)
    if facts.done.info_delay_notice < stamp(request.asked_at):
        yield _delay_notice(facts, interview, request, end_of_asked_day)


def _delay_notice(
    facts: Facts, interview: Interview, request: Request, end_of_asked_day: datetime
) -> Action:
    morning = facts.calendar.next_business_morning(end_of_asked_day)
    contact = facts.contact(request.requester)
    channel = _BY_PHONE if contact is not None and contact.phone and not contact.working_email \
        else _BY_EMAIL
    why = (
        f"{request.what.capitalize()} for {facts.name_of(request.requester)} did not go out "
        f"on the day they asked; on {wording.day(morning.date())} morning, tell them you are "
        f"gathering it and when it will arrive."
    )
    _, _, closing = day_window(facts, morning.date())
    return make(facts, f"{facts.ref}/info_delay_notice/{request.ref}",
                _KIND_INFO_DELAY_NOTICE, "R5", contact=request.requester, channel=channel,
                window=(end_of_asked_day, morning, closing), why=why,
                interview=interview.ref, request=request.ref)
