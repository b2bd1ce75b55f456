import django.db.models.deletion
from django.db import migrations, models

CHUNK = 5000


def copy_links(apps, schema_editor):
    """Every petition's and batch's conference becomes a link the conference owns; each
    linked petition keeps the conference's answer time as its own."""
    Conference = apps.get_model("dialogues", "Conference")
    ConferencePetition = apps.get_model("dialogues", "ConferencePetition")
    ConferenceBatch = apps.get_model("dialogues", "ConferenceBatch")
    Petition = apps.get_model("petitions", "Petition")
    IntakeBatch = apps.get_model("petitions", "IntakeBatch")
    db = schema_editor.connection.alias
    rows = (Petition.objects.using(db).exclude(conference_id=None).order_by("pk")
            .values_list("pk", "conference_id").iterator(chunk_size=CHUNK))
    chunk = []
    for petition_id, conference_id in rows:
        chunk.append(ConferencePetition(petition_id=petition_id, conference_id=conference_id))
        if len(chunk) == CHUNK:
            ConferencePetition.objects.using(db).bulk_create(chunk)
            chunk = []
    ConferencePetition.objects.using(db).bulk_create(chunk)
    ConferenceBatch.objects.using(db).bulk_create(
        ConferenceBatch(batch_id=pk, conference_id=conference_id)
        for pk, conference_id in IntakeBatch.objects.using(db).exclude(conference_id=None)
        .values_list("pk", "conference_id"))
    for conference in Conference.objects.using(db).iterator():
        Petition.objects.using(db).filter(conference_id=conference.pk).update(
            conference_day=conference.held_on, answer_workdays=conference.answer_workdays,
            complex_answer_workdays=conference.complex_answer_workdays)


def copy_back(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    IntakeBatch = apps.get_model("petitions", "IntakeBatch")
    ConferencePetition = apps.get_model("dialogues", "ConferencePetition")
    ConferenceBatch = apps.get_model("dialogues", "ConferenceBatch")
    db = schema_editor.connection.alias
    for link in ConferencePetition.objects.using(db).iterator(chunk_size=CHUNK):
        Petition.objects.using(db).filter(pk=link.petition_id).update(
            conference_id=link.conference_id)
    for link in ConferenceBatch.objects.using(db).all():
        IntakeBatch.objects.using(db).filter(pk=link.batch_id).update(
            conference_id=link.conference_id)


class Migration(migrations.Migration):

    dependencies = [
        ("dialogues", "0004_milestones_before_days_off"),
        ("petitions", "0004_conference_terms"),
    ]

    operations = [
        migrations.CreateModel(
            name="ConferencePetition",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("conference", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT, related_name="petition_links",
                    to="dialogues.conference", verbose_name="hội nghị")),
                ("petition", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, related_name="conference_link",
                    to="petitions.petition", verbose_name="ý kiến, kiến nghị")),
            ],
            options={"verbose_name": "ý kiến của hội nghị",
                     "verbose_name_plural": "ý kiến của hội nghị"},
        ),
        migrations.CreateModel(
            name="ConferenceBatch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("conference", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT, related_name="batch_links",
                    to="dialogues.conference", verbose_name="hội nghị")),
                ("batch", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, related_name="conference_link",
                    to="petitions.intakebatch", verbose_name="đợt tiếp nhận")),
            ],
            options={"verbose_name": "đợt tiếp nhận của hội nghị",
                     "verbose_name_plural": "đợt tiếp nhận của hội nghị"},
        ),
        migrations.RunPython(copy_links, copy_back),
    ]
