"""The audit log: events chained by hashes, and the head that records the chain's end.

Rows are written only by `services.record`; once written they never change. On PostgreSQL a
trigger (migration 0002) enforces this below Django as well.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doithoai.core.hashchain import GENESIS

# What the hash covers. Not actor_id: deleting a user sets it to NULL (the label stays).
PAYLOAD_FIELDS = (
    "seq", "at", "actor_label", "action", "object_type", "object_id", "object_repr",
    "before", "after", "reason",
)


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete an audit event through Django."""

    def __init__(self):
        super().__init__(gettext("Nhật ký thay đổi chỉ được ghi thêm: không được sửa hoặc xóa."))


def object_type_of(obj_or_model) -> str:
    """The "app_label.model" string that names an object's type in the log."""
    return obj_or_model._meta.label_lower


class AuditEventQuerySet(models.QuerySet):
    # `update()` is left alone: deleting a user sets actor to NULL through it.
    def delete(self):
        raise AppendOnlyError()

    def bulk_create(self, *args, **kwargs):
        raise AppendOnlyError()  # would bypass the chain

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError()


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("số thứ tự"), primary_key=True)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tài khoản"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="audit_events",
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=255)
    action = models.CharField(_("hành động"), max_length=64)
    object_type = models.CharField(_("loại đối tượng"), max_length=100)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    prev_hash = models.CharField(_("mã băm trước"), max_length=64)
    hash = models.CharField(_("mã băm"), max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-seq"]
        indexes = [
            # An object's history, newest first, without a sort.
            models.Index(fields=["object_type", "object_id", "seq"], name="audit_object_idx"),
            models.Index(fields=["at"], name="audit_at_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError()
        kwargs["force_insert"] = True  # seq is set by hand: never try an UPDATE first
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError()

    def payload(self) -> dict:
        return {name: getattr(self, name) for name in PAYLOAD_FIELDS}

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for the fields whose value differs, in a stable order."""
        before, after = self.before or {}, self.after or {}
        if not isinstance(before, dict) or not isinstance(after, dict):
            return [("", before, after)] if before != after else []
        keys = list(before) + [k for k in after if k not in before]
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class AuditChainHead(models.Model):
    """One row: the last seq and hash. Locking it serialises appends; verify compares to it,
    which is how the loss of the newest events is noticed."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_single_head")]

    def __str__(self) -> str:
        return f"{self.last_seq}:{self.last_hash[:12]}"
