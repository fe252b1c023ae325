"""The `followup` command: Click, thin over the services.

Only Click is imported up front; each command's module is imported when the
command runs (or `--help` lists it), and Django only by the commands that
need it, so `followup --version` stays fast.
"""

from __future__ import annotations

import importlib

import click

from followup import __version__
from followup.cli.base import FollowupGroup, UserError, common_options

__all__ = ["COMMANDS", "UserError", "main"]

# name -> "module:attribute" under followup.cli
COMMANDS = {
    "today": "agenda:today", "list": "records:list_", "show": "records:show",
    "add": "adding:add", "log": "adding:log", "edit": "adding:edit",
    "done": "actions:done", "skip": "actions:skip", "snooze": "actions:snooze",
    "stage": "records:stage", "profile": "records:profile", "agenda": "agenda:agenda",
    "import": "exchange:import_", "export": "exchange:export", "demo": "exchange:demo",
    "draft": "messages:draft", "check": "messages:check",
    # issue 10: the daily command line (notes, delete, why, interactive interview)
    "notes": "notes:notes", "interview": "asking:interview", "delete": "deleting:delete",
    "why": "explain:why",
    # Mail (#13): the mailbox settings, the outbox, sync and the worker
    "mail": "mail:mail", "send": "mail:send", "outbox": "mail:outbox", "sync": "mail:sync",
    "import-mail": "mail:import_mail", "worker": "mail:worker",
    "suggested": "mail_contacts:suggested",
    # issue 8: hardening
    "doctor": "doctor:doctor",
    # issue 12: the web app
    "serve": "web:serve", "login": "web:login", "token": "web:token",
}
# Issue 14: the calendar in the loop (invitations in, the plan out).
COMMANDS |= {"import-invite": "calendar:import_invite", "calendar": "calendar:calendar"}


class LazyGroup(FollowupGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(f"followup.cli.{module}"), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="followup")
@common_options
def main() -> None:
    """Plan, draft and keep every follow-up after a job interview.

    Your record lives in a SQLite file in your data folder; --db or
    FOLLOWUP_DB points elsewhere (a file, or a postgresql:// URL).
    Start with `followup demo` then `followup today`.

    Exit codes: 0 success, 2 bad input or usage, 1 anything else.
    """
