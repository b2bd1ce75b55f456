"""Documents: issue (number and freeze), correct, agencies' templates — one function per use
case, one transaction, one audit event.

Numbering: the next number of a register (agency, year, register code) is taken inside the
issuing transaction, the register row written first and then read back under
`select_for_update`: on PostgreSQL the row lock makes a second clerk wait for the first one's
commit, on SQLite the write takes the database's single write lock. A refused or failed issue
rolls back with its number, so a number is never skipped, reused or given twice (the unique
constraint register + number is the last guard).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import decree30
from doithoai.documents import tables
from doithoai.documents.kinds import KINDS
from doithoai.documents.models import (
    AgencyTemplate,
    Document,
    DocumentRegister,
    register_code,
)
from doithoai.documents.render import Rendered, full_context, render_docx
from doithoai.org.access import OFFICE_ROLES, acting_roles, require_role
from doithoai.org.models import Agency, Role

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What a browser may send for a .docx (some send a generic type; the content decides).
DOCX_UPLOAD_TYPES = {DOCX_CONTENT_TYPE, "application/octet-stream", "application/zip",
                     "application/x-zip-compressed", ""}
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
ZIP_SIGNATURE = b"PK\x03\x04"


class Unavailable(ValidationError):
    """The stored file of an issued document is missing or no longer matches its hash."""


# --- reading -------------------------------------------------------------------------------

def kind_of(code: str):
    try:
        return KINDS[code]
    except KeyError as exc:
        raise ValidationError(_("Không có loại văn bản này.")) from exc


def source_label(obj: Model) -> str:
    return obj._meta.label_lower


def kinds_for(obj: Model) -> list:
    """The kinds of document made from this object's model, in the registry's order."""
    label = source_label(obj)
    return [k for k in KINDS.values() if k.source == label]


def agency_of(obj: Model) -> Agency:
    """The agency whose register and templates a document of obj uses."""
    if isinstance(obj, Agency):
        return obj
    agency = getattr(obj, "agency", None)
    return agency if agency is not None else obj.conference.agency  # a delegate


def documents_of(obj: Model, kind_code: str | None = None) -> QuerySet:
    qs = Document.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                 object_id=obj.pk)
    if kind_code:
        qs = qs.filter(kind=kind_code)
    return qs.select_related("issued_by", "corrects")


def open_draft(obj: Model, kind_code: str) -> Document | None:
    """The stored draft (a correction not yet issued) of this object and kind, if any."""
    return documents_of(obj, kind_code).filter(state=Document.State.DRAFT).first()


def latest_issued(obj: Model, kind_code: str) -> Document | None:
    return (documents_of(obj, kind_code).filter(state=Document.State.ISSUED)
            .order_by("-issued_at", "-pk").first())


def active_template(agency: Agency, kind_code: str) -> AgencyTemplate | None:
    return AgencyTemplate.objects.filter(agency=agency, kind=kind_code, active=True).first()


def template_bytes(agency: Agency, kind_code: str) -> bytes | None:
    """The agency's own template for this kind (None: the shipped one)."""
    template = active_template(agency, kind_of(kind_code).template_of or kind_code)
    if template is None:
        return None
    with template.file.open("rb") as f:
        return f.read()


def template_kinds() -> list:
    """The kinds that have a shipped Word template (the ones an agency may replace)."""
    from doithoai.documents import render

    return [k for k in KINDS.values()
            if not k.template_of and render.template_path(k).is_file()]


def shipped_template_bytes(kind_code: str) -> bytes:
    from doithoai.documents import render

    return render.template_path(kind_of(kind_code)).read_bytes()


def replaces_text(document: Document | None) -> str:
    """"(Thay thế Thông báo tổ chức hội nghị đối thoại số 59/TB-UBND ngày 22 tháng 11 năm
    2026)" for a correction of `document` ("" for none)."""
    if document is None or not document.is_issued:
        return ""
    kind = KINDS.get(document.kind)
    label = kind.label if kind else _("văn bản")
    return (f"(Thay thế {label} số {document.number_text} "
            f"{decree30.date_text(document.issued_on)})")


