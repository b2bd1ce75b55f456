from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR, MAX_DAYS


class YearForm(forms.Form):
    nam = forms.IntegerField(
        label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR,
        error_messages={
            "invalid": _("Năm phải là một số, ví dụ 2026."),
            "min_value": _("Chỉ xem được các năm từ %(limit_value)s."),
            "max_value": _("Chỉ xem được các năm đến %(limit_value)s."),
        },
    )


class DeadlineForm(forms.Form):
    """"Tính hạn": the N-th working day after a date."""

    tu_ngay = forms.DateField(
        label=_("Từ ngày (không tính ngày này)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Hãy nhập ngày bắt đầu."),
            "invalid": _("Ngày không hợp lệ."),
        },
    )
    so_ngay = forms.IntegerField(
        label=_("Số ngày làm việc"), min_value=0, max_value=MAX_DAYS,
        error_messages={
            "required": _("Hãy nhập số ngày làm việc."),
            "invalid": _("Số ngày làm việc phải là số nguyên."),
            "min_value": _("Số ngày làm việc không được âm."),
            "max_value": _("Số ngày làm việc tối đa là %(limit_value)s."),
        },
    )


class ToggleForm(forms.Form):
    enabled = forms.TypedChoiceField(
        choices=[("1", _("Bật")), ("0", _("Tắt"))], coerce=lambda v: v == "1",
        widget=forms.HiddenInput,
    )
    ly_do = forms.CharField(
        label=_("Lý do thay đổi"), max_length=500,
        error_messages={"required": _("Hãy ghi lý do thay đổi (được lưu vào nhật ký).")},
    )


class ConfirmYearForm(forms.Form):
    can_cu = forms.CharField(
        label=_("Văn bản công bố lịch nghỉ của năm"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: Thông báo của Bộ Nội vụ về lịch nghỉ lễ, Tết năm 2027."),
        error_messages={"required": _("Hãy ghi văn bản công bố lịch nghỉ của năm.")},
    )
    ly_do = forms.CharField(
        label=_("Lý do thay đổi"), max_length=500,
        error_messages={"required": _("Hãy ghi lý do thay đổi (được lưu vào nhật ký).")},
    )


class WithdrawYearForm(forms.Form):
    ly_do = forms.CharField(
        label=_("Lý do hủy xác nhận"), max_length=500,
        error_messages={"required": _("Hãy ghi lý do thay đổi (được lưu vào nhật ký).")},
    )
