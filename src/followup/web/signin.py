"""The local user's sign-in: a link `serve` and `login` print, one authentication
backend beside Django's own (the hosted mode adds passwords beside it).

A signed-in Django user carries the owner's name; every view finds the
owner from it, so each object is looked up through its owner.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import User
from django.db import DEFAULT_DB_ALIAS, connection
from django.http import HttpRequest

from followup.services import access
from followup.store import models as db


class SignInLinkBackend(BaseBackend):
    def authenticate(
        self, request: HttpRequest | None, sign_in_link: str | None = None, **_: Any
    ) -> User | None:
        if sign_in_link is None:
            return None
        owner = access.redeem_sign_in_link(sign_in_link, now=datetime.now(UTC))
        if owner is None:
            return None
        return user_for(owner)

    def get_user(self, user_id: int) -> User | None:
        """The signed-in user of every page: one plain query for the fields a
        page reads (the others load if asked), instead of the ORM's."""
        with connection.cursor() as cursor:
            cursor.execute(ACTIVE_USER, [user_id])
            found = cursor.fetchone()
        if found is None:
            return None
        # from_db takes the values in the model's order of fields
        return User.from_db(DEFAULT_DB_ALIAS, ["id", "password", "username", "is_active"],
                            [*found, True])


ACTIVE_USER = "SELECT id, password, username FROM auth_user WHERE id = %s AND is_active"


def user_for(owner: db.Owner) -> User:
    user, created = User.objects.get_or_create(username=owner.name)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
