"""The Mail page: the outbox (cancel a scheduled message, answer for an uncertain
one) and the suggested contacts (accept or dismiss), through the services
behind `followup outbox` and `followup suggested`. Every row is looked up
through its owner: another owner's message or suggestion is a 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from followup.domain import model as m
from followup.services import mail_suggested, outbox
from followup.services.errors import NotFound, ServiceError
from followup.services.read import profile
from followup.web.common import now, owner_of, signed_in

HOW = ("sent", "resend", "drop")
ROLES = [(r.value, r.value.replace("_", " ")) for r in m.Role]


def _page(request: HttpRequest, error: str | None = None, status: int = 200) -> HttpResponse:
    owner = owner_of(request)
    rows = [_with_when_shown(row) for row in outbox.listing(owner, profile(owner).time_zone)]
    context: dict[str, Any] = {
        "nav": "mail", "rows": rows, "error": error, "roles": ROLES,
        "suggested": mail_suggested.listing(owner),
        "highlight": request.GET.get("message"), "done": request.GET.get("done"),
    }
    return TemplateResponse(request, "web/mail.html", context, status=status)


def _with_when_shown(row: dict[str, object]) -> dict[str, object]:
    """The row's moment (ISO, in the user's zone) as the other pages write one."""
    from datetime import datetime

    at = row.get("at")
    shown = f"{datetime.fromisoformat(at):%a %d %b %H:%M}" if isinstance(at, str) and at else ""
    return {**row, "when": shown}


@require_GET
@signed_in
def mail_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@signed_in
def cancel(request: HttpRequest) -> HttpResponse:
    return _outbox_answer(request, lambda owner, mid: outbox.cancel(owner, mid, now=now()))


@require_POST
@signed_in
def resolve(request: HttpRequest) -> HttpResponse:
    how = request.POST.get("how", "")
    if how not in HOW:
        return _page(request, "say what happened: --sent, --resend or --drop", 400)
    return _outbox_answer(request,
                          lambda owner, mid: outbox.resolve(owner, mid, how, now=now()))


def _outbox_answer(request: HttpRequest, answer: Any) -> HttpResponse:
    message_id = request.POST.get("message_id", "").strip()
    try:
        row = answer(owner_of(request), message_id)
    except NotFound:
        raise Http404("no such message") from None
    except ServiceError as problem:
        return _page(request, str(problem), 400)
    return HttpResponseRedirect(f"/mail/?done={row.state}#outbox", status=303)


def _suggestion(request: HttpRequest, pk: int) -> Any:
    try:
        return mail_suggested.by_id(owner_of(request), pk)
    except NotFound:
        raise Http404("no such suggestion") from None


@require_POST
@signed_in
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    row = _suggestion(request, pk)
    roles = [r for r in request.POST.getlist("role") if r]
    known = {value for value, _ in ROLES}
    bad = [r for r in roles if r not in known]
    if bad:
        return _page(request, f"--role: {bad[0]!r} is not one of {', '.join(sorted(known))}",
                     400)
    try:
        mail_suggested.accept(owner_of(request), row, now=now(),
                              roles=[m.Role(r) for r in roles])
    except ServiceError as problem:
        return _page(request, str(problem), 400)
    return HttpResponseRedirect(f"/o/{quote(row.opportunity_ref, safe='/')}", status=303)


@require_POST
@signed_in
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    row = _suggestion(request, pk)
    mail_suggested.dismiss(owner_of(request), row, now=now())
    return HttpResponseRedirect("/mail/?done=dismissed#suggested", status=303)
