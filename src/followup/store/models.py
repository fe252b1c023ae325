"""The record on disk: one table per part of the exchange document.

Every row names its owner, so the hosted mode can filter by owner alone.
Each aware datetime is stored as an instant (UTC in PostgreSQL) plus the UTC
offset it was written with (`*_offset`, seconds), so an export gives back
exactly the text that was imported. Enumerations are stored as their
exchange-document values; the domain's enums validate them on the way in.
"""

from __future__ import annotations

from django.db import models


class Owner(models.Model):
    """Whose record a row belongs to. A single local owner for now."""

    name = models.CharField(max_length=150, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A fresh number at every write to the owner's record (store.revision), so a
    # reader may keep what it made of the record while it stays (issue 12).
    revision = models.BigIntegerField(default=0)

    class Meta:
        db_table = "followup_owner"


class Profile(models.Model):
    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="profile")
    name = models.CharField(max_length=200)
    email = models.CharField(max_length=320, null=True)
    phone = models.CharField(max_length=64, null=True)
    time_zone = models.CharField(max_length=64)
    playbook = models.CharField(max_length=16, default="standard")
    signature = models.TextField(null=True)
    settings = models.JSONField(default=dict)

    class Meta:
        db_table = "followup_profile"


class Opportunity(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="opportunities")
    ref = models.CharField(max_length=200)
    company = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    via = models.CharField(max_length=16, default="direct")
    culture = models.CharField(max_length=16, null=True)
    channel = models.CharField(max_length=16, default="email")
    time_zone = models.CharField(max_length=64)
    country = models.CharField(max_length=8)
    subdivision = models.CharField(max_length=16, null=True)
    stage = models.CharField(max_length=32, default="interviewing")
    settings = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    # The deadline index (healthchecks' alert_after): the earliest `earliest`
    # of the opportunity's open actions, planned at `planned_at`. The planner
    # never brings an action forward as the clock moves on, so the agenda at
    # any instant after `planned_at` needs only rows with next_due_at inside
    # its window. Null next_due_at: nothing left to do. Null planned_at: not
    # indexed yet (rows older than the index), always read.
    next_due_at = models.DateTimeField(null=True)
    planned_at = models.DateTimeField(null=True)
    # The stored agenda (PlannedAction, issue 11), a cache of the plan made
    # at `plan_cached_at` by planner and holiday data `plan_version`; it holds
    # until `plan_valid_until` (null: no moment ahead changes it). It is
    # trusted only while `plan_cached_at` equals `planned_at`: a writer that
    # re-indexes without rewriting the stored agenda leaves it unused.
    plan_version = models.CharField(max_length=64, null=True)
    plan_cached_at = models.DateTimeField(null=True)
    plan_valid_until = models.DateTimeField(null=True)

    class Meta:
        db_table = "followup_opportunity"
        constraints = [
            models.UniqueConstraint(fields=["owner", "ref"], name="opportunity_ref_unique"),
        ]
        indexes = [
            models.Index(fields=["owner", "next_due_at"], name="opportunity_next_due"),
            models.Index(fields=["owner", "planned_at"], name="opportunity_planned_at"),
            models.Index(fields=["plan_valid_until"], name="opportunity_plan_valid_until"),
        ]


class Contact(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="contacts")
    ref = models.CharField(max_length=200)
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, null=True)
    email = models.CharField(max_length=320, null=True)
    phone = models.CharField(max_length=64, null=True)
    linkedin = models.CharField(max_length=500, null=True)
    org = models.CharField(max_length=16, default="employer")
    roles = models.JSONField(default=list)
    email_bounced_at = models.DateTimeField(null=True)  # mail (#13)
    email_bounced_at_offset = models.IntegerField(null=True)

    class Meta:
        db_table = "followup_contact"
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "ref"], name="contact_ref_unique"),
        ]
        indexes = [
            # Today asks about bounced addresses on every run: a coach's tens of
            # thousands of contacts, almost none bounced, are not to be read for it.
            models.Index(fields=["owner"], name="contact_bounced",
                         condition=models.Q(email_bounced_at__isnull=False)),
        ]


class Interview(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interviews"
    )
    ref = models.CharField(max_length=200)
    round = models.PositiveIntegerField()
    format = models.CharField(max_length=16)
    start = models.DateTimeField()
    start_offset = models.IntegerField()
    end = models.DateTimeField()
    end_offset = models.IntegerField()
    decision_expected = models.DateField(null=True)
    notes = models.JSONField(default=dict)
    cancelled = models.BooleanField(default=False)
    # The calendar invitation it came from (UID and the SEQUENCE applied).
    invite_uid = models.CharField(max_length=1000, null=True)
    invite_sequence = models.IntegerField(null=True)

    class Meta:
        db_table = "followup_interview"
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "ref"], name="interview_ref_unique"),
        ]
        indexes = [models.Index(fields=["owner", "invite_uid"], name="interview_invite_uid")]


