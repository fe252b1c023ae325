"""What mail left for the user to decide: the questions Today asks.

- a reply the sync logged whose meaning nobody gave yet (no outcome, no new
  date, nothing said since), with the date it names when it names one;
- an outbox message left `uncertain` (it may or may not have gone out);
- an address that bounced, at an opportunity still in play;
- someone new at an employer who wrote: a contact to accept or dismiss.

Read with plain SQL through `store.sql.Sql`, so `followup today` asks these
through its direct connection (no Django), and the web app through
Django's. Nothing here writes; each question says how it is answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from followup.store.sql import Sql

# A reply nobody gave a meaning for a fortnight is not asked about any more:
# by then the plan has moved on with it (R14 stopped the cadence already).
REPLY_WINDOW = timedelta(days=14)
# model.CLOSED_STAGES as plain words: importing the model is a cost `today` need
# not pay here (a test keeps the two the same).
CLOSED = ("hired", "rejected", "withdrawn", "closed_no_response", "offer")
OUTCOMES = "next_round|delayed|rejected|offer"


@dataclass(frozen=True, slots=True)
class Reply:
    opportunity: str
    number: int  # its # in `followup show`, the one `edit touch` takes
    name: str | None  # who wrote, when a known contact
    at: datetime
    summary: str | None
    suggested: date | None  # the day the reply names, for the user to confirm

    def command(self) -> str:
        base = f"followup edit touch {self.opportunity} {self.number}"
        if self.suggested is not None:
            return f"{base} --decision-expected {self.suggested.isoformat()}"
        return f"{base} --outcome {OUTCOMES}"


@dataclass(frozen=True, slots=True)
class Uncertain:
    message_id: str
    to: str
    subject: str
    at: datetime

    def command(self) -> str:
        return f"followup outbox resolve {self.message_id} --sent|--resend|--drop"


@dataclass(frozen=True, slots=True)
class Bounced:
    opportunity: str
    contact: str
    name: str
    email: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Suggested:
    id: int
    opportunity: str
    name: str
    email: str

    def command(self) -> str:
        return (f"followup suggested accept {self.email} [--role ROLE]` or "
                f"`followup suggested dismiss {self.email}")


@dataclass(frozen=True, slots=True)
class Questions:
    time_zone: str = "UTC"
    replies: list[Reply] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)
    bounced: list[Bounced] = field(default_factory=list)
    suggested: list[Suggested] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.replies or self.uncertain or self.bounced or self.suggested)


def questions(reader: Sql, owner_id: int, as_of: datetime) -> Questions:
    zones = reader.rows(
        f"SELECT time_zone FROM followup_profile WHERE owner_id = {reader.ph}", [owner_id])
    return Questions(
        time_zone=zones[0][0] if zones else "UTC",
        replies=_replies(reader, owner_id, as_of),
        uncertain=_uncertain(reader, owner_id),
        bounced=_bounced(reader, owner_id),
        suggested=_suggested(reader, owner_id),
    )


def _in_play(reader: Sql) -> str:
    return "o.stage NOT IN (" + ", ".join(f"'{stage}'" for stage in CLOSED) + ")"


def _replies(reader: Sql, owner_id: int, as_of: datetime) -> list[Reply]:
    ph = reader.ph
    found = reader.rows(
        'SELECT t.id, t.opportunity_id, o.ref, t."at", t.at_offset, t.summary, c.name, c.email '
        "FROM followup_touch t JOIN followup_opportunity o ON o.id = t.opportunity_id "
        "LEFT JOIN followup_contact c ON c.id = t.contact_id "
        f"WHERE t.owner_id = {ph} AND t.kind = 'response' AND t.direction = 'in' "
        "AND t.message_id IS NOT NULL AND t.outcome IS NULL "
        f'AND t.decision_expected IS NULL AND {_in_play(reader)} AND t."at" > {ph} '
        f'AND t."at" <= {ph} ORDER BY t."at", t.id',
        [owner_id, reader.instant(as_of - REPLY_WINDOW), reader.instant(as_of)])
    if not found:
        return []
    later = _numbers_and_answers(reader, sorted({row[1] for row in found}))
    replies = []
    for pk, opportunity_id, ref, at, offset, summary, name, email in found:
        number, answered = later[opportunity_id][pk]
        if answered:
            continue
        moment = _aware(at, offset)
        replies.append(Reply(ref, number, name, moment, summary,
                             _named(summary, moment, email or "")))
    return replies


def _numbers_and_answers(reader: Sql, opportunity_ids: list[int]
                         ) -> dict[int, dict[int, tuple[int, bool]]]:
    """Per opportunity, each touch's number and whether a later answer gave a meaning."""
    marks = ", ".join([reader.ph] * len(opportunity_ids))
    rows = reader.rows(
        "SELECT opportunity_id, id, direction, outcome, decision_expected FROM followup_touch "
        f"WHERE opportunity_id IN ({marks}) ORDER BY id", list(opportunity_ids))
    touches: dict[int, list[tuple[int, bool]]] = {}
    for opportunity_id, pk, direction, outcome, decision in rows:
        meaning = direction == "in" and (outcome is not None or decision is not None)
        touches.setdefault(opportunity_id, []).append((pk, meaning))
    found: dict[int, dict[int, tuple[int, bool]]] = {}
    for opportunity_id, listed in touches.items():
        places = found.setdefault(opportunity_id, {})
        for n, (pk, _) in enumerate(listed, start=1):
            places[pk] = (n, any(meaning for _, meaning in listed[n:]))
    return found


