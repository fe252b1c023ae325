"""Problems with the record itself, as opposed to the user's input.

The command line prints them as one plain line (no traceback, nothing
logged): each says what is wrong with the record and what to do about it.
"""

from __future__ import annotations


class StoreProblem(RuntimeError):
    """The record cannot be used as asked; the message says why and what to do."""

    exit_code = 1


class ReadOnlyRecord(StoreProblem):
    """A write to a record the user may only read (file permissions, a read-only server)."""

    exit_code = 2


class DamagedRecord(StoreProblem):
    """A row holds a value the record cannot read back (a date out of range)."""
