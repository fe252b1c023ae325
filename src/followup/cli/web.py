"""The web app from the command line: `serve`, `login` and `token` (issue 12)."""

from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path
from typing import Any

import click

from followup.cli.base import UserError, common_options, db_url, now, open_store, user_errors

SERVER_FILE = "server.json"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _server_file() -> Path:
    from followup.settings import data_dir

    return data_dir() / SERVER_FILE


def _remember(base: str) -> None:
    """Where the server listens, for `followup login` (owner-only: it names a port only)."""
    path = _server_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"url": base, "pid": os.getpid()}, handle)


def _sign_in_url(base: str) -> str:
    from followup.services.access import create_sign_in_link
    from followup.store.owner import local_owner

    return f"{base}/signin/{create_sign_in_link(local_owner(), now=now())}"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (local mode: a loopback address only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="0 picks a free port.")
@click.option("--no-open", is_flag=True, help="Do not open the browser.")
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True)
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Server processes sharing the port, for many clients at once "
                   "(Linux only; default 1).")
@click.option("--no-worker", is_flag=True,
              help="Do not run the mail worker beside the web app (run `followup worker` "
                   "or cron yourself).")
@common_options
def serve(host: str, port: int, no_open: bool, threads: int, processes: int | None,
          no_worker: bool) -> None:
    """Run the web app until stopped (Ctrl-C).

    The first line printed is a sign-in link for this browser: it works once,
    within 15 minutes; `followup login` prints a fresh one.

    Beside it runs the mail worker, as `followup worker` does: scheduled
    mail leaves when due, and the mailbox is synced every few minutes once
    mail is set up (`followup mail configure`). --no-worker leaves it out.
    """
    if not is_loopback(host):
        raise UserError(f"--host: {host} is not a loopback address; without accounts the "
                        "web app only listens on this computer (127.0.0.1, ::1, localhost)")
    every = None if no_worker else _worker_every()
    from followup.web import boot

    try:
        boot.setup(db_url())
    except ValueError as error:
        raise UserError(f"--db: {error}") from None
    from followup.web import processes as workers

    boot.keep_connections()
    sock = _listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{sock.getsockname()[1]}"
    from django.conf import settings

    settings.ALLOWED_HOSTS = [host.strip("[]"), shown, "127.0.0.1", "localhost", "[::1]"]
    url = _sign_in_url(base)
    _remember(base)
    click.echo(f"Sign in: {url}")
    click.echo(f"followup is serving {base}/ (Ctrl-C stops it). The link works once, "
               "for 15 minutes; `followup login` prints a fresh one.")
    if not no_open:
        _open_browser(url)
    count = workers.count(processes)
    children = workers.fork_workers(count - 1, lambda: _server(sock, threads).run()) if (
        count > 1) else []
    # After the fork, in this process only: one worker, however many server processes.
    worker = None if every is None else _start_worker(every)
    workers.stop_on_sigterm()
    try:
        _server(sock, threads).run()
    except KeyboardInterrupt:
        pass
    finally:
        workers.stop(children)
        if worker is not None and not worker.stop():
            click.echo("the mail worker was still busy; it stops with the process")
    click.echo("stopped")


def _worker_every() -> float:
    """Seconds between the worker's passes: 60, or FOLLOWUP_WORKER_EVERY (tests, demos)."""
    given = os.environ.get("FOLLOWUP_WORKER_EVERY", "60")
    try:
        every = float(given)
    except ValueError:
        every = 0
    if not 0.1 <= every <= 3600:
        raise UserError(f"FOLLOWUP_WORKER_EVERY: {given!r} is not a number of seconds "
                        "from 0.1 to 3600")
    return every


def _start_worker(every: float) -> Any:
    """The worker's loop in a thread; its news goes to standard output."""
    from followup.services.worker import BackgroundWorker, news
    from followup.store.owner import local_owner

    def told(report: dict[str, Any]) -> None:
        for line in news(report):
            click.echo(f"mail worker: {line}")

    worker = BackgroundWorker(local_owner(), now, every, told)
    worker.start()
    return worker


def _open_browser(url: str) -> None:
    """The sign-in link in the user's browser, when there is a screen to show it on.

    Without one (a server, an SSH session) Python's webbrowser falls back on
    a text browser, which would take over the terminal the server logs to.
    """
    import os
    import sys
    import webbrowser

    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless or not webbrowser.open(url):
        click.echo("Open the sign-in link above in your browser.")


def _listen(host: str, port: int) -> Any:
    from followup.web.processes import listen

    try:
        return listen(host.strip("[]"), port)
    except OSError as error:
        raise UserError(f"--port: cannot listen on {host}:{port}: {error.strerror}") from None


def _server(sock: Any, threads: int) -> Any:
    from django.core.handlers.wsgi import WSGIHandler
    from waitress import create_server

    return create_server(WSGIHandler(), sockets=[sock], threads=threads, ident="followup",
                         clear_untrusted_proxy_headers=True)


@click.command()
@click.option("--url", help="The server's address (default: the last `followup serve`).")
@common_options
def login(url: str | None) -> None:
    """Print a fresh sign-in link for the running web app."""
    if url is None:
        try:
            url = json.loads(_server_file().read_text(encoding="utf-8"))["url"]
        except (OSError, ValueError, KeyError):
            url = "http://127.0.0.1:8000"
    open_store()
    click.echo(_sign_in_url(str(url).rstrip("/")))


@click.group()
def token() -> None:
    """API tokens for `Authorization: Bearer TOKEN` (the JSON API under /api/v1/)."""


@token.command(name="create")
@click.option("--name", help="A name to revoke it by (default: token-DATE).")
@common_options
def token_create(name: str | None) -> None:
    """Print a new API token, one line. It is shown only this once."""
    owner = open_store()
    from followup.services.access import create_token

    with user_errors():
        _, secret = create_token(owner, name, now=now())
    click.echo(secret)


@token.command(name="revoke")
@click.argument("name")
@common_options
def token_revoke(name: str) -> None:
    """End the token NAME."""
    owner = open_store()
    from followup.services.access import revoke_token

    with user_errors():
        revoke_token(owner, name)
    click.echo(f"revoked: {name}")


@token.command(name="list")
@common_options
def token_list() -> None:
    """The tokens by name, with when each was made and last used."""
    owner = open_store()
    from followup.services.access import token_names

    for name, created, used in token_names(owner):
        click.echo(f"{name}  created {created.isoformat()}  "
                   f"last used {used.isoformat() if used else 'never'}")
