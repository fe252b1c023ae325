# Issue 11: the stored agenda, a cache of the plan (see models.PlannedAction).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('store', '0002_decisions_and_agenda_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='opportunity',
            name='plan_cached_at',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='opportunity',
            name='plan_valid_until',
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name='opportunity',
            name='plan_version',
            field=models.CharField(max_length=64, null=True),
        ),
        migrations.AddIndex(
            model_name='opportunity',
            index=models.Index(fields=['plan_valid_until'], name='opportunity_plan_valid_until'),
        ),
        migrations.CreateModel(
            name='PlannedAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=500)),
                ('earliest', models.FloatField()),
                ('due', models.FloatField()),
                ('late_after', models.FloatField(null=True)),
                ('entry', models.TextField()),
                ('due_text', models.CharField(max_length=64)),
                ('label', models.TextField()),
                ('why', models.TextField()),
                ('opportunity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='planned_actions', to='store.opportunity')),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='store.owner')),
            ],
            options={
                'db_table': 'followup_planned_action',
            },
        ),
    ]
