"""The stored agenda: each open action of an opportunity, ready to print.

A cache of the plan (ARCHITECTURE.md, "Decisions"). When an opportunity is
written, its plan is made anyway (for the `next_due_at` index); its open
actions are then kept as the agenda prints them: the JSON entry of
CONTRACT.md, and the words `today` shows. A read applies its clock: an
action not yet late when stored is late once `now > late_after`, and the
actions shown are those with `earliest` inside the window. That is the
planner's own answer only while the clock lies in [planned_at,
plan_valid_until) and the planner and holiday data are those that made it
(`version`); any other row is planned afresh by the reader.

Django-free: the fast read path imports this, the writer passes its cursor.
"""

from __future__ import annotations

import json
import zlib
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the read path needs none of the domain
    from followup.domain import model as m

# One stored action: key, earliest, due, late_after (POSIX seconds; None: late
# already when stored), the JSON entry, then what `today` prints: due_text,
# headline, label, short_id, why.
StoredAction = tuple[str, float, float, float | None, str, str, str, str, str, str]
# In the JSON entry the first occurrence is the key itself: a quote inside a
# JSON string is always escaped, so no value can contain this text.
ON_TIME, LATE = ', "late": false, ', ', "late": true, '
COLUMNS = "key, earliest, due, late_after, entry, due_text, headline, label, short_id, why"


@cache
def version() -> str:
    """Names the planner and holiday data a stored plan was made with.

    A checksum of the domain package's files (the rules, the calendar, the
    wording, the entries) and the installed `holidays` release: any change
    to what a plan is made from makes the stored ones stale. (CRC-32s, not
    a cryptographic digest: this guards against change, not an adversary,
    and hashlib's import alone costs more than the whole check.)
    """
    from followup import domain
    from followup.store.holiday_cache import package_version

    parts = [package_version()]
    folder = Path(domain.__file__).parent
    for path in sorted(folder.iterdir()):
        if path.suffix == ".py":
            data = path.read_bytes()
            parts.append(f"{path.name}:{len(data)}:{zlib.crc32(data):08x}")
        elif path.suffix in (".so", ".pyd"):  # a compiled build: its identity, not its bytes
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def late_line(entry: str) -> str:
    """A stored entry (of an action on time when stored) as printed once it is late."""
    return entry.replace(ON_TIME, LATE, 1)


def json_line(action: m.Action, opportunity: m.Opportunity) -> str:
    """The action's agenda entry, exactly as `agenda --format json` prints it."""
    from followup.domain.entries import action_json

    return json.dumps(action_json(action, opportunity.time_zone), ensure_ascii=False)


def stored_actions(
    profile: m.Profile, opportunity: m.Opportunity, actions: list[m.Action], now: datetime
) -> list[StoredAction] | None:
    """The rows to keep for these actions planned at `now`; None if one cannot be kept.

    An action whose `late` is not `now > (latest or due)` would print wrongly
    at another clock, so its opportunity is then left to be planned at read time.
    """
    from followup.domain.entries import describe, explained, headline, when
    from followup.domain.entry import short_id

    now_stamp = now.timestamp()
    title = headline(opportunity)
    found: list[StoredAction] = []
    for action in actions:
        late_after = (action.latest if action.latest is not None else action.due).timestamp()
        if action.late != (now_stamp > late_after):
            return None
        # Lateness only ever sets in as the clock moves on, and a stored plan
        # is read only at clocks after it was made: an action late already
        # is kept as it prints (no `late_after`), only the others change.
        found.append((
            action.key, action.earliest.timestamp(), action.due.timestamp(),
            None if action.late else late_after, json_line(action, opportunity),
            when(action.due, profile.time_zone, opportunity.time_zone), title,
            describe(action, opportunity), short_id(action.key), explained(action),
        ))
    return found


def insert_sql(placeholder: str) -> str:
    marks = ", ".join([placeholder] * (2 + len(COLUMNS.split(","))))
    return (
        f"INSERT INTO followup_planned_action (owner_id, opportunity_id, {COLUMNS}) "
        f"VALUES ({marks})"
    )


def trusted(ph: str, table: str = "followup_opportunity") -> str:
    """SQL true for the opportunity rows whose stored agenda holds at a clock.

    Parameters: `version()`, then the clock twice (see `trusted_params`).
    """
    o = table
    return (
        f"(COALESCE({o}.plan_version, '') = {ph} AND {o}.planned_at IS NOT NULL "
        f"AND {o}.plan_cached_at IS NOT NULL AND {o}.plan_cached_at = {o}.planned_at "
        f"AND {o}.planned_at <= {ph} "
        f"AND ({o}.plan_valid_until IS NULL OR {o}.plan_valid_until > {ph}))"
    )


def trusted_params(instant: Any) -> list[Any]:
    return [version(), instant, instant]
