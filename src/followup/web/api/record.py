"""Every daily command beyond the contract: opportunities, contacts, interviews
with their notes, requests, touches and responses, stages, the profile.

Specific paths come before `/opportunities/{ref}`: a ref may contain `/`,
and Django routes by the first pattern that matches.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router

from followup.domain import model as m
from followup.services import delete, documents, edit, read, rename
from followup.services.errors import ServiceError
from followup.services.listing import localize
from followup.web.api import schemas as s
from followup.web.api.daily import ERRORS, as_json, owner_of
from followup.web.common import now

router = Router(tags=["record"])
Opportunity = s.Document


def _zone_of(request: HttpRequest, ref: str) -> str:
    return read.opportunity(owner_of(request), ref, now()).opportunity.time_zone


def _document(request: HttpRequest, ref: str) -> dict[str, Any]:
    return documents.opportunity_document(owner_of(request), ref, now())


def _notes(notes: s.NotesIn | None) -> m.InterviewNotes:
    if notes is None:
        return m.InterviewNotes()
    return m.InterviewNotes(learned=notes.learned, moments=dict(notes.moments),
                            concerns=notes.concerns, skills=notes.skills,
                            attach=tuple(notes.attach), next_steps=notes.next_steps)


@router.post("/opportunities/{path:ref}/contacts", response={201: Opportunity, **ERRORS})
def add_contact(request: HttpRequest, ref: str, body: s.ContactIn) -> Any:
    values = body.dict()
    values["roles"] = tuple(m.Role(r) for r in values["roles"])
    edit.add_contact(owner_of(request), ref, m.Contact(**values), now=now())
    return as_json(_document(request, ref), 201)


@router.patch("/opportunities/{path:ref}/contacts/{contact}", response={200: Opportunity,
                                                                         **ERRORS})
def edit_contact(request: HttpRequest, ref: str, contact: str, body: s.ContactPatch) -> Any:
    changes = body.dict(exclude_unset=True)
    if changes.get("roles") is not None:
        changes["roles"] = tuple(m.Role(r) for r in changes["roles"])
    edit.edit_contact(owner_of(request), ref, contact, changes, now=now())
    return as_json(_document(request, ref))


@router.post("/opportunities/{path:ref}/interviews/{interview}/requests",
             response={201: Opportunity, **ERRORS})
def add_request(request: HttpRequest, ref: str, interview: str, body: s.RequestIn) -> Any:
    tz = _zone_of(request, ref)
    values = body.dict()
    values["asked_at"] = localize(values["asked_at"], tz) or now()
    values["delivered_at"] = localize(values["delivered_at"], tz)
    edit.add_request(owner_of(request), ref, interview, m.Request(**values), now=now())
    return as_json(_document(request, ref), 201)


@router.patch("/opportunities/{path:ref}/requests/{request_ref}",
              response={200: Opportunity, **ERRORS})
def edit_request(request: HttpRequest, ref: str, request_ref: str,
                 body: s.RequestPatch) -> Any:
    """As `edit request`: e.g. `{"delivered_at": ...}` once you sent it."""
    tz = _zone_of(request, ref)
    changes = _typed(body.dict(exclude_unset=True), tz, {"channel": m.Channel})
    if changes.get("asked_at", "") is None:
        raise ServiceError("asked_at: a request keeps when it was asked")
    edit.edit_request(owner_of(request), ref, request_ref, changes, now=now())
    return as_json(_document(request, ref))


@router.patch("/opportunities/{path:ref}/touches/{number}",
              response={200: Opportunity, **ERRORS})
def edit_touch(request: HttpRequest, ref: str, number: int, body: s.TouchPatch) -> Any:
    """As `edit touch`: NUMBER is the touch's place in `touches`, from 1."""
    tz = _zone_of(request, ref)
    changes = _typed(body.dict(exclude_unset=True), tz, {
        "channel": m.Channel, "kind": m.TouchKind, "direction": m.Direction,
        "outcome": m.Outcome})
    if changes.get("at", "") is None or changes.get("kind", "") is None or \
            changes.get("direction", "") is None:
        raise ServiceError("at, kind and direction cannot be cleared")
    edit.edit_touch(owner_of(request), ref, number, changes, now=now())
    return as_json(_document(request, ref))


