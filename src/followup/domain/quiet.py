"""Quiet hours (R2, R16): no written action is due in the user's night.

The night is a setting (default 21:00-08:00 in the user's own zone). Calls
keep the employer's business hours even when that is the user's night; the
why says so. Everything else that is written moves out of the night.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from followup.domain import wording
from followup.domain.actions import is_late
from followup.domain.calendar import zone
from followup.domain.model import Action, Channel
from followup.domain.settings import PlaybookSettings

ONE_DAY = timedelta(days=1)
MIN_EVENING_GAP = timedelta(hours=2)  # R2: an aim moved to the evening is at least this late


def night_around(moment: datetime, time_zone: str, settings: PlaybookSettings) -> (
        tuple[datetime, datetime] | None):
    """The (start, end) of the quiet hours `moment` falls in, or None when it is daytime.

    The start itself is not quiet: "by 21:00" is still the evening.
    """
    tz = zone(time_zone)
    local = moment.astimezone(tz)
    start_h, end_h = settings.quiet_start_hour, settings.quiet_end_hour
    if start_h == end_h:
        return None
    for first in (local.date() - ONE_DAY, local.date()):
        start = _at(first, start_h, tz)
        end = _at(first + ONE_DAY if end_h <= start_h else first, end_h, tz)
        if start < moment < end:
            return start, end
    return None


def _at(day: date, hour: int, tz: object) -> datetime:
    return datetime.combine(day, time(hour), tz)  # type: ignore[arg-type]


def thank_you_aim(end: datetime, aim: datetime, deadline: datetime, time_zone: str,
                  settings: PlaybookSettings) -> datetime:
    """R2: an aim in the night moves to that evening's start when that is at
    least two hours after the interview, else to the next morning; never past
    the deadline."""
    night = night_around(aim, time_zone, settings)
    if night is None:
        return aim
    start, morning = night
    moved = start if start >= end + MIN_EVENING_GAP else morning
    return min(moved, deadline)


WRITTEN = frozenset({Channel.EMAIL, Channel.LINKEDIN, Channel.MAIL, Channel.FAX, Channel.UPLOAD})


def keep_out_of_the_night(
    action: Action, time_zone: str, settings: PlaybookSettings, now: datetime
) -> Action:
    """R16: a written action due in the user's night moves to its edge (the
    evening before, else the morning after) while it stays in its window; a
    call stays in the employer's hours and its why says it is your night."""
    night = night_around(action.due, time_zone, settings)
    if night is None:
        return action
    if action.channel is Channel.PHONE:
        local = action.due.astimezone(zone(time_zone))
        why = (f"{action.why} That is {local:%H:%M} your time: calls keep the employer's "
               f"business hours.")
        return replace(action, why=why)
    if action.channel not in WRITTEN:
        return action
    start, morning = night
    if start >= action.earliest:
        due = start
    elif action.latest is None or morning <= action.latest:
        due = morning
    else:
        return action
    when = wording.day_and_time_in(due, time_zone)
    return replace(action, due=due, late=is_late(now, due, action.latest),
                   why=f"{action.why} Due {when}, outside your quiet hours.")
