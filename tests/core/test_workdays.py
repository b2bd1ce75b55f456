"""The working-day calendar, without a database (docs/law.md#working-days-and-holidays)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doithoai.core.workdays import (
    MAX_DAYS,
    BadCount,
    DayStatus,
    OutOfRange,
    Override,
    WorkCalendar,
    build_vn_calendar,
    days_before,
    vn_public_holidays,
)

D = dt.date

# The official civil-servant calendar (docs/law.md#official-civil-servant-calendar): weekdays
# off, and Saturdays worked.
OFFICIAL = {
    2024: (
        [D(2024, 1, 1), D(2024, 2, 8), D(2024, 2, 9), D(2024, 2, 12), D(2024, 2, 13),
         D(2024, 2, 14), D(2024, 4, 18), D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1),
         D(2024, 9, 2), D(2024, 9, 3)],
        [D(2024, 5, 4)],
    ),
    2025: (
        [D(2025, 1, 1), D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30),
         D(2025, 1, 31), D(2025, 4, 7), D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2),
         D(2025, 9, 1), D(2025, 9, 2)],
        [D(2025, 4, 26)],
    ),
    2026: (
        [D(2026, 1, 1), D(2026, 1, 2), D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18),
         D(2026, 2, 19), D(2026, 2, 20), D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1),
         D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2)],
        [D(2026, 1, 10), D(2026, 8, 22)],
    ),
}
WEEKDAYS_OFF = [d for off, _ in OFFICIAL.values() for d in off]
SATURDAYS_WORKED = [d for _, worked in OFFICIAL.values() for d in worked]

# Both halves of each swap, as the data migration ships them (holidays.VN has some of the
# weekdays off but none of the Saturdays worked, and not 2/1/2026).
SWAPS = {
    D(2024, 4, 29): Override("off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 04/05/2024)"),
    D(2024, 5, 4): Override("work", "Ngày làm bù cho ngày nghỉ Thứ Hai 29/04/2024"),
    D(2025, 4, 26): Override("work", "Ngày làm bù cho ngày nghỉ Thứ Sáu 02/05/2025"),
    D(2025, 5, 2): Override("off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 26/04/2025)"),
    D(2026, 1, 2): Override("off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 10/01/2026)"),
    D(2026, 1, 10): Override("work", "Ngày làm bù cho ngày nghỉ Thứ Sáu 02/01/2026"),
    D(2026, 8, 22): Override("work", "Ngày làm bù cho ngày nghỉ Thứ Hai 31/08/2026"),
    D(2026, 8, 31): Override("off", "Ngày nghỉ hoán đổi (làm bù vào Thứ Bảy 22/08/2026)"),
}
CAL = build_vn_calendar(years=OFFICIAL, overrides=SWAPS)


def every_day(year):
    d = D(year, 1, 1)
    while d.year == year:
        yield d
        d += dt.timedelta(days=1)


# -- table tests: every date of docs/law.md#official-civil-servant-calendar ---------------


@pytest.mark.parametrize("day", WEEKDAYS_OFF, ids=str)
def test_official_weekday_off(day):
    assert day.weekday() < 5
    assert not CAL.is_workday(day)


@pytest.mark.parametrize("day", SATURDAYS_WORKED, ids=str)
def test_official_saturday_worked(day):
    assert day.weekday() == 5
    status = CAL.day_status(day)
    assert status.working
    assert status.reason.startswith("Ngày làm bù")


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_calendar_matches_the_official_table_exactly(year):
    weekdays_off, saturdays_worked = OFFICIAL[year]
    days = list(every_day(year))
    assert [d for d in days if d.weekday() < 5 and not CAL.is_workday(d)] == weekdays_off
    assert [d for d in days if d.weekday() >= 5 and CAL.is_workday(d)] == saturdays_worked


def test_only_the_saturdays_and_2_1_2026_are_missing_from_holidays_vn():
    # The weekday halves of the other swaps are already in the package.
    missing = {d: o for d, o in SWAPS.items() if d.weekday() == 5 or d == D(2026, 1, 2)}
    cal = build_vn_calendar(overrides=missing)
    for year in OFFICIAL:
        assert all(cal.is_workday(d) == CAL.is_workday(d) for d in every_day(year))


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (D(2026, 1, 17), "Thứ Bảy"),
        (D(2026, 1, 11), "Chủ nhật"),
        (D(2024, 5, 5), "Chủ nhật"),
        (D(2025, 4, 27), "Chủ nhật"),
        (D(2026, 8, 23), "Chủ nhật"),
    ],
)
def test_ordinary_weekends_are_off(day, reason):
    assert CAL.day_status(day) == DayStatus(False, reason, "weekend")


def test_holiday_names_are_vietnamese():
    assert CAL.day_status(D(2026, 2, 17)).reason == "Tết Nguyên Đán"
    assert CAL.day_status(D(2025, 9, 2)).reason == "Quốc khánh"
    assert CAL.day_status(D(2026, 4, 27)).reason == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"


def test_a_holiday_on_a_weekend_says_which_holiday():
    assert CAL.day_status(D(2024, 2, 10)).reason == "Tết Nguyên Đán"


def test_an_ordinary_weekday_is_named():
    assert CAL.day_status(D(2026, 3, 10)) == DayStatus(True, "Thứ Ba", "weekday")


@pytest.mark.parametrize(
    "day", [D(2026, 11, 24), D(2027, 11, 24), D(2029, 11, 26), D(2030, 11, 25)], ids=str
)
def test_cultural_day_is_not_in_the_base(day):
    # holidays.VN adds it (and its weekend substitutes); its enactment is unverified.
    assert day not in vn_public_holidays(day.year)
    assert CAL.is_workday(day)


def test_cultural_day_as_an_override():
    cal = build_vn_calendar(
        overrides={**SWAPS, D(2026, 11, 24): ("off", "Ngày Văn hóa Việt Nam")}
    )
    assert cal.day_status(D(2026, 11, 24)).reason == "Ngày Văn hóa Việt Nam"
    assert not cal.is_workday(D(2026, 11, 24))
    assert cal.add_workdays(D(2026, 11, 23), 1) == D(2026, 11, 25)
    assert CAL.add_workdays(D(2026, 11, 23), 1) == D(2026, 11, 24)


# -- the command-line examples and other worked sums ---------------------------------------


def test_cli_examples():
    assert CAL.add_workdays(D(2026, 2, 10), 15) == D(2026, 3, 10)
    assert CAL.count_workdays(D(2026, 2, 10), D(2026, 3, 10)) == 15
    status = CAL.day_status(D(2026, 1, 10))
    assert status.working and status.source == "override"


def test_start_day_is_not_counted():
    assert CAL.add_workdays(D(2026, 3, 9), 1) == D(2026, 3, 10)
    assert CAL.add_workdays(D(2026, 3, 9), 0) == D(2026, 3, 9)
    assert CAL.count_workdays(D(2026, 3, 9), D(2026, 3, 9)) == 0


def test_deadline_across_the_year_end():
    # 31/12 is day 1; 1/1 and the swapped 2/1 are off; 5/1 and 6/1 follow the weekend.
    assert CAL.add_workdays(D(2025, 12, 30), 3) == D(2026, 1, 6)
    # The swapped Saturday 10/1/2026 counts.
    assert CAL.add_workdays(D(2026, 1, 9), 1) == D(2026, 1, 10)


def test_subtract_workdays():
    # "Invitations 7 working days before" a conference on Tuesday 24/2/2026: 23/2, then
    # Tết (16–20/2) is skipped, then 13, 12, 11, 10, 9 and Friday 6/2.
    assert CAL.subtract_workdays(D(2026, 2, 24), 7) == D(2026, 2, 6)


def test_count_is_signed():
    assert CAL.count_workdays(D(2026, 3, 10), D(2026, 2, 10)) == -15


def test_civil_period_rolls_to_the_next_working_day():
    # Friday 6/2/2026 + 10 days = Monday 16/2, in Tết: the period ends on Monday 23/2.
    assert CAL.add_days_civil(D(2026, 2, 6), 10) == D(2026, 2, 23)
    assert CAL.add_days_civil(D(2026, 3, 2), 10) == D(2026, 3, 12)


def test_roll_back_goes_to_the_working_day_before():
    # Mùng 5 Tết 2027 (Wednesday 10/2) → Wednesday 3/2, the last working day before Tết.
    assert CAL.roll_back(D(2027, 2, 10)) == D(2027, 2, 3)
    assert CAL.roll_back(D(2027, 2, 14)) == D(2027, 2, 12)  # a Sunday → the Friday
    assert CAL.roll_back(D(2027, 2, 12)) == D(2027, 2, 12)  # a working day stays
    assert CAL.roll_back(D(2026, 1, 10)) == D(2026, 1, 10)  # a Saturday worked stays


def test_days_before():
    assert days_before(D(2026, 3, 10), 7) == D(2026, 3, 3)


@pytest.mark.parametrize("n", [-1, MAX_DAYS + 1, 10**9])
def test_bad_counts_are_refused(n):
    for call in (
        lambda: CAL.add_workdays(D(2026, 1, 1), n),
        lambda: CAL.subtract_workdays(D(2026, 1, 1), n),
        lambda: CAL.add_days_civil(D(2026, 1, 1), n),
        lambda: days_before(D(2026, 1, 1), n),
    ):
        with pytest.raises(BadCount):
            call()


def test_years_without_known_holidays_are_refused():
    with pytest.raises(OutOfRange):
        CAL.is_workday(D(2101, 1, 3))
    with pytest.raises(OutOfRange):
        CAL.add_workdays(D(2100, 12, 20), 30)
    with pytest.raises(OutOfRange):
        days_before(D(1, 1, 2), 5)


def test_override_kind_is_checked():
    with pytest.raises(ValueError):
        Override("holiday", "x")


def test_calendar_is_immutable():
    with pytest.raises(AttributeError):
        CAL.overrides = {}
    with pytest.raises(TypeError):
        CAL.overrides[D(2026, 3, 10)] = Override("off", "x")


def test_special_days_lists_holidays_and_overrides_in_order():
    days = CAL.special_days(2026)
    assert [d for d, _ in days] == sorted(d for d, _ in days)
    assert (D(2026, 1, 10), CAL.day_status(D(2026, 1, 10))) in days
    assert D(2026, 11, 24) not in {d for d, _ in days}


# -- properties ----------------------------------------------------------------------------

dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
counts = st.integers(min_value=0, max_value=400)


@given(dates, counts)
def test_count_after_add_round_trips(start, n):
    assert CAL.count_workdays(start, CAL.add_workdays(start, n)) == n


@given(dates, counts, counts)
def test_add_is_monotonic_in_n(start, a, b):
    a, b = sorted((a, b))
    assert CAL.add_workdays(start, a) <= CAL.add_workdays(start, b)


@given(dates, dates, counts)
def test_add_is_monotonic_in_start(s1, s2, n):
    s1, s2 = sorted((s1, s2))
    assert CAL.add_workdays(s1, n) <= CAL.add_workdays(s2, n)


@given(dates, st.integers(min_value=1, max_value=400))
def test_add_lands_on_a_working_day_after_start(start, n):
    result = CAL.add_workdays(start, n)
    assert result > start
    assert CAL.is_workday(result)


@given(dates, st.integers(min_value=1, max_value=400))
def test_subtract_and_add_are_inverse(day, n):
    # Going back N then forward N lands on `day`, or on the next working day if it is off.
    assert CAL.add_workdays(CAL.subtract_workdays(day, n), n) == CAL.roll_forward(day)
    # Forward then back lands on `day`, or on the last working day before it.
    back = CAL.subtract_workdays(CAL.add_workdays(day, n), n)
    assert back <= day and CAL.is_workday(back)
    assert CAL.count_workdays(back, day) == 0


@given(dates, dates)
def test_count_matches_a_plain_loop_and_is_antisymmetric(a, b):
    lo, hi = sorted((a, b))
    expected = sum(CAL.is_workday(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert CAL.count_workdays(lo, hi) == expected
    assert CAL.count_workdays(hi, lo) == -expected


@given(dates, dates, dates)
def test_count_is_additive(a, b, c):
    a, b, c = sorted((a, b, c))
    assert CAL.count_workdays(a, b) + CAL.count_workdays(b, c) == CAL.count_workdays(a, c)


@given(dates, st.integers(min_value=0, max_value=400))
def test_civil_period_rolls_forward_only_over_days_off(start, n):
    last = start + dt.timedelta(days=n)
    result = CAL.add_days_civil(start, n)
    assert result >= last
    assert CAL.is_workday(result)
    assert all(
        not CAL.is_workday(last + dt.timedelta(days=i)) for i in range((result - last).days)
    )


@given(dates)
def test_roll_back_mirrors_roll_forward(day):
    result = CAL.roll_back(day)
    assert result <= day
    assert CAL.is_workday(result)
    assert all(not CAL.is_workday(result + dt.timedelta(days=i))
               for i in range(1, (day - result).days + 1))


@given(dates, counts)
def test_days_before_is_plain_calendar_subtraction(day, n):
    assert days_before(day, n) + dt.timedelta(days=n) == day


overrides = st.dictionaries(
    st.dates(min_value=D(2025, 6, 1), max_value=D(2026, 6, 30)),
    st.builds(Override, st.sampled_from(["off", "work"]), st.just("x")),
    max_size=40,
)


@given(overrides, st.dates(min_value=D(2025, 6, 1), max_value=D(2026, 6, 30)), counts)
def test_round_trip_holds_for_any_overrides(extra, start, n):
    cal = WorkCalendar(vn_public_holidays, extra)
    result = cal.add_workdays(start, n)
    assert cal.count_workdays(start, result) == n
    assert n == 0 or cal.is_workday(result)
    for day, override in extra.items():
        assert cal.is_workday(day) == (override.kind == "work")
