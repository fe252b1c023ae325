"""The `followup` command: Click, thin over the services.

Only Click is imported up front; each command imports Django and the
services when it runs, so `followup --version` and `--help` stay fast.
"""

from __future__ import annotations

import click

from followup import __version__
from followup.cli import actions, adding, agenda, exchange, messages, records
from followup.cli.base import FollowupGroup, UserError, common_options

__all__ = ["UserError", "main"]


@click.group(cls=FollowupGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="followup")
@common_options
def main() -> None:
    """Plan, draft and keep every follow-up after a job interview.

    Your record lives in a SQLite file in your data folder; --db or
    FOLLOWUP_DB points elsewhere (a file, or a postgresql:// URL).
    Start with `followup demo` then `followup today`.

    Exit codes: 0 success, 2 bad input or usage, 1 anything else.
    """


for command in (
    agenda.today, records.list_, records.show, adding.add, adding.log, actions.done,
    actions.skip, actions.snooze, records.stage, adding.edit, records.profile,
    agenda.agenda, exchange.import_, exchange.export, exchange.demo,
    messages.draft, messages.check,
):
    main.add_command(command)
