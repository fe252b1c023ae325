"""An invitation uploaded on the web app (issue 14): the `import-invite` service,
its errors in the command line's words, and nothing written on an error.

When no opportunity fits the invitation's people, the page asks instead of
failing: pick one of yours, or start a new one from the invitation. The
file rides along in the question's form (base64), so the answer needs no
second upload and nothing is kept on the server in between.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from followup.services import invites, read
from followup.services.errors import ServiceError
from followup.web.common import moment, now, owner_of, signed_in

MAX_INVITATION = 10 * 1024 * 1024
AUTO, CREATE, REF = "auto", "create", "ref:"


@require_http_methods(["GET", "POST"])
@signed_in
def import_invite(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    chosen = request.POST.get("target") or _target_of(request.GET.get("opportunity"))
    if chosen == REF:  # "another of mine:" and the select beside it
        chosen += request.POST.get("other", "")
    context: dict[str, Any] = {"nav": "exchange", "error": None, "result": None,
                               "question": None, "target": chosen,
                               "refs": read.opportunity_refs(owner)}
    if request.method == "GET":
        return TemplateResponse(request, "web/import_invite.html", context)
    data, context["error"] = _uploaded(request)
    if data is not None:
        try:
            result = invites.import_invite(owner, data, now=now(), **_choice(chosen))
        except invites.NoOpportunityMatch as unclear:
            context["question"] = {"data": base64.b64encode(data).decode("ascii"),
                                   "candidates": unclear.candidates, "message": str(unclear)}
        except ServiceError as problem:
            context["error"] = f"{problem} (nothing was imported)"
        else:
            context["result"] = _summary(result, read.profile(owner).time_zone)
    status = 400 if context["error"] else 200
    return TemplateResponse(request, "web/import_invite.html", context, status=status)


def _target_of(ref: str | None) -> str:
    return f"{REF}{ref}" if ref else AUTO


def _choice(target: str) -> dict[str, Any]:
    """`target` as the service's arguments: auto, create, or ref:REF."""
    if target == CREATE:
        return {"create": True}
    if target.startswith(REF) and target != REF:
        return {"opportunity": target.removeprefix(REF)}
    return {}


def _uploaded(request: HttpRequest) -> tuple[bytes | None, str | None]:
    """The file's bytes (uploaded, or carried by the question's form), or an error."""
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size is not None and upload.size > MAX_INVITATION:
            return None, "the file is larger than 10 MB"
        return upload.read(), None
    carried = request.POST.get("data", "")
    if not carried:
        return None, "choose an invitation file (.ics or .eml) to import"
    try:
        return base64.b64decode(carried, validate=True), None
    except (binascii.Error, ValueError):
        return None, "the form lost the file: choose it again"


def _summary(result: invites.InviteResult, my_zone: str) -> dict[str, Any]:
    """What the command line prints, for the page."""
    applied, o = result.applied, result.opportunity
    interview = applied.interview
    coordinator = o.contact(applied.coordinator)
    return {
        "result": applied.result, "o": o, "interview": interview,
        "start": moment(interview.start, my_zone, o.time_zone),
        "end": moment(interview.end, my_zone, o.time_zone),
        "interviewers": [o.contact(r) for r in interview.interviewers],
        "coordinator": coordinator, "added": list(applied.added),
        "created_opportunity": result.created_opportunity, "reason": applied.reason,
        "warnings": list(result.invitation.warnings),
    }
