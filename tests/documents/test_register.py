"""The numbering register, frozen issued documents, corrections, agencies' templates and the
scope of every action (documents.actions)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from doithoai.audit.models import AuditEvent
from doithoai.core import decree30
from doithoai.dialogues.actions import plans as plans_actions
from doithoai.dialogues.models import Plan
from doithoai.documents.actions import register as register_actions
from doithoai.documents.actions import templates as template_actions
from doithoai.documents.models import AgencyTemplate, Document, DocumentRegister
from doithoai.documents.selectors import drafts
from doithoai.documents.selectors import issued as issued_documents
from doithoai.documents.selectors import templates as agency_templates
from doithoai.org.models import Role
from tests import builders
from tests.factories import AgencyFactory, PersonFactory, user_with_role

KIND = "ke-hoach"
THIS_YEAR = timezone.localdate().year


def new_commune(**kwargs):
    agency = AgencyFactory(symbol="UBND", place_name="Điềm He", **kwargs)
    PersonFactory(agency=agency, full_name="Hoàng Văn Chủ", position="Chủ tịch UBND xã")
    return agency


def make_plan(agency, actor, *, ad_hoc: bool = False, year: int = THIS_YEAR) -> Plan:
    if ad_hoc:
        return plans_actions.create_plan(actor=actor, agency=agency, year=year,
                                         kind=Plan.Kind.AD_HOC,
                                         ad_hoc_basis=Plan.AdHocBasis.PRESSING)
    return plans_actions.create_plan(actor=actor, agency=agency, year=year)


@pytest.fixture
def office(db):
    agency = new_commune()
    clerk = user_with_role(Role.CLERK, agency)
    return {"agency": agency, "clerk": clerk, "plan": make_plan(agency, clerk)}


# --- numbering -----------------------------------------------------------------------------

def test_numbers_follow_one_another_per_agency_year_and_register(office):
    agency, clerk = office["agency"], office["clerk"]
    first = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=office["plan"])
    second = register_actions.issue(signed=True, actor=clerk, kind_code=KIND,
                                    obj=make_plan(agency, clerk, ad_hoc=True))
    assert (first.number, first.number_text) == (1, "01/KH-UBND")
    assert (second.number, second.number_text) == (2, "02/KH-UBND")
    # Another commune has its own register.
    other = new_commune()
    other_clerk = user_with_role(Role.CLERK, other)
    assert register_actions.issue(signed=True, actor=other_clerk, kind_code=KIND,
                                  obj=make_plan(other, other_clerk)).number_text == "01/KH-UBND"
    # A document dated last year goes to last year's register.
    last_year = make_plan(agency, clerk, ad_hoc=True)
    old = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=last_year,
                                 issued_on=dt.date(THIS_YEAR - 1, 12, 30))
    assert (old.number, old.register.year) == (1, THIS_YEAR - 1)
    registers = {(r.year, r.code): r.last_number
                 for r in DocumentRegister.objects.filter(agency=agency)}
    assert registers == {(THIS_YEAR, "KH"): 2, (THIS_YEAR - 1, "KH"): 1}
    # The plan itself carries the number the register gave.
    office["plan"].refresh_from_db()
    assert office["plan"].state == Plan.State.ISSUED
    assert office["plan"].number == "01/KH-UBND"


def test_missing_fields_refuse_the_issue_and_keep_the_number(office):
    plan, clerk = office["plan"], office["clerk"]
    Plan.objects.filter(pk=plan.pk).update(signer=None, venue="")
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan)
    message = refused.value.messages[0]
    assert message.startswith("Chưa ban hành được, còn thiếu:")
    assert "người ký" in message.lower() and "địa điểm" in message.lower()
    assert not Document.objects.exists()
    assert not DocumentRegister.objects.filter(last_number__gt=0).exists()
    # The draft still renders, with the gaps.
    assert drafts.render_draft(KIND, plan).missing
    Plan.objects.filter(pk=plan.pk).update(signer=PersonFactory(agency=plan.agency),
                                           venue="Hội trường UBND xã")
    plan.refresh_from_db()
    assert register_actions.issue(signed=True, actor=clerk, kind_code=KIND,
                                  obj=plan).number == 1  # the refused try used no number


def test_a_date_in_the_future_is_refused(office):
    with pytest.raises(ValidationError):
        register_actions.issue(
            signed=True, actor=office["clerk"], kind_code=KIND, obj=office["plan"],
            issued_on=timezone.localdate() + dt.timedelta(days=1))
    assert not Document.objects.exists()


WORKERS = 6


# SQLite's test database lives in memory with a shared cache, where a second writer fails at
# once with "database table is locked" (no busy wait): concurrency can only be shown on
# PostgreSQL, where the product runs with several workers.
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent writers need PostgreSQL (in-memory SQLite locks tables)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_take_every_number_once():
    """Clerks issuing at the same moment, each on their own connection: numbers 1..N, no gap,
    no duplicate (PostgreSQL: the register's row lock; SQLite: its write lock)."""
    agency = new_commune()
    clerks = [user_with_role(Role.CLERK, agency) for _ in range(WORKERS)]
    plans = [make_plan(agency, clerks[0], ad_hoc=True) for _ in range(WORKERS)]
    start = threading.Barrier(WORKERS)
    results, errors = [], []

    def work(clerk, plan):
        try:
            start.wait()
            results.append(register_actions.issue(
                signed=True, actor=clerk, kind_code=KIND, obj=plan).number)
        except Exception as exc:  # noqa: BLE001 — reported to the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=pair) for pair in zip(clerks, plans,
                                                                          strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == list(range(1, WORKERS + 1))
    stored = sorted(Document.objects.values_list("number_text", flat=True))
    assert stored == [f"{n:02d}/KH-UBND" for n in range(1, WORKERS + 1)]
    assert DocumentRegister.objects.get(agency=agency, code="KH").last_number == WORKERS


# --- frozen, hashed ------------------------------------------------------------------------

def test_issued_document_is_frozen_and_its_hash_checked(office):
    plan, clerk = office["plan"], office["clerk"]
    document = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan,
                                      issued_on=timezone.localdate())
    stored = document.file.read()
    document.file.close()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert document.file.name.startswith(f"documents/{plan.agency.code}/{THIS_YEAR}/")
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(stored)).paragraphs)
    assert "Số: 01/KH-UBND" in "\n".join(
        c.text for t in WordDocument(io.BytesIO(stored)).tables for r in t.rows
        for c in r.cells) + text
    # The object changes afterwards: the issued document does not.
    Plan.objects.filter(pk=plan.pk).update(title="Một tiêu đề khác hẳn")
    assert issued_documents.issued_bytes(document) == stored
    # Issuing again is refused: a correction is the way.
    with pytest.raises(ValidationError, match="Đã ban hành số 01/KH-UBND"):
        register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan)
    # A file changed outside the product no longer matches its hash.
    with open(document.file.path, "ab") as f:
        f.write(b"x")
    with pytest.raises(issued_documents.Unavailable, match="không còn khớp mã băm"):
        issued_documents.issued_bytes(document)
    event = AuditEvent.objects.get(action="document.issue")
    assert event.after["sha256"] == document.sha256
    assert event.after["number_text"] == "01/KH-UBND"


