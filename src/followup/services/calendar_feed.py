"""The plan as a calendar: the use case behind `followup calendar` (and the web feed).

Each open action (as the agenda gives it) becomes an event at its due
moment in the employer's zone, its description the why and the draft's
first lines; each interview that has not ended yet (cancelled ones marked
so) becomes an event too. UIDs come from the action keys and interview
refs, so re-reading the feed replaces events rather than adding them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from followup.domain import model as m
from followup.domain.calendar import zone
from followup.domain.entries import kind_title
from followup.domain.messages import TemplateProblem, draft
from followup.domain.settings import Settings
from followup.services.agenda import agenda
from followup.services.drafting import TEMPLATES_ENV
from followup.services.unit import snapshot
from followup.store import mapping
from followup.store import models as db
from followup.transports.ics_feed import FeedEvent, write_feed

ACTION_LENGTH = timedelta(minutes=15)
DRAFT_LINES = 4
UID_DOMAIN = "followup.invalid"  # RFC 5545 suggests "@domain"; ours names no real host


def feed(owner: db.Owner, as_of: datetime, until: datetime) -> str:
    """The iCalendar text of the open actions and interviews up to `until`."""
    planned = agenda(owner, as_of, until)
    with snapshot():
        upcoming = _upcoming(owner, as_of, until)
        changed = dict(db.Opportunity.objects.filter(owner=owner).values_list("ref", "updated_at"))
    profile = planned.profile or mapping.load_profile(owner)
    settings = Settings(overrides=profile.settings)
    events = [
        _action_event(profile, planned.opportunities[a.opportunity], a, settings, as_of,
                      changed.get(a.opportunity) or as_of)
        for a in planned.actions
    ]
    events += [
        _interview_event(o, iv, changed.get(o.ref) or as_of)
        for o in upcoming for iv in o.interviews if as_of <= iv.end and iv.start <= until
    ]
    events.sort(key=lambda e: (e.start.timestamp(), e.uid))
    return write_feed(f"followup: {profile.name}", events)


def _upcoming(owner: db.Owner, as_of: datetime, until: datetime) -> list[m.Opportunity]:
    ids = db.Interview.objects.filter(owner=owner, end__gte=as_of, start__lte=until).values(
        "opportunity_id"
    )
    return mapping.load_opportunities(db.Opportunity.objects.filter(owner=owner, pk__in=ids))


def action_uid(key: str) -> str:
    return f"action/{key}@{UID_DOMAIN}"


def interview_uid(opportunity: str, interview: str) -> str:
    return f"interview/{opportunity}/{interview}@{UID_DOMAIN}"


def _action_event(
    profile: m.Profile,
    opportunity: m.Opportunity,
    action: m.Action,
    settings: Settings,
    as_of: datetime,
    changed: datetime,
) -> FeedEvent:
    contact = opportunity.contact(action.contact)
    title = kind_title(action.kind.value)
    if action.attempt:
        title += f" #{action.attempt}"
    if contact is not None:
        title += f" to {contact.name}"
    due = action.due.astimezone(zone(opportunity.time_zone))
    lines = [action.why, "", *_draft_lines(profile, opportunity, action, settings, as_of), "",
             f"followup draft {action.key}", f"followup done {action.key}"]
    return FeedEvent(
        uid=action_uid(action.key), summary=f"{title} ({opportunity.company})",
        description="\n".join(lines).replace("\n\n\n", "\n\n"), start=due,
        end=due + ACTION_LENGTH, changed=changed, categories=("followup", action.rule),
    )


def _draft_lines(
    profile: m.Profile,
    opportunity: m.Opportunity,
    action: m.Action,
    settings: Settings,
    as_of: datetime,
) -> list[str]:
    folder = os.environ.get(TEMPLATES_ENV) or None
    try:
        found = draft(profile, opportunity, action, settings.for_opportunity(opportunity, profile),
                      templates_dir=folder, now=max(as_of, action.due))
    except TemplateProblem:
        return []  # a broken template of the user's: `followup draft` says what is wrong
    lines = [f"Subject: {found.subject}"] if found.subject else []
    lines += [line for line in found.body.splitlines() if line.strip()][:DRAFT_LINES]
    return [*lines, "..."] if lines else []


def _interview_event(
    opportunity: m.Opportunity, interview: m.Interview, changed: datetime
) -> FeedEvent:
    tz = zone(opportunity.time_zone)
    people = [c.name for ref in interview.interviewers if (c := opportunity.contact(ref))]
    what = f"{interview.format.value.capitalize()} interview, round {interview.round}"
    description = f"{what} for {opportunity.role} at {opportunity.company}."
    if people:
        description += f"\nWith {', '.join(people)}."
    return FeedEvent(
        uid=interview_uid(opportunity.ref, interview.ref),
        summary=f"Interview: {opportunity.company} ({opportunity.role})",
        description=description, start=interview.start.astimezone(tz),
        end=interview.end.astimezone(tz), changed=changed.astimezone(UTC),
        categories=("followup", "interview"), cancelled=interview.cancelled, busy=True,
    )
