"""Security headers and host pinning that Django 5.2 does not set by itself.

The Content-Security-Policy allows scripts and styles from this origin only
(no inline script anywhere in the templates), denies framing and sends no
referrer; `HostOnlyMiddleware` answers a bad Host with a plain 400 instead
of Django's DisallowedHost trace in the log (DNS rebinding lands here).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.request import split_domain_port, validate_host
from django.template.response import TemplateResponse

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
Handler = Callable[[HttpRequest], HttpResponse]


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if not request.path.startswith("/static/"):
            response.setdefault("Cache-Control", "no-store")
        return response


class HostOnlyMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        domain, _ = split_domain_port(host)
        if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
            return HttpResponseBadRequest("unknown host", content_type="text/plain")
        return self.get_response(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "CSRF check failed"}, status=403)
    return TemplateResponse(
        request, "web/problem.html",
        {"title": "This form has expired",
         "message": "Reload the page and try again (the form was older than your sign-in)."},
        status=403,
    )


def _plain_answer(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    """Under /api/ every answer is JSON, even for a path no route matches."""
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message}, status=status)
    return TemplateResponse(request, "web/problem.html", {"title": title, "message": message},
                            status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _plain_answer(request, 404, "Not found", "There is nothing here (or not for you).")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _plain_answer(request, 400, "Bad request", "The request could not be read.")


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "internal error"}, status=500)
    return HttpResponse("Something went wrong on our side.", status=500,
                        content_type="text/plain")
