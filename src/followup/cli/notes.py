"""`followup notes`: interview notes from options or an editor form; and
`followup interview`, which asks for an interview question by question."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from followup.cli.base import UserError, common_options, now, open_store, user_errors
from followup.cli.completion import complete_opportunity


def _parse_moments(given: tuple[str, ...]) -> dict[str, str]:
    moments = {}
    for item in given:
        ref, sep, text = item.partition("=")
        if not sep or not ref.strip():
            raise UserError(f"--moment: expected CONTACT=TEXT, got {item!r}")
        moments[ref.strip()] = text
    return moments


def _parse_day(value: str | None) -> Any:
    from followup.services.notes import UNSET

    if value is None:
        return UNSET
    if value == "":
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"--decision-expected: not a date (YYYY-MM-DD): {value!r}") from None


@click.command()
@click.argument("opportunity", shell_complete=complete_opportunity)
@click.argument("interview")
@click.option("--learned", help="What you learned about the team or the role.")
@click.option("--moment", "moments", multiple=True, metavar="CONTACT=TEXT",
              help="A moment you shared with one interviewer; repeatable.")
@click.option("--concern", help="A concern they may have about you.")
@click.option("--answer", help="Your short answer to that concern.")
@click.option("--skill", help="A skill or achievement you did not get to mention.")
@click.option("--attach", multiple=True, help="Something to send along; repeatable.")
@click.option("--next-steps", help="What they said happens next.")
@click.option("--decision-expected", metavar="YYYY-MM-DD", help="When they expect to decide.")
@common_options
def notes(opportunity: str, interview: str, moments: tuple[str, ...], attach: tuple[str, ...],
          decision_expected: str | None, **fields: str | None) -> None:
    """Your notes from an interview: the thank-you drafts are written from them.

    With options, the fields given change ('' clears one) and the rest stay.
    With none, the notes open in $VISUAL or $EDITOR as a short form; save and
    close to keep them. A mistake is refused with its line, and your text is
    kept for the next try.

    Example: followup notes acme-pm r1 --moment jane="the pricing whiteboard"
    --concern "no retail experience" --answer "I ran pricing for a grocer"
    """
    owner = open_store()
    from followup.services.notes import merged_notes, set_notes
    from followup.services.read import opportunity_record

    decision = _parse_day(decision_expected)
    given = any(v is not None for v in fields.values()) or moments or attach
    if not given and decision_expected is None:
        _edit_form(owner, opportunity, interview)
        return
    with user_errors():
        o = opportunity_record(owner, opportunity)
        from followup.services.notes import find_interview

        current = find_interview(o, interview).notes
        new = merged_notes(current, moments=_parse_moments(moments), attach=attach,
                           learned=fields["learned"], concern=fields["concern"],
                           answer=fields["answer"], skills=fields["skill"],
                           next_steps=fields["next_steps"])
        saved = set_notes(owner, opportunity, interview, new, decision_expected=decision,
                          now=now())
    click.echo(f"saved notes for {opportunity} {interview}: {summary(saved)}")


def summary(interview: Any) -> str:
    n = interview.notes
    parts = [name for name, value in (("learned", n.learned), ("skill", n.skills),
                                      ("next steps", n.next_steps)) if value]
    if n.moments:
        parts.append(f"moments for {', '.join(n.moments)}")
    if n.concerns:
        parts.append("concern" + (" with answer" if " — " in n.concerns else ""))
    if n.attach:
        parts.append(f"{len(n.attach)} to attach")
    if interview.decision_expected:
        parts.append(f"decision expected {interview.decision_expected.isoformat()}")
    return ", ".join(parts) or "empty"


def _kept_file(opportunity: str, interview: str) -> Path:
    """Where a refused form waits for the next try: per record, opportunity and interview."""
    import hashlib

    from followup.cli.base import db_url
    from followup.store.holiday_cache import cache_file

    record = hashlib.sha256(db_url().encode()).hexdigest()[:12]
    return cache_file().parent / "notes" / f"{record}-{opportunity}--{interview}.txt"


def _edit_form(owner: Any, opportunity: str, interview: str) -> None:
    from followup.domain.entry import EntryError
    from followup.domain.notes_form import is_empty, parse, render
    from followup.services.notes import find_interview, save_form
    from followup.services.read import opportunity_record

    if not (os.environ.get("VISUAL") or os.environ.get("EDITOR")) and not sys.stdin.isatty():
        raise UserError("no notes given and no $VISUAL or $EDITOR to write them in: "
                        "give them as options (followup notes --help)")
    with user_errors():
        o = opportunity_record(owner, opportunity)
        found = find_interview(o, interview)
    kept = _kept_file(opportunity, interview)
    people = [c for c in (o.contact(r) for r in found.interviewers) if c is not None]
    title = f"{o.company} · {o.role}, interview {found.ref} on {found.start:%a %d %b %Y}"
    text = kept.read_text("utf-8") if kept.exists() else render(
        title, found.notes, found.decision_expected, people)
    edited = click.edit(text, extension=".txt", require_save=False)
    if edited is None or is_empty(edited):
        click.echo("notes unchanged")
        return
    try:
        filled = parse(edited, [c.ref for c in o.contacts])
    except EntryError as error:
        _keep(kept, edited, str(error))
        raise UserError(f"notes not saved: {error}; your text is kept for the next "
                        f"`followup notes {opportunity} {interview}`") from None
    with user_errors():
        saved = save_form(owner, opportunity, interview, filled, now=now())
    kept.unlink(missing_ok=True)
    click.echo(f"saved notes for {opportunity} {interview}: {summary(saved)}")


def _keep(path: Path, text: str, problem: str) -> None:
    """Save the user's words with the problem on top, for the next try."""
    lines = [line for line in text.splitlines() if not line.startswith("# Not saved:")
             and line != "# Fix it and close the editor again."]
    while lines and lines[0] == "#":
        lines.pop(0)
    header = [f"# Not saved: {problem}", "# Fix it and close the editor again.", "#"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header + lines) + "\n", "utf-8")
