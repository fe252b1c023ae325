"""The JSON API under /api/v1/ (django-ninja): token auth, the services the
command line uses, the same JSON for the same record, errors as
`{"error": "one line naming the place"}` and never a 500 for any input."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from followup.domain.settings import SettingError
from followup.services import access
from followup.services.errors import NotFound, ServiceError
from followup.transports.exchange import ExchangeError


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        owner = access.owner_for_token(token, now=datetime.now(UTC))
        if owner is None:
            return None
        request.owner = owner  # type: ignore[attr-defined]
        return owner


api = NinjaAPI(
    title="followup API", version="1", urls_namespace="api", auth=BearerToken(),
    description="The planned follow-ups, drafts and the record, as the `followup` "
                "command gives them. Authorization: Bearer TOKEN (`followup token create`).",
    docs_url=None,
)


def _error(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return api.create_response(request, {"error": " ".join(message.split())}, status=status)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    first = error.errors[0] if error.errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    return _error(request, f"{where or 'request'}: {first.get('msg', 'bad input')}", 400)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _error(request, "no or bad token (Authorization: Bearer TOKEN)", 401)


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, error: NotFound) -> HttpResponse:
    return _error(request, str(error), 404)


@api.exception_handler(Http404)
def _http404(request: HttpRequest, error: Http404) -> HttpResponse:
    return _error(request, str(error) or "not found", 404)


@api.exception_handler(ServiceError)
@api.exception_handler(ExchangeError)
@api.exception_handler(SettingError)
def _bad_input(request: HttpRequest, error: ValueError) -> HttpResponse:
    return _error(request, str(error), 400)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return _error(request, str(error), error.status_code)


@api.exception_handler(DatabaseError)
def _database(request: HttpRequest, error: DatabaseError) -> HttpResponse:
    # A value the database refuses (too long for its column, say): bad input, written nowhere.
    return _error(request, f"the database refused a value: {error}", 400)


from followup.web.api import daily, record  # noqa: E402 (the routers need `api` above)

api.add_router("/", daily.router)
api.add_router("/", record.router)
