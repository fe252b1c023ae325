"""Drafts proven on a corpus of realistic records (tests/corpus/records, issue 9).

For every planned action of every record, at several moments of its story,
the draft goes to the right person, passes the product's own checks, leaves
no placeholder the notes could have filled, names no fact the record does
not hold, and (for a panel) leads each note with a fact of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest

from followup.domain import wording
from followup.domain.messages import Draft, Severity, draft
from followup.domain.model import (
    TOUCH_FOR,
    Action,
    ActionKind,
    Channel,
    Decision,
    DecisionKind,
    Direction,
    Opportunity,
    Org,
    Profile,
    Record,
    Stage,
    Touch,
    TouchKind,
)
from followup.domain.planner import plan_opportunity
from followup.domain.settings import Settings
from followup.transports.exchange_read import decode_json, load_document

RECORDS = Path(__file__).resolve().parent / "corpus" / "records"
NAMES = sorted(path.stem for path in RECORDS.glob("*.json"))
# Records whose notes cover everything a draft needs: no marker may remain.
COMPLETE = {"01-nyc-panel-onsite", "02-nyc-panel-thank-yous", "04-la-video-quiet",
            "08-toronto-agency-delayed", "13-seattle-request-hm-reply", "14-dublin-phone-quiet"}
# Who follow-ups go to (R15), worked out by hand from each record.
FOLLOW_UPS_TO = {
    "01-nyc-panel-onsite": "kayla", "02-nyc-panel-thank-yous": "nadia",
    "03-london-agency-screen": "tom", "04-la-video-quiet": "maya",
    "06-austin-recruiter-screen": "alex", "07-berlin-panel-next-round": "anna",
    "08-toronto-agency-delayed": "claire", "09-boston-coordinator-delay": "hannah",
    "10-denver-phone-partial": "erin", "11-sydney-onsite-empty": "liam",
    "13-seattle-request-hm-reply": "noah", "14-dublin-phone-quiet": "aoife",
}
STORY_DAYS = 90
LATENESS = (timedelta(0), timedelta(days=1), timedelta(days=5))


@cache
def record(name: str) -> Record:
    return load_document(decode_json((RECORDS / f"{name}.json").read_text()))


def _done(opportunity: Opportunity, action: Action) -> Opportunity:
    if action.kind is ActionKind.PREPARE:
        decision = Decision(action.key, DecisionKind.DONE, action.due)
        return replace(opportunity, decisions=(*opportunity.decisions, decision))
    if action.kind is ActionKind.CLOSE_OUT:
        return replace(opportunity, stage=Stage.CLOSED_NO_RESPONSE)
    kind = TOUCH_FOR[action.kind]  # what `followup done` logs, so the story moves on
    if kind is TouchKind.EMAIL and action.channel is Channel.PHONE:
        kind = TouchKind.VOICEMAIL
    touch = Touch(action.due, kind, Direction.OUT, action.contact,
                  Channel.PHONE if kind is TouchKind.VOICEMAIL else action.channel,
                  callback_on=action.callback_on if kind is TouchKind.VOICEMAIL else None)
    return replace(opportunity, touches=(*opportunity.touches, touch))


@cache
def drafted(name: str) -> tuple[tuple[Action, Draft, Opportunity], ...]:
    """The record's story played forward a day at a time, the user doing every action
    when it falls due; each action drafted as it stands then, once."""
    rec = record(name)
    profile, opportunity = rec.profile, rec.opportunities[0]
    settings = Settings().for_opportunity(opportunity, profile)
    now = min(iv.start for iv in opportunity.interviews) - timedelta(days=1)
    found: list[tuple[Action, Draft, Opportunity]] = []
    seen: set[str] = set()
    for _ in range(STORY_DAYS * 2):
        now += timedelta(hours=12)
        for action in plan_opportunity(profile, opportunity, Settings(), now):
            if action.due > now or action.key in seen:
                continue
            seen.add(action.key)
            for late in LATENESS:  # written when due, and again as if sent later
                written = draft(profile, opportunity, action, settings, now=action.due + late)
                found.append((action, written, opportunity))
            opportunity = _done(opportunity, action)
    return tuple(found)


def test_the_corpus_has_at_least_twelve_records_covering_the_situations() -> None:
    assert len(NAMES) >= 12
    opportunities = [record(name).opportunities[0] for name in NAMES]
    interviews = [iv for o in opportunities for iv in o.interviews]
    assert {iv.format.value for iv in interviews} == {"phone", "video", "onsite"}
    assert any(len(iv.interviewers) > 1 for iv in interviews)
    assert any(len(iv.interviewers) == 1 for iv in interviews)
    assert {o.via.value for o in opportunities} == {"direct", "recruiter"}
    outcomes = {t.outcome.value for o in opportunities for t in o.touches if t.outcome}
    assert {"delayed", "next_round", "rejected"} <= outcomes
    senders = {o.contact(t.contact).roles[0].value for o in opportunities for t in o.touches
               if t.direction.value == "in" and o.contact(t.contact)}
    assert {"hiring_manager", "recruiter", "coordinator"} <= senders


@pytest.mark.parametrize("name", NAMES)
def test_every_draft_goes_to_the_right_person(name: str) -> None:
    for action, found, opportunity in drafted(name):
        contact = opportunity.contact(action.contact)
        if action.kind is ActionKind.PREPARE:
            continue
        assert contact is not None and found.to_name == contact.name, action.key
        if action.kind in (ActionKind.FOLLOW_UP, ActionKind.CHECK_IN, ActionKind.CLOSE_OUT):
            assert action.contact == FOLLOW_UPS_TO[name], action.key
        if action.kind in (ActionKind.ACKNOWLEDGE, ActionKind.COURTEOUS_REPLY):
            answer = max((t for t in opportunity.touches if t.direction.value == "in"),
                         key=lambda t: t.at)
            assert action.contact == answer.contact, action.key  # the one who wrote


@pytest.mark.parametrize("name", NAMES)
def test_no_draft_has_an_error_but_the_markers_the_notes_leave(name: str) -> None:
    for action, found, _ in drafted(name):
        errors = [f for f in found.findings if f.severity is Severity.ERROR]
        codes = {f.code for f in errors}
        if name in COMPLETE:
            assert codes == set(), (action.key, [f.message for f in errors])
            assert "[[" not in found.body + (found.subject or ""), action.key
        else:
            assert codes <= {"unfilled-placeholder"}, (action.key, [f.message for f in errors])
        assert not any(f.code == "subject-too-long" for f in found.findings), action.key


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                  r"(?: \d{1,2} [A-Z][a-z]+)?")
_ALWAYS = {"I", "I'm", "I've", "I'd", "I'll", "LinkedIn", "Thank", "Thanks", "Hi", "Hello",
           "Dear", "Many", "Best", "Kind", "Warm", "With", "All", "FDA"}


def vocabulary(profile: Profile, opportunity: Opportunity) -> str:
    """Every word the record holds, as one text to look names up in."""
    parts = [profile.name, opportunity.company, opportunity.role]
    for contact in opportunity.contacts:
        parts += [contact.name, contact.title or ""]
    for interview in opportunity.interviews:
        notes = interview.notes
        parts += [notes.learned or "", notes.concerns or "", notes.skills or "",
                  notes.next_steps or "", *notes.moments.values(), *notes.attach]
        parts += [request.what for request in interview.requests]
    parts += [t.summary or "" for t in opportunity.touches]
    parts += [f"{item.title} {item.note or ''}" for item in opportunity.share]
    return " ".join(parts)


def dates(opportunity: Opportunity, action: Action) -> set[str]:
    """The days a draft may name: the record's, and the ones the plan gives."""
    zone = action.due.tzinfo
    found = {iv.end.astimezone(zone).date() for iv in opportunity.interviews}
    found |= {iv.decision_expected for iv in opportunity.interviews if iv.decision_expected}
    found |= {t.at.astimezone(zone).date() for t in opportunity.touches}
    found |= {t.decision_expected for t in opportunity.touches if t.decision_expected}
    found |= {t.callback_on for t in opportunity.touches if t.callback_on}
    start = action.due.astimezone(zone).date()
    found |= {start + timedelta(days=n) for n in range(0, 10)}  # suggested call-back, delivery
    named = {wording.day(day) for day in found}
    return named | {name.split(" ")[0] for name in named}


