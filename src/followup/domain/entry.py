"""What a person types, read one way everywhere: local times, short ids, refs.

Pure: the clock and the zones are arguments. The command line and the web
app both call these, so a typed time or a short id means the same in each.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from followup.domain.calendar import zone
from followup.domain.limits import shown

SHORT_ID_LENGTH = 6
MIN_PREFIX = 3  # shorter prefixes match too much to be worth the guess
FUTURE_TOLERANCE = timedelta(days=1)


class EntryError(ValueError):
    """Something typed that cannot be read; the message says what and why."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A typed local time, made aware; `note` says when it had to choose."""

    moment: datetime
    note: str | None = None


def zone_label(name: str) -> str:
    """'America/New_York' -> 'New York time'; 'UTC' stays 'UTC'."""
    if "/" not in name:
        return name
    return name.rsplit("/", 1)[1].replace("_", " ") + " time"


def city(name: str) -> str:
    """'Europe/London' -> 'London' (for the employer's time shown beside yours)."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def read_local(typed: datetime, time_zone: str) -> Reading:
    """`typed` (no offset) on the clocks of `time_zone`.

    A time the clocks skip (spring forward) does not exist: refused. A time
    they show twice (fall back) is taken the first time, and the note says so.
    """
    if typed.tzinfo is not None:
        return Reading(typed)
    tz = zone(time_zone)
    first = typed.replace(tzinfo=tz, fold=0)
    second = typed.replace(tzinfo=tz, fold=1)
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    typed_text = typed.strftime("%Y-%m-%d %H:%M")
    if back != typed.replace(fold=0):
        raise EntryError(
            f"{typed_text} does not exist in {zone_label(time_zone)}: the clocks skip it "
            f"(daylight saving begins); give a time before or after the change"
        )
    if first.utcoffset() != second.utcoffset():
        return Reading(first, f"{typed_text} happens twice in {zone_label(time_zone)} (the clocks "
                              f"go back); taken as the first, {first.isoformat()}")
    return Reading(first)


def stamp(moment: datetime, time_zone: str, *, now: datetime | None = None) -> str:
    """'Wed 25 Nov 15:00 New York time' (the year too when it is not `now`'s)."""
    local = moment.astimezone(zone(time_zone))
    return f"{short_day(local, now)} {local:%H:%M} {zone_label(time_zone)}"


def short_day(local: datetime, now: datetime | None) -> str:
    shown = local.strftime("%a %d %b")
    if now is not None and local.year != now.astimezone(local.tzinfo).year:
        shown += f" {local.year}"
    return shown


def future_problem(at: datetime, now: datetime) -> str | None:
    """Why a touch dated `at` cannot have happened yet, or None when it can."""
    if at <= now + FUTURE_TOLERANCE:
        return None
    return (f"{at.isoformat()} is more than a day in the future (it is now "
            f"{now.astimezone(at.tzinfo).isoformat()}); a touch is something that happened: "
            f"check the year")


def short_id(key: str) -> str:
    """A short, stable id for an action key: the first hex digits of its hash.

    Derived, never stored, like git's abbreviated hashes: the same key always
    gives the same id, so reading the agenda stays a read.
    """
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:SHORT_ID_LENGTH]


def resolve_key(token: str, keys: Iterable[str]) -> str:
    """The one key `token` names: the key itself, its short id (or a prefix of
    it), or an unambiguous prefix of the key."""
    token = token.strip()
    candidates = sorted(set(keys))
    if token in candidates:
        return token
    by_id = [k for k in candidates if len(token) >= MIN_PREFIX and short_id(k).startswith(token)]
    by_prefix = [k for k in candidates if k.startswith(token)]
    found = sorted(set(by_id) | set(by_prefix))
    if len(found) == 1:
        return found[0]
    if not found:
        hint = did_you_mean(token, candidates, cutoff=0.9)  # keys share long prefixes
        raise EntryError(f"no open action {shown(token)}{hint} (see `followup today`)")
    listed = ", ".join(f"{short_id(k)} {k}" for k in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    raise EntryError(f"{shown(token)} could be {len(found)} actions: {listed}{more}; "
                     "type more of it")


def did_you_mean(word: str, known: Sequence[str], cutoff: float = 0.6) -> str:
    """'; did you mean 'fenwick'?' for a near miss, else ''."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return f"; did you mean {close[0]!r}?" if close else ""


def not_found(what: str, ref: str, known: Sequence[str]) -> str:
    """"no opportunity 'fenwik'; did you mean 'fenwick'?"."""
    return f"no {what} {shown(ref)}{did_you_mean(ref, known)}"


def zone_for(choice: str | None, own_zone: str, employer_zone: str | None) -> str:
    """Which clock a typed time is read on: yours unless `choice` says
    'employer' (the opportunity's zone) or names an IANA zone."""
    if choice is None or choice == "":
        return own_zone
    if choice == "employer":
        if employer_zone is None:
            raise EntryError("--tz employer: this command has no employer to read it for")
        return employer_zone
    try:
        zone(choice)
    except (KeyError, ValueError, OSError):
        raise EntryError(f"--tz: unknown time zone {shown(choice)} (an IANA name such as "
                         f"Europe/London, or 'employer')") from None
    return choice


def beside(moment: datetime, own_zone: str, employer_zone: str | None,
           now: datetime | None = None) -> str:
    """'Mon 30 Nov 04:00 (09:00 London)': your clock, the employer's beside it
    when it reads differently."""
    mine = moment.astimezone(zone(own_zone))
    shown = f"{short_day(mine, now)} {mine:%H:%M}"
    if employer_zone is None or employer_zone == own_zone:
        return shown
    theirs = moment.astimezone(zone(employer_zone))
    if theirs.utcoffset() == mine.utcoffset():
        return shown
    day = "" if theirs.date() == mine.date() else f"{theirs:%a} "
    return f"{shown} ({day}{theirs:%H:%M} {city(employer_zone)})"
