"""Today's action list, kept rendered while nothing it shows can have changed.

Rendering some sixty actions costs most of a Today request; a page is read
far more often than the record is written. The list is kept per owner with:

- the record's revision (`store.revision`), which every write sets afresh
  (command line, pages, API, mail sync, worker, re-planning): a kept list is
  used only while the owner's revision is the one it was made at;
- the span of clocks it holds for: from the clock it was made at until the
  first moment any action of the owner would read differently (`until`):
  an action turning late, one entering the 7-day window, a stored plan
  expiring, the end of the user's day (due today becomes late or coming up
  becomes due today; the snooze field's "tomorrow"). A list any part of
  which was planned at read time is not kept; when that is because stored
  plans expired (an interview began, a promised date passed), they are
  planned and stored again first (`replan_expired`), as a command does when
  it starts, so that a server running for days keeps its lists too.

Kept in this process's memory only: each server process keeps its own, and
a restart starts empty. The CSRF token differs per browser, so the kept
HTML holds a placeholder that each answer fills in.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Min, Q

from followup.store import models as db

CSRF_PLACEHOLDER = "followup-csrf-placeholder"
MOST = 256  # owners kept at once (the hosted mode has many; each list is ~100 kB)


@dataclass(frozen=True, slots=True)
class Kept:
    database: str
    revision: int
    made_at: float  # POSIX seconds of the clock it was made at
    until: float  # the first clock at which it may read differently
    parts: list[str]  # the HTML around each CSRF placeholder (a join is faster than a replace)


_kept: OrderedDict[tuple[int, bool], Kept] = OrderedDict()
_lock = threading.Lock()


def database_name() -> str:
    from django.db import connection

    return str(connection.settings_dict["NAME"])


def kept(owner: db.Owner, everything: bool, clock: datetime) -> list[str] | None:
    """The kept list for this owner at this clock, if it still holds: its HTML
    split at the CSRF placeholder."""
    with _lock:
        found = _kept.get((owner.pk, everything))
    moment = clock.timestamp()
    if (found is None or found.revision != owner.revision or found.database != database_name()
            or not found.made_at <= moment < found.until):
        return None
    return found.parts


def keep(owner_id: int, everything: bool, entry: Kept) -> None:
    with _lock:
        _kept[(owner_id, everything)] = entry
        _kept.move_to_end((owner_id, everything))
        while len(_kept) > MOST:
            _kept.popitem(last=False)


def clear() -> None:
    """Forget every kept list (a process that switches databases, tests)."""
    with _lock:
        _kept.clear()


def revision_now(owner_id: int) -> int:
    """The owner's revision as this transaction sees it."""
    row = db.Owner.objects.filter(pk=owner_id).values_list("revision", flat=True).first()
    return int(row or 0)


def holds_until(owner_id: int, clock: datetime, days: int, end_of_today: float,
                planned_here: bool) -> float:
    """The first clock at which the owner's Today may read differently (see the
    module's text); `clock` itself when it must not be kept at all."""
    if planned_here:
        return clock.timestamp()
    now, ahead = clock.timestamp(), timedelta(days=days)
    window_end = (clock + ahead).timestamp()
    actions = db.PlannedAction.objects.filter(owner_id=owner_id).aggregate(
        late=Min("late_after", filter=Q(late_after__gte=now)),
        enters=Min("earliest", filter=Q(earliest__gt=window_end)))
    rows = db.Opportunity.objects.filter(owner_id=owner_id).aggregate(
        expires=Min("plan_valid_until", filter=Q(plan_valid_until__gt=clock)),
        due=Min("next_due_at", filter=Q(next_due_at__gt=clock + ahead)))
    moments: list[Any] = [end_of_today, actions["late"]]
    if actions["enters"] is not None:
        moments.append(actions["enters"] - ahead.total_seconds())
    if rows["expires"] is not None:
        moments.append(rows["expires"].timestamp())
    if rows["due"] is not None:
        moments.append((rows["due"] - ahead).timestamp())
    return float(min(m for m in moments if m is not None))


def replan_expired(owner: db.Owner, clock: datetime) -> bool:
    """Plan and store again the owner's plans the clock (or a new planner)
    overtook; whether there were any. Under the owner's write lock, so that
    several server threads or processes do it once; never on a record this
    process may not write (its reader goes on planning them itself)."""
    from django.db import DatabaseError

    from followup.store import index, mapping
    from followup.store.errors import ReadOnlyRecord
    from followup.store.locking import writing
    from followup.store.staleness import expired

    try:
        with writing(owner.pk):
            selection = db.Opportunity.objects.filter(expired(clock), owner=owner)
            ids = list(selection.order_by("id").values_list("id", flat=True))
            if not ids:
                return False
            index.refresh(zip(ids, mapping.load_opportunities(selection), strict=True),
                          mapping.load_profile(owner), clock)
    except (ReadOnlyRecord, DatabaseError):
        return False
    return True
