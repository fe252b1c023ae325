"""Building Action values: rule sources and lateness in one place.

Keys join refs with '/', which refs may not contain, so they never collide.
"""

from __future__ import annotations

from datetime import date, datetime

from followup.domain.facts import Facts
from followup.domain.model import Action, ActionKind, Channel
from followup.domain.sources import RULE_SOURCES


def is_late(now: datetime, due: datetime, latest: datetime | None) -> bool:
    return now > (latest if latest is not None else due)


def make(
    facts: Facts,
    key: str,
    kind: ActionKind,
    rule: str,
    *,
    contact: str | None,
    channel: Channel | None,
    window: tuple[datetime, datetime, datetime | None],
    why: str,
    attempt: int | None = None,
    interview: str | None = None,
    request: str | None = None,
    callback_on: date | None = None,
    share: int | None = None,
) -> Action:
    earliest, due, latest = window
    # Positional on purpose: this runs for every action of every re-plan.
    return Action(
        key, facts.ref, kind, rule, contact, channel, attempt, earliest, due, latest,
        is_late(facts.now, due, latest), why,
        RULE_SOURCES[rule],
        interview, request, callback_on, share,
    )


def day_window(facts: Facts, day: date) -> tuple[datetime, datetime, datetime]:
    """A business-day action: open at the day's opening, late after its close."""
    calendar = facts.calendar
    opening = calendar.opening(day)
    return opening, opening, calendar.closing(day)
