"""Documents pages: the panel on the plan page, downloads and preview, issue and correct
through the pages, the register with its search, the templates page, and the scope."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.dialogues.models import Plan
from doithoai.documents.actions import register as register_actions
from doithoai.documents.actions import templates as template_actions
from doithoai.documents.models import AgencyTemplate, Document, DocumentRegister
from doithoai.documents.selectors import templates as agency_templates
from doithoai.org.models import Role
from tests.documents.test_register import KIND, make_plan, new_commune
from tests.factories import user_with_role

DOCX = template_actions.DOCX_CONTENT_TYPE


@pytest.fixture
def office(db):
    agency = new_commune()
    clerk = user_with_role(Role.CLERK, agency)
    return {"agency": agency, "clerk": clerk, "plan": make_plan(agency, clerk)}


def plan_page(client, plan):
    return client.get(reverse("dialogues:plan_detail", args=[plan.pk]))


def issue_url(plan):
    return reverse("documents:issue", args=[KIND, plan.pk])


def test_the_plan_page_offers_its_document_and_issues_it(client, office):
    plan = office["plan"]
    client.force_login(office["clerk"])
    page = plan_page(client, plan).content.decode()
    assert "Kế hoạch tổ chức hội nghị đối thoại" in page
    assert reverse("documents:draft_docx", args=[KIND, plan.pk]) in page
    assert issue_url(plan) in page and "Ban hành (cấp số" in page
    assert 'alt="Ảnh trang 1 của bản dự thảo Kế hoạch' in page

    draft = client.get(reverse("documents:draft_docx", args=[KIND, plan.pk]))
    assert draft.status_code == 200 and draft["Content-Type"] == DOCX
    assert draft.content.startswith(b"PK")

    back = reverse("dialogues:plan_detail", args=[plan.pk])
    response = client.post(issue_url(plan), {"da_ky": "on", "next": back,
                                             "ngay": timezone.localdate().isoformat()})
    assert response.status_code == 302 and response["Location"] == back
    document = Document.objects.get()
    assert document.number_text == "01/KH-UBND"
    page = plan_page(client, plan).content.decode()
    assert "Số 01/KH-UBND" in page
    assert reverse("documents:document_docx", args=[document.pk]) in page
    assert issue_url(plan) not in page  # the plan's card: frozen, nothing to issue
    frozen = client.get(reverse("documents:document_docx", args=[document.pk]))
    assert hashlib.sha256(frozen.content).hexdigest() == document.sha256
    assert "01-KH-UBND" in frozen["Content-Disposition"]


def test_missing_fields_are_listed_and_the_draft_still_downloads(client, office):
    plan = office["plan"]
    Plan.objects.filter(pk=plan.pk).update(signer=None)
    client.force_login(office["clerk"])
    page = plan_page(client, plan).content.decode()
    assert "Chưa ban hành được, còn thiếu:" in page
    assert issue_url(plan) not in page
    assert client.get(reverse("documents:draft_docx", args=[KIND, plan.pk])).status_code == 200
    response = client.post(issue_url(plan), {"next": "/", "da_ky": "on"}, follow=True)
    assert "Chưa ban hành được, còn thiếu:" in response.content.decode()
    assert not Document.objects.exists()


def test_read_only_roles_see_but_cannot_issue(client, office):
    plan = office["plan"]
    supervisor = user_with_role(Role.SUPERVISOR, office["agency"])
    client.force_login(supervisor)
    page = plan_page(client, plan).content.decode()
    assert reverse("documents:draft_docx", args=[KIND, plan.pk]) in page
    assert issue_url(plan) not in page
    assert client.post(issue_url(plan), {}).status_code == 403
    assert not Document.objects.exists() and not DocumentRegister.objects.exists()
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT


def test_another_commune_gets_404_everywhere(client, office):
    plan = office["plan"]
    document = register_actions.issue(signed=True, actor=office["clerk"], kind_code=KIND, obj=plan)
    client.force_login(user_with_role(Role.CLERK, new_commune()))
    for url in (reverse("documents:draft_docx", args=[KIND, plan.pk]),
                reverse("documents:draft_png", args=[KIND, plan.pk]),
                reverse("documents:detail", args=[document.pk]),
                reverse("documents:document_docx", args=[document.pk]),
                reverse("documents:template_download", args=[office["agency"].pk, KIND])):
        assert client.get(url).status_code == 404, url
    assert client.post(issue_url(plan), {}).status_code == 404
    assert client.post(reverse("documents:correct", args=[document.pk]),
                       {"ly_do": "x"}).status_code == 404
    assert client.post(reverse("documents:template_upload",
                               args=[office["agency"].pk, KIND])).status_code == 404
    assert Document.objects.count() == 1


def test_correction_from_the_document_page(client, office):
    document = register_actions.issue(
        signed=True, actor=office["clerk"], kind_code=KIND, obj=office["plan"])
    client.force_login(office["clerk"])
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "01/KH-UBND" in page and document.sha256 in page
    assert "Lập văn bản sửa đổi, thay thế" in page
    response = client.post(reverse("documents:correct", args=[document.pk]), {"ly_do": ""},
                           follow=True)
    assert "Hãy ghi lý do sửa đổi" in response.content.decode()
    response = client.post(reverse("documents:correct", args=[document.pk]),
                           {"ly_do": "Đổi địa điểm"})
    draft = Document.objects.get(state=Document.State.DRAFT)
    assert response["Location"] == reverse("documents:detail", args=[draft.pk])
    page = plan_page(client, office["plan"]).content.decode()
    assert "sửa đổi, thay thế văn bản số 01/KH-UBND" in page
    assert issue_url(office["plan"]) in page


def test_the_panel_reads_the_register_once_and_shows_the_latest(client, office):
    """A page shows each kind's draft and latest issued document from one read of the
    register, whatever it holds: here a document, its issued correction and a second one in
    draft."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from doithoai.documents.selectors.issued import held_by_kind, latest_issued, open_draft

    plan, clerk = office["plan"], office["clerk"]
    first = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan)
    register_actions.correct(actor=clerk, document=first, reason="Đổi địa điểm")
    second = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan)
    register_actions.correct(actor=clerk, document=second, reason="Đổi giờ họp")
    held = held_by_kind(plan)[KIND]
    assert (held.draft, held.issued) == (open_draft(plan, KIND), latest_issued(plan, KIND))
    assert held.issued == second and held.draft.corrects == second

    client.force_login(clerk)
    with CaptureQueriesContext(connection) as queries:
        page = plan_page(client, plan).content.decode()
    assert f"sửa đổi, thay thế văn bản số {second.number_text}" in page
    register_reads = [q["sql"] for q in queries.captured_queries
                      if 'FROM "documents_document"' in q["sql"]]
    assert len(register_reads) == 1, register_reads