def test_correction_is_a_new_document_with_its_own_number(office):
    plan, clerk = office["plan"], office["clerk"]
    original = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan)
    with pytest.raises(ValidationError):
        register_actions.correct(actor=clerk, document=original, reason="  ")
    draft = register_actions.correct(actor=clerk, document=original,
                                     reason="Sửa địa điểm tổ chức hội nghị")
    assert (draft.state, draft.corrects, draft.number) == (Document.State.DRAFT, original, None)
    with pytest.raises(ValidationError, match="đang dự thảo"):
        register_actions.correct(actor=clerk, document=original, reason="Lần nữa")
    register_actions.issue(signed=True, actor=clerk, kind_code=KIND,
                           obj=make_plan(office["agency"], clerk, ad_hoc=True))  # number 02
    issued = register_actions.issue(signed=True, actor=clerk, kind_code=KIND, obj=plan)
    assert issued.pk == draft.pk
    assert (issued.number_text, issued.corrects_id) == ("03/KH-UBND", original.pk)
    original.refresh_from_db()
    assert (original.number_text, original.state) == ("01/KH-UBND", Document.State.ISSUED)
    assert list(original.corrected_by.all()) == [issued]
    with pytest.raises(ValidationError, match="đã được sửa đổi"):
        register_actions.correct(actor=clerk, document=original, reason="Sửa lại lần hai")
    # The correction says, under its title, which document it replaces; the original not.
    replaces = (f"(Thay thế Kế hoạch tổ chức hội nghị đối thoại số 01/KH-UBND "
                f"{decree30.date_text(original.issued_on)})")
    paragraphs = WordDocument(io.BytesIO(issued_documents.issued_bytes(issued))).paragraphs
    line = next(p for p in paragraphs if p.text == replaces)
    assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.font.italic for r in line.runs if r.text.strip())
    first = WordDocument(io.BytesIO(issued_documents.issued_bytes(original)))
    assert not any(p.text.startswith("(Thay thế") for p in first.paragraphs)
    assert AuditEvent.objects.filter(action="document.correct",
                                     reason="Sửa địa điểm tổ chức hội nghị").count() == 1


