"""`followup why KEY`: the full explanation of one planned action."""

from __future__ import annotations

from datetime import date, datetime

import click

from followup.cli.base import common_options, now, open_store, user_errors
from followup.cli.completion import complete_key
from followup.cli.output import describe, when


@click.command()
@click.argument("key", shell_complete=complete_key)
@common_options
def why(key: str) -> None:
    """Why the action KEY (key, short id or prefix) is planned, and when.

    Prints its explanation, the rule's text and sources, the dates it was
    computed from and the settings that applied.
    """
    owner = open_store()
    from followup.services.explain import explain

    moment = now()
    with user_errors():
        found = explain(owner, key, moment)
    a, o, tz = found.action, found.opportunity, found.profile.time_zone

    def at(instant: datetime | date) -> str:
        if isinstance(instant, datetime):
            return when(instant, tz, o.time_zone, moment)
        return instant.strftime("%a %d %b %Y")

    click.echo(click.style(f"{describe(a, o)} · {o.company}", bold=True)
               + f"  [{found.short_id} {a.key}]")
    click.echo(a.why)
    click.echo()
    click.echo(click.style(f"{a.rule} {found.rule_title}", bold=True))
    click.echo(f"  {found.rule_text}")
    for source in a.sources:
        click.echo(f"  Source: {source}")
    click.echo()
    click.echo(click.style("When", bold=True))
    late = "late after" if a.latest else "late after (due)"
    for label, instant in (("opens", a.earliest), ("due", a.due), (late, a.latest or a.due)):
        click.echo(f"  {label:30} {at(instant)}")
    click.echo(click.style("Computed from", bold=True))
    for label, moment_or_day in found.dates or [("(nothing dated)", a.earliest)]:
        click.echo(f"  {label:30} {at(moment_or_day)}")
    click.echo(click.style("Settings", bold=True))
    click.echo(f"  {'playbook':30} {found.playbook}")
    click.echo(f"  {'your time zone':30} {tz}")
    click.echo(f"  {'employer time zone':30} {o.time_zone} ({o.country}"
               f"{'-' + o.subdivision if o.subdivision else ''})")
    for name, value in found.settings:
        click.echo(f"  {name:30} {value.value if hasattr(value, 'value') else value}")
