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
}


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


def when(moment: datetime, time_zone: str) -> str:
    """'Tue 01 Dec 09:00' in `time_zone`."""
    local = moment.astimezone(zone(time_zone))
    return local.strftime("%a %d %b %H:%M")


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
