"""Charlie, another owner, gets 404 for every object URL of alice's record, on
the pages and in the API, and can change none of it (healthchecks' charlie tests)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from webfixtures import (  # noqa: F401
    agenda_keys,
    alice,
    charlie,
    people,
    post,
    web_template,
    web_url,
)

REF = "demo-acme-pm"
PAGES = [f"/o/{REF}", f"/forms/opportunity-edit/{REF}", f"/forms/contact-add/{REF}",
         f"/forms/contact-edit/{REF}?contact=jane", f"/forms/interview-add/{REF}",
         f"/forms/interview-edit/{REF}?interview=r1",
         f"/forms/request-add/{REF}?interview=r1", f"/forms/touch-log/{REF}",
         f"/forms/response-log/{REF}", f"/settings/{REF}",
         "/forms/touch-edit/demo-globex-data?touch=1",
         f"/forms/request-edit/{REF}?request=refs"]
POSTS = [f"/forms/stage/{REF}", f"/forms/touch-log/{REF}", f"/forms/response-log/{REF}",
         f"/forms/contact-add/{REF}", f"/settings/{REF}"]


def export(owner: Any) -> str:
    from followup.services.exchange import export_document

    return export_document(owner)


@pytest.mark.parametrize("page", PAGES)
def test_charlie_cannot_see_alice_s_objects(charlie: Any, alice: Any, page: str) -> None:
    assert alice.get(page).status_code == 200
    assert charlie.get(page).status_code == 404


@pytest.mark.parametrize("url", POSTS)
def test_charlie_cannot_change_alice_s_objects(charlie: Any, people: Any, url: str) -> None:
    before = export(people.alice)
    response = post(charlie, url, {"stage": "withdrawn", "kind": "email", "ref": "c",
                                   "name": "C", "org": "employer"})
    assert response.status_code == 404
    assert export(people.alice) == before


def test_charlie_cannot_act_on_or_draft_alice_s_actions(charlie: Any, people: Any) -> None:
    before = export(people.alice)
    for key in agenda_keys(people.alice):
        assert charlie.get(f"/draft/{key}").status_code == 404
        for verb, data in (("done", {}), ("skip", {"why": "x"}),
                           ("snooze", {"until": "2099-01-01"})):
            assert post(charlie, f"/actions/{key}/{verb}", data).status_code == 404
        assert post(charlie, f"/eml/{key}", {"subject": "s", "body": "b"}).status_code == 404
    assert export(people.alice) == before


def test_charlie_s_lists_and_exports_hold_only_his_record(charlie: Any) -> None:
    assert b"Acme" not in charlie.get("/").content
    assert b"Acme" not in charlie.get("/opportunities/").content
    document = json.loads(charlie.get("/export/").content)
    assert document["opportunities"] == [] and document["profile"]["name"] == "Charlie"


def _token(owner: Any) -> str:
    from datetime import UTC, datetime

    from followup.services.access import create_token

    return create_token(owner, "t", now=datetime.now(UTC))[1]


def test_charlie_s_token_gets_404_for_alice_s_objects(people: Any) -> None:
    from django.test import Client

    api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {_token(people.charlie)}")
    before = export(people.alice)
    assert api.get(f"/api/v1/opportunities/{REF}").status_code == 404
    for key in agenda_keys(people.alice):
        assert api.get(f"/api/v1/drafts/{key}").status_code == 404
        for verb, body in (("done", {}), ("skip", {"why": "x"}),
                           ("snooze", {"until": "2099-01-01T09:00:00Z"})):
            answer = api.post(f"/api/v1/actions/{key}/{verb}", body,
                              content_type="application/json")
            assert answer.status_code == 404, (verb, answer.content)
            assert "error" in answer.json()
    writes = [("post", f"/api/v1/opportunities/{REF}/touches", {"kind": "email"}),
              ("post", f"/api/v1/opportunities/{REF}/stage", {"stage": "withdrawn"}),
              ("patch", f"/api/v1/opportunities/{REF}", {"role": "x"}),
              ("post", f"/api/v1/opportunities/{REF}/contacts", {"ref": "c", "name": "C"}),
              ("patch", f"/api/v1/opportunities/{REF}/contacts/jane", {"name": "C"}),
              ("patch", "/api/v1/opportunities/demo-globex-data/touches/1", {"summary": "x"}),
              ("patch", f"/api/v1/opportunities/{REF}/requests/refs", {"what": "x"})]
    for method, url, body in writes:
        answer = getattr(api, method)(url, body, content_type="application/json")
        assert answer.status_code == 404, (url, answer.content)
    assert export(people.alice) == before
    assert api.get("/api/v1/agenda").json()["actions"] == []
