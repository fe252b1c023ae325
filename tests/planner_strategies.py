"""Hypothesis strategies: whole opportunities with messy, realistic histories."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from followup.domain.model import (
    Channel,
    Contact,
    Culture,
    Direction,
    Interview,
    InterviewFormat,
    Opportunity,
    Org,
    Outcome,
    PreferredChannel,
    Role,
    Stage,
    Touch,
    TouchKind,
    Via,
)

PLACES = [
    ("America/Chicago", "US", "IL"),
    ("America/Los_Angeles", "US", "CA"),
    ("America/New_York", "US", "NY"),
    ("Europe/London", "GB", "ENG"),
    ("Europe/Berlin", "DE", "BY"),
    ("Asia/Tokyo", "JP", None),
    ("Australia/Sydney", "AU", "NSW"),
]
BASE = datetime(2026, 10, 20, tzinfo=UTC)  # spans DST ends, Thanksgiving, Christmas


def moments(days: int = 90) -> st.SearchStrategy[datetime]:
    return st.integers(0, days * 96).map(lambda quarters: BASE + timedelta(minutes=15 * quarters))


def days_after(day: date, most: int) -> st.SearchStrategy[date]:
    return st.integers(0, most).map(lambda days: day + timedelta(days=days))


@st.composite
def contacts(draw: st.DrawFn) -> tuple[Contact, ...]:
    count = draw(st.integers(1, 4))
    out = []
    for n in range(count):
        roles = draw(st.lists(st.sampled_from(list(Role)), unique=True, max_size=2))
        out.append(Contact(
            ref=f"c{n}", name=f"Person {n}",
            email=draw(st.sampled_from([None, f"c{n}@employer.example"])),
            phone=draw(st.sampled_from([None, "+1 555 0100"])),
            org=draw(st.sampled_from(list(Org))), roles=tuple(roles),
        ))
    return tuple(out)


@st.composite
def interviews(draw: st.DrawFn, refs: list[str], tz: ZoneInfo) -> tuple[Interview, ...]:
    count = draw(st.integers(1, 3))
    out = []
    for n in range(count):
        start = draw(moments(60)).astimezone(tz)
        end = start + timedelta(minutes=draw(st.integers(15, 300)))
        decision = draw(st.one_of(st.none(), days_after(start.date(), 30)))
        out.append(Interview(
            ref=f"r{n}", round=draw(st.integers(1, 3)),
            format=draw(st.sampled_from(list(InterviewFormat))), start=start, end=end,
            interviewers=tuple(draw(st.lists(st.sampled_from(refs), unique=True, max_size=3))),
            decision_expected=decision,
        ))
    return tuple(out)


@st.composite
def touches(draw: st.DrawFn, refs: list[str], tz: ZoneInfo) -> tuple[Touch, ...]:
    out = []
    for _ in range(draw(st.integers(0, 10))):
        when = draw(moments(120)).astimezone(tz)
        kind = draw(st.sampled_from(list(TouchKind)))
        inbound = kind is TouchKind.RESPONSE
        soon = days_after(when.date(), 20)
        out.append(Touch(
            at=when, kind=kind, direction=Direction.IN if inbound else Direction.OUT,
            contact=draw(st.sampled_from([None, *refs])),
            channel=Channel.PHONE if kind in (TouchKind.CALL, TouchKind.VOICEMAIL)
            else Channel.EMAIL,
            callback_on=draw(st.one_of(st.none(), soon)) if kind is TouchKind.VOICEMAIL
            else None,
            decision_expected=draw(st.one_of(st.none(), soon)) if inbound else None,
            outcome=draw(st.one_of(st.none(), st.sampled_from(list(Outcome)))) if inbound
            else None,
        ))
    return tuple(out)


@st.composite
def opportunities(draw: st.DrawFn) -> Opportunity:
    time_zone, country, subdivision = draw(st.sampled_from(PLACES))
    tz = ZoneInfo(time_zone)
    people = draw(contacts())
    refs = [c.ref for c in people]
    return Opportunity(
        ref="opp", company="Acme", role="Analyst", time_zone=time_zone, country=country,
        subdivision=subdivision, via=draw(st.sampled_from(list(Via))),
        culture=draw(st.one_of(st.none(), st.sampled_from(list(Culture)))),
        channel=draw(st.sampled_from(list(PreferredChannel))),
        stage=draw(st.sampled_from([Stage.INTERVIEWING] * 6 + list(Stage))),
        contacts=people, interviews=draw(interviews(refs, tz)), touches=draw(touches(refs, tz)),
    )


def clocks() -> st.SearchStrategy[datetime]:
    return moments(150)


def a_date(value: datetime) -> date:
    return value.date()
