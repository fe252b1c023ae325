"""`followup sync` and `followup import-mail`: read mail, learn what it means.

The sync reads the inbox and the Sent folder from the UID after the last one
seen (a changed UIDVALIDITY starts a folder again). It looks at the headers
of every new message and fetches the whole of only those that may concern
an opportunity, so a large mailbox costs little. The folder's place is
saved after its messages are learned: a sync that stops half way reads
them again, and learning is idempotent by Message-ID.

A sync with nothing new is the common case (the worker runs one every few
minutes), so what only new mail needs (parsing, classifying, the planner)
is imported and loaded when the first new message is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.services.errors import ServiceError
from followup.services.mail_account import Account, load
from followup.services.mail_quick import MailFailure
from followup.services.outbox_send import confirm_from_sent, settle_stale
from followup.store import models as db
from followup.transports import imap
from followup.transports.smtp import MailError

__all__ = ["MailFailure", "directory_of", "import_files", "sync"]

if TYPE_CHECKING:
    from followup.services.mail_classify import Directory


def directory_of(owner: db.Owner, extra_own: Iterable[str] = ()) -> Directory:
    from followup.services.mail_classify import Directory
    from followup.store import mapping

    profile = mapping.load_profile(owner)
    opportunities = mapping.load_opportunities(db.Opportunity.objects.filter(owner=owner))
    outbox = {row.message_id: (row.opportunity_ref, row.contact_ref)
              for row in db.OutboxMessage.objects.filter(owner=owner)}
    own = {profile.email or "", *extra_own}
    return Directory.of(profile, opportunities, own, outbox)


def sync(owner: db.Owner, *, now: datetime) -> list[dict[str, Any]]:
    account = load(owner)
    user = account.imap.user
    directory = cache(lambda: directory_of(owner, [user] if "@" in user else []))
    settle_stale(owner, now)
    entries: list[dict[str, Any]] = []
    try:
        with imap.connect(account.imap, account.imap_login) as box:
            sent = _sent_folder(account, box)
            for folder in ["INBOX", *([sent] if sent else [])]:
                entries += _sync_folder(owner, box, folder, directory, now)
            confirm_from_sent(account, box, sent, now)
    except MailError as error:
        raise MailFailure(f"sync: {error}") from None
    db.MailAccount.objects.filter(pk=account.row.pk).update(last_sync_at=now)
    return entries


def _sent_folder(account: Account, box: imap.Mailbox) -> str | None:
    if account.row.sent_folder:
        return account.row.sent_folder
    found = box.sent_folder()
    if found:
        db.MailAccount.objects.filter(pk=account.row.pk).update(sent_folder=found)
    return found


def _sync_folder(owner: db.Owner, box: imap.Mailbox, folder: str,
                 directory_once: Callable[[], Directory], now: datetime
                 ) -> list[dict[str, Any]]:
    validity = box.open(folder)
    state, _ = db.MailFolder.objects.get_or_create(
        owner=owner, name=folder, defaults={"uidvalidity": validity, "last_uid": 0})
    if state.uidvalidity != validity:  # renumbered: read it again; Message-IDs keep us honest
        state.uidvalidity, state.last_uid = validity, 0
    uids = box.uids_after(state.last_uid)
    entries = _read_new(owner, box, uids, folder, directory_once(), now) if uids else []
    if uids:
        state.last_uid = max(uids)
    state.save()
    return entries


def _read_new(owner: db.Owner, box: imap.Mailbox, uids: list[int], folder: str,
              directory: Directory, now: datetime) -> list[dict[str, Any]]:
    """Glance at the headers of new messages; fetch and learn those that may matter."""
    from followup.services.mail_learn import learn
    from followup.transports.mail_read import read

    entries: dict[int, dict[str, Any]] = {}
    wanted = []
    for fetched in box.fetch(uids, whole=False):
        glance = read(fetched.raw, headers_only=True)
        if glance.problem is None and not directory.may_matter(glance):
            entries[fetched.uid] = _unrelated(glance, folder)
        else:
            wanted.append(fetched.uid)
    for fetched in box.fetch(wanted, whole=True):
        entries[fetched.uid] = learn(owner, read(fetched.raw), folder, directory, now)
    return [entries[uid] for uid in sorted(entries)]


def _unrelated(mail: Any, folder: str) -> dict[str, Any]:
    from followup.services.mail_learn import synthetic_id

    return {"message_id": mail.message_id or synthetic_id(mail), "folder": folder,
            "from": mail.sender or None, "opportunity": None, "contact": None,
            "class": "unrelated", "logged": False, "return_on": None}


def import_files(owner: db.Owner, paths: list[Path], *, now: datetime) -> list[dict[str, Any]]:
    """The same learning from .eml files, mbox files and Maildir folders."""
    from followup.services.mail_learn import learn
    from followup.transports import mail_files
    from followup.transports.mail_read import read

    try:
        found = list(mail_files.messages(paths))
    except mail_files.MailFileError as error:
        raise ServiceError(str(error)) from None
    account = db.MailAccount.objects.filter(owner=owner).first()
    own = [account.imap_url.split("://", 1)[1].rsplit("@", 1)[0]] if account else []
    from urllib.parse import unquote

    directory = directory_of(owner, [unquote(a) for a in own if "@" in unquote(a)])
    entries = []
    for where, raw in found:
        entry = learn(owner, read(raw), "file", directory, now)
        entry["source"] = where
        entries.append(entry)
    return entries
