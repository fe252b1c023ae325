"""Today: late, due today, coming up; Done, Skip and Snooze update it in place."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from followup.domain import model as m
from followup.domain.calendar import end_of_day, zone
from followup.domain.entry import short_id
from followup.services import actions
from followup.services.agenda import agenda
from followup.services.errors import NotFound, ServiceError
from followup.services.read import has_record
from followup.web.common import KIND_LABELS, is_htmx, moment, now, owner_of, signed_in

DAYS_AHEAD = 7
# Each group shows this many at first: a page of hundreds of actions is slow to
# render and to read; "show all" (?all=1) lists the rest.
SHOWN = 25


def today_context(request: HttpRequest, *, notice: str | None = None,
                  error: str | None = None, failed_key: str | None = None) -> dict[str, Any]:
    owner, clock = owner_of(request), now()
    everything = request.GET.get("all") == "1" or request.POST.get("all") == "1"
    result = agenda(owner, clock, clock + timedelta(days=DAYS_AHEAD))
    tz = result.profile.time_zone if result.profile else "UTC"
    end_of_today = end_of_day(result.as_of, tz)
    groups: dict[str, list[m.Action]] = {"late": [], "today": [], "soon": []}
    for action in result.actions:
        group = "late" if action.late else "today" if action.due <= end_of_today else "soon"
        groups[group].append(action)
    titles = {"late": "Late", "today": "Due today",
              "soon": f"Coming up (next {DAYS_AHEAD} days)"}
    shown = [(name, titles[name], len(items),
              [action_view(a, result.opportunities[a.opportunity], tz)
               for a in (items if everything else items[:SHOWN])])
             for name, items in groups.items()]
    return {
        "groups": shown, "everything": everything,
        "empty_record": not result.actions and not has_record(owner),
        "count": len(result.actions), "notice": notice, "error": error,
        "failed_key": failed_key, "my_zone": tz, "nav": "today",
        "tomorrow": (result.as_of.astimezone(zone(tz)) + timedelta(days=1)).date().isoformat(),
    }


def action_view(action: m.Action, opportunity: m.Opportunity, tz: str) -> dict[str, Any]:
    contact = opportunity.contact(action.contact)
    label = KIND_LABELS.get(action.kind.value, action.kind.value)
    if action.attempt:
        label += f" #{action.attempt}"
    return {
        "key": action.key, "quoted": quote(action.key, safe="/"),
        "short_id": short_id(action.key),
        "quoted_ref": quote(opportunity.ref, safe="/"), "kind": action.kind.value,
        "label": label, "late": action.late, "why": action.why,
        "sources": action.sources, "rule": action.rule, "opportunity": opportunity,
        "contact": contact, "channel": action.channel.value.replace("_", " ")
        if action.channel else None,
        "due": moment(action.due, tz, opportunity.time_zone),
        "latest": moment(action.latest, tz, opportunity.time_zone),
        "draftable": action.kind is not m.ActionKind.PREPARE,
    }


@require_GET
@signed_in
def today(request: HttpRequest) -> HttpResponse:
    template = "web/_agenda.html" if is_htmx(request) else "web/today.html"
    return TemplateResponse(request, template, today_context(request))


def _answer(request: HttpRequest, key: str, run: Any, notice: str) -> HttpResponse:
    try:
        run()
    except NotFound:
        return _after(request, error=f"{key} is no longer open (done, skipped or changed).",
                      key=key, status=404)
    except ServiceError as problem:
        return _after(request, error=str(problem), key=key, status=400)
    return _after(request, notice=notice)


def _after(request: HttpRequest, *, notice: str | None = None, error: str | None = None,
           key: str | None = None, status: int = 200) -> HttpResponse:
    if not is_htmx(request) and error is None:
        return HttpResponseRedirect(request.POST.get("next") or "/")
    template = "web/_agenda.html" if is_htmx(request) else "web/today.html"
    context = today_context(request, notice=notice, error=error, failed_key=key)
    # htmx swaps only successful answers by default; the list with its error
    # is the answer either way, so it is sent as 200 with the message in it.
    return TemplateResponse(request, template, context, status=200 if is_htmx(request) else status)


@require_POST
@signed_in
def done(request: HttpRequest, key: str) -> HttpResponse:
    owner = owner_of(request)
    return _answer(request, key, lambda: actions.done(owner, key, now=now()), f"Done: {key}")


@require_POST
@signed_in
def skip(request: HttpRequest, key: str) -> HttpResponse:
    owner, why = owner_of(request), request.POST.get("why", "").strip()
    if not why:
        return _after(request, error="--why: give a reason to skip it (the record keeps it)",
                      key=key, status=400)
    return _answer(request, key, lambda: actions.skip(owner, key, now=now(), why=why[:500]),
                   f"Skipped: {key}")


@require_POST
@signed_in
def snooze(request: HttpRequest, key: str) -> HttpResponse:
    owner = owner_of(request)
    until = _until(request.POST.get("until", ""), owner)
    if until is None:
        return _after(request, error="--until: not a date (YYYY-MM-DD) or date and time",
                      key=key, status=400)
    return _answer(request, key, lambda: actions.snooze(owner, key, until=until, now=now()),
                   f"Snoozed until {until.strftime('%a %d %b %H:%M')}: {key}")


def _until(text: str, owner: Any) -> datetime | None:
    from followup.services.read import profile

    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(profile(owner).time_zone))
    if len(text.strip()) == 10:  # a day: bring it back in the morning
        value = value.replace(hour=9)
    return value
