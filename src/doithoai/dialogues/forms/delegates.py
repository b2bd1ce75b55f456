"""Forms of the participants pages: plain field parsing; the rules live in the actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.dialogues.models import ParticipantGroup
from doithoai.org.models import Unit, Village


class DelegateForm(forms.Form):
    """A village's delegate (the village head's page) or a correction of any delegate."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False)
    position = forms.CharField(label=_("Chức vụ, thành phần"), max_length=250, required=False,
                               help_text=_("Ví dụ: Đại diện hộ gia đình, Cựu chiến binh."))
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"type": "tel",
                                                          "autocomplete": "off"}))


class OfficeDelegateForm(DelegateForm):
    """The office adds anyone: a commune delegate, a guest, a village delegate."""

    side = forms.ChoiceField(label=_("Nhóm"), choices=ParticipantGroup.Side.choices)
    village = forms.ModelChoiceField(label=_("Thôn"), queryset=Village.objects.none(),
                                     required=False, empty_label=_("— Không thuộc thôn —"))
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(),
                                  required=False, empty_label=_("— Không thuộc đơn vị —"))

    field_order = ["side", "full_name", "position", "phone", "village", "unit"]

    def __init__(self, *args, villages=(), agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(
            pk__in=[v.pk for v in villages])
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency, is_active=True)


class QuotaForm(forms.Form):
    seats = forms.IntegerField(label=_("Số đại diện Nhân dân của thôn"), min_value=0,
                               max_value=50, required=False,
                               help_text=_("Để trống: theo kế hoạch."))


class SendForm(forms.Form):
    confirm_late = forms.BooleanField(
        label=_("Tôi biết giấy mời được gửi sau hạn và vẫn gửi"), required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Mã trên giấy mời"), max_length=40, required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off",
                                      "autocapitalize": "characters", "spellcheck": "false",
                                      "inputmode": "text", "placeholder": "ABCD-EFGH"}))


class WalkInForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    position = forms.CharField(label=_("Chức vụ, thành phần"), max_length=250, required=False)
    village = forms.ModelChoiceField(label=_("Thôn"), queryset=Village.objects.none(),
                                     required=False, empty_label=_("— Không thuộc thôn —"))

    def __init__(self, *args, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Village.objects.filter(
            pk__in=[v.pk for v in villages])
