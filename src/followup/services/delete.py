"""Deleting parts of the record; what was planned from them moves accordingly.

A deleted contact is taken off the interviews it was on and out of the
touches and requests that named it (they stay, with no one named), so the
record stays whole. A decision about an action that no longer exists is
dropped with it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from types import MappingProxyType

from followup.domain import model as m
from followup.domain.entry import not_found
from followup.services.errors import NotFound
from followup.services.unit import change, locked_row
from followup.store import models as db
from followup.store.locking import writing


def delete_opportunity(owner: db.Owner, ref: str) -> m.Opportunity:
    from followup.services.read import opportunity_record

    with writing(owner.pk):
        row = locked_row(owner, ref)
        gone = opportunity_record(owner, ref)
        row.delete()
    return gone


def delete_contact(owner: db.Owner, ref: str, contact_ref: str, *, now: datetime) -> None:
    def edit(o: m.Opportunity) -> m.Opportunity:
        if o.contact(contact_ref) is None:
            raise NotFound(not_found("contact", contact_ref, [c.ref for c in o.contacts]))
        return without_contact(o, contact_ref)

    change(owner, ref, edit, now=now)


def without_contact(o: m.Opportunity, old: str) -> m.Opportunity:
    def unname(value: str | None) -> str | None:
        return None if value == old else value

    interviews = tuple(
        replace(
            i,
            interviewers=tuple(r for r in i.interviewers if r != old),
            requests=tuple(replace(r, requester=unname(r.requester)) for r in i.requests),
            notes=replace(i.notes, moments=MappingProxyType(
                {k: v for k, v in i.notes.moments.items() if k != old})),
        )
        for i in o.interviews
    )
    return replace(
        o, contacts=tuple(c for c in o.contacts if c.ref != old), interviews=interviews,
        touches=tuple(replace(t, contact=unname(t.contact)) for t in o.touches),
        decisions=tuple(d for d in o.decisions if old not in d.key.split("/")[1:]),
    )


def delete_interview(owner: db.Owner, ref: str, interview_ref: str, *, now: datetime) -> None:
    def edit(o: m.Opportunity) -> m.Opportunity:
        if all(i.ref != interview_ref for i in o.interviews):
            raise NotFound(not_found("interview", interview_ref, [i.ref for i in o.interviews]))
        gone = next(i for i in o.interviews if i.ref == interview_ref)
        requests = {r.ref for r in gone.requests}
        return replace(
            o, interviews=tuple(i for i in o.interviews if i.ref != interview_ref),
            decisions=tuple(d for d in o.decisions if not _about(d.key, interview_ref, requests)),
        )

    change(owner, ref, edit, now=now)


def _about(key: str, interview: str, requests: set[str]) -> bool:
    parts = key.split("/")[1:]
    if len(parts) >= 2 and parts[0] in {"send_info", "info_delay_notice"}:
        return parts[1] in requests
    return len(parts) >= 2 and parts[1] == interview


def delete_request(owner: db.Owner, ref: str, request_ref: str, *, now: datetime) -> None:
    def edit(o: m.Opportunity) -> m.Opportunity:
        known = [r.ref for i in o.interviews for r in i.requests]
        if request_ref not in known:
            raise NotFound(not_found("request", request_ref, known))
        interviews = tuple(
            replace(i, requests=tuple(r for r in i.requests if r.ref != request_ref))
            for i in o.interviews
        )
        kept = tuple(d for d in o.decisions if not _about(d.key, "", {request_ref}))
        return replace(o, interviews=interviews, decisions=kept)

    change(owner, ref, edit, now=now)


def delete_touch(owner: db.Owner, ref: str, number: int, *, now: datetime) -> m.Touch:
    found: list[m.Touch] = []

    def edit(o: m.Opportunity) -> m.Opportunity:
        if not 1 <= number <= len(o.touches):
            raise NotFound(f"{o.ref} has no touch number {number} (it has {len(o.touches)})")
        found.append(o.touches[number - 1])
        return replace(o, touches=o.touches[: number - 1] + o.touches[number:])

    change(owner, ref, edit, now=now)
    return found[0]
