"""Human output: tables, colours, dates in a person's own time zone."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from followup.domain.model import Action, Opportunity

GETTING_STARTED = """\
Your record is empty. Ways to begin:

  followup demo                      load a sample record dated around today
  followup import FILE               load an exchange document (JSON)
  followup import --format csv FILE  load your spreadsheet of opportunities and contacts
  followup add opportunity REF --company NAME --role TITLE --time-zone ZONE --country CC
                                     start one by hand

Then `followup today` shows what to do and when. Every command has --help.
"""

KIND_LABELS = {
    "prepare": "prepare",
    "thank_you": "thank-you",
    "handwritten_note": "handwritten note",
    "linkedin_invite": "LinkedIn invite",
    "send_info": "send requested info",
    "info_delay_notice": "tell them it is coming",
    "check_in": "check in",
    "follow_up": "follow up",
    "close_out": "close out",
    "courteous_reply": "courteous reply",
    "acknowledge": "acknowledge",
}


def emit_json(document: dict[str, Any]) -> None:
    """Readable and fast: one line per entry of the document's lists.

    `json.dumps(indent=...)` falls back to the pure-Python encoder, which made
    a large agenda take seconds to print; compact entries use the C encoder.
    """
    fields = []
    for name, value in document.items():
        label = json.dumps(name)
        if isinstance(value, list) and value:
            entries = ",\n    ".join(json.dumps(entry, ensure_ascii=False) for entry in value)
            fields.append(f"  {label}: [\n    {entries}\n  ]")
        else:
            fields.append(f"  {label}: {json.dumps(value, ensure_ascii=False)}")
    click.echo("{\n" + ",\n".join(fields) + "\n}")


def when(moment: datetime, time_zone: str) -> str:
    from followup.domain.calendar import zone

    local = moment.astimezone(zone(time_zone))
    return local.strftime("%a %d %b %H:%M")


def describe(action: Action, opportunity: Opportunity) -> str:
    label = KIND_LABELS.get(action.kind.value, action.kind.value)
    if action.attempt:
        label += f" #{action.attempt}"
    contact = opportunity.contact(action.contact)
    if contact is not None:
        label += f" to {contact.name}"
    if action.channel is not None:
        label += f" ({action.channel.value.replace('_', ' ')})"
    return label


def table(rows: Sequence[Sequence[str]], headers: Sequence[str] | None = None) -> list[str]:
    """Left-aligned columns; the last column is left to wrap as it will."""
    every = [list(headers)] if headers else []
    every += [list(row) for row in rows]
    if not every:
        return []
    widths = [max(len(row[i]) for row in every) for i in range(len(every[0]) - 1)]
    lines = []
    for n, row in enumerate(every):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        line = "  ".join([*cells, row[-1]]).rstrip()
        lines.append(click.style(line, bold=True) if headers and n == 0 else line)
    return lines


def section(title: str, colour: str, lines: list[str]) -> None:
    if not lines:
        return
    click.echo(click.style(title, fg=colour, bold=True))
    for line in lines:
        click.echo("  " + line)
    click.echo()
