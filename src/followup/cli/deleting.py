"""`followup delete ...`: take a part of the record out, after asking."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from followup.cli.base import UserError, common_options, now, open_store, user_errors
from followup.cli.completion import complete_contact, complete_opportunity

YES = click.option("--yes", "-y", is_flag=True, help="Do not ask (for scripts).")


def in_terminal() -> bool:
    return sys.stdin.isatty()


def _confirm(what: str, yes: bool) -> None:
    """Ask in a terminal; a script must say --yes, so nothing goes by accident."""
    if yes:
        return
    if not in_terminal():
        raise UserError(f"delete {what}: not asked in a terminal; add --yes to delete it")
    if not click.confirm(f"Delete {what}? This cannot be undone", default=False):
        raise UserError("nothing deleted")


def _run(what: str, yes: bool, action: Callable[[Any, Any], object]) -> None:
    """Open the store (Django) first: the delete services import the ORM."""
    owner = open_store()
    from followup.services import delete as service
    from followup.services.read import opportunity_record

    with user_errors():
        opportunity_record(owner, what.split(" ", 2)[1])  # a typo is told before asking
    _confirm(what, yes)
    with user_errors():
        action(service, owner)
    click.echo(f"deleted {what}")


@click.group()
def delete() -> None:
    """Delete an opportunity, a contact, an interview, a request or a touch.

    Asks first in a terminal; --yes for scripts. What was planned from it
    moves accordingly (a deleted interview plans nothing more).
    """


@delete.command(name="opportunity")
@click.argument("ref", shell_complete=complete_opportunity)
@YES
@common_options
def delete_opportunity(ref: str, yes: bool) -> None:
    """Delete an opportunity with everything in it."""
    _run(f"opportunity {ref}", yes, lambda service, owner: service.delete_opportunity(owner, ref))


@delete.command(name="contact")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("ref", shell_complete=complete_contact)
@YES
@common_options
def delete_contact(opportunity: str, ref: str, yes: bool) -> None:
    """Delete a contact (taken off its interviews; touches stay, with no one named)."""
    _run(f"contact {opportunity} {ref}", yes,
         lambda service, owner: service.delete_contact(owner, opportunity, ref, now=now()))


@delete.command(name="interview")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("ref")
@YES
@common_options
def delete_interview(opportunity: str, ref: str, yes: bool) -> None:
    """Delete an interview with its requests and notes."""
    _run(f"interview {opportunity} {ref}", yes,
         lambda service, owner: service.delete_interview(owner, opportunity, ref, now=now()))


@delete.command(name="request")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("ref")
@YES
@common_options
def delete_request(opportunity: str, ref: str, yes: bool) -> None:
    """Delete a request."""
    _run(f"request {opportunity} {ref}", yes,
         lambda service, owner: service.delete_request(owner, opportunity, ref, now=now()))


@delete.command(name="touch")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("number", type=click.IntRange(1))
@YES
@common_options
def delete_touch(opportunity: str, number: int, yes: bool) -> None:
    """Delete a logged touch: NUMBER is its # in `followup show`."""
    _run(f"touch {opportunity} {number}", yes,
         lambda service, owner: service.delete_touch(owner, opportunity, number, now=now()))
