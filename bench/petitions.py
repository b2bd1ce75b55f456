"""Benchmark of petitions at province scale: office queue, follow-up, tracking lookup, daily
reminders and weekly digest, Excel import.

    .venv/bin/python bench/petitions.py [--petitions 1000000] [--communes 100]
    DATABASE_URL=postgres://doithoai:doithoai@127.0.0.1:5432/doithoai_bench \
        .venv/bin/python bench/petitions.py

Without DATABASE_URL it uses a fresh SQLite file in a temporary folder. With DATABASE_URL the
database is emptied first (never point it at real data). The organisation comes from
bench/foundation.py; the petitions are bulk-created in chunks with precomputed tracking
codes, due dates and search keys, WITHOUT the per-petition audit events, petitioners and
notifications that `actions.intake.receive` writes (the Excel import at the end goes through the
product's own import, `petitions.actions.imports.import_file`, and so writes all of them). Prints
medians and 95th percentiles.
"""

import argparse
import datetime as dt
import io
import os
import random
import statistics
import time

from foundation import build, p95, setup_django, timed

CHUNK = 5000
SLOW_MS = 200  # pages slower than this get a line per query
# Share of petitions still open: almost all old ones are settled, most recent ones open.
OLD_OPEN, RECENT_OPEN = 0.06, 0.7
SETTLED = ["published"] * 50 + ["closed"] * 35 + ["answered_at_conference"] * 5 + \
    ["escalated"] * 4 + ["not_accepted"] * 4 + ["transferred"] * 2
OPEN = ["received"] * 15 + ["classified"] * 10 + ["returned"] * 3 + ["assigned"] * 50 + \
    ["answer_drafted"] * 15 + ["answer_approved"] * 7
WITH_UNIT = {"assigned", "answer_drafted", "answer_approved", "published", "closed",
             "answered_at_conference", "escalated"}
PLACES = ["Nà Lừa", "Khuổi Mạ", "Pác Khuổi", "Nà Cáy", "Khau Slôm", "Co Sấu", "Bó Pia",
          "Phja Đeng", "Bản Chu", "Nà Pàn", "Kéo Coong", "Lùng Vài", "Pác Lùng", "Nà Hu"]


def sampled(fn, repeat: int, budget: float = 20.0) -> tuple[float, float, int]:
    """Like foundation.timed (median, p95 in ms), but stops after `budget` seconds (at least
    5 runs), so that a slow province-wide query does not hold the benchmark for an hour."""
    samples: list[float] = []
    began = time.perf_counter()
    while len(samples) < repeat and (len(samples) < 5 or time.perf_counter() - began < budget):
        med_one, _p = timed(fn, 1)
        samples.append(med_one)
    return statistics.median(samples), p95(samples), len(samples)


def _texts(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """A pool of realistic texts (and their search keys) drawn from the demo's templates."""
    from doithoai.core.text import fold
    from doithoai.demo.petition_texts import OPENINGS, TOPICS

    pool = []
    for _i in range(count):
        topic = rng.choice(TOPICS)
        values = {"thon": f"thôn {rng.choice(PLACES)}", "thon2": f"thôn {rng.choice(PLACES)}",
                  "cho": f"khu vực {rng.choice(PLACES)}", "km": rng.choice(["1,5", "2", "3"]),
                  "ha": rng.randint(2, 15), "ho": rng.randint(12, 80),
                  "nam": rng.randint(2019, 2025), "thang": rng.randint(1, 12),
                  "dt": rng.randint(50, 500)}
        text = rng.choice(OPENINGS).format(**values) + rng.choice(topic[3]).format(**values)
        pool.append((text, fold(text)))
    return pool


def _drop_trigram_index() -> bool:
    from django.db import connection

    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS petition_search_trgm")
    return True


def _create_trigram_index() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE INDEX IF NOT EXISTS petition_search_trgm ON petitions_petition "
                       "USING gin (search_text gin_trgm_ops)")


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def build_people() -> dict:
    """Fields for every commune, and an officer with an e-mail address for every unit and a
    clerk for every commune (the reminders need someone to write to)."""
    from doithoai.core.taxonomy import DEFAULT_FIELDS
    from doithoai.org.models import Agency, Membership, Role, Unit, User
    from doithoai.petitions.models import Field

    agencies = list(Agency.objects.filter(level="commune").order_by("pk"))
    Field.objects.bulk_create([Field(agency=a, code=code, name=name, order=i)
                               for a in agencies
                               for i, (code, name) in enumerate(DEFAULT_FIELDS, start=1)])
    units = list(Unit.objects.order_by("pk"))
    officers = User.objects.bulk_create([
        User(username=f"bench-officer-{u.pk}", email=f"officer{u.pk}@example.com",
             password="!") for u in units])
    clerks = User.objects.bulk_create([
        User(username=f"bench-clerk-{a.pk}", email=f"clerk{a.pk}@example.com", password="!")
        for a in agencies])
    Membership.objects.bulk_create(
        [Membership(user=o, role=Role.UNIT_OFFICER, agency_id=u.agency_id, unit=u)
         for o, u in zip(officers, units, strict=True)]
        + [Membership(user=c, role=Role.CLERK, agency=a)
           for c, a in zip(clerks, agencies, strict=True)])
    return {"agencies": agencies, "clerk": clerks[0]}


