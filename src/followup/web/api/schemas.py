"""Request and response shapes; the OpenAPI document is generated from these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field

from followup.domain import model as m

Ref = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s]+$")]
Text = Annotated[str, Field(max_length=200)]
Long = Annotated[str, Field(max_length=5000)]


class Error(Schema):
    error: str


class Finding(Schema):
    model_config = ConfigDict(extra="allow")
    severity: str
    code: str
    message: str


class Findings(Schema):
    model_config = ConfigDict(extra="allow")
    findings: list[Finding]


class Action(Schema):
    model_config = ConfigDict(extra="allow")
    key: str
    opportunity: str
    kind: str
    rule: str
    contact: str | None
    channel: str | None
    attempt: int | None
    earliest: str
    due: str
    latest: str | None
    late: bool
    why: str
    sources: list[str]


class Agenda(Schema):
    model_config = ConfigDict(extra="allow")
    as_of: str
    actions: list[Action]


class To(Schema):
    name: str | None
    email: str | None


class Draft(Schema):
    model_config = ConfigDict(extra="allow")
    key: str
    kind: str
    to: To
    subject: str | None
    body: str
    findings: list[Finding]


class Done(Schema):
    at: datetime | None = None
    kind: m.TouchKind | None = None
    summary: Long | None = None
    callback_on: date | None = None


class Skip(Schema):
    why: Annotated[str, Field(min_length=1, max_length=500)]


class Snooze(Schema):
    until: datetime
    why: Annotated[str, Field(max_length=500)] | None = None


class CheckIn(Schema):
    kind: str
    text: Annotated[str, Field(max_length=20000)]


class Result(Schema):
    result: str
    key: str | None = None


class Imported(Schema):
    created: int
    updated: int


class Document(Schema):
    model_config = ConfigDict(extra="allow")


class OpportunityIn(Schema):
    ref: Ref
    company: Text
    role: Text
    time_zone: Annotated[str, Field(max_length=64)]
    country: Annotated[str, Field(max_length=8)]
    subdivision: Annotated[str, Field(max_length=16)] | None = None
    via: m.Via = m.Via.DIRECT
    culture: m.Culture | None = None
    channel: m.PreferredChannel = m.PreferredChannel.EMAIL
    stage: m.Stage = m.Stage.INTERVIEWING


class OpportunityPatch(Schema):
    company: Text | None = None
    role: Text | None = None
    time_zone: Annotated[str, Field(max_length=64)] | None = None
    country: Annotated[str, Field(max_length=8)] | None = None
    subdivision: Annotated[str, Field(max_length=16)] | None = None
    via: m.Via | None = None
    culture: m.Culture | None = None
    channel: m.PreferredChannel | None = None
    stage: m.Stage | None = None
    settings: dict[str, Any] | None = None


class StageIn(Schema):
    stage: m.Stage


class ContactIn(Schema):
    ref: Ref
    name: Text
    title: Text | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=64)] | None = None
    linkedin: Annotated[str, Field(max_length=500)] | None = None
    org: m.Org = m.Org.EMPLOYER
    roles: list[m.Role] = Field(default_factory=list)


class ContactPatch(Schema):
    name: Text | None = None
    title: Text | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=64)] | None = None
    linkedin: Annotated[str, Field(max_length=500)] | None = None
    org: m.Org | None = None
    roles: list[m.Role] | None = None


class NotesIn(Schema):
    learned: Long | None = None
    moments: dict[str, Long] = Field(default_factory=dict)
    concerns: Long | None = None
    skills: Long | None = None
    attach: list[Text] = Field(default_factory=list)
    next_steps: Long | None = None


class InterviewIn(Schema):
    ref: Ref
    round: Annotated[int, Field(ge=1, le=99)] = 1
    format: m.InterviewFormat = m.InterviewFormat.VIDEO
    start: datetime
    end: datetime
    interviewers: list[Ref] = Field(default_factory=list)
    decision_expected: date | None = None
    notes: NotesIn | None = None


class InterviewPatch(Schema):
    round: Annotated[int, Field(ge=1, le=99)] | None = None
    format: m.InterviewFormat | None = None
    start: datetime | None = None
    end: datetime | None = None
    interviewers: list[Ref] | None = None
    decision_expected: date | None = None
    notes: NotesIn | None = None


class RequestIn(Schema):
    ref: Ref
    what: Long
    requester: Ref | None = None
    channel: m.Channel = m.Channel.EMAIL
    asked_at: datetime | None = None
    delivered_at: datetime | None = None


class RequestPatch(Schema):
    what: Long | None = None
    requester: Ref | None = None
    channel: m.Channel | None = None
    asked_at: datetime | None = None
    delivered_at: datetime | None = None


class TouchPatch(Schema):
    kind: m.TouchKind | None = None
    direction: m.Direction | None = None
    contact: Ref | None = None
    channel: m.Channel | None = None
    at: datetime | None = None
    summary: Long | None = None
    callback_on: date | None = None
    decision_expected: date | None = None
    outcome: m.Outcome | None = None


class TouchIn(TouchPatch):
    """A touch to log: the fields of an edit, with its kind required."""

    kind: m.TouchKind


class ProfileIn(Schema):
    name: Text
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=64)] | None = None
    time_zone: Annotated[str, Field(max_length=64)]
    playbook: m.PlaybookName = m.PlaybookName.STANDARD
    signature: Long | None = None
    settings: dict[str, Any] = Field(default_factory=dict)


class RenameIn(Schema):
    """The new ref: one word, no '/' or spaces (checked as `edit --ref` checks it)."""

    ref: Annotated[str, Field(min_length=1, max_length=200)]


class Deleted(Schema):
    result: str
    opportunity: str


class Dated(Schema):
    what: str
    at: str


class Why(Schema):
    """Everything behind one planned action, as `followup why KEY` prints it."""

    key: str
    short_id: str
    opportunity: str
    kind: str
    rule: str
    title: str
    text: str
    why: str
    sources: list[str]
    earliest: str
    due: str
    latest: str | None
    computed_from: list[Dated]
    playbook: str
    settings: dict[str, Any]
