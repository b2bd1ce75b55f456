import datetime as dt
import fcntl
import io
import os
import pickle
import sys
import traceback
from pathlib import Path

import django
import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import QuerySet
from hypothesis import settings as hypothesis_settings

from tests import base_organisation as base_organisation_rows
from tests.factories import (
    AgencyFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    VillageFactory,
)

# The whole run on another day: DOITHOAI_TEST_TODAY=year-end (the last working day of this
# year, as CI runs one of its two suites) or a date (2027-02-08). Every process of the run
# (each xdist worker configures itself) lives on that day from its start, the clock running
# on; tests that pin a day of their own still do. The browser's clock is not moved.
_moved_clock = None

# Speed is measured in bench/, never judged by a test: no deadline per generated example
# (a busy machine made a 0.2 ms example take 259 ms).
hypothesis_settings.register_profile("doithoai", deadline=None)
hypothesis_settings.load_profile("doithoai")


def moved_day(value: str, real_today: dt.date) -> dt.date:
    if value != "year-end":
        return dt.date.fromisoformat(value)
    from doithoai.core.workdays import build_vn_calendar

    calendar, day = build_vn_calendar(overrides={}), dt.date(real_today.year, 12, 31)
    while not calendar.is_workday(day):
        day -= dt.timedelta(days=1)
    return day


def pytest_configure(config):
    global _moved_clock
    value = os.environ.get("DOITHOAI_TEST_TODAY", "").strip()
    if not value or _moved_clock is not None:
        return
    import time_machine

    day = moved_day(value, dt.date.today())
    _moved_clock = time_machine.travel(f"{day.isoformat()} 15:00 +07:00", tick=True)
    _moved_clock.start()
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        print(f"Đồng hồ của bộ kiểm thử: {day:%d/%m/%Y} (DOITHOAI_TEST_TODAY={value})")


# The modules that take longest (measured with --durations), longest first. Under xdist the
# workers take tests one at a time in collection order (`--maxschedchunk 1`, pyproject.toml):
# with these first, the short tests fill the gaps at the end and both workers finish together,
# instead of one long browser story or demo build running alone at the end while the other
# worker waits. The run's shared demo is built first (tests/documents/test_docs_command.py),
# while the other worker takes the demo's builds on risky days.
SLOWEST_FIRST = (
    "tests/test_cli_config.py", "tests/documents/test_docs_command.py",
    "tests/petitions/test_demo.py", "tests/e2e/test_dialogues_year.py",
    "tests/e2e/test_live_room.py", "tests/e2e/test_dialogues_conferences.py",
    "tests/e2e/test_dialogues_plans.py", "tests/e2e/test_petition_pages_flow.py",
    "tests/e2e/test_dialogues_preparation.py", "tests/e2e/test_dialogues_participants.py",
    "tests/e2e/test_petition_journeys.py", "tests/e2e/test_intake_flow.py",
    "tests/e2e/test_pages.py", "tests/documents/test_pdf.py",
    "tests/e2e/", "tests/test_settings.py", "tests/test_docs_references.py",
)


# CI runs the suite twice: on SQLite, then on PostgreSQL on the last working day of the year.
# The second run leaves out what cannot come out differently there, each for its reason:
REPEATS_NOTHING_ON_POSTGRESQL = (
    # their commands run in child processes with the run's database and clock removed
    "tests/test_cli_config.py", "tests/test_settings.py",
    # they read the source and the catalogues, never a database nor the day
    "tests/test_docs_references.py", "tests/test_file_sizes.py", "tests/test_writers.py",
    "tests/test_who_may.py", "tests/test_view_reads.py", "tests/test_import_contracts.py",
    "tests/test_translations.py",
    # the demo's days are worked out before any database is touched; the same build on
    # PostgreSQL is proved by the year's end kept (the run's own day; and by the shared demo)
    *(f"tests/petitions/test_demo.py::test_the_demo_builds_on_any_day[{day}]"
      for day in ("2027-01-01", "2027-02-08", "2026-01-10", "2028-02-29", "2027-06-30")),
    # the same requests as their "pc" case, at a phone's width: the layout is the browser's
    # (the first run proves it), the server answers both alike
    *(f"{story}[phone]" for story in (
        "tests/e2e/test_petition_pages_flow.py::test_from_the_queue_to_a_published_answer",
        "tests/e2e/test_dialogues_preparation.py::"
        "test_opinions_prepared_answers_and_the_front_report",
        "tests/e2e/test_pages.py::test_every_page_passes_axe",
        "tests/e2e/test_public_submit_and_track.py::test_answered_and_denunciation_pages_pass_axe")),
)


