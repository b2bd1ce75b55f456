"""The province's request to its communes to plan (R03)."""

from django import forms
from django.utils.translation import gettext_lazy

from doithoai.org.models import Agency


class RequestForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Các xã được đề nghị"),
        error_messages={"required": gettext_lazy("Hãy chọn ít nhất một xã."),
                        "invalid_choice": gettext_lazy("Xã đã chọn không thuộc tỉnh."),
                        "invalid_pk_value": gettext_lazy("Xã đã chọn không hợp lệ.")})
    message = forms.CharField(
        label=gettext_lazy("Nội dung đề nghị"), widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000, error_messages={"required": gettext_lazy("Hãy ghi nội dung đề nghị.")})

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = communes
