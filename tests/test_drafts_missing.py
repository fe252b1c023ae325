"""Missing facts are visible: a marker where the notes fall short, an error until filled."""

from __future__ import annotations

from dataclasses import replace

import pytest

from catalogue.records import LATER, PROFILE, action, interview, opportunity, settings_for
from followup.domain.messages import check, draft, marker
from followup.domain.messages.placeholders import find
from followup.domain.model import ActionKind, Channel, InterviewNotes

EMPTY = opportunity(interviews=(interview(notes=InterviewNotes(), requests=()),), share=())


def make(kind: ActionKind, contact: str | None = "jane", opp=EMPTY, profile=PROFILE, **changes):
    return draft(profile, opp, action(kind, contact, **changes), settings_for(opp))


def markers(text: str) -> list[str]:
    return [found for _, _, found in find(text)]


def test_a_thank_you_without_notes_marks_what_only_the_user_knows() -> None:
    found = make(ActionKind.THANK_YOU, "raj")  # the second of three: the skill is its share
    assert sorted(markers(found.body)) == sorted(marker(what) for what in (
        "a moment you shared with Raj",
        "a skill or achievement you did not get to mention",
    ))
    errors = [f for f in found.findings if f.severity.value == "error"]
    assert [f.code for f in errors] == ["unfilled-placeholder"] * 2
    assert [found.body[f.start:f.end] for f in errors] == markers(found.body)


def test_the_marker_names_the_interviewer() -> None:
    assert marker("a moment you shared with Mei") in make(ActionKind.THANK_YOU, "mei").body


def test_once_filled_in_the_note_passes() -> None:
    found = make(ActionKind.THANK_YOU, "raj")
    filled = found.body
    words = {
        "moment": "sketching the data pipeline together",
        "learned": "the team is moving to a shared planning platform",
        "skill": "I led the rollout of a forecasting tool used by 300 planners",
    }
    for leftover in markers(filled):
        key = "moment" if "moment" in leftover else "learned" if "learned" in leftover else "skill"
        filled = filled.replace(leftover, words[key])
    report = check("thank_you", f"Subject: {found.subject}\n\n{filled}")
    assert [f.code for f in report if f.severity.value == "error"] == []


def test_a_concern_without_an_answer_asks_for_one_in_the_lead_note_only() -> None:
    notes = replace(interview().notes, concerns="my limited experience with SAP")
    opp = opportunity(interviews=(interview(notes=notes),))
    jane = make(ActionKind.THANK_YOU, "jane", opp=opp)
    raj = make(ActionKind.THANK_YOU, "raj", opp=opp)
    assert "As for my limited experience with SAP: [[add: one line on how you " \
           "would answer that concern, or delete this sentence]]." in jane.body
    assert "[[" not in raj.body and "SAP" not in raj.body
    assert [f.code for f in jane.findings] == ["unfilled-placeholder"]


def test_a_thank_you_on_everyones_behalf_without_any_moment_asks_for_one_from_the_day() -> None:
    people = tuple(replace(c, email=None) for c in EMPTY.contacts)
    opp = replace(EMPTY, contacts=people)
    found = draft(PROFILE, opp, action(ActionKind.THANK_YOU, "jane"), settings_for(opp))
    assert found.to_email is None
    assert marker("a moment from the day that went well") in found.body


def test_a_voicemail_without_a_phone_number_or_email_says_so() -> None:
    profile = replace(PROFILE, phone=None, email=None)
    found = make(ActionKind.FOLLOW_UP, profile=profile, opp=opportunity(), attempt=1,
                 channel=Channel.PHONE, due=LATER)
    assert marker("your phone number") in found.body
    assert marker("your email address") in found.body
    codes = {f.code for f in found.findings}
    assert {"unfilled-placeholder", "missing-phone", "missing-email"} <= codes


def test_a_message_with_nobody_to_send_it_to_marks_the_name() -> None:
    found = make(ActionKind.CHECK_IN, None, opp=opportunity())
    assert found.to_name is None and found.to_email is None
    greeting = found.body.split("\n")[0]
    assert greeting.endswith(" [[add: the name of the person you are writing to]],")


def test_an_unknown_request_marks_what_was_asked_for() -> None:
    found = make(ActionKind.SEND_INFO, opp=opportunity(), request="nope")
    assert marker("what they asked for") in found.body


def test_a_follow_up_with_no_interview_on_record_marks_the_date() -> None:
    opp = opportunity(interviews=())
    found = draft(PROFILE, opp, action(ActionKind.FOLLOW_UP, attempt=1, interview=None,
                                       channel=Channel.PHONE, due=LATER), settings_for(opp))
    assert marker("the date of your interview") in found.body


KINDS = [
    (ActionKind.PREPARE, {"channel": None}),
    (ActionKind.THANK_YOU, {}),
    (ActionKind.HANDWRITTEN_NOTE, {"channel": Channel.MAIL}),
    (ActionKind.LINKEDIN_INVITE, {"channel": Channel.LINKEDIN}),
    (ActionKind.SEND_INFO, {"request": "refs"}),
    (ActionKind.INFO_DELAY_NOTICE, {"request": "refs"}),
    (ActionKind.CHECK_IN, {}),
    (ActionKind.FOLLOW_UP, {"attempt": 1, "due": LATER}),
    (ActionKind.FOLLOW_UP, {"attempt": 2, "due": LATER}),
    (ActionKind.FOLLOW_UP, {"attempt": 1, "channel": Channel.PHONE, "due": LATER}),
    (ActionKind.CLOSE_OUT, {"due": LATER}),
    (ActionKind.COURTEOUS_REPLY, {"due": LATER}),
]


@pytest.mark.parametrize(("kind", "changes"), KINDS, ids=lambda v: str(v))
def test_never_a_silently_generic_note(kind: ActionKind, changes: dict) -> None:
    """With no notes at all, every error a draft has is a marker the user must fill."""
    found = make(kind, **changes)
    for finding in found.findings:
        if finding.severity.value == "error":
            assert finding.code == "unfilled-placeholder", finding
            text = found.subject if finding.field == "subject" else found.body
            assert (text or "")[finding.start:finding.end].startswith("[[add: ")
