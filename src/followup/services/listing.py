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

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import IO, TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup.store import plan_cache
from followup.store.sql import Sql

if TYPE_CHECKING:
    from followup.domain import model as m
    from followup.store.models import Owner

# (due, key, JSON line) for scripts; (due, key, late, due_text, headline,
# label, short_id, why) for people. Sorted by due time, then key (unique).
Entry = tuple[Any, ...]
OPPORTUNITIES = "followup_opportunity"
# What a read takes of each stored action, for people and for scripts: each
# column's SQL, its name, and the kind of its values (for `Sql.many`).
PEOPLE_COLUMNS = (
    ("a.due", "due", "number"), ("a.key", "key", "text"),
    ("(a.late_after IS NULL OR a.late_after < {ph})", "late", "bool"),
    ("a.due_text", "due_text", "text"), ("a.headline", "headline", "text"),
    ("a.label", "label", "text"), ("a.short_id", "short_id", "text"), ("a.why", "why", "text"),
)
SCRIPT_COLUMNS = (("a.due", "due", "number"), ("a.key", "key", "text"),
                  ("a.late_after", "late_after", "float"), ("a.entry", "entry", "text"))

@dataclass(frozen=True, slots=True)
class Listing:
    as_of: datetime
    until: datetime | None
    time_zone: str  # the profile's (UTC before there is one)
    has_record: bool  # any opportunity at all
    entries: list[Entry]


