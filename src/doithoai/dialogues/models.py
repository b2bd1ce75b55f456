"""Plans and conferences: the yearly plan, its conferences, every step before and after.

A Plan (kế hoạch) holds the sections of the seed plans, its deadline settings, its composition
of participants and the tasks per unit; it holds one or more Conferences. A conference carries
its programme (AgendaItem), its milestones (statutory steps and the plan's tasks, each with unit,
rule and proof), the villages' returns, delegates and invitations, and the units' prepared
answers. States (`dialogues.choices`) move only through `dialogues.actions`, each audited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.core import deadlines, milestones
from doithoai.db import NFCModel
from doithoai.dialogues import choices
from doithoai.dialogues.choices import Mode
from doithoai.org.models import Agency, Person, Unit, Village

# Rows that belong to a plan or a conference are seen and changed as their agency's data.
PLAN_SCOPE = {"agency": "plan__agency", "unit": None, "village": None}
CONFERENCE_SCOPE = {"agency": "conference__agency", "unit": None, "village": None}


def _recorded_by(label):
    """Who recorded a step: a staff account, kept as none once the account is deleted."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=label, null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")


class Plan(NFCModel):
    Kind, AdHocBasis = choices.PlanKind, choices.AdHocBasis
    State, SignerCapacity = choices.PlanState, choices.SignerCapacity

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="plans")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại kế hoạch"), max_length=10, choices=Kind.choices,
                            default=Kind.PERIODIC)
    ad_hoc_basis = models.CharField(_("căn cứ tổ chức đột xuất"), max_length=10,
                                    choices=AdHocBasis.choices, blank=True)
    title = models.CharField(_("trích yếu"), max_length=300)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices,
                             default=State.DRAFT)
    # Sections of the document, prefilled by `dialogues.defaults` and edited by the office.
    legal_bases = models.TextField(_("căn cứ ban hành"), help_text=_("Mỗi căn cứ một dòng."))
    preamble = models.TextField(_("câu dẫn"), blank=True)
    purposes = models.TextField(_("mục đích"))
    requirements = models.TextField(_("yêu cầu"))
    form = models.TextField(_("hình thức"))
    time_text = models.TextField(_("thời gian"))
    venue = models.CharField(_("địa điểm"), max_length=250)
    content = models.TextField(_("nội dung"), help_text=_("Mỗi nội dung một dòng."))
    programme = models.TextField(_("chương trình hội nghị"),
                                 help_text=_("Mỗi mục một dòng, theo thứ tự."))
    banner = models.TextField(_("nội dung trang trí khánh tiết"), blank=True)
    rules = models.TextField(_("nội quy hội nghị"), blank=True)
    coordination = models.TextField(_("công tác phối hợp"), blank=True)
    budget = models.TextField(_("kinh phí thực hiện"))
    budget_source = models.CharField(_("nguồn kinh phí"), max_length=250)
    recipients = models.TextField(_("nơi nhận"), help_text=_("Mỗi nơi nhận một dòng."))
    signer = models.ForeignKey(Person, verbose_name=_("người ký"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    signer_capacity = models.CharField(_("thẩm quyền ký"), max_length=4,
                                       choices=SignerCapacity.choices, default=SignerCapacity.TM)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=80, default="CHỦ TỊCH")
    # Deadline settings (docs/law.md#conference-deadlines): the law's and the seeds' defaults,
    # editable per plan.
    announce_days_before = models.PositiveSmallIntegerField(
        _("thông báo công khai trước hội nghị (ngày)"),
        default=milestones.Settings.announce_days_before)
    invite_workdays_before = models.PositiveSmallIntegerField(
        _("gửi giấy mời trước hội nghị (ngày làm việc)"),
        default=milestones.Settings.invite_workdays_before)
    village_days_before = models.PositiveSmallIntegerField(
        _("thôn gửi ý kiến và danh sách đại biểu trước hội nghị (ngày)"),
        default=milestones.Settings.village_days_before)
    conclusion_workdays_after = models.PositiveSmallIntegerField(
        _("ban hành thông báo kết luận sau hội nghị (ngày làm việc)"),
        default=milestones.Settings.conclusion_workdays_after)
    results_days_after = models.PositiveSmallIntegerField(
        _("công bố kết quả sau hội nghị (ngày)"),
        default=milestones.Settings.results_days_after)
    answer_workdays = models.PositiveSmallIntegerField(
        _("trả lời bằng văn bản (ngày làm việc)"), default=milestones.Settings.answer_workdays)
    complex_answer_workdays = models.PositiveSmallIntegerField(
        _("trả lời vụ việc phức tạp (ngày làm việc)"),
        default=milestones.Settings.complex_answer_workdays)
    # The day the province set for the year's report (help: the plan form).
    yearly_report_due_on = models.DateField(_("hạn gửi báo cáo kết quả năm"), null=True,
                                            blank=True)
    # Issuing: the number comes from the paper register until the documents issue numbers it.
    number = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    published_on = models.DateField(_("ngày công khai"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người lập"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    scope_paths = {"agency": "agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["agency", "year"])]

    def __str__(self) -> str:
        return self.title

    @property
    def settings(self) -> milestones.Settings:
        return milestones.Settings(**{
            name: getattr(self, name) for name in milestones.Settings.__dataclass_fields__})

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]


