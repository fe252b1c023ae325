"""The web app's mail pages, with Django's test client (CSRF enforced) and real
servers on loopback (aiosmtpd, dovecot): the Mail section of Settings (the
password write-only, Test), Send and Schedule on the draft page, the Mail
page (outbox, suggested contacts) and the questions on Today."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import unquote

import pytest

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from mailrecord import _mail_key  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401
from webfixtures import NOW, alice, anonymous, charlie, people, post, web_template, web_url  # noqa: F401

GUILT = "I have been waiting for weeks and I am disappointed nobody answered me."


def _key(owner: Any, kind: str, open_now: bool) -> str:
    from followup.services.agenda import agenda

    actions = agenda(owner, NOW, NOW + timedelta(days=7)).actions
    return next(a.key for a in actions if a.kind.value == kind and a.channel is not None
                and a.channel.value == "email" and (a.earliest <= NOW) == open_now)


INITECH_THANKS = "demo-initech-sre/thank_you/r1/maria"


def _initech_just_over(owner: Any) -> str:
    """The demo's Initech phone screen, moved to have ended an hour ago, with the
    placeholder-free key of its thank-you. The demo's own recent interview has
    ended only on a working day after 10:00 in Chicago; a test that sends must
    not hang on the hour the suite runs at."""
    from followup.domain.model import InterviewNotes
    from followup.services.edit import edit_interview

    end = NOW - timedelta(hours=1)
    notes = InterviewNotes(learned="the on-call rotation they are rebuilding",
                           moments={"maria": "the tour of the incident dashboards"},
                           skills="the paging overhaul I led last spring")
    edit_interview(owner, "demo-initech-sre", "r1", {
        "start": end - timedelta(minutes=30), "end": end, "notes": notes}, now=NOW)
    return INITECH_THANKS


@pytest.fixture
def mailbox(people: Any, smtp_server: Any, imap_server: Any) -> Any:
    from followup.services.mail_account import configure

    configure(people.alice, smtp_server.url(), imap_server.url(), PASSWORD)
    return smtp_server


def _rows(owner: Any) -> list[tuple[str, str]]:
    from followup.store import models as db

    return list(db.OutboxMessage.objects.filter(owner=owner).values_list("key", "state"))


# Settings -------------------------------------------------------------------

def test_settings_has_a_mail_section_that_never_shows_the_password(
        alice: Any, people: Any, smtp_server: Any, imap_server: Any) -> None:
    from followup.store import models as db

    page = alice.get("/settings/").content.decode()
    assert 'id="mail"' in page and 'name="password" type="password" value=""' in page
    saved = post(alice, "/settings/mail", {"smtp_url": smtp_server.url(),
                                           "imap_url": imap_server.url(), "password": PASSWORD})
    assert saved.status_code == 303 and saved["Location"] == "/settings/?mail=saved#mail"
    page = alice.get("/settings/?mail=saved").content.decode()
    assert "Mail settings saved" in page and smtp_server.url() in page
    assert PASSWORD not in page and "A password is stored" in page
    secret = db.MailAccount.objects.get(owner=people.alice).secret
    # Saving again without a password keeps the stored one.
    post(alice, "/settings/mail", {"smtp_url": smtp_server.url(), "imap_url": imap_server.url()})
    assert db.MailAccount.objects.get(owner=people.alice).secret == secret


def test_bad_settings_are_named_beside_their_field_in_the_command_line_s_words(
        alice: Any, people: Any) -> None:
    from followup.store import models as db

    response = post(alice, "/settings/mail", {"smtp_url": "http://smtp.example.org",
                                              "imap_url": "", "password": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="err-mail-smtp">--smtp: use smtps:// (TLS) or smtp:// (STARTTLS)' in page
    assert 'id="err-mail-imap">missing --imap</p>' in page
    no_password = post(alice, "/settings/mail", {
        "smtp_url": "smtps://sam%40example.org@smtp.example.org",
        "imap_url": "imaps://sam%40example.org@imap.example.org"})
    assert no_password.status_code == 400
    assert 'id="err-mail-password">no password' in no_password.content.decode()
    in_url = post(alice, "/settings/mail", {
        "smtp_url": "smtps://sam:hunter2@smtp.example.org",
        "imap_url": "imaps://sam%40example.org@imap.example.org", "password": "x"})
    assert in_url.status_code == 400 and "hunter2" not in in_url.content.decode()
    assert "not in the address" in in_url.content.decode()
    assert not db.MailAccount.objects.filter(owner=people.alice).exists()


def test_the_test_button_logs_in_to_both_as_mail_test_does(
        alice: Any, people: Any, mailbox: Any, imap_server: Any) -> None:
    page = post(alice, "/settings/mail/test").content.decode()
    assert f"<li>{mailbox.url()}: ok</li>" in page and f"<li>{imap_server.url()}: ok</li>" in page
    post(alice, "/settings/mail", {"smtp_url": mailbox.url(), "imap_url": imap_server.url(),
                                   "password": "wrong"})
    failed = post(alice, "/settings/mail/test").content.decode()
    assert failed.count("<strong>Failed</strong>") == 2


def test_the_test_button_without_mail_says_how_to_set_it_up(alice: Any) -> None:
    response = post(alice, "/settings/mail/test")
    assert response.status_code == 400
    assert "mail is not set up: run `followup mail configure` first" in response.content.decode()


# Send and Schedule -----------------------------------------------------------------

def test_the_draft_offers_send_once_mail_is_set_up(alice: Any, people: Any, smtp_server: Any,
                                                   imap_server: Any) -> None:
    from followup.services.mail_account import configure

    key = _key(people.alice, "courteous_reply", True)
    assert "set up your mailbox in" in alice.get(f"/draft/{key}").content.decode()
    configure(people.alice, smtp_server.url(), imap_server.url(), PASSWORD)
    page = alice.get(f"/draft/{key}").content.decode()
    assert f'formaction="/send/{key}" name="when" value="now"' in page
    assert 'value="due">Schedule</button>' in page


def test_send_sends_the_edited_words_and_logs_the_touch(alice: Any, people: Any,
                                                        mailbox: Any) -> None:
    from followup.services.exchange import export_document

    key = _initech_just_over(people.alice)
    draft = alice.get(f"/draft/{key}").context_data
    body = draft["body"] + "\nP.S. Edited on the page."
    response = post(alice, f"/send/{key}", {"when": "now", "subject": draft["subject"],
                                            "body": body})
    assert response.status_code == 303 and response["Location"].startswith("/mail/?message=")
    [message] = mailbox.handler.received
    assert b"P.S. Edited on the page." in message
    assert _rows(people.alice) == [(key, "sent")]
    message_id = unquote(response["Location"].split("=", 1)[1].split("#")[0])
    assert message_id in export_document(people.alice)  # the touch keeps its Message-ID
    assert "<strong>sent</strong>" in alice.get(response["Location"]).content.decode()


def test_a_thank_you_never_leaves_before_its_interview_is_over(alice: Any, people: Any,
                                                                mailbox: Any) -> None:
    from followup.services.errors import ServiceError
    from followup.services.outbox import send

    page = alice.get(f"/draft/{INITECH_THANKS}")  # the screen is tomorrow
    html = page.content.decode()
    assert 'id="not-before">The interview ends <time datetime="' in html
    assert 'value="now"' not in html and 'name="when" value="due" class="primary"' in html
    draft = page.context_data
    form = {"when": "now", "subject": draft["subject"], "body": draft["body"]}
    early = post(alice, f"/send/{INITECH_THANKS}", form)
    assert early.status_code == 400
    assert "follows interview r1, which ends" in early.content.decode()
    assert mailbox.handler.received == [] and _rows(people.alice) == []
    with pytest.raises(ServiceError, match=r"follows interview r1, which ends 20\d\d-.*--at due"):
        send(people.alice, INITECH_THANKS, now=NOW, body="Thanks, Maria.", force=False)
    scheduled = send(people.alice, INITECH_THANKS, now=NOW, body="Thanks, Maria.", at="due",
                     force=True)  # forced past the placeholders' check, not past the hour
    end = next(i.end for i in draft["opportunity"].interviews if i.ref == "r1")
    assert scheduled.state == "scheduled" and scheduled.send_at >= end
    _initech_just_over(people.alice)  # over now: Send is offered again
    html = alice.get(f"/draft/{INITECH_THANKS}").content.decode()
    assert 'id="not-before"' not in html


def test_send_is_refused_with_the_check_s_error_unless_forced(alice: Any, people: Any,
                                                               mailbox: Any) -> None:
    key = _initech_just_over(people.alice)
    subject = alice.get(f"/draft/{key}").context_data["subject"]
    refused = post(alice, f"/send/{key}", {"when": "now", "subject": subject, "body": GUILT})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "not sent: the checks found" in page and "(fix it, or use --force)" in page
    assert GUILT in page  # the user's words are kept
    assert mailbox.handler.received == [] and _rows(people.alice) == []
    forced = post(alice, f"/send/{key}", {"when": "now", "subject": subject, "body": GUILT,
                                          "force": "on"})
    assert forced.status_code == 303 and len(mailbox.handler.received) == 1


def test_schedule_leaves_it_for_its_moment_in_business_hours(alice: Any, people: Any,
                                                             mailbox: Any) -> None:
    from followup.domain.calendar import zone
    from followup.store import models as db

    key = _key(people.alice, "follow_up", False)
    draft = alice.get(f"/draft/{key}").context_data
    response = post(alice, f"/send/{key}", {"when": "due", "subject": draft["subject"],
                                            "body": draft["body"], "force": "on"})
    assert response.status_code == 303
    row = db.OutboxMessage.objects.get(owner=people.alice, key=key)
    assert row.state == "scheduled" and mailbox.handler.received == []
    local = row.send_at.astimezone(zone(draft["opportunity"].time_zone))
    assert local.weekday() < 5 and 9 <= local.hour < 17
    assert "Already in the outbox: <strong>scheduled</strong>" in alice.get(
        f"/draft/{key}").content.decode()
    cancelled = post(alice, "/mail/outbox/cancel", {"message_id": row.message_id})
    assert cancelled.status_code == 303
    row.refresh_from_db()
    assert row.state == "cancelled" and row.reason.startswith("cancelled by you")
    again = post(alice, "/mail/outbox/cancel", {"message_id": row.message_id})
    assert again.status_code == 400 and "not scheduled: nothing to cancel" in again.content.decode()


def test_a_bad_when_is_refused_and_nothing_is_recorded(alice: Any, people: Any,
                                                       mailbox: Any) -> None:
    key = _key(people.alice, "courteous_reply", True)
    response = post(alice, f"/send/{key}", {"when": "tomorrow", "body": "x"})
    assert response.status_code == 400 and _rows(people.alice) == []


# The Mail page and Today's questions ---------------------------------------------------

def _uncertain(owner: Any, message_id: str = "<u-1@example.org>") -> None:
    from followup.store import models as db

    db.OutboxMessage.objects.create(
        owner=owner, message_id=message_id, key="demo-acme-pm/send_info/refs",
        opportunity_ref="demo-acme-pm", contact_ref="jane", from_name="Sam Lee",
        from_email="sam@example.org", to_name="Jane", to_email="jane@acme.example",
        subject="The references", body="Here they are.", state="uncertain", send_at=NOW,
        claimed_at=NOW, reason="the connection broke after the message was handed over",
        created_at=NOW)


def test_today_asks_about_an_uncertain_message_and_the_answer_settles_it(
        alice: Any, people: Any) -> None:
    assert "Mail to decide" not in alice.get("/").content.decode()
    _uncertain(people.alice)
    page = alice.get("/").content.decode()
    assert "Mail to decide" in page and "May have been sent: “The references”" in page
    answered = post(alice, "/mail/outbox/resolve", {"message_id": "<u-1@example.org>",
                                                    "how": "drop"})
    assert answered.status_code == 303 and answered["Location"] == "/mail/?done=cancelled#outbox"
    assert "Mail to decide" not in alice.get("/").content.decode()
    bad = post(alice, "/mail/outbox/resolve", {"message_id": "<u-1@example.org>", "how": "x"})
    assert bad.status_code == 400


def test_today_asks_about_replies_bounces_and_new_people(alice: Any, people: Any) -> None:
    from followup.services.edit import edit_contact
    from followup.services.mail_sync import import_files
    from mailrecord import CORPUS

    edit_contact(people.alice, "demo-acme-pm", "omar", {"email": "omar@acme.example"}, now=NOW)
    sent = NOW - timedelta(hours=2)
    raw = (CORPUS / "reply_new_person.eml").read_bytes().replace(
        b"Wed, 9 Dec 2026 10:01:00 -0600", sent.strftime("%a, %d %b %Y %H:%M:%S +0000").encode())
    (path := CORPUS.parent / "_new_person_now.eml").write_bytes(raw)
    try:
        import_files(people.alice, [path, CORPUS / "bounce_dsn.eml"], now=NOW)
    finally:
        path.unlink()
    page = alice.get("/").content.decode()
    assert ("Bounced: <strong>Omar Haddad</strong> &lt;omar@acme.example&gt; (demo-acme-pm)"
            in page)
    assert '<a href="/forms/contact-edit/demo-acme-pm?contact=omar">' in page
    assert "New at demo-acme-pm: <strong>Pat Lee</strong>" in page
    assert "Reply from <strong>someone new</strong> (demo-acme-pm" in page
    assert '<a href="/forms/touch-edit/demo-acme-pm?touch=' in page


def test_the_mail_page_accepts_and_dismisses_suggested_contacts(alice: Any, people: Any) -> None:
    from followup.services.read import opportunity
    from followup.store import models as db

    for email in ("pat.lee@acme.example", "kim@acme.example"):
        db.SuggestedContact.objects.create(owner=people.alice, opportunity_ref="demo-acme-pm",
                                           email=email, name=email.split("@")[0].title(),
                                           message_id=f"<{email}>", seen_at=NOW)
    pat, kim = db.SuggestedContact.objects.order_by("id")
    page = alice.get("/mail/").content.decode()
    assert "Suggested contacts" in page and "pat.lee@acme.example" in page
    accepted = post(alice, f"/mail/suggested/{pat.pk}/accept", {"role": "recruiter"})
    assert accepted.status_code == 303 and accepted["Location"] == "/o/demo-acme-pm"
    contacts = opportunity(people.alice, "demo-acme-pm", NOW).opportunity.contacts
    made = next(c for c in contacts if c.email == "pat.lee@acme.example")
    assert [r.value for r in made.roles] == ["recruiter"]
    bad_role = post(alice, f"/mail/suggested/{kim.pk}/accept", {"role": "boss"})
    assert bad_role.status_code == 400 and "--role: &#x27;boss&#x27; is not one of" in (
        bad_role.content.decode())
    assert post(alice, f"/mail/suggested/{kim.pk}/dismiss").status_code == 303
    assert list(db.SuggestedContact.objects.order_by("id").values_list("state", flat=True)) == [
        "accepted", "dismissed"]
    assert post(alice, f"/mail/suggested/{kim.pk}/dismiss").status_code == 404  # not open


def test_every_mail_page_needs_sign_in_and_every_form_csrf(anonymous: Any, alice: Any,
                                                           people: Any) -> None:
    for url in ("/mail/",):
        assert anonymous.get(url).status_code == 302
    for url in ("/settings/mail", "/settings/mail/test", "/mail/outbox/cancel",
                "/mail/outbox/resolve", "/send/x", "/mail/suggested/1/dismiss"):
        assert anonymous.post(url).status_code in (302, 403)
        assert alice.post(url, {}).status_code == 403  # no CSRF token: refused


def test_a_second_send_of_the_same_action_is_refused_and_nothing_leaves_twice(
        alice: Any, people: Any, mailbox: Any) -> None:
    key = _initech_just_over(people.alice)
    draft = alice.get(f"/draft/{key}").context_data
    form = {"when": "now", "subject": draft["subject"], "body": draft["body"], "force": "on"}
    assert post(alice, f"/send/{key}", form).status_code == 303
    again = post(alice, f"/send/{key}", form)
    assert again.status_code in (400, 404)  # refused: in the outbox already, or done
    assert len(mailbox.handler.received) == 1 and _rows(people.alice) == [(key, "sent")]


def test_the_double_click_guard_is_the_service_s(people: Any, mailbox: Any) -> None:
    from followup.services.errors import ServiceError
    from followup.services.outbox import send

    key = _key(people.alice, "follow_up", False)
    send(people.alice, key, now=NOW, at="due", force=True)
    with pytest.raises(ServiceError, match="already has a message in the outbox, scheduled"):
        send(people.alice, key, now=NOW, at="due", force=True)


def test_htmx_re_posting_the_form_as_the_user_types_never_sends(
        alice: Any, people: Any, mailbox: Any) -> None:
    key = _initech_just_over(people.alice)
    response = post(alice, f"/send/{key}", {"when": "now", "body": "Thanks", "force": "on"},
                    HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert mailbox.handler.received == [] and _rows(people.alice) == []


def test_the_morning_digest_is_set_on_settings(alice: Any, people: Any, mailbox: Any) -> None:
    from followup.store import models as db

    page = alice.get("/settings/").content.decode()
    assert 'name="digest" checked' in page and '<option value="7" selected>07:00' in page
    assert post(alice, "/settings/mail/digest", {"digest_hour": "9"}).status_code == 303
    row = db.MailAccount.objects.get(owner=people.alice)
    assert (row.digest, row.digest_hour) == (False, 9)
    bad = post(alice, "/settings/mail/digest", {"digest": "on", "digest_hour": "25"})
    assert bad.status_code == 400 and "--hour: 25 is not an hour from 0 to 23" in (
        bad.content.decode())
    row.refresh_from_db()
    assert (row.digest, row.digest_hour) == (False, 9)
