"""Importing the summary sheets of villages and the Front from Excel: the whole file is checked
before anything is written, then every row goes in, in one transaction, or none does."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.services import record, snapshot
from doithoai.core import dates
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.text import fold
from doithoai.org.models import Agency, Village
from doithoai.petitions import excel, occasions, rules
from doithoai.petitions.actions import intake
from doithoai.petitions.cleaning import (
    MAX_TEXT,
    _labels,
    clean_text,
    kind_labels,
    legacy_characters,
    normalise_phone,
    urgency_labels,
)
from doithoai.petitions.models import Channel, IntakeBatch, Kind, Urgency
from doithoai.petitions.selectors.intake import fields_for, only_own_village, villages_for

IMPORT_CHANNELS = (Channel.FRONT_SUMMARY, Channel.SURVEY_FORM)
SYSTEM_IMPORT_LABEL = "lệnh nhập tệp Excel"  # stored in the audit log: plain Vietnamese


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


def _previous_import(agency: Agency, sha256: str) -> IntakeBatch | None:
    return IntakeBatch.objects.filter(agency=agency, file_sha256=sha256).first()


def _already_imported(previous: IntakeBatch) -> ImportRefused:
    at = timezone.localtime(previous.created_at)
    return ImportRefused(
        _("Tệp này đã được nhập lúc %(time)s ngày %(date)s vào đợt “%(batch)s”; không nhập "
          "lại lần nữa.") % {"time": dates.clock(at), "date": dates.day(at),
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
        return f"{dates.day(value)} {dates.clock(value)}" if value.time() else dates.day(value)
    if isinstance(value, dt.date):
        return dates.day(value)
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
    elif len(text) > MAX_TEXT:
        problem("text", _("Nội dung (kể cả ghi chú) dài %(n)s ký tự.")
                % {"n": f"{len(text):,}".replace(",", ".")},
                _("Tối đa %(max)s ký tự.") % {"max": f"{MAX_TEXT:,}".replace(",", ".")})
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
    if len(name) > intake.MAX_NAME:
        problem("name", _("Họ và tên dài %(n)s ký tự.") % {"n": len(name)},
                _("Tối đa %(max)s ký tự.") % {"max": intake.MAX_NAME})
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
    if not texts.get("kind"):
        # Left blank, the kind is what the words say: a complaint or a denunciation typed as
        # such is never taken in as an opinion to answer (the clerk may still reclassify).
        clean["kind"] = suggested_kind(clean["text"]) or clean["kind"]
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


def import_file(*, actor, agency: Agency, data: bytes, filename: str, batch_name: str,
                channel: str = Channel.FRONT_SUMMARY, received_on: dt.date | None = None,
                brought_by: str = "", village: Village | None = None,
                conference=None,  # a conference of the agency, still open (`occasions`)
                actor_label: str | None = None) -> ImportResult:
    """Import a summary sheet: the whole file is checked first, then every row goes in, in one
    transaction, or none does (ImportRefused says why, row by row)."""
    intake.require(actor, rules.IMPORT, agency)
    received_on = received_on or timezone.localdate()
    name, brought_by = intake.batch_fields(agency=agency, name=batch_name, channel=channel,
                                           received_on=received_on, brought_by=brought_by,
                                           channels=IMPORT_CHANNELS)
    if village is None and only_own_village(actor, agency):
        village = villages_for(actor, agency).first()
    intake.check_village(actor, agency, village)
    intake.check_conference(agency, conference)
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
                created_by=actor)
            if conference is not None:
                occasions.registered().link_batch(batch=batch, occasion=conference)
            record(actor=actor, actor_label=label, action="intake_batch.import", obj=batch,
                   after={**intake.with_conference(snapshot(batch), conference),
                          "file_name": filename, "rows": len(rows)})
            intake.receive_many((_intake(batch, row, conference) for row in rows),
                                actor=actor, actor_label=label)
    except IntegrityError:
        previous = _previous_import(agency, sha256)
        if previous is not None:  # the same file, imported at the same moment elsewhere
            raise _already_imported(previous) from None
        raise
    return ImportResult(batch=batch, count=len(rows))


def _intake(batch: IntakeBatch, row: dict, conference) -> intake.Intake:
    village_id = row["village"].pk if row["village"] else None
    petitioners = []
    if row["name"] or row["phone"]:
        petitioners.append(intake.PetitionerData(full_name=row["name"], village_id=village_id,
                                                 phone=row["phone"]))
    return intake.Intake(
        agency=batch.agency, text=row["text"], channel=batch.channel,
        received_on=batch.received_on, petitioners=petitioners, kind=row["kind"],
        field=row["field"], urgency=row["urgency"], village_id=village_id, batch_id=batch.pk,
        source_row=row["row"], conference=conference)


def template_for(user, agency: Agency) -> bytes:
    """The summary sheet template with this agency's villages (the user's own, for a village
    head) and fields."""
    intake.require(user, rules.IMPORT, agency)
    fields = fields_for(agency)
    return excel.build_template(
        agency_name=agency.name,
        villages=list(villages_for(user, agency).values_list("name", flat=True)),
        fields=list(fields.values_list("name", "code")),
        kinds=kind_labels(), urgencies=urgency_labels())
