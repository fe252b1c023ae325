"""`--format eml`: RFC 5322 files that parse back to the same headers and body."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from email import message_from_bytes, message_from_string, policy
from email.utils import parsedate_to_datetime

import pytest

from catalogue.records import LATER, PROFILE, action, opportunity, settings_for
from followup.domain.messages import draft
from followup.domain.model import ActionKind, Channel, Contact, Role
from followup.services.drafting import render_draft
from followup.services.errors import ServiceError
from followup.transports.eml import Mail, UnsafeHeader, build, message_id, to_bytes

NOW = datetime(2026, 11, 20, 21, 30, tzinfo=timezone(timedelta(hours=-6)))

EMAIL_KINDS = [
    (ActionKind.THANK_YOU, {}),
    (ActionKind.THANK_YOU, {"contact": "mei"}),
    (ActionKind.SEND_INFO, {"request": "refs"}),
    (ActionKind.INFO_DELAY_NOTICE, {"request": "refs"}),
    (ActionKind.CHECK_IN, {}),
    (ActionKind.FOLLOW_UP, {"attempt": 1, "due": LATER}),
    (ActionKind.FOLLOW_UP, {"attempt": 2, "share": 0, "due": LATER}),
    (ActionKind.FOLLOW_UP, {"attempt": 2, "share": 0, "channel": Channel.PHONE, "due": LATER}),
    (ActionKind.FOLLOW_UP, {"attempt": 3, "due": LATER}),
    (ActionKind.CLOSE_OUT, {"due": LATER}),
    (ActionKind.COURTEOUS_REPLY, {"due": LATER}),
]


def eml_for(kind: ActionKind, changes: dict, opp=None, profile=PROFILE) -> tuple[str, object]:
    opp = opp or opportunity()
    changes = dict(changes)
    contact = changes.pop("contact", "jane")
    act = action(kind, contact, **changes)
    settings = settings_for(opp)
    text = render_draft(profile, opp, act, settings, fmt="eml", templates_dir=None, now=NOW)
    return text, draft(profile, opp, act, settings, now=NOW)


@pytest.mark.parametrize(("kind", "changes"), EMAIL_KINDS, ids=lambda v: str(v))
def test_every_email_draft_parses_back_to_the_same_headers_and_body(kind, changes) -> None:
    text, found = eml_for(kind, changes)
    parsed = message_from_bytes(text.encode("ascii"), policy=policy.default)
    assert parsed["From"] == "Sam Lee <sam@example.org>"
    assert parsed["To"].addresses[0].addr_spec == found.to_email
    assert parsed["To"].addresses[0].display_name == found.to_name
    assert parsed["Subject"] == found.subject
    assert parsedate_to_datetime(parsed["Date"]) == NOW
    assert parsed["Message-ID"].endswith("@example.org>")
    assert parsed.get_content_type() == "text/plain"
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content() == found.body + "\n"
    assert message_from_string(text, policy=policy.default).get_content() == found.body + "\n"
    assert parsed.defects == [] and parsed["MIME-Version"] == "1.0"


def test_names_and_subjects_outside_ascii_are_encoded_and_come_back_intact() -> None:
    profile = replace(PROFILE, name="Zoë Ångström, PhD")
    people = (Contact("jane", "José “Pepe” Núñez", email="jose@acme.example",
                      roles=(Role.HIRING_MANAGER, Role.INTERVIEWER)),
              *opportunity().contacts[1:])
    opp = opportunity(contacts=people, company="Société Générale", role="Ingénieur données")
    text, found = eml_for(ActionKind.THANK_YOU, {}, opp=opp, profile=profile)
    assert text.isascii()
    assert "=?utf-8?" in text
    parsed = message_from_string(text, policy=policy.default)
    assert parsed["From"].addresses[0].display_name == "Zoë Ångström, PhD"
    assert parsed["To"].addresses[0].display_name == "José “Pepe” Núñez"
    assert parsed["Subject"] == found.subject
    assert parsed.get_content() == found.body + "\n"


MAIL = Mail("Sam Lee", "sam@example.org", "Jane Roe", "jane@acme.example", "Thank you",
            "Hi Jane,\n\nThanks.\n", datetime(2026, 11, 20, 21, 0, tzinfo=UTC), "k/1")


@pytest.mark.parametrize("field", ["sender_name", "to_name", "subject", "to_email",
                                   "sender_email"])
@pytest.mark.parametrize("evil", ["Jane\nBcc: all@example.org", "Jane\r\nX-Evil: 1",
                                  "Jane\rBcc: x@y.z", "Jane\u2028Bcc: x@y.z", "Jane\x00"])
def test_line_breaks_and_control_characters_never_reach_a_header(field: str, evil: str) -> None:
    with pytest.raises(UnsafeHeader, match=r"line break|control character"):
        to_bytes(replace(MAIL, **{field: evil}))


def test_addresses_must_be_plain_addresses() -> None:
    for bad in ("not an address", "jane@acme.example, eve@evil.example", "zoë@example.org"):
        with pytest.raises(UnsafeHeader):
            to_bytes(replace(MAIL, to_email=bad))


def test_odd_characters_in_names_are_quoted_not_obeyed() -> None:
    tricky = replace(MAIL, to_name='Jane "<eve@evil.example>", Roe; Bcc')
    parsed = message_from_bytes(to_bytes(tricky), policy=policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jane@acme.example"]
    assert parsed["To"].addresses[0].display_name == tricky.to_name
    assert parsed["Bcc"] is None


def test_the_date_is_an_argument_and_the_message_id_is_stable() -> None:
    first, again = to_bytes(MAIL), to_bytes(MAIL)
    assert first == again
    later = replace(MAIL, date=MAIL.date + timedelta(days=1))
    assert message_id("k/1", MAIL.date, "sam@example.org") != message_id(
        "k/1", later.date, "sam@example.org")
    assert build(MAIL)["Date"] == "Fri, 20 Nov 2026 21:00:00 +0000"
    with pytest.raises(ValueError, match="aware"):
        to_bytes(replace(MAIL, date=datetime(2026, 11, 20, 21, 0)))


def test_a_sender_without_a_usable_domain_gets_an_invalid_one() -> None:
    assert message_id("k", MAIL.date, "nobody").endswith("@followup.invalid>")


def test_long_lines_survive_the_trip() -> None:
    body = "word " * 400 + "\n"
    parsed = message_from_bytes(to_bytes(replace(MAIL, body=body)), policy=policy.default)
    assert parsed.get_content() == body
    assert max(len(line) for line in to_bytes(replace(MAIL, body=body)).split(b"\n")) <= 78


@pytest.mark.parametrize(
    ("kind", "changes", "says"),
    [
        (ActionKind.LINKEDIN_INVITE, {"channel": Channel.LINKEDIN}, "a LinkedIn note"),
        (ActionKind.FOLLOW_UP, {"attempt": 1, "channel": Channel.PHONE, "due": LATER},
         "a phone call"),
        (ActionKind.HANDWRITTEN_NOTE, {"channel": Channel.MAIL}, "a note for the post"),
    ],
)
def test_what_is_not_an_email_is_refused_clearly(kind, changes, says) -> None:
    with pytest.raises(ServiceError, match=f"is not an email \\({says}\\)"):
        eml_for(kind, changes)


def test_no_email_address_for_the_contact_is_refused_clearly() -> None:
    people = (replace(opportunity().contacts[0], email=None), *opportunity().contacts[1:])
    with pytest.raises(ServiceError, match="Jane Roe has no email address"):
        eml_for(ActionKind.CHECK_IN, {}, opp=opportunity(contacts=people))
