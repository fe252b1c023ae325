"""What the daily commands show: the list of opportunities and one opportunity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.domain import model as m
from followup.domain.planner import plan_opportunity
from followup.services.unit import snapshot
from followup.store import index, mapping
from followup.store import models as db


@dataclass(frozen=True, slots=True)
class Overview:
    """One opportunity with its open actions, planned at `now`."""

    opportunity: m.Opportunity
    actions: list[m.Action]

    @property
    def next_action(self) -> m.Action | None:
        return self.actions[0] if self.actions else None


def profile(owner: db.Owner) -> m.Profile:
    return mapping.load_profile(owner)


def overview(
    owner: db.Owner, now: datetime, *, stages: set[m.Stage] | None = None
) -> list[Overview]:
    """Every opportunity (or those in `stages`) with its next action."""
    selection = db.Opportunity.objects.filter(owner=owner)
    if stages:
        selection = selection.filter(stage__in=[stage.value for stage in stages])
    with snapshot():
        me = mapping.load_profile(owner)
        opportunities = mapping.load_opportunities(selection)
    settings = index.settings_of(me)
    return [Overview(o, plan_opportunity(me, o, settings, now)) for o in opportunities]


def opportunity(owner: db.Owner, ref: str, now: datetime) -> Overview:
    with snapshot():
        me = mapping.load_profile(owner)
        found = mapping.load_opportunities(db.Opportunity.objects.filter(owner=owner, ref=ref))
    if not found:
        from followup.services.unit import missing_opportunity

        raise missing_opportunity(owner, ref)
    return Overview(found[0], plan_opportunity(me, found[0], index.settings_of(me), now))


def save_profile(owner: db.Owner, new: m.Profile, *, now: datetime) -> None:
    """Replace the profile; the playbook and overrides change every plan."""
    from followup.services.unit import validate_profile
    from followup.store.locking import retried

    retried(_save_profile)(owner, validate_profile(new), now)


def _save_profile(owner: db.Owner, new: m.Profile, now: datetime) -> None:
    from followup.store.locking import writing

    with writing(owner.pk):
        mapping.save_profile(owner, new)
        index.reindex_owner(owner, new, now)


def has_record(owner: db.Owner) -> bool:
    return db.Opportunity.objects.filter(owner=owner).exists()


def zones(owner: db.Owner, ref: str | None = None) -> tuple[str, str | None]:
    """(your time zone, the opportunity's): the two clocks a typed time may be on."""
    own = mapping.load_profile(owner).time_zone
    if ref is None:
        return own, None
    found = db.Opportunity.objects.filter(owner=owner, ref=ref).values_list("time_zone", flat=True)
    employer = next(iter(found), None)
    if employer is None:
        from followup.services.unit import missing_opportunity

        raise missing_opportunity(owner, ref)
    return own, employer


def interview_end(owner: db.Owner, ref: str, interview_ref: str) -> datetime:
    """When the interview ended: a request asked in it is dated then (R5)."""
    for interview in opportunity_record(owner, ref).interviews:
        if interview.ref == interview_ref:
            return interview.end
    from followup.domain.entry import not_found
    from followup.services.errors import NotFound

    known = [i.ref for i in opportunity_record(owner, ref).interviews]
    raise NotFound(not_found("interview", interview_ref, known))


def opportunity_record(owner: db.Owner, ref: str) -> m.Opportunity:
    """One opportunity as stored (no planning)."""
    with snapshot():
        found = mapping.load_opportunities(db.Opportunity.objects.filter(owner=owner, ref=ref))
    if not found:
        from followup.services.unit import missing_opportunity

        raise missing_opportunity(owner, ref)
    return found[0]


def opportunity_refs(owner: db.Owner) -> list[str]:
    return sorted(db.Opportunity.objects.filter(owner=owner).values_list("ref", flat=True))
