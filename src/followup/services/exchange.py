"""Import and export: the whole record as an exchange document (or a CSV sheet)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from followup.domain import model as m
from followup.services.unit import refuse_future_touches, snapshot, validate, with_stage_change
from followup.store import index, mapping
from followup.store import models as db
from followup.store.locking import retried, writing
from followup.transports.exchange import dumps_document, parse_document


@dataclass(frozen=True, slots=True)
class Imported:
    created: int
    updated: int


@retried
def import_document(owner: db.Owner, text: str | bytes, *, now: datetime) -> Imported:
    """Load an exchange document: all or nothing, existing refs updated in place."""
    record = parse_document(text)  # every check happens before anything is written
    for n, opportunity in enumerate(record.opportunities):
        refuse_future_touches(opportunity, now, f"opportunities[{n}]")
    with writing(owner.pk):
        imported = _write(owner, record.profile, record.opportunities, now, profile_changes=True)
    index.analyze()
    return imported


@retried
def import_record(owner: db.Owner, record: m.Record, *, now: datetime) -> Imported:
    """Like import_document, for a record already in hand (demo, tests)."""
    with writing(owner.pk):
        imported = _write(owner, record.profile, record.opportunities, now, profile_changes=True)
    index.analyze()
    return imported


def export_record(owner: db.Owner) -> m.Record:
    with snapshot():
        profile = mapping.load_profile(owner)
        opportunities = mapping.load_opportunities(db.Opportunity.objects.filter(owner=owner))
    return m.Record(profile=profile, opportunities=tuple(opportunities))


def export_document(owner: db.Owner) -> str:
    return dumps_document(export_record(owner))


@retried
def import_csv(owner: db.Owner, text: str, *, now: datetime) -> Imported:
    """Opportunities and contacts from a spreadsheet; interviews and touches are kept."""
    from followup.transports.csv_exchange import read_csv

    with writing(owner.pk):
        profile = mapping.load_profile(owner)
        sheet = _keep_accented_refs(owner, read_csv(text, profile))
        refs = [opportunity.ref for opportunity in sheet]
        known = {
            o.ref: o
            for o in mapping.load_opportunities(
                db.Opportunity.objects.filter(owner=owner, ref__in=refs)
            )
        }
        merged = [validate(profile, _merge(known.get(o.ref), o, now)) for o in sheet]
        for opportunity in merged:
            refuse_future_touches(opportunity, now)
        return _write(owner, profile, merged, now, profile_changes=False)


def _keep_accented_refs(
    owner: db.Owner, sheet: Sequence[m.Opportunity]
) -> list[m.Opportunity]:
    """An opportunity stored under a ref made before refs were ASCII keeps it."""
    from followup.transports.csv_exchange import slug

    stored = db.Opportunity.objects.filter(owner=owner).values_list("ref", flat=True)
    old = {slug(ref): ref for ref in stored if not ref.isascii()}
    return [replace(o, ref=old[o.ref]) if o.ref in old else o for o in sheet]


def export_csv(owner: db.Owner) -> str:
    from followup.transports.csv_exchange import write_csv

    return write_csv(export_record(owner))


def _merge(stored: m.Opportunity | None, row: m.Opportunity, now: datetime) -> m.Opportunity:
    """The sheet's columns over the stored opportunity; contacts merged by ref;
    a stage the sheet moved is kept in the history, as any change of stage."""
    if stored is None:
        return row
    from followup.transports.csv_exchange import slug

    from_sheet = {contact.ref: contact for contact in row.contacts}
    # Refs made from names are ASCII now ('zoë' became 'zoe'): a contact stored
    # under the old spelling is the same person, so it keeps its ref.
    for stored_contact in stored.contacts:
        made = slug(stored_contact.ref)
        if stored_contact.ref not in from_sheet and made in from_sheet:
            from_sheet[stored_contact.ref] = replace(from_sheet.pop(made), ref=stored_contact.ref)
    contacts = [_bounce_kept(from_sheet.pop(c.ref, c), c) for c in stored.contacts]
    contacts.extend(from_sheet.values())
    return with_stage_change(stored, replace(
        row,
        contacts=tuple(contacts),
        interviews=stored.interviews,
        touches=stored.touches,
        share=stored.share,
        decisions=stored.decisions,
        settings=stored.settings,
        stage_changes=stored.stage_changes,
    ), now)


def _bounce_kept(new: m.Contact, old: m.Contact) -> m.Contact:
    """A sheet has no bounce column: a failing address stays marked while it is the same."""
    if new.email == old.email and new.email_bounced_at is None:
        return replace(new, email_bounced_at=old.email_bounced_at)
    return new


def _write(
    owner: db.Owner,
    profile: m.Profile,
    opportunities: Sequence[m.Opportunity],
    now: datetime,
    *,
    profile_changes: bool,
) -> Imported:
    if profile_changes and mapping.load_profile(owner) != profile:
        mapping.save_profile(owner, profile)
        index.reindex_owner(owner, profile, now)
    existing = dict(db.Opportunity.objects.filter(owner=owner).values_list("ref", "id"))
    settings = index.settings_of(profile)
    new_rows: list[tuple[m.Opportunity, db.Opportunity]] = []
    updates: list[db.Opportunity] = []
    plans: dict[str, index.Planned] = {}
    for opportunity in opportunities:
        columns = mapping.opportunity_columns(opportunity)
        plans[opportunity.ref] = planned = index.plan(profile, opportunity, settings, now)
        columns.update(index.columns(planned, now))
        row = db.Opportunity(owner=owner, ref=opportunity.ref, updated_at=now, **columns)
        if opportunity.ref in existing:
            row.pk = existing[opportunity.ref]
            updates.append(row)
        else:
            new_rows.append((opportunity, row))
    mapping.delete_children([row.pk for row in updates])
    if updates:
        fields = [*mapping.COLUMNS, *index.FIELDS, "updated_at"]
        db.Opportunity.objects.bulk_update(updates, fields, batch_size=500)
    db.Opportunity.objects.bulk_create([row for _, row in new_rows], batch_size=500)
    by_ref = {row.ref: row.pk for row in updates} | {o.ref: row.pk for o, row in new_rows}
    mapping.insert_children(owner, [(by_ref[o.ref], o) for o in opportunities])
    index.store_actions(owner.pk, [(by_ref[ref], planned) for ref, planned in plans.items()])
    return Imported(created=len(new_rows), updated=len(updates))


def guess_format(name: str, data: bytes) -> str:
    """'csv' for a .csv file, or for content that is not JSON but reads as a
    sheet with a header row; else 'json'."""
    if name.lower().endswith(".csv"):
        return "csv"
    if name.lower().endswith(".json"):
        return "json"
    return "csv" if looks_like_csv(data) else "json"


def looks_like_csv(data: bytes) -> bool:
    text = data.decode("utf-8-sig", errors="replace").lstrip()
    if not text or text[0] in "{[":
        return False
    header = text.splitlines()[0].lower()
    return "," in header and ("company" in header or "ref" in header)


def refuse_csv_as_json(data: bytes) -> None:
    """A spreadsheet given where JSON was asked for gets a message that says so."""
    if looks_like_csv(data):
        from followup.services.errors import ServiceError

        raise ServiceError("this is a CSV sheet, not a JSON exchange document: use "
                           "`followup import --format csv FILE` (or name it .csv)")
