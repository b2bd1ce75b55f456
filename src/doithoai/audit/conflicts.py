"""Two people changing the same thing: the later change is refused, never silently lost.

Every versioned model keeps a `version` counter; a form carries the version it was opened at.
One Conflict class for every app, so views catch one thing.
"""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _


class Conflict(ValidationError):
    """The object changed since the form was opened (someone else saved first)."""


def check_version(obj: Model, version: int | None, message: str | None = None) -> None:
    """Refuse when the form's version is not the object's current one (None: not checked)."""
    if version is not None and obj.version != version:
        raise Conflict(message or _("Người khác vừa cập nhật mục này. Hãy tải lại trang để "
                                    "xem thay đổi trước khi lưu."))


def bump_version(obj: Model) -> None:
    """Count one more version (in memory; the action's save writes it)."""
    obj.version = (obj.version or 0) + 1
