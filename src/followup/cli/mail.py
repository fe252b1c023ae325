"""The mailbox in the loop: `mail`, `send`, `outbox`, `sync`, `import-mail`, `worker`."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from followup.cli.base import (
    INSTANT,
    UserError,
    common_options,
    db_url,
    in_zone,
    now,
    open_store,
    user_errors,
)

FORMATS = click.Choice(["text", "json"])


@click.group()
def mail() -> None:
    """Your mailbox: `configure` it, then `test` it; `digest` sets the morning digest."""


@mail.command()
@click.option("--smtp", "smtp_url", required=True, metavar="URL",
              help="smtps://user@host:465 (TLS) or smtp://user@host:587 (STARTTLS).")
@click.option("--imap", "imap_url", required=True, metavar="URL",
              help="imaps://user@host:993 (TLS) or imap://user@host:143 (STARTTLS).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@common_options
def configure(smtp_url: str, imap_url: str, password_stdin: bool) -> None:
    """Store your mail settings; the password is kept encrypted, never shown.

    The password (an app password for Gmail, iCloud, Yahoo, Fastmail) comes
    percent-encoded in a URL's user part or, better, from standard input.
    Accounts that allow only OAuth2 (most Microsoft 365 and Google Workspace
    ones) cannot be used yet: use `followup import-mail` with an export.
    """
    password = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    owner = open_store()
    from followup.services.mail_account import configure as service

    with user_errors():
        row = service(owner, smtp_url, imap_url, password)
    click.echo(f"mail configured: {row.smtp_url} and {row.imap_url} (password stored encrypted)")


@mail.command(name="test")
@common_options
def test_() -> None:
    """Connect and log in to both servers; exit 0 when both work, else 1."""
    owner = open_store()
    from followup.services.mail_account import test as service

    with user_errors():
        results = service(owner)
    for url, problem in results:
        click.echo(f"{url}: {'ok' if problem is None else 'FAILED: ' + problem}")
    if any(problem is not None for _, problem in results):
        sys.exit(1)


@mail.command()
@click.option("--hour", type=int, help="The hour it leaves from, 0-23 in your time zone.")
@click.option("--on/--off", "on", default=None, help="Send it, or not.")
@common_options
def digest(hour: int | None, on: bool | None) -> None:
    """The morning digest: what is due today and late, mailed to you once a day."""
    owner = open_store()
    from followup.services.mail_account import set_digest

    with user_errors():
        row = set_digest(owner, on=on, hour=hour)
    state = f"on, from {row.digest_hour:02d}:00 your time" if row.digest else "off"
    click.echo(f"morning digest: {state}")


def _when(at: str | None, time_zone: str) -> datetime | str | None:
    if at is None or at == "due":
        return at
    moment = INSTANT.convert(at, None, None)
    return in_zone(moment, time_zone)


@click.command()
@click.argument("key")
@click.option("--body-file", type=click.Path(dir_okay=False, allow_dash=True),
              help="Your own text instead of the draft's body (- for standard input).")
@click.option("--subject", help="Your own subject line instead of the draft's.")
@click.option("--at", "at", metavar="ISO|due",
              help="Send later: at this moment, or `due` for the action's due moment.")
@click.option("--force", is_flag=True, help="Send even though the checks report an error.")
@common_options
def send(key: str, body_file: str | None, subject: str | None, at: str | None,
         force: bool) -> None:
    """Send the draft of the action KEY now, or schedule it with --at.

    A scheduled message leaves at its moment, inside the employer's business
    hours, unless the action is no longer planned by then (a reply came, the
    stage moved, you skipped it): then it is cancelled, with the reason kept.
    """
    body = _read_body(body_file)
    owner = open_store()
    from followup.services.outbox import send as service
    from followup.services.read import profile

    tz = profile(owner).time_zone
    with user_errors():
        try:
            when = _when(at, tz)
        except click.BadParameter as error:
            raise UserError(f"--at: {error.message}") from None
        row = service(owner, key, now=now(), body=body, subject=subject, at=when, force=force)
    _report_send(row, tz)


def _read_body(body_file: str | None) -> str | None:
    if body_file is None:
        return None
    try:
        if body_file == "-":
            return sys.stdin.read()
        return Path(body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"--body-file: cannot read {body_file}: {error}") from None


def _report_send(row: Any, tz: str) -> None:
    from followup.domain.calendar import zone

    if row.state == "sent":
        click.echo(f"sent {row.message_id}")
    elif row.state == "scheduled" and row.attempts == 0:
        click.echo(f"scheduled {row.message_id} for {row.send_at.astimezone(zone(tz)).isoformat()}")
    elif row.state == "scheduled":
        raise click.ClickException(f"not sent yet: {row.reason}; `followup worker` tries again "
                                   f"({row.message_id})")
    elif row.state == "uncertain":
        raise click.ClickException(f"may have been sent: {row.reason}; `followup sync` looks "
                                   f"for it in your Sent folder ({row.message_id})")
    else:
        raise click.ClickException(f"not sent ({row.state}): {row.reason} ({row.message_id})")


@click.group(invoke_without_command=True)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.pass_context
@common_options
def outbox(ctx: click.Context, fmt: str) -> None:
    """The messages followup sent or will send, and their state."""
    if ctx.invoked_subcommand is not None:
        return
    from followup.services.mail_quick import outbox_listing

    messages = outbox_listing(db_url())  # straight from the file, without Django
    if messages is None:
        owner = open_store()
        from followup.services.outbox import listing
        from followup.services.read import profile

        messages = listing(owner, profile(owner).time_zone)
    if fmt == "json":
        click.echo(json.dumps({"messages": messages}, ensure_ascii=False, indent=2))
        return
    if not messages:
        click.echo("The outbox is empty.")
    for item in messages:
        reason = f"  ({item['reason']})" if item["reason"] else ""
        click.echo(f"{item['state']:<10} {item['at']}  {item['to']}  {item['subject']}\n"
                   f"           {item['message_id']}  {item['key']}{reason}")


@outbox.command()
@click.argument("message_id")
@click.option("--sent", "how", flag_value="sent", help="It did go out: log it as sent.")
@click.option("--resend", "how", flag_value="resend", help="It did not: send it again now.")
@click.option("--drop", "how", flag_value="drop", help="Forget it: nothing is sent.")
@common_options
def resolve(message_id: str, how: str | None) -> None:
    """Answer for a message whose sending was interrupted (state `uncertain`)."""
    if how is None:
        raise UserError("say what happened: --sent, --resend or --drop")
    owner = open_store()
    from followup.services.outbox import resolve as service
    from followup.services.read import profile

    with user_errors():
        row = service(owner, message_id, how, now=now())
    if how == "resend":
        _report_send(row, profile(owner).time_zone)
    else:
        click.echo(f"{row.state} {row.message_id}")


@outbox.command()
@click.argument("message_id")
@common_options
def cancel(message_id: str) -> None:
    """Cancel a scheduled message before it leaves."""
    owner = open_store()
    from followup.services.outbox import cancel as service

    with user_errors():
        row = service(owner, message_id, now=now())
    click.echo(f"cancelled {row.message_id}")


def _print_entries(entries: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps({"messages": entries}, ensure_ascii=False, indent=2))
        return
    related = [e for e in entries if e["class"] != "unrelated"]
    for e in related:
        where = e["opportunity"] or "-"
        who = e["contact"] or e["from"] or "-"
        extra = f" back {e['return_on']}" if e["return_on"] else ""
        extra += _invite_words(e.get("invite"))
        if e.get("suggested_contact"):
            extra += f" new person: {e['suggested_contact']['email']} (`followup suggested`)"
        extra += f" error: {e['error']}" if e.get("error") else ""
        click.echo(f"{e['class']:<12} {'logged' if e['logged'] else 'seen  '} {where} "
                   f"{who}{extra}")
    logged = sum(1 for e in entries if e["logged"])
    click.echo(f"{len(entries)} messages read, {len(related)} about your opportunities, "
               f"{logged} logged.")


def _invite_words(invite: dict[str, Any] | None) -> str:
    """What the calendar import did with an invitation, in a few words."""
    if not invite:
        return ""
    return f" interview {invite['interview']} {invite['result']} ({invite['start']})"


@click.command()
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@common_options
def sync(fmt: str) -> None:
    """Read new mail over IMAP (inbox and Sent) and log what it means."""
    from followup.services.mail_quick import MailFailure, nothing_new

    try:
        # Nothing new, the common case, is answered without starting Django.
        if nothing_new(db_url(), now()):
            _print_entries([], fmt)
            return
        owner = open_store()
        from followup.services.mail_sync import sync as service

        with user_errors():
            entries = service(owner, now=now())
    except MailFailure as error:
        raise click.ClickException(str(error)) from None
    _print_entries(entries, fmt)


@click.command(name="import-mail")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@common_options
def import_mail(paths: tuple[Path, ...], fmt: str) -> None:
    """Learn from mail files: .eml messages, mbox files, Maildir folders."""
    owner = open_store()
    from followup.services.mail_sync import import_files

    with user_errors():
        entries = import_files(owner, list(paths), now=now())
    _print_entries(entries, fmt)


@click.command()
@click.option("--once", is_flag=True, help="One pass, then exit (for cron and tests).")
@click.option("--every", default=60, show_default=True, help="Seconds between passes.")
@common_options
def worker(once: bool, every: int) -> None:
    """Send scheduled mail when due, sync every few minutes, send the morning digest."""
    owner = open_store()
    from followup.services.worker import news, run_forever, run_once

    if once:
        click.echo(json.dumps(run_once(owner, now=now()), ensure_ascii=False))
        return

    def told(report: dict[str, Any]) -> None:
        for line in news(report):
            click.echo(line)

    import threading

    try:  # a pass that fails is reported and the next one runs, as in `serve`
        run_forever(owner, now, every, threading.Event(), told)
    except KeyboardInterrupt:
        click.echo("stopped")
