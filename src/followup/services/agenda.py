"""The agenda: the planned actions open by an instant, read through the index.

Django-free on purpose: `fast_agenda` reads with a direct connection, so the
`agenda` command starts without importing Django; `agenda` does the same on
Django's connection for callers that already have it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from followup.domain import model as m
from followup.domain.entries import action_json
from followup.services.listing import due_rows, localize
from followup.store import holiday_cache
from followup.store.reader import Reader

if TYPE_CHECKING:
    from followup.store.models import Owner


@dataclass(frozen=True, slots=True)
class Agenda:
    as_of: datetime
    until: datetime | None
    profile: m.Profile | None  # None: nobody has a record here yet
    actions: list[m.Action]
    opportunities: dict[str, m.Opportunity]  # by ref: the planned ones only


def plan_agenda(
    reader: Reader, owner_id: int | None, as_of: datetime | None, until: datetime | None
) -> Agenda:
    """Read the opportunities the index says may be due, plan them, keep the open ones."""
    from followup.domain.planner import plan_opportunity
    from followup.domain.settings import Settings

    holiday_cache.install()
    profile = None if owner_id is None else reader.profile(owner_id)
    tz = "UTC" if profile is None else profile.time_zone
    moment = localize(as_of, tz) or datetime.now(UTC).replace(microsecond=0)
    end = localize(until, tz)
    horizon = moment if end is None else max(moment, end)
    if profile is None or owner_id is None:
        return Agenda(moment, end, profile, [], {})
    opportunities = reader.opportunities(*due_rows(reader, owner_id, horizon, moment))
    settings = Settings(overrides=profile.settings)
    actions = [
        action
        for opportunity in opportunities
        for action in plan_opportunity(profile, opportunity, settings, moment)
        if action.earliest <= horizon
    ]
    actions.sort(key=lambda action: (action.due.timestamp(), action.key))
    return Agenda(moment, end, profile, actions, {o.ref: o for o in opportunities})


def fast_agenda(url: str, as_of: datetime | None, until: datetime | None) -> Agenda | None:
    """The agenda through a direct connection; None when Django must set up first."""
    from followup.store.direct import read_only

    with read_only(url, Reader) as reader:
        if reader is None:
            return None
        return plan_agenda(reader, reader.owner_id(), as_of, until)


def agenda(owner: Owner, as_of: datetime | None, until: datetime | None = None) -> Agenda:
    """The agenda on Django's connection (the store is set up)."""
    from django.db import connection

    from followup.services.unit import snapshot

    with snapshot(), connection.cursor() as cursor:
        return plan_agenda(Reader(cursor, connection.vendor), owner.pk, as_of, until)


def agenda_json(result: Agenda) -> dict[str, Any]:
    zones = {ref: o.time_zone for ref, o in result.opportunities.items()}
    document: dict[str, Any] = {"as_of": result.as_of.isoformat()}
    if result.until is not None:
        document["until"] = result.until.isoformat()
    document["actions"] = [action_json(a, zones[a.opportunity]) for a in result.actions]
    return document
