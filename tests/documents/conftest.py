"""Documents tests: a commune with the demo's organisation; a module that reads whole documents
builds what they show once (its `scenario`, run by `run_scenario`, tests/conftest.py, from
tests/builders.py) and keeps the results in `made`."""

import io
import unicodedata

import pytest
from docx import Document

from doithoai.dialogues.actions import plans
from doithoai.documents.render import render_docx
from doithoai.org.models import Agency, User
from tests import builders


def read(docx: bytes):
    return Document(io.BytesIO(docx))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Each test's uploads and issued files in a folder of its own. Converted PDFs go to
    the test process's cache (tests/conftest.py): a test about the cache brings its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


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
def commune(db, load_organisation):
    load_organisation()
    return Agency.objects.get(code="ubnd-xa-diem-he")


@pytest.fixture
def draft_plan(commune):
    """A new draft plan of the commune for 2027, every section prefilled, not numbered."""
    return plans.create_plan(actor=User.objects.get(username="vanphong"), agency=commune,
                             year=2027)


def scenario(out: dict) -> None:
    """The yearly plan 27/KH-UBND rendered as issued, as a draft, with NFD text and with very
    long names (changed in memory, not saved)."""
    plan = builders.yearly_plan()
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
def made(run_scenario):
    return run_scenario(scenario)


