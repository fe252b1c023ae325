"""Invariants of the planner that hold for every record, over generated histories.

The checks restate PLAYBOOK.md independently of the planner's own code where
they can, so a bug in a shared helper cannot hide itself.
"""

from __future__ import annotations

import os
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.calendar import BusinessCalendar
from followup.domain.model import (
    Action,
    ActionKind,
    Direction,
    Interview,
    InterviewFormat,
    Opportunity,
    Outcome,
    Record,
    Role,
    Stage,
    Touch,
    TouchKind,
)
from followup.domain.planner import plan
from followup.domain.settings import GapUnit, PlaybookSettings, Settings
from planner_builders import PROFILE
from planner_strategies import clocks, opportunities

EXAMPLES = int(os.environ.get("FOLLOWUP_PROPERTY_EXAMPLES", "1000"))
RUNS = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DAY_PLANNED = {ActionKind.FOLLOW_UP, ActionKind.CHECK_IN, ActionKind.CLOSE_OUT,
               ActionKind.INFO_DELAY_NOTICE}
ASKING = {TouchKind.EMAIL, TouchKind.CALL, TouchKind.VOICEMAIL}
COURTESY = {TouchKind.THANK_YOU, TouchKind.LINKEDIN_INVITE, TouchKind.HANDWRITTEN_NOTE}


def planned(opp: Opportunity, now: datetime) -> list[Action]:
    return plan(Record(PROFILE, (opp,)), Settings(), now)


def numbers(opp: Opportunity) -> PlaybookSettings:
    return Settings().for_opportunity(opp, PROFILE)


def calendar(opp: Opportunity) -> BusinessCalendar:
    return BusinessCalendar(opp.time_zone, opp.country, opp.subdivision)


def local_day(opp: Opportunity, moment: datetime) -> date:
    return calendar(opp).local_date(moment)


def finished(opp: Opportunity) -> bool:
    return opp.stage in {Stage.OFFER, Stage.HIRED, Stage.WITHDRAWN, Stage.CLOSED_NO_RESPONSE}


def rejected(opp: Opportunity) -> bool:
    if opp.stage is Stage.REJECTED:
        return True
    inbound = sorted((t for t in opp.touches if t.direction is Direction.IN), key=_when)
    if not inbound:
        return False
    last = [t for t in inbound if _when(t) == _when(inbound[-1])]  # answers at one instant
    if not any(t.outcome is Outcome.REJECTED for t in last):
        return False
    return not any(iv.start > inbound[-1].at for iv in opp.interviews)


def _when(touch: Touch) -> datetime:
    return touch.at.astimezone(UTC)


@RUNS
@given(opportunities(), clocks())
def test_property_no_follow_up_before_the_promised_date_plus_its_grace(opp, now) -> None:
    last = max(opp.interviews, key=lambda iv: (iv.end, iv.ref))
    stated, stated_at = last.decision_expected, last.end
    later = sorted((t for t in opp.touches if t.direction is Direction.IN and t.at >= last.end),
                   key=_when)
    for touch in later:
        if touch.decision_expected is not None:
            stated, stated_at = touch.decision_expected, touch.at
        elif touch.outcome is Outcome.DELAYED:
            stated = None  # "it will take longer", no new date: no promised date holds (wait.py)
    if stated is None:
        return
    restarted = any(t.at > stated_at and local_day(opp, t.at) > stated for t in later)
    grace = calendar(opp).add_business_days(stated, numbers(opp).first_follow_up_business_days)
    for action in planned(opp, now):
        if action.kind is ActionKind.FOLLOW_UP:
            day = local_day(opp, action.due)
            assert day > stated if restarted else day >= grace


@RUNS
@given(opportunities(), clocks())
def test_property_outbound_follow_ups_keep_their_distance(opp, now) -> None:
    last = _last_spacing_touch(opp)
    if last is None:
        return
    rules, cal = numbers(opp), calendar(opp)
    last_day = local_day(opp, last.at)
    if rules.gap_unit is GapUnit.BUSINESS:
        gap_floor = cal.add_business_days(last_day, rules.gap_min)
    else:
        gap_floor = last_day + timedelta(days=rules.gap_min)
    for action in planned(opp, now):
        if action.kind in (ActionKind.FOLLOW_UP, ActionKind.CHECK_IN):
            day = local_day(opp, action.due)
            assert day >= last_day + timedelta(days=3)
            if action.rule != "R10":  # a kept call-back promise may come sooner than the gap
                assert day >= gap_floor


