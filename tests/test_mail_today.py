"""`followup today` asks what mail left to decide, and only then.

A reply whose meaning nobody gave (with the day it names), an outbox row
left `uncertain` (with the exact resolve command) and an address that
bounced (name and address) are listed under "Mail to decide"; each goes
once it is answered, and Today prints exactly what it printed before when
there is none.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from mailrecord import CORPUS, SEND_NOW, _mail_key, load, record  # noqa: F401

AS_OF = "2026-12-10T18:00:00+00:00"
ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
REPLY = ("    what does it mean? it names Fri 18 Dec: "
         "`followup edit touch acme-pm 5 --decision-expected 2026-12-18`")
UNCERTAIN = "    did it go out? `followup outbox resolve <u-1@example.org> --sent|--resend|--drop`"
BOUNCED = ("  Bounced: Omar Haddad <omar@acme.example> (acme-pm, Tue 08 Dec): "
           "nothing more is sent there")


def _today(url: str) -> str:
    result = run(url, "today", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return result.output


def _uncertain_row() -> None:
    from followup.store import models as db
    from followup.store.owner import local_owner

    db.OutboxMessage.objects.create(
        owner=local_owner(), message_id="<u-1@example.org>", key="acme-pm/follow_up/r1/2",
        opportunity_ref="acme-pm", contact_ref="jane", from_name="Sam Lee",
        from_email="sam@example.org", to_name="Jane Roe", to_email="jane@acme.example",
        subject="Checking in again", body="Hello", state="uncertain",
        send_at=datetime(2026, 12, 9, 15, 0, tzinfo=UTC),
        claimed_at=datetime(2026, 12, 9, 15, 0, 5, tzinfo=UTC),
        reason="the connection broke after the message was handed over",
        created_at=datetime(2026, 12, 9, 14, 0, tzinfo=UTC))


@pytest.fixture
def loaded(db_url, monkeypatch):
    from followup.cli import adding, mail
    from followup.store.owner import local_owner

    clock = datetime.fromisoformat(AS_OF)
    for module in (adding, mail):  # the commands' clock: the week of the test record
        monkeypatch.setattr(module, "now", lambda: clock)
    load(local_owner(), record(followed_up=True, thanked_omar=False))
    return db_url


@ON_BOTH
def test_today_lists_what_mail_left_to_decide(loaded):
    run(loaded, "import-mail", str(CORPUS / "reply_gmail.eml"), str(CORPUS / "bounce_dsn.eml"))
    _uncertain_row()
    out = _today(loaded)
    assert out.startswith("Mail to decide\n  Reply from Jane Roe (acme-pm, Tue 08 Dec): "
                          '"Hi Sam, Thanks for checking in.')
    lines = out.splitlines()
    assert f"  {REPLY}" in lines
    assert ('  May have been sent: "Checking in again" to jane@acme.example (Wed 09 Dec 10:00)'
            in lines)
    assert f"  {UNCERTAIN}" in lines
    assert BOUNCED in lines
    assert "      a new address: `followup edit contact acme-pm omar --email NEW`" in lines
    # Today's own sections follow, as they were.
    assert out.index("Mail to decide") < out.index("Mark one with `followup done ID`")


@ON_BOTH
def test_each_question_goes_once_it_is_answered(loaded):
    run(loaded, "import-mail", str(CORPUS / "reply_gmail.eml"), str(CORPUS / "bounce_dsn.eml"))
    _uncertain_row()
    assert run(loaded, "edit", "touch", "acme-pm", "5",
               "--decision-expected", "2026-12-18").exit_code == 0
    assert run(loaded, "outbox", "resolve", "<u-1@example.org>", "--drop").exit_code == 0
    assert run(loaded, "edit", "contact", "acme-pm", "omar",
               "--email", "omar.haddad@acme.example").exit_code == 0
    assert "Mail to decide" not in _today(loaded)


def test_a_reply_answered_by_a_later_response_is_not_asked_about(loaded):
    run(loaded, "import-mail", str(CORPUS / "reply_gmail.eml"))
    assert "Reply from Jane Roe" in _today(loaded)
    assert run(loaded, "log", "acme-pm", "--kind", "response", "--contact", "jane",
               "--at", "2026-12-09T10:00:00", "--outcome", "next_round").exit_code == 0
    assert "Mail to decide" not in _today(loaded)


def test_a_reply_without_a_date_asks_for_its_outcome(loaded):
    run(loaded, "import-mail", str(CORPUS / "reply_outlook.eml"))
    out = _today(loaded)
    assert ("    what does it mean? `followup edit touch acme-pm 5 --outcome "
            "next_round|delayed|rejected|offer`") in out


@ON_BOTH
def test_today_is_byte_for_byte_the_same_when_mail_left_nothing(loaded, monkeypatch):
    from followup.cli import agenda

    run(loaded, "import-mail", str(CORPUS / "ooo_exchange.eml"), str(CORPUS / "newsletter.eml"))
    with_section = _today(loaded)
    monkeypatch.setattr(agenda, "show_mail_questions", lambda as_of: None)
    assert _today(loaded) == with_section
    assert "Mail to decide" not in with_section


def test_mail_questions_leave_out_exactly_the_domains_closed_stages() -> None:
    from followup.domain.model import CLOSED_STAGES
    from followup.services.mail_questions import CLOSED

    assert set(CLOSED) == {stage.value for stage in CLOSED_STAGES}
