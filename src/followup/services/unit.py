"""The unit of work: reading one opportunity, changing it, writing it back.

Writers lock the opportunity row (PostgreSQL) or the database (SQLite's
BEGIN IMMEDIATE), so two processes changing the same record queue up and
neither loses the other's change.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from datetime import datetime

from django.db import connection, transaction

from followup.domain import model as m
from followup.domain.entry import future_problem, not_found
from followup.domain.limits import shown
from followup.services.errors import NotFound, ServiceError
from followup.store import index, mapping
from followup.store import models as db
from followup.store.locking import retried, writing
from followup.transports.exchange import ExchangeError, dump_document, load_document


@contextlib.contextmanager
def snapshot() -> Iterator[None]:
    """A consistent read of several tables without taking a write lock."""
    if connection.in_atomic_block:  # already inside a transaction: it is consistent
        yield
        return
    if connection.vendor == "sqlite":
        # Django's atomic() would BEGIN IMMEDIATE (the write lock); a plain
        # BEGIN gives a WAL snapshot that blocks no writer.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            try:
                yield
            finally:
                cursor.execute("COMMIT")
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def locked_row(owner: db.Owner, ref: str) -> db.Opportunity:
    row = db.Opportunity.objects.select_for_update().filter(owner=owner, ref=ref).first()
    if row is None:
        raise missing_opportunity(owner, ref)
    return row


def missing_opportunity(owner: db.Owner, ref: str) -> NotFound:
    """"no opportunity 'fenwik'; did you mean 'fenwick'?" (a typo is the usual cause)."""
    known = list(db.Opportunity.objects.filter(owner=owner).values_list("ref", flat=True))
    message = not_found("opportunity", ref, known)
    if "did you mean" not in message:
        message += " (see `followup list`)"
    return NotFound(message)


def refuse_future_touches(opportunity: m.Opportunity, now: datetime, path: str = "") -> None:
    """A touch is something that happened: one dated past tomorrow is a typo (the year)."""
    where = path or opportunity.ref
    for n, touch in enumerate(opportunity.touches):
        problem = future_problem(touch.at, now)
        if problem is not None:
            raise ServiceError(f"{where}.touches[{n}].at: {problem}")


def load_one(row: db.Opportunity) -> m.Opportunity:
    [opportunity] = mapping.load_opportunities(db.Opportunity.objects.filter(pk=row.pk))
    return opportunity


# The profile is checked when it is set; an opportunity is checked on its own.
NEUTRAL_PROFILE = m.Profile(name="check", email=None, phone=None, time_zone="UTC")


def validate(profile: m.Profile, opportunity: m.Opportunity) -> m.Opportunity:
    """The exchange document's checks, with the path starting at the ref."""
    try:
        record = load_document(dump_document(m.Record(NEUTRAL_PROFILE, (opportunity,))))
    except ExchangeError as error:
        ref = opportunity.ref if len(opportunity.ref) <= 60 else opportunity.ref[:60] + "…"
        path = error.path.replace("opportunities[0]", ref, 1)
        raise ServiceError(f"{path}: {error.message}") from None
    return record.opportunities[0]


def validate_profile(profile: m.Profile) -> m.Profile:
    try:
        return load_document(dump_document(m.Record(profile))).profile
    except ExchangeError as error:
        raise ServiceError(str(error)) from None


def save(
    owner: db.Owner, pk: int, opportunity: m.Opportunity, profile: m.Profile, now: datetime
) -> None:
    """Write the opportunity's columns, children and index (inside a transaction)."""
    planned = index.plan(profile, opportunity, index.settings_of(profile), now)
    db.Opportunity.objects.filter(pk=pk).update(
        ref=opportunity.ref,
        updated_at=now,
        **index.columns(planned, now),
        **mapping.opportunity_columns(opportunity),
    )
    mapping.delete_children([pk])
    mapping.insert_children(owner, [(pk, opportunity)])
    index.store_actions(owner.pk, [(pk, planned)])


@retried
def change(
    owner: db.Owner,
    ref: str,
    edit: Callable[[m.Opportunity], m.Opportunity],
    *,
    now: datetime,
) -> m.Opportunity:
    """Apply `edit` to one opportunity, check the result, write it, re-index it."""
    with writing(owner.pk):
        row = locked_row(owner, ref)
        profile = mapping.load_profile(owner)
        before = load_one(row)
        changed = validate(profile, with_stage_change(before, edit(before), now))
        refuse_future_touches(changed, now)
        if changed.ref != ref and db.Opportunity.objects.filter(owner=owner, ref=changed.ref):
            raise ServiceError(f"an opportunity {shown(changed.ref)} already exists")
        save(owner, row.pk, changed, profile, now)
    return changed


def with_stage_change(
    before: m.Opportunity, after: m.Opportunity, now: datetime
) -> m.Opportunity:
    """The stage history kept: a stage set by hand (`stage`, an edit, closing
    out) leaves no other trace. An edit that recorded its own change (a logged
    answer, dated when it came) is left as it is."""
    if after.stage is before.stage or len(after.stage_changes) > len(before.stage_changes):
        return after
    moved = m.StageChange(at=now, stage=after.stage, previous=before.stage)
    return dataclasses.replace(after, stage_changes=(*after.stage_changes, moved))


def replace_fields(value: object, changes: dict[str, object]) -> object:
    """dataclasses.replace, with a clear message for a field that does not exist."""
    names = {f.name for f in dataclasses.fields(value)}  # type: ignore[arg-type]
    unknown = sorted(set(changes) - names)
    if unknown:
        raise ServiceError(f"unknown field {shown(unknown[0])}")
    return dataclasses.replace(value, **changes)  # type: ignore[type-var]
