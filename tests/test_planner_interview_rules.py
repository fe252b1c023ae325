"""R1-R5: what each interview asks of the user, checked on a realistic record."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from followup.domain.model import (
    ActionKind,
    Channel,
    Contact,
    Culture,
    InterviewFormat,
    Opportunity,
    Request,
    Role,
    TouchKind,
)
from planner_builders import (
    JANE,
    NEW_YORK,
    OMAR,
    PRIYA,
    at,
    interview,
    of_kind,
    only,
    opportunity,
    plan_of,
    thanked,
    touch,
)

AFTER = at(2026, 11, 18, 12)  # an hour after the interview ended


def test_r1_prepare_is_shown_before_the_interview_and_gone_once_it_starts() -> None:
    opp = opportunity()
    before = only(plan_of(opp, at(2026, 11, 17, 9)), ActionKind.PREPARE)
    assert before.rule == "R1"
    assert before.earliest == at(2026, 11, 16, 10)
    assert before.latest == at(2026, 11, 18, 10)
    assert "next steps" in before.why and "Wednesday 18 November" in before.why
    assert not of_kind(plan_of(opp, at(2026, 11, 18, 10, 1)), ActionKind.PREPARE)


def test_r2_thank_you_to_each_interviewer_due_in_8_hours_deadline_24() -> None:
    actions = plan_of(opportunity(), AFTER)
    for ref in ("priya", "jane"):
        thanks = only(actions, ActionKind.THANK_YOU, ref)
        assert thanks.rule == "R2"
        assert thanks.channel is Channel.EMAIL
        assert thanks.earliest == at(2026, 11, 18, 11)
        assert thanks.due == at(2026, 11, 18, 19)
        assert thanks.latest == at(2026, 11, 19, 11)
        assert not thanks.late
    assert not of_kind(actions, ActionKind.THANK_YOU, "omar")  # not an interviewer


def test_r2_thank_you_why_names_the_person_and_the_day() -> None:
    thanks = only(plan_of(opportunity(), AFTER), ActionKind.THANK_YOU, "priya")
    assert thanks.why.startswith("Priya Shah interviewed you on Wednesday 18 November")
    assert "Thursday 19 November at 12:00" in thanks.why  # the deadline, in the user's zone
    assert thanks.sources == (
        "Mission: Follow-up Interview (Nov 2022)",
        "Drive Your Career: Maximize Post Interview Follow Up",
        "Interviewing: Follow Up for Success",
    )


def test_r2_past_the_deadline_the_thank_you_is_still_due_and_marked_late() -> None:
    thanks = only(plan_of(opportunity(), at(2026, 11, 19, 11, 1)), ActionKind.THANK_YOU, "jane")
    assert thanks.late


def test_r2_a_logged_thank_you_completes_it() -> None:
    opp = opportunity(touches=(touch(TouchKind.THANK_YOU, at(2026, 11, 18, 15), "priya"),))
    actions = plan_of(opp, AFTER)
    assert not of_kind(actions, ActionKind.THANK_YOU, "priya")
    assert of_kind(actions, ActionKind.THANK_YOU, "jane")


def test_r2_a_thank_you_for_an_earlier_interview_does_not_count_for_a_later_one() -> None:
    first = interview("r1", start=at(2026, 11, 10, 10), people=("jane",))
    second = interview("r2", start=at(2026, 11, 18, 10), people=("jane",), round=2)
    opp = opportunity(interviews=(first, second), touches=thanked(first))
    thanks = only(plan_of(opp, AFTER), ActionKind.THANK_YOU, "jane")
    assert thanks.interview == "r2"


def test_r2_phone_and_video_interviews_count() -> None:
    for fmt in (InterviewFormat.PHONE, InterviewFormat.VIDEO):
        opp = opportunity(interviews=(interview(fmt=fmt, people=("priya",)),))
        assert only(plan_of(opp, AFTER), ActionKind.THANK_YOU, "priya").rule == "R2"


def test_r2_without_any_interviewer_email_one_note_to_the_key_contact() -> None:
    no_mail = replace(PRIYA, email=None)
    opp = opportunity(contacts=(no_mail, replace(JANE, roles=(Role.HIRING_MANAGER,)), OMAR),
                      interviews=(interview(people=("priya",)),))
    thanks = of_kind(plan_of(opp, AFTER), ActionKind.THANK_YOU)
    assert [t.contact for t in thanks] == ["jane"]
    assert "pass your thanks on" in thanks[0].why
    assert thanks[0].why.startswith("You have no email address for the people who interviewed")


def test_r2_with_no_interviewer_named_the_relay_says_so() -> None:
    opp = opportunity(contacts=(replace(JANE, roles=(Role.HIRING_MANAGER,)), OMAR),
                      interviews=(interview(people=()),))
    [thanks] = of_kind(plan_of(opp, AFTER), ActionKind.THANK_YOU)
    assert thanks.contact == "jane"
    assert thanks.why.startswith("No interviewer is named for your interview on ")
    assert "ask them to pass your thanks on" in thanks.why


def test_r2_an_interviewer_without_email_gets_no_thank_you_when_others_have_one() -> None:
    opp = opportunity(contacts=(replace(PRIYA, email=None), JANE, OMAR))
    thanks = of_kind(plan_of(opp, AFTER), ActionKind.THANK_YOU)
    assert [t.contact for t in thanks] == ["jane"]


def test_r3_traditional_company_gets_a_handwritten_note_within_one_business_day() -> None:
    note = only(plan_of(opportunity(culture=Culture.TRADITIONAL), AFTER),
                ActionKind.HANDWRITTEN_NOTE)
    assert note.rule == "R3"
    assert note.channel is Channel.MAIL
    assert note.contact == "jane"  # the hiring manager among the interviewers
    assert note.due == at(2026, 11, 19, 17)


def test_r3_the_note_skips_thanksgiving() -> None:
    day_before = interview(start=at(2026, 11, 25, 10))
    note = only(plan_of(opportunity(culture=Culture.TRADITIONAL, interviews=(day_before,)),
                        at(2026, 11, 25, 12)), ActionKind.HANDWRITTEN_NOTE)
    assert note.due == at(2026, 11, 27, 17)  # Illinois works the Friday after


def test_r3_standard_company_gets_no_handwritten_note() -> None:
    assert not of_kind(plan_of(opportunity(), AFTER), ActionKind.HANDWRITTEN_NOTE)


def test_r4_linkedin_invitation_to_each_interviewer_timed_with_the_thank_you() -> None:
    actions = plan_of(opportunity(), AFTER)
    invite = only(actions, ActionKind.LINKEDIN_INVITE, "priya")
    thanks = only(actions, ActionKind.THANK_YOU, "priya")
    assert invite.rule == "R4"
    assert invite.channel is Channel.LINKEDIN
    assert (invite.earliest, invite.due, invite.latest) == (
        thanks.earliest, thanks.due, thanks.latest)
    assert "personal note" in invite.why


def test_r4_one_invitation_per_person_across_interviews_and_none_once_sent() -> None:
    first = interview("r1", start=at(2026, 11, 10, 10), people=("jane",))
    second = interview("r2", start=at(2026, 11, 18, 10), people=("jane", "priya"), round=2)
    invited_jane = touch(TouchKind.LINKEDIN_INVITE, at(2026, 11, 10, 14), "jane")
    opp = opportunity(interviews=(first, second), touches=(invited_jane,))
    invites = of_kind(plan_of(opp, AFTER), ActionKind.LINKEDIN_INVITE)
    assert [i.contact for i in invites] == ["priya"]


def _with_request(**changes: Any) -> Opportunity:
    request = Request("refs", "three references", "jane", Channel.EMAIL, at(2026, 11, 18, 11))
    return opportunity(interviews=(interview(requests=(replace(request, **changes),)),))


def test_r5_requested_information_is_due_by_the_end_of_that_day_for_the_user() -> None:
    send = only(plan_of(_with_request(), AFTER), ActionKind.SEND_INFO)
    assert send.rule == "R5"
    assert send.contact == "jane" and send.channel is Channel.EMAIL
    assert send.latest == at(2026, 11, 18, 23, 59, tz=NEW_YORK).replace(second=59)
    # R16: written, so due before the user's quiet hours begin (21:00), not at midnight.
    assert send.due == at(2026, 11, 18, 21, 0, tz=NEW_YORK)
    assert "three references" in send.why


def test_r5_requested_information_goes_by_the_channel_they_asked_for() -> None:
    send = only(plan_of(_with_request(channel=Channel.FAX), AFTER), ActionKind.SEND_INFO)
    assert send.channel is Channel.FAX
    assert "by fax" in send.why


def test_r5_undelivered_information_gets_a_delay_notice_next_business_morning() -> None:
    notice = only(plan_of(_with_request(), at(2026, 11, 19, 9)), ActionKind.INFO_DELAY_NOTICE)
    assert notice.earliest == at(2026, 11, 18, 23, 59, tz=NEW_YORK).replace(second=59)
    assert notice.due == at(2026, 11, 19, 9)
    assert notice.latest == at(2026, 11, 19, 17)
    assert "gathering" in notice.why


def test_r5_delay_notice_waits_for_the_next_business_morning_over_a_weekend() -> None:
    friday = at(2026, 11, 20, 15)
    request = Request("refs", "a work sample", "jane", Channel.EMAIL, friday)
    opp = opportunity(interviews=(interview(start=at(2026, 11, 20, 13), requests=(request,)),))
    notice = only(plan_of(opp, friday), ActionKind.INFO_DELAY_NOTICE)
    assert notice.due == at(2026, 11, 23, 9)


def test_r5_delivered_information_needs_nothing_more() -> None:
    actions = plan_of(_with_request(delivered_at=at(2026, 11, 18, 16)), AFTER)
    assert not of_kind(actions, ActionKind.SEND_INFO)
    assert not of_kind(actions, ActionKind.INFO_DELAY_NOTICE)


def test_r5_a_logged_delay_notice_completes_the_notice_but_not_the_delivery() -> None:
    opp = _with_request()
    opp = replace(opp, touches=(touch(TouchKind.INFO_DELAY_NOTICE, at(2026, 11, 19, 9, 30)),))
    actions = plan_of(opp, at(2026, 11, 19, 10))
    assert not of_kind(actions, ActionKind.INFO_DELAY_NOTICE)
    assert only(actions, ActionKind.SEND_INFO).late


def test_contacts_not_in_the_record_never_break_the_plan() -> None:
    stranger = Contact("zed", "Zed", roles=(Role.INTERVIEWER,))
    opp = opportunity(contacts=(stranger,), interviews=(interview(people=("zed",)),))
    actions = plan_of(opp, AFTER + timedelta(days=1))
    assert only(actions, ActionKind.THANK_YOU).contact == "zed"
