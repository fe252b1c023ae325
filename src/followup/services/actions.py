"""Done, skip and snooze: what the user did or decided about a planned action.

Done logs the touch the action asked for (a `prepare` has none: it is kept
as a decision); skip and snooze are decisions the record keeps and the
planner honours.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from followup.domain import model as m
from followup.domain.calendar import calendar_for
from followup.domain.entry import EntryError, resolve_key
from followup.domain.limits import line_maximum, shown
from followup.domain.planner import plan_opportunity
from followup.services.errors import NotFound, ServiceError
from followup.services.unit import (
    load_one,
    locked_row,
    refuse_future_touches,
    save,
    validate,
    with_stage_change,
)
from followup.store import index, mapping
from followup.store import models as db
from followup.store.locking import retried, writing

K = m.ActionKind
T = m.TouchKind
CHANNEL_FOR: dict[m.TouchKind, m.Channel] = {
    T.HANDWRITTEN_NOTE: m.Channel.MAIL,
    T.LINKEDIN_INVITE: m.Channel.LINKEDIN,
    T.CALL: m.Channel.PHONE,
    T.VOICEMAIL: m.Channel.PHONE,
}


@dataclass(frozen=True, slots=True)
class Found:
    row: db.Opportunity
    profile: m.Profile
    opportunity: m.Opportunity
    action: m.Action


def find_action(owner: db.Owner, key: str, now: datetime, *, lock: bool = False) -> Found:
    """The open action `key` planned at `now`: its full key as the agenda
    names it, its short id (or a prefix of that), or a prefix of its key."""
    # Checked before anything is built from it: each '/' makes a candidate
    # ref, and a megabyte of slashes would make a million megabyte-long ones.
    if len(key) > line_maximum("key"):
        raise ServiceError(f"KEY: not an action key: {shown(key)} is longer than "
                           f"{line_maximum('key')} characters")
    found = _exact(owner, key, now, lock)
    if found is not None:
        return found
    try:
        resolved = resolve_key(key, planned_keys(owner, now))
    except EntryError as error:
        raise NotFound(str(error)) from None
    found = _exact(owner, resolved, now, lock)
    if found is None:  # planned a moment ago: only a concurrent change gets here
        raise NotFound(f"no open action {shown(key)} (see `followup today`)")
    return found


def planned_keys(owner: db.Owner, now: datetime) -> list[str]:
    from followup.services.read import overview

    return [action.key for item in overview(owner, now) for action in item.actions]


def _exact(owner: db.Owner, key: str, now: datetime, lock: bool) -> Found | None:
    row = _row_for_key(owner, key, lock)
    if row is None:
        return None
    profile = mapping.load_profile(owner)
    opportunity = load_one(row)
    for action in plan_opportunity(profile, opportunity, index.settings_of(profile), now):
        if action.key == key:
            return Found(row, profile, opportunity, action)
    return None


def _row_for_key(owner: db.Owner, key: str, lock: bool) -> db.Opportunity | None:
    parts = key.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts))]
    rows = db.Opportunity.objects.filter(owner=owner, ref__in=candidates)
    found = sorted(rows, key=lambda row: len(row.ref), reverse=True)
    if not found:
        return None
    if lock:
        return locked_row(owner, found[0].ref)
    return found[0]


def done(
    owner: db.Owner,
    key: str,
    *,
    now: datetime,
    at: datetime | None = None,
    kind: m.TouchKind | None = None,
    summary: str | None = None,
    callback_on: date | None = None,
    message_id: str | None = None,
) -> m.Opportunity:
    """Mark an action done: log its touch (or keep the decision, for `prepare`).

    `message_id`: the email the touch is, when followup sent it (mail).
    """
    at = at or now

    def edit(found: Found) -> m.Opportunity:
        action, opportunity = found.action, found.opportunity
        if action.kind is K.PREPARE:
            return _decide(opportunity, m.Decision(action.key, m.DecisionKind.DONE, at))
        if action.kind is K.CLOSE_OUT:
            return _closed_out(opportunity, at)
        touch = replace(_touch_for(action, at, kind, summary, callback_on), message_id=message_id)
        opportunity = replace(opportunity, touches=(*opportunity.touches, touch))
        if action.kind is K.SEND_INFO:
            return _deliver(opportunity, action.request, at)
        return opportunity

    return _write(owner, key, now, edit)


def skip(owner: db.Owner, key: str, *, now: datetime, why: str | None = None) -> m.Opportunity:
    def edit(found: Found) -> m.Opportunity:
        decision = m.Decision(found.action.key, m.DecisionKind.SKIP, now, why=why)
        return _decide(found.opportunity, decision)

    return _write(owner, key, now, edit)


def snooze(
    owner: db.Owner, key: str, *, until: datetime | date, now: datetime, why: str | None = None
) -> m.Opportunity:
    """Put an action off; a day without a time means 09:00 there, in the employer's zone (R16)."""

    def edit(found: Found) -> m.Opportunity:
        moment = snooze_moment(found, until)
        if moment <= now:
            raise ServiceError(f"--until: {moment.isoformat()} is not in the future")
        decision = m.Decision(found.action.key, m.DecisionKind.SNOOZE, now, until=moment, why=why)
        return _decide(found.opportunity, decision)

    return _write(owner, key, now, edit)


