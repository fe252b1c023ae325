"""Suggested contacts: someone new at the employer wrote; the user accepts or dismisses.

Through the command line, on SQLite and PostgreSQL: the sync keeps the
suggestion once, `suggested accept` makes the contact (and the message
theirs), `suggested dismiss` stops the suggestion for good, bad input says
what and where and changes nothing, and another owner's rows are never seen.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from dbfixtures import BACKENDS, db_url, postgres_url, run, sqlite_template  # noqa: F401
from mailrecord import CORPUS, _mail_key, load, record  # noqa: F401

AS_OF = "2026-12-10T18:00:00+00:00"
PAT = "pat.lee@acme.example"
ON_BOTH = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


@pytest.fixture
def suggested(db_url, monkeypatch):
    from followup.cli import mail, mail_contacts
    from followup.store.owner import local_owner

    clock = datetime.fromisoformat(AS_OF)
    for module in (mail, mail_contacts):
        monkeypatch.setattr(module, "now", lambda: clock)
    load(local_owner(), record(followed_up=True, thanked_omar=False))
    new_person = str(CORPUS / "reply_new_person.eml")
    first = run(db_url, "import-mail", new_person)
    assert "new person: pat.lee@acme.example (`followup suggested`)" in first.output
    assert run(db_url, "import-mail", new_person).exit_code == 0  # kept once
    return db_url


def _listed(url: str, *args: str) -> list[dict]:
    result = run(url, "suggested", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["suggested"]


def _opportunity(url: str) -> dict:
    return json.loads(run(url, "export").output)["opportunities"][0]


@ON_BOTH
def test_a_new_person_is_suggested_once_and_asked_about_on_today(suggested):
    [pat] = _listed(suggested)
    assert (pat["opportunity"], pat["name"], pat["email"], pat["state"]) == (
        "acme-pm", "Pat Lee", PAT, "open")
    today = run(suggested, "today", "--as-of", AS_OF).output
    assert "  New at acme-pm: Pat Lee <pat.lee@acme.example> wrote to you" in today
    assert ("      a contact? `followup suggested accept pat.lee@acme.example [--role ROLE]` "
            "or `followup suggested dismiss pat.lee@acme.example`") in today


@ON_BOTH
def test_accepting_makes_the_contact_and_their_message_theirs(suggested):
    result = run(suggested, "suggested", "accept", PAT, "--role", "recruiter")
    assert result.exit_code == 0, result.output
    assert result.output == "contact acme-pm/pat: Pat Lee <pat.lee@acme.example>\n"
    opportunity = _opportunity(suggested)
    pat = next(c for c in opportunity["contacts"] if c["ref"] == "pat")
    assert (pat["name"], pat["email"], pat["roles"]) == ("Pat Lee", PAT, ["recruiter"])
    [reply] = [t for t in opportunity["touches"]
               if t.get("message_id") == "<pat-0001@acme.example>"]
    assert reply["contact"] == "pat"
    assert _listed(suggested) == []
    assert [p["state"] for p in _listed(suggested, "--all")] == ["accepted"]
    assert "New at acme-pm" not in run(suggested, "today", "--as-of", AS_OF).output


def test_dismissing_stops_the_suggestion_for_good(suggested):
    before = _opportunity(suggested)
    assert run(suggested, "suggested", "dismiss", PAT).output == f"dismissed {PAT} (acme-pm)\n"
    assert _listed(suggested) == []
    run(suggested, "import-mail", str(CORPUS / "reply_new_person.eml"))
    assert _listed(suggested) == []
    assert _opportunity(suggested) == before


def test_bad_input_says_what_and_writes_nothing(suggested):
    before = _opportunity(suggested)
    unknown = run(suggested, "suggested", "accept", "nobody@acme.example")
    assert unknown.exit_code == 2
    assert "no open suggestion for nobody@acme.example" in unknown.output
    taken = run(suggested, "suggested", "accept", PAT, "--ref", "jane")
    assert taken.exit_code == 2 and "already has a contact 'jane'" in taken.output
    assert _opportunity(suggested) == before
    assert [p["state"] for p in _listed(suggested)] == ["open"]


def test_another_owner_never_sees_or_decides_them(suggested):
    from followup.services import mail_suggested
    from followup.services.errors import NotFound
    from followup.store import models as db

    charlie = db.Owner.objects.create(name="charlie")
    assert mail_suggested.listing(charlie) == []
    with pytest.raises(NotFound):
        mail_suggested.find(charlie, PAT)
    [row] = db.SuggestedContact.objects.all()
    with pytest.raises(NotFound):
        mail_suggested.by_id(charlie, row.pk)


def test_today_stops_asking_once_the_opportunity_is_closed(suggested, monkeypatch):
    from followup.cli import records

    monkeypatch.setattr(records, "now", lambda: datetime.fromisoformat(AS_OF))
    assert "New at acme-pm" in run(suggested, "today", "--as-of", AS_OF).output
    assert run(suggested, "stage", "acme-pm", "withdrawn").exit_code == 0
    assert "New at acme-pm" not in run(suggested, "today", "--as-of", AS_OF).output
