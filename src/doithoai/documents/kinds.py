"""The registry of document kinds: what each is made from, its template and its context.

A kind's `context(obj, *, number=None, issued_on=None)` gives the template's variables
(plain NFC strings); `required(obj)` the Vietnamese names of the fields still missing before
the document can be issued (a draft renders anyway, the gaps shown as "…" or blank).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from doithoai.documents.contexts import bao_cao_ket_qua as result_context
from doithoai.documents.contexts import bao_cao_nam as year_context
from doithoai.documents.contexts import bao_cao_tong_hop as summary_context
from doithoai.documents.contexts import bien_ban as minutes_context
from doithoai.documents.contexts import cong_van_tra_loi as letter_context
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
    # Reports: the table that goes with the document, `table(obj, today)` → `tables.Table`
    # counted as of `today` (the issue date), offered as .xlsx beside the .docx and .pdf.
    # The context prints the same Table, so the two agree.
    table: Callable[[object], object] | None = None
    # The kind whose template this one prints with (one invitee's invitation is the
    # conference's invitation for one person): an agency's own template applies to both.
    template_of: str = ""
    # A print cut from an issued document (bytes of a .docx), served instead of a live draft
    # when there is one: one invitee's page of the conference's issued invitation.
    reprint: Callable[[object], bytes | None] | None = None


KINDS: dict[str, Kind] = {
    "ke-hoach": Kind(
        code="ke-hoach", label="Kế hoạch tổ chức hội nghị đối thoại", abbreviation="KH",
        source="dialogues.plan", template="ke-hoach.docx",
        context=plan_context.context, required=plan_context.missing),
    "giay-moi": Kind(
        code="giay-moi", label="Giấy mời dự hội nghị đối thoại", abbreviation="GM",
        source="dialogues.conference", template="giay-moi.docx",
        context=invitation_context.context, required=invitation_context.missing),
    "giay-moi-dai-bieu": Kind(
        code="giay-moi-dai-bieu", label="Giấy mời một đại biểu", abbreviation="GM",
        source="dialogues.delegate", template="giay-moi.docx", template_of="giay-moi",
        context=invitation_context.one_context, required=invitation_context.one_missing,
        reprint=invitation_context.reprint),
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
    "bao-cao-tong-hop": Kind(
        code="bao-cao-tong-hop",
        label="Báo cáo tổng hợp ý kiến, kiến nghị của Nhân dân trước hội nghị đối thoại",
        abbreviation="BC", source="dialogues.conference", template="bao-cao-tong-hop.docx",
        context=summary_context.context, required=summary_context.missing,
        table=summary_context.table),
    "bien-ban": Kind(
        code="bien-ban", label="Biên bản hội nghị đối thoại", abbreviation="BB",
        source="dialogues.conference", template="bien-ban.docx",
        context=minutes_context.context, required=minutes_context.missing),
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
    "cong-van-tra-loi": Kind(
        code="cong-van-tra-loi", label="Công văn trả lời ý kiến, kiến nghị", abbreviation="",
        source="petitions.petition", template="cong-van-tra-loi.docx",
        context=letter_context.context, required=letter_context.missing),
    "bao-cao-ket-qua": Kind(
        code="bao-cao-ket-qua", label="Báo cáo kết quả tổ chức hội nghị đối thoại",
        abbreviation="BC", source="dialogues.conference", template="bao-cao-ket-qua.docx",
        context=result_context.context, required=result_context.missing,
        table=result_context.table),
    "bao-cao-nam": Kind(
        code="bao-cao-nam",
        label="Báo cáo kết quả thực hiện công tác tổ chức hội nghị đối thoại hằng năm",
        abbreviation="BC", source="dialogues.plan", template="bao-cao-nam.docx",
        context=year_context.context, required=year_context.missing,
        table=year_context.table),
}
