# Issue 11: the stored agenda keeps each action's headline and short id, so
# `today` prints a coach's tens of thousands of lines without hashing every
# key or joining company and role for each. A cache:
# every stored agenda is marked stale here, and `setup` plans it again right
# after migrating (store.migrate_if_behind -> index.reindex(only_missing=True)).

from django.db import migrations, models


def mark_stale(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("store", "Opportunity").objects.update(plan_version=None)


class Migration(migrations.Migration):

    dependencies = [
        ('store', '0008_suggested_contacts'),
    ]

    operations = [
        migrations.AddField(
            model_name='plannedaction',
            name='headline',
            field=models.TextField(default=''),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='plannedaction',
            name='short_id',
            field=models.CharField(default='', max_length=16),
            preserve_default=False,
        ),
        migrations.RunPython(mark_stale, migrations.RunPython.noop),
    ]
