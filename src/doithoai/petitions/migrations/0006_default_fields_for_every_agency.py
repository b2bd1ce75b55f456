"""Every agency has the default fields (lĩnh vực): new ones get them when made
(`receivers.agency_saved`); this gives them to those made before and still without any, which
the pages used to create when first shown."""

from django.db import migrations

from doithoai.core.taxonomy import DEFAULT_FIELDS


def give_default_fields(apps, schema_editor):
    db = schema_editor.connection.alias
    Agency = apps.get_model("org", "Agency")
    Field = apps.get_model("petitions", "Field")
    without = Agency.objects.using(db).exclude(
        pk__in=Field.objects.using(db).values("agency_id"))
    Field.objects.using(db).bulk_create([
        Field(agency=agency, code=code, name=name, order=order)
        for agency in without.iterator()
        for order, (code, name) in enumerate(DEFAULT_FIELDS, start=1)])


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0001_initial"),
        ("petitions", "0005_conference_links_moved"),
    ]

    operations = [migrations.RunPython(give_default_fields, migrations.RunPython.noop)]
