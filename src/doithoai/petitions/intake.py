"""Bringing paper in: batches of survey forms typed from the keyboard, and the summary sheets
of villages and the Front imported from Excel.

Every petition still enters through `services.receive` (tracking code, due date, audit event);
this module decides who may bring what in, checks a whole file before anything is written,
and writes a file in one transaction: all rows or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.core import phone as phone_rules
from doithoai.core.text import fold
from doithoai.dialogues.models import Conference
from doithoai.org.access import INTAKE_ROLES, acting_roles, scope_of, visible
from doithoai.org.models import Agency, Role, Village
from doithoai.petitions import excel, services
from doithoai.petitions.models import (
    Channel,
    Field,
    IntakeBatch,
    Kind,
    Petition,
    Petitioner,
    Urgency,
)

BATCH_CHANNELS = (Channel.SURVEY_FORM, Channel.FRONT_SUMMARY, Channel.OFFICE, Channel.HOTLINE,
                  Channel.INSPECTORATE)
IMPORT_CHANNELS = (Channel.FRONT_SUMMARY, Channel.SURVEY_FORM)
# Opinions may join a conference being prepared, or one just held (typed in afterwards).
OPEN_CONFERENCE_STATES = (Conference.State.PLANNED, Conference.State.HELD)
MAX_NAME = Petitioner._meta.get_field("full_name").max_length
MAX_BATCH_NAME = IntakeBatch._meta.get_field("name").max_length
MAX_BROUGHT_BY = IntakeBatch._meta.get_field("brought_by").max_length
SYSTEM_IMPORT_LABEL = "lệnh nhập tệp Excel"  # stored in the audit log: plain Vietnamese
TOKEN = re.compile(r"[0-9a-f]{32}")


# --- who may bring petitions in ------------------------------------------------------------

def _intake_grants(user, agency: Agency):
    return [g for g in scope_of(user).grants
            if agency.pk in g.agency_ids and g.role in INTAKE_ROLES]


def intake_agencies(user) -> QuerySet[Agency]:
    """The agencies for which the user may start batches and import files."""
    scope = scope_of(user)
    if scope.is_admin:
        return Agency.objects.filter(level=Agency.Level.COMMUNE, is_active=True,
                                     villages__isnull=False).distinct()
    ids = set().union(*(g.agency_ids for g in scope.grants if g.role in INTAKE_ROLES))
    return Agency.objects.filter(pk__in=ids, is_active=True)


def conferences_for(agencies) -> QuerySet[Conference]:
    """Conferences that opinions brought in now may join, soonest first."""
    return (Conference.objects.filter(agency__in=agencies, state__in=OPEN_CONFERENCE_STATES)
            .select_related("agency").order_by("held_on"))


def next_conference(agencies) -> Conference | None:
    """The conference being prepared that opinions coming in now are most likely for."""
    today = timezone.localdate()
    return conferences_for(agencies).filter(state=Conference.State.PLANNED,
                                            held_on__gte=today).first()


def villages_for(user, agency: Agency) -> QuerySet[Village]:
    """The villages whose petitions the user may bring in (a village head: their own)."""
    villages = Village.objects.filter(agency=agency, is_active=True)
    if user is None or scope_of(user).is_admin:
        return villages
    grants = _intake_grants(user, agency)
    if any(g.role != Role.VILLAGE_HEAD for g in grants):
        return villages
    return villages.filter(pk__in=[g.village_id for g in grants])


def only_own_village(user, agency: Agency) -> bool:
    """True when the user brings petitions in only as a village head."""
    if user is None or scope_of(user).is_admin:
        return False
    grants = _intake_grants(user, agency)
    return bool(grants) and all(g.role == Role.VILLAGE_HEAD for g in grants)


def require_agency_intake(user, agency: Agency) -> None:
    """PermissionDenied unless the user may bring petitions in for this agency (None: the
    system, i.e. a command run by the operator)."""
    if user is None or scope_of(user).is_admin:
        return
    if not _intake_grants(user, agency):
        raise PermissionDenied(_("Bạn không có quyền nhập ý kiến cho cơ quan này."))


def require_batch_intake(user, batch: IntakeBatch) -> None:
    """PermissionDenied (403) for a batch the user sees but may not add to: supervisors,
    overseers, unit officers. (Batches out of sight are 404 before this is asked.)"""
    if user is None:
        return
    if not acting_roles(user, batch) & (INTAKE_ROLES | {Role.ADMIN}):
        raise PermissionDenied(_("Bạn chỉ có quyền xem, không có quyền nhập ý kiến vào đợt "
                                 "này."))


def _check_village(user, agency: Agency, village: Village | None, *,
                   field_name: str = "village") -> None:
    if village is None:
        if only_own_village(user, agency):
            raise ValidationError({field_name: _("Hãy chọn thôn của bạn.")})
        return
    if village.agency_id != agency.pk or not village.is_active:
        raise ValidationError({field_name: _("Thôn không thuộc cơ quan này.")})
    if not villages_for(user, agency).filter(pk=village.pk).exists():
        raise ValidationError({field_name: _("Bạn chỉ nhập được ý kiến của thôn mình.")})


def fields_for(agency: Agency) -> QuerySet[Field]:
    """The active fields opinions of this agency are classified in; a commune that has none
    yet (intake comes before any public submission) gets the default ones first."""
    services.ensure_default_fields(agency)
    return Field.objects.filter(agency=agency, is_active=True).order_by("order", "name")


# --- cleaning what was typed or read -------------------------------------------------------

def clean_text(value: str) -> str:
    """NFC, no stray spaces (non-breaking, doubled, at line ends), at most one blank line."""
    value = unicodedata.normalize("NFC", value or "").replace("\u00a0", " ").replace("\r", "")
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# Latin-1 characters that never occur in Vietnamese written in Unicode, but fill text typed in
# the old TCVN3 (ABC, .VnTime) and VNI fonts and read as Unicode: "Th«n Nµ Pµn" is
# "Thôn Nà Pàn" in TCVN3; VNI writes "Thoân Naø Paøn".
LEGACY_MARKS = frozenset("¡¢£¤¥¦§¨ª«¬\u00ad®¯±²³´µ¶¸¹»¼½¾ÆÇËÎÏÐÑÖ×ØÛÜÞßåæçëîïñö÷øûüþ")
VIETNAMESE_CAPITALS = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")


def legacy_characters(value: str) -> str:
    """The tell-tale characters of a legacy font encoding found in the text ("" if none).

    Besides the characters above, TCVN3 writes many vowels with Latin-1 capitals ("vÒ" for
    "về"), so an accented capital right after a small letter counts too.
    """
    found: list[str] = []
    previous = ""
    for ch in value:
        suspicious = ch in LEGACY_MARKS or (
            ch in VIETNAMESE_CAPITALS and previous.isalpha() and previous.islower())
        if suspicious and ch not in found:
            found.append(ch)
        previous = ch
    return "".join(found)


def normalise_phone(value, *, from_number: bool = False) -> str | None:
    """A Vietnamese mobile or landline number as digits with its leading 0, None when it is
    not one (the rules of `public.phone`, shared with the public form).

    Paper and spreadsheets add two habits: brackets around the area code, "84…" without the
    plus; and a number typed into an Excel cell formatted as a number has lost its leading
    0, which `from_number` puts back.
    """
    typed = re.sub(r"[()/]", " ", str(value)).strip()
    digits = re.sub(r"[^0-9]", "", typed)
    if typed.startswith("84") and len(digits) in (11, 12):
        typed = "+" + typed
    elif from_number and digits == typed and not digits.startswith("0") and \
            len(digits) in (9, 10):
        typed = "0" + digits
    return phone_rules.normalise_phone(typed)


def phone_error() -> str:
    return _("Số điện thoại không hợp lệ: cần 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84 "
             "(ví dụ 0912 345 678).")


def _labels(choices) -> list[tuple[str, str]]:
    with translation.override("vi"):  # the file speaks Vietnamese whatever the page language
        return [(value, str(label)) for value, label in choices.choices]


def kind_labels() -> list[str]:
    return [label for _value, label in _labels(Kind)]


def urgency_labels() -> list[str]:
    return [label for _value, label in _labels(Urgency)]


def _word(value: str) -> str:
    """A cell's word as compared with a list: folded, commas and slashes as spaces."""
    return " ".join(fold(value).replace(",", " ").replace("/", " ").split())


