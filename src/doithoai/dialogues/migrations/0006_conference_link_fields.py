from django.db import migrations, models


class Migration(migrations.Migration):
    """The links read from the conference (no column: the tables exist since 0005)."""

    dependencies = [
        ("dialogues", "0005_conference_links"),
        ("petitions", "0005_conference_links_moved"),
    ]

    operations = [
        migrations.AddField(
            model_name="conference",
            name="petitions",
            field=models.ManyToManyField(blank=True, related_name="conferences",
                                         related_query_name="conference",
                                         through="dialogues.ConferencePetition",
                                         to="petitions.petition"),
        ),
        migrations.AddField(
            model_name="conference",
            name="intake_batches",
            field=models.ManyToManyField(blank=True, related_name="conferences",
                                         related_query_name="conference",
                                         through="dialogues.ConferenceBatch",
                                         to="petitions.intakebatch"),
        ),
    ]
