from django import forms
from django.utils.translation import gettext_lazy as _

from doithoai.org.access import changeable
from doithoai.org.models import Person, Unit, Village


class ReasonMixin(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thay đổi"), max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Hãy ghi lý do thay đổi (được lưu vào nhật ký).")},
    )


class VillageForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Village
        fields = ["name", "kind", "households"]


class PersonForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "position", "unit", "village", "phone", "email", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agency_id = self.instance.agency_id
        # Offer only the units and villages of the person's agency the user may act on.
        self.fields["unit"].queryset = changeable(Unit, user).filter(agency_id=agency_id) | (
            Unit.objects.filter(pk=self.instance.unit_id)
        )
        self.fields["village"].queryset = changeable(Village, user).filter(
            agency_id=agency_id) | Village.objects.filter(pk=self.instance.village_id)
        self.fields["full_name"].error_messages["required"] = _("Hãy nhập họ và tên.")
