"""Forms of the documents pages: issue, correct, upload a template, search the register."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doithoai.dialogues.forms.common import SignedIssueForm


class IssueForm(SignedIssueForm):
    ngay = forms.DateField(
        label=_("Ngày ký văn bản"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Ngày người có thẩm quyền ký; để trống là hôm nay."))

    field_order = ["ngay", "da_ky"]

    def clean_ngay(self):
        return self.cleaned_data.get("ngay") or timezone.localdate()


class CorrectForm(forms.Form):
    ly_do = forms.CharField(
        label=_("Lý do sửa đổi, thay thế"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Hãy ghi lý do sửa đổi (được lưu vào nhật ký).")})


class TemplateUploadForm(forms.Form):
    tep = forms.FileField(
        label=_("Tệp mẫu .docx"),
        widget=forms.ClearableFileInput(attrs={
            "accept": ".docx,application/vnd.openxmlformats-officedocument"
                      ".wordprocessingml.document"}),
        error_messages={"required": _("Hãy chọn tệp .docx cần tải lên.")})


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("Số, ký hiệu hoặc trích yếu"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search"}))
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    tu_ngay = forms.DateField(label=_("Ban hành từ ngày"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    den_ngay = forms.DateField(label=_("đến ngày"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"},
                                                      format="%Y-%m-%d"))

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loai"].choices = [("", _("Tất cả"))] + [(k.code, k.label) for k in kinds]


class RegisterAdjustForm(forms.Form):
    so = forms.ChoiceField(label=_("Sổ"))
    so_tiep_theo = forms.IntegerField(
        label=_("Số tiếp theo"), min_value=1, max_value=99999,
        help_text=_("Số mà văn bản tiếp theo của sổ này sẽ nhận, theo sổ đăng ký văn bản đi "
                    "của Văn phòng."),
        error_messages={"required": _("Hãy ghi số tiếp theo."),
                        "invalid": _("Số tiếp theo phải là số nguyên dương."),
                        "min_value": _("Số tiếp theo phải là số nguyên dương."),
                        "max_value": _("Số tiếp theo quá lớn.")})
    ly_do = forms.CharField(
        label=_("Lý do điều chỉnh"), max_length=500,
        widget=forms.TextInput(),
        error_messages={"required": _("Hãy ghi lý do điều chỉnh (được lưu vào nhật ký).")})

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["so"].choices = [(c, c) for c in codes]
