"""The mailbox in the loop (#13): settings, the outbox, and where each sync stopped.

Imported by `models.py`, so these are models of the same `store` app. Rows
refer to opportunities and contacts by `ref`, not by key: the record's
children are rewritten wholesale on every change, so their ids do not last.
"""

from __future__ import annotations

from django.db import models

from followup.store.models import Owner


class MailAccount(models.Model):
    """The user's mailbox. The password is a Fernet token, never the clear text."""

    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="mail")
    smtp_url = models.CharField(max_length=500)  # without a password
    imap_url = models.CharField(max_length=500)
    secret = models.TextField(null=True)  # Fernet token of the password
    sent_folder = models.CharField(max_length=300, null=True)  # found by SPECIAL-USE
    digest = models.BooleanField(default=True)
    digest_hour = models.PositiveSmallIntegerField(default=7)  # in the user's time zone
    digest_last_on = models.DateField(null=True)
    sync_minutes = models.PositiveSmallIntegerField(default=5)
    last_sync_at = models.DateTimeField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "followup_mail_account"


class MailFolder(models.Model):
    """How far the sync has read one folder (IMAP: UIDVALIDITY and the last UID)."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    name = models.CharField(max_length=300)
    uidvalidity = models.BigIntegerField()
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        db_table = "followup_mail_folder"
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="mail_folder_unique"),
        ]


class MailSeen(models.Model):
    """A message that changed the record, by Message-ID: it never changes it twice."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    message_id = models.CharField(max_length=998)
    klass = models.CharField(max_length=16)
    opportunity_ref = models.CharField(max_length=200, null=True)
    at = models.DateTimeField()

    class Meta:
        db_table = "followup_mail_seen"
        constraints = [
            models.UniqueConstraint(fields=["owner", "message_id"], name="mail_seen_unique"),
        ]


class OutboxMessage(models.Model):
    """One email followup sends: recorded before SMTP is spoken to, marked after.

    `state`: scheduled -> sending -> sent, or failed / cancelled; a row left
    `sending` by a process that died becomes `uncertain` and is never resent
    blindly. `claimed_by` is the compare-and-set claim of the sender.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    message_id = models.CharField(max_length=998, unique=True)
    key = models.CharField(max_length=500)
    opportunity_ref = models.CharField(max_length=200)
    contact_ref = models.CharField(max_length=200, null=True)
    from_name = models.CharField(max_length=200)
    from_email = models.CharField(max_length=320)
    to_name = models.CharField(max_length=200)
    to_email = models.CharField(max_length=320)
    subject = models.TextField()
    body = models.TextField()
    in_reply_to = models.CharField(max_length=998, null=True)
    references = models.TextField(null=True)
    state = models.CharField(max_length=16)
    send_at = models.DateTimeField()  # when it may leave (now, or the approved moment)
    attempts = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=200, null=True)
    claimed_at = models.DateTimeField(null=True)
    sent_at = models.DateTimeField(null=True)
    copied_to_sent = models.BooleanField(default=False)
    reason = models.TextField(null=True)
    created_at = models.DateTimeField()
    forced = models.BooleanField(default=False)

    class Meta:
        db_table = "followup_outbox"
        indexes = [models.Index(fields=["state", "send_at"], name="outbox_due")]


class SuggestedContact(models.Model):
    """Someone new at an employer who wrote to the user: theirs to accept or dismiss.

    `state`: open, then accepted (made the contact `contact_ref`) or dismissed;
    one row per address and opportunity, so a second message changes nothing.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity_ref = models.CharField(max_length=200)
    email = models.CharField(max_length=320)
    name = models.CharField(max_length=200)
    message_id = models.CharField(max_length=998)  # the first message they sent
    seen_at = models.DateTimeField()
    state = models.CharField(max_length=16, default="open")
    contact_ref = models.CharField(max_length=200, null=True)
    decided_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "followup_suggested_contact"
        constraints = [
            models.UniqueConstraint(fields=["owner", "opportunity_ref", "email"],
                                    name="suggested_contact_unique"),
        ]
