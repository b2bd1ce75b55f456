"""The calendar in force: holidays.VN under the enabled overrides of the database.

Built once per process and reused while the override table is unchanged. "Unchanged" is
judged by a cheap aggregate, (row count, latest updated_at), read on every call: any save
through the actions bumps updated_at (toggling too), deletions change the count, and a
rolled-back transaction restores the old key. So a change made by another process (an admin
in the web worker, a script in cron) is seen on that process's next call, without signals
or a shared cache. Bulk `QuerySet.update()` bypasses updated_at: don't use it on this table.
"""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from doithoai.core.workdays import Override, WorkCalendar, build_vn_calendar
from doithoai.workdays.models import CalendarOverride

_lock = threading.Lock()
_cached: tuple[tuple, WorkCalendar] | None = None


def _table_key() -> tuple:
    agg = CalendarOverride.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    return (agg["n"], agg["last"])


def _build() -> WorkCalendar:
    rows = CalendarOverride.objects.filter(enabled=True).values_list("date", "kind", "reason")
    return build_vn_calendar(overrides={d: Override(kind, reason) for d, kind, reason in rows})


def get_calendar() -> WorkCalendar:
    """The current working-day calendar (one aggregate query when nothing changed)."""
    global _cached
    key = _table_key()
    cached = _cached
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        calendar = _build()
        _cached = (key, calendar)
    return calendar