def build_petitions(total: int, today: dt.date, seed: int = 2026) -> list[str]:
    """Bulk-create `total` petitions over every commune; returns a sample of their codes."""
    from django.conf import settings
    from django.db import transaction

    from doithoai.core.tracking import new_code
    from doithoai.org.models import Agency, Unit, Village
    from doithoai.petitions.models import Field, Petition
    from doithoai.workdays.calendar import get_calendar

    rng = random.Random(seed)
    calendar = get_calendar()
    pool = _texts(20_000, rng)
    agencies = list(Agency.objects.filter(level="commune").values_list("pk", flat=True))
    fields, units, villages = {}, {}, {}
    for a in agencies:
        fields[a] = list(Field.objects.filter(agency_id=a).values_list("pk", flat=True))
        units[a] = list(Unit.objects.filter(agency_id=a).values_list("pk", flat=True))
        villages[a] = list(Village.objects.filter(agency_id=a).values_list("pk", flat=True))
    start = today - dt.timedelta(days=365)  # a year of petitions, whatever the day
    span = (today - start).days
    due_cache: dict[tuple[dt.date, bool], dt.date] = {}
    codes: set[str] = set()
    sample: list[str] = []
    simple, complex_days = settings.PETITION_ANSWER_WORKDAYS, \
        settings.PETITION_COMPLEX_ANSWER_WORKDAYS
    channels = ["survey_form"] * 4 + ["front_summary"] * 2 + ["office"] * 2 + \
        ["online"] * 2 + ["conference", "hotline", "inspectorate"]
    made = 0
    while made < total:
        rows = []
        for _i in range(min(CHUNK, total - made)):
            agency = agencies[made % len(agencies)]
            received = start + dt.timedelta(days=rng.randrange(span + 1))
            is_complex = rng.random() < 0.1
            key = (received, is_complex)
            if key not in due_cache:
                due_cache[key] = calendar.add_workdays(
                    received, complex_days if is_complex else simple)
            due = due_cache[key]
            recent = due >= today - dt.timedelta(days=10)
            state = rng.choice(OPEN if rng.random() < (RECENT_OPEN if recent else OLD_OPEN)
                               else SETTLED)
            field_index = rng.randrange(len(fields[agency]))
            code = new_code()
            while code in codes:
                code = new_code()
            codes.add(code)
            if made % 997 == 0:
                sample.append(code)
            text, folded = rng.choice(pool)
            rows.append(Petition(
                agency_id=agency, tracking_code=code, text=text, search_text=folded,
                kind="opinion" if state != "transferred" else "complaint",
                field_id=fields[agency][field_index],
                urgency=rng.choice(["normal"] * 8 + ["pressing", "urgent"]),
                village_id=rng.choice(villages[agency]), channel=rng.choice(channels),
                received_on=received, state=state, is_complex=is_complex,
                unit_id=units[agency][field_index % len(units[agency])]
                if state in WITH_UNIT else None,
                due_date=None if state == "transferred" else due,
                due_rule=f"receipt-{'phuc-tap' if is_complex else 'thuong'}-"
                         f"{complex_days if is_complex else simple}",
                due_rule_label=f"{complex_days if is_complex else simple} ngày làm việc kể "
                               f"từ sau ngày tiếp nhận {received:%d/%m/%Y}"))
            made += 1
        with transaction.atomic():
            # bulk_create bypasses save(): search_text is set above, exactly as save() would
            Petition.objects.bulk_create(rows, batch_size=1000)
    return sample


