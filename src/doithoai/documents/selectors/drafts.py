"""Documents as they read now: an object's draft rendered with its agency's template, a
report's table, and whether the office may issue it."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db.models import Model
from django.utils.translation import gettext as _

from doithoai.core import decree30
from doithoai.documents.drawing import tables
from doithoai.documents.models import Document
from doithoai.documents.registry import KINDS, kind_of
from doithoai.documents.render import Rendered, render_docx
from doithoai.documents.selectors.issued import Held, latest_issued, open_draft
from doithoai.documents.selectors.templates import template_bytes
from doithoai.org.models import Agency


def agency_of(obj: Model) -> Agency:
    """The agency whose register and templates a document of obj uses."""
    if isinstance(obj, Agency):
        return obj
    agency = getattr(obj, "agency", None)
    return agency if agency is not None else obj.conference.agency  # a delegate


def title_of(kind_code: str, obj: Model) -> str:
    """The register's summary (trích yếu): the kind of document and what it is about, so
    that "kết luận" or "truyền thanh" finds it."""
    return f"{kind_of(kind_code).label} — {obj}"[:300]


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
    heading = [agency.name.upper(), title_of(kind_code, obj)]
    return tables.to_xlsx(kind.table(obj, issued_on), heading=heading)


def issue_refusal(kind_code: str, obj: Model, held: Held | None = None) -> str | None:
    """Why this document cannot be issued now, apart from missing fields (None: it can).
    `held`: what the register holds of it, when the caller has read it already."""
    kind = kind_of(kind_code)
    if not kind.numbered:
        return _("Đây là phiếu để in và phát, không đánh số nên không ban hành.")
    if (held.draft if held else open_draft(obj, kind_code)) is not None:
        return None
    issued = held.issued if held else latest_issued(obj, kind_code)
    if issued is not None:
        return _("Đã ban hành số %(number)s. Muốn sửa, hãy lập văn bản sửa đổi, thay thế.") % {
            "number": issued.number_text}
    return kind.refusal(obj) if kind.refusal else None
