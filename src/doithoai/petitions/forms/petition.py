"""Forms of one petition's page: one small form per action. Every action form carries the
`version` the user saw; the action refuses a stale one (Conflict) and nothing is
overwritten."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from doithoai.core.petition_flow import PROCEDURE_KINDS, Action
from doithoai.org.models import Unit, Village
from doithoai.petitions.forms.queues import DATE_WIDGET
from doithoai.petitions.models import Field, Kind, Urgency
from doithoai.petitions.selectors import petitions as petition_selectors

# Taking a petition out of its issue: an action of the page beside the state table's.
UNGROUP = "ungroup"


MAX_ATTACHMENT = 10 * 1024 * 1024


# Extension -> how such a file starts (a renamed file of another type is refused).
ATTACHMENT_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


REASON_REQUIRED = {"required": _("Hãy ghi lý do (được lưu vào nhật ký).")}


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ActionForm(forms.Form):
    """Base: the version the user saw, and the arguments for the action."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    submit_label = _("Lưu")

    def __init__(self, *args, petition, **kwargs):
        self.petition = petition
        kwargs.setdefault("prefix", self.action)
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", petition.version)
        super().__init__(*args, **kwargs)

    def action_kwargs(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class ClassifyForm(ActionForm):
    action = Action.CLASSIFY
    submit_label = _("Lưu phân loại")
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=None,
                                   empty_label=_("— Chọn lĩnh vực —"))
    urgency = forms.ChoiceField(label=_("Mức độ"), choices=Urgency.choices)
    village = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"), queryset=None,
                                     required=False, empty_label=_("— Không rõ —"))
    is_complex = forms.BooleanField(label=_("Vụ việc phức tạp (hạn trả lời dài hơn)"),
                                    required=False)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, petition, **kwargs):
        kwargs.setdefault("initial", {}).update({
            "kind": petition.kind, "field": petition.field_id, "urgency": petition.urgency,
            "village": petition.village_id, "is_complex": petition.is_complex})
        super().__init__(*args, petition=petition, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(
            agency_id=petition.agency_id, is_active=True).order_by("order", "name")
        self.fields["village"].queryset = Village.objects.filter(
            agency_id=petition.agency_id, is_active=True).order_by("order", "name")

    def action_kwargs(self) -> dict:
        data = self.cleaned_data
        village = data["village"]
        return {"kind": data["kind"], "field": data["field"], "urgency": data["urgency"],
                "village_id": village.pk if village else None,
                "is_complex": data["is_complex"], "reason": data["reason"]}


class AssignForm(ActionForm):
    action = Action.ASSIGN
    submit_label = _("Giao đơn vị")
    unit = forms.ModelChoiceField(label=_("Đơn vị trả lời"), queryset=None,
                                  empty_label=_("— Chọn đơn vị —"))
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)

    def __init__(self, *args, petition, **kwargs):
        default = petition.unit_id or (petition.field.default_unit_id if petition.field else None)
        kwargs.setdefault("initial", {}).setdefault("unit", default)
        super().__init__(*args, petition=petition, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(
            agency_id=petition.agency_id, is_active=True).order_by("order", "name")


class ReturnForm(ActionForm):
    action = Action.RETURN
    submit_label = _("Trả lại Văn phòng")
    reason = forms.CharField(label=_("Lý do trả lại (ví dụ: không thuộc lĩnh vực của đơn vị)"),
                             max_length=1000, widget=_textarea(), error_messages=REASON_REQUIRED)


class NotAProcedureMixin:
    """Where the words say complaint or denunciation, publishing asks the staff to confirm it
    is an opinion all the same (`answers._not_a_procedure` refuses otherwise)."""

    def ask_not_a_procedure(self, petition) -> None:
        if not petition_selectors.words_kind(petition):
            return
        self.fields["not_a_procedure"] = forms.BooleanField(
            label=_("Tôi đã đọc: đây là ý kiến, kiến nghị, không phải khiếu nại, tố cáo."),
            required=False)


class AnswerAtConferenceForm(NotAProcedureMixin, ActionForm):
    action = Action.ANSWER_AT_CONFERENCE
    submit_label = _("Ghi nhận trả lời tại hội nghị")
    text = forms.CharField(label=_("Nội dung đã trả lời"), widget=_textarea(6))
    answered_by = forms.CharField(label=_("Người trả lời (họ tên, chức vụ)"), max_length=200)

    def __init__(self, *args, petition, **kwargs):
        super().__init__(*args, petition=petition, **kwargs)
        self.ask_not_a_procedure(petition)


class DraftAnswerForm(ActionForm):
    action = Action.DRAFT_ANSWER
    submit_label = _("Lưu dự thảo trả lời")
    text = forms.CharField(label=_("Nội dung trả lời"), widget=_textarea(10))
    document_number = forms.CharField(label=_("Số văn bản"), required=False, max_length=60,
                                      help_text=_("Ví dụ: 125/UBND-KT"))
    document_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE_WIDGET)
    attachment = forms.FileField(
        label=_("Tệp văn bản trả lời"), required=False,
        help_text=_("PDF, DOCX, JPG hoặc PNG; tối đa 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.jpg,.jpeg,.png"}))

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        if upload.size > MAX_ATTACHMENT:
            raise ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
        suffix = Path(upload.name).suffix.lower()
        if suffix not in ATTACHMENT_MAGIC:
            raise ValidationError(_("Chỉ nhận tệp PDF, DOCX, JPG hoặc PNG."))
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(ATTACHMENT_MAGIC[suffix]):
            raise ValidationError(_("Nội dung tệp không đúng định dạng %(type)s.")
                                  % {"type": suffix[1:].upper()})
        return upload


