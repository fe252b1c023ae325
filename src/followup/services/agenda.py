"""The agenda: the planned actions open by an instant, read through the index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q

from followup.domain import model as m
from followup.domain.calendar import zone
from followup.domain.planner import plan_opportunity
from followup.services.unit import snapshot
from followup.store import index, mapping
from followup.store import models as db


@dataclass(frozen=True, slots=True)
class Agenda:
    as_of: datetime
    until: datetime | None
    profile: m.Profile
    actions: list[m.Action]
    opportunities: dict[str, m.Opportunity]  # by ref: the planned ones only

    @property
    def horizon(self) -> datetime:
        return self.as_of if self.until is None else max(self.as_of, self.until)


def agenda(owner: db.Owner, as_of: datetime, until: datetime | None = None) -> Agenda:
    """Actions open at `as_of`, plus those opening before `until`; reads only."""
    horizon = as_of if until is None else max(as_of, until)
    # The index was planned at `planned_at`; it is a lower bound only for a
    # clock at or after that moment, so rows planned later are always read.
    due = (
        Q(next_due_at__lte=horizon) | Q(planned_at__gt=as_of) | Q(planned_at__isnull=True)
    )
    with snapshot():
        profile = mapping.load_profile(owner)
        opportunities = mapping.load_opportunities(
            db.Opportunity.objects.filter(owner=owner).filter(due)
        )
    settings = index.settings_of(profile)
    actions = [
        action
        for opportunity in opportunities
        for action in plan_opportunity(profile, opportunity, settings, as_of)
        if action.earliest <= horizon
    ]
    actions.sort(key=lambda action: (action.due.timestamp(), action.key))
    return Agenda(as_of, until, profile, actions, {o.ref: o for o in opportunities})


def has_record(owner: db.Owner) -> bool:
    return db.Opportunity.objects.filter(owner=owner).exists()


def action_json(action: m.Action, time_zone: str) -> dict[str, Any]:
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
    }


def agenda_json(result: Agenda) -> dict[str, Any]:
    zones = {ref: o.time_zone for ref, o in result.opportunities.items()}
    document: dict[str, Any] = {"as_of": result.as_of.isoformat()}
    if result.until is not None:
        document["until"] = result.until.isoformat()
    document["actions"] = [action_json(a, zones[a.opportunity]) for a in result.actions]
    return document
