"""Signing in by the link `followup serve` or `followup login` printed, and out."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST


@require_GET
def signin(request: HttpRequest, secret: str = "") -> HttpResponse:
    if secret:
        user = authenticate(request, sign_in_link=secret)
        if user is not None:
            login(request, user, backend="followup.web.signin.SignInLinkBackend")
            return HttpResponseRedirect("/")
        refused = TemplateResponse(request, "web/signin.html", {"failed": True}, status=403)
        # Django logs every 4xx with its path, and this path holds the link's
        # secret (spent, but a secret all the same): keep it out of the log.
        refused._has_been_logged = True  # type: ignore[attr-defined]
        return refused
    if request.user.is_authenticated:
        wanted = request.GET.get("next", "/")
        safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()})
        return HttpResponseRedirect(wanted if safe else "/")
    return TemplateResponse(request, "web/signin.html", {"failed": False})


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect("/signin/")
