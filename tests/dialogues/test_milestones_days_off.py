"""Steps before a conference that fall on a day off are due on the working day before: the
stored milestones, the pages and documents that read them, and their recomputation when the
calendar changes. The reported case: a conference five working days after Tết 2027."""

import datetime as dt
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.models import Milestone
from doithoai.dialogues.selectors import village_opinions
from doithoai.documents.kinds import ke_hoach, thong_bao, thong_bao_truyen_thanh
from doithoai.workdays import actions as workdays
from doithoai.workdays.calendar import get_calendar
from doithoai.workdays.models import CalendarOverride
from tests.dialogues.conftest import TODAY

D = dt.date
AFTER_TET = D(2027, 2, 17)  # Wednesday, the fifth working day after Tết Đinh Mùi
MOVED_TO_12 = "ngày 14/02/2027 là ngày nghỉ: thực hiện trước, vào ngày làm việc 12/02/2027"
MOVED_TO_03 = "ngày 10/02/2027 là ngày nghỉ: thực hiện trước, vào ngày làm việc 03/02/2027"
REPORT_TASK = "Tổng hợp báo cáo tóm tắt tình hình kinh tế - xã hội"


@pytest.fixture
def plan_2027(commune, clerk):
    return plans.create_plan(actor=clerk, agency=commune, year=2027)


@pytest.fixture
def after_tet(plan_2027, clerk):
    return conferences.schedule_conference(
        actor=clerk, plan=plan_2027, data={"held_on": AFTER_TET, "hall_capacity": 400},
        today=TODAY)


def _milestone(conference, kind):
    return conference.milestones.get(kind=kind)


def _admin():
    return get_user_model().objects.create_superuser(username="quantri-tet",
                                                     password="mat-khau-quan-tri-1")


def _override(day, kind, reason):
    workdays.create_override(
        actor=_admin(), reason="Theo thông báo của Bộ Nội vụ",
        override=CalendarOverride(date=day, kind=kind, reason=reason,
                                  legal_basis="Thông báo số 1/TB-BNV"))


def test_the_calendar_around_tet_2027(db):
    calendar = get_calendar()  # holidays.VN under the override table (none for 2027)
    assert not calendar.is_workday(D(2027, 2, 10))
    assert calendar.day_status(D(2027, 2, 10)).reason == "Mùng năm Tết Nguyên Đán"
    assert not calendar.is_workday(D(2027, 2, 14))
    assert calendar.count_workdays(D(2027, 2, 10), AFTER_TET) == 5
    assert not CalendarOverride.objects.filter(date__year=2027).exists()


def test_stored_milestones_of_the_reported_conference(after_tet):
    announcement = _milestone(after_tet, Milestone.Kind.ANNOUNCEMENT)
    assert announcement.due_on == D(2027, 2, 3)
    assert announcement.rule.endswith(MOVED_TO_03)
    assert announcement.is_legal
    for kind in (Milestone.Kind.VILLAGE_OPINIONS, Milestone.Kind.DELEGATE_LISTS):
        m = _milestone(after_tet, kind)
        assert m.due_on == D(2027, 2, 12)
        assert m.rule.endswith(MOVED_TO_12)
    invitations = _milestone(after_tet, Milestone.Kind.INVITATIONS)
    assert invitations.due_on == D(2027, 2, 1)
    assert "ngày nghỉ" not in invitations.rule
    assert _milestone(after_tet, Milestone.Kind.PREPARED_ANSWERS).due_on == D(2027, 2, 16)
    # After the conference, Art. 148 as before: 27/02 is a Saturday, so Monday 01/03.
    results = _milestone(after_tet, Milestone.Kind.RESULTS_ANNOUNCED)
    assert results.due_on == D(2027, 3, 1)
    assert results.rule.endswith("ngày 27/02/2027 là ngày nghỉ: hạn là ngày làm việc tiếp theo "
                                 "01/03/2027 (Điều 148 Bộ luật Dân sự)")


def test_stored_task_milestones_before_the_conference(after_tet):
    calendar = get_calendar()
    report = after_tet.milestones.get(kind=Milestone.Kind.TASK, title__startswith=REPORT_TASK)
    assert report.task.offset_days == -3
    assert report.due_on == D(2027, 2, 12)
    assert report.rule == f"Chậm nhất 3 ngày trước hội nghị 17/02/2027; {MOVED_TO_12}"
    before = after_tet.milestones.filter(kind=Milestone.Kind.TASK, task__offset_days__lt=0)
    assert before.filter(task__offset_days=-7).exists()
    for m in before:
        assert calendar.is_workday(m.due_on), m.title
    for m in before.filter(task__offset_days=-7):
        assert m.due_on == D(2027, 2, 3)
        assert m.rule.endswith(MOVED_TO_03)


