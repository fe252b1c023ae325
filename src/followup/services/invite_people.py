"""The people of an invitation as contacts of an opportunity.

Each person is matched to a contact by email (or, for a contact kept
without an email, by name, and the email filled in); the others become new
contacts with refs made from their names (`jane`, then `jane-roe`, then
`jane-roe-2`). Attendees are interviewers. The organizer is an interviewer
when already known as a hiring manager or interviewer, or when nobody else
but the user attends; otherwise (often a coordinator sending invitations
for the panel) a contact with the coordinator role, outside the panel, so
no thank-you of their own is planned (R2).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from followup.domain import model as m
from followup.transports.invitation import Invitation, Person

INTERVIEWING_ROLES = frozenset({m.Role.HIRING_MANAGER, m.Role.INTERVIEWER})


@dataclass
class Cast:
    """The opportunity's contacts while the invitation's people are placed."""

    contacts: list[m.Contact]
    added: list[str] = field(default_factory=list)

    def place(self, person: Person, role: m.Role) -> m.Contact:
        """The contact for `person`: matched (and completed), or added with `role`."""
        for index, contact in enumerate(self.contacts):
            if _matches(contact, person):
                completed = _completed(contact, person, role)
                self.contacts[index] = completed
                return completed
        contact = m.Contact(
            ref=self._new_ref(person), name=person.name or name_from_email(person.email),
            email=person.email, org=self._org_of(person), roles=(role,),
        )
        self.contacts.append(contact)
        self.added.append(contact.ref)
        return contact

    def known(self, person: Person) -> m.Contact | None:
        return next((c for c in self.contacts if _matches(c, person)), None)

    def _new_ref(self, person: Person) -> str:
        return free_contact_ref(self.contacts, person.name, person.email)

    def _org_of(self, person: Person) -> m.Org:
        domain = domain_of(person.email)
        for contact in self.contacts:
            if domain and domain_of(contact.email) == domain:
                return contact.org
        return m.Org.EMPLOYER


def _matches(contact: m.Contact, person: Person) -> bool:
    if person.email and contact.email:
        return contact.email.casefold() == person.email.casefold()
    return bool(person.name) and contact.name.casefold() == (person.name or "").casefold()


def _completed(contact: m.Contact, person: Person, role: m.Role) -> m.Contact:
    """A known contact keeps its roles; one without any takes `role`; a
    missing email is filled in from the invitation."""
    return replace(
        contact,
        email=contact.email or person.email,
        roles=contact.roles or (role,),
    )


@dataclass(frozen=True, slots=True)
class Panel:
    contacts: tuple[m.Contact, ...]  # the opportunity's, with the new ones
    interviewers: tuple[str, ...]  # refs
    coordinator: str | None  # the organizer, when not on the panel
    added: tuple[str, ...]


def cast(opportunity: m.Opportunity, invitation: Invitation) -> Panel:
    people = Cast(list(opportunity.contacts))
    organizer = invitation.organizer
    organizer_interviews = organizer is not None and (
        not invitation.attendees or _interviews(people.known(organizer))
    )
    panel = [people.place(p, m.Role.INTERVIEWER).ref for p in invitation.attendees]
    coordinator = None
    if organizer is not None:
        role = m.Role.INTERVIEWER if organizer_interviews else m.Role.COORDINATOR
        placed = people.place(organizer, role)
        if organizer_interviews:
            panel.insert(0, placed.ref)
        else:
            coordinator = placed.ref
    return Panel(tuple(people.contacts), tuple(dict.fromkeys(panel)), coordinator,
                 tuple(people.added))


def _interviews(contact: m.Contact | None) -> bool:
    return contact is not None and bool(INTERVIEWING_ROLES & set(contact.roles))


# --- names and domains -----------------------------------------------------------

FREE_MAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
    "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com",
    "yandex.com", "fastmail.com", "hey.com",
})


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower()))


def domain_of(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].casefold()


def company_domain(address: str | None) -> str | None:
    """The domain of a work address; None for a free-mail one."""
    domain = domain_of(address)
    return None if domain is None or domain in FREE_MAIL else domain


def name_from_email(address: str | None) -> str:
    local = (address or "").split("@")[0]
    words = [w for w in re.split(r"[._+-]+", local) if w and not w.isdigit()]
    return " ".join(w.capitalize() for w in words) or (address or "Unknown")


def company_from_domain(domain: str) -> str:
    """`acme.example` -> Acme; `talent.acme.co.uk` -> Acme."""
    labels = domain.split(".")
    second_level = {"co", "com", "ac", "org", "net", "gov", "edu"}
    if len(labels) >= 3 and labels[-2] in second_level and len(labels[-1]) == 2:
        label = labels[-3]
    else:
        label = labels[-2] if len(labels) >= 2 else labels[0]
    return " ".join(part.capitalize() for part in label.split("-"))


def free_contact_ref(contacts: Iterable[m.Contact], name: str | None, email: str | None) -> str:
    """A new contact's ref: 'pat', else 'pat-lee', else 'pat-lee-2' ...: the first one free."""
    taken = {contact.ref for contact in contacts}
    words = slug(name or name_from_email(email)).split("-")
    bases = [words[0], "-".join(words)] if words[0] else ["contact"]
    for base in bases:
        if base not in taken:
            return base
    return next(f"{bases[-1]}-{n}" for n in range(2, len(taken) + 3)
                if f"{bases[-1]}-{n}" not in taken)
