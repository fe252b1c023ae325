"""The outbox: approve a draft now, and it leaves now or at its moment.

A message is a row before it is anything else (Message-ID, To, Subject,
body, the action key); `outbox_send` hands it to SMTP and marks it after.
A scheduled row is looked at again when it is due: if by then the action is
no longer planned (a reply came, the stage moved, the user skipped it), it
is cancelled with the reason kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import make_msgid
from typing import TYPE_CHECKING

from followup.domain import model as m
from followup.services.errors import NotFound, ServiceError
from followup.services.mail_account import load
from followup.store import models as db
from followup.store.locking import writing

if TYPE_CHECKING:
    from followup.services.actions import Found

# R2 times thank-yous by the hour after the interview; the rest go in business hours.
HOURLY = frozenset({m.ActionKind.THANK_YOU, m.ActionKind.LINKEDIN_INVITE})
STATES = ("scheduled", "sending", "sent", "failed", "uncertain", "cancelled")
THREAD_DEPTH = 10  # References kept: the newest ten are what clients thread by


@dataclass(frozen=True, slots=True)
class Approved:
    subject: str
    body: str
    to_name: str
    to_email: str


def send(
    owner: db.Owner,
    key: str,
    *,
    now: datetime,
    body: str | None = None,
    subject: str | None = None,
    at: datetime | str | None = None,
    force: bool = False,
) -> db.OutboxMessage:
    """Record the message for `key`, then send it now or leave it scheduled."""
    from followup.services.actions import find_action  # the planner: not for `outbox`

    account = load(owner)
    found = find_action(owner, key, now)
    leaving = _leaving_at(found, at, now)
    if not force:
        _refuse_before_the_interview_ends(found, leaving)
    approved = _approve(found, body, subject, force, now)
    profile = found.profile
    sender = profile.email or (account.smtp.user if "@" in account.smtp.user else None)
    if not sender:
        raise ServiceError("your profile has no email address; add one with `followup profile`")
    replying_to, references = thread_of(found.opportunity, found.action.contact)
    with writing(owner.pk):  # the check and the row together: a double click sends once
        _refuse_a_second(owner, key)
        row = _record(owner, key, found, approved, sender, replying_to, references, leaving,
                      now, force)
    if row.send_at <= now:
        from followup.services.outbox_send import deliver

        return deliver(account, row.pk, now)
    return row


LIVE = ("scheduled", "sending", "sent", "uncertain")


def _refuse_a_second(owner: db.Owner, key: str) -> None:
    """One message per action: another one already on its way, or gone, is refused."""
    earlier = (db.OutboxMessage.objects.filter(owner=owner, key=key, state__in=LIVE)
               .order_by("-id").first())
    if earlier is not None:
        raise ServiceError(f"{key} already has a message in the outbox, {earlier.state}: "
                           f"{earlier.message_id} (see `followup outbox`)")


def _record(owner: db.Owner, key: str, found: Found, approved: Approved, sender: str,
            replying_to: str | None, references: list[str], leaving: datetime,
            now: datetime, force: bool) -> db.OutboxMessage:
    profile = found.profile
    return db.OutboxMessage.objects.create(
        owner=owner, message_id=make_msgid(domain=sender.rpartition("@")[2] or None),
        key=key, opportunity_ref=found.opportunity.ref, contact_ref=found.action.contact,
        from_name=profile.name, from_email=sender, to_name=approved.to_name,
        to_email=approved.to_email, subject=approved.subject, body=approved.body,
        in_reply_to=replying_to, references=" ".join(references) or None, state="scheduled",
        send_at=leaving, created_at=now, forced=force,
    )


def not_before(opportunity: m.Opportunity, action: m.Action) -> datetime | None:
    """The end of the interview a note follows (a thank-you), when that is what
    it waits for: "thank you for today's call" a day early is worse than none."""
    if action.interview is None or action.kind is m.ActionKind.PREPARE:
        return None
    return next((i.end for i in opportunity.interviews if i.ref == action.interview), None)


def _refuse_before_the_interview_ends(found: Found, leaving: datetime) -> None:
    end = not_before(found.opportunity, found.action)
    if end is None or leaving >= end:
        return
    from followup.domain.calendar import zone

    local = end.astimezone(zone(found.opportunity.time_zone)).isoformat(timespec="minutes")
    raise ServiceError(f"not sent: {found.action.key} follows interview "
                       f"{found.action.interview}, which ends {local}; schedule it for then "
                       "(--at due), or use --force")


def _approve(
    found: Found, body: str | None, subject: str | None, force: bool, now: datetime
) -> Approved:
    from followup.domain.messages import Severity, check, draft  # jinja2 and the patterns
    from followup.store import index

    settings = index.settings_of(found.profile).for_opportunity(found.opportunity, found.profile)
    drafted = draft(found.profile, found.opportunity, found.action, settings, now=now)
    if drafted.subject is None:
        raise ServiceError(f"{found.action.key} is not an email; nothing to send")
    contact = found.opportunity.contact(found.action.contact)
    if contact is not None and contact.email_bounced_at is not None:
        raise ServiceError(f"mail to {contact.name} <{contact.email}> bounced on "
                           f"{contact.email_bounced_at.date().isoformat()}; nothing more is "
                           "sent there (give a new address with `followup edit contact`)")
    if not drafted.to_email:
        raise ServiceError(f"{drafted.to_name or 'the recipient'} has no email address")
    subject = drafted.subject if subject is None else subject
    body = drafted.body if body is None else body
    findings = (drafted.findings if (body, subject) == (drafted.body, drafted.subject)
                else check(found.action.kind.value, f"Subject: {subject}\n\n{body}",
                           settings=settings))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors and not force:
        raise ServiceError(f"not sent: the checks found {len(errors)} error(s), first "
                           f"{errors[0].code}: {errors[0].message} (fix it, or use --force)")
    return Approved(subject, body, drafted.to_name or "", drafted.to_email)


def _leaving_at(found: Found, at: datetime | str | None, now: datetime) -> datetime:
    """When the message may leave: now, the action's due moment, or the given one,
    moved into the employer's business hours unless R2 times it by the hour."""
    if at is None:
        return now
    moment = found.action.due if at == "due" else at
    assert isinstance(moment, datetime)
    if moment <= now:
        return now
    return in_business_hours(found.profile, found.opportunity, found.action.kind, moment)


