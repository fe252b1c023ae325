"""Reading the record with plain SQL: one reader for the ORM and the fast path.

The agenda runs as a fresh process many times a day; importing Django costs
more than everything else it does. So reading goes through DB-API cursors:
Django's own (`mapping.load_opportunities`) or a direct sqlite3 / psycopg
connection (`connect`), with the same queries and the same mapping to the
domain dataclasses. No Django import here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from typing import Any

from followup.domain import model as m
from followup.store.sql import Sql

OPPORTUNITIES = "followup_opportunity"
MAX_SQLITE_IDS = 30_000  # SQLite allows 32,766 parameters in one statement


@cache
def _offset_zone(seconds: int) -> timezone:
    return UTC if seconds == 0 else timezone(timedelta(seconds=seconds))


def _instant(value: Any) -> datetime:
    moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
    # SQLite keeps UTC text without an offset
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def aware(value: Any, offset: int | None) -> datetime:
    """The stored instant back in the UTC offset it was written with."""
    return _instant(value).astimezone(_offset_zone(offset or 0))


def maybe_aware(value: Any, offset: int | None) -> datetime | None:
    return None if value is None else aware(value, offset)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _json(value: Any, default: Any) -> Any:
    if value is None:
        return default
    return json.loads(value) if isinstance(value, str) else value


class Reader(Sql):
    """Loads profiles and opportunities through a DB-API cursor."""

    def profile(self, owner_id: int) -> m.Profile:
        [row] = self.rows(
            "SELECT name, email, phone, time_zone, playbook, signature, settings "
            f"FROM followup_profile WHERE owner_id = {self.ph}",
            [owner_id],
        )
        name, email, phone, time_zone, playbook, signature, settings = row
        return m.Profile(
            name=name, email=email, phone=phone, time_zone=time_zone,
            playbook=m.PlaybookName(playbook), signature=signature,
            settings=_json(settings, {}) or m.EMPTY,
        )

    def opportunities(self, where: str, params: list[Any]) -> list[m.Opportunity]:
        """The opportunities matching `where` (SQL on the opportunity table), in id order."""
        rows = self.rows(
            "SELECT id, ref, company, role, time_zone, country, subdivision, via, culture, "
            f"channel, stage, settings FROM {OPPORTUNITIES} WHERE {where} ORDER BY id",
            params,
        )
        if not rows:
            return []
        chosen, params = self._chosen([row[0] for row in rows], where, params)
        contacts, refs = self._contacts(chosen, params)
        interviews = self._interviews(chosen, params, refs)
        touches = self._touches(chosen, params, refs)
        share = self._share(chosen, params)
        decisions = self._decisions(chosen, params)
        stage_changes = self._stage_changes(chosen, params)
        return [
            m.Opportunity(
                ref=ref, company=company, role=role, time_zone=time_zone, country=country,
                subdivision=subdivision, via=m.Via(via),
                culture=None if culture is None else m.Culture(culture),
                channel=m.PreferredChannel(channel), stage=m.Stage(stage),
                contacts=tuple(contacts.get(pk, ())), interviews=tuple(interviews.get(pk, ())),
                touches=tuple(touches.get(pk, ())), share=tuple(share.get(pk, ())),
                decisions=tuple(decisions.get(pk, ())), settings=_json(settings, {}) or m.EMPTY,
                stage_changes=tuple(stage_changes.get(pk, ())),
            )
            for (pk, ref, company, role, time_zone, country, subdivision, via, culture, channel,
                 stage, settings) in rows
        ]

    def _chosen(self, ids: list[int], where: str, params: list[Any]) -> tuple[str, list[Any]]:
        """The rows' own ids, so each child query is an index look-up per id
        rather than re-running `where` (which may scan the owner's history)."""
        if self.vendor == "postgresql":
            return f"= ANY({self.ph})", [ids]
        if len(ids) <= MAX_SQLITE_IDS:
            return f"IN ({', '.join([self.ph] * len(ids))})", list(ids)
        return f"IN (SELECT id FROM {OPPORTUNITIES} WHERE {where})", params

    def _contacts(
        self, chosen: str, params: list[Any]
    ) -> tuple[dict[int, list[m.Contact]], dict[int, str]]:
        found: dict[int, list[m.Contact]] = defaultdict(list)
        refs: dict[int, str] = {}
        for (pk, opp, ref, name, title, email, phone, linkedin, org, roles, bounced,
             bounced_off) in self.rows(
            "SELECT id, opportunity_id, ref, name, title, email, phone, linkedin, org, roles, "
            "email_bounced_at, email_bounced_at_offset "
            f"FROM followup_contact WHERE opportunity_id {chosen} ORDER BY id",
            params,
        ):
            refs[pk] = ref
            found[opp].append(m.Contact(
                ref=ref, name=name, title=title, email=email, phone=phone, linkedin=linkedin,
                org=m.Org(org), roles=tuple(m.Role(r) for r in _json(roles, [])),
                email_bounced_at=maybe_aware(bounced, bounced_off),
            ))
        return found, refs

    def _interviews(
        self, chosen: str, params: list[Any], refs: dict[int, str]
    ) -> dict[int, list[m.Interview]]:
        panels: dict[int, list[str]] = defaultdict(list)
        for interview_id, contact_id in self.rows(
            "SELECT p.interview_id, p.contact_id FROM followup_interviewer p "
            "JOIN followup_interview i ON i.id = p.interview_id "
            f"WHERE i.opportunity_id {chosen} ORDER BY p.id",
            params,
        ):
            panels[interview_id].append(refs[contact_id])
        requests: dict[int, list[m.Request]] = defaultdict(list)
        for interview_id, ref, what, requester, channel, asked, asked_off, done, done_off in (
            self.rows(
                "SELECT r.interview_id, r.ref, r.what, r.requester_id, r.channel, r.asked_at, "
                "r.asked_at_offset, r.delivered_at, r.delivered_at_offset "
                "FROM followup_request r JOIN followup_interview i ON i.id = r.interview_id "
                f"WHERE i.opportunity_id {chosen} ORDER BY r.id",
                params,
            )
        ):
            requests[interview_id].append(m.Request(
                ref=ref, what=what, requester=None if requester is None else refs[requester],
                channel=m.Channel(channel), asked_at=aware(asked, asked_off),
                delivered_at=maybe_aware(done, done_off),
            ))
        found: dict[int, list[m.Interview]] = defaultdict(list)
        for (pk, opp, ref, rnd, fmt, start, start_off, end, end_off, decision, notes, cancelled,
             uid, sequence) in self.rows(
            "SELECT id, opportunity_id, ref, \"round\", \"format\", start, start_offset, \"end\", "
            "end_offset, decision_expected, notes, cancelled, invite_uid, invite_sequence "
            f"FROM followup_interview WHERE opportunity_id {chosen} ORDER BY id",
            params,
        ):
            found[opp].append(m.Interview(
                ref=ref, round=rnd, format=m.InterviewFormat(fmt), start=aware(start, start_off),
                end=aware(end, end_off), interviewers=tuple(panels.get(pk, ())),
                decision_expected=_date(decision), requests=tuple(requests.get(pk, ())),
                notes=notes_from_json(_json(notes, {})), cancelled=bool(cancelled),
                invite_uid=uid, invite_sequence=sequence,
            ))
        return found

    def _touches(
        self, chosen: str, params: list[Any], refs: dict[int, str]
    ) -> dict[int, list[m.Touch]]:
        found: dict[int, list[m.Touch]] = defaultdict(list)
        for (opp, at, at_off, kind, direction, contact, channel, summary, callback, new, outcome,
             message_id, return_on) in (
            self.rows(
                "SELECT opportunity_id, \"at\", at_offset, kind, direction, contact_id, channel, "
                "summary, callback_on, decision_expected, outcome, message_id, return_on "
                f"FROM followup_touch WHERE opportunity_id {chosen} ORDER BY id",
                params,
            )
        ):
            found[opp].append(m.Touch(
                at=aware(at, at_off), kind=m.TouchKind(kind), direction=m.Direction(direction),
                contact=None if contact is None else refs[contact],
                channel=None if channel is None else m.Channel(channel), summary=summary,
                callback_on=_date(callback), decision_expected=_date(new),
                outcome=None if outcome is None else m.Outcome(outcome),
                message_id=message_id, return_on=_date(return_on),
            ))
        return found

    def _share(self, chosen: str, params: list[Any]) -> dict[int, list[m.ShareItem]]:
        found: dict[int, list[m.ShareItem]] = defaultdict(list)
        for opp, title, url, note in self.rows(
            "SELECT opportunity_id, title, url, note FROM followup_share_item "
            f"WHERE opportunity_id {chosen} ORDER BY id",
            params,
        ):
            found[opp].append(m.ShareItem(title=title, url=url, note=note))
        return found

    def _decisions(self, chosen: str, params: list[Any]) -> dict[int, list[m.Decision]]:
        found: dict[int, list[m.Decision]] = defaultdict(list)
        for opp, key, kind, at, at_off, until, until_off, why in self.rows(
            "SELECT opportunity_id, \"key\", kind, \"at\", at_offset, \"until\", until_offset, why "
            f"FROM followup_decision WHERE opportunity_id {chosen} ORDER BY id",
            params,
        ):
            found[opp].append(m.Decision(
                key=key, kind=m.DecisionKind(kind), at=aware(at, at_off),
                until=maybe_aware(until, until_off), why=why,
            ))
        return found

    def _stage_changes(self, chosen: str, params: list[Any]) -> dict[int, list[m.StageChange]]:
        found: dict[int, list[m.StageChange]] = defaultdict(list)
        for opp, at, at_off, stage_from, stage_to in self.rows(
            "SELECT opportunity_id, \"at\", at_offset, stage_from, stage_to "
            f"FROM followup_stage_change WHERE opportunity_id {chosen} ORDER BY id",
            params,
        ):
            found[opp].append(m.StageChange(
                at=aware(at, at_off), stage=m.Stage(stage_to),
                previous=None if stage_from is None else m.Stage(stage_from),
            ))
        return found


def notes_from_json(data: dict[str, Any]) -> m.InterviewNotes:
    if not data:
        return m.InterviewNotes()
    return m.InterviewNotes(
        learned=data.get("learned"),
        moments=data.get("moments") or m.EMPTY,
        concerns=data.get("concerns"),
        skills=data.get("skills"),
        attach=tuple(data.get("attach") or ()),
        next_steps=data.get("next_steps"),
    )
