"""Export then import gives the same record; import then export the same text."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain import limits
from followup.domain.model import (
    Channel,
    Contact,
    Culture,
    Decision,
    DecisionKind,
    Direction,
    Interview,
    InterviewFormat,
    InterviewNotes,
    Opportunity,
    Org,
    Outcome,
    PlaybookName,
    PreferredChannel,
    Profile,
    Record,
    Request,
    Role,
    ShareItem,
    Stage,
    Touch,
    TouchKind,
    Via,
)
from followup.transports.exchange import (
    dump_document,
    dumps_document,
    load_document,
    parse_document,
)

FIXTURES = Path(__file__).parent / "fixtures"
RICH = (FIXTURES / "exchange_rich.json").read_text(encoding="utf-8")
MINIMAL = (FIXTURES / "exchange_minimal.json").read_text(encoding="utf-8")

CONTRACT_ORDER = {
    "document": ["format", "profile", "opportunities"],
    "profile": ["name", "email", "phone", "time_zone", "playbook"],
    "opportunity": [
        "ref", "company", "role", "via", "culture", "channel", "time_zone", "country",
        "subdivision", "stage", "contacts", "interviews", "touches",
    ],
    "contact": ["ref", "name", "title", "email", "phone", "linkedin", "org", "roles"],
    "interview": [
        "ref", "round", "format", "start", "end", "interviewers", "decision_expected",
        "requests", "notes", "cancelled",
    ],
    "request": ["ref", "what", "from", "channel", "asked_at", "delivered_at"],
    "notes": ["learned", "moments", "concerns"],
    "touch": [
        "at", "kind", "direction", "contact", "channel", "summary", "callback_on",
        "decision_expected", "outcome",
    ],
}  # fmt: skip
ADDITIONS = {
    "contact": ["email_bounced_at"],
    "touch": ["message_id", "return_on"],
    "profile": ["signature", "settings"],
    "opportunity": ["share", "decisions", "settings", "stage_changes"],
    "notes": ["skills", "attach", "next_steps"],
    "interview": ["invite_uid", "invite_sequence"],
}


# --- the sample documents ------------------------------------------------------------


def test_the_rich_sample_comes_back_byte_for_byte() -> None:
    assert dumps_document(parse_document(RICH)) == RICH


def test_the_rich_sample_gives_a_value_to_every_field() -> None:
    # Keeps the sample honest: a field nobody fills is a field nobody tests.
    empty = _fields_never_filled(json.loads(RICH))
    assert empty == set()


def _fields_never_filled(node: Any, where: str = "") -> set[str]:
    filled: dict[str, bool] = {}
    _walk(node, where, filled)
    return {name for name, seen in filled.items() if not seen}


def _walk(node: Any, where: str, filled: dict[str, bool]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            name = f"{where}.{key}"
            filled[name] = filled.get(name, False) or value not in (None, [], {})
            if key not in ("moments", "settings"):  # their keys are data, not fields
                _walk(value, name, filled)
    elif isinstance(node, list):
        for value in node:
            _walk(value, where, filled)


def test_the_rich_sample_keeps_unicode_as_written() -> None:
    record = parse_document(RICH.encode("utf-8"))
    names = [contact.name for o in record.opportunities for contact in o.contacts]
    assert "Zoë Ødegaard-Núñez" in names and "山田 太郎" in names
    assert "山田 太郎" in dumps_document(record)  # ensure_ascii=False


def test_absent_optional_fields_take_the_record_s_defaults() -> None:
    record = parse_document(MINIMAL)
    assert record.profile == Profile(
        name="Ana Díaz", email=None, phone=None, time_zone="Europe/Madrid"
    )
    opportunity = record.opportunities[0]
    assert (opportunity.via, opportunity.culture, opportunity.channel, opportunity.stage) == (
        Via.DIRECT,
        None,
        PreferredChannel.EMAIL,
        Stage.INTERVIEWING,
    )
    assert opportunity.subdivision is None
    assert opportunity.contacts == (Contact(ref="bill", name="Bill Lumbergh"),)
    interview = opportunity.interviews[0]
    assert interview.notes == InterviewNotes()
    assert interview.interviewers == () and interview.decision_expected is None
    assert interview.requests[0].requester is None
    assert interview.requests[0].delivered_at is None
    assert opportunity.touches[0].contact is None
    assert dict(opportunity.settings) == {} and opportunity.share == ()


def test_export_writes_every_field_in_the_contract_s_order_then_the_additions() -> None:
    dumped = dump_document(parse_document(MINIMAL))
    opportunity = dumped["opportunities"][0]
    interview = opportunity["interviews"][0]
    objects = {
        "document": dumped,
        "profile": dumped["profile"],
        "opportunity": opportunity,
        "contact": opportunity["contacts"][0],
        "interview": interview,
        "request": interview["requests"][0],
        "notes": interview["notes"],
        "touch": opportunity["touches"][0],
    }
    for kind, obj in objects.items():
        assert list(obj) == CONTRACT_ORDER[kind] + ADDITIONS.get(kind, []), kind


def test_export_writes_nulls_and_empty_additions_for_a_stable_shape() -> None:
    dumped = dump_document(parse_document(MINIMAL))
    opportunity = dumped["opportunities"][0]
    assert dumped["profile"]["email"] is None and dumped["profile"]["settings"] == {}
    assert opportunity["culture"] is None and opportunity["subdivision"] is None
    assert (opportunity["share"], opportunity["decisions"], opportunity["settings"]) == ([], [], {})
    assert opportunity["interviews"][0]["requests"][0]["from"] is None
    assert opportunity["interviews"][0]["notes"] == {
        "learned": None,
        "moments": {},
        "concerns": None,
        "skills": None,
        "attach": [],
        "next_steps": None,
    }


def test_the_minimal_sample_becomes_canonical_after_one_round() -> None:
    canonical = dumps_document(parse_document(MINIMAL))
    assert canonical != MINIMAL
    assert dumps_document(parse_document(canonical)) == canonical
    assert parse_document(canonical) == parse_document(MINIMAL)


def test_the_dumped_dict_holds_only_plain_json_values() -> None:
    def plain(node: Any) -> bool:
        if isinstance(node, dict):
            return all(type(k) is str and plain(v) for k, v in node.items())
        if isinstance(node, list):
            return all(plain(v) for v in node)
        return node is None or type(node) in (str, int, float, bool)

    assert plain(dump_document(parse_document(RICH)))


def test_every_field_written_is_documented() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "exchange.md").read_text(encoding="utf-8")
    names = {path.rsplit(".", 1)[-1] for path in _all_fields(json.loads(RICH))}
    assert {name for name in names if f"`{name}`" not in docs} == set()


def _all_fields(node: Any) -> dict[str, bool]:
    filled: dict[str, bool] = {}
    _walk(node, "", filled)
    return filled


def test_load_document_takes_what_json_loads_gives() -> None:
    assert load_document(json.loads(RICH)) == parse_document(RICH)


def test_a_datetime_is_written_exactly_as_the_record_holds_it() -> None:
    chicago = datetime(2026, 11, 20, 10, 0, 0, 250000, tzinfo=ZoneInfo("America/Chicago"))
    kolkata = datetime(2026, 11, 20, 21, 31, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    record = Record(
        profile=Profile(name="Sam", email=None, phone=None, time_zone="UTC"),
        opportunities=(
            Opportunity(
                ref="x",
                company="X",
                role="Y",
                time_zone="America/Chicago",
                country="US",
                interviews=(
                    Interview(
                        ref="r1", round=1, format=InterviewFormat.VIDEO, start=chicago, end=kolkata
                    ),
                ),
            ),
        ),
    )
    interview = dump_document(record)["opportunities"][0]["interviews"][0]
    assert interview["start"] == "2026-11-20T10:00:00.250000-06:00"
    assert interview["end"] == "2026-11-20T21:31:00+05:30"
    assert parse_document(dumps_document(record)) == record


# --- generated records -----------------------------------------------------------------

_REF_CHARS = st.characters(
    exclude_categories=("Cc", "Cf", "Co", "Cs", "Zs", "Zl", "Zp"),
    exclude_characters="".join(limits.SLASH_LIKE),
)
REFS = st.text(_REF_CHARS, min_size=1, max_size=6).filter(lambda s: limits.ref_problem(s) is None)
# One-line values come back without surrounding whitespace (docs/exchange.md).
LINES = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=12
).filter(lambda s: s == s.strip() != "" and limits.header_problem(s) is None)
TEXTS = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), include_characters="\n\r\t"), max_size=30
)
EMAILS = st.from_regex(r"[a-z0-9._%+'-]{1,8}@[a-z0-9-]{1,8}(\.[a-z]{2,4}){1,2}", fullmatch=True)
OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=OFFSETS
)
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1))
ZONES = st.sampled_from(["America/Chicago", "Europe/Berlin", "Asia/Kolkata", "UTC"])
PLACES = st.sampled_from([("US", "IL"), ("US", None), ("DE", "BY"), ("JP", None), ("GB", "SCT")])
SETTINGS = st.fixed_dictionaries(
    {},
    optional={
        "gap_min": st.integers(0, 30),
        "gap_unit": st.sampled_from(["business", "calendar"]),
        "check_in": st.booleans(),
        "check_in_from": st.floats(0, 1),
        "max_attempts": st.none() | st.integers(0, 6),
        "voicemail_style": st.sampled_from(["keep_control", "their_court"]),
    },
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _one_of(refs: list[str]) -> st.SearchStrategy[Any]:
    return st.sampled_from(refs) if refs else st.nothing()


SHARE_ITEMS = st.builds(ShareItem, LINES, _maybe(LINES), _maybe(TEXTS))


def _contact(ref: str) -> st.SearchStrategy[Contact]:
    return st.builds(
        Contact,
        ref=st.just(ref),
        name=LINES,
        title=_maybe(LINES),
        email=_maybe(EMAILS),
        phone=_maybe(LINES),
        linkedin=_maybe(LINES),
        org=st.sampled_from(Org),
        roles=st.lists(st.sampled_from(Role), unique=True, max_size=2).map(tuple),
    )


@st.composite
def _interview(draw: st.DrawFn, ref: str, contacts: list[str], requests: list[str]) -> Interview:
    start = draw(MOMENTS)
    length = draw(st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=8)))
    end = (start + length).astimezone(draw(OFFSETS))
    asker = _maybe(_one_of(contacts))
    return Interview(
        ref=ref,
        round=draw(st.integers(1, 5)),
        format=draw(st.sampled_from(InterviewFormat)),
        start=start,
        end=end,
        interviewers=tuple(draw(st.lists(_one_of(contacts), unique=True, max_size=3)))
        if contacts
        else (),
        decision_expected=draw(_maybe(DATES)),
        requests=tuple(
            Request(
                ref=r,
                what=draw(LINES),
                requester=draw(asker) if contacts else None,
                channel=draw(st.sampled_from(Channel)),
                asked_at=draw(MOMENTS),
                delivered_at=draw(_maybe(MOMENTS)),
            )
            for r in requests
        ),
        notes=draw(_notes(contacts)),
        cancelled=draw(st.booleans()),
        invite_uid=draw(_maybe(LINES.filter(str.strip))),
        invite_sequence=draw(_maybe(st.integers(0, 10_000))),
    )


def _notes(contacts: list[str]) -> st.SearchStrategy[InterviewNotes]:
    moments = st.dictionaries(_one_of(contacts), TEXTS, max_size=2) if contacts else st.just({})
    return st.builds(
        InterviewNotes,
        learned=_maybe(TEXTS),
        moments=moments,
        concerns=_maybe(TEXTS),
        skills=_maybe(TEXTS),
        attach=st.lists(LINES, max_size=2).map(tuple),
        next_steps=_maybe(TEXTS),
    )


@st.composite
def _touch(draw: st.DrawFn, contacts: list[str]) -> Touch:
    direction = draw(st.sampled_from(Direction))
    kind = draw(st.sampled_from(TouchKind))
    if kind is TouchKind.AUTO_REPLY:  # always inbound (mail)
        direction = Direction.IN
    calls_back = direction is Direction.OUT and kind in (TouchKind.VOICEMAIL, TouchKind.CALL)
    return Touch(
        at=draw(MOMENTS),
        kind=kind,
        direction=direction,
        contact=draw(_maybe(_one_of(contacts))) if contacts else None,
        channel=draw(_maybe(st.sampled_from(Channel))),
        summary=draw(_maybe(LINES)),
        callback_on=draw(_maybe(DATES)) if calls_back else None,
        decision_expected=draw(_maybe(DATES)),
        outcome=draw(_maybe(st.sampled_from(Outcome))) if direction is Direction.IN else None,
    )


@st.composite
def _decision(draw: st.DrawFn) -> Decision:
    kind = draw(st.sampled_from(DecisionKind))
    return Decision(
        key=draw(st.lists(REFS, min_size=2, max_size=4).map("/".join)),
        kind=kind,
        at=draw(MOMENTS),
        until=draw(_maybe(MOMENTS)) if kind is DecisionKind.SNOOZE else None,
        why=draw(_maybe(TEXTS)),
    )


@st.composite
def _opportunity(draw: st.DrawFn, ref: str) -> Opportunity:
    contacts = draw(st.lists(REFS, unique=True, max_size=3))
    interviews = draw(st.lists(REFS, unique=True, max_size=2))
    requests = draw(st.lists(REFS, unique=True, max_size=3))
    country, subdivision = draw(PLACES)
    return Opportunity(
        ref=ref,
        company=draw(LINES),
        role=draw(LINES),
        time_zone=draw(ZONES),
        country=country,
        subdivision=subdivision,
        via=draw(st.sampled_from(Via)),
        culture=draw(_maybe(st.sampled_from(Culture))),
        channel=draw(st.sampled_from(PreferredChannel)),
        stage=draw(st.sampled_from(Stage)),
        contacts=tuple(draw(_contact(c)) for c in contacts),
        # Requests are shared out among the interviews, each ref used once.
        interviews=tuple(
            draw(_interview(r, contacts, requests[i :: len(interviews)]))
            for i, r in enumerate(interviews)
        ),
        touches=tuple(draw(st.lists(_touch(contacts), max_size=2))),
        share=tuple(draw(st.lists(SHARE_ITEMS, max_size=2))),
        decisions=tuple(draw(st.lists(_decision(), max_size=2))),
        settings=draw(SETTINGS),
    )


@st.composite
def records(draw: st.DrawFn) -> Record:
    profile = Profile(
        name=draw(LINES),
        email=draw(_maybe(EMAILS)),
        phone=draw(_maybe(LINES)),
        time_zone=draw(ZONES),
        playbook=draw(st.sampled_from(PlaybookName)),
        signature=draw(_maybe(TEXTS)),
        settings=draw(SETTINGS),
    )
    refs = draw(st.lists(REFS, unique=True, max_size=2))
    return Record(profile=profile, opportunities=tuple(draw(_opportunity(r)) for r in refs))


@settings(max_examples=200, deadline=None)
@given(records())
def test_any_valid_record_survives_export_and_import(record: Record) -> None:
    text = dumps_document(record)
    again = parse_document(text)
    assert again == record
    assert dumps_document(again) == text
