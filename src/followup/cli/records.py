"""Looking at the record: `list`, `show`, `profile`, `stage`."""

from __future__ import annotations

from datetime import datetime

import click

from followup.cli.base import (
    INSTANT,
    UserError,
    choice_of,
    common_options,
    in_zone,
    now,
    open_store,
    user_errors,
)
from followup.cli.completion import complete_opportunity
from followup.cli.output import GETTING_STARTED, describe, rule_source, section, short, table, when
from followup.domain import model as m


@click.command(name="list")
@click.option("--stage", "stages", type=choice_of(m.Stage), multiple=True,
              help="Only opportunities in this stage (repeatable).")
@click.option("--open", "open_only", is_flag=True, help="Hide the closed ones.")
@common_options
def list_(stages: tuple[str, ...], open_only: bool) -> None:
    """Opportunities with their stage and next action."""
    owner = open_store()
    from followup.services.read import overview, profile

    wanted = {m.Stage(s) for s in stages}
    if open_only:
        wanted = (wanted or set(m.Stage)) - set(m.CLOSED_STAGES)
    items = overview(owner, now(), stages=wanted or None)
    if not items:
        click.echo(GETTING_STARTED if not stages and not open_only else "No opportunities.")
        return
    tz = profile(owner).time_zone
    rows = []
    for item in items:
        o, action = item.opportunity, item.next_action
        nxt = "-" if action is None else (
            f"{when(action.due, tz, o.time_zone)}  {short(action)}  {describe(action, o)}")
        if action is not None and action.late:
            nxt = click.style(nxt + "  (late)", fg="red")
        rows.append([o.ref, o.company, o.role, o.stage.value, nxt])
    for line in table(rows, ["REF", "COMPANY", "ROLE", "STAGE", "NEXT ACTION"]):
        click.echo(line)


@click.command()
@click.argument("ref", shell_complete=complete_opportunity)
@click.option("--as-of", type=INSTANT, help="Plan as of this moment (default: now).")
@common_options
def show(ref: str, as_of: datetime | None) -> None:
    """One opportunity: its people, timeline, touches and planned actions."""
    owner = open_store()
    from followup.services.read import opportunity, profile

    tz = profile(owner).time_zone
    moment = in_zone(as_of, tz) or now()
    with user_errors():
        item = opportunity(owner, ref, moment)
    o = item.opportunity
    click.echo(click.style(f"{o.company} · {o.role}", bold=True) + f"  [{o.ref}]")
    culture = o.culture.value if o.culture else "profile's playbook"
    click.echo(f"stage {o.stage.value} · via {o.via.value} · prefers {o.channel.value} · "
               f"culture {culture} · {o.time_zone} ({o.country}"
               f"{'-' + o.subdivision if o.subdivision else ''})\n")
    people = [[c.ref, c.name, c.title or "", ", ".join(r.value for r in c.roles),
               c.email or c.phone or ""] for c in o.contacts]
    section("People", "blue", table(people))
    section("Timeline", "blue", _timeline(o, tz, moment))
    planned = [[when(a.due, tz, o.time_zone, moment), short(a), describe(a, o), a.key]
               for a in item.actions]
    lines = table(planned)
    for n, action in enumerate(item.actions):
        colour = "red" if action.late else None
        why = f"\n      {action.why} [{rule_source(action)}]"
        lines[n] = click.style(lines[n], fg=colour) + click.style(why, dim=True)
    section("Planned", "blue", lines or ["nothing planned"])


