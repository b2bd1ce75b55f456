"""Forms of the plan pages: new plan, edit (sections + deadline settings), issue, and the rows
of the composition and of the tasks per unit. Forms parse; the actions decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from doithoai.dialogues.actions import plans
from doithoai.dialogues.forms.conferences import CHAIR_Q
from doithoai.dialogues.models import ParticipantGroup, Plan, PlanTask
from doithoai.org.models import Agency, Person, Unit

YEAR_MIN, YEAR_MAX = 2000, 2100

# Which deadline settings the law sets and which are the seeds' practice
# (docs/law.md#conference-deadlines).
# Each setting's help names its default — the law's or the sample plans' value, which the
# model takes from core/milestones.py and core/deadlines.py — never a number of its own.
_HELP_TEXTS = {
    "announce_days_before": _(
        "Theo luật: thông báo công khai chậm nhất {n:02d} ngày trước hội nghị (Điều 43 Luật "
        "Tổ chức chính quyền địa phương 2025). Không nên đặt ít hơn {n}."),
    "invite_workdays_before": _(
        "Theo thực tiễn các kế hoạch mẫu: gửi giấy mời trước {n:02d} ngày làm việc."),
    "village_days_before": _(
        "Theo thực tiễn các kế hoạch mẫu: thôn gửi ý kiến và danh sách đại biểu trước "
        "{n:02d} ngày."),
    "conclusion_workdays_after": _(
        "Theo thực tiễn các kế hoạch mẫu: ban hành thông báo kết luận trong {n:02d} ngày "
        "làm việc."),
    "results_days_after": _(
        "Theo luật: công bố kết quả trong {n:02d} ngày sau hội nghị (Điều 43 Luật Tổ chức "
        "chính quyền địa phương 2025). Không nên đặt quá {n}."),
    "answer_workdays": _(
        "Theo thực tiễn các kế hoạch mẫu: trả lời bằng văn bản trong {n:02d} ngày làm việc."),
    "complex_answer_workdays": _(
        "Theo thực tiễn các kế hoạch mẫu: vụ việc phức tạp trong {n:02d} ngày làm việc."),
}
SETTING_HELP = {name: format_lazy(text, n=Plan._meta.get_field(name).default)
                for name, text in _HELP_TEXTS.items()}
LAW_SETTINGS = ("announce_days_before", "results_days_after")


class PlanNewForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none(),
                                    empty_label=None)
    year = forms.IntegerField(
        label=_("Năm"), help_text=_("Năm tổ chức hội nghị đối thoại."),
        error_messages={"invalid": _("Hãy ghi năm bằng số, ví dụ 2026."),
                        "required": _("Hãy ghi năm của kế hoạch.")})
    kind = forms.ChoiceField(label=_("Loại kế hoạch"), choices=Plan.Kind.choices,
                             widget=forms.RadioSelect, initial=Plan.Kind.PERIODIC)
    ad_hoc_basis = forms.ChoiceField(
        label=_("Căn cứ tổ chức đột xuất"), required=False, widget=forms.RadioSelect,
        choices=Plan.AdHocBasis.choices,
        help_text=_("Chỉ ghi với kế hoạch đột xuất (Điều 43 Luật Tổ chức chính quyền địa "
                    "phương 2025)."))

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk
            self.fields["agency"].widget = forms.HiddenInput()

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValidationError(_("Năm phải trong khoảng %(min)s–%(max)s."),
                                  params={"min": YEAR_MIN, "max": YEAR_MAX})
        return year

    def clean(self):
        data = super().clean()
        if data.get("kind") == Plan.Kind.AD_HOC and not data.get("ad_hoc_basis"):
            # xgettext:no-python-format
            message = _("Kế hoạch đột xuất cần ghi căn cứ tổ chức: vấn đề bức xúc, 10% cử tri "
                        "đề nghị hoặc khi cần thiết.")
            self.add_error("ad_hoc_basis", message)
        return data


class PlanEditForm(forms.ModelForm):
    """All sections and settings of a draft; after issue, only the settings, with a reason."""

    version = forms.IntegerField(widget=forms.HiddenInput())
    reason = forms.CharField(
        label=_("Lý do thay đổi"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi kế hoạch đã ban hành."))

    class Meta:
        model = Plan
        fields = plans.PLAN_EDITABLE
        widgets = {
            "kind": forms.RadioSelect,
            "ad_hoc_basis": forms.RadioSelect,
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 2}),
            "form": forms.Textarea(attrs={"rows": 2}),
            "time_text": forms.Textarea(attrs={"rows": 2}),
            "budget": forms.Textarea(attrs={"rows": 3}),
            "yearly_report_due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {**SETTING_HELP, "yearly_report_due_on": _(
            "Ngày UBND tỉnh yêu cầu gửi báo cáo kết quả tổ chức hội nghị đối thoại của năm "
            "(qua Sở Nội vụ). Để trống nếu chưa có: kế hoạch ghi “theo thời hạn báo cáo của "
            "UBND tỉnh”.")}

    def __init__(self, *args, plan: Plan, **kwargs):
        kwargs.setdefault("initial", {})["version"] = plan.version
        super().__init__(*args, instance=plan, **kwargs)
        self.issued = plan.state != Plan.State.DRAFT
        if self.issued:
            for name in list(self.fields):
                if name not in (*plans.PLAN_SETTINGS, "version", "reason"):
                    del self.fields[name]
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]
            # The chairman or a vice-chairman signs; one chosen before stays selectable.
            self.fields["signer"].queryset = Person.objects.filter(agency=plan.agency).filter(
                CHAIR_Q | Q(pk=plan.signer_id) if plan.signer_id else CHAIR_Q)
            self.fields["signer"].empty_label = _("— Chưa chọn —")
            self.fields["ad_hoc_basis"].choices = [("", _("Không (kế hoạch định kỳ)")),
                                                   *Plan.AdHocBasis.choices]
        for name in plans.PLAN_SETTINGS:
            self.fields[name].widget.attrs.update({"min": 0, "max": 365})

    def clean(self):
        data = super().clean()
        if not self.issued:
            if data.get("kind") == Plan.Kind.AD_HOC and not data.get("ad_hoc_basis"):
                self.add_error("ad_hoc_basis", _("Kế hoạch đột xuất cần ghi căn cứ tổ chức."))
            if data.get("kind") == Plan.Kind.PERIODIC:
                data["ad_hoc_basis"] = ""
        return data

    def _post_clean(self):
        """The service validates the model (with the stored row, under lock); the form only
        parses, so the instance in hand is not touched here."""

    @property
    def changes(self) -> dict:
        editable = plans.PLAN_SETTINGS if self.issued else plans.PLAN_EDITABLE
        return {name: self.cleaned_data[name] for name in editable if name in self.cleaned_data}

    def sections(self):
        """The visible fields, grouped as the page shows them."""
        groups = [
            (_("Loại kế hoạch, trích yếu"), ("kind", "ad_hoc_basis", "title")),
            (_("Căn cứ"), ("legal_bases", "preamble")),
            (_("I. Mục đích, yêu cầu"), ("purposes", "requirements")),
            (_("II. Thời gian, địa điểm"), ("time_text", "venue")),
            (_("III. Hình thức, nội dung, chương trình"),
             ("form", "content", "programme", "banner", "rules")),
            (_("IV. Tổ chức thực hiện"), ("coordination", "yearly_report_due_on")),
            (_("V. Kinh phí thực hiện"), ("budget", "budget_source")),
            (_("Nơi nhận, người ký"),
             ("recipients", "signer", "signer_capacity", "signer_position")),
            (_("Thời hạn các bước"), plans.PLAN_SETTINGS),
            (_("Lý do"), ("reason",)),
        ]
        for title, names in groups:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield {"title": title, "fields": fields}


class VersionForm(forms.Form):
    """Publish and complete: one button, the version seen."""

    version = forms.IntegerField(widget=forms.HiddenInput())


class GroupForm(forms.ModelForm):
    class Meta:
        model = ParticipantGroup
        fields = ("side", "label", "seats", "unit")

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=plan.agency, is_active=True)
        self.fields["unit"].empty_label = _("— Không gắn đơn vị —")
        self.fields["seats"].widget.attrs.update({"min": 0, "max": 500})

    def _post_clean(self):
        """Validation is the service's."""


class TaskForm(forms.ModelForm):
    class Meta:
        model = PlanTask
        fields = ("unit", "text", "offset_days")
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=plan.agency, is_active=True)
        self.fields["unit"].empty_label = _("— Chọn đơn vị —")

    def _post_clean(self):
        """Validation is the service's."""
