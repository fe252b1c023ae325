"""Terse builders for planner tests: one realistic opportunity, varied per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Action,
    ActionKind,
    Channel,
    Contact,
    Direction,
    Interview,
    InterviewFormat,
    Opportunity,
    Org,
    Outcome,
    PlaybookName,
    Profile,
    Record,
    Role,
    Touch,
    TouchKind,
)
from followup.domain.planner import plan
from followup.domain.settings import Settings

CHICAGO = ZoneInfo("America/Chicago")
NEW_YORK = ZoneInfo("America/New_York")
UTC = ZoneInfo("UTC")

PROFILE = Profile(
    name="Sam Lee",
    email="sam@example.org",
    phone="+1 555 0100",
    time_zone="America/New_York",
    playbook=PlaybookName.STANDARD,
)

PRIYA = Contact("priya", "Priya Shah", "Staff Engineer", "priya@acme.example",
                roles=(Role.INTERVIEWER,))
JANE = Contact("jane", "Jane Roe", "Director", "jane@acme.example", "+1 312 555 0101",
               roles=(Role.HIRING_MANAGER, Role.INTERVIEWER))
OMAR = Contact("omar", "Omar Haddad", "Coordinator", "omar@acme.example",
               roles=(Role.COORDINATOR,))
RITA = Contact("rita", "Rita Cole", "Recruiter", "rita@agency.example", "+1 312 555 0199",
               org=Org.AGENCY, roles=(Role.RECRUITER,))


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
       tz: ZoneInfo = CHICAGO) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def interview(
    ref: str = "r1",
    start: datetime | None = None,
    hours: float = 1,
    people: tuple[str, ...] = ("priya", "jane"),
    decision: date | None = date(2026, 12, 4),
    fmt: InterviewFormat = InterviewFormat.ONSITE,
    round: int = 1,
    **extra: Any,
) -> Interview:
    begin = start or at(2026, 11, 18, 10)
    return Interview(ref=ref, round=round, format=fmt, start=begin,
                     end=begin + timedelta(hours=hours), interviewers=people,
                     decision_expected=decision, **extra)


def touch(kind: TouchKind, when: datetime, contact: str | None = "jane", **extra: Any) -> Touch:
    direction = Direction.IN if kind is TouchKind.RESPONSE else Direction.OUT
    channel = {
        TouchKind.VOICEMAIL: Channel.PHONE, TouchKind.CALL: Channel.PHONE,
        TouchKind.LINKEDIN_INVITE: Channel.LINKEDIN, TouchKind.HANDWRITTEN_NOTE: Channel.MAIL,
    }.get(kind, Channel.EMAIL)
    return Touch(at=when, kind=kind, direction=direction, contact=contact, channel=channel,
                 **extra)


def response(when: datetime, contact: str = "jane", outcome: Outcome | None = None,
             new_date: date | None = None) -> Touch:
    return touch(TouchKind.RESPONSE, when, contact, outcome=outcome, decision_expected=new_date)


def thanked(*interviews: Interview, invited: bool = True) -> tuple[Touch, ...]:
    """The courtesies done: every interviewer thanked (and invited) an hour after."""
    out = []
    for iv in interviews:
        for ref in iv.interviewers:
            out.append(touch(TouchKind.THANK_YOU, iv.end + timedelta(hours=1), ref))
            if invited:
                out.append(touch(TouchKind.LINKEDIN_INVITE, iv.end + timedelta(hours=1), ref))
    return tuple(out)


def opportunity(**changes: Any) -> Opportunity:
    base = Opportunity(
        ref="acme-pm", company="Acme", role="Product Manager",
        time_zone="America/Chicago", country="US", subdivision="IL",
        contacts=(PRIYA, JANE, OMAR), interviews=(interview(),),
    )
    return replace(base, **changes)


def plan_of(opp: Opportunity, now: datetime, profile: Profile = PROFILE,
            **overrides: Any) -> list[Action]:
    return plan(Record(profile, (opp,)), Settings(overrides), now)


def only(actions: list[Action], kind: ActionKind, contact: str | None = None) -> Action:
    found = of_kind(actions, kind, contact)
    assert len(found) == 1, f"expected one {kind} for {contact}, got {[a.key for a in found]}"
    return found[0]


def of_kind(actions: list[Action], kind: ActionKind, contact: str | None = None) -> list[Action]:
    return [a for a in actions if a.kind is kind and (contact is None or a.contact == contact)]


def local(moment: datetime, tz: ZoneInfo = CHICAGO) -> datetime:
    return moment.astimezone(tz)
