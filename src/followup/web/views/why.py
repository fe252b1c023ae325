"""Why: everything behind one planned action, as `followup why KEY` prints it
(services/explain.py): the rule and its text, the sources, when it opens, is
due and late, the dates it was computed from and the settings that applied."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from followup.services.errors import NotFound, ServiceError
from followup.services.explain import Explanation, explain
from followup.web.common import moment, now, owner_of, signed_in
from followup.web.views.today import action_view


@require_GET
@signed_in
def why(request: HttpRequest, key: str) -> HttpResponse:
    try:
        found = explain(owner_of(request), key, now())
    except NotFound:
        raise Http404(f"no open action {key!r}") from None
    except ServiceError as problem:
        return TemplateResponse(request, "web/problem.html", {
            "title": "Not an action key", "message": str(problem)}, status=400)
    return TemplateResponse(request, "web/why.html", why_context(found))


def why_context(found: Explanation) -> dict[str, Any]:
    a, o, tz = found.action, found.opportunity, found.profile.time_zone

    def at(instant: datetime | date) -> Any:
        if isinstance(instant, datetime):
            return moment(instant, tz, o.time_zone)
        return instant.strftime("%a %d %b %Y")

    late = "Late after" if a.latest else "Late after (due)"
    return {
        "a": action_view(a, o, tz), "o": o, "title": found.rule_title,
        "rule_text": found.rule_text, "nav": "today", "my_zone": tz,
        "when": [("Opens", at(a.earliest)), ("Due", at(a.due)), (late, at(a.latest or a.due))],
        "dates": [(label, at(value)) for label, value in found.dates],
        "settings": [("playbook", found.playbook), ("your time zone", tz),
                     ("employer time zone", f"{o.time_zone} ({o.country}"
                      f"{'-' + o.subdivision if o.subdivision else ''})")]
        + [(name, getattr(value, "value", value)) for name, value in found.settings],
    }
