"""`followup worker`: scheduled sends when due, a sync every few minutes, the digest.

A plain loop of compare-and-set claims (healthchecks' way) over the
database: any number of workers may run; each row is sent by the one whose
claim changed it. Each pass is `run_once`, which is also what cron calls
through `followup worker --once`. The hosted mode can run the same three
steps as tasks on its queue.
"""

from __future__ import annotations

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
