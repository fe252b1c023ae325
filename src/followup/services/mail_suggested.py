"""Suggested contacts: someone new at an employer wrote; the user says who they are.

The sync logs a reply from a new person at the employer's domain without a
contact (it cannot know their role) and remembers them here, once per
address and opportunity. Accepting makes them a contact (their first
message's touch becomes theirs, so the plan knows who answered); dismissing
keeps the row, so later messages from them are not suggested again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from followup.domain import model as m
from followup.services.errors import NotFound, ServiceError
from followup.store import models as db

STATES = ("open", "accepted", "dismissed")


def remember(owner: db.Owner, opportunity: str, name: str | None, email: str,
             message_id: str, at: datetime) -> None:
    """Keep the suggestion (a second message from the same person changes nothing)."""
    if db.SuggestedContact.objects.filter(owner=owner, opportunity_ref=opportunity,
                                          email=email).exists():
        return
    try:
        with transaction.atomic():
            db.SuggestedContact.objects.create(
                owner=owner, opportunity_ref=opportunity, email=email,
                name=plain_name(name, email), message_id=message_id, seen_at=at)
    except IntegrityError:  # another sync kept it first
        pass


def plain_name(name: str | None, email: str) -> str:
    """'Pat Lee (Acme Recruiting)' -> 'Pat Lee'; no name: one made from the address."""
    from followup.services.invite_people import name_from_email

    bare = re.sub(r"\s*\([^)]*\)\s*", " ", name or "").strip(" \"'")
    return " ".join(bare.split()) or name_from_email(email)


def listing(owner: db.Owner, states: Sequence[str] = ("open",)) -> list[dict[str, Any]]:
    rows = db.SuggestedContact.objects.filter(owner=owner, state__in=list(states))
    return [as_dict(row) for row in rows.order_by("seen_at", "id")]


def as_dict(row: db.SuggestedContact) -> dict[str, Any]:
    return {"id": row.pk, "opportunity": row.opportunity_ref, "name": row.name,
            "email": row.email, "seen_at": row.seen_at.isoformat(), "state": row.state,
            "contact": row.contact_ref}


def find(owner: db.Owner, email: str, opportunity: str | None = None) -> db.SuggestedContact:
    rows = list(db.SuggestedContact.objects.filter(owner=owner, email=email.strip().lower(),
                                                   state="open"))
    if opportunity is not None:
        rows = [r for r in rows if r.opportunity_ref == opportunity]
    if not rows:
        raise NotFound(f"no open suggestion for {email}"
                       f"{f' at {opportunity}' if opportunity else ''} "
                       "(see `followup suggested`)")
    if len(rows) > 1:
        refs = ", ".join(sorted(r.opportunity_ref for r in rows))
        raise ServiceError(f"{email} is suggested for {refs}: name one with --opportunity REF")
    return rows[0]


def by_id(owner: db.Owner, pk: int) -> db.SuggestedContact:
    row = db.SuggestedContact.objects.filter(owner=owner, pk=pk, state="open").first()
    if row is None:
        raise NotFound(f"no open suggestion number {pk}")
    return row


def accept(owner: db.Owner, row: db.SuggestedContact, *, now: datetime,
           name: str | None = None, ref: str | None = None,
           roles: Sequence[m.Role] = ()) -> str:
    """Make the suggestion a contact of its opportunity; the new contact's ref."""
    from followup.services.unit import change
    from followup.store.locking import writing

    chosen: list[str] = []

    def edit(o: m.Opportunity) -> m.Opportunity:
        known = next((c for c in o.contacts if (c.email or "").lower() == row.email), None)
        if known is not None:
            chosen.append(known.ref)
            return o
        made = m.Contact(ref=ref or new_ref(o, name or row.name, row.email),
                         name=name or row.name, email=row.email, org=m.Org.EMPLOYER,
                         roles=tuple(roles))
        if any(c.ref == made.ref for c in o.contacts):
            raise ServiceError(f"{o.ref} already has a contact {made.ref!r}: choose another ref")
        chosen.append(made.ref)
        touches = tuple(replace(t, contact=made.ref)
                        if t.contact is None and t.message_id == row.message_id else t
                        for t in o.touches)
        return replace(o, contacts=(*o.contacts, made), touches=touches)

    with writing(owner.pk):
        change(owner, row.opportunity_ref, edit, now=now)
        db.SuggestedContact.objects.filter(pk=row.pk).update(
            state="accepted", contact_ref=chosen[0], decided_at=now)
    return chosen[0]


def dismiss(owner: db.Owner, row: db.SuggestedContact, *, now: datetime) -> None:
    db.SuggestedContact.objects.filter(pk=row.pk, state="open").update(
        state="dismissed", decided_at=now)


def new_ref(opportunity: m.Opportunity, name: str, email: str) -> str:
    """'pat', else 'pat-lee', else 'pat-lee-2' ...: the first one free."""
    from followup.services.invite_people import free_contact_ref

    return free_contact_ref(opportunity.contacts, name, email)
