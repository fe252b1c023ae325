"""Today's "Mail to decide" section: what the mailbox left for the user to answer.

Printed by `followup today` (one call, before its actions) only when there
is something to decide, so Today reads as before for everyone else. Each
line ends with the command that answers it.
"""

from __future__ import annotations

from datetime import datetime

from followup.cli.base import db_url
from followup.cli.output import section

TITLE = "Mail to decide"
QUOTE_MAX = 90


def show_mail_questions(as_of: datetime) -> None:
    from followup.services.mail_questions import read_questions

    found = read_questions(db_url(), as_of)
    if found:
        section(TITLE, "magenta", question_lines(found))


def question_lines(found: object) -> list[str]:
    from followup.domain.calendar import zone
    from followup.services.mail_questions import Questions

    assert isinstance(found, Questions)
    tz = zone(found.time_zone)
    lines = []
    for reply in found.replies:
        who = reply.name or "someone new"
        said = f': "{_short(reply.summary)}"' if reply.summary else ""
        lines.append(f"Reply from {who} ({reply.opportunity}, "
                     f"{reply.at.astimezone(tz):%a %d %b}){said}")
        named = (f"it names {reply.suggested:%a %d %b}: " if reply.suggested else "")
        lines.append(f"    what does it mean? {named}`{reply.command()}`")
    for row in found.uncertain:
        lines.append(f'May have been sent: "{_short(row.subject)}" to {row.to} '
                     f"({row.at.astimezone(tz):%a %d %b %H:%M})")
        lines.append(f"    did it go out? `{row.command()}`")
    for bounced in found.bounced:
        lines.append(f"Bounced: {bounced.name} <{bounced.email}> ({bounced.opportunity}, "
                     f"{bounced.at.astimezone(tz):%a %d %b}): nothing more is sent there")
        lines.append(f"    a new address: `followup edit contact {bounced.opportunity} "
                     f"{bounced.contact} --email NEW`")
    for person in found.suggested:
        lines.append(f"New at {person.opportunity}: {person.name} <{person.email}> wrote to you")
        lines.append(f"    a contact? `{person.command()}`")
    return lines


def _short(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= QUOTE_MAX else flat[: QUOTE_MAX - 1].rstrip() + "…"
