# Mail (#13): the mailbox settings, the outbox, sync state; touch message_id and return_on, contact email_bounced_at. Adds only: every row is kept.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('store', '0005_calendar_invites'),
    ]

    operations = [
        migrations.CreateModel(
            name='MailAccount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('smtp_url', models.CharField(max_length=500)),
                ('imap_url', models.CharField(max_length=500)),
                ('secret', models.TextField(null=True)),
                ('sent_folder', models.CharField(max_length=300, null=True)),
                ('digest', models.BooleanField(default=True)),
                ('digest_hour', models.PositiveSmallIntegerField(default=7)),
                ('digest_last_on', models.DateField(null=True)),
                ('sync_minutes', models.PositiveSmallIntegerField(default=5)),
                ('last_sync_at', models.DateTimeField(null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'db_table': 'followup_mail_account',
            },
        ),
        migrations.CreateModel(
            name='MailFolder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=300)),
                ('uidvalidity', models.BigIntegerField()),
                ('last_uid', models.BigIntegerField(default=0)),
            ],
            options={
                'db_table': 'followup_mail_folder',
            },
        ),
        migrations.CreateModel(
            name='MailSeen',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('message_id', models.CharField(max_length=998)),
                ('klass', models.CharField(max_length=16)),
                ('opportunity_ref', models.CharField(max_length=200, null=True)),
                ('at', models.DateTimeField()),
            ],
            options={
                'db_table': 'followup_mail_seen',
            },
        ),
        migrations.CreateModel(
            name='OutboxMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('message_id', models.CharField(max_length=998, unique=True)),
                ('key', models.CharField(max_length=500)),
                ('opportunity_ref', models.CharField(max_length=200)),
                ('contact_ref', models.CharField(max_length=200, null=True)),
                ('from_name', models.CharField(max_length=200)),
                ('from_email', models.CharField(max_length=320)),
                ('to_name', models.CharField(max_length=200)),
                ('to_email', models.CharField(max_length=320)),
                ('subject', models.TextField()),
                ('body', models.TextField()),
                ('in_reply_to', models.CharField(max_length=998, null=True)),
                ('references', models.TextField(null=True)),
                ('state', models.CharField(max_length=16)),
                ('send_at', models.DateTimeField()),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('claimed_by', models.CharField(max_length=200, null=True)),
                ('claimed_at', models.DateTimeField(null=True)),
                ('sent_at', models.DateTimeField(null=True)),
                ('copied_to_sent', models.BooleanField(default=False)),
                ('reason', models.TextField(null=True)),
                ('created_at', models.DateTimeField()),
                ('forced', models.BooleanField(default=False)),
            ],
            options={
                'db_table': 'followup_outbox',
            },
        ),
        migrations.AddField(
            model_name='contact',
            name='email_bounced_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='contact',
            name='email_bounced_at_offset',
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name='touch',
            name='message_id',
            field=models.CharField(max_length=998, null=True),
        ),
        migrations.AddField(
            model_name='touch',
            name='return_on',
            field=models.DateField(null=True),
        ),
        migrations.AddIndex(
            model_name='touch',
            index=models.Index(fields=['owner', 'message_id'], name='touch_message_id'),
        ),
        migrations.AddField(
            model_name='mailaccount',
            name='owner',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='mail', to='store.owner'),
        ),
        migrations.AddField(
            model_name='mailfolder',
            name='owner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='store.owner'),
        ),
        migrations.AddField(
            model_name='mailseen',
            name='owner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='store.owner'),
        ),
        migrations.AddField(
            model_name='outboxmessage',
            name='owner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='store.owner'),
        ),
        migrations.AddConstraint(
            model_name='mailfolder',
            constraint=models.UniqueConstraint(fields=('owner', 'name'), name='mail_folder_unique'),
        ),
        migrations.AddConstraint(
            model_name='mailseen',
            constraint=models.UniqueConstraint(fields=('owner', 'message_id'), name='mail_seen_unique'),
        ),
        migrations.AddIndex(
            model_name='outboxmessage',
            index=models.Index(fields=['state', 'send_at'], name='outbox_due'),
        ),
    ]
