"""Readable Vietnamese names for action codes. Apps register theirs when they load, e.g.

    register("village.update", _("Sửa thông tin thôn"))

Unregistered codes "<model>.<verb>" with a common verb read as "Sửa thôn, tổ dân phố"; any
other code is shown as it is.
"""

from django.utils.translation import pgettext, pgettext_lazy

COMMON_VERBS = {
    "create": pgettext_lazy("audit action", "Tạo mới"),
    "update": pgettext_lazy("audit action", "Sửa"),
    "delete": pgettext_lazy("audit action", "Xóa"),
    "enable": pgettext_lazy("audit action", "Bật"),
    "disable": pgettext_lazy("audit action", "Tắt"),
}

ACTION_LABELS: dict[str, str] = {}
# Names of the extra facts some events carry besides model fields ("sent": 12, "late": True).
KEY_LABELS: dict[str, str] = {}
# Bookkeeping every app keeps that says nothing to a reader of a history: the edit counter,
# the folded search copy, the retry keys of a form or a device, the moment of the last change
# (the event's own time). Apps add theirs.
HIDDEN_KEYS: set[str] = {"version", "search_text", "submission_key", "client_key",
                         "updated_at"}


def register(code: str, label) -> None:
    """Name an action code; `label` is usually a gettext_lazy string."""
    ACTION_LABELS[code] = label


def register_keys(labels: dict) -> None:
    """Name the keys of facts that events record besides model fields."""
    KEY_LABELS.update(labels)


def hide_keys(*names: str) -> None:
    """Keep these recorded fields out of the history pages (still in the log)."""
    HIDDEN_KEYS.update(names)


def action_label(code: str, model=None) -> str:
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    verb = code.rpartition(".")[2]
    if model is not None and verb in COMMON_VERBS:
        return pgettext("audit action", "%(verb)s %(object)s") % {
            "verb": COMMON_VERBS[verb], "object": model._meta.verbose_name}
    return code
