"""The working-day calendar and the ways the law counts time (docs/law.md#counting-time,
docs/law.md#working-days-and-holidays).

Pure Python, no Django: a `WorkCalendar` is built from base holidays (date → name) and
overrides (date → Override), and answers "is this a working day?" and the deadline sums.

Precedence for a date: an override, then a holiday, then the Monday–Friday rule.
Counting follows Civil Code Art. 147: the start day is never counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Literal

import holidays

OFF: Literal["off"] = "off"
WORK: Literal["work"] = "work"
OverrideKind = Literal["off", "work"]

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
SATURDAY, SUNDAY = 5, 6

# holidays.VN only knows the lunar calendar for these years; outside them it silently
# returns no holidays at all, which would make every Tết a working day.
FIRST_YEAR: int = holidays.VN.start_year
LAST_YEAR: int = holidays.VN.end_year

# A bound on N for every "N days" sum: about ten years, far beyond any legal time limit,
# and small enough that a typo (15000 instead of 15) is refused rather than looped over.
MAX_DAYS = 3660

# holidays.VN 0.109 adds 24/11 from 2026 (with weekend substitutes); its legal enactment is
# unverified (docs/law.md#vietnamese-culture-day), so it is stripped here and shipped as a
# switchable override.
CULTURAL_DAY_NAME = "Ngày Văn hóa Việt Nam"
_ONE_DAY = dt.timedelta(days=1)


class CalendarError(ValueError):
    """A question the calendar cannot answer; the subclasses carry the offending value."""


class OutOfRange(CalendarError):
    """The sum leaves the years whose holidays are known (FIRST_YEAR..LAST_YEAR)."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"year {year} is outside {FIRST_YEAR}..{LAST_YEAR}")


class BadCount(CalendarError):
    """N is negative or larger than MAX_DAYS."""

    def __init__(self, n: int):
        self.n = n
        super().__init__(f"n must be between 0 and {MAX_DAYS}, got {n}")


@dataclass(frozen=True)
class Override:
    """A decision on top of the rules: an extra day off, or a (Saturday) worked day."""

    kind: OverrideKind
    reason: str

    def __post_init__(self) -> None:
        if self.kind not in (OFF, WORK):
            raise ValueError(f"override kind must be 'off' or 'work', got {self.kind!r}")


@dataclass(frozen=True)
class DayStatus:
    """Whether a date is worked, and why (a Vietnamese label carried as data)."""

    working: bool
    reason: str
    source: Literal["weekday", "weekend", "holiday", "override"]


HolidaySource = Callable[[int], Mapping[dt.date, str]]


def _check_count(n: int) -> None:
    if not 0 <= n <= MAX_DAYS:
        raise BadCount(n)


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise OutOfRange(year)


def _shift(d: dt.date, days: int) -> dt.date:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        raise OutOfRange(d.year + (1 if days > 0 else -1)) from None


def _by_year(mapping: Mapping[dt.date, str]) -> HolidaySource:
    """Turn a fixed date → name mapping into a per-year source."""
    index: dict[int, dict[dt.date, str]] = {}
    for day, name in mapping.items():
        index.setdefault(day.year, {})[day] = name
    return lambda year: index.get(year, {})