class Interviewer(models.Model):
    """One interviewer of one interview, in the order the record lists them."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="panel")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE)

    class Meta:
        db_table = "followup_interviewer"


class Request(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="requests")
    ref = models.CharField(max_length=200)
    what = models.TextField()
    requester = models.ForeignKey(Contact, on_delete=models.CASCADE, null=True)
    channel = models.CharField(max_length=16)
    asked_at = models.DateTimeField()
    asked_at_offset = models.IntegerField()
    delivered_at = models.DateTimeField(null=True)
    delivered_at_offset = models.IntegerField(null=True)

    class Meta:
        db_table = "followup_request"


class Touch(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="touches")
    at = models.DateTimeField()
    at_offset = models.IntegerField()
    kind = models.CharField(max_length=32)
    direction = models.CharField(max_length=8)
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, null=True)
    channel = models.CharField(max_length=16, null=True)
    summary = models.TextField(null=True)
    callback_on = models.DateField(null=True)
    decision_expected = models.DateField(null=True)
    outcome = models.CharField(max_length=16, null=True)
    message_id = models.CharField(max_length=998, null=True)  # mail (#13)
    return_on = models.DateField(null=True)

    class Meta:
        db_table = "followup_touch"
        indexes = [
            models.Index(fields=["owner", "message_id"], name="touch_message_id"),
            # Mail's question on every `today`: replies still waiting for their
            # meaning (services/mail_questions). Without it PostgreSQL read all
            # of a coach's touches (46,000: 5 ms) to find none.
            models.Index(
                fields=["owner", "at"], name="touch_reply_to_read",
                condition=models.Q(kind="response", direction="in", message_id__isnull=False,
                                   outcome__isnull=True, decision_expected__isnull=True)),
        ]


class ShareItem(models.Model):
    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="share")
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=2000, null=True)
    note = models.TextField(null=True)

    class Meta:
        db_table = "followup_share_item"


class Decision(models.Model):
    """What the user decided about one planned action: done, skip or snooze."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="decisions"
    )
    key = models.CharField(max_length=500)
    kind = models.CharField(max_length=16)
    at = models.DateTimeField()
    at_offset = models.IntegerField()
    until = models.DateTimeField(null=True)
    until_offset = models.IntegerField(null=True)
    why = models.TextField(null=True)

    class Meta:
        db_table = "followup_decision"


class StageChange(models.Model):
    """When the opportunity's stage moved, from what to what (issue 12).

    User data (exported): a stage set by hand leaves no other trace.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    at = models.DateTimeField()
    at_offset = models.IntegerField()
    stage_from = models.CharField(max_length=32, null=True)  # null: not known
    stage_to = models.CharField(max_length=32)

    class Meta:
        db_table = "followup_stage_change"


class FeedToken(models.Model):
    """The secret in the address of one owner's calendar feed.

    Only a SHA-256 digest of the secret is kept: a stolen database gives no
    working address. Revoking stamps `revoked_at`; a new token revokes the old.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="feed_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "followup_feed_token"


class PlannedAction(models.Model):
    """One open action of the stored agenda, ready to print (see Opportunity).

    A cache of the plan: rewritten whenever its opportunity is written,
    rebuildable from the record at any time, never exported. Times are POSIX
    seconds. The entry's JSON says whether the action was late when stored;
    one on time then is late at read time once the clock is past `late_after`
    (null: late already). Read by owner, in row order: no index on
    `earliest`, since an owner's open actions nearly all fall in the window and
    rows in insertion order read far faster than rows in `earliest` order.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="planned_actions"
    )
    key = models.CharField(max_length=500)
    earliest = models.FloatField()
    due = models.FloatField()
    late_after = models.FloatField(null=True)
    entry = models.TextField()
    due_text = models.CharField(max_length=64)
    headline = models.TextField()  # the opportunity's company and role (domain.entries)
    label = models.TextField()
    short_id = models.CharField(max_length=16)  # `followup done ID` (domain.entry.short_id)
    why = models.TextField()

    class Meta:
        db_table = "followup_planned_action"


class ApiToken(models.Model):
    """A named API token (issue 12). Only its SHA-256 is kept, never the token."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "followup_api_token"
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="api_token_name_unique"),
        ]


class SignInLink(models.Model):
    """A single-use, expiring sign-in link for the local user (issue 12)."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="sign_in_links")
    digest = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "followup_sign_in_link"


# Mail (#13) ----------------------------------------------------------------
from followup.store.mail_models import MailAccount as MailAccount  # noqa: E402
from followup.store.mail_models import MailFolder as MailFolder  # noqa: E402
from followup.store.mail_models import MailSeen as MailSeen  # noqa: E402
from followup.store.mail_models import OutboxMessage as OutboxMessage  # noqa: E402
from followup.store.mail_models import SuggestedContact as SuggestedContact  # noqa: E402
