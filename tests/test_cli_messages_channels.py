"""Touches and requests travel by any channel; logged touches can be corrected."""

from __future__ import annotations

import json

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from samples import text

ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _touches(url: str) -> list[dict[str, object]]:
    return json.loads(run(url, "export").stdout)["opportunities"][0]["touches"]


@ON_BOTH
def test_a_touch_can_go_by_linkedin_and_a_request_ask_for_a_fax(db_url: str) -> None:
    assert run(db_url, "import", "-", input=text()).exit_code == 0
    logged = run(db_url, "log", "acme-pm", "--kind", "linkedin_invite", "--contact", "jane",
                 "--channel", "linkedin", "--at", "2026-11-20T15:00:00-06:00")
    assert logged.exit_code == 0, logged.output
    assert _touches(db_url)[-1]["channel"] == "linkedin"
    added = run(db_url, "add", "request", "acme-pm", "r1", "transcript", "--what",
                "a transcript", "--from", "jane", "--channel", "fax")
    assert added.exit_code == 0, added.output
    requests = json.loads(run(db_url, "export").stdout)["opportunities"][0]["interviews"][0][
        "requests"]
    assert requests[-1]["channel"] == "fax"


@ON_BOTH
def test_edit_touch_corrects_a_logged_touch_by_its_number(db_url: str) -> None:
    assert run(db_url, "import", "-", input=text()).exit_code == 0
    result = run(db_url, "edit", "touch", "acme-pm", "1", "--summary", "Thanked Jane by email",
                 "--channel", "mail", "--kind", "handwritten_note")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "updated acme-pm/1"
    touch = _touches(db_url)[0]
    assert (touch["summary"], touch["channel"], touch["kind"]) == (
        "Thanked Jane by email", "mail", "handwritten_note")


@ON_BOTH
def test_edit_touch_refuses_a_missing_number_and_writes_nothing(db_url: str) -> None:
    assert run(db_url, "import", "-", input=text()).exit_code == 0
    before = run(db_url, "export").stdout
    result = run(db_url, "edit", "touch", "acme-pm", "7", "--summary", "x")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Error: acme-pm has no touch number 7 (it has 1)"
    assert run(db_url, "export").stdout == before
