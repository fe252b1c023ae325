"""Synthetic records for the benchmarks: many realistic opportunities, seeded.

Each opportunity has 3-5 contacts, 1-3 interviews and 5-8 touches, spread
over several countries and time zones, dated around `now` so the planner has
every kind of work to do (thank-yous owed, requests open, cadences running,
responses received, a few closed).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from followup.domain.model import (
    Channel,
    Contact,
    Culture,
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

PLACES = [
    ("America/New_York", "US", "NY"),
    ("America/Chicago", "US", "IL"),
    ("America/Los_Angeles", "US", "CA"),
    ("America/Denver", "US", "CO"),
    ("Europe/London", "GB", "ENG"),
    ("Europe/Berlin", "DE", "BY"),
    ("Europe/Paris", "FR", None),
    ("America/Toronto", "CA", "ON"),
    ("Australia/Sydney", "AU", "NSW"),
    ("Asia/Kolkata", "IN", None),
]
FIRST = ["Priya", "Jane", "Omar", "Li", "Maria", "Tom", "Aisha", "Kenji", "Sofia", "Ben"]
LAST = ["Shah", "Roe", "Haddad", "Wei", "Garcia", "Berg", "Okafor", "Sato", "Rossi", "Cole"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Vandelay"]
ROLES = ["Product Manager", "Data Engineer", "Supply Chain Analyst", "Designer", "SRE"]
OUTBOUND = [TouchKind.EMAIL, TouchKind.CALL, TouchKind.VOICEMAIL]


def make_record(n_opportunities: int, seed: int, now: datetime) -> Record:
    rng = random.Random(seed)
    profile = Profile(
        name="Sam Lee",
        email="sam@example.org",
        phone="+1 555 0100",
        time_zone="America/New_York",
        playbook=PlaybookName.STANDARD,
    )
    opportunities = tuple(_opportunity(rng, index, now) for index in range(n_opportunities))
    return Record(profile=profile, opportunities=opportunities)


def _opportunity(rng: random.Random, index: int, now: datetime) -> Opportunity:
    time_zone, country, subdivision = rng.choice(PLACES)
    tz = ZoneInfo(time_zone)
    via = Via.RECRUITER if rng.random() < 0.3 else Via.DIRECT
    contacts = _contacts(rng, via)
    interviews = _interviews(rng, contacts, now.astimezone(tz))
    # A touch is something that happened: none after `now` (import refuses them).
    touches = tuple(t for t in _touches(rng, contacts, interviews) if t.at <= now)
    stage = rng.choices(
        [Stage.INTERVIEWING, Stage.REJECTED, Stage.OFFER, Stage.APPLIED],
        weights=[85, 7, 3, 5],
    )[0]
    return Opportunity(
        ref=f"opp-{index}",
        company=rng.choice(COMPANIES),
        role=rng.choice(ROLES),
        time_zone=time_zone,
        country=country,
        subdivision=subdivision,
        via=via,
        culture=rng.choice([None, *Culture]),
        channel=rng.choice(list(PreferredChannel)),
        stage=stage,
        contacts=contacts,
        interviews=interviews,
        touches=touches,
        share=(ShareItem(title="An article on warehouse robotics", url="https://example.org/a"),),
    )


def _contacts(rng: random.Random, via: Via) -> tuple[Contact, ...]:
    count = rng.randint(3, 5)
    roles = [Role.HIRING_MANAGER, Role.INTERVIEWER, Role.COORDINATOR, Role.INTERVIEWER]
    contacts = []
    for n in range(count):
        agency = via is Via.RECRUITER and n == 0
        role = Role.RECRUITER if agency else roles[(n - 1) % len(roles)]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        contacts.append(
            Contact(
                ref=f"c{n}",
                name=name,
                title="Director" if role is Role.HIRING_MANAGER else None,
                email=None if rng.random() < 0.15 else f"c{n}@employer.example",
                phone=None if rng.random() < 0.5 else "+1 555 0199",
                org=Org.AGENCY if agency else Org.EMPLOYER,
                roles=(role,) if role is not Role.HIRING_MANAGER else (role, Role.INTERVIEWER),
            )
        )
    return tuple(contacts)


def _interviews(
    rng: random.Random, contacts: tuple[Contact, ...], now: datetime
) -> tuple[Interview, ...]:
    count = rng.randint(1, 3)
    day = now.date() - timedelta(days=rng.randint(-3, 40))
    interviews = []
    for n in range(count):
        start = datetime.combine(day, datetime.min.time(), now.tzinfo).replace(
            hour=rng.randint(9, 15)
        )
        end = start + timedelta(minutes=rng.choice([30, 45, 60, 180]))
        people = tuple(c.ref for c in rng.sample(list(contacts), rng.randint(1, 3)))
        decision = day + timedelta(days=rng.randint(3, 21)) if rng.random() < 0.7 else None
        requests = (
            (Request(f"q{n}", "three references", people[0], Channel.EMAIL, end, None),)
            if rng.random() < 0.3
            else ()
        )
        interviews.append(
            Interview(
                ref=f"r{n + 1}",
                round=n + 1,
                format=rng.choice(list(InterviewFormat)),
                start=start,
                end=end,
                interviewers=people,
                decision_expected=decision,
                requests=requests,
                notes=InterviewNotes(learned="They are rebuilding the planning team."),
            )
        )
        day = day + timedelta(days=rng.randint(4, 10))
    return tuple(interviews)


def _touches(
    rng: random.Random, contacts: tuple[Contact, ...], interviews: tuple[Interview, ...]
) -> tuple[Touch, ...]:
    """5-8 touches: most thank-yous and invitations done, then the cadence so far."""
    budget = rng.randint(5, 8)
    touches = _courtesies(rng, contacts, interviews)[: budget - 2]
    last = max([interviews[-1].end, *(t.at for t in touches)])
    while len(touches) < budget:
        last = last + timedelta(hours=rng.randint(24, 200))
        contact = rng.choice(contacts).ref
        if rng.random() < 0.2:
            touches.append(_response(rng, last, contact))
            continue
        kind = rng.choice(OUTBOUND)
        callback = _callback(rng, last) if kind is TouchKind.VOICEMAIL else None
        channel = Channel.EMAIL if kind is TouchKind.EMAIL else Channel.PHONE
        touches.append(
            Touch(at=last, kind=kind, direction=Direction.OUT, contact=contact,
                  channel=channel, summary="Asked how things stand.", callback_on=callback)
        )
    return tuple(touches)


def _courtesies(
    rng: random.Random, contacts: tuple[Contact, ...], interviews: tuple[Interview, ...]
) -> list[Touch]:
    by_ref = {contact.ref: contact for contact in contacts}
    touches = []
    for interview in interviews:
        sent = interview.end + timedelta(hours=rng.randint(1, 20))
        for ref in interview.interviewers:
            if by_ref[ref].email and rng.random() < 0.85:
                touches.append(Touch(at=sent, kind=TouchKind.THANK_YOU, direction=Direction.OUT,
                                     contact=ref, channel=Channel.EMAIL, summary="Thanked."))
            if rng.random() < 0.6:
                touches.append(Touch(at=sent, kind=TouchKind.LINKEDIN_INVITE,
                                     direction=Direction.OUT, contact=ref,
                                     channel=Channel.LINKEDIN, summary="Invited."))
    return touches


def _response(rng: random.Random, at: datetime, contact: str) -> Touch:
    outcome = rng.choice([None, Outcome.DELAYED, Outcome.NEXT_ROUND, Outcome.REJECTED])
    delayed = outcome is Outcome.DELAYED
    new_date = at.date() + timedelta(days=rng.randint(5, 14)) if delayed else None
    return Touch(at=at, kind=TouchKind.RESPONSE, direction=Direction.IN, contact=contact,
                 channel=Channel.EMAIL, summary="They wrote back.", outcome=outcome,
                 decision_expected=new_date)


def _callback(rng: random.Random, at: datetime) -> date | None:
    return at.date() + timedelta(days=rng.randint(3, 7)) if rng.random() < 0.6 else None
