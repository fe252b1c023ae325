"""The deadline index and the stored agenda, kept with each opportunity's record.

Every write that changes an opportunity's record plans it once, in the same
transaction, and keeps two derivatives of that plan: `next_due_at` (the
earliest moment an open action opens) and its open actions ready to print
(`plan_cache`). Both are caches and can always be rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import DatabaseError, connection, transaction

from followup.domain import model as m
from followup.domain import planner
from followup.domain.settings import Settings
from followup.store import models as db
from followup.store import plan_cache, revision
from followup.store.mapping import load_opportunities, load_profile
from followup.store.staleness import UNSTORED, expired, stale

FIELDS = ["next_due_at", "planned_at", "plan_cached_at", "plan_version", "plan_valid_until"]
CHUNK = 500


def settings_of(profile: m.Profile) -> Settings:
    return Settings(overrides=profile.settings)


@dataclass(slots=True)
class Planned:
    """One opportunity's plan at a write, as the index and the stored agenda keep it."""

    next_due: datetime | None
    valid_until: datetime | None
    stored: list[plan_cache.StoredAction] | None  # None: left to be planned when read


def plan(
    profile: m.Profile, opportunity: m.Opportunity, settings: Settings, now: datetime
) -> Planned:
    actions, valid_until = planner.plan_with_horizon(profile, opportunity, settings, now)
    stored = plan_cache.stored_actions(profile, opportunity, actions, now)
    return Planned(planner.next_due(actions), valid_until, stored)


def columns(planned: Planned, now: datetime) -> dict[str, Any]:
    """The opportunity row's index columns (FIELDS) for this plan."""
    version = plan_cache.version()
    return {
        "next_due_at": planned.next_due,
        "planned_at": now,
        "plan_cached_at": now,
        "plan_version": version if planned.stored is not None else version + UNSTORED,
        "plan_valid_until": planned.valid_until,
    }


def next_due(
    profile: m.Profile, opportunity: m.Opportunity, settings: Settings, now: datetime
) -> datetime | None:
    """The earliest moment any open action of the opportunity opens."""
    return planner.next_due(planner.plan_opportunity(profile, opportunity, settings, now))


def store_actions(owner_id: int, pairs: Sequence[tuple[int, Planned]]) -> None:
    """Replace the stored agenda of these (row id, plan) pairs."""
    ids = [pk for pk, _ in pairs]
    for start in range(0, len(ids), CHUNK):
        db.PlannedAction.objects.filter(opportunity_id__in=ids[start : start + CHUNK])._raw_delete(
            "default"
        )
    rows = [
        (owner_id, pk, *row)
        for pk, planned in pairs if planned.stored
        for row in planned.stored
    ]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(plan_cache.insert_sql("%s"), rows)


def analyze() -> None:
    """Fresh planner statistics after a bulk write (PostgreSQL).

    Until autovacuum gets to a freshly imported record, PostgreSQL has no
    statistics and joined the stored agenda to its opportunities by nested
    sequential scans: 84 s instead of 0.3 s for 10,000 opportunities.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE followup_opportunity, followup_planned_action")


def refresh(
    rows: Iterable[tuple[int, m.Opportunity]], profile: m.Profile, now: datetime
) -> None:
    """Re-plan these (row id, opportunity) pairs: their index and stored agenda."""
    settings = settings_of(profile)
    pairs = [(pk, plan(profile, opportunity, settings, now)) for pk, opportunity in rows]
    owners = dict(
        db.Opportunity.objects.filter(pk__in=[pk for pk, _ in pairs]).values_list("id", "owner")
    )
    updates = [db.Opportunity(id=pk, **columns(planned, now)) for pk, planned in pairs]
    db.Opportunity.objects.bulk_update(updates, FIELDS, batch_size=CHUNK)
    for owner_id in set(owners.values()):
        store_actions(owner_id, [pair for pair in pairs if owners[pair[0]] == owner_id])
        revision.bump(owner_id)  # re-planned outside a `writing` transaction too


def reindex_owner(owner: db.Owner, profile: m.Profile, now: datetime) -> int:
    """Re-plan all of one owner's opportunities (after a profile change)."""
    selection = db.Opportunity.objects.filter(owner=owner)
    ids = list(selection.order_by("id").values_list("id", flat=True))
    refresh(zip(ids, load_opportunities(selection), strict=True), profile, now)
    return len(ids)


def reindex(*, only_missing: bool = False, now: datetime | None = None) -> int:
    """Rebuild the index of every owner's opportunities (or of the stale ones)."""
    now = now or datetime.now(UTC)
    count = 0
    for owner in db.Owner.objects.all():
        selection = db.Opportunity.objects.filter(owner=owner)
        if only_missing:
            selection = selection.filter(stale())
        ids = list(selection.order_by("id").values_list("id", flat=True))
        if ids:
            refresh(zip(ids, load_opportunities(selection), strict=True), load_profile(owner), now)
            count += len(ids)
    return count


def rebuild_stale(now: datetime | None = None) -> int:
    """Re-plan what an upgrade (planner, `holidays`) made stale or the clock expired.

    Run when a command sets the store up, so that stored agendas stay ready
    to read as interviews begin and promised dates pass; a read never needs
    it (it plans such rows itself), so a database it cannot write is fine.
    """
    now = now or datetime.now(UTC)
    try:
        with transaction.atomic():
            if not db.Opportunity.objects.filter(expired(now)).exists():
                return 0
            count = 0
            for owner in db.Owner.objects.all():
                selection = db.Opportunity.objects.filter(expired(now), owner=owner)
                ids = list(selection.order_by("id").values_list("id", flat=True))
                if ids:
                    refresh(zip(ids, load_opportunities(selection), strict=True),
                            load_profile(owner), now)
                    count += len(ids)
            return count
    except DatabaseError:  # read-only or locked: the reader plans these rows itself
        return 0
