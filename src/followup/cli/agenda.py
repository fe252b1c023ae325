"""The agenda (for scripts) and `today` (for people)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import click

from followup.cli.base import INSTANT, common_options, db_url, now, open_store, user_errors
from followup.cli.output import (
    GETTING_STARTED,
    describe,
    emit_json,
    rule_source,
    section,
    short,
    table,
    when,
)

if TYPE_CHECKING:
    from followup.services.agenda import Agenda


def load_agenda(as_of: datetime | None, until: datetime | None) -> Agenda:
    """Straight from the database when it is ready; else set it up with Django first."""
    from followup.services.agenda import agenda, fast_agenda
    from followup.store.config import describe as where

    url = db_url()
    with user_errors():
        try:
            found = fast_agenda(url, as_of, until)
        except ValueError as error:
            raise click.UsageError(f"--db: {error}") from None
        except Exception as error:  # the slow path below says it better, or works
            if "could not connect" in str(error) or "connection" in str(error).lower():
                raise click.ClickException(f"cannot open {where(url)}: {error}") from None
            found = None
        if found is not None:
            return found
        owner = open_store()
        return agenda(owner, as_of, until)


@click.command()
@click.option("--as-of", type=INSTANT, help="The moment to plan for (default: now).")
@click.option("--until", type=INSTANT, help="Also list the actions that open before this.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)
@common_options
def agenda(as_of: datetime | None, until: datetime | None, fmt: str) -> None:
    """The planned actions open now (or at --as-of), as JSON for scripts.

    An action is listed when it opens no later than --as-of (or --until, when
    later) and is not done, skipped or superseded. Sorted by due time, then key.
    A time without an offset is read in your profile's time zone. Reads only.

    Example: followup agenda --as-of 2026-11-20T20:00:00+00:00 --format json
    """
    from followup.services.agenda import agenda_json

    result = load_agenda(as_of, until)
    if fmt == "json":
        emit_json(agenda_json(result))
        return
    tz = result.profile.time_zone if result.profile else "UTC"
    rows = [
        [when(a.due, tz, result.opportunities[a.opportunity].time_zone, result.as_of),
         short(a), a.key, describe(a, result.opportunities[a.opportunity])]
        for a in result.actions
    ]
    for line in table(rows, ["DUE", "ID", "KEY", "ACTION"]) if rows else ["Nothing to do."]:
        click.echo(line)


@click.command()
@click.option("--as-of", type=INSTANT, help="Pretend it is this moment (default: now).")
@click.option("--days", type=click.IntRange(1, 60), default=7, show_default=True,
              help="How far ahead 'coming up' looks.")
@common_options
def today(as_of: datetime | None, days: int) -> None:
    """What is late, due today and coming up this week, with the why.

    Times are on your own clock (see `followup profile`), the employer's
    beside them when it differs. "Due today" is everything due before the
    end of your day. Each action shows its short id: `followup done ID`.
    """
    moment = as_of or now()
    result = load_agenda(moment, moment + timedelta(days=days))
    if not result.actions:
        owner = open_store()
        from followup.services.read import has_record

        if not has_record(owner):
            click.echo(GETTING_STARTED, nl=False)
        else:
            click.echo(f"Nothing to do in the next {days} days. `followup list` shows all.")
        return
    tz = result.profile.time_zone if result.profile else "UTC"
    from followup.domain.calendar import end_of_day

    end_of_today = end_of_day(result.as_of, tz)
    groups: dict[str, list[list[str]]] = {"late": [], "today": [], "soon": []}
    for action in result.actions:
        group = "late" if action.late else "today" if action.due <= end_of_today else "soon"
        opportunity = result.opportunities[action.opportunity]
        groups[group].append([
            when(action.due, tz, opportunity.time_zone, result.as_of),
            f"{opportunity.company} · {opportunity.role}",
            describe(action, opportunity), short(action),
            f"{action.why} [{rule_source(action)}]",
        ])
    section("Late", "red", _rows(groups["late"]))
    section("Due today", "yellow", _rows(groups["today"]))
    section(f"Coming up (next {days} days)", "cyan", _rows(groups["soon"]))
    click.echo(
        "Mark one with `followup done ID`, `skip ID --why ...` or `snooze ID --until ...`; "
        "`followup why ID` explains it."
    )


def _rows(rows: list[list[str]]) -> list[str]:
    """One line per action, its why on the line below."""
    lines = table([row[:4] for row in rows])
    out = []
    for line, row in zip(lines, rows, strict=True):
        out += [line, click.style(f"    {row[4]}", dim=True)]
    return out

