"""Renaming an opportunity or a contact, everywhere the record names it.

A ref is part of every action key (`acme-pm/thank_you/r1/jane`), so the
decisions the user took (skips, snoozes) are carried over to the new keys:
renaming never brings back an action the user dismissed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from types import MappingProxyType

from followup.domain import model as m
from followup.domain.entry import not_found
from followup.services import mail_refs
from followup.services.errors import NotFound, ServiceError
from followup.services.unit import change
from followup.store import models as db
from followup.store.locking import writing

# Where a contact ref sits in an action key, by the key's kind (its second part).
CONTACT_SEGMENT = {"thank_you": 3, "handwritten_note": 3, "linkedin_invite": 2}


def check_ref(new: str) -> None:
    """A ref is one word: it is typed on the command line and joined into keys with '/'."""
    if not new or "/" in new or any(char.isspace() for char in new):
        raise ServiceError(f"--ref: {new!r} is not a ref (one word, no '/' or spaces)")


def rename_opportunity(owner: db.Owner, ref: str, new: str, *, now: datetime) -> m.Opportunity:
    check_ref(new)
    if new == ref:
        raise ServiceError(f"--ref: {ref!r} is already its ref")

    def renamed(o: m.Opportunity) -> m.Opportunity:
        prefix = f"{ref}/"
        decisions = tuple(
            replace(d, key=f"{new}/{d.key.removeprefix(prefix)}") if d.key.startswith(prefix)
            else d
            for d in o.decisions
        )
        return replace(o, ref=new, decisions=decisions)

    with writing(owner.pk):  # the record and its mail rows (#13) together
        changed = change(owner, ref, renamed, now=now)
        mail_refs.opportunity_renamed(owner, ref, new)
    return changed


def rename_contact(
    owner: db.Owner, ref: str, contact_ref: str, new: str, *, now: datetime
) -> m.Opportunity:
    check_ref(new)

    def renamed(o: m.Opportunity) -> m.Opportunity:
        if o.contact(contact_ref) is None:
            raise NotFound(not_found("contact", contact_ref, [c.ref for c in o.contacts]))
        if o.contact(new) is not None:
            raise ServiceError(f"--ref: {o.ref} already has a contact {new!r}")
        return rename_contact_in(o, contact_ref, new)

    with writing(owner.pk):  # the record and its mail rows (#13) together
        changed = change(owner, ref, renamed, now=now)
        mail_refs.contact_renamed(owner, ref, contact_ref, new)
    return changed


def rename_contact_in(o: m.Opportunity, old: str, new: str) -> m.Opportunity:
    def swap(value: str | None) -> str | None:
        return new if value == old else value

    contacts = tuple(replace(c, ref=new) if c.ref == old else c for c in o.contacts)
    interviews = tuple(
        replace(
            i,
            interviewers=tuple(new if r == old else r for r in i.interviewers),
            requests=tuple(replace(r, requester=swap(r.requester)) for r in i.requests),
            notes=replace(i.notes, moments=MappingProxyType(
                {(new if k == old else k): v for k, v in i.notes.moments.items()})),
        )
        for i in o.interviews
    )
    touches = tuple(replace(t, contact=swap(t.contact)) for t in o.touches)
    decisions = tuple(replace(d, key=_key_with(d.key, o.ref, old, new)) for d in o.decisions)
    return replace(o, contacts=contacts, interviews=interviews, touches=touches,
                   decisions=decisions)


def _key_with(key: str, opportunity: str, old: str, new: str) -> str:
    rest = key.removeprefix(f"{opportunity}/").split("/")
    at = CONTACT_SEGMENT.get(rest[0])
    if at is None or len(rest) < at or rest[at - 1] != old:
        return key
    rest[at - 1] = new
    return "/".join([opportunity, *rest])