def on_postgresql() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _database_use(item) -> int:
    """0: no database; 1: in a transaction rolled back (or reading the shared demo built in
    one); 2: committing (emptied afterwards).
    The tests of a worker run in that order: like Django's runner (whose order pytest-django
    sets), every rolled-back test runs before any test that empties the database of what
    the migrations put there; the tests without a database can run at any time, so first."""
    marker, fixtures = item.get_closest_marker("django_db"), getattr(item, "fixturenames", ())
    if (marker is not None and (marker.kwargs.get("transaction")
                                or marker.kwargs.get("reset_sequences"))) \
            or "transactional_db" in fixtures or "live_server" in fixtures:
        return 2
    uses = marker is not None or "db" in fixtures or "demo_scenarios" in fixtures
    return 1 if uses else 0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # The first test of each module with a scenario (`run_scenario`) early, the others in
    # their place: by the time a module's other tests come, on either worker, its scenario
    # is built, and no worker waits for the other's build.
    builds = {}
    for item in items:
        if "run_scenario" in item.fixturenames:
            builds.setdefault(item.module.__name__, item)
    builds_early = {id(item) for item in builds.values()}

    def rank(item) -> tuple[int, float]:
        path = item.nodeid.split("::", 1)[0]
        slow = next((i for i, slow in enumerate(SLOWEST_FIRST) if path.startswith(slow)), None)
        if slow is None:
            # The readers of the run's shared demo last: by then the first of them to need
            # it (tests/documents/test_docs_command.py, first) has built it, and no worker
            # waits for another's build.
            slow = len(SLOWEST_FIRST) + ("demo_scenarios" in item.fixturenames) - (
                0.5 if id(item) in builds_early else 0)
        return _database_use(item), slow

    items.sort(key=rank)  # stable: each module's other tests keep their order
    if on_postgresql():
        left = [i for i in items if i.nodeid.startswith(REPEATS_NOTHING_ON_POSTGRESQL)]
        if left:
            config.hook.pytest_deselected(items=left)
            items[:] = [i for i in items
                        if not i.nodeid.startswith(REPEATS_NOTHING_ON_POSTGRESQL)]


def pytest_unconfigure(config):
    global _moved_clock
    if _moved_clock is not None:
        _moved_clock.stop()
        _moved_clock = None


_SOURCE = str(Path(__file__).resolve().parents[1] / "src" / "doithoai") + os.sep
_DJANGO = os.path.dirname(django.__file__) + os.sep
# The ORM and the signals, between a write and this check.
_MACHINERY = tuple(_DJANGO + part + os.sep for part in ("db", "dispatch"))
# Where the product writes every app's rows by design: the demo builds everything, the
# migrations move data, the admin (audited by audit.admin_mixins) edits any model.
_WRITES_ANY_APP = {"demo", "migrations", "admin.py", "admin_mixins.py"}


def _writing_app(frame) -> str | None:
    """The app of the product's code that made the write; None when it was not the product's
    (a test's own setup, Django's login) or was allowed to. A model's own methods (its app's
    models.py, the NFC base in db.py, core) are passed through, to find who called them."""
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(_MACHINERY):
            frame = frame.f_back
            continue
        if not path.startswith(_SOURCE):
            return None
        parts = path[len(_SOURCE):].split(os.sep)
        if len(parts) > 1 and parts[-1] != "models.py" and parts[0] != "core":
            return None if _WRITES_ANY_APP & set(parts) else parts[0]
        frame = frame.f_back
    return None


