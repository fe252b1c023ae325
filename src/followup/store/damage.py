"""Rows holding dates the record cannot use, found and mended (`followup doctor`).

Before the accepted range (domain.limits: 1970-01-01 to 2199-12-31) was
checked on input, a record could take a snooze until 9999-12-31 or a touch in
year 1; on PostgreSQL such a row then breaks every read ("timestamp too
large"), on SQLite the planner's arithmetic overflows. These queries look at
the stored values as the database sees them (never converting them to
Python first, which is what fails), so they work on a record nothing else
can read. Mending moves each value to the nearest end of the range (a
nullable one to null when it is the deadline index, which is then rebuilt).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection

from followup.domain import limits

# table, column, offset column (None for dates), how the opportunity is reached
INSTANT, DAY, INDEX = "instant", "date", "index"
COLUMNS: tuple[tuple[str, str, str | None, str], ...] = (
    ("followup_interview", "start", "start_offset", INSTANT),
    ("followup_interview", "end", "end_offset", INSTANT),
    ("followup_interview", "decision_expected", None, DAY),
    ("followup_request", "asked_at", "asked_at_offset", INSTANT),
    ("followup_request", "delivered_at", "delivered_at_offset", INSTANT),
    ("followup_touch", "at", "at_offset", INSTANT),
    ("followup_touch", "callback_on", None, DAY),
    ("followup_touch", "decision_expected", None, DAY),
    ("followup_decision", "at", "at_offset", INSTANT),
    ("followup_decision", "until", "until_offset", INSTANT),
    ("followup_opportunity", "next_due_at", None, INDEX),
    ("followup_opportunity", "planned_at", None, INDEX),
)
MAX_OFFSET_SECONDS = int(limits.MAX_OFFSET.total_seconds())
# The latest instant kept when mending, to the second, as the record shows it.
LATEST = datetime(2199, 12, 31, 23, 59, 59, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Damage:
    table: str
    row: int
    column: str
    value: str
    opportunity: str | None
    too_early: bool
    too_late: bool

    def describe(self) -> str:
        where = f" (opportunity {self.opportunity})" if self.opportunity else ""
        return (f"{self.table} row {self.row}{where}: {self.column} {self.value} is out of "
                f"range ({limits.RANGE_TEXT})")


def _q(name: str) -> str:
    return f'"{name}"'


def _bounds(kind: str) -> tuple[Any, Any]:
    if kind == DAY:
        low: Any = limits.EARLIEST_DATE
        high: Any = limits.LATEST_DATE
    else:
        low, high = limits.EARLIEST_INSTANT, limits.LATEST_INSTANT
    if connection.vendor == "sqlite":  # Django keeps UTC text there: compare as text
        if kind == DAY:
            return low.isoformat(), high.isoformat()
        return (str(low.replace(tzinfo=None)), str(high.replace(tzinfo=None)))
    return low, high


def _opportunity_sql(table: str) -> str:
    if table == "followup_opportunity":
        return "t.ref"
    if table == "followup_request":
        return ("(SELECT o.ref FROM followup_interview i JOIN followup_opportunity o "
                "ON o.id = i.opportunity_id WHERE i.id = t.interview_id)")
    return "(SELECT o.ref FROM followup_opportunity o WHERE o.id = t.opportunity_id)"


def find(owner_id: int) -> list[Damage]:
    """Every stored date of this owner outside the accepted range, in table order."""
    found: list[Damage] = []
    with connection.cursor() as cursor:
        for table, column, offset, kind in COLUMNS:
            low, high = _bounds(kind)
            bad_offset = f" OR ABS(t.{_q(offset)}) > {MAX_OFFSET_SECONDS}" if offset else ""
            cursor.execute(
                f"SELECT t.id, CAST(t.{_q(column)} AS TEXT), t.{_q(column)} < %s, "
                f"t.{_q(column)} > %s, {_opportunity_sql(table)} FROM {table} t "
                f"WHERE t.owner_id = %s AND (t.{_q(column)} < %s OR t.{_q(column)} > %s"
                f"{bad_offset}) ORDER BY t.id",
                [low, high, owner_id, low, high],
            )
            for row, value, early, late, ref in cursor.fetchall():
                found.append(Damage(table, row, column, value, ref, bool(early), bool(late)))
    return found


def repair(owner_id: int, damaged: list[Damage]) -> None:
    """Mend these rows (inside the caller's transaction), then mark their
    opportunities for re-indexing."""
    with connection.cursor() as cursor:
        for item in damaged:
            kind, offset = _kind_of(item.table, item.column)
            if kind == INDEX:
                cursor.execute(
                    f"UPDATE {item.table} SET next_due_at = NULL, planned_at = NULL "
                    "WHERE id = %s", [item.row])
                continue
            if item.too_early or item.too_late:
                value = _mended(kind, item.too_early)
                sets = f"{_q(item.column)} = %s" + (f", {_q(offset)} = 0" if offset else "")
                cursor.execute(f"UPDATE {item.table} SET {sets} WHERE id = %s", [value, item.row])
            elif offset:  # only the UTC offset was out of range: the instant stays
                cursor.execute(f"UPDATE {item.table} SET {_q(offset)} = 0 WHERE id = %s",
                               [item.row])
        # An interview whose end moved before its start ends when it starts.
        cursor.execute(
            'UPDATE followup_interview SET "end" = start, end_offset = start_offset '
            'WHERE owner_id = %s AND "end" < start', [owner_id])
        refs = sorted({item.opportunity for item in damaged if item.opportunity})
        if refs:
            marks = ", ".join(["%s"] * len(refs))
            cursor.execute(
                "UPDATE followup_opportunity SET planned_at = NULL "
                f"WHERE owner_id = %s AND ref IN ({marks})", [owner_id, *refs])


def _kind_of(table: str, column: str) -> tuple[str, str | None]:
    for name, col, offset, kind in COLUMNS:
        if (name, col) == (table, column):
            return kind, offset
    raise KeyError(f"{table}.{column}")


def _mended(kind: str, too_early: bool) -> date | datetime:
    if kind == DAY:
        return limits.EARLIEST_DATE if too_early else limits.LATEST_DATE
    return limits.EARLIEST_INSTANT if too_early else LATEST