class ApproveForm(ActionForm):
    action = Action.APPROVE
    submit_label = _("Duyệt trả lời")


class SendBackForm(ActionForm):
    action = Action.SEND_BACK
    submit_label = _("Trả lại để sửa")
    reason = forms.CharField(label=_("Cần sửa gì"), max_length=1000, widget=_textarea(),
                             error_messages=REASON_REQUIRED)


class PublishForm(NotAProcedureMixin, ActionForm):
    action = Action.PUBLISH
    submit_label = _("Công khai và gửi trả lời")

    def __init__(self, *args, petition, **kwargs):
        super().__init__(*args, petition=petition, **kwargs)
        self.ask_not_a_procedure(petition)


class ExtendForm(ActionForm):
    action = Action.EXTEND
    submit_label = _("Gia hạn")
    new_due_date = forms.DateField(label=_("Hạn mới"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Lý do gia hạn (người gửi được thông báo)"),
                             max_length=1000, widget=_textarea(), error_messages=REASON_REQUIRED,
                             help_text=_("Trang tra cứu hiện lý do này cho người dân (tên người "
                                         "được viết tắt)."))


class EscalateForm(ActionForm):
    action = Action.ESCALATE
    submit_label = _("Chuyển cấp trên")
    receiving_agency = forms.CharField(label=_("Cơ quan cấp trên tiếp nhận"), max_length=250)
    follow_up_on = forms.DateField(label=_("Ngày theo dõi tiếp"), widget=DATE_WIDGET)
    reason = forms.CharField(label=_("Lý do (vượt thẩm quyền của xã vì…)"), max_length=1000,
                             widget=_textarea(), error_messages=REASON_REQUIRED)


class NotAcceptForm(ActionForm):
    action = Action.NOT_ACCEPT
    submit_label = _("Không tiếp nhận")
    reason = forms.CharField(label=_("Lý do không tiếp nhận"), max_length=1000,
                             widget=_textarea(), error_messages=REASON_REQUIRED)
    where_to_go = forms.CharField(label=_("Công dân cần liên hệ ở đâu (được công khai)"),
                                  max_length=1000, widget=_textarea())


class TransferForm(ActionForm):
    action = Action.TRANSFER
    submit_label = _("Chuyển thủ tục")
    kind = forms.ChoiceField(label=_("Chuyển theo thủ tục"), choices=[
        (Kind.COMPLAINT, _("Khiếu nại (Luật Khiếu nại 2011)")),
        (Kind.DENUNCIATION, _("Tố cáo (Luật Tố cáo 2018) — giữ bí mật người tố cáo")),
    ])
    reason = forms.CharField(label=_("Lý do"), max_length=1000, widget=_textarea(),
                             error_messages=REASON_REQUIRED)

    def __init__(self, *args, petition, **kwargs):
        if petition.kind in PROCEDURE_KINDS:
            kwargs.setdefault("initial", {}).setdefault("kind", petition.kind)
        super().__init__(*args, petition=petition, **kwargs)
        if petition.answers.filter(is_current=True).exists():
            self.fields["reason"].help_text = _(
                "Câu trả lời đã có sẽ được rút lại (cả khi đã công khai): khiếu nại, tố cáo "
                "không được trả lời như ý kiến, kiến nghị. Lý do được ghi vào lịch sử.")


class CloseForm(ActionForm):
    action = Action.CLOSE
    submit_label = _("Kết thúc")
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ReopenForm(ActionForm):
    action = Action.REOPEN
    submit_label = _("Mở lại")
    reason = forms.CharField(label=_("Lý do mở lại (công dân cho biết trả lời chưa giải quyết "
                                     "được)"),
                             max_length=1000, widget=_textarea(), error_messages=REASON_REQUIRED)


class UngroupForm(ActionForm):
    action = UNGROUP
    submit_label = _("Tách khỏi vấn đề")
    reason = forms.CharField(label=_("Lý do tách"), max_length=500,
                             error_messages=REASON_REQUIRED)


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.action: form for form in (
        ClassifyForm, AssignForm, ReturnForm, AnswerAtConferenceForm, DraftAnswerForm,
        ApproveForm, SendBackForm, PublishForm, ExtendForm, EscalateForm, NotAcceptForm,
        TransferForm, CloseForm, ReopenForm, UngroupForm)
}
