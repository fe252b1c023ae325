"""The calendar on the web app (issue 14): the private feed address, the
Settings section that makes and ends it, and invitations uploaded on a page.
Django's test client with CSRF checks enforced; the clock pinned."""

from __future__ import annotations

import html
import json
import logging
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dbfixtures import BACKENDS, _quiet_environment, postgres_url, run, sqlite_template  # noqa: F401
from webfixtures import (  # noqa: F401
    NOW,
    alice,
    anonymous,
    charlie,
    people,
    post,
    web_template,
    web_url,
)

SQLITE = pytest.mark.parametrize("web_url", ["sqlite"], indirect=True)
BOTH = pytest.mark.parametrize("web_url", BACKENDS, indirect=True)  # and PostgreSQL
INVITES = Path(__file__).parent / "invites"
INVITE_CLOCK = NOW.replace(year=2026, month=10, day=20, hour=12, minute=0, second=0)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The web's clock, pinned: the feed at NOW, invitations judged in October 2026."""
    from followup.web.views import calendar_feed, invites

    monkeypatch.setattr(calendar_feed, "now", lambda: NOW)
    monkeypatch.setattr(invites, "now", lambda: INVITE_CLOCK)
    return NOW


def export(owner: Any) -> str:
    from followup.services.exchange import export_document

    return export_document(owner)


