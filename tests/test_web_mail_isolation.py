"""Charlie, another owner, gets 404 for every mail object of alice's (her outbox
rows, her suggested contacts, her actions to send) and sees none of them on
his pages; his mail settings are his own (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from mailrecord import _mail_key  # noqa: F401
from webfixtures import (  # noqa: F401
    NOW,
    agenda_keys,
    alice,
    charlie,
    people,
    post,
    web_template,
    web_url,
)

SCHEDULED, UNCERTAIN = "<s-1@example.org>", "<u-1@example.org>"


@pytest.fixture
def alice_mail(people: Any) -> Any:
    from followup.services.mail_account import configure
    from followup.store import models as db

    configure(people.alice, "smtp://sam%40example.org@127.0.0.1:2525",
              "imap://sam%40example.org@127.0.0.1:1143", "alice's password")
    for message_id, state in ((SCHEDULED, "scheduled"), (UNCERTAIN, "uncertain")):
        db.OutboxMessage.objects.create(
            owner=people.alice, message_id=message_id, key="demo-acme-pm/send_info/refs",
            opportunity_ref="demo-acme-pm", contact_ref="jane", from_name="Sam Lee",
            from_email="sam@example.org", to_name="Jane", to_email="jane@acme.example",
            subject=f"Alice's {state} message", body="Hello", state=state, send_at=NOW,
            claimed_at=NOW, created_at=NOW)
    return db.SuggestedContact.objects.create(
        owner=people.alice, opportunity_ref="demo-acme-pm", email="pat@acme.example",
        name="Pat Alicecontact", message_id="<pat@acme.example>", seen_at=NOW)


def _states(owner: Any) -> list[str]:
    from followup.store import models as db

    rows = db.OutboxMessage.objects.filter(owner=owner).order_by("message_id")
    return [*rows.values_list("state", flat=True),
            *db.SuggestedContact.objects.filter(owner=owner).values_list("state", flat=True)]


@pytest.mark.parametrize(("url", "data"), [
    ("/mail/outbox/cancel", {"message_id": SCHEDULED}),
    ("/mail/outbox/resolve", {"message_id": UNCERTAIN, "how": "drop"}),
    ("/mail/outbox/resolve", {"message_id": UNCERTAIN, "how": "sent"}),
])
def test_charlie_cannot_answer_for_alice_s_messages(charlie: Any, people: Any, alice_mail: Any,
                                                    url: str, data: dict[str, str]) -> None:
    before = _states(people.alice)
    assert post(charlie, url, data).status_code == 404
    assert _states(people.alice) == before


@pytest.mark.parametrize("verb", ["accept", "dismiss"])
def test_charlie_cannot_decide_alice_s_suggested_contacts(charlie: Any, people: Any,
                                                          alice_mail: Any, verb: str) -> None:
    before = _states(people.alice)
    assert post(charlie, f"/mail/suggested/{alice_mail.pk}/{verb}").status_code == 404
    assert _states(people.alice) == before


def test_charlie_cannot_send_alice_s_actions(charlie: Any, people: Any, alice_mail: Any) -> None:
    from followup.store import models as db

    for key in agenda_keys(people.alice):
        assert post(charlie, f"/send/{key}", {"when": "now", "body": "x"}).status_code == 404
    assert not db.OutboxMessage.objects.filter(owner=people.charlie).exists()


def test_charlie_s_pages_show_none_of_alice_s_mail(charlie: Any, alice: Any,
                                                   alice_mail: Any) -> None:
    for url in ("/mail/", "/", "/settings/"):
        theirs = alice.get(url).content.decode()
        mine = charlie.get(url).content.decode()
        assert ("Alice's" in theirs or "Pat Alicecontact" in theirs or "127.0.0.1:2525" in theirs)
        for secret in ("Alice's", "Pat Alicecontact", "127.0.0.1:2525", SCHEDULED, UNCERTAIN):
            assert secret not in mine, (url, secret)


def test_charlie_s_mail_settings_are_his_own(charlie: Any, people: Any, alice_mail: Any) -> None:
    from followup.store import models as db

    alice_before = db.MailAccount.objects.filter(owner=people.alice).values().get()
    saved = post(charlie, "/settings/mail", {
        "smtp_url": "smtp://charlie%40example.org@127.0.0.1:2526",
        "imap_url": "imap://charlie%40example.org@127.0.0.1:1144", "password": "his"})
    assert saved.status_code == 303
    assert db.MailAccount.objects.filter(owner=people.alice).values().get() == alice_before
    assert db.MailAccount.objects.get(owner=people.charlie).smtp_url.endswith(":2526")
