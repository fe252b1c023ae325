"""Which opportunity a message belongs to, and what it is to it.

`Directory` is the record seen from the mailbox: every contact's address,
every Message-ID we know (touches and the outbox), each employer's domain.
`classify` gives a `Verdict`: reply, auto_reply, bounce, sent_by_user,
invite, or unrelated. Matching goes by thread first (In-Reply-To and
References naming one of our messages), by address second, and by the
employer's domain last (a new person there, personally addressed, not a
newsletter).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import model as m
from followup.transports.mail_read import Mail

# Providers where an address says nothing about an employer.
FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
    "web.de", "fastmail.com", "yandex.ru", "mail.com", "orange.fr", "free.fr",
})


@dataclass(frozen=True, slots=True)
class Verdict:
    klass: str
    opportunity: str | None = None
    contact: str | None = None
    failed: tuple[tuple[str, str], ...] = ()  # bounce: (opportunity, contact) pairs
    recipients: tuple[tuple[str, str], ...] = ()  # sent_by_user: the contacts written to
    ours: bool = False  # a message followup itself sent


@dataclass(slots=True)
class Directory:
    own: set[str]  # the user's own addresses
    by_address: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    by_message_id: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    by_domain: dict[str, list[str]] = field(default_factory=dict)
    outbox: set[str] = field(default_factory=set)
    open_refs: set[str] = field(default_factory=set)  # opportunities still in play

    @classmethod
    def of(cls, profile: m.Profile, opportunities: list[m.Opportunity], own: set[str],
           outbox: dict[str, tuple[str, str | None]]) -> Directory:
        found = cls({a.lower() for a in own if a})
        for opportunity in opportunities:
            found.add(opportunity)
        for message_id, place in outbox.items():
            found.by_message_id.setdefault(message_id, place)
            found.outbox.add(message_id)
        return found

    def add(self, opportunity: m.Opportunity) -> None:
        ref = opportunity.ref
        if opportunity.stage not in m.CLOSED_STAGES:
            self.open_refs.add(ref)
        for contact in opportunity.contacts:
            if contact.email:
                address = contact.email.lower()
                self.by_address.setdefault(address, []).append((ref, contact.ref))
                domain = address.rpartition("@")[2]
                if domain not in FREE_MAIL and ref not in self.by_domain.get(domain, []):
                    self.by_domain.setdefault(domain, []).append(ref)
        for touch in opportunity.touches:
            if touch.message_id:
                self.by_message_id[touch.message_id] = (ref, touch.contact)

    def known(self, address: str) -> tuple[str, str] | None:
        """The (opportunity, contact) an address belongs to, open opportunities first."""
        places = self.by_address.get(address)
        if not places:
            return None
        return next((p for p in places if p[0] in self.open_refs), places[-1])

    def may_matter(self, mail: Mail) -> bool:
        """From the headers alone: worth fetching the whole message?"""
        if mail.bounce or any(i in self.by_message_id for i in mail.thread):
            return True
        people = [mail.sender, *mail.recipients]
        if any(a in self.by_address for a in people):
            return True
        return mail.sender.rpartition("@")[2] in self.by_domain or (
            mail.message_id in self.outbox)


def classify(mail: Mail, directory: Directory) -> Verdict:
    if mail.bounce:
        return _bounce(mail, directory)
    if mail.sender in directory.own:
        return _outbound(mail, directory)
    place = _thread_place(mail, directory)
    sender = directory.known(mail.sender)
    if sender is not None and (place is None or place[0] == sender[0]):
        place = sender
    elif place is not None:
        place = (place[0], None)  # someone new answering in our thread
    elif not mail.bulk and set(mail.recipients) & directory.own:
        refs = directory.by_domain.get(mail.sender.rpartition("@")[2], [])
        opened = [r for r in refs if r in directory.open_refs]
        if opened:
            place = (opened[0], None)
    if place is None:
        return Verdict("unrelated")
    if mail.auto_reply:
        return Verdict("auto_reply", place[0], place[1])
    if mail.bulk and sender is None:
        return Verdict("unrelated")
    return Verdict("invite" if mail.invite else "reply", place[0], place[1])


def _thread_place(mail: Mail, directory: Directory) -> tuple[str, str | None] | None:
    for message_id in mail.thread:
        if message_id in directory.by_message_id:
            return directory.by_message_id[message_id]
    return None


def _outbound(mail: Mail, directory: Directory) -> Verdict:
    ours = mail.message_id in directory.outbox
    written = [p for a in mail.recipients if (p := directory.known(a)) is not None]
    if not written:
        return Verdict("unrelated", ours=ours)
    first = written[0]
    same = tuple(p for p in written if p[0] == first[0])
    return Verdict("sent_by_user", first[0], first[1], recipients=same, ours=ours)


def _bounce(mail: Mail, directory: Directory) -> Verdict:
    failed = tuple(p for a in mail.failed for p in directory.by_address.get(a, []))
    if not failed:
        return Verdict("unrelated")
    return Verdict("bounce", failed[0][0], failed[0][1], failed=failed)


def us_dates(address: str) -> bool:
    """Read 12/11 as December 11 unless the sender's domain is a country's (not .us)."""
    top = address.rpartition(".")[2].lower()
    return len(top) != 2 or top == "us"