def in_business_hours(
    profile: m.Profile, opportunity: m.Opportunity, kind: m.ActionKind, moment: datetime
) -> datetime:
    """`moment`, or the employer's next business opening when it falls outside hours."""
    if kind in HOURLY:
        return moment
    from followup.domain.calendar import calendar_for
    from followup.store import index

    settings = index.settings_of(profile).for_opportunity(opportunity, profile)
    calendar = calendar_for(opportunity.time_zone, opportunity.country, opportunity.subdivision,
                            settings.business_start_hour, settings.business_end_hour)
    return moment if calendar.within_hours(moment) else calendar.next_business_morning(moment)


def thread_of(opportunity: m.Opportunity, contact: str | None) -> tuple[str | None, list[str]]:
    """In-Reply-To and References: the emails exchanged with `contact`, newest last."""
    ids = [t.message_id for t in sorted(opportunity.touches, key=lambda t: t.at)
           if t.message_id and t.channel in (None, m.Channel.EMAIL)
           and (contact is None or t.contact == contact)]
    ids = list(dict.fromkeys(ids))[-THREAD_DEPTH:]
    return (ids[-1] if ids else None), ids


def find(owner: db.Owner, message_id: str) -> db.OutboxMessage:
    wanted = message_id if message_id.startswith("<") else f"<{message_id}>"
    row = db.OutboxMessage.objects.filter(owner=owner, message_id=wanted).first()
    if row is None:
        raise NotFound(f"no message {wanted} in the outbox (see `followup outbox`)")
    return row


def cancel(owner: db.Owner, message_id: str, *, now: datetime) -> db.OutboxMessage:
    row = find(owner, message_id)
    changed = db.OutboxMessage.objects.filter(pk=row.pk, state="scheduled").update(
        state="cancelled", reason=f"cancelled by you on {now.date().isoformat()}")
    if not changed:
        raise ServiceError(f"{row.message_id} is {row.state}, not scheduled: nothing to cancel")
    row.refresh_from_db()
    return row


def resolve(owner: db.Owner, message_id: str, how: str, *, now: datetime) -> db.OutboxMessage:
    """The user's answer for a message that may or may not have gone out."""
    from followup.services import outbox_send

    row = find(owner, message_id)
    allowed = ("uncertain", "failed") if how == "resend" else ("uncertain",)
    if row.state not in allowed:
        raise ServiceError(f"{row.message_id} is {row.state}; only an uncertain message "
                           "needs resolving")
    if how == "sent":
        with writing(owner.pk):
            if db.OutboxMessage.objects.filter(pk=row.pk, state=row.state).update(
                    state="sent", sent_at=row.claimed_at or now, reason="you said it went out"):
                outbox_send.log_sent(owner, row, row.claimed_at or now, now)
    elif how == "drop":
        db.OutboxMessage.objects.filter(pk=row.pk, state=row.state).update(
            state="cancelled", reason="dropped by you")
    else:
        db.OutboxMessage.objects.filter(pk=row.pk, state=row.state).update(
            state="scheduled", send_at=now, claimed_by=None, reason=None)
        return outbox_send.deliver(load(owner), row.pk, now, check_plan=False)
    row.refresh_from_db()
    return row


def listing(owner: db.Owner, time_zone: str) -> list[dict[str, object]]:
    from followup.services.mail_quick import OUTBOX_COLUMNS, listed

    rows = db.OutboxMessage.objects.filter(owner=owner).order_by("send_at", "id")
    return listed(list(rows.values_list(*OUTBOX_COLUMNS.split(", "))), time_zone)
