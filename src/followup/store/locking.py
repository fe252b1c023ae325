"""One writer at a time per owner, on both databases.

SQLite serialises writers by itself: every write transaction starts with
BEGIN IMMEDIATE, which takes the database's write lock. PostgreSQL locks
rows, and a write that creates new refs has no row to lock yet, so two
imports into one record could both insert the same ref (or delete children
the other is inserting). Each write transaction therefore first takes a
transaction-scoped advisory lock on its owner: one owner's writes queue up,
different owners' writes still run side by side.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.db import DatabaseError, OperationalError, connection, transaction

from followup.store import check_writable, describe_current, revision
from followup.store.errors import ReadOnlyRecord

F = TypeVar("F", bound=Callable[..., Any])
OWNER_LOCKS = 0x666F6C6C  # "foll": our key space among the server's advisory locks
RETRIES = 4


def lock_owner(owner_id: int) -> None:
    """Wait for, then hold until commit, the right to change this owner's record."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [OWNER_LOCKS, owner_id % 2**31])


@contextlib.contextmanager
def writing(owner_id: int) -> Iterator[None]:
    """A write transaction on one owner's record: all or nothing, one writer at a time."""
    check_writable()
    try:
        with transaction.atomic():
            lock_owner(owner_id)
            yield
            # Last, after the rows it changed: the same lock order as index.refresh.
            revision.bump(owner_id)
    except DatabaseError as error:
        if _read_only_refusal(error):
            raise ReadOnlyRecord(
                f"the record {describe_current()} is read-only: reading works, "
                "changes are refused"
            ) from None
        raise


def retried(function: F) -> F:
    """Run a whole write again when the database gave up on it to break a
    deadlock or a serialization conflict; the retry sees the other's result."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        if connection.in_atomic_block:  # inside someone's transaction: theirs to retry
            return function(*args, **kwargs)
        for attempt in range(RETRIES):
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                if attempt == RETRIES - 1 or not _conflict(error):
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover

    return run  # type: ignore[return-value]


def _sqlstate(error: BaseException) -> str | None:
    cause = error.__cause__
    return getattr(cause, "sqlstate", None)


def _conflict(error: DatabaseError) -> bool:
    # 40001 serialization_failure, 40P01 deadlock_detected
    return _sqlstate(error) in {"40001", "40P01"}


def _read_only_refusal(error: DatabaseError) -> bool:
    # 25006 read_only_sql_transaction (PostgreSQL); SQLite says it in words.
    return _sqlstate(error) == "25006" or "readonly database" in str(error)
