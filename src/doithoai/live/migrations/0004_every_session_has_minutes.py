from django.db import migrations


def start_drafts(apps, schema_editor):
    """A session opened before its draft started with it gets its draft now (it used to be
    started by the secretary's first look at the console)."""
    db = schema_editor.connection.alias  # the database being migrated
    Session = apps.get_model("live", "Session")
    Minutes = apps.get_model("live", "Minutes")
    Minutes.objects.using(db).bulk_create(
        Minutes(session_id=pk) for pk in Session.objects.using(db).filter(
            minutes__isnull=True).values_list("pk", flat=True))


class Migration(migrations.Migration):

    dependencies = [
        ("live", "0003_item_clock_and_labels"),
    ]

    operations = [
        migrations.RunPython(start_drafts, migrations.RunPython.noop),
    ]
