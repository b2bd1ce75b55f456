import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doithoai.audit.conflicts import Conflict
from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import conferences, milestones, plans
from doithoai.dialogues.models import Milestone, Plan
from doithoai.dialogues.selectors import milestones as milestones_reads
from doithoai.dialogues.selectors import schedule
from tests.dialogues.conftest import HELD_ON, ISSUED_ON, TODAY


def test_a_new_plan_is_prefilled_from_the_law_and_the_agency(plan, commune):
    assert plan.state == Plan.State.DRAFT
    assert "72/2025/QH15" in plan.legal_bases
    assert "xã Điềm He" in plan.title and "2026" in plan.title
    assert plan.signer.full_name == "Lý Thị Dương"
    labels = list(plan.groups.values_list("label", flat=True))
    assert "Đại diện lãnh đạo Công an xã" in labels and "Đại diện Nhân dân" in labels
    assert plan.groups.get(label="Đại diện Nhân dân").seats == 3
    units = set(plan.tasks.values_list("unit__code", flat=True))
    assert {"van-phong", "cong-an", "dvci", "van-hoa-xa-hoi"} <= units
    assert AuditEvent.objects.filter(action="plan.create", object_id=str(plan.pk)).exists()


def test_issuing_needs_a_number_and_every_section(plan, clerk):
    with pytest.raises(ValidationError):
        plans.issue_plan(actor=clerk, plan=plan, number=" ", issued_on=ISSUED_ON)
    with pytest.raises(ValidationError):  # a required section cannot be emptied
        plans.update_plan(actor=clerk, plan=plan, data={"budget": ""}, version=plan.version)
    plans.update_plan(actor=clerk, plan=plan, data={"signer": None}, version=plan.version)
    with pytest.raises(ValidationError, match="người ký"):
        plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND", issued_on=ISSUED_ON)
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT


def test_an_issued_plan_keeps_its_text(plan, clerk):
    plan = plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND", issued_on=ISSUED_ON)
    with pytest.raises(ValidationError, match="đã ban hành"):
        plans.update_plan(actor=clerk, plan=plan, data={"purposes": "Khác"},
                          version=plan.version)
    plan = plans.publish_plan(actor=clerk, plan=plan, version=plan.version)
    assert plan.state == Plan.State.PUBLISHED


def test_a_stale_form_is_refused(plan, clerk):
    plans.update_plan(actor=clerk, plan=plan, data={"venue": "Nhà văn hóa xã"},
                      version=plan.version)
    with pytest.raises(Conflict):
        plans.update_plan(actor=clerk, plan=plan, data={"venue": "Hội trường"},
                          version=1)


def test_read_only_and_outsiders_cannot_plan(commune, supervisor, outsider):
    for user in (supervisor, outsider):
        with pytest.raises(PermissionDenied):
            plans.create_plan(actor=user, agency=commune, year=2026)


def test_milestones_follow_the_conference_day(conference):
    due = {m.kind: m.due_on for m in conference.milestones.exclude(kind="task")}
    # 18/12/2026 is a Friday: 7 days before is 11/12; 7 working days before is 09/12;
    # 3 days before 15/12; the last working day before 17/12; 5 working days after 25/12;
    # 10 days after is 28/12 (Monday); 15 working days after 08/01/2027 (1/1 is off).
    assert due == {
        "announcement": dt.date(2026, 12, 11), "invitations": dt.date(2026, 12, 9),
        "village_opinions": dt.date(2026, 12, 15), "delegate_lists": dt.date(2026, 12, 15),
        "prepared_answers": dt.date(2026, 12, 17), "conclusion_notice": dt.date(2026, 12, 25),
        "results_announced": dt.date(2026, 12, 28), "written_answers": dt.date(2027, 1, 11),
    }
    police = conference.milestones.get(kind="task", unit__code="cong-an")
    assert police.due_on == dt.date(2026, 12, 15) and "3 ngày trước" in police.rule
    assert conference.agenda.count() == 10
    assert conference.village_returns.count() == 12


