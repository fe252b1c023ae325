"""`check()` and `followup check`: spans, subjects, siblings, kinds and formats (R17)."""

from __future__ import annotations

import json

import pytest

from followup.domain.messages import KINDS, Severity, check
from followup.domain.messages.text import layout, spoken_words
from followup.domain.model import ActionKind
from followup.domain.settings import PlaybookSettings, VoicemailStyle
from followup.services.drafting import run_check

GOOD = """Subject: Thank you, Priya

Hi Priya,

Thank you for today. I'm very interested in the role, and I enjoyed our talk about pipelines.

Best,
Sam
"""


def test_every_action_kind_can_be_checked_and_voicemails_and_call_notes_too() -> None:
    assert set(KINDS) == {kind.value for kind in ActionKind} | {"voicemail", "call_notes"}


def test_an_unknown_kind_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown kind 'memo' \(choose from prepare, thank_you"):
        check("memo", GOOD)
    with pytest.raises(ValueError, match="unknown kind 'memo'"):
        run_check("memo", GOOD, fmt="json")


def test_a_good_note_has_no_findings() -> None:
    assert check("thank_you", GOOD) == []
    assert run_check("thank_you", GOOD, fmt="text") == "No findings: ready to send."
    assert json.loads(run_check("thank_you", GOOD, fmt="json")) == {
        "kind": "thank_you", "findings": []}


def test_spans_point_into_the_whole_file_subject_included() -> None:
    text = GOOD.replace("Thank you, Priya", "Thank you ASAP").replace(
        "Thank you for today.", "Thank you for today, sorry to bother you.")
    found = {f.code: f for f in check("thank_you", text)}
    assert text[found["tone-pressure"].start:found["tone-pressure"].end] == "ASAP"
    assert found["tone-pressure"].field == "subject"
    apology = found["tone-over-apology"]
    assert text[apology.start:apology.end] == "sorry to bother"
    assert apology.field == "body" and apology.severity is Severity.WARNING


def test_the_json_report_has_severity_code_message_and_span() -> None:
    text = GOOD.replace("Thank you for today.", "Thank you for [[add: the day]].")
    report = json.loads(run_check("thank_you", text, fmt="json"))
    (finding,) = report["findings"]
    assert finding["severity"] == "error" and finding["code"] == "unfilled-placeholder"
    assert text[finding["start"]:finding["end"]] == "[[add: the day]]"
    assert set(finding) == {"severity", "code", "message", "start", "end", "field"}


def test_the_text_report_gives_line_and_column() -> None:
    text = GOOD.replace("Thank you for today.", "Thank you for [[add: the day]].")
    report = run_check("thank_you", text, fmt="text")
    assert report.splitlines()[0] == "Checks: 1 error, 0 warnings"
    assert "line 5, col 15: error unfilled-placeholder:" in report


def test_empty_text_is_an_error() -> None:
    assert [f.code for f in check("follow_up", "Subject: Hi\n\n   \n")] == ["empty"]


def test_near_duplicates_among_an_opportunitys_notes_are_errors() -> None:
    sibling = GOOD.replace("Priya", "Raj")
    found = check("thank_you", GOOD, siblings=[sibling.split("\n\n", 1)[1]])
    assert [f.code for f in found] == ["near-duplicate"]
    assert found[0].severity is Severity.ERROR
    assert check("thank_you", GOOD, siblings=["Dear Raj, what a day. Regards, Sam"]) == []


def test_the_linkedin_limit_is_the_setting() -> None:
    note = "Hi Jane, thank you for the Product Manager interview; I'm keen on the role. " * 3
    assert [f.code for f in check("linkedin_invite", note)] == ["too-long-for-linkedin"]
    roomy = PlaybookSettings(linkedin_note_limit=300)
    assert check("linkedin_invite", note, settings=roomy) == []


def test_voicemail_length_is_spoken_time_at_150_words_a_minute() -> None:
    assert spoken_words("Call 555 0100") == 1 + 7
    assert spoken_words("mail sam.lee@example.org") == 1 + 4 + 1 + 2
    script = ("Hi Jane, this is Sam Lee about the Product Manager role; I interviewed on "
              "Friday 20 November. I'm still very interested and would love to hear how "
              "things are going. My number is 555 0100 and my email is sam@example.org. ")
    their = PlaybookSettings(voicemail_style=VoicemailStyle.THEIR_COURT)
    assert check("voicemail", script, settings=their) == []
    long = script + "I also wanted to mention a few more things about my background. " * 5
    assert [f.code for f in check("voicemail", long, settings=their)] == ["too-long-to-speak"]


def test_greeting_and_sign_off_do_not_count_as_paragraphs() -> None:
    shape = layout(GOOD.split("\n\n", 1)[1])
    assert len(shape.paragraphs) == 1
    assert shape.greeting is not None and shape.closing is not None


def test_a_sign_off_inside_the_last_paragraph_is_still_found() -> None:
    text = "Hi Jane,\n\nThanks for today.\nBest regards,\nSam"
    shape = layout(text)
    assert [text[s:e] for s, e in shape.paragraphs] == ["Thanks for today."]


def test_email_kinds_without_a_subject_line_get_a_warning_others_do_not() -> None:
    body = GOOD.split("\n\n", 1)[1]
    assert [f.code for f in check("thank_you", body)] == ["missing-subject"]
    assert check("handwritten_note", body) == []


def test_other_placeholder_styles_are_caught_but_ordinary_brackets_are_not() -> None:
    for leftover in ("(insert date)", "[Your Name]", "<company>", "{{ name }}", "{first name}",
                     "XXX", "TODO"):
        found = check("thank_you", GOOD.replace("Priya,\n\nThank", f"Priya,\n\n{leftover} Thank"))
        assert [f.code for f in found] == ["unfilled-placeholder"], leftover
    for fine in ("(see the attached deck)", "[1]", "(your call)", "<3"):
        assert check("thank_you", GOOD.replace("Thank you for today.",
                                               f"Thank you for today {fine}.")) == [], fine