def render_draft(kind_code: str, obj: Model) -> Rendered:
    """The draft as it reads now: blank number and date, the agency's template if any; a
    correction names the document it replaces."""
    kind = kind_of(kind_code)
    reprinted = kind.reprint(obj) if kind.reprint else None
    if reprinted is not None:
        return Rendered(docx=reprinted, missing=[],
                        sha256=hashlib.sha256(reprinted).hexdigest())
    draft = open_draft(obj, kind_code)
    return render_docx(kind_code, obj, template=template_bytes(agency_of(obj), kind_code),
                       replaces=replaces_text(draft.corrects if draft else None))


def render_table(kind_code: str, obj: Model, issued_on: dt.date | None = None
                 ) -> bytes | None:
    """The report's table as .xlsx, counted as of `issued_on` (default today) like the
    document it goes with (None: this kind has no table)."""
    kind = kind_of(kind_code)
    if kind.table is None:
        return None
    agency = agency_of(obj)
    heading = [agency.name.upper(), _title(kind_code, obj)]
    return tables.to_xlsx(kind.table(obj, issued_on), heading=heading)


def issued_bytes(document: Document) -> bytes:
    """The frozen file of an issued document, checked against its hash."""
    return _frozen(document.file, document.sha256, document.number_text)


def issued_table_bytes(document: Document) -> bytes | None:
    """The frozen .xlsx issued with a report (None when it has none)."""
    if not document.table_file:
        return None
    return _frozen(document.table_file, document.table_sha256, document.number_text)


def _frozen(stored, sha256: str, number: str) -> bytes:
    try:
        with stored.open("rb") as f:
            data = f.read()
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise Unavailable(_("Không tìm thấy tệp đã lưu của văn bản %(number)s.")
                          % {"number": number}) from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Unavailable(_("Tệp đã lưu của văn bản %(number)s không còn khớp mã băm lúc ban "
                            "hành: tệp đã bị thay đổi ngoài hệ thống.")
                          % {"number": number})
    return data


def letter_symbol(agency: Agency, unit=None) -> str:
    """The sign of a công văn (Decree 30): the agency's symbol, then the short name of the
    unit that drafted it ("UBND-KT" for Phòng Kinh tế), else of the office ("UBND-VP")."""
    from doithoai.org.models import Unit

    if unit is None or not unit.short_name.strip():
        unit = (Unit.objects.filter(agency=agency, kind=Unit.Kind.OFFICE, is_active=True)
                .exclude(short_name="").order_by("order", "pk").first())
    return f"{agency.symbol}-{unit.short_name.strip() if unit else 'VP'}"


def number_text(kind, agency: Agency, number: int, obj: Model | None = None) -> str:
    """"27/KH-UBND"; a công văn: "12/UBND-KT" (the agency's symbol, then the unit that
    drafted it: the object's unit when it has one, else the office)."""
    unit = getattr(obj, "unit", None) if obj is not None else None
    symbol = agency.symbol if kind.abbreviation else letter_symbol(agency, unit)
    return decree30.number_symbol(number, kind.abbreviation, symbol)


# --- permissions ---------------------------------------------------------------------------

def _office(actor, obj: Model, message: str | None = None) -> None:
    require_role(actor, obj, OFFICE_ROLES,
                 message or _("Chỉ Văn phòng hoặc lãnh đạo UBND được ban hành văn bản."))


def _templates_office(actor, agency: Agency) -> None:
    _office(actor, agency, _("Chỉ Văn phòng hoặc lãnh đạo UBND được thay đổi mẫu văn bản "
                             "của cơ quan."))


require_office = _office


def may_issue(user, obj: Model) -> bool:
    """Whether pages offer this user the issue, correct and template actions on obj."""
    roles = acting_roles(user, obj)
    return Role.ADMIN in roles or bool(roles & OFFICE_ROLES)


may_manage_templates = may_issue


# --- issuing -------------------------------------------------------------------------------