def test_a_past_day_or_a_holiday_is_refused(plan, clerk):
    for day in (dt.date(2026, 11, 20), dt.date(2027, 1, 1)):
        with pytest.raises(ValidationError):
            conferences.schedule_conference(actor=clerk, plan=plan, data={"held_on": day},
                                            today=TODAY)
    assert not plan.conferences.exists()


def test_a_hall_too_small_is_refused(plan, clerk):
    with pytest.raises(ValidationError, match="hội trường chỉ có 50"):
        conferences.schedule_conference(actor=clerk, plan=plan,
                                        data={"held_on": HELD_ON, "hall_capacity": 50},
                                        today=TODAY)
    assert not plan.conferences.exists()


def test_moving_the_date_moves_milestones_and_names_the_impossible(conference, clerk):
    soon = dt.date(2026, 11, 27)
    impact = schedule.change_impact(conference, soon, today=TODAY)
    kinds = {d.kind for d in impact.impossible}
    assert {"announcement", "invitations"} <= kinds
    with pytest.raises(ValidationError, match="không còn kịp"):
        conferences.update_conference(actor=clerk, conference=conference,
                                      data={"held_on": soon}, today=TODAY)
    conference = conferences.update_conference(actor=clerk, conference=conference,
                                             data={"held_on": soon}, confirmed=True,
                                             today=TODAY)
    assert conference.milestones.get(kind="announcement").due_on == dt.date(2026, 11, 20)


def test_a_milestone_needs_its_proof(conference, clerk):
    m = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    with pytest.raises(ValidationError, match="minh chứng"):
        milestones.mark_done(actor=clerk, milestone=m, proof="  ")
    m = milestones.mark_done(actor=clerk, milestone=m, proof="Đài truyền thanh xã, 10/12")
    assert m.done_by == clerk and milestones_reads.milestone_status(m, TODAY) == "done"


def test_one_periodic_plan_a_year_and_ad_hoc_plans_say_why(commune, clerk, plan):
    with pytest.raises(ValidationError, match="đã có kế hoạch định kỳ"):
        plans.create_plan(actor=clerk, agency=commune, year=2026)
    ad_hoc = plans.create_plan(actor=clerk, agency=commune, year=2026, kind=Plan.Kind.AD_HOC,
                               ad_hoc_basis=Plan.AdHocBasis.VOTERS)
    assert ad_hoc.preamble.startswith("Xét đề nghị của ít nhất 10% cử tri")
    assert "đột xuất" in ad_hoc.title


def test_a_plan_is_not_issued_in_the_future(plan, clerk):
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        plans.issue_plan(actor=clerk, plan=plan, number="27/KH-UBND",
                         issued_on=timezone.localdate() + dt.timedelta(days=1))


def test_a_conference_belongs_to_its_plans_year(plan, clerk):
    with pytest.raises(ValidationError, match="trong năm 2026"):
        conferences.schedule_conference(actor=clerk, plan=plan,
                                        data={"held_on": dt.date(2027, 1, 8)}, today=TODAY)


def test_the_usual_chair_co_chair_and_secretary_are_offered(conference, plan):
    assert conference.chair == plan.signer
    assert conference.co_chair.unit.kind == "council"  # the People's Council's member
    assert conference.secretary is None or conference.secretary.agency == plan.agency


def test_moving_the_date_names_late_tasks_and_steps_done_too_early(conference, clerk):
    announcement = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    milestones.mark_done(actor=clerk, milestone=announcement, proof="Đài truyền thanh xã",
                         done_on=timezone.localdate())
    soon = timezone.localdate() + dt.timedelta(days=3)
    while soon.weekday() > 4:
        soon += dt.timedelta(days=1)
    impact = schedule.change_impact(conference, soon)
    titles = {d.title for d in impact.impossible}
    assert any("kinh phí" in t for t in titles)  # the office's budget task, 7 days before
    assert [d.kind for d in impact.late_done] == ["announcement"]  # 7 days are not kept
    assert impact.needs_confirmation


def test_steps_after_the_session_wait_for_it(conference, clerk):
    notice = conference.milestones.get(kind=Milestone.Kind.CONCLUSION_NOTICE)
    with pytest.raises(ValidationError, match="làm sau hội nghị"):
        milestones.mark_done(actor=clerk, milestone=notice, proof="Số 45/TB-UBND")
