"""R14 end to end: `done` on an acknowledgement logs an `acknowledgement` touch (issue 9)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401
from followup.domain import model as m

pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)
RECORD = Path(__file__).resolve().parent / "corpus" / "records" / "01-nyc-panel-onsite.json"
MONDAY = datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("America/New_York"))
KEY = "harbor-content/acknowledge/20261127T1120"


def test_r14_done_on_acknowledge_logs_an_acknowledgement_not_an_attempt(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.actions import done
    from followup.services.agenda import agenda
    from followup.services.exchange import import_document
    from followup.services.read import opportunity

    import_document(owner, RECORD.read_text(), now=MONDAY)
    planned = {a.key: a for a in agenda(owner, MONDAY).actions}
    assert planned[KEY].contact == "kayla"
    done(owner, KEY, now=MONDAY)
    record = opportunity(owner, "harbor-content", MONDAY).opportunity
    last = record.touches[-1]
    assert (last.kind, last.contact, last.direction) == (m.TouchKind.ACKNOWLEDGEMENT, "kayla",
                                                         m.Direction.OUT)
    later = agenda(owner, datetime(2026, 12, 16, 10, tzinfo=ZoneInfo("America/New_York")))
    keys = [a.key for a in later.actions]
    assert KEY not in keys
    assert "harbor-content/follow_up/onsite+20261127T1120/1" in keys  # still the first attempt


def test_r14_done_at_once_after_logging_the_new_date_takes_the_acknowledgement_off(owner) -> None:  # type: ignore[no-untyped-def]
    # The web's Done a second after Save: both touches get the same whole second.
    from followup.services.actions import done
    from followup.services.agenda import agenda
    from followup.services.edit import log_touch
    from followup.services.exchange import import_document

    import_document(owner, RECORD.read_text(), now=MONDAY)
    moved = m.Touch(MONDAY, m.TouchKind.RESPONSE, m.Direction.IN, "kayla", m.Channel.EMAIL,
                    outcome=m.Outcome.DELAYED, decision_expected=datetime(2027, 1, 8).date())
    log_touch(owner, "harbor-content", moved, now=MONDAY)
    key = "harbor-content/acknowledge/20261130T1000"
    assert key in [a.key for a in agenda(owner, MONDAY).actions]
    done(owner, key, now=MONDAY)
    assert key not in [a.key for a in agenda(owner, MONDAY).actions]
