"""The facts a template may use: plain strings, numbers, booleans and lists.

Templates never see the domain objects themselves, only this view of them,
so a template (built in or the user's) can read what a message needs and
nothing else. A fact the message needs but the record lacks is a marker
(`[[add: ...]]`, see placeholders.py), never a generic stand-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from followup.domain import wording
from followup.domain.facts import Facts, gather
from followup.domain.messages import phrasing
from followup.domain.messages.placeholders import marker
from followup.domain.messages.situation import situation_vars
from followup.domain.messages.variety import slot_of, variety
from followup.domain.model import (
    Action,
    ActionKind,
    Contact,
    Culture,
    Interview,
    Opportunity,
    Profile,
    Request,
    Role,
    TouchKind,
)
from followup.domain.rules_cadence import callback_day
from followup.domain.settings import PlaybookSettings, VoicemailStyle
from followup.domain.wait import Wait, attempts_in, current_wait, max_attempts

BR = "\ue000"  # a hard line break inside a paragraph (signatures, addresses)
FORMAL = frozenset({Culture.RESERVED, Culture.TRADITIONAL})
# R5 leaves the delivery date to the user; the draft proposes this many
# business days after the notice and says it is only a suggestion.
DELIVERY_BUSINESS_DAYS = 2

Vars = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Scene:
    """Everything known about one action, worked out once per draft."""

    profile: Profile
    opportunity: Opportunity
    action: Action
    settings: PlaybookSettings
    facts: Facts
    contact: Contact | None
    interview: Interview | None
    wait: Wait | None
    sent: datetime  # when the message goes out: "today", "yesterday" are relative to it

    def day(self, moment: datetime) -> date:
        return self.facts.local_date(moment)

    @property
    def send_day(self) -> date:
        """The day dates in the message count from: never before the action is due."""
        return self.day(max(self.sent, self.action.due))


def scene_for(
    profile: Profile,
    opportunity: Opportunity,
    action: Action,
    settings: PlaybookSettings,
    now: datetime | None = None,
) -> Scene:
    # The planner's facts need a clock only for rules about the present; the
    # action's due time stands in, so a draft depends on the record alone.
    facts = gather(profile, opportunity, settings, action.due)
    wait = current_wait(facts)
    interview = next((iv for iv in facts.interviews if iv.ref == action.interview), None)
    if interview is None and wait is not None:
        interview = wait.interview
    return Scene(profile, opportunity, action, settings, facts,
                 opportunity.contact(action.contact), interview, wait,
                 action.due if now is None else now)


def build(scene: Scene) -> Vars:
    action, opportunity = scene.action, scene.opportunity
    slot = slot_of(opportunity, scene.interview.ref if scene.interview else None, action.contact)
    variables: Vars = {
        "kind": action.kind.value,
        "channel": action.channel.value if action.channel else "",
        "attempt": action.attempt or 0,
        "company": opportunity.company,
        "role": opportunity.role,
        "formal": opportunity.culture in FORMAL,
        "me": _me(scene.profile),
        "them": _them(scene.contact),
        "v": variety(opportunity.ref, action.kind.value, slot).as_dict(),
        "interview": _interview(scene),
        "limit": scene.settings.linkedin_note_limit,
        "compact": 0,  # drafts.py raises it when a note comes out too like a sibling
        "brevity": 0,  # drafts.py raises it when an invitation is over the limit
    }
    variables.update(situation_vars(scene))
    extra = _EXTRAS.get(action.kind)
    if extra is not None:
        variables.update(extra(scene))
    return variables


def _me(profile: Profile) -> Vars:
    email, phone = profile.email or "", profile.phone or ""
    lines = [line.strip() for line in (profile.signature or "").splitlines() if line.strip()]
    return {
        "name": profile.name,
        "first": phrasing.first_name(profile.name),
        "email": email or marker("your email address"),
        "phone": phone or marker("your phone number"),
        "email_spoken": phrasing.spoken_email(email) if email else marker("your email address"),
        "phone_spoken": phrasing.spoken_phone(phone) if phone else marker("your phone number"),
        "signature": lines or [line for line in (profile.name, phone, email) if line],
    }


def _them(contact: Contact | None) -> Vars:
    if contact is None:
        missing = marker("the name of the person you are writing to")
        return {"known": False, "name": missing, "first": missing, "title": "", "phone": "",
                "email": "", "org": ""}
    return {"known": True, "name": contact.name, "first": phrasing.first_name(contact.name),
            "title": contact.title or "", "phone": contact.phone or "",
            "email": contact.email or "", "org": contact.org.value}


def _interview(scene: Scene) -> Vars:
    interview = scene.interview
    if interview is None:
        missing = marker("the date of your interview")
        return {"known": False, "date": missing, "weekday": missing, "days_before": 99,
                "format": "", "round": 0}
    day = scene.day(interview.end)
    return {
        "known": True,
        "date": wording.day(day),
        "weekday": wording.DAYS[day.weekday()],
        "days_before": (scene.day(scene.sent) - day).days,
        "format": interview.format.value,
        "round": interview.round,
    }


def _people(scene: Scene, refs: tuple[str, ...]) -> list[Contact]:
    found = (scene.opportunity.contact(ref) for ref in refs)
    return [contact for contact in found if contact is not None]


def _is_relay(scene: Scene) -> bool:
    """R2: the key contact thanked on behalf of interviewers we cannot write to."""
    interview, contact = scene.interview, scene.contact
    if interview is None or contact is None:
        return False
    people = _people(scene, interview.interviewers)
    return contact.ref not in interview.interviewers or not any(c.email for c in people)


def _note_vars(scene: Scene) -> Vars:
    """R2 content for thank-yous, notes and invitations (000, 001, 002, 003)."""
    interview, contact = scene.interview, scene.contact
    notes = interview.notes if interview is not None else None
    relay = _is_relay(scene)
    others = [c for c in _people(scene, interview.interviewers if interview else ())
              if contact is None or c.ref != contact.ref]
    moment_note, moment_need = _moment(scene, relay)
    moment_with = _moment_with(scene) if relay else ""
    concern, answer = phrasing.split_concern(notes.concerns if notes else None)
    worry = phrasing.optional(concern)
    position = interview.interviewers.index(contact.ref) if (
        interview and contact and contact.ref in interview.interviewers) else 0
    attach = notes.attach if notes else ()
    primary = scene.facts.primary
    learned = phrasing.fact(notes.learned if notes else None,
                            "something you learned about the team or the role")
    skill = phrasing.fact(notes.skills if notes else None,
                          "a skill or achievement you did not get to mention")
    reply = phrasing.fact(answer, "one line on how you would answer that concern, "
                                  "or delete this sentence")
    return {
        "relay": relay,
        "others": [c.name for c in others],
        "moment": phrasing.fact(moment_note, moment_need),
        "moment_with": moment_with,
        "learned": learned,
        "skill": skill,
        "carry": _carry(scene, relay, learned["known"], skill["known"]),
        "concern": worry,
        "address_concern": worry["known"] and (relay or _is_lead(scene)),
        "answer": reply,
        "concern_said": phrasing.concern_sentence(worry["text"], reply["text"])
        if worry["known"] else "",
        "attach": list(attach) if relay else list(attach[position : position + 1]),
        "next_steps": phrasing.optional(notes.next_steps if notes else None),
        "is_primary": primary is not None and contact is not None and primary.ref == contact.ref,
        "ask_timeline": _asks_timeline(scene),
    }


def _carry(scene: Scene, relay: bool, learned: bool, skill: bool) -> Vars:
    """Which of the facts every interviewer shares this note carries (R2, 002).

    One interviewer (or the key contact thanked for everyone) gets both. In a
    panel the shared facts are spread, one a note in the panel's order, so no
    two notes lead with the same fact; a note left without one speaks to that
    interviewer's part in the role instead. With neither fact known, the first
    note asks for what was learned and the second for the skill.
    """
    interview, contact = scene.interview, scene.contact
    panel = [c for c in _people(scene, interview.interviewers if interview else ())
             if c.email or scene.action.kind is not ActionKind.THANK_YOU
             or (contact is not None and c.ref == contact.ref)]
    if relay or len(panel) <= 1 or contact is None:
        return {"learned": True, "skill": True, "part": False}
    position = next((n for n, c in enumerate(panel) if c.ref == contact.ref), 0)
    known = [name for name, on in (("learned", learned), ("skill", skill)) if on] or [
        "learned", "skill"]
    mine = known[position] if position < len(known) else None
    return {"learned": mine == "learned", "skill": mine == "skill", "part": mine is None}


def _is_lead(scene: Scene) -> bool:
    """The interviewer a concern is best answered to: the hiring manager, else the primary."""
    interview, contact = scene.interview, scene.contact
    if interview is None or contact is None:
        return False
    people = _people(scene, interview.interviewers)
    lead = next((c for c in people if Role.HIRING_MANAGER in c.roles), None)
    primary = scene.facts.primary
    if lead is None and primary is not None and primary.ref in interview.interviewers:
        lead = primary
    if lead is None and people:
        lead = people[0]
    return lead is not None and lead.ref == contact.ref


def _moment(scene: Scene, relay: bool) -> tuple[str | None, str]:
    interview, contact = scene.interview, scene.contact
    moments = interview.notes.moments if interview is not None else {}
    if relay:
        found = next((text for text in moments.values() if text.strip()), None)
        return found, "a moment from the day that went well"
    name = phrasing.first_name(contact.name) if contact is not None else "them"
    own = moments.get(contact.ref) if contact is not None else None
    return (phrasing.addressed(own, name) if own else None), f"a moment you shared with {name}"


def _moment_with(scene: Scene) -> str:
    """The first name of the interviewer whose moment a note to someone else recalls."""
    interview = scene.interview
    if interview is None:
        return ""
    for ref, text in interview.notes.moments.items():
        contact = scene.opportunity.contact(ref)
        if text.strip() and contact is not None:
            return phrasing.first_name(contact.name)
    return ""


def _asks_timeline(scene: Scene) -> bool:
    """R6: no decision date was given, and this note goes to the primary contact."""
    interview, primary, contact = scene.interview, scene.facts.primary, scene.contact
    if interview is None or interview.decision_expected is not None or contact is None:
        return False
    return primary is None or primary.ref == contact.ref


def _wait_vars(scene: Scene) -> Vars:
    """R7-R14: the promised date, the latest answer, the attempts so far."""
    wait, action = scene.wait, scene.action
    promised = wait.promised if wait is not None else None
    response = wait.response if wait is not None else None
    attempts = attempts_in(scene.facts, wait) if wait is not None else []
    number = action.attempt or len(attempts) + 1
    earlier = attempts[: number - 1]
    last = earlier[-1] if earlier else None
    return {
        "promised": wording.day(promised) if promised else "",
        "response": {
            "known": response is not None,
            "date": wording.day(scene.day(response.at)) if response else "",
            "summary": phrasing.optional(response.summary if response else None),
            "new_date": bool(response and response.decision_expected),
        },
        "previous": {
            "count": len(earlier),
            "date": wording.day(last.day) if last else "",
            "weekday": wording.DAYS[last.day.weekday()] if last else "",
            "voicemail": bool(last and any(t.kind is TouchKind.VOICEMAIL for t in last.touches)),
            "callback": wording.day(last.callback_on) if last and last.callback_on else "",
        },
        "last_attempt": number >= max_attempts(scene.facts),
    }


def _follow_up_vars(scene: Scene) -> Vars:
    variables = _wait_vars(scene)
    variables["share"] = _share(scene)
    variables["callback"] = _callback(scene, bool(variables["last_attempt"]))
    variables["style"] = scene.settings.voicemail_style.value
    settings = scene.settings
    variables["hours"] = {"start": f"{settings.business_start_hour:02d}:00",
                          "end": f"{settings.business_end_hour:02d}:00",
                          "zone": scene.opportunity.time_zone}
    return variables


def _share(scene: Scene) -> Vars:
    """R9: attempt 2 passes on something of value the user saved (000, 002)."""
    action, items = scene.action, scene.opportunity.share
    wanted = action.share is not None or action.attempt == 2
    index = action.share if action.share is not None else 0
    if not wanted:
        return {"wanted": False, "known": False, "title": "", "url": "",
                "note": phrasing.optional(None)}
    if 0 <= index < len(items):
        item = items[index]
        return {"wanted": True, "known": True, "title": item.title, "url": item.url or "",
                "note": phrasing.optional(item.note)}
    return {"wanted": True, "known": False,
            "title": marker("an article or piece of news worth sharing, or delete this "
                            "sentence"), "url": "", "note": phrasing.optional(None)}


def _callback(scene: Scene, last_attempt: bool) -> Vars:
    """R10 keep-control: the day the voicemail promises to call again (000)."""
    settings, action = scene.settings, scene.action
    if settings.voicemail_style is not VoicemailStyle.KEEP_CONTROL or last_attempt:
        return {"named": False, "date": ""}
    day = action.callback_on
    if day is None:  # an action planned for email: work it out as the planner would
        day = callback_day(settings, scene.facts.calendar, scene.send_day)
    return {"named": True, "date": wording.day(day)}


def _request(scene: Scene) -> Request | None:
    for interview in scene.opportunity.interviews:
        for request in interview.requests:
            if request.ref == scene.action.request:
                return request
    return None


def _request_vars(scene: Scene) -> Vars:
    """R5: what was asked for, when, how it should arrive, and (if late) by when (004)."""
    request = _request(scene)
    due_day = scene.send_day
    deliver_by = scene.facts.calendar.add_business_days(due_day, DELIVERY_BUSINESS_DAYS)
    if request is None:
        missing = marker("what they asked for")
        return {"request": {"what": missing, "the_what": missing, "asked": "", "days_before": 0,
                            "channel": "email", "deliver_by": wording.day(deliver_by)}}
    asked = scene.day(request.asked_at)
    what = phrasing.clean(request.what) or marker("what they asked for")
    return {"request": {
        "what": what,
        "the_what": phrasing.definite(what),
        "asked": wording.day(asked),
        "days_before": (due_day - asked).days,
        "channel": request.channel.value,
        "deliver_by": wording.day(deliver_by),
    }}


def _reply_vars(scene: Scene) -> Vars:
    """R14: the answer being replied to; R13: how the wait ended."""
    variables = _wait_vars(scene)
    variables.update(_note_vars(scene))
    return variables


def _prepare_vars(scene: Scene) -> Vars:
    """R1: who is on the schedule and whose email is still unknown."""
    interview = scene.interview
    people = _people(scene, interview.interviewers) if interview else []
    start = interview.start if interview else scene.action.due
    return {
        "starts": wording.day_and_time_in(start, scene.profile.time_zone),
        "people": [c.name for c in people],
        "no_email": [c.name for c in people if not c.email],
        "aim_hours": scene.settings.thank_you_aim_hours,
        "deadline_hours": scene.settings.thank_you_deadline_hours,
        # issue 10: the exact command that records the notes the thank-yous need
        "notes_command": f"followup notes {scene.opportunity.ref} "
                         f"{interview.ref if interview else 'INTERVIEW'}",
    }


_EXTRAS: dict[ActionKind, Callable[[Scene], Vars]] = {
    ActionKind.PREPARE: _prepare_vars,
    ActionKind.THANK_YOU: _note_vars,
    ActionKind.HANDWRITTEN_NOTE: _note_vars,
    ActionKind.LINKEDIN_INVITE: _note_vars,
    ActionKind.SEND_INFO: _request_vars,
    ActionKind.INFO_DELAY_NOTICE: _request_vars,
    ActionKind.CHECK_IN: _wait_vars,
    ActionKind.FOLLOW_UP: _follow_up_vars,
    ActionKind.CLOSE_OUT: _reply_vars,
    ActionKind.COURTEOUS_REPLY: _reply_vars,
    ActionKind.ACKNOWLEDGE: _wait_vars,
}

