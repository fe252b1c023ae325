"""Messages: `draft` one for a planned action, `check` your own text (R17)."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from followup.cli.base import (
    INSTANT,
    UserError,
    common_options,
    in_zone,
    now,
    open_store,
    user_errors,
)


@click.command()
@click.argument("key")
@click.option("--as-of", type=INSTANT, help="Plan as of this moment (default: now).")
@click.option("--format", "fmt", type=click.Choice(["json", "text", "eml"]), default="text",
              show_default=True, help="eml: an RFC 5322 message any mail client opens.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False),
              help="A folder of your own templates that replace the built-in ones.")
@common_options
def draft(key: str, as_of: datetime | None, fmt: str, templates: str | None) -> None:
    """The draft for the planned action KEY, checked for courtesy. Reads only.

    Example: followup draft acme-pm/thank_you/r1/jane --format eml > thanks.eml
    """
    owner = open_store()
    from followup.services.actions import find_action
    from followup.services.drafting import render_draft
    from followup.services.read import profile
    from followup.store.index import settings_of

    with user_errors():
        moment = in_zone(as_of, profile(owner).time_zone) or now()
        found = find_action(owner, key, moment)
        playbook = settings_of(found.profile).for_opportunity(found.opportunity, found.profile)
        text = render_draft(
            found.profile, found.opportunity, found.action, playbook,
            fmt=fmt, templates_dir=templates, now=moment,
        )
    click.echo(text, nl=not text.endswith("\n"))


@click.command()
@click.option("--kind", required=True, help="The action kind the text is for, e.g. thank_you.")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text",
              show_default=True)
@common_options
def check(kind: str, file: str, fmt: str) -> None:
    """Check your own text (FILE, - for standard input) for courtesy and length (R17).

    Exits 0 whatever it finds; 2 on bad usage.
    """
    from followup.services.drafting import run_check

    try:
        if file == "-":
            text = sys.stdin.read()
        else:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read {file}: {error}") from None
    try:
        report = run_check(kind, text, fmt=fmt)
    except ValueError as error:
        raise UserError(f"--kind: {error}") from None
    click.echo(report, nl=not report.endswith("\n"))
