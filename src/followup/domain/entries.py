"""An action as the agenda shows it: its JSON entry (CONTRACT.md) and its words for people.

One place for both, so the agenda planned at read time and the one stored at
write time (`followup.store.plan_cache`) print the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from followup.domain.calendar import zone
from followup.domain.model import Action, Opportunity

KIND_LABELS = {
    "prepare": "prepare",
    "thank_you": "thank-you",
    "handwritten_note": "handwritten note",
    "linkedin_invite": "LinkedIn invite",
    "send_info": "send requested info",
    "info_delay_notice": "tell them it is coming",
    "check_in": "check in",
    "follow_up": "follow up",
    "close_out": "close out",
    "courteous_reply": "courteous reply",
    "acknowledge": "short reply",
}


# Headings for pages and calendar events: the same kinds, capitalised and
# spelt out where a line has room (one table for the web app and the feed).
KIND_TITLES = {
    "prepare": "Prepare", "thank_you": "Thank-you", "handwritten_note": "Handwritten note",
    "linkedin_invite": "LinkedIn invitation", "send_info": "Send what they asked for",
    "info_delay_notice": "Tell them it is coming", "check_in": "Check in",
    "follow_up": "Follow up", "close_out": "Close out", "courteous_reply": "Courteous reply",
    "acknowledge": "Short reply to their update",
}


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind.replace("_", " ").capitalize())


def action_json(action: Action, time_zone: str) -> dict[str, Any]:
    """One agenda entry as CONTRACT.md shows it, times in the employer's zone."""
    tz = zone(time_zone)
    return {
        "key": action.key,
        "opportunity": action.opportunity,
        "kind": action.kind.value,
        "rule": action.rule,
        "contact": action.contact,
        "channel": None if action.channel is None else action.channel.value,
        "attempt": action.attempt,
        "earliest": action.earliest.astimezone(tz).isoformat(),
        "due": action.due.astimezone(tz).isoformat(),
        "latest": None if action.latest is None else action.latest.astimezone(tz).isoformat(),
        "late": action.late,
        "why": action.why,
        "sources": list(action.sources),
        "interview": action.interview,
        "request": action.request,
        "callback_on": None if action.callback_on is None else action.callback_on.isoformat(),
        "share": action.share,
    }


def when(moment: datetime, time_zone: str, employer_zone: str | None = None) -> str:
    """'Mon 30 Nov 04:00' on the user's clock, with '(09:00 London)' beside it
    when the employer's clock reads differently.

    No year: an agenda is about the coming days, and a stored line must not
    depend on the clock it is read at (the timeline of `show` gives years).
    """
    from followup.domain.entry import beside

    return beside(moment, time_zone, employer_zone)


def rule_source(action: Action) -> str:
    """'R8 · Mission +2': the rule and its first source, in short form."""
    from followup.domain.sources import short_title

    if not action.sources:
        return action.rule
    more = f" +{len(action.sources) - 1}" if len(action.sources) > 1 else ""
    return f"{action.rule} · {short_title(action.sources[0])}{more}"


def explained(action: Action) -> str:
    """The why as people read it: the sentence, then its rule and source."""
    return f"{action.why} [{rule_source(action)}]"


def describe(action: Action, opportunity: Opportunity) -> str:
    """'follow up #2 to Jane Roe (email)'."""
    label = KIND_LABELS.get(action.kind.value, action.kind.value)
    if action.attempt:
        label += f" #{action.attempt}"
    contact = opportunity.contact(action.contact)
    if contact is not None:
        label += f" to {contact.name}"
    if action.channel is not None:
        label += f" ({action.channel.value.replace('_', ' ')})"
    return label


def headline(opportunity: Opportunity) -> str:
    return f"{opportunity.company} · {opportunity.role}"
