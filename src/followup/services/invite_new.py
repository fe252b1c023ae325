"""A new opportunity made from an invitation (`import-invite --create`), to be edited.

The company comes from the organizer's work domain (else an attendee's),
the role from the summary, the employer's time zone from the invitation's
zone (else the user's), the country from that zone.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from followup.domain import model as m
from followup.services.errors import ServiceError
from followup.services.invite_people import company_domain, company_from_domain, slug
from followup.store import models as db
from followup.transports.invitation import Invitation

# Words invitations wrap around the role: "Interview: Product Manager", "Updated invitation: ...".
NOISE = re.compile(
    r"^\s*((updated |new )?invitation|invite|interview|meeting|call|screen|fwd?|re)\s*[:\-–|]\s*",
    re.I,
)


def new_opportunity(owner: db.Owner, invitation: Invitation, profile: m.Profile) -> m.Opportunity:
    domain = _company_domain(invitation)
    if domain is None:
        raise ServiceError(
            "cannot tell the company: nobody in the invitation has a work address; "
            "add the opportunity first (followup add opportunity) and use --opportunity REF"
        )
    company = company_from_domain(domain)
    zone = _employer_zone(invitation, profile)
    taken = set(db.Opportunity.objects.filter(owner=owner).values_list("ref", flat=True))
    base = slug(company) or "opportunity"
    ref = next(r for r in (base, *(f"{base}-{n}" for n in range(2, len(taken) + 3)))
               if r not in taken)
    return m.Opportunity(
        ref=ref, company=company, role=_role(invitation.summary), time_zone=zone,
        country=country_of(zone) or country_of(profile.time_zone) or "US",
        stage=m.Stage.INTERVIEWING,
    )


def _company_domain(invitation: Invitation) -> str | None:
    people = [invitation.organizer, *invitation.attendees]
    return next((d for p in people if p is not None and (d := company_domain(p.email))), None)


def _employer_zone(invitation: Invitation, profile: m.Profile) -> str:
    name = invitation.start.zone_name or invitation.end.zone_name
    return profile.time_zone if name in (None, "UTC") else str(name)


def _role(summary: str) -> str:
    role = summary
    while NOISE.match(role):
        role = NOISE.sub("", role, count=1)
    return role.strip() or summary


def country_of(zone: str) -> str | None:
    """The country of an IANA zone, from the zone table tzdata ships."""
    return _zone_countries().get(zone)


@cache
def _zone_countries() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in _zone_table().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            found[fields[2]] = fields[0]
    return found


def _zone_table() -> str:
    try:
        return (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        system = Path("/usr/share/zoneinfo/zone.tab")
        return system.read_text(encoding="utf-8") if system.exists() else ""
