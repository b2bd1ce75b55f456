"""One invitee's invitation (giay-moi-dai-bieu): the conference's invitation for one person,
printed with the invitation's template; once the conference's invitation is issued, the
invitee's own page cut from the issued file."""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.oxml.ns import qn as q

from doithoai.dialogues.models import Delegate
from doithoai.documents.drawing.fill import normalise_zip
from doithoai.documents.kinds import Kind
from doithoai.documents.kinds.giay_moi import context, missing
from doithoai.documents.selectors.issued import issued_bytes, latest_issued


def one_missing(delegate: Delegate) -> list[str]:
    """What one invitee's invitation lacks: the conference's gaps, and its check-in code."""
    result = [m for m in missing(delegate.conference)
              if m != "đại biểu có giấy mời (mã điểm danh)"]
    if not hasattr(delegate, "invitation"):
        result.append("mã điểm danh của đại biểu (chuẩn bị giấy mời trước)")
    elif delegate.person_id and delegate.person_id == delegate.conference.chair_id:
        result.append("người nhận khác người ký (chủ trì ký giấy mời, không tự mời mình)")
    return result


def one_context(delegate: Delegate, *, number: int | None = None,
                issued_on: dt.date | None = None) -> dict:
    """One invitee's invitation as it reads now (a draft: once the conference's invitation
    is issued, `reprint` gives the invitee's page of the issued file instead)."""
    return context(delegate.conference, number=number, issued_on=issued_on, only=delegate)


def reprint(delegate: Delegate) -> bytes | None:
    """The invitee's own page cut from the conference's issued invitation — the very page the
    register keeps, number and all — or None when it is not issued or he is not in it."""
    if not hasattr(delegate, "invitation"):
        return None
    issued = latest_issued(delegate.conference, "giay-moi")
    return page_of(issued_bytes(issued), delegate.invitation.code) if issued else None


def page_of(docx: bytes, code: str) -> bytes | None:
    """The invitation carrying check-in `code` out of a merged file (one section each)."""
    doc = WordDocument(io.BytesIO(docx))
    body = doc.element.body
    pages, page = [], []
    for element in list(body):
        if element.tag == q("w:sectPr"):
            continue  # the last section's own properties stay
        page.append(element)
        if element.tag == q("w:p") and element.find(f"{q('w:pPr')}/{q('w:sectPr')}") \
                is not None:
            pages.append(page)
            page = []
    pages.append(page)
    wanted = next((p for p in pages if any(code in "".join(t.text or "" for t in e.iter(q("w:t")))
                                          for e in p)), None)
    if wanted is None:
        return None
    for page in pages:
        for element in page if page is not wanted else ():
            body.remove(element)
    last = wanted[-1]
    if last.tag == q("w:p") and last.find(f"{q('w:pPr')}/{q('w:sectPr')}") is not None:
        body.remove(last)  # its section break: the page ends the file
    out = io.BytesIO()
    doc.save(out)
    return normalise_zip(out.getvalue())


def refusal(delegate) -> str | None:
    return _("Giấy mời của từng đại biểu là một trang của giấy mời hội nghị: ban hành giấy mời "
             "ở trang hội nghị, trang này in lại với cùng số, ngày.")


KIND = Kind(
    code="giay-moi-dai-bieu", label="Giấy mời một đại biểu", abbreviation="GM",
    source="dialogues.delegate", template="giay-moi.docx", template_of="giay-moi",
    context=one_context, required=one_missing, reprint=reprint, refusal=refusal)
