"""The calendar pages in a real browser (issue 14): an invitation uploaded,
the question when no opportunity fits, the feed address made on Settings and
fetched; axe-core on each. Uses test_web_browser's server and chromium, and
skips with its reason where they are missing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dbfixtures import _quiet_environment  # noqa: F401
from test_web_browser import browser, page, playwright_api, server  # noqa: F401


def invitation(folder: Path) -> Path:
    """An invitation from a company the demo does not know, three days ahead."""
    start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=14, minute=0, second=0)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//followup tests//EN", "METHOD:REQUEST",
        "BEGIN:VEVENT", "UID:browser-test-1@zenith.example", "SEQUENCE:0",
        f"DTSTAMP:{stamp}", f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
        f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
        "SUMMARY:Zenith: product interview",
        "LOCATION:https://zenith.zoom.us/j/123456789",
        "ORGANIZER;CN=Noor Ali:mailto:noor.ali@zenith.example",
        "ATTENDEE;CN=Noor Ali;ROLE=REQ-PARTICIPANT:mailto:noor.ali@zenith.example",
        "ATTENDEE;CN=Sam Lee;ROLE=REQ-PARTICIPANT:mailto:sam@example.org",
        "END:VEVENT", "END:VCALENDAR", "",
    ]
    path = folder / "zenith.ics"
    path.write_bytes("\r\n".join(lines).encode("ascii"))
    return path


def serious(tab: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [f"{tab.url}: {v['id']}" for v in Axe().run(tab).response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_an_invitation_asks_which_opportunity_then_imports(
    page: Any, server: dict[str, Any], tmp_path: Path
) -> None:
    expect = playwright_api.expect
    page.goto(server["base"] + "/import-invite/")
    problems = serious(page)
    page.set_input_files("#file", str(invitation(tmp_path)))
    page.click("button[type=submit].primary")
    expect(page.locator("#h-question")).to_have_text("Which opportunity is this invitation for?")
    problems += serious(page)
    page.check("input[name=target][value=create]")
    page.click("button[type=submit].primary")
    expect(page.locator("#h-result")).to_contain_text("Created: interview")
    expect(page.locator("section[role=status]")).to_contain_text("video interview")
    problems += serious(page)
    assert not problems, "\n".join(problems)


def test_the_feed_address_made_on_settings_serves_the_calendar(
    page: Any, server: dict[str, Any]
) -> None:
    expect = playwright_api.expect
    page.goto(server["base"] + "/settings/#calendar")
    expect(page.locator("#calendar")).to_have_text("Calendar")
    problems = serious(page)
    page.click("text=Make a calendar address")
    expect(page.locator("h1")).to_have_text("Your calendar address")
    problems += serious(page)
    web = page.input_value("#feed-web")
    assert page.input_value("#feed-webcal") == "webcal://" + web.removeprefix("http://")
    answer = page.request.get(web)
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in answer.body()
    page.goto(server["base"] + "/settings/")
    page.click("text=Revoke the calendar address")
    expect(page.locator("section.calendar-feed")).to_contain_text("was revoked")
    assert page.request.get(web).status == 404
    assert not problems, "\n".join(problems)