def _last_spacing_touch(opp: Opportunity) -> Touch | None:
    interview_days = {local_day(opp, iv.start) for iv in opp.interviews}
    counted = [
        t for t in opp.touches
        if t.direction is Direction.OUT and t.kind not in COURTESY
        and not (t.kind is TouchKind.INFO_DELIVERED and local_day(opp, t.at) in interview_days)
    ]
    return max(counted, key=_when, default=None)


@RUNS
@given(opportunities(), clocks())
def test_property_attempts_never_exceed_the_maximum(opp, now) -> None:
    ivs = opp.interviews
    people = {ref for iv in ivs for ref in iv.interviewers}
    if len(people) > 1 or len(ivs) > 1 or any(iv.round > 1 for iv in ivs):
        allowed = 3
    elif ivs and all(_is_screen(opp, iv) for iv in ivs):
        allowed = 1
    else:
        allowed = 2
    allowed = min(allowed + (1 if numbers(opp).extra_attempt else 0), 4)
    for action in planned(opp, now):
        if action.kind is ActionKind.FOLLOW_UP:
            assert action.attempt is not None and 1 <= action.attempt <= allowed


def _is_screen(opp: Opportunity, iv: Interview) -> bool:
    """R11: a first-round call with only recruiters or coordinators, or a short phone call."""
    if iv.round != 1 or iv.format is InterviewFormat.ONSITE:
        return False
    people = [opp.contact(ref) for ref in iv.interviewers]
    screeners = {Role.RECRUITER, Role.COORDINATOR}
    if any(p is None or Role.HIRING_MANAGER in p.roles or not screeners & set(p.roles)
           for p in people):
        return False
    return bool(people) or (iv.format is InterviewFormat.PHONE
                            and iv.end - iv.start <= timedelta(minutes=45))


@RUNS
@given(opportunities(), clocks())
def test_property_business_day_actions_fall_on_the_employers_business_days(opp, now) -> None:
    cal = calendar(opp)
    for action in planned(opp, now):
        if action.kind in DAY_PLANNED:
            assert cal.is_business_day(local_day(opp, action.due)), action
            assert cal.within_hours(action.due), action
        if action.kind is ActionKind.HANDWRITTEN_NOTE:
            assert cal.is_business_day(local_day(opp, action.due))


@RUNS
@given(opportunities(), clocks())
def test_property_every_interviewer_with_email_gets_a_thank_you_due_24_hours_after(
    opp, now
) -> None:
    actions = {a.key: a for a in planned(opp, now)}
    if finished(opp) or rejected(opp):
        return
    for iv in opp.interviews:
        for ref in iv.interviewers:
            contact = opp.contact(ref)
            if contact is None or not contact.email or _thanked(opp, iv.start, ref):
                continue
            action = actions[f"opp/thank_you/{iv.ref}/{ref}"]
            assert action.latest is not None
            assert action.latest.astimezone(UTC) - iv.end.astimezone(UTC) == timedelta(hours=24)


def _thanked(opp: Opportunity, since: datetime, ref: str) -> bool:
    return any(t.kind is TouchKind.THANK_YOU and t.direction is Direction.OUT
               and t.contact == ref and t.at >= since for t in opp.touches)


@RUNS
@given(opportunities(), clocks())
def test_property_nothing_but_a_courteous_reply_after_a_rejection(opp, now) -> None:
    if rejected(opp):
        assert {a.kind for a in planned(opp, now)} <= {ActionKind.COURTEOUS_REPLY}


@RUNS
@given(opportunities(), clocks(), st.randoms(use_true_random=False))
def test_property_the_plan_is_deterministic_with_unique_stable_keys(opp, now, rng) -> None:
    first = planned(opp, now)
    assert first == planned(opp, now)
    assert len({a.key for a in first}) == len(first)
    # Contacts keep their order: R15 falls back on "the first interviewer".
    shuffled = replace(opp, touches=_shuffled(opp.touches, rng))
    assert [(a.key, a.due) for a in planned(shuffled, now)] == [(a.key, a.due) for a in first]


def _shuffled(items: tuple, rng: random.Random) -> tuple:
    out = list(items)
    rng.shuffle(out)
    return tuple(out)


@RUNS
@given(opportunities(), clocks(), st.integers(1, 60 * 24 * 30))
def test_property_planning_later_never_adds_an_earlier_action(opp, now, minutes) -> None:
    """What keeps the agenda's next_due_at index safe to read from."""
    earlier = {(a.key, a.earliest) for a in planned(opp, now)}
    later = {(a.key, a.earliest) for a in planned(opp, now + timedelta(minutes=minutes))}
    assert later <= earlier
