"""Exchange documents for the tests: the contract's example and friends."""

from __future__ import annotations

import copy
import json
from typing import Any

CONTRACT_EXAMPLE: dict[str, Any] = {
    "format": "followup/1",
    "profile": {"name": "Sam Lee", "email": "sam@example.org", "phone": "+1 555 0100",
                "time_zone": "America/New_York", "playbook": "standard"},
    "opportunities": [{
        "ref": "acme-pm", "company": "Acme", "role": "Product Manager", "via": "direct",
        "culture": "standard", "channel": "email", "time_zone": "America/Chicago",
        "country": "US", "subdivision": "IL", "stage": "interviewing",
        "contacts": [
            {"ref": "jane", "name": "Jane Roe", "title": "Director", "email": "jane@acme.example",
             "phone": None, "linkedin": None, "org": "employer",
             "roles": ["hiring_manager", "interviewer"]},
            {"ref": "omar", "name": "Omar Haddad", "title": None, "email": "omar@acme.example",
             "phone": "+1 555 0199", "linkedin": None, "org": "employer", "roles": ["interviewer"]},
        ],
        "interviews": [{
            "ref": "r1", "round": 1, "format": "onsite",
            "start": "2026-11-20T10:00:00-06:00", "end": "2026-11-20T13:00:00-06:00",
            "interviewers": ["jane", "omar"], "decision_expected": "2026-12-04",
            "requests": [{"ref": "refs", "what": "three references", "from": "jane",
                          "channel": "email", "asked_at": "2026-11-20T13:00:00-06:00",
                          "delivered_at": None}],
            "notes": {"learned": "They rebuild planning.", "moments": {"jane": "pricing talk"},
                      "concerns": "hardware"},
        }],
        "touches": [{"at": "2026-11-20T18:00:00-06:00", "kind": "thank_you", "direction": "out",
                     "contact": "jane", "channel": "email", "summary": "thanks",
                     "callback_on": None, "decision_expected": None, "outcome": None}],
    }],
}
AS_OF = "2026-11-20T20:00:00+00:00"


def document(**changes: Any) -> dict[str, Any]:
    return copy.deepcopy(CONTRACT_EXAMPLE) | changes


def text(doc: dict[str, Any] | None = None) -> str:
    return json.dumps(CONTRACT_EXAMPLE if doc is None else doc)


def opportunity_doc(ref: str, *, start: str = "2026-11-20T10:00:00-06:00",
                    end: str = "2026-11-20T13:00:00-06:00") -> dict[str, Any]:
    opp = copy.deepcopy(CONTRACT_EXAMPLE["opportunities"][0])
    opp["ref"] = ref
    opp["interviews"][0]["start"] = start
    opp["interviews"][0]["end"] = end
    return opp
