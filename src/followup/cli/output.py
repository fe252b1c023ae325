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


def emit_json(document: dict[str, Any]) -> None:
    click.echo(json_text(document))


def json_text(document: dict[str, Any]) -> str:
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
    return "{\n" + ",\n".join(fields) + "\n}"


def when(moment: datetime, time_zone: str, employer_zone: str | None = None,
         now: datetime | None = None) -> str:
    """'Mon 30 Nov 04:00', with '(09:00 London)' beside it when the employer's
    clock reads differently, and the year when it is not `now`'s."""
    from followup.domain.entry import beside

    return beside(moment, time_zone, employer_zone, now)


def rule_source(action: Action) -> str:
    from followup.domain.entries import rule_source

    return rule_source(action)


def short(action: Action) -> str:
    from followup.domain.entry import short_id

    return short_id(action.key)


def describe(action: Action, opportunity: Opportunity) -> str:
    from followup.domain.entries import describe

    return describe(action, opportunity)


def table(rows: Sequence[Sequence[str]], headers: Sequence[str] | None = None) -> list[str]:
    """Left-aligned columns; the last column is left to wrap as it will.

    Column by column (max, ljust through map): `today` for a coach's book
    lays out tens of thousands of rows.
    """
    every = [list(headers)] if headers else []
    every += [list(row) for row in rows]
    if not every:
        return []
    columns = list(zip(*every, strict=True))
    padded = [
        [cell.ljust(width) for cell in column]
        for column in columns[:-1]
        for width in [max(map(len, column))]
    ]
    lines = ["  ".join(cells).rstrip() for cells in zip(*padded, columns[-1], strict=True)]
    if headers:
        lines[0] = click.style(lines[0], bold=True)
    return lines


def styles_shown() -> bool:
    """Whether `click.echo` would keep colours on standard output (a terminal, --color).

    For text that is made with or without styles up front, then printed with
    `color=True`: click would otherwise scan megabytes to strip them again.
    """
    import sys

    from click._compat import should_strip_ansi  # at call time: click's CliRunner replaces it
    from click.globals import resolve_color_default

    return not should_strip_ansi(sys.stdout, resolve_color_default())


def section(title: str, colour: str, lines: list[str]) -> None:
    if not lines:
        return
    click.echo(click.style(title, fg=colour, bold=True))
    click.echo("".join([f"  {line}\n" for line in lines]))  # one write: a coach's list is long
