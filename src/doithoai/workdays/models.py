"""Overrides: the government's swapped days, on top of the holidays that the law fixes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.core import dates
from doithoai.core.workdays import FIRST_YEAR, LAST_YEAR
from doithoai.db import NFCModel


class CalendarOverride(NFCModel):
    """One date made a day off or a working day, with the document that decided it."""

    class Kind(models.TextChoices):
        OFF = "off", _("Ngày nghỉ")
        WORK = "work", _("Ngày làm việc")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=4, choices=Kind.choices)
    reason = models.CharField(
        _("lý do"), max_length=200,
        help_text=_("Hiển thị cho người dùng, ví dụ: Ngày làm bù cho ngày nghỉ 02/01/2026."),
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"))
    enabled = models.BooleanField(
        _("đang áp dụng"), default=True,
        help_text=_("Bỏ chọn để lịch trở lại theo quy định chung cho ngày này."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày điều chỉnh lịch")
        verbose_name_plural = _("ngày điều chỉnh lịch")

    def __str__(self) -> str:
        return f"{dates.day(self.date)} — {self.get_kind_display()}: {self.reason}"

    def clean(self) -> None:
        super().clean()
        if self.date and not FIRST_YEAR <= self.date.year <= LAST_YEAR:
            raise ValidationError(
                {"date": _("Chỉ nhận các năm từ %(first)s đến %(last)s.")
                 % {"first": FIRST_YEAR, "last": LAST_YEAR}}
            )


class CalendarYear(NFCModel):
    """Whether a system administrator has confirmed a year's days off and swapped days.

    The government announces each year's swaps during the year before; until a year is
    confirmed, deadlines falling in it are computed from what is known and may move (they
    are recomputed on every calendar change). A year with no row is unconfirmed; withdrawing
    a confirmation keeps the row, its history is in the audit log.
    """

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    legal_basis = models.TextField(
        _("văn bản công bố"), blank=True,
        help_text=_("Văn bản công bố lịch nghỉ lễ, Tết và các ngày hoán đổi của năm."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("xác nhận lịch năm")
        verbose_name_plural = _("xác nhận lịch năm")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    def clean(self) -> None:
        super().clean()
        if self.year is not None and not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValidationError(
                {"year": _("Chỉ nhận các năm từ %(first)s đến %(last)s.")
                 % {"first": FIRST_YEAR, "last": LAST_YEAR}}
            )
