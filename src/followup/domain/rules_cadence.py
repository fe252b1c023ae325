"""R6-R14: the wait after an interview, the follow-ups, the close, the answers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import ceil, floor
from typing import Final

from followup.domain import wording
from followup.domain.actions import day_window, make
from followup.domain.calendar import BusinessCalendar
from followup.domain.facts import (
    AGENCY,
    ATTEMPT_KINDS,
    AWAY,
    COORDINATOR,
    FIRST_INTERVIEWER,
    HIRING_MANAGER,
    LAST_REPLY,
    Facts,
)
from followup.domain.model import (
    TOUCH_FOR,
    Action,
    ActionKind,
    Channel,
    Contact,
    Outcome,
    PreferredChannel,
    Touch,
    TouchKind,
)
from followup.domain.settings import GapUnit, PlaybookSettings, VoicemailStyle
from followup.domain.wait import (
    Attempt,
    Wait,
    after_gap,
    attempts_in,
    current_wait,
    last_spacing_touch,
    max_attempts,
    spacing_floor,
)

# Enum members as plain module names: in Python 3.11 `Channel.EMAIL` costs
# ~0.1 µs (the enum metaclass has a __getattr__, which slows every class
# attribute look-up), and the planner reads these for every touch and action. Final:
# the compiled planner keeps them in C variables, not in the module's dict.
_BY_EMAIL: Final = Channel.EMAIL
_BY_PHONE: Final = Channel.PHONE
_BY_LINKEDIN: Final = Channel.LINKEDIN
_PREFERREDCHANNEL_PHONE: Final = PreferredChannel.PHONE
_OUTCOME_DELAYED: Final = Outcome.DELAYED
_OUTCOME_OFFER: Final = Outcome.OFFER
_OUTCOME_REJECTED: Final = Outcome.REJECTED
_VOICEMAILSTYLE_KEEP_CONTROL: Final = VoicemailStyle.KEEP_CONTROL
_GAPUNIT_BUSINESS: Final = GapUnit.BUSINESS
_KIND_ACKNOWLEDGE: Final = ActionKind.ACKNOWLEDGE
_KIND_CHECK_IN: Final = ActionKind.CHECK_IN
_KIND_CLOSE_OUT: Final = ActionKind.CLOSE_OUT
_KIND_COURTEOUS_REPLY: Final = ActionKind.COURTEOUS_REPLY
_KIND_FOLLOW_UP: Final = ActionKind.FOLLOW_UP
# The replies R14's actions ask for, as their Done logs them.
_ACKNOWLEDGED_BY: Final = TOUCH_FOR[ActionKind.ACKNOWLEDGE]
_COURTEOUS_REPLY_BY: Final = TOUCH_FOR[ActionKind.COURTEOUS_REPLY]


def cadence_actions(facts: Facts) -> Iterator[Action]:
    wait = current_wait(facts)
    if wait is None or (wait.response is not None and wait.response.outcome is _OUTCOME_OFFER):
        return
    attempts = attempts_in(facts, wait)
    allowed = max_attempts(facts)
    yield from acknowledge(facts, wait)
    if not attempts:
        yield from check_in(facts, wait)
    if len(attempts) < allowed:
        yield next_follow_up(facts, wait, attempts, allowed)
    elif attempts:
        yield close_out(facts, wait, attempts)


def wait_key(facts: Facts, wait: Wait) -> str:
    """Names the wait, so a restarted cadence gets fresh, stable keys."""
    if wait.response is None:
        return wait.interview.ref
    return f"{wait.interview.ref}+{minute_stamp(wait.response.at, facts.calendar)}"


def minute_stamp(moment: datetime, calendar: BusinessCalendar) -> str:
    """`moment` at the employer as '20261118T1430' (strftime's %Y%m%dT%H%M, for keys:
    strftime is slow, and %Y writes the year unpadded as str() does)."""
    local = moment.astimezone(calendar.tz)
    return (f"{local.year}{local.month:02d}{local.day:02d}"
            f"T{local.hour:02d}{local.minute:02d}")


def check_in(facts: Facts, wait: Wait) -> Iterator[Action]:
    """R7: one brief note between halfway and three quarters through a long wait."""
    settings, calendar, promised = facts.settings, facts.calendar, wait.promised
    if not settings.check_in or promised is None:
        return
    length = (promised - wait.since_day).days
    if length < settings.check_in_min_wait_days or not facts.before(calendar.at(promised, 0)):
        return
    if any(t.kind in ATTEMPT_KINDS and t.at > wait.since for t in facts.outbound):
        return  # they already wrote during the wait
    first = wait.since_day + timedelta(days=ceil(length * settings.check_in_from))
    last = wait.since_day + timedelta(days=floor(length * settings.check_in_to))
    day = calendar.on_or_after(first)
    lowest = spacing_floor(facts, last_spacing_touch(facts), full_gap=True)
    if lowest is not None and day < lowest:
        day = calendar.on_or_after(lowest)
    if day >= promised:
        return
    contact, name = facts.primary, facts.primary_name
    why = (
        f"{facts.opportunity.company} expects to decide by {wording.day(promised)}, "
        f"{wording.count(length, 'day')} after {_since_phrase(facts, wait)}; a brief note to "
        f"{name} around {wording.day(day)} says you know these things take time, that you "
        f"are still keen, and that you are glad to answer questions or meet again."
    ) + recipient_reason(facts)
    opening, due, _ = day_window(facts, day)
    latest = calendar.closing(max(day, calendar.on_or_before(last)))
    yield make(facts, f"{facts.ref}/check_in/{wait_key(facts, wait)}",
               _KIND_CHECK_IN, "R7", contact=contact.ref if contact else None,
               channel=_channel(facts, contact, prefer_email=True),
               window=(opening, due, latest), why=why, interview=wait.interview.ref)


@dataclass(slots=True, init=False)  # not frozen: built several times per opportunity
class _Timing:
    day: date
    latest_day: date
    rule: str
    kept_promise: bool

    def __init__(self, day: date, latest_day: date, rule: str, kept_promise: bool) -> None:
        # Written out: the compiled planner then builds it natively (see model.Action).
        self.day = day
        self.latest_day = latest_day
        self.rule = rule
        self.kept_promise = kept_promise


def _first_timing(facts: Facts, wait: Wait) -> _Timing:
    calendar, settings = facts.calendar, facts.settings
    if wait.promised is not None:
        day = calendar.add_business_days(wait.promised, settings.first_follow_up_business_days)
        return _Timing(day, day, "R8", False)
    day = calendar.on_or_after(wait.since_day + timedelta(days=settings.unknown_timeline_days))
    return _Timing(day, day, "R6", False)


def _later_timing(facts: Facts, last: Attempt) -> _Timing:
    promise = last.callback_on
    soonest = last.day + timedelta(days=facts.settings.min_spacing_days)
    if promise is not None and promise >= soonest:
        # Kept to the day; a promise that fell on a weekend or holiday moves to
        # the next business day, since nobody would pick up the phone.
        day = facts.calendar.on_or_after(promise)
        return _Timing(day, day, "R10", True)
    day = after_gap(facts, last.day)
    return _Timing(day, max(day, after_gap(facts, last.day, facts.settings.gap_max)), "R9", False)


def _timing(facts: Facts, wait: Wait, attempts: list[Attempt]) -> _Timing:
    timing = _later_timing(facts, attempts[-1]) if attempts else _first_timing(facts, wait)
    lowest = spacing_floor(facts, last_spacing_touch(facts), full_gap=not timing.kept_promise)
    if lowest is not None and timing.day < lowest:
        day = facts.calendar.on_or_after(lowest)
        return _Timing(day, max(day, timing.latest_day), timing.rule, False)
    return timing


def next_follow_up(facts: Facts, wait: Wait, attempts: list[Attempt], allowed: int) -> Action:
    """R8/R6 for the first attempt, R9/R10 for later ones; R12 spacing for all."""
    contact = facts.primary
    timing, back = after_away(facts, contact, _timing(facts, wait, attempts))
    number = len(attempts) + 1
    channel = _channel(facts, contact, prefer_email=False)
    callback = _callback_day(facts, timing.day, channel, last=number >= allowed)
    opening, due, _ = day_window(facts, timing.day)
    share = 0 if number == 2 and facts.opportunity.share else None
    why = _follow_up_why(facts, wait, attempts, timing, number, allowed)
    if back is not None:
        why += (f" {facts.primary_name}'s automatic reply says they are away until "
                f"{wording.day(back)}, so this waits until the business day after.")
    return make(facts, f"{facts.ref}/follow_up/{wait_key(facts, wait)}/{number}",
                _KIND_FOLLOW_UP, timing.rule, contact=contact.ref if contact else None,
                channel=channel, window=(opening, due, facts.calendar.closing(timing.latest_day)),
                why=why, attempt=number, interview=wait.interview.ref, callback_on=callback,
                share=share)


def after_away(
    facts: Facts, contact: Contact | None, timing: _Timing
) -> tuple[_Timing, date | None]:
    """An out-of-office reply from `contact` naming a return day: wait until the
    business day after it (an auto-reply is not a response, so nothing else moves)."""
    back = max(
        (t.return_on for t in facts.opportunity.touches if t.kind is AWAY and t.return_on
         and (contact is None or t.contact in (None, contact.ref))),
        default=None,
    )
    if back is None or timing.day > back:
        return timing, None
    day = facts.calendar.add_business_days(back, 1)
    return _Timing(day, max(day, timing.latest_day), timing.rule, False), back


def _callback_day(facts: Facts, day: date, channel: Channel, *, last: bool) -> date | None:
    """R10 keep-control: the day a voicemail names; none on the last attempt."""
    settings = facts.settings
    if channel is not _BY_PHONE or last:
        return None
    if settings.voicemail_style is not _VOICEMAILSTYLE_KEEP_CONTROL:
        return None
    return callback_day(settings, facts.calendar, day)


def callback_day(settings: PlaybookSettings, calendar: BusinessCalendar, day: date) -> date:
    """The call-back day a voicemail left on `day` names: the gap, clamped to 3-5 business days."""
    low, high = settings.callback_min_business_days, settings.callback_max_business_days
    return calendar.add_business_days(day, min(max(settings.gap_min, low), high))


def _channel(facts: Facts, contact: Contact | None, *, prefer_email: bool) -> Channel:
    """R9: phone when that is the preferred way and a number is known, else email."""
    wants_phone = facts.opportunity.channel is _PREFERREDCHANNEL_PHONE and not prefer_email
    if contact is None:
        return _BY_EMAIL
    if wants_phone and contact.phone:
        return _BY_PHONE
    if not contact.working_email and contact.phone:  # none, or it bounced (mail)
        return _BY_PHONE
    if contact.email_bounced_at is not None and contact.linkedin:
        return _BY_LINKEDIN
    return _BY_EMAIL


def moves_only_the_date(response: Touch) -> bool:
    """R14: an answer that says "not yet, now by then" and nothing else."""
    if response.outcome is _OUTCOME_DELAYED:
        return True
    return response.outcome is None and response.decision_expected is not None


def answered(facts: Facts, word: Touch, reply: TouchKind) -> bool:
    """Whether the user has written since the employer's `word` (R14's replies).

    The record keeps whole seconds, so the `reply` that marking the action
    done logs (model.TOUCH_FOR) counts in the same second too: Done a moment
    after logging their answer, or both typed to the minute. Another touch in
    that second, a call, is what their answer came in, not an answer to it.
    """
    return any(t.at > word.at or (t.at == word.at and t.kind is reply)
               for t in facts.outbound)


def acknowledge(facts: Facts, wait: Wait) -> Iterator[Action]:
    """R14: a date that moved gets a short thank-you the next business morning.

    Not a follow-up attempt: it asks nothing and counts for no spacing.
    """
    response = wait.response
    if response is None or not moves_only_the_date(response):
        return
    if answered(facts, response, _ACKNOWLEDGED_BY):
        return  # the user has written since: that was their answer
    calendar = facts.calendar
    morning = calendar.next_business_morning(response.at)
    name = facts.name_of(response.contact)
    new = (f"{facts.opportunity.company} now expects to decide by "
           f"{wording.day(response.decision_expected)}" if response.decision_expected
           else f"{facts.opportunity.company} needs more time")
    why = (f"{name} wrote on {wording.day(facts.local_date(response.at))} that {new}; on "
           f"{wording.day(morning.date())} morning, a two-line reply thanks them for the update "
           f"and says you are still keen. It is not a follow-up: it asks for nothing.")
    stamp = minute_stamp(response.at, calendar)
    contact = facts.contact(response.contact)
    yield make(facts, f"{facts.ref}/acknowledge/{stamp}", _KIND_ACKNOWLEDGE,
               "R14", contact=response.contact, channel=_channel(facts, contact, prefer_email=True),
               window=(response.at, morning, calendar.closing(morning.date())), why=why,
               interview=wait.interview.ref)


def _since_phrase(facts: Facts, wait: Wait) -> str:
    if wait.response is None:
        return f"your interview on {wording.day(facts.local_date(wait.interview.end))}"
    return f"{facts.name_of(wait.response.contact)}'s reply on {wording.day(wait.since_day)}"


def recipient_reason(facts: Facts) -> str:
    """R15, for the `why`: " Follow-ups go to Kayla, who sent the last reply." """
    primary = facts.primary
    if primary is None:
        return ""
    first = primary.name.split()[0] if primary.name.split() else primary.name
    reasons = {
        AGENCY: f"the agency's recruiter, who is asked what they have heard from "
                f"{facts.opportunity.company}",
        LAST_REPLY: "who sent the last reply and is the one talking to you",
        HIRING_MANAGER: "the hiring manager",
        COORDINATOR: "who coordinates the interviews",
        FIRST_INTERVIEWER: "who interviewed you first",
    }
    reason = reasons.get(facts.primary_because)
    return f" Follow-ups go to {first}, {reason}." if reason else ""


def _follow_up_why(
    facts: Facts, wait: Wait, attempts: list[Attempt], timing: _Timing, number: int, allowed: int
) -> str:
    return _follow_up_reason(facts, wait, attempts, timing, number, allowed) + recipient_reason(
        facts)


def _follow_up_reason(
    facts: Facts, wait: Wait, attempts: list[Attempt], timing: _Timing, number: int, allowed: int
) -> str:
    name = facts.primary_name
    on = wording.day(timing.day)
    of = f"follow-up {number} of {allowed}"
    if timing.rule == "R10":
        return (f"In your message on {wording.day(attempts[-1].day)} you told {name} you "
                f"would call back on {on}; keep that promise ({of}).")
    if attempts:
        gap = _gap_phrase(facts)
        return (f"Your last follow-up to {name}, on {wording.day(attempts[-1].day)}, has had "
                f"no answer; after {gap}, on {on}, try again, briefly and warmly ({of}).")
    if wait.promised is None:
        return (f"No decision date came with {_since_phrase(facts, wait)}, so about a week "
                f"later, on {on}, ask {name} how things stand and when they expect to "
                f"decide ({of}).")
    extra = wording.count(facts.settings.first_follow_up_business_days, "business day")
    return (f"{facts.opportunity.company} said they would decide by "
            f"{wording.day(wait.promised)}; if you have heard nothing, {extra} later, on "
            f"{on}, remind {name} of your interest and ask about the timeline ({of}).")


def _gap_phrase(facts: Facts) -> str:
    settings = facts.settings
    unit = "business day" if settings.gap_unit is _GAPUNIT_BUSINESS else "day"
    return wording.count(settings.gap_min, unit)


def close_out(facts: Facts, wait: Wait, attempts: list[Attempt]) -> Action:
    """R13: after the last attempt has gone unanswered, move on with grace."""
    last = attempts[-1].day
    settings = facts.settings
    day = facts.calendar.on_or_after(
        max(after_gap(facts, last), last + timedelta(days=settings.close_out_min_days))
    )
    contact, name = facts.primary, facts.primary_name
    linked = contact is not None and contact.ref in facts.done.linked
    warm = ", keep the LinkedIn connection warm" if linked else ""
    why = (
        f"{name} has not answered {wording.count(len(attempts), 'follow-up')}, the last on "
        f"{wording.day(last)}; from {wording.day(day)} it is time to mark "
        f"{facts.opportunity.company} closed{warm} and put your energy into other openings."
    )
    return make(facts, f"{facts.ref}/close_out/{wait_key(facts, wait)}",
                _KIND_CLOSE_OUT, "R13", contact=contact.ref if contact else None,
                channel=_BY_EMAIL, window=day_window(facts, day), why=why,
                interview=wait.interview.ref)


def courteous_reply(facts: Facts) -> Iterator[Action]:
    """R14: a rejection gets a gracious answer that asks to be kept in mind."""
    rejection = latest_rejection(facts)
    if rejection is None or answered(facts, rejection, _COURTEOUS_REPLY_BY):
        return
    calendar = facts.calendar
    day = calendar.add_business_days(facts.local_date(rejection.at), 1)
    name = facts.name_of(rejection.contact)
    why = (
        f"{name} let you know on {wording.day(facts.local_date(rejection.at))} that "
        f"{facts.opportunity.company} will not go ahead; a short, gracious reply by "
        f"{wording.day(day)} thanks them and asks to be kept in mind for other roles."
    )
    closing = calendar.closing(day)
    stamp = minute_stamp(rejection.at, calendar)
    yield make(facts, f"{facts.ref}/courteous_reply/{stamp}",
               _KIND_COURTEOUS_REPLY, "R14", contact=rejection.contact,
               channel=_BY_EMAIL, window=(rejection.at, closing, closing), why=why)


def latest_rejection(facts: Facts) -> Touch | None:
    """The employer's latest word, when it is a no that no later interview overturned."""
    if not facts.inbound:
        return None
    last_moment = facts.inbound[-1].at
    # Two answers at one instant have no order: a no among them is the last word.
    latest = next((t for t in reversed(facts.inbound)
                   if t.at == last_moment and t.outcome is _OUTCOME_REJECTED), None)
    if latest is None:
        return None
    if any(interview.start > latest.at for interview in facts.interviews):
        return None
    return latest

