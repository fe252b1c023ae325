"""A renamed opportunity or contact keeps its mail: the scheduled follow-up
still leaves at its moment (its key and refs follow the rename), and the
suggested contacts and learned messages follow too (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401
from mailrecord import FOLLOW_UP_KEY, _mail_key, load, record  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401

MONDAY = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


@pytest.fixture
def scheduled(owner, smtp_server, imap_server):
    from followup.services.mail_account import configure
    from followup.services.outbox import send
    from followup.store import models as db

    load(owner, record())
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    db.MailAccount.objects.filter(owner=owner).update(digest=False)
    db.SuggestedContact.objects.create(owner=owner, opportunity_ref="acme-pm",
                                       email="pat@acme.example", name="Pat",
                                       message_id="<pat@acme.example>", seen_at=MONDAY)
    return send(owner, FOLLOW_UP_KEY, now=MONDAY, at="due")


@ON_BOTH
def test_a_scheduled_follow_up_leaves_after_both_renames(owner, scheduled, smtp_server):
    from followup.services.rename import rename_contact, rename_opportunity
    from followup.services.worker import run_once
    from followup.store import models as db

    rename_opportunity(owner, "acme-pm", "acme-product", now=MONDAY)
    rename_contact(owner, "acme-product", "jane", "jane-roe", now=MONDAY)
    row = db.OutboxMessage.objects.get(pk=scheduled.pk)
    assert (row.key, row.opportunity_ref, row.contact_ref) == (
        "acme-product/follow_up/r1/1", "acme-product", "jane-roe")
    assert db.SuggestedContact.objects.get(owner=owner).opportunity_ref == "acme-product"
    report = run_once(owner, now=row.send_at, sync=False)
    assert report["sent"] == [row.message_id] and len(smtp_server.handler.received) == 1


def test_a_thank_you_key_follows_its_contact_s_new_ref(owner, smtp_server, imap_server):
    from followup.services.mail_refs import contact_renamed
    from followup.store import models as db

    load(owner, record(thanked_omar=False))
    row = db.OutboxMessage.objects.create(
        owner=owner, message_id="<t@example.org>", key="acme-pm/thank_you/r1/omar",
        opportunity_ref="acme-pm", contact_ref="omar", from_name="Sam", from_email="s@x.org",
        to_name="Omar", to_email="omar@acme.example", subject="Thanks", body="Thanks",
        state="scheduled", send_at=MONDAY, created_at=MONDAY)
    contact_renamed(owner, "acme-pm", "omar", "omar-h")
    row.refresh_from_db()
    assert (row.key, row.contact_ref) == ("acme-pm/thank_you/r1/omar-h", "omar-h")
