"""`followup worker`: scheduled sends when due, a sync every few minutes, the digest.

A plain loop of compare-and-set claims (healthchecks' way) over the
database: any number of workers may run; each row is sent by the one whose
claim changed it. Each pass is `run_once`, which is also what cron calls
through `followup worker --once`. The hosted mode can run the same three
steps as tasks on its queue.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from followup.services.digest import send_if_due
from followup.services.errors import ServiceError
from followup.services.mail_account import load
from followup.services.outbox_send import deliver, settle_stale
from followup.store import models as db


def run_once(owner: db.Owner, *, now: datetime, sync: bool | None = None) -> dict[str, Any]:
    """One pass; `sync` None: when the last one is older than the account's interval."""
    report: dict[str, Any] = {"sent": [], "failed": [], "cancelled": [], "retrying": [],
                              "uncertain": [], "synced": None, "digest": False}
    try:
        account = load(owner)
    except ServiceError:
        report["error"] = "mail is not set up"
        return report
    settle_stale(owner, now)
    due = db.OutboxMessage.objects.filter(owner=owner, state="scheduled", send_at__lte=now)
    for pk in list(due.order_by("send_at", "id").values_list("pk", flat=True)):
        row = deliver(account, pk, now)
        bucket = {"scheduled": "retrying"}.get(row.state, row.state)
        report.setdefault(bucket, []).append(row.message_id)
    if sync or (sync is None and _sync_due(account.row, now)):
        from followup.services.mail_sync import MailFailure
        from followup.services.mail_sync import sync as run_sync

        try:
            entries = run_sync(owner, now=now)
            report["synced"] = sum(1 for e in entries if e["logged"])
        except MailFailure as error:
            report["sync_error"] = str(error)
    report["digest"] = send_if_due(load(owner), now)
    return report


def _sync_due(row: db.MailAccount, now: datetime) -> bool:
    return row.last_sync_at is None or now - row.last_sync_at >= timedelta(
        minutes=row.sync_minutes)


def run_forever(owner: db.Owner, clock: Callable[[], datetime], every: float,
                stop: threading.Event, told: Callable[[dict[str, Any]], None]) -> None:
    """Passes every `every` seconds until `stop` is set; a failing pass is reported
    and the next one runs (a mail server that is down must not end the loop)."""
    while True:
        try:
            told(run_once(owner, now=clock()))
        except Exception as error:  # reported, never the end of the loop
            told({"error": f"{type(error).__name__}: {error}"})
        if stop.wait(every):
            return


class BackgroundWorker:
    """The worker's loop in a thread beside the web app (`followup serve`, local mode)."""

    def __init__(self, owner: db.Owner, clock: Callable[[], datetime], every: float,
                 told: Callable[[dict[str, Any]], None]) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(owner, clock, every, told),
                                        name="followup-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30) -> bool:
        """Ask the loop to end after the pass it is in; True when it has."""
        self._stop.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self, owner: db.Owner, clock: Callable[[], datetime], every: float,
             told: Callable[[dict[str, Any]], None]) -> None:
        from django.db import connection

        try:
            run_forever(owner, clock, every, self._stop, told)
        finally:
            connection.close()  # this thread's own connection


def news(report: dict[str, Any]) -> list[str]:
    """What a pass did that is worth a line in a log (nothing when it did nothing)."""
    lines = [f"{what} {message_id}" for what in ("sent", "failed", "cancelled", "uncertain")
             for message_id in report.get(what, [])]
    if report.get("synced"):
        lines.append(f"sync logged {report['synced']} message(s)")
    if report.get("digest"):
        lines.append("digest sent")
    lines += [f"{name.replace('_', ' ')}: {report[name]}" for name in ("sync_error", "error")
              if report.get(name) and report[name] != "mail is not set up"]
    return lines
