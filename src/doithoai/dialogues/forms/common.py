"""What the dialogues' forms share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Every numbered document is issued once signed: the documents' register refuses an issue
# without this confirmation (`documents.actions.register.issue`), whichever page asks it.
SIGNED_REQUIRED = _("Hãy đánh dấu xác nhận văn bản đã được ký trước khi ban hành: số đã cấp "
                    "không thu hồi được.")


class SignedIssueForm(forms.Form):
    """The signed confirmation every issuing form asks (the documents' panel, the conference
    page's conclusion notice), one field under one name."""

    da_ky = forms.BooleanField(
        label=_("Văn bản đã được người có thẩm quyền ký. Cấp số và lưu bản chính thức (không "
                "sửa được nữa)."),
        error_messages={"required": SIGNED_REQUIRED})


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has it,
    otherwise at the top of the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
