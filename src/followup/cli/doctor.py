"""`followup doctor`: check the record for rows it cannot use, and mend them (issue 8)."""

from __future__ import annotations

import json

import click

from followup.cli.base import common_options, now, open_store


@click.command()
@click.option("--repair", is_flag=True,
              help="Mend what is found: each date moves to the nearest end of the range.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@common_options
def doctor(repair: bool, fmt: str) -> None:
    """Look for dates the record cannot use (outside 1970-01-01 .. 2199-12-31).

    Such rows were written before followup checked the range; they can make
    every command fail. Exit 0 whatever is found; --repair mends them.
    """
    owner = open_store()
    from followup.services import doctor as service

    found = service.mend(owner, now=now()) if repair else service.examine(owner)
    if fmt == "json":
        rows = [{"table": d.table, "row": d.row, "column": d.column, "value": d.value,
                 "opportunity": d.opportunity} for d in found]
        click.echo(json.dumps({"repaired": repair, "problems": rows}, indent=2))
        return
    if not found:
        click.echo("No problems found: every stored date is in range.")
        return
    for item in found:
        click.echo(("mended: " if repair else "") + item.describe())
    if not repair:
        click.echo(f"{len(found)} problem(s). `followup doctor --repair` mends them.")
