"""When an opportunity's stage moved: kept as it moves (the page's form, the
command line, the API, a logged answer, a sheet), shown on the opportunity's
timeline and in the API's detail, carried by export and import exactly."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from typing import Any

from dbfixtures import _quiet_environment, postgres_url, run, sqlite_template  # noqa: F401
from webfixtures import NOW, alice, people, post, web_template, web_url  # noqa: F401

REF = "demo-acme-pm"


def changes(owner: Any, ref: str = REF) -> list[tuple[str | None, str]]:
    from followup.services.read import opportunity_record

    return [(None if c.previous is None else c.previous.value, c.stage.value)
            for c in opportunity_record(owner, ref).stage_changes]


def page(client: Any, ref: str = REF) -> str:
    answer = client.get(f"/o/{ref}")
    assert answer.status_code == 200
    return html.unescape(answer.content.decode())


def api_client(owner: Any) -> Any:
    from django.test import Client

    from followup.services.access import create_token

    token = create_token(owner, "tests", now=NOW)[1]
    return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_stage_form_keeps_the_move_and_the_timeline_shows_it(
        alice: Any, people: Any) -> None:
    assert changes(people.alice) == []
    before = datetime.now(UTC).replace(microsecond=0)
    assert post(alice, f"/forms/stage/{REF}", {"stage": "withdrawn"}).status_code == 303
    assert changes(people.alice) == [("interviewing", "withdrawn")]
    from followup.services.read import opportunity_record

    [moved] = opportunity_record(people.alice, REF).stage_changes
    assert before <= moved.at <= datetime.now(UTC)
    shown = page(alice)
    assert '<li class="ev-stage">' in shown
    assert "Stage moved from interviewing to withdrawn" in shown


def test_a_refused_stage_keeps_no_history(alice: Any, people: Any) -> None:
    assert post(alice, f"/forms/stage/{REF}", {"stage": "x"}).status_code == 400
    assert post(alice, f"/forms/stage/{REF}", {"stage": "interviewing"}).status_code == 303
    assert changes(people.alice) == []  # the same stage again is no move
    assert "Stage moved" not in page(alice)


def test_the_command_line_and_the_api_keep_it_and_the_api_shows_it(
        alice: Any, people: Any, web_url: str) -> None:
    result = run(web_url, "stage", REF, "offer")
    assert result.exit_code == 0, result.output
    api = api_client(people.alice)
    moved = api.post(f"/api/v1/opportunities/{REF}/stage", json.dumps({"stage": "hired"}),
                     content_type="application/json")
    assert moved.status_code == 200
    detail = api.get(f"/api/v1/opportunities/{REF}").json()
    assert [(c["from"], c["to"]) for c in detail["stage_changes"]] == [
        ("interviewing", "offer"), ("offer", "hired")]
    assert all(datetime.fromisoformat(c["at"]).tzinfo for c in detail["stage_changes"])
    shown = page(alice)
    assert shown.index("Stage moved from interviewing to offer") < shown.index(
        "Stage moved from offer to hired")


def test_an_answer_that_moves_the_stage_is_dated_when_it_came(alice: Any, people: Any) -> None:
    from followup.services.read import opportunity_record

    assert post(alice, f"/forms/response-log/{REF}", {
        "contact": "jane", "outcome": "rejected", "at": "2026-11-30T11:00"}).status_code == 303
    o = opportunity_record(people.alice, REF)
    [moved] = o.stage_changes
    assert (moved.previous, moved.stage) == (o.stage.__class__("interviewing"), o.stage)
    assert moved.at == o.touches[-1].at  # the answer's time, not the logging's
    assert "Stage moved from interviewing to rejected" in page(alice)


def test_a_touch_that_settles_nothing_moves_nothing(alice: Any, people: Any) -> None:
    assert post(alice, f"/forms/response-log/{REF}", {
        "contact": "jane", "outcome": "delayed", "decision_expected": "2027-01-11",
        "at": "2026-11-30T11:00"}).status_code == 303
    assert changes(people.alice) == []


def test_export_and_import_carry_the_history_exactly(alice: Any, people: Any) -> None:
    from followup.services.exchange import export_document, import_document

    assert post(alice, f"/forms/stage/{REF}", {"stage": "offer"}).status_code == 303
    assert post(alice, f"/forms/stage/{REF}", {"stage": "hired"}).status_code == 303
    text = export_document(people.alice)
    document = json.loads(text)
    acme = next(o for o in document["opportunities"] if o["ref"] == REF)
    assert [(c["from"], c["to"]) for c in acme["stage_changes"]] == [
        ("interviewing", "offer"), ("offer", "hired")]
    import_document(people.charlie, text, now=NOW)
    assert export_document(people.charlie) == text
    import_document(people.alice, text, now=NOW)  # again over itself: nothing added
    assert export_document(people.alice) == text


def test_a_sheet_keeps_the_history_and_adds_the_move_it_makes(
        alice: Any, people: Any) -> None:
    from followup.services.exchange import export_csv, import_csv

    assert post(alice, f"/forms/stage/{REF}", {"stage": "offer"}).status_code == 303
    sheet = export_csv(people.alice)
    import_csv(people.alice, sheet, now=NOW)
    assert changes(people.alice) == [("interviewing", "offer")]
    header, *rows = sheet.splitlines()
    column = header.split(",").index("stage")
    moved = [",".join([*cells[:column], "withdrawn", *cells[column + 1:]])
             if cells[0] == REF else row for row in rows for cells in [row.split(",")]]
    import_csv(people.alice, "\n".join([header, *moved]) + "\n", now=NOW)
    assert changes(people.alice) == [("interviewing", "offer"), ("offer", "withdrawn")]


def test_a_close_out_marked_done_is_kept_as_of_when_it_was_done(people: Any) -> None:
    """Follow-ups done until none is left; the close-out closes it, in the history."""
    from datetime import timedelta

    from followup.services import actions
    from followup.services.agenda import agenda
    from followup.services.read import opportunity_record

    ref, clock = "demo-globex-data", NOW
    for _ in range(8):
        mine = [a for a in agenda(people.alice, clock, clock + timedelta(days=60)).actions
                if a.opportunity == ref]
        if not mine:
            break
        action = min(mine, key=lambda a: a.due)
        clock = max(clock, action.due)
        actions.done(people.alice, action.key, now=clock)
        if action.kind.value == "close_out":
            break
    assert action.kind.value == "close_out"
    o = opportunity_record(people.alice, ref)
    assert o.stage.value == "closed_no_response"
    assert [(c.previous.value if c.previous else None, c.stage.value, c.at)
            for c in o.stage_changes] == [("interviewing", "closed_no_response", clock)]
