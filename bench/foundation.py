"""Benchmark of the foundation at province scale: scoped queries, audit log, working days.

    .venv/bin/python bench/foundation.py [--communes 100] [--events 5000]
    DATABASE_URL=postgres://doithoai:doithoai@127.0.0.1:5432/doithoai_bench \
        .venv/bin/python bench/foundation.py

Without DATABASE_URL it uses a fresh SQLite file in a temporary folder. With DATABASE_URL the
database is emptied first (never point it at real data). Prints medians and 95th percentiles.
"""

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def p95(samples: list[float]) -> float:
    """The 95th percentile by nearest rank: never below the median, whatever the count."""
    ordered = sorted(samples)
    return ordered[math.ceil(len(ordered) * 0.95) - 1]


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), p95(samples)


def setup_django() -> str:
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doithoai.settings")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="doithoai-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("flush", interactive=False, verbosity=0) if _has_tables() else None
    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor


def _has_tables() -> bool:
    from django.db import connection

    return "org_agency" in connection.introspection.table_names()


def build(communes: int):
    from doithoai.org.models import Agency, Membership, Person, Role, Unit, User, Village

    province = Agency.objects.create(code="bench-tinh", name="UBND tỉnh Bench",
                                     level="province", header_issuer="X", place_name="X")
    agencies = Agency.objects.bulk_create([
        Agency(code=f"bench-xa-{i}", name=f"UBND xã Bench {i}", level="commune",
               parent=province, header_issuer="X", place_name="X") for i in range(communes)])
    units = Unit.objects.bulk_create([
        Unit(agency=a, code=f"u{j}", name=f"Đơn vị {j}", kind="department")
        for a in agencies for j in range(19)])
    villages = Village.objects.bulk_create([
        Village(agency=a, name=f"Thôn {j}") for a in agencies for j in range(12)])
    Person.objects.bulk_create(
        [Person(agency=u.agency, unit=u, full_name=f"Cán bộ {k}") for u in units
         for k in range(3)]
        + [Person(agency=v.agency, village=v, full_name=f"Người dân {k}") for v in villages
           for k in range(40)])
    first = agencies[0]
    users = {
        "văn phòng": (Role.CLERK, {"agency": first}),
        "cán bộ đơn vị": (Role.UNIT_OFFICER, {"agency": first, "unit": units[0]}),
        "trưởng thôn": (Role.VILLAGE_HEAD, {"agency": first, "village": villages[0]}),
        "theo dõi cấp tỉnh": (Role.OVERSEER, {"agency": province}),
    }
    result = {}
    for label, (role, scope) in users.items():
        user = User.objects.create(username=f"bench-{role}")
        Membership.objects.create(user=user, role=role, **scope)
        result[label] = user
    return result, Person.objects.count()


def bench_scopes(users) -> None:
    from doithoai.org.access import scope_of, visible
    from doithoai.org.models import Person

    print("\nScoped reads (scope computed, then a page of 50 people and a count)")
    for label, user in users.items():
        def page(user=user):
            user._doithoai_scope = None
            scope_of(user)
            list(visible(Person, user).order_by("full_name")[:50])
            visible(Person, user).count()
        med, p95 = timed(page, 100)
        print(f"  {label:<20} median {med:7.2f} ms   p95 {p95:7.2f} ms")


def bench_audit(events: int) -> None:
    from django.db import transaction

    from doithoai.audit.services import record, verify
    from doithoai.org.models import Village

    village = Village.objects.first()
    start = time.perf_counter()
    for i in range(events):
        with transaction.atomic():
            record(actor=None, action="village.update", obj=village,
                   before={"name": str(i)}, after={"name": str(i + 1)}, reason="bench")
    elapsed = time.perf_counter() - start
    print(f"\nAudit log: {events} appends, one transaction each: "
          f"{events / elapsed:,.0f} per second")
    start = time.perf_counter()
    result = verify()
    elapsed = time.perf_counter() - start
    assert result.ok
    print(f"Audit verify: {result.count} events in {elapsed:.2f} s "
          f"({result.count / elapsed:,.0f} per second)")


def bench_workdays() -> None:
    import datetime as dt

    from doithoai.workdays.calendar import get_calendar

    calendar = get_calendar()
    day = dt.date(2026, 2, 10)
    med, p95 = timed(lambda: calendar.add_workdays(day, 15), 2000)
    print(f"\nWorking days: add 15 from 2026-02-10 median {med * 1000:.1f} µs, "
          f"p95 {p95 * 1000:.1f} µs")
    med, p95 = timed(lambda: calendar.count_workdays(day, dt.date(2026, 12, 31)), 500)
    print(f"Working days: count over 11 months median {med * 1000:.1f} µs, "
          f"p95 {p95 * 1000:.1f} µs")
    med, p95 = timed(get_calendar, 500)
    print(f"Working days: get_calendar() (cache check) median {med:.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    vendor = setup_django()
    start = time.perf_counter()
    users, people = build(args.communes)
    print(f"Database: {vendor}. Built {args.communes} communes, {people:,} people "
          f"in {time.perf_counter() - start:.1f} s.")
    bench_scopes(users)
    bench_audit(args.events)
    bench_workdays()


if __name__ == "__main__":
    main()
