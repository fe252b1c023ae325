"""An invitation that arrives by mail becomes an interview, as `import-invite` makes it.

The classifier has already said which opportunity the message belongs to
(by thread, by address or by the employer's domain), so the invitation is
applied to that one. The calendar import is itself idempotent by UID and
SEQUENCE; the Message-ID is kept as well, so a folder read again does not
even open the invitation a second time. An invitation the calendar import
refuses (too old, broken, already another opportunity's) is reported in the
entry and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from followup.services.errors import ServiceError
from followup.store import models as db
from followup.store.locking import writing
from followup.transports.mail_read import Mail


def take_invite(owner: db.Owner, message_id: str, opportunity: str | None, mail: Mail,
                own: Iterable[str], now: datetime) -> dict[str, Any]:
    """The entry's `logged` and `invite` (or `error`) for an invitation message."""
    from followup.services.invites import import_invite

    if mail.message is None or opportunity is None:
        return {"logged": False}
    if db.MailSeen.objects.filter(owner=owner, message_id=message_id).exists():
        return {"logged": False}
    try:
        with writing(owner.pk):
            result = import_invite(owner, mail.message.as_bytes(), now=now,
                                   opportunity=opportunity, me=sorted(own))
            db.MailSeen.objects.create(owner=owner, message_id=message_id, klass="invite",
                                       opportunity_ref=opportunity, at=now)
    except ServiceError as error:
        return {"logged": False, "error": f"invitation not imported: {error}"}
    interview = result.applied.interview
    return {
        "logged": result.applied.result != "unchanged",
        "invite": {"result": result.applied.result, "interview": interview.ref,
                   "start": interview.start.isoformat(), "end": interview.end.isoformat(),
                   "added_contacts": list(result.applied.added)},
    }