def _excel(agency, rows: int) -> bytes:
    from openpyxl import load_workbook

    from doithoai.petitions import excel
    from doithoai.petitions.models import Field

    data = excel.build_template(
        agency_name=agency.name, villages=[v.name for v in agency.villages.all()],
        fields=[(f.name, f.code) for f in Field.objects.filter(agency=agency)],
        kinds=[], urgencies=[])
    book = load_workbook(io.BytesIO(data))
    sheet = book[excel.SHEET_TITLE]
    villages = [v.name for v in agency.villages.all()]
    field_names = [f.name for f in Field.objects.filter(agency=agency)]
    rng = random.Random(7)
    pool = _texts(2000, rng)
    column = {c.key: i for i, c in enumerate(excel.COLUMNS, start=1)}
    for n in range(rows):
        r = excel.FIRST_DATA_ROW + n
        sheet.cell(r, column["stt"], n + 1)
        sheet.cell(r, column["village"], rng.choice(villages))
        sheet.cell(r, column["name"], f"Hoàng Văn Bench {n}")
        sheet.cell(r, column["phone"], f"09{rng.randrange(10**8):08d}")
        sheet.cell(r, column["text"], f"{pool[n % len(pool)][0]} (dòng {n + 1})")
        sheet.cell(r, column["field"], rng.choice(field_names))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bench_queue(clerk, overseer, agency, repeat: int, explain: bool = False) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from doithoai.petitions.models import Field, Unit, Village
    from doithoai.petitions.selectors import queues
    from doithoai.petitions.selectors.deadlines import today_info

    today = today_info()
    field = Field.objects.filter(agency=agency, code="giao-thong").first()
    village = Village.objects.filter(agency=agency).first()
    unit = Unit.objects.filter(agency=agency).first()
    F = queues.QueueFilters
    cases = [
        ("clerk: all, first page", clerk, F(agency=agency)),
        ("clerk: state assigned + overdue", clerk, F(agency=agency, state="assigned",
                                                     due="overdue")),
        ("clerk: field + village", clerk, F(agency=agency, field=field, village=village)),
        ("clerk: unit + due soon", clerk, F(agency=agency, unit=unit, due="soon")),
        ("clerk: text 'nuoc sach' (no marks)", clerk, F(agency=agency, q="nuoc sach")),
        ("clerk: text 'đường liên thôn' + open", clerk, F(agency=agency, q="đường liên thôn",
                                                          due="open")),
        ("clerk: text + field + channel", clerk, F(agency=agency, q="sạt ta luy", field=field,
                                                   channel="survey_form")),
        ("clerk: rare text (no match)", clerk, F(agency=agency, q="khong co chu nay")),
        ("province: all communes, first page", overseer, F()),
        ("province: text 'mương thủy lợi'", overseer, F(q="mương thủy lợi")),
        ("province: overdue, all communes", overseer, F(due="overdue")),
    ]
    print(f"\nOffice queue (petitions.selectors.queues.office_queue: one keyset page of "
          f"{queues.PAGE_SIZE}, select_related, counts per state), up to {repeat} runs "
          f"or 20 s each")
    for label, user, filters in cases:
        def page(user=user, filters=filters):
            user._doithoai_scope = None
            return queues.office_queue(user, filters, today)
        with CaptureQueriesContext(connection) as ctx:
            result = page()
        med, p95, runs = sampled(page, repeat)
        print(f"  {label:<40} median {med:8.1f} ms  p95 {p95:8.1f} ms  "
              f"({runs} runs, {len(ctx)} queries, {result.total:,} rows match)")
        if med > SLOW_MS:
            _where_the_time_goes(ctx.captured_queries, explain)


