"""Steps due "N days before" a conference whose day is off are now due on the working day
before it, and their rule says so (core.milestones). The steps already stored were computed
with the former rule: the open ones of conferences still in preparation are recomputed here,
with the calendar in force (holidays.VN under the enabled overrides of the table).

Only those steps change (the public announcement, the villages' opinions and delegate lists,
the plan's tasks due before the conference); steps already done keep the deadline they were
judged against, and conferences already held are left as they are. Going back leaves the
recomputed dates in place (the former rule would only put them back on days off).
"""

import unicodedata

from django.db import migrations

BEFORE_THE_CONFERENCE = ("announcement", "village_opinions", "delegate_lists")


def recompute(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated
    from doithoai.core import milestones as rules
    from doithoai.core.workdays import CalendarError, Override, build_vn_calendar

    CalendarOverride = apps.get_model("workdays", "CalendarOverride")
    Conference = apps.get_model("dialogues", "Conference")
    Milestone = apps.get_model("dialogues", "Milestone")
    rows = CalendarOverride.objects.using(db).filter(enabled=True).values_list("date", "kind", "reason")
    calendar = build_vn_calendar(overrides={d: Override(kind, reason) for d, kind, reason in rows})
    conferences = (Conference.objects.using(db).filter(state="planned").exclude(held_on=None)
                   .select_related("plan").order_by("pk"))
    for conference in conferences.iterator():
        plan, held_on = conference.plan, conference.held_on
        settings = rules.Settings(**{
            name: getattr(plan, name) for name in rules.Settings.__dataclass_fields__
        }) if plan is not None else rules.Settings()
        try:
            statutory = {d.kind: d for d in rules.statutory(calendar, held_on, settings)}
        except CalendarError:  # a year whose holidays are not known: left as it is
            continue
        steps = (Milestone.objects.using(db).filter(conference=conference, done_on=None)
                 .select_related("task").order_by("pk"))
        for m in steps:
            if m.kind in BEFORE_THE_CONFERENCE:
                due = statutory[m.kind]
            elif (m.kind == "task" and m.task is not None and m.task.offset_days is not None
                  and m.task.offset_days < 0):
                due = rules.task_due(calendar, held_on, m.task.offset_days)
            else:
                continue
            rule = unicodedata.normalize("NFC", due.rule)
            if (m.due_on, m.rule) != (due.due_on, rule):
                Milestone.objects.using(db).filter(pk=m.pk).update(due_on=due.due_on, rule=rule)


class Migration(migrations.Migration):

    dependencies = [
        ("dialogues", "0003_village_return_late_flags"),
        ("workdays", "0002_official_swaps"),
    ]

    operations = [
        migrations.RunPython(recompute, migrations.RunPython.noop, elidable=True),
    ]
