"""Writing the record: `add ...`, `edit ...` and `log`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

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

F = TypeVar("F", bound=Callable[..., Any])

OPPORTUNITY_OPTIONS = [
    click.option("--company"), click.option("--role"),
    click.option("--time-zone", help="The employer's IANA time zone, e.g. America/Chicago."),
    click.option("--country", help="ISO 3166 country code, for public holidays (US, GB ...)."),
    click.option("--subdivision", help="State or region code (IL, ENG ...)."),
    click.option("--via", type=choice_of(m.Via)),
    click.option("--culture", type=choice_of(m.Culture)),
    click.option("--channel", type=choice_of(m.PreferredChannel), help="Preferred follow-up."),
    click.option("--stage", type=choice_of(m.Stage)),
]
CONTACT_OPTIONS = [
    click.option("--name"), click.option("--title"), click.option("--email"),
    click.option("--phone"), click.option("--linkedin"),
    click.option("--org", type=choice_of(m.Org)),
    click.option("--role", "roles", type=choice_of(m.Role), multiple=True, help="Repeatable."),
]
INTERVIEW_OPTIONS = [
    click.option("--round", "round_", type=click.IntRange(1)),
    click.option("--format", "format_", type=choice_of(m.InterviewFormat)),
    click.option("--start", type=INSTANT, help="In the employer's time zone unless an offset."),
    click.option("--end", type=INSTANT),
    click.option("--interviewer", "interviewers", multiple=True, help="Contact ref; repeatable."),
    click.option("--decision-expected", type=DATE, help="When they said they would decide."),
]
REQUEST_OPTIONS = [
    click.option("--what", help="What they asked for."),
    click.option("--from", "requester", help="The contact ref who asked."),
    click.option("--channel", type=choice_of(m.Channel), help="How they want it delivered."),
    click.option("--asked-at", type=INSTANT), click.option("--delivered-at", type=INSTANT),
]
TOUCH_OPTIONS = [
    click.option("--contact", help="The contact ref."),
    click.option("--channel", type=choice_of(m.Channel)),
    click.option("--at", type=INSTANT, help="When (default: now)."),
    click.option("--summary", help="A line about what was said."),
    click.option("--callback-on", type=DATE, help="Voicemail: the day you said you would call."),
    click.option("--decision-expected", type=DATE, help="Response: their new date."),
    click.option("--outcome", type=choice_of(m.Outcome), help="Response: what they said."),
]
# An opportunity's channel is how you prefer to follow up (email or phone); a
# request's or a touch's is any way a message travels (fax, LinkedIn ...).
ENUMS: dict[str, type] = {
    "via": m.Via, "culture": m.Culture, "channel": m.PreferredChannel, "stage": m.Stage,
    "org": m.Org, "format": m.InterviewFormat, "outcome": m.Outcome,
}
MESSAGE_ENUMS: dict[str, type] = {
    **ENUMS, "channel": m.Channel, "kind": m.TouchKind, "direction": m.Direction,
}


def _with(options: list[Any]) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _zone(owner: Any, ref: str) -> str:
    from followup.services.read import opportunity

    with user_errors():
        return opportunity(owner, ref, now()).opportunity.time_zone


def _changes(
    given: dict[str, Any], tz: str | None = None, enums: dict[str, type] = ENUMS
) -> dict[str, Any]:
    """The options given, as dataclass values ('' clears a field)."""
    out: dict[str, Any] = {}
    for name, value in given.items():
        if value is None or value == ():
            continue
        key = name.rstrip("_")
        if value == "":
            value = None
        elif isinstance(value, datetime) and tz:
            value = in_zone(value, tz)
        elif key == "roles":
            value = tuple(m.Role(r) for r in value)
        elif key in enums:
            value = enums[key](value)
        elif isinstance(value, tuple):
            value = tuple(value)
        out[key] = value
    return out


@click.group()
def add() -> None:
    """Add an opportunity, a contact, an interview or a request."""


@add.command(name="opportunity")
@click.argument("ref")
@_with(OPPORTUNITY_OPTIONS)
@common_options
def add_opportunity(ref: str, **options: Any) -> None:
    """Add an opportunity: REF is your short name for it (e.g. acme-pm)."""
    owner = open_store()
    from followup.services.edit import add_opportunity as service

    missing = [f"--{n.replace('_', '-')}" for n in ("company", "role", "time_zone", "country")
               if not options[n]]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)}")
    with user_errors():
        service(owner, m.Opportunity(ref=ref, **_changes(options)), now=now())
    click.echo(f"added opportunity {ref}")


@add.command(name="contact")
@click.argument("opportunity")
@click.argument("ref")
@_with(CONTACT_OPTIONS)
@common_options
def add_contact(opportunity: str, ref: str, **options: Any) -> None:
    """Add a contact (REF, e.g. jane) to an opportunity."""
    owner = open_store()
    from followup.services.edit import add_contact as service

    if not options["name"]:
        raise click.UsageError("missing --name")
    with user_errors():
        service(owner, opportunity, m.Contact(ref=ref, **_changes(options)), now=now())
    click.echo(f"added contact {ref} to {opportunity}")


@add.command(name="interview")
@click.argument("opportunity")
@click.argument("ref")
@_with(INTERVIEW_OPTIONS)
@common_options
def add_interview(opportunity: str, ref: str, **options: Any) -> None:
    """Add an interview (REF, e.g. r1) with its start, end and interviewers."""
    owner = open_store()
    from followup.services.edit import add_interview as service

    if not options["start"] or not options["end"]:
        raise click.UsageError("missing --start or --end")
    values = _changes(options, _zone(owner, opportunity))
    values.setdefault("round", 1)
    values.setdefault("format", m.InterviewFormat.VIDEO)
    with user_errors():
        service(owner, opportunity, m.Interview(ref=ref, **values), now=now())
    click.echo(f"added interview {ref} to {opportunity}")


@add.command(name="request")
@click.argument("opportunity")
@click.argument("interview")
@click.argument("ref")
@_with(REQUEST_OPTIONS)
@common_options
def add_request(opportunity: str, interview: str, ref: str, **options: Any) -> None:
    """Add something the employer asked for during an interview (R5)."""
    owner = open_store()
    from followup.services.edit import add_request as service

    if not options["what"]:
        raise click.UsageError("missing --what")
    values = _changes(options, _zone(owner, opportunity), MESSAGE_ENUMS)
    values.setdefault("asked_at", now())
    values.setdefault("channel", m.Channel.EMAIL)
    values.setdefault("requester", None)
    with user_errors():
        service(owner, opportunity, interview, m.Request(ref=ref, **values), now=now())
    click.echo(f"added request {ref} to {opportunity}/{interview}")


@click.command()
@click.argument("opportunity")
@click.option("--kind", type=choice_of(m.TouchKind), required=True)
@click.option("--direction", type=choice_of(m.Direction),
              help="out (default) or in; a response is always in.")
@_with(TOUCH_OPTIONS)
@common_options
def log(opportunity: str, kind: str, direction: str | None, **options: Any) -> None:
    """Log a touch: something you sent, or the employer's response.

    Example: followup log acme-pm --kind response --contact jane --outcome delayed
    --decision-expected 2026-12-11
    """
    owner = open_store()
    from followup.services.edit import log_touch

    touch_kind = m.TouchKind(kind)
    if direction is None:
        direction = "in" if touch_kind is m.TouchKind.RESPONSE else "out"
    values = _changes(options, _zone(owner, opportunity), MESSAGE_ENUMS)
    values.setdefault("at", now())
    touch = m.Touch(kind=touch_kind, direction=m.Direction(direction), **values)
    with user_errors():
        log_touch(owner, opportunity, touch, now=now())
    click.echo(f"logged {kind} on {opportunity}")


@click.group()
def edit() -> None:
    """Change an opportunity, a contact, an interview, a request or a touch ('' clears a field)."""


def _edit(service_name: str, *refs: str | int, options: dict[str, Any], tz_of: str) -> None:
    owner = open_store()
    from followup.services import edit as services

    enums = ENUMS if service_name == "edit_opportunity" else MESSAGE_ENUMS
    changes = _changes(options, _zone(owner, tz_of), enums)
    if not changes:
        raise click.UsageError("nothing to change: give at least one option")
    with user_errors():
        getattr(services, service_name)(owner, *refs, changes, now=now())
    click.echo(f"updated {'/'.join(str(ref) for ref in refs)}")


@edit.command(name="opportunity")
@click.argument("ref")
@_with(OPPORTUNITY_OPTIONS)
@common_options
def edit_opportunity(ref: str, **options: Any) -> None:
    """Change an opportunity's fields."""
    _edit("edit_opportunity", ref, options=options, tz_of=ref)