def _vocabulary(choices, extra: dict[str, str]) -> dict[str, str]:
    words = {_word(value): value for value, _label in _labels(choices)}
    words.update({_word(label): value for value, label in _labels(choices)})
    words.update({_word(word): value for word, value in extra.items()})
    return words


KIND_WORDS = {"ý kiến": Kind.OPINION, "kiến nghị": Kind.OPINION, "ý kiến kiến nghị": Kind.OPINION,
              "góp ý": Kind.OPINION, "đề nghị": Kind.OPINION}
URGENCY_WORDS = {"bình thường": Urgency.NORMAL, "khẩn cấp": Urgency.URGENT,
                 "cấp bách": Urgency.PRESSING}


# --- batches -------------------------------------------------------------------------------

def _batch_fields(*, agency: Agency, name: str, channel: str, received_on: dt.date,
                  brought_by: str, channels: Sequence[str]) -> tuple[str, str]:
    errors = {}
    name, brought_by = clean_text(name), clean_text(brought_by)
    if not name:
        errors["name"] = _("Hãy đặt tên cho đợt (ví dụ: Phiếu thôn Nà Pàn tháng 11).")
    elif len(name) > MAX_BATCH_NAME:
        errors["name"] = _("Tên đợt quá dài (tối đa %(n)s ký tự).") % {"n": MAX_BATCH_NAME}
    if len(brought_by) > MAX_BROUGHT_BY:
        errors["brought_by"] = _("Tên người chuyển đến quá dài (tối đa %(n)s ký tự).") % {
            "n": MAX_BROUGHT_BY}
    if channel not in channels:
        errors["channel"] = _("Kênh tiếp nhận không hợp lệ.")
    if received_on is None:
        errors["received_on"] = _("Hãy ghi ngày nhận.")
    elif received_on > timezone.localdate():
        errors["received_on"] = _("Ngày nhận không được sau hôm nay.")
    if errors:
        raise ValidationError(errors)
    return name, brought_by


