"""The record's forms: saved by the command's service, or refused with the error
beside its field in the command line's words, and then nothing is written."""

from __future__ import annotations

import html
from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from webfixtures import alice, people, post, web_template, web_url  # noqa: F401

pytestmark = pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)


def export(owner: Any) -> str:
    from followup.services.exchange import export_document

    return export_document(owner)


def record(owner: Any, ref: str = "demo-acme-pm") -> Any:
    from datetime import UTC, datetime

    from followup.services.read import opportunity

    return opportunity(owner, ref, datetime.now(UTC)).opportunity


OPPORTUNITY = {"ref": "new-co", "company": "New Co", "role": "Analyst",
               "time_zone": "Europe/London", "country": "GB", "via": "direct",
               "channel": "email", "stage": "applied"}


def test_adding_an_opportunity_opens_its_page(alice: Any, people: Any) -> None:
    response = post(alice, "/forms/opportunity-add/", OPPORTUNITY)
    assert response.status_code == 303 and response["Location"] == "/o/new-co"
    assert record(people.alice, "new-co").company == "New Co"


@pytest.mark.parametrize(("field", "value", "words"), [
    ("time_zone", "Mars/Olympus", "Mars/Olympus"),
    ("company", "", "missing --company"),
    ("stage", "dreaming", "'dreaming' is not one of 'interested'"),
    ("ref", "demo-acme-pm", "already exists"),
])
def test_a_bad_opportunity_is_shown_beside_its_field_and_not_saved(
    alice: Any, people: Any, field: str, value: str, words: str
) -> None:
    before = export(people.alice)
    response = post(alice, "/forms/opportunity-add/", {**OPPORTUNITY, field: value})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Nothing was saved" in page and words in page
    if field != "ref":
        assert f'id="err-{field}"' in page
    assert export(people.alice) == before


def test_editing_an_opportunity_keeps_the_rest(alice: Any, people: Any) -> None:
    current = record(people.alice)
    data = {"company": current.company, "role": "Senior Product Manager",
            "time_zone": current.time_zone, "country": current.country,
            "subdivision": current.subdivision or "", "via": current.via.value,
            "channel": current.channel.value, "stage": current.stage.value}
    assert post(alice, "/forms/opportunity-edit/demo-acme-pm", data).status_code == 303
    after = record(people.alice)
    assert after.role == "Senior Product Manager" and after.interviews == current.interviews


def test_stage_change(alice: Any, people: Any) -> None:
    assert post(alice, "/forms/stage/demo-acme-pm", {"stage": "withdrawn"}).status_code == 303
    assert record(people.alice).stage.value == "withdrawn"
    assert post(alice, "/forms/stage/demo-acme-pm", {"stage": "x"}).status_code == 400


def test_contact_add_and_edit(alice: Any, people: Any) -> None:
    added = post(alice, "/forms/contact-add/demo-acme-pm", {
        "ref": "kim", "name": "Kim Park", "email": "kim@acme.example", "org": "employer",
        "roles": ["recruiter"]})
    assert added.status_code == 303
    kim = record(people.alice).contact("kim")
    assert kim is not None and [r.value for r in kim.roles] == ["recruiter"]
    edited = post(alice, "/forms/contact-edit/demo-acme-pm?contact=kim", {
        "name": "Kim Park", "title": "Talent Partner", "org": "employer",
        "roles": ["recruiter"], "email": "kim@acme.example"})
    assert edited.status_code == 303
    assert record(people.alice).contact("kim").title == "Talent Partner"


def test_a_bad_contact_email_is_refused(alice: Any, people: Any) -> None:
    before = export(people.alice)
    response = post(alice, "/forms/contact-add/demo-acme-pm",
                    {"ref": "kim", "name": "Kim", "email": "not an address", "org": "employer"})
    assert response.status_code == 400 and export(people.alice) == before


def test_interview_with_its_notes(alice: Any, people: Any) -> None:
    response = post(alice, "/forms/interview-add/demo-acme-pm", {
        "ref": "r9", "round": "2", "format": "onsite", "start": "2026-12-03T10:00",
        "end": "2026-12-03T12:00", "interviewers": ["jane"], "decision_expected": "2026-12-15",
        "learned": "They ship weekly", "moment__jane": "We sketched the roadmap",
        "concerns": "Domain depth; I led two launches there", "skills": "SQL",
        "attach": "portfolio\nreferences", "next_steps": "Panel next week"})
    assert response.status_code == 303, response.content.decode()[:2000]
    interview = next(i for i in record(people.alice).interviews if i.ref == "r9")
    assert interview.notes.moments == {"jane": "We sketched the roadmap"}
    assert interview.notes.attach == ("portfolio", "references")
    assert interview.start.isoformat() == "2026-12-03T10:00:00-06:00"  # the employer's zone


