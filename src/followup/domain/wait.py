"""The wait the user is in: since when, for which promised date, and how many attempts.

A wait starts at the end of the latest interview. Each answer from the
employer or its agency (R14) starts a new one: with the new date it gives,
or, without one, keeping the earlier date while it still lies ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from followup.domain.facts import ATTEMPT_KINDS, COURTESY_KINDS, Facts
from followup.domain.model import (
    Contact,
    Interview,
    InterviewFormat,
    Outcome,
    Role,
    Touch,
    TouchKind,
)
from followup.domain.settings import GapUnit

# Enum members as plain module names: in Python 3.11 `Channel.EMAIL` costs
# ~0.1 µs (the enum metaclass has a __getattr__, which slows every class
# attribute look-up), and the planner reads these for every touch and action. Final:
# the compiled planner keeps them in C variables, not in the module's dict.
_TOUCHKIND_INFO_DELIVERED: Final = TouchKind.INFO_DELIVERED
_ROLE_HIRING_MANAGER: Final = Role.HIRING_MANAGER
_ROLE_RECRUITER: Final = Role.RECRUITER
_ROLE_COORDINATOR: Final = Role.COORDINATOR
_OUTCOME_DELAYED: Final = Outcome.DELAYED
_GAPUNIT_BUSINESS: Final = GapUnit.BUSINESS
_INTERVIEWFORMAT_ONSITE: Final = InterviewFormat.ONSITE
_INTERVIEWFORMAT_PHONE: Final = InterviewFormat.PHONE



@dataclass(slots=True, init=False)  # not frozen, as model.Action
class Wait:
    since: datetime  # the interview's end, or the answer that restarted the wait
    since_day: date  # that moment's date at the employer
    promised: date | None  # the decision date they gave, if any
    interview: Interview  # the latest interview
    response: Touch | None  # the answer that restarted the wait, if any

    def __init__(
        self, since: datetime, since_day: date, promised: date | None, interview: Interview,
        response: Touch | None,
    ) -> None:
        # Written out: the compiled planner then builds it natively (see model.Action).
        self.since = since
        self.since_day = since_day
        self.promised = promised
        self.interview = interview
        self.response = response


@dataclass(slots=True, init=False)  # not frozen, as model.Action
class Attempt:
    day: date  # an attempt is a day: a call and an email that day are one attempt (R9)
    touches: tuple[Touch, ...]

    def __init__(self, day: date, touches: tuple[Touch, ...]) -> None:
        # Written out: the compiled planner then builds it natively (see model.Action).
        self.day = day
        self.touches = touches

    @property
    def callback_on(self) -> date | None:
        promised = [t.callback_on for t in self.touches if t.callback_on is not None]
        return promised[-1] if promised else None


def current_wait(facts: Facts) -> Wait | None:
    if not facts.interviews:
        return None
    interview = max(facts.interviews, key=lambda iv: (iv.end, iv.ref))
    since, promised, response = interview.end, interview.decision_expected, None
    for touch in facts.inbound:
        if touch.at < interview.end:
            continue
        since, response = touch.at, touch
        if touch.decision_expected is not None:
            promised = touch.decision_expected
        elif touch.outcome is _OUTCOME_DELAYED:
            promised = None  # "it will take longer", no new date: the timeline is unknown
        elif promised is not None and promised < facts.local_date(touch.at):
            promised = None  # the old date has passed: the timeline is unknown again
    return Wait(since, facts.local_date(since), promised, interview, response)


def attempts_in(facts: Facts, wait: Wait) -> list[Attempt]:
    """Outbound emails, calls and voicemails after the promised date ("Counting attempts")."""
    threshold = wait.promised if wait.promised is not None else wait.since_day
    by_day: dict[date, list[Touch]] = {}
    for touch in facts.outbound:
        if touch.kind not in ATTEMPT_KINDS or touch.at <= wait.since:
            continue
        day = facts.local_date(touch.at)
        if day > threshold:
            by_day.setdefault(day, []).append(touch)
    return [Attempt(day, tuple(touches)) for day, touches in by_day.items()]


def last_spacing_touch(facts: Facts) -> Touch | None:
    """The latest outbound touch that counts for spacing (R12)."""
    interview_days = {facts.local_date(iv.start) for iv in facts.interviews}
    for touch in reversed(facts.outbound):
        if touch.kind in COURTESY_KINDS:
            continue
        if touch.kind is _TOUCHKIND_INFO_DELIVERED and facts.local_date(touch.at) in interview_days:
            continue
        return touch
    return None


def after_gap(facts: Facts, day: date, amount: int | None = None) -> date:
    """`day` plus the gap (R9), in business or calendar days, landing on a business day."""
    settings, calendar = facts.settings, facts.calendar
    size = settings.gap_min if amount is None else amount
    if settings.gap_unit is _GAPUNIT_BUSINESS:
        return calendar.add_business_days(day, size)
    return calendar.on_or_after(day + timedelta(days=size))


def spacing_floor(facts: Facts, touch: Touch | None, *, full_gap: bool) -> date | None:
    """The first day another follow-up may go out after `touch` (R12)."""
    if touch is None:
        return None
    day = facts.local_date(touch.at)
    floor = day + timedelta(days=facts.settings.min_spacing_days)
    if full_gap:
        floor = max(floor, after_gap(facts, day))
    return floor


SCREEN_PHONE_MINUTES: Final = 45  # R11: a first-round phone call this short is a screen


def max_attempts(facts: Facts) -> int:
    """R11: how many follow-ups the interviews so far justify."""
    settings = facts.settings
    if settings.max_attempts is not None:
        return settings.max_attempts
    interviews = facts.interviews
    people = {ref for interview in interviews for ref in interview.interviewers}
    if len(people) > 1 or len(interviews) > 1 or any(iv.round >= 2 for iv in interviews):
        allowed = 3
    elif interviews and all(is_screen(facts, iv) for iv in interviews):
        allowed = 1
    else:
        allowed = 2
    if settings.extra_attempt:
        allowed += 1
    return min(allowed, settings.attempts_cap)


def is_screen(facts: Facts, interview: Interview) -> bool:
    """R11: a first-round call with only a recruiter or coordinator, or a short phone call.

    Anyone else on the call (the hiring manager, another interviewer) makes it
    an interview, on the phone, on video or on site.
    """
    if interview.round != 1 or interview.format is _INTERVIEWFORMAT_ONSITE:
        return False
    people = [facts.contact(ref) for ref in interview.interviewers]
    if any(p is None or not _screens(p) for p in people):
        return False
    if people:
        return True
    minutes = (interview.end - interview.start).total_seconds() / 60
    return interview.format is _INTERVIEWFORMAT_PHONE and minutes <= SCREEN_PHONE_MINUTES


def _screens(contact: Contact) -> bool:
    roles = contact.roles
    return _ROLE_HIRING_MANAGER not in roles and (
        _ROLE_RECRUITER in roles or _ROLE_COORDINATOR in roles)
