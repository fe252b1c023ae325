"""The record the mail tests work on: Sam Lee, interviewing at Acme."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "mail_corpus"
FOLLOW_UP_KEY = "acme-pm/follow_up/r1/1"
# Tuesday 8 December 2026, 10:00 in Chicago: follow-up 1 (R8) is open.
SEND_NOW = datetime(2026, 12, 8, 16, 0, tzinfo=UTC)

BASE: dict[str, Any] = {
    "format": "followup/1",
    "profile": {"name": "Sam Lee", "email": "sam@example.org", "phone": "+1 555 0100",
                "time_zone": "America/New_York", "playbook": "standard"},
    "opportunities": [{
        "ref": "acme-pm", "company": "Acme", "role": "Product Manager", "via": "direct",
        "culture": "standard", "channel": "email", "time_zone": "America/Chicago",
        "country": "US", "subdivision": "IL", "stage": "interviewing",
        "contacts": [
            {"ref": "jane", "name": "Jane Roe", "email": "jane@acme.example",
             "org": "employer", "roles": ["hiring_manager", "interviewer"]},
            {"ref": "omar", "name": "Omar Haddad", "email": "omar@acme.example",
             "org": "employer", "roles": ["interviewer"]},
        ],
        "interviews": [{
            "ref": "r1", "round": 1, "format": "onsite",
            "start": "2026-11-20T10:00:00-06:00", "end": "2026-11-20T13:00:00-06:00",
            "interviewers": ["jane", "omar"], "decision_expected": "2026-12-04",
            "notes": {"learned": "They rebuild planning.", "moments": {"jane": "pricing talk"}},
        }],
        "touches": [
            {"at": "2026-11-20T18:00:00-06:00", "kind": "thank_you", "direction": "out",
             "contact": "jane", "channel": "email", "summary": "thanks",
             "message_id": "<thanks-jane@example.org>"},
            {"at": "2026-11-20T18:05:00-06:00", "kind": "linkedin_invite", "direction": "out",
             "contact": "jane", "channel": "linkedin"},
            {"at": "2026-11-20T18:06:00-06:00", "kind": "linkedin_invite", "direction": "out",
             "contact": "omar", "channel": "linkedin"},
        ],
    }],
}


def record(*, followed_up: bool = False, thanked_omar: bool = True) -> dict[str, Any]:
    """BASE; with the first follow-up sent (<fu-1@example.org>) when asked."""
    doc = copy.deepcopy(BASE)
    touches = doc["opportunities"][0]["touches"]
    if thanked_omar:
        touches.append({"at": "2026-11-20T18:10:00-06:00", "kind": "thank_you",
                        "direction": "out", "contact": "omar", "channel": "email"})
    if followed_up:
        touches.append({"at": "2026-12-08T09:00:00-06:00", "kind": "email", "direction": "out",
                        "contact": "jane", "channel": "email", "summary": "checking in",
                        "message_id": "<fu-1@example.org>"})
    return doc


def load(owner: Any, doc: dict[str, Any]) -> None:
    from followup.services.exchange import import_document

    import_document(owner, json.dumps(doc), now=SEND_NOW)


@pytest.fixture(autouse=True)
def _mail_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test has its own mail key file, never the user's."""
    monkeypatch.delenv("FOLLOWUP_MAIL_KEY", raising=False)
    monkeypatch.setenv("FOLLOWUP_MAIL_KEY_FILE", str(tmp_path / "mail.key"))