def localize(moment: datetime | None, time_zone: str) -> datetime | None:
    """An aware datetime; one without an offset is read in `time_zone`."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=ZoneInfo(time_zone))


@contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while tens of thousands of rows become tuples.

    They hold no cycles, yet each allocation burst triggers collections that
    walk every tuple made so far: about a fifth of a large read, measured.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextmanager
def collector_running() -> Iterator[None]:
    """The collector on, inside a paused stretch: for work that may make cycles
    (setting Django up, migrating, re-planning a record)."""
    was_on = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_on:
            gc.disable()


def list_agenda(
    sql: Sql, owner_id: int | None, as_of: datetime | None, until: datetime | None,
    *, people: bool,
) -> Listing:
    """The actions open by `as_of` (or `until`, when later), as lines to print."""
    with collector_paused():
        return _list_agenda(sql, owner_id, as_of, until, people)


def _list_agenda(
    sql: Sql, owner_id: int | None, as_of: datetime | None, until: datetime | None,
    people: bool,
) -> Listing:
    found = None if owner_id is None else sql.rows(
        f"SELECT time_zone FROM followup_profile WHERE owner_id = {sql.ph}", [owner_id]
    )
    tz = found[0][0] if found else "UTC"
    moment = localize(as_of, tz) or datetime.now(UTC).replace(microsecond=0)
    end = localize(until, tz)
    if not found or owner_id is None:
        return Listing(moment, end, tz, False, [])
    horizon = moment if end is None else max(moment, end)
    entries = _stored(sql, owner_id, horizon, moment, people)
    entries += _planned(sql, owner_id, horizon, moment, people)
    # By due time, then key: two sorts on one plain key each are several times
    # faster than one on tuples (CPython compares floats and strings directly).
    entries.sort(key=itemgetter(1))
    entries.sort(key=itemgetter(0))
    has_record = bool(entries) or bool(sql.rows(
        f"SELECT 1 FROM {OPPORTUNITIES} WHERE owner_id = {sql.ph} LIMIT 1", [owner_id]
    ))
    return Listing(moment, end, tz, has_record, entries)


def due_rows(sql: Sql, owner_id: int, horizon: datetime, moment: datetime) -> tuple[str, list[Any]]:
    """Which opportunities may have an action open by `horizon`.

    The index was planned at `planned_at`; it is a lower bound only for a
    clock at or after that moment, so rows planned later are always read.
    A UNION of three index look-ups, because SQLite does not use the indexes
    for `owner AND (a OR b OR c)` and would scan the owner's whole history.
    """
    ph, table = sql.ph, OPPORTUNITIES
    where = (
        f"id IN (SELECT id FROM {table} WHERE owner_id = {ph} AND next_due_at <= {ph} "
        f"UNION SELECT id FROM {table} WHERE owner_id = {ph} AND planned_at > {ph} "
        f"UNION SELECT id FROM {table} WHERE owner_id = {ph} AND planned_at IS NULL)"
    )
    return where, [owner_id, sql.instant(horizon), owner_id, sql.instant(moment), owner_id]


def needs_planning(sql: Sql, owner_id: int, horizon: datetime, moment: datetime) -> bool:
    """Whether any of `due_rows` lacks a stored agenda trusted at `moment`.

    The same rows as `due_rows AND NOT trusted`, asked without its UNION: a
    row never planned or planned after `moment` is untrusted by definition,
    so only the index's due rows need the trust check. The UNION's temporary
    b-tree of ids cost a coach's `today` 5.3 ms here against 3.3.
    """
    ph, table = sql.ph, OPPORTUNITIES
    found = sql.rows(
        f"SELECT 1 FROM {table} WHERE owner_id = {ph} AND planned_at IS NULL "
        f"UNION ALL SELECT 1 FROM {table} WHERE owner_id = {ph} AND planned_at > {ph} "
        f"UNION ALL SELECT 1 FROM {table} WHERE owner_id = {ph} AND next_due_at <= {ph} "
        f"AND NOT {plan_cache.trusted(ph)} LIMIT 1",
        [owner_id, owner_id, sql.instant(moment), owner_id, sql.instant(horizon),
         *plan_cache.trusted_params(sql.instant(moment))],
    )
    return bool(found)


def _stored(
    sql: Sql, owner_id: int, horizon: datetime, moment: datetime, people: bool
) -> list[Entry]:
    """The stored actions of the rows whose stored agenda holds at `moment`.

    For people the rows come out of the database as entries, lateness made
    in SQL: a Python step per row was a tenth of a coach's `today`. `late` is
    then 0 or 1 (SQLite) or a bool.
    """
    ph = sql.ph
    now = moment.timestamp()
    columns = PEOPLE_COLUMNS if people else SCRIPT_COLUMNS
    wanted = ", ".join(f"{expression.format(ph=ph)} AS {name}" for expression, name, _ in columns)
    names = [name for _, name, _ in columns]
    trust = plan_cache.trusted(ph, "o")
    source = (f"FROM followup_planned_action a JOIN {OPPORTUNITIES} o ON o.id = a.opportunity_id "
              f"WHERE a.owner_id = {ph} AND a.earliest <= {ph}")
    clock, mine = ([now] if people else []), [owner_id, horizon.timestamp()]
    trusted = plan_cache.trusted_params(sql.instant(moment))
    if sql.vendor == "postgresql":
        # PostgreSQL guesses that the trust test keeps almost no opportunity
        # (a column equal to another: 0.5%), so it loops over every one of the
        # record's opportunities (8.6 ms on a long history). Tested as a column
        # of a subquery it may not flatten (OFFSET 0), the test stays out of
        # its estimate, and it reads the owner's stored actions first: 2.8 ms.
        query = (f"SELECT {', '.join(names)} FROM "
                 f"(SELECT {wanted}, {trust} AS trusted {source} OFFSET 0) s WHERE trusted")
        params = [*clock, *trusted, *mine]
    else:
        query, params = f"SELECT {wanted} {source} AND {trust}", [*clock, *mine, *trusted]
    if people:  # one joined value on PostgreSQL's lean client (`Sql.many`)
        return sql.many(query, params, [f"{name}:{kind}" for _, name, kind in columns])
    # The scripts' four columns, one of them a long JSON line, read faster as they are.
    late = plan_cache.late_line
    return [
        (due, key, entry if late_after is None or now <= late_after else late(entry))
        for due, key, late_after, entry in sql.rows(query, params)
    ]


def _planned(
    sql: Sql, owner_id: int, horizon: datetime, moment: datetime, people: bool
) -> list[Entry]:
    """Plan, as the agenda always did, the due rows the stored agenda does not cover."""
    if not needs_planning(sql, owner_id, horizon, moment):
        return []  # the usual case: nothing to plan, nothing of the domain to import
    due, params = due_rows(sql, owner_id, horizon, moment)
    where = f"{due} AND NOT {plan_cache.trusted(sql.ph)}"
    params += plan_cache.trusted_params(sql.instant(moment))
    from followup.store.reader import Reader

    reader = Reader(sql.cursor, sql.vendor, sql.ph)
    opportunities = reader.opportunities(where, params)
    from followup.domain.planner import plan_opportunity  # only when something is planned here
    from followup.domain.settings import Settings
    from followup.store import holiday_cache

    holiday_cache.install()
    profile = reader.profile(owner_id)
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
    from followup.domain.entries import describe, explained, headline, when
    from followup.domain.entry import short_id

    due = action.due.timestamp()
    if not people:
        return (due, action.key, plan_cache.json_line(action, opportunity))
    return (
        due, action.key, action.late, when(action.due, profile.time_zone, opportunity.time_zone),
        headline(opportunity), describe(action, opportunity), short_id(action.key),
        explained(action),
    )


def _document_parts(listing: Listing) -> list[str]:
    """`agenda --format json` in pieces: the layout of `cli.output.json_text`."""
    import json

    head = ["{\n", f'  "as_of": {json.dumps(listing.as_of.isoformat())}']
    if listing.until is not None:
        head.append(f',\n  "until": {json.dumps(listing.until.isoformat())}')
    if not listing.entries:
        return [*head, ',\n  "actions": []\n}']
    lines = ",\n    ".join([entry[2] for entry in listing.entries])
    return [*head, ',\n  "actions": [\n    ', lines, "\n  ]\n}"]


def agenda_document(listing: Listing) -> str:
    return "".join(_document_parts(listing))


def write_document(listing: Listing, out: IO[str] | None = None) -> None:
    """Print the document, newline-ended, without copying its megabytes again."""
    out = out or sys.stdout
    for part in _document_parts(listing):
        out.write(part)
    out.write("\n")
    out.flush()


def fast_listing(
    url: str, as_of: datetime | None, until: datetime | None, *, people: bool
) -> Listing | None:
    """The listing through a direct connection; None when Django must set up first."""
    from followup.store.direct import read_quickly

    return read_quickly(url, Sql, lambda sql: list_agenda(
        sql, sql.owner_id(), as_of, until, people=people))


def listing(
    owner: Owner, as_of: datetime | None, until: datetime | None, *, people: bool
) -> Listing:
    """The listing on Django's connection (the store is set up)."""
    from django.db import connection

    from followup.services.unit import snapshot

    with snapshot(), connection.cursor() as cursor:
        sql = Sql(cursor, connection.vendor)
        return list_agenda(sql, owner.pk, as_of, until, people=people)
