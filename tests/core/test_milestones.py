"""The statutory steps around a conference, without a database: days off before the
conference move to the working day before, days off after it to the next (Art. 148)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from doithoai.core import milestones as rules
from doithoai.core.milestones import Kind, Settings
from doithoai.core.workdays import Override, build_vn_calendar, days_before

D = dt.date
CAL = build_vn_calendar()
# Wednesday 17/02/2027: the fifth working day after Tết Đinh Mùi (11, 12, 15, 16, 17/02).
AFTER_TET = D(2027, 2, 17)
BEFORE = (Kind.ANNOUNCEMENT, Kind.INVITATIONS, Kind.VILLAGE_OPINIONS, Kind.DELEGATE_LISTS,
          Kind.PREPARED_ANSWERS)


DEFAULTS = Settings()


def _by_kind(held_on, settings=DEFAULTS, calendar=CAL):
    return {due.kind: due for due in rules.statutory(calendar, held_on, settings)}


def test_tet_2027_in_the_calendar():
    # holidays.VN: 29 Tết to Mùng 5 (4–10/02/2027) off; the shipped overrides have no 2027 date.
    off = [D(2027, 2, 4) + dt.timedelta(days=i) for i in range(7)]
    assert all(not CAL.is_workday(d) for d in off)
    assert CAL.day_status(D(2027, 2, 10)).reason == "Mùng năm Tết Nguyên Đán"
    assert CAL.day_status(D(2027, 2, 14)).reason == "Chủ nhật"
    assert CAL.count_workdays(D(2027, 2, 10), AFTER_TET) == 5
    assert CAL.is_workday(AFTER_TET)


def test_the_reported_conference_after_tet_2027():
    dues = _by_kind(AFTER_TET)
    # 17/02 − 7 = 10/02, Mùng 5 Tết: announced on the last working day before Tết.
    assert dues[Kind.ANNOUNCEMENT].due_on == D(2027, 2, 3)
    assert dues[Kind.ANNOUNCEMENT].rule == (
        "Thông báo công khai chậm nhất 7 ngày trước hội nghị 17/02/2027 (Điều 43 Luật Tổ chức "
        "chính quyền địa phương 2025); ngày 10/02/2027 là ngày nghỉ: thực hiện trước, vào "
        "ngày làm việc 03/02/2027")
    assert dues[Kind.ANNOUNCEMENT].is_legal
    # 17/02 − 3 = 14/02, a Sunday: the villages send on Friday 12/02.
    assert dues[Kind.VILLAGE_OPINIONS].due_on == D(2027, 2, 12)
    assert dues[Kind.VILLAGE_OPINIONS].rule == (
        "Thôn gửi ý kiến của Nhân dân chậm nhất 3 ngày trước hội nghị 17/02/2027; ngày "
        "14/02/2027 là ngày nghỉ: thực hiện trước, vào ngày làm việc 12/02/2027")
    assert dues[Kind.DELEGATE_LISTS].due_on == D(2027, 2, 12)
    assert dues[Kind.DELEGATE_LISTS].rule == (
        "Thôn gửi danh sách đại biểu chậm nhất 3 ngày trước hội nghị 17/02/2027; ngày "
        "14/02/2027 là ngày nghỉ: thực hiện trước, vào ngày làm việc 12/02/2027")
    # Counted in working days: already on working days, the sentence unchanged.
    assert dues[Kind.INVITATIONS].due_on == D(2027, 2, 1)
    assert dues[Kind.INVITATIONS].rule == (
        "Gửi giấy mời chậm nhất 7 ngày làm việc trước hội nghị 17/02/2027")
    assert dues[Kind.PREPARED_ANSWERS].due_on == D(2027, 2, 16)
    assert dues[Kind.PREPARED_ANSWERS].rule == (
        "Các đơn vị gửi nội dung trả lời trước ngày hội nghị 17/02/2027")


def test_after_the_conference_art_148_still_moves_forward():
    dues = _by_kind(AFTER_TET)
    assert dues[Kind.CONCLUSION_NOTICE].due_on == D(2027, 2, 24)
    # 17/02 + 10 = Saturday 27/02: the period ends on Monday 01/03.
    assert dues[Kind.RESULTS_ANNOUNCED].due_on == D(2027, 3, 1)
    assert dues[Kind.RESULTS_ANNOUNCED].rule == (
        "Công bố kết quả hội nghị trong 10 ngày sau hội nghị 17/02/2027 (Điều 43 Luật Tổ chức "
        "chính quyền địa phương 2025); ngày 27/02/2027 là ngày nghỉ: hạn là ngày làm việc "
        "tiếp theo 01/03/2027 (Điều 148 Bộ luật Dân sự)")
    assert dues[Kind.WRITTEN_ANSWERS].due_on == D(2027, 3, 10)
    # a task 3 days after (Saturday 20/02) says so too; one 5 days after (Monday) does not
    assert rules.task_due(CAL, AFTER_TET, 3).rule == (
        "Trong 3 ngày sau hội nghị 17/02/2027; ngày 20/02/2027 là ngày nghỉ: hạn là ngày làm "
        "việc tiếp theo 22/02/2027 (Điều 148 Bộ luật Dân sự)")
    assert rules.task_due(CAL, AFTER_TET, 5).rule == "Trong 5 ngày sau hội nghị 17/02/2027"


def test_nothing_moves_when_the_days_are_worked():
    # Friday 19/03/2027: 12/03 (Friday) and 16/03 (Tuesday) are working days.
    dues = _by_kind(D(2027, 3, 19))
    assert dues[Kind.ANNOUNCEMENT].due_on == D(2027, 3, 12)
    assert dues[Kind.VILLAGE_OPINIONS].due_on == D(2027, 3, 16)
    assert not any("ngày nghỉ" in due.rule for due in dues.values())


def test_an_override_makes_the_day_worked():
    calendar = build_vn_calendar(overrides={D(2027, 2, 14): Override("work", "Ngày làm bù")})
    dues = _by_kind(AFTER_TET, calendar=calendar)
    assert dues[Kind.VILLAGE_OPINIONS].due_on == D(2027, 2, 14)
    assert "ngày nghỉ" not in dues[Kind.VILLAGE_OPINIONS].rule


def test_the_plan_settings_are_followed():
    # 5 days before 17/02 is Friday 12/02, a working day; 2 days before is Monday 15/02.
    dues = _by_kind(AFTER_TET, Settings(announce_days_before=5, village_days_before=2))
    assert dues[Kind.ANNOUNCEMENT].due_on == D(2027, 2, 12)
    assert dues[Kind.VILLAGE_OPINIONS].due_on == D(2027, 2, 15)
    # 10 days before is Sunday 07/02, Mùng 2 Tết: back to Wednesday 03/02.
    dues = _by_kind(AFTER_TET, Settings(announce_days_before=10))
    assert dues[Kind.ANNOUNCEMENT].due_on == D(2027, 2, 3)
    assert "ngày 07/02/2027 là ngày nghỉ" in dues[Kind.ANNOUNCEMENT].rule


def test_plan_tasks_before_the_conference_move_back():
    seven = rules.task_due(CAL, AFTER_TET, -7)
    assert seven.due_on == D(2027, 2, 3)
    assert seven.rule == ("Chậm nhất 7 ngày trước hội nghị 17/02/2027; ngày 10/02/2027 là ngày "
                          "nghỉ: thực hiện trước, vào ngày làm việc 03/02/2027")
    three = rules.task_due(CAL, AFTER_TET, -3)  # the Front's summary, the police's plan
    assert three.due_on == D(2027, 2, 12)
    assert three.rule.endswith("ngày 14/02/2027 là ngày nghỉ: thực hiện trước, vào ngày làm "
                               "việc 12/02/2027")
    five = rules.task_due(CAL, AFTER_TET, -5)
    assert (five.due_on, five.rule) == (D(2027, 2, 12),
                                        "Chậm nhất 5 ngày trước hội nghị 17/02/2027")
    assert rules.task_due(CAL, AFTER_TET, 0).due_on == AFTER_TET
    after = rules.task_due(CAL, AFTER_TET, 10)
    assert (after.due_on, after.rule) == (D(2027, 3, 1), (
        "Trong 10 ngày sau hội nghị 17/02/2027; ngày 27/02/2027 là ngày nghỉ: hạn là ngày làm "
        "việc tiếp theo 01/03/2027 (Điều 148 Bộ luật Dân sự)"))


held = st.dates(min_value=D(2024, 3, 1), max_value=D(2030, 10, 31))
day_counts = st.integers(min_value=1, max_value=30)


@given(held, day_counts, day_counts)
def test_every_step_before_the_conference_is_on_a_working_day(held_on, announce, village):
    settings = Settings(announce_days_before=announce, village_days_before=village)
    dues = _by_kind(held_on, settings)
    for kind, n in ((Kind.ANNOUNCEMENT, announce), (Kind.VILLAGE_OPINIONS, village),
                    (Kind.DELEGATE_LISTS, village)):
        due, plain = dues[kind], days_before(held_on, n)
        assert CAL.is_workday(due.due_on) and due.due_on <= plain
        # Only days off between the working day and the plain date.
        assert CAL.count_workdays(due.due_on, plain) == 0
        moved = "là ngày nghỉ: thực hiện trước" in due.rule
        assert moved == (due.due_on != plain)
    for kind in BEFORE:
        assert CAL.is_workday(dues[kind].due_on) and dues[kind].due_on < held_on


@given(held, day_counts)
def test_every_task_before_the_conference_is_on_a_working_day(held_on, n):
    due = rules.task_due(CAL, held_on, -n)
    assert CAL.is_workday(due.due_on)
    assert CAL.count_workdays(due.due_on, days_before(held_on, n)) == 0
