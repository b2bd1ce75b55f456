"""An agency's own Word templates: check an upload (it must still render the kind's data and
keep the Decree-30 format), make it the active one, or go back to the shipped one."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import TemplateError

from doithoai.audit.services import record, snapshot
from doithoai.documents import rules
from doithoai.documents.drawing import format_check
from doithoai.documents.models import AgencyTemplate
from doithoai.documents.registry import kind_of
from doithoai.documents.render import full_context, render_docx
from doithoai.org import access
from doithoai.org.models import Agency

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# What a browser may send for a .docx (some send a generic type; the content decides).
DOCX_UPLOAD_TYPES = {DOCX_CONTENT_TYPE, "application/octet-stream", "application/zip",
                     "application/x-zip-compressed", ""}
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
ZIP_SIGNATURE = b"PK\x03\x04"


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
    model = apps.get_model(kind.source)
    if model is Agency:
        return agency
    qs = model._default_manager.order_by("-pk")
    return qs.filter(agency=agency).first() or qs.first()


def check_template(agency: Agency, kind_code: str, data: bytes, *, name: str = "",
                   content_type: str = "") -> TemplateCheck:
    """Every reason the uploaded template cannot replace the current one (none: it can)."""
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



def upload_template(*, actor, agency: Agency, kind_code: str, data: bytes, name: str = "",
                    content_type: str = "") -> AgencyTemplate:
    """Check the agency's own template and make it the active one (the previous one is
    kept, inactive). Refused with every reason as a ValidationError."""
    kind = kind_of(kind_code)
    access.require(actor, rules.MANAGE_TEMPLATES, agency)
    result = check_template(agency, kind_code, data, name=name, content_type=content_type)
    if not result.ok:
        raise ValidationError(result.problems)
    with transaction.atomic():
        previous = list(AgencyTemplate.objects.select_for_update()
                        .filter(agency=agency, kind=kind_code, active=True))
        AgencyTemplate.objects.filter(pk__in=[p.pk for p in previous]).update(active=False)
        template = AgencyTemplate(agency=agency, kind=kind_code, sha256=result.sha256,
                                  original_name=name[:200], uploaded_by=access.account(actor),
                                  active=True)
        template.file.save(f"{kind_code}.docx", ContentFile(data), save=False)
        template.save()
        record(actor=actor, action="document.template_upload", obj=template,
               before={"active": [p.pk for p in previous]},
               after={**snapshot(template), "kind_label": kind.label})
    return template


def reset_template(*, actor, agency: Agency, kind_code: str) -> None:
    """Back to the shipped template (the agency's uploads are kept, inactive)."""
    kind_of(kind_code)
    access.require(actor, rules.MANAGE_TEMPLATES, agency)
    with transaction.atomic():
        current = (AgencyTemplate.objects.select_for_update()
                   .filter(agency=agency, kind=kind_code, active=True).first())
        if current is None:
            raise ValidationError(_("Cơ quan đang dùng mẫu có sẵn."))
        current.active = False
        current.save(update_fields=["active"])
        record(actor=actor, action="document.template_reset", obj=current,
               before={"active": True}, after={"active": False})
