"""Composition and tasks per unit: add, edit, remove rows, each audited, only in a draft."""

import pytest
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import plan_contents, plans
from doithoai.dialogues.models import Milestone, ParticipantGroup, PlanTask
from doithoai.org.models import Unit
from tests.dialogues.conftest import ISSUED_ON


def _group_post(prefix, **values):
    return {f"{prefix}-{k}": v for k, v in values.items()}


def test_groups_page_lists_rows_with_forms(client, clerk, plan):
    client.force_login(clerk)
    page = client.get(reverse("dialogues:plan_groups", args=[plan.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đại diện Nhân dân" in text and "Thêm thành phần" in text
    first = plan.groups.first()
    assert f'name="r{first.pk}-label"' in text


def test_add_edit_remove_a_group(client, clerk, plan):
    client.force_login(clerk)
    url = reverse("dialogues:plan_groups", args=[plan.pk])
    response = client.post(url, _group_post("new", side="extra", label="Hạt Kiểm lâm khu vực",
                                            seats=2, unit=""))
    assert response.status_code == 302
    group = plan.groups.get(label="Hạt Kiểm lâm khu vực")
    assert group.seats == 2 and group.side == "extra"
    row = reverse("dialogues:plan_group", args=[plan.pk, group.pk])
    client.post(row, {"op": "save", **_group_post(f"r{group.pk}", side="extra",
                                                   label="Hạt Kiểm lâm", seats=1, unit="")})
    group.refresh_from_db()
    assert group.label == "Hạt Kiểm lâm" and group.seats == 1
    client.post(row, {"op": "remove"})
    assert not ParticipantGroup.objects.filter(pk=group.pk).exists()
    # Recorded on the plan, where its history page shows them.
    events = list(AuditEvent.objects.filter(object_type="dialogues.plan", object_id=str(plan.pk),
                                            action__startswith="plan.group_").order_by("seq"))
    assert [e.action for e in events] == ["plan.group_add", "plan.group_update",
                                          "plan.group_remove"]
    assert events[1].before != events[1].after
    history = client.get(reverse("audit:history", args=["dialogues.plan", plan.pk]))
    assert "Sửa thành phần tham dự" in history.content.decode()


def test_seats_below_zero_and_empty_labels_are_refused(client, clerk, plan):
    client.force_login(clerk)
    count = plan.groups.count()
    page = client.post(reverse("dialogues:plan_groups", args=[plan.pk]),
                       _group_post("new", side="extra", label="", seats=-1, unit=""))
    assert page.status_code == 400
    assert plan.groups.count() == count
    assert "errorlist" in page.content.decode()
    citizen = plan.groups.get(side="citizen")
    page = client.post(reverse("dialogues:plan_group", args=[plan.pk, citizen.pk]),
                       {"op": "save", **_group_post(f"r{citizen.pk}", side="citizen",
                                                     label="Đại diện Nhân dân", seats=-3)})
    assert page.status_code == 400
    citizen.refresh_from_db()
    assert citizen.seats == 3


def test_units_are_limited_to_the_plans_agency(client, clerk, plan, outsider):
    foreign = Unit.objects.exclude(agency=plan.agency).first()
    client.force_login(clerk)
    count = plan.tasks.count()
    page = client.post(reverse("dialogues:plan_tasks", args=[plan.pk]),
                       _group_post("new", unit=foreign.pk, text="Việc lạ", offset_days=-2))
    assert page.status_code == 400 and plan.tasks.count() == count
    with pytest.raises(Exception, match="không thuộc cơ quan"):
        plan_contents.add_task(actor=clerk, plan=plan, unit=foreign, text="Việc lạ")


def test_tasks_move_the_conference_milestones(client, clerk, plan, conference):
    client.force_login(clerk)
    police = Unit.objects.get(agency=plan.agency, code="cong-an")
    client.post(reverse("dialogues:plan_tasks", args=[plan.pk]),
                _group_post("new", unit=police.pk, text="Bố trí lực lượng giữ xe", offset_days=0))
    task = plan.tasks.get(text="Bố trí lực lượng giữ xe")
    milestone = Milestone.objects.get(conference=conference, task=task)
    assert milestone.due_on == conference.held_on and milestone.unit == police
    client.post(reverse("dialogues:plan_task", args=[plan.pk, task.pk]),
                {"op": "save", **_group_post(f"r{task.pk}", unit=police.pk,
                                              text="Bố trí lực lượng giữ xe", offset_days=-1)})
    milestone.refresh_from_db()
    assert milestone.due_on < conference.held_on
    client.post(reverse("dialogues:plan_task", args=[plan.pk, task.pk]), {"op": "remove"})
    assert not PlanTask.objects.filter(pk=task.pk).exists()
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    assert AuditEvent.objects.filter(action="plan.task_remove", object_id=str(plan.pk)).exists()
    # the plan's history says the deadlines as people do
    history = [str(e.after) + str(e.before) for e in AuditEvent.objects.filter(
        object_id=str(plan.pk), action__startswith="plan.task")]
    assert any("(hạn: ngày hội nghị)" in h for h in history)
    assert any("(hạn: 01 ngày trước hội nghị)" in h for h in history)
    assert not any("hạn: -" in h or "hạn: +" in h for h in history)


def test_rows_of_an_issued_plan_stay_as_signed(client, clerk, plan):
    plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND", issued_on=ISSUED_ON)
    client.force_login(clerk)
    text = client.get(reverse("dialogues:plan_groups", args=[plan.pk])).content.decode()
    assert "Kế hoạch đã ban hành" in text and "Thêm thành phần" not in text
    group = plan.groups.first()
    count = AuditEvent.objects.count()
    response = client.post(reverse("dialogues:plan_group", args=[plan.pk, group.pk]),
                           {"op": "remove"}, follow=True)
    assert "không sửa được nữa" in response.content.decode()
    assert ParticipantGroup.objects.filter(pk=group.pk).exists()
    response = client.post(reverse("dialogues:plan_tasks", args=[plan.pk]),
                           _group_post("new", unit=plan.tasks.first().unit_id, text="Thêm"),
                           follow=True)
    assert "không sửa được nữa" in response.content.decode()
    assert AuditEvent.objects.count() == count


def test_a_row_of_another_plan_is_404(client, clerk, plan, commune):
    other = plans.create_plan(actor=clerk, agency=commune, year=2027)
    client.force_login(clerk)
    group = other.groups.first()
    response = client.post(reverse("dialogues:plan_group", args=[plan.pk, group.pk]),
                           {"op": "remove"})
    assert response.status_code == 404
    assert ParticipantGroup.objects.filter(pk=group.pk).exists()
