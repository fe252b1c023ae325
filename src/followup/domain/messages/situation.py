"""What the record says about the situation a message is written in (issue 9).

Every phrase of a draft depends on facts: one interviewer or a panel, the
employer or an agency (the agency is not the employer: its recruiter is asked
what they have heard from their client), the first round or a later one, who
sent the last answer. Templates read these as plain values.

`fact_index` lists the record's facts a draft may name, each under a key
("contact:kayla:first", "interview:r1:date", "notes:r1:learned"), so a draft
can say which facts each of its sentences used (Draft.sentence_facts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from followup.domain import wording
from followup.domain.messages import phrasing
from followup.domain.model import Contact, Org

if TYPE_CHECKING:
    from followup.domain.messages.context import Scene

Vars = dict[str, Any]


def situation_vars(scene: Scene) -> Vars:
    contact, interview, opportunity = scene.contact, scene.interview, scene.opportunity
    people = [c for c in (opportunity.contact(r) for r in (interview.interviewers if interview
                                                           else ())) if c is not None]
    is_them = contact is not None and any(c.ref == contact.ref for c in people)
    others = [c for c in people if contact is None or c.ref != contact.ref]
    return {
        "agency": contact is not None and contact.org is Org.AGENCY,
        "panel": len(people) > 1,
        "met_them": is_them,
        "met_time": _met_time(is_them, others),
        "met_with": _listed([phrasing.first_name(c.name) for c in people]),
        "later_round": interview is not None and interview.round >= 2,
        "linked": contact is not None and contact.ref in scene.facts.done.linked,
        "by": _sender(scene),
    }


def _met_time(is_them: bool, others: list[Contact]) -> str:
    """'your time', 'the time you and the team gave me', 'the time Raj and Mei gave me'."""
    if is_them:
        return "the time you and the team gave me" if others else "your time"
    if not others:
        return "your time"
    return f"the time {_listed([phrasing.first_name(c.name) for c in others])} gave me"


def _listed(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _sender(scene: Scene) -> Vars:
    """Who sent the answer being replied to or recalled (R14: credit the sender)."""
    response = scene.wait.response if scene.wait is not None else None
    sender = scene.opportunity.contact(response.contact) if response is not None else None
    if sender is None:
        return {"known": False, "first": "", "name": "", "is_them": False}
    is_them = scene.contact is not None and scene.contact.ref == sender.ref
    return {"known": True, "first": phrasing.first_name(sender.name), "name": sender.name,
            "is_them": is_them}


def fact_index(scene: Scene, variables: Vars) -> tuple[tuple[str, str], ...]:
    """The record's facts this draft may name, as (key, the words the draft uses)."""
    opportunity, profile = scene.opportunity, scene.profile
    found: dict[str, str] = {"company": opportunity.company, "role": opportunity.role,
                             "me:name": profile.name, "me:first": phrasing.first_name(
                                 profile.name)}
    for contact in opportunity.contacts:
        found[f"contact:{contact.ref}:name"] = contact.name
        found[f"contact:{contact.ref}:first"] = phrasing.first_name(contact.name)
        if contact.title:
            found[f"contact:{contact.ref}:title"] = contact.title
    for interview in opportunity.interviews:
        day = scene.day(interview.end)
        found[f"interview:{interview.ref}:date"] = wording.day(day)
        found[f"interview:{interview.ref}:weekday"] = wording.DAYS[day.weekday()]
        if interview.decision_expected is not None:
            found[f"interview:{interview.ref}:decision"] = wording.day(interview.decision_expected)
    for touch in opportunity.touches:
        if touch.decision_expected is not None:
            found[f"touch:{touch.at.isoformat()}:decision"] = wording.day(touch.decision_expected)
    _add_note_facts(found, variables)
    return tuple((key, text) for key, text in found.items() if text)


_NOTE_FIELDS = ("moment", "learned", "skill", "concern", "answer", "next_steps")


def _add_note_facts(found: dict[str, str], variables: Vars) -> None:
    for name in _NOTE_FIELDS:
        fact = variables.get(name)
        if isinstance(fact, dict) and fact.get("known"):
            found[f"notes:{name}"] = fact["text"]
    for index, item in enumerate(variables.get("attach", ())):
        found[f"notes:attach:{index}"] = item
    share = variables.get("share")
    if isinstance(share, dict) and share.get("known"):
        found["share:title"] = share["title"]
    request = variables.get("request")
    if isinstance(request, dict):
        found["request:what"] = request.get("what", "")
    for name in ("promised",):
        if variables.get(name):
            found[f"wait:{name}"] = variables[name]
    response = variables.get("response")
    if isinstance(response, dict) and response.get("known"):
        found["response:date"] = response["date"]
