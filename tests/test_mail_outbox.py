"""The outbox against real servers on loopback: aiosmtpd for SMTP, dovecot for IMAP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest

from dbfixtures import db_url, owner, postgres_url, sqlite_template  # noqa: F401
from mailrecord import CORPUS, FOLLOW_UP_KEY, SEND_NOW, _mail_key, load, record  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401


@pytest.fixture
def mail_owner(owner, smtp_server, imap_server):
    from followup.services.mail_account import configure

    load(owner, record())
    row = configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    row.digest = False  # the digest has its own tests; here it would be one more message
    row.save()
    return owner


def _send(owner, **options):
    from followup.services.outbox import send

    return send(owner, FOLLOW_UP_KEY, **{"now": SEND_NOW, **options})


def _touches(owner):
    from followup.services.exchange import export_record

    return export_record(owner).opportunities[0].touches


def _open_keys(owner, now):
    from followup.services.read import opportunity

    return [a.key for a in opportunity(owner, "acme-pm", now).actions]


def test_a_send_is_recorded_sent_marked_logged_and_filed_in_sent(
        mail_owner, smtp_server, imap_server):
    row = _send(mail_owner)
    assert row.state == "sent" and row.sent_at == SEND_NOW
    [raw] = smtp_server.handler.received
    message = message_from_bytes(raw, policy=policy.default)
    assert message["Message-ID"] == row.message_id
    assert message["To"] == "Jane Roe <jane@acme.example>"
    # The follow-up stays in the thread of the thank-you Jane already has.
    assert message["In-Reply-To"] == "<thanks-jane@example.org>"
    assert message["References"] == "<thanks-jane@example.org>"
    assert "X-Unsent" not in message
    logged = [t for t in _touches(mail_owner) if t.message_id == row.message_id]
    assert [(t.kind.value, t.direction.value, t.contact) for t in logged] == [
        ("email", "out", "jane")]
    assert FOLLOW_UP_KEY not in _open_keys(mail_owner, SEND_NOW)
    client = imap_server.client()
    client.select_folder("Sent", readonly=True)
    assert client.search(["HEADER", "Message-ID", row.message_id])
    client.logout()
    row.refresh_from_db()
    assert row.copied_to_sent


def test_the_checks_refuse_a_text_with_an_error_unless_forced(mail_owner, smtp_server):
    from followup.services.errors import ServiceError

    with pytest.raises(ServiceError, match=r"not sent: the checks found .* error"):
        _send(mail_owner, body="Hi Jane, [YOUR NEWS HERE]. Best, Sam")
    assert smtp_server.handler.received == []
    row = _send(mail_owner, body="Hi Jane, [YOUR NEWS HERE]. Best, Sam", force=True)
    assert row.state == "sent" and row.forced


def test_a_thank_you_waits_for_its_interview_s_end_unless_forced(owner, smtp_server,
                                                                  imap_server):
    from followup.services.errors import ServiceError
    from followup.services.mail_account import configure
    from followup.services.outbox import send

    load(owner, record(thanked_omar=False))
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    key = "acme-pm/thank_you/r1/omar"
    during = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)  # 12:30 in Chicago; it ends at 13:00
    refused = r"follows interview r1, which ends 2026-11-20T13:00-06:00; schedule it for then"
    with pytest.raises(ServiceError, match=refused):
        send(owner, key, now=during, body="Thank you, Omar.", force=False)
    with pytest.raises(ServiceError, match=refused):  # a moment of one's own, too early
        send(owner, key, now=during, body="Thank you, Omar.", at=during + timedelta(minutes=10))
    assert smtp_server.handler.received == []
    row = send(owner, key, now=during, body="Thank you, Omar.", at="due")
    assert row.state == "scheduled" and row.send_at >= datetime(2026, 11, 20, 19, tzinfo=UTC)


def test_a_scheduled_thank_you_waits_when_its_interview_runs_later(owner, smtp_server,
                                                                   imap_server):
    from followup.services.edit import edit_interview
    from followup.services.mail_account import configure, set_digest
    from followup.services.outbox import send
    from followup.services.worker import run_once

    load(owner, record(thanked_omar=False))
    configure(owner, smtp_server.url(), imap_server.url(), PASSWORD)
    set_digest(owner, on=False)
    key = "acme-pm/thank_you/r1/omar"
    during = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    row = send(owner, key, now=during, body="Thank you, Omar.",
               at=datetime(2026, 11, 20, 19, 30, tzinfo=UTC))  # half an hour after 13:00
    later = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)  # the day ran on until 15:00 in Chicago
    edit_interview(owner, "acme-pm", "r1", {"end": later}, now=during)
    assert run_once(owner, now=row.send_at, sync=False)["sent"] == []
    row.refresh_from_db()
    assert row.state == "scheduled" and row.send_at == later
    assert run_once(owner, now=later, sync=False)["sent"] == [row.message_id]
    assert len(smtp_server.handler.received) == 1


def test_a_451_is_retried_with_backoff_and_then_sent_once(mail_owner, smtp_server):
    from followup.services.worker import run_once

    smtp_server.handler.mode = "451"
    row = _send(mail_owner)
    assert row.state == "scheduled" and row.attempts == 1
    assert "451" in row.reason and row.send_at == SEND_NOW + timedelta(minutes=2)
    assert run_once(mail_owner, now=SEND_NOW + timedelta(minutes=1), sync=False)["sent"] == []
    smtp_server.handler.mode = "ok"
    report = run_once(mail_owner, now=SEND_NOW + timedelta(minutes=3), sync=False)
    assert report["sent"] == [row.message_id]
    assert len(smtp_server.handler.received) == 1
    assert sum(1 for t in _touches(mail_owner) if t.message_id == row.message_id) == 1


def test_a_550_fails_with_the_servers_reason(mail_owner, smtp_server):
    smtp_server.handler.mode = "550"
    row = _send(mail_owner)
    assert row.state == "failed"
    assert "550 5.1.1 Mailbox unknown" in row.reason
    assert FOLLOW_UP_KEY in _open_keys(mail_owner, SEND_NOW)  # still to do


def test_a_connection_dropped_after_the_message_is_uncertain_until_sent_shows_it(
        mail_owner, smtp_server, imap_server):
    from followup.services.mail_sync import sync

    smtp_server.handler.mode = "drop"
    smtp_server.handler.also_file_in = lambda raw: imap_server.append("Sent", raw)
    row = _send(mail_owner)
    assert row.state == "uncertain"
    assert not any(t.message_id == row.message_id for t in _touches(mail_owner))
    sync(mail_owner, now=SEND_NOW + timedelta(minutes=5))
    row.refresh_from_db()
    assert row.state == "sent" and row.reason == "found in your Sent folder"
    assert len(smtp_server.handler.received) == 1
    assert sum(1 for t in _touches(mail_owner) if t.message_id == row.message_id) == 1


def test_an_uncertain_message_not_in_sent_waits_for_the_user(mail_owner, smtp_server):
    from followup.services.mail_sync import sync
    from followup.services.outbox import resolve
    from followup.services.worker import run_once

    smtp_server.handler.mode = "drop"
    row = _send(mail_owner)
    sync(mail_owner, now=SEND_NOW + timedelta(minutes=5))
    run_once(mail_owner, now=SEND_NOW + timedelta(minutes=6), sync=False)
    row.refresh_from_db()
    assert row.state == "uncertain" and len(smtp_server.handler.received) == 1
    resolved = resolve(mail_owner, row.message_id, "sent", now=SEND_NOW + timedelta(minutes=7))
    assert resolved.state == "sent"
    assert sum(1 for t in _touches(mail_owner) if t.message_id == row.message_id) == 1


def test_resend_and_drop_are_the_users_answers(mail_owner, smtp_server):
    from followup.services.outbox import resolve

    smtp_server.handler.mode = "drop"
    first = _send(mail_owner)
    smtp_server.handler.mode = "ok"
    again = resolve(mail_owner, first.message_id, "resend", now=SEND_NOW + timedelta(minutes=1))
    assert again.state == "sent" and len(smtp_server.handler.received) == 2
    smtp_server.handler.mode = "drop"
    from followup.services.outbox import send

    other = send(mail_owner, "acme-pm/follow_up/r1/1", now=SEND_NOW,
                 body="Hi Jane, a second note.") if FOLLOW_UP_KEY in _open_keys(
                     mail_owner, SEND_NOW) else None
    assert other is None  # the follow-up is done: nothing left to send twice


def test_a_scheduled_follow_up_leaves_at_its_due_moment(mail_owner, smtp_server):
    from followup.services.outbox import send
    from followup.services.worker import run_once

    monday = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    row = send(mail_owner, FOLLOW_UP_KEY, now=monday, at="due")
    assert row.state == "scheduled"
    assert row.send_at == datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # 09:00 in Chicago
    assert run_once(mail_owner, now=row.send_at - timedelta(minutes=1), sync=False)["sent"] == []
    assert smtp_server.handler.received == []
    report = run_once(mail_owner, now=row.send_at, sync=False)
    assert report["sent"] == [row.message_id]
    [raw] = smtp_server.handler.received
    assert message_from_bytes(raw, policy=policy.default)["Date"].datetime == row.send_at


def test_a_time_outside_business_hours_moves_to_the_next_opening(mail_owner):
    from followup.services.outbox import send

    monday = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    evening = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)  # 21:00 on Monday in Chicago
    row = send(mail_owner, FOLLOW_UP_KEY, now=monday, at=evening)
    assert row.send_at == datetime(2026, 12, 8, 15, 0, tzinfo=UTC)


def test_a_scheduled_follow_up_is_cancelled_when_the_employer_answers_first(
        mail_owner, smtp_server, tmp_path):
    from followup.services.mail_sync import import_files
    from followup.services.outbox import send
    from followup.services.worker import run_once

    monday = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    row = send(mail_owner, FOLLOW_UP_KEY, now=monday, at="due")
    answer = tmp_path / "answer.eml"
    answer.write_bytes((CORPUS / "suppress_only_reply.eml").read_bytes().replace(
        b"Thu, 10 Dec 2026 14:00:00", b"Mon, 7 Dec 2026 20:00:00"))
    import_files(mail_owner, [answer], now=monday + timedelta(hours=6))
    report = run_once(mail_owner, now=row.send_at, sync=False)
    assert report["cancelled"] == [row.message_id]
    row.refresh_from_db()
    assert row.state == "cancelled"
    assert row.reason == "Jane Roe answered on 2026-12-07, before it was due"
    assert smtp_server.handler.received == []


def test_the_user_can_cancel_a_scheduled_message(mail_owner):
    from followup.services.outbox import cancel, listing, send

    row = send(mail_owner, FOLLOW_UP_KEY, now=SEND_NOW - timedelta(days=1), at="due")
    cancel(mail_owner, row.message_id.strip("<>"), now=SEND_NOW - timedelta(hours=1))
    [item] = listing(mail_owner, "America/New_York")
    assert item["state"] == "cancelled" and item["reason"].startswith("cancelled by you")
    assert set(item) == {"message_id", "key", "to", "subject", "state", "at", "reason"}


def test_two_workers_never_claim_the_same_row(mail_owner):
    from followup.services.outbox import send
    from followup.services.outbox_send import claim

    row = send(mail_owner, FOLLOW_UP_KEY, now=SEND_NOW - timedelta(days=1), at="due")
    assert claim(row.pk, row.send_at) is True
    assert claim(row.pk, row.send_at) is False


def test_nothing_is_sent_to_an_address_that_bounced(mail_owner, smtp_server):
    from followup.services.errors import ServiceError
    from followup.services.mail_sync import import_files

    import_files(mail_owner, [CORPUS / "bounce_plain.eml"], now=SEND_NOW)
    with pytest.raises(ServiceError, match="bounced"):
        _send(mail_owner)
    assert smtp_server.handler.received == []


def test_a_worker_back_after_hours_waits_for_the_next_business_morning(mail_owner, smtp_server):
    from followup.services.outbox import send
    from followup.services.worker import run_once

    monday = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
    row = send(mail_owner, FOLLOW_UP_KEY, now=monday, at="due")
    evening = datetime(2026, 12, 9, 0, 30, tzinfo=UTC)  # 18:30 on Tuesday in Chicago
    assert run_once(mail_owner, now=evening, sync=False)["sent"] == []
    row.refresh_from_db()
    assert row.state == "scheduled"
    assert row.send_at == datetime(2026, 12, 9, 15, 0, tzinfo=UTC)  # Wednesday 09:00
    assert smtp_server.handler.received == []
