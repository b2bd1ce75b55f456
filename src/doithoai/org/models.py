"""Who is who: administrative units, agencies, their units and villages, people and roles.

Every scoped model names the paths to its agency, unit and village in `scope_paths`; the
permission layer (`org.access`) reads them to filter what a user may see and change.
"""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from doithoai.db import NFCModel


class AdministrativeUnit(NFCModel):
    """A province or commune of the official list (2025 two-level model)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        COMMUNE = "commune", _("Cấp xã")

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh")
        CITY = "thanh-pho", _("Thành phố trực thuộc trung ương")
        COMMUNE = "xa", _("Xã")
        WARD = "phuong", _("Phường")
        SPECIAL_ZONE = "dac-khu", _("Đặc khu")

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    codename = models.CharField(_("tên mã"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "parent"])]

    def __str__(self) -> str:
        return self.name


# Office hours in most communes (the agency sets its own): stored data, plain Vietnamese.
DEFAULT_RECEPTION_HOURS = ("Sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ, từ thứ Hai "
                           "đến thứ Sáu (trừ ngày nghỉ lễ, Tết)")


class Agency(NFCModel):
    """A People's Committee (commune or province) that runs dialogues or oversees them."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Cấp tỉnh")
        COMMUNE = "commune", _("Cấp xã")

    code = models.SlugField(_("mã cơ quan"), max_length=60, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    admin_unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("đơn vị hành chính"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="agencies",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("cơ quan cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    header_parent = models.CharField(
        _("cơ quan chủ quản (dòng đầu tiêu đề)"), max_length=200, blank=True,
        help_text=_("Để trống nếu văn bản không ghi cơ quan chủ quản."),
    )
    header_issuer = models.CharField(
        _("tên cơ quan ban hành trên tiêu đề"), max_length=200,
        help_text=_("Các dòng in cách nhau bằng dấu “/”, ví dụ: ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE."),
    )
    symbol = models.CharField(_("ký hiệu cơ quan"), max_length=20, default="UBND")
    place_name = models.CharField(
        _("địa danh ghi ngày tháng"), max_length=80,
        help_text=_("Ví dụ: Điềm He (in thành “Điềm He, ngày … tháng … năm …”)."),
    )
    address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    # Told to citizens on the tracking page beside the address and phone (plain Vietnamese).
    reception_hours = models.CharField(
        _("giờ tiếp nhận, tiếp công dân"), max_length=250, default=DEFAULT_RECEPTION_HOURS,
        help_text=_("Ghi như người dân đọc, ví dụ: Sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 "
                    "– 17 giờ, từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết)."))
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    scope_paths = {"agency": "pk", "unit": None, "village": None}

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def header_issuer_lines(self) -> list[str]:
        return [line.strip() for line in self.header_issuer.split("/") if line.strip()]


class Unit(NFCModel):
    """A body of an agency that answers or helps: office, department, police, Front, …"""

    class Kind(models.TextChoices):
        OFFICE = "office", _("Văn phòng")
        DEPARTMENT = "department", _("Phòng chuyên môn")
        SERVICE_CENTRE = "service", _("Trung tâm, đơn vị sự nghiệp")
        POLICE = "police", _("Công an")
        MILITARY = "military", _("Quân sự")
        HEALTH = "health", _("Y tế")
        SCHOOL = "school", _("Trường học")
        PARTY = "party", _("Cấp ủy Đảng")
        COUNCIL = "council", _("Hội đồng nhân dân")
        FRONT = "front", _("Mặt trận Tổ quốc")
        MASS_ORGANISATION = "mass", _("Tổ chức chính trị - xã hội")
        EXTERNAL = "external", _("Cơ quan bên ngoài")

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="units"
    )
    code = models.SlugField(_("mã"), max_length=60)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(
        _("tên viết tắt"), max_length=40, blank=True, help_text=_("Dùng trong “Lưu: VT, …”.")
    )
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="members",
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    scope_paths = {"agency": "agency", "unit": "pk", "village": None}

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_per_agency")
        ]

    def __str__(self) -> str:
        return self.name


