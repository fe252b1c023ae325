# Issue 14 (calendar): interviews remember their invitation and may be cancelled; feed tokens.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('store', '0004_api_tokens_and_sign_in_links'),
    ]

    operations = [
        migrations.CreateModel(
            name='FeedToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField()),
                ('revoked_at', models.DateTimeField(null=True)),
            ],
            options={
                'db_table': 'followup_feed_token',
            },
        ),
        migrations.AddField(
            model_name='interview',
            name='cancelled',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='interview',
            name='invite_sequence',
            field=models.IntegerField(null=True),
        ),
        migrations.AddField(
            model_name='interview',
            name='invite_uid',
            field=models.CharField(max_length=1000, null=True),
        ),
        migrations.AddIndex(
            model_name='interview',
            index=models.Index(fields=['owner', 'invite_uid'], name='interview_invite_uid'),
        ),
        migrations.AddField(
            model_name='feedtoken',
            name='owner',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feed_tokens', to='store.owner'),
        ),
    ]
