"""Documents tests: a commune with the demo's organisation, and the full demo built once per
test process for every module's `scenario` (see `demo_scenarios`)."""

import fcntl
import io
import pickle
import sys
import unicodedata

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document

from doithoai.dialogues import services
from doithoai.dialogues.models import Plan
from doithoai.documents.render import render_docx
from doithoai.org.models import Agency, User
from tests.conftest import FROZEN_NOW

DEMO_NUMBER = "27/KH-UBND"


def read(docx: bytes):
    return Document(io.BytesIO(docx))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test's uploads, issued files and converted PDFs in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENTS_CACHE_DIR = tmp_path / "cache"


def texts(paragraphs):
    """The paragraphs that print something."""
    return [p for p in paragraphs if p.text.strip()]


def lines(doc) -> list[str]:
    return [p.text for p in texts(doc.paragraphs)]


def props(p):
    """{(size in pt or None, bold, italic)} of the runs that print something."""
    return {(r.font.size.pt if r.font.size else None, r.font.bold, r.font.italic)
            for r in p.runs if r.text.strip()}


def cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def commune(db):
    call_command("demo_data", "--no-petitions", verbosity=0)
    return Agency.objects.get(code="ubnd-xa-diem-he")


@pytest.fixture
def draft_plan(commune):
    """A new draft plan of the commune for 2027, every section prefilled, not numbered."""
    return services.create_plan(actor=User.objects.get(username="vanphong"), agency=commune,
                                year=2027)


def scenario(out: dict) -> None:
    """The demo plan 27/KH-UBND rendered as issued, as a draft, with NFD text and with very
    long names (changed in memory, not saved)."""
    plan = Plan.objects.select_related("agency", "signer").get(number=DEMO_NUMBER)
    number = int(plan.number.split("/")[0])
    out["issued_on"] = plan.issued_on
    out["plan_title"] = plan.title
    out["issued"] = render_docx("ke-hoach", plan, number=number,
                                issued_on=plan.issued_on)
    out["draft"] = render_docx("ke-hoach", plan)
    out["recipients"] = plan.recipients
    out["signer"] = plan.signer.full_name
    out["tasks"] = [(t.unit.name, t.text) for t in plan.tasks.select_related("unit")]
    out["groups"] = [(g.side, g.label, g.seats) for g in plan.groups.all()]
    plan.title = nfd("Tổ chức hội nghị đối thoại về đường liên thôn Nà Pàn – Bản Chu")
    plan.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    plan.signer.full_name = nfd("Hoàng Thị Diệu Hiền")
    out["nfd"] = render_docx("ke-hoach", plan, number=number, issued_on=plan.issued_on)
    plan.signer.full_name = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh"
    plan.agency.header_issuer = ("ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT "
                                 "SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ")
    plan.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 12
    out["long"] = render_docx("ke-hoach", plan, number=number,
                              issued_on=plan.issued_on)


@pytest.fixture(scope="module")
def demo(demo_scenarios):
    return demo_scenarios[__name__]


@pytest.fixture(scope="session")
def demo_scenarios(request, tmp_path_factory, worker_id, django_db_setup, django_db_blocker):
    """The full demo, built ONCE for the whole run inside a transaction rolled back at the end;
    in it, the `scenario(out)` of this conftest and of every collected module that has one, each
    in a savepoint of its own (what one changes, the next does not see). → {module name: out}.

    Under xdist the first worker to get here builds it and leaves the results (pickled) in the
    run's shared temporary folder; the others wait on a lock and read them."""
    if worker_id == "master":
        return _build_scenarios(request, django_db_blocker)
    shared = tmp_path_factory.getbasetemp().parent / "documents-demo.pickle"
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if shared.is_file():
            return pickle.loads(shared.read_bytes())
        results = _build_scenarios(request, django_db_blocker)
        shared.write_bytes(pickle.dumps(results))
    return results


def _build_scenarios(request, django_db_blocker) -> dict:
    import time_machine

    modules = {sys.modules[__name__]}
    modules |= {item.module for item in request.session.items
                if callable(getattr(item.module, "scenario", None))}
    results = {}
    with django_db_blocker.unblock(), time_machine.travel(FROZEN_NOW, tick=True), \
            transaction.atomic():
        call_command("demo_data", verbosity=0)
        for module in sorted(modules, key=lambda m: m.__name__):
            with transaction.atomic():
                out = results[module.__name__] = {}
                module.scenario(out)
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    return results