class Village(NFCModel):
    """A village or residential group of a commune (thôn, bản, tổ dân phố, …)."""

    class Kind(models.TextChoices):
        THON = "thon", _("Thôn")
        BAN = "ban", _("Bản")
        LANG = "lang", _("Làng")
        AP = "ap", _("Ấp")
        TO_DAN_PHO = "to-dan-pho", _("Tổ dân phố")
        KHU_PHO = "khu-pho", _("Khu phố")

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="villages"
    )
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.THON)
    households = models.PositiveIntegerField(_("số hộ"), null=True, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    scope_paths = {"agency": "agency", "unit": None, "village": "pk"}

    class Meta:
        verbose_name = _("thôn, tổ dân phố")
        verbose_name_plural = _("thôn, tổ dân phố")
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="village_name_unique_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(NFCModel):
    """Someone the process names: an official, a village role holder, a citizen delegate."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="people"
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="people",
    )
    village = models.ForeignKey(
        Village, verbose_name=_("thôn"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="people",
    )
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    scope_paths = {"agency": "agency", "unit": "unit", "village": "village"}

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["agency", "full_name"]

    def __str__(self) -> str:
        return self.full_name

    def clean(self):
        if self.unit_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan này.")})
        if self.village_id and self.village.agency_id != self.agency_id:
            raise ValidationError({"village": _("Thôn không thuộc cơ quan này.")})

    @property
    def name_and_position(self) -> str:
        """"Lý Thị Dương, Chủ tịch UBND xã": an official as the documents and the minutes name
        one ("" without a name)."""
        name = self.full_name.strip()
        if not name:
            return ""
        position = self.position.strip()
        return name + (f", {position}" if position else "")


class User(NFCModel, AbstractUser):
    """An account. What it may see and do comes from its memberships."""

    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    person = models.OneToOneField(
        Person, verbose_name=_("cá nhân"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="user",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    CLERK = "clerk", _("Văn phòng (thư ký)")
    LEADER = "leader", _("Lãnh đạo UBND")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đơn vị")
    FRONT_OFFICER = "front_officer", _("Cán bộ Mặt trận")
    VILLAGE_HEAD = "village_head", _("Trưởng thôn")
    SUPERVISOR = "supervisor", _("Giám sát (đại biểu HĐND)")
    OVERSEER = "overseer", _("Theo dõi cấp tỉnh")


class Membership(models.Model):
    """A role a user holds in a scope: an agency, and for some roles one unit or village."""

    user = models.ForeignKey(
        User, verbose_name=_("tài khoản"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="memberships",
    )
    village = models.ForeignKey(
        Village, verbose_name=_("thôn"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="memberships",
    )
    title = models.CharField(_("chức danh"), max_length=120, blank=True)
    is_active = models.BooleanField(_("còn hiệu lực"), default=True)

    scope_paths = {"agency": "agency", "unit": "unit", "village": "village"}

    class Meta:
        verbose_name = _("vai trò của tài khoản")
        verbose_name_plural = _("vai trò của tài khoản")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency", "unit", "village"],
                name="membership_unique",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        where = self.village or self.unit or self.agency or _("toàn hệ thống")
        return f"{self.get_role_display()} — {where}"

    def clean(self):
        errors = {}
        if self.role != Role.ADMIN and not self.agency_id:
            errors["agency"] = _("Vai trò này cần gắn với một cơ quan.")
        if self.role == Role.UNIT_OFFICER and not self.unit_id:
            errors["unit"] = _("Cán bộ đơn vị cần chọn đơn vị.")
        if self.role == Role.VILLAGE_HEAD and not self.village_id:
            errors["village"] = _("Trưởng thôn cần chọn thôn.")
        is_province = self.agency_id and self.agency.level == Agency.Level.PROVINCE
        if self.role == Role.OVERSEER and self.agency_id and not is_province:
            errors["agency"] = _("Theo dõi cấp tỉnh phải gắn với cơ quan cấp tỉnh.")
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            errors["unit"] = _("Đơn vị không thuộc cơ quan này.")
        if self.village_id and self.agency_id and self.village.agency_id != self.agency_id:
            errors["village"] = _("Thôn không thuộc cơ quan này.")
        if errors:
            raise ValidationError(errors)
