"""The plan as a subscribed calendar: the private feed address, and the
Settings section that makes and ends it (issue 14).

Calendar programs cannot sign in, so the address itself is the key: a
secret token in the path, looked up by its digest (compared in constant
time by `feed_tokens`). Django logs every 4xx and 5xx answer with its path,
and this path is the secret: every answer but a 200 is marked as already
logged, and a failure is logged here without the path.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from followup.services import calendar_feed, feed_tokens
from followup.web.common import now, owner_of, signed_in

FEED_DAYS = timedelta(days=60)  # what `followup calendar` lists by default
FEED_PREFIX = "/calendar/"
log = logging.getLogger(__name__)


# Exempt from CSRF because it changes nothing (GET and HEAD only), and because the
# CSRF check would log a refused POST with its path, which holds the secret.
@csrf_exempt
def feed(request: HttpRequest, name: str) -> HttpResponse:
    """GET /calendar/TOKEN.ics: the same text `followup calendar` writes now."""
    if request.method not in ("GET", "HEAD"):
        return _unlogged(HttpResponse("GET only", status=405, content_type="text/plain",
                                      headers={"Allow": "GET, HEAD"}))
    try:
        text = _feed_text(name.removesuffix(".ics"))
    except Exception:  # logged without the path, which holds the secret
        log.exception("the calendar feed failed")
        return _unlogged(HttpResponse("The calendar could not be made; try again later.",
                                      status=500, content_type="text/plain"))
    if text is None:
        return _unlogged(HttpResponse("There is no calendar at this address (or no longer).",
                                      status=404, content_type="text/plain"))
    body = text.encode("utf-8")
    # Calendar programs poll; an unchanged plan costs them a 304 instead of the file.
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if etag in request.headers.get("If-None-Match", ""):
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="followup.ics"'
    response["ETag"] = etag
    return response


def _feed_text(token: str) -> str | None:
    """The feed of the token's owner for the next 60 days; None: no such live token."""
    owner = feed_tokens.owner_for_feed_token(token)
    if owner is None:
        return None
    clock = now()
    return calendar_feed.feed(owner, clock, clock + FEED_DAYS)


def _unlogged(response: HttpResponse) -> HttpResponse:
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def feed_links(request: HttpRequest, token: str) -> dict[str, str]:
    """The address to subscribe to (webcal://) and the same one over http(s)."""
    web = request.build_absolute_uri(f"{FEED_PREFIX}{token}.ics")
    scheme, rest = web.split("://", 1)
    return {"web": web, "webcal": f"webcal://{rest}", "scheme": scheme}


def section(request: HttpRequest) -> dict[str, Any]:
    """What the Settings page shows of the feed (never the secret: it is shown once)."""
    return {"live": feed_tokens.has_feed_token(owner_of(request)),
            "revoked": request.GET.get("feed") == "revoked"}


@require_POST
@signed_in
def feed_settings(request: HttpRequest) -> HttpResponse:
    """POST action=create (a new address, shown once) or action=revoke."""
    owner = owner_of(request)
    action = request.POST.get("action")
    if action == "revoke":
        feed_tokens.revoke_feed_tokens(owner, now=now())
        return HttpResponseRedirect("/settings/?feed=revoked#calendar", status=303)
    if action != "create":
        return TemplateResponse(request, "web/problem.html", {
            "title": "Bad request", "message": "action: expected create or revoke"}, status=400)
    token = feed_tokens.create_feed_token(owner, now=now())
    context = {"nav": "settings", "links": feed_links(request, token)}
    return TemplateResponse(request, "web/calendar_feed.html", context)
