"""The agenda as the command line prints it, read from the stored agenda.

`agenda` and `today` print tens of thousands of actions for a coach's book.
Re-reading and re-planning every open opportunity took seconds, so each
opportunity's open actions are kept ready to print when it is written
(`followup.store.plan_cache`), and a read only applies its clock: lateness,
and the window. Rows the stored agenda does not cover at this clock (a past
clock, an expired or stale plan) are read and planned here as before, and
printed by the same functions, so the output is the planner's, byte for byte.

Django-free, like `services.agenda`: the fast path runs on a direct connection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from followup.domain import model as m
from followup.domain.entries import describe, headline, when
from followup.services.agenda import _due_rows, localize
from followup.store import holiday_cache, plan_cache
from followup.store.reader import Reader

if TYPE_CHECKING:
    from followup.store.models import Owner

# (due, key, JSON line) for scripts; (due, key, late, due_text, headline,
# label, why) for people. Sorted as tuples: by due time, then key (unique).
Entry = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    as_of: datetime
    until: datetime | None
    time_zone: str  # the profile's (UTC before there is one)
    has_record: bool  # any opportunity at all
    entries: list[Entry]


def list_agenda(
    reader: Reader, owner_id: int | None, as_of: datetime | None, until: datetime | None,
    *, people: bool,
) -> Listing:
    """The actions open by `as_of` (or `until`, when later), as lines to print."""
    profile = None if owner_id is None else reader.profile(owner_id)
    tz = "UTC" if profile is None else profile.time_zone
    moment = localize(as_of, tz) or datetime.now(UTC).replace(microsecond=0)
    end = localize(until, tz)
    if profile is None or owner_id is None:
        return Listing(moment, end, tz, False, [])
    horizon = moment if end is None else max(moment, end)
    entries = _stored(reader, owner_id, horizon, moment, people)
    entries += _planned(reader, owner_id, profile, horizon, moment, people)
    entries.sort()
    has_record = bool(entries) or bool(reader.rows(
        f"SELECT 1 FROM followup_opportunity WHERE owner_id = {reader.ph} LIMIT 1", [owner_id]
    ))
    return Listing(moment, end, tz, has_record, entries)


def _stored(
    reader: Reader, owner_id: int, horizon: datetime, moment: datetime, people: bool
) -> list[Entry]:
    """The stored actions of the rows whose stored agenda holds at `moment`."""
    ph = reader.ph
    wanted = (
        "a.due, a.key, a.late_after, a.due_text, o.company, o.role, a.label, a.why" if people
        else "a.due, a.key, a.late_after, a.entry_head, a.entry_tail"
    )
    rows = reader.rows(
        f"SELECT {wanted} FROM followup_planned_action a "
        "JOIN followup_opportunity o ON o.id = a.opportunity_id "
        f"WHERE a.owner_id = {ph} AND a.earliest <= {ph} AND {plan_cache.trusted(ph, 'o')}",
        [owner_id, horizon.timestamp(), *plan_cache.trusted_params(reader.instant(moment))],
    )
    now = moment.timestamp()
    if people:
        return [
            (due, key, now > late_after, due_text, f"{company} · {role}", label, why)
            for due, key, late_after, due_text, company, role, label, why in rows
        ]
    return [
        (due, key, f"{head}{'true' if now > late_after else 'false'}{tail}")
        for due, key, late_after, head, tail in rows
    ]


def _planned(
    reader: Reader, owner_id: int, profile: m.Profile, horizon: datetime, moment: datetime,
    people: bool,
) -> list[Entry]:
    """Plan, as the agenda always did, the due rows the stored agenda does not cover."""
    due, params = _due_rows(reader, owner_id, horizon, moment)
    where = f"{due} AND NOT {plan_cache.trusted(reader.ph)}"
    opportunities = reader.opportunities(
        where, [*params, *plan_cache.trusted_params(reader.instant(moment))]
    )
    if not opportunities:
        return []
    from followup.domain.planner import plan_opportunity  # only when something is planned here
    from followup.domain.settings import Settings

    holiday_cache.install()
    settings = Settings(overrides=profile.settings)
    entries: list[Entry] = []
    for opportunity in opportunities:
        for action in plan_opportunity(profile, opportunity, settings, moment):
            if action.earliest <= horizon:
                entries.append(_entry(action, opportunity, profile, people))
    return entries


def _entry(
    action: m.Action, opportunity: m.Opportunity, profile: m.Profile, people: bool
) -> Entry:
    due = action.due.timestamp()
    if not people:
        return (due, action.key, plan_cache.json_line(action, opportunity))
    return (
        due, action.key, action.late, when(action.due, profile.time_zone),
        headline(opportunity), describe(action, opportunity), action.why,
    )


def agenda_document(listing: Listing) -> str:
    """`agenda --format json`: the layout of `cli.output.emit_json`, from ready lines."""
    fields = [f'  "as_of": {json.dumps(listing.as_of.isoformat())}']
    if listing.until is not None:
        fields.append(f'  "until": {json.dumps(listing.until.isoformat())}')
    if listing.entries:
        lines = ",\n    ".join([entry[2] for entry in listing.entries])
        fields.append(f'  "actions": [\n    {lines}\n  ]')
    else:
        fields.append('  "actions": []')
    return "{\n" + ",\n".join(fields) + "\n}"


def fast_listing(
    url: str, as_of: datetime | None, until: datetime | None, *, people: bool
) -> Listing | None:
    """The listing through a direct connection; None when Django must set up first."""
    from followup.store.direct import read_only

    with read_only(url) as reader:
        if reader is None:
            return None
        return list_agenda(reader, reader.owner_id(), as_of, until, people=people)


def listing(
    owner: Owner, as_of: datetime | None, until: datetime | None, *, people: bool
) -> Listing:
    """The listing on Django's connection (the store is set up)."""
    from django.db import connection

    from followup.services.unit import snapshot

    with snapshot(), connection.cursor() as cursor:
        reader = Reader(cursor, connection.vendor)
        return list_agenda(reader, owner.pk, as_of, until, people=people)
