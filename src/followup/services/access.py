"""Who may reach a record: sign-in links for the local user, and API tokens.

Only a SHA-256 of each link and token is stored, so a copy of the database
signs nobody in. A link works once (compare-and-set on `used_at`, as
healthchecks claims its rows) and expires; a token works until revoked.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from followup.services.errors import NotFound, ServiceError
from followup.store import models as db

LINK_LIFETIME = timedelta(minutes=15)
TOKEN_PREFIX = "fu_"
TOKEN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_sign_in_link(owner: db.Owner, *, now: datetime) -> str:
    """A fresh single-use secret for the sign-in URL; older unused ones keep working
    until they expire, so a second browser can be signed in from `followup login`."""
    secret = secrets.token_urlsafe(32)
    db.SignInLink.objects.filter(expires_at__lt=now).delete()
    db.SignInLink.objects.create(
        owner=owner, digest=digest(secret), expires_at=now + LINK_LIFETIME
    )
    return secret


def redeem_sign_in_link(secret: str, *, now: datetime) -> db.Owner | None:
    """The owner the link is for, once; None when it is unknown, used or expired."""
    if not secret or len(secret) > 200:
        return None
    claimed = db.SignInLink.objects.filter(
        digest=digest(secret), used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if claimed != 1:
        return None
    link = db.SignInLink.objects.select_related("owner").get(digest=digest(secret))
    return link.owner


def create_token(owner: db.Owner, name: str | None, *, now: datetime) -> tuple[str, str]:
    """(name, token): the token is shown once and only its digest is kept."""
    name = name or f"token-{now.strftime('%Y%m%d-%H%M%S')}"
    if not TOKEN_NAME.match(name):
        raise ServiceError(f"--name: {name!r} is not a token name (letters, digits, . _ - @)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            db.ApiToken.objects.create(
                owner=owner, name=name, digest=digest(token), created_at=now
            )
    except IntegrityError:
        raise ServiceError(f"--name: a token named {name!r} already exists") from None
    return name, token


def revoke_token(owner: db.Owner, name: str) -> None:
    deleted, _ = db.ApiToken.objects.filter(owner=owner, name=name).delete()
    if not deleted:
        raise NotFound(f"no token named {name!r}")


def token_names(owner: db.Owner) -> list[tuple[str, datetime, datetime | None]]:
    rows = db.ApiToken.objects.filter(owner=owner).order_by("created_at", "name")
    return [(row.name, row.created_at, row.last_used_at) for row in rows]


def owner_for_token(token: str, *, now: datetime) -> db.Owner | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = db.ApiToken.objects.select_related("owner").filter(digest=digest(token)).first()
    if row is None:
        return None
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        db.ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.owner


def owner_named(name: str) -> db.Owner | None:
    """The owner whose record a signed-in user works on (the user's name is the owner's)."""
    return db.Owner.objects.filter(name=name).first()
