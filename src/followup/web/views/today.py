"""Today: late, due today, coming up; Done, Skip and Snooze update it in place."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST

from followup.domain import model as m
from followup.domain.calendar import end_of_day, zone
from followup.domain.entries import kind_title
from followup.domain.entry import short_id
from followup.services import actions
from followup.services.errors import NotFound, ServiceError
from followup.services.listing import Listing, list_agenda, listing, needs_planning
from followup.services.unit import snapshot
from followup.store import models as db
from followup.store.sql import Sql
from followup.web import today_cache
from followup.web.common import is_htmx, moment, now, owner_of, signed_in

DAYS_AHEAD = 7
# Each group shows this many at first: a page of hundreds of actions is slow to
# render and to read; "show all" (?all=1) lists the rest.
SHOWN = 25


def today_context(request: HttpRequest, *, notice: str | None = None,
                  error: str | None = None, failed_key: str | None = None) -> dict[str, Any]:
    """The action list's context, read afresh from the stored agenda."""
    owner, clock = owner_of(request), now()
    result = listing(owner, clock, clock + timedelta(days=DAYS_AHEAD), people=False)
    return list_context(owner, result, wants_everything(request), notice=notice, error=error,
                        failed_key=failed_key)


def wants_everything(request: HttpRequest) -> bool:
    return request.GET.get("all") == "1" or request.POST.get("all") == "1"


def list_context(owner: db.Owner, result: Listing, everything: bool, *,
                 notice: str | None = None, error: str | None = None,
                 failed_key: str | None = None) -> dict[str, Any]:
    """The page's actions from the stored agenda (services.listing): each
    opportunity's open actions kept ready when it was written, so a read only
    applies the clock; only the shown actions' opportunities and contacts are read."""
    tz = result.time_zone
    end_of_today = end_of_day(result.as_of, tz).timestamp()
    groups: dict[str, list[dict[str, Any]]] = {"late": [], "today": [], "soon": []}
    for due, _, line in result.entries:
        entry = json.loads(line)
        group = "late" if entry["late"] else "today" if due <= end_of_today else "soon"
        groups[group].append(entry)
    shown = {name: items if everything else items[:SHOWN] for name, items in groups.items()}
    facts = opportunity_facts(owner, {e["opportunity"] for items in shown.values() for e in items})
    titles = {"late": "Late", "today": "Due today",
              "soon": f"Coming up (next {DAYS_AHEAD} days)"}
    return {
        "groups": [(name, titles[name], len(groups[name]),
                    [entry_view(e, facts[e["opportunity"]], tz) for e in shown[name]
                     if e["opportunity"] in facts])  # unless deleted a moment ago
                   for name in groups],
        "everything": everything, "empty_record": not result.has_record,
        "count": len(result.entries), "notice": notice, "error": error,
        "failed_key": failed_key, "my_zone": tz,
        "tomorrow": (result.as_of.astimezone(zone(tz)) + timedelta(days=1)).date().isoformat(),
    }


def agenda_html(request: HttpRequest, *, notice: str | None = None, error: str | None = None,
                failed_key: str | None = None) -> SafeString:
    """The action list (#agenda): kept from an earlier answer while the record
    and the clock's effect on it are unchanged (web.today_cache), else made."""
    owner, clock, everything = owner_of(request), now(), wants_everything(request)
    plain = notice is None and error is None
    parts = today_cache.kept(owner, everything, clock) if plain else None
    if parts is None:
        context, revision, until, planned_here = _read(owner, clock, everything)
        if planned_here and today_cache.replan_expired(owner, clock):
            context, revision, until, planned_here = _read(owner, clock, everything)
        context.update(notice=notice, error=error, failed_key=failed_key,
                       csrf_token=today_cache.CSRF_PLACEHOLDER)
        parts = get_template("web/_agenda_list.html").render(context).split(
            today_cache.CSRF_PLACEHOLDER)
        if plain and until > clock.timestamp():
            today_cache.keep(owner.pk, everything, today_cache.Kept(
                today_cache.database_name(), revision, clock.timestamp(), until, parts))
    # The template escaped the list; the token is letters and digits only.
    return mark_safe(csrf_of(request).join(parts))


def csrf_of(request: HttpRequest) -> str:
    """One masked CSRF token per answer (each new one costs 32 random letters)."""
    token: str | None = getattr(request, "_followup_csrf", None)
    if token is None:
        token = get_token(request)
        request._followup_csrf = token  # type: ignore[attr-defined]
    return token


