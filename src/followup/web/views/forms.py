"""The forms of the record. Each is shown, checked on the server and saved by
the same service as its command; errors come back beside their field, in
the command line's words, and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from followup.domain import model as m
from followup.domain.settings import SettingError
from followup.services import edit, read, rename
from followup.services.errors import NotFound, ServiceError
from followup.transports.exchange import ExchangeError
from followup.web import record_forms as specs
from followup.web.common import now, owner_of, signed_in
from followup.web.forms import Field, initial, parse, place_error, rows

USER_ERRORS = (ServiceError, ExchangeError, SettingError)
Saver = Callable[[dict[str, Any]], None]


def page_of(ref: str) -> str:
    return "/o/" + quote(ref, safe="/")


def _opportunity(request: HttpRequest, ref: str) -> m.Opportunity:
    try:
        return read.opportunity(owner_of(request), ref, now()).opportunity
    except NotFound:
        raise Http404(f"no opportunity {ref!r}") from None


def _handle(request: HttpRequest, title: str, fields: list[Field], current: dict[str, Any],
            tz: str, save: Saver, back: str) -> HttpResponse:
    errors: dict[str, str] = {}
    general: str | None = None
    shown = initial(fields, current, tz)
    if request.method == "POST":
        parsed = parse(fields, request.POST, tz)
        errors, shown = parsed.errors, parsed.raw
        if not errors:
            try:
                save(parsed.values)
                return HttpResponseRedirect(back, status=303)
            except NotFound as problem:
                raise Http404(str(problem)) from None
            except USER_ERRORS as problem:
                name, message = place_error(str(problem), fields)
                if name is None:
                    general = message
                else:
                    errors[name] = message
    context = {"title": title, "rows": rows(fields, shown, errors), "general": general,
               "back": back, "nav": "opportunities", "has_errors": bool(errors or general)}
    status = 400 if errors or general else 200
    return TemplateResponse(request, "web/form.html", context, status=status)


def _clean(values: dict[str, Any], enums: dict[str, type]) -> dict[str, Any]:
    out = {}
    for name, value in values.items():
        if name in enums and value is not None:
            value = tuple(enums[name](v) for v in value) if name == "roles" else \
                enums[name](value)
        out[name] = value
    return out


OPPORTUNITY_ENUMS: dict[str, type] = {"via": m.Via, "culture": m.Culture,
                                      "channel": m.PreferredChannel, "stage": m.Stage}
MESSAGE_ENUMS: dict[str, type] = {"org": m.Org, "roles": m.Role, "format": m.InterviewFormat,
                                  "channel": m.Channel, "kind": m.TouchKind,
                                  "outcome": m.Outcome}


@require_http_methods(["GET", "POST"])
@signed_in
def opportunity_add(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    tz = read.profile(owner).time_zone
    saved: dict[str, str] = {}

    def save(values: dict[str, Any]) -> None:
        values = _clean(values, OPPORTUNITY_ENUMS)
        saved["ref"] = values["ref"]
        edit.add_opportunity(owner, m.Opportunity(**values), now=now())

    fields = specs.opportunity_fields(adding=True)
    defaults = {"via": "direct", "channel": "email", "stage": "interviewing", "country": "US"}
    response = _handle(request, "Add an opportunity", fields, defaults, tz, save, "/")
    if isinstance(response, HttpResponseRedirect):
        return HttpResponseRedirect(page_of(saved["ref"]), status=303)
    return response


@require_http_methods(["GET", "POST"])
@signed_in
def opportunity_edit(request: HttpRequest, ref: str) -> HttpResponse:
    """The fields, and the ref: renamed first, in the same transaction as the rest."""
    owner, o = owner_of(request), _opportunity(request, ref)
    fields = [specs.rename_field("opportunity"), *specs.opportunity_fields(adding=False)]
    current = {f.name: getattr(o, f.name) for f in fields}
    saved = {"ref": ref}

    def save(values: dict[str, Any]) -> None:
        new = values.pop("ref") or ref
        with transaction.atomic():
            if new != ref:
                rename.rename_opportunity(owner, ref, new, now=now())
            edit.edit_opportunity(owner, new, _clean(values, OPPORTUNITY_ENUMS), now=now())
        saved["ref"] = new

    response = _handle(request, f"Edit {o.company} · {o.role}", fields, current, o.time_zone,
                       save, page_of(ref))
    if isinstance(response, HttpResponseRedirect):
        return HttpResponseRedirect(page_of(saved["ref"]), status=303)
    return response


@require_POST
@signed_in
def stage(request: HttpRequest, ref: str) -> HttpResponse:
    owner = owner_of(request)
    value = request.POST.get("stage", "")
    if value not in m.Stage._value2member_map_:
        return TemplateResponse(request, "web/problem.html", {
            "title": "Unknown stage", "message": f"{value!r} is not a stage"}, status=400)
    try:
        edit.set_stage(owner, ref, m.Stage(value), now=now())
    except NotFound:
        raise Http404(f"no opportunity {ref!r}") from None
    return HttpResponseRedirect(page_of(ref), status=303)


@require_http_methods(["GET", "POST"])
@signed_in
def contact_add(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)

    def save(values: dict[str, Any]) -> None:
        edit.add_contact(owner, ref, m.Contact(**_clean(values, MESSAGE_ENUMS)), now=now())

    return _handle(request, f"Add a contact to {o.company}", specs.contact_fields(True),
                   {"org": "employer"}, o.time_zone, save, page_of(ref))


@require_http_methods(["GET", "POST"])
@signed_in
def contact_edit(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)
    contact = o.contact(request.GET.get("contact"))
    if contact is None:
        raise Http404("no such contact")
    fields = [specs.rename_field("contact"), *specs.contact_fields(False)]
    current = {f.name: getattr(contact, f.name) for f in fields}

    def save(values: dict[str, Any]) -> None:
        new = values.pop("ref") or contact.ref
        with transaction.atomic():  # the rename and the edit, or neither
            if new != contact.ref:
                rename.rename_contact(owner, ref, contact.ref, new, now=now())
            edit.edit_contact(owner, ref, new, _clean(values, MESSAGE_ENUMS), now=now())

    return _handle(request, f"Edit {contact.name}", fields, current, o.time_zone, save,
                   page_of(ref))


NOTE_FIELDS = ("learned", "concerns", "skills", "attach", "next_steps")


def _interview_values(values: dict[str, Any]) -> dict[str, Any]:
    """The form's flat fields as an Interview's: the notes gathered into InterviewNotes."""
    moments = {name.split("__", 1)[1]: text for name, text in values.items()
               if name.startswith("moment__") and text}
    notes = m.InterviewNotes(
        learned=values["learned"], moments=moments, concerns=values["concerns"],
        skills=values["skills"], attach=values["attach"] or (), next_steps=values["next_steps"])
    kept = {name: value for name, value in values.items()
            if name not in NOTE_FIELDS and not name.startswith("moment__")}
    kept = _clean(kept, MESSAGE_ENUMS)
    kept["interviewers"] = tuple(kept.get("interviewers") or ())
    return {**kept, "notes": notes}


def _interview_current(interview: m.Interview) -> dict[str, Any]:
    notes = interview.notes
    current: dict[str, Any] = {
        "round": interview.round, "format": interview.format.value, "start": interview.start,
        "end": interview.end, "interviewers": interview.interviewers,
        "decision_expected": interview.decision_expected,
    }
    current.update({name: getattr(notes, name) or None for name in NOTE_FIELDS})
    current.update({f"moment__{ref}": text for ref, text in notes.moments.items()})
    return current


@require_http_methods(["GET", "POST"])
@signed_in
def interview_add(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)

    def save(values: dict[str, Any]) -> None:
        edit.add_interview(owner, ref, m.Interview(**_interview_values(values)), now=now())

    return _handle(request, f"Add an interview at {o.company}",
                   specs.interview_fields(True, o.contacts), {"round": 1, "format": "video"},
                   o.time_zone, save, page_of(ref))


@require_http_methods(["GET", "POST"])
@signed_in
def interview_edit(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)
    wanted = request.GET.get("interview")
    interview = next((i for i in o.interviews if i.ref == wanted), None)
    if interview is None:
        raise Http404("no such interview")

    def save(values: dict[str, Any]) -> None:
        changes = _interview_values(values)
        changes["notes"] = _keep_other_moments(changes["notes"], interview.notes, o)
        edit.edit_interview(owner, ref, interview.ref, changes, now=now())

    return _handle(request, f"Edit interview {interview.ref} at {o.company}",
                   specs.interview_fields(False, o.contacts), _interview_current(interview),
                   o.time_zone, save, page_of(ref))


def _keep_other_moments(new: m.InterviewNotes, old: m.InterviewNotes,
                        o: m.Opportunity) -> m.InterviewNotes:
    """Moments about people no longer among the contacts are not on the form: keep them."""
    from dataclasses import replace

    known = {c.ref for c in o.contacts}
    kept = {ref: text for ref, text in old.moments.items() if ref not in known}
    return replace(new, moments={**kept, **new.moments})


@require_http_methods(["GET", "POST"])
@signed_in
def request_add(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)
    interview = request.GET.get("interview", "")
    if not any(i.ref == interview for i in o.interviews):
        raise Http404("no such interview")

    def save(values: dict[str, Any]) -> None:
        values = _clean(values, MESSAGE_ENUMS)
        values["asked_at"] = values["asked_at"] or now()
        edit.add_request(owner, ref, interview, m.Request(**values), now=now())

    return _handle(request, f"Add a request from interview {interview}",
                   specs.request_fields(o.contacts), {"channel": "email"}, o.time_zone, save,
                   page_of(ref))


@require_http_methods(["GET", "POST"])
@signed_in
def request_edit(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)
    wanted = request.GET.get("request", "")
    found = next((r for i in o.interviews for r in i.requests if r.ref == wanted), None)
    if found is None:
        raise Http404("no such request")
    fields = specs.request_fields(o.contacts)[1:]
    current = {f.name: getattr(found, f.name) for f in fields}
    current["channel"] = found.channel.value

    def save(values: dict[str, Any]) -> None:
        values = _clean(values, MESSAGE_ENUMS)
        values["asked_at"] = values["asked_at"] or found.asked_at
        edit.edit_request(owner, ref, found.ref, values, now=now())

    return _handle(request, f"Edit the request for {found.what}", fields, current,
                   o.time_zone, save, page_of(ref))


@require_http_methods(["GET", "POST"])
@signed_in
def touch_edit(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)
    number = request.GET.get("touch", "")
    if not number.isdigit() or not 1 <= int(number) <= len(o.touches):
        raise Http404("no such touch")
    touch = o.touches[int(number) - 1]
    fields = specs.touch_edit_fields(o.contacts)
    current = {f.name: getattr(touch, f.name) for f in fields}
    current = {k: v.value if hasattr(v, "value") else v for k, v in current.items()}
    current["at"] = touch.at

    def save(values: dict[str, Any]) -> None:
        values = _clean(values, MESSAGE_ENUMS)
        values["direction"] = m.Direction(values["direction"])
        edit.edit_touch(owner, ref, int(number), values, now=now())

    return _handle(request, f"Edit touch #{number} with {o.company}", fields, current,
                   o.time_zone, save, page_of(ref))


@require_http_methods(["GET", "POST"])
@signed_in
def touch_log(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)

    def save(values: dict[str, Any]) -> None:
        values = _clean(values, MESSAGE_ENUMS)
        values["at"] = values["at"] or now()
        touch = m.Touch(direction=m.Direction.OUT, **values)
        edit.log_touch(owner, ref, touch, now=now())

    return _handle(request, f"Log a touch with {o.company}", specs.touch_fields(o.contacts),
                   {"kind": "email"}, o.time_zone, save, page_of(ref))


@require_http_methods(["GET", "POST"])
@signed_in
def response_log(request: HttpRequest, ref: str) -> HttpResponse:
    owner, o = owner_of(request), _opportunity(request, ref)

    def save(values: dict[str, Any]) -> None:
        values = _clean(values, MESSAGE_ENUMS)
        values["at"] = values["at"] or now()
        touch = m.Touch(kind=m.TouchKind.RESPONSE, direction=m.Direction.IN, **values)
        edit.log_touch(owner, ref, touch, now=now())

    return _handle(request, f"Log {o.company}'s response", specs.response_fields(o.contacts),
                   {}, o.time_zone, save, page_of(ref))
