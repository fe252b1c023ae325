"""`followup interview`: an interview entered by answering questions (Click prompts).

For people who do not remember the options: it asks for the opportunity,
the times, each interviewer (adding the ones not yet in the record) and,
if wanted, the notes; then saves it all as `add interview`, `add contact`
and `notes` would.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from followup.cli.base import UserError, common_options, now, open_store, user_errors
from followup.cli.timing import MOMENT, read_time, stamped
from followup.domain import model as m


def _ask_opportunity(owner: Any) -> str:
    from followup.services.read import opportunity_refs

    refs = opportunity_refs(owner)
    if not refs:
        raise UserError("no opportunities yet: start with `followup add opportunity`")
    return str(click.prompt("Opportunity", type=click.Choice(refs),
                            default=refs[0] if len(refs) == 1 else None))


def _ask_people(owner: Any, o: m.Opportunity) -> list[m.Contact]:
    """Interviewer refs, comma-separated; a new ref is asked for its name and email."""
    known = ", ".join(c.ref for c in o.contacts) or "none yet"
    answer = click.prompt(f"Interviewers (contact refs, comma-separated; known: {known})",
                          default="", show_default=False)
    people = []
    for ref in (part.strip() for part in answer.split(",")):
        if not ref:
            continue
        contact = o.contact(ref)
        if contact is None:
            name = click.prompt(f"  {ref}: full name")
            email = click.prompt(f"  {ref}: email", default="", show_default=False)
            title = click.prompt(f"  {ref}: title", default="", show_default=False)
            contact = m.Contact(ref=ref, name=name, email=email or None, title=title or None,
                                roles=(m.Role.INTERVIEWER,))
        people.append(contact)
    return people


def _ask(text: str) -> str:
    return str(click.prompt(text, default="", show_default=False))


def _ask_notes(people: list[m.Contact]) -> dict[str, Any]:
    ask = _ask
    moments = {c.ref: ask(f"A moment you shared with {c.name}") for c in people}
    return {"learned": ask("What you learned about the team or the role"),
            "moments": {k: v for k, v in moments.items() if v},
            "concern": ask("A concern they may have"), "answer": ask("Your answer to it"),
            "skills": ask("A skill you did not get to mention"),
            "next_steps": ask("What happens next")}


@click.command()
@click.argument("opportunity", required=False)
@common_options
def interview(opportunity: str | None) -> None:
    """Add an interview by answering questions (times on your own clock)."""
    owner = open_store()
    from followup.services.edit import add_contact, add_interview
    from followup.services.notes import merged_notes, set_notes
    from followup.services.read import opportunity_record

    ref = opportunity or _ask_opportunity(owner)
    with user_errors():
        o = opportunity_record(owner, ref)
    zones = (_own_zone(owner), o.time_zone)
    number = len(o.interviews) + 1
    interview_ref = click.prompt("Interview ref", default=f"r{number}")
    round_ = click.prompt("Round", type=click.IntRange(1), default=number)
    fmt = click.prompt("Format", type=click.Choice([f.value for f in m.InterviewFormat]),
                       default="video")
    start = read_time(click.prompt("Start (YYYY-MM-DD HH:MM, your clock)", type=MOMENT),
                      "start", None, *zones)
    end = read_time(click.prompt("End (YYYY-MM-DD HH:MM, your clock)", type=MOMENT),
                    "end", None, *zones)
    assert start is not None and end is not None
    people = _ask_people(owner, o)
    decision = click.prompt("Decision expected (YYYY-MM-DD, blank if not said)",
                            default="", show_default=False, value_proc=_day_or_blank)
    wants_notes = click.confirm("Add your notes now?", default=True)
    notes = _ask_notes(people) if wants_notes else None
    with user_errors():
        for contact in people:
            if o.contact(contact.ref) is None:
                add_contact(owner, ref, contact, now=now())
        add_interview(owner, ref, m.Interview(
            ref=interview_ref, round=round_, format=m.InterviewFormat(fmt), start=start,
            end=end, interviewers=tuple(c.ref for c in people),
            decision_expected=decision if isinstance(decision, date) else None,
        ), now=now())
        if notes:
            set_notes(owner, ref, interview_ref, merged_notes(m.InterviewNotes(), **notes),
                      now=now())
    panel = ", ".join(c.ref for c in people) or "no one named"
    click.echo(f"added interview {interview_ref} to {ref}: {stamped(start, *zones)} "
               f"to {stamped(end, *zones)}, with {panel}")


def _day_or_blank(value: str) -> date | str:
    if not value.strip():
        return ""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


def _own_zone(owner: Any) -> str:
    from followup.services.read import profile

    return profile(owner).time_zone
