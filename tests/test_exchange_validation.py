"""Every check of the exchange document, with the exact one-line message."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from followup.transports.exchange import ExchangeError, load_document, parse_document

Doc = dict[str, Any]

CONTRACT_EXAMPLE: Doc = {
    "format": "followup/1",
    "profile": {
        "name": "Sam Lee",
        "email": "sam@example.org",
        "phone": "+1 555 0100",
        "time_zone": "America/New_York",
        "playbook": "standard",
    },
    "opportunities": [
        {
            "ref": "acme-pm",
            "company": "Acme",
            "role": "Product Manager",
            "via": "direct",
            "culture": "standard",
            "channel": "email",
            "time_zone": "America/Chicago",
            "country": "US",
            "subdivision": "IL",
            "stage": "interviewing",
            "contacts": [
                {
                    "ref": "jane",
                    "name": "Jane Roe",
                    "title": "Director",
                    "email": "jane@acme.example",
                    "phone": None,
                    "linkedin": None,
                    "org": "employer",
                    "roles": ["hiring_manager", "interviewer"],
                }
            ],
            "interviews": [
                {
                    "ref": "r1",
                    "round": 1,
                    "format": "onsite",
                    "start": "2026-11-20T10:00:00-06:00",
                    "end": "2026-11-20T13:00:00-06:00",
                    "interviewers": ["jane"],
                    "decision_expected": "2026-12-04",
                    "requests": [
                        {
                            "ref": "refs",
                            "what": "three references",
                            "from": "jane",
                            "channel": "email",
                            "asked_at": "2026-11-20T13:00:00-06:00",
                            "delivered_at": None,
                        }
                    ],
                    "notes": {"learned": "...", "moments": {"jane": "..."}, "concerns": "..."},
                }
            ],
            "touches": [
                {
                    "at": "2026-11-20T18:00:00-06:00",
                    "kind": "thank_you",
                    "direction": "out",
                    "contact": "jane",
                    "channel": "email",
                    "summary": "...",
                    "callback_on": None,
                    "decision_expected": None,
                    "outcome": None,
                }
            ],
        }
    ],
}


def example() -> Doc:
    return copy.deepcopy(CONTRACT_EXAMPLE)


def opportunity(doc: Doc, index: int = 0) -> Doc:
    found: Doc = doc["opportunities"][index]
    return found


def interview(doc: Doc) -> Doc:
    found: Doc = opportunity(doc)["interviews"][0]
    return found


def touch(doc: Doc) -> Doc:
    found: Doc = opportunity(doc)["touches"][0]
    return found


def second_opportunity(doc: Doc) -> Doc:
    other = copy.deepcopy(opportunity(doc))
    other["ref"] = "globex-pm"
    other["contacts"][0]["ref"] = "john"
    other["interviews"][0]["interviewers"] = ["john"]
    other["interviews"][0]["requests"][0]["from"] = "john"
    other["interviews"][0]["notes"]["moments"] = {"john": "..."}
    other["touches"][0]["contact"] = "john"
    doc["opportunities"].append(other)
    return other


def problem(doc: object) -> str:
    with pytest.raises(ExchangeError) as caught:
        load_document(doc)
    return str(caught.value)


def problem_with(change: Callable[[Doc], object]) -> str:
    doc = example()
    change(doc)
    return problem(doc)


def test_the_contract_example_is_a_valid_document() -> None:
    record = load_document(example())
    assert record.opportunities[0].interviews[0].requests[0].requester == "jane"


# --- the error itself -------------------------------------------------------------


def test_an_exchange_error_is_a_value_error_with_path_and_message() -> None:
    error = ExchangeError("opportunities[0].interviews[1].end", "before start")
    assert isinstance(error, ValueError)
    assert error.path == "opportunities[0].interviews[1].end"
    assert error.message == "before start"
    assert str(error) == "opportunities[0].interviews[1].end: before start"


def test_an_exchange_error_survives_pickling_for_worker_processes() -> None:
    error = pickle.loads(pickle.dumps(ExchangeError("format", "wrong")))
    assert (error.path, error.message) == ("format", "wrong")


# --- JSON text --------------------------------------------------------------------


def test_malformed_json_names_the_line_and_column() -> None:
    with pytest.raises(ExchangeError) as caught:
        parse_document('{\n  "format": "followup/1",\n  "profile": }')
    assert str(caught.value) == "$: malformed JSON at line 3, column 14: Expecting value"
    assert caught.value.path == "$"


def test_nan_is_not_json() -> None:
    with pytest.raises(ExchangeError, match=r"^\$: malformed JSON: NaN is not a JSON number$"):
        parse_document('{"format": "followup/1", "profile": NaN}')


def test_bytes_that_are_not_utf8_are_refused() -> None:
    with pytest.raises(ExchangeError) as caught:
        parse_document(b'{"format": "\xff"}')
    assert str(caught.value) == "$: not UTF-8 text (bad byte at offset 12)"


def test_a_byte_order_mark_is_accepted_in_bytes_and_in_text() -> None:
    text = json.dumps(example())
    assert parse_document(("\ufeff" + text).encode()) == parse_document(text)
    assert parse_document("\ufeff" + text) == parse_document(text)


def test_a_key_given_twice_is_an_error_not_a_silent_overwrite() -> None:
    text = json.dumps(example()).replace('"company": "Acme"', '"company": "Acme", "company": "Ac"')
    with pytest.raises(ExchangeError) as caught:
        parse_document(text)
    assert str(caught.value) == "opportunities[0].company: field given twice"


def test_a_document_that_is_not_an_object_is_refused() -> None:
    assert problem([]) == "$: expected an object, got array"


# --- format -------------------------------------------------------------------------


def test_a_missing_format_says_this_is_not_our_document() -> None:
    assert problem_with(lambda d: d.pop("format")) == (
        "$: missing field 'format': not a followup/1 document"
    )


def test_a_wrong_format_names_the_one_expected() -> None:
    assert problem_with(lambda d: d.update(format="followup/2")) == (
        "format: expected 'followup/1', got 'followup/2'"
    )


def test_a_format_of_the_wrong_type_names_the_type() -> None:
    assert problem_with(lambda d: d.update(format=1)) == "format: expected 'followup/1', got number"


# --- outline: unknown, missing, types ---------------------------------------------------


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (lambda d: d, "$: unknown field 'foo'"),
        (lambda d: d["profile"], "profile: unknown field 'foo'"),
        (opportunity, "opportunities[0]: unknown field 'foo'"),
        (
            lambda d: opportunity(d)["contacts"][0],
            "opportunities[0].contacts[0]: unknown field 'foo'",
        ),
        (interview, "opportunities[0].interviews[0]: unknown field 'foo'"),
        (
            lambda d: interview(d)["requests"][0],
            "opportunities[0].interviews[0].requests[0]: unknown field 'foo'",
        ),
        (
            lambda d: interview(d)["notes"],
            "opportunities[0].interviews[0].notes: unknown field 'foo'",
        ),
        (touch, "opportunities[0].touches[0]: unknown field 'foo'"),
    ],
    ids=["root", "profile", "opportunity", "contact", "interview", "request", "notes", "touch"],
)
def test_an_unknown_field_is_an_error_so_typos_are_caught(
    where: Callable[[Doc], Doc], expected: str
) -> None:
    assert problem_with(lambda d: where(d).update(foo=1)) == expected


def test_an_unknown_field_close_to_a_known_one_suggests_it() -> None:
    def typo(doc: Doc) -> None:
        opportunity(doc)["compnay"] = opportunity(doc).pop("company")

    assert (
        problem_with(typo) == "opportunities[0]: unknown field 'compnay' (did you mean 'company'?)"
    )


@pytest.mark.parametrize(
    ("where", "field", "expected"),
    [
        (lambda d: d, "profile", "$: missing field 'profile'"),
        (lambda d: d["profile"], "time_zone", "profile: missing field 'time_zone'"),
        (opportunity, "company", "opportunities[0]: missing field 'company'"),
        (opportunity, "country", "opportunities[0]: missing field 'country'"),
        (
            lambda d: opportunity(d)["contacts"][0],
            "name",
            "opportunities[0].contacts[0]: missing field 'name'",
        ),
        (interview, "end", "opportunities[0].interviews[0]: missing field 'end'"),
        (
            lambda d: interview(d)["requests"][0],
            "asked_at",
            "opportunities[0].interviews[0].requests[0]: missing field 'asked_at'",
        ),
        (touch, "direction", "opportunities[0].touches[0]: missing field 'direction'"),
    ],
)
def test_a_missing_required_field_is_named(
    where: Callable[[Doc], Doc], field: str, expected: str
) -> None:
    assert problem_with(lambda d: where(d).pop(field)) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(profile=[]), "profile: expected an object, got array"),
        (lambda d: d.update(opportunities={}), "opportunities: expected an array, got object"),
        (
            lambda d: opportunity(d).update(company=7),
            "opportunities[0].company: expected a string, got number",
        ),
        (
            lambda d: opportunity(d).update(via=None),
            "opportunities[0].via: expected a string, got null",
        ),
        (
            lambda d: opportunity(d)["contacts"][0].update(roles="interviewer"),
            "opportunities[0].contacts[0].roles: expected an array, got string",
        ),
        (
            lambda d: interview(d).update(round="1"),
            "opportunities[0].interviews[0].round: expected an integer, got string",
        ),
        (
            lambda d: interview(d).update(round=1.5),
            "opportunities[0].interviews[0].round: expected an integer, got number",
        ),
        (
            lambda d: interview(d).update(round=True),
            "opportunities[0].interviews[0].round: expected an integer, got boolean",
        ),
        (
            lambda d: interview(d).update(notes=None),
            "opportunities[0].interviews[0].notes: expected an object, got null",
        ),
        (
            lambda d: interview(d)["notes"].update(moments={"jane": None}),
            "opportunities[0].interviews[0].notes.moments.jane: expected a string, got null",
        ),
        (
            lambda d: touch(d).update(at=20261120),
            "opportunities[0].touches[0].at: expected a string, got number",
        ),
    ],
    ids=[
        "profile-array",
        "opportunities-object",
        "company-number",
        "via-null",
        "roles-string",
        "round-string",
        "round-float",
        "round-bool",
        "notes-null",
        "moment-null",
        "at-number",
    ],
)
def test_a_value_of_the_wrong_json_type_is_named_with_both_types(
    change: Callable[[Doc], None], expected: str
) -> None:
    assert problem_with(change) == expected


@pytest.mark.parametrize("value", [0, -1])
def test_round_is_an_integer_of_at_least_one(value: int) -> None:
    assert problem_with(lambda d: interview(d).update(round=value)) == (
        f"opportunities[0].interviews[0].round: expected an integer of at least 1, got {value}"
    )


# --- enumerations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "field", "path", "allowed"),
    [
        (lambda d: d["profile"], "playbook", "profile.playbook", "reserved, standard, assertive"),
        (opportunity, "via", "opportunities[0].via", "direct, recruiter"),
        (
            opportunity,
            "culture",
            "opportunities[0].culture",
            "reserved, standard, assertive, traditional",
        ),
        (opportunity, "channel", "opportunities[0].channel", "email, phone"),
        (
            opportunity,
            "stage",
            "opportunities[0].stage",
            "interested, applied, interviewing, offer, hired, rejected, withdrawn, "
            "closed_no_response",
        ),
        (
            lambda d: opportunity(d)["contacts"][0],
            "org",
            "opportunities[0].contacts[0].org",
            "employer, agency",
        ),
        (interview, "format", "opportunities[0].interviews[0].format", "phone, video, onsite"),
        (
            lambda d: interview(d)["requests"][0],
            "channel",
            "opportunities[0].interviews[0].requests[0].channel",
            "email, phone, linkedin, mail, in_person, fax, upload",
        ),
        (
            touch,
            "kind",
            "opportunities[0].touches[0].kind",
            "thank_you, handwritten_note, linkedin_invite, voicemail, call, email, "
            "info_delivered, info_delay_notice, response, acknowledgement, auto_reply",
        ),
        (touch, "direction", "opportunities[0].touches[0].direction", "out, in"),
        (
            touch,
            "channel",
            "opportunities[0].touches[0].channel",
            "email, phone, linkedin, mail, in_person, fax, upload",
        ),
    ],
)
def test_an_unknown_enumeration_value_lists_the_allowed_ones(
    where: Callable[[Doc], Doc], field: str, path: str, allowed: str
) -> None:
    assert problem_with(lambda d: where(d).update({field: "Standard!"})) == (
        f"{path}: unknown value 'Standard!', allowed: {allowed}"
    )


def test_an_unknown_role_lists_the_roles() -> None:
    def change(doc: Doc) -> None:
        opportunity(doc)["contacts"][0]["roles"] = ["interviewer", "boss"]

    assert problem_with(change) == (
        "opportunities[0].contacts[0].roles[1]: unknown value 'boss', "
        "allowed: recruiter, hiring_manager, interviewer, coordinator"
    )


def test_a_role_given_twice_is_an_error() -> None:
    def change(doc: Doc) -> None:
        opportunity(doc)["contacts"][0]["roles"] = ["interviewer", "recruiter", "interviewer"]

    assert problem_with(change) == (
        "opportunities[0].contacts[0].roles[2]: duplicate role 'interviewer'"
    )


def test_an_unknown_outcome_lists_the_outcomes() -> None:
    def change(doc: Doc) -> None:
        touch(doc).update(direction="in", kind="response", outcome="ghosted")

    assert problem_with(change) == (
        "opportunities[0].touches[0].outcome: unknown value 'ghosted', "
        "allowed: rejected, next_round, offer, delayed"
    )


# --- time zones and places ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["America/Chicgo", "CST", "localtime", "../etc/passwd", ""])
def test_an_unknown_time_zone_is_refused(name: str) -> None:
    assert problem_with(lambda d: opportunity(d).update(time_zone=name)) == (
        f"opportunities[0].time_zone: unknown time zone {name!r} "
        "(use an IANA name such as Europe/Paris)"
    )


def test_the_profile_time_zone_is_checked_too() -> None:
    assert problem_with(lambda d: d["profile"].update(time_zone="Mars/Olympus")) == (
        "profile.time_zone: unknown time zone 'Mars/Olympus' "
        "(use an IANA name such as Europe/Paris)"
    )


@pytest.mark.parametrize("code", ["XX", "us", "USA", "United States"])
def test_an_unknown_country_asks_for_a_two_letter_code(code: str) -> None:
    assert problem_with(lambda d: opportunity(d).update(country=code)) == (
        f"opportunities[0].country: unknown country {code!r} "
        "(use a two-letter ISO 3166 code such as US, GB, DE)"
    )


def test_an_unknown_subdivision_lists_the_country_s_subdivisions() -> None:
    message = problem_with(lambda d: opportunity(d).update(subdivision="Illinois"))
    assert message.startswith(
        "opportunities[0].subdivision: unknown subdivision 'Illinois' of US, allowed: AK, AL, "
    )
    assert ", IL, " in message


def test_a_subdivision_of_a_country_without_any_is_refused() -> None:
    assert problem_with(lambda d: opportunity(d).update(country="IS", subdivision="1")) == (
        "opportunities[0].subdivision: unknown subdivision '1': IS has no subdivisions"
    )


def test_a_subdivision_is_checked_against_a_country_given_after_it() -> None:
    def change(doc: Doc) -> None:
        opportunity(doc).pop("country")
        opportunity(doc)["country"] = "GB"  # now after subdivision "IL"

    assert problem_with(change).startswith(
        "opportunities[0].subdivision: unknown subdivision 'IL' of GB, allowed: "
    )


# --- times and dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: interview(d).update(start="2026-11-20T10:00:00"), "interviews[0].start"),
        (lambda d: interview(d).update(end="2026-11-20T13:00"), "interviews[0].end"),
        (
            lambda d: interview(d)["requests"][0].update(asked_at="2026-11-20T13:00:00"),
            "interviews[0].requests[0].asked_at",
        ),
        (lambda d: touch(d).update(at="2026-11-20 18:00:00"), "touches[0].at"),
    ],
    ids=["start", "end", "asked_at", "touch-at"],
)
def test_a_naive_datetime_asks_for_an_offset(change: Callable[[Doc], None], path: str) -> None:
    assert problem_with(change) == (
        f"opportunities[0].{path}: naive datetime, add an offset such as +00:00"
    )


def test_a_date_where_a_datetime_belongs_asks_for_time_and_offset() -> None:
    assert problem_with(lambda d: interview(d).update(start="2026-11-20")) == (
        "opportunities[0].interviews[0].start: a date alone is not enough: '2026-11-20', "
        "give a time and an offset too (such as 2026-11-20T10:00:00+00:00)"
    )


def test_a_datetime_that_is_not_iso_8601_is_refused() -> None:
    assert problem_with(lambda d: touch(d).update(at="20 Nov 2026, 6pm")) == (
        "opportunities[0].touches[0].at: not an ISO 8601 date and time: '20 Nov 2026, 6pm'"
    )


@pytest.mark.parametrize(
    "value", ["2026-12-4", "2026-02-30", "04/12/2026", "2026-12-04T00:00:00+00:00"]
)
def test_a_badly_formed_date_is_refused(value: str) -> None:
    assert problem_with(lambda d: interview(d).update(decision_expected=value)) == (
        f"opportunities[0].interviews[0].decision_expected: not a date (YYYY-MM-DD): {value!r}"
    )


def test_an_interview_ending_before_it_starts_is_refused() -> None:
    assert problem_with(lambda d: interview(d).update(end="2026-11-20T09:59:59-06:00")) == (
        "opportunities[0].interviews[0].end: before start"
    )


def test_before_start_compares_instants_not_wall_clocks() -> None:
    # 10:30 in New York is 09:30 in Chicago: before the 10:00 Chicago start.
    assert problem_with(lambda d: interview(d).update(end="2026-11-20T10:30:00-05:00")) == (
        "opportunities[0].interviews[0].end: before start"
    )
    doc = example()
    interview(doc).update(end=interview(doc)["start"])
    load_document(doc)  # zero length is allowed


# --- references ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda d: interview(d).update(interviewers=["jane", "joe"]),
            "interviews[0].interviewers[1]",
        ),
        (
            lambda d: interview(d)["notes"].update(moments={"joe": "..."}),
            "interviews[0].notes.moments.joe",
        ),
        (
            lambda d: interview(d)["requests"][0].update({"from": "joe"}),
            "interviews[0].requests[0].from",
        ),
        (lambda d: touch(d).update(contact="joe"), "touches[0].contact"),
    ],
    ids=["interviewer", "moment", "request-from", "touch-contact"],
)
def test_a_dangling_contact_ref_is_refused(change: Callable[[Doc], None], path: str) -> None:
    assert problem_with(change) == (
        f"opportunities[0].{path}: unknown contact 'joe': not a contact of this opportunity"
    )


def test_a_touch_naming_another_opportunity_s_contact_is_refused() -> None:
    def change(doc: Doc) -> None:
        second_opportunity(doc)["touches"][0]["contact"] = "jane"

    assert problem_with(change) == (
        "opportunities[1].touches[0].contact: unknown contact 'jane': "
        "not a contact of this opportunity"
    )


def test_contacts_may_come_after_the_interviews_that_name_them() -> None:
    doc = example()
    contacts = opportunity(doc).pop("contacts")
    opportunity(doc)["contacts"] = contacts
    assert list(opportunity(doc))[-1] == "contacts"
    assert load_document(doc) == load_document(example())


def test_an_interviewer_named_twice_is_refused() -> None:
    assert problem_with(lambda d: interview(d).update(interviewers=["jane", "jane"])) == (
        "opportunities[0].interviews[0].interviewers[1]: duplicate interviewer 'jane'"
    )


def test_duplicate_opportunity_refs_are_refused() -> None:
    def change(doc: Doc) -> None:
        second_opportunity(doc)["ref"] = "acme-pm"

    assert problem_with(change) == "opportunities[1].ref: duplicate ref 'acme-pm'"


def test_duplicate_contact_refs_within_an_opportunity_are_refused() -> None:
    def change(doc: Doc) -> None:
        contacts = opportunity(doc)["contacts"]
        contacts.append({"ref": "jane", "name": "Jane Doe"})

    assert problem_with(change) == "opportunities[0].contacts[1].ref: duplicate ref 'jane'"


def test_duplicate_interview_refs_within_an_opportunity_are_refused() -> None:
    def change(doc: Doc) -> None:
        again = copy.deepcopy(interview(doc))
        again["requests"] = []
        opportunity(doc)["interviews"].append(again)

    assert problem_with(change) == "opportunities[0].interviews[1].ref: duplicate ref 'r1'"


def test_request_refs_are_unique_across_the_interviews_of_an_opportunity() -> None:
    def change(doc: Doc) -> None:
        again = copy.deepcopy(interview(doc))
        again["ref"] = "r2"
        opportunity(doc)["interviews"].append(again)

    assert problem_with(change) == (
        "opportunities[0].interviews[1].requests[0].ref: duplicate ref 'refs'"
    )


def test_the_same_refs_in_two_opportunities_are_fine() -> None:
    doc = example()
    other = second_opportunity(doc)
    other["contacts"][0]["ref"] = "jane"
    other["interviews"][0]["interviewers"] = ["jane"]
    other["interviews"][0]["requests"][0]["from"] = "jane"
    other["interviews"][0]["notes"]["moments"] = {"jane": "..."}
    other["touches"][0]["contact"] = "jane"
    assert len(load_document(doc).opportunities) == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty ref"),
        ("acme/pm", "'/' not allowed in ref 'acme/pm'"),
        ("acme pm", "whitespace not allowed in ref 'acme pm'"),
        ("acme\u00a0pm", "whitespace not allowed in ref 'acme\\xa0pm'"),
        ("acme\npm", "line break in ref"),
        ("acme\tpm", "control character in ref"),
    ],
    ids=["empty", "slash", "space", "no-break-space", "newline", "tab"],
)
def test_a_ref_is_one_plain_word(value: str, message: str) -> None:
    assert problem_with(lambda d: opportunity(d).update(ref=value)) == (
        f"opportunities[0].ref: {message}"
    )


def test_a_ref_used_as_a_reference_follows_the_same_rules() -> None:
    assert problem_with(lambda d: touch(d).update(contact="ja/ne")) == (
        "opportunities[0].touches[0].contact: '/' not allowed in ref 'ja/ne'"
    )


# --- single-line fields (no header injection) --------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path", "name"),
    [
        (lambda d, v: d["profile"].update(name=v), "profile.name", "name"),
        (lambda d, v: opportunity(d).update(company=v), "opportunities[0].company", "company"),
        (lambda d, v: opportunity(d).update(role=v), "opportunities[0].role", "role"),
        (
            lambda d, v: opportunity(d)["contacts"][0].update(name=v),
            "opportunities[0].contacts[0].name",
            "name",
        ),
        (
            lambda d, v: opportunity(d)["contacts"][0].update(title=v),
            "opportunities[0].contacts[0].title",
            "title",
        ),
        (
            lambda d, v: opportunity(d)["contacts"][0].update(email=v),
            "opportunities[0].contacts[0].email",
            "email",
        ),
        (
            lambda d, v: opportunity(d)["contacts"][0].update(phone=v),
            "opportunities[0].contacts[0].phone",
            "phone",
        ),
        (
            lambda d, v: interview(d)["requests"][0].update(what=v),
            "opportunities[0].interviews[0].requests[0].what",
            "what",
        ),
        (lambda d, v: touch(d).update(summary=v), "opportunities[0].touches[0].summary", "summary"),
    ],
    ids=[
        "profile-name",
        "company",
        "role",
        "contact-name",
        "title",
        "email",
        "phone",
        "request-what",
        "summary",
    ],
)
@pytest.mark.parametrize(
    "breaker", ["\n", "\r", "\r\n", "\u2028", "\x85"], ids=["lf", "cr", "crlf", "ls", "nel"]
)
def test_a_line_break_in_a_single_line_field_is_refused(
    change: Callable[[Doc, str], None], path: str, name: str, breaker: str
) -> None:
    value = f"Jane{breaker}Bcc: everyone@example.org"
    assert problem_with(lambda d: change(d, value)) == f"{path}: line break in {name}"


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\t", "\x7f"], ids=["nul", "escape", "tab", "delete"]
)
def test_a_control_character_in_a_name_is_refused(char: str) -> None:
    assert problem_with(lambda d: d["profile"].update(name=f"Sam{char}Lee")) == (
        "profile.name: control character in name"
    )


def test_a_name_of_only_spaces_is_refused() -> None:
    assert problem_with(lambda d: opportunity(d).update(company="  ")) == (
        "opportunities[0].company: empty company"
    )


def test_free_text_notes_keep_their_line_breaks_but_not_control_characters() -> None:
    doc = example()
    interview(doc)["notes"]["learned"] = "Line one.\r\nLine two.\n\tIndented."
    assert load_document(doc).opportunities[0].interviews[0].notes.learned == (
        "Line one.\r\nLine two.\n\tIndented."
    )
    assert problem_with(lambda d: interview(d)["notes"].update(concerns="a\x00b")) == (
        "opportunities[0].interviews[0].notes.concerns: control character in concerns"
    )


def test_an_attachment_is_one_line() -> None:
    assert problem_with(lambda d: interview(d)["notes"].update(attach=["ok", "a\nb"])) == (
        "opportunities[0].interviews[0].notes.attach[1]: line break in attach"
    )


# --- e-mail addresses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "jane",
        "jane@acme",
        "@acme.example",
        "Jane <jane@acme.example>",
        "a@b.example, c@d.example",
        "jane @acme.example",
        "jane@acme..example",
        "jane@@acme.example",
    ],
)
def test_an_email_must_look_like_one_address(value: str) -> None:
    assert problem_with(lambda d: opportunity(d)["contacts"][0].update(email=value)) == (
        f"opportunities[0].contacts[0].email: not an email address: {value!r}"
    )


def test_the_profile_email_is_checked_too() -> None:
    assert problem_with(lambda d: d["profile"].update(email="sam at example.org")) == (
        "profile.email: not an email address: 'sam at example.org'"
    )


def test_unusual_but_valid_addresses_are_accepted() -> None:
    doc = example()
    opportunity(doc)["contacts"][0]["email"] = "o'brien+jobs@mail.acme.example"
    d = load_document(doc)
    assert d.opportunities[0].contacts[0].email == "o'brien+jobs@mail.acme.example"


# --- touches --------------------------------------------------------------------------------


def test_an_outcome_belongs_to_inbound_touches_only() -> None:
    assert problem_with(lambda d: touch(d).update(outcome="offer")) == (
        "opportunities[0].touches[0].outcome: outcome only on inbound touches"
    )


def test_the_outcome_rule_holds_whatever_the_key_order() -> None:
    def change(doc: Doc) -> None:
        item = touch(doc)
        item["outcome"] = "offer"
        item["direction"] = item.pop("direction")  # now after outcome

    assert problem_with(change) == (
        "opportunities[0].touches[0].outcome: outcome only on inbound touches"
    )


@pytest.mark.parametrize(
    ("kind", "direction"),
    [("voicemail", "in"), ("email", "out"), ("response", "in"), ("thank_you", "out")],
)
def test_callback_on_belongs_to_outbound_voicemails_and_calls_only(
    kind: str, direction: str
) -> None:
    def change(doc: Doc) -> None:
        touch(doc).update(kind=kind, direction=direction, callback_on="2026-12-01")

    assert problem_with(change) == (
        "opportunities[0].touches[0].callback_on: callback_on only on outbound voicemail or call"
    )


@pytest.mark.parametrize("kind", ["voicemail", "call"])
def test_callback_on_is_fine_on_an_outbound_voicemail_or_call(kind: str) -> None:
    doc = example()
    touch(doc).update(kind=kind, channel="phone", callback_on="2026-12-01")
    assert str(load_document(doc).opportunities[0].touches[0].callback_on) == "2026-12-01"


# --- additions: settings, share, decisions ---------------------------------------------


def test_an_unknown_opportunity_setting_is_named_with_its_path() -> None:
    assert problem_with(lambda d: opportunity(d).update(settings={"gap_mni": 3})) == (
        "opportunities[0].settings.gap_mni: unknown setting 'gap_mni' (did you mean 'gap_min'?)"
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("gap_min", -1, "bad value -1, expected a whole number from 0 to 365"),
        ("gap_min", "5", "bad value '5', expected a whole number from 0 to 365"),
        ("gap_min", True, "bad value true, expected a whole number from 0 to 365"),
        ("gap_min", 2.5, "bad value 2.5, expected a whole number from 0 to 365"),
        ("check_in", "yes", "bad value 'yes', expected true or false"),
        ("gap_unit", "weeks", "bad value 'weeks', allowed: business, calendar"),
        ("voicemail_style", None, "bad value null, allowed: keep_control, their_court"),
        ("max_attempts", "3", "bad value '3', expected a whole number from 0 to 20, or null"),
        ("check_in_from", "0.5", "bad value '0.5', expected a number from 0 to 1"),
        ("check_in_from", [], "bad value array, expected a number from 0 to 1"),
    ],
)
def test_a_bad_setting_value_is_named_with_its_path(name: str, value: object, message: str) -> None:
    assert problem_with(lambda d: opportunity(d).update(settings={name: value})) == (
        f"opportunities[0].settings.{name}: {message}"
    )


def test_good_settings_are_kept_as_written() -> None:
    doc = example()
    overrides = {"gap_min": 3, "gap_unit": "calendar", "check_in_from": 1, "max_attempts": None}
    opportunity(doc)["settings"] = overrides
    doc["profile"]["settings"] = {"check_in": False}
    record = load_document(doc)
    assert dict(record.opportunities[0].settings) == overrides
    assert dict(record.profile.settings) == {"check_in": False}


def test_profile_settings_are_checked_like_opportunity_settings() -> None:
    assert problem_with(lambda d: d["profile"].update(settings={"gap_max": -2})) == (
        "profile.settings.gap_max: bad value -2, expected a whole number from 0 to 365"
    )


def test_settings_must_be_an_object() -> None:
    assert problem_with(lambda d: opportunity(d).update(settings=["gap_min"])) == (
        "opportunities[0].settings: expected an object, got array"
    )


def test_a_share_item_needs_a_one_line_title() -> None:
    assert problem_with(lambda d: opportunity(d).update(share=[{"url": "https://x.example"}])) == (
        "opportunities[0].share[0]: missing field 'title'"
    )
    assert problem_with(lambda d: opportunity(d).update(share=[{"title": "a\nb"}])) == (
        "opportunities[0].share[0].title: line break in title"
    )


DECISION: Doc = {"key": "acme-pm/check_in/r1", "kind": "snooze", "at": "2026-11-25T09:00:00+00:00"}


def test_until_belongs_to_snooze_decisions_only() -> None:
    decision = {**DECISION, "kind": "skip", "until": "2026-11-28T09:00:00+00:00"}
    assert problem_with(lambda d: opportunity(d).update(decisions=[decision])) == (
        "opportunities[0].decisions[0].until: until only on snooze decisions"
    )


def test_a_decision_kind_is_done_skip_or_snooze() -> None:
    decision = {**DECISION, "kind": "later"}
    assert problem_with(lambda d: opportunity(d).update(decisions=[decision])) == (
        "opportunities[0].decisions[0].kind: unknown value 'later', allowed: done, skip, snooze"
    )


def test_a_decision_key_is_an_action_key_without_spaces() -> None:
    decision = {**DECISION, "key": "acme-pm/check in"}
    assert problem_with(lambda d: opportunity(d).update(decisions=[decision])) == (
        "opportunities[0].decisions[0].key: not an action key: 'acme-pm/check in'"
    )


def test_a_decision_time_needs_an_offset() -> None:
    decision = {**DECISION, "at": "2026-11-25T09:00:00"}
    assert problem_with(lambda d: opportunity(d).update(decisions=[decision])) == (
        "opportunities[0].decisions[0].at: naive datetime, add an offset such as +00:00"
    )


# --- which error comes first ---------------------------------------------------------------------


def test_the_first_error_in_document_order_is_the_one_raised() -> None:
    def change(doc: Doc) -> None:
        interview(doc)["end"] = "2026-11-20T09:00:00-06:00"  # error 2
        opportunity(doc)["stage"] = "maybe"  # error 1: stage comes before interviews
        touch(doc)["contact"] = "joe"  # error 3

    assert problem_with(change) == (
        "opportunities[0].stage: unknown value 'maybe', allowed: interested, applied, "
        "interviewing, offer, hired, rejected, withdrawn, closed_no_response"
    )


def test_document_order_is_the_order_of_the_file_not_of_the_contract() -> None:
    def change(doc: Doc) -> None:
        opportunity(doc)["stage"] = "maybe"
        touches = opportunity(doc).pop("touches")
        touches[0]["kind"] = "fax"
        reordered = {"touches": touches, **opportunity(doc)}
        doc["opportunities"][0] = reordered

    assert problem_with(change).startswith("opportunities[0].touches[0].kind: unknown value 'fax'")


def test_the_error_is_one_line_even_when_the_value_has_line_breaks() -> None:
    message = problem_with(lambda d: opportunity(d).update(country="U\nS"))
    assert message == "opportunities[0].country: line break in country"
    bad_key = problem_with(lambda d: interview(d)["notes"].update(moments={"ja\nne": "x"}))
    assert "\n" not in bad_key
    assert bad_key == "opportunities[0].interviews[0].notes.moments['ja\\nne']: line break in ref"
