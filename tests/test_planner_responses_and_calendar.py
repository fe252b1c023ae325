"""R14-R16, decisions, and the edge cases of real calendars and clocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from followup.domain.calendar import BusinessCalendar
from followup.domain.model import (
    ActionKind,
    Decision,
    DecisionKind,
    Org,
    Outcome,
    Profile,
    Role,
    Stage,
    TouchKind,
    Via,
)
from planner_builders import (
    JANE,
    OMAR,
    PRIYA,
    PROFILE,
    RITA,
    UTC,
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

IV = interview()
DONE = thanked(IV)
LATER = at(2026, 12, 20)
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def test_r14_a_response_between_two_attempts_stops_the_pending_follow_up() -> None:
    first = touch(TouchKind.EMAIL, at(2026, 12, 8, 10))
    reply = response(at(2026, 12, 10, 11))  # no new date: "still deciding"
    actions = plan_of(opportunity(touches=(*DONE, first, reply)), LATER)
    follow = only(actions, ActionKind.FOLLOW_UP)
    assert follow.attempt == 1  # counted afresh
    assert follow.rule == "R6"
    assert follow.due == at(2026, 12, 17, 9)  # a week after their reply
    assert "Jane Roe's reply on Thursday 10 December" in follow.why


def test_r14_a_response_with_a_new_date_restarts_the_cadence_from_it() -> None:
    first = touch(TouchKind.EMAIL, at(2026, 12, 8, 10))
    reply = response(at(2026, 12, 9, 11), outcome=Outcome.DELAYED, new_date=date(2027, 1, 8))
    actions = plan_of(opportunity(touches=(*DONE, first, reply)), at(2027, 1, 20))
    follow = only(actions, ActionKind.FOLLOW_UP)
    assert (follow.attempt, follow.rule) == (1, "R8")
    assert follow.due == at(2027, 1, 12, 9)
    assert follow.key == "acme-pm/follow_up/r1+20261209T1100/1"


def test_r14_a_reply_without_a_date_keeps_the_promised_date_still_ahead() -> None:
    thanks_reply = response(at(2026, 11, 19, 9))  # "thanks for your note"
    follow = only(plan_of(opportunity(touches=(*DONE, thanks_reply)), LATER),
                  ActionKind.FOLLOW_UP)
    assert follow.due == at(2026, 12, 8, 9)


def test_r14_a_rejection_leaves_only_a_courteous_reply() -> None:
    no = response(at(2026, 12, 1, 15), outcome=Outcome.REJECTED)
    actions = plan_of(opportunity(touches=(no,)), at(2026, 12, 1, 16))
    reply = only(actions, ActionKind.COURTEOUS_REPLY)
    assert [a.kind for a in actions] == [ActionKind.COURTEOUS_REPLY]
    assert reply.rule == "R14" and reply.contact == "jane"
    assert reply.due == at(2026, 12, 2, 17)
    assert "kept in mind" in reply.why
    assert "Interview follow up" in reply.sources


@pytest.mark.parametrize("order", ["no first", "no last"])
def test_r14_a_rejection_at_the_same_instant_as_another_answer_is_the_last_word(order) -> None:
    # Found by hypothesis: two answers logged at one instant have no order,
    # and which of them counted as "latest" depended on how ties were sorted.
    no = response(at(2026, 12, 1, 15), outcome=Outcome.REJECTED)
    other = response(at(2026, 12, 1, 15))
    pair = (no, other) if order == "no first" else (other, no)
    actions = plan_of(opportunity(touches=pair), at(2026, 12, 1, 16))
    assert [a.kind for a in actions] == [ActionKind.COURTEOUS_REPLY]


def test_r14_the_rejected_stage_alone_plans_nothing_without_a_rejection_touch() -> None:
    assert plan_of(opportunity(stage=Stage.REJECTED), LATER) == []


def test_r14_the_courteous_reply_is_done_once_the_user_answers() -> None:
    no = response(at(2026, 12, 1, 15), outcome=Outcome.REJECTED)
    thanks = touch(TouchKind.EMAIL, at(2026, 12, 1, 17))
    assert plan_of(opportunity(stage=Stage.REJECTED, touches=(no, thanks)), LATER) == []


def test_r14_a_reply_in_the_same_second_as_the_rejection_answers_it() -> None:
    # The record keeps whole seconds: logging their no and marking the reply
    # done at once (or typing both to the minute) gives them one time.
    no = response(at(2026, 12, 1, 15), outcome=Outcome.REJECTED)
    thanks = touch(TouchKind.EMAIL, at(2026, 12, 1, 15))
    assert plan_of(opportunity(stage=Stage.REJECTED, touches=(no, thanks)), LATER) == []


def test_r14_a_call_in_the_same_second_as_the_rejection_is_the_call_it_came_in() -> None:
    call = touch(TouchKind.CALL, at(2026, 12, 1, 15))
    no = response(at(2026, 12, 1, 15), outcome=Outcome.REJECTED)
    actions = plan_of(opportunity(stage=Stage.REJECTED, touches=(call, no)), at(2026, 12, 1, 16))
    assert [a.kind for a in actions] == [ActionKind.COURTEOUS_REPLY]


@pytest.mark.parametrize("gap", [timedelta(0), timedelta(seconds=1)])
def test_r14_an_acknowledgement_in_the_same_second_as_the_new_date_is_done(gap) -> None:
    moved = response(at(2026, 12, 9, 11), outcome=Outcome.DELAYED, new_date=date(2027, 1, 8))
    thanks = touch(TouchKind.ACKNOWLEDGEMENT, at(2026, 12, 9, 11) + gap)
    before = plan_of(opportunity(touches=(*DONE, moved)), at(2026, 12, 9, 12))
    assert of_kind(before, ActionKind.ACKNOWLEDGE)
    after = plan_of(opportunity(touches=(*DONE, moved, thanks)), at(2026, 12, 9, 12))
    assert not of_kind(after, ActionKind.ACKNOWLEDGE)


def test_r14_a_call_in_the_same_second_as_the_new_date_still_wants_the_acknowledgement() -> None:
    call = touch(TouchKind.CALL, at(2026, 12, 9, 11))
    moved = response(at(2026, 12, 9, 11), outcome=Outcome.DELAYED, new_date=date(2027, 1, 8))
    actions = plan_of(opportunity(touches=(*DONE, call, moved)), at(2026, 12, 9, 12))
    assert of_kind(actions, ActionKind.ACKNOWLEDGE)


@pytest.mark.parametrize("stage", [Stage.WITHDRAWN, Stage.OFFER, Stage.HIRED,
                                   Stage.CLOSED_NO_RESPONSE])
def test_r14_finished_opportunities_plan_nothing(stage: Stage) -> None:
    assert plan_of(opportunity(stage=stage), at(2026, 11, 18, 12)) == []


def test_r14_an_offer_stops_the_cadence() -> None:
    offer = response(at(2026, 12, 1, 15), outcome=Outcome.OFFER)
    actions = plan_of(opportunity(touches=(*DONE, offer)), LATER)
    assert not of_kind(actions, ActionKind.FOLLOW_UP)


def test_r14_a_next_round_adds_an_interview_which_is_thanked_again() -> None:
    invite = response(at(2026, 11, 24, 9), outcome=Outcome.NEXT_ROUND)
    second = interview("r2", start=at(2026, 12, 2, 14), people=("jane", "omar"), round=2,
                       decision=date(2026, 12, 11))
    opp = opportunity(interviews=(IV, second), touches=(*DONE, invite))
    actions = plan_of(opp, at(2026, 12, 2, 16))
    assert [a.contact for a in of_kind(actions, ActionKind.THANK_YOU)] == ["jane", "omar"]
    assert only(actions, ActionKind.FOLLOW_UP).due == at(2026, 12, 15, 9)


def test_r15_through_an_agency_follow_ups_go_to_the_recruiter() -> None:
    opp = opportunity(via=Via.RECRUITER, contacts=(PRIYA, JANE, RITA))
    follow = only(plan_of(replace(opp, touches=DONE), LATER), ActionKind.FOLLOW_UP)
    assert follow.contact == "rita"


def test_r15_direct_follow_ups_go_to_the_hiring_manager_then_coordinator_then_interviewer():
    assert only(plan_of(opportunity(touches=DONE), LATER), ActionKind.FOLLOW_UP).contact == "jane"
    plain_jane = replace(JANE, roles=(Role.INTERVIEWER,))
    opp = opportunity(contacts=(PRIYA, plain_jane, OMAR), touches=DONE)
    assert only(plan_of(opp, LATER), ActionKind.FOLLOW_UP).contact == "omar"
    opp = opportunity(contacts=(PRIYA, plain_jane), touches=DONE)
    assert only(plan_of(opp, LATER), ActionKind.FOLLOW_UP).contact == "priya"


def test_r15_thank_yous_still_go_to_each_interviewer_through_an_agency() -> None:
    opp = opportunity(via=Via.RECRUITER, contacts=(PRIYA, JANE, replace(RITA, org=Org.AGENCY)))
    thanks = of_kind(plan_of(opp, at(2026, 11, 18, 12)), ActionKind.THANK_YOU)
    assert sorted(t.contact or "" for t in thanks) == ["jane", "priya"]


def test_r16_thanksgiving_in_california_skips_thursday_and_the_day_after() -> None:
    iv = interview(start=at(2026, 11, 16, 10, tz=LOS_ANGELES), decision=date(2026, 11, 25))
    opp = opportunity(time_zone="America/Los_Angeles", subdivision="CA", interviews=(iv,),
                      touches=thanked(iv))
    follow = only(plan_of(opp, LATER), ActionKind.FOLLOW_UP)
    assert follow.due == at(2026, 12, 1, 9, tz=LOS_ANGELES)  # Mon 30th is 1, Tue 1st is 2


def test_r16_thanksgiving_in_illinois_skips_only_thursday() -> None:
    iv = interview(start=at(2026, 11, 16, 10), decision=date(2026, 11, 25))
    follow = only(plan_of(opportunity(interviews=(iv,), touches=thanked(iv)), LATER),
                  ActionKind.FOLLOW_UP)
    assert follow.due == at(2026, 11, 30, 9)  # Friday 27th is 1, Monday 30th is 2


def test_r16_the_calendar_knows_californias_day_after_thanksgiving() -> None:
    california = BusinessCalendar("America/Los_Angeles", "US", "CA")
    assert not california.is_business_day(date(2026, 11, 27))
    assert BusinessCalendar("America/Chicago", "US", "IL").is_business_day(date(2026, 11, 27))
    assert california.add_business_days(date(2026, 11, 25), 1) == date(2026, 11, 30)
    assert california.add_business_days(date(2026, 11, 28), 0) == date(2026, 11, 30)
    assert california.on_or_before(date(2026, 11, 29)) == date(2026, 11, 25)
    assert california.holiday_name(date(2026, 11, 27)) == "Day After Thanksgiving"


def test_r16_business_mornings_follow_the_clock_change_on_1_november() -> None:
    chicago = BusinessCalendar("America/Chicago", "US", "IL")
    before, after = chicago.opening(date(2026, 10, 30)), chicago.opening(date(2026, 11, 2))
    assert before.astimezone(UTC).hour == 14 and after.astimezone(UTC).hour == 15
    assert chicago.next_business_morning(at(2026, 10, 30, 18)) == after


def test_r16_a_24_hour_deadline_across_the_clock_change_is_24_real_hours() -> None:
    saturday_night = interview(start=at(2026, 10, 31, 18), hours=2, people=("priya",))
    thanks = only(plan_of(opportunity(interviews=(saturday_night,)), at(2026, 10, 31, 21)),
                  ActionKind.THANK_YOU)
    assert thanks.latest is not None
    elapsed = thanks.latest.astimezone(UTC) - saturday_night.end.astimezone(UTC)
    assert elapsed == timedelta(hours=24)
    assert thanks.latest.astimezone(UTC) == datetime(2026, 11, 2, 1, tzinfo=UTC)
    assert thanks.latest.astimezone(ZoneInfo("America/Chicago")).hour == 19  # wall clock moved


def test_r16_user_and_employer_far_apart_each_gets_their_own_clock() -> None:
    tokyo_user = replace(PROFILE, time_zone="Asia/Tokyo")
    iv = interview(start=at(2026, 11, 18, 16), people=("priya",))
    request = replace(_request(), asked_at=iv.end)
    opp = opportunity(interviews=(replace(iv, requests=(request,)),), touches=thanked(iv))
    actions = plan_of(opp, at(2026, 12, 20), profile=tokyo_user)
    send = only(actions, ActionKind.SEND_INFO)
    # Asked at 17:00 in Chicago = 08:00 the next day in Tokyo: late by Tokyo's midnight,
    # due before the user's quiet hours begin that evening (R16).
    assert send.latest == datetime(2026, 11, 19, 23, 59, 59, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert send.due == datetime(2026, 11, 19, 21, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    follow = only(actions, ActionKind.FOLLOW_UP)
    # The employer's day (Chicago 09:00) is midnight in Tokyo: the email is due when the
    # user's morning begins (08:00 Tokyo), still inside the employer's business hours.
    assert follow.due == at(2026, 12, 8, 17)
    assert follow.earliest == at(2026, 12, 8, 9)


def test_r16_an_interview_past_midnight_has_its_deadline_from_its_end() -> None:
    late = interview(start=at(2026, 11, 18, 23), hours=2.5, people=("priya",))
    thanks = only(plan_of(opportunity(interviews=(late,)), at(2026, 11, 19, 2)),
                  ActionKind.THANK_YOU)
    assert thanks.earliest == at(2026, 11, 19, 1, 30)
    assert thanks.latest == at(2026, 11, 20, 1, 30)
    assert "Thursday 19 November" in thanks.why


def test_r16_calls_fall_inside_business_hours() -> None:
    chicago = BusinessCalendar("America/Chicago", "US", "IL")
    assert chicago.within_hours(at(2026, 12, 8, 9))
    assert not chicago.within_hours(at(2026, 12, 8, 17))
    assert not chicago.within_hours(at(2026, 12, 12, 10))  # a Saturday


def _request():
    from followup.domain.model import Channel, Request
    return Request("refs", "three references", "priya", Channel.EMAIL, at(2026, 11, 18, 11))


def test_skip_hides_an_action_and_snooze_moves_it() -> None:
    skip = Decision("acme-pm/linkedin_invite/priya", DecisionKind.SKIP, at(2026, 11, 18, 12),
                    why="not on LinkedIn")
    snooze = Decision("acme-pm/thank_you/r1/jane", DecisionKind.SNOOZE, at(2026, 11, 18, 12),
                      until=at(2026, 11, 19, 15))
    actions = plan_of(opportunity(decisions=(skip, snooze)), at(2026, 11, 18, 13))
    assert not of_kind(actions, ActionKind.LINKEDIN_INVITE, "priya")
    moved = only(actions, ActionKind.THANK_YOU, "jane")
    assert moved.earliest == moved.due == at(2026, 11, 19, 15)
    # Back due, not late: the thank-you keeps its 16-hour window from the new due moment.
    assert moved.latest == at(2026, 11, 20, 7)


def test_the_latest_decision_wins() -> None:
    key = "acme-pm/linkedin_invite/priya"
    skip = Decision(key, DecisionKind.SKIP, at(2026, 11, 18, 12))
    unsnooze = Decision(key, DecisionKind.SNOOZE, at(2026, 11, 18, 13), until=at(2026, 11, 18))
    actions = plan_of(opportunity(decisions=(unsnooze, skip)), at(2026, 11, 18, 14))
    assert of_kind(actions, ActionKind.LINKEDIN_INVITE, "priya")


def test_done_completes_a_prepare_which_no_touch_can() -> None:
    done = Decision("acme-pm/prepare/r1", DecisionKind.DONE, at(2026, 11, 17, 9))
    assert not of_kind(plan_of(opportunity(decisions=(done,)), at(2026, 11, 17, 10)),
                       ActionKind.PREPARE)


def test_actions_are_sorted_by_due_then_key_and_keys_are_unique() -> None:
    actions = plan_of(opportunity(), at(2026, 11, 18, 12))
    assert [(a.due, a.key) for a in actions] == sorted((a.due, a.key) for a in actions)
    assert len({a.key for a in actions}) == len(actions)


def test_the_planner_refuses_a_naive_clock() -> None:
    with pytest.raises(ValueError, match="aware"):
        plan_of(opportunity(), datetime(2026, 11, 18, 12))


def test_the_profile_playbook_is_the_default_culture() -> None:
    assertive = Profile("Sam", None, None, "UTC", playbook=PROFILE.playbook.ASSERTIVE)
    follow = only(plan_of(opportunity(touches=DONE), LATER, profile=assertive),
                  ActionKind.FOLLOW_UP)
    assert follow.due == at(2026, 12, 7, 9)


def test_global_overrides_apply_and_the_opportunity_overrides_them() -> None:
    opp = opportunity(touches=DONE)
    assert only(plan_of(opp, LATER, first_follow_up_business_days=3),
                ActionKind.FOLLOW_UP).due == at(2026, 12, 9, 9)
    opp = replace(opp, settings={"first_follow_up_business_days": 1})
    assert only(plan_of(opp, LATER, first_follow_up_business_days=3),
                ActionKind.FOLLOW_UP).due == at(2026, 12, 7, 9)


def test_r16_business_days_count_backwards_too() -> None:
    california = BusinessCalendar("America/Los_Angeles", "US", "CA")
    assert california.add_business_days(date(2026, 11, 30), -1) == date(2026, 11, 25)
    assert california.add_business_days(date(2026, 11, 28), -1) == date(2026, 11, 25)
    assert california.add_business_days(date(2027, 1, 4), -3) == date(2026, 12, 29)
    assert california.on_or_before(date(2026, 11, 27)) == date(2026, 11, 25)
