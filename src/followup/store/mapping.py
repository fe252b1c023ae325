"""Rows to domain dataclasses and back.

Reading uses a few flat queries (one per table, each filtered by a subquery
on the opportunities wanted) and builds the frozen dataclasses directly from
value tuples: the agenda's speed depends on it. Writing replaces an
opportunity's children wholesale from its dataclass, in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from typing import Any

from django.db.models import QuerySet

from followup.domain import model as m
from followup.store import models as db

OPPORTUNITY_FIELDS = (
    "id", "ref", "company", "role", "time_zone", "country", "subdivision", "via", "culture",
    "channel", "stage", "settings",
)  # fmt: skip
COLUMNS = (
    "company", "role", "via", "culture", "channel", "time_zone", "country", "subdivision",
    "stage", "settings",
)  # fmt: skip
CHUNK = 500


@cache
def _offset_zone(seconds: int) -> timezone:
    return UTC if seconds == 0 else timezone(timedelta(seconds=seconds))


def aware(instant: datetime, offset: int) -> datetime:
    """The stored instant back in the UTC offset it was written with."""
    return instant.astimezone(_offset_zone(offset))


def maybe_aware(instant: datetime | None, offset: int | None) -> datetime | None:
    return None if instant is None else aware(instant, offset or 0)


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
    rows = list(selection.order_by("id").values_list(*OPPORTUNITY_FIELDS))
    if not rows:
        return []
    ids = selection.values("id")
    contacts = _contacts(ids)
    refs = {cid: contact.ref for cid, (_, contact) in contacts.items()}
    by_opportunity: dict[int, list[m.Contact]] = defaultdict(list)
    for opportunity_id, contact in contacts.values():
        by_opportunity[opportunity_id].append(contact)
    interviews = _interviews(ids, refs)
    touches = _touches(ids, refs)
    share = _share(ids)
    decisions = _decisions(ids)
    return [
        m.Opportunity(
            ref=ref, company=company, role=role, time_zone=time_zone, country=country,
            subdivision=subdivision, via=m.Via(via),
            culture=None if culture is None else m.Culture(culture),
            channel=m.PreferredChannel(channel), stage=m.Stage(stage),
            contacts=tuple(by_opportunity.get(pk, ())),
            interviews=tuple(interviews.get(pk, ())),
            touches=tuple(touches.get(pk, ())),
            share=tuple(share.get(pk, ())),
            decisions=tuple(decisions.get(pk, ())),
            settings=settings or m.EMPTY,
        )  # fmt: skip
        for (pk, ref, company, role, time_zone, country, subdivision, via, culture, channel,
             stage, settings) in rows
    ]  # fmt: skip


def _contacts(ids: QuerySet[Any]) -> dict[int, tuple[int, m.Contact]]:
    query = db.Contact.objects.filter(opportunity_id__in=ids).order_by("id")
    found: dict[int, tuple[int, m.Contact]] = {}
    for pk, opp, ref, name, title, email, phone, linkedin, org, roles in query.values_list(
        "id", "opportunity_id", "ref", "name", "title", "email", "phone", "linkedin", "org",
        "roles",
    ):
        contact = m.Contact(
            ref=ref, name=name, title=title, email=email, phone=phone, linkedin=linkedin,
            org=m.Org(org), roles=tuple(m.Role(r) for r in roles),
        )  # fmt: skip
        found[pk] = (opp, contact)
    return found


def _interviews(ids: QuerySet[Any], refs: dict[int, str]) -> dict[int, list[m.Interview]]:
    panels: dict[int, list[str]] = defaultdict(list)
    panel_query = db.Interviewer.objects.filter(interview__opportunity_id__in=ids)
    for interview_id, contact_id in panel_query.order_by("id").values_list(
        "interview_id", "contact_id"
    ):
        panels[interview_id].append(refs[contact_id])
    requests: dict[int, list[m.Request]] = defaultdict(list)
    request_query = db.Request.objects.filter(interview__opportunity_id__in=ids).order_by("id")
    for interview_id, ref, what, requester, channel, asked, asked_off, done, done_off in (
        request_query.values_list(
            "interview_id", "ref", "what", "requester_id", "channel", "asked_at",
            "asked_at_offset", "delivered_at", "delivered_at_offset",
        )
    ):  # fmt: skip
        requests[interview_id].append(
            m.Request(
                ref=ref, what=what, requester=None if requester is None else refs[requester],
                channel=m.Channel(channel), asked_at=aware(asked, asked_off),
                delivered_at=maybe_aware(done, done_off),
            )  # fmt: skip
        )
    found: dict[int, list[m.Interview]] = defaultdict(list)
    query = db.Interview.objects.filter(opportunity_id__in=ids).order_by("id")
    for pk, opp, ref, rnd, fmt, start, start_off, end, end_off, decision, notes in (
        query.values_list(
            "id", "opportunity_id", "ref", "round", "format", "start", "start_offset", "end",
            "end_offset", "decision_expected", "notes",
        )
    ):  # fmt: skip
        found[opp].append(
            m.Interview(
                ref=ref, round=rnd, format=m.InterviewFormat(fmt), start=aware(start, start_off),
                end=aware(end, end_off), interviewers=tuple(panels.get(pk, ())),
                decision_expected=decision, requests=tuple(requests.get(pk, ())),
                notes=notes_from_json(notes),
            )  # fmt: skip
        )
    return found


def _touches(ids: QuerySet[Any], refs: dict[int, str]) -> dict[int, list[m.Touch]]:
    found: dict[int, list[m.Touch]] = defaultdict(list)
    query = db.Touch.objects.filter(opportunity_id__in=ids).order_by("id")
    for opp, at, at_off, kind, direction, contact, channel, summary, callback, decision, outcome in (
        query.values_list(
            "opportunity_id", "at", "at_offset", "kind", "direction", "contact_id", "channel",
            "summary", "callback_on", "decision_expected", "outcome",
        )
    ):  # fmt: skip
        found[opp].append(
            m.Touch(
                at=aware(at, at_off), kind=m.TouchKind(kind), direction=m.Direction(direction),
                contact=None if contact is None else refs[contact],
                channel=None if channel is None else m.Channel(channel), summary=summary,
                callback_on=callback, decision_expected=decision,
                outcome=None if outcome is None else m.Outcome(outcome),
            )  # fmt: skip
        )
    return found


def _share(ids: QuerySet[Any]) -> dict[int, list[m.ShareItem]]:
    found: dict[int, list[m.ShareItem]] = defaultdict(list)
    query = db.ShareItem.objects.filter(opportunity_id__in=ids).order_by("id")
    for opp, title, url, note in query.values_list("opportunity_id", "title", "url", "note"):
        found[opp].append(m.ShareItem(title=title, url=url, note=note))
    return found


def _decisions(ids: QuerySet[Any]) -> dict[int, list[m.Decision]]:
    found: dict[int, list[m.Decision]] = defaultdict(list)
    query = db.Decision.objects.filter(opportunity_id__in=ids).order_by("id")
    for opp, key, kind, at, at_off, until, until_off, why in query.values_list(
        "opportunity_id", "key", "kind", "at", "at_offset", "until", "until_offset", "why"
    ):
        found[opp].append(
            m.Decision(
                key=key, kind=m.DecisionKind(kind), at=aware(at, at_off),
                until=maybe_aware(until, until_off), why=why,
            )  # fmt: skip
        )
    return found


def notes_from_json(data: dict[str, Any]) -> m.InterviewNotes:
    if not data:
        return m.InterviewNotes()
    return m.InterviewNotes(
        learned=data.get("learned"),
        moments=data.get("moments") or m.EMPTY,
        concerns=data.get("concerns"),
        skills=data.get("skills"),
        attach=tuple(data.get("attach") or ()),
        next_steps=data.get("next_steps"),
    )


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
    row = db.Profile.objects.get(owner=owner)
    return m.Profile(
        name=row.name, email=row.email, phone=row.phone, time_zone=row.time_zone,
        playbook=m.PlaybookName(row.playbook), signature=row.signature,
        settings=row.settings or m.EMPTY,
    )  # fmt: skip


def save_profile(owner: db.Owner, profile: m.Profile) -> None:
    db.Profile.objects.update_or_create(
        owner=owner,
        defaults={
            "name": profile.name, "email": profile.email, "phone": profile.phone,
            "time_zone": profile.time_zone, "playbook": profile.playbook.value,
            "signature": profile.signature, "settings": dict(profile.settings),
        },
    )  # fmt: skip


# Writing ------------------------------------------------------------------


def opportunity_columns(opportunity: m.Opportunity) -> dict[str, Any]:
    return {
        "company": opportunity.company, "role": opportunity.role,
        "via": opportunity.via.value,
        "culture": None if opportunity.culture is None else opportunity.culture.value,
        "channel": opportunity.channel.value, "time_zone": opportunity.time_zone,
        "country": opportunity.country, "subdivision": opportunity.subdivision,
        "stage": opportunity.stage.value, "settings": dict(opportunity.settings),
    }  # fmt: skip


def delete_children(opportunity_ids: Sequence[int]) -> None:
    """Remove what hangs off these opportunities (children go before parents)."""
    for start in range(0, len(opportunity_ids), CHUNK):
        chunk = opportunity_ids[start : start + CHUNK]
        for model in (db.Interviewer, db.Request):
            model.objects.filter(interview__opportunity_id__in=chunk)._raw_delete("default")
        for model in (db.Touch, db.Decision, db.ShareItem, db.Interview, db.Contact):
            model.objects.filter(opportunity_id__in=chunk)._raw_delete("default")


def insert_children(owner: db.Owner, pairs: Iterable[tuple[int, m.Opportunity]]) -> None:
    """Insert every child row of the given (row id, opportunity) pairs, in bulk."""
    pairs = list(pairs)
    contacts = [
        (pk, c.ref, db.Contact(
            owner=owner, opportunity_id=pk, ref=c.ref, name=c.name, title=c.title,
            email=c.email, phone=c.phone, linkedin=c.linkedin, org=c.org.value,
            roles=[r.value for r in c.roles],
        ))
        for pk, opportunity in pairs for c in opportunity.contacts
    ]  # fmt: skip
    db.Contact.objects.bulk_create([row for _, _, row in contacts], batch_size=CHUNK)
    contact_ids = {(pk, ref): row.pk for pk, ref, row in contacts}
    interviews = [
        (pk, i, db.Interview(
            owner=owner, opportunity_id=pk, ref=i.ref, round=i.round, format=i.format.value,
            start=i.start, start_offset=offset_of(i.start), end=i.end,
            end_offset=offset_of(i.end), decision_expected=i.decision_expected,
            notes=notes_to_json(i.notes),
        ))
        for pk, opportunity in pairs for i in opportunity.interviews
    ]  # fmt: skip
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
    ]  # fmt: skip
    db.Interviewer.objects.bulk_create(panel, batch_size=CHUNK)
    requests = [
        db.Request(
            owner=owner, interview_id=row.pk, ref=r.ref, what=r.what,
            requester_id=None if r.requester is None else contact_ids[(pk, r.requester)],
            channel=r.channel.value, asked_at=r.asked_at, asked_at_offset=offset_of(r.asked_at),
            delivered_at=r.delivered_at, delivered_at_offset=maybe_offset(r.delivered_at),
        )
        for pk, interview, row in interviews for r in interview.requests
    ]  # fmt: skip
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
        )
        for pk, opportunity in pairs for t in opportunity.touches
    ]  # fmt: skip
    db.Touch.objects.bulk_create(touches, batch_size=CHUNK)
    share = [
        db.ShareItem(owner=owner, opportunity_id=pk, title=s.title, url=s.url, note=s.note)
        for pk, opportunity in pairs for s in opportunity.share
    ]  # fmt: skip
    db.ShareItem.objects.bulk_create(share, batch_size=CHUNK)
    decisions = [
        db.Decision(
            owner=owner, opportunity_id=pk, key=d.key, kind=d.kind.value, at=d.at,
            at_offset=offset_of(d.at), until=d.until, until_offset=maybe_offset(d.until),
            why=d.why,
        )
        for pk, opportunity in pairs for d in opportunity.decisions
    ]  # fmt: skip
    db.Decision.objects.bulk_create(decisions, batch_size=CHUNK)