def _take_number(agency: Agency, year: int, code: str) -> tuple[DocumentRegister, int]:
    """The next number of the register, inside the caller's transaction."""
    register, _created = DocumentRegister.objects.get_or_create(
        agency=agency, year=year, code=code)
    # Write first, then read under lock: the write takes the row lock (PostgreSQL) or the
    # database's write lock (SQLite) at once, so no two transactions read the same number.
    DocumentRegister.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
    register = DocumentRegister.objects.select_for_update().get(pk=register.pk)
    return register, register.last_number


def register_codes() -> list[str]:
    """The registers documents are numbered in: the kinds' abbreviations, then CV."""
    codes = {register_code(k.abbreviation) for k in KINDS.values() if k.numbered}
    return sorted(codes)


def registers_of(agency: Agency, year: int) -> list[DocumentRegister]:
    """Every register of the year (those not used yet with last number 0, unsaved)."""
    existing = {r.code: r for r in DocumentRegister.objects.filter(agency=agency, year=year)}
    return [existing.get(code) or DocumentRegister(agency=agency, year=year, code=code)
            for code in register_codes()]


def set_next_number(actor, agency: Agency, year: int, code: str, next_number: int,
                    reason: str) -> DocumentRegister:
    """Align a register with the office's paper register (sổ đăng ký văn bản đi): the next
    document of this register gets `next_number`. Only forward — a number once given, here
    or on paper, is never given again."""
    reason = require_reason(reason)
    _office(actor, agency)
    if code not in register_codes():
        raise ValidationError(_("Không có sổ văn bản “%(code)s”.") % {"code": code})
    if year > timezone.localdate().year:
        raise ValidationError(_("Chưa điều chỉnh được sổ của năm sau."))
    with transaction.atomic():
        register, _created = DocumentRegister.objects.get_or_create(
            agency=agency, year=year, code=code)
        register = DocumentRegister.objects.select_for_update().get(pk=register.pk)
        if next_number <= register.last_number:
            raise ValidationError(
                _("Sổ %(code)s năm %(year)s đã cấp đến số %(last)s: số tiếp theo phải lớn hơn "
                  "%(last)s (số đã cấp không dùng lại).")
                % {"code": code, "year": year, "last": register.last_number})
        before = snapshot(register)
        register.last_number = next_number - 1
        register.save(update_fields=["last_number"])
        record(actor=actor, action="document.register_adjust", obj=register, before=before,
               after=snapshot(register), reason=reason)
    return register


