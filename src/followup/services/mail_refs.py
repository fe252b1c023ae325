"""Mail rows follow a renamed opportunity or contact.

The outbox, the suggested contacts and the messages already learned name
opportunities and contacts by ref (the record's children are rewritten on
every change, so their ids do not last). A rename rewrites those refs, and
the action keys of the outbox rows, in the rename's own transaction: a
scheduled follow-up is not cancelled as "no longer in your record" because
its opportunity changed its name.
"""

from __future__ import annotations

from followup.store import models as db


def opportunity_renamed(owner: db.Owner, old: str, new: str) -> None:
    prefix = f"{old}/"
    for row in db.OutboxMessage.objects.filter(owner=owner, opportunity_ref=old):
        key = f"{new}/{row.key.removeprefix(prefix)}" if row.key.startswith(prefix) else row.key
        db.OutboxMessage.objects.filter(pk=row.pk).update(opportunity_ref=new, key=key)
    db.SuggestedContact.objects.filter(owner=owner, opportunity_ref=old).update(
        opportunity_ref=new)
    db.MailSeen.objects.filter(owner=owner, opportunity_ref=old).update(opportunity_ref=new)


def contact_renamed(owner: db.Owner, opportunity: str, old: str, new: str) -> None:
    from followup.services.rename import _key_with

    for row in db.OutboxMessage.objects.filter(owner=owner, opportunity_ref=opportunity):
        key = _key_with(row.key, opportunity, old, new)
        contact = new if row.contact_ref == old else row.contact_ref
        if (key, contact) != (row.key, row.contact_ref):
            db.OutboxMessage.objects.filter(pk=row.pk).update(key=key, contact_ref=contact)
    db.SuggestedContact.objects.filter(owner=owner, opportunity_ref=opportunity,
                                       contact_ref=old).update(contact_ref=new)
