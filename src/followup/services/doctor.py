"""`followup doctor`: find, and on request mend, rows the record cannot use."""

from __future__ import annotations

from datetime import datetime

from followup.store import damage
from followup.store import models as db
from followup.store.index import reindex
from followup.store.locking import retried, writing


def examine(owner: db.Owner) -> list[damage.Damage]:
    """The owner's rows holding dates out of the accepted range."""
    return damage.find(owner.pk)


@retried
def mend(owner: db.Owner, *, now: datetime) -> list[damage.Damage]:
    """Move each such date to the nearest end of the range and re-plan what it touched."""
    with writing(owner.pk):
        found = damage.find(owner.pk)
        if found:
            damage.repair(owner.pk, found)
            reindex(only_missing=True, now=now)
    return found


def first_damage(owner_id: int) -> damage.Damage | None:
    """The first damaged row, when a read has just failed (None if there is none)."""
    found = damage.find(owner_id)
    return found[0] if found else None