def _timeline(o: m.Opportunity, tz: str, moment: datetime) -> list[str]:
    def at(instant: datetime) -> str:
        return when(instant, tz, o.time_zone, moment)

    events: list[tuple[datetime, str]] = []
    for i in o.interviews:
        panel = ", ".join(i.interviewers) or "no interviewers named"
        decision = f"; decision by {i.decision_expected}" if i.decision_expected else ""
        cancelled = " CANCELLED" if i.cancelled else ""  # issue 14: kept, plans nothing
        events.append((i.start, f"interview {i.ref}{cancelled} (round {i.round}, "
                                f"{i.format.value}) with {panel}{decision}"))
        for r in i.requests:
            state = f"delivered {at(r.delivered_at)}" if r.delivered_at else "open"
            events.append((r.asked_at, f"request {r.ref}: {r.what} from {r.requester} ({state})"))
    for n, t in enumerate(o.touches, start=1):
        arrow = "←" if t.direction is m.Direction.IN else "→"
        extra = f" outcome {t.outcome.value}" if t.outcome else ""
        extra += f"; new date {t.decision_expected}" if t.decision_expected else ""
        extra += f"; call-back {t.callback_on}" if t.callback_on else ""
        note = f" — {t.summary}" if t.summary else ""
        events.append((t.at, f"#{n} {arrow} {t.kind.value} {t.contact or ''}{extra}{note}"))
    for d in o.decisions:
        until = f" until {at(d.until)}" if d.until else ""
        events.append((d.at, f"{d.kind.value} {d.key}{until}{': ' + d.why if d.why else ''}"))
    events.sort(key=lambda event: event[0].timestamp())
    return [f"{at(instant)}  {text}" for instant, text in events]


@click.command()
@click.argument("ref")
@click.argument("stage", type=choice_of(m.Stage))
@common_options
def stage(ref: str, stage: str) -> None:
    """Move an opportunity to another stage (e.g. offer, withdrawn)."""
    owner = open_store()
    from followup.services.edit import set_stage

    with user_errors():
        set_stage(owner, ref, m.Stage(stage), now=now())
    click.echo(f"{ref}: stage {stage}")


@click.command()
@click.option("--name")
@click.option("--email")
@click.option("--phone")
@click.option("--time-zone", help="Your IANA time zone, e.g. America/New_York.")
@click.option("--playbook", type=choice_of(m.PlaybookName))
@click.option("--signature", help="How your messages are signed.")
@click.option("--quiet-hours", metavar="HH-HH",
              help="Your night, when nothing written is due (R2, R16): e.g. 21-08 (the default).")
@common_options
def profile(quiet_hours: str | None, **changes: str | None) -> None:
    """Show your profile, or change it with the options."""
    from dataclasses import replace

    owner = open_store()
    from followup.services.read import profile as load
    from followup.services.read import save_profile

    current = load(owner)
    given: dict[str, object] = {k: v for k, v in changes.items() if v is not None}
    if quiet_hours is not None:
        given["settings"] = {**current.settings, **_quiet_hours(quiet_hours)}
    if given:
        if "playbook" in given:
            given["playbook"] = m.PlaybookName(str(given["playbook"]))
        current = replace(current, **given)  # type: ignore[arg-type]
        with user_errors():
            save_profile(owner, current, now=now())
    for name in ("name", "email", "phone", "time_zone", "playbook", "signature"):
        value = getattr(current, name)
        click.echo(f"{name:10} {'' if value is None else str(value).replace(chr(10), ' / ')}")
    start = current.settings.get("quiet_start_hour", 21)
    end = current.settings.get("quiet_end_hour", 8)
    click.echo(f"{'quiet':10} {start:02d}:00-{end:02d}:00 (your night: nothing written is due)")


def _quiet_hours(value: str) -> dict[str, int]:
    """'21-08' or '21:00-08:00' -> the two settings."""
    import re

    found = re.fullmatch(r"\s*(\d{1,2})(?::00)?\s*-\s*(\d{1,2})(?::00)?\s*", value)
    if found is None or not all(0 <= int(h) <= 23 for h in found.groups()):
        raise UserError(f"--quiet-hours: expected HH-HH such as 21-08, got {value!r}")
    return {"quiet_start_hour": int(found.group(1)), "quiet_end_hour": int(found.group(2))}