def test_an_interview_ending_before_it_starts_is_refused(alice: Any, people: Any) -> None:
    before = export(people.alice)
    response = post(alice, "/forms/interview-add/demo-acme-pm", {
        "ref": "r9", "round": "1", "format": "video", "start": "2026-12-03T10:00",
        "end": "2026-12-03T09:00"})
    assert response.status_code == 400
    assert "before start" in response.content.decode()
    assert export(people.alice) == before


def test_editing_interview_notes(alice: Any, people: Any) -> None:
    page = alice.get("/forms/interview-edit/demo-acme-pm?interview=r1").content.decode()
    assert 'name="moment__jane"' in page
    current = next(i for i in record(people.alice).interviews if i.ref == "r1")
    data = {"round": str(current.round), "format": current.format.value,
            "start": current.start.strftime("%Y-%m-%dT%H:%M"),
            "end": current.end.strftime("%Y-%m-%dT%H:%M"),
            "interviewers": list(current.interviewers), "learned": "Edited lesson"}
    assert post(alice, "/forms/interview-edit/demo-acme-pm?interview=r1", data).status_code == 303
    assert next(i for i in record(people.alice).interviews
                if i.ref == "r1").notes.learned == "Edited lesson"


def test_request_touch_and_response(alice: Any, people: Any) -> None:
    assert post(alice, "/forms/request-add/demo-acme-pm?interview=r1", {
        "ref": "samples", "what": "two work samples", "requester": "jane",
        "channel": "email"}).status_code == 303
    assert post(alice, "/forms/touch-log/demo-acme-pm", {
        "kind": "call", "contact": "jane", "channel": "phone",
        "at": "2026-11-30T10:00"}).status_code == 303
    assert post(alice, "/forms/response-log/demo-acme-pm", {
        "contact": "jane", "outcome": "delayed", "decision_expected": "2027-01-11",
        "at": "2026-11-30T11:00"}).status_code == 303
    touches = record(people.alice).touches
    assert touches[-1].kind.value == "response" and touches[-1].direction.value == "in"
    assert str(touches[-1].decision_expected) == "2027-01-11"


def test_a_bad_date_is_refused_in_the_command_line_s_words(alice: Any, people: Any) -> None:
    before = export(people.alice)
    response = post(alice, "/forms/response-log/demo-acme-pm",
                    {"contact": "jane", "decision_expected": "soon"})
    assert response.status_code == 400
    assert "not a date (YYYY-MM-DD): 'soon'" in html.unescape(response.content.decode())
    assert export(people.alice) == before


def test_settings_profile_and_overrides(alice: Any, people: Any) -> None:
    from followup.services.read import profile

    me = profile(people.alice)
    response = post(alice, "/settings/", {"name": me.name, "time_zone": me.time_zone,
                                          "playbook": "assertive", "s__gap_min": "4"})
    assert response.status_code == 303
    assert profile(people.alice).playbook.value == "assertive"
    assert dict(profile(people.alice).settings) == {"gap_min": 4}
    bad = post(alice, "/settings/", {"name": me.name, "time_zone": "Nowhere/Land",
                                     "playbook": "standard", "s__gap_min": "x"})
    assert bad.status_code == 400 and dict(profile(people.alice).settings) == {"gap_min": 4}


def test_settings_per_opportunity(alice: Any, people: Any) -> None:
    page = alice.get("/settings/demo-acme-pm").content.decode()
    assert "linkedin note limit" in page
    assert post(alice, "/settings/demo-acme-pm", {"s__max_attempts": "1"}).status_code == 303
    assert dict(record(people.alice).settings) == {"max_attempts": 1}
    assert post(alice, "/settings/demo-acme-pm", {"s__check_in": "maybe"}).status_code == 400
    assert dict(record(people.alice).settings) == {"max_attempts": 1}


def test_editing_a_logged_touch_and_a_request(alice: Any, people: Any) -> None:
    page = alice.get("/o/demo-globex-data").content.decode()
    assert "/forms/touch-edit/demo-globex-data?touch=1" in page
    first = record(people.alice, "demo-globex-data").touches[0]
    data = {"kind": first.kind.value, "direction": first.direction.value,
            "contact": first.contact or "", "channel": first.channel.value if first.channel else "",
            "at": first.at.strftime("%Y-%m-%dT%H:%M"), "summary": "Corrected summary"}
    touch_url = "/forms/touch-edit/demo-globex-data?touch=1"
    assert post(alice, touch_url, data).status_code == 303
    assert record(people.alice, "demo-globex-data").touches[0].summary == "Corrected summary"
    before = export(people.alice)
    bad = post(alice, touch_url, {**data, "at": ""})
    assert bad.status_code == 400 and export(people.alice) == before
    assert alice.get("/forms/touch-edit/demo-globex-data?touch=99").status_code == 404
    delivered = post(alice, "/forms/request-edit/demo-acme-pm?request=refs", {
        "what": "three references", "requester": "jane", "channel": "email",
        "delivered_at": "2026-12-01T09:00"})
    assert delivered.status_code == 303
    requests = [r for i in record(people.alice).interviews for r in i.requests]
    assert next(r for r in requests if r.ref == "refs").delivered_at is not None
