"""A clean database for each test, on SQLite and on PostgreSQL.

SQLite: a copy of a file migrated once per session. PostgreSQL: one database
created for the session (from FOLLOWUP_TEST_POSTGRES_URL, default the local
server's `test` database), emptied before each test, dropped at the end.
Without a server the PostgreSQL cases are skipped with the reason, unless
FOLLOWUP_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from click.testing import CliRunner, Result

from followup.cli import main

DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
TABLES = (
    "followup_planned_action, followup_stage_change, "
    "followup_interviewer, followup_request, followup_touch, followup_decision, "
    "followup_share_item, followup_interview, followup_contact, followup_opportunity, "
    "followup_profile, followup_feed_token, followup_mail_account, followup_mail_folder, "
    "followup_mail_seen, followup_outbox, followup_suggested_contact, followup_api_token, "
    "followup_sign_in_link, "
    "followup_owner"
)
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _admin_url() -> str:
    return os.environ.get("FOLLOWUP_TEST_POSTGRES_URL") or DEFAULT_POSTGRES


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    import psycopg

    admin = _admin_url()
    try:
        connection = psycopg.connect(admin, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        detail = " ".join(str(error).split())
        server = f"{urlsplit(admin).hostname}:{urlsplit(admin).port}"
        reason = f"no PostgreSQL server at {server} ({detail})"
        if os.environ.get("FOLLOWUP_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here: {reason}")
        pytest.skip(f"{reason}; set FOLLOWUP_TEST_POSTGRES_URL to run these")
    name = f"followup_test_{uuid.uuid4().hex[:12]}"
    connection.execute(f'CREATE DATABASE "{name}"')
    url = _with_database(admin, name)
    try:
        yield url
    finally:
        from django.db import connections

        connections.close_all()
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from followup import store

    path = tmp_path_factory.mktemp("template") / "record.sqlite3"
    store.setup(str(path))
    from django.db import connections

    connections.close_all()
    return path


@pytest.fixture(autouse=True)
def _quiet_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    monkeypatch.delenv("FOLLOWUP_DB", raising=False)
    cache = tmp_path_factory.getbasetemp() / "cache"
    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(cache))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty, migrated database (set up as the current one)."""
    from followup import store

    if request.param == "sqlite":
        path = tmp_path / "record.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = str(path)
    else:
        url = request.getfixturevalue("postgres_url")
        store.setup(url)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
    store.setup(url)
    return url


@pytest.fixture
def owner(db_url: str):  # type: ignore[no-untyped-def]
    from followup.store.owner import local_owner

    return local_owner()


def run(url: str, *args: str, input: str | bytes | None = None) -> Result:
    """The followup command, in process, on database `url`."""
    return CliRunner().invoke(main, ["--db", url, *args], input=input, catch_exceptions=False)
