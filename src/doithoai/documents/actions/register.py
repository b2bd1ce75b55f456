"""The register's writes: issue a document (number and freeze it), correct an issued one, set
a register's next number — one function per use case, one transaction, one audit event.

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

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import decree30
from doithoai.dialogues import conclusions
from doithoai.dialogues.actions import outcome, plans
from doithoai.dialogues.forms.common import SIGNED_REQUIRED
from doithoai.dialogues.models import Conference, Plan
from doithoai.documents import rules
from doithoai.documents.drawing.context import letter_symbol
from doithoai.documents.models import Document, DocumentRegister, register_code
from doithoai.documents.registry import kind_of, register_codes, source_label
from doithoai.documents.render import render_docx
from doithoai.documents.selectors.drafts import (
    agency_of,
    issue_refusal,
    render_table,
    replaces_text,
    title_of,
)
from doithoai.documents.selectors.issued import open_draft
from doithoai.documents.selectors.templates import template_bytes
from doithoai.org import access
from doithoai.org.models import Agency
from doithoai.petitions.actions import corrections


def number_text(kind, agency: Agency, number: int, obj: Model | None = None) -> str:
    """"27/KH-UBND"; a công văn: "12/UBND-KT" (the agency's symbol, then the unit that
    drafted it: the object's unit when it has one, else the office)."""
    unit = getattr(obj, "unit", None) if obj is not None and not kind.drafted_by_office \
        else None
    symbol = agency.symbol if kind.abbreviation else letter_symbol(agency, unit)
    return decree30.number_symbol(number, kind.abbreviation, symbol)


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


def set_next_number(*, actor, agency: Agency, year: int, code: str, next_number: int,
                    reason: str) -> DocumentRegister:
    """Align a register with the office's paper register (sổ đăng ký văn bản đi): the next
    document of this register gets `next_number`. Only forward — a number once given, here
    or on paper, is never given again."""
    reason = require_reason(reason)
    access.require(actor, rules.ADJUST_REGISTER, agency)
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


def _plan_issued(actor, plan, document: Document) -> None:
    """A plan still in draft becomes issued with the number the register gave."""

    if plan.state == Plan.State.DRAFT:
        plans.issue_plan(actor=actor, plan=plan, number=document.number_text,
                         issued_on=document.issued_on)


def _conclusion_issued(actor, conference, document: Document) -> None:
    """A held conference whose conclusion notice is issued becomes concluded, with the
    register's number (its milestone confirmed) and the conclusion the notice printed (from
    the live room when nobody wrote one: `conclusions.draft`)."""

    if conference.state == Conference.State.HELD:
        outcome.issue_conclusion(
            actor=actor, conference=conference, number=document.number_text,
            concluded_on=document.issued_on, conclusion=conclusions.draft(conference))


def issue_conclusion_notice(*, actor, conference, conclusion: str, issued_on: dt.date,
                            signed: bool, version: int | None = None) -> Document:
    """The conference page's one step: write the chair's conclusion down and issue the
    notice made from it, numbered by the register (the conference becomes concluded) — the
    same issue, with the same signed confirmation, as from the documents' panel."""

    _require_signed(signed)
    with transaction.atomic():
        conference = outcome.set_conclusion(
            actor=actor, conference=conference, conclusion=conclusion, version=version)
        return issue(actor=actor, kind_code="thong-bao-ket-luan", obj=conference,
                     issued_on=issued_on, signed=signed)


def _answer_letter_issued(actor, petition, document: Document) -> None:
    """The written answer names the letter that carries it ("Văn bản số 12/UBND-VP ngày …" on
    the petition and tracking pages): filled when empty, or when it named the letter this one
    corrects; a number the unit wrote for a letter of its own is left as it is."""

    corrections.note_reply_letter(
        actor=actor, petition=petition, number=document.number_text,
        issued_on=document.issued_on,
        replaces=document.corrects.number_text if document.corrects_id else None,
        version=petition.version)  # read under the issue's lock


# Kinds whose source's own state follows the document: what issuing it changes in the
# source, through the source app's actions. Keyed by kind: a plan's yearly report does not
# issue the plan.
ON_ISSUE = {"ke-hoach": _plan_issued,
            "thong-bao-ket-luan": _conclusion_issued,
            "cong-van-tra-loi": _answer_letter_issued}


def missing_message(missing: list[str]) -> str:
    return _("Chưa ban hành được, còn thiếu: %(fields)s.") % {"fields": ", ".join(missing)}


def _require_signed(signed: bool) -> None:
    """A number is given only to a signed document (Decree 30: registered once signed), and
    cannot be taken back: every issue, from whatever page, says it was signed."""
    if signed is not True:
        raise ValidationError({"da_ky": str(SIGNED_REQUIRED)})


def issue(*, actor, kind_code: str, obj: Model, signed: bool,
          issued_on: dt.date | None = None) -> Document:
    """Number, date, render and freeze the document of `obj` (or issue its open correction),
    once `signed` says the competent person signed it."""
    _require_signed(signed)
    kind = kind_of(kind_code)
    if source_label(obj) != kind.source:
        raise ValidationError(_("Loại văn bản này không lập từ mục này."))
    if not kind.numbered:
        raise ValidationError(issue_refusal(kind_code, obj))
    access.require(actor, rules.ISSUE, obj)
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
            object_id=obj.pk, created_by=access.account(actor))
        before = snapshot(document) if document.pk else None
        document.title = title_of(kind_code, obj)
        document.state = Document.State.ISSUED
        document.register, document.number = register, number
        document.number_text = number_text(kind, agency, number, obj)
        document.issued_on, document.issued_at = issued_on, timezone.now()
        document.issued_by = access.account(actor)
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
            on_issue = ON_ISSUE.get(kind_code)
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



def correct(*, actor, document: Document, reason: str) -> Document:
    """A correction of an issued document: a new draft that references it (its own number
    comes when it is issued); the issued one stays as it was."""
    reason = require_reason(reason)
    access.require(actor, rules.CORRECT, document)
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
            correction_reason=reason, created_by=access.account(actor))
        record(actor=actor, action="document.correct", obj=draft, after=snapshot(draft),
               reason=reason)
    return draft


