"""Is a scheduled message still wanted? Asked again at the moment it is due.

The plan is the judge: when the action the message answers is no longer
planned, the message is cancelled and the reason, in words, is kept. When
it is still planned but may not leave yet (the interview a thank-you
follows was moved later; the worker was down into the night), it waits.
"""

from __future__ import annotations

from datetime import datetime

from followup.domain import model as m
from followup.domain.planner import plan_opportunity
from followup.services.outbox import in_business_hours, not_before
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
    planned = _planned_or_why_not(profile, found[0] if found else None, row, now)
    if isinstance(planned, m.Action):
        _postpone(profile, row, found[0], planned, now)
        return False
    return db.OutboxMessage.objects.filter(pk=pk, state="scheduled").update(
        state="cancelled", reason=planned) == 1


def _planned_or_why_not(profile: m.Profile, opportunity: m.Opportunity | None,
                        row: db.OutboxMessage, now: datetime) -> m.Action | str:
    """The action the row answers, still planned; else why the row is unwanted."""
    if opportunity is None:
        return "its opportunity is no longer in your record"
    contact = opportunity.contact(row.contact_ref)
    if contact is not None and contact.email_bounced_at is not None:
        return f"mail to {contact.email} bounced"
    actions = plan_opportunity(profile, opportunity, index.settings_of(profile), now)
    planned = next((action for action in actions if action.key == row.key), None)
    if planned is not None:
        return planned
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


def _postpone(profile: m.Profile, row: db.OutboxMessage, opportunity: m.Opportunity,
              action: m.Action, now: datetime) -> None:
    """Not before the interview it follows has ended (unless the user forced it),
    and inside business hours where the kind keeps them."""
    moment = now
    end = not_before(opportunity, action)
    if end is not None and end > now and not row.forced:
        moment = end
    moment = in_business_hours(profile, opportunity, action.kind, moment)
    if moment > now:
        db.OutboxMessage.objects.filter(pk=row.pk, state="scheduled").update(send_at=moment)
