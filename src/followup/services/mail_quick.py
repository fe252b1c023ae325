"""Mail commands answered without starting Django: a sync with nothing new, the outbox.

`followup sync` run by cron or by hand usually finds nothing new, and a
fresh process spent most of its time setting Django up for it (the ORM's
import alone is ~0.3 s). This path reads the mailbox settings and how far
each folder was read through a direct SQLite connection, asks the server
whether either folder has a new message, and when neither has (and the
outbox holds nothing to settle or confirm) records the sync's moment and
is done: exactly what the full sync would have changed.

Whenever there is anything to do or to doubt (new mail, a renumbered
folder, a `sending` or `uncertain` outbox row, no Sent folder known yet,
PostgreSQL, a schema not migrated, a write refused) it answers None
before changing anything, and the caller runs the full sync.

`followup outbox` (a read) lists the rows the same way, through the same
`listed` the Django path uses.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from followup.store.config import BUSY_TIMEOUT, is_postgres, sqlite_path
from followup.store.sql import Sql


class MailFailure(RuntimeError):
    """The mailbox could not be read (exit 1: a fault outside the user's input)."""


class _Settings(Sql):
    """What the quick path reads: the account and its folders' places."""

    def account(self, owner_id: int) -> tuple[Any, ...] | None:
        found = self.rows(
            "SELECT id, imap_url, secret, sent_folder FROM followup_mail_account "
            f"WHERE owner_id = {self.ph}", [owner_id])
        return found[0] if found else None

    def folders(self, owner_id: int) -> dict[str, tuple[int, int]]:
        return {name: (validity, last) for name, validity, last in self.rows(
            "SELECT name, uidvalidity, last_uid FROM followup_mail_folder "
            f"WHERE owner_id = {self.ph}", [owner_id])}

    def outbox_unsettled(self, owner_id: int) -> bool:
        return bool(self.rows(
            "SELECT 1 FROM followup_outbox WHERE owner_id = "
            f"{self.ph} AND state IN ('sending', 'uncertain') LIMIT 1", [owner_id]))


OUTBOX_COLUMNS = "message_id, key, to_email, subject, state, sent_at, send_at, reason"


def _instant(value: Any) -> datetime:
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # SQLite: UTC


def listed(rows: list[tuple[Any, ...]], time_zone: str) -> list[dict[str, object]]:
    """Outbox rows (OUTBOX_COLUMNS, oldest first) as `followup outbox` shows them."""
    from followup.domain.calendar import zone

    tz = zone(time_zone)
    return [{
        "message_id": message_id, "key": key, "to": to, "subject": subject, "state": state,
        "at": _instant(sent_at or send_at).astimezone(tz).isoformat(), "reason": reason,
    } for message_id, key, to, subject, state, sent_at, send_at, reason in rows]


def outbox_listing(url: str) -> list[dict[str, object]] | None:
    """The outbox through a direct SQLite connection; None when Django must set up first."""
    if is_postgres(url):
        return None
    from followup.store.direct import read_only

    try:
        with read_only(url, Sql) as reader:
            owner_id = None if reader is None else reader.owner_id()
            if reader is None or owner_id is None:
                return None
            zones = reader.rows(
                f"SELECT time_zone FROM followup_profile WHERE owner_id = {reader.ph}",
                [owner_id])
            rows = reader.rows(
                f"SELECT {OUTBOX_COLUMNS} FROM followup_outbox WHERE owner_id = {reader.ph} "
                "ORDER BY send_at, id", [owner_id])
    except (ValueError, sqlite3.Error):  # not a record, damaged, locked: the full path says
        return None
    return listed(rows, zones[0][0]) if zones else None


def nothing_new(url: str, now: datetime) -> bool:
    """True when the mailbox has nothing new and the sync's moment is recorded."""
    if is_postgres(url):  # psycopg's import costs what Django's would save
        return False
    try:
        plan = _plan(url)
    except (ValueError, sqlite3.Error):  # not a record, damaged, locked: the full path says so
        return False
    if plan is None:
        return False
    account_id, imap_url, secret, places = plan
    if not _server_unchanged(imap_url, secret, places):
        return False
    return _record(url, account_id, now)


Plan = tuple[int, str, str, dict[str, tuple[int, int]]]


def _plan(url: str) -> Plan | None:
    """(account id, IMAP URL, sealed password, {folder: (validity, last UID)}) or None."""
    from followup.store.direct import read_only

    with read_only(url, _Settings) as reader:
        if reader is None:
            return None
        owner_id = reader.owner_id()
        account = None if owner_id is None else reader.account(owner_id)
        if owner_id is None or account is None or reader.outbox_unsettled(owner_id):
            return None
        account_id, imap_url, secret, sent = account
        known = reader.folders(owner_id)
    wanted = ["INBOX", sent]
    if sent is None or any(name not in known for name in wanted):
        return None
    return account_id, imap_url, secret or "", {name: known[name] for name in wanted}


def _server_unchanged(imap_url: str, secret: str, places: dict[str, tuple[int, int]]) -> bool:
    """Whether every folder keeps its numbering and has no message after its last UID."""
    from followup.transports import imap, mail_secret
    from followup.transports.mail_login import PasswordLogin
    from followup.transports.mail_urls import MailUrlError, parse
    from followup.transports.smtp import MailError

    try:
        server, _ = parse(imap_url, "imap", "imap")
        password = mail_secret.unseal(secret)
    except (MailUrlError, mail_secret.SecretError):  # the full sync says what is wrong
        return False
    try:
        with imap.connect(server, PasswordLogin(server.user, password)) as box:
            for folder, (validity, last_uid) in places.items():
                if box.open(folder) != validity or box.uids_after(last_uid):
                    return False
    except MailError as error:
        raise MailFailure(f"sync: {error}") from None
    return True


def _record(url: str, account_id: int, now: datetime) -> bool:
    """The sync's moment, as the full sync records it; False if the write is refused."""
    connection = sqlite3.connect(sqlite_path(url), timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        moment = Sql(None, "sqlite").instant(now)
        connection.execute("UPDATE followup_mail_account SET last_sync_at = ? WHERE id = ?",
                           [moment, account_id])
    except sqlite3.Error:  # read-only or locked: the full sync reports it its own way
        return False
    finally:
        connection.close()
    return True
