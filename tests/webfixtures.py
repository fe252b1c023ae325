"""The web app under test: Django's test client with CSRF checks enforced, the
local owner (alice) with the demo record, and charlie, another owner who
must see none of it (healthchecks' charlie tests).

Importing this module installs the web apps for the whole test process; pytest
imports every test module before the first test configures Django.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dbfixtures import BACKENDS, TABLES
from followup import settings as configuration

configuration.enable_web()

# A fixed clock for the demo record, so the pages have actions in every group.
NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="session")
def web_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite record with the web's tables (users, sessions) migrated once."""
    from followup.web import boot

    path = tmp_path_factory.mktemp("web-template") / "record.sqlite3"
    shutil.copy(sqlite_template, path)
    boot.setup(str(path))
    from django.db import connections

    connections.close_all()
    return path


@pytest.fixture(params=BACKENDS)
def web_url(request: pytest.FixtureRequest, tmp_path: Path,
            monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty record with the web set up on it (SQLite: a copy of the web template)."""
    from followup.web import boot

    monkeypatch.setenv("FOLLOWUP_DATA_DIR", str(tmp_path / "data"))
    if request.param == "sqlite":
        path = tmp_path / "web.sqlite3"
        shutil.copy(request.getfixturevalue("web_template"), path)
        return boot.setup(str(path))
    url = boot.setup(request.getfixturevalue("postgres_url"))
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLES}, auth_user, django_session RESTART IDENTITY CASCADE")
    return url


@dataclass
class People:
    alice: Any  # the local owner, with the demo record
    charlie: Any  # another owner with an empty record


@pytest.fixture
def people(web_url: str) -> People:
    from followup.services.demo import load_demo
    from followup.store import models as db
    from followup.store.owner import local_owner

    alice = local_owner()
    load_demo(alice, now=NOW)
    charlie = db.Owner.objects.create(name="charlie")
    db.Profile.objects.create(owner=charlie, name="Charlie", time_zone="Europe/London")
    return People(alice, charlie)


def client_for(owner: Any) -> Any:
    from django.test import Client

    from followup.web.signin import user_for

    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    client.force_login(user_for(owner), backend="followup.web.signin.SignInLinkBackend")
    return client


def csrf_token(client: Any) -> str:
    """The CSRF token a page hands the browser (after a GET has set the cookie)."""
    from django.conf import settings

    if settings.CSRF_COOKIE_NAME not in client.cookies:
        client.get("/")
    return str(client.cookies[settings.CSRF_COOKIE_NAME].value)


def post(client: Any, url: str, data: dict[str, Any] | None = None, **extra: Any) -> Any:
    """A POST as the page makes it: the form's CSRF token in the body."""
    return client.post(url, {**(data or {}), "csrfmiddlewaretoken": csrf_token(client)}, **extra)


@pytest.fixture
def alice(people: People) -> Any:
    return client_for(people.alice)


@pytest.fixture
def charlie(people: People) -> Any:
    return client_for(people.charlie)


@pytest.fixture
def anonymous(people: People) -> Iterator[Any]:
    from django.test import Client

    yield Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")


def agenda_keys(owner: Any, clock: datetime | None = None) -> list[str]:
    """The keys of the actions open in the week from `clock` (default: now)."""
    from datetime import timedelta

    from followup.services.agenda import agenda

    clock = clock or datetime.now(UTC).replace(microsecond=0)
    return [a.key for a in agenda(owner, clock, clock + timedelta(days=7)).actions]
