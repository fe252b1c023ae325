"""The store: where the record lives, its schema, its migrations, its index."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401
from followup import store
from followup.store.config import database_config, describe, sqlite_path
from samples import text

NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)


def test_a_missing_sqlite_file_is_created_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "record.sqlite3"
    store.setup(str(path))
    assert path.is_file()
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert {"followup_opportunity", "followup_touch", "followup_decision"} <= tables
    assert mode == "wal"


def test_sqlite_connections_wait_for_writers_and_take_the_write_lock_up_front() -> None:
    options = database_config("/tmp/x.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout" in options["init_command"]


def test_database_urls_are_read_for_postgresql_and_sqlite() -> None:
    config = database_config("postgresql://sam:secret@db.example:6543/followup?sslmode=require")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("followup", "sam", "secret")
    assert (config["HOST"], config["PORT"]) == ("db.example", "6543")
    assert config["OPTIONS"] == {"sslmode": "require"}
    assert sqlite_path("sqlite:////tmp/a.sqlite3") == Path("/tmp/a.sqlite3")
    assert "secret" not in describe("postgresql://sam:secret@db.example/followup")


def test_an_unknown_database_url_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported database URL"):
        database_config("mysql://localhost/x")


def test_the_latest_migration_is_the_last_file() -> None:
    names = sorted(p.stem for p in store.MIGRATIONS.glob("0*.py"))
    assert store.latest_migration() == names[-1]


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_every_row_has_an_owner(db_url: str) -> None:
    from followup.services.exchange import import_document
    from followup.store import models as db
    from followup.store.owner import local_owner

    import_document(local_owner(), text(), now=NOW)
    for model in (db.Opportunity, db.Contact, db.Interview, db.Interviewer, db.Request,
                  db.Touch, db.ShareItem, db.Decision):
        assert not model.objects.exclude(owner=local_owner()).exists()
    assert db.Owner.objects.count() == 1


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_next_due_at_is_the_earliest_open_action_and_moves_with_each_change(db_url: str) -> None:
    from followup.domain.planner import plan_opportunity
    from followup.services.edit import set_stage
    from followup.services.exchange import import_document
    from followup.store import index
    from followup.store import models as db
    from followup.store.mapping import load_opportunities, load_profile
    from followup.store.owner import local_owner

    me = local_owner()
    import_document(me, text(), now=NOW)
    row = db.Opportunity.objects.get(ref="acme-pm")
    [opp] = load_opportunities(db.Opportunity.objects.filter(pk=row.pk))
    profile = load_profile(me)
    actions = plan_opportunity(profile, opp, index.settings_of(profile), NOW)
    assert row.next_due_at == min(a.earliest for a in actions)
    assert row.planned_at == NOW
    set_stage(me, "acme-pm", opp.stage.__class__("withdrawn"), now=NOW)
    row.refresh_from_db()
    assert row.next_due_at is None


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_a_migration_applied_to_a_database_with_data_keeps_every_row(db_url: str) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from followup.store import models as db

    executor = MigrationExecutor(connection)
    executor.migrate([("store", "0001_initial")])
    old = executor.loader.project_state([("store", "0001_initial")]).apps
    owner_model = old.get_model("store", "Owner")
    person = owner_model.objects.create(name="local")
    old.get_model("store", "Profile").objects.create(
        owner=person, name="Sam", time_zone="America/New_York", playbook="standard"
    )
    opportunity = old.get_model("store", "Opportunity").objects.create(
        owner=person, ref="acme", company="Acme", role="PM", time_zone="America/Chicago",
        country="US", stage="interviewing",
    )
    old.get_model("store", "Contact").objects.create(
        owner=person, opportunity=opportunity, ref="jane", name="Jane Roe", roles=["interviewer"]
    )
    old.get_model("store", "Touch").objects.create(
        owner=person, opportunity=opportunity, at=NOW, at_offset=0, kind="email",
        direction="out",
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("store", store.latest_migration())])
    from followup.store.index import reindex

    reindex(only_missing=True, now=NOW)
    assert db.Opportunity.objects.get(ref="acme").planned_at == NOW
    assert db.Contact.objects.get().name == "Jane Roe"
    assert db.Touch.objects.count() == 1
    assert db.Profile.objects.get().name == "Sam"
