"""Conferences. Only what petitions need so far (the plans and conferences issue grows it):
which agency holds it, when, and the deadline settings that its petitions inherit."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.db import NFCModel
from doithoai.org.models import Agency


class Conference(NFCModel):
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="conferences"
    )
    title = models.CharField(_("tên hội nghị"), max_length=250)
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True,
                               help_text=_("Để trống nếu chưa ấn định."))
    venue = models.CharField(_("địa điểm"), max_length=250, blank=True)
    answer_workdays = models.PositiveSmallIntegerField(
        _("hạn trả lời (ngày làm việc)"), default=15)
    complex_answer_workdays = models.PositiveSmallIntegerField(
        _("hạn trả lời vụ việc phức tạp (ngày làm việc)"), default=30)

    scope_paths = {"agency": "agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("hội nghị đối thoại")
        verbose_name_plural = _("hội nghị đối thoại")
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return self.title
