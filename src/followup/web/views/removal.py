"""Deleting an opportunity or a part of it: a page that says what goes and how
the plan moves, then a POST (CSRF, the owner's record only) that deletes it.

The services are the command line's (`followup delete ...`); the page is its
"Delete ...? This cannot be undone" question, with the answer spelled out.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from followup.domain import model as m
from followup.services import delete as service
from followup.services import read
from followup.services.errors import NotFound
from followup.web.common import now, owner_of, signed_in
from followup.web.views.forms import page_of
from followup.web.views.today import action_view

KINDS = ("opportunity", *service.WITHOUT)


@require_http_methods(["GET", "POST"])
@signed_in
def delete(request: HttpRequest, kind: str, ref: str) -> HttpResponse:
    """`/delete/KIND/REF?KIND=NAME`: the question on GET, the delete on POST."""
    if kind not in KINDS:
        raise Http404(f"nothing called {kind!r} to delete")
    part = None if kind == "opportunity" else kind
    name = None if part is None else request.GET.get(part, "")
    if part == "touch" and not (name or "").isdigit():
        raise Http404("no such touch")
    owner, clock = owner_of(request), now()
    try:
        preview = service.preview(owner, ref, part, name, now=clock)
    except NotFound:
        raise Http404(f"no {kind} {name or ref!r}") from None
    o = preview.opportunity
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            return _question(request, kind, o, name, preview, status=400,
                             error="Nothing was deleted: tick the box to say you are sure.")
        _run(owner, kind, ref, name)
        return HttpResponseRedirect("/opportunities/" if part is None else page_of(ref),
                                    status=303)
    return _question(request, kind, o, name, preview)


def _run(owner: Any, kind: str, ref: str, name: str | None) -> None:
    try:
        if kind == "opportunity":
            service.delete_opportunity(owner, ref)
        elif kind == "touch":
            service.delete_touch(owner, ref, int(name or 0), now=now())
        else:
            getattr(service, f"delete_{kind}")(owner, ref, name, now=now())
    except NotFound:  # deleted in another tab meanwhile
        raise Http404(f"no {kind} {name or ref!r}") from None


def _question(request: HttpRequest, kind: str, o: m.Opportunity, name: str | None,
              preview: service.Preview, *, status: int = 200,
              error: str | None = None) -> HttpResponse:
    tz = read.profile(owner_of(request)).time_zone
    context = {
        "what": describe(kind, o, name), "kind": kind, "o": o, "error": error,
        "gone": [action_view(a, o, tz) for a in preview.gone],
        "new": [action_view(a, o, tz) for a in preview.new],
        "back": page_of(o.ref), "nav": "opportunities",
    }
    return TemplateResponse(request, "web/delete.html", context, status=status)


def describe(kind: str, o: m.Opportunity, name: str | None) -> str:
    """The thing to delete, in words: 'the contact Jane Doe (jane) at Acme'."""
    at = f"{o.company} · {o.role}"
    if kind == "opportunity":
        return f"the opportunity {at} ({o.ref}), with its contacts, interviews and touches"
    if kind == "contact":
        contact = o.contact(name)
        return f"the contact {contact.name if contact else name} ({name}) at {at}"
    if kind == "interview":
        return f"interview {name} at {at}, with its notes and requests"
    if kind == "request":
        what = next((r.what for i in o.interviews for r in i.requests if r.ref == name), name)
        return f"the request for {what} ({name}) at {at}"
    touch = o.touches[int(name or 1) - 1]
    return f"touch #{name} ({touch.kind.value.replace('_', ' ')}, {touch.at:%d %b %Y}) at {at}"
