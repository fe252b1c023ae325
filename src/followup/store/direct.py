"""A direct DB-API connection for read-only commands that must start fast.

Returns None whenever the database needs Django's care first (a missing
SQLite file, a schema that is not migrated), and the caller then takes the
ordinary path through `followup.store.setup`. On PostgreSQL, `read_quickly`
tries the small libpq client (`store.libpq`) before psycopg.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from followup.store.config import BUSY_TIMEOUT, is_postgres, sqlite_path
from followup.store.sql import Sql

R = TypeVar("R", bound=Sql)
T = TypeVar("T")
# Reads map many pages: let SQLite map the file rather than copy each page in.
MMAP_BYTES = 1 << 30


@contextlib.contextmanager
def read_only(url: str, kind: Callable[[Any, str, str], R]) -> Iterator[R | None]:
    """A reader of `kind` (Sql or a subclass) inside one consistent read transaction, or None."""
    if is_postgres(url):
        with _postgres(url, kind) as reader:
            yield reader
        return
    path = sqlite_path(url)
    if not path.is_file():
        yield None
        return
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        cursor.execute("BEGIN")  # a WAL snapshot: blocks no writer
        reader = kind(cursor, "sqlite", "?")
        yield reader if _current(reader) else None
        cursor.execute("COMMIT")
    finally:
        connection.close()


@contextlib.contextmanager
def _postgres(url: str, kind: Callable[[Any, str, str], R]) -> Iterator[R | None]:
    import psycopg

    with psycopg.connect(url) as connection:
        connection.read_only = True
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with connection.cursor() as cursor:
            reader = kind(cursor, "postgresql", "%s")
            yield reader if _current(reader) else None
        connection.rollback()


def read_quickly(url: str, kind: Callable[[Any, str, str], R], work: Callable[[R], T]) -> T | None:
    """`work(reader)` inside one read transaction; None when Django must set up first.

    On PostgreSQL through `libpq`'s small client first (psycopg's import is
    most of a small read), then through psycopg if that client cannot do it.
    """
    if is_postgres(url):
        from followup.store import libpq

        try:
            with _lean_postgres(url, kind) as reader:
                return None if reader is None else work(reader)
        except libpq.Unavailable:
            pass
    with read_only(url, kind) as reader:
        return None if reader is None else work(reader)


@contextlib.contextmanager
def _lean_postgres(url: str, kind: Callable[[Any, str, str], R]) -> Iterator[R | None]:
    from followup.store import libpq

    connection = libpq.Connection(url)
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        reader = kind(cursor, "postgresql", "%s")
        current = _current(reader)
        if current and _large(reader, libpq.MAX_ROWS):
            raise libpq.Unavailable("a large stored agenda: psycopg reads it faster")
        yield reader if current else None
    finally:
        connection.close()  # ends the read-only transaction: nothing to commit


def _large(reader: Sql, rows: int) -> bool:
    """Whether the stored agenda holds `rows` actions or more, so that a coach's
    agenda goes to psycopg before its query runs. The table's size as the
    server last measured it (ANALYZE, after every import and by autovacuum)
    answers unless it is within 10% of `rows` or unknown; then a bounded
    count does (~1 ms on a long history). A wrong guess costs one capped query: the client
    stops at `rows` and the read goes to psycopg."""
    [(count,)] = reader.rows(
        "SELECT CASE WHEN c.reltuples >= 0 AND c.reltuples < %s THEN 0 "
        "WHEN c.reltuples >= %s THEN %s "
        f"ELSE (SELECT count(*) FROM (SELECT 1 FROM followup_planned_action LIMIT {rows}) AS s) "
        "END FROM pg_class c WHERE c.oid = 'followup_planned_action'::regclass",
        [rows * 0.9, rows * 1.1, rows],  # ANALYZE counts every row of a table this small
    )
    return bool(count >= rows)


def _current(reader: Sql) -> bool:
    from followup.store import latest_migration

    return reader.schema_is("store", latest_migration())
