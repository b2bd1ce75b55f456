"""Readable Vietnamese names for action codes. Apps register theirs when they load, e.g.

    register("village.update", _("Sửa thông tin thôn"))

Unregistered codes "<model>.<verb>" with a common verb read as "Sửa thôn, tổ dân phố"; any
other code is shown as it is.
"""

from django.utils.translation import gettext_lazy as _

COMMON_VERBS = {
    "create": _("Tạo mới"),
    "update": _("Sửa"),
    "delete": _("Xóa"),
    "enable": _("Bật"),
    "disable": _("Tắt"),
}

ACTION_LABELS: dict[str, str] = {}


def register(code: str, label) -> None:
    """Name an action code; `label` is usually a gettext_lazy string."""
    ACTION_LABELS[code] = label


def action_label(code: str, model=None) -> str:
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    verb = code.rpartition(".")[2]
    if model is not None and verb in COMMON_VERBS:
        return f"{COMMON_VERBS[verb]} {model._meta.verbose_name}"
    return code