def _own_app_writes_only(sender, instance, origin=None, **kwargs):
    """Every save and delete the suite makes of the product's models: by code of the model's
    own app (its actions, its receivers), never by another app's — which would bypass that
    app's version check, audit label and notifications (tests/test_writers.py finds the
    writes it can see in the source; this sees the ones made through an instance, as they
    run)."""
    if not sender.__module__.startswith("doithoai."):
        return
    if origin is not None and origin is not instance and not isinstance(origin, QuerySet):
        return  # deleted along with another row (a cascade), not written by itself
    app = _writing_app(sys._getframe(1))
    if app is not None and app != sender._meta.app_label:
        raise AssertionError(f"{app} writes {sender._meta.label} ({instance!r}): call the "
                             f"{sender._meta.app_label} app's actions instead")


@pytest.fixture(scope="session", autouse=True)
def _writes_stay_in_their_app():
    from django.db.models.signals import pre_delete, pre_save

    pre_save.connect(_own_app_writes_only, dispatch_uid="tests.own_app_writes_only")
    pre_delete.connect(_own_app_writes_only, dispatch_uid="tests.own_app_deletes_only")
    yield
    pre_save.disconnect(dispatch_uid="tests.own_app_writes_only")
    pre_delete.disconnect(dispatch_uid="tests.own_app_deletes_only")


@pytest.fixture(scope="session", autouse=True)
def _documents_cache(tmp_path_factory):
    """One cache of converted documents per test process and run: a PDF converted once is
    found by every later test of the process (LibreOffice's profile is per process too), and
    nothing is kept from an earlier run. Tests about the cache set a folder of their own."""
    from django.conf import settings

    settings.DOCUMENTS_CACHE_DIR = tmp_path_factory.mktemp("documents-cache")


@pytest.fixture
def world(db):
    """Two communes of one province, each with two units, two villages and people in each,
    and a third commune in another province: enough to prove every scope boundary."""
    province = ProvinceFactory()
    other_province = ProvinceFactory()
    communes = [AgencyFactory(parent=province), AgencyFactory(parent=province),
                AgencyFactory(parent=other_province)]
    w = {"province": province, "other_province": other_province, "communes": communes}
    for i, agency in enumerate(communes):
        units = [UnitFactory(agency=agency), UnitFactory(agency=agency)]
        villages = [VillageFactory(agency=agency), VillageFactory(agency=agency)]
        w[f"units{i}"] = units
        w[f"villages{i}"] = villages
        w[f"unit_people{i}"] = [PersonFactory(agency=agency, unit=u) for u in units]
        w[f"village_people{i}"] = [PersonFactory(agency=agency, village=v) for v in villages]
    return w


# The day the dialogue tests live on: a Monday of November 2026, so that "a conference four
# weeks ahead" stays in the plan's year and no deadline moves with the real calendar.
FROZEN_NOW = "2026-11-23 09:00:00 +07:00"
# The demo built on that day (`demo_scenarios`): its conferences, by title.
CONFERENCE_TITLE = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026"  # 12/06
UPCOMING_TITLE = "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân cuối năm 2026"  # 11/12
LIVE_TITLE = "Hội nghị đối thoại chuyên đề về đất đai, xây dựng năm 2026"  # 23/11, in session


@pytest.fixture
def frozen_today():
    """Time stands at FROZEN_NOW and then runs on (tick), for the whole process: the live
    server's thread sees the same clock as the test."""
    import time_machine

    with time_machine.travel(FROZEN_NOW, tick=True):
        yield


@pytest.fixture(scope="session")
def demo_scenarios(request, tmp_path_factory, worker_id, django_db_setup, django_db_blocker):
    """The full demo, built ONCE for the whole run inside a transaction rolled back at the end,
    for the demo's own tests (tests/*/test_demo.py, and the `docs` command's samples, which are
    the demo's documents); in it, the `scenario(out)` of each module that reads this fixture,
    in a savepoint of its own (what one changes, the next does not see). → {module name: out}.
    Every other test builds what it needs (tests/builders.py, `run_scenario`).

    Under xdist the first worker to get here builds it for the others (`_once_per_run`)."""
    return _once_per_run("demo", lambda: _build_scenarios(request, django_db_blocker),
                         tmp_path_factory, worker_id)


