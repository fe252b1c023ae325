"""R6-R13: the wait, the check-in, the follow-up cadence and the close."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from followup.domain.model import (
    ActionKind,
    Channel,
    Culture,
    InterviewFormat,
    PreferredChannel,
    ShareItem,
    TouchKind,
)
from planner_builders import (
    JANE,
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

IV = interview()  # Wednesday 18 November, decision promised for Friday 4 December
DONE = thanked(IV)
LATER = at(2026, 12, 20)


def follow_up(culture: Culture | None = None, touches: tuple = (), now=LATER, **changes):
    opp = opportunity(culture=culture, touches=DONE + touches, **changes)
    return only(plan_of(opp, now), ActionKind.FOLLOW_UP)


def test_r6_no_decision_date_first_follow_up_a_week_after_the_interview() -> None:
    iv = interview(decision=None)
    action = only(plan_of(opportunity(interviews=(iv,), touches=thanked(iv)), LATER),
                  ActionKind.FOLLOW_UP)
    assert action.rule == "R6"
    assert action.due == at(2026, 11, 25, 9)  # Wednesday a week on, at the opening
    assert "No decision date" in action.why


def test_r6_a_week_that_ends_on_a_holiday_moves_to_the_next_business_day() -> None:
    iv = interview(start=at(2026, 11, 19, 10), decision=None)  # +7 = Thanksgiving
    action = only(plan_of(opportunity(interviews=(iv,), touches=thanked(iv)), LATER),
                  ActionKind.FOLLOW_UP)
    assert action.due == at(2026, 11, 27, 9)


def test_r6_the_thank_you_to_the_primary_contact_asks_about_the_timeline() -> None:
    actions = plan_of(opportunity(interviews=(interview(decision=None),)), at(2026, 11, 18, 12))
    assert "next steps and timing" in only(actions, ActionKind.THANK_YOU, "jane").why
    assert "next steps" not in only(actions, ActionKind.THANK_YOU, "priya").why


def test_r7_a_long_wait_gets_one_check_in_between_half_and_three_quarters() -> None:
    check = only(plan_of(opportunity(touches=DONE), at(2026, 11, 24)), ActionKind.CHECK_IN)
    assert check.rule == "R7"
    # 16-day wait: halfway is Thanksgiving (26th), so the Friday; 3/4 is Monday 30th.
    assert check.due == at(2026, 11, 27, 9)
    assert check.latest == at(2026, 11, 30, 17)
    assert check.contact == "jane" and check.channel is Channel.EMAIL
    assert "Friday 4 December" in check.why


def test_r7_no_check_in_for_a_short_wait() -> None:
    short = interview(decision=date(2026, 11, 27))
    opp = opportunity(interviews=(short,), touches=thanked(short))
    assert not of_kind(plan_of(opp, at(2026, 11, 20)), ActionKind.CHECK_IN)


def test_r7_reserved_culture_has_no_check_in() -> None:
    opp = opportunity(culture=Culture.RESERVED, touches=DONE)
    assert not of_kind(plan_of(opp, at(2026, 11, 24)), ActionKind.CHECK_IN)


def test_r7_an_email_during_the_wait_is_the_check_in() -> None:
    sent = touch(TouchKind.EMAIL, at(2026, 11, 25, 10))
    opp = opportunity(touches=(*DONE, sent))
    assert not of_kind(plan_of(opp, at(2026, 11, 26)), ActionKind.CHECK_IN)


def test_r7_the_check_in_is_dropped_once_the_promised_day_arrives() -> None:
    opp = opportunity(touches=DONE)
    assert not of_kind(plan_of(opp, at(2026, 12, 4, 8)), ActionKind.CHECK_IN)


def test_r8_first_follow_up_two_business_days_after_the_promised_date() -> None:
    action = follow_up()
    assert action.rule == "R8"
    assert action.attempt == 1
    assert action.due == at(2026, 12, 8, 9)  # Friday 4th + 2 business days = Tuesday 8th
    assert action.latest == at(2026, 12, 8, 17)
    assert "Friday 4 December" in action.why and "Tuesday 8 December" in action.why
    assert "Jane Roe" in action.why


@pytest.mark.parametrize(
    ("culture", "due"),
    [(Culture.ASSERTIVE, at(2026, 12, 7, 9)),   # say Friday, follow up Monday
     (Culture.STANDARD, at(2026, 12, 8, 9)),
     (Culture.RESERVED, at(2026, 12, 10, 9)),   # four business days
     (Culture.TRADITIONAL, at(2026, 12, 8, 9))],
)
def test_r8_first_follow_up_per_preset(culture: Culture, due) -> None:
    assert follow_up(culture).due == due


def test_r8_a_setting_overrides_the_preset_per_opportunity() -> None:
    assert follow_up(settings={"first_follow_up_business_days": 3}).due == at(2026, 12, 9, 9)


def test_r9_second_attempt_five_business_days_after_the_first_standard() -> None:
    first = touch(TouchKind.EMAIL, at(2026, 12, 8, 10))
    action = follow_up(touches=(first,))
    assert (action.attempt, action.rule) == (2, "R9")
    assert action.due == at(2026, 12, 15, 9)
    assert "Tuesday 8 December" in action.why


def test_r9_assertive_gap_is_a_window_of_three_to_five_business_days() -> None:
    first = touch(TouchKind.EMAIL, at(2026, 12, 7, 10))
    action = follow_up(Culture.ASSERTIVE, touches=(first,))
    assert action.due == at(2026, 12, 10, 9)
    assert action.latest == at(2026, 12, 14, 17)


def test_r9_reserved_gap_is_seven_to_ten_calendar_days() -> None:
    first = touch(TouchKind.EMAIL, at(2026, 12, 10, 10))
    action = follow_up(Culture.RESERVED, touches=(first,))
    assert action.due == at(2026, 12, 17, 9)
    assert action.latest == at(2026, 12, 21, 17)  # the 20th is a Sunday


def test_r9_phone_channel_attempt_two_shares_a_saved_item() -> None:
    first = touch(TouchKind.VOICEMAIL, at(2026, 12, 8, 10))
    share = (ShareItem("Warehouse robotics in 2027", "https://example.org/robots"),)
    action = follow_up(touches=(first,), channel=PreferredChannel.PHONE, share=share)
    assert action.channel is Channel.PHONE
    assert action.attempt == 2 and action.share == 0


def test_r9_phone_preferred_but_no_number_falls_back_to_email() -> None:
    opp_contacts = (PRIYA, replace(JANE, phone=None), OMAR)
    action = follow_up(channel=PreferredChannel.PHONE, contacts=opp_contacts)
    assert action.channel is Channel.EMAIL


def test_r9_call_and_email_on_the_same_day_are_one_attempt() -> None:
    call = touch(TouchKind.CALL, at(2026, 12, 8, 10))
    mail = touch(TouchKind.EMAIL, at(2026, 12, 8, 10, 30))
    assert follow_up(touches=(call, mail)).attempt == 2


def test_r10_keep_control_voicemail_names_a_call_back_day() -> None:
    action = follow_up(channel=PreferredChannel.PHONE)
    # attempt 1 on Tuesday 8th; the standard gap (5) clamped to 3-5 business days.
    assert action.callback_on == date(2026, 12, 15)
    assert follow_up(Culture.ASSERTIVE, channel=PreferredChannel.PHONE).callback_on == date(
        2026, 12, 10)


def test_r10_their_court_voicemail_names_no_call_back_day() -> None:
    assert follow_up(Culture.RESERVED, channel=PreferredChannel.PHONE).callback_on is None
    overridden = follow_up(channel=PreferredChannel.PHONE,
                           settings={"voicemail_style": "their_court"})
    assert overridden.callback_on is None


def test_r10_email_follow_ups_name_no_call_back_day() -> None:
    assert follow_up().callback_on is None


def test_r10_the_next_attempt_comes_on_the_promised_call_back_day() -> None:
    voicemail = touch(TouchKind.VOICEMAIL, at(2026, 12, 8, 10), callback_on=date(2026, 12, 11))
    action = follow_up(touches=(voicemail,), channel=PreferredChannel.PHONE)
    assert action.rule == "R10"
    assert action.due == at(2026, 12, 11, 9)  # sooner than the 5-business-day gap
    assert "Friday 11 December" in action.why and "promise" in action.why


def test_r10_a_promise_under_three_days_away_is_not_kept_the_gap_applies() -> None:
    voicemail = touch(TouchKind.VOICEMAIL, at(2026, 12, 8, 10), callback_on=date(2026, 12, 10))
    action = follow_up(touches=(voicemail,))
    assert action.rule == "R9"
    assert action.due == at(2026, 12, 15, 9)


def test_r10_a_promise_on_a_weekend_moves_to_the_monday() -> None:
    voicemail = touch(TouchKind.VOICEMAIL, at(2026, 12, 8, 10), callback_on=date(2026, 12, 12))
    assert follow_up(touches=(voicemail,)).due == at(2026, 12, 14, 9)


def test_r10_the_last_attempt_promises_no_further_call_back() -> None:
    first = touch(TouchKind.VOICEMAIL, at(2026, 12, 8, 10))
    second = touch(TouchKind.CALL, at(2026, 12, 15, 10))
    action = follow_up(touches=(first, second), channel=PreferredChannel.PHONE)
    assert action.attempt == 3
    assert action.callback_on is None


@pytest.mark.parametrize(
    ("interviews", "culture", "allowed"),
    [((interview(fmt=InterviewFormat.PHONE, people=("omar",)),), None, 1),
     ((interview(fmt=InterviewFormat.VIDEO, people=("omar",)),), None, 1),
     ((interview(fmt=InterviewFormat.PHONE, people=("jane",)),), None, 2),
     ((interview(fmt=InterviewFormat.VIDEO, people=("jane",)),), None, 2),
     ((interview(fmt=InterviewFormat.ONSITE, people=("jane",)),), None, 2),
     ((interview(people=("jane", "priya")),), None, 3),
     ((interview(fmt=InterviewFormat.PHONE, people=("jane",), round=2),), None, 3),
     ((interview(fmt=InterviewFormat.PHONE, people=("omar",)),), Culture.ASSERTIVE, 2),
     ((interview(people=("jane", "priya")),), Culture.ASSERTIVE, 4)],
)
def test_r11_how_many_attempts_depends_on_what_happened(interviews, culture, allowed) -> None:
    opp = opportunity(interviews=interviews, culture=culture, touches=thanked(*interviews))
    assert f"of {allowed})" in only(plan_of(opp, LATER), ActionKind.FOLLOW_UP).why


def test_r11_a_phone_screen_gets_one_follow_up_then_the_close() -> None:
    screen = interview(fmt=InterviewFormat.PHONE, people=("omar",))
    sent = touch(TouchKind.EMAIL, at(2026, 12, 8, 10))
    opp = opportunity(interviews=(screen,), touches=(*thanked(screen), sent))
    actions = plan_of(opp, LATER)
    assert not of_kind(actions, ActionKind.FOLLOW_UP)
    assert only(actions, ActionKind.CLOSE_OUT).rule == "R13"


def test_r11_the_user_can_set_the_number_of_attempts() -> None:
    sent = touch(TouchKind.EMAIL, at(2026, 12, 8, 10))
    opp = opportunity(touches=(*DONE, sent), settings={"max_attempts": 1})
    assert of_kind(plan_of(opp, LATER), ActionKind.CLOSE_OUT)


def test_r12_a_hand_logged_email_counts_for_spacing() -> None:
    # The user wrote on their own on Monday 7th, before the planned Tuesday 8th.
    own = touch(TouchKind.EMAIL, at(2026, 12, 7, 16))
    action = follow_up(touches=(own,))
    assert action.attempt == 2
    assert action.due == at(2026, 12, 14, 9)


def test_r12_a_check_in_email_pushes_the_first_follow_up_out_by_the_gap() -> None:
    check = touch(TouchKind.EMAIL, at(2026, 12, 3, 10))  # before the promised date
    action = follow_up(touches=(check,))
    assert action.attempt == 1
    assert action.due == at(2026, 12, 10, 9)  # 5 business days after Thursday 3rd


def test_r12_thank_yous_and_invitations_do_not_count_for_spacing() -> None:
    late_thanks = touch(TouchKind.THANK_YOU, at(2026, 12, 7, 10), "priya")
    invite = touch(TouchKind.LINKEDIN_INVITE, at(2026, 12, 7, 10), "priya")
    assert follow_up(touches=(late_thanks, invite)).due == at(2026, 12, 8, 9)


def test_r12_delivering_information_on_the_interview_day_does_not_count() -> None:
    delivered = touch(TouchKind.INFO_DELIVERED, at(2026, 11, 18, 16))
    assert follow_up(touches=(delivered,)).due == at(2026, 12, 8, 9)


def test_r12_a_promised_callback_date_sooner_than_the_gap_is_kept() -> None:
    voicemail = touch(TouchKind.VOICEMAIL, at(2026, 12, 8, 10), callback_on=date(2026, 12, 11))
    action = follow_up(Culture.RESERVED, touches=(voicemail,))
    assert action.due == at(2026, 12, 11, 9)  # reserved gap would be 7 days


def test_r13_close_out_a_week_after_the_last_unanswered_attempt() -> None:
    attempts = tuple(touch(TouchKind.EMAIL, at(2026, 12, d, 10)) for d in (8, 15, 22))
    actions = plan_of(opportunity(touches=DONE + attempts), at(2026, 12, 31))
    assert not of_kind(actions, ActionKind.FOLLOW_UP)
    close = only(actions, ActionKind.CLOSE_OUT)
    assert close.rule == "R13"
    assert close.due == at(2026, 12, 30, 9)  # 5 business days skip Christmas Day
    assert "LinkedIn" in close.why and "closed" in close.why


def test_r13_assertive_close_waits_at_least_seven_days() -> None:
    attempts = tuple(touch(TouchKind.EMAIL, at(2027, 1, d, 10)) for d in (4, 7, 12, 15))
    opp = opportunity(culture=Culture.ASSERTIVE, touches=DONE + attempts)
    close = only(plan_of(opp, at(2027, 1, 30)), ActionKind.CLOSE_OUT)
    assert close.due == at(2027, 1, 22, 9)
