"""`today` reads its cells from one covering index on SQLite (migration 0011)."""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, run, sqlite_template  # noqa: F401

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from synthetic import make_record

WRITTEN = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)


def _import(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import import_record

    import_record(owner, make_record(30, seed=11, now=WRITTEN), now=WRITTEN)


def _today(url: str, clock: datetime) -> str:
    return run(url, "today", "--as-of", clock.isoformat(), "--days", "30").output


def _plan_of_todays_query(path: str, clock: datetime) -> str:
    """What SQLite does with the query `today` runs, captured as it runs it."""
    from followup.services import listing
    from followup.store.direct import read_quickly
    from followup.store.sql import Sql

    seen: list[str] = []

    def listing_of(sql: Sql) -> object:
        original = sql.rows

        def rows(query: str, params: list[object]) -> list[tuple[object, ...]]:
            if "FROM followup_planned_action a" in query:
                seen.extend(row[3] for row in sql.cursor.execute(
                    f"EXPLAIN QUERY PLAN {query}", params).fetchall())
            return original(query, params)

        sql.rows = rows  # type: ignore[method-assign]
        return listing.list_agenda(sql, sql.owner_id(), clock, clock + timedelta(days=30),
                                   people=True)

    assert read_quickly(path, Sql, listing_of) is not None
    return " | ".join(seen)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_todays_cells_come_from_the_covering_index_and_print_the_same(owner, db_url) -> None:  # type: ignore[no-untyped-def]
    _import(owner)
    clock = WRITTEN + timedelta(hours=3)
    assert "COVERING INDEX planned_action_today" in _plan_of_todays_query(db_url, clock)
    with_index = _today(db_url, clock)
    assert with_index.count("\n") > 40
    with sqlite3.connect(db_url) as connection:
        connection.execute("DROP INDEX planned_action_today")
    assert "planned_action_today" not in _plan_of_todays_query(db_url, clock)
    assert _today(db_url, clock) == with_index


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_the_index_is_sqlites_alone(db_url) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL caps a b-tree entry at ~2.7 kB, which a long why can pass."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'planned_action_today'")
            (sql,) = cursor.fetchone()
            assert "owner_id, due, key, earliest" in sql and "why" in sql
        else:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'planned_action_today'")
            assert cursor.fetchone() is None
