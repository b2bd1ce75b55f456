"""The citizen's forms: sending an opinion, typing a tracking code, answering back."""

from __future__ import annotations

import hashlib
import secrets

from django import forms
from django.core import signing
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.core.phone import normalise_phone
from doithoai.core.text import nfc
from doithoai.org.models import Agency, Village
from doithoai.petitions.actions.answer_back import REASON_MAX
from doithoai.petitions.cleaning import MAX_TEXT
from doithoai.petitions.models import Field
from doithoai.public.selectors import active_communes

TOKEN_SALT = "doithoai.public.submit"
# The field bots love to fill in; people never see it.
HONEYPOT = "website"
NAME_MAX = 120


class NFCCharField(forms.CharField):
    """Normalised to NFC before the length is checked: NFD input counts as what is stored."""

    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value) if isinstance(value, str) else value


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def new_token() -> str:
    """A one-time key for one form, signed so that only this server's keys are accepted."""
    return signing.dumps(secrets.token_urlsafe(18), salt=TOKEN_SALT)


def submission_key(token: str, text: str) -> str:
    """The key that makes a retried POST land once. The text is part of it: a citizen who goes
    back and writes a different opinion sends a new one, not the same one again."""
    raw = signing.loads(token, salt=TOKEN_SALT)
    digest = hashlib.sha256(f"{raw}\n{text}".encode()).hexdigest()
    return f"web:{digest[:56]}"


class PlainForm(forms.Form):
    """Labels are questions or plain words: no colon added after them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ChooseCommuneForm(PlainForm):
    xa = forms.ModelChoiceField(
        queryset=active_communes(), to_field_name="code",
        label=_("Bạn muốn gửi ý kiến đến xã, phường nào?"),
        empty_label=_("— Chọn xã, phường —"),
        error_messages={"required": _("Hãy chọn xã, phường."),
                        "invalid_choice": _("Không tìm thấy xã, phường này. Hãy chọn trong "
                                            "danh sách.")})


class SubmitForm(PlainForm):
    # Carries the commune's code back to the view, which chose the commune from it.
    xa = forms.CharField(required=False, widget=forms.HiddenInput)
    # The conference whose announcement (QR code) brought the citizen here, if any.
    hoi_nghi = forms.IntegerField(required=False, widget=forms.HiddenInput)
    village = forms.ModelChoiceField(
        queryset=Village.objects.none(), label=_("Bạn ở thôn, tổ dân phố nào?"),
        empty_label=_("— Chọn thôn, tổ dân phố —"),
        error_messages={"required": _("Hãy chọn thôn, tổ dân phố."),
                        "invalid_choice": _("Thôn, tổ dân phố không có trong danh sách của xã. "
                                            "Hãy chọn lại.")})
    field = forms.ModelChoiceField(
        queryset=Field.objects.none(), label=_("Ý kiến của bạn về việc gì?"),
        empty_label=_("— Chọn lĩnh vực —"),
        help_text=_("Nếu không biết chọn gì, hãy chọn “Khác”."),
        error_messages={"required": _("Hãy chọn lĩnh vực (nếu không rõ, chọn “Khác”)."),
                        "invalid_choice": _("Lĩnh vực không có trong danh sách. Hãy chọn "
                                            "lại.")})
    text = NFCCharField(
        label=_("Ý kiến, kiến nghị của bạn"),
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_TEXT}),
        error_messages={"required": _("Hãy viết ý kiến, kiến nghị của bạn.")})
    full_name = NFCCharField(
        label=_("Họ và tên"), required=False, max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": _("Họ và tên quá dài (tối đa %(limit_value)s ký "
                                        "tự).")})
    phone = NFCCharField(
        label=_("Số điện thoại"), required=False, max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel",
                                      "autocomplete": "tel"}),
        help_text=_("Ví dụ: 0912 345 678. Chỉ cán bộ xử lý mới thấy số này."),
        error_messages={"max_length": _("Số điện thoại quá dài.")})
    email = forms.EmailField(
        label=_("Thư điện tử (email)"), required=False, max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Địa chỉ thư điện tử không đúng, ví dụ đúng: "
                                     "ten@gmail.com."),
                        "max_length": _("Địa chỉ thư điện tử quá dài.")})
    name_public = forms.BooleanField(
        label=_("Đồng ý công khai tên của tôi (viết tắt) trên trang tra cứu"), required=False,
        help_text=_("Không chọn: trang tra cứu không hiện tên của bạn."))
    token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(required=False, label=_("Để trống ô này"),
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))

    def __init__(self, *args, agency: Agency, conference=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["xa"].initial = agency.code
        if conference is not None:
            self.fields["hoi_nghi"].initial = conference.pk
        self.fields["village"].queryset = Village.objects.filter(agency=agency, is_active=True)
        self.fields["field"].queryset = Field.objects.filter(agency=agency, is_active=True)
        self.fields["text"].help_text = gettext(
            "Viết rõ việc gì, ở đâu, từ bao giờ, bạn đề nghị gì. Tối đa %(n)s ký tự."
        ) % {"n": _thousands(MAX_TEXT)}
        if not self.is_bound:
            self.fields["token"].initial = new_token()

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(
                _("Ý kiến quá dài: tối đa %(limit)s ký tự, bạn đã viết %(length)s ký tự. Hãy "
                  "viết ngắn lại hoặc chia thành nhiều ý kiến.")
                % {"limit": _thousands(MAX_TEXT), "length": _thousands(len(text))})
        return text

    def clean_phone(self):
        typed = self.cleaned_data["phone"]
        if not typed:
            return ""
        phone = normalise_phone(typed)
        if phone is None:
            raise forms.ValidationError(_(
                "Số điện thoại không đúng. Hãy ghi số di động 10 chữ số (ví dụ 0912 345 678) "
                "hoặc số máy bàn có mã vùng (ví dụ 0205 3870 123); chỉ dùng chữ số, dấu cách, "
                "dấu chấm; có thể bắt đầu bằng +84."))
        return phone

    def clean_token(self):
        token = self.cleaned_data["token"]
        try:
            signing.loads(token, salt=TOKEN_SALT)
        except signing.BadSignature as exc:
            raise forms.ValidationError(_("Biểu mẫu đã cũ hoặc không hợp lệ. Hãy tải lại "
                                          "trang rồi gửi lại.")) from exc
        return token

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    @property
    def key(self) -> str:
        return submission_key(self.cleaned_data["token"], self.cleaned_data["text"])


class TrackForm(PlainForm):
    ma = forms.CharField(
        label=_("Mã tra cứu"), max_length=40,
        help_text=_("Mã gồm 8 chữ và số, in trên giấy biên nhận, ví dụ: ABCD-EFGH. Viết hoa "
                    "hay viết thường đều được."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false"}),
        error_messages={"required": _("Hãy nhập mã tra cứu.")})


class AskAgainForm(PlainForm):
    """"Chưa được giải quyết": the citizen's words. The length and emptiness are the action's
    rules (`petitions.actions.answer_back`), which give the message; the browser helps."""

    reason = forms.CharField(
        label=_("Vì sao trả lời chưa giải quyết được việc của bạn?"), required=False,
        strip=False, widget=forms.Textarea(attrs={"rows": 4, "maxlength": REASON_MAX}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = gettext(
            "Viết điều chưa được giải quyết và điều bạn đề nghị (tối đa %(max)s ký tự). Lời "
            "nhắn này chỉ Văn phòng Ủy ban nhân dân xã đọc, không hiện công khai.") % {
                "max": _thousands(REASON_MAX)}


# The one-tap rating's two buttons.
RATINGS = {"hai-long": True, "chua-hai-long": False}
