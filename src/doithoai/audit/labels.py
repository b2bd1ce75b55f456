"""Readable Vietnamese names for action codes. Apps register theirs when they load, e.g.

    register("village.update", _("Sửa thông tin thôn"))

Unregistered codes are shown as they are.
"""

ACTION_LABELS: dict[str, str] = {}


def register(code: str, label) -> None:
    """Name an action code; `label` is usually a gettext_lazy string."""
    ACTION_LABELS[code] = label


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))
