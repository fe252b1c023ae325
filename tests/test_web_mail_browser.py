"""The mail pages in a real browser: Send on the draft page reaches aiosmtpd on
loopback and the Mail page shows it sent; axe-core finds no serious or
critical violation on Settings (with its Mail section), the draft with its
Send buttons, the Mail page and Today with its mail questions. Uses
test_web_browser's chromium, and skips with its reason where it is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dbfixtures import _quiet_environment  # noqa: F401
from mailrecord import _mail_key  # noqa: F401
from mailservers import PASSWORD, dovecot, imap_server, smtp_server  # noqa: F401
from test_web_browser import SHOTS, browser, playwright_api  # noqa: F401


def _followup(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    return subprocess.run([sys.executable, "-m", "followup.cli", *args], env=env, check=True,
                          capture_output=True, text=True, input=stdin).stdout


@pytest.fixture
def served(tmp_path: Path, smtp_server: Any, imap_server: Any) -> Iterator[dict[str, Any]]:
    """`followup serve` on the demo record, mail set up against the loopback servers."""
    env = {**os.environ, "FOLLOWUP_DB": str(tmp_path / "record.sqlite3"),
           "FOLLOWUP_DATA_DIR": str(tmp_path / "data")}
    _followup(env, "demo")
    _followup(env, "mail", "configure", "--smtp", smtp_server.url(), "--imap",
              imap_server.url(), "--password-stdin", stdin=PASSWORD + "\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "followup.cli", "serve", "--port", "0", "--no-open",
         "--no-worker"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    link = process.stdout.readline().split()[-1]
    try:
        yield {"link": link, "base": link.split("/signin/")[0], "env": env}
    finally:
        process.terminate()
        process.wait(timeout=20)


def _thank_you_key(env: dict[str, str]) -> str:
    """Initech's thank-you, its phone screen moved to have ended an hour ago: a
    thank-you never leaves before its interview is over, and the demo's own
    recent interview has ended only on a working day after 10:00 in Chicago."""
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    start = end - timedelta(minutes=30)
    _followup(env, "edit", "interview", "demo-initech-sre", "r1", "--tz", "UTC",
              "--start", f"{start:%Y-%m-%d %H:%M}", "--end", f"{end:%Y-%m-%d %H:%M}")
    return "demo-initech-sre/thank_you/r1/maria"


QUESTIONS = """
from datetime import UTC, datetime
from followup import store
store.setup()
from followup.store import models as db
from followup.store.owner import local_owner
clock = datetime.now(UTC).replace(microsecond=0)
db.OutboxMessage.objects.create(
    owner=local_owner(), message_id="<u-1@example.org>", key="demo-acme-pm/send_info/refs",
    opportunity_ref="demo-acme-pm", contact_ref="jane", from_name="Sam Lee",
    from_email="sam@example.org", to_name="Jane", to_email="jane@acme.example",
    subject="The references", body="Here they are.", state="uncertain", send_at=clock,
    claimed_at=clock, created_at=clock)
db.SuggestedContact.objects.create(
    owner=local_owner(), opportunity_ref="demo-acme-pm", email="pat@acme.example",
    name="Pat Lee", message_id="<pat@acme.example>", seen_at=clock)
"""


def _questions(env: dict[str, str]) -> None:
    """An uncertain message and a suggested contact, written into the served record
    (by another process: Playwright's sync API keeps an event loop in this one)."""
    subprocess.run([sys.executable, "-c", QUESTIONS], env=env, check=True)


def _serious(tab: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [f"{tab.url}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(tab).response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_send_from_the_draft_page_then_the_mail_pages_pass_axe(
        served: dict[str, Any], browser: Any, smtp_server: Any) -> None:
    expect = playwright_api.expect
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(served["link"])
    tab.goto(f"{served['base']}/draft/demo-initech-sre/thank_you/r1/maria")  # screen: tomorrow
    expect(tab.locator("#not-before")).to_contain_text("a thank-you leaves only once it is over")
    tab.screenshot(path=str(SHOTS / "draft-not-before-1280.png"), full_page=True)
    problems = _serious(tab)
    tab.set_viewport_size({"width": 390, "height": 844})  # a phone: Schedule still in reach
    expect(tab.get_by_role("button", name="Schedule")).to_be_visible()
    tab.screenshot(path=str(SHOTS / "draft-not-before-390.png"), full_page=True)
    tab.set_viewport_size({"width": 1280, "height": 900})
    key = _thank_you_key(served["env"])
    tab.goto(f"{served['base']}/draft/{key}")
    problems += _serious(tab)
    tab.fill("#body", "Thank you for the conversation today about the pricing work.\n\nSam")
    tab.screenshot(path=str(SHOTS / "draft-send-1280.png"), full_page=True)
    tab.click("button[value=now]")
    expect(tab.locator("h1")).to_have_text("Mail")
    tab.screenshot(path=str(SHOTS / "mail-1280.png"), full_page=True)
    expect(tab.locator("tr.highlight")).to_contain_text("sent")
    [message] = smtp_server.handler.received
    assert b"pricing work" in message
    problems += _serious(tab)
    _questions(served["env"])
    for path in ("/settings/", "/mail/", "/"):
        tab.goto(served["base"] + path)
        problems += _serious(tab)
    expect(tab.locator("#mail-questions")).to_have_text("Mail to decide")
    tab.screenshot(path=str(SHOTS / "today-mail-questions-1280.png"))
    tab.click("button[value=drop]")  # Today's answer for the uncertain message
    expect(tab.locator("p.notice")).to_contain_text("the message is now cancelled")
    context.close()
    assert not problems, "\n".join(problems)
