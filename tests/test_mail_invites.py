"""An invitation that arrives by mail becomes an interview (the calendar import).

Over dovecot (`sync`) and from .eml files (`import-mail`): the invitation is
applied to the opportunity the message belongs to, an update moves the
interview, a cancellation cancels it, a broken one is named in the report
and writes nothing, and nothing is applied twice.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, run, sqlite_template  # noqa: F401
from mailrecord import CORPUS, _mail_key, load, record  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401

NOW = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)
INVITE = (CORPUS / "invite.eml").read_bytes()
ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _variant(message_id: str, *changes: tuple[bytes, bytes]) -> bytes:
    data = INVITE.replace(b"<invite-0001@acme.example>", message_id.encode())
    for old, new in changes:
        assert old in data
        data = data.replace(old, new)
    return data


MOVED = _variant("<invite-0002@acme.example>",
                 (b"METHOD:REQUEST\nBEGIN:VEVENT", b"METHOD:REQUEST\nBEGIN:VEVENT\nSEQUENCE:1"),
                 (b"DTSTART:20261215T160000Z", b"DTSTART:20261216T170000Z"),
                 (b"DTEND:20261215T170000Z", b"DTEND:20261216T180000Z"))
CANCELLED = _variant("<invite-0003@acme.example>",
                     (b"method=REQUEST", b"method=CANCEL"),
                     (b"METHOD:REQUEST\nBEGIN:VEVENT", b"METHOD:CANCEL\nBEGIN:VEVENT\nSEQUENCE:2"))
BROKEN = _variant("<invite-0004@acme.example>", (b"DTSTART:20261215T160000Z", b"DTSTART:soon"))


def _interviews(owner) -> dict[str, dict]:
    from followup.services.exchange import export_document

    [opportunity] = json.loads(export_document(owner))["opportunities"]
    return {i["ref"]: i for i in opportunity["interviews"]}


@pytest.fixture
def mailbox(owner, smtp_server, imap_server):
    from followup.services.mail_account import configure

    load(owner, record(followed_up=True, thanked_omar=False))
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    return imap_server


def _sync(owner, now: datetime = NOW):
    from followup.services.mail_sync import sync

    return sync(owner, now=now)


def test_a_synced_invitation_becomes_an_interview_and_the_report_says_so(owner, mailbox):
    mailbox.append("INBOX", INVITE)
    [entry] = _sync(owner)
    assert (entry["class"], entry["contact"], entry["logged"]) == ("invite", "jane", True)
    assert entry["invite"]["result"] == "created"
    new = [i for ref, i in _interviews(owner).items() if ref != "r1"]
    assert [(i["start"], i["end"]) for i in new] == [
        ("2026-12-15T10:00:00-06:00", "2026-12-15T11:00:00-06:00")]
    assert entry["invite"]["interview"] == next(r for r in _interviews(owner) if r != "r1")


def test_an_update_moves_the_interview_and_a_cancellation_cancels_it(owner, mailbox):
    mailbox.append("INBOX", INVITE)
    _sync(owner)
    mailbox.append("INBOX", MOVED)
    [moved] = _sync(owner)
    assert (moved["logged"], moved["invite"]["result"]) == (True, "updated")
    assert moved["invite"]["start"] == "2026-12-16T11:00:00-06:00"
    mailbox.append("INBOX", CANCELLED)
    [cancelled] = _sync(owner)
    assert cancelled["invite"]["result"] == "cancelled"
    [second] = [i for ref, i in _interviews(owner).items() if ref != "r1"]
    assert second["cancelled"] is True


def test_reading_the_folder_again_applies_nothing_twice(owner, mailbox):
    from followup.services.exchange import export_document
    from followup.store import models as db

    mailbox.append("INBOX", INVITE)
    _sync(owner)
    before = export_document(owner)
    db.MailFolder.objects.filter(owner=owner).update(uidvalidity=1)
    again = [e for e in _sync(owner) if e["class"] == "invite"]
    assert [e["logged"] for e in again] == [False]
    assert export_document(owner) == before


def test_a_broken_invitation_is_named_and_writes_nothing(owner, mailbox):
    from followup.services.exchange import export_document

    before = export_document(owner)
    mailbox.append("INBOX", BROKEN)
    [entry] = _sync(owner)
    assert (entry["class"], entry["logged"]) == ("invite", False)
    assert entry["error"].startswith("invitation not imported: ")
    assert export_document(owner) == before


@ON_BOTH
def test_import_mail_applies_an_invitation_and_prints_what_it_did(db_url, tmp_path: Path):
    from followup.store.owner import local_owner

    load(local_owner(), record(followed_up=True, thanked_omar=False))
    (tmp_path / "invite.eml").write_bytes(INVITE)
    (tmp_path / "moved.eml").write_bytes(MOVED)
    first = run(db_url, "import-mail", str(tmp_path / "invite.eml"))
    assert first.exit_code == 0, first.output
    assert "invite       logged acme-pm jane interview " in first.output
    assert "created (2026-12-15T10:00:00-06:00)" in first.output
    second = run(db_url, "import-mail", "--format", "json",
                 str(tmp_path / "invite.eml"), str(tmp_path / "moved.eml"))
    entries = json.loads(second.output)["messages"]
    assert [(e["logged"], e.get("invite", {}).get("result")) for e in entries] == [
        (False, None), (True, "updated")]
