"""The incremental sync with nothing new, answered without Django (dovecot on loopback)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from dbfixtures import db_url, owner, postgres_url, run, sqlite_template  # noqa: F401
from mailrecord import CORPUS, _mail_key, load, record  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401

NOW = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=5)


@pytest.fixture
def synced(owner, smtp_server, imap_server, db_url):
    """A record whose mailbox was synced once, so both folders' places are known."""
    from followup.services.mail_account import configure
    from followup.services.mail_sync import sync

    load(owner, record(followed_up=True, thanked_omar=False))
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    imap_server.append("INBOX", (CORPUS / "reply_gmail.eml").read_bytes())
    imap_server.append("Sent", (CORPUS / "sent_by_user.eml").read_bytes())
    sync(owner, now=NOW)
    return owner


def _state(owner):
    from followup.store import models as db

    account = db.MailAccount.objects.get(owner=owner)
    folders = sorted(db.MailFolder.objects.filter(owner=owner).values_list(
        "name", "uidvalidity", "last_uid"))
    return account.last_sync_at, folders


def _quick(url):
    from followup.services.mail_quick import nothing_new

    return nothing_new(url, LATER)


def test_nothing_new_records_the_sync_as_the_full_sync_would(synced, db_url):
    _, folders = _state(synced)
    if db_url.startswith("postgresql"):
        assert _quick(db_url) is False  # PostgreSQL takes the full sync
        return
    assert _quick(db_url) is True
    assert _state(synced) == (LATER, folders)


def test_new_mail_is_left_to_the_full_sync_untouched(synced, db_url, imap_server):
    from followup.services.mail_sync import sync

    before = _state(synced)
    imap_server.append("INBOX", (CORPUS / "reply_outlook.eml").read_bytes())
    assert _quick(db_url) is False
    assert _state(synced) == before
    [entry] = sync(synced, now=LATER)
    assert (entry["class"], entry["contact"], entry["logged"]) == ("reply", "omar", True)


def test_a_renumbered_folder_is_left_to_the_full_sync(synced, db_url):
    from followup.store import models as db

    db.MailFolder.objects.filter(owner=synced, name="INBOX").update(uidvalidity=1)
    before = _state(synced)
    assert _quick(db_url) is False
    assert _state(synced) == before


@pytest.mark.parametrize("state", ["sending", "uncertain"])
def test_an_outbox_row_to_settle_is_left_to_the_full_sync(synced, db_url, state):
    from followup.store import models as db

    db.OutboxMessage.objects.create(
        owner=synced, message_id="<q@example.org>", key="k", opportunity_ref="o",
        from_name="Sam", from_email="sam@example.org", to_name="Jane",
        to_email="jane@example.com", subject="s", body="b", state=state, send_at=NOW,
        created_at=NOW)
    before = _state(synced)
    assert _quick(db_url) is False
    assert _state(synced) == before


def test_no_mail_settings_and_no_record_are_left_to_the_full_sync(owner, db_url, tmp_path):
    assert _quick(db_url) is False
    assert _quick(str(tmp_path / "missing.sqlite3")) is False
    (tmp_path / "junk.sqlite3").write_text("not a database")
    assert _quick(str(tmp_path / "junk.sqlite3")) is False


def test_the_command_prints_the_same_either_way(synced, db_url, imap_server):
    quick = run(db_url, "sync")
    assert quick.exit_code == 0
    assert quick.output == "0 messages read, 0 about your opportunities, 0 logged.\n"
    assert run(db_url, "sync", "--format", "json").output == '{\n  "messages": []\n}\n'
    imap_server.append("INBOX", (CORPUS / "reply_outlook.eml").read_bytes())
    full = run(db_url, "sync")
    assert full.exit_code == 0
    # (the clock is the machine's here: the message may be "in the future" and not logged)
    assert "\n1 messages read, 1 about your opportunities, " in full.output


def test_a_fresh_process_with_nothing_new_never_imports_django(synced, db_url):
    if db_url.startswith("postgresql"):
        pytest.skip("the quick path is SQLite's; PostgreSQL takes the full sync")
    script = ("import sys\nfrom followup.cli import main\n"
              f"try:\n    main(['--db', {db_url!r}, 'sync'])\nexcept SystemExit:\n    pass\n"
              "print('django.db' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ}, check=True)
    assert done.stdout.splitlines()[-1] == "False", done.stderr


def test_the_outbox_read_straight_from_the_file_is_the_orm_listing(synced, db_url):
    from followup.services.mail_quick import outbox_listing
    from followup.services.outbox import listing
    from followup.store import models as db

    common = {"owner": synced, "key": "k", "opportunity_ref": "o", "from_name": "Sam",
              "from_email": "sam@example.org", "to_name": "Jane", "to_email": "jane@example.com",
              "subject": "Thank you", "body": "b", "created_at": NOW}
    db.OutboxMessage.objects.create(message_id="<b@x>", state="scheduled",
                                    send_at=NOW + timedelta(days=1, microseconds=5), **common)
    db.OutboxMessage.objects.create(message_id="<a@x>", state="sent", send_at=NOW,
                                    sent_at=NOW + timedelta(seconds=7), reason="ok", **common)
    expected = listing(synced, "America/Chicago")
    assert [m["message_id"] for m in expected] == ["<a@x>", "<b@x>"]
    if db_url.startswith("postgresql"):
        assert outbox_listing(db_url) is None
        return
    from followup.services.read import profile

    assert outbox_listing(db_url) == listing(synced, profile(synced).time_zone)
    shown = run(db_url, "outbox")
    assert shown.exit_code == 0
    assert "sent       " in shown.output and "<b@x>" in shown.output
