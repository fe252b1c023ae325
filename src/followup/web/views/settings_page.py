"""Settings: the profile, the playbook preset, and every named setting with its
default and the user's override, globally and per opportunity."""

from __future__ import annotations

from dataclasses import fields, replace
from enum import StrEnum
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from followup.domain import model as m
from followup.domain.settings import PlaybookSettings, SettingError, apply_overrides, preset_for
from followup.services import edit, read
from followup.services.errors import NotFound, ServiceError
from followup.transports.exchange import ExchangeError
from followup.web.common import now, owner_of, signed_in
from followup.web.forms import Field, choices, initial, parse, place_error, rows
from followup.web.views import calendar_feed
from followup.web.views import mail_settings as mail_section  # issue 13

PROFILE_FIELDS = [
    Field("name", "Your name", required=True), Field("email", "Your email"),
    Field("phone", "Your phone"),
    Field("time_zone", "Your time zone", required=True, help="e.g. America/New_York"),
    Field("playbook", "Playbook preset", "select", choices(m.PlaybookName), blank=False,
          help="Reserved waits longer, assertive follows up sooner and once more."),
    Field("signature", "Signature", "textarea"),
]
USER_ERRORS = (ServiceError, ExchangeError, SettingError)


def setting_rows(base: PlaybookSettings, overrides: dict[str, Any],
                 posted: dict[str, Any] | None) -> list[dict[str, Any]]:
    out = []
    for f in fields(PlaybookSettings):
        default = getattr(base, f.name)
        override = overrides.get(f.name)
        shown = (posted or {}).get(f.name, "" if override is None else _text(override))
        kind = ("bool" if isinstance(default, bool) else
                "enum" if isinstance(default, StrEnum) else "number")
        options = [e.value for e in type(default)] if isinstance(default, StrEnum) else []
        out.append({"name": f.name, "default": _text(default), "value": shown, "kind": kind,
                    "options": options, "label": f.name.replace("_", " ")})
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    return str(value.value if isinstance(value, StrEnum) else value)


def read_overrides(data: Any) -> dict[str, Any]:
    """The posted overrides as the exchange document writes them (empty: the default)."""
    out: dict[str, Any] = {}
    defaults = PlaybookSettings()
    for f in fields(PlaybookSettings):
        text = data.get(f"s__{f.name}", "").strip()
        if not text:
            continue
        current = getattr(defaults, f.name)
        if isinstance(current, bool):
            out[f.name] = {"true": True, "false": False}.get(text, text)
        elif isinstance(current, float):
            try:
                out[f.name] = float(text)
            except ValueError:
                out[f.name] = text
        elif isinstance(current, int) or f.name == "max_attempts":
            out[f.name] = int(text) if text.isdigit() else text
        else:
            out[f.name] = text
    return out


@require_http_methods(["GET", "POST"])
@signed_in
def settings_page(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    me = read.profile(owner)
    errors: dict[str, str] = {}
    general = None
    shown = initial(PROFILE_FIELDS, {f.name: getattr(me, f.name) for f in PROFILE_FIELDS},
                    me.time_zone)
    posted: dict[str, Any] | None = None
    if request.method == "POST":
        parsed = parse(PROFILE_FIELDS, request.POST, me.time_zone)
        errors, shown = parsed.errors, parsed.raw
        posted = {k[3:]: v for k, v in request.POST.items() if k.startswith("s__")}
        if not errors:
            values = parsed.values
            values["playbook"] = m.PlaybookName(values["playbook"])
            try:
                read.save_profile(owner, replace(me, **values,
                                                 settings=read_overrides(request.POST)),
                                  now=now())
                return HttpResponseRedirect("/settings/?saved=1", status=303)
            except USER_ERRORS as problem:
                name, general = place_error(str(problem), PROFILE_FIELDS)
                if name:
                    errors[name], general = general, None
    context = {"rows": rows(PROFILE_FIELDS, shown, errors), "general": general,
               "settings": setting_rows(preset_for(None, me.playbook), dict(me.settings),
                                        posted),
               "saved": request.GET.get("saved") == "1", "nav": "settings",
               "title": "Settings", "scope": "your whole record",
               "calendar_feed": calendar_feed.section(request),  # issue 14
               "mail": mail_section.section(request)}  # issue 13
    return TemplateResponse(request, "web/settings.html", context,
                            status=400 if errors or general else 200)


@require_http_methods(["GET", "POST"])
@signed_in
def opportunity_settings(request: HttpRequest, ref: str) -> HttpResponse:
    owner = owner_of(request)
    try:
        o = read.opportunity(owner, ref, now()).opportunity
    except NotFound:
        raise Http404(f"no opportunity {ref!r}") from None
    me = read.profile(owner)
    base = apply_overrides(preset_for(o.culture, me.playbook), me.settings)
    general = None
    posted: dict[str, Any] | None = None
    if request.method == "POST":
        posted = {k[3:]: v for k, v in request.POST.items() if k.startswith("s__")}
        try:
            edit.edit_opportunity(owner, ref, {"settings": read_overrides(request.POST)},
                                  now=now())
            return HttpResponseRedirect(f"{request.path}?saved=1", status=303)
        except USER_ERRORS as problem:
            general = str(problem)
    context = {"rows": [], "general": general, "nav": "opportunities",
               "settings": setting_rows(base, dict(o.settings), posted),
               "saved": request.GET.get("saved") == "1", "o": o,
               "title": f"Settings for {o.company} · {o.role}",
               "scope": "this opportunity (defaults: its culture's preset and your overrides)"}
    return TemplateResponse(request, "web/settings.html", context,
                            status=400 if general else 200)
