"""The API's share of issue 10's daily tasks: short ids on the action and draft
endpoints, why, delete and rename; bad input is 400 with nothing written,
no token 401, charlie's token 404 for every new endpoint."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, run, sqlite_template  # noqa: F401
from webfixtures import NOW, agenda_keys, people, web_template, web_url  # noqa: F401

REF = "demo-acme-pm"
DELETES = [f"/api/v1/opportunities/{REF}/contacts/jane",
           f"/api/v1/opportunities/{REF}/interviews/r1",
           f"/api/v1/opportunities/{REF}/requests/refs",
           "/api/v1/opportunities/demo-globex-data/touches/1",
           f"/api/v1/opportunities/{REF}"]
RENAMES = [f"/api/v1/opportunities/{REF}/rename",
           f"/api/v1/opportunities/{REF}/contacts/jane/rename"]


def client(owner: Any) -> Any:
    from django.test import Client

    from followup.services.access import create_token

    token = create_token(owner, "tests", now=NOW)[1]
    return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def api(people: Any) -> Any:
    return client(people.alice)


def post_json(api: Any, url: str, body: Any) -> Any:
    return api.post(url, json.dumps(body), content_type="application/json")


def export(owner: Any) -> str:
    from followup.services.exchange import export_document

    return export_document(owner)


def sid(key: str) -> str:
    from followup.domain.entry import short_id

    return short_id(key)


@pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
def test_actions_by_short_id_answer_with_the_whole_key(api: Any, people: Any) -> None:
    first, second, third = agenda_keys(people.alice)[:3]
    done = post_json(api, f"/api/v1/actions/{sid(first)}/done", {})
    assert done.status_code == 200 and done.json() == {"result": "done", "key": first}
    skipped = post_json(api, f"/api/v1/actions/{sid(second)[:5]}/skip", {"why": "no"})
    assert skipped.status_code == 200 and skipped.json()["key"] == second
    snoozed = post_json(api, f"/api/v1/actions/{sid(third)}/snooze",
                        {"until": "2099-01-02T09:00"})
    assert snoozed.status_code == 200 and snoozed.json()["key"] == third
    assert not {first, second, third} & set(agenda_keys(people.alice))


def test_a_draft_by_short_id_is_the_draft_by_key(api: Any, people: Any) -> None:
    for key in agenda_keys(people.alice)[:3]:
        by_key = api.get(f"/api/v1/drafts/{key}")
        by_id = api.get(f"/api/v1/drafts/{sid(key)}")
        assert by_key.status_code == by_id.status_code == 200
        assert by_id.json() == by_key.json()


@pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
def test_why_is_the_explanation_followup_why_prints(api: Any, people: Any,
                                                    web_url: str) -> None:
    from followup.services.explain import explain

    key = agenda_keys(people.alice)[0]
    answer = api.get(f"/api/v1/actions/{sid(key)}/why")
    assert answer.status_code == 200
    why = answer.json()
    found = explain(people.alice, key, datetime.now(UTC))
    assert why["key"] == key and why["short_id"] == sid(key)
    assert (why["rule"], why["title"], why["text"]) == (found.action.rule, found.rule_title,
                                                        found.rule_text)
    assert [d["what"] for d in why["computed_from"]] == [label for label, _ in found.dates]
    assert list(why["settings"]) == [name for name, _ in found.settings]
    printed = run(web_url, "why", key).output
    assert found.rule_title in printed and why["why"] in printed
    assert api.get("/api/v1/actions/no/such/key/why").status_code == 404


@pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
def test_delete_endpoints(api: Any, people: Any) -> None:
    from followup.services.read import opportunity_record

    answer = api.delete(f"/api/v1/opportunities/{REF}/contacts/jane")
    assert answer.status_code == 200
    assert all(c["ref"] != "jane" for c in answer.json()["contacts"])
    assert api.delete(f"/api/v1/opportunities/{REF}/requests/refs").status_code == 200
    assert api.delete(f"/api/v1/opportunities/{REF}/interviews/r1").status_code == 200
    o = opportunity_record(people.alice, REF)
    assert all(i.ref != "r1" for i in o.interviews)
    touches = len(opportunity_record(people.alice, "demo-globex-data").touches)
    assert api.delete("/api/v1/opportunities/demo-globex-data/touches/1").status_code == 200
    assert len(opportunity_record(people.alice, "demo-globex-data").touches) == touches - 1
    gone = api.delete(f"/api/v1/opportunities/{REF}")
    assert gone.status_code == 200 and gone.json() == {"result": "deleted", "opportunity": REF}
    assert api.get(f"/api/v1/opportunities/{REF}").status_code == 404


@pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
def test_rename_endpoints_carry_the_decisions(api: Any, people: Any) -> None:
    keys = [k for k in agenda_keys(people.alice) if k.startswith(f"{REF}/")]
    assert post_json(api, f"/api/v1/actions/{keys[0]}/skip", {"why": "no"}).status_code == 200
    renamed = post_json(api, f"/api/v1/opportunities/{REF}/rename", {"ref": "acme-2"})
    assert renamed.status_code == 200 and renamed.json()["ref"] == "acme-2"
    assert api.get(f"/api/v1/opportunities/{REF}").status_code == 404
    moved = {k.replace(REF, "acme-2", 1) for k in keys[1:]}
    assert moved <= set(agenda_keys(people.alice))
    assert keys[0].replace(REF, "acme-2", 1) not in agenda_keys(people.alice)
    contact = post_json(api, "/api/v1/opportunities/acme-2/contacts/jane/rename",
                        {"ref": "jane-d"})
    assert contact.status_code == 200
    assert "jane-d" in [c["ref"] for c in contact.json()["contacts"]]


@pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("method", "url", "body", "status", "words"), [
    ("post", RENAMES[0], {"ref": "two words"}, 400, "is not a ref"),
    ("post", RENAMES[0], {"ref": "demo-globex-data"}, 400, "already exists"),
    ("post", RENAMES[0], {}, 400, "ref"),
    ("post", RENAMES[1], {"ref": "a/b"}, 400, "is not a ref"),
    ("post", f"/api/v1/opportunities/{REF}/contacts/nobody/rename", {"ref": "x"}, 404,
     "nobody"),
    ("delete", f"/api/v1/opportunities/{REF}/touches/abc", None, 400, "number"),
    ("delete", f"/api/v1/opportunities/{REF}/touches/99", None, 404, "touch number 99"),
    ("delete", f"/api/v1/opportunities/{REF}/contacts/nobody", None, 404, "nobody"),
    ("delete", f"/api/v1/opportunities/{REF}/interviews/r99", None, 404, "r99"),
    ("delete", "/api/v1/opportunities/no-such", None, 404, "no-such"),
])
def test_bad_input_is_refused_and_writes_nothing(api: Any, people: Any, method: str, url: str,
                                                 body: Any, status: int, words: str) -> None:
    before = export(people.alice)
    answer = post_json(api, url, body) if method == "post" else api.delete(url)
    assert answer.status_code == status, answer.content
    assert words in answer.json()["error"]
    assert export(people.alice) == before


@pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
def test_no_token_is_401_for_every_new_endpoint(people: Any) -> None:
    from django.test import Client

    anonymous = Client(HTTP_HOST="127.0.0.1")
    before = export(people.alice)
    key = agenda_keys(people.alice)[0]
    assert anonymous.get(f"/api/v1/actions/{key}/why").status_code == 401
    for url in DELETES:
        assert anonymous.delete(url).status_code == 401
    for url in RENAMES:
        assert post_json(anonymous, url, {"ref": "x"}).status_code == 401
    assert export(people.alice) == before


def test_charlie_s_token_gets_404_for_every_new_endpoint(people: Any) -> None:
    charlie = client(people.charlie)
    before = export(people.alice)
    for key in agenda_keys(people.alice):
        assert charlie.get(f"/api/v1/actions/{key}/why").status_code == 404
        assert charlie.get(f"/api/v1/actions/{sid(key)}/why").status_code == 404
        assert charlie.get(f"/api/v1/drafts/{sid(key)}").status_code == 404
        assert post_json(charlie, f"/api/v1/actions/{sid(key)}/done", {}).status_code == 404
    for url in DELETES:
        assert charlie.delete(url).status_code == 404, url
    for url in RENAMES:
        assert post_json(charlie, url, {"ref": "mine"}).status_code == 404, url
    assert export(people.alice) == before


def test_the_schema_documents_delete_rename_and_why(people: Any) -> None:
    paths = client(people.alice).get("/api/v1/openapi.json").json()["paths"]
    assert "delete" in paths["/api/v1/opportunities/{ref}"]
    for tail in ("contacts/{contact}", "interviews/{interview}", "requests/{request_ref}",
                 "touches/{number}"):
        assert "delete" in paths[f"/api/v1/opportunities/{{ref}}/{tail}"], tail
    assert "post" in paths["/api/v1/opportunities/{ref}/rename"]
    assert "post" in paths["/api/v1/opportunities/{ref}/contacts/{contact}/rename"]
    assert "get" in paths["/api/v1/actions/{key}/why"]