@dataclass(frozen=True, eq=False)
class WorkCalendar:
    """An immutable working-day calendar.

    `base` (the holidays) is either a date → name mapping or a function year → mapping (so that
    holidays are computed lazily for whatever years a deadline crosses).
    """

    base: HolidaySource | Mapping[dt.date, str] = field(default_factory=dict)
    overrides: Mapping[dt.date, Override] = field(default_factory=dict)

    def __post_init__(self) -> None:
        source = self.base if callable(self.base) else _by_year(self.base)
        object.__setattr__(self, "base", source)
        frozen = {
            day: value if isinstance(value, Override) else Override(*value)
            for day, value in dict(self.overrides).items()
        }
        object.__setattr__(self, "overrides", MappingProxyType(frozen))

    # -- one date -------------------------------------------------------------------------

    def day_status(self, d: dt.date) -> DayStatus:
        _check_year(d.year)
        override = self.overrides.get(d)
        if override is not None:
            return DayStatus(override.kind == WORK, override.reason, "override")
        name = self.base(d.year).get(d)
        if name is not None:
            return DayStatus(False, name, "holiday")
        weekday = d.weekday()
        if weekday in (SATURDAY, SUNDAY):
            return DayStatus(False, WEEKDAY_NAMES[weekday], "weekend")
        return DayStatus(True, WEEKDAY_NAMES[weekday], "weekday")

    def is_workday(self, d: dt.date) -> bool:
        return self.day_status(d).working

    def special_days(self, year: int) -> list[tuple[dt.date, DayStatus]]:
        """Every date of `year` that departs from the plain Monday–Friday rule, in order."""
        _check_year(year)
        days = set(self.base(year)) | {d for d in self.overrides if d.year == year}
        return [(d, self.day_status(d)) for d in sorted(days)]

    # -- sums -----------------------------------------------------------------------------

    def _workdays_from(self, start: dt.date, step: int) -> Iterator[dt.date]:
        """Working days strictly after (step=1) or before (step=-1) `start`."""
        d = start
        while True:
            d = _shift(d, step)
            if self.is_workday(d):
                yield d

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The N-th working day after `start` ("within N working days after D").

        `start` is not counted; n = 0 returns `start` unchanged.
        """
        _check_count(n)
        result = start
        days = self._workdays_from(start, 1)
        for _ in range(n):
            result = next(days)
        return result

    def subtract_workdays(self, end: dt.date, n: int) -> dt.date:
        """The N-th working day before `end` ("at least N working days before D")."""
        _check_count(n)
        result = end
        days = self._workdays_from(end, -1)
        for _ in range(n):
            result = next(days)
        return result

    def count_workdays(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative, -count(end, start), when end < start.

        Signed rather than an error so that "overdue by 3 working days" is one call.
        """
        if end < start:
            return -self.count_workdays(end, start)
        _check_year(start.year)
        _check_year(end.year)
        total, d = 0, start
        while d < end:
            d += _ONE_DAY
            total += self.is_workday(d)
        return total

    def roll_forward(self, d: dt.date) -> dt.date:
        """`d` if it is a working day, else the next working day (Civil Code Art. 148)."""
        while not self.is_workday(d):
            d = _shift(d, 1)
        return d

    def roll_back(self, d: dt.date) -> dt.date:
        """`d` if it is a working day, else the working day before it: the last day on which
        a step due "at least N days before" an event can still be done when D − N is off."""
        while not self.is_workday(d):
            d = _shift(d, -1)
        return d

    def add_days_civil(self, start: dt.date, n: int) -> dt.date:
        """A period of N calendar days after `start` (Civil Code Art. 147–148).

        The start day is not counted; a last day that is off moves to the next working day.
        """
        _check_count(n)
        return self.roll_forward(_shift(start, n))


def days_before(d: dt.date, n: int) -> dt.date:
    """The last date that is "at least N days before D": D − N calendar days."""
    _check_count(n)
    return _shift(d, -n)


# -- Vietnam --------------------------------------------------------------------------------


def _without_cultural_day(name: str) -> str:
    # holidays joins two holidays on one date with "; "; keep the others.
    kept = [part for part in name.split("; ") if not part.startswith(CULTURAL_DAY_NAME)]
    return "; ".join(kept)


@cache
def vn_public_holidays(year: int) -> Mapping[dt.date, str]:
    """holidays.VN for one year, Vietnamese names, without Ngày Văn hóa Việt Nam."""
    _check_year(year)
    base = holidays.VN(years=year, language="vi")
    names = {day: _without_cultural_day(name) for day, name in base.items()}
    return MappingProxyType({day: name for day, name in names.items() if name})


def build_vn_calendar(
    years: Iterable[int] = (),
    overrides: Mapping[dt.date, Override | tuple[OverrideKind, str]] | None = None,
) -> WorkCalendar:
    """The Vietnamese civil-servant calendar: holidays.VN under `overrides`.

    Holidays are computed lazily per year (and cached); `years` only warms that cache.
    """
    for year in years:
        vn_public_holidays(year)
    return WorkCalendar(vn_public_holidays, overrides or {})
