"""The calendar feed's secret address: created, verified, revoked; only a digest kept."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401


def owner_for_feed_token(token: str):  # type: ignore[no-untyped-def]
    from followup.services import feed_tokens

    return feed_tokens.owner_for_feed_token(token)


NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def test_a_new_token_opens_the_feed_and_only_its_digest_is_kept(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.feed_tokens import create_feed_token, has_feed_token
    from followup.store import models as db

    token = create_feed_token(owner, now=NOW)
    assert len(token) >= 43 and token.isascii() and "/" not in token
    assert owner_for_feed_token(token) == owner and has_feed_token(owner)
    [row] = db.FeedToken.objects.filter(owner=owner)
    assert row.digest == hashlib.sha256(token.encode()).hexdigest() and token not in row.digest


def test_a_wrong_empty_or_absurd_token_opens_nothing(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.feed_tokens import create_feed_token

    token = create_feed_token(owner, now=NOW)
    for guess in ("", token[:-1], token + "x", token.upper(), "x" * 10_000):
        assert owner_for_feed_token(guess) is None


def test_a_new_token_ends_the_old_one_and_revoking_ends_all(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.feed_tokens import (
        create_feed_token,
        has_feed_token,
        revoke_feed_tokens,
    )

    first = create_feed_token(owner, now=NOW)
    second = create_feed_token(owner, now=NOW)
    assert first != second
    assert owner_for_feed_token(first) is None and owner_for_feed_token(second) == owner
    assert revoke_feed_tokens(owner, now=NOW) == 1
    assert owner_for_feed_token(second) is None and not has_feed_token(owner)
    assert revoke_feed_tokens(owner, now=NOW) == 0
