"""Acting on a planned action by its key: `done`, `skip`, `snooze`."""

from __future__ import annotations

from datetime import date, datetime

import click

from followup.cli.base import (
    DATE,
    INSTANT,
    choice_of,
    common_options,
    in_zone,
    now,
    open_store,
    user_errors,
)
from followup.domain import model as m


@click.command()
@click.argument("key")
@click.option("--at", type=INSTANT, help="When you did it (default: now).")
@click.option("--kind", type=choice_of(m.TouchKind),
              help="What you actually did, e.g. voicemail for a phone follow-up.")
@click.option("--summary", help="A line about what you said.")
@click.option("--callback-on", type=DATE, help="Voicemail: the day you said you would call.")
@common_options
def done(
    key: str, at: datetime | None, kind: str | None, summary: str | None, callback_on: date | None
) -> None:
    """Mark the action KEY done: logs the touch it asked for.

    KEY comes from `followup today` or `followup agenda`. A `prepare` action,
    which no touch completes, is kept as done; `close_out` closes the
    opportunity as closed_no_response.
    """
    owner = open_store()
    from followup.services.actions import done as service
    from followup.services.read import profile

    with user_errors():
        service(
            owner, key, now=now(), at=in_zone(at, profile(owner).time_zone),
            kind=None if kind is None else m.TouchKind(kind), summary=summary,
            callback_on=callback_on,
        )
    click.echo(f"done: {key}")


@click.command()
@click.argument("key")
@click.option("--why", required=True, help="Your reason; the record keeps it.")
@common_options
def skip(key: str, why: str) -> None:
    """Skip the action KEY for good (the record keeps your reason)."""
    owner = open_store()
    from followup.services.actions import skip as service

    with user_errors():
        service(owner, key, now=now(), why=why)
    click.echo(f"skipped: {key}")


@click.command()
@click.argument("key")
@click.option("--until", type=INSTANT, required=True,
              help="When to bring it back (a date or date and time; your time zone).")
@click.option("--why", help="Your reason, if you want to keep one.")
@common_options
def snooze(key: str, until: datetime, why: str | None) -> None:
    """Put the action KEY off until --until."""
    owner = open_store()
    from followup.services.actions import snooze as service
    from followup.services.read import profile

    with user_errors():
        moment = in_zone(until, profile(owner).time_zone)
        assert moment is not None
        service(owner, key, until=moment, now=now(), why=why)
    click.echo(f"snoozed until {moment.isoformat()}: {key}")
