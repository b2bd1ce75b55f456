"""The registry of document kinds: what each is made from, its template and its context.

A kind's `context(obj, *, number=None, issued_on=None)` gives the template's variables
(plain NFC strings); `required(obj)` the Vietnamese names of the fields still missing before
the document can be issued (a draft renders anyway, the gaps shown as "…" or blank).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from doithoai.documents.contexts import forms as forms_context
from doithoai.documents.contexts import invitation as invitation_context
from doithoai.documents.contexts import plan as plan_context
from doithoai.documents.contexts import thong_bao as thong_bao_context
from doithoai.documents.contexts import thong_bao_ket_luan as conclusion_context


@dataclass(frozen=True)
class Kind:
    code: str  # the file name slug: "ke-hoach"
    label: str  # Vietnamese: "Kế hoạch"
    abbreviation: str  # "KH"; "" for a công văn
    source: str  # the model it is made from, "app_label.model": "dialogues.plan"
    template: str  # the shipped template's file name under documents/docx/
    context: Callable[..., dict]
    required: Callable[[object], list[str]]
    # False for a form (phiếu): not a numbered document, so never issued with a number, and
    # its header has no "Số:" and date line, its text no "./." and no recipients list;
    # format_check checks a form's own layout instead of those rules.
    numbered: bool = True
    # Reports: the table that goes with the document (`tables.Table` of obj), offered as .xlsx
    # beside the .docx and .pdf. The context prints the same Table, so the two agree.
    table: Callable[[object], object] | None = None


KINDS: dict[str, Kind] = {
    "ke-hoach": Kind(
        code="ke-hoach", label="Kế hoạch tổ chức hội nghị đối thoại", abbreviation="KH",
        source="dialogues.plan", template="ke-hoach.docx",
        context=plan_context.context, required=plan_context.missing),
    "giay-moi": Kind(
        code="giay-moi", label="Giấy mời dự hội nghị đối thoại", abbreviation="GM",
        source="dialogues.conference", template="giay-moi.docx",
        context=invitation_context.context, required=invitation_context.missing),
    "thong-bao": Kind(
        code="thong-bao", label="Thông báo tổ chức hội nghị đối thoại", abbreviation="TB",
        source="dialogues.conference", template="thong-bao.docx",
        context=thong_bao_context.context, required=thong_bao_context.missing),
    "thong-bao-truyen-thanh": Kind(
        code="thong-bao-truyen-thanh", label="Thông báo trên hệ thống truyền thanh",
        abbreviation="TB", source="dialogues.conference",
        template="thong-bao-truyen-thanh.docx",
        context=thong_bao_context.radio_context, required=thong_bao_context.radio_missing),
    "thong-bao-ket-luan": Kind(
        code="thong-bao-ket-luan", label="Thông báo kết luận hội nghị đối thoại",
        abbreviation="TB", source="dialogues.conference", template="thong-bao-ket-luan.docx",
        context=conclusion_context.context, required=conclusion_context.missing),
    "phieu-lay-y-kien": Kind(
        code="phieu-lay-y-kien", label="Phiếu lấy ý kiến Nhân dân", abbreviation="",
        source="dialogues.conference", template="phieu-lay-y-kien.docx",
        context=forms_context.opinion_context, required=forms_context.opinion_missing,
        numbered=False),
    "phieu-dang-ky-phat-bieu": Kind(
        code="phieu-dang-ky-phat-bieu", label="Phiếu đăng ký phát biểu", abbreviation="",
        source="dialogues.conference", template="phieu-dang-ky-phat-bieu.docx",
        context=forms_context.speaker_context, required=forms_context.speaker_missing,
        numbered=False),
}
