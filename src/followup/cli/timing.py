"""Typed times on the command line: one rule for every command (issue 10).

A date and time typed without an offset is read on the user's own clock;
`--tz employer` (the opportunity's zone) or `--tz ZONE` for a time copied
from the employer's message. A bare date is kept as a date where a command
gives it a meaning (snooze: 09:00 that day in the employer's zone, R16).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import click

from followup.cli.base import UserError

F = TypeVar("F", bound=Callable[..., Any])


class MomentType(click.ParamType):  # type: ignore[type-arg]
    """'2026-11-20 10:00', '2026-11-20T10:00:00-06:00', or (dates allowed) '2026-11-30'."""

    name = "WHEN"

    def __init__(self, dates: bool = False) -> None:
        self.dates = dates

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, date):
            return value
        from followup.domain import limits

        text = str(value).strip()
        parsed: date | datetime | None = None
        if self.dates and len(text) == 10:
            with contextlib.suppress(ValueError):  # not a bare day: a time is tried next
                parsed = date.fromisoformat(text)
        if parsed is None:
            try:
                parsed = datetime.fromisoformat(text)
            except ValueError:
                self.fail(f"not a date and time (YYYY-MM-DD HH:MM, ISO 8601): "
                          f"{limits.shown(str(value))}", param, ctx)
        # The same range as every other channel (issue 8): checked before any
        # zone arithmetic, which overflows near the ends of Python's dates.
        if isinstance(parsed, datetime) and parsed.tzinfo is not None:
            problem = limits.instant_problem(parsed)
        else:
            problem = limits.date_problem(parsed if not isinstance(parsed, datetime)
                                          else parsed.date())
        if problem:
            self.fail(problem, param, ctx)
        return parsed


MOMENT = MomentType()
MOMENT_OR_DAY = MomentType(dates=True)


def tz_option(command: F) -> F:
    return click.option(
        "--tz", "tz", metavar="ZONE|employer",
        help="Read typed times on this clock: an IANA zone, or 'employer' for the "
             "opportunity's (default: your own, from `followup profile`).",
    )(command)


def read_time(
    typed: datetime | None, option: str, tz: str | None, own_zone: str,
    employer_zone: str | None = None,
) -> datetime | None:
    """An aware moment for `typed`; a DST gap is refused, an overlap said aloud."""
    if typed is None:
        return None
    from followup.domain.entry import EntryError, read_local, zone_for

    try:
        reading = read_local(typed, zone_for(tz, own_zone, employer_zone))
    except EntryError as error:
        message = str(error)
        raise UserError(message if message.startswith("--") else f"{option}: {message}") from None
    if reading.note:
        click.echo(f"note: {option}: {reading.note}", err=True)
    return reading.moment


def stamped(moment: datetime, own_zone: str, employer_zone: str | None = None) -> str:
    """'Wed 25 Nov 15:00 New York time (14:00 Chicago)': what was stored, with its zone."""
    from followup.cli.base import now
    from followup.domain.calendar import zone
    from followup.domain.entry import city, stamp

    shown = stamp(moment, own_zone, now=now())
    if not employer_zone or employer_zone == own_zone:
        return shown
    mine, theirs = moment.astimezone(zone(own_zone)), moment.astimezone(zone(employer_zone))
    if theirs.utcoffset() == mine.utcoffset():
        return shown
    day = "" if theirs.date() == mine.date() else f"{theirs:%a} "
    return f"{shown} ({day}{theirs:%H:%M} {city(employer_zone)})"
