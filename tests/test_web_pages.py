"""Every page signed in (happy path), signed out (sent to sign in), and the
Today actions updating in place; Django's test client enforces CSRF."""

from __future__ import annotations

from typing import Any

import pytest

from dbfixtures import _quiet_environment, postgres_url, sqlite_template  # noqa: F401
from webfixtures import (  # noqa: F401
    agenda_keys,
    alice,
    anonymous,
    charlie,
    people,
    post,
    web_template,
    web_url,
)

# The pages on SQLite; the isolation and API tests run on PostgreSQL too.
pytestmark = pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)

PAGES = ["/", "/opportunities/", "/opportunities/?stage=interviewing", "/o/demo-acme-pm",
         "/check/", "/exchange/", "/settings/", "/settings/demo-acme-pm",
         "/forms/opportunity-add/", "/forms/opportunity-edit/demo-acme-pm",
         "/forms/contact-add/demo-acme-pm", "/forms/contact-edit/demo-acme-pm?contact=jane",
         "/forms/interview-add/demo-acme-pm",
         "/forms/interview-edit/demo-acme-pm?interview=r1",
         "/forms/request-add/demo-acme-pm?interview=r1", "/forms/touch-log/demo-acme-pm",
         "/forms/response-log/demo-acme-pm"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_the_signed_in_owner(alice: Any, page: str) -> None:
    response = alice.get(page)
    assert response.status_code == 200, page
    assert b"<script>" not in response.content  # no inline script: the CSP holds
    assert response["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.parametrize("page", [*PAGES, "/draft/demo-acme-pm/thank_you/r1/jane"])
def test_no_page_without_sign_in(anonymous: Any, page: str) -> None:
    response = anonymous.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/signin/?next=")


def test_today_lists_the_actions_with_why_sources_and_contact(alice: Any, people: Any) -> None:
    page = alice.get("/").content.decode()
    keys = agenda_keys(people.alice)
    assert keys
    for key in keys:
        assert f'data-key="{key}"' in page
    assert "Sources:" in page and "Jane Roe" in page


def test_done_from_today_takes_the_action_off_in_place(alice: Any, people: Any) -> None:
    key = agenda_keys(people.alice)[0]
    response = post(alice, f"/actions/{key}/done", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.startswith('<div id="agenda"') and "<html" not in fragment
    assert f"Done: {key}" in fragment and f'data-key="{key}"' not in fragment
    assert key not in agenda_keys(people.alice)


def test_done_without_htmx_goes_back_to_today(alice: Any, people: Any) -> None:
    key = agenda_keys(people.alice)[0]
    response = post(alice, f"/actions/{key}/done")
    assert response.status_code == 302 and response["Location"] == "/"


def test_skip_needs_a_reason_and_keeps_it(alice: Any, people: Any) -> None:
    key = agenda_keys(people.alice)[0]
    refused = post(alice, f"/actions/{key}/skip", {"why": ""})
    assert refused.status_code == 400 and key in agenda_keys(people.alice)
    post(alice, f"/actions/{key}/skip", {"why": "already talked on the phone"})
    assert key not in agenda_keys(people.alice)
    page = alice.get("/o/" + key.split("/")[0]).content.decode()
    assert "already talked on the phone" in page


def test_snooze_until_a_day_and_a_bad_day_writes_nothing(alice: Any, people: Any) -> None:
    key = agenda_keys(people.alice)[0]
    bad = post(alice, f"/actions/{key}/snooze", {"until": "next tuesday"})
    assert bad.status_code == 400 and b"not a date" in bad.content
    assert key in agenda_keys(people.alice)
    post(alice, f"/actions/{key}/snooze", {"until": "2099-01-05"})
    assert key not in agenda_keys(people.alice)


def test_an_unknown_action_is_404(alice: Any) -> None:
    assert post(alice, "/actions/demo-acme-pm/thank_you/r9/nobody/done").status_code == 404
    assert alice.get("/draft/demo-acme-pm/thank_you/r9/nobody").status_code == 404


@pytest.mark.parametrize("url", ["/actions/demo-acme-pm/thank_you/r1/jane/done",
                                 "/forms/opportunity-add/", "/check/", "/settings/",
                                 "/signout/", "/exchange/"])
def test_a_post_without_the_csrf_token_is_refused(alice: Any, people: Any, url: str) -> None:
    before = agenda_keys(people.alice)
    response = alice.post(url, {"why": "x", "company": "X"})
    assert response.status_code == 403
    assert agenda_keys(people.alice) == before


def test_opportunities_filter_by_stage(alice: Any) -> None:
    everything = alice.get("/opportunities/").content.decode()
    assert "Umbrella" in everything or "Hooli" in everything
    only = alice.get("/opportunities/?stage=offer", HTTP_HX_REQUEST="true").content.decode()
    assert only.startswith('<div id="rows">')
    assert "Acme" not in only


def test_the_opportunity_page_shows_people_notes_timeline_and_plan(alice: Any) -> None:
    page = alice.get("/o/demo-acme-pm").content.decode()
    for part in ("Jane Roe", "Planned", "Timeline", "Interviews and notes", "A moment with"):
        assert part in page, part


def test_text_is_escaped_never_markup(alice: Any) -> None:
    post(alice, "/forms/contact-add/demo-acme-pm",
         {"ref": "x", "name": "<script>alert(1)</script>", "org": "employer"})
    page = alice.get("/o/demo-acme-pm").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_sign_out_ends_the_session(alice: Any) -> None:
    assert post(alice, "/signout/").status_code == 302
    assert alice.get("/").status_code == 302
