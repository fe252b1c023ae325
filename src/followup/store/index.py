"""The deadline index: each opportunity's `next_due_at`, kept with its record.

Every write that changes an opportunity's record recomputes its index in the
same transaction. The index is a derivative and can always be rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from followup.domain import model as m
from followup.domain import planner
from followup.domain.settings import Settings
from followup.store import models as db


def settings_of(profile: m.Profile) -> Settings:
    return Settings(overrides=profile.settings)


def next_due(
    profile: m.Profile, opportunity: m.Opportunity, settings: Settings, now: datetime
) -> datetime | None:
    """The earliest moment any open action of the opportunity opens."""
    return planner.next_due(planner.plan_opportunity(profile, opportunity, settings, now))


def refresh(
    rows: Iterable[tuple[int, m.Opportunity]], profile: m.Profile, now: datetime
) -> None:
    """Recompute the index of these (row id, opportunity) pairs."""
    settings = settings_of(profile)
    updates = [
        db.Opportunity(id=pk, next_due_at=next_due(profile, opp, settings, now), planned_at=now)
        for pk, opp in rows
    ]
    db.Opportunity.objects.bulk_update(updates, ["next_due_at", "planned_at"], batch_size=500)


def reindex_owner(owner: db.Owner, profile: m.Profile, now: datetime) -> int:
    """Re-plan all of one owner's opportunities (after a profile change)."""
    from followup.store.mapping import load_opportunities

    selection = db.Opportunity.objects.filter(owner=owner)
    ids = list(selection.order_by("id").values_list("id", flat=True))
    refresh(zip(ids, load_opportunities(selection), strict=True), profile, now)
    return len(ids)


def reindex(*, only_missing: bool = False, now: datetime | None = None) -> int:
    """Rebuild the index of every owner's opportunities (or of unindexed ones)."""
    from followup.store.mapping import load_opportunities, load_profile

    now = now or datetime.now(UTC)
    count = 0
    for owner in db.Owner.objects.all():
        selection = db.Opportunity.objects.filter(owner=owner)
        if only_missing:
            selection = selection.filter(planned_at__isnull=True)
        ids = list(selection.order_by("id").values_list("id", flat=True))
        if ids:
            refresh(zip(ids, load_opportunities(selection), strict=True), load_profile(owner), now)
            count += len(ids)
    return count
