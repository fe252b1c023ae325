"""The record's revision: a number every write to an owner's record changes.

A reader that keeps what it made of the record (the web app's Today page)
compares it with the number it read then: equal means nothing was written
since. Each write sets a fresh random number rather than adding one, so a
record restored from a backup, or made again from scratch (tests truncate
and refill tables), never shows a number that once meant other rows. Set
inside the writer's transaction: a reader in a snapshot sees the number that
goes with the rows it reads.
"""

from __future__ import annotations

import random

from django.db import connection

SET = "UPDATE followup_owner SET revision = %s WHERE id = %s"


def bump(owner_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(SET, [random.getrandbits(62), owner_id])  # not a secret


def current(owner_id: int) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT revision FROM followup_owner WHERE id = %s", [owner_id])
        found = cursor.fetchone()
    return None if found is None else int(found[0])
