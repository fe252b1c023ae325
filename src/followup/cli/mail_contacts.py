"""`followup suggested`: people new to the record who wrote from an employer's domain."""

from __future__ import annotations

import json

import click

from followup.cli.base import common_options, now, open_store, user_errors
from followup.domain import model as m


@click.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--all", "every", is_flag=True, help="Also those accepted or dismissed.")
@click.pass_context
@common_options
def suggested(ctx: click.Context, fmt: str, every: bool) -> None:
    """Suggested contacts: someone new at an employer wrote to you (found by `sync`).

    Accept one to make them a contact of the opportunity (their message is
    then theirs in the timeline), or dismiss it; either way they are not
    suggested again.
    """
    if ctx.invoked_subcommand is not None:
        return
    owner = open_store()
    from followup.services.mail_suggested import STATES, listing

    found = listing(owner, STATES if every else ("open",))
    if fmt == "json":
        click.echo(json.dumps({"suggested": found}, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("No suggested contacts.")
    for item in found:
        state = "" if item["state"] == "open" else f"  ({item['state']}"
        state += f": {item['contact']})" if item["contact"] else (")" if state else "")
        click.echo(f"{item['opportunity']}  {item['name']} <{item['email']}>  first wrote "
                   f"{item['seen_at'][:10]}{state}")
    if any(item["state"] == "open" for item in found):
        click.echo("Accept with `followup suggested accept EMAIL [--role ROLE]`, "
                   "or `followup suggested dismiss EMAIL`.")


@suggested.command()
@click.argument("email")
@click.option("--opportunity", help="When they are suggested for more than one.")
@click.option("--ref", help="The new contact's ref (default: from their name).")
@click.option("--name", help="Their name, when the one in their mail is not right.")
@click.option("--role", "roles", type=click.Choice([r.value for r in m.Role]), multiple=True,
              help="Repeatable.")
@common_options
def accept(email: str, opportunity: str | None, ref: str | None, name: str | None,
           roles: tuple[str, ...]) -> None:
    """Make the person who wrote from EMAIL a contact of their opportunity."""
    owner = open_store()
    from followup.services import mail_suggested

    with user_errors():
        row = mail_suggested.find(owner, email, opportunity)
        made = mail_suggested.accept(owner, row, now=now(), name=name, ref=ref,
                                     roles=[m.Role(r) for r in roles])
    click.echo(f"contact {row.opportunity_ref}/{made}: {name or row.name} <{row.email}>")


@suggested.command()
@click.argument("email")
@click.option("--opportunity", help="When they are suggested for more than one.")
@common_options
def dismiss(email: str, opportunity: str | None) -> None:
    """Not a contact: stop suggesting the person who wrote from EMAIL."""
    owner = open_store()
    from followup.services import mail_suggested

    with user_errors():
        row = mail_suggested.find(owner, email, opportunity)
        mail_suggested.dismiss(owner, row, now=now())
    click.echo(f"dismissed {row.email} ({row.opportunity_ref})")
