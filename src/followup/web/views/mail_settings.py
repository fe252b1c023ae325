"""The Mail section of Settings: the servers, a write-only password, and Test.

The same services as `followup mail configure` and `followup mail test`,
and their words beside the field they concern. The password is never sent
back to the browser: the field is always empty, and leaving it empty keeps
the stored one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from followup.services import mail_account
from followup.services.errors import ServiceError
from followup.web.common import owner_of, signed_in

FIELDS = {"--smtp": "smtp_url", "--imap": "imap_url"}


def section(request: HttpRequest, posted: dict[str, str] | None = None,
            errors: dict[str, str] | None = None,
            tested: list[tuple[str, str | None]] | None = None) -> dict[str, Any]:
    """What the Settings page shows of mail (never the password)."""
    account = mail_account.settings_of(owner_of(request))
    shown = posted or {"smtp_url": str(account["smtp_url"]) if account else "",
                       "imap_url": str(account["imap_url"]) if account else ""}
    return {"account": account, "values": shown, "errors": errors or {},
            "tested": tested, "saved": request.GET.get("mail") == "saved",
            "hours": [(h, f"{h:02d}:00") for h in range(24)]}


def _settings_page(request: HttpRequest, mail: dict[str, Any], status: int) -> HttpResponse:
    from followup.web.views.settings_page import settings_page

    request.method = "GET"  # the rest of the page as it stands; this section replaced
    response = settings_page(request)
    assert isinstance(response, TemplateResponse)
    assert response.context_data is not None
    response.context_data["mail"] = mail
    response.status_code = status
    return response


@require_POST
@signed_in
def configure(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    posted = {name: request.POST.get(name, "").strip() for name in FIELDS.values()}
    password = request.POST.get("password", "")
    errors = {FIELDS[option]: problem for option, problem in
              mail_account.url_problems(posted["smtp_url"], posted["imap_url"]).items()}
    for option, name in FIELDS.items():
        if not posted[name]:
            errors[name] = f"missing {option}"
        elif urlsplit(posted[name]).password is not None:
            errors[name] = (f"{option}: put the password in the Password field, not in the "
                            "address")
            posted[name] = ""  # never shown back: it holds a password
    if not errors:
        try:
            mail_account.configure(owner, posted["smtp_url"], posted["imap_url"],
                                   password or None, keep_password=True)
            return HttpResponseRedirect("/settings/?mail=saved#mail", status=303)
        except ServiceError as problem:
            errors["password"] = str(problem)
    return _settings_page(request, section(request, posted, errors), 400)


@require_POST
@signed_in
def test(request: HttpRequest) -> HttpResponse:
    """Log in to both servers, as `followup mail test`, and say how it went."""
    try:
        results = mail_account.test(owner_of(request))
    except ServiceError as problem:
        return _settings_page(request, section(request, errors={"test": str(problem)}), 400)
    return _settings_page(request, section(request, tested=results), 200)


@require_POST
@signed_in
def digest(request: HttpRequest) -> HttpResponse:
    """The morning digest on or off and its hour, as `followup mail digest`."""
    hour = request.POST.get("digest_hour", "")
    if not hour.isdigit():
        return _settings_page(request, section(request, errors={
            "digest_hour": f"--hour: {hour!r} is not an hour from 0 to 23"}), 400)
    try:
        mail_account.set_digest(owner_of(request), on=request.POST.get("digest") == "on",
                                hour=int(hour))
    except ServiceError as problem:
        return _settings_page(request, section(request, errors={"digest_hour": str(problem)}),
                              400)
    return HttpResponseRedirect("/settings/?mail=saved#mail", status=303)
