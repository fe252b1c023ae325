"""Send and Schedule on the draft page: the same service as `followup send`.

The buttons post the draft form's subject and body as the user edited
them. A refusal (the checks found an error, the address bounced, mail is
not set up) shows the draft again with the reason, in the command line's
words, beside the buttons; "Send anyway" is `--force`. A message sent or
scheduled goes to the Mail page, which shows its state.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from followup.services import mail_account
from followup.services.errors import NotFound, ServiceError
from followup.store import models as db
from followup.web.common import is_htmx, moment, now, owner_of, signed_in

if TYPE_CHECKING:
    from followup.services.actions import Found

MAX_TEXT = 20_000


def sending(owner: db.Owner, found: Found, clock: datetime) -> dict[str, Any]:
    """What the draft page shows beside its Send buttons: is mail set up, the
    outbox rows already made for this action, and the end of the interview a
    thank-you waits for while it is still ahead (Send is then not offered)."""
    from followup.services.outbox import not_before

    key = found.action.key
    rows = db.OutboxMessage.objects.filter(owner=owner, key=key).order_by("send_at", "id")
    end = not_before(found.opportunity, found.action)
    return {"ready": mail_account.settings_of(owner) is not None,
            "rows": list(rows.values("message_id", "state", "send_at", "sent_at", "reason")),
            "not_before": moment(end, found.profile.time_zone, found.opportunity.time_zone)
            if end is not None and end > clock else None}


@require_POST
@signed_in
def send(request: HttpRequest, key: str) -> HttpResponse:
    from followup.services.outbox import send as send_message

    if is_htmx(request):
        # htmx re-posts the draft form as the user types, to the formaction of the
        # last button clicked: after a click on Send, that would be here. Checking
        # as you type never sends.
        return HttpResponse(status=204)
    owner = owner_of(request)
    when = request.POST.get("when", "now")
    if when not in ("now", "due"):
        return _again(request, key, f"--at: expected now or due, not {when!r}")
    subject = request.POST.get("subject")
    try:
        row = send_message(owner, key, now=now(), body=request.POST.get("body", "")[:MAX_TEXT],
                           subject=None if subject is None else subject[:1000],
                           at="due" if when == "due" else None,
                           force=request.POST.get("force") == "on")
    except NotFound:
        raise Http404(f"no open action {key!r}") from None
    except ServiceError as problem:
        return _again(request, key, str(problem))
    return HttpResponseRedirect(f"/mail/?message={quote(row.message_id)}#outbox", status=303)


def _again(request: HttpRequest, key: str, problem: str) -> HttpResponse:
    """The draft page with the user's words kept and the refusal beside the buttons."""
    from followup.web.views.messages import draft

    response = draft(request, key)  # a POST: it keeps the posted subject and body
    if isinstance(response, TemplateResponse) and response.context_data is not None:
        response.context_data["send_error"] = problem
        response.context_data["forced"] = request.POST.get("force") == "on"
        response.status_code = 400
    return response
