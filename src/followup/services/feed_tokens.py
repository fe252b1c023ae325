"""The secret in the private address of a calendar feed: create, revoke, verify.

The calendar program that subscribes holds the secret in its URL; we keep
only its SHA-256 digest, so the database alone gives no working address.
One live token per owner: a new one revokes the old, and revoking ends the
address at once. Verification finds the row by digest and compares the
digests with `hmac.compare_digest`, so the time taken says nothing about
how much of a guess was right.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from followup.store import models as db
from followup.store.locking import writing

TOKEN_BYTES = 32  # 256 bits of randomness, 43 URL-safe characters


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_feed_token(owner: db.Owner, *, now: datetime) -> str:
    """A new secret for the owner's feed (shown once); any earlier one stops working."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with writing(owner.pk):
        revoke_feed_tokens(owner, now=now)
        db.FeedToken.objects.create(owner=owner, digest=_digest(token), created_at=now)
    return token


def revoke_feed_tokens(owner: db.Owner, *, now: datetime) -> int:
    """End the owner's feed address; the number of live tokens revoked."""
    return db.FeedToken.objects.filter(owner=owner, revoked_at__isnull=True).update(
        revoked_at=now
    )


def owner_for_feed_token(token: str) -> db.Owner | None:
    """The owner whose live feed token this is, or None (unknown or revoked)."""
    if not token or len(token) > 200:
        return None
    wanted = _digest(token)
    row = (
        db.FeedToken.objects.filter(digest=wanted, revoked_at__isnull=True)
        .select_related("owner").first()
    )
    if row is None or not hmac.compare_digest(row.digest, wanted):
        return None
    return row.owner


def has_feed_token(owner: db.Owner) -> bool:
    return db.FeedToken.objects.filter(owner=owner, revoked_at__isnull=True).exists()
