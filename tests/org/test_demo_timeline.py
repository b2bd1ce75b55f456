"""The demo's dates on every day of five years: each conference inside its own plan's year,
each plan issued before what it plans, the held conference far enough back, the one ahead
on a working Friday. Pure: no database (the DB-level build on risky days is in
tests/petitions/test_demo.py)."""

import datetime as dt

import pytest

from doithoai.core.workdays import Override, build_vn_calendar
from doithoai.demo.timeline import HELD_AT_LEAST_DAYS_AGO, build, shift_years

# The 2026 swap (02/01 off, Saturday 10/01 worked), as the database ships it.
CALENDAR = build_vn_calendar(overrides={dt.date(2026, 1, 2): Override("off", "Nghỉ bù"),
                                         dt.date(2026, 1, 10): Override("work", "Làm bù")})
DAYS = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(5 * 366)]


@pytest.mark.parametrize("year", sorted({d.year for d in DAYS}))
def test_every_day_of_the_year_gives_a_coherent_story(year):
    for today in (d for d in DAYS if d.year == year):
        t = build(today, CALENDAR)
        assert (today - t.held_on).days >= HELD_AT_LEAST_DAYS_AGO, today
        assert t.held_on.year in (today.year - 1, today.year), today
        assert t.held_on.month == 6 and CALENDAR.is_workday(t.held_on), today
        assert t.plan_issued_on < t.held_on and t.plan_issued_on.year == t.held_year, today
        # this year's plan: issued before today, in its year or the one before
        assert t.current_plan_issued_on < today, today
        assert t.current_plan_issued_on.year in (today.year - 1, today.year), today
        assert t.ahead_on > today + dt.timedelta(days=11), today
        assert t.ahead_on.weekday() == 4 and CALENDAR.is_workday(t.ahead_on), today
        assert t.ahead_plan_issued_on < today, today
        assert t.ahead_plan_issued_on.year in (t.ahead_on.year - 1, t.ahead_on.year), today
        assert (t.neighbour_plan_issued_on < t.neighbour_scheduled_on < t.neighbour_held_on
                < today), today
        assert t.neighbour_held_on.year == t.neighbour_plan_issued_on.year, today
        assert t.petitions_from < t.held_on and CALENDAR.is_workday(t.petitions_from), today
        # last year's plan exists whatever the season: the held one's, or a brief one
        years = {t.held_year, *([t.previous_held_on.year] if t.previous_held_on else [])}
        assert today.year - 1 in years, today
        assert set(t.years) >= {today.year - 1, today.year, t.ahead_on.year}, today


def test_near_the_end_of_a_year_the_conference_ahead_is_next_years():
    t = build(dt.date(2026, 12, 22), CALENDAR)
    assert t.ahead_on.year == 2027 and t.ahead_plan_issued_on.year == 2026
    assert t.held_on == dt.date(2026, 6, 12) and t.previous_held_on == dt.date(2025, 6, 13)


def test_early_in_a_year_the_held_conference_is_last_years():
    t = build(dt.date(2027, 3, 15), CALENDAR)
    assert t.held_on == dt.date(2026, 6, 12) and t.previous_held_on is None
    assert t.current_plan_issued_on == dt.date(2027, 3, 1)  # a fortnight before
    assert t.shift == 0 and t.text("năm 2026") == "năm 2026"


def test_years_in_the_texts_move_with_the_story_and_laws_keep_theirs():
    text = ("Văn bản số 45/UBND-VP ngày 12/8/2025 trả lời; sửa trong quý I năm 2027 theo Luật "
            "Khiếu nại 2011 và Luật Tổ chức chính quyền địa phương 2025; điện thoại 0912025123.")
    assert shift_years(text, 2) == (
        "Văn bản số 45/UBND-VP ngày 12/8/2027 trả lời; sửa trong quý I năm 2029 theo Luật "
        "Khiếu nại 2011 và Luật Tổ chức chính quyền địa phương 2025; điện thoại 0912025123.")
    assert shift_years(text, 0) == text
