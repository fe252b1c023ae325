"""The planner: PLAYBOOK.md in code.

`plan(record, settings, now)` turns what happened into what to do next, each
action dated, explained and tied to its rule. It is a pure function: the
clock is the `now` argument, so the same record and clock give the same plan.

Only `late` and the R1/R7 actions whose moment has passed depend on `now`;
planning later never adds an action with an earlier `earliest`, so the
earliest `earliest` is a safe index for the agenda. Rules ask the clock
through `Facts.before`, so `plan_with_horizon` can say until when a plan
holds (lateness aside): the stored agenda applies the clock at read time.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Final

from followup.domain.actions import is_late
from followup.domain.calendar import stamp
from followup.domain.facts import Facts, gather
from followup.domain.model import Action, DecisionKind, Opportunity, Profile, Record, Stage
from followup.domain.rules_cadence import cadence_actions, courteous_reply, latest_rejection
from followup.domain.rules_interview import interview_actions
from followup.domain.settings import Settings

# Enum members as plain module names: in Python 3.11 `Channel.EMAIL` costs
# ~0.1 µs (the enum metaclass has a __getattr__, which slows every class
# attribute look-up), and the planner reads these for every touch and action. Final:
# the compiled planner keeps them in C variables, not in the module's dict.
_STAGE_REJECTED: Final = Stage.REJECTED
_DECISIONKIND_SNOOZE: Final = DecisionKind.SNOOZE


SNOOZE_GRACE: Final = timedelta(hours=8)

# Stages after which nothing is planned but, for a rejection, a courteous reply (R14).
FINISHED: Final = frozenset({Stage.OFFER, Stage.HIRED, Stage.WITHDRAWN, Stage.CLOSED_NO_RESPONSE})


def plan(record: Record, settings: Settings, now: datetime) -> list[Action]:
    """Every open action of every opportunity, sorted by due time, then key."""
    _require_aware(now)
    keyed: list[_Keyed] = []
    # The planner makes no reference cycles, yet the hundreds of thousands of
    # objects a whole record's plan allocates would set the collector walking
    # the whole heap again and again: pause it (if it runs) for the duration.
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        for opportunity in record.opportunities:
            keyed.extend(_plan_one(record.profile, opportunity, settings, now))
        return _sorted(keyed)
    finally:
        if paused:
            gc.enable()


def plan_opportunity(
    profile: Profile, opportunity: Opportunity, settings: Settings, now: datetime
) -> list[Action]:
    """The open actions of one opportunity, sorted by due time, then key."""
    _require_aware(now)
    return _sorted(_plan_one(profile, opportunity, settings, now))


def plan_with_horizon(
    profile: Profile, opportunity: Opportunity, settings: Settings, now: datetime
) -> tuple[list[Action], datetime | None]:
    """The open actions, sorted, and the moment until which they stay the same.

    For any clock from `now` up to (not including) that moment the plan is the
    same list but for each action's `late` flag (None: no such moment).
    """
    _require_aware(now)
    marks: list[datetime] = []
    actions = _sorted(_plan_one(profile, opportunity, settings, now, marks))
    return actions, min(marks, default=None)


def next_due(actions: list[Action]) -> datetime | None:
    """The earliest moment any of these actions opens (the agenda index)."""
    return min((action.earliest for action in actions), default=None)


# An action with its sort key: its due moment in POSIX seconds (a float sorts
# far faster than aware datetimes from many zones; the planner knows it
# already), then its key.
_Keyed = tuple[float, str, Action]
_DUE, _KEY = itemgetter(0), itemgetter(1)


def _sorted(keyed: list[_Keyed]) -> list[Action]:
    """By due moment, then key; ties keep the planning order. Two stable sorts
    on one plain key each (a whole record's plan is tens of thousands of
    actions): CPython then compares floats and strings directly, several
    times faster than comparing a (due, key) tuple per step."""
    if len(keyed) > 1:
        keyed.sort(key=_KEY)
        keyed.sort(key=_DUE)
    return [action for _, _, action in keyed]


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("the planner needs an aware 'now' (with a time zone)")


def _plan_one(
    profile: Profile, opportunity: Opportunity, settings: Settings, now: datetime,
    marks: list[datetime] | None = None,
) -> list[_Keyed]:
    if opportunity.stage in FINISHED:
        return []
    resolved = settings.for_opportunity(opportunity, profile)
    facts = gather(profile, opportunity, resolved, now)
    if marks is not None:
        facts.clock_marks = marks
    if opportunity.stage is _STAGE_REJECTED or latest_rejection(facts) is not None:
        planned = list(courteous_reply(facts))
    else:
        planned = list(interview_actions(facts))
        planned.extend(cadence_actions(facts))
    # Built by `actions.make`, already out of the user's night (R16).
    stamps = facts.due_stamps
    return _apply_decisions(facts, [(stamps[id(a)], a.key, a) for a in planned])


def _apply_decisions(facts: Facts, keyed: list[_Keyed]) -> list[_Keyed]:
    """Skips and dones hide an action; a snooze moves it (the latest decision wins)."""
    decisions = facts.opportunity.decisions
    if not decisions:
        return keyed
    latest = {decision.key: decision for decision in sorted(decisions, key=lambda d: d.at)}
    kept: list[_Keyed] = []
    for entry in keyed:
        action = entry[2]
        decision = latest.get(action.key)
        if decision is None:
            kept.append(entry)
        elif decision.kind is _DECISIONKIND_SNOOZE and decision.until is not None:
            moved = _snoozed(action, decision.until, facts.now)
            kept.append((stamp(moved.due), moved.key, moved))
    return kept


def _snoozed(action: Action, until: datetime, now: datetime) -> Action:
    """Back at `until`, due then and not late at once: its window keeps its
    length (at least a working day) from the new due moment."""
    earliest = max(action.earliest, until)
    due = max(action.due, until)
    span = max(SNOOZE_GRACE, (action.latest or action.due) - action.due)
    latest = max(action.latest or action.due, due + span)
    return replace(action, earliest=earliest, due=due, latest=latest,
                   late=is_late(now, due, latest))
