from django.db import migrations, models


class Migration(migrations.Migration):
    """A petition keeps its own answer time (before its link to a conference moves to the
    dialogues, which fill these from the conference)."""

    dependencies = [
        ("petitions", "0003_batch_conference"),
    ]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="conference_day",
            field=models.DateField(blank=True, editable=False, null=True,
                                   verbose_name="ngày hội nghị (tính hạn)"),
        ),
        migrations.AddField(
            model_name="petition",
            name="answer_workdays",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True,
                                                   verbose_name="hạn trả lời (ngày làm việc)"),
        ),
        migrations.AddField(
            model_name="petition",
            name="complex_answer_workdays",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True,
                verbose_name="hạn trả lời vụ việc phức tạp (ngày làm việc)"),
        ),
    ]
