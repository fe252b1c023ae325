"""The owner of the record: a single local owner, created on first use."""

from __future__ import annotations

import os
from pathlib import Path

from django.db import IntegrityError, transaction

from followup.store import models as db

LOCAL = "local"


def local_owner() -> db.Owner:
    """The local owner, with a starting profile the first time."""
    found = db.Owner.objects.filter(name=LOCAL).select_related("profile").first()
    if found is not None and hasattr(found, "profile"):
        return found
    try:
        with transaction.atomic():
            owner, _ = db.Owner.objects.get_or_create(name=LOCAL)
            db.Profile.objects.get_or_create(
                owner=owner, defaults={"name": _login(), "time_zone": system_time_zone()}
            )
    except IntegrityError:  # another process created it first
        owner = db.Owner.objects.get(name=LOCAL)
    return owner


def _login() -> str:
    try:
        import getpass

        return getpass.getuser() or "me"
    except Exception:  # no login name in this environment
        return "me"


def system_time_zone() -> str:
    """The machine's IANA time zone name, or UTC when it cannot be told."""
    configured = os.environ.get("TZ", "").lstrip(":")
    if configured and "/" in configured:
        return configured
    try:
        target = Path("/etc/localtime").resolve()
    except OSError:
        return "UTC"
    parts = target.parts
    if "zoneinfo" in parts:
        name = "/".join(parts[parts.index("zoneinfo") + 1 :])
        if name:
            return name
    return "UTC"
