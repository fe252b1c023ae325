"""Opportunities: the list (filtered by stage) and one opportunity's page."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from followup.domain import model as m
from followup.services import read
from followup.services.errors import NotFound
from followup.web.common import is_htmx, moment, now, owner_of, signed_in
from followup.web.views.today import action_view


@require_GET
@signed_in
def opportunities(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    chosen = [s for s in request.GET.getlist("stage") if s in m.Stage._value2member_map_]
    items = read.overview(owner, now(), stages={m.Stage(s) for s in chosen} or None)
    tz = read.profile(owner).time_zone
    rows: list[dict[str, Any]] = [{"o": item.opportunity,
             "next": action_view(item.next_action, item.opportunity, tz)
             if item.next_action else None} for item in items]
    rows.sort(key=lambda row: (row["o"].stage in m.CLOSED_STAGES, row["o"].company.lower()))
    context = {"rows": rows, "stages": [s.value for s in m.Stage], "chosen": chosen,
               "nav": "opportunities"}
    template = "web/_opportunity_rows.html" if is_htmx(request) else "web/opportunities.html"
    return TemplateResponse(request, template, context)


@require_GET
@signed_in
def opportunity(request: HttpRequest, ref: str) -> HttpResponse:
    owner = owner_of(request)
    try:
        item = read.opportunity(owner, ref, now())
    except NotFound:
        raise Http404(f"no opportunity {ref!r}") from None
    tz = read.profile(owner).time_zone
    o = item.opportunity
    context = {
        "o": o, "nav": "opportunities", "my_zone": tz,
        "planned": [action_view(a, o, tz) for a in item.actions],
        "timeline": timeline(o, tz),
        "interviews": [interview_view(i, o, tz) for i in o.interviews],
        "stages": [s.value for s in m.Stage],
    }
    return TemplateResponse(request, "web/opportunity.html", context)


def interview_view(interview: m.Interview, o: m.Opportunity, tz: str) -> dict[str, Any]:
    names = {c.ref: c.name for c in o.contacts}
    notes = interview.notes
    return {
        "i": interview, "start": moment(interview.start, tz, o.time_zone),
        "panel": [names.get(ref, ref) for ref in interview.interviewers],
        "moments": [(names.get(ref, ref), text) for ref, text in notes.moments.items()],
        "requests": [{"r": r, "from": names.get(r.requester or "", r.requester),
                      "delivered": moment(r.delivered_at, tz)} for r in interview.requests],
    }


def timeline(o: m.Opportunity, tz: str) -> list[dict[str, Any]]:
    """Interviews, requests, touches, stage changes and decisions, oldest first."""
    names = {c.ref: c.name for c in o.contacts}
    events: list[tuple[datetime, str, str, str | None]] = []
    for i in o.interviews:
        panel = ", ".join(names.get(r, r) for r in i.interviewers) or "nobody named"
        events.append((i.start, "interview",
                       f"Interview {i.ref} (round {i.round}, {i.format.value}) with {panel}",
                       f"interview-edit/?interview={quote(i.ref)}"))
        for r in i.requests:
            who = names.get(r.requester or "", "They")
            events.append((r.asked_at, "request", f"{who} asked for {r.what}",
                           f"request-edit/?request={quote(r.ref)}"))
    for n, t in enumerate(o.touches, start=1):
        who = names.get(t.contact or "", t.contact or "")
        arrow = "from" if t.direction is m.Direction.IN else "to"
        text = f"#{n} {t.kind.value.replace('_', ' ')} {arrow} {who}".rstrip()
        text += f" · outcome {t.outcome.value}" if t.outcome else ""
        text += f" · new date {t.decision_expected}" if t.decision_expected else ""
        text += f" · call-back {t.callback_on}" if t.callback_on else ""
        text += f" · {t.summary}" if t.summary else ""
        events.append((t.at, "in" if t.direction is m.Direction.IN else "out", text,
                       f"touch-edit/?touch={n}"))
    for c in o.stage_changes:
        events.append((c.at, "stage", stage_text(c), None))
    for d in o.decisions:
        until = f" until {moment(d.until, tz)}" if d.until else ""
        events.append((d.at, "decision", f"{d.kind.value} {d.key}{until}"
                       f"{': ' + d.why if d.why else ''}", None))
    events.sort(key=lambda event: event[0].timestamp())
    ref = quote(o.ref, safe="/")
    return [{"at": moment(at, tz), "kind": kind, "text": text,
             "edit": None if edit is None else _edit_url(edit, ref),
             "delete": None if edit is None else _delete_url(edit, ref)}
            for at, kind, text, edit in events]


def stage_text(change: m.StageChange) -> str:
    to = change.stage.value.replace("_", " ")
    if change.previous is None:
        return f"Stage set to {to}"
    return f"Stage moved from {change.previous.value.replace('_', ' ')} to {to}"


def _edit_url(form: str, ref: str) -> str:
    """`touch-edit/?touch=3` -> `/forms/touch-edit/REF?touch=3`."""
    name, query = form.split("/?", 1)
    return f"/forms/{name}/{ref}?{query}"


def _delete_url(form: str, ref: str) -> str:
    """`touch-edit/?touch=3` -> `/delete/touch/REF?touch=3` (the question first)."""
    name, query = form.split("/?", 1)
    return f"/delete/{name.removesuffix('-edit')}/{ref}?{query}"
