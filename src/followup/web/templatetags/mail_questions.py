"""`{% mail_questions as found %}`: what mail left for the user to decide, for Today.

A tag rather than a value from Today's view, so the questions come with
their own include (`web/_mail_questions.html`) and Today's view and its
action list stay as they are. Read through Django's connection with the
same plain SQL `followup today` uses (`services.mail_questions`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django import template

from followup.domain.calendar import zone

register = template.Library()


@register.simple_tag(takes_context=True)
def mail_questions(context: template.Context) -> dict[str, list[dict[str, Any]]] | None:
    from django.db import connection

    from followup.services.mail_questions import questions
    from followup.store.sql import Sql
    from followup.web.common import now

    owner = getattr(context.get("request"), "owner", None)
    if owner is None:
        return None
    with connection.cursor() as cursor:
        found = questions(Sql(cursor, connection.vendor, "%s"), owner.pk, now())
    if not found:
        return None
    tz = zone(found.time_zone)
    return {
        "replies": [{"name": r.name or "someone new", "opportunity": r.opportunity,
                     "on": f"{r.at.astimezone(tz):%a %d %b}", "summary": r.summary,
                     "suggested": r.suggested and f"{r.suggested:%a %d %b}",
                     "edit": f"/forms/touch-edit/{quote(r.opportunity, safe='/')}"
                             f"?touch={r.number}"} for r in found.replies],
        "uncertain": [{"message_id": u.message_id, "to": u.to, "subject": u.subject,
                       "on": f"{u.at.astimezone(tz):%a %d %b %H:%M}"} for u in found.uncertain],
        "bounced": [{"name": b.name, "email": b.email, "opportunity": b.opportunity,
                     "edit": f"/forms/contact-edit/{quote(b.opportunity, safe='/')}"
                             f"?contact={quote(b.contact)}"} for b in found.bounced],
        "suggested": [{"id": s.id, "name": s.name, "email": s.email,
                       "opportunity": s.opportunity} for s in found.suggested],
    }