def bench_follow_up(clerk, agency, repeat: int) -> None:
    """The follow-up page's reads for one commune (every figure a GROUP BY, every list a window
    or a slice), and the chairperson's weekly digest of the whole province."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from doithoai.petitions.actions import digests
    from doithoai.petitions.selectors import follow_up
    from doithoai.petitions.selectors.deadlines import today_info

    today = today_info()

    def page():
        clerk._doithoai_scope = None
        return follow_up.stages(clerk, agency, today), follow_up.due_for_units(clerk, agency,
                                                                             today)
    with CaptureQueriesContext(connection) as ctx:
        stages, units = page()
    med, p95, runs = sampled(page, repeat)
    print(f"\nFollow-up page (selectors.follow_up.stages + due_for_units, one commune): "
          f"median {med:.1f} ms  p95 {p95:.1f} ms ({runs} runs, {len(ctx)} queries; "
          f"{sum(s.overdue for s in stages):,} overdue, {len(units)} units)")
    start = time.perf_counter()
    outcome = digests.run(dry_run=True)
    print(f"doithoai digest --dry-run (every commune): {time.perf_counter() - start:.1f} s, "
          f"{len(outcome.sent) + len(outcome.unreachable)} communes with overdue petitions")


def _where_the_time_goes(captured: list[dict], explain: bool) -> None:
    """Each query of a slow page with its time (and its plan when asked)."""
    from django.db import connection

    for query in captured:
        sql = query["sql"]
        what = ("counts per state" if "GROUP BY" in sql else
                "page of rows" if "LIMIT" in sql else "scope")
        print(f"      {float(query['time']) * 1000:8.1f} ms  {what}")
        if explain and what != "scope":
            prefix = ("EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql"
                      else "EXPLAIN QUERY PLAN ")
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                for row in cursor.fetchall():
                    print("          " + " ".join(str(x) for x in row))


def bench_lookup(codes: list[str], repeat: int) -> None:
    from doithoai.core.tracking import new_code, normalise
    from doithoai.public import selectors

    rng = random.Random(3)

    def lookup():
        code = normalise(rng.choice(codes).lower().replace("-", " "))
        petition = selectors.find(code)
        return selectors.public_view(petition)

    def miss():
        return selectors.find(new_code())

    med, p95 = timed(lookup, repeat)
    print(f"\nTracking lookup (normalise + find + public_view with its audit timeline): "
          f"median {med:.2f} ms, p95 {p95:.2f} ms")
    med, p95 = timed(miss, repeat)
    print(f"Tracking lookup of an unknown code: median {med:.2f} ms, p95 {p95:.2f} ms")


def bench_remind() -> None:
    from django.core import mail

    from doithoai.petitions.actions import reminders

    for label in ("first run (every due-soon and overdue petition reminded once)",
                  "second run, same day (nothing new: idempotent)"):
        mail.outbox = []
        start = time.perf_counter()
        outcome = reminders.run()
        elapsed = time.perf_counter() - start
        print(f"\ndoithoai remind, {label}: {elapsed:.1f} s — {outcome.reminders:,} reminders "
              f"({outcome.overdue:,} overdue, {outcome.due_soon:,} due soon), "
              f"{len(mail.outbox):,} messages")
    start = time.perf_counter()
    reminders.run(dry_run=True)
    print(f"doithoai remind --dry-run afterwards: {time.perf_counter() - start:.1f} s")


def bench_import(clerk, agency, rows: int) -> None:
    from doithoai.petitions.actions import imports

    data = _excel(agency, rows)
    start = time.perf_counter()
    result = imports.import_file(actor=clerk, agency=agency, data=data, filename="bench.xlsx",
                                 batch_name="Tổng hợp ý kiến (bench)")
    elapsed = time.perf_counter() - start
    print(f"\nExcel import (petitions.actions.imports.import_file, {len(data) / 1e6:.1f} MB): "
          f"{result.count:,} rows in {elapsed:.1f} s ({result.count / elapsed:,.0f} rows/s), "
          f"audit events, petitioners and the acknowledgements (one SMS per row) included")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--explain", action="store_true",
                        help="print the query plans of slow queue pages")
    args = parser.parse_args()
    os.environ.setdefault("EMAIL_URL", "memorymail://")  # count messages, send nothing
    vendor = setup_django()
    from django.utils import timezone

    from doithoai.org.models import Membership, Role

    today = timezone.localdate()
    start = time.perf_counter()
    build(args.communes)
    people = build_people()
    print(f"Database: {vendor}. Organisation of {args.communes} communes in "
          f"{time.perf_counter() - start:.1f} s.")
    dropped = _drop_trigram_index()
    start = time.perf_counter()
    sample = build_petitions(args.petitions, today)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    if dropped:
        _create_trigram_index()
    _analyze()
    print(f"Built {args.petitions:,} petitions in {loaded:.1f} s "
          f"({args.petitions / loaded:,.0f}/s; bulk_create in chunks of {CHUNK:,}, no audit "
          f"events, petitioners or notifications for these synthetic rows)"
          + (f"; trigram index rebuilt and ANALYZE in {time.perf_counter() - start:.1f} s"
             if dropped else f"; ANALYZE in {time.perf_counter() - start:.1f} s"))
    from django.db.models import Count

    from doithoai.petitions.models import Petition

    states = dict(Petition.objects.order_by().values_list("state").annotate(n=Count("pk")))
    print("States: " + ", ".join(f"{s} {n:,}" for s, n in sorted(states.items())))
    agency = people["agencies"][0]
    clerk = people["clerk"]
    overseer = Membership.objects.filter(role=Role.OVERSEER).first().user
    bench_queue(clerk, overseer, agency, args.repeat, args.explain)
    bench_follow_up(clerk, agency, args.repeat)
    bench_lookup(sample, args.repeat * 5)
    bench_remind()
    if args.import_rows:
        bench_import(clerk, agency, args.import_rows)


if __name__ == "__main__":
    main()