def _once_per_run(name: str, build, tmp_path_factory, worker_id):
    """`build()`'s result, built by the first xdist worker to ask and left (pickled) in the
    run's shared temporary folder for the others, which wait on a lock and read it."""
    if worker_id == "master":
        return build()
    shared = tmp_path_factory.getbasetemp().parent / f"{name}.pickle"
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if shared.is_file():
            return pickle.loads(shared.read_bytes())
        result = build()
        shared.write_bytes(pickle.dumps(result))
    return result


def _build_scenarios(request, django_db_blocker) -> dict:
    import time_machine

    modules = {item.module for item in request.session.items
               if "demo_scenarios" in item.fixturenames}
    results = {}
    with django_db_blocker.unblock(), time_machine.travel(FROZEN_NOW, tick=True), \
            transaction.atomic():
        output = io.StringIO()
        call_command("demo_data", stdout=output)
        # A scenario shared by several test modules (imported from a module of its own) runs
        # once, its results kept under the name of the module that defines it.
        scenarios = {module.scenario.__module__: module.scenario for module in modules}
        for name, scenario in sorted(scenarios.items()):
            with transaction.atomic():
                out = results[name] = {"demo_output": output.getvalue()}
                scenario(out)
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    return results


def run_checks(out: dict, checks) -> None:
    """A module's checks run inside the demo build: a failure is kept (with its traceback)
    for the module's test to report, and does not stop the build for the others."""
    try:
        checks()
    except Exception:  # noqa: BLE001 — reported by the module's test
        out["failure"] = traceback.format_exc()
    else:
        out["failure"] = None


_scenario_results: dict = {}


@pytest.fixture(scope="module")
def run_scenario(base_organisation, django_db_blocker, tmp_path_factory, worker_id):
    """Call it with a module's `scenario(out)`: on the base organisation and on FROZEN_NOW,
    in a transaction rolled back as soon as it returns, the scenario builds what it reads
    (tests/builders.py) and keeps what its tests check in `out` → out. Once per run: under
    xdist the first worker to need a scenario builds it for the others (`_once_per_run`); a
    scenario two modules share runs once. The tests read the results, each on an empty
    database of its own."""
    import time_machine

    def build(scenario) -> dict:
        out = {}
        with django_db_blocker.unblock(), time_machine.travel(FROZEN_NOW, tick=True), \
                transaction.atomic():
            base_organisation_rows.load(base_organisation)
            scenario(out)
            transaction.set_rollback(True)
        return out

    def run(scenario) -> dict:
        if scenario in _scenario_results:
            return _scenario_results[scenario]
        name = f"scenario-{scenario.__module__}.{scenario.__qualname__}"
        _scenario_results[scenario] = _once_per_run(name, lambda: build(scenario),
                                                    tmp_path_factory, worker_id)
        return _scenario_results[scenario]

    return run


@pytest.fixture(scope="session")
def base_organisation(django_db_setup, django_db_blocker):
    """The demo's organisation (no petitions) as rows, built once per test process
    (tests/base_organisation.py); `load_organisation` copies them into a test's database."""
    with django_db_blocker.unblock():
        return base_organisation_rows.capture()


@pytest.fixture
def load_organisation(base_organisation):
    """Call it to copy the demo's organisation into this test's database (a transactional
    test's too) — what `demo_data --no-petitions` would make, in a tenth of the time."""
    return lambda: base_organisation_rows.load(base_organisation)


@pytest.fixture(scope="module")
def _organisation(base_organisation, django_db_blocker):
    """The demo's organisation (no petitions), loaded once per module in a transaction that
    each test's own transaction nests in (a savepoint rolled back after the test); the
    whole is rolled back after the module. A module with a `transaction=True` test
    overrides `commune` to load it per test."""
    with django_db_blocker.unblock(), transaction.atomic():
        base_organisation_rows.load(base_organisation)
        yield
        transaction.set_rollback(True)