def _check_conference(agency: Agency, conference: Conference | None) -> None:
    """Opinions join a conference of the same agency that has not been concluded yet."""
    if conference is None:
        return
    if conference.agency_id != agency.pk:
        raise ValidationError({"conference": _("Hội nghị không thuộc cơ quan này.")})
    if conference.state not in OPEN_CONFERENCE_STATES:
        raise ValidationError({"conference": _("Hội nghị đã có thông báo kết luận: không "
                                               "thêm ý kiến vào hội nghị này nữa.")})


def _previous_import(agency: Agency, sha256: str) -> IntakeBatch | None:
    return IntakeBatch.objects.filter(agency=agency, file_sha256=sha256).first()


@transaction.atomic
def start_batch(*, actor, agency: Agency, name: str, channel: str, received_on: dt.date,
                village: Village | None = None, brought_by: str = "",
                conference: Conference | None = None) -> IntakeBatch:
    """A stack of paper to type in: what the entry form remembers for every petition."""
    require_agency_intake(actor, agency)
    name, brought_by = _batch_fields(agency=agency, name=name, channel=channel,
                                     received_on=received_on, brought_by=brought_by,
                                     channels=BATCH_CHANNELS)
    _check_village(actor, agency, village)
    _check_conference(agency, conference)
    services.ensure_default_fields(agency)
    batch = IntakeBatch.objects.create(agency=agency, name=name, channel=channel,
                                       village=village, received_on=received_on,
                                       brought_by=brought_by, conference=conference,
                                       created_by=actor)
    record(actor=actor, action="intake_batch.create", obj=batch, after=snapshot(batch))
    return batch


