"""Which stored agendas need planning again, asked without loading the planner.

`setup` asks this on every command; only when a row is stale does it import
`followup.store.index` (and with it the planner and the domain model), which
costs more than most commands' own work.
"""

from __future__ import annotations

from datetime import datetime

from django.db import DatabaseError
from django.db.models import Q

from followup.store import models as db
from followup.store import plan_cache

UNSTORED = "-unstored"  # suffix of the version of a plan that could not be stored


def stale() -> Q:
    """Rows never planned, or planned by another planner or holiday data."""
    version = plan_cache.version()
    return (
        Q(planned_at__isnull=True) | Q(plan_version__isnull=True)
        | ~Q(plan_version__in=[version, version + UNSTORED])
    )


def expired(now: datetime) -> Q:
    """Stale rows, and rows whose stored plan the clock has overtaken."""
    return stale() | Q(plan_valid_until__lte=now)


def any_expired(now: datetime) -> bool:
    try:
        return db.Opportunity.objects.filter(expired(now)).exists()
    except DatabaseError:  # locked: the reader plans such rows itself
        return False
