"""Forms of the intake pages: start a batch, type one paper form, upload a summary sheet.

They parse and offer choices; what is allowed (which village, which field, the file's rows) is
decided by the intake actions (`actions.intake`, `actions.imports`).
"""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.org.models import Agency, Village
from doithoai.petitions import excel, occasions
from doithoai.petitions.actions.imports import IMPORT_CHANNELS
from doithoai.petitions.actions.intake import BATCH_CHANNELS, MAX_NAME
from doithoai.petitions.cleaning import MAX_TEXT, normalise_phone, phone_error
from doithoai.petitions.models import Channel, Field, IntakeBatch, Kind, Urgency
from doithoai.petitions.selectors import intake

REQUIRED = {"required": _("Mục này bắt buộc.")}


def _channel_choices(channels):
    return [(c.value, c.label) for c in channels]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class _AgencyMixin:
    """An agency choice, hidden when the user brings petitions in for one agency only."""

    def _setup_agency(self, user, agencies: list[Agency]):
        field = self.fields["agency"]
        field.queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies])
        if len(agencies) == 1:
            field.initial = agencies[0].pk
            field.widget = forms.HiddenInput()
        village_ids = set()
        for agency in agencies:
            village_ids |= set(intake.villages_for(user, agency).values_list("pk", flat=True))
        self.fields["village"].queryset = Village.objects.filter(pk__in=village_ids)
        own_only = all(intake.only_own_village(user, a) for a in agencies)
        if own_only and len(village_ids) == 1:
            self.fields["village"].initial = next(iter(village_ids))
            self.fields["village"].required = True

    def clean(self):
        cleaned = super().clean()
        agency, village = cleaned.get("agency"), cleaned.get("village")
        if agency and village and village.agency_id != agency.pk:
            self.add_error("village", _("Thôn không thuộc cơ quan đã chọn."))
        return cleaned


class _BatchForm(_AgencyMixin, forms.Form):
    """What every intake batch records: the agency, the day the papers came in, and the
    conference the opinions are collected for (if any)."""

    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none(),
                                    error_messages=REQUIRED)
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DateInput(),
                                  error_messages={**REQUIRED,
                                                  "invalid": _("Ngày không hợp lệ.")})
    conference = forms.ModelChoiceField(
        label=_("Hội nghị đối thoại"), queryset=None, required=False,
        empty_label=_("— Không gắn với hội nghị —"),
        help_text=_("Ý kiến thu trước hội nghị được tổng hợp vào bảng ý kiến của hội nghị."))

    def _setup_conference(self, agencies: list[Agency]):
        provider = occasions.registered()
        choices = provider.open_for(agencies) if provider is not None else None
        if choices is None or not choices.exists():
            del self.fields["conference"]
            return
        field = self.fields["conference"]
        field.queryset = choices
        field.label_from_instance = provider.describe
        upcoming = provider.upcoming(agencies)
        if upcoming is not None:
            field.initial = upcoming.pk

    def clean(self):
        cleaned = super().clean()
        agency, conference = cleaned.get("agency"), cleaned.get("conference")
        if agency and conference and conference.agency_id != agency.pk:
            self.add_error("conference", _("Hội nghị không thuộc cơ quan đã chọn."))
        cleaned.setdefault("conference", None)
        return cleaned