def submission_key(batch: IntakeBatch, user, token: str) -> str:
    """The one-time key of an entry form: the same form sent twice lands once. Bound to the
    batch and the user, so a token cannot reach anyone else's petition."""
    if not TOKEN.fullmatch(token or ""):
        raise ValidationError(_("Phiếu nhập đã cũ hoặc không hợp lệ. Hãy tải lại trang rồi "
                                "nhập lại."))
    user_id = user.pk if user is not None else 0
    return hashlib.sha256(f"intake:{batch.pk}:{user_id}:{token}".encode()).hexdigest()


def enter_petition(*, actor, batch: IntakeBatch, token: str, text: str, full_name: str = "",
                   phone: str = "", village: Village | None = None, field: Field | None = None,
                   kind: str = Kind.OPINION, urgency: str = Urgency.NORMAL) -> Petition:
    """One paper survey form typed in: one `services.receive`, at most once per form."""
    require_batch_intake(actor, batch)
    key = submission_key(batch, actor, token)
    agency = batch.agency
    _check_village(actor, agency, village)
    errors = {}
    if field is not None and (field.agency_id != agency.pk or not field.is_active):
        errors["field"] = _("Lĩnh vực không thuộc cơ quan này.")
    if kind not in Kind.values:
        errors["kind"] = _("Loại ý kiến không hợp lệ.")
    if urgency not in Urgency.values:
        errors["urgency"] = _("Mức độ không hợp lệ.")
    full_name = clean_text(full_name)
    if len(full_name) > MAX_NAME:
        errors["full_name"] = _("Họ và tên quá dài (tối đa %(n)s ký tự).") % {"n": MAX_NAME}
    phone_number = ""
    if clean_text(phone):
        phone_number = normalise_phone(clean_text(phone)) or ""
        if not phone_number:
            errors["phone"] = phone_error()
    if errors:
        raise ValidationError(errors)
    village_id = village.pk if village else None
    petitioners = []
    if full_name or phone_number:
        petitioners.append(services.PetitionerData(full_name=full_name, village_id=village_id,
                                                   phone=phone_number))
    return services.receive(services.Intake(
        agency=agency, text=clean_text(text), channel=batch.channel,
        received_on=batch.received_on, petitioners=petitioners, kind=kind, field=field,
        urgency=urgency, village_id=village_id, batch_id=batch.pk, submission_key=key,
        conference_id=batch.conference_id,
    ), actor=actor)


# --- Excel import --------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    row: int | None  # Excel's row number; None for the file as a whole
    column: str
    message: str
    allowed: str = ""

    def line(self) -> str:
        where = (_("Dòng %(row)s, cột “%(column)s”") % {"row": self.row, "column": self.column}
                 if self.row else _("Tệp"))
        allowed = f" — {self.allowed}" if self.allowed else ""
        return f"{where}: {self.message}{allowed}"


class ImportRefused(Exception):
    """Nothing was imported; `message` says why, `problems` lists the rows to correct."""

    def __init__(self, message: str, problems: Sequence[Problem] = (),
                 previous: IntakeBatch | None = None):
        super().__init__(message)
        self.message = message
        self.problems = list(problems)
        self.previous = previous


@dataclass(frozen=True)
class ImportResult:
    batch: IntakeBatch
    count: int


def _already_imported(previous: IntakeBatch) -> ImportRefused:
    at = timezone.localtime(previous.created_at)
    return ImportRefused(
        _("Tệp này đã được nhập lúc %(time)s ngày %(date)s vào đợt “%(batch)s”; không nhập "
          "lại lần nữa.") % {"time": at.strftime("%H:%M"), "date": at.strftime("%d/%m/%Y"),
                             "batch": previous.name},
        previous=previous)


def _listing(names: Sequence[str], limit: int = 15) -> str:
    if len(names) <= limit:
        return ", ".join(names)
    return _("%(names)s … và %(n)s giá trị khác (xem trang “Danh mục” của tệp mẫu)") % {
        "names": ", ".join(names[:limit]), "n": len(names) - limit}


