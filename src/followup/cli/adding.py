"""Writing the record: `add ...`, `edit ...` and `log`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import click

from followup.cli.base import (
    DATE,
    choice_of,
    common_options,
    now,
    open_store,
    user_errors,
)
from followup.cli.completion import complete_contact, complete_opportunity
from followup.cli.timing import MOMENT, read_time, stamped, tz_option
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
    click.option("--start", type=MOMENT, help="e.g. '2026-11-20 10:00' (your clock; see --tz)."),
    click.option("--end", type=MOMENT),
    click.option("--interviewer", "interviewers", multiple=True, help="Contact ref; repeatable."),
    click.option("--decision-expected", type=DATE, help="When they said they would decide."),
]
REQUEST_OPTIONS = [
    click.option("--what", help="What they asked for."),
    click.option("--from", "requester", help="The contact ref who asked."),
    click.option("--channel", type=choice_of(m.Channel), help="How they want it delivered."),
    click.option("--asked-at", type=MOMENT, help="Default: when the interview ended."),
    click.option("--delivered-at", type=MOMENT),
]
TOUCH_OPTIONS = [
    click.option("--contact", help="The contact ref."),
    click.option("--channel", type=choice_of(m.Channel)),
    click.option("--at", type=MOMENT, help="When (default: now; your clock, see --tz)."),
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


TIME_OPTIONS = ("start", "end", "asked_at", "delivered_at", "at")


def _zones(owner: Any, ref: str) -> tuple[str, str | None]:
    from followup.services.read import zones

    with user_errors():
        return zones(owner, ref)


def _times(given: dict[str, Any], tz: str | None, zones: tuple[str, str | None]) -> None:
    """Every typed time read by the one rule (your clock unless --tz), in place."""
    for name in TIME_OPTIONS:
        value = given.get(name)
        if isinstance(value, datetime):
            option = "--" + name.replace("_", "-")
            given[name] = read_time(value, option, tz, *zones)


def _changes(given: dict[str, Any], enums: dict[str, type] = ENUMS) -> dict[str, Any]:
    """The options given, as dataclass values ('' clears a field)."""
    out: dict[str, Any] = {}
    for name, value in given.items():
        if value is None or value == ():
            continue
        key = name.rstrip("_")
        if value == "":
            value = None
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
@click.argument("opportunity", shell_complete=complete_opportunity)
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
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("ref")
@_with(INTERVIEW_OPTIONS)
@tz_option
@common_options
def add_interview(opportunity: str, ref: str, tz: str | None, **options: Any) -> None:
    """Add an interview (REF, e.g. r1) with its start, end and interviewers.

    Times are on your own clock unless they carry an offset or --tz says
    otherwise: --tz employer for a time copied from the employer's invitation.
    """
    owner = open_store()
    from followup.services.edit import add_interview as service

    if not options["start"] or not options["end"]:
        raise click.UsageError("missing --start or --end")
    zones = _zones(owner, opportunity)
    _times(options, tz, zones)
    values = _changes(options)
    values.setdefault("round", 1)
    values.setdefault("format", m.InterviewFormat.VIDEO)
    with user_errors():
        service(owner, opportunity, m.Interview(ref=ref, **values), now=now())
    click.echo(f"added interview {ref} to {opportunity}: {stamped(values['start'], *zones)} "
               f"to {stamped(values['end'], *zones)}")


@add.command(name="request")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("interview")
@click.argument("ref")
@_with(REQUEST_OPTIONS)
@tz_option
@common_options
def add_request(opportunity: str, interview: str, ref: str, tz: str | None,
                **options: Any) -> None:
    """Add something the employer asked for during an interview (R5).

    It is dated to the end of that interview (when they asked), unless
    --asked-at says otherwise.
    """
    owner = open_store()
    from followup.services.edit import add_request as service
    from followup.services.read import interview_end

    if not options["what"]:
        raise click.UsageError("missing --what")
    zones = _zones(owner, opportunity)
    _times(options, tz, zones)
    values = _changes(options, MESSAGE_ENUMS)
    with user_errors():
        values.setdefault("asked_at", interview_end(owner, opportunity, interview))
        values.setdefault("channel", m.Channel.EMAIL)
        values.setdefault("requester", None)
        service(owner, opportunity, interview, m.Request(ref=ref, **values), now=now())
    click.echo(f"added request {ref} to {opportunity}/{interview}, asked "
               f"{stamped(values['asked_at'], *zones)}")


@click.command()
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.option("--kind", type=choice_of(m.TouchKind), required=True)
@click.option("--direction", type=choice_of(m.Direction),
              help="out (default) or in; a response is always in.")
@_with(TOUCH_OPTIONS)
@tz_option
@common_options
def log(opportunity: str, kind: str, direction: str | None, tz: str | None,
        **options: Any) -> None:
    """Log a touch: something you sent, or the employer's response.

    Example: followup log acme-pm --kind response --contact jane --outcome delayed
    --decision-expected 2026-12-11
    """
    owner = open_store()
    from followup.services.edit import log_touch

    touch_kind = m.TouchKind(kind)
    if direction is None:
        direction = "in" if touch_kind is m.TouchKind.RESPONSE else "out"
    zones = _zones(owner, opportunity)
    _times(options, tz, zones)
    values = _changes(options, MESSAGE_ENUMS)
    values.setdefault("at", now())
    touch = m.Touch(kind=touch_kind, direction=m.Direction(direction), **values)
    with user_errors():
        log_touch(owner, opportunity, touch, now=now())
    click.echo(f"logged {kind} on {opportunity}: {stamped(touch.at, *zones)}")


@click.group()
def edit() -> None:
    """Change an opportunity, a contact, an interview, a request or a touch ('' clears a field)."""


def _edit(service_name: str, *refs: str | int, options: dict[str, Any], tz_of: str,
          tz: str | None = None) -> None:
    owner = open_store()
    from followup.services import edit as services

    enums = ENUMS if service_name == "edit_opportunity" else MESSAGE_ENUMS
    zones = _zones(owner, tz_of)
    _times(options, tz, zones)
    changes = _changes(options, enums)
    if not changes:
        raise click.UsageError("nothing to change: give at least one option")
    with user_errors():
        getattr(services, service_name)(owner, *refs, changes, now=now())
    shown = [f"{name.replace('_', ' ')} {stamped(value, *zones)}"
             for name, value in changes.items() if isinstance(value, datetime)]
    click.echo(f"updated {'/'.join(str(ref) for ref in refs)}"
               + (": " + ", ".join(shown) if shown else ""))


def _rename(kind: str, opportunity: str, ref: str | None, new: str | None) -> str | None:
    """`--ref NEW`: rename first, so the other changes find it by its new name."""
    if not new:
        return None
    owner = open_store()
    from followup.services import rename

    with user_errors():
        if kind == "opportunity":
            rename.rename_opportunity(owner, opportunity, new, now=now())
        else:
            assert ref is not None
            rename.rename_contact(owner, opportunity, ref, new, now=now())
    click.echo(f"renamed {kind} {ref or opportunity} to {new}")
    return new


def _has_changes(options: dict[str, Any]) -> bool:
    return any(value not in (None, ()) for value in options.values())


@edit.command(name="opportunity")
@click.argument("ref", shell_complete=complete_opportunity)
@click.option("--ref", "new_ref", help="A new ref (planned actions and decisions follow it).")
@_with(OPPORTUNITY_OPTIONS)
@common_options
def edit_opportunity(ref: str, new_ref: str | None, **options: Any) -> None:
    """Change an opportunity's fields, or its ref with --ref NEW."""
    ref = _rename("opportunity", ref, None, new_ref) or ref
    if new_ref and not _has_changes(options):
        return
    _edit("edit_opportunity", ref, options=options, tz_of=ref)


