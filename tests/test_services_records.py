"""Services that change one opportunity, and the agenda that reads through the index."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dbfixtures import BACKENDS, db_url, owner, postgres_url, sqlite_template  # noqa: F401
from followup.domain import model as m
from samples import document, opportunity_doc, text

NOW = datetime(2026, 11, 20, 20, tzinfo=UTC)
pytestmark = pytest.mark.parametrize("db_url", BACKENDS, indirect=True)


def _load(owner, ref: str = "acme-pm") -> m.Opportunity:  # type: ignore[no-untyped-def]
    from followup.services.read import opportunity

    return opportunity(owner, ref, NOW).opportunity


def _imported(owner):  # type: ignore[no-untyped-def]
    from followup.services.exchange import import_document

    import_document(owner, text(), now=NOW)
    return owner


def test_add_an_opportunity_then_its_contact_interview_and_request(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services import edit

    tz = datetime(2026, 11, 24, 10, tzinfo=UTC)
    edit.add_opportunity(owner, m.Opportunity("globex", "Globex", "SRE", "Europe/London", "GB"),
                         now=NOW)
    edit.add_contact(owner, "globex", m.Contact("tom", "Tom Berg", email="t@g.example"), now=NOW)
    edit.add_interview(owner, "globex", m.Interview("r1", 1, m.InterviewFormat.VIDEO, tz,
                                                    tz + timedelta(hours=1), ("tom",)), now=NOW)
    edit.add_request(owner, "globex", "r1", m.Request("refs", "references", "tom",
                                                      m.Channel.EMAIL, tz), now=NOW)
    found = _load(owner, "globex")
    assert found.contacts[0].name == "Tom Berg"
    assert found.interviews[0].interviewers == ("tom",)
    assert found.interviews[0].requests[0].what == "references"


def test_adding_an_opportunity_twice_is_refused(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services import edit
    from followup.services.errors import ServiceError

    opp = m.Opportunity("globex", "Globex", "SRE", "Europe/London", "GB")
    edit.add_opportunity(owner, opp, now=NOW)
    with pytest.raises(ServiceError, match="already exists"):
        edit.add_opportunity(owner, opp, now=NOW)


def test_edits_are_checked_like_an_import(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services import edit
    from followup.services.errors import ServiceError

    _imported(owner)
    with pytest.raises(ServiceError, match=r"^acme-pm\.interviews\[0\]\.end: "):
        edit.edit_interview(owner, "acme-pm", "r1",
                            {"end": datetime(2026, 11, 20, 9, tzinfo=UTC)}, now=NOW)
    with pytest.raises(ServiceError, match=r"acme-pm\.touches\[1\]\.contact"):
        edit.log_touch(owner, "acme-pm", m.Touch(NOW, m.TouchKind.EMAIL, m.Direction.OUT,
                                                 "nobody"), now=NOW)
    assert len(_load(owner).touches) == 1


def test_edit_contact_request_touch_and_opportunity(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services import edit

    _imported(owner)
    edit.edit_contact(owner, "acme-pm", "jane", {"title": "VP"}, now=NOW)
    edit.edit_request(owner, "acme-pm", "refs", {"delivered_at": NOW}, now=NOW)
    edit.edit_touch(owner, "acme-pm", 1, {"summary": "sent a note"}, now=NOW)
    edit.edit_opportunity(owner, "acme-pm", {"role": "Senior PM"}, now=NOW)
    found = _load(owner)
    assert found.contacts[0].title == "VP"
    assert found.interviews[0].requests[0].delivered_at == NOW
    assert found.touches[0].summary == "sent a note"
    assert found.role == "Senior PM"


def test_log_a_response_with_its_outcome_and_new_date(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.edit import log_touch

    _imported(owner)
    touch = m.Touch(NOW, m.TouchKind.RESPONSE, m.Direction.IN, "jane", m.Channel.EMAIL,
                    outcome=m.Outcome.DELAYED, decision_expected=date(2026, 12, 11))
    log_touch(owner, "acme-pm", touch, now=NOW)
    assert _load(owner).touches[-1] == touch


@pytest.mark.parametrize(("outcome", "stage"), [
    (m.Outcome.REJECTED, m.Stage.REJECTED), (m.Outcome.OFFER, m.Stage.OFFER),
    (m.Outcome.DELAYED, m.Stage.INTERVIEWING), (None, m.Stage.INTERVIEWING),
])
def test_r14_a_logged_answer_moves_the_stage_when_it_settles_things(  # type: ignore[no-untyped-def]
    owner, outcome, stage
) -> None:
    from followup.services.edit import log_touch

    _imported(owner)
    answer = m.Touch(NOW, m.TouchKind.RESPONSE, m.Direction.IN, "jane", m.Channel.EMAIL,
                     outcome=outcome)
    log_touch(owner, "acme-pm", answer, now=NOW)
    assert _load(owner).stage is stage


def test_change_a_stage(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.edit import set_stage

    _imported(owner)
    set_stage(owner, "acme-pm", m.Stage.OFFER, now=NOW)
    assert _load(owner).stage is m.Stage.OFFER


def test_done_logs_the_touch_the_action_asked_for(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.actions import done
    from followup.services.agenda import agenda

    _imported(owner)
    key = "acme-pm/thank_you/r1/omar"
    assert key in [a.key for a in agenda(owner, NOW).actions]
    done(owner, key, now=NOW)
    last = _load(owner).touches[-1]
    assert (last.kind, last.contact, last.direction) == (m.TouchKind.THANK_YOU, "omar",
                                                         m.Direction.OUT)
    assert key not in [a.key for a in agenda(owner, NOW).actions]


def test_done_on_send_info_marks_the_request_delivered(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.actions import done

    _imported(owner)
    done(owner, "acme-pm/send_info/refs", now=NOW)
    assert _load(owner).interviews[0].requests[0].delivered_at == NOW


def test_skip_and_snooze_are_decisions_the_planner_honours(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.actions import skip, snooze
    from followup.services.agenda import agenda

    _imported(owner)
    skip(owner, "acme-pm/thank_you/r1/omar", now=NOW, why="thanked in person")
    later = NOW + timedelta(days=2)
    snooze(owner, "acme-pm/send_info/refs", until=later, now=NOW)
    keys = [a.key for a in agenda(owner, NOW).actions]
    assert "acme-pm/thank_you/r1/omar" not in keys
    assert "acme-pm/send_info/refs" not in keys
    decisions = _load(owner).decisions
    assert (decisions[0].kind, decisions[0].why) == (m.DecisionKind.SKIP, "thanked in person")
    assert decisions[1].until == later
    back = [a for a in agenda(owner, later).actions if a.key == "acme-pm/send_info/refs"]
    assert back and back[0].earliest >= later


def test_done_skip_snooze_name_an_unknown_key(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.actions import done
    from followup.services.errors import NotFound

    _imported(owner)
    with pytest.raises(NotFound, match="no open action 'acme-pm/nothing'"):
        done(owner, "acme-pm/nothing", now=NOW)
    with pytest.raises(NotFound):
        done(owner, "nobody/thank_you/r1/jane", now=NOW)


def test_the_agenda_reads_only_opportunities_the_index_says_are_due(owner) -> None:  # type: ignore[no-untyped-def]
    import json

    from followup.services.agenda import agenda
    from followup.services.exchange import import_document

    doc = document()
    future = opportunity_doc(
        "future", start="2027-06-01T10:00:00-05:00", end="2027-06-01T11:00:00-05:00")
    future["touches"] = []
    future["interviews"][0].update(requests=[], decision_expected=None)
    doc["opportunities"].append(future)
    import_document(owner, json.dumps(doc), now=NOW)
    result = agenda(owner, NOW)
    assert set(result.opportunities) == {"acme-pm"}
    assert all(a.opportunity == "acme-pm" for a in result.actions)
    ahead = agenda(owner, NOW, datetime(2027, 6, 30, tzinfo=UTC))
    assert "future" in ahead.opportunities


def test_an_agenda_before_the_index_was_planned_reads_everything(owner) -> None:  # type: ignore[no-untyped-def]
    from followup.services.agenda import agenda

    _imported(owner)
    earlier = NOW - timedelta(days=3)
    assert "acme-pm" in agenda(owner, earlier).opportunities
