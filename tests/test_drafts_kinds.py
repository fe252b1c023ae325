"""Every action kind gets a draft written from the user's own notes (R2-R14)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

import pytest

from catalogue.records import (
    CHICAGO,
    END,
    JANE,
    LATER,
    MEI,
    PROFILE,
    RAJ,
    action,
    interview,
    opportunity,
    settings_for,
)
from followup.domain.messages import Draft, draft
from followup.domain.messages.text import layout, spoken_words, words
from followup.domain.model import (
    ActionKind,
    Channel,
    Contact,
    Culture,
    Direction,
    InterviewFormat,
    Org,
    Outcome,
    Role,
    Touch,
    TouchKind,
    Via,
)


def make(kind: ActionKind, contact: str | None = "jane", *, opp=None, overrides=None,
         **changes) -> Draft:
    opp = opp or opportunity()
    return draft(PROFILE, opp, action(kind, contact, **changes),
                 settings_for(opp, **(overrides or {})))


def errors(found: Draft) -> list[str]:
    return [f"{f.code}: {f.message}" for f in found.findings if f.severity.value == "error"]


def message_words(text: str) -> int:
    return sum(words(text, span) for span in layout(text).paragraphs)


def test_r2_thank_you_covers_the_checklist_from_the_notes() -> None:
    found = make(ActionKind.THANK_YOU)
    body = found.body
    assert found.to_name == "Jane Roe" and found.to_email == "jane@acme.example"
    assert (found.subject and "Product Manager" in found.subject) or "Jane" in (found.subject or "")
    assert re.search(r"\b(thank|grateful|appreciat)", body, re.I)
    assert "launching products in regulated markets" in body  # her moment
    assert "shared platform" in body  # what was learned: the first note of the panel
    assert "I grew my last team from three to five" in body  # the answer to a concern
    assert "one-page summary of the forecasting rollout" in body  # a supporting item
    assert re.search(r"interest|excit|keen|love to|want to be part|appealing", body)
    assert found.findings == ()
    raj = make(ActionKind.THANK_YOU, "raj")  # the second note carries the skill
    assert "forecasting tool used by 300 planners" in raj.body
    assert "shared platform" not in raj.body
    assert raj.findings == ()


def test_r2_a_one_on_one_thank_you_carries_what_was_learned_and_the_skill() -> None:
    opp = opportunity(interviews=(interview(interviewers=("jane",)),))
    found = make(ActionKind.THANK_YOU, opp=opp)
    assert "shared platform" in found.body
    assert "forecasting tool used by 300 planners" in found.body
    assert found.findings == ()


def test_r17_thank_you_is_short_two_paragraphs_about_150_words() -> None:
    for contact in ("jane", "raj", "mei"):
        body = make(ActionKind.THANK_YOU, contact).body
        assert len(layout(body).paragraphs) <= 2
        assert message_words(body) <= 150
        assert body.startswith(("Hi ", "Hello ", "Dear "))
        assert body.endswith("sam@example.org")


def test_r2_each_note_carries_that_interviewers_moment_spoken_to_them() -> None:
    raj = make(ActionKind.THANK_YOU, "raj").body
    mei = make(ActionKind.THANK_YOU, "mei").body
    assert "we sketched the data pipeline on the whiteboard together" in raj
    assert "your story about the first warehouse robot pilot" in mei.lower()
    assert "her story" not in mei.lower()
    assert "launching products" not in raj + mei


def test_r2_concern_is_answered_once_to_the_hiring_manager() -> None:
    assert "grew my last team" in make(ActionKind.THANK_YOU, "jane").body
    assert "grew my last team" not in make(ActionKind.THANK_YOU, "raj").body


def test_r6_primary_contact_is_asked_about_next_steps_when_no_date_was_given() -> None:
    opp = opportunity(interviews=(interview(decision_expected=None),))
    jane = make(ActionKind.THANK_YOU, "jane", opp=opp).body
    raj = make(ActionKind.THANK_YOU, "raj", opp=opp).body
    question = [s for s in re.split(r"(?<=[.?])\s+", jane) if s.endswith("?")]
    assert question and re.search(r"next step|decide|decision|timing", question[0])
    assert "?" not in raj


def test_r6_no_timeline_question_when_a_decision_date_was_given() -> None:
    assert "?" not in make(ActionKind.THANK_YOU, "jane").body


def test_r6_the_next_step_they_described_is_used_in_the_question() -> None:
    notes = replace(interview().notes, next_steps="a panel with the VP")
    opp = opportunity(interviews=(interview(decision_expected=None, notes=notes),))
    body = make(ActionKind.THANK_YOU, "jane", opp=opp).body
    assert "You mentioned the next step would be a panel with the VP; do you have a sense " \
           "of the timing?" in body


def test_r2_key_contact_is_asked_to_pass_thanks_on_when_no_interviewer_email_is_known() -> None:
    people = tuple(replace(c, email=None, roles=(Role.INTERVIEWER,))
                   for c in opportunity().contacts)
    ana = Contact("ana", "Ana Ruiz", email="ana@acme.example", roles=(Role.COORDINATOR,))
    opp = opportunity(contacts=(*people, ana))
    found = make(ActionKind.THANK_YOU, "ana", opp=opp)
    assert found.to_email == "ana@acme.example"
    assert "pass my thanks on to Jane Roe, Raj Patel and Mei Chen" in found.body
    assert "[[" not in found.body  # a moment from the day stands in for Ana's own
    assert errors(found) == []


def test_r3_handwritten_note_is_a_card_signed_by_name() -> None:
    opp = opportunity(culture=Culture.TRADITIONAL)
    card = make(ActionKind.HANDWRITTEN_NOTE, "jane", opp=opp, channel=Channel.MAIL)
    email = make(ActionKind.THANK_YOU, "jane", opp=opp)
    assert card.subject is None
    assert card.body.startswith("Dear Jane,")
    assert card.body.endswith("Sam Lee") and "sam@example.org" not in card.body
    assert card.body.split("\n")[2] != email.body.split("\n")[2]  # not the email again
    assert message_words(card.body) <= 120
    assert errors(card) == []


@pytest.mark.parametrize("contact", ["jane", "raj", "mei"])
def test_r4_linkedin_invitation_fits_the_limit_and_is_never_blank(contact: str) -> None:
    found = make(ActionKind.LINKEDIN_INVITE, contact, channel=Channel.LINKEDIN)
    assert len(found.body) <= 200
    assert found.body.startswith(("Hi", "Hello", f"{found.to_name.split()[0]},"))
    assert "Product Manager" in found.body and found.body.endswith("Sam")
    assert found.subject is None and errors(found) == []


def test_r4_a_larger_limit_leaves_room_for_the_moment() -> None:
    short = make(ActionKind.LINKEDIN_INVITE, "jane", channel=Channel.LINKEDIN)
    roomy = make(ActionKind.LINKEDIN_INVITE, "jane", channel=Channel.LINKEDIN,
                 overrides={"linkedin_note_limit": 300})
    assert "regulated markets" in roomy.body and len(roomy.body) <= 300
    assert len(short.body) <= 200


def test_r4_an_invitation_that_cannot_fit_is_reported() -> None:
    opp = opportunity(role="Senior Principal Director of Global Supply Chain Planning, "
                           "Forecasting and Inventory Optimisation for the Americas Region")
    found = make(ActionKind.LINKEDIN_INVITE, "jane", opp=opp, channel=Channel.LINKEDIN,
                 overrides={"linkedin_note_limit": 120})
    assert "too-long-for-linkedin" in [f.code for f in found.findings]


@pytest.mark.parametrize(
    ("channel", "phrase", "advice"),
    [
        (Channel.EMAIL, "I've attached three references", "Attach three references"),
        (Channel.UPLOAD, "I've uploaded three references", "Upload three references"),
        (Channel.FAX, "Re: three references for the Product Manager role", "Fax this cover"),
        (Channel.IN_PERSON, "here are three references", "in person"),
    ],
)
def test_r5_requested_information_goes_the_way_it_was_asked_for(
    channel: Channel, phrase: str, advice: str
) -> None:
    request = replace(interview().requests[0], channel=channel)
    opp = opportunity(interviews=(interview(requests=(request,)),))
    found = make(ActionKind.SEND_INFO, opp=opp, channel=channel, request="refs")
    assert phrase in found.body
    assert advice in " ".join(found.advice)
    assert errors(found) == []


def test_r5_delay_notice_says_when_it_will_arrive() -> None:
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=CHICAGO)
    found = make(ActionKind.INFO_DELAY_NOTICE, request="refs", due=monday)
    assert "three references you asked for on Friday 20 November" in found.body
    assert "by Wednesday 25 November" in found.body
    assert found.subject == "Three references: with you by Wednesday 25 November"
    assert "suggestion" in found.advice[0]
    assert errors(found) == []


def test_r5_delay_notice_by_phone_is_what_to_say() -> None:
    monday = datetime(2026, 11, 23, 9, 0, tzinfo=CHICAGO)
    found = make(ActionKind.INFO_DELAY_NOTICE, request="refs", due=monday,
                 channel=Channel.PHONE)
    assert found.subject is None
    assert found.body.startswith("Hi Jane, it's Sam Lee.")


def test_r7_check_in_is_patient_interested_and_helpful() -> None:
    found = make(ActionKind.CHECK_IN, due=datetime(2026, 11, 27, 9, 0, tzinfo=CHICAGO))
    assert "takes time" in found.body
    assert "still very interested in the Product Manager role" in found.body
    assert "answer any questions or to meet again before Friday 4 December" in found.body
    assert found.findings == ()


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_r9_every_email_attempt_restates_interest_asks_and_offers(attempt: int) -> None:
    found = make(ActionKind.FOLLOW_UP, attempt=attempt, due=LATER)
    assert found.subject and found.parts == ()
    assert re.search(r"interested|keen", found.body)
    assert re.search(r"[^.]*(stand|timing|decide)[^.]*[?]|where things stand", found.body)
    assert found.findings == ()
    assert message_words(found.body) <= 90


def test_r8_first_attempt_recalls_the_promised_date_without_reproach() -> None:
    body = make(ActionKind.FOLLOW_UP, attempt=1, due=LATER).body
    assert "you expected to decide around Friday 4 December" in body
    assert not re.search(r"haven't heard|still waiting|no reply", body)


def test_r9_attempt_2_shares_the_saved_item() -> None:
    body = make(ActionKind.FOLLOW_UP, attempt=2, share=0, due=LATER).body
    assert "“How planners share one source of truth” (https://example.org/article)" in body
    assert "shared-platform move you described" in body


def test_r9_attempt_2_without_a_saved_item_asks_for_one() -> None:
    found = make(ActionKind.FOLLOW_UP, opp=opportunity(share=()), attempt=2, due=LATER)
    assert "[[add: an article or piece of news worth sharing" in found.body
    assert [f.code for f in found.findings] == ["unfilled-placeholder"]


def test_r9_phone_attempt_1_is_a_voicemail_with_call_notes() -> None:
    found = make(ActionKind.FOLLOW_UP, attempt=1, channel=Channel.PHONE, due=LATER)
    assert found.subject is None
    assert found.body.startswith("Hi Jane, this is Sam Lee.")
    assert [p.name for p in found.parts] == ["call_notes"]
    notes = found.part("call_notes") or ""
    assert "+1 312 555 0142" in notes and "America/Chicago" in notes


def test_r9_phone_attempt_2_is_a_call_a_voicemail_and_an_email() -> None:
    found = make(ActionKind.FOLLOW_UP, attempt=2, share=0, channel=Channel.PHONE, due=LATER)
    assert found.subject and "tried you by phone today" in found.body
    assert [p.name for p in found.parts] == ["voicemail", "call_notes"]
    assert "I'm also sending you a short email." in (found.part("voicemail") or "")
    assert errors(found) == []


def voicemail(**changes) -> str:
    overrides = changes.pop("overrides", None)
    opp = changes.pop("opp", None)
    found = make(ActionKind.FOLLOW_UP, attempt=changes.pop("attempt", 1),
                 channel=Channel.PHONE, due=LATER, opp=opp, overrides=overrides, **changes)
    return found.body


def test_r10_voicemail_has_name_role_date_number_and_email_in_about_30_seconds() -> None:
    script = voicemail()
    for needed in ("Sam Lee", "Product Manager", "Friday 20 November", "plus 1, 555, 0100",
                   "sam at example dot org", "Jane"):
        assert needed in script
    assert 20 <= spoken_words(script) * 60 / 150 <= 36


def test_r10_keep_control_names_the_promised_call_back_day() -> None:
    script = voicemail(callback_on=date(2026, 12, 10))
    assert "I'll try you again on Thursday 10 December" in script


def test_r10_keep_control_works_out_the_day_from_the_gap_when_none_is_given() -> None:
    assert "again on Tuesday 15 December" in voicemail()  # standard: 5 business days


@pytest.mark.parametrize(("gap", "day"), [(1, "Friday 11 December"), (9, "Tuesday 15 December")])
def test_r10_the_call_back_gap_is_clamped_to_3_to_5_business_days(gap: int, day: str) -> None:
    assert f"again on {day}" in voicemail(overrides={"gap_min": gap, "gap_max": gap})


def test_r10_their_court_names_no_call_back() -> None:
    script = voicemail(overrides={"voicemail_style": "their_court"})
    assert "try you again" not in script
    assert not re.search(r"call (you )?back|again on", script)
    assert "plus 1, 555, 0100" in script


def test_r10_the_last_attempt_names_no_call_back() -> None:
    script = voicemail(attempt=3)
    assert "try you again" not in script


def test_r10_a_second_voicemail_refers_to_the_first() -> None:
    left = Touch(datetime(2026, 12, 8, 10, 0, tzinfo=CHICAGO), TouchKind.VOICEMAIL,
                 Direction.OUT, "jane", Channel.PHONE, callback_on=date(2026, 12, 15))
    opp = opportunity(touches=(left,))
    found = make(ActionKind.FOLLOW_UP, opp=opp, attempt=2, share=0, channel=Channel.PHONE,
                 due=datetime(2026, 12, 15, 9, 0, tzinfo=CHICAGO))
    assert "following up on my message from Tuesday" in (found.part("voicemail") or "")
    assert "call back on Tuesday 15 December" in (found.part("call_notes") or "")


def test_r14_a_new_date_in_their_reply_is_the_one_recalled() -> None:
    reply = Touch(datetime(2026, 12, 3, 11, 0, tzinfo=CHICAGO), TouchKind.RESPONSE,
                  Direction.IN, "jane", Channel.EMAIL, summary="Still interviewing",
                  decision_expected=date(2026, 12, 11), outcome=Outcome.DELAYED)
    found = make(ActionKind.FOLLOW_UP, opp=opportunity(touches=(reply,)), attempt=1,
                 due=datetime(2026, 12, 15, 9, 0, tzinfo=CHICAGO))
    assert "your update on Thursday 3 December" in found.body
    assert "Friday 11 December" in found.body
    assert found.findings == ()


def test_r13_close_out_is_gracious_and_suggests_keeping_the_connection_warm() -> None:
    found = make(ActionKind.CLOSE_OUT, due=LATER)
    assert "Thank you again for considering me" in found.body
    assert not any("LinkedIn" in line for line in found.advice)  # never invited
    assert any("closed" in line for line in found.advice)
    assert found.findings == ()
    invited = Touch(END, TouchKind.LINKEDIN_INVITE, Direction.OUT, "jane", Channel.LINKEDIN)
    found = make(ActionKind.CLOSE_OUT, due=LATER, opp=opportunity(touches=(invited,)))
    assert any("LinkedIn" in line for line in found.advice)


def test_r14_a_rejection_gets_a_courteous_reply_that_asks_to_be_kept_in_mind() -> None:
    no = Touch(datetime(2026, 12, 3, 11, 0, tzinfo=CHICAGO), TouchKind.RESPONSE, Direction.IN,
               "jane", Channel.EMAIL, summary="Went with another candidate; shared feedback",
               outcome=Outcome.REJECTED)
    found = make(ActionKind.COURTEOUS_REPLY, opp=opportunity(touches=(no,)), due=LATER)
    assert found.body.count("Thank you") >= 1
    assert "future roles" in found.body and "stay in touch" in found.body
    assert "Thank you too for the feedback" in found.body
    assert found.findings == ()


def test_r1_prepare_is_a_checklist_that_names_missing_emails() -> None:
    opp = opportunity(contacts=(opportunity().contacts[0],
                                replace(opportunity().contacts[1], email=None)),
                      interviews=(interview(interviewers=("jane", "raj"),
                                            format=InterviewFormat.VIDEO),))
    found = make(ActionKind.PREPARE, None, opp=opp, channel=None,
                 due=datetime(2026, 11, 19, 9, 0, tzinfo=CHICAGO))
    assert found.subject is None and found.to_name is None
    assert "video interview with Acme (Friday 20 November at 11:00)" in found.body
    assert "you have no email yet for Raj Patel" in found.body
    assert found.body.count("\n- ") == 4


def test_relative_days_count_from_when_the_note_is_sent() -> None:
    opp = opportunity()
    late = draft(PROFILE, opp, action(ActionKind.THANK_YOU, "raj"), settings_for(opp),
                 now=datetime(2026, 11, 21, 9, 0, tzinfo=CHICAGO))
    assert "yesterday" in late.body and "today" not in late.body
    assert END.date() == date(2026, 11, 20)


ALL_KINDS = [
    (ActionKind.PREPARE, {"channel": None, "due": datetime(2026, 11, 19, 9, tzinfo=CHICAGO)}),
    (ActionKind.THANK_YOU, {}),
    (ActionKind.HANDWRITTEN_NOTE, {"channel": Channel.MAIL}),
    (ActionKind.LINKEDIN_INVITE, {"channel": Channel.LINKEDIN}),
    (ActionKind.SEND_INFO, {"request": "refs"}),
    (ActionKind.INFO_DELAY_NOTICE, {"request": "refs"}),
    (ActionKind.CHECK_IN, {}),
    (ActionKind.FOLLOW_UP, {"attempt": 1, "due": LATER}),
    (ActionKind.FOLLOW_UP, {"attempt": 2, "share": 0, "channel": Channel.PHONE, "due": LATER}),
    (ActionKind.CLOSE_OUT, {"due": LATER}),
    (ActionKind.COURTEOUS_REPLY, {"due": LATER}),
]


@pytest.mark.parametrize(("kind", "changes"), ALL_KINDS, ids=lambda v: str(v))
def test_complete_notes_give_drafts_the_checks_pass(kind: ActionKind, changes: dict) -> None:
    found = make(kind, **changes)
    assert found.body.strip()
    assert errors(found) == []
    assert "[[" not in found.body + (found.subject or "")


def test_r14_an_answer_is_credited_to_the_interviewer_who_sent_it() -> None:
    reply = Touch(datetime(2026, 12, 4, 11, tzinfo=CHICAGO), TouchKind.RESPONSE, Direction.IN,
                  "raj", Channel.EMAIL, outcome=Outcome.DELAYED,
                  decision_expected=date(2026, 12, 11))
    opp = opportunity(touches=(reply,))
    found = make(ActionKind.FOLLOW_UP, "jane", opp=opp, attempt=1,
                 due=datetime(2026, 12, 15, 9, tzinfo=CHICAGO))
    assert found.to_name == "Jane Roe"
    assert "Raj mentioned on Friday 4 December that Acme now hoped to decide around " \
           "Friday 11 December" in found.body
    assert "your update" not in found.body
    assert found.findings == ()


def test_r15_an_agency_recruiter_is_asked_what_the_client_said() -> None:
    tom = Contact("tom", "Tom Hughes", email="tom@agency.example", org=Org.AGENCY,
                  roles=(Role.RECRUITER,))
    opp = opportunity(via=Via.RECRUITER, contacts=(JANE, RAJ, MEI, tom))
    found = make(ActionKind.FOLLOW_UP, "tom", opp=opp, attempt=1, due=LATER)
    assert "Have you heard anything from them" in found.body
    assert "you expect to decide" not in found.body
    assert found.findings == ()