def test_a_plan_issued_on_paper_is_not_numbered_again(office):
    plan = plans_actions.issue_plan(actor=office["clerk"], plan=office["plan"],
                                    number="27/KH-UBND", issued_on=timezone.localdate())
    with pytest.raises(ValidationError, match="ngoài sổ với số 27/KH-UBND"):
        register_actions.issue(signed=True, actor=office["clerk"], kind_code=KIND, obj=plan)
    assert not DocumentRegister.objects.filter(last_number__gt=0).exists()
    # Its reprint carries the number and date it was signed with, not a blank.
    reprint = WordDocument(io.BytesIO(drafts.render_draft(KIND, plan).docx))
    header = " ".join(c.text for row in reprint.tables[0].rows for c in row.cells)
    assert "Số: 27/KH-UBND" in header
    assert decree30.date_text(plan.issued_on) in header


# --- who -----------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.FRONT_OFFICER])
def test_only_the_office_issues(office, role):
    someone = user_with_role(role, office["agency"])
    with pytest.raises(PermissionDenied):
        register_actions.issue(signed=True, actor=someone, kind_code=KIND, obj=office["plan"])
    leader = user_with_role(Role.LEADER, office["agency"])
    document = register_actions.issue(signed=True, actor=leader, kind_code=KIND, obj=office["plan"])
    with pytest.raises(PermissionDenied):
        register_actions.correct(actor=someone, document=document, reason="Không được")
    assert Document.objects.count() == 1


def test_another_communes_clerk_cannot_issue(office):
    stranger = user_with_role(Role.CLERK, new_commune())
    with pytest.raises(PermissionDenied):
        register_actions.issue(signed=True, actor=stranger, kind_code=KIND, obj=office["plan"])
    assert not Document.objects.exists()


# --- agencies' templates -------------------------------------------------------------------

def shipped() -> bytes:
    return agency_templates.shipped_template_bytes(KIND)


def edited(change) -> bytes:
    doc = WordDocument(io.BytesIO(shipped()))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def upload(office, data: bytes, name: str = "ke-hoach.docx",
           content_type: str = template_actions.DOCX_CONTENT_TYPE):
    return template_actions.upload_template(actor=office["clerk"], agency=office["agency"],
                                            kind_code=KIND, data=data,
                                            name=name, content_type=content_type)


def test_a_template_that_keeps_the_format_replaces_the_shipped_one(office):
    def reword(doc):
        for p in doc.paragraphs:
            for run in p.runs:
                if "Mục đích" in run.text:
                    run.text = run.text.replace("Mục đích", "Mục đích chung")

    first = upload(office, shipped(), name="mẫu của xã.docx")
    assert first.active and first.sha256 == hashlib.sha256(shipped()).hexdigest()
    second = upload(office, edited(reword))
    first.refresh_from_db()
    assert (first.active, second.active) == (False, True)
    assert agency_templates.template_bytes(office["agency"], KIND) == edited(reword) or \
        hashlib.sha256(agency_templates.template_bytes(office["agency"], KIND)).hexdigest() == \
        second.sha256
    assert AuditEvent.objects.filter(action="document.template_upload").count() == 2
    template_actions.reset_template(actor=office["clerk"], agency=office["agency"], kind_code=KIND)
    assert agency_templates.template_bytes(office["agency"], KIND) is None


