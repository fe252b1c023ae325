"""Golden drafts from the record corpus, read as the employer would (issue 9).

Each file under tests/corpus/golden is a draft exactly as `followup draft`
writes it: recipient, subject, body. A change to templates that changes one
shows in review; `UPDATE_GOLDEN=1 pytest tests/test_draft_golden.py` rewrites
them after the new text has been read and approved.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_draft_corpus import drafted

GOLDEN = Path(__file__).resolve().parent / "corpus" / "golden"
CASES = [
    ("02-nyc-panel-thank-yous", "harbor-content-day/thank_you/onsite/nadia"),
    ("02-nyc-panel-thank-yous", "harbor-content-day/thank_you/onsite/luis"),
    ("02-nyc-panel-thank-yous", "harbor-content-day/thank_you/onsite/grace"),
    ("03-london-agency-screen", "fenwick-analyst/follow_up/screen/1"),
    ("05-chicago-final-rejection", "lakeshore-ops/courteous_reply/20261119T1630"),
    ("12-paris-agency-rejection", "lumiere-mkt/courteous_reply/20261126T1100"),
    ("08-toronto-agency-delayed", "maple-fin/acknowledge/20261126T1600"),
    ("01-nyc-panel-onsite", "harbor-content/follow_up/onsite+20261127T1120/1"),
    ("13-seattle-request-hm-reply", "cascade-writer/info_delay_notice/sample"),
]


def rendered(name: str, key: str) -> str:
    _, found, _ = next(item for item in drafted(name) if item[0].key == key)
    return (f"To: {found.to_name} <{found.to_email}>\nSubject: {found.subject}\n\n"
            f"{found.body}\n")


@pytest.mark.parametrize(("name", "key"), CASES, ids=[key for _, key in CASES])
def test_golden_draft(name: str, key: str) -> None:
    path = GOLDEN / (key.replace("/", "__") + ".txt")
    text = rendered(name, key)
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
    assert path.read_text() == text
