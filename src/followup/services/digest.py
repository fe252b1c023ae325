"""The morning digest: one email a day to the user, with what is due and what is late.

Calendar apps ignore alarms in subscribed feeds, so the reminder that reaches
a person is mail. On by default once mail is set up; one a day (a
compare-and-set on the day it was last sent), from the hour the user chose.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from followup.domain.calendar import end_of_day, zone
from followup.services.agenda import agenda
from followup.services.mail_account import Account
from followup.store import models as db
from followup.transports import smtp
from followup.transports.eml import UnsafeHeader


def due_today(account: Account, now: datetime) -> bool:
    row = account.row
    profile = row.owner.profile
    local = now.astimezone(zone(profile.time_zone))
    return row.digest and local.hour >= row.digest_hour and row.digest_last_on != local.date()


def compose(owner: db.Owner, now: datetime) -> EmailMessage | None:
    """The digest for the user's today, or None when nothing is due or late."""
    profile = owner.profile
    if not profile.email:
        return None
    tz = zone(profile.time_zone)
    result = agenda(owner, now, end_of_day(now, profile.time_zone))
    if not result.actions:
        return None
    late = [a for a in result.actions if a.late]
    today = [a for a in result.actions if not a.late]
    lines = [f"Good morning {profile.name}. Today in followup:", ""]
    for title, actions in (("Late", late), ("Due today", today)):
        if actions:
            lines.append(f"{title}:")
            lines += [f"- {a.due.astimezone(tz):%a %d %b %H:%M}  {a.key}\n  {a.why}"
                      for a in actions]
            lines.append("")
    lines.append("Open `followup today` for drafts; `followup send KEY` sends one.")
    message = EmailMessage()
    message["From"] = profile.email
    message["To"] = profile.email
    count = len(result.actions)
    message["Subject"] = f"followup: {count} thing{'s' if count != 1 else ''} for today"
    message["Date"] = format_datetime(now.astimezone(tz))
    message["Message-ID"] = make_msgid(domain=profile.email.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no one should auto-reply to it
    message.set_content("\n".join(lines) + "\n")
    return message


def send_if_due(account: Account, now: datetime) -> bool:
    """Send today's digest once; True when one went out."""
    if not due_today(account, now):
        return False
    owner = account.row.owner
    today = now.astimezone(zone(owner.profile.time_zone)).date()
    claimed = db.MailAccount.objects.filter(pk=account.row.pk).exclude(
        digest_last_on=today).update(digest_last_on=today)
    if not claimed:
        return False  # another worker sent it
    try:
        message = compose(owner, now)
    except (UnsafeHeader, ValueError):
        return False
    if message is None:
        return False
    try:
        smtp.send(account.smtp, account.login, message)
    except smtp.Transient:
        # Try again on a later pass today.
        db.MailAccount.objects.filter(pk=account.row.pk).update(
            digest_last_on=today - timedelta(days=1))
        return False
    except smtp.MailError:
        return False
    return True