def _dmy(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…"


def _plan_issued(actor, plan, document: Document) -> None:
    """A plan still in draft becomes issued with the number the register gave."""
    from doithoai.dialogues.actions import plans
    from doithoai.dialogues.models import Plan

    if plan.state == Plan.State.DRAFT:
        plans.issue_plan(actor=actor, plan=plan, number=document.number_text,
                         issued_on=document.issued_on)


def _plan_numbered_elsewhere(plan) -> str | None:
    from doithoai.dialogues.models import Plan

    if plan.state != Plan.State.DRAFT and plan.number:
        return _("Kế hoạch đã ban hành ngoài sổ với số %(number)s ngày %(date)s: bản .docx ở "
                 "đây chỉ để xem, in lại.") % {
            "number": plan.number, "date": _dmy(plan.issued_on)}
    return None


def _conclusion_issued(actor, conference, document: Document) -> None:
    """A held conference whose conclusion notice is issued becomes concluded, with the
    register's number (its milestone confirmed)."""
    from doithoai.dialogues.actions import outcome
    from doithoai.dialogues.models import Conference

    if conference.state == Conference.State.HELD:
        outcome.issue_conclusion(
            actor=actor, conference=conference, number=document.number_text,
            concluded_on=document.issued_on, conclusion=conference.conclusion)


def _conclusion_numbered_elsewhere(conference) -> str | None:
    if conference.conclusion_number:
        return _("Thông báo kết luận đã ban hành ngoài sổ với số %(number)s ngày %(date)s: bản "
                 ".docx ở đây chỉ để xem, in lại.") % {
            "number": conference.conclusion_number, "date": _dmy(conference.concluded_on)}
    return None


def issue_conclusion_notice(actor, conference, *, conclusion: str, issued_on: dt.date,
                            version: int | None = None) -> Document:
    """The conference page's one step: write the chair's conclusion down and issue the
    notice made from it, numbered by the register (the conference becomes concluded)."""
    from doithoai.dialogues.actions import outcome

    with transaction.atomic():
        conference = outcome.set_conclusion(
            actor=actor, conference=conference, conclusion=conclusion, version=version)
        return issue(actor, "thong-bao-ket-luan", conference, issued_on)


def _letter_numbered_elsewhere(petition) -> str | None:
    from doithoai.documents.contexts.cong_van_tra_loi import current_answer

    answer = current_answer(petition)
    if answer is not None and answer.document_number.strip():
        return _("Đã trả lời bằng văn bản số %(number)s ngày %(date)s (ghi khi soạn trả lời): "
                 "bản .docx ở đây chỉ để xem, in lại.") % {
            "number": answer.document_number, "date": _dmy(answer.document_date)}
    return None


def _one_invitation_refusal(delegate) -> str | None:
    return _("Giấy mời của từng đại biểu là một trang của giấy mời hội nghị: ban hành giấy mời "
             "ở trang hội nghị, trang này in lại với cùng số, ngày.")


def _answer_letter_issued(actor, petition, document: Document) -> None:
    """The written answer names the letter that carries it ("Văn bản số 12/UBND-VP ngày …" on
    the petition and tracking pages): filled when empty, or when it named the letter this one
    corrects; a number the unit wrote for a letter of its own is left as it is."""
    from doithoai.petitions.actions import corrections

    corrections.note_reply_letter(
        actor=actor, petition=petition, number=document.number_text,
        issued_on=document.issued_on,
        replaces=document.corrects.number_text if document.corrects_id else None)


# Kinds whose source's own state follows the document: (why it cannot be issued here, or
# None; what issuing it changes in the source, or None). Keyed by kind: a plan's yearly
# report does not issue the plan.
KIND_HOOKS = {"ke-hoach": (_plan_numbered_elsewhere, _plan_issued),
              "thong-bao-ket-luan": (_conclusion_numbered_elsewhere, _conclusion_issued),
              "giay-moi-dai-bieu": (_one_invitation_refusal, None),
              "cong-van-tra-loi": (_letter_numbered_elsewhere, _answer_letter_issued)}
NO_HOOKS = (None, None)


def issue_refusal(kind_code: str, obj: Model) -> str | None:
    """Why this document cannot be issued now, apart from missing fields (None: it can)."""
    if not kind_of(kind_code).numbered:
        return _("Đây là phiếu để in và phát, không đánh số nên không ban hành.")
    if open_draft(obj, kind_code) is not None:
        return None
    issued = latest_issued(obj, kind_code)
    if issued is not None:
        return _("Đã ban hành số %(number)s. Muốn sửa, hãy lập văn bản sửa đổi, thay thế.") % {
            "number": issued.number_text}
    refusal, _on_issue = KIND_HOOKS.get(kind_code, NO_HOOKS)
    return refusal(obj) if refusal else None


def missing_message(missing: list[str]) -> str:
    return _("Chưa ban hành được, còn thiếu: %(fields)s.") % {"fields": ", ".join(missing)}


def issue(actor, kind_code: str, obj: Model, issued_on: dt.date | None = None) -> Document:
    """Number, date, render and freeze the document of `obj` (or issue its open correction)."""
    kind = kind_of(kind_code)
    if source_label(obj) != kind.source:
        raise ValidationError(_("Loại văn bản này không lập từ mục này."))
    if not kind.numbered:
        raise ValidationError(issue_refusal(kind_code, obj))
    _office(actor, obj)
    agency = agency_of(obj)
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate():
        raise ValidationError(_("Ngày ban hành không được sau hôm nay."))
    template = template_bytes(agency, kind_code)
    with transaction.atomic():
        # Lock the object's row: two clerks issuing the same document wait for each other.
        obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        refusal = issue_refusal(kind_code, obj)
        if refusal:
            raise ValidationError(refusal)
        draft = open_draft(obj, kind_code)
        register, number = _take_number(agency, issued_on.year, register_code(kind.abbreviation))
        rendered = render_docx(kind_code, obj, number=number, issued_on=issued_on,
                               template=template,
                               replaces=replaces_text(draft.corrects if draft else None))
        if rendered.missing:
            raise ValidationError(missing_message(rendered.missing))
        document = draft or Document(
            agency=agency, kind=kind_code, content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk, created_by=_user(actor))
        before = snapshot(document) if document.pk else None
        document.title = _title(kind_code, obj)
        document.state = Document.State.ISSUED
        document.register, document.number = register, number
        document.number_text = number_text(kind, agency, number, obj)
        document.issued_on, document.issued_at = issued_on, timezone.now()
        document.issued_by = _user(actor)
        document.sha256 = hashlib.sha256(rendered.docx).hexdigest()
        document.file.save(_file_name(kind_code, document), ContentFile(rendered.docx),
                           save=False)
        table = render_table(kind_code, obj, issued_on)
        if table is not None:
            document.table_sha256 = hashlib.sha256(table).hexdigest()
            document.table_file.save(_file_name(kind_code, document, "xlsx"),
                                     ContentFile(table), save=False)
        try:
            document.save()
            _refusal, on_issue = KIND_HOOKS.get(kind_code, NO_HOOKS)
            if on_issue:
                on_issue(actor, obj, document)
            record(actor=actor, action="document.issue", obj=document, before=before,
                   after=snapshot(document))
        except BaseException:
            for stored in (document.file, document.table_file):  # nothing issued, nothing kept
                if stored:
                    stored.storage.delete(stored.name)
            raise
    return document


def _file_name(kind_code: str, document: Document, ext: str = "docx") -> str:
    number = document.number_text.replace("/", "-")
    return f"{number}-{kind_code}.{ext}"


def _title(kind_code: str, obj: Model) -> str:
    """The register's summary (trích yếu): the kind of document and what it is about, so
    that "kết luận" or "truyền thanh" finds it."""
    return f"{kind_of(kind_code).label} — {obj}"[:300]


def _user(actor):
    return actor if actor is not None and actor.is_authenticated else None


def correct(actor, document: Document, reason: str) -> Document:
    """A correction of an issued document: a new draft that references it (its own number
    comes when it is issued); the issued one stays as it was."""
    reason = require_reason(reason)
    _office(actor, document)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if not document.is_issued:
            raise ValidationError(_("Chỉ sửa đổi được văn bản đã ban hành."))
        if Document.objects.filter(kind=document.kind, content_type=document.content_type,
                                   object_id=document.object_id,
                                   state=Document.State.DRAFT).exists():
            raise ValidationError(_("Đã có một văn bản sửa đổi đang dự thảo cho mục này."))
        if document.corrected_by.filter(state=Document.State.ISSUED).exists():
            raise ValidationError(_("Văn bản này đã được sửa đổi, thay thế bằng văn bản khác."))
        draft = Document.objects.create(
            agency=document.agency, kind=document.kind, content_type=document.content_type,
            object_id=document.object_id, title=document.title, corrects=document,
            correction_reason=reason, created_by=_user(actor))
        record(actor=actor, action="document.correct", obj=draft, after=snapshot(draft),
               reason=reason)
    return draft


# --- agencies' templates -------------------------------------------------------------------

@dataclass
class TemplateCheck:
    problems: list[str]
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _is_docx(data: bytes) -> bool:
    if not data.startswith(ZIP_SIGNATURE):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                return False
            types = z.read("[Content_Types].xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return False
    return "wordprocessingml.document.main+xml" in types


def sample_object(agency: Agency, kind):
    """The object the template is tried on: the agency's latest object of the kind's source
    model (the demo-like data), or any agency's when this one has none yet."""
    from django.apps import apps

    model = apps.get_model(kind.source)
    if model is Agency:
        return agency
    qs = model._default_manager.order_by("-pk")
    return qs.filter(agency=agency).first() or qs.first()


def check_template(agency: Agency, kind_code: str, data: bytes, *, name: str = "",
                   content_type: str = "") -> TemplateCheck:
    """Every reason the uploaded template cannot replace the current one (none: it can)."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from doithoai.documents import format_check

    kind = kind_of(kind_code)
    if len(data) > MAX_TEMPLATE_BYTES:
        return TemplateCheck([_("Tệp quá lớn (tối đa 5 MB).")])
    if (not name.lower().endswith(".docx") or content_type not in DOCX_UPLOAD_TYPES
            or not _is_docx(data)):
        return TemplateCheck([_("Tệp không phải văn bản Word .docx (chỉ nhận tệp .docx lưu "
                                "từ Word hoặc LibreOffice; không nhận .doc, .pdf, .odt).")])
    sha = hashlib.sha256(data).hexdigest()
    sample = sample_object(agency, kind)
    if sample is None:
        return TemplateCheck([_("Chưa có dữ liệu để thử mẫu %(kind)s: hãy lập ít nhất một mục "
                                "trước khi tải mẫu lên.") % {"kind": kind.label}], sha)
    context = full_context(kind, sample)
    try:
        unknown = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(
            context=context)
    except TemplateError as exc:
        return TemplateCheck([_("Mẫu có lỗi cú pháp trường dữ liệu: %(error)s")
                              % {"error": exc}], sha)
    except Exception as exc:  # noqa: BLE001 — any failure to read the file is a refusal
        return TemplateCheck([_("Không đọc được mẫu: %(error)s") % {"error": exc}], sha)
    if unknown:
        return TemplateCheck([_("Mẫu dùng trường dữ liệu không có: %(names)s. Các trường dùng "
                                "được: %(known)s.") % {
            "names": ", ".join(f"{{{{ {n} }}}}" for n in sorted(unknown)),
            "known": ", ".join(sorted(context))}], sha)
    try:
        rendered = render_docx(kind_code, sample, template=data)
    except Exception as exc:  # noqa: BLE001 — reported to the clerk
        return TemplateCheck([_("Mẫu không tạo được văn bản với dữ liệu thử: %(error)s")
                              % {"error": exc}], sha)
    problems = format_check.check(rendered.docx, kind)
    if problems:
        return TemplateCheck([_("Mẫu làm sai thể thức văn bản (Nghị định 30/2020):"),
                              *problems], sha)
    return TemplateCheck([], sha)


def upload_template(actor, agency: Agency, kind_code: str, data: bytes, *, name: str = "",
                    content_type: str = "") -> AgencyTemplate:
    """Check the agency's own template and make it the active one (the previous one is
    kept, inactive). Refused with every reason as a ValidationError."""
    kind = kind_of(kind_code)
    _templates_office(actor, agency)
    result = check_template(agency, kind_code, data, name=name, content_type=content_type)
    if not result.ok:
        raise ValidationError(result.problems)
    with transaction.atomic():
        previous = list(AgencyTemplate.objects.select_for_update()
                        .filter(agency=agency, kind=kind_code, active=True))
        AgencyTemplate.objects.filter(pk__in=[p.pk for p in previous]).update(active=False)
        template = AgencyTemplate(agency=agency, kind=kind_code, sha256=result.sha256,
                                  original_name=name[:200], uploaded_by=_user(actor),
                                  active=True)
        template.file.save(f"{kind_code}.docx", ContentFile(data), save=False)
        template.save()
        record(actor=actor, action="document.template_upload", obj=template,
               before={"active": [p.pk for p in previous]},
               after={**snapshot(template), "kind_label": kind.label})
    return template


def reset_template(actor, agency: Agency, kind_code: str) -> None:
    """Back to the shipped template (the agency's uploads are kept, inactive)."""
    kind_of(kind_code)
    _templates_office(actor, agency)
    with transaction.atomic():
        current = (AgencyTemplate.objects.select_for_update()
                   .filter(agency=agency, kind=kind_code, active=True).first())
        if current is None:
            raise ValidationError(_("Cơ quan đang dùng mẫu có sẵn."))
        current.active = False
        current.save(update_fields=["active"])
        record(actor=actor, action="document.template_reset", obj=current,
               before={"active": True}, after={"active": False})