def _cell_text(cell: excel.Cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M") if value.time() else value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value))


def _village_keys(name: str) -> set[str]:
    """A village is found by its name folded, with or without its kind ("Thôn", "Bản", …)."""
    key = " ".join(fold(name).split())
    keys = {key}
    for prefix in ("thon ", "ban ", "lang ", "ap ", "to dan pho ", "khu pho ", "to ", "khu "):
        if key.startswith(prefix) and len(key) > len(prefix):
            keys.add(key[len(prefix):])
    return keys


class _Vocabulary:
    """What the cells of one agency's sheet may say, folded for comparison."""

    def __init__(self, actor, agency: Agency, default_village: Village | None):
        self.agency = agency
        self.default_village = default_village
        every = list(Village.objects.filter(agency=agency, is_active=True))
        allowed_ids = set(villages_for(actor, agency).values_list("pk", flat=True))
        self.village_names = [v.name for v in every if v.pk in allowed_ids]
        self.villages: dict[str, Village | None] = {}
        for village in every:
            for key in _village_keys(village.name):
                # A short key that two villages share ("Nà Pàn" for a thôn and a bản) is
                # ambiguous: only the full name finds either.
                self.villages[key] = None if key in self.villages else village
        for village in every:
            self.villages[" ".join(fold(village.name).split())] = village
        self.allowed_village_ids = allowed_ids
        fields = list(fields_for(agency))
        self.fields = {_word(f.name): f for f in fields}
        self.fields.update({f.code.casefold(): f for f in fields})
        self.field_names = [f.name for f in fields]
        self.kinds = _vocabulary(Kind, KIND_WORDS)
        self.urgencies = _vocabulary(Urgency, URGENCY_WORDS)
        self.kind_labels, self.urgency_labels = kind_labels(), urgency_labels()


def _check_row(row: excel.Row, words: _Vocabulary, headers: dict[str, str]
               ) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []
    unusable: set[str] = set()  # columns whose cell could not be read at all

    def problem(key: str, message: str, allowed: str = "") -> None:
        problems.append(Problem(row.number, headers.get(key) or excel.COLUMN_BY_KEY[key].header,
                                message, allowed))

    texts: dict[str, str] = {}
    for key, cell in row.cells.items():
        if key == "stt":
            continue
        if cell.formula and cell.value is None:
            problem(key, _("Ô %(ref)s chứa công thức (%(formula)s) nhưng không có giá trị đã "
                           "tính; hệ thống không tự tính công thức.")
                    % {"ref": cell.ref, "formula": cell.formula[:60]},
                    _("Hãy sao chép cột rồi dán dạng giá trị (Dán đặc biệt → Giá trị), hoặc "
                      "mở tệp bằng Excel và lưu lại."))
            unusable.add(key)
            continue
        if cell.error:
            problem(key, _("Ô %(ref)s có giá trị lỗi %(value)s.")
                    % {"ref": cell.ref, "value": cell.value}, _("Hãy sửa ô này trong Excel."))
            unusable.add(key)
            continue
        text = _cell_text(cell)
        legacy = legacy_characters(text) if isinstance(cell.value, str) else ""
        if legacy:
            problem(key, _("Chữ trong ô %(ref)s dùng bảng mã cũ TCVN3 (ABC) hoặc VNI (có ký tự "
                           "lạ “%(chars)s”), không phải Unicode.")
                    % {"ref": cell.ref,
                       "chars": " ".join(ch for ch in legacy if ch.isprintable())[:11]},
                    _("Hãy chuyển tệp sang Unicode bằng công cụ chuyển mã của Unikey "
                      "(Ctrl+Shift+F6, nguồn TCVN3 hoặc VNI Windows, đích Unicode) rồi tải lên "
                      "lại; hệ thống không tự chuyển mã."))
            unusable.add(key)
            continue
        texts[key] = text

    clean: dict = {"row": row.number}
    text, note = texts.get("text", ""), texts.get("note", "")
    if text and note:
        text = f"{text}\n\nGhi chú: {note}"
    if not text and "text" not in unusable:
        problem("text", _("Chưa có nội dung ý kiến."), _("Cột này bắt buộc."))
    elif len(text) > services.MAX_TEXT:
        problem("text", _("Nội dung (kể cả ghi chú) dài %(n)s ký tự.")
                % {"n": f"{len(text):,}".replace(",", ".")},
                _("Tối đa %(max)s ký tự.") % {"max": f"{services.MAX_TEXT:,}".replace(",", ".")})
    clean["text"] = text

    village = words.default_village
    if texts.get("village"):
        value = texts["village"]
        key = " ".join(fold(value).split())
        village = words.villages.get(key)
        allowed = _("Một trong: %(names)s.") % {"names": _listing(words.village_names)}
        if village is None and key in words.villages:
            problem("village", _("Tên “%(value)s” trùng với nhiều thôn, tổ dân phố; hãy ghi đủ "
                                 "tên (ví dụ “Thôn …”, “Bản …”).") % {"value": value}, allowed)
        elif village is None:
            problem("village", _("Không có thôn, tổ dân phố “%(value)s” trong %(agency)s.")
                    % {"value": value, "agency": words.agency.name}, allowed)
        elif village.pk not in words.allowed_village_ids:
            problem("village", _("Bạn chỉ nhập được ý kiến của thôn mình, không nhập được "
                                 "ý kiến của “%(value)s”.") % {"value": village.name}, allowed)
            village = None
    clean["village"] = village

    name = texts.get("name", "")
    if len(name) > MAX_NAME:
        problem("name", _("Họ và tên dài %(n)s ký tự.") % {"n": len(name)},
                _("Tối đa %(max)s ký tự.") % {"max": MAX_NAME})
    clean["name"] = name

    phone = ""
    if texts.get("phone"):
        from_number = isinstance(row.cell("phone").value, int | float)
        phone = normalise_phone(texts["phone"], from_number=from_number) or ""
        if not phone:
            problem("phone", _("Số điện thoại “%(value)s” không hợp lệ.")
                    % {"value": texts["phone"]},
                    _("Số điện thoại Việt Nam 10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84, ví dụ "
                      "0912 345 678; để trống nếu không có."))
    clean["phone"] = phone

    field = None
    if texts.get("field"):
        value = texts["field"]
        field = words.fields.get(_word(value)) or words.fields.get(value.casefold())
        if field is None:
            problem("field", _("Không có lĩnh vực “%(value)s”.") % {"value": value},
                    _("Một trong: %(names)s; hoặc để trống.")
                    % {"names": _listing(words.field_names)})
    clean["field"] = field

    for key, vocabulary, labels, what in (
        ("kind", words.kinds, words.kind_labels, _("Loại")),
        ("urgency", words.urgencies, words.urgency_labels, _("Mức độ")),
    ):
        value = texts.get(key, "")
        chosen = vocabulary.get(_word(value)) if value else vocabulary[_word(labels[0])]
        if chosen is None:
            problem(key, _("%(what)s “%(value)s” không có trong danh sách.")
                    % {"what": what, "value": value},
                    _("Một trong: %(names)s; để trống là “%(default)s”.")
                    % {"names": " / ".join(labels), "default": labels[0]})
        clean[key] = chosen
    return clean, problems


def check_rows(sheet: excel.Sheet, *, actor, agency: Agency,
               default_village: Village | None = None) -> tuple[list[dict], list[Problem]]:
    """Every row checked (nothing written): the clean rows, and every problem found."""
    words = _Vocabulary(actor, agency, default_village)
    rows, problems = [], []
    for row in sheet.rows:
        clean, found = _check_row(row, words, sheet.columns)
        if found:
            problems.extend(found)
        else:
            rows.append(clean)
    return rows, problems


def receive_many(intakes: Iterable[services.Intake], *, actor=None,
                 actor_label: str | None = None) -> list[Petition]:
    """Receive each intake exactly as `services.receive` does (tracking code, due date, audit
    event), all in one transaction: every one of them or none."""
    return services.receive_many(intakes, actor=actor, actor_label=actor_label)


def import_file(*, actor, agency: Agency, data: bytes, filename: str, batch_name: str,
                channel: str = Channel.FRONT_SUMMARY, received_on: dt.date | None = None,
                brought_by: str = "", village: Village | None = None,
                conference: Conference | None = None,
                actor_label: str | None = None) -> ImportResult:
    """Import a summary sheet: the whole file is checked first, then every row goes in, in one
    transaction, or none does (ImportRefused says why, row by row)."""
    require_agency_intake(actor, agency)
    received_on = received_on or timezone.localdate()
    name, brought_by = _batch_fields(agency=agency, name=batch_name, channel=channel,
                                     received_on=received_on, brought_by=brought_by,
                                     channels=IMPORT_CHANNELS)
    if village is None and only_own_village(actor, agency):
        village = villages_for(actor, agency).first()
    _check_village(actor, agency, village)
    _check_conference(agency, conference)
    services.ensure_default_fields(agency)
    sha256 = hashlib.sha256(data).hexdigest()
    previous = _previous_import(agency, sha256)
    if previous is not None:
        raise _already_imported(previous)
    try:
        sheet = excel.read_sheet(data, filename)
    except excel.FileRefused as exc:
        raise ImportRefused(exc.message, [Problem(None, "", exc.message)]) from None
    rows, problems = check_rows(sheet, actor=actor, agency=agency, default_village=village)
    if problems:
        bad_rows = len({p.row for p in problems})
        raise ImportRefused(
            _("Tệp có %(n)s dòng cần sửa (%(p)s lỗi); chưa nhập ý kiến nào. Hãy sửa các dòng "
              "dưới đây trong tệp rồi tải lên lại.") % {"n": bad_rows, "p": len(problems)},
            problems)
    if not rows:
        raise ImportRefused(_("Tệp không có dòng ý kiến nào (bảng bắt đầu ngay dưới dòng tiêu "
                              "đề, trang “%(sheet)s”).") % {"sheet": sheet.title})
    label = actor_label or (SYSTEM_IMPORT_LABEL if actor is None else None)
    try:
        with transaction.atomic():
            batch = IntakeBatch.objects.create(
                agency=agency, name=name, channel=channel, village=village,
                received_on=received_on, brought_by=brought_by, file_sha256=sha256,
                conference=conference, created_by=actor)
            record(actor=actor, actor_label=label, action="intake_batch.import", obj=batch,
                   after={**snapshot(batch), "file_name": filename, "rows": len(rows)})
            receive_many((_intake(batch, row) for row in rows), actor=actor, actor_label=label)
    except IntegrityError:
        previous = _previous_import(agency, sha256)
        if previous is not None:  # the same file, imported at the same moment elsewhere
            raise _already_imported(previous) from None
        raise
    return ImportResult(batch=batch, count=len(rows))


def _intake(batch: IntakeBatch, row: dict) -> services.Intake:
    village_id = row["village"].pk if row["village"] else None
    petitioners = []
    if row["name"] or row["phone"]:
        petitioners.append(services.PetitionerData(full_name=row["name"], village_id=village_id,
                                                   phone=row["phone"]))
    return services.Intake(
        agency=batch.agency, text=row["text"], channel=batch.channel,
        received_on=batch.received_on, petitioners=petitioners, kind=row["kind"],
        field=row["field"], urgency=row["urgency"], village_id=village_id, batch_id=batch.pk,
        source_row=row["row"], conference_id=batch.conference_id)


def template_for(user, agency: Agency) -> bytes:
    """The summary sheet template with this agency's villages (the user's own, for a village
    head) and fields."""
    require_agency_intake(user, agency)
    fields = fields_for(agency)
    return excel.build_template(
        agency_name=agency.name,
        villages=list(villages_for(user, agency).values_list("name", flat=True)),
        fields=list(fields.values_list("name", "code")),
        kinds=kind_labels(), urgencies=urgency_labels())


# --- reads for the pages -------------------------------------------------------------------

def batches_for(user) -> QuerySet[IntakeBatch]:
    """Batches the user sees in the agencies where they bring petitions in, latest first."""
    agencies = intake_agencies(user)
    return (visible(IntakeBatch, user).filter(agency__in=agencies)
            .select_related("agency", "village").annotate(petition_count=Count("petitions"))
            .order_by("-created_at", "-pk"))


def batch_petitions(user, batch: IntakeBatch) -> QuerySet[Petition]:
    return (visible(Petition, user).filter(batch=batch)
            .select_related("village", "field").order_by("-pk"))