class StartBatchForm(_BatchForm):
    field_order = ["agency", "name", "channel", "village", "received_on", "brought_by",
                   "conference"]
    name = forms.CharField(
        label=_("Tên đợt"), max_length=IntakeBatch._meta.get_field("name").max_length,
        error_messages=REQUIRED,
        help_text=_("Ví dụ: Phiếu lấy ý kiến thôn Nà Pàn, tháng 11/2026."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}))
    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"),
                                choices=_channel_choices(BATCH_CHANNELS),
                                initial=Channel.SURVEY_FORM, error_messages=REQUIRED)
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố"), queryset=Village.objects.none(), required=False,
        empty_label=_("— Nhiều thôn —"),
        help_text=_("Thôn chọn sẵn cho mỗi phiếu (vẫn đổi được từng phiếu)."))
    brought_by = forms.CharField(
        label=_("Người chuyển đến"), required=False,
        max_length=IntakeBatch._meta.get_field("brought_by").max_length,
        help_text=_("Ví dụ: Lương Văn Khiêm, Trưởng thôn Nà Pàn."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}))

    def __init__(self, *args, user, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self._setup_agency(user, agencies)
        self._setup_conference(agencies)


class EntryForm(forms.Form):
    """One paper survey form. The hidden token makes a second send of the same form land
    once; the choices (village, field, kind, urgency) carry over to the next form."""

    token = forms.CharField(widget=forms.HiddenInput(), max_length=32)
    text = forms.CharField(
        label=_("Nội dung ý kiến"), max_length=MAX_TEXT,
        error_messages={"required": _("Hãy ghi nội dung ý kiến."),
                        "max_length": _("Nội dung quá dài (tối đa %(limit_value)s ký tự).")},
        widget=forms.Textarea(attrs={"rows": 5, "autofocus": True}))
    full_name = forms.CharField(label=_("Họ và tên người kiến nghị"), required=False,
                                max_length=MAX_NAME,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = forms.CharField(label=_("Số điện thoại (nếu có)"), required=False, max_length=30,
                            widget=forms.TextInput(attrs={"type": "tel",
                                                          "autocomplete": "off",
                                                          "inputmode": "tel"}))
    village = forms.ModelChoiceField(label=_("Thôn, tổ dân phố"),
                                     queryset=Village.objects.none(), required=False,
                                     empty_label=_("— Không rõ —"))
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.none(),
                                   required=False, empty_label=_("— Chưa phân loại —"))
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices, initial=Kind.OPINION)
    urgency = forms.ChoiceField(
        label=_("Mức độ"), choices=Urgency.choices, initial=Urgency.NORMAL,
        widget=forms.Select(attrs={"data-enter-submits": True}))
    # After the last field: Enter there saves, so the usual form never tabs through it.
    name_public = forms.BooleanField(
        label=_("Người kiến nghị đồng ý công khai tên"), required=False,
        help_text=_("Tên không được công khai, trừ khi người kiến nghị ghi đồng ý trên phiếu."))

    REMEMBERED = ("village", "field", "kind", "urgency")

    def __init__(self, *args, batch: IntakeBatch, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = intake.villages_for(user, batch.agency)
        if intake.only_own_village(user, batch.agency):
            self.fields["village"].required = True
            self.fields["village"].empty_label = None
        self.fields["field"].queryset = intake.fields_for(batch.agency)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone.strip() and normalise_phone(phone) is None:
            raise forms.ValidationError(phone_error())
        return phone

    def petition_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in
                ("token", "text", "full_name", "phone", "name_public", "village", "field",
                 "kind", "urgency")}

    def remembered(self) -> dict:
        """The choices to offer again on the next form (ids, for the session)."""
        data = {name: self.cleaned_data[name] for name in self.REMEMBERED}
        return {name: getattr(value, "pk", value) for name, value in data.items()}


class UploadForm(_BatchForm):
    field_order = ["agency", "name", "channel", "received_on", "brought_by", "village",
                   "conference", "file"]
    name = forms.CharField(
        label=_("Tên đợt"), max_length=IntakeBatch._meta.get_field("name").max_length,
        error_messages=REQUIRED,
        help_text=_("Ví dụ: Tổng hợp của Ủy ban MTTQ xã trước hội nghị 2026."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"),
                                choices=_channel_choices(IMPORT_CHANNELS),
                                initial=Channel.FRONT_SUMMARY, error_messages=REQUIRED)
    brought_by = forms.CharField(
        label=_("Người chuyển đến"), required=False,
        max_length=IntakeBatch._meta.get_field("brought_by").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    village = forms.ModelChoiceField(
        label=_("Thôn, tổ dân phố của bảng"), queryset=Village.objects.none(), required=False,
        empty_label=_("— Nhiều thôn (ghi ở từng dòng) —"),
        help_text=_("Dùng cho các dòng để trống cột Thôn."))
    # Last on purpose: when a file is too large the upload stops there, and the fields
    # before it are still received.
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        error_messages={"required": _("Hãy chọn tệp Excel."),
                        "empty": _("Tệp rỗng, không có nội dung.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-"
                                               "officedocument.spreadsheetml.sheet"}))

    def __init__(self, *args, user, agencies, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self._setup_agency(user, agencies)
        self._setup_conference(agencies)
        self.fields["file"].help_text = gettext("Tối đa %(mb)s MB và %(rows)s dòng.") % {
            "mb": excel.MAX_BYTES // 1024 // 1024,
            "rows": f"{excel.MAX_ROWS:,}".replace(",", ".")}
        if too_large:  # the upload was stopped, so the file "is missing": say why
            self.fields["file"].error_messages["required"] = self._too_large_message()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > excel.MAX_BYTES:
            raise forms.ValidationError(self._too_large_message())
        return upload

    @staticmethod
    def _too_large_message() -> str:
        return gettext("Tệp quá lớn (tối đa %(mb)s MB). Hãy chia bảng thành nhiều tệp nhỏ hơn.") % {
            "mb": excel.MAX_BYTES // 1024 // 1024}
