"""The record as JSON for the API: each opportunity as the exchange document
writes it (so `export` and the API agree), with its planned actions as the
agenda writes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from followup.domain import model as m
from followup.domain.entries import action_json
from followup.services import read
from followup.store import models as db
from followup.transports.exchange import dump_document


def opportunity_entry(profile: m.Profile, opportunity: m.Opportunity) -> dict[str, Any]:
    document = dump_document(m.Record(profile, (opportunity,)))
    entry: dict[str, Any] = document["opportunities"][0]
    return entry


def opportunity_document(owner: db.Owner, ref: str, now: datetime) -> dict[str, Any]:
    item = read.opportunity(owner, ref, now)
    entry = opportunity_entry(read.profile(owner), item.opportunity)
    entry["actions"] = [action_json(a, item.opportunity.time_zone) for a in item.actions]
    return entry


def opportunity_list(owner: db.Owner, now: datetime,
                     stages: set[m.Stage] | None) -> list[dict[str, Any]]:
    out = []
    for item in read.overview(owner, now, stages=stages):
        o, nxt = item.opportunity, item.next_action
        out.append({"ref": o.ref, "company": o.company, "role": o.role, "stage": o.stage.value,
                    "next_action": None if nxt is None else action_json(nxt, o.time_zone)})
    return out


def profile_document(owner: db.Owner) -> dict[str, Any]:
    profile: dict[str, Any] = dump_document(m.Record(read.profile(owner)))["profile"]
    return profile
