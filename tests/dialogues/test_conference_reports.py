"""The carry-over report (R31), the chair's briefing (R19), and milestones that move with the
working-day calendar."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import Milestone, PreparedAnswer
from doithoai.dialogues.selectors import conferences, oversight
from doithoai.dialogues.selectors import conferences as conferences_reads
from doithoai.org.access import scope_of
from doithoai.org.models import Agency, Role, Unit
from doithoai.petitions.actions import answers, assignments, procedures
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Answer, Petition
from doithoai.workdays import actions as workdays
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.models import CalendarOverride
from tests.dialogues.test_conference_pages import (
    answer_at_conference,
    past_conference,
    receive_for,
    schedule,
    today,
    workday_ahead,
)
from tests.factories import user_with_role


def at_local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def written_answer(petition, clerk, published_at: dt.datetime):
    """A written answer through the real steps (unit drafts, leader approves, office
    publishes), then dated as published at `published_at`."""
    commune = petition.agency
    officer = get_user_model().objects.get(username="kinhte")
    leader = get_user_model().objects.get(username="chutich")
    assignments.classify(actor=clerk, petition=petition, kind="opinion",
                         field=commune.fields.first(), urgency="normal")
    petition.refresh_from_db()
    p = assignments.assign(actor=clerk, petition=petition,
                           unit=Unit.objects.get(agency=commune, code="kinh-te"))
    answers.draft_answer(actor=officer, petition=p, text="Trả lời bằng văn bản.")
    p = answers.approve_answer(actor=leader, petition=p)
    p = answers.publish_answer(actor=clerk, petition=p)
    Answer.objects.filter(petition=p, is_current=True).update(published_at=published_at)
    return p


def _previous_with_every_outcome(plan, clerk):
    """A conference held weeks ago: answered at the conference (the record typed days after
    the due date, as in the demo), written answers on the due day and the day after, open
    overdue, open, escalated."""
    previous = past_conference(plan, clerk, days_ago=40)
    ensure_default_fields(previous.agency)
    at_conference = answer_at_conference(receive_for(previous, "Đề nghị sửa cầu tràn."), clerk)
    Answer.objects.filter(petition=at_conference).update(  # typed in long after the session
        published_at=at_local(at_conference.due_date + dt.timedelta(days=3), 9))
    on_due_day = receive_for(previous, "Đề nghị nạo vét mương.")
    on_due_day = written_answer(on_due_day, clerk, at_local(on_due_day.due_date, 23, 30))
    day_after = receive_for(previous, "Đề nghị làm lại rãnh thoát nước.")
    # 00:30 in Hà Nội on the day after is still the due day in UTC: the local day counts.
    day_after = written_answer(day_after, clerk,
                               at_local(day_after.due_date + dt.timedelta(days=1), 0, 30))
    overdue = receive_for(previous, "Đề nghị hỗ trợ giống cây trồng.")
    overdue.due_date = today() - dt.timedelta(days=5)
    overdue.save(update_fields=["due_date"])
    still_due = receive_for(previous, "Đề nghị mở lớp tập huấn chăn nuôi.")
    still_due.due_date = today() + dt.timedelta(days=5)
    still_due.save(update_fields=["due_date"])
    escalated = receive_for(previous, "Đề nghị nâng cấp quốc lộ.")
    procedures.escalate(actor=clerk, petition=escalated, receiving_agency="Sở Xây dựng",
                        follow_up_on=today(), reason="Vượt thẩm quyền của xã")
    return previous, {"at_conference": at_conference, "on_due_day": on_due_day,
                      "day_after": day_after, "overdue": overdue, "still_due": still_due,
                      "escalated": escalated}


def test_carry_over_counts_every_outcome_and_lists_the_open_ones(client, clerk, plan):
    previous, p = _previous_with_every_outcome(plan, clerk)
    current = schedule(plan, clerk, workday_ahead(20))
    later = schedule(plan, clerk, workday_ahead(22))
    receive_for(later, "Ý kiến của hội nghị sau, không thuộc báo cáo.")
    [report] = conferences_reads.carry_over(current)
    assert report.conference == previous
    # At the conference: on time (the conference is the answer), whenever the record was
    # typed; in writing: on time on the due day, late the day after.
    assert (report.total, report.on_time, report.late, report.open, report.open_overdue,
            report.routed) == (6, 2, 1, 2, 1, 1)
    assert [x.pk for x in report.open_rows] == [p["overdue"].pk, p["still_due"].pk]

    client.force_login(clerk)
    response = client.get(reverse("dialogues:carry_over", args=[current.pk]))
    page = response.content.decode()
    assert p["overdue"].tracking_code in page and p["still_due"].tracking_code in page
    assert p["at_conference"].tracking_code not in page
    assert p["escalated"].tracking_code not in page
    assert "Ý kiến chưa được trả lời (2)" in page and "quá hạn" in page
    # The earlier conference has no earlier conference of its own.
    assert conferences_reads.carry_over(previous) == []


def test_carry_over_agrees_with_the_rollup(clerk, plan):
    """The report counts as `oversight.counts` does (the roll-up, the yearly report)."""
    previous, _ = _previous_with_every_outcome(plan, clerk)
    current = schedule(plan, clerk, workday_ahead(20))
    [report] = conferences_reads.carry_over(current)
    c = oversight.counts(Petition.objects.filter(conference=previous))
    assert (report.total, report.on_time, report.late, report.open, report.open_overdue,
            report.routed) == (c.received, c.answered_on_time, c.answered_late, c.open,
                               c.open_overdue, c.escalated + c.transferred + c.not_accepted)
    assert c.answered_at_conference == 1 and c.answered_late == 1


def test_carry_over_keeps_to_the_agency(client, clerk, plan, outsider):
    _previous_with_every_outcome(plan, clerk)
    other = Agency.objects.get(pk=next(iter(scope_of(outsider).agency_ids)))
    other_plan = plans.create_plan(actor=outsider, agency=other, year=2026)
    theirs = schedule(other_plan, outsider, workday_ahead(20))
    assert conferences_reads.carry_over(theirs) == []


def test_the_briefing_has_the_main_issues_and_the_prepared_answers(client, clerk, plan,
                                                                   commune):
    previous, _ = _previous_with_every_outcome(plan, clerk)
    conference = schedule(plan, clerk, workday_ahead(20), starts_at=dt.time(7, 30))
    ensure_default_fields(commune)
    fields = list(commune.fields.order_by("order")[:2])
    unit = Unit.objects.get(agency=commune, kind=Unit.Kind.POLICE)
    road = receive_for(conference, "Đường thôn Khòn Pần sạt lở, nguy hiểm.",
                       received_on=today())
    assignments.classify(actor=clerk, petition=road, kind="opinion", field=fields[1],
                         urgency="urgent")
    for text in ("Đề nghị cấp giấy chứng nhận đất.", "Đề nghị đo đạc lại thửa đất."):
        p = receive_for(conference, text, received_on=today())
        assignments.classify(actor=clerk, petition=p, kind="opinion", field=fields[0],
                             urgency="normal")
    PreparedAnswer.objects.create(conference=conference, petition=road, unit=unit,
                                  text="Công an xã đã cắm biển cảnh báo, phối hợp khắc phục.")
    brief = conferences_reads.briefing(conference, clerk)
    assert [g.name for g in brief.fields] == [fields[1].name, fields[0].name]  # pressing first
    assert (brief.fields[1].total, brief.fields[0].pressing) == (2, 1)
    assert brief.carry_over_open == 2 and brief.petitions == 3
    assert brief.planned_seats == conferences.planned_seats(conference)

    client.force_login(clerk)
    page = client.get(reverse("dialogues:briefing", args=[conference.pk])).content.decode()
    assert "07:30" in page and conference.venue in page
    assert "Công an xã đã cắm biển cảnh báo" in page and "Khẩn" in page
    assert "Đường thôn Khòn Pần sạt lở" in page
    assert "xem báo cáo" in page


def test_the_briefing_shows_a_reader_only_what_he_may_see(client, clerk, plan, commune):
    # A village head opens the chair's briefing of his commune's conference: he reads his
    # own village's petitions, never another village's (a denunciation's words and village
    # among them), nor the answers prepared for them.
    conference = schedule(plan, clerk, workday_ahead(20))
    own, other = commune.villages.order_by("pk")[:2]
    unit = Unit.objects.get(agency=commune, kind=Unit.Kind.POLICE)
    mine = receive_for(conference, "Đường vào thôn Nà Pàn lầy lội.", village_id=own.pk)
    theirs = receive_for(conference, "Tôi tố cáo cán bộ địa chính thu tiền làm sổ đỏ.",
                         village_id=other.pk)
    for petition, urgency in ((mine, "urgent"), (theirs, "urgent")):
        assignments.classify(actor=clerk, petition=petition, kind="opinion",
                             field=commune.fields.first(), urgency=urgency)
    PreparedAnswer.objects.create(conference=conference, petition=theirs, unit=unit,
                                  text="Thanh tra xã đang xác minh nội dung.")
    head = user_with_role(Role.VILLAGE_HEAD, agency=commune, village=own)
    brief = conferences_reads.briefing(conference, head)
    assert brief.petitions == 1 and brief.answers_by_unit == []
    client.force_login(head)
    page = client.get(reverse("dialogues:briefing", args=[conference.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Đường vào thôn Nà Pàn" in body
    assert "địa chính" not in body and other.name not in body
    assert "Thanh tra xã đang xác minh" not in body
    assert conferences_reads.briefing(conference, clerk).petitions == 2  # the office: all


def test_milestones_move_with_the_calendar(plan, clerk):
    conference = schedule(plan, clerk, workday_ahead(25))
    invitations = conference.milestones.get(kind=Milestone.Kind.INVITATIONS)
    due = invitations.due_on
    # A new day off between the invitation deadline and the conference moves it one
    # working day earlier.
    day_off = get_calendar().add_workdays(due, 1)
    admin = get_user_model().objects.create_superuser(username="quantri-lich",
                                                      password="mat-khau-quan-tri-1")
    workdays.create_override(
        actor=admin, reason="Nghỉ bù theo quyết định của tỉnh",
        override=CalendarOverride(date=day_off, kind="off", reason="Nghỉ bù",
                                  legal_basis="Quyết định số 1/QĐ-UBND"))
    invitations.refresh_from_db()
    assert invitations.due_on == get_calendar().subtract_workdays(conference.held_on, 7)
    assert invitations.due_on < due