def test_the_timeline_shows_the_moved_dates(client, clerk, after_tet):
    client.force_login(clerk)
    page = client.get(reverse("dialogues:timeline", args=[after_tet.pk])).content.decode()
    assert '<time datetime="2027-02-03">03/02/2027</time>' in page
    assert '<time datetime="2027-02-12">12/02/2027</time>' in page
    assert MOVED_TO_03 in page and MOVED_TO_12 in page
    # The days off appear only in the rules, never as a due date.
    assert 'datetime="2027-02-10"' not in page and 'datetime="2027-02-14"' not in page


def test_the_conference_pages_warn_while_its_year_is_not_confirmed(client, clerk, after_tet):
    """2027's swapped days are not confirmed yet (the shipped years are 2024–2026): its dates
    may move. Once an administrator confirms the year, the warning goes."""
    warning = ("Lịch ngày nghỉ, làm bù năm 2027 chưa được quản trị hệ thống xác nhận: các hạn "
               "có thể thay đổi")
    client.force_login(clerk)
    pages = [reverse("dialogues:conference_detail", args=[after_tet.pk]),
             reverse("dialogues:timeline", args=[after_tet.pk])]
    assert all(warning in client.get(url).content.decode() for url in pages)
    workdays.confirm_year(actor=_admin(), year=2027, legal_basis="Thông báo số 1/TB-BNV",
                          reason="Chính phủ đã công bố lịch nghỉ năm 2027")
    assert not any("chưa được quản trị hệ thống xác nhận" in client.get(url).content.decode()
                   for url in pages)


def test_the_village_pages_and_the_announcement_use_the_moved_date(client, clerk, after_tet):
    assert village_opinions.opinions_due(after_tet) == D(2027, 2, 12)
    client.force_login(clerk)
    village = after_tet.village_returns.first().village
    page = client.get(reverse("dialogues:village_opinions",
                              args=[after_tet.pk, village.pk])).content.decode()
    assert "12/02/2027" in page and "14/02/2027" not in page
    deadline = thong_bao.context(after_tet)["deadline"]
    assert deadline.endswith("trước ngày 12 tháng 02 năm 2027.")
    radio = " ".join(thong_bao_truyen_thanh.context(after_tet)["paragraphs"])
    assert "trước ngày 12 tháng 02 năm 2027" in radio


def test_the_public_announcement_shows_the_moved_date(client, clerk, plan_2027, after_tet):
    plans.issue_plan(actor=clerk, plan=plan_2027, number="3/KH-UBND",
                     issued_on=D(2026, 11, 2))
    page = client.get(reverse("dialogues_public:announcement", args=[after_tet.pk]))
    assert "Nên gửi trước ngày 12/02/2027" in page.content.decode()


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def test_the_plan_document_gives_each_task_its_moved_deadline(plan_2027, clerk, after_tet):
    """With its conference dated, the Kế hoạch tells each unit by when: the date of the
    task's milestone, moved to the working day before (the Front's summary: Sunday 14/02 →
    Friday 12/02; the week-before tasks: Mùng 5 Tết 10/02 → 03/02)."""
    text = "\n".join(_strings(ke_hoach.context(plan_2027)))
    assert f"{REPORT_TASK} phục vụ hội nghị. Thời hạn: chậm nhất ngày 12/02/2027." in text
    # the Front's summary, a statutory step: the date of its milestone, moved the same way
    assert ("gửi UBND xã Điềm He (qua Văn phòng HĐND và UBND xã). Thời hạn: chậm nhất ngày "
            "12/02/2027.") in text
    assert "Thời hạn: chậm nhất ngày 03/02/2027." in text
    assert "Thời hạn: trong ngày hội nghị 17/02/2027." in text  # the reporter's day
    assert "14/02/2027" not in text and "10/02/2027" not in text
    # and its "Thời gian" says the day, not the new plan's "to be announced"
    assert "ngày 17 tháng 02 năm 2027" in text and "sẽ thông báo sau" not in text
    # a second conference: each has its own dates (on its page), the plan prints none, only
    # the days counted from the conference
    conferences.schedule_conference(actor=clerk,
                                    plan=plan_2027, data={"held_on": D(2027, 9, 24)},
                                    today=TODAY)
    text = "\n".join(_strings(ke_hoach.context(plan_2027)))
    assert "Thời hạn: chậm nhất ngày" not in text and "/2027." not in text
    assert "Thời hạn: chậm nhất 03 ngày trước hội nghị." in text
    assert "thời gian cụ thể sẽ thông báo sau" in text


