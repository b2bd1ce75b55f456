"""Documents tests: a commune with the demo's organisation, and the demo plan rendered once per
module (the full demo is built inside a transaction that is rolled back afterwards)."""

import io
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


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo plan 27/KH-UBND rendered as issued, as a draft, with NFD text and with very
    long names (changed in memory, not saved), and the shipped template."""
    import time_machine

    out = {}
    # The demo tells its story around the day the dialogue tests live on.
    with django_db_blocker.unblock(), time_machine.travel(FROZEN_NOW, tick=True), \
            transaction.atomic():
        call_command("demo_data", verbosity=0)
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
        transaction.set_rollback(True)
    return out