def _uncertain(reader: Sql, owner_id: int) -> list[Uncertain]:
    return [Uncertain(message_id, to, subject, _aware(at, None)) for message_id, to, subject, at
            in reader.rows(
                "SELECT message_id, to_email, subject, COALESCE(claimed_at, send_at) "
                f"FROM followup_outbox WHERE owner_id = {reader.ph} AND state = 'uncertain' "
                "ORDER BY send_at, id", [owner_id])]


def _bounced(reader: Sql, owner_id: int) -> list[Bounced]:
    return [Bounced(ref, contact, name, email, _aware(at, offset))
            for ref, contact, name, email, at, offset in reader.rows(
                "SELECT o.ref, c.ref, c.name, c.email, c.email_bounced_at, "
                "c.email_bounced_at_offset FROM followup_contact c "
                "JOIN followup_opportunity o ON o.id = c.opportunity_id "
                f"WHERE c.owner_id = {reader.ph} AND c.email_bounced_at IS NOT NULL "
                f"AND c.email IS NOT NULL AND {_in_play(reader)} ORDER BY o.ref, c.ref",
                [owner_id])]


def _suggested(reader: Sql, owner_id: int) -> list[Suggested]:
    return [Suggested(*row) for row in reader.rows(
        "SELECT s.id, s.opportunity_ref, s.name, s.email FROM followup_suggested_contact s "
        "JOIN followup_opportunity o ON o.owner_id = s.owner_id AND o.ref = s.opportunity_ref "
        f"WHERE s.owner_id = {reader.ph} AND s.state = 'open' AND {_in_play(reader)} "
        "ORDER BY s.seen_at, s.id", [owner_id])]


def _aware(value: Any, offset: int | None) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:  # SQLite keeps naive UTC
        moment = moment.replace(tzinfo=UTC)
    if offset is not None:
        moment = moment.astimezone(timezone(timedelta(seconds=offset)))
    return moment


def _named(summary: str | None, at: datetime, sender: str) -> date | None:
    if not summary:
        return None
    from followup.services.mail_classify import us_dates
    from followup.transports.mail_away import named_day

    return named_day(summary, at.date(), us_dates=us_dates(sender))


def read_questions(url: str, as_of: datetime) -> Questions:
    """The questions from the record at `url`, through a direct connection
    (on PostgreSQL the lean libpq one `today`'s listing uses)."""
    from followup.store.direct import read_quickly

    def asked(reader: Sql) -> Questions:
        owner_id = reader.owner_id()
        return Questions() if owner_id is None else questions(reader, owner_id, as_of)

    return read_quickly(url, Sql, asked) or Questions()