class ParticipantGroup(NFCModel):
    """One line of the plan's composition (thành phần): who is invited, how many."""

    Side = choices.ParticipantSide

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE,
                             related_name="groups")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    side = models.CharField(_("nhóm"), max_length=10, choices=Side.choices)
    label = models.CharField(_("thành phần"), max_length=250)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(
        _("số đại biểu"), default=1,
        help_text=_("Với đại biểu thôn và đại diện Nhân dân: số người mỗi thôn."))

    scope_paths = PLAN_SCOPE

    class Meta:
        verbose_name = _("thành phần tham dự")
        verbose_name_plural = _("thành phần tham dự")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def per_village(self) -> bool:
        return self.side in (self.Side.VILLAGE, self.Side.CITIZEN)


class PlanTask(NFCModel):
    """A task of the plan's "tổ chức thực hiện" for one unit, tracked per conference."""

    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), on_delete=models.CASCADE,
                             related_name="tasks")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT,
                             related_name="+")
    text = models.TextField(_("nhiệm vụ"))
    offset_days = models.SmallIntegerField(
        _("hạn (ngày so với ngày hội nghị)"), null=True, blank=True,
        help_text=_("Số âm: trước hội nghị; số dương: sau hội nghị; để trống nếu không "
                    "theo dõi hạn."))

    scope_paths = PLAN_SCOPE

    class Meta:
        verbose_name = _("nhiệm vụ của đơn vị")
        verbose_name_plural = _("nhiệm vụ của đơn vị")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.text[:60]}"


