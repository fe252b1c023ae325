"""`followup sync` against a real IMAP server (dovecot) on loopback."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dbfixtures import db_url, owner, postgres_url, sqlite_template  # noqa: F401
from mailrecord import CORPUS, _mail_key, load, record  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401

NOW = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)
INBOX = ["reply_gmail.eml", "ooo_exchange.eml", "bounce_dsn.eml", "newsletter.eml",
         "invite.eml", "unrelated.eml"]


@pytest.fixture
def synced_owner(owner, smtp_server, imap_server):
    from followup.services.mail_account import configure

    load(owner, record(followed_up=True, thanked_omar=False))
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    for name in INBOX:
        imap_server.append("INBOX", (CORPUS / name).read_bytes())
    imap_server.append("Sent", (CORPUS / "sent_by_user.eml").read_bytes())
    return owner


def _sync(owner):
    from followup.services.mail_sync import sync

    return sync(owner, now=NOW)


def test_sync_reads_the_inbox_and_sent_and_logs_what_matters(synced_owner):
    entries = _sync(synced_owner)
    got = [(e["folder"], e["class"], e["contact"], e["logged"]) for e in entries]
    assert got == [
        ("INBOX", "reply", "jane", True), ("INBOX", "auto_reply", "jane", True),
        ("INBOX", "bounce", "omar", True), ("INBOX", "unrelated", None, False),
        ("INBOX", "invite", "jane", True), ("INBOX", "unrelated", None, False),
        ("Sent", "sent_by_user", "omar", True),
    ]
    assert entries[1]["return_on"] == "2026-12-14"


def test_a_second_sync_reads_only_new_mail_and_logs_nothing_twice(synced_owner, imap_server):
    from followup.services.exchange import export_document

    _sync(synced_owner)
    before = export_document(synced_owner)
    assert _sync(synced_owner) == []
    imap_server.append("INBOX", (CORPUS / "reply_outlook.eml").read_bytes())
    [entry] = _sync(synced_owner)
    assert (entry["class"], entry["contact"], entry["logged"]) == ("reply", "omar", True)
    assert export_document(synced_owner) != before


def test_a_changed_uidvalidity_reads_the_folder_again_without_logging_twice(synced_owner):
    from followup.services.exchange import export_document
    from followup.store import models as db

    _sync(synced_owner)
    before = export_document(synced_owner)
    db.MailFolder.objects.filter(owner=synced_owner).update(uidvalidity=1)
    again = _sync(synced_owner)
    assert len(again) == len(INBOX) + 1
    assert not any(e["logged"] for e in again)
    assert export_document(synced_owner) == before


def test_a_malformed_message_is_reported_and_the_sync_goes_on(synced_owner, imap_server):
    imap_server.append("INBOX", b"this line has no colon and nothing else\r\n")
    imap_server.append("INBOX", (CORPUS / "broken_mime.eml").read_bytes())
    imap_server.append("INBOX", (CORPUS / "reply_apple.eml").read_bytes())
    entries = [e for e in _sync(synced_owner) if e["folder"] == "INBOX"]
    classes = [e["class"] for e in entries]
    assert classes[-3:] == ["unreadable", "reply", "reply"]
    assert entries[-3]["error"]


def test_our_own_sent_copy_is_not_a_reply_and_is_not_logged_again(synced_owner, smtp_server):
    from followup.services.outbox import send

    _sync(synced_owner)
    send_now = datetime(2026, 12, 16, 16, 0, tzinfo=UTC)
    from followup.services.read import opportunity

    key = next(a.key for a in opportunity(synced_owner, "acme-pm", send_now).actions
               if a.kind.value in ("follow_up", "acknowledge", "check_in") and a.channel
               and a.channel.value == "email")
    row = send(synced_owner, key, now=send_now, force=True)
    assert row.state == "sent" and row.copied_to_sent
    from followup.services.mail_sync import sync

    [entry] = sync(synced_owner, now=send_now)
    assert entry["message_id"] == row.message_id
    assert (entry["folder"], entry["class"], entry["logged"]) == ("Sent", "sent_by_user", False)