def make_address(client: Any) -> str:
    """The http address the Settings page shows once, as a path."""
    response = post(client, "/settings/calendar-feed", {"action": "create"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    web = re.search(r'value="(http://[^"]+\.ics)"', page)
    webcal = re.search(r'href="(webcal://[^"]+\.ics)"', page)
    assert web and webcal and webcal.group(1) == "webcal://" + web.group(1)[len("http://"):]
    return web.group(1).removeprefix("http://127.0.0.1")


@BOTH
def test_the_feed_serves_the_bytes_of_followup_calendar(
    alice: Any, anonymous: Any, clock: Any, web_url: str
) -> None:
    address = make_address(alice)
    served = anonymous.get(address)  # calendar programs do not sign in
    assert served.status_code == 200
    assert served["Content-Type"] == "text/calendar; charset=utf-8"
    cli = run(web_url, "calendar", "--as-of", NOW.isoformat(), "--days", "60")
    assert cli.exit_code == 0
    assert served.content == cli.stdout_bytes
    assert b"REFRESH-INTERVAL" in served.content and b"BEGIN:VEVENT" in served.content
    assert anonymous.head(address).status_code == 200
    again = anonymous.get(address, HTTP_IF_NONE_MATCH=served["ETag"])
    assert again.status_code == 304 and not again.content  # polling an unchanged plan


@BOTH
def test_a_wrong_or_revoked_address_is_404_and_a_new_one_ends_the_old(
    alice: Any, anonymous: Any, clock: Any
) -> None:
    first = make_address(alice)
    assert anonymous.get(first.replace(".ics", "x.ics")).status_code == 404
    assert anonymous.get("/calendar/").status_code == 404
    assert anonymous.get("/calendar/" + "a" * 500 + ".ics").status_code == 404
    second = make_address(alice)
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200
    revoked = post(alice, "/settings/calendar-feed", {"action": "revoke"})
    assert revoked.status_code == 303
    assert "revoked" in alice.get(revoked["Location"]).content.decode()
    assert anonymous.get(second).status_code == 404


@SQLITE
def test_the_secret_never_reaches_the_log(
    alice: Any, anonymous: Any, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    address = make_address(alice)
    secret = address.removeprefix("/calendar/").removesuffix(".ics")
    post(alice, "/settings/calendar-feed", {"action": "revoke"})
    with caplog.at_level(logging.INFO):
        assert anonymous.get(address).status_code == 404
        assert anonymous.post(address).status_code == 405
        assert anonymous.get("/nowhere-else").status_code == 404
    assert "/nowhere-else" in caplog.text  # other 404s are logged, so this test can fail
    assert secret not in caplog.text


@SQLITE
def test_the_settings_page_explains_where_the_feed_reaches(alice: Any) -> None:
    page = html.unescape(alice.get("/settings/").content.decode())
    assert 'id="calendar"' in page and "You have no calendar address yet" in page
    for words in ("Apple Calendar", "Thunderbird", "Outlook on the desktop",
                  "followup calendar > plan.ics", "Google Calendar", "hosted mode"):
        assert words in page


@SQLITE
def test_forms_need_csrf_and_a_sign_in(alice: Any, anonymous: Any, people: Any) -> None:
    from followup.services.feed_tokens import has_feed_token

    assert alice.post("/settings/calendar-feed", {"action": "create"}).status_code == 403
    assert anonymous.post("/settings/calendar-feed", {"action": "create"}).status_code == 403
    assert anonymous.get("/import-invite/").status_code == 302
    assert not has_feed_token(people.alice)


@SQLITE
def test_charlie_makes_and_ends_only_his_own_address(
    alice: Any, charlie: Any, anonymous: Any, clock: Any, people: Any
) -> None:
    from followup.services.feed_tokens import owner_for_feed_token

    alices = make_address(alice)
    charlies = make_address(charlie)
    token = charlies.removeprefix("/calendar/").removesuffix(".ics")
    assert owner_for_feed_token(token) == people.charlie
    assert post(charlie, "/settings/calendar-feed", {"action": "revoke"}).status_code == 303
    assert anonymous.get(alices).status_code == 200
    assert b"Acme" in anonymous.get(alices).content


def upload(client: Any, name: str, target: str = "auto") -> Any:
    with open(INVITES / name, "rb") as handle:
        return post(client, "/import-invite/", {"file": handle, "target": target})


def interviews(owner: Any, ref: str) -> list[Any]:
    from followup.services.read import opportunity_record

    return list(opportunity_record(owner, ref).interviews)


@BOTH
def test_an_uploaded_invitation_creates_then_updates_the_interview(
    alice: Any, people: Any, clock: Any
) -> None:
    before = len(interviews(people.alice, "demo-acme-pm"))
    created = upload(alice, "exchange2010_request.eml")
    assert created.status_code == 200, created.content.decode()
    page = html.unescape(created.content.decode())
    assert "Created: interview" in page and "onsite interview" in page
    after = interviews(people.alice, "demo-acme-pm")
    assert len(after) == before + 1
    new = next(i for i in after if i.invite_uid)
    assert new.start == datetime(2026, 11, 9, 15, 0, tzinfo=UTC)  # the corpus's instant
    updated = upload(alice, "exchange2010_update.ics")
    assert "Updated: interview" in html.unescape(updated.content.decode())
    moved = next(i for i in interviews(people.alice, "demo-acme-pm") if i.ref == new.ref)
    assert moved.start == datetime(2026, 11, 10, 19, 0, tzinfo=UTC)


@SQLITE
def test_no_matching_opportunity_asks_and_the_answer_imports(
    charlie: Any, people: Any, clock: Any
) -> None:
    asked = upload(charlie, "google_calendar_x_wr_timezone.ics")
    page = html.unescape(asked.content.decode())
    assert asked.status_code == 200 and "Which opportunity is this invitation for?" in page
    assert export(people.charlie).count('"ref"') == 0  # nothing written yet
    carried = re.search(r'name="data" value="([^"]+)"', page)
    assert carried is not None
    answered = post(charlie, "/import-invite/", {"data": carried.group(1), "target": "create"})
    assert answered.status_code == 200
    assert "A new opportunity was started" in html.unescape(answered.content.decode())
    from followup.services.read import opportunity_refs

    [ref] = opportunity_refs(people.charlie)
    assert len(interviews(people.charlie, ref)) == 1


@BOTH
def test_charlie_cannot_upload_into_alices_opportunity(
    charlie: Any, people: Any, clock: Any
) -> None:
    before = export(people.alice)
    refused = upload(charlie, "exchange2010_request.eml", target="ref:demo-acme-pm")
    assert refused.status_code == 400
    assert "no opportunity 'demo-acme-pm'" in html.unescape(refused.content.decode())
    assert export(people.alice) == before
    asked = upload(charlie, "exchange2010_request.eml")  # alice's contacts do not count
    assert "Which opportunity" in asked.content.decode()


@pytest.mark.parametrize(("name", "words"), [
    ("broken.ics", "the iCalendar file is cut short (no END:VCALENDAR)"),
    ("broken_start_time.ics", "DTSTART: not a date and time"),
    ("all_day.ics", "all-day"),
    ("no_event.ics", "no event"),
])
@BOTH
def test_a_bad_file_shows_the_command_line_s_error_and_writes_nothing(
    alice: Any, people: Any, clock: Any, name: str, words: str
) -> None:
    before = export(people.alice)
    refused = upload(alice, name, target="ref:demo-acme-pm")
    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    assert 'id="invite-error"' in page and "(nothing was imported)" in page
    assert words in page
    assert export(people.alice) == before


@SQLITE
def test_an_upload_needs_a_file(alice: Any, clock: Any) -> None:
    assert post(alice, "/import-invite/", {"target": "auto"}).status_code == 400
    lost = post(alice, "/import-invite/", {"data": "%%%", "target": "create"})
    assert "choose it again" in lost.content.decode()


@SQLITE
def test_the_choice_can_name_another_opportunity(charlie: Any, people: Any, clock: Any) -> None:
    from followup.services.read import opportunity_refs
    from followup.store import models as db

    # The corpus invites Sam Lee: as charlie's own address it is left out of the people.
    db.Profile.objects.filter(owner=people.charlie).update(email="sam@example.org")
    first = upload(charlie, "google_calendar_x_wr_timezone.ics", target="create")
    assert first.status_code == 200
    [ref] = opportunity_refs(people.charlie)
    asked = upload(charlie, "outlook_customized_time_zone.ics")
    carried = re.search(r'name="data" value="([^"]+)"', asked.content.decode())
    assert carried is not None, html.unescape(asked.content.decode())[-3000:]
    answered = post(charlie, "/import-invite/",
                    {"data": carried.group(1), "target": "ref:", "other": ref})
    assert answered.status_code == 200
    assert opportunity_refs(people.charlie) == [ref]
    assert len(interviews(people.charlie, ref)) == 2


@SQLITE
def test_the_command_line_makes_and_ends_the_address(
    web_url: str, anonymous: Any, clock: Any
) -> None:
    made = run(web_url, "calendar", "--feed-url", "--url", "http://127.0.0.1:8123/")
    assert made.exit_code == 0
    webcal, web = made.output.split()
    assert webcal == "webcal://" + web.removeprefix("http://")
    assert web.startswith("http://127.0.0.1:8123/calendar/") and web.endswith(".ics")
    path = web.removeprefix("http://127.0.0.1:8123")
    assert anonymous.get(path).status_code == 200
    assert run(web_url, "calendar", "--revoke-feed").output == "revoked: the calendar address\n"
    assert anonymous.get(path).status_code == 404
    assert run(web_url, "calendar", "--feed-url", "--url", "ftp://x").exit_code == 2


@SQLITE
def test_a_real_server_serves_the_feed_and_logs_no_secret(
    web_url: str, people: Any, tmp_path: Path
) -> None:
    """`followup serve` (waitress) in another process, asked as a calendar program asks."""
    import os
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    env = {**os.environ, "FOLLOWUP_DB": web_url, "FOLLOWUP_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        [sys.executable, "-m", "followup.cli", "serve", "--port", "0", "--no-open"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("Sign in: http://127.0.0.1:"), first
    base = first.split()[-1].split("/signin/")[0]

    def get(url: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(url, timeout=20) as answer:
                return int(answer.status), answer.headers["Content-Type"]
        except urllib.error.HTTPError as error:
            return int(error.code), ""

    try:
        web = run(web_url, "calendar", "--feed-url", "--url", base).output.split()[1]
        assert get(web) == (200, "text/calendar; charset=utf-8")
        assert get(web.replace(".ics", "Z.ics"))[0] == 404
        run(web_url, "calendar", "--revoke-feed")
        assert get(web)[0] == 404
        assert get(base + "/nowhere")[0] == 404
    finally:
        process.terminate()
        _, log = process.communicate(timeout=20)
    assert "/nowhere" in log  # the server does log 404s with their path ...
    secret = web.rsplit("/", 1)[-1].removesuffix(".ics")
    assert secret not in log  # ... but never the feed's


@SQLITE
def test_a_failing_feed_is_logged_without_its_address(
    alice: Any, anonymous: Any, clock: Any, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from followup.web.views import calendar_feed

    address = make_address(alice)

    def broken(*_: Any) -> str:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(calendar_feed.calendar_feed, "feed", broken)
    with caplog.at_level(logging.INFO):
        assert anonymous.get(address).status_code == 500
    assert "the calendar feed failed" in caplog.text and "the disk went away" in caplog.text
    assert address.removeprefix("/calendar/").removesuffix(".ics") not in caplog.text


@SQLITE
def test_several_candidates_are_offered_first(charlie: Any, people: Any, clock: Any) -> None:
    from followup.services.exchange import import_document

    profile = {"name": "Charlie", "email": "sam@example.org", "time_zone": "Europe/London"}
    document = {"format": "followup/1", "profile": profile, "opportunities": [
        {"ref": ref, "company": "Acme", "role": role, "time_zone": "America/New_York",
         "country": "US", "stage": "interviewing",
         "contacts": [{"ref": "jane", "name": "Jane Roe", "email": "jane@acme.example"}]}
        for ref, role in (("acme-a", "Analyst"), ("acme-b", "Engineer"))]}
    import_document(people.charlie, json.dumps(document).encode(), now=NOW)
    asked = html.unescape(upload(charlie, "exchange2010_request.eml").content.decode())
    assert "Several of your opportunities" in asked
    assert re.findall(r'name="target" value="ref:([^"]+)"', asked) == ["acme-a", "acme-b"]


@SQLITE
def test_a_warning_is_shown_with_the_result(alice: Any, clock: Any) -> None:
    shown = upload(alice, "exchange2010_vtimezone_disagrees_with_name.ics",
                   target="ref:demo-acme-pm")
    assert shown.status_code == 200
    assert "Warning: " in html.unescape(shown.content.decode())