class Conference(NFCModel):
    State = choices.ConferenceState

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT,
                               related_name="conferences")
    plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="conferences")
    title = models.CharField(_("tên hội nghị"), max_length=250)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices,
                             default=State.PLANNED)
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True,
                               help_text=_("Để trống nếu chưa ấn định (thông báo sau)."))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=250, blank=True)
    mode = models.CharField(_("hình thức"), max_length=10, choices=Mode.choices,
                            default=Mode.IN_PERSON)
    online_link = models.URLField(_("đường dẫn trực tuyến"), blank=True)
    hall_capacity = models.PositiveIntegerField(_("sức chứa hội trường (người)"), null=True,
                                                blank=True)
    chair = models.ForeignKey(Person, verbose_name=_("chủ trì"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    co_chair = models.ForeignKey(
        Person, verbose_name=_("đồng chủ trì (đại diện Thường trực HĐND)"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey(Person, verbose_name=_("thư ký"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    villages = models.ManyToManyField(
        Village, verbose_name=_("thôn, tổ dân phố tham gia"), blank=True, related_name="+",
        help_text=_("Để trống: toàn xã. Xã lớn có thể tổ chức theo cụm thôn."))
    topics = models.TextField(_("nội dung trọng tâm"), blank=True)
    speaker_minutes = models.PositiveSmallIntegerField(_("thời gian mỗi lượt phát biểu (phút)"),
                                                       default=5)
    answer_workdays = models.PositiveSmallIntegerField(
        _("hạn trả lời (ngày làm việc)"), default=deadlines.ANSWER_WORKDAYS)
    complex_answer_workdays = models.PositiveSmallIntegerField(
        _("hạn trả lời vụ việc phức tạp (ngày làm việc)"),
        default=deadlines.COMPLEX_ANSWER_WORKDAYS)
    # After the session: the outcome (by hand until the live room records the minutes), the
    # conclusion notice, the end.
    outcome = models.TextField(_("kết quả hội nghị"), blank=True)
    attendance = models.PositiveIntegerField(_("số người dự"), null=True, blank=True)
    held_recorded_at = models.DateTimeField(_("thời điểm ghi nhận đã tổ chức"), null=True,
                                            blank=True)
    conclusion_number = models.CharField(_("số thông báo kết luận"), max_length=40, blank=True)
    concluded_on = models.DateField(_("ngày thông báo kết luận"), null=True, blank=True)
    conclusion = models.TextField(_("nội dung kết luận"), blank=True)
    results_published_on = models.DateField(_("ngày công bố kết quả"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm hoàn thành"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True, null=True)
    version = models.PositiveIntegerField(default=1)
    # What was raised at it or collected for it: the conference owns these links, so that a
    # petition or a batch exists without one. `Petition.objects.filter(conference=…)` reads them.
    petitions = models.ManyToManyField(
        "petitions.Petition", through="ConferencePetition", related_name="conferences",
        related_query_name="conference", blank=True)
    intake_batches = models.ManyToManyField(
        "petitions.IntakeBatch", through="ConferenceBatch", related_name="conferences",
        related_query_name="conference", blank=True)

    scope_paths = {"agency": "agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("hội nghị đối thoại")
        verbose_name_plural = _("hội nghị đối thoại")
        ordering = ["-held_on", "title"]
        indexes = [models.Index(fields=["agency", "held_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def state_label(self) -> str:
        """The state as people say it: "Đang họp" while its session is open in the hall
        (still "planned" until the minutes are adopted), else the state's name."""
        session = getattr(self, "live_session", None)  # the live room's, when opened
        if self.state == self.State.PLANNED and session is not None and session.is_open:
            return str(_("Đang họp"))
        return self.get_state_display()


class ConferencePetition(models.Model):
    """A petition raised at a conference or collected for it (at most one conference)."""

    conference = models.ForeignKey(Conference, verbose_name=_("hội nghị"),
                                   on_delete=models.PROTECT, related_name="petition_links")
    petition = models.OneToOneField("petitions.Petition", verbose_name=_("ý kiến, kiến nghị"),
                                    on_delete=models.CASCADE, related_name="conference_link")

    scope_paths = CONFERENCE_SCOPE

    class Meta:
        verbose_name = _("ý kiến của hội nghị")
        verbose_name_plural = _("ý kiến của hội nghị")

    def __str__(self) -> str:
        return f"{self.conference} — {self.petition}"


class ConferenceBatch(models.Model):
    """An intake batch whose opinions are collected for a conference."""

    conference = models.ForeignKey(Conference, verbose_name=_("hội nghị"),
                                   on_delete=models.PROTECT, related_name="batch_links")
    batch = models.OneToOneField("petitions.IntakeBatch", verbose_name=_("đợt tiếp nhận"),
                                 on_delete=models.CASCADE, related_name="conference_link")

    scope_paths = CONFERENCE_SCOPE

    class Meta:
        verbose_name = _("đợt tiếp nhận của hội nghị")
        verbose_name_plural = _("đợt tiếp nhận của hội nghị")

    def __str__(self) -> str:
        return f"{self.conference} — {self.batch}"

class AgendaItem(NFCModel):
    """One item of a conference's programme, in order, with its planned duration."""

    conference = models.ForeignKey(Conference, verbose_name=_("hội nghị"),
                                   on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("nội dung"), max_length=300)
    presenter = models.CharField(_("người trình bày"), max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(_("thời lượng (phút)"), default=10)

    scope_paths = CONFERENCE_SCOPE

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình hội nghị")
        ordering = ["conference", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Milestone(NFCModel):
    """A step with a deadline: a statutory one, or a plan task of a unit."""

    Kind = choices.MilestoneKind

    conference = models.ForeignKey(Conference, verbose_name=_("hội nghị"),
                                   on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    task = models.ForeignKey(PlanTask, verbose_name=_("nhiệm vụ"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="milestones")
    title = models.CharField(_("việc"), max_length=300)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị chịu trách nhiệm"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="milestones")
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    rule = models.CharField(_("căn cứ tính hạn"), max_length=300, blank=True)
    is_legal = models.BooleanField(_("hạn theo luật"), default=False)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_by = _recorded_by(_("người xác nhận"))
    done_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)
    proof = models.TextField(_("minh chứng"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    scope_paths = {"agency": "conference__agency", "unit": "unit", "village": None}

    class Meta:
        verbose_name = _("mốc thời gian")
        verbose_name_plural = _("mốc thời gian")
        ordering = ["conference", "due_on", "order", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["conference", "kind"], condition=~models.Q(kind="task"),
            name="one_statutory_milestone_per_kind")]

    def __str__(self) -> str:
        return self.title


class VillageReturn(NFCModel):
    """What a village sends before the conference: its opinions and its delegate list."""

    conference = models.ForeignKey(Conference, verbose_name=_("hội nghị"),
                                   on_delete=models.CASCADE, related_name="village_returns")
    village = models.ForeignKey(Village, verbose_name=_("thôn"), on_delete=models.PROTECT,
                                related_name="+")
    citizen_seats = models.PositiveSmallIntegerField(
        _("số đại diện Nhân dân"), null=True, blank=True,
        help_text=_("Để trống: theo kế hoạch."))
    opinions_sent_at = models.DateTimeField(_("thời điểm gửi ý kiến"), null=True, blank=True)
    opinions_sent_by = _recorded_by(_("người ghi thôn gửi ý kiến"))
    opinions_late = models.BooleanField(
        _("gửi ý kiến sau hạn"), default=False,
        help_text=_("Ghi lúc thôn gửi, theo hạn đang áp dụng khi đó."))
    delegates_sent_at = models.DateTimeField(_("thời điểm gửi danh sách đại biểu"), null=True,
                                             blank=True)
    delegates_sent_by = _recorded_by(_("người ghi thôn gửi danh sách"))
    delegates_late = models.BooleanField(
        _("gửi danh sách sau hạn"), default=False,
        help_text=_("Ghi lúc thôn gửi, theo hạn đang áp dụng khi đó."))

    scope_paths = {"agency": "conference__agency", "unit": None, "village": "village"}

    class Meta:
        verbose_name = _("phần gửi của thôn")
        verbose_name_plural = _("phần gửi của thôn")
        ordering = ["conference", "village__order", "village__name"]
        constraints = [models.UniqueConstraint(fields=["conference", "village"],
                                               name="one_return_per_village")]

    def __str__(self) -> str:
        return str(self.village)


class Delegate(NFCModel):
    """Someone invited to a conference: from the composition, a village list, or added."""

    conference = models.ForeignKey(Conference, verbose_name=_("hội nghị"),
                                   on_delete=models.CASCADE, related_name="delegates")
    group = models.ForeignKey(ParticipantGroup, verbose_name=_("thành phần"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="delegates")
    side = models.CharField(_("nhóm"), max_length=10, choices=ParticipantGroup.Side.choices)
    village = models.ForeignKey(Village, verbose_name=_("thôn"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True,
                                 help_text=_("Để trống khi mời đại diện một đơn vị."))
    position = models.CharField(_("chức vụ, thành phần"), max_length=250, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    added_by = _recorded_by(_("người thêm"))
    created_at = models.DateTimeField(_("thời điểm thêm"), auto_now_add=True)

    scope_paths = {"agency": "conference__agency", "unit": None, "village": "village"}

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["conference", "side", "village__order", "pk"]
        indexes = [models.Index(fields=["conference", "side", "village"])]

    def __str__(self) -> str:
        return self.full_name or self.position

    @property
    def addressee(self) -> str:
        """How the invitation names the person: "Ông/Bà …" is the document's business."""
        if self.full_name and self.position:
            return f"{self.full_name} — {self.position}"
        return self.full_name or self.position


class Invitation(NFCModel):
    """The invitation of one delegate: sent, answered, and the check-in at the door."""

    State = choices.InvitationState

    delegate = models.OneToOneField(Delegate, verbose_name=_("đại biểu"),
                                    on_delete=models.CASCADE, related_name="invitation")
    code = models.CharField(_("mã điểm danh"), max_length=9, unique=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices,
                             default=State.PREPARED)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    sent_late = models.BooleanField(_("gửi sau hạn"), default=False)
    needs_resend = models.BooleanField(
        _("cần gửi lại"), default=False,
        help_text=_("Ngày, giờ hoặc địa điểm đã đổi sau khi giấy mời được gửi."))
    responded_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("thời điểm điểm danh"), null=True, blank=True)
    checked_in_by = _recorded_by(_("người điểm danh"))

    scope_paths = {"agency": "delegate__conference__agency", "unit": None,
                   "village": "delegate__village"}

    class Meta:
        verbose_name = _("giấy mời")
        verbose_name_plural = _("giấy mời")
        indexes = [models.Index(fields=["checked_in_at"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.delegate}"


class PreparedAnswer(NFCModel):
    """What a unit will answer at the conference to a petition (or to its issue)."""

    conference = models.ForeignKey(Conference, verbose_name=_("hội nghị"),
                                   on_delete=models.CASCADE, related_name="prepared_answers")
    petition = models.ForeignKey("petitions.Petition", verbose_name=_("ý kiến"),
                                 on_delete=models.CASCADE, related_name="prepared_answers")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="prepared_answers")
    text = models.TextField(_("nội dung dự kiến trả lời"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người gửi"),
                                     null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("thời điểm gửi"), auto_now=True)

    scope_paths = {"agency": "conference__agency", "unit": "unit", "village": None}

    class Meta:
        verbose_name = _("nội dung chuẩn bị trả lời")
        verbose_name_plural = _("nội dung chuẩn bị trả lời")
        constraints = [models.UniqueConstraint(fields=["conference", "petition"],
                                               name="one_prepared_answer_per_petition")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.text[:60]}"


class PlanRequest(NFCModel):
    """The level above asks a commune to make its plan for a year (R03)."""

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan được đề nghị"),
                               on_delete=models.PROTECT, related_name="plan_requests")
    year = models.PositiveSmallIntegerField(_("năm"))
    message = models.TextField(_("nội dung đề nghị"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"),
                                     null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), auto_now_add=True)

    scope_paths = {"agency": "agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("đề nghị xây dựng kế hoạch")
        verbose_name_plural = _("đề nghị xây dựng kế hoạch")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.agency} — {self.year}"
