"""The register follows the office's paper register (next number, forward only, audited), the
register page shows each book, and a report's table downloads as .xlsx — live as a draft,
frozen with the document once issued."""

from __future__ import annotations

import hashlib
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent
from doithoai.documents import registry
from doithoai.documents.actions import register as register_actions
from doithoai.documents.drawing import tables
from doithoai.documents.kinds import Kind
from doithoai.documents.models import DocumentRegister
from doithoai.documents.registry import KINDS
from doithoai.org.models import Role
from tests.documents.test_register import KIND, THIS_YEAR, make_plan, new_commune
from tests.factories import user_with_role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def office(db):
    agency = new_commune()
    clerk = user_with_role(Role.CLERK, agency)
    return {"agency": agency, "clerk": clerk, "plan": make_plan(agency, clerk)}


def last_number(agency, code="KH"):
    return (DocumentRegister.objects.filter(agency=agency, year=THIS_YEAR, code=code)
            .values_list("last_number", flat=True).first())


# --- the next number -----------------------------------------------------------------------

def test_the_next_number_follows_the_paper_register_and_is_audited(office):
    agency, clerk = office["agency"], office["clerk"]
    register_actions.set_next_number(actor=clerk, agency=agency, year=THIS_YEAR, code="KH",
                                     next_number=27, reason="Khớp sổ văn bản đi")
    document = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=office["plan"])
    assert document.number_text == "27/KH-UBND"
    event = AuditEvent.objects.get(action="document.register_adjust")
    assert event.reason == "Khớp sổ văn bản đi"
    assert (event.before["last_number"], event.after["last_number"]) == (0, 26)


@pytest.mark.parametrize("number", [27, 26, 1])
def test_a_number_once_given_is_never_given_again(office, number):
    agency, clerk = office["agency"], office["clerk"]
    register_actions.set_next_number(actor=clerk, agency=agency, year=THIS_YEAR, code="KH",
                                     next_number=28, reason="Khớp sổ")
    register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=office["plan"])  # 28
    with pytest.raises(ValidationError, match="đã cấp đến số 28"):
        register_actions.set_next_number(actor=clerk, agency=agency, year=THIS_YEAR, code="KH",
                                         next_number=number, reason="Lùi số")
    assert last_number(agency) == 28


def test_bad_adjustments_change_nothing(office):
    agency, clerk = office["agency"], office["clerk"]
    with pytest.raises(ValidationError, match="lý do"):
        register_actions.set_next_number(actor=clerk, agency=agency, year=THIS_YEAR, code="KH",
                                         next_number=5, reason="  ")
    with pytest.raises(ValidationError, match="Không có sổ văn bản “QĐ”"):
        register_actions.set_next_number(actor=clerk, agency=agency, year=THIS_YEAR, code="QĐ",
                                         next_number=5, reason="x")
    with pytest.raises(ValidationError, match="năm sau"):
        register_actions.set_next_number(actor=clerk, agency=agency, year=THIS_YEAR + 1, code="KH",
                                         next_number=5, reason="x")
    officer = user_with_role(Role.SUPERVISOR, agency)
    with pytest.raises(PermissionDenied):
        register_actions.set_next_number(actor=officer, agency=agency, year=THIS_YEAR, code="KH",
                                         next_number=5, reason="x")
    assert not DocumentRegister.objects.exists()
    assert not AuditEvent.objects.filter(action="document.register_adjust").exists()


def test_the_register_page_lists_the_books_and_adjusts_one(client, office):
    agency, clerk = office["agency"], office["clerk"]
    client.force_login(clerk)
    page = client.get(reverse("documents:register")).content.decode()
    assert f"Sổ đăng ký văn bản năm {THIS_YEAR}" in page
    for code in registry.register_codes():
        assert f'<td class="code">{code}</td>' in page
    url = reverse("documents:register_adjust", args=[agency.pk])
    response = client.post(url, {"so": "TB", "so_tiep_theo": "61", "ly_do": "Khớp sổ"},
                           follow=True)
    assert "Sổ TB năm" in response.content.decode()
    assert "văn bản tiếp theo sẽ nhận số 61" in response.content.decode()
    assert last_number(agency, "TB") == 60
    # Bad input: a clear message, nothing changed.
    response = client.post(url, {"so": "TB", "so_tiep_theo": "0", "ly_do": "x"}, follow=True)
    assert "Số tiếp theo phải là số nguyên dương." in response.content.decode()
    response = client.post(url, {"so": "TB", "so_tiep_theo": "12", "ly_do": ""}, follow=True)
    assert "Hãy ghi lý do điều chỉnh" in response.content.decode()
    assert last_number(agency, "TB") == 60


