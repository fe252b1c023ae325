"""`followup why KEY`: everything behind one planned action, as lines of text.

The action's own sentence, the rule's text, the dates it was computed from
and the settings that applied: a read, so the web app can show the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from followup.domain import model as m
from followup.domain import rule_text
from followup.domain.entry import short_id
from followup.store import index
from followup.store import models as db


@dataclass(frozen=True, slots=True)
class Explanation:
    action: m.Action
    opportunity: m.Opportunity
    profile: m.Profile
    rule_title: str
    rule_text: str
    dates: list[tuple[str, datetime | date]]  # what the action was computed from
    settings: list[tuple[str, object]]
    playbook: str

    @property
    def short_id(self) -> str:
        return short_id(self.action.key)


def explain(owner: db.Owner, key: str, now: datetime) -> Explanation:
    from followup.services.actions import find_action

    found = find_action(owner, key, now)
    action, o, profile = found.action, found.opportunity, found.profile
    resolved = index.settings_of(profile).for_opportunity(o, profile)
    names = rule_text.settings_for(action.rule)
    playbook = o.culture.value if o.culture else f"{profile.playbook.value} (your playbook)"
    return Explanation(
        action, o, profile, rule_text.title(action.rule), rule_text.text(action.rule),
        _dates(action, o), [(name, getattr(resolved, name)) for name in names], playbook,
    )


def _dates(action: m.Action, o: m.Opportunity) -> list[tuple[str, datetime | date]]:
    dates: list[tuple[str, datetime | date]] = []
    interview = next((i for i in o.interviews if i.ref == action.interview), None)
    if interview is not None:
        dates += [(f"interview {interview.ref} started", interview.start),
                  (f"interview {interview.ref} ended", interview.end)]
        if interview.decision_expected:
            dates.append(("decision promised for", interview.decision_expected))
        for request in interview.requests:
            if request.ref == action.request:
                dates.append((f"asked for {request.what}", request.asked_at))
    responses = [t for t in o.touches if t.direction is m.Direction.IN]
    if responses:
        last = max(responses, key=lambda t: t.at)
        dates.append(("their last response", last.at))
        if last.decision_expected:
            dates.append(("new date they gave", last.decision_expected))
    sent = [t for t in o.touches if t.direction is m.Direction.OUT]
    if sent:
        dates.append(("your last touch", max(sent, key=lambda t: t.at).at))
    if action.callback_on:
        dates.append(("the call-back day you promised", action.callback_on))
    for decision in o.decisions:
        if decision.key == action.key and decision.until is not None:
            dates.append(("snoozed until", decision.until))
    return dates
