"""Handing an outbox row to SMTP, exactly once.

1. Claim: `scheduled -> sending` by compare-and-set (healthchecks' way): the
   process whose UPDATE changed the row sends it; any other finds nothing.
2. SMTP. 3. Mark `sent` and log the touch, in one transaction.
4. Append the same bytes to the Sent folder over IMAP.

A process that dies between 2 and 3 leaves `sending`; `settle_stale` turns
that into `uncertain` (its claimer is gone), and `confirm_from_sent` marks it
sent when its Message-ID is in the Sent folder. Nothing resends it but the
user (`followup outbox resolve --resend`).

`followup sync` uses only the last two, so the planner and the record's
writers are imported when a sent message is logged, not at import.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import F

from followup.services.errors import NotFound
from followup.services.mail_account import Account
from followup.store import models as db
from followup.store.locking import writing
from followup.transports import eml, imap, smtp

if TYPE_CHECKING:
    from email.message import EmailMessage

    from followup.domain import model as m

MAX_ATTEMPTS = 5
BACKOFF_MINUTES = (2, 10, 30, 120)
LEASE = timedelta(minutes=15)  # a claim older than this is stale even on another machine


def claimer() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(pk: int, now: datetime) -> bool:
    return db.OutboxMessage.objects.filter(pk=pk, state="scheduled", send_at__lte=now).update(
        state="sending", claimed_by=claimer(), claimed_at=now, attempts=F("attempts") + 1,
    ) == 1


def deliver(account: Account, pk: int, now: datetime, *, check_plan: bool = True
            ) -> db.OutboxMessage:
    """Send row `pk` if this process wins the claim; the row as it ends up."""
    if check_plan:
        from followup.services.outbox_plan import cancel_if_unplanned

        if cancel_if_unplanned(account.row.owner, pk, now):
            return db.OutboxMessage.objects.get(pk=pk)
    if not claim(pk, now):
        return db.OutboxMessage.objects.get(pk=pk)
    row = db.OutboxMessage.objects.get(pk=pk)
    message = build(row, now)
    try:
        smtp.send(account.smtp, account.login, message)
    except smtp.Transient as error:
        _retry_later(row, str(error), now)
    except smtp.Permanent as error:
        _settle(row, "failed", str(error))
    except smtp.Uncertain as error:
        _settle(row, "uncertain", f"{error}; it may have gone out")
    else:
        with writing(account.row.owner.pk):
            if db.OutboxMessage.objects.filter(pk=pk, state="sending", claimed_by=claimer()
                                               ).update(state="sent", sent_at=now, reason=None):
                log_sent(account.row.owner, row, now, now)
        copy_to_sent(account, pk, message)
    row.refresh_from_db()
    return row


def build(row: db.OutboxMessage, now: datetime) -> EmailMessage:
    """The message as it goes out: the .eml builder's safe headers, plus threading."""
    message = eml.build(eml.Mail(row.from_name, row.from_email, row.to_name, row.to_email,
                                 row.subject, row.body, now, row.key))
    del message["X-Unsent"]
    message.replace_header("Message-ID", row.message_id)
    if row.in_reply_to:
        message["In-Reply-To"] = row.in_reply_to
        message["References"] = row.references or row.in_reply_to
    return message


def _retry_later(row: db.OutboxMessage, reason: str, now: datetime) -> None:
    attempts = row.attempts  # the claim counted this try
    if attempts >= MAX_ATTEMPTS:
        _settle(row, "failed", f"{reason} (gave up after {attempts} tries)")
        return
    wait = BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1]
    db.OutboxMessage.objects.filter(pk=row.pk, state="sending").update(
        state="scheduled", send_at=now + timedelta(minutes=wait), claimed_by=None,
        reason=f"{reason}; trying again in {wait} minutes")


def _settle(row: db.OutboxMessage, state: str, reason: str) -> None:
    db.OutboxMessage.objects.filter(pk=row.pk, state="sending").update(state=state, reason=reason)


def log_sent(owner: db.Owner, row: db.OutboxMessage, at: datetime, now: datetime) -> None:
    """The touch the message is, once (by Message-ID), so the plan moves on."""
    from followup.domain import model as m
    from followup.services.actions import done
    from followup.services.unit import change

    if db.Touch.objects.filter(owner=owner, message_id=row.message_id).exists():
        return
    try:
        done(owner, row.key, now=now, at=at, summary=row.subject, message_id=row.message_id)
        return
    except NotFound:  # the plan moved on meanwhile: log the email all the same
        pass
    kind = _touch_kind(row.key)
    touch = m.Touch(at=at, kind=kind, direction=m.Direction.OUT, contact=row.contact_ref,
                    channel=m.Channel.EMAIL, summary=row.subject, message_id=row.message_id)
    change(owner, row.opportunity_ref, lambda o: _with_touch(o, touch), now=now)


def _touch_kind(key: str) -> m.TouchKind:
    from followup.domain import model as m

    parts = key.split("/")
    for part in parts:
        if part in {kind.value for kind in m.ActionKind}:
            return m.TOUCH_FOR.get(m.ActionKind(part), m.TouchKind.EMAIL)
    return m.TouchKind.EMAIL


def _with_touch(opportunity: m.Opportunity, touch: m.Touch) -> m.Opportunity:
    from dataclasses import replace

    known = opportunity.contact(touch.contact) is not None
    kept = touch if known else replace(touch, contact=None)
    return replace(opportunity, touches=(*opportunity.touches, kept))


def copy_to_sent(account: Account, pk: int, message: EmailMessage) -> None:
    """File our copy in the Sent folder, as mail programs do; a failure costs only the copy."""
    try:
        with imap.connect(account.imap, account.imap_login) as box:
            folder = account.row.sent_folder or box.sent_folder()
            if folder is None:
                return
            box.append(folder, message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
        db.OutboxMessage.objects.filter(pk=pk).update(copied_to_sent=True)
    except Exception:  # the message is sent; a missing copy is no reason to fail
        return


def settle_stale(owner: db.Owner, now: datetime) -> int:
    """Rows left `sending` by a process that is gone become `uncertain`."""
    count = 0
    for row in db.OutboxMessage.objects.filter(owner=owner, state="sending"):
        if _claim_alive(row, now):
            continue
        count += db.OutboxMessage.objects.filter(
            pk=row.pk, state="sending", claimed_by=row.claimed_by).update(
            state="uncertain",
            reason="followup stopped while sending it; it may have gone out")
    return count


def _claim_alive(row: db.OutboxMessage, now: datetime) -> bool:
    if row.claimed_at is None or now - row.claimed_at > LEASE:
        return False
    host, _, pid = (row.claimed_by or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's claim: trust it until the lease runs out
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def confirm_from_sent(account: Account, box: imap.Mailbox, folder: str | None,
                      now: datetime) -> list[str]:
    """Uncertain rows whose Message-ID is in the Sent folder: sent after all."""
    confirmed: list[str] = []
    if folder is None:
        return confirmed
    owner = account.row.owner
    for row in db.OutboxMessage.objects.filter(owner=owner, state="uncertain"):
        if not box.has_message_id(folder, row.message_id):
            continue
        with writing(owner.pk):
            at = row.claimed_at or now
            if db.OutboxMessage.objects.filter(pk=row.pk, state="uncertain").update(
                    state="sent", sent_at=at, copied_to_sent=True,
                    reason="found in your Sent folder"):
                log_sent(owner, row, at, now)
                confirmed.append(row.message_id)
    return confirmed
