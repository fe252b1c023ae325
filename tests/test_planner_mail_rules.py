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
