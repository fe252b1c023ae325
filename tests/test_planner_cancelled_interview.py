"""A cancelled interview stays in the record and plans nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from followup.domain.model import Contact, Interview, InterviewFormat, Opportunity, Profile, Role
from followup.domain.planner import plan_opportunity
from followup.domain.settings import Settings

ME = Profile(name="Sam Lee", email="sam@example.org", phone=None, time_zone="America/New_York")
JANE = Contact(ref="jane", name="Jane Roe", email="jane@acme.example",
               roles=(Role.HIRING_MANAGER,))


def _interview(ref: str, day: int) -> Interview:
    return Interview(
        ref=ref, round=1, format=InterviewFormat.VIDEO, interviewers=("jane",),
        start=datetime(2026, 11, day, 15, tzinfo=UTC), end=datetime(2026, 11, day, 16, tzinfo=UTC),
    )


def _acme(*interviews: Interview) -> Opportunity:
    return Opportunity(ref="acme", company="Acme", role="PM", time_zone="America/New_York",
                       country="US", contacts=(JANE,), interviews=interviews)


def _keys(opportunity: Opportunity, now: datetime) -> set[str]:
    return {a.key for a in plan_opportunity(ME, opportunity, Settings(), now)}


def test_a_cancelled_interview_plans_no_preparation_no_thank_you_and_no_wait() -> None:
    held = _acme(_interview("r1", 9))
    assert {"acme/prepare/r1"} <= _keys(held, datetime(2026, 11, 8, tzinfo=UTC))
    assert "acme/thank_you/r1/jane" in _keys(held, datetime(2026, 11, 9, 17, tzinfo=UTC))
    cancelled = _acme(replace(_interview("r1", 9), cancelled=True))
    for day in (8, 9, 20, 30):
        assert _keys(cancelled, datetime(2026, 11, day, 17, tzinfo=UTC)) == set()


def test_only_the_cancelled_one_drops_out_of_an_opportunity_s_plan() -> None:
    both = _acme(replace(_interview("r1", 9), cancelled=True), _interview("r2", 12))
    keys = _keys(both, datetime(2026, 11, 12, 17, tzinfo=UTC))
    assert "acme/thank_you/r2/jane" in keys
    assert not any("/r1" in key for key in keys)
