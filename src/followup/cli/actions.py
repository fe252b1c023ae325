"""Acting on a planned action: `done`, `skip`, `snooze`.

KEY is the action's key, its short id (as `today` shows it) or any
unambiguous prefix of either; each command says which action it acted on.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from followup.cli.base import (
    DATE,
    choice_of,
    common_options,
    now,
    open_store,
    user_errors,
)
from followup.cli.completion import complete_key
from followup.cli.timing import MOMENT, MOMENT_OR_DAY, read_time, stamped, tz_option
from followup.domain import model as m

KEY_HELP = "KEY: the action's key, its short id from `followup today`, or a prefix of either."


def resolve(owner: Any, token: str, moment: datetime) -> Any:
    """The open action `token` names (a Found), or exit 2 saying why not."""
    from followup.services.actions import find_action

    with user_errors():
        return find_action(owner, token, moment)


def acted(verb: str, found: Any, detail: str = "") -> None:
    from followup.cli.output import describe
    from followup.domain.entry import short_id

    action = found.action
    click.echo(f"{verb}: {short_id(action.key)} {action.key} — "
               f"{describe(action, found.opportunity)}{detail}")


@click.command(epilog=KEY_HELP)
@click.argument("key", shell_complete=complete_key)
@click.option("--at", type=MOMENT, help="When you did it (default: now; your clock, see --tz).")
@click.option("--kind", type=choice_of(m.TouchKind),
              help="What you actually did, e.g. voicemail for a phone follow-up.")
@click.option("--summary", help="A line about what you said.")
@click.option("--callback-on", type=DATE, help="Voicemail: the day you said you would call.")
@tz_option
@common_options
def done(
    key: str, at: datetime | None, kind: str | None, summary: str | None,
    callback_on: date | None, tz: str | None,
) -> None:
    """Mark the action KEY done: logs the touch it asked for.

    KEY comes from `followup today`. A `prepare` action, which no touch
    completes, is kept as done; `close_out` closes the opportunity as
    closed_no_response.
    """
    owner = open_store()
    from followup.services.actions import done as service

    moment = now()
    found = resolve(owner, key, moment)
    zones = (found.profile.time_zone, found.opportunity.time_zone)
    when = read_time(at, "--at", tz, *zones) or moment
    with user_errors():
        service(
            owner, found.action.key, now=moment, at=when,
            kind=None if kind is None else m.TouchKind(kind), summary=summary,
            callback_on=callback_on,
        )
    acted("done", found, f"; logged {stamped(when, *zones)}")


@click.command(epilog=KEY_HELP)
@click.argument("key", shell_complete=complete_key)
@click.option("--why", required=True, help="Your reason; the record keeps it.")
@common_options
def skip(key: str, why: str) -> None:
    """Skip the action KEY for good (the record keeps your reason)."""
    owner = open_store()
    from followup.services.actions import skip as service

    moment = now()
    found = resolve(owner, key, moment)
    with user_errors():
        service(owner, found.action.key, now=moment, why=why)
    acted("skipped", found)


@click.command(epilog=KEY_HELP)
@click.argument("key", shell_complete=complete_key)
@click.option("--until", type=MOMENT_OR_DAY, required=True,
              help="A day (back at 09:00 that day in the employer's zone), or a date and "
                   "time (your clock, see --tz).")
@click.option("--why", help="Your reason, if you want to keep one.")
@tz_option
@common_options
def snooze(key: str, until: datetime | date, why: str | None, tz: str | None) -> None:
    """Put the action KEY off until --until."""
    owner = open_store()
    from followup.services.actions import snooze as service
    from followup.services.actions import snooze_moment

    moment = now()
    found = resolve(owner, key, moment)
    zones = (found.profile.time_zone, found.opportunity.time_zone)
    if isinstance(until, datetime):
        until = read_time(until, "--until", tz, *zones) or until
    with user_errors():
        back = snooze_moment(found, until)
        service(owner, found.action.key, until=back, now=moment, why=why)
    acted("snoozed", found, f"; back {stamped(back, *zones)}")
