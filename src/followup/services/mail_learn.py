"""What one classified message changes in the record, exactly once.

Each message is its own small transaction: it is looked up by Message-ID
first (a message already learned from changes nothing), then the change is
written and the Message-ID kept. A message that cannot be taken in is
reported in its entry; the run goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from followup.domain import model as m
from followup.domain.planner import plan_opportunity
from followup.services.errors import ServiceError
from followup.services.mail_classify import Directory, Verdict, classify, us_dates
from followup.services.unit import change
from followup.store import index, mapping
from followup.store import models as db
from followup.store.locking import writing
from followup.transports.mail_away import named_day, return_day
from followup.transports.mail_read import Mail, plain_text

SUMMARY_MAX = 300
LOGGED_CLASSES = frozenset({"reply", "auto_reply", "bounce", "sent_by_user"})


def learn(owner: db.Owner, mail: Mail, folder: str, directory: Directory, now: datetime
          ) -> dict[str, Any]:
    """The report entry for `mail`, after logging what it means."""
    message_id = mail.message_id or synthetic_id(mail)
    entry: dict[str, Any] = {
        "message_id": message_id, "folder": folder, "from": mail.sender or None,
        "opportunity": None, "contact": None, "class": "unrelated", "logged": False,
        "return_on": None,
    }
    if mail.problem is not None:
        entry.update({"class": "unreadable", "error": mail.problem})
        return entry
    verdict = classify(mail, directory)
    entry.update({"opportunity": verdict.opportunity, "contact": verdict.contact,
                  "class": verdict.klass})
    if verdict.klass == "reply":
        entry["suggested_date"] = _named_day(mail)
        if verdict.contact is None:
            entry["suggested_contact"] = {"name": mail.sender_name or None,
                                          "email": mail.sender}
            if verdict.opportunity is not None and mail.sender:
                from followup.services.mail_suggested import remember

                remember(owner, verdict.opportunity, mail.sender_name, mail.sender, message_id,
                         mail.date or now)
    back = _return_on(mail) if verdict.klass == "auto_reply" else None
    entry["return_on"] = None if back is None else back.isoformat()
    if verdict.klass in LOGGED_CLASSES:
        try:
            entry["logged"] = _once(owner, message_id, verdict, mail, back, now)
        except ServiceError as error:
            entry["error"] = str(error)
        if entry["logged"]:
            _refresh(owner, directory, verdict)
    elif verdict.klass == "invite":
        from followup.services.mail_invite import take_invite

        entry.update(take_invite(owner, message_id, verdict.opportunity, mail, directory.own,
                                 now))
        if entry["logged"]:
            _refresh(owner, directory, verdict)
    return entry


def synthetic_id(mail: Mail) -> str:
    """A stable stand-in for a message that carries no Message-ID."""
    seed = f"{mail.sender}\x1f{mail.date}\x1f{mail.subject}".encode()
    return f"<{hashlib.sha256(seed).hexdigest()[:32]}@followup.invalid>"


def _once(owner: db.Owner, message_id: str, verdict: Verdict, mail: Mail, back: date | None,
          now: datetime) -> bool:
    with writing(owner.pk):
        seen = db.MailSeen.objects.filter(owner=owner, message_id=message_id).exists()
        if seen or db.Touch.objects.filter(owner=owner, message_id=message_id).exists():
            return False
        changed = _change(owner, message_id, verdict, mail, back, now)
        db.MailSeen.objects.create(owner=owner, message_id=message_id, klass=verdict.klass,
                                   opportunity_ref=verdict.opportunity, at=now)
    return changed


def _change(owner: db.Owner, message_id: str, verdict: Verdict, mail: Mail, back: date | None,
            now: datetime) -> bool:
    at = mail.date or now
    if verdict.klass == "bounce":
        return _mark_bounced(owner, verdict, at, now)
    assert verdict.opportunity is not None
    if verdict.klass == "sent_by_user":
        for ref, contact in verdict.recipients:
            touch = m.Touch(at=at, kind=_sent_kind(owner, ref, contact, at),
                            direction=m.Direction.OUT, contact=contact, channel=m.Channel.EMAIL,
                            summary=_line(mail.subject) or None, message_id=message_id)
            change(owner, ref, _adding(touch), now=now)
        return True
    inbound = verdict.klass == "reply"
    touch = m.Touch(
        at=at, kind=m.TouchKind.RESPONSE if inbound else m.TouchKind.AUTO_REPLY,
        direction=m.Direction.IN, contact=verdict.contact, channel=m.Channel.EMAIL,
        summary=summary(mail) if inbound else (_line(mail.subject) or None),
        message_id=message_id, return_on=back,
    )
    change(owner, verdict.opportunity, _adding(touch), now=now)
    return True


def _adding(touch: m.Touch) -> Callable[[m.Opportunity], m.Opportunity]:
    def edit(opportunity: m.Opportunity) -> m.Opportunity:
        return replace(opportunity, touches=(*opportunity.touches, touch))

    return edit


def _sent_kind(owner: db.Owner, ref: str, contact: str, at: datetime) -> m.TouchKind:
    """A thank-you when one to this contact was open when it left, else an email."""
    profile = mapping.load_profile(owner)
    found = mapping.load_opportunities(db.Opportunity.objects.filter(owner=owner, ref=ref))
    if not found:
        return m.TouchKind.EMAIL
    actions = plan_opportunity(profile, _as_it_was(found[0], at), index.settings_of(profile), at)
    if any(a.kind is m.ActionKind.THANK_YOU and a.contact == contact and a.earliest <= at
           for a in actions):
        return m.TouchKind.THANK_YOU
    return m.TouchKind.EMAIL


def _as_it_was(opportunity: m.Opportunity, at: datetime) -> m.Opportunity:
    """Addresses that bounced only after `at` still worked when the message left."""
    contacts = tuple(replace(c, email_bounced_at=None)
                     if c.email_bounced_at is not None and c.email_bounced_at > at else c
                     for c in opportunity.contacts)
    return replace(opportunity, contacts=contacts)


def _mark_bounced(owner: db.Owner, verdict: Verdict, at: datetime, now: datetime) -> bool:
    marked = False
    for ref in dict.fromkeys(ref for ref, _ in verdict.failed):
        refs = {contact for r, contact in verdict.failed if r == ref}
        before = mapping.load_opportunities(db.Opportunity.objects.filter(owner=owner, ref=ref))
        if not before or all(c.email_bounced_at for c in before[0].contacts if c.ref in refs):
            continue

        def mark(o: m.Opportunity, refs: set[str] = refs) -> m.Opportunity:
            contacts = tuple(replace(c, email_bounced_at=at)
                             if c.ref in refs and c.email_bounced_at is None else c
                             for c in o.contacts)
            return replace(o, contacts=contacts)

        change(owner, ref, mark, now=now)
        marked = True
    return marked


def _refresh(owner: db.Owner, directory: Directory, verdict: Verdict) -> None:
    refs = {verdict.opportunity, *(ref for ref, _ in verdict.failed)} - {None}
    for opportunity in mapping.load_opportunities(
            db.Opportunity.objects.filter(owner=owner, ref__in=refs)):
        directory.add(opportunity)


def summary(mail: Mail) -> str | None:
    """The new words of a reply: no quoted history, no signature, one line."""
    if mail.message is None:
        return _line(mail.subject) or None
    text = plain_text(mail.message)
    try:
        from mailparser_reply import EmailReplyParser

        replies = EmailReplyParser(languages=["en", "de", "fr", "es", "nl"]).read(text).replies
        new = replies[0].body if replies else text
    except Exception:  # the parser is a help, not a gate: fall back on the whole text
        new = text
    lines = [line for line in new.splitlines() if not line.lstrip().startswith(">")]
    return _line(" ".join(lines)) or _line(mail.subject) or None


def _line(text: str) -> str:
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= SUMMARY_MAX else flat[: SUMMARY_MAX - 1].rstrip() + "…"


def _named_day(mail: Mail) -> str | None:
    words = summary(mail)
    if mail.date is None or not words:
        return None
    day = named_day(words, mail.date.date(), us_dates=us_dates(mail.sender))
    return None if day is None else day.isoformat()


def _return_on(mail: Mail) -> date | None:
    if mail.date is None:
        return None
    text = f"{mail.subject}\n{plain_text(mail.message) if mail.message is not None else ''}"
    return return_day(text, mail.date.date(), us_dates=us_dates(mail.sender))