@edit.command(name="contact")
@click.argument("opportunity")
@click.argument("ref")
@_with(CONTACT_OPTIONS)
@common_options
def edit_contact(opportunity: str, ref: str, **options: Any) -> None:
    """Change a contact's fields."""
    _edit("edit_contact", opportunity, ref, options=options, tz_of=opportunity)


@edit.command(name="interview")
@click.argument("opportunity")
@click.argument("ref")
@_with(INTERVIEW_OPTIONS)
@common_options
def edit_interview(opportunity: str, ref: str, **options: Any) -> None:
    """Change an interview (times, interviewers, the decision date ...)."""
    _edit("edit_interview", opportunity, ref, options=options, tz_of=opportunity)


@edit.command(name="request")
@click.argument("opportunity")
@click.argument("ref")
@_with(REQUEST_OPTIONS)
@common_options
def edit_request(opportunity: str, ref: str, **options: Any) -> None:
    """Change a request, e.g. --delivered-at when you sent it."""
    _edit("edit_request", opportunity, ref, options=options, tz_of=opportunity)


@edit.command(name="touch")
@click.argument("opportunity")
@click.argument("number", type=click.IntRange(1))
@click.option("--kind", type=choice_of(m.TouchKind))
@click.option("--direction", type=choice_of(m.Direction))
@_with(TOUCH_OPTIONS)
@common_options
def edit_touch(opportunity: str, number: int, **options: Any) -> None:
    """Correct a logged touch: NUMBER is its # in `followup show`."""
    _edit("edit_touch", opportunity, number, options=options, tz_of=opportunity)
