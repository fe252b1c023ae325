"""Is a scheduled message still wanted? Asked again at the moment it is due.

The plan is the judge: when the action the message answers is no longer
planned, the message is cancelled and the reason, in words, is kept.
"""

from __future__ import annotations

from datetime import datetime

from followup.domain import model as m
from followup.domain.planner import plan_opportunity
from followup.services.outbox import in_business_hours
from followup.store import index, mapping
from followup.store import models as db


def cancel_if_unplanned(owner: db.Owner, pk: int, now: datetime) -> bool:
    """Cancel row `pk` (still scheduled) when its action is gone; True if cancelled."""
    row = db.OutboxMessage.objects.get(pk=pk)
    if row.state != "scheduled":
        return False
    profile = mapping.load_profile(owner)
    found = mapping.load_opportunities(
        db.Opportunity.objects.filter(owner=owner, ref=row.opportunity_ref))
    reason = _why_not(profile, found[0] if found else None, row, now)
    if reason is None:
        return _postpone_into_hours(profile, row, found[0], now)
    return db.OutboxMessage.objects.filter(pk=pk, state="scheduled").update(
        state="cancelled", reason=reason) == 1


def _why_not(profile: m.Profile, opportunity: m.Opportunity | None, row: db.OutboxMessage,
             now: datetime) -> str | None:
    if opportunity is None:
        return "its opportunity is no longer in your record"
    contact = opportunity.contact(row.contact_ref)
    if contact is not None and contact.email_bounced_at is not None:
        return f"mail to {contact.email} bounced"
    actions = plan_opportunity(profile, opportunity, index.settings_of(profile), now)
    if any(action.key == row.key for action in actions):
        return None
    answers = [t for t in opportunity.touches if t.direction is m.Direction.IN
               and t.kind is not m.TouchKind.AUTO_REPLY and t.at >= row.created_at]
    if answers:
        latest = max(answers, key=lambda t: t.at)
        who = opportunity.contact(latest.contact)
        name = who.name if who is not None else opportunity.company
        return f"{name} answered on {latest.at.date().isoformat()}, before it was due"
    if any(d.key == row.key for d in opportunity.decisions):
        return "you skipped or snoozed the action it was for"
    if opportunity.stage is not m.Stage.INTERVIEWING:
        return f"the opportunity is now {opportunity.stage.value.replace('_', ' ')}"
    if any(t.direction is m.Direction.OUT and t.at >= row.created_at for t in opportunity.touches):
        return "you already followed up another way"
    return "the action it was for is no longer planned"


def _postpone_into_hours(
    profile: m.Profile, row: db.OutboxMessage, opportunity: m.Opportunity, now: datetime
) -> bool:
    """Due outside business hours (the worker was down): wait for the next opening."""
    kind = next((k for k in m.ActionKind if f"/{k.value}/" in f"/{row.key}/"), None)
    if kind is None:
        return False
    moment = in_business_hours(profile, opportunity, kind, now)
    if moment > now:
        db.OutboxMessage.objects.filter(pk=row.pk, state="scheduled").update(send_at=moment)
    return False
