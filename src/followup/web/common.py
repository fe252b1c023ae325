"""What every view shares: the owner behind the request, the clock, times shown
in the user's zone (with the employer's beside them), and the htmx switch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.db import DEFAULT_DB_ALIAS, connection
from django.http import Http404, HttpRequest, HttpResponse

from followup.domain.calendar import zone
from followup.store import models as db

F = TypeVar("F", bound=Callable[..., HttpResponse])


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def signed_in(view: F) -> F:
    """Sign-in on every page: the owner comes from the signed-in user, or 404."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if is_htmx(request):
                response = HttpResponse(status=401)
                response["HX-Redirect"] = "/signin/"
                return response
            return redirect_to_login(request.get_full_path())
        owner = owner_named(request.user.get_username())
        if owner is None:
            raise Http404("no record for this user")
        request.owner = owner  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


OWNER = "SELECT id, name, revision FROM followup_owner WHERE name = %s"


def owner_named(name: str) -> db.Owner | None:
    """`access.owner_named` as one plain query, for every page (see web.sessions);
    from_db takes the values in the model's order of fields."""
    with connection.cursor() as cursor:
        cursor.execute(OWNER, [name])
        found = cursor.fetchone()
    return None if found is None else db.Owner.from_db(
        DEFAULT_DB_ALIAS, ["id", "name", "revision"], found)


def owner_of(request: HttpRequest) -> db.Owner:
    return request.owner  # type: ignore[attr-defined, no-any-return]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@dataclass(frozen=True, slots=True)
class Moment:
    """A time as the user reads it, and the employer's local time when it differs."""

    iso: str
    mine: str
    theirs: str | None

    def __str__(self) -> str:
        return self.mine


def moment(at: datetime | None, my_zone: str, their_zone: str | None = None) -> Moment | None:
    if at is None:
        return None
    mine = at.astimezone(zone(my_zone))
    theirs = None
    if their_zone and their_zone != my_zone:
        local = at.astimezone(zone(their_zone))
        if local.utcoffset() != mine.utcoffset():
            theirs = f"{local.strftime('%a %d %b %H:%M')} {_city(their_zone)}"
    return Moment(mine.isoformat(), mine.strftime("%a %d %b %H:%M"), theirs)


def _city(zone_name: str) -> str:
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")
