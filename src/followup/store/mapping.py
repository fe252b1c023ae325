"""Rows to domain dataclasses and back.

Reading goes through `reader.Reader` on Django's connection: a few flat
queries (one per table, each filtered by a subquery on the opportunities
wanted), the same code the fast agenda path runs without Django. Writing
replaces an opportunity's children wholesale from its dataclass, in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from followup.domain import model as m
from followup.store import models as db
from followup.store.reader import Reader

COLUMNS = (
    "company", "role", "via", "culture", "channel", "time_zone", "country", "subdivision",
    "stage", "settings",
)
CHUNK = 500


def offset_of(moment: datetime) -> int:
    delta = moment.utcoffset()
    if delta is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: needs a UTC offset")
    return int(delta.total_seconds())


def maybe_offset(moment: datetime | None) -> int | None:
    return None if moment is None else offset_of(moment)


# Reading ------------------------------------------------------------------


def load_opportunities(selection: QuerySet[db.Opportunity]) -> list[m.Opportunity]:
    """The opportunities of `selection` (ordered as stored), children included."""
    try:
        sql, params = selection.values("id").query.sql_with_params()
    except EmptyResultSet:  # `ref__in=[]`: a selection that can match nothing
        return []
    with connection.cursor() as cursor:
        return Reader(cursor, connection.vendor).opportunities(f"id IN ({sql})", list(params))


def notes_to_json(notes: m.InterviewNotes) -> dict[str, Any]:
    data: dict[str, Any] = {
        "learned": notes.learned,
        "moments": dict(notes.moments),
        "concerns": notes.concerns,
        "skills": notes.skills,
        "attach": list(notes.attach),
        "next_steps": notes.next_steps,
    }
    return {name: value for name, value in data.items() if value not in (None, {}, [])}


def load_profile(owner: db.Owner) -> m.Profile:
    with connection.cursor() as cursor:
        return Reader(cursor, connection.vendor).profile(owner.pk)


def save_profile(owner: db.Owner, profile: m.Profile) -> None:
    db.Profile.objects.update_or_create(
        owner=owner,
        defaults={
            "name": profile.name, "email": profile.email, "phone": profile.phone,
            "time_zone": profile.time_zone, "playbook": profile.playbook.value,
            "signature": profile.signature, "settings": dict(profile.settings),
        },
    )


# Writing ------------------------------------------------------------------


def opportunity_columns(opportunity: m.Opportunity) -> dict[str, Any]:
    return {
        "company": opportunity.company, "role": opportunity.role,
        "via": opportunity.via.value,
        "culture": None if opportunity.culture is None else opportunity.culture.value,
        "channel": opportunity.channel.value, "time_zone": opportunity.time_zone,
        "country": opportunity.country, "subdivision": opportunity.subdivision,
        "stage": opportunity.stage.value, "settings": dict(opportunity.settings),
    }


def delete_children(opportunity_ids: Sequence[int]) -> None:
    """Remove what hangs off these opportunities (children go before parents)."""
    for start in range(0, len(opportunity_ids), CHUNK):
        chunk = opportunity_ids[start : start + CHUNK]
        # Raw deletes: the rows that point at these are deleted just before.
        db.Interviewer.objects.filter(interview__opportunity_id__in=chunk)._raw_delete("default")
        db.Request.objects.filter(interview__opportunity_id__in=chunk)._raw_delete("default")
        db.Touch.objects.filter(opportunity_id__in=chunk)._raw_delete("default")
        db.Decision.objects.filter(opportunity_id__in=chunk)._raw_delete("default")
        db.StageChange.objects.filter(opportunity_id__in=chunk)._raw_delete("default")
        db.ShareItem.objects.filter(opportunity_id__in=chunk)._raw_delete("default")
        db.Interview.objects.filter(opportunity_id__in=chunk)._raw_delete("default")
        db.Contact.objects.filter(opportunity_id__in=chunk)._raw_delete("default")
        db.PlannedAction.objects.filter(opportunity_id__in=chunk)._raw_delete("default")


def insert_children(owner: db.Owner, pairs: Iterable[tuple[int, m.Opportunity]]) -> None:
    """Insert every child row of the given (row id, opportunity) pairs, in bulk."""
    pairs = list(pairs)
    contacts = [
        (pk, c.ref, db.Contact(
            owner=owner, opportunity_id=pk, ref=c.ref, name=c.name, title=c.title,
            email=c.email, phone=c.phone, linkedin=c.linkedin, org=c.org.value,
            roles=[r.value for r in c.roles], email_bounced_at=c.email_bounced_at,
            email_bounced_at_offset=maybe_offset(c.email_bounced_at),
        ))
        for pk, opportunity in pairs for c in opportunity.contacts
    ]
    db.Contact.objects.bulk_create([row for _, _, row in contacts], batch_size=CHUNK)
    contact_ids = {(pk, ref): row.pk for pk, ref, row in contacts}
    interviews = [
        (pk, i, db.Interview(
            owner=owner, opportunity_id=pk, ref=i.ref, round=i.round, format=i.format.value,
            start=i.start, start_offset=offset_of(i.start), end=i.end,
            end_offset=offset_of(i.end), decision_expected=i.decision_expected,
            notes=notes_to_json(i.notes), cancelled=i.cancelled, invite_uid=i.invite_uid,
            invite_sequence=i.invite_sequence,
        ))
        for pk, opportunity in pairs for i in opportunity.interviews
    ]
    db.Interview.objects.bulk_create([row for _, _, row in interviews], batch_size=CHUNK)
    _insert_interview_children(owner, interviews, contact_ids)
    _insert_opportunity_children(owner, pairs, contact_ids)


def _insert_interview_children(
    owner: db.Owner,
    interviews: list[tuple[int, m.Interview, db.Interview]],
    contact_ids: dict[tuple[int, str], int],
) -> None:
    panel = [
        db.Interviewer(owner=owner, interview_id=row.pk, contact_id=contact_ids[(pk, ref)])
        for pk, interview, row in interviews for ref in interview.interviewers
    ]
    db.Interviewer.objects.bulk_create(panel, batch_size=CHUNK)
    requests = [
        db.Request(
            owner=owner, interview_id=row.pk, ref=r.ref, what=r.what,
            requester_id=None if r.requester is None else contact_ids[(pk, r.requester)],
            channel=r.channel.value, asked_at=r.asked_at, asked_at_offset=offset_of(r.asked_at),
            delivered_at=r.delivered_at, delivered_at_offset=maybe_offset(r.delivered_at),
        )
        for pk, interview, row in interviews for r in interview.requests
    ]
    db.Request.objects.bulk_create(requests, batch_size=CHUNK)


def _insert_opportunity_children(
    owner: db.Owner,
    pairs: list[tuple[int, m.Opportunity]],
    contact_ids: dict[tuple[int, str], int],
) -> None:
    touches = [
        db.Touch(
            owner=owner, opportunity_id=pk, at=t.at, at_offset=offset_of(t.at),
            kind=t.kind.value, direction=t.direction.value,
            contact_id=None if t.contact is None else contact_ids[(pk, t.contact)],
            channel=None if t.channel is None else t.channel.value, summary=t.summary,
            callback_on=t.callback_on, decision_expected=t.decision_expected,
            outcome=None if t.outcome is None else t.outcome.value,
            message_id=t.message_id, return_on=t.return_on,
        )
        for pk, opportunity in pairs for t in opportunity.touches
    ]
    db.Touch.objects.bulk_create(touches, batch_size=CHUNK)
    share = [
        db.ShareItem(owner=owner, opportunity_id=pk, title=s.title, url=s.url, note=s.note)
        for pk, opportunity in pairs for s in opportunity.share
    ]
    db.ShareItem.objects.bulk_create(share, batch_size=CHUNK)
    decisions = [
        db.Decision(
            owner=owner, opportunity_id=pk, key=d.key, kind=d.kind.value, at=d.at,
            at_offset=offset_of(d.at), until=d.until, until_offset=maybe_offset(d.until),
            why=d.why,
        )
        for pk, opportunity in pairs for d in opportunity.decisions
    ]
    db.Decision.objects.bulk_create(decisions, batch_size=CHUNK)
    db.StageChange.objects.bulk_create([
        db.StageChange(
            owner=owner, opportunity_id=pk, at=c.at, at_offset=offset_of(c.at),
            stage_from=None if c.previous is None else c.previous.value, stage_to=c.stage.value,
        )
        for pk, opportunity in pairs for c in opportunity.stage_changes
    ], batch_size=CHUNK)
