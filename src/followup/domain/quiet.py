"""Quiet hours (R2, R16): no written action is due in the user's night.

The night is a setting (default 21:00-08:00 in the user's own zone). Calls
keep the employer's business hours even when that is the user's night; the
why says so. Everything else that is written moves out of the night.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Final
from zoneinfo import ZoneInfo

from followup.domain import wording
from followup.domain.calendar import is_late, stamp, zone
from followup.domain.model import Action, Channel
from followup.domain.settings import PlaybookSettings

ONE_DAY: Final = timedelta(days=1)
SECOND: Final = timedelta(seconds=1)
NAN: Final = float("nan")
MIN_EVENING_GAP: Final = timedelta(hours=2)  # R2: an aim moved to the evening is at least this late


def night_around(moment: datetime, time_zone: str, settings: PlaybookSettings) -> (
        tuple[datetime, datetime] | None):
    """The (start, end) of the quiet hours `moment` falls in, or None when it is daytime.

    The start itself is not quiet: "by 21:00" is still the evening.
    """
    nights = nights_in(time_zone, settings.quiet_start_hour, settings.quiet_end_hour)
    return None if nights is None else nights.around(moment, None)


Night = tuple[datetime, datetime]
# A night as (start, end), then both as POSIX seconds.
_Candidate = tuple[Night, float, float]
# A UTC day: the POSIX second its local date turns, and the candidates before and after.
_UtcDay = tuple[float, tuple[_Candidate, _Candidate], tuple[_Candidate, _Candidate]]


class Nights:
    """The user's nights in one zone, worked out once and shared.

    The planner asks for every action it plans; the candidate nights (and
    their POSIX times) are kept per local day, and per UTC day for moments
    on another zone's clock, so an answer is a dictionary look-up and a few
    float comparisons, with no conversion between zones.
    """

    __slots__ = ("by_utc_day", "days", "end_hour", "start_hour", "tz")

    def __init__(self, tz: ZoneInfo, start_hour: int, end_hour: int) -> None:
        self.tz, self.start_hour, self.end_hour = tz, start_hour, end_hour
        self.days: dict[date, tuple[_Candidate, _Candidate]] = {}
        self.by_utc_day: dict[int, _UtcDay] = {}

    def around(self, moment: datetime, moment_stamp: float | None) -> Night | None:
        """As `night_around`; `moment_stamp` is `moment`'s POSIX time when known."""
        if moment.tzinfo is self.tz:
            # One tzinfo: Python compares wall clocks, so compare the datetimes
            # themselves to keep its answer around a change of the clocks.
            for night, _, _ in self._on(moment.date()):
                if night[0] < moment < night[1]:
                    return night
            return None
        at = stamp(moment) if moment_stamp is None else moment_stamp
        utc_day = int(at // 86400)
        day = self.by_utc_day.get(utc_day)
        if day is None:
            day = self.by_utc_day[utc_day] = self._during(utc_day)
        turn, before, after = day
        if turn != turn:  # NaN: the zone changes its offset that day, ask it
            before = after = self._on(moment.astimezone(self.tz).date())
        for night, start, end in (before if at < turn else after):
            if start < at < end:
                return night
        return None

    def _on(self, day: date) -> tuple[_Candidate, _Candidate]:
        """The nights that may cover part of local `day`: the one from the evening
        before, and its own."""
        candidates = self.days.get(day)
        if candidates is None:
            candidates = self.days[day] = self._candidates(day)
        return candidates

    def _during(self, utc_day: int) -> _UtcDay:
        """One UTC day: the POSIX second its local date turns, and the candidate
        nights of the local dates before and from then: exactly those each
        moment's own local date gives. On the few days a zone changes its
        offset the turn is NaN: `around` converts such moments one by one."""
        first = datetime.fromtimestamp(utc_day * 86400, self.tz)
        last = datetime.fromtimestamp(utc_day * 86400 + 86399, self.tz)
        offset = first.utcoffset()
        if offset is None or offset != last.utcoffset():
            return NAN, self._on(first.date()), self._on(last.date())
        before, after = self._on(first.date()), self._on(last.date())
        if before is after:
            return float(utc_day * 86400 + 86400), before, after
        # One offset all day: the local date turns at the next local midnight.
        turn = (utc_day * 86400 + offset // SECOND) // 86400 * 86400 + 86400 - offset // SECOND
        return float(turn), before, after

    def _candidates(self, day: date) -> tuple[_Candidate, _Candidate]:
        def candidate(first: date) -> _Candidate:
            start = _at(first, self.start_hour, self.tz)
            last = first + ONE_DAY if self.end_hour <= self.start_hour else first
            end = _at(last, self.end_hour, self.tz)
            return (start, end), stamp(start), stamp(end)
        return candidate(day - ONE_DAY), candidate(day)


@cache
def nights_in(time_zone: str, start_hour: int, end_hour: int) -> Nights | None:
    """The shared nights of one zone and setting (None: no quiet hours at all)."""
    if start_hour == end_hour:
        return None
    return Nights(zone(time_zone), start_hour, end_hour)


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


WRITTEN: Final = frozenset(
    {Channel.EMAIL, Channel.LINKEDIN, Channel.MAIL, Channel.FAX, Channel.UPLOAD})


def keep_out_of_the_night(
    action: Action, time_zone: str, settings: PlaybookSettings, now: datetime
) -> Action:
    """R16: a written action due in the user's night moves to its edge (the
    evening before, else the morning after) while it stays in its window; a
    call stays in the employer's hours and its why says it is your night.

    The planner does this as it builds each action (`actions.make`).
    """
    nights = nights_in(time_zone, settings.quiet_start_hour, settings.quiet_end_hour)
    night = None if nights is None else nights.around(action.due, None)
    if nights is None or night is None:
        return action
    if action.channel is Channel.PHONE:
        return _moved(action, action.due, action.late, action.why + phone_note(action.due, nights))
    if action.channel not in WRITTEN:
        return action
    moved = written_move((action.earliest, action.due, action.latest), night, nights)
    if moved is None:
        return action
    due, _, note = moved
    return _moved(action, due, is_late(now, due, action.latest), action.why + note)


def phone_note(due: datetime, nights: Nights) -> str:
    """For a call due in the user's night: it keeps the employer's hours."""
    local = due.astimezone(nights.tz)
    return (f" That is {wording.CLOCK[local.hour * 60 + local.minute]} your time: calls keep the "
            f"employer's business hours.")


def written_move(
    window: tuple[datetime, datetime, datetime | None], night: Night, nights: Nights
) -> tuple[datetime, float, str] | None:
    """Where a written action due in `night` moves: (due, its POSIX time, the
    note for its why); None when neither edge of the night is in its window."""
    earliest, _, latest = window
    start, morning = night
    if start >= earliest:
        due = start
    elif latest is None or morning <= latest:
        due = morning
    else:
        return None
    when = wording.day_and_time_in(due, nights.tz.key)
    return due, stamp(due), f" Due {when}, outside your quiet hours."


def _moved(action: Action, due: datetime, late: bool, why: str) -> Action:
    """`replace(action, due=, late=, why=)`, built positionally (`replace` costs
    several times as much)."""
    a = action
    return Action(a.key, a.opportunity, a.kind, a.rule, a.contact, a.channel, a.attempt,
                  a.earliest, due, a.latest, late, why, a.sources,
                  a.interview, a.request, a.callback_on, a.share)
