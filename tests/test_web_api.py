"""The JSON API: token auth, the same JSON as the command line for the same
record, keys with `/` in paths, errors as {"error"} with 400/401/404."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, run, sqlite_template  # noqa: F401
from webfixtures import NOW, agenda_keys, people, web_template, web_url  # noqa: F401

AS_OF = (NOW + timedelta(hours=1)).isoformat()


@pytest.fixture
def api(people: Any) -> Any:
    from django.test import Client

    from followup.services.access import create_token

    token = create_token(people.alice, "tests", now=NOW)[1]
    return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")


def post_json(api: Any, url: str, body: Any) -> Any:
    return api.post(url, json.dumps(body), content_type="application/json")


def test_agenda_is_the_command_line_s(api: Any, web_url: str) -> None:
    cli = json.loads(run(web_url, "agenda", "--as-of", AS_OF, "--format", "json").output)
    answer = api.get("/api/v1/agenda", {"as_of": AS_OF})
    assert answer.status_code == 200 and answer.json() == cli
    until = (NOW + timedelta(days=9)).isoformat()
    cli = json.loads(run(web_url, "agenda", "--as-of", AS_OF, "--until", until).output)
    assert api.get("/api/v1/agenda", {"as_of": AS_OF, "until": until}).json() == cli
    # The same text, too: both read the stored agenda and write it alike.
    text = run(web_url, "agenda", "--as-of", AS_OF, "--format", "json").output
    assert api.get("/api/v1/agenda", {"as_of": AS_OF}).content.decode() == text


def test_draft_is_the_command_line_s_with_the_key_as_it_is(api: Any, web_url: str,
                                                           people: Any) -> None:
    # Keys open at the drafts' own clock: an interview starting within the hour
    # ends its prepare action before AS_OF (the demo's times follow the real clock).
    for key in agenda_keys(people.alice, datetime.fromisoformat(AS_OF))[:4]:
        cli = json.loads(run(web_url, "draft", key, "--as-of", AS_OF, "--format", "json").output)
        answer = api.get(f"/api/v1/drafts/{key}", {"as_of": AS_OF})
        assert answer.status_code == 200 and answer.json() == cli


def test_export_is_the_command_line_s(api: Any, web_url: str) -> None:
    assert api.get("/api/v1/export").content.decode() == run(web_url, "export").output


def test_check_is_the_command_line_s(api: Any, web_url: str) -> None:
    text = "I still haven't heard back and I am disappointed."
    cli = json.loads(run(web_url, "check", "--kind", "follow_up", "-", "--format", "json",
                         input=text).output)
    answer = post_json(api, "/api/v1/check", {"kind": "follow_up", "text": text})
    assert answer.status_code == 200 and answer.json()["findings"] == cli["findings"]
    bad = post_json(api, "/api/v1/check", {"kind": "sonnet", "text": text})
    assert bad.status_code == 400 and "sonnet" in bad.json()["error"]


def test_done_skip_snooze_by_key(api: Any, people: Any) -> None:
    first, second, third = agenda_keys(people.alice)[:3]
    assert post_json(api, f"/api/v1/actions/{first}/done", {}).json()["result"] == "done"
    assert post_json(api, f"/api/v1/actions/{second}/skip", {"why": "no"}).status_code == 200
    snoozed = post_json(api, f"/api/v1/actions/{third}/snooze", {"until": "2099-01-02T09:00"})
    assert snoozed.status_code == 200
    assert not {first, second, third} & set(agenda_keys(people.alice))
    again = post_json(api, f"/api/v1/actions/{first}/done", {})
    assert again.status_code == 404 and "error" in again.json()


@pytest.mark.parametrize(("body", "words"), [
    ({"until": "2000-01-01T00:00:00Z"}, "not in the future"),
    ({"until": "soon"}, "until"),
    ({}, "until"),
])
def test_a_bad_snooze_is_400_and_writes_nothing(api: Any, people: Any, body: Any,
                                                words: str) -> None:
    key = agenda_keys(people.alice)[0]
    answer = post_json(api, f"/api/v1/actions/{key}/snooze", body)
    assert answer.status_code == 400 and words in answer.json()["error"]
    assert key in agenda_keys(people.alice)


def test_import_is_all_or_nothing_and_names_the_place(api: Any, web_url: str) -> None:
    document = json.loads(api.get("/api/v1/export").content)
    before = api.get("/api/v1/export").content
    document["opportunities"][0]["interviews"][0]["end"] = "2000-01-01T00:00:00+00:00"
    answer = post_json(api, "/api/v1/import", document)
    assert answer.status_code == 400
    assert answer.json()["error"].startswith("opportunities[0].interviews[0].end")
    assert api.get("/api/v1/export").content == before
    assert post_json(api, "/api/v1/import", json.loads(before)).json() == {
        "created": 0, "updated": len(document["opportunities"])}
    broken = api.post("/api/v1/import", b"{not json", content_type="application/json")
    assert broken.status_code == 400 and "error" in broken.json()


@pytest.mark.parametrize("header", [None, "Bearer fu_nope", "Basic abc", "Bearer "])
def test_no_or_bad_token_is_401(people: Any, header: str | None) -> None:
    from django.test import Client

    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    client = Client(HTTP_HOST="127.0.0.1", **extra)
    for url in ("/api/v1/agenda", "/api/v1/export", "/api/v1/opportunities"):
        answer = client.get(url)
        assert answer.status_code == 401 and "error" in answer.json()


def test_a_revoked_token_stops_working(api: Any, web_url: str) -> None:
    assert api.get("/api/v1/agenda").status_code == 200
    assert run(web_url, "token", "revoke", "tests").exit_code == 0
    assert api.get("/api/v1/agenda").status_code == 401


def test_the_record_endpoints_log_a_response_and_move_the_follow_up(api: Any) -> None:
    ref = "api-co"
    created = post_json(api, "/api/v1/opportunities", {
        "ref": ref, "company": "Api Co", "role": "Engineer", "time_zone": "America/Chicago",
        "country": "US", "subdivision": "IL"})
    assert created.status_code == 201 and created.json()["company"] == "Api Co"
    assert post_json(api, f"/api/v1/opportunities/{ref}/contacts", {
        "ref": "jo", "name": "Jo Bloggs", "email": "jo@api.example",
        "roles": ["hiring_manager", "interviewer"]}).status_code == 201
    start = (NOW - timedelta(days=20)).replace(hour=15, minute=0, second=0)
    interview = post_json(api, f"/api/v1/opportunities/{ref}/interviews", {
        "ref": "r1", "start": start.isoformat(), "end": (start + timedelta(hours=1)).isoformat(),
        "interviewers": ["jo"], "decision_expected": (NOW - timedelta(days=10)).date().isoformat(),
        "notes": {"learned": "They ship weekly", "moments": {"jo": "The roadmap talk"}}})
    assert interview.status_code == 201, interview.json()
    follow_up = [a for a in interview.json()["actions"] if a["kind"] == "follow_up"]
    assert follow_up
    new_date = (NOW + timedelta(days=30)).date().isoformat()
    logged = post_json(api, f"/api/v1/opportunities/{ref}/touches", {
        "kind": "response", "contact": "jo", "outcome": "delayed",
        "decision_expected": new_date})
    assert logged.status_code == 201
    assert logged.json()["touches"][-1]["direction"] == "in"
    after = [a for a in logged.json()["actions"] if a["kind"] == "follow_up"]
    assert not after or after[0]["due"] > follow_up[0]["due"]
    assert post_json(api, f"/api/v1/opportunities/{ref}/stage",
                     {"stage": "withdrawn"}).json()["stage"] == "withdrawn"
    listed = api.get("/api/v1/opportunities", {"stage": "withdrawn"}).json()
    assert [o["ref"] for o in listed] == [ref]


def test_editing_a_touch_and_delivering_a_request(api: Any) -> None:
    url = "/api/v1/opportunities/demo-acme-pm"
    edited = api.patch("/api/v1/opportunities/demo-globex-data/touches/1",
                       json.dumps({"summary": "Fixed"}), content_type="application/json")
    assert edited.status_code == 200 and edited.json()["touches"][0]["summary"] == "Fixed"
    delivered = api.patch(f"{url}/requests/refs", json.dumps({"delivered_at": NOW.isoformat()}),
                          content_type="application/json")
    assert delivered.status_code == 200
    assert not [a for a in delivered.json()["actions"] if a["request"] == "refs"]
    missing = api.patch(f"{url}/touches/99", json.dumps({"summary": "x"}),
                        content_type="application/json")
    assert missing.status_code == 404


@pytest.mark.parametrize(("url", "body", "words"), [
    ("/api/v1/opportunities", {"ref": "x", "company": "X", "role": "R",
                               "time_zone": "Mars/Base", "country": "US"}, "Mars/Base"),
    ("/api/v1/opportunities", {"ref": "x"}, "company"),
    ("/api/v1/opportunities/demo-acme-pm/contacts", {"ref": "jane", "name": "J"}, "jane"),
    ("/api/v1/opportunities/demo-acme-pm/touches", {"kind": "shout"}, "kind"),
    ("/api/v1/opportunities/demo-acme-pm/interviews/r1/requests",
     {"ref": "q", "what": "x", "requester": "nobody"}, "nobody"),
])
def test_bad_record_input_is_400_and_writes_nothing(api: Any, url: str, body: Any,
                                                    words: str) -> None:
    before = api.get("/api/v1/export").content
    answer = post_json(api, url, body)
    assert answer.status_code == 400, answer.content
    assert words in answer.json()["error"]
    assert api.get("/api/v1/export").content == before


def test_the_schema_is_generated_and_served(api: Any) -> None:
    schema = api.get("/api/v1/openapi.json").json()
    assert "/api/v1/agenda" in schema["paths"]
    assert "/api/v1/actions/{key}/done" in schema["paths"]
