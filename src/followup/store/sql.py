"""Plain SQL through a DB-API cursor, the same on SQLite and PostgreSQL.

The base of `reader.Reader`, on its own so that a read that needs no domain
values (the stored agenda) does not import the domain's dataclasses.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


class Sql:
    def __init__(self, cursor: Any, vendor: str, placeholder: str = "%s") -> None:
        self.cursor = cursor
        self.vendor = vendor
        self.ph = placeholder

    def instant(self, moment: datetime) -> Any:
        """A query parameter compared with a stored datetime column."""
        if self.vendor == "sqlite":  # Django stores naive UTC text there
            return str(moment.astimezone(UTC).replace(tzinfo=None))
        return moment

    def schema_is(self, app: str, migration: str) -> bool:
        try:
            return bool(self.rows(
                f"SELECT 1 FROM django_migrations WHERE app = {self.ph} AND name = {self.ph}",
                [app, migration],
            ))
        except Exception:  # no table yet: a database never migrated
            return False

    def rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        self.cursor.execute(sql, params)
        return list(self.cursor.fetchall())

    def many(self, sql: str, params: list[Any], columns: list[str]) -> list[tuple[Any, ...]]:
        """`rows` for a query that may return thousands of rows. `columns`
        names its columns with their kinds (`due:float`, `key:text`,
        `late:bool`): the lean PostgreSQL client reads such a result as one
        joined value (`libpq.Cursor.execute_joined`)."""
        joined = getattr(self.cursor, "execute_joined", None)
        if joined is None:
            return self.rows(sql, params)
        joined(sql, params, columns)
        return list(self.cursor.fetchall())

    def owner_id(self, name: str = "local") -> int | None:
        found = self.rows(f"SELECT id FROM followup_owner WHERE name = {self.ph}", [name])
        return found[0][0] if found else None
