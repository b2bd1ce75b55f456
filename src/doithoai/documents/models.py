"""Official documents: the numbering register, issued (frozen) documents, agencies' templates.

A number is taken from a DocumentRegister (sổ đăng ký văn bản: one per agency, year and
register code — the type abbreviation, "CV" for công văn) only when a document is issued,
under a row lock: never reused, never duplicated. An issued Document keeps its .docx and the
file's SHA-256; it never changes again (a correction is a new document that references it).
Drafts are rendered live from their object and are not stored, except a correction's draft.
Everything changes only through `documents.actions`, each change audited.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.core import dates
from doithoai.core.text import fold
from doithoai.db import NFCModel
from doithoai.org.models import Agency

AGENCY_SCOPE = {"agency": "agency", "unit": None, "village": None}
# The register of documents that have no type abbreviation (công văn).
LETTER_REGISTER = "CV"


def register_code(abbreviation: str) -> str:
    return abbreviation or LETTER_REGISTER


class DocumentRegister(models.Model):
    """One numbering sequence: an agency's documents of one register in one year."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="document_registers")
    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("sổ"), max_length=10,
                            help_text=_("Chữ viết tắt loại văn bản (KH, TB, …); CV: công văn."))
    last_number = models.PositiveIntegerField(_("số đã cấp gần nhất"), default=0)

    scope_paths = AGENCY_SCOPE

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        ordering = ["agency", "-year", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "code"],
                                    name="document_register_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year} — {self.agency}"


def issued_upload_to(document: "Document", filename: str) -> str:
    year = document.issued_on.year if document.issued_on else "nhap"
    name = PurePosixPath(filename).name
    return f"documents/{document.agency.code}/{year}/{name}"


class Document(NFCModel):
    """A document of an object (plan, conference, petition…): a stored draft (a correction
    not yet issued) or an issued, numbered and frozen document."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="documents")
    kind = models.CharField(_("loại văn bản"), max_length=40)
    content_type = models.ForeignKey(ContentType, verbose_name=_("loại đối tượng"),
                                     on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    source = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("trích yếu"), max_length=300)
    state = models.CharField(_("trạng thái"), max_length=8, choices=State.choices,
                             default=State.DRAFT)
    register = models.ForeignKey(DocumentRegister, verbose_name=_("sổ"), null=True,
                                 blank=True, on_delete=models.PROTECT,
                                 related_name="documents")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_text = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ban hành"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256 của tệp"), max_length=64, blank=True)
    file = models.FileField(_("tệp .docx đã ban hành"), upload_to=issued_upload_to,
                            max_length=250, blank=True)
    # A report's table as issued (.xlsx), frozen with the .docx: the level above adds up the
    # figures the document states, not today's.
    table_file = models.FileField(_("tệp bảng số liệu .xlsx đã ban hành"),
                                  upload_to=issued_upload_to, max_length=250, blank=True)
    table_sha256 = models.CharField(_("mã băm SHA-256 của bảng số liệu"), max_length=64,
                                    blank=True)
    corrects = models.ForeignKey("self", verbose_name=_("sửa đổi, thay thế văn bản"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="corrected_by")
    correction_reason = models.TextField(_("lý do sửa đổi"), blank=True)
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người lập"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)

    scope_paths = AGENCY_SCOPE

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "kind"]),
            models.Index(fields=["agency", "state", "issued_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"],
                                    name="document_number_unique_per_register"),
            models.UniqueConstraint(fields=["kind", "content_type", "object_id"],
                                    condition=models.Q(state="draft"),
                                    name="document_one_draft_per_object"),
            models.CheckConstraint(
                condition=models.Q(state="draft") | (
                    models.Q(number__isnull=False, register__isnull=False,
                             issued_on__isnull=False) & ~models.Q(sha256="")),
                name="document_issued_is_numbered"),
        ]

    def __str__(self) -> str:
        if self.number_text:
            return f"{self.number_text} — {self.title}"
        return f"{_('Dự thảo')} — {self.title}"

    def save(self, *args, **kwargs):
        self.normalise_texts()
        self.search_text = fold(f"{self.number_text} {self.title}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.state == self.State.ISSUED


def template_upload_to(template: "AgencyTemplate", filename: str) -> str:
    return f"documents/{template.agency.code}/mau/{template.kind}-{template.sha256[:12]}.docx"


class AgencyTemplate(models.Model):
    """An agency's own Word template for one kind of document (checked when uploaded)."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="document_templates")
    kind = models.CharField(_("loại văn bản"), max_length=40)
    file = models.FileField(_("tệp mẫu .docx"), upload_to=template_upload_to, max_length=250)
    original_name = models.CharField(_("tên tệp tải lên"), max_length=200, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"),
                                    null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    scope_paths = AGENCY_SCOPE

    class Meta:
        verbose_name = _("mẫu văn bản của cơ quan")
        verbose_name_plural = _("mẫu văn bản của cơ quan")
        ordering = ["agency", "kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], condition=models.Q(active=True),
                                    name="agency_template_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} — {self.agency} ({dates.day(self.uploaded_at)})"


def _register_actions() -> None:
    from doithoai.audit.labels import register

    register("document.issue", _("Ban hành văn bản (cấp số, lưu bản chính thức)"))
    register("document.correct", _("Lập văn bản sửa đổi, thay thế"))
    register("document.template_upload", _("Tải lên mẫu văn bản của cơ quan"))
    register("document.template_reset", _("Trở lại mẫu văn bản có sẵn"))
    register("document.register_adjust", _("Điều chỉnh số tiếp theo của sổ văn bản"))


_register_actions()
