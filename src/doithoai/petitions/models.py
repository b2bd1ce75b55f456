"""Petitions (ý kiến, kiến nghị, phản ánh) and what hangs on them.

A petition's state moves only through `petitions.actions`, following the table of
`core.petition_flow`; each move is an audit event. `version` guards against two clerks saving
over each other; `submission_key` makes a retried submission land once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.core import dates
from doithoai.core.petition_flow import PROCEDURE_KINDS, STATE_LABELS, State
from doithoai.core.text import fold
from doithoai.db import NFCModel
from doithoai.org.access import NO_VILLAGE
from doithoai.org.models import Agency, Unit, Village

# Rows that belong to a petition are seen and changed exactly as their petition is.
PETITION_SCOPE = {"agency": "petition__agency", "unit": "petition__unit",
                  "village": "petition__village"}


class Field(NFCModel):
    """A field (lĩnh vực) of an agency's taxonomy; codes are stable, names editable."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="fields")
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("tên lĩnh vực"), max_length=120)
    default_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị thường trả lời"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="default_fields")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    scope_paths = {"agency": "agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["agency", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"],
                                               name="field_code_unique_per_agency")]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    OPINION = "opinion", _("Ý kiến, kiến nghị")
    REPORT = "report", _("Phản ánh")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Thường")
    PRESSING = "pressing", _("Cấp thiết")
    URGENT = "urgent", _("Khẩn")


class Channel(models.TextChoices):
    SURVEY_FORM = "survey_form", _("Phiếu lấy ý kiến qua thôn")
    FRONT_SUMMARY = "front_summary", _("Tổng hợp của Mặt trận")
    OFFICE = "office", _("Gửi Văn phòng bằng văn bản")
    ONLINE = "online", _("Gửi trực tuyến")
    CONFERENCE = "conference", _("Phát biểu tại hội nghị")
    HOTLINE = "hotline", _("Đường dây nóng")
    INSPECTORATE = "inspectorate", _("Danh sách của Thanh tra")
    # Registered to speak at the conference, not heard (or withdrew with a topic): received
    # when the session ends, answered in writing (`live.actions.outcomes`).
    REGISTERED = "registered", _("Đăng ký phát biểu tại hội nghị, chưa được trình bày")


