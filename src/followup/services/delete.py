"""Deleting parts of the record; what was planned from them moves accordingly.

A deleted contact is taken off the interviews it was on and out of the
touches and requests that named it (they stay, with no one named), so the
record stays whole. A decision about an action that no longer exists is
dropped with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any

from followup.domain import model as m
from followup.domain.entry import not_found
from followup.services.errors import NotFound
from followup.services.unit import change, locked_row
from followup.store import index, mapping
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
    change(owner, ref, lambda o: without_contact_named(o, contact_ref), now=now)


def without_contact_named(o: m.Opportunity, contact_ref: str) -> m.Opportunity:
    if o.contact(contact_ref) is None:
        raise NotFound(not_found("contact", contact_ref, [c.ref for c in o.contacts]))
    return without_contact(o, contact_ref)


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
    change(owner, ref, lambda o: without_interview(o, interview_ref), now=now)


def without_interview(o: m.Opportunity, interview_ref: str) -> m.Opportunity:
    gone = next((i for i in o.interviews if i.ref == interview_ref), None)
    if gone is None:
        raise NotFound(not_found("interview", interview_ref, [i.ref for i in o.interviews]))
    requests = {r.ref for r in gone.requests}
    return replace(
        o, interviews=tuple(i for i in o.interviews if i.ref != interview_ref),
        decisions=tuple(d for d in o.decisions if not _about(d.key, interview_ref, requests)),
    )


def _about(key: str, interview: str, requests: set[str]) -> bool:
    parts = key.split("/")[1:]
    if len(parts) >= 2 and parts[0] in {"send_info", "info_delay_notice"}:
        return parts[1] in requests
    return len(parts) >= 2 and parts[1] == interview


def delete_request(owner: db.Owner, ref: str, request_ref: str, *, now: datetime) -> None:
    change(owner, ref, lambda o: without_request(o, request_ref), now=now)


def without_request(o: m.Opportunity, request_ref: str) -> m.Opportunity:
    known = [r.ref for i in o.interviews for r in i.requests]
    if request_ref not in known:
        raise NotFound(not_found("request", request_ref, known))
    interviews = tuple(
        replace(i, requests=tuple(r for r in i.requests if r.ref != request_ref))
        for i in o.interviews
    )
    kept = tuple(d for d in o.decisions if not _about(d.key, "", {request_ref}))
    return replace(o, interviews=interviews, decisions=kept)


def delete_touch(owner: db.Owner, ref: str, number: int, *, now: datetime) -> m.Touch:
    found: list[m.Touch] = []

    def edit(o: m.Opportunity) -> m.Opportunity:
        changed = without_touch(o, number)
        found.append(o.touches[number - 1])
        return changed

    change(owner, ref, edit, now=now)
    return found[0]


def without_touch(o: m.Opportunity, number: int) -> m.Opportunity:
    if not 1 <= number <= len(o.touches):
        raise NotFound(f"{o.ref} has no touch number {number} (it has {len(o.touches)})")
    return replace(o, touches=o.touches[: number - 1] + o.touches[number:])


# What each part of an opportunity is called, and the record without it: the
# delete services above and the preview of what a delete changes share these.
WITHOUT: dict[str, Callable[[m.Opportunity, Any], m.Opportunity]] = {
    "contact": without_contact_named,
    "interview": without_interview,
    "request": without_request,
    "touch": lambda o, number: without_touch(o, int(number)),
}


@dataclass(frozen=True, slots=True)
class Preview:
    """What deleting a part changes in the plan: the actions that go and those that come."""

    opportunity: m.Opportunity
    gone: list[m.Action]
    new: list[m.Action]


def preview(owner: db.Owner, ref: str, part: str | None, name: str | None,
            *, now: datetime) -> Preview:
    """The plan before and after deleting `part` `name` of `ref` (the whole
    opportunity when `part` is None), computed and never written."""
    from followup.domain.planner import plan_opportunity
    from followup.services.read import opportunity

    item = opportunity(owner, ref, now)
    before = list(item.actions)
    if part is None:
        return Preview(item.opportunity, before, [])
    profile = mapping.load_profile(owner)
    changed = WITHOUT[part](item.opportunity, name)
    after = plan_opportunity(profile, changed, index.settings_of(profile), now)
    old, kept = {a.key for a in before}, {a.key for a in after}
    return Preview(item.opportunity, [a for a in before if a.key not in kept],
                   [a for a in after if a.key not in old])
