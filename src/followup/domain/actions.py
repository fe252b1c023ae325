"""Building Action values: rule sources, lateness and quiet hours in one place.

Keys join refs with '/', which refs may not contain, so they never collide.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from followup.domain.calendar import is_late, stamp
from followup.domain.facts import Facts
from followup.domain.model import Action, ActionKind, Channel
from followup.domain.quiet import WRITTEN, phone_note, written_move
from followup.domain.sources import RULE_SOURCES

# Enum members as plain module names: in Python 3.11 `Channel.EMAIL` costs
# ~0.1 µs (the enum metaclass has a __getattr__, which slows every class
# attribute look-up), and the planner reads these for every touch and action. Final:
# the compiled planner keeps them in C variables, not in the module's dict.
_BY_PHONE: Final = Channel.PHONE


__all__ = ["day_window", "is_late", "make"]

Window = tuple[datetime, datetime, datetime | None]


class _Timed:
    """What the clock and the user's night make of one window, worked out once.

    A thank-you and a LinkedIn invitation after one interview share a window,
    so its lateness and its move out of the night are worked out once for both.
    """

    __slots__ = ("due_stamp", "late", "moved", "night", "phone", "window")

    def __init__(self, facts: Facts, window: Window) -> None:
        _, due, latest = self.window = window
        self.due_stamp = stamp(due)
        self.late = _late(facts, due, latest, self.due_stamp)
        nights = facts.nights
        self.night = None if nights is None else nights.around(due, self.due_stamp)
        self.moved: tuple[datetime, float, bool, str] | bool | None = False  # False: not yet
        self.phone: str | None = None


def _late(facts: Facts, due: datetime, latest: datetime | None, due_stamp: float) -> bool:
    """`is_late(now, due, latest)` at the planning clock, in POSIX seconds when the zones differ
    (one zone: Python compares wall clocks, so compare as it does)."""
    end = latest if latest is not None else due
    now = facts.now
    if end.tzinfo is now.tzinfo:
        return now > end
    return facts.now_stamp > (due_stamp if latest is None else stamp(latest))


def _written(
    facts: Facts, window: Window, night: tuple[datetime, datetime]
) -> tuple[datetime, float, bool, str] | None:
    moved = written_move(window, night, facts.nights)  # type: ignore[arg-type]
    if moved is None:
        return None
    due, due_stamp, note = moved
    return due, due_stamp, _late(facts, due, window[2], due_stamp), note


def make(
    facts: Facts,
    key: str,
    kind: ActionKind,
    rule: str,
    *,
    contact: str | None,
    channel: Channel | None,
    window: Window,
    why: str,
    attempt: int | None = None,
    interview: str | None = None,
    request: str | None = None,
    callback_on: date | None = None,
    share: int | None = None,
) -> Action:
    """An action due in its window, moved out of the user's night (R16)."""
    timed = facts.timed.get(id(window))
    if timed is None or timed.window is not window:
        timed = facts.timed[id(window)] = _Timed(facts, window)
    earliest, due, latest = window
    due_stamp, late = timed.due_stamp, timed.late
    if timed.night is not None:
        if channel is _BY_PHONE:
            if timed.phone is None:
                timed.phone = phone_note(due, facts.nights)  # type: ignore[arg-type]
            why += timed.phone
        elif channel in WRITTEN:
            if timed.moved is False:
                timed.moved = _written(facts, window, timed.night)
            if timed.moved is not None:
                due, due_stamp, late, note = timed.moved  # type: ignore[misc]
                why += note
    # Positional on purpose: this runs for every action of every re-plan.
    action = Action(
        key, facts.ref, kind, rule, contact, channel, attempt, earliest, due, latest,
        late, why, RULE_SOURCES[rule], interview, request, callback_on, share,
    )
    facts.due_stamps[id(action)] = due_stamp
    return action


def day_window(facts: Facts, day: date) -> tuple[datetime, datetime, datetime]:
    """A business-day action: open at the day's opening, late after its close."""
    calendar = facts.calendar
    opening = calendar.opening(day)
    return opening, opening, calendar.closing(day)
