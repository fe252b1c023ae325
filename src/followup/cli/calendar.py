"""The calendar in the loop: `import-invite` reads invitations, `calendar` writes the plan."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import click

from followup.cli.base import INSTANT, common_options, now, open_store, user_errors
from followup.cli.exchange import _read
from followup.cli.output import emit_json

if TYPE_CHECKING:
    from followup.domain.model import Contact, Opportunity
    from followup.services.invites import InviteResult


@click.command(name="import-invite")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--opportunity", "ref", metavar="REF",
              help="The opportunity it belongs to (default: found by the people's email domain).")
@click.option("--create", is_flag=True,
              help="Start a new opportunity from the invitation (company from the organizer's "
                   "domain, role from the summary: edit them after).")
@click.option("--me", "me", multiple=True, metavar="EMAIL",
              help="Another address of yours, left out of the people (repeatable; your "
                   "profile's email always is).")
@click.option("--as-of", type=INSTANT,
              help="Judge the event's age from this moment (default: now).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@common_options
def import_invite(
    file: str, ref: str | None, create: bool, me: tuple[str, ...], as_of: datetime | None,
    fmt: str,
) -> None:
    """Turn a meeting invitation (FILE: .ics, or an .eml carrying one) into an interview.

    The organizer and attendees become contacts (matched by email; you,
    rooms and resources left out). The same invitation again updates its
    interview; a higher SEQUENCE reschedules it, a cancellation (METHOD:CANCEL)
    marks it cancelled, an older copy changes nothing. A broken file, a file
    with no event, an all-day event or one more than a year ago: exit 2,
    nothing written.
    """
    owner = open_store()
    from followup.cli.base import in_zone
    from followup.services import invites
    from followup.services.read import profile

    data = _read(file)
    with user_errors():
        clock = in_zone(as_of, profile(owner).time_zone)
        result = invites.import_invite(owner, data, now=now(), as_of=clock, opportunity=ref,
                                       create=create, me=me)
    for warning in result.invitation.warnings:
        click.echo(f"warning: {warning}", err=True)
    document = invite_json(result)
    if fmt == "json":
        emit_json(document)
    else:
        click.echo(_invite_text(result, document))


def invite_json(result: InviteResult) -> dict[str, Any]:
    """CONTRACT.md's answer, and what else was decided."""
    applied, opportunity = result.applied, result.opportunity
    interview = applied.interview
    coordinator = opportunity.contact(applied.coordinator)
    return {
        "result": applied.result,
        "opportunity": opportunity.ref,
        "interview": interview.ref,
        "start": interview.start.isoformat(),
        "end": interview.end.isoformat(),
        "interviewers": [_person(opportunity.contact(r)) for r in interview.interviewers],
        "format": interview.format.value,
        "cancelled": interview.cancelled,
        "coordinator": None if coordinator is None else _person(coordinator),
        "added_contacts": list(applied.added),
        "created_opportunity": result.created_opportunity,
        "uid": result.invitation.uid,
        "sequence": result.invitation.sequence,
        "reason": applied.reason,
        "warnings": list(result.invitation.warnings),
    }


def _person(contact: Contact | None) -> dict[str, Any]:
    if contact is None:
        return {"ref": None, "name": None, "email": None}
    return {"ref": contact.ref, "name": contact.name, "email": contact.email}


def _invite_text(result: InviteResult, document: dict[str, Any]) -> str:
    opportunity: Opportunity = result.opportunity
    interview = result.applied.interview
    span = f"{interview.start:%a %d %b %Y %H:%M}-{interview.end:%H:%M} ({opportunity.time_zone})"
    lines = [f"{document['result']}: {opportunity.ref}/{interview.ref}, "
             f"{interview.format.value} interview {span}"]
    if result.applied.reason:
        lines.append(f"  nothing changed: {result.applied.reason}")
    if result.created_opportunity:
        lines.append(f"  new opportunity {opportunity.ref}: {opportunity.company}, "
                     f"{opportunity.role!r} (check them: followup edit opportunity)")
    people = [f"{p['name']} <{p['email'] or 'no email'}>" for p in document["interviewers"]]
    lines.append(f"  interviewers: {', '.join(people) or 'none named'}")
    if document["coordinator"]:
        lines.append(f"  coordinator: {document['coordinator']['name']} "
                     "(no thank-you of their own)")
    if document["added_contacts"]:
        lines.append(f"  new contacts: {', '.join(document['added_contacts'])}")
    lines.append(f"  see the plan: followup show {opportunity.ref}")
    return "\n".join(lines)


@click.command()
@click.option("--as-of", type=INSTANT, help="The moment to plan for (default: now).")
@click.option("--days", type=click.IntRange(1, 366), default=60, show_default=True,
              help="How far ahead to list actions and interviews.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.option("--feed-url", is_flag=True,
              help="Print a new private address for calendar programs to subscribe to "
                   "(shown once; the earlier one stops working). `followup serve` serves it.")
@click.option("--revoke-feed", is_flag=True, help="End the private calendar address.")
@click.option("--url", "base", metavar="URL",
              help="With --feed-url: the web app's address (default: the last `followup serve`).")
@common_options
def calendar(as_of: datetime | None, days: int, output: str | None, feed_url: bool,
             revoke_feed: bool, base: str | None) -> None:
    """The plan as an iCalendar file (RFC 5545) for any calendar program.

    Each open action is an event at its due moment, in the employer's time
    zone, with its why and the draft's first lines; upcoming interviews are
    there too. Each event's UID stays the same while its action's key does,
    so importing the file again updates the events instead of doubling them.

    Example: followup calendar > plan.ics
    """
    owner = open_store()
    if feed_url or revoke_feed:
        _feed_address(owner, feed_url, revoke_feed, base)
        return
    from followup.cli.base import in_zone
    from followup.services.calendar_feed import feed
    from followup.services.read import profile

    with user_errors():
        clock = in_zone(as_of, profile(owner).time_zone) or now()
        text = feed(owner, clock, clock + timedelta(days=days))
    if output:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:  # bytes, so no text layer turns the CRLF line ends RFC 5545 asks for into others
        click.echo(text.encode("utf-8"), nl=False)


def _feed_address(owner: Any, create: bool, revoke: bool, base: str | None) -> None:
    """`--feed-url` / `--revoke-feed`: the subscription address, made or ended."""
    from followup.cli.base import UserError
    from followup.services import feed_tokens

    if create and revoke:
        raise UserError("--feed-url and --revoke-feed: choose one")
    if revoke:
        ended = feed_tokens.revoke_feed_tokens(owner, now=now())
        click.echo("revoked: the calendar address" if ended else "no calendar address to revoke")
        return
    site = (base or _served_base()).rstrip("/")
    if not site.startswith(("http://", "https://")):
        raise UserError(f"--url: {site!r} is not an http:// or https:// address")
    token = feed_tokens.create_feed_token(owner, now=now())
    web = f"{site}/calendar/{token}.ics"
    click.echo(f"webcal://{web.split('://', 1)[1]}")
    click.echo(web)


def _served_base() -> str:
    """Where the last `followup serve` listened (as `followup login` finds it)."""
    import json

    from followup.cli.web import _server_file

    try:
        return str(json.loads(_server_file().read_text(encoding="utf-8"))["url"])
    except (OSError, ValueError, KeyError):
        return "http://127.0.0.1:8000"