def _typed(changes: dict[str, Any], tz: str, enums: dict[str, type]) -> dict[str, Any]:
    out = {}
    for name, value in changes.items():
        if isinstance(value, datetime):
            value = localize(value, tz)
        elif name in enums and value is not None:
            value = enums[name](value)
        out[name] = value
    return out


@router.post("/opportunities/{path:ref}/interviews", response={201: Opportunity, **ERRORS})
def add_interview(request: HttpRequest, ref: str, body: s.InterviewIn) -> Any:
    tz = _zone_of(request, ref)
    values = body.dict(exclude={"notes"})
    values.update(start=localize(body.start, tz), end=localize(body.end, tz),
                  interviewers=tuple(body.interviewers), notes=_notes(body.notes))
    edit.add_interview(owner_of(request), ref, m.Interview(**values), now=now())
    return as_json(_document(request, ref), 201)


@router.patch("/opportunities/{path:ref}/interviews/{interview}",
              response={200: Opportunity, **ERRORS})
def edit_interview(request: HttpRequest, ref: str, interview: str,
                   body: s.InterviewPatch) -> Any:
    tz = _zone_of(request, ref)
    changes = body.dict(exclude_unset=True, exclude={"notes"})
    for name in ("start", "end"):
        if name in changes:
            changes[name] = localize(changes[name], tz)
    if changes.get("interviewers") is not None:
        changes["interviewers"] = tuple(changes["interviewers"])
    if "notes" in body.model_fields_set:
        changes["notes"] = _notes(body.notes)
    edit.edit_interview(owner_of(request), ref, interview, changes, now=now())
    return as_json(_document(request, ref))


@router.post("/opportunities/{path:ref}/touches", response={201: Opportunity, **ERRORS})
def log_touch(request: HttpRequest, ref: str, body: s.TouchIn) -> Any:
    """Log a touch, or the employer's response (kind `response`, always inbound)."""
    tz = _zone_of(request, ref)
    values = body.dict()
    direction = values.pop("direction")
    if direction is None:
        direction = m.Direction.IN if body.kind is m.TouchKind.RESPONSE else m.Direction.OUT
    values.update(at=localize(body.at, tz) or now(), direction=m.Direction(direction))
    edit.log_touch(owner_of(request), ref, m.Touch(**values), now=now())
    return as_json(_document(request, ref), 201)


@router.post("/opportunities/{path:ref}/stage", response={200: Opportunity, **ERRORS})
def set_stage(request: HttpRequest, ref: str, body: s.StageIn) -> Any:
    edit.set_stage(owner_of(request), ref, m.Stage(body.stage), now=now())
    return as_json(_document(request, ref))


# issue 12b: delete and rename, as `followup delete ...` and `edit ... --ref NEW`.
# The rename paths come before `/opportunities/{ref}` (a ref may hold '/'), the
# contact's before the opportunity's (`.../contacts/jane/rename` ends in /rename).
@router.post("/opportunities/{path:ref}/contacts/{contact}/rename",
             response={200: Opportunity, **ERRORS})
def rename_contact(request: HttpRequest, ref: str, contact: str, body: s.RenameIn) -> Any:
    """As `edit contact REF CONTACT --ref NEW`: renamed everywhere the record names it."""
    rename.rename_contact(owner_of(request), ref, contact, body.ref, now=now())
    return as_json(_document(request, ref))


@router.post("/opportunities/{path:ref}/rename", response={200: Opportunity, **ERRORS})
def rename_opportunity(request: HttpRequest, ref: str, body: s.RenameIn) -> Any:
    """As `edit opportunity REF --ref NEW`: its skips and snoozes follow the new keys."""
    rename.rename_opportunity(owner_of(request), ref, body.ref, now=now())
    return as_json(_document(request, body.ref))


@router.delete("/opportunities/{path:ref}/contacts/{contact}",
               response={200: Opportunity, **ERRORS})