@edit.command(name="contact")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("ref", shell_complete=complete_contact)
@click.option("--ref", "new_ref", help="A new ref for the contact (everywhere it is named).")
@_with(CONTACT_OPTIONS)
@common_options
def edit_contact(opportunity: str, ref: str, new_ref: str | None, **options: Any) -> None:
    """Change a contact's fields, or its ref with --ref NEW."""
    ref = _rename("contact", opportunity, ref, new_ref) or ref
    if new_ref and not _has_changes(options):
        return
    _edit("edit_contact", opportunity, ref, options=options, tz_of=opportunity)


@edit.command(name="interview")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("ref")
@_with(INTERVIEW_OPTIONS)
@tz_option
@common_options
def edit_interview(opportunity: str, ref: str, tz: str | None, **options: Any) -> None:
    """Change an interview (times, interviewers, the decision date ...)."""
    _edit("edit_interview", opportunity, ref, options=options, tz_of=opportunity, tz=tz)


@edit.command(name="request")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("ref")
@_with(REQUEST_OPTIONS)
@tz_option
@common_options
def edit_request(opportunity: str, ref: str, tz: str | None, **options: Any) -> None:
    """Change a request, e.g. --delivered-at when you sent it."""
    _edit("edit_request", opportunity, ref, options=options, tz_of=opportunity, tz=tz)


@edit.command(name="touch")
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("number", type=click.IntRange(1))
@click.option("--kind", type=choice_of(m.TouchKind))
@click.option("--direction", type=choice_of(m.Direction))
@_with(TOUCH_OPTIONS)
@tz_option
@common_options
def edit_touch(opportunity: str, number: int, tz: str | None, **options: Any) -> None:
    """Correct a logged touch: NUMBER is its # in `followup show`."""
    _edit("edit_touch", opportunity, number, options=options, tz_of=opportunity, tz=tz)
