"""R11's screen, R13's LinkedIn advice, R14's acknowledgement and R15's recipient (issue 9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from followup.domain.model import (
    ActionKind,
    Channel,
    Contact,
    Direction,
    InterviewFormat,
    Outcome,
    Role,
    Touch,
    TouchKind,
    Via,
)
from planner_builders import (
    JANE,
    OMAR,
    PRIYA,
    RITA,
    at,
    interview,
    of_kind,
    only,
    opportunity,
    plan_of,
    response,
    thanked,
    touch,
)

LATER = at(2026, 12, 20)
KAYLA = Contact("kayla", "Kayla Moss", "Recruiter", "kayla@acme.example",
                roles=(Role.RECRUITER,))


def _allowed(fmt: InterviewFormat, people: tuple[str, ...], hours: float = 1) -> str:
    iv = interview(fmt=fmt, people=people, hours=hours)
    opp = opportunity(interviews=(iv,), contacts=(PRIYA, JANE, OMAR, KAYLA),
                      touches=thanked(iv))
    return only(plan_of(opp, LATER), ActionKind.FOLLOW_UP).why


def test_r11_a_video_interview_with_the_hiring_manager_is_an_interview() -> None:
    assert "(follow-up 1 of 2)" in _allowed(InterviewFormat.VIDEO, ("jane",))


def test_r11_a_short_phone_call_with_the_hiring_manager_is_still_an_interview() -> None:
    assert "(follow-up 1 of 2)" in _allowed(InterviewFormat.PHONE, ("jane",), hours=0.5)


def test_r11_a_call_with_only_the_recruiter_is_a_screen() -> None:
    assert "(follow-up 1 of 1)" in _allowed(InterviewFormat.VIDEO, ("kayla",))
    assert "(follow-up 1 of 1)" in _allowed(InterviewFormat.PHONE, ("kayla",), hours=1.5)


def test_r11_a_first_round_phone_call_of_45_minutes_is_a_screen() -> None:
    assert "(follow-up 1 of 1)" in _allowed(InterviewFormat.PHONE, (), hours=0.75)


def test_r11_a_longer_phone_call_or_a_video_call_is_an_interview() -> None:
    assert "(follow-up 1 of 2)" in _allowed(InterviewFormat.PHONE, (), hours=1)
    assert "(follow-up 1 of 2)" in _allowed(InterviewFormat.VIDEO, (), hours=0.5)


def test_r11_a_recruiter_on_site_is_an_interview() -> None:
    assert "(follow-up 1 of 2)" in _allowed(InterviewFormat.ONSITE, ("kayla",))


def _closing(touches: tuple[Touch, ...]) -> str:
    iv = interview(people=("jane",))
    sent = touch(TouchKind.EMAIL, at(2026, 12, 8, 10))
    second = touch(TouchKind.EMAIL, at(2026, 12, 15, 10))
    opp = opportunity(interviews=(iv,), touches=(*thanked(iv, invited=False), sent, second,
                                                 *touches))
    return only(plan_of(opp, at(2027, 1, 10)), ActionKind.CLOSE_OUT).why


def test_r13_close_out_suggests_the_linkedin_connection_only_when_invited_or_connected() -> None:
    assert "LinkedIn" not in _closing(())
    invite = touch(TouchKind.LINKEDIN_INVITE, at(2026, 11, 18, 15))
    assert "keep the LinkedIn connection warm" in _closing((invite,))
    message = Touch(at(2026, 11, 20, 9), TouchKind.EMAIL, Direction.IN, "jane", Channel.LINKEDIN)
    assert "keep the LinkedIn connection warm" in _closing((message,))


def _delayed(*extra: Touch, outcome: Outcome | None = Outcome.DELAYED) -> list:
    reply = response(at(2026, 11, 27, 14), "jane", outcome, date(2026, 12, 18))
    opp = opportunity(touches=(*thanked(interview()), reply, *extra))
    return plan_of(opp, at(2026, 11, 27, 15))


def test_r14_a_delay_plans_an_acknowledgement_the_next_business_morning() -> None:
    ack = only(_delayed(), ActionKind.ACKNOWLEDGE)
    assert ack.key == "acme-pm/acknowledge/20261127T1400"
    assert (ack.contact, ack.rule, ack.attempt) == ("jane", "R14", None)
    assert ack.due == at(2026, 11, 30, 9)  # Friday's reply: Monday morning
    assert "Jane Roe wrote on Friday 27 November" in ack.why
    assert "not a follow-up" in ack.why


def test_r14_a_new_date_without_an_outcome_is_acknowledged_too() -> None:
    assert of_kind(_delayed(outcome=None), ActionKind.ACKNOWLEDGE)


def test_r14_a_next_round_or_a_plain_reply_plans_no_acknowledgement() -> None:
    assert not of_kind(_delayed(outcome=Outcome.NEXT_ROUND), ActionKind.ACKNOWLEDGE)
    plain = response(at(2026, 11, 27, 14))
    opp = opportunity(touches=(*thanked(interview()), plain))
    assert not of_kind(plan_of(opp, at(2026, 11, 27, 15)), ActionKind.ACKNOWLEDGE)


def test_r14_the_acknowledgement_is_not_a_follow_up_attempt() -> None:
    sent = touch(TouchKind.ACKNOWLEDGEMENT, at(2026, 11, 30, 9))
    actions = _delayed(sent)
    assert not of_kind(actions, ActionKind.ACKNOWLEDGE)
    later = plan_of(opportunity(touches=(*thanked(interview()), response(
        at(2026, 11, 27, 14), "jane", Outcome.DELAYED, date(2026, 12, 18)), sent)), LATER)
    follow = only(later, ActionKind.FOLLOW_UP)
    assert (follow.attempt, follow.rule) == (1, "R8")  # still the first attempt
    assert follow.due == at(2026, 12, 22, 9)  # two business days after the new date


def test_r14_writing_after_the_delay_answers_it() -> None:
    assert not of_kind(_delayed(touch(TouchKind.EMAIL, at(2026, 11, 28, 10))),
                       ActionKind.ACKNOWLEDGE)


def test_r15_through_an_agency_the_recruiter_is_asked_about_the_client() -> None:
    opp = opportunity(via=Via.RECRUITER, contacts=(PRIYA, JANE, RITA), touches=thanked(
        interview()))
    follow = only(plan_of(opp, LATER), ActionKind.FOLLOW_UP)
    assert follow.contact == "rita"
    assert "Follow-ups go to Rita, the agency's recruiter, who is asked what they have heard " \
           "from Acme." in follow.why


def test_r15_the_employer_recruiter_who_sent_the_last_response_gets_the_follow_ups() -> None:
    reply = response(at(2026, 11, 27, 14), "kayla", Outcome.DELAYED, date(2026, 12, 11))
    opp = opportunity(contacts=(PRIYA, JANE, KAYLA), touches=(*thanked(interview()), reply))
    follow = only(plan_of(opp, LATER), ActionKind.FOLLOW_UP)
    assert follow.contact == "kayla"
    assert "Follow-ups go to Kayla, who sent the last reply" in follow.why


def test_r15_a_coordinator_who_sent_the_last_response_gets_them_too() -> None:
    reply = response(at(2026, 11, 27, 14), "omar")
    opp = opportunity(touches=(*thanked(interview()), reply))
    assert only(plan_of(opp, LATER), ActionKind.FOLLOW_UP).contact == "omar"


def test_r15_a_reply_from_the_hiring_manager_keeps_them_as_recipient() -> None:
    reply = response(at(2026, 11, 27, 14), "jane")
    opp = opportunity(contacts=(PRIYA, JANE, KAYLA), touches=(*thanked(interview()), reply))
    follow = only(plan_of(opp, LATER), ActionKind.FOLLOW_UP)
    assert follow.contact == "jane"
    assert "Follow-ups go to Jane, the hiring manager." in follow.why


def test_r15_else_hiring_manager_else_coordinator_else_first_interviewer_and_the_why_says() -> None:
    plain_jane = replace(JANE, roles=(Role.INTERVIEWER,))
    opp = opportunity(contacts=(PRIYA, plain_jane, OMAR), touches=thanked(interview()))
    follow = only(plan_of(opp, LATER), ActionKind.FOLLOW_UP)
    assert (follow.contact, follow.why.endswith("Omar, who coordinates the interviews.")) == (
        "omar", True)
    opp = opportunity(contacts=(PRIYA, plain_jane), touches=thanked(interview()))
    follow = only(plan_of(opp, LATER), ActionKind.FOLLOW_UP)
    assert follow.contact == "priya"
    assert follow.why.endswith("Follow-ups go to Priya, who interviewed you first.")


def test_r14_acknowledge_key_is_stable_and_skippable() -> None:
    first = [a.key for a in _delayed()]
    assert first == [a.key for a in _delayed()]
    assert timedelta(0) < only(_delayed(), ActionKind.ACKNOWLEDGE).due - at(2026, 11, 27, 14)