@pytest.mark.parametrize(("data", "name", "content_type"), [
    (b"Day la van ban thuong", "ke-hoach.docx", template_actions.DOCX_CONTENT_TYPE),
    (b"%PDF-1.7\n...", "ke-hoach.pdf", "application/pdf"),
    (b"PK\x03\x04 not really a zip", "ke-hoach.docx", template_actions.DOCX_CONTENT_TYPE),
])
def test_a_file_that_is_not_docx_is_refused(office, data, name, content_type):
    with pytest.raises(ValidationError) as refused:
        upload(office, data, name=name, content_type=content_type)
    assert "không phải văn bản Word .docx" in refused.value.messages[0]
    assert not AgencyTemplate.objects.exists()


def test_an_odt_or_xlsx_zip_is_refused(office):
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(ValidationError, match="không phải văn bản Word"):
        upload(office, out.getvalue())


def test_a_template_with_an_unknown_field_is_refused_with_its_name(office):
    data = edited(lambda doc: doc.add_paragraph("Ghi chú: {{ ghi_chu_rieng }}"))
    with pytest.raises(ValidationError) as refused:
        upload(office, data)
    assert "{{ ghi_chu_rieng }}" in refused.value.messages[0]
    assert not AgencyTemplate.objects.exists()


def test_a_template_with_broken_syntax_is_refused(office):
    data = edited(lambda doc: doc.add_paragraph("{% for x in %}"))
    with pytest.raises(ValidationError, match="lỗi cú pháp|không tạo được|Không đọc được"):
        upload(office, data)
    assert not AgencyTemplate.objects.exists()


def test_a_template_that_breaks_the_format_is_refused_with_the_reasons(office):
    def arial_14(doc):
        for p in doc.paragraphs:
            for run in p.runs:
                run.font.name = "Arial"
                run.font.size = Pt(10)

    with pytest.raises(ValidationError) as refused:
        upload(office, edited(arial_14))
    messages = refused.value.messages
    assert messages[0].startswith("Mẫu làm sai thể thức văn bản")
    assert len(messages) > 1
    assert any("Times New Roman" in m for m in messages[1:])
    assert not AgencyTemplate.objects.exists()


def test_read_only_and_other_communes_cannot_upload(office):
    supervisor = user_with_role(Role.SUPERVISOR, office["agency"])
    stranger = user_with_role(Role.CLERK, new_commune())
    for user in (supervisor, stranger):
        with pytest.raises(PermissionDenied):
            template_actions.upload_template(actor=user, agency=office["agency"], kind_code=KIND,
                                             data=shipped(),
                                     name="ke-hoach.docx",
                                     content_type=template_actions.DOCX_CONTENT_TYPE)
    assert not AgencyTemplate.objects.exists()


def test_an_agency_template_is_used_when_issuing(office):
    def mark(doc):
        for p in doc.paragraphs:
            for run in p.runs:
                if "Mục đích" in run.text:
                    run.text = run.text.replace("Mục đích", "Mục đích riêng của xã")
                    return

    upload(office, edited(mark))
    document = register_actions.issue(
        signed=True, actor=office["clerk"], kind_code=KIND, obj=office["plan"])
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(
        issued_documents.issued_bytes(document))).paragraphs)
    assert "Mục đích riêng của xã" in text


def test_a_form_is_printed_never_numbered(db, load_organisation, frozen_today):
    """The survey and speaker forms are handed out blank: the register gives them nothing."""
    def registers():
        return sorted(DocumentRegister.objects.values_list("agency_id", "year", "code",
                                                          "last_number"))

    load_organisation()
    conference = builders.upcoming_conference(builders.yearly_plan())
    before = registers()
    assert "không đánh số" in drafts.issue_refusal("phieu-lay-y-kien", conference)
    with pytest.raises(ValidationError, match="không đánh số"):
        register_actions.issue(
            signed=True, actor=builders.office()[1], kind_code="phieu-dang-ky-phat-bieu",
            obj=conference)
    assert before and registers() == before  # the plan's register, untouched
