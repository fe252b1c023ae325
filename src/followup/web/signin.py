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
        return User.objects.filter(pk=user_id, is_active=True).first()


def user_for(owner: db.Owner) -> User:
    user, created = User.objects.get_or_create(username=owner.name)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
