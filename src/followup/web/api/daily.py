"""The contract's endpoints: agenda, done/skip/snooze, drafts, check, import, export."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from followup.domain.messages import KINDS
from followup.services import actions, compose, exchange, read
from followup.services.drafting import run_check
from followup.services.errors import ServiceError
from followup.services.explain import Explanation, explain
from followup.services.listing import agenda_document, listing, localize
from followup.web.api import schemas as s
from followup.web.common import now

router = Router(tags=["daily"])
ERRORS: dict[int, Any] = {400: s.Error, 401: s.Error, 404: s.Error}


def as_json(document: Any, status: int = 200) -> HttpResponse:
    """The document exactly as the command line writes it: the response schema
    documents it, but its validation would drop fields the contract adds freely."""
    return HttpResponse(json.dumps(document, ensure_ascii=False), status=status,
                        content_type="application/json")


def owner_of(request: HttpRequest) -> Any:
    return request.owner  # type: ignore[attr-defined]


def instant(text: str | None, tz: str, name: str) -> datetime | None:
    if text is None or text == "":
        return None
    try:
        return localize(datetime.fromisoformat(text.strip()), tz)
    except ValueError:
        raise ServiceError(f"{name}: not an ISO 8601 date and time: {text!r}") from None


def _zone(request: HttpRequest) -> str:
    return read.profile(owner_of(request)).time_zone


@router.get("/agenda", response={200: s.Agenda, **ERRORS})
def get_agenda(request: HttpRequest, as_of: str | None = None,
               until: str | None = None) -> Any:
    """The agenda, exactly as `followup agenda --format json`: the same text,
    read as the command reads it, from the stored agenda (services.listing)."""
    tz = _zone(request)
    result = listing(owner_of(request), instant(as_of, tz, "as_of"), instant(until, tz, "until"),
                     people=False)
    return HttpResponse(agenda_document(result) + "\n", content_type="application/json")


@router.get("/export", response={200: s.Document, **ERRORS})
def get_export(request: HttpRequest) -> Any:
    """The whole record as an exchange document, as `followup export`."""
    return HttpResponse(exchange.export_document(owner_of(request)),
                        content_type="application/json")


@router.post("/import", response={200: s.Imported, **ERRORS},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {"type": "object"}}}}})
def post_import(request: HttpRequest) -> Any:
    """Load an exchange document: all or nothing; the error names the JSON path."""
    result = exchange.import_document(owner_of(request), request.body, now=now())
    return as_json({"created": result.created, "updated": result.updated})


def full_key(request: HttpRequest, key: str) -> str:
    """The action's whole key, from the key, its short id or a prefix (as the CLI takes)."""
    return actions.find_action(owner_of(request), key, now()).action.key


@router.post("/actions/{path:key}/done", response={200: s.Result, **ERRORS})
def post_done(request: HttpRequest, key: str, body: s.Done | None = None) -> Any:
    body = body or s.Done()
    tz = _zone(request)
    full = full_key(request, key)
    actions.done(owner_of(request), full, now=now(), at=localize(body.at, tz), kind=body.kind,
                 summary=body.summary, callback_on=body.callback_on)
    return as_json({"result": "done", "key": full})


@router.post("/actions/{path:key}/skip", response={200: s.Result, **ERRORS})
def post_skip(request: HttpRequest, key: str, body: s.Skip) -> Any:
    full = full_key(request, key)
    actions.skip(owner_of(request), full, now=now(), why=body.why)
    return as_json({"result": "skipped", "key": full})


@router.post("/actions/{path:key}/snooze", response={200: s.Result, **ERRORS})
def post_snooze(request: HttpRequest, key: str, body: s.Snooze) -> Any:
    until = localize(body.until, _zone(request))
    assert until is not None
    full = full_key(request, key)
    actions.snooze(owner_of(request), full, until=until, now=now(), why=body.why)
    return as_json({"result": "snoozed", "key": full})


@router.get("/drafts/{path:key}", response={200: s.Draft, **ERRORS})
def get_draft(request: HttpRequest, key: str, as_of: str | None = None) -> Any:
    """The draft, as `followup draft KEY --format json`."""
    moment = instant(as_of, _zone(request), "as_of") or now()
    _, document = compose.draft_for(owner_of(request), key, moment)
    return as_json(document)


@router.post("/check", response={200: s.Findings, **ERRORS})
def post_check(request: HttpRequest, body: s.CheckIn) -> Any:
    """The courtesy checks on your own text, as `followup check --format json`."""
    if body.kind not in KINDS:
        raise ServiceError(f"kind: unknown kind {body.kind!r} (choose from {', '.join(KINDS)})")
    return as_json(json.loads(run_check(body.kind, body.text, fmt="json")))


@router.get("/actions/{path:key}/why", response={200: s.Why, **ERRORS})
def get_why(request: HttpRequest, key: str, as_of: str | None = None) -> Any:
    """Why the action is planned, and when: the explanation `followup why KEY` prints."""
    moment = instant(as_of, _zone(request), "as_of") or now()
    return as_json(why_json(explain(owner_of(request), key, moment)))


def why_json(found: Explanation) -> dict[str, Any]:
    a = found.action
    return {
        "key": a.key, "short_id": found.short_id, "opportunity": a.opportunity,
        "kind": a.kind.value, "rule": a.rule, "title": found.rule_title,
        "text": found.rule_text, "why": a.why, "sources": list(a.sources),
        "earliest": a.earliest.isoformat(), "due": a.due.isoformat(),
        "latest": a.latest.isoformat() if a.latest else None,
        "computed_from": [{"what": what, "at": at.isoformat()} for what, at in found.dates],
        "playbook": found.playbook,
        "settings": {name: _plain(value) for name, value in found.settings},
    }


def _plain(value: object) -> object:
    """A setting's value as JSON holds it: enums by their value, the rest as text."""
    value = getattr(value, "value", value)
    return value if isinstance(value, bool | int | float | str) or value is None else str(value)
