"""What mail teaches the planner: an auto-reply pauses, a bounce stops email."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from followup.domain.model import ActionKind, Channel, Direction, Touch, TouchKind
from planner_builders import JANE, OMAR, PRIYA, at, interview, only, opportunity, plan_of, thanked

NOW = at(2026, 12, 2, 12)


def _away(until: date | None, contact: str = "jane") -> Touch:
    return Touch(at=at(2026, 12, 1, 10), kind=TouchKind.AUTO_REPLY, direction=Direction.IN,
                 contact=contact, channel=Channel.EMAIL, summary="Out of office",
                 return_on=until)


def _follow_up(*touches: Touch, contacts=(PRIYA, JANE, OMAR)):  # type: ignore[no-untyped-def]
    opp = opportunity(contacts=contacts, touches=(*thanked(interview()), *touches))
    return only(plan_of(opp, NOW), ActionKind.FOLLOW_UP)


def test_without_mail_the_first_follow_up_is_two_business_days_after_the_date() -> None:
    assert _follow_up().due.date() == date(2026, 12, 8)


def test_an_auto_reply_is_not_a_response_and_the_follow_up_waits_past_the_return() -> None:
    plain = _follow_up()
    away = _follow_up(_away(date(2026, 12, 9)))
    assert away.key == plain.key  # the wait did not restart: no one answered
    assert away.due.date() == date(2026, 12, 10)  # the business day after 9 December
    assert "away until Wednesday 9 December" in away.why


def test_an_auto_reply_that_is_back_before_the_follow_up_changes_nothing() -> None:
    plain = _follow_up()
    assert _follow_up(_away(date(2026, 12, 4))) == plain
    assert _follow_up(_away(None)) == plain


def test_an_auto_reply_from_someone_else_does_not_hold_the_follow_up() -> None:
    assert _follow_up(_away(date(2026, 12, 11), contact="priya")).due.date() == date(2026, 12, 8)


def test_a_bounced_address_is_no_longer_chosen_for_email() -> None:
    bounced = replace(JANE, email_bounced_at=at(2026, 12, 1, 9))
    action = _follow_up(contacts=(PRIYA, bounced, OMAR))
    assert action.contact == "jane" and action.channel is Channel.PHONE
    no_phone = replace(bounced, phone=None, linkedin="https://www.linkedin.com/in/janeroe")
    assert _follow_up(contacts=(PRIYA, no_phone, OMAR)).channel is Channel.LINKEDIN


def _thank_yous(*contacts):  # type: ignore[no-untyped-def]
    opp = opportunity(contacts=contacts, touches=())
    return [a for a in plan_of(opp, at(2026, 11, 18, 12)) if a.kind is ActionKind.THANK_YOU]


def test_no_thank_you_goes_to_an_interviewer_whose_address_bounced() -> None:
    assert {a.contact for a in _thank_yous(PRIYA, JANE, OMAR)} == {"priya", "jane"}
    bounced = replace(PRIYA, email_bounced_at=at(2026, 11, 18, 11))
    assert {a.contact for a in _thank_yous(bounced, JANE, OMAR)} == {"jane"}


def test_when_every_interviewer_bounced_the_thanks_go_through_a_working_key_contact() -> None:
    gone = at(2026, 11, 18, 11)
    people = (replace(PRIYA, email_bounced_at=gone), replace(JANE, email_bounced_at=gone), OMAR)
    (relay,) = _thank_yous(*people)
    assert relay.contact == "omar" and relay.channel is Channel.EMAIL
    assert "pass your thanks on" in relay.why
