from django.db import migrations


class Migration(migrations.Migration):
    """A petition's and a batch's conference now live in the dialogues' link tables (copied
    there by dialogues 0005): the petitions no longer refer to conferences."""

    dependencies = [
        ("petitions", "0004_conference_terms"),
        ("dialogues", "0005_conference_links"),
    ]

    operations = [
        migrations.RemoveField(model_name="intakebatch", name="conference"),
        migrations.RemoveField(model_name="petition", name="conference"),
    ]