@pytest.mark.parametrize("name", NAMES)
def test_no_sentence_names_a_fact_the_record_does_not_hold(name: str) -> None:
    rec = record(name)
    opportunity = rec.opportunities[0]
    words = vocabulary(rec.profile, opportunity)
    for action, found, as_then in drafted(name):
        allowed = dates(as_then, action)
        for sentence, keys in found.sentence_facts():
            for day in _DAY.findall(sentence):
                assert day in allowed, (action.key, sentence)
            plain = _DAY.sub("", sentence)
            opening = re.match(r"[\W_]*", plain)
            start = opening.end() if opening else 0
            for match in _CAPITALISED.finditer(plain):
                for n, token in enumerate(match.group(0).split()):
                    if match.start() == start and n == 0:
                        continue  # a sentence's (or list item's) first word
                    assert token in _ALWAYS or token.strip("'’s:,") in words, (
                        action.key, token, sentence)
            for key in keys:  # each recorded fact is one the record holds
                assert key in dict(found.facts), (action.key, key)


@pytest.mark.parametrize("name", NAMES)
def test_phrases_follow_the_record(name: str) -> None:
    for action, found, opportunity in drafted(name):
        text = found.body.lower()
        contact = opportunity.contact(action.contact)
        interview = next((iv for iv in opportunity.interviews if iv.ref == action.interview),
                         None)
        if interview is not None and len(interview.interviewers) == 1:
            assert "you and the team" not in text, action.key
        if contact is not None and contact.org is Org.AGENCY:
            assert "you expect to decide" not in text, action.key
            assert "considering me" not in text, action.key
        if action.kind is ActionKind.CLOSE_OUT:
            invited = any(t.kind.value == "linkedin_invite" and t.contact == action.contact
                          for t in opportunity.touches)
            assert invited == any("LinkedIn" in line for line in found.advice), action.key
        if interview is not None and action.kind is ActionKind.THANK_YOU:
            noun = {"phone": ("meeting", "video call"), "video": ("meeting",),
                    "onsite": ("'s call", "video call")}[interview.format.value]
            assert not any(word in text for word in noun), (action.key, noun)


@pytest.mark.parametrize("name", NAMES)
def test_an_answer_is_credited_to_whoever_sent_it(name: str) -> None:
    for action, found, opportunity in drafted(name):
        answers = [t for t in opportunity.touches if t.direction.value == "in"]
        sender = opportunity.contact(answers[-1].contact) if answers else None
        for sentence, _ in found.sentence_facts():
            if " mentioned on " in sentence:
                assert sender is not None and sentence.startswith(sender.name.split()[0]), (
                    action.key, sentence)
        if "your update" in found.body:
            assert sender is not None and sender.ref == action.contact, action.key


@pytest.mark.parametrize("name", NAMES)
def test_no_two_notes_of_one_interview_lead_with_the_same_fact(name: str) -> None:
    leads: dict[str | None, dict[str, str | None]] = {}
    for action, found, _ in drafted(name):
        if action.kind is ActionKind.THANK_YOU:
            leads.setdefault(action.interview, {})[action.key] = found.leading_fact()
    for by_key in leads.values():
        notes = list(by_key.values())
        known = [lead for lead in notes if lead is not None]
        assert len(known) == len(set(known))
        if name in COMPLETE:
            assert len(known) == len(notes)
