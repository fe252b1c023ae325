"""Adding and editing the parts of the record, one opportunity at a time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from django.db import IntegrityError, transaction

from followup.domain import model as m
from followup.domain.entry import not_found
from followup.domain.limits import shown
from followup.services.errors import NotFound, ServiceError
from followup.services.unit import change, replace_fields, save, validate
from followup.store import mapping
from followup.store import models as db
from followup.store.locking import retried, writing

T = TypeVar("T")


@retried
def add_opportunity(owner: db.Owner, opportunity: m.Opportunity, *, now: datetime) -> None:
    with writing(owner.pk):
        profile = mapping.load_profile(owner)
        opportunity = validate(profile, opportunity)
        try:
            with transaction.atomic():
                row = db.Opportunity.objects.create(
                    owner=owner, ref=opportunity.ref, **mapping.opportunity_columns(opportunity)
                )
        except IntegrityError:
            raise ServiceError(f"an opportunity {shown(opportunity.ref)} already exists") from None
        save(owner, row.pk, opportunity, profile, now)


def edit_opportunity(
    owner: db.Owner, ref: str, changes: Mapping[str, Any], *, now: datetime
) -> m.Opportunity:
    return change(owner, ref, lambda o: _replace(o, changes), now=now)


def set_stage(owner: db.Owner, ref: str, stage: m.Stage, *, now: datetime) -> m.Opportunity:
    return change(owner, ref, lambda o: replace(o, stage=stage), now=now)


def add_contact(owner: db.Owner, ref: str, contact: m.Contact, *, now: datetime) -> None:
    change(owner, ref, lambda o: replace(o, contacts=(*o.contacts, contact)), now=now)


def edit_contact(
    owner: db.Owner, ref: str, contact_ref: str, changes: Mapping[str, Any], *, now: datetime
) -> None:
    def edit(o: m.Opportunity) -> m.Opportunity:
        old = _find(o.contacts, "contact", contact_ref)
        given = dict(changes)
        if "email" in given and given["email"] != old.email and "email_bounced_at" not in given:
            given["email_bounced_at"] = None  # a new address has not bounced (mail, #13)
        return replace(o, contacts=_swap(o.contacts, old, _replace(old, given)))

    change(owner, ref, edit, now=now)


def add_interview(owner: db.Owner, ref: str, interview: m.Interview, *, now: datetime) -> None:
    change(owner, ref, lambda o: replace(o, interviews=(*o.interviews, interview)), now=now)


def edit_interview(
    owner: db.Owner, ref: str, interview_ref: str, changes: Mapping[str, Any], *, now: datetime
) -> None:
    def edit(o: m.Opportunity) -> m.Opportunity:
        interviews = _edit_item(o.interviews, "interview", interview_ref, changes)
        return replace(o, interviews=interviews)

    change(owner, ref, edit, now=now)


def add_request(
    owner: db.Owner, ref: str, interview_ref: str, request: m.Request, *, now: datetime
) -> None:
    def edit(o: m.Opportunity) -> m.Opportunity:
        interview = _find(o.interviews, "interview", interview_ref)
        added = replace(interview, requests=(*interview.requests, request))
        return replace(o, interviews=_swap(o.interviews, interview, added))

    change(owner, ref, edit, now=now)


def edit_request(
    owner: db.Owner, ref: str, request_ref: str, changes: Mapping[str, Any], *, now: datetime
) -> None:
    def edit(o: m.Opportunity) -> m.Opportunity:
        for interview in o.interviews:
            if any(r.ref == request_ref for r in interview.requests):
                requests = _edit_item(interview.requests, "request", request_ref, changes)
                edited = replace(interview, requests=requests)
                return replace(o, interviews=_swap(o.interviews, interview, edited))
        raise NotFound(f"{o.ref} has no request {shown(request_ref)}")

    change(owner, ref, edit, now=now)


def log_touch(owner: db.Owner, ref: str, touch: m.Touch, *, now: datetime) -> None:
    """Log a touch; an answer that settles things moves the stage too (R14)."""

    def logged(o: m.Opportunity) -> m.Opportunity:
        stage = stage_after(o.stage, touch)
        changes = o.stage_changes
        if stage is not o.stage:  # the answer moved it: when it came, not when it was logged
            changes = (*changes, m.StageChange(at=touch.at, stage=stage, previous=o.stage))
        return replace(o, touches=(*o.touches, touch), stage=stage, stage_changes=changes)

    change(owner, ref, logged, now=now)


def stage_after(stage: m.Stage, touch: m.Touch) -> m.Stage:
    """A rejection closes the opportunity, an offer moves it to `offer`, and a
    next round means it is interviewing; other touches leave the stage alone."""
    if touch.direction is not m.Direction.IN or touch.outcome is None:
        return stage
    if touch.outcome is m.Outcome.REJECTED:
        return m.Stage.REJECTED
    if touch.outcome is m.Outcome.OFFER:
        return m.Stage.OFFER
    if touch.outcome is m.Outcome.NEXT_ROUND and stage in EARLY_STAGES:
        return m.Stage.INTERVIEWING
    return stage


EARLY_STAGES = frozenset({m.Stage.INTERESTED, m.Stage.APPLIED})


def edit_touch(
    owner: db.Owner, ref: str, number: int, changes: Mapping[str, Any], *, now: datetime
) -> None:
    """Edit the touch numbered `number` (1 = the first logged, as `show` numbers them)."""

    def edit(o: m.Opportunity) -> m.Opportunity:
        if not 1 <= number <= len(o.touches):
            raise NotFound(f"{o.ref} has no touch number {number} (it has {len(o.touches)})")
        touches = list(o.touches)
        touches[number - 1] = _replace(touches[number - 1], changes)
        return replace(o, touches=tuple(touches))

    change(owner, ref, edit, now=now)


def _replace(value: T, changes: Mapping[str, Any]) -> T:
    return replace_fields(value, dict(changes))  # type: ignore[return-value]


def _find(items: tuple[T, ...], what: str, ref: str) -> T:
    for item in items:
        if getattr(item, "ref", None) == ref:
            return item
    known = [str(getattr(item, "ref", "")) for item in items]
    raise NotFound(not_found(what, ref, known))


def _swap(items: tuple[T, ...], old: T, new: T) -> tuple[T, ...]:
    return tuple(new if item is old else item for item in items)


def _edit_item(
    items: tuple[T, ...], what: str, ref: str, changes: Mapping[str, Any]
) -> tuple[T, ...]:
    old = _find(items, what, ref)
    return _swap(items, old, _replace(old, changes))
