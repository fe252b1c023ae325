"""The record on disk (a Django app): models, migrations, domain mapping.

`setup(url)` is the one door in: it configures Django the first time (and
only then imports it, so commands that need no database stay fast), points
the default connection at `url`, and migrates a database that is new or
behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from followup.store.config import (
    database_config,
    default_db_url,
    describe,
    is_postgres,
    sqlite_path,
    sqlite_read_only,
)
from followup.store.errors import ReadOnlyRecord

MIGRATIONS = Path(__file__).parent / "migrations"
_current: dict[str, str] = {}
_migrated: set[str] = set()


def latest_migration() -> str:
    names = sorted(p.stem for p in MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.py"))
    return names[-1]


def setup(url: str | None = None) -> str:
    """Configure Django for `url` (default: FOLLOWUP_DB or the user's file)."""
    url = url or default_db_url()
    if not is_postgres(url):
        _prepare_sqlite_file(sqlite_path(url))
    config = database_config(url)
    from django.conf import settings

    if not settings.configured:
        import django

        from followup.settings import settings_for

        settings.configure(**settings_for(url))
        django.setup(set_prefix=False)
    elif _current.get("url") != url:
        _switch(config)
    _current["url"] = url
    _current["read_only"] = "yes" if _read_only(url) else ""
    from followup.store import holiday_cache

    holiday_cache.install()
    if url not in _migrated:
        migrate_if_behind(url)
        _rebuild_stale()
        _migrated.add(url)
    return url


def _rebuild_stale() -> None:
    """Re-plan stored agendas a new planner made stale or the clock expired.

    Asked cheaply first: the planner is imported only when a row needs it.
    """
    from datetime import UTC, datetime

    from followup.store.staleness import any_expired

    now = datetime.now(UTC)
    if any_expired(now):
        from followup.store.index import rebuild_stale

        rebuild_stale(now)


SQLITE_HEADER = b"SQLite format 3\x00"


def _prepare_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise ValueError(f"{path} is a folder, not a database file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise ValueError(f"cannot read {path}: {error.strerror}") from None
        if head and head != SQLITE_HEADER:  # an empty file is a new database
            raise ValueError(f"{path} is not a followup record (not a SQLite database file)")
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValueError(f"cannot create {path.parent}: {error.strerror}") from None
    if not os.access(path.parent, os.W_OK):
        raise ValueError(f"cannot create a record in {path.parent}: permission denied")


def _read_only(url: str) -> bool:
    return not is_postgres(url) and sqlite_read_only(sqlite_path(url))


def current_url() -> str | None:
    """The database `setup` last pointed at, if any."""
    return _current.get("url")


def describe_current() -> str:
    return describe(_current.get("url", ""))


def check_writable() -> None:
    """Refuse, with one clear line, to change a record opened read-only."""
    if _current.get("read_only"):
        where = describe(_current["url"])
        raise ReadOnlyRecord(
            f"the record {where} is read-only (no write permission on the file or its "
            "folder): reading works, changes are refused"
        )


def _switch(config: dict[str, object]) -> None:
    """Point the default connection at another database (tests, several --db)."""
    from django.db import connections

    connections.close_all()
    connections.settings["default"] = connections.configure_settings({"default": config})[
        "default"
    ]
    with contextlib.suppress(AttributeError):
        del connections["default"]


def is_current(url: str) -> bool:
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM django_migrations WHERE app = %s AND name = %s",
                ["store", latest_migration()],
            )
            return cursor.fetchone() is not None
    except DatabaseError:
        return False


def migrate_if_behind(url: str) -> None:
    if is_current(url):
        return
    if _read_only(url):
        raise ReadOnlyRecord(
            f"the record {describe(url)} needs an upgrade to this version of followup "
            f"(migration {latest_migration()}), and it is read-only: open it once with "
            "write permission, or use the version that wrote it"
        )
    with _migration_lock(url):
        if is_current(url):  # another process migrated while we waited
            return
        from django.core.management import call_command

        call_command("migrate", "store", verbosity=0, interactive=False)
        from followup.store.index import reindex

        reindex(only_missing=True)


@contextlib.contextmanager
def _migration_lock(url: str) -> Iterator[None]:
    """One migrating process at a time: two at once would both create tables."""
    if is_postgres(url):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(hashtext('followup-migrate'))")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtext('followup-migrate'))")
        return
    try:
        import fcntl
    except ImportError:  # no advisory locks (Windows): one process at a time is up to the user
        yield
        return
    fd = os.open(str(sqlite_path(url)) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
