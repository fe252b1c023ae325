"""Writing the exchange document (`followup/1`): a `Record` out as JSON.

Every field of the contract is written, nulls and empty lists included, in
the contract's key order, and our additions after them: a stable shape that
diffs well and that scripts can read without guessing what is absent.
Values are written exactly as the record holds them, so that reading the
output gives the same record back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from followup.domain.model import (
    Contact,
    Decision,
    Interview,
    InterviewNotes,
    Opportunity,
    Profile,
    Record,
    Request,
    ShareItem,
    StageChange,
    Touch,
)
from followup.transports.exchange_values import FORMAT


def dump_document(record: Record) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "profile": _profile(record.profile),
        "opportunities": [_opportunity(opportunity) for opportunity in record.opportunities],
    }


def dumps_document(record: Record) -> str:
    return json.dumps(dump_document(record), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _plain(value: Any) -> Any:
    """A JSON value for a field value: enums by value, times in ISO 8601."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _settings(overrides: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _plain(value) for name, value in overrides.items()}


def _profile(profile: Profile) -> dict[str, Any]:
    return {
        "name": profile.name,
        "email": profile.email,
        "phone": profile.phone,
        "time_zone": profile.time_zone,
        "playbook": _plain(profile.playbook),
        "signature": profile.signature,
        "settings": _settings(profile.settings),
    }


def _opportunity(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "ref": opportunity.ref,
        "company": opportunity.company,
        "role": opportunity.role,
        "via": _plain(opportunity.via),
        "culture": _plain(opportunity.culture),
        "channel": _plain(opportunity.channel),
        "time_zone": opportunity.time_zone,
        "country": opportunity.country,
        "subdivision": opportunity.subdivision,
        "stage": _plain(opportunity.stage),
        "contacts": [_contact(contact) for contact in opportunity.contacts],
        "interviews": [_interview(interview) for interview in opportunity.interviews],
        "touches": [_touch(touch) for touch in opportunity.touches],
        "share": [_share(share) for share in opportunity.share],
        "decisions": [_decision(decision) for decision in opportunity.decisions],
        "settings": _settings(opportunity.settings),
        "stage_changes": [_stage_change(change) for change in opportunity.stage_changes],
    }


def _stage_change(change: StageChange) -> dict[str, Any]:
    return {"at": _plain(change.at), "from": _plain(change.previous), "to": _plain(change.stage)}


def _contact(contact: Contact) -> dict[str, Any]:
    return {
        "ref": contact.ref,
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone,
        "linkedin": contact.linkedin,
        "org": _plain(contact.org),
        "roles": [_plain(role) for role in contact.roles],
        "email_bounced_at": _plain(contact.email_bounced_at),
    }


def _interview(interview: Interview) -> dict[str, Any]:
    return {
        "ref": interview.ref,
        "round": interview.round,
        "format": _plain(interview.format),
        "start": _plain(interview.start),
        "end": _plain(interview.end),
        "interviewers": list(interview.interviewers),
        "decision_expected": _plain(interview.decision_expected),
        "requests": [_request(request) for request in interview.requests],
        "notes": _notes(interview.notes),
        "cancelled": interview.cancelled,
        "invite_uid": interview.invite_uid,
        "invite_sequence": interview.invite_sequence,
    }


def _request(request: Request) -> dict[str, Any]:
    return {
        "ref": request.ref,
        "what": request.what,
        "from": request.requester,
        "channel": _plain(request.channel),
        "asked_at": _plain(request.asked_at),
        "delivered_at": _plain(request.delivered_at),
    }


def _notes(notes: InterviewNotes) -> dict[str, Any]:
    return {
        "learned": notes.learned,
        "moments": dict(notes.moments),
        "concerns": notes.concerns,
        "skills": notes.skills,
        "attach": list(notes.attach),
        "next_steps": notes.next_steps,
    }


def _touch(touch: Touch) -> dict[str, Any]:
    return {
        "at": _plain(touch.at),
        "kind": _plain(touch.kind),
        "direction": _plain(touch.direction),
        "contact": touch.contact,
        "channel": _plain(touch.channel),
        "summary": touch.summary,
        "callback_on": _plain(touch.callback_on),
        "decision_expected": _plain(touch.decision_expected),
        "outcome": _plain(touch.outcome),
        "message_id": touch.message_id,
        "return_on": _plain(touch.return_on),
    }


def _share(share: ShareItem) -> dict[str, Any]:
    return {"title": share.title, "url": share.url, "note": share.note}


def _decision(decision: Decision) -> dict[str, Any]:
    return {
        "key": decision.key,
        "kind": _plain(decision.kind),
        "at": _plain(decision.at),
        "until": _plain(decision.until),
        "why": decision.why,
    }
