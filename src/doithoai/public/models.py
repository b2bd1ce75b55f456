"""The public pages' own memory: how often an address has submitted or mistyped a code.

Kept in the database so that every web process counts the same hits; the address is stored
only as a keyed hash (HMAC with the site's secret), never as itself, and rows older than the
longest window are pruned as new ones arrive.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    class Bucket(models.TextChoices):
        SUBMIT = "submit", _("Gửi ý kiến")
        TRACK_MISS = "track_miss", _("Tra cứu sai mã")
        LIVE_QR = "live_qr", _("Đăng ký phát biểu qua mã QR")

    bucket = models.CharField(_("loại"), max_length=20, choices=Bucket.choices)
    client = models.CharField(_("mã băm địa chỉ"), max_length=64)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("lượt đếm chống lạm dụng (trang công khai)")
        verbose_name_plural = _("lượt đếm chống lạm dụng (trang công khai)")
        indexes = [models.Index(fields=["bucket", "client", "at"], name="public_attempt_idx"),
                   models.Index(fields=["bucket", "at"], name="public_attempt_prune_idx")]

    def __str__(self) -> str:
        return f"{self.bucket} {self.client[:8]} {self.at:%Y-%m-%d %H:%M}"