def snooze_moment(found: Found, until: datetime | date) -> datetime:
    """The moment a snooze ends: a bare day starts at the employer's business opening."""
    if isinstance(until, datetime):
        return until
    settings = index.settings_of(found.profile).for_opportunity(found.opportunity, found.profile)
    o = found.opportunity
    calendar = calendar_for(o.time_zone, o.country, o.subdivision,
                            settings.business_start_hour, settings.business_end_hour)
    return calendar.opening(until)


@retried
def _write(owner: db.Owner, key: str, now: datetime, edit: object) -> m.Opportunity:
    with writing(owner.pk):
        found = find_action(owner, key, now, lock=True)
        edited = with_stage_change(found.opportunity, edit(found), now)  # type: ignore[operator]
        changed = validate(found.profile, edited)
        refuse_future_touches(changed, now)
        save(owner, found.row.pk, changed, found.profile, now)
    return changed


def _closed_out(opportunity: m.Opportunity, at: datetime) -> m.Opportunity:
    """Closed for want of an answer, in the stage history as of when it was done."""
    if opportunity.stage is m.Stage.CLOSED_NO_RESPONSE:
        return opportunity
    closed = m.StageChange(at=at, stage=m.Stage.CLOSED_NO_RESPONSE, previous=opportunity.stage)
    return replace(opportunity, stage=closed.stage,
                   stage_changes=(*opportunity.stage_changes, closed))


def _decide(opportunity: m.Opportunity, decision: m.Decision) -> m.Opportunity:
    """Keep the decision, replacing an earlier one about the same action."""
    kept = tuple(d for d in opportunity.decisions if d.key != decision.key)
    return replace(opportunity, decisions=(*kept, decision))


def _touch_for(
    action: m.Action,
    at: datetime,
    kind: m.TouchKind | None,
    summary: str | None,
    callback_on: date | None,
) -> m.Touch:
    if kind is None:
        kind = m.TOUCH_FOR[action.kind]
        if kind is T.EMAIL and action.channel is m.Channel.PHONE:
            kind = T.CALL
    if kind is T.RESPONSE:
        raise ServiceError("--kind: a response is logged with `followup log`, not `done`")
    channel = CHANNEL_FOR.get(kind, action.channel or m.Channel.EMAIL)
    if kind is T.EMAIL and channel is m.Channel.PHONE:
        channel = m.Channel.EMAIL
    return m.Touch(
        at=at, kind=kind, direction=m.Direction.OUT, contact=action.contact, channel=channel,
        summary=summary, callback_on=callback_on if kind is T.VOICEMAIL else None,
    )


def _deliver(opportunity: m.Opportunity, request_ref: str | None, at: datetime) -> m.Opportunity:
    interviews = []
    for interview in opportunity.interviews:
        requests = tuple(
            replace(r, delivered_at=at) if r.ref == request_ref and r.delivered_at is None else r
            for r in interview.requests
        )
        interviews.append(replace(interview, requests=requests))
    return replace(opportunity, interviews=tuple(interviews))
