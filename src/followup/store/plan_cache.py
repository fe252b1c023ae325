"""The stored agenda: each open action of an opportunity, ready to print.

A cache of the plan (ARCHITECTURE.md, "Decisions"). When an opportunity is
written, its plan is made anyway (for the `next_due_at` index); its open
actions are then kept as the agenda prints them: the JSON entry of
CONTRACT.md in two parts around its `late` value, and the words `today`
shows. A read applies its clock: `late` is `now > late_after`, and the
actions shown are those with `earliest` inside the window. That is the
planner's own answer only while the clock lies in [planned_at,
plan_valid_until) and the planner and holiday data are those that made it
(`version`); any other row is planned afresh by the reader.

Django-free: the fast read path imports this, the writer passes its cursor.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from followup.domain import model as m
from followup.domain.entries import action_json, describe, when

# One stored action: key, earliest, due, late_after (POSIX seconds), the JSON
# entry before and after its `late` value, due_text, label, why.
StoredAction = tuple[str, float, float, float, str, str, str, str, str]
LATE = ', "late": '
COLUMNS = "key, earliest, due, late_after, entry_head, entry_tail, due_text, label, why"


@cache
def version() -> str:
    """Names the planner and holiday data a stored plan was made with.

    A digest of the domain package's files (the rules, the calendar, the
    wording, the entries) and of the installed `holidays` release: any
    change to what a plan is made from makes the stored ones stale.
    """
    from followup import domain
    from followup.store.holiday_cache import package_version

    digest = hashlib.sha256(package_version().encode())
    folder = Path(domain.__file__).parent
    for path in sorted(folder.iterdir()):
        if path.suffix == ".py":
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        elif path.suffix in (".so", ".pyd"):  # a compiled build: its identity, not its bytes
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def json_line(action: m.Action, opportunity: m.Opportunity) -> str:
    """The action's agenda entry, exactly as `agenda --format json` prints it."""
    return json.dumps(action_json(action, opportunity.time_zone), ensure_ascii=False)


def stored_actions(
    profile: m.Profile, opportunity: m.Opportunity, actions: list[m.Action], now: datetime
) -> list[StoredAction] | None:
    """The rows to keep for these actions planned at `now`; None if one cannot be kept.

    An action whose `late` is not `now > (latest or due)` would print wrongly
    at another clock, so its opportunity is then left to be planned at read time.
    """
    now_stamp = now.timestamp()
    found: list[StoredAction] = []
    for action in actions:
        late_after = (action.latest if action.latest is not None else action.due).timestamp()
        if action.late != (now_stamp > late_after):
            return None
        line = json_line(action, opportunity)
        cut = line.index(LATE)  # the first: a quote inside a string is always escaped
        value = cut + len(LATE)
        rest = line.index(",", value)
        found.append((
            action.key, action.earliest.timestamp(), action.due.timestamp(), late_after,
            line[:value], line[rest:], when(action.due, profile.time_zone),
            describe(action, opportunity), action.why,
        ))
    return found


def insert_sql(placeholder: str) -> str:
    marks = ", ".join([placeholder] * 11)
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
