"""The test corpus: messages in the shapes real mail programs produce, classified.

Each file under tests/mail_corpus/ was written for these tests: replies from
Gmail, Outlook, Apple Mail and a phone with quoted history in their own
styles, out-of-office answers (Exchange, Gmail, Zimbra, German, French),
bounces (RFC 3464 and plain text), a delay report, a newsletter from the
employer's domain, an invitation, broken MIME and bytes that are no mail.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401
from mailrecord import CORPUS, _mail_key, load, record  # noqa: F401

NOW = datetime(2026, 12, 10, 18, 0, tzinfo=UTC)
# file -> (class, contact, return_on, words the summary keeps, words it must not keep)
EXPECTED: dict[str, tuple[str, str | None, str | None, str, str]] = {
    "reply_gmail.eml": ("reply", "jane", None, "decide by Friday, December 18", "wanted to"),
    "reply_outlook.eml": ("reply", "omar", None, "second round", "wanted to"),
    "reply_apple.eml": ("reply", "jane", None, "case study", "wanted to"),
    "reply_iphone.eml": ("reply", "jane", None, "got your references", "wanted to"),
    # A signature with no sign-off line ("Best,") is kept: the parser cannot tell it apart.
    "reply_new_person.eml": ("reply", None, None, "availability", "wrote:"),
    "suppress_only_reply.eml": ("reply", "jane", None, "Got them", "three references"),
    "broken_mime.eml": ("reply", "omar", None, "", ""),
    "ooo_exchange.eml": ("auto_reply", "jane", "2026-12-14", "", ""),
    "ooo_gmail.eml": ("auto_reply", "omar", "2026-12-10", "", ""),
    "ooo_zimbra.eml": ("auto_reply", "jane", "2026-12-16", "", ""),
    "ooo_german.eml": ("auto_reply", "jane", "2026-12-14", "", ""),
    "ooo_french.eml": ("auto_reply", "jane", "2026-12-16", "", ""),
    "bounce_dsn.eml": ("bounce", "omar", None, "", ""),
    "bounce_plain.eml": ("bounce", "jane", None, "", ""),
    "delay_dsn.eml": ("unrelated", None, None, "", ""),
    "newsletter.eml": ("unrelated", None, None, "", ""),
    "invite.eml": ("invite", "jane", None, "", ""),
    "sent_by_user.eml": ("sent_by_user", "omar", None, "", ""),
    "unrelated.eml": ("unrelated", None, None, "", ""),
    "unreadable.eml": ("unreadable", None, None, "", ""),
}
ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _import(owner, paths: list[Path]):
    from followup.services.mail_sync import import_files

    return import_files(owner, paths, now=NOW)


def test_the_corpus_has_a_verdict_for_every_file() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@ON_BOTH
def test_every_corpus_message_is_classified_as_expected(owner) -> None:
    load(owner, record(followed_up=True, thanked_omar=False))
    entries = _import(owner, sorted(CORPUS.iterdir()))
    got = {Path(e["source"]).name: e for e in entries}
    wrong = {}
    for name, (klass, contact, back, _, _) in EXPECTED.items():
        entry = got[name]
        seen = (entry["class"], entry["contact"], entry["return_on"])
        if seen != (klass, contact, back):
            wrong[name] = seen
    assert wrong == {}
    assert got["unreadable.eml"]["error"]
    # A date a reply names is suggested for the user to confirm (on Today, later).
    assert got["reply_gmail.eml"]["suggested_date"] == "2026-12-18"
    assert got["reply_new_person.eml"]["suggested_date"] == "2026-12-15"
    assert got["reply_outlook.eml"]["suggested_date"] is None
    assert got["reply_new_person.eml"]["suggested_contact"] == {
        "name": "Pat Lee (Acme Recruiting)", "email": "pat.lee@acme.example"}
    logged = {n for n, e in got.items() if e["logged"]}
    assert logged == {n for n, v in EXPECTED.items()
                      if v[0] in ("reply", "auto_reply", "bounce", "sent_by_user", "invite")}
    # The invitation became the second round's interview, through the calendar import.
    assert got["invite.eml"]["invite"]["result"] == "created"
    assert got["invite.eml"]["invite"]["start"] == "2026-12-15T10:00:00-06:00"


@ON_BOTH
def test_reply_summaries_keep_the_new_words_only(owner) -> None:
    from followup.services.exchange import export_record

    load(owner, record(followed_up=True))
    replies = [n for n, v in EXPECTED.items() if v[0] == "reply" and v[3]]
    _import(owner, [CORPUS / n for n in replies])
    touches = export_record(owner).opportunities[0].touches
    summaries = {t.message_id: t.summary or "" for t in touches if t.kind.value == "response"}
    assert len(summaries) == len(replies)
    for name in replies:
        keep, drop = EXPECTED[name][3], EXPECTED[name][4]
        assert any(keep in s and drop not in s for s in summaries.values()), (name, summaries)
    assert not any("Sent from my iPhone" in s or "\n" in s for s in summaries.values())


@ON_BOTH
def test_importing_twice_logs_nothing_twice(owner) -> None:
    from followup.services.exchange import export_document

    load(owner, record(followed_up=True))
    _import(owner, sorted(CORPUS.iterdir()))
    before = export_document(owner)
    again = _import(owner, sorted(CORPUS.iterdir()))
    assert not any(e["logged"] for e in again)
    assert export_document(owner) == before


def test_what_the_corpus_teaches_reaches_the_record_and_the_plan(owner) -> None:
    from followup.services.exchange import export_record

    load(owner, record(followed_up=True, thanked_omar=False))
    _import(owner, [CORPUS / "bounce_dsn.eml", CORPUS / "ooo_exchange.eml",
                    CORPUS / "sent_by_user.eml"])
    opportunity = export_record(owner).opportunities[0]
    omar = opportunity.contact("omar")
    assert omar is not None and omar.email_bounced_at is not None
    kinds = [(t.kind.value, t.direction.value, t.contact) for t in opportunity.touches]
    assert ("auto_reply", "in", "jane") in kinds
    assert ("thank_you", "out", "omar") in kinds  # a thank-you sent from the mail program
    away = next(t for t in opportunity.touches if t.kind.value == "auto_reply")
    assert away.return_on == date(2026, 12, 14)


def test_mbox_and_maildir_give_the_same_verdicts(owner, tmp_path: Path) -> None:
    import mailbox

    load(owner, record(followed_up=True))
    names = ["reply_gmail.eml", "ooo_german.eml", "bounce_dsn.eml", "newsletter.eml"]
    box = mailbox.mbox(tmp_path / "takeout.mbox")
    folder = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for name in names:
        raw = (CORPUS / name).read_bytes()
        box.add(raw)
        folder.add(raw)
    box.flush()
    from_mbox = [e["class"] for e in _import(owner, [tmp_path / "takeout.mbox"])]
    assert from_mbox == [EXPECTED[n][0] for n in names]
    from_maildir = sorted(e["class"] for e in _import(owner, [tmp_path / "Maildir"]))
    assert from_maildir == sorted(EXPECTED[n][0] for n in names)


def test_a_path_that_is_no_mail_is_refused_before_anything_is_read(owner, tmp_path: Path) -> None:
    from followup.services.errors import ServiceError

    (tmp_path / "folder").mkdir()
    with pytest.raises(ServiceError, match="not a Maildir"):
        _import(owner, [CORPUS / "reply_gmail.eml", tmp_path / "folder"])