def test_only_the_office_adjusts_the_register(client, office):
    agency = office["agency"]
    supervisor = user_with_role(Role.SUPERVISOR, agency)
    client.force_login(supervisor)
    page = client.get(reverse("documents:register")).content.decode()
    assert "Điều chỉnh số tiếp theo" not in page
    response = client.post(reverse("documents:register_adjust", args=[agency.pk]),
                           {"so": "KH", "so_tiep_theo": "5", "ly_do": "x"})
    assert response.status_code == 403
    stranger = user_with_role(Role.CLERK, new_commune())
    client.force_login(stranger)
    response = client.post(reverse("documents:register_adjust", args=[agency.pk]),
                           {"so": "KH", "so_tiep_theo": "5", "ly_do": "x"})
    assert response.status_code == 404
    assert not DocumentRegister.objects.exists()


# --- a report's table ----------------------------------------------------------------------

@pytest.fixture
def plan_with_table(monkeypatch, office):
    """The plan kind given a table (the plan's sections and their lines), as a report has."""
    def table(plan, today=None):
        return tables.Table(
            title=f"Các mục của kế hoạch năm {plan.year}",
            columns=[tables.Column("STT", 6, numeric=True), tables.Column("Mục", 40),
                     tables.Column("Số dòng", 10, numeric=True)],
            rows=[[1, "Mục đích", len(plan.purposes.splitlines())],
                  [2, "Địa điểm", len(plan.venue)]],
            total=["", "Tổng cộng", len(plan.purposes.splitlines()) + len(plan.venue)])

    kind = KINDS[KIND]
    monkeypatch.setitem(KINDS, KIND, Kind(**{**kind.__dict__, "table": table}))
    return office


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_a_report_table_downloads_live_then_frozen_with_the_document(client, plan_with_table):
    office = plan_with_table
    plan, clerk = office["plan"], office["clerk"]
    client.force_login(clerk)
    page = client.get(reverse("dialogues:plan_detail", args=[plan.pk])).content.decode()
    draft_url = reverse("documents:draft_xlsx", args=[KIND, plan.pk])
    assert draft_url in page and "Tải bảng số liệu (.xlsx)" in page
    response = client.get(draft_url)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    sheet = workbook(response.content)
    assert sheet["A1"].value == office["agency"].name.upper()
    assert [c.value for c in sheet[5]] == ["STT", "Mục", "Số dòng"]  # under the title
    venue_length = len(plan.venue)

    document = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan)
    assert document.table_file and document.table_sha256
    plan.venue = plan.venue + " (mở rộng)"
    plan.save()
    frozen = client.get(reverse("documents:document_xlsx", args=[document.pk]))
    assert hashlib.sha256(frozen.content).hexdigest() == document.table_sha256
    assert workbook(frozen.content)["C7"].value == venue_length  # as issued, not as now
    assert "01-KH-UBND" in frozen["Content-Disposition"]

    # A tampered stored table is refused, not served.
    with document.table_file.open("wb") as f:
        f.write(b"PK changed")
    response = client.get(reverse("documents:document_xlsx", args=[document.pk]))
    assert response.status_code == 503
    assert "không còn khớp mã băm" in response.content.decode()


def test_a_kind_without_a_table_has_no_xlsx(client, office):
    client.force_login(office["clerk"])
    plan = office["plan"]
    assert client.get(reverse("documents:draft_xlsx", args=[KIND, plan.pk])).status_code == 404
    document = register_actions.issue(signed=True, actor=office["clerk"], kind_code=KIND, obj=plan)
    assert not document.table_file
    assert client.get(reverse("documents:document_xlsx",
                              args=[document.pk])).status_code == 404


def test_the_shared_table_writes_numbers_as_numbers():
    table = tables.Table(title="Bảng", columns=[tables.Column("Lĩnh vực"),
                                                tables.Column("Số ý kiến", numeric=True)],
                         rows=[["Đất đai", 1234]], total=["Tổng cộng", 1234],
                         sheet="Tổng hợp: ý kiến/kiến nghị [2026]")
    assert table.as_context()["rows"] == [["Đất đai", "1.234"]]
    sheet = workbook(tables.to_xlsx(table, heading=["ỦY BAN NHÂN DÂN XÃ ĐIỀM HE"]))
    assert sheet.title == "Tổng hợp  ý kiến kiến nghị  2026 "[:31]  # no []:*?/\\, 31 long
    assert sheet["B5"].value == 1234 and sheet["B5"].number_format == "#,##0"
    assert sheet["A6"].font.bold and sheet["A1"].font.name == "Times New Roman"
