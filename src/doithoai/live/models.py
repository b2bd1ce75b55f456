"""The live room: a conference's session in the hall and its speaker queue (R20–R23).

A Session is opened on the conference day; speakers register (paper form typed by the
secretary, a citizen's phone through the hall's QR code, or an opinion sent before that the
chair wants heard) and are called in registration order unless the chair moves someone, with
a reason. Every change goes through `live.actions`, one transaction and one audit event
each. A registration sent twice (a phone retrying, the secretary's console resending after a
dropped connection) carries the same `client_key` and is stored once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import PROCEDURE_KINDS
from doithoai.db import NFCModel
from doithoai.dialogues.models import AgendaItem, Conference
from doithoai.org.models import Village
from doithoai.petitions.models import Kind

SESSION_SCOPE = {"agency": "conference__agency", "unit": None, "village": None}
REGISTRATION_SCOPE = {"agency": "session__conference__agency", "unit": None, "village": None}


class Session(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Đang họp")
        CLOSED = "closed", _("Đã kết thúc")

    conference = models.OneToOneField(Conference, verbose_name=_("hội nghị"),
                                      on_delete=models.PROTECT, related_name="live_session")
    state = models.CharField(_("trạng thái"), max_length=8, choices=State.choices,
                             default=State.OPEN)
    current_item = models.ForeignKey(AgendaItem, verbose_name=_("mục đang diễn ra"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    item_started_at = models.DateTimeField(_("bắt đầu mục lúc"), null=True, blank=True)
    # Seconds already spent on each programme item left (by its id): going back to an item
    # resumes its clock instead of starting it again.
    item_seconds = models.JSONField(_("thời gian đã dùng của từng mục"), default=dict,
                                    blank=True)
    speaker_minutes = models.PositiveSmallIntegerField(_("thời gian mỗi lượt phát biểu (phút)"),
                                                       default=5)
    opened_at = models.DateTimeField(_("mở phiên lúc"), auto_now_add=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người mở phiên"),
                                  null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    scope_paths = SESSION_SCOPE

    class Meta:
        verbose_name = _("phiên họp")
        verbose_name_plural = _("phiên họp")

    def __str__(self) -> str:
        return str(self.conference)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class Registration(NFCModel):
    """Someone asking for the floor."""

    class Source(models.TextChoices):
        PAPER = "paper", _("Phiếu đăng ký (thư ký nhập)")
        QR = "qr", _("Tự đăng ký qua mã QR")
        PRIOR = "prior", _("Ý kiến gửi trước, chủ trì mời trình bày")

    class State(models.TextChoices):
        WAITING = "waiting", _("Đang chờ")
        SPEAKING = "speaking", _("Đang phát biểu")
        DONE = "done", _("Đã phát biểu")
        WITHDRAWN = "withdrawn", _("Đã rút")

    session = models.ForeignKey(Session, verbose_name=_("phiên họp"), on_delete=models.PROTECT,
                                related_name="registrations")
    number = models.PositiveIntegerField(_("số thứ tự đăng ký"))
    # The queue's order: the registration number unless the chair moved someone (R20).
    position = models.DecimalField(_("thứ tự trong hàng chờ"), max_digits=12, decimal_places=4)
    source = models.CharField(_("nguồn"), max_length=8, choices=Source.choices)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    village = models.ForeignKey(Village, verbose_name=_("thôn"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(_("nội dung muốn phát biểu"), max_length=300, blank=True)
    # Asked not to be named before the hall (or a denunciation, set as soon as the words say
    # so): the hall screen shows "Người phát biểu số N", nothing else (`is_confidential`).
    confidential = models.BooleanField(_("không nêu tên trước hội trường"), default=False)
    petition = models.ForeignKey("petitions.Petition", verbose_name=_("ý kiến, kiến nghị"),
                                 null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="live_registrations")
    # Sent by the console or the phone: one key, one row.
    client_key = models.CharField(_("mã gửi của thiết bị"), max_length=64, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices,
                             default=State.WAITING)
    called_at = models.DateTimeField(_("được mời lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    # The chair's conclusion on the matter this speaker raised (R21), read into the minutes
    # and drafted into the conclusion notice.
    conclusion = models.TextField(_("kết luận của chủ trì"), blank=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    scope_paths = REGISTRATION_SCOPE

    class Meta:
        verbose_name = _("đăng ký phát biểu")
        verbose_name_plural = _("đăng ký phát biểu")
        ordering = ["session", "position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"],
                                    name="live_registration_number_unique"),
            models.UniqueConstraint(fields=["session", "client_key"],
                                    condition=~models.Q(client_key=""),
                                    name="live_registration_client_key_unique"),
            models.UniqueConstraint(fields=["session", "petition"],
                                    condition=models.Q(petition__isnull=False),
                                    name="live_registration_petition_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.full_name}"

    @property
    def is_denunciation(self) -> bool:
        """A denunciation by the words typed or recorded, or by the kind set on its petition
        (the petition, when there is one, read as it is now)."""
        if suggested_kind(self.topic) == DENUNCIATION:
            return True
        petition = self.petition if self.petition_id else None
        return petition is not None and (petition.kind == Kind.DENUNCIATION
                                         or suggested_kind(petition.text) == DENUNCIATION)

    @property
    def registered_kind(self) -> str:
        """The kind the registration suggests before anything is recorded ("" none): the
        topic's words, or the kind of the opinion sent before. A record typed without a
        connection starts there (`_offline_record.html`)."""
        petition = self.petition if self.petition_id else None
        if petition is not None and petition.kind in PROCEDURE_KINDS:
            return petition.kind
        return suggested_kind(self.topic) or ""

    @property
    def is_confidential(self) -> bool:
        """Not to be named before the hall or the public: asked for, a denunciation (the
        denouncer's identity is confidential, docs/law.md#complaints-and-denunciations), or
        an opinion sent before whose sender asked not to be named."""
        if self.confidential or self.is_denunciation:
            return True
        return bool(self.petition_id) and any(
            p.anonymous_to_public for p in self.petition.petitioners.all())


class Minutes(NFCModel):
    """The session's minutes (R23): drafted live from the record, the chair's overall
    conclusion and the secretary's notes editable until they are read and adopted; adoption
    freezes what the Biên bản prints (`content`) and nothing changes afterwards."""

    session = models.OneToOneField(Session, verbose_name=_("phiên họp"),
                                   on_delete=models.PROTECT, related_name="minutes")
    conclusion = models.TextField(_("kết luận của chủ trì hội nghị"), blank=True)
    notes = models.TextField(_("diễn biến khác"), blank=True)
    adopted_at = models.DateTimeField(_("thông qua lúc"), null=True, blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ghi nhận"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # What the Biên bản prints, frozen at adoption: speakers with their answers, the time the
    # session ended, the attendance.
    content = models.JSONField(_("nội dung đã thông qua"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)

    scope_paths = {"agency": "session__conference__agency", "unit": None, "village": None}

    class Meta:
        verbose_name = _("biên bản phiên họp")
        verbose_name_plural = _("biên bản phiên họp")

    def __str__(self) -> str:
        return str(self.session)

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None


class ConsoleRequest(models.Model):
    """A change sent from the console or the chair's tablet, by its key: a request resent
    after a dropped connection is recognised and not done twice."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    client_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "client_key"],
                                               name="live_console_request_once")]

    def __str__(self) -> str:
        return self.client_key