class IntakeBatch(NFCModel):
    """A stack of paper or a file that came in together: who brought it, when, from where."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="intake_batches")
    name = models.CharField(_("tên đợt"), max_length=200)
    channel = models.CharField(_("kênh"), max_length=20, choices=Channel.choices)
    village = models.ForeignKey(Village, verbose_name=_("thôn"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="intake_batches")
    received_on = models.DateField(_("ngày nhận"))
    brought_by = models.CharField(_("người chuyển đến"), max_length=200, blank=True)
    file_sha256 = models.CharField(_("mã băm tệp"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    scope_paths = {"agency": "agency", "unit": None, "village": "village"}

    class Meta:
        verbose_name = _("đợt tiếp nhận")
        verbose_name_plural = _("đợt tiếp nhận")
        constraints = [models.UniqueConstraint(
            fields=["agency", "file_sha256"], condition=~models.Q(file_sha256=""),
            name="batch_file_once_per_agency")]

    def __str__(self) -> str:
        return self.name


class Issue(NFCModel):
    """Petitions that raise the same matter, answered once (every petitioner still told)."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="issues")
    title = models.CharField(_("tên vấn đề"), max_length=250)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    scope_paths = {"agency": "agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("vấn đề")
        verbose_name_plural = _("vấn đề")

    def __str__(self) -> str:
        return self.title


class Petition(NFCModel):
    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="petitions")
    tracking_code = models.CharField(_("mã tra cứu"), max_length=9, unique=True)
    text = models.TextField(_("nội dung"))
    search_text = models.TextField(editable=False, default="")
    kind = models.CharField(_("loại"), max_length=14, choices=Kind.choices, default=Kind.OPINION)
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="petitions")
    urgency = models.CharField(_("mức độ"), max_length=10, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    village = models.ForeignKey(Village, verbose_name=_("thôn"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="petitions")
    channel = models.CharField(_("kênh tiếp nhận"), max_length=20, choices=Channel.choices)
    batch = models.ForeignKey(IntakeBatch, verbose_name=_("đợt tiếp nhận"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="petitions")
    source_row = models.PositiveIntegerField(_("dòng trong tệp"), null=True, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tiếp nhận"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    issue = models.ForeignKey(Issue, verbose_name=_("vấn đề"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="petitions")
    state = models.CharField(_("trạng thái"), max_length=24,
                             choices=[(s.value, _(STATE_LABELS[s])) for s in State],
                             default=State.RECEIVED)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị được giao"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="petitions")
    is_complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    due_date = models.DateField(_("hạn trả lời"), null=True, blank=True)
    due_rule = models.CharField(_("quy tắc tính hạn"), max_length=40, blank=True)
    due_rule_label = models.CharField(_("cách tính hạn"), max_length=200, blank=True)
    # Its own answer time, kept when it joins a conference (see `occasions`): working days from
    # the conference's day. Without a day, counted from receipt with the law's defaults.
    conference_day = models.DateField(_("ngày hội nghị (tính hạn)"), null=True, blank=True,
                                      editable=False)
    answer_workdays = models.PositiveSmallIntegerField(
        _("hạn trả lời (ngày làm việc)"), null=True, blank=True, editable=False)
    complex_answer_workdays = models.PositiveSmallIntegerField(
        _("hạn trả lời vụ việc phức tạp (ngày làm việc)"), null=True, blank=True,
        editable=False)
    public_note = models.TextField(
        _("ghi chú công khai"), blank=True,
        help_text=_("Ví dụ: nơi công dân cần liên hệ khi ý kiến không thuộc thẩm quyền."))
    hide_from_public = models.BooleanField(_("không công khai nội dung"), default=False)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                      editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    scope_paths = {"agency": "agency", "unit": "unit", "village": "village"}

    class Meta:
        verbose_name = _("ý kiến, kiến nghị")
        verbose_name_plural = _("ý kiến, kiến nghị")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "state", "due_date"]),
            models.Index(fields=["unit", "state", "due_date"]),
            models.Index(fields=["agency", "village"]),
            models.Index(fields=["agency", "field"]),
            models.Index(fields=["agency", "-received_on"]),
            models.Index(fields=["state", "due_date"]),
        ]
        constraints = [models.UniqueConstraint(
            fields=["batch", "source_row"], condition=models.Q(batch__isnull=False,
                                                              source_row__isnull=False),
            name="petition_row_once_per_batch")]

    def __str__(self) -> str:
        return f"{self.tracking_code}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.search_text = fold(self.text)
        if kwargs.get("update_fields") is not None and "text" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_sensitive(self) -> bool:
        """Denunciations never show their petitioners; complaints keep them private too."""
        return self.kind in PROCEDURE_KINDS


class Petitioner(NFCModel):
    petition = models.ForeignKey(Petition, verbose_name=_("ý kiến"), on_delete=models.CASCADE,
                                 related_name="petitioners")
    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    village = models.ForeignKey(Village, verbose_name=_("thôn"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    # Stronger than not consenting: never named nor placed anywhere public
    # (docs/law.md#complaints-and-denunciations).
    anonymous_to_public = models.BooleanField(_("không công khai tên"), default=False)
    # The citizen's consent to his name (as initials) on the tracking page
    # (docs/law.md#privacy-of-petitioners): asked, never assumed.
    name_public = models.BooleanField(_("đồng ý công khai tên"), default=False)

    scope_paths = PETITION_SCOPE

    class Meta:
        verbose_name = _("người gửi")
        verbose_name_plural = _("người gửi")

    def __str__(self) -> str:
        return self.full_name or str(_("(không ghi tên)"))


class Answer(NFCModel):
    """A written answer (trả lời bằng văn bản): drafted by the unit, approved by a leader,
    then published and sent — kept apart from its publication, as Decidim does."""

    petition = models.ForeignKey(Petition, verbose_name=_("ý kiến"), on_delete=models.PROTECT,
                                 related_name="answers")
    text = models.TextField(_("nội dung trả lời"))
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    attachment = models.FileField(_("tệp đính kèm"), upload_to="answers/%Y/%m/", blank=True)
    at_conference = models.BooleanField(_("trả lời tại hội nghị"), default=False)
    answered_by = models.CharField(_("người trả lời"), max_length=200, blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người soạn"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(_("thời điểm soạn"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)
    is_current = models.BooleanField(_("bản hiện hành"), default=True)

    scope_paths = PETITION_SCOPE

    class Meta:
        verbose_name = _("trả lời")
        verbose_name_plural = _("trả lời")
        ordering = ["-drafted_at"]

    def __str__(self) -> str:
        return f"{self.petition.tracking_code}: {self.text[:60]}"


class AnswerRating(models.Model):
    """The citizen's one tap on a published answer, from the tracking page (no account: the
    tracking code is the key). Once per answer and final: anyone holding the code could
    otherwise flip it; a new answer may be rated again."""

    answer = models.OneToOneField(Answer, verbose_name=_("trả lời"), on_delete=models.PROTECT,
                                  related_name="rating")
    petition = models.ForeignKey(Petition, verbose_name=_("ý kiến"), on_delete=models.PROTECT,
                                 related_name="ratings")
    satisfied = models.BooleanField(_("hài lòng"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    scope_paths = PETITION_SCOPE

    class Meta:
        verbose_name = _("đánh giá trả lời")
        verbose_name_plural = _("đánh giá trả lời")

    def __str__(self) -> str:
        return f"{self.petition.tracking_code}: {self.satisfied_label}"

    @property
    def satisfied_label(self) -> str:
        return str(_("Hài lòng") if self.satisfied else _("Chưa hài lòng"))


class ReopenRequest(NFCModel):
    """The citizen says a published answer did not settle the matter ("Chưa được giải
    quyết"), in his own words: the petition goes back to the office. Once per answer."""

    answer = models.OneToOneField(Answer, verbose_name=_("trả lời"), on_delete=models.PROTECT,
                                  related_name="reopen_request")
    petition = models.ForeignKey(Petition, verbose_name=_("ý kiến"), on_delete=models.PROTECT,
                                 related_name="reopen_requests")
    reason = models.TextField(_("ý kiến của người gửi"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    scope_paths = PETITION_SCOPE

    class Meta:
        verbose_name = _("đề nghị giải quyết lại")
        verbose_name_plural = _("đề nghị giải quyết lại")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.petition.tracking_code}: {self.reason[:60]}"


class Extension(models.Model):
    petition = models.ForeignKey(Petition, verbose_name=_("ý kiến"), on_delete=models.PROTECT,
                                 related_name="extensions")
    old_due_date = models.DateField(_("hạn cũ"), null=True)
    new_due_date = models.DateField(_("hạn mới"))
    reason = models.TextField(_("lý do"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"),
                                     null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    scope_paths = PETITION_SCOPE

    class Meta:
        verbose_name = _("gia hạn")
        verbose_name_plural = _("gia hạn")

    def __str__(self) -> str:
        return f"{self.petition.tracking_code} → {dates.day(self.new_due_date)}"


class Escalation(models.Model):
    petition = models.ForeignKey(Petition, verbose_name=_("ý kiến"), on_delete=models.PROTECT,
                                 related_name="escalations")
    receiving_agency = models.CharField(_("cơ quan tiếp nhận"), max_length=250)
    follow_up_on = models.DateField(_("ngày theo dõi tiếp"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chuyển"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    scope_paths = PETITION_SCOPE

    class Meta:
        verbose_name = _("chuyển cấp trên")
        verbose_name_plural = _("chuyển cấp trên")

    def __str__(self) -> str:
        return f"{self.petition.tracking_code} → {self.receiving_agency}"


class AnswerTemplate(NFCModel):
    """A starting text for answers in a field (the unit edits it for each petition)."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="answer_templates")
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="answer_templates")
    title = models.CharField(_("tên mẫu"), max_length=200)
    text = models.TextField(_("nội dung mẫu"))

    scope_paths = {"agency": "agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("mẫu trả lời")
        verbose_name_plural = _("mẫu trả lời")
        ordering = ["field", "title"]

    def __str__(self) -> str:
        return self.title


class Urge(NFCModel):
    """One urge (đôn đốc) from the office: to a unit about what it owes an answer for, or to
    the leaders about the answers awaiting their approval. Its petitions are its reminders'
    (`Reminder.urge`); a unit's urge is also the source of its written reminder (Công văn đôn
    đốc). Once a day per unit (or per agency's leaders) unless a reason is written."""

    class Target(models.TextChoices):
        UNIT = "unit", _("Đơn vị")
        LEADERS = "leaders", _("Lãnh đạo UBND")

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="urges")
    target = models.CharField(_("đôn đốc"), max_length=8, choices=Target.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="urges")
    urged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đôn đốc"),
                                 null=True, on_delete=models.SET_NULL, related_name="+")
    urged_at = models.DateTimeField(_("thời điểm đôn đốc"))
    urged_on = models.DateField(_("ngày đôn đốc"))
    reason = models.TextField(_("lý do đôn đốc lại trong ngày"), blank=True)
    emails = models.PositiveSmallIntegerField(_("số địa chỉ thư điện tử"), default=0)
    phones = models.PositiveSmallIntegerField(_("số điện thoại nhận tin nhắn"), default=0)
    overdue = models.PositiveIntegerField(_("số ý kiến quá hạn"), default=0)
    due_soon = models.PositiveIntegerField(_("số ý kiến sắp đến hạn"), default=0)

    # It lists the commune's late petitions, of every village: the office's, not a village's.
    scope_paths = {"agency": "agency", "unit": "unit", "village": NO_VILLAGE}

    class Meta:
        verbose_name = _("lần đôn đốc")
        verbose_name_plural = _("lần đôn đốc")
        ordering = ["-urged_at", "-pk"]
        indexes = [models.Index(fields=["agency", "target", "unit", "-urged_at"])]

    def __str__(self) -> str:
        who = self.unit.name if self.unit_id else self.get_target_display()
        return f"Đôn đốc {who} {dates.day(self.urged_on)}"

    @property
    def petitions(self):
        return Petition.objects.filter(reminders__urge=self)


class Reminder(models.Model):
    """A reminder sent (due soon, overdue): one per petition, kind and due date, ever."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Sắp đến hạn")
        OVERDUE = "overdue", _("Quá hạn")
        MANUAL = "manual", _("Đôn đốc")

    petition = models.ForeignKey(Petition, verbose_name=_("ý kiến"), on_delete=models.CASCADE,
                                 related_name="reminders")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    due_date = models.DateField(_("hạn khi nhắc"))
    sent_on = models.DateField(_("ngày nhắc"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhắc"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    urge = models.ForeignKey(Urge, verbose_name=_("lần đôn đốc"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="reminders")

    scope_paths = PETITION_SCOPE

    class Meta:
        verbose_name = _("lần nhắc hạn")
        verbose_name_plural = _("lần nhắc hạn")
        constraints = [models.UniqueConstraint(
            fields=["petition", "kind", "due_date"], condition=~models.Q(kind="manual"),
            name="reminder_once_per_due_date")]
        # The follow-up page's "last urged" of each petition.
        indexes = [models.Index(fields=["petition", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.petition.tracking_code}: {self.get_kind_display()} {dates.day(self.sent_on)}"


class Digest(models.Model):
    """The chairperson's weekly digest of late petitions, sent once per agency and week."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="digests")
    week = models.DateField(_("tuần (thứ Hai)"))
    sent_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    overdue = models.PositiveIntegerField(_("số ý kiến quá hạn"), default=0)
    recipients = models.PositiveSmallIntegerField(_("số người nhận"), default=0)

    scope_paths = {"agency": "agency", "unit": None, "village": NO_VILLAGE}

    class Meta:
        verbose_name = _("bản tổng hợp hằng tuần")
        verbose_name_plural = _("bản tổng hợp hằng tuần")
        constraints = [models.UniqueConstraint(fields=["agency", "week"],
                                               name="digest_once_per_week")]

    def __str__(self) -> str:
        return f"{self.agency} — {dates.day(self.week)}"