def _read(owner: db.Owner, clock: datetime, everything: bool
          ) -> tuple[dict[str, Any], int, float, bool]:
    """The list's context, the revision it was read at, until when it holds and
    whether any of it was planned at read time, from one snapshot of the record."""
    window_end = clock + timedelta(days=DAYS_AHEAD)
    with snapshot(), connection.cursor() as cursor:
        sql = Sql(cursor, connection.vendor)
        revision = today_cache.revision_now(owner.pk)
        result = list_agenda(sql, owner.pk, clock, window_end, people=False)
        context = list_context(owner, result, everything)
        end_of_today = end_of_day(result.as_of, result.time_zone).timestamp()
        planned_here = _planned_at_read(sql, owner.pk, window_end, clock)
        until = today_cache.holds_until(owner.pk, clock, DAYS_AHEAD, end_of_today, planned_here)
    return context, revision, until, planned_here


def _planned_at_read(sql: Sql, owner_id: int, horizon: datetime, moment: datetime) -> bool:
    """Whether the listing planned any opportunity itself (its stored plan not
    trusted at this clock): such a list depends on the clock in every way."""
    return needs_planning(sql, owner_id, horizon, moment)


def opportunity_facts(owner: db.Owner, refs: set[str]) -> dict[str, SimpleNamespace]:
    """What the page shows of the opportunities behind the shown actions: two
    queries, however many there are."""
    rows = db.Opportunity.objects.filter(owner=owner, ref__in=refs)
    facts = {row.ref: SimpleNamespace(ref=row.ref, company=row.company, role=row.role,
                                      time_zone=row.time_zone, contacts={})
             for row in rows.only("ref", "company", "role", "time_zone")}
    for contact in db.Contact.objects.filter(owner=owner, opportunity__ref__in=refs).values(
            "opportunity__ref", "ref", "name", "title", "email", "phone"):
        facts[contact["opportunity__ref"]].contacts[contact["ref"]] = SimpleNamespace(
            name=contact["name"], title=contact["title"], email=contact["email"],
            phone=contact["phone"])
    return facts


def entry_view(entry: dict[str, Any], o: SimpleNamespace, tz: str) -> dict[str, Any]:
    """An agenda entry (`agenda --format json`'s) as the page shows an action."""
    latest = entry["latest"]
    return view(
        key=entry["key"], kind=entry["kind"], attempt=entry["attempt"], late=entry["late"],
        why=entry["why"], sources=entry["sources"], rule=entry["rule"], opportunity=o,
        contact=o.contacts.get(entry["contact"]), channel=entry["channel"], tz=tz,
        due=datetime.fromisoformat(entry["due"]),
        latest=None if latest is None else datetime.fromisoformat(latest))


def action_view(action: m.Action, opportunity: m.Opportunity, tz: str) -> dict[str, Any]:
    return view(
        key=action.key, kind=action.kind.value, attempt=action.attempt, late=action.late,
        why=action.why, sources=action.sources, rule=action.rule, opportunity=opportunity,
        contact=opportunity.contact(action.contact), tz=tz, due=action.due,
        latest=action.latest, channel=action.channel.value if action.channel else None)


def view(*, key: str, kind: str, attempt: int | None, late: bool, why: str, sources: Any,
         rule: str, opportunity: Any, contact: Any, channel: str | None, due: datetime,
         latest: datetime | None, tz: str) -> dict[str, Any]:
    label = kind_title(kind)
    if attempt:
        label += f" #{attempt}"
    return {
        "key": key, "quoted": quote(key, safe="/"), "short_id": short_id(key),
        "quoted_ref": quote(opportunity.ref, safe="/"), "kind": kind,
        "label": label, "late": late, "why": why,
        "sources": sources, "rule": rule, "opportunity": opportunity,
        "contact": contact, "channel": channel.replace("_", " ") if channel else None,
        "due": moment(due, tz, opportunity.time_zone),
        "latest": moment(latest, tz, opportunity.time_zone),
        "draftable": kind != m.ActionKind.PREPARE.value,
    }


@require_GET
@signed_in
def today(request: HttpRequest) -> HttpResponse:
    template = "web/_agenda.html" if is_htmx(request) else "web/today.html"
    return TemplateResponse(request, template, page_context(request))


def page_context(request: HttpRequest, **messages: str | None) -> dict[str, Any]:
    """Today's context: the action list (rendered, see `agenda_html`) and what
    the page around it needs. Other parts of the page add theirs here."""
    return {"agenda": agenda_html(request, **messages), "nav": "today",
            "csrf_token": csrf_of(request)}


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
    context = page_context(request, notice=notice, error=error, failed_key=key)
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
