"""An invitation applied to one opportunity: a new interview, an update, a cancellation.

Pure functions over the record's values; `invites.import_invite` loads and
saves around them. The invitation's UID finds the interview it made before;
its SEQUENCE orders the versions: a higher one reschedules, an equal one
updates what changed, a lower one (an old copy read late) changes nothing.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, replace
from datetime import datetime

from followup.domain import model as m
from followup.services.errors import ServiceError
from followup.services.invite_people import cast
from followup.transports.invitation import Invitation


@dataclass(frozen=True, slots=True)
class Applied:
    result: str  # created | updated | cancelled | unchanged
    opportunity: m.Opportunity
    interview: m.Interview
    coordinator: str | None = None
    added: tuple[str, ...] = ()
    reason: str | None = None  # why nothing changed


def times(invitation: Invitation, time_zone: str) -> tuple[datetime, datetime]:
    """Start and end in the employer's zone; floating times are read in it."""
    tz = zoneinfo.ZoneInfo(time_zone)
    return (invitation.start.instant(tz).astimezone(tz), invitation.end.instant(tz).astimezone(tz))


def by_uid(opportunity: m.Opportunity, uid: str) -> m.Interview | None:
    return next((iv for iv in opportunity.interviews if iv.invite_uid == uid), None)


def apply(opportunity: m.Opportunity, invitation: Invitation) -> Applied:
    existing = by_uid(opportunity, invitation.uid)
    if existing is not None and (existing.invite_sequence or 0) > invitation.sequence:
        reason = (f"an older version (SEQUENCE {invitation.sequence}) of an invitation "
                  f"already applied at SEQUENCE {existing.invite_sequence}")
        return Applied("unchanged", opportunity, existing, reason=reason)
    if invitation.cancelled:
        return _cancel(opportunity, existing, invitation)
    start, end = times(invitation, opportunity.time_zone)
    panel = cast(opportunity, invitation)
    if existing is None:
        interview = _new_interview(opportunity, invitation, start, end, panel.interviewers)
        interviews = (*opportunity.interviews, interview)
        result = "created"
    else:
        interview = replace(
            existing, start=start, end=end, format=invitation.format,
            interviewers=panel.interviewers, cancelled=False,
            invite_sequence=invitation.sequence,
        )
        interviews = tuple(interview if iv is existing else iv for iv in opportunity.interviews)
        result = "updated"
    changed = replace(opportunity, contacts=panel.contacts, interviews=interviews)
    if changed == opportunity:
        return Applied("unchanged", opportunity, interview, panel.coordinator,
                       reason="the record already says what this invitation says")
    return Applied(result, changed, interview, panel.coordinator, panel.added)


def _cancel(
    opportunity: m.Opportunity, existing: m.Interview | None, invitation: Invitation
) -> Applied:
    if existing is None:
        raise ServiceError(
            f"this cancels a meeting that is not in the record (UID {invitation.uid!r}): "
            "nothing to cancel"
        )
    if existing.cancelled:
        return Applied("unchanged", opportunity, existing, reason="already cancelled")
    cancelled = replace(existing, cancelled=True, invite_sequence=invitation.sequence)
    interviews = tuple(cancelled if iv is existing else iv for iv in opportunity.interviews)
    return Applied("cancelled", replace(opportunity, interviews=interviews), cancelled)


def _new_interview(
    opportunity: m.Opportunity,
    invitation: Invitation,
    start: datetime,
    end: datetime,
    interviewers: tuple[str, ...],
) -> m.Interview:
    held = [iv for iv in opportunity.interviews if not iv.cancelled and iv.start < start]
    number = len(held) + 1
    taken = {iv.ref for iv in opportunity.interviews}
    ref = next(r for r in (f"r{number}", *(f"r{number}-{n}" for n in range(2, len(taken) + 3)))
               if r not in taken)
    return m.Interview(
        ref=ref, round=number, format=invitation.format, start=start, end=end,
        interviewers=interviewers, invite_uid=invitation.uid,
        invite_sequence=invitation.sequence,
    )