def test_rescheduling_onto_the_date_applies_the_rule(plan_2027, clerk):
    conference = conferences.schedule_conference(
        actor=clerk, plan=plan_2027, data={"held_on": D(2027, 3, 19), "hall_capacity": 400},
        today=TODAY)
    assert _milestone(conference, Milestone.Kind.VILLAGE_OPINIONS).due_on == D(2027, 3, 16)
    conferences.update_conference(actor=clerk, conference=conference,
                                  data={"held_on": AFTER_TET}, today=TODAY)
    opinions = _milestone(conference, Milestone.Kind.VILLAGE_OPINIONS)
    assert (opinions.due_on, opinions.rule.endswith(MOVED_TO_12)) == (D(2027, 2, 12), True)


def test_recomputed_when_the_calendar_changes(after_tet):
    # Friday 12/02 becomes a day off too: the villages send on Thursday 11/02.
    _override(D(2027, 2, 12), "off", "Nghỉ bù")
    for kind in (Milestone.Kind.VILLAGE_OPINIONS, Milestone.Kind.DELEGATE_LISTS):
        m = _milestone(after_tet, kind)
        assert m.due_on == D(2027, 2, 11)
        assert m.rule.endswith(
            "ngày 14/02/2027 là ngày nghỉ: thực hiện trước, vào ngày làm việc 11/02/2027")
    report = after_tet.milestones.get(kind=Milestone.Kind.TASK, title__startswith=REPORT_TASK)
    assert report.due_on == D(2027, 2, 11)


def test_a_worked_sunday_keeps_the_plain_date(after_tet):
    _override(D(2027, 2, 14), "work", "Ngày làm bù")
    opinions = _milestone(after_tet, Milestone.Kind.VILLAGE_OPINIONS)
    assert opinions.due_on == D(2027, 2, 14)
    assert opinions.rule == "Thôn gửi ý kiến của Nhân dân chậm nhất 3 ngày trước hội nghị " \
                            "17/02/2027"


# -- the data migration ----------------------------------------------------------------------


def _migration():
    return importlib.import_module(
        "doithoai.dialogues.migrations.0004_milestones_before_days_off")


def _as_stored_before(conference):
    """The conference's steps as the former rule stored them (a day off stood)."""
    old = {Milestone.Kind.ANNOUNCEMENT: (D(2027, 2, 10), "Thông báo công khai chậm nhất 7 ngày "
                                         "trước hội nghị 17/02/2027 (Điều 43 Luật Tổ chức chính "
                                         "quyền địa phương 2025)"),
           Milestone.Kind.VILLAGE_OPINIONS: (D(2027, 2, 14), "Thôn gửi ý kiến của Nhân dân chậm "
                                             "nhất 3 ngày trước hội nghị 17/02/2027"),
           Milestone.Kind.DELEGATE_LISTS: (D(2027, 2, 14), "Thôn gửi danh sách đại biểu chậm "
                                           "nhất 3 ngày trước hội nghị 17/02/2027")}
    for kind, (due_on, rule) in old.items():
        conference.milestones.filter(kind=kind).update(due_on=due_on, rule=rule)
    conference.milestones.filter(kind=Milestone.Kind.TASK, task__offset_days=-3).update(
        due_on=D(2027, 2, 14), rule="Chậm nhất 3 ngày trước hội nghị 17/02/2027")


# What a migration's function reads of its schema editor: the database being migrated.
ON_DEFAULT = SimpleNamespace(connection=connection)


def test_the_migration_recomputes_open_steps_of_conferences_in_preparation(after_tet):
    expected = {m.pk: (m.due_on, m.rule) for m in after_tet.milestones.all()}
    _as_stored_before(after_tet)
    delegates = _milestone(after_tet, Milestone.Kind.DELEGATE_LISTS)
    Milestone.objects.filter(pk=delegates.pk).update(done_on=D(2026, 11, 20), proof="Sổ")
    _migration().recompute(django_apps, ON_DEFAULT)
    now = {m.pk: (m.due_on, m.rule) for m in after_tet.milestones.all()}
    assert {pk: v for pk, v in now.items() if pk != delegates.pk} == {
        pk: v for pk, v in expected.items() if pk != delegates.pk}
    # A step done keeps the deadline it was judged against.
    assert now[delegates.pk][0] == D(2027, 2, 14)


def test_the_migration_leaves_held_conferences(after_tet):
    _as_stored_before(after_tet)
    after_tet.__class__.objects.filter(pk=after_tet.pk).update(state="held")
    before = {m.pk: (m.due_on, m.rule) for m in after_tet.milestones.all()}
    _migration().recompute(django_apps, ON_DEFAULT)
    assert {m.pk: (m.due_on, m.rule) for m in after_tet.milestones.all()} == before
