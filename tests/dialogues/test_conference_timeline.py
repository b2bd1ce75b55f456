"""The timeline: every milestone with its rule, unit, status, who confirmed it and the proof."""

import datetime as dt

from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.models import Milestone
from doithoai.org.models import Role, Unit
from tests.dialogues.test_conference_pages import past_conference, schedule, workday_ahead
from tests.factories import user_with_role


def url(conference):
    return reverse("dialogues:timeline", args=[conference.pk])


def done_url(m):
    return reverse("dialogues:milestone_done", args=[m.conference_id, m.pk])


def undo_url(m):
    return reverse("dialogues:milestone_undo", args=[m.conference_id, m.pk])


def test_every_milestone_in_date_order_with_rule_unit_and_status(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20))
    client.force_login(clerk)
    response = client.get(url(conference))
    rows = response.context["rows"]
    dated = [r.milestone.due_on for r in rows if r.milestone.due_on]
    assert dated == sorted(dated)
    assert [r.milestone.due_on for r in rows][-1] is None  # the task without a deadline
    assert len(rows) == conference.milestones.count()
    page = response.content.decode()
    assert "Điều 43 Luật Tổ chức chính quyền địa phương 2025" in page
    assert "hạn theo luật" in page and "Chưa đến hạn" in page and "Chưa có hạn" in page
    assert "Công an xã" in page


def test_a_past_conference_shows_overdue_steps_in_words(client, clerk, plan):
    conference = past_conference(plan, clerk)
    client.force_login(clerk)
    response = client.get(url(conference))
    statuses = {r.milestone.kind: r.status for r in response.context["rows"]}
    assert statuses[Milestone.Kind.ANNOUNCEMENT] == "overdue"
    assert "Quá hạn" in response.content.decode()


def test_confirming_needs_a_proof_and_records_who(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20))
    m = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    client.force_login(clerk)
    response = client.post(done_url(m), {f"m{m.pk}-proof": "  "})
    assert response.status_code == 400
    m.refresh_from_db()
    assert m.done_on is None

    response = client.post(done_url(m), {f"m{m.pk}-proof": "Niêm yết tại nhà văn hóa 8 thôn"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.done_on and m.done_by == clerk and m.proof.startswith("Niêm yết")
    page = client.get(url(conference)).content.decode()
    assert "Niêm yết tại nhà văn hóa 8 thôn" in page and "Đã hoàn thành" in page
    assert "xác nhận lúc" in page


def test_a_step_done_after_its_deadline_is_done_late(client, clerk, plan):
    conference = past_conference(plan, clerk)
    m = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    client.force_login(clerk)
    late = m.due_on + dt.timedelta(days=2)
    client.post(done_url(m), {f"m{m.pk}-proof": "Đăng trên trang thông tin điện tử",
                              f"m{m.pk}-done_on": late.isoformat()})
    response = client.get(url(conference))
    status = {r.milestone.pk: r.status for r in response.context["rows"]}[m.pk]
    assert status == "done_late" and "Hoàn thành muộn" in response.content.decode()


def test_a_unit_officer_confirms_his_own_tasks_only(client, clerk, plan, commune):
    conference = schedule(plan, clerk, workday_ahead(20))
    police = Unit.objects.get(agency=commune, kind=Unit.Kind.POLICE)
    officer = user_with_role(Role.UNIT_OFFICER, agency=commune, unit=police)
    own = conference.milestones.get(kind="task", unit=police)
    other = conference.milestones.get(kind=Milestone.Kind.INVITATIONS)
    client.force_login(officer)
    rows = {r.milestone.pk: r for r in client.get(url(conference)).context["rows"]}
    assert rows[own.pk].form is not None and rows[other.pk].form is None
    assert client.post(done_url(other), {f"m{other.pk}-proof": "x"}).status_code == 403
    response = client.post(done_url(own), {f"m{own.pk}-proof": "Kế hoạch số 12/KH-CAX"})
    assert response.status_code == 302
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.done_on and other.done_on is None
    # Only the office undoes a confirmation.
    assert client.post(undo_url(own), {f"u{own.pk}-reason": "nhầm"}).status_code == 403


def test_the_office_undoes_with_a_reason(client, clerk, plan):
    conference = schedule(plan, clerk, workday_ahead(20))
    m = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    client.force_login(clerk)
    client.post(done_url(m), {f"m{m.pk}-proof": "Niêm yết"})
    response = client.post(undo_url(m), {f"u{m.pk}-reason": ""})
    assert response.status_code == 400
    m.refresh_from_db()
    assert m.done_on
    response = client.post(undo_url(m), {f"u{m.pk}-reason": "Xác nhận nhầm hội nghị"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.done_on is None and m.proof == ""
    assert AuditEvent.objects.get(action="milestone.undo").reason == "Xác nhận nhầm hội nghị"


def test_a_milestone_of_another_conference_is_404(client, clerk, plan):
    first = schedule(plan, clerk, workday_ahead(20))
    second = schedule(plan, clerk, workday_ahead(22))  # the plan's year still
    m = second.milestones.first()
    client.force_login(clerk)
    wrong = reverse("dialogues:milestone_done", args=[first.pk, m.pk])
    assert client.post(wrong, {f"m{m.pk}-proof": "x"}).status_code == 404