def test_pdf_unavailable_says_so_and_docx_still_works(client, office, settings):
    settings.DOCUMENTS_SOFFICE = "/khong/co/soffice"
    plan = office["plan"]
    client.force_login(office["clerk"])
    page = plan_page(client, plan).content.decode()
    assert "Máy chủ chưa cài LibreOffice" in page
    assert reverse("documents:draft_pdf", args=[KIND, plan.pk]) not in page
    response = client.get(reverse("documents:draft_pdf", args=[KIND, plan.pk]))
    assert response.status_code == 503
    body = response.content.decode()
    assert "LibreOffice" in body
    assert reverse("documents:draft_docx", args=[KIND, plan.pk]) in body
    assert client.get(reverse("documents:draft_docx", args=[KIND, plan.pk])).status_code == 200


def test_preview_and_pdf_with_libreoffice(client, office):
    plan = office["plan"]
    client.force_login(office["clerk"])
    png = client.get(reverse("documents:draft_png", args=[KIND, plan.pk]))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    pdf = client.get(reverse("documents:draft_pdf", args=[KIND, plan.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


# --- the register --------------------------------------------------------------------------

def _fake_issued(agency, plan, n: int, issued_on: dt.date, title: str) -> Document:
    from django.contrib.contenttypes.models import ContentType

    register, _ = DocumentRegister.objects.get_or_create(agency=agency, year=issued_on.year,
                                                         code="KH")
    return Document.objects.create(
        agency=agency, kind=KIND, content_type=ContentType.objects.get_for_model(plan),
        object_id=plan.pk, title=title, state=Document.State.ISSUED, register=register,
        number=n, number_text=f"{n:02d}/KH-UBND", issued_on=issued_on,
        issued_at=timezone.now(), sha256="0" * 64)


def test_register_lists_newest_first_searches_and_pages(client, office):
    agency, plan = office["agency"], office["plan"]
    start = dt.date(timezone.localdate().year, 1, 5)
    for n in range(1, 31):
        _fake_issued(agency, plan, n, start + dt.timedelta(days=n),
                     "Tổ chức hội nghị đối thoại" if n != 7 else "Kế hoạch trồng cây Điềm He")
    _fake_issued(new_commune(), plan, 99, start, "Văn bản của xã khác")
    client.force_login(user_with_role(Role.SUPERVISOR, agency))
    url = reverse("documents:register")
    page = client.get(url).content.decode()
    assert "30 văn bản" in page and "Văn bản của xã khác" not in page
    assert page.index("30/KH-UBND") < page.index("29/KH-UBND")
    assert "05/KH-UBND" not in page  # on page 2
    page2 = client.get(url, {"trang": 2}).content.decode()
    assert "05/KH-UBND" in page2 and "30/KH-UBND" not in page2
    # By number, by title without diacritics, by kind, by date.
    assert "1 văn bản" in client.get(url, {"q": "07/KH"}).content.decode()
    found = client.get(url, {"q": "trong cay diem he"}).content.decode()
    assert "1 văn bản" in found and "07/KH-UBND" in found
    assert "30 văn bản" in client.get(url, {"loai": KIND}).content.decode()
    day = (start + dt.timedelta(days=10)).isoformat()
    by_date = client.get(url, {"tu_ngay": day, "den_ngay": day}).content.decode()
    assert "1 văn bản" in by_date and "10/KH-UBND" in by_date
    assert "Không có văn bản nào" in client.get(url, {"q": "khongcogi"}).content.decode()


# --- templates page ------------------------------------------------------------------------

def test_templates_page_downloads_and_refuses_a_bad_upload(client, office):
    agency = office["agency"]
    client.force_login(office["clerk"])
    page = client.get(reverse("documents:templates")).content.decode()
    assert "Đang dùng mẫu có sẵn" in page and "Kiểm tra và dùng mẫu này" in page
    shipped = client.get(reverse("documents:template_download", args=[agency.pk, KIND]))
    assert shipped.status_code == 200 and (
        shipped.content == agency_templates.shipped_template_bytes(KIND))

    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("documents:template_upload", args=[agency.pk, KIND])
    bad = SimpleUploadedFile("ke-hoach.docx", b"khong phai docx", content_type=DOCX)
    response = client.post(url, {f"{KIND}-tep": bad})
    assert response.status_code == 400
    assert "Không nhận mẫu này:" in response.content.decode()
    assert "không phải văn bản Word .docx" in response.content.decode()
    assert not AgencyTemplate.objects.exists()

    good = SimpleUploadedFile("mau-xa.docx", agency_templates.shipped_template_bytes(KIND),
                              content_type=DOCX)
    response = client.post(url, {f"{KIND}-tep": good}, follow=True)
    assert "Đã nhận mẫu" in response.content.decode()
    assert "Đang dùng mẫu của cơ quan" in response.content.decode()
    assert AgencyTemplate.objects.get().active


def test_templates_page_is_read_only_for_supervisors(client, office):
    client.force_login(user_with_role(Role.SUPERVISOR, office["agency"]))
    page = client.get(reverse("documents:templates")).content.decode()
    assert "Tải mẫu đang dùng" in page and "Kiểm tra và dùng mẫu này" not in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = SimpleUploadedFile("mau.docx", agency_templates.shipped_template_bytes(KIND),
                              content_type=DOCX)
    response = client.post(reverse("documents:template_upload",
                                   args=[office["agency"].pk, KIND]), {f"{KIND}-tep": good})
    assert response.status_code == 403
    assert not AgencyTemplate.objects.exists()


def test_issuing_asks_for_the_signature_to_be_confirmed(client, office):
    """A number once given is never taken back: the clerk confirms the paper is signed."""
    plan = office["plan"]
    client.force_login(office["clerk"])
    page = plan_page(client, plan).content.decode()
    assert 'name="da_ky"' in page and "Văn bản đã được người có thẩm quyền ký" in page
    response = client.post(issue_url(plan), {"ngay": timezone.localdate().isoformat(),
                                             "next": "/"}, follow=True)
    assert "Hãy đánh dấu xác nhận văn bản đã được ký" in response.content.decode()
    assert not Document.objects.exists() and not DocumentRegister.objects.exists()
