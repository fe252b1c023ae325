"""Import a calendar invitation: the use case behind `followup import-invite`.

Which opportunity: the one named, else the one already holding an interview
with the invitation's UID, else the one whose contacts share the people's
email domain; `create` starts a new one from the invitation instead. All or
nothing: a file that cannot be read, or an answer that is not clear, writes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction

from followup.domain import model as m
from followup.services.errors import ServiceError
from followup.services.invite_apply import Applied, apply, times
from followup.services.invite_new import new_opportunity
from followup.services.invite_people import company_domain
from followup.services.unit import load_one, locked_row, save, validate
from followup.store import mapping
from followup.store import models as db
from followup.store.locking import writing
from followup.transports.ics_read import InvitationError
from followup.transports.invitation import Invitation, read_invitation

TOO_OLD = timedelta(days=365)


class NoOpportunityMatch(ServiceError):
    """No single opportunity fits the invitation's people: the caller must choose
    (the command line with --opportunity/--create, the web app with a choice)."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates  # the opportunities sharing a domain (several), or none


@dataclass(frozen=True, slots=True)
class InviteResult:
    applied: Applied
    invitation: Invitation
    created_opportunity: bool

    @property
    def opportunity(self) -> m.Opportunity:
        return self.applied.opportunity


def read(owner: db.Owner, data: bytes, *, now: datetime, me: Iterable[str] = ()) -> Invitation:
    """The invitation in `data`, checked; ServiceError for what cannot be an interview."""
    profile = mapping.load_profile(owner)
    addresses = [a for a in (profile.email, *me) if a]
    try:
        invitation = read_invitation(data, addresses, profile.name)
    except InvitationError as error:
        raise ServiceError(str(error)) from None
    start, _ = times(invitation, profile.time_zone)
    if start < now - TOO_OLD:
        raise ServiceError(
            f"the event was on {start:%Y-%m-%d}, more than a year ago: not an interview to "
            "follow up"
        )
    return invitation


def import_invite(
    owner: db.Owner,
    data: bytes,
    *,
    now: datetime,
    opportunity: str | None = None,
    create: bool = False,
    me: Iterable[str] = (),
    as_of: datetime | None = None,
) -> InviteResult:
    """Apply the invitation in `data`; `now` stamps the change, `as_of` (default
    `now`) is the clock an event more than a year old is judged by."""
    invitation = read(owner, data, now=as_of or now, me=me)
    with writing(owner.pk):
        profile = mapping.load_profile(owner)
        row = _target(owner, invitation, opportunity, create)
        if row is None:
            fresh = new_opportunity(owner, invitation, profile)
            applied = apply(fresh, invitation)
            _create(owner, validate(profile, applied.opportunity), profile, now)
            return InviteResult(applied, invitation, created_opportunity=True)
        applied = apply(load_one(row), invitation)
        if applied.result != "unchanged":
            save(owner, row.pk, validate(profile, applied.opportunity), profile, now)
    return InviteResult(applied, invitation, created_opportunity=False)


def _target(
    owner: db.Owner, invitation: Invitation, ref: str | None, create: bool
) -> db.Opportunity | None:
    """The opportunity row to apply the invitation to (locked); None: make one."""
    known = (
        db.Interview.objects.filter(owner=owner, invite_uid=invitation.uid)
        .values_list("opportunity__ref", "ref").first()
    )
    if ref is not None:
        if known is not None and known[0] != ref:
            raise ServiceError(
                f"this invitation is already interview {known[1]!r} of {known[0]!r}"
            )
        return locked_row(owner, ref)
    if known is not None:
        return locked_row(owner, known[0])
    if create:
        return None
    return locked_row(owner, _by_domain(owner, invitation))


def _by_domain(owner: db.Owner, invitation: Invitation) -> str:
    people = [invitation.organizer, *invitation.attendees]
    domains = {d for p in people if p is not None and (d := company_domain(p.email))}
    matches: dict[str, str] = {}
    for ref, stage, address in db.Contact.objects.filter(owner=owner).values_list(
        "opportunity__ref", "opportunity__stage", "email"
    ):
        if address and company_domain(address) in domains:
            matches[ref] = stage
    open_ones = sorted(r for r, stage in matches.items() if m.Stage(stage) not in m.CLOSED_STAGES)
    found = open_ones or sorted(matches)
    if len(found) == 1:
        return found[0]
    shown = ", ".join(sorted(domains)) or "no work address"
    if not found:
        raise NoOpportunityMatch(
            f"no opportunity has contacts at {shown}: name one with --opportunity REF, "
            "or use --create to start one from this invitation", [],
        )
    raise NoOpportunityMatch(
        f"several opportunities have contacts at {shown} ({', '.join(found)}): "
        "name one with --opportunity REF", found,
    )


def _create(owner: db.Owner, opportunity: m.Opportunity, profile: m.Profile, now: datetime) -> None:
    try:
        with transaction.atomic():
            row = db.Opportunity.objects.create(
                owner=owner, ref=opportunity.ref, **mapping.opportunity_columns(opportunity)
            )
    except IntegrityError:
        raise ServiceError(f"an opportunity {opportunity.ref!r} already exists") from None
    save(owner, row.pk, opportunity, profile, now)
