"""The stored agenda prints exactly what planning at read time prints, at any clock."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, run, sqlite_template  # noqa: F401

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from followup.domain import model as m
from synthetic import make_record

WRITTEN = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
# The write's own clock, soon after, after interviews begin (prepare actions
# expire), well after (check-ins expire, follow-ups fall late), and a past clock.
CLOCKS = [
    WRITTEN, WRITTEN + timedelta(hours=5), WRITTEN + timedelta(days=3),
    WRITTEN + timedelta(days=25), WRITTEN - timedelta(days=2),
]


def _record() -> m.Record:
    """Synthetic opportunities, some with snoozes and skips, in several zones."""
    from followup.domain.planner import plan_opportunity
    from followup.domain.settings import Settings

    record = make_record(40, seed=7, now=WRITTEN)
    varied = []
    for n, opportunity in enumerate(record.opportunities):
        actions = plan_opportunity(record.profile, opportunity, Settings(), WRITTEN)
        if actions and n % 3 == 0:
            first = actions[0]
            decisions: tuple[m.Decision, ...] = (m.Decision(
                first.key, m.DecisionKind.SNOOZE, WRITTEN - timedelta(hours=2),
                until=WRITTEN + timedelta(days=2, hours=n)),)
            if len(actions) > 1 and n % 2 == 0:
                decisions += (m.Decision(actions[1].key, m.DecisionKind.SKIP, WRITTEN),)
            opportunity = replace(opportunity, decisions=decisions)
        varied.append(opportunity)
    return replace(record, opportunities=tuple(varied))


def _planned_document(owner, clock: datetime, until: datetime | None) -> str:  # type: ignore[no-untyped-def]
    from followup.cli.output import json_text
    from followup.services.agenda import agenda, agenda_json

    return json_text(agenda_json(agenda(owner, clock, until)))


def _planned_people(owner, clock: datetime, until: datetime | None) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    from followup.domain.entries import describe, explained, headline, when
    from followup.domain.entry import short_id
    from followup.services.agenda import agenda

    result = agenda(owner, clock, until)
    assert result.profile is not None
    return [
        (a.due.timestamp(), a.key, a.late,
         when(a.due, result.profile.time_zone, result.opportunities[a.opportunity].time_zone),
         headline(result.opportunities[a.opportunity]),
         describe(a, result.opportunities[a.opportunity]), short_id(a.key), explained(a))
        for a in result.actions
    ]


def _stored_count(owner) -> int:  # type: ignore[no-untyped-def]
    from followup.store import models as db

    return db.PlannedAction.objects.filter(owner=owner).count()


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_the_stored_agenda_prints_what_planning_prints(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import import_record
    from followup.services.listing import agenda_document, listing
    from followup.store import models as db

    import_record(owner, _record(), now=WRITTEN)
    assert _stored_count(owner) > 100
    expiring = db.Opportunity.objects.filter(plan_valid_until__lt=CLOCKS[3]).count()
    assert expiring > 0, "the record should have plans that expire before the last clock"
    for clock in CLOCKS:
        for until in (None, clock + timedelta(days=7)):
            stored = listing(owner, clock, until, people=False)
            assert agenda_document(stored) == _planned_document(owner, clock, until), clock
            people = listing(owner, clock, until, people=True)
            assert people.entries == _planned_people(owner, clock, until), clock


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_at_the_write_clock_nothing_is_planned_at_read_time(owner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from followup.domain import planner
    from followup.services.exchange import import_record
    from followup.services.listing import listing

    import_record(owner, _record(), now=WRITTEN)

    def refuse(*args: object) -> None:
        raise AssertionError("planned at read time")

    monkeypatch.setattr(planner, "plan_opportunity", refuse)
    assert listing(owner, WRITTEN + timedelta(hours=1), None, people=False).entries


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_a_stale_stored_agenda_is_not_trusted_and_is_rebuilt(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import import_record
    from followup.services.listing import agenda_document, listing
    from followup.store import index
    from followup.store import models as db

    import_record(owner, _record(), now=WRITTEN)
    clock = WRITTEN + timedelta(hours=1)
    before = agenda_document(listing(owner, clock, None, people=False))
    # Another planner or holiday data made these rows: they are planned when read.
    db.Opportunity.objects.update(plan_version="another planner")
    db.PlannedAction.objects.update(entry='{"wrong": 1}')
    assert agenda_document(listing(owner, clock, None, people=False)) == before
    # A writer that re-indexed without rewriting the stored agenda: not trusted either.
    assert index.rebuild_stale(now=WRITTEN) == db.Opportunity.objects.count()
    db.PlannedAction.objects.update(entry='{"wrong": 1}')
    db.Opportunity.objects.update(planned_at=WRITTEN + timedelta(seconds=1))
    assert agenda_document(listing(owner, clock, None, people=False)) == before
    assert index.rebuild_stale(now=WRITTEN) == 0


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_today_and_the_text_agenda_read_the_same_either_way(db_url: str) -> None:
    from followup.services.exchange import import_record
    from followup.store import models as db
    from followup.store.owner import local_owner

    import_record(local_owner(), _record(), now=WRITTEN)
    soon, later = WRITTEN + timedelta(hours=3), WRITTEN + timedelta(days=3)
    commands = [["today", "--as-of", soon.isoformat()],
                ["agenda", "--format", "text", "--as-of", later.isoformat()]]
    stored = [run(db_url, *command).output for command in commands]
    assert "Late" in stored[0] and "Coming up" in stored[0]
    db.Opportunity.objects.update(plan_version=None)
    assert [run(db_url, *command).output for command in commands] == stored


def test_rules_ask_the_clock_only_through_facts_before() -> None:
    """The stored agenda knows how long a plan holds only if no rule reads `now` directly."""
    domain = Path(__file__).parents[1] / "src" / "followup" / "domain"
    # Facts itself (its __init__ and `before`); lateness.
    allowed = {"facts.py": 2, "actions.py": 1, "planner.py": 1}
    for path in sorted(domain.glob("*.py")):
        uses = len(re.findall(r"\bfacts\.now\b|\bself\.now\b", path.read_text()))
        assert uses <= allowed.get(path.name, 0), (
            f"{path.name} reads the clock directly: ask `facts.before(moment)` instead "
            "(or make lateness from `is_late`), so stored agendas know when a plan changes"
        )


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_plans_the_clock_expired_are_remade_when_the_store_is_set_up(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.exchange import import_record
    from followup.services.listing import agenda_document, listing
    from followup.store import index
    from followup.store import models as db

    import_record(owner, _record(), now=WRITTEN)
    later = CLOCKS[3]
    expired = db.Opportunity.objects.filter(plan_valid_until__lte=later).count()
    assert expired > 0
    before = agenda_document(listing(owner, later, None, people=False))
    assert index.rebuild_stale(now=later) == expired
    assert not db.Opportunity.objects.filter(plan_valid_until__lte=later).exists()
    assert agenda_document(listing(owner, later, None, people=False)) == before


def test_the_column_layout_is_the_plain_one() -> None:
    """`table` lays out by column for speed; each line is what padding row by row gives."""
    import random

    import click

    from followup.cli.output import table

    rng = random.Random(3)
    for size in (1, 2, 5, 40):
        rows = [[rng.choice(["", "a", "bb  ", "Zoë · Data"]) * rng.randint(0, 3)
                 for _ in range(4)] for _ in range(size)]
        headers = ["DUE", "KEY", "ACTION", "WHY"]
        every = [headers, *rows]
        widths = [max(len(row[i]) for row in every) for i in range(3)]
        plain = ["  ".join([*(row[i].ljust(widths[i]) for i in range(3)), row[3]]).rstrip()
                 for row in every]
        assert table(rows, headers) == [click.style(plain[0], bold=True), *plain[1:]]


@pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
def test_the_check_for_rows_to_plan_is_the_due_rows_left_untrusted(owner) -> None:  # type: ignore[no-untyped-def]
    """`needs_planning` answers as `due_rows AND NOT trusted` did, in every state."""
    from django.db import connection

    from followup.services.exchange import import_record
    from followup.services.listing import due_rows, needs_planning
    from followup.store import models as db
    from followup.store import plan_cache
    from followup.store.sql import Sql

    def asked(clock: datetime, horizon: datetime) -> tuple[bool, bool]:
        with connection.cursor() as cursor:
            sql = Sql(cursor, connection.vendor)
            due, params = due_rows(sql, owner.pk, horizon, clock)
            params += plan_cache.trusted_params(sql.instant(clock))
            union = bool(sql.rows(f"SELECT 1 FROM followup_opportunity WHERE {due} AND NOT "
                                  f"{plan_cache.trusted(sql.ph)} LIMIT 1", params))
            return needs_planning(sql, owner.pk, horizon, clock), union

    import_record(owner, _record(), now=WRITTEN)
    first = db.Opportunity.objects.filter(owner=owner).order_by("id")
    states = [
        lambda: None,  # as written
        lambda: first.filter(pk=first[0].pk).update(plan_version="another planner"),
        lambda: first.filter(pk=first[1].pk).update(planned_at=None),
        lambda: first.filter(pk=first[2].pk).update(plan_cached_at=WRITTEN - timedelta(days=1)),
    ]
    seen = set()
    for change in states:
        change()
        for clock in CLOCKS:
            for days in (0, 7, 60):
                answer, union = asked(clock, clock + timedelta(days=days))
                assert answer == union, (clock, days)
                seen.add(answer)
    assert seen == {True, False}
