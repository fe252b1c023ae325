"""Reading the exchange document (`followup/1`): JSON in, a `Record` out.

Everything is checked before anything is returned, so an import is all or
nothing; the first problem in document order is raised as one line naming
its JSON path (`opportunities[0].interviews[1].end: before start`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from followup.domain import limits
from followup.domain.limits import shown
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
    StageChange,
    Touch,
    TouchKind,
    Via,
)
from followup.transports.exchange_settings import settings
from followup.transports.exchange_shapes import (
    Reader,
    Rule,
    Shape,
    list_reader,
    members_from_pairs,
    members_of,
    object_reader,
    read_members,
)
from followup.transports.exchange_values import (
    FORMAT,
    ROOT,
    ExchangeError,
    aware_datetime,
    boolean,
    calendar_date,
    country,
    email,
    enum_reader,
    item,
    json_type,
    line,
    member,
    nullable,
    positive_int,
    ref,
    required_line,
    sequence_number,
    subdivision_problem,
    text,
    time_zone,
    word,
)

# --- decoding ---------------------------------------------------------------


def decode_json(source: str | bytes) -> object:
    """The decoded JSON of `source`, or an ExchangeError at `$`."""
    if len(source) > limits.MAX_DOCUMENT_BYTES:
        most = limits.MAX_DOCUMENT_BYTES // 2**20
        raise ExchangeError(ROOT, f"document too large: more than {most} MB")
    if isinstance(source, bytes | bytearray):
        try:
            source = bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            message = f"not UTF-8 text (bad byte at offset {error.start})"
            raise ExchangeError(ROOT, message) from None
    try:
        return json.loads(
            source.removeprefix("\ufeff"),
            object_pairs_hook=members_from_pairs,
            parse_constant=_refuse_constant,
            parse_float=_finite,
        )
    except json.JSONDecodeError as error:
        raise ExchangeError(
            ROOT, f"malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise ExchangeError(ROOT, "malformed JSON: nested too deeply") from None
    except ExchangeError:
        raise
    except ValueError as error:  # a number of more than 4300 digits, for one
        raise ExchangeError(ROOT, f"malformed JSON: {limits.shown(str(error))}") from None


def _finite(digits: str) -> float:
    number = float(digits)
    if not math.isfinite(number):
        raise ExchangeError(ROOT, f"malformed JSON: number out of range: {limits.shown(digits)}")
    return number


def _refuse_constant(name: str) -> object:
    # Python's json accepts NaN and Infinity; JSON does not, nor do we.
    raise ExchangeError(ROOT, f"malformed JSON: {name} is not a JSON number")


# --- the document -----------------------------------------------------------


def load_document(obj: object) -> Record:
    """The Record in an already decoded exchange document."""
    if not isinstance(obj, dict):
        raise ExchangeError(ROOT, f"expected an object, got {json_type(obj)}")
    # Checked first: for a file that is not ours at all, this is the one
    # message that helps.
    if "format" not in obj:
        raise ExchangeError(ROOT, f"missing field 'format': not a {FORMAT} document")
    if obj["format"] != FORMAT:
        found = obj["format"]
        shown = repr(found) if isinstance(found, str) else json_type(found)
        raise ExchangeError("format", f"expected {FORMAT!r}, got {shown}")
    opportunity_refs: set[str] = set()
    shape = Shape(
        readers={
            "format": lambda value, path: value,
            "profile": object_reader(Profile, PROFILE),
            "opportunities": list_reader(
                lambda raw, path: _opportunity(raw, path, opportunity_refs)
            ),
        },
        required=frozenset({"format", "profile"}),
    )
    values = read_members(obj, ROOT, shape)
    return Record(profile=values["profile"], opportunities=values.get("opportunities", ()))


# --- profile ------------------------------------------------------------------

PROFILE = Shape(
    readers={
        "name": required_line,
        "email": nullable(email),
        "phone": nullable(line),
        "time_zone": time_zone,
        "playbook": enum_reader(PlaybookName),
        "signature": nullable(text),
        "settings": settings,
    },
    required=frozenset({"name", "time_zone"}),
    absent_is_none=("email", "phone"),
)


# --- one opportunity ------------------------------------------------------------


@dataclass
class _Scope:
    """What the refs inside one opportunity may name, and which are taken."""

    contacts: frozenset[str]
    taken_contacts: set[str] = field(default_factory=set)
    taken_interviews: set[str] = field(default_factory=set)
    taken_requests: set[str] = field(default_factory=set)

    def contact_ref(self, raw: object, path: str) -> str:
        name = ref(raw, path)
        if name not in self.contacts:
            message = f"unknown contact {shown(name)}: not a contact of this opportunity"
            raise ExchangeError(path, message)
        return name


def _contact_refs(raw: object) -> frozenset[str]:
    """The contact refs of a raw opportunity, read ahead of the contacts.

    Interviews and touches may come before `contacts` in a document; their
    references are checked against this list, while the contacts themselves
    are fully checked where they stand.
    """
    contacts = raw.get("contacts") if isinstance(raw, dict) else None
    if not isinstance(contacts, list | tuple):
        return frozenset()
    return frozenset(
        contact["ref"]
        for contact in contacts
        if isinstance(contact, dict) and isinstance(contact.get("ref"), str)
    )


def _new_ref(taken: set[str]) -> Reader:
    def read(raw: object, path: str) -> str:
        name = ref(raw, path)
        if name in taken:
            raise ExchangeError(path, f"duplicate ref {shown(name)}")
        taken.add(name)
        return name

    return read


def _distinct(read_one: Reader, what: str) -> Reader:
    """A list reader refusing the same value twice (`roles`, `interviewers`)."""

    def read(raw: object, path: str) -> tuple[Any, ...]:
        values = list_reader(read_one)(raw, path)
        for index, value in enumerate(values):
            if value in values[:index]:
                raise ExchangeError(item(path, index), f"duplicate {what} {shown(str(value))}")
        return values

    return read


def _opportunity(raw: object, path: str, taken: set[str]) -> Opportunity:
    scope = _Scope(contacts=_contact_refs(raw))
    shape = Shape(
        readers={
            "ref": _new_ref(taken),
            "company": required_line,
            "role": required_line,
            "via": enum_reader(Via),
            "culture": nullable(enum_reader(Culture)),
            "channel": enum_reader(PreferredChannel),
            "time_zone": time_zone,
            "country": country,
            "subdivision": nullable(line),
            "stage": enum_reader(Stage),
            "contacts": list_reader(object_reader(Contact, _contact_shape(scope))),
            "interviews": list_reader(object_reader(Interview, _interview_shape(scope))),
            "touches": list_reader(object_reader(Touch, _touch_shape(scope))),
            "share": list_reader(object_reader(ShareItem, SHARE)),
            "decisions": list_reader(object_reader(Decision, DECISION)),
            "settings": settings,
            "stage_changes": list_reader(object_reader(StageChange, STAGE_CHANGE)),
        },
        required=frozenset({"ref", "company", "role", "time_zone", "country"}),
        rules=(Rule(("country", "subdivision"), "subdivision", _subdivision_rule),),
    )
    return object_reader(Opportunity, shape)(raw, path)


def _subdivision_rule(values: Mapping[str, Any]) -> str | None:
    if values["subdivision"] is None:
        return None
    return subdivision_problem(values["subdivision"], values["country"])


def _contact_shape(scope: _Scope) -> Shape:
    return Shape(
        readers={
            "ref": _new_ref(scope.taken_contacts),
            "name": required_line,
            "title": nullable(line),
            "email": nullable(email),
            "phone": nullable(line),
            "linkedin": nullable(line),
            "org": enum_reader(Org),
            "roles": _distinct(enum_reader(Role), "role"),
            "email_bounced_at": nullable(aware_datetime),
        },
        required=frozenset({"ref", "name"}),
    )


# --- interviews -----------------------------------------------------------------


def _interview_shape(scope: _Scope) -> Shape:
    return Shape(
        readers={
            "ref": _new_ref(scope.taken_interviews),
            "round": positive_int,
            "format": enum_reader(InterviewFormat),
            "start": aware_datetime,
            "end": aware_datetime,
            "interviewers": _distinct(scope.contact_ref, "interviewer"),
            "decision_expected": nullable(calendar_date),
            "requests": list_reader(object_reader(Request, _request_shape(scope))),
            "notes": object_reader(InterviewNotes, _notes_shape(scope)),
            "cancelled": boolean,
            "invite_uid": nullable(required_line),
            "invite_sequence": nullable(sequence_number),
        },
        required=frozenset({"ref", "round", "format", "start", "end"}),
        rules=(Rule(("start", "end"), "end", _end_rule),),
    )


def _end_rule(values: Mapping[str, Any]) -> str | None:
    return "before start" if values["end"] < values["start"] else None


def _request_shape(scope: _Scope) -> Shape:
    return Shape(
        readers={
            # Request refs are unique across the opportunity, not only the
            # interview: action keys name the request without its interview.
            "ref": _new_ref(scope.taken_requests),
            "what": required_line,
            "from": nullable(scope.contact_ref),
            "channel": enum_reader(Channel),
            "asked_at": aware_datetime,
            "delivered_at": nullable(aware_datetime),
        },
        required=frozenset({"ref", "what", "channel", "asked_at"}),
        absent_is_none=("from",),
        renames={"from": "requester"},
    )


def _notes_shape(scope: _Scope) -> Shape:
    def moments(raw: object, path: str) -> Mapping[str, str]:
        members = members_of(raw, path)
        clean = {}
        for key, value in members.items():
            where = member(path, key)
            clean[scope.contact_ref(key, where)] = text(value, where)
        return MappingProxyType(clean)

    return Shape(
        readers={
            "learned": nullable(text),
            "moments": moments,
            "concerns": nullable(text),
            "skills": nullable(text),
            "attach": list_reader(required_line),
            "next_steps": nullable(text),
        }
    )


# --- touches, share, decisions ----------------------------------------------------

_CALLBACK_KINDS = frozenset({TouchKind.VOICEMAIL, TouchKind.CALL})


def _touch_shape(scope: _Scope) -> Shape:
    return Shape(
        readers={
            "at": aware_datetime,
            "kind": enum_reader(TouchKind),
            "direction": enum_reader(Direction),
            "contact": nullable(scope.contact_ref),
            "channel": nullable(enum_reader(Channel)),
            "summary": nullable(line),
            "callback_on": nullable(calendar_date),
            "decision_expected": nullable(calendar_date),
            "outcome": nullable(enum_reader(Outcome)),
            "message_id": nullable(message_id),
            "return_on": nullable(calendar_date),
        },
        required=frozenset({"at", "kind", "direction"}),
        rules=(
            Rule(("direction", "outcome"), "outcome", _outcome_rule),
            Rule(("kind", "direction", "callback_on"), "callback_on", _callback_rule),
            Rule(("kind", "direction"), "direction", _auto_reply_rule),
            Rule(("kind", "return_on"), "return_on", _return_rule),
        ),
    )


def _outcome_rule(values: Mapping[str, Any]) -> str | None:
    if values["outcome"] is not None and values["direction"] is not Direction.IN:
        return "outcome only on inbound touches"
    return None


def _callback_rule(values: Mapping[str, Any]) -> str | None:
    if values["callback_on"] is None:
        return None
    if values["direction"] is Direction.OUT and values["kind"] in _CALLBACK_KINDS:
        return None
    return "callback_on only on outbound voicemail or call"


def _auto_reply_rule(values: Mapping[str, Any]) -> str | None:
    if values["kind"] is TouchKind.AUTO_REPLY and values["direction"] is not Direction.IN:
        return "an auto_reply is always inbound"
    return None


def _return_rule(values: Mapping[str, Any]) -> str | None:
    if values["return_on"] is not None and values["kind"] is not TouchKind.AUTO_REPLY:
        return "return_on only on auto_reply touches"
    return None


def message_id(raw: object, path: str) -> str:
    """A Message-ID as mail carries it: `<left@right>`, printable ASCII, no spaces."""
    value = line(raw, path)
    inner = value[1:-1]
    if not (value.startswith("<") and value.endswith(">") and "@" in inner and inner.isascii()
            and inner.isprintable() and not any(c in inner for c in " <>")):
        raise ExchangeError(path, f"not a Message-ID such as <id@host>: {value!r}")
    if len(value) > 998:
        raise ExchangeError(path, "a Message-ID is at most 998 characters")
    return value


SHARE = Shape(
    readers={"title": required_line, "url": nullable(line), "note": nullable(text)},
    required=frozenset({"title"}),
)


def _action_key(raw: object, path: str) -> str:
    key = word(raw, path, name="key")
    if not key or any(char.isspace() for char in key):
        raise ExchangeError(path, f"not an action key: {shown(key)}")
    return key


def _until_rule(values: Mapping[str, Any]) -> str | None:
    if values["until"] is not None and values["kind"] is not DecisionKind.SNOOZE:
        return "until only on snooze decisions"
    return None


DECISION = Shape(
    readers={
        "key": _action_key,
        "kind": enum_reader(DecisionKind),
        "at": aware_datetime,
        "until": nullable(aware_datetime),
        "why": nullable(text),
    },
    required=frozenset({"key", "kind", "at"}),
    rules=(Rule(("kind", "until"), "until", _until_rule),),
)


def _moved_rule(values: Mapping[str, Any]) -> str | None:
    if values["from"] is values["to"]:
        return "a stage change goes from one stage to another"
    return None


# A stage change (issue 12): `from` null when the stage before is not known.
STAGE_CHANGE = Shape(
    readers={"at": aware_datetime, "from": nullable(enum_reader(Stage)), "to": enum_reader(Stage)},
    required=frozenset({"at", "to"}),
    absent_is_none=("from",),
    renames={"from": "previous", "to": "stage"},
    rules=(Rule(("from", "to"), "to", _moved_rule),),
)