def delete_contact(request: HttpRequest, ref: str, contact: str) -> Any:
    """As `delete contact`: off its interviews; touches with it stay, with no one named."""
    delete.delete_contact(owner_of(request), ref, contact, now=now())
    return as_json(_document(request, ref))


@router.delete("/opportunities/{path:ref}/interviews/{interview}",
               response={200: Opportunity, **ERRORS})
def delete_interview(request: HttpRequest, ref: str, interview: str) -> Any:
    """As `delete interview`: with its notes and requests; what it planned goes."""
    delete.delete_interview(owner_of(request), ref, interview, now=now())
    return as_json(_document(request, ref))


@router.delete("/opportunities/{path:ref}/requests/{request_ref}",
               response={200: Opportunity, **ERRORS})
def delete_request(request: HttpRequest, ref: str, request_ref: str) -> Any:
    """As `delete request`."""
    delete.delete_request(owner_of(request), ref, request_ref, now=now())
    return as_json(_document(request, ref))


@router.delete("/opportunities/{path:ref}/touches/{number}",
               response={200: Opportunity, **ERRORS})
def delete_touch(request: HttpRequest, ref: str, number: int) -> Any:
    """As `delete touch`: NUMBER is its place in `touches`, from 1."""
    delete.delete_touch(owner_of(request), ref, number, now=now())
    return as_json(_document(request, ref))


@router.get("/opportunities/{path:ref}", response={200: Opportunity, **ERRORS})
def get_opportunity(request: HttpRequest, ref: str) -> Any:
    """One opportunity as the exchange document writes it, with its planned actions."""
    return as_json(_document(request, ref))


@router.patch("/opportunities/{path:ref}", response={200: Opportunity, **ERRORS})
def edit_opportunity(request: HttpRequest, ref: str, body: s.OpportunityPatch) -> Any:
    changes = body.dict(exclude_unset=True)
    for name, kind in (("via", m.Via), ("culture", m.Culture),
                       ("channel", m.PreferredChannel), ("stage", m.Stage)):
        if changes.get(name) is not None:
            changes[name] = kind(changes[name])
    if "settings" in changes and changes["settings"] is None:
        changes["settings"] = {}
    edit.edit_opportunity(owner_of(request), ref, changes, now=now())
    return as_json(_document(request, ref))


@router.delete("/opportunities/{path:ref}", response={200: s.Deleted, **ERRORS})
def delete_opportunity(request: HttpRequest, ref: str) -> Any:
    """As `delete opportunity`: with everything in it."""
    delete.delete_opportunity(owner_of(request), ref)
    return as_json({"result": "deleted", "opportunity": ref})


@router.get("/opportunities", response={200: list[Opportunity], **ERRORS})
def list_opportunities(request: HttpRequest, stage: m.Stage | None = None) -> Any:
    return as_json(documents.opportunity_list(owner_of(request), now(),
                                              None if stage is None else {m.Stage(stage)}))


@router.post("/opportunities", response={201: Opportunity, **ERRORS})
def add_opportunity(request: HttpRequest, body: s.OpportunityIn) -> Any:
    values = body.dict()
    for name, kind in (("via", m.Via), ("culture", m.Culture),
                       ("channel", m.PreferredChannel), ("stage", m.Stage)):
        if values[name] is not None:
            values[name] = kind(values[name])
    edit.add_opportunity(owner_of(request), m.Opportunity(**values), now=now())
    return as_json(_document(request, body.ref), 201)


@router.get("/profile", response={200: s.Document, **ERRORS})
def get_profile(request: HttpRequest) -> Any:
    return as_json(documents.profile_document(owner_of(request)))


@router.put("/profile", response={200: s.Document, **ERRORS})
def put_profile(request: HttpRequest, body: s.ProfileIn) -> Any:
    current = read.profile(owner_of(request))
    new = replace(current, name=body.name, email=body.email, phone=body.phone,
                  time_zone=body.time_zone, playbook=m.PlaybookName(body.playbook),
                  signature=body.signature, settings=dict(body.settings))
    read.save_profile(owner_of(request), new, now=now())
    return as_json(documents.profile_document(owner_of(request)))
