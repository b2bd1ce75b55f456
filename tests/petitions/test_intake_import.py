"""Importing a summary sheet: the whole file is checked first, then all rows go in or none,
every bad cell is reported by row and column, and the same file never goes in twice."""

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.org.models import Role
from doithoai.petitions.actions import imports, intake
from doithoai.petitions.models import Channel, IntakeBatch, Kind, Petition, Urgency
from tests.factories import ProvinceFactory, user_with_role
from tests.petitions.intake_support import (
    HEADERS,
    make_commune,
    row,
    with_error_value,
    with_stored_formula_value,
    xlsx,
)

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def c(db):
    return make_commune()


def _import(c, data, *, actor="clerk", **kw):
    kw.setdefault("batch_name", "Tổng hợp của Mặt trận")
    kw.setdefault("received_on", DAY)
    return imports.import_file(actor=c[actor] if isinstance(actor, str) else actor,
                               agency=kw.pop("agency", c["agency"]), data=data,
                               filename=kw.pop("filename", "tong-hop.xlsx"), **kw)


def _refused(c, data, **kw) -> imports.ImportRefused:
    with pytest.raises(imports.ImportRefused) as caught:
        _import(c, data, **kw)
    assert not Petition.objects.exists() and not IntakeBatch.objects.exists()
    return caught.value


def _only_problem(c, data, **kw) -> imports.Problem:
    refused = _refused(c, data, **kw)
    assert len(refused.problems) == 1, refused.problems
    return refused.problems[0]


def test_every_row_gets_a_code_a_due_date_and_an_audit_event(c):
    result = _import(c, xlsx([row("Một"), row("Hai", village="Thôn Bản Chu"), row("Ba")]))
    assert result.count == 3
    batch = result.batch
    assert (batch.channel, batch.received_on, len(batch.file_sha256)) == (
        Channel.FRONT_SUMMARY, DAY, 64)
    petitions = list(Petition.objects.filter(batch=batch).order_by("source_row"))
    assert [p.source_row for p in petitions] == [2, 3, 4]
    assert all(p.state == State.RECEIVED and p.due_date == dt.date(2026, 11, 23)
               and len(p.tracking_code) == 9 and p.channel == Channel.FRONT_SUMMARY
               and p.received_on == DAY for p in petitions)
    assert AuditEvent.objects.filter(action="petition.receive").count() == 3
    event = AuditEvent.objects.get(action="intake_batch.import")
    assert event.after["rows"] == 3 and event.after["file_name"] == "tong-hop.xlsx"


def test_names_are_matched_without_case_or_accents(c):
    result = _import(c, xlsx([
        row(village="thon na pan", field="giao thong", kind="phản ánh", urgency="KHẨN"),
        row(village="  Bản Chu ", field="giao-thong", kind="to cao", urgency="cap thiet"),
        row(village="NÀ PÀN", field="GIAO THÔNG", kind="Ý kiến, kiến nghị", urgency="Thường"),
    ]))
    got = list(Petition.objects.filter(batch=result.batch).order_by("source_row"))
    assert [p.village for p in got] == [c["na_pan"], c["ban_chu"], c["na_pan"]]
    assert {p.field.code for p in got} == {"giao-thong"}
    assert [p.kind for p in got] == [Kind.REPORT, Kind.DENUNCIATION, Kind.OPINION]
    assert [p.urgency for p in got] == [Urgency.URGENT, Urgency.PRESSING, Urgency.NORMAL]
    assert got[1].hide_from_public  # a denunciation never shows


def test_empty_kind_and_urgency_take_the_defaults_and_field_may_be_empty(c):
    result = _import(c, xlsx([row(field="", kind="", urgency="")]))
    p = Petition.objects.get(batch=result.batch)
    assert (p.kind, p.urgency, p.field) == (Kind.OPINION, Urgency.NORMAL, None)


def test_an_empty_kind_is_what_the_words_say(c):
    """A complaint or denunciation typed as such, its kind left blank, is never taken in as an
    opinion to answer; a kind chosen in the sheet stays the clerk's choice."""
    result = _import(c, xlsx([
        row("to cao ke toan xa thu tien cap so", kind=""),
        row("Tôi khiếu nại việc xã thu hồi đất", kind=""),
        row("Tôi khiếu nại việc xã thu hồi đất", kind="Ý kiến, kiến nghị"),
    ]))
    got = list(Petition.objects.filter(batch=result.batch).order_by("source_row"))
    assert [p.kind for p in got] == [Kind.DENUNCIATION, Kind.COMPLAINT, Kind.OPINION]
    assert got[0].hide_from_public and got[0].due_date is None


def test_nfd_and_stray_whitespace_are_stored_nfc(c):
    nfd = unicodedata.normalize("NFD",
                                "  Đề nghị   sửa\u00a0cống   thoát nước  \n\n\n\nở đầu thôn ")
    name = unicodedata.normalize("NFD", " Hoàng  Thị   Hường ")
    village = unicodedata.normalize("NFD", "Thôn Nà Pàn")
    result = _import(c, xlsx([row(nfd, name=name, village=village)]))
    p = Petition.objects.get(batch=result.batch)
    assert p.text == "Đề nghị sửa cống thoát nước\n\nở đầu thôn"
    assert unicodedata.is_normalized("NFC", p.text)
    assert p.petitioners.get().full_name == "Hoàng Thị Hường"
    assert p.village == c["na_pan"]


def test_phone_numbers_are_normalised_even_when_excel_dropped_the_zero(c):
    result = _import(c, xlsx([row(phone="+84 912.345.678"), row(phone=912345678),
                              row(phone="0205 3831 234")]))
    phones = [p.petitioners.get().phone for p in
              Petition.objects.filter(batch=result.batch).order_by("source_row")]
    assert phones == ["0912345678", "0912345678", "02053831234"]


def test_one_bad_row_among_fifty_imports_nothing(c):
    rows = [row(f"Ý kiến số {i}") for i in range(50)]
    rows[36] = row("Ý kiến số 36", village="Thôn Không Có")
    problem = _only_problem(c, xlsx(rows))
    assert (problem.row, problem.column) == (38, "Thôn/Tổ dân phố")
    assert "Thôn Không Có" in problem.message
    assert "Thôn Nà Pàn" in problem.allowed and "Thôn Bản Chu" in problem.allowed


def test_every_problem_of_every_row_is_reported(c):
    refused = _refused(c, xlsx([
        row("", village="Thôn X"), row("Tốt"), row("Ổn", phone="12345", field="Thủy sản",
                                                   kind="Kiến nghị gấp", urgency="Rất gấp"),
    ]))
    found = {(p.row, p.column) for p in refused.problems}
    assert found == {(2, "Nội dung ý kiến, kiến nghị"), (2, "Thôn/Tổ dân phố"),
                     (4, "Số điện thoại"), (4, "Lĩnh vực"), (4, "Loại"), (4, "Mức độ")}
    assert "2 dòng cần sửa" in refused.message and "chưa nhập ý kiến nào" in refused.message
    by_column = {p.column: p for p in refused.problems if p.row == 4}
    assert "0912 345 678" in by_column["Số điện thoại"].allowed
    assert "Giao thông" in by_column["Lĩnh vực"].allowed
    assert "Ý kiến, kiến nghị / Phản ánh / Khiếu nại / Tố cáo" in by_column["Loại"].allowed
    assert "Thường / Cấp thiết / Khẩn" in by_column["Mức độ"].allowed
    assert refused.problems[0].line().startswith("Dòng 2, cột “")


def test_oversized_text_and_name_are_refused(c):
    refused = _refused(c, xlsx([row("x" * 10_001, name="N" * 121)]))
    messages = {p.column: p for p in refused.problems}
    assert "10.001 ký tự" in messages["Nội dung ý kiến, kiến nghị"].message
    assert "10.000" in messages["Nội dung ý kiến, kiến nghị"].allowed
    assert "121 ký tự" in messages["Họ và tên người kiến nghị"].message


def test_a_note_that_makes_the_text_too_long_is_refused(c):
    problem = _only_problem(c, xlsx([row("x" * 9_990, note="Ghi chú dài hơn mười ký tự")]))
    assert "kể cả ghi chú" in problem.message


def test_an_ambiguous_short_village_name_asks_for_the_full_name(c):
    from tests.factories import VillageFactory

    VillageFactory(agency=c["agency"], name="Bản Nà Pàn")
    problem = _only_problem(c, xlsx([row(village="Nà Pàn")]))
    assert "trùng với nhiều thôn" in problem.message
    assert _import(c, xlsx([row(village="ban na pan")])).count == 1


def _with_formula(ref: str, formula: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(row())
    sheet[ref] = formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_formula_without_a_stored_value_refuses_its_row(c):
    problem = _only_problem(c, _with_formula("E2", '=CONCATENATE("Sửa ","đường")'))
    assert problem.row == 2 and "công thức" in problem.message
    assert "E2" in problem.message and "CONCATENATE" in problem.message
    assert "dán dạng giá trị" in problem.allowed


def test_a_formula_with_a_stored_value_uses_that_value(c):
    data = with_stored_formula_value(_with_formula("E2", '="Sửa "&"đường"'), "E2",
                                     "Sửa đường")
    result = _import(c, data)
    assert Petition.objects.get(batch=result.batch).text == "Sửa đường"


def test_an_error_value_refuses_its_row(c):
    problem = _only_problem(c, with_error_value(_with_formula("D2", "=1/0"), "D2"))
    assert "#DIV/0!" in problem.message and problem.column == "Số điện thoại"


@pytest.mark.parametrize("text,column", [
    ("§Ò nghÞ söa ®­êng vµo th«n", "Nội dung ý kiến, kiến nghị"),  # TCVN3 (ABC)
    ("Ñeà nghò söûa ñöôøng", "Nội dung ý kiến, kiến nghị"),  # VNI Windows
])
def test_legacy_font_encodings_are_refused_not_converted(c, text, column):
    problem = _only_problem(c, xlsx([row(text)]))
    assert problem.column == column
    assert "TCVN3" in problem.message and "VNI" in problem.message
    assert "Unikey" in problem.allowed


def test_a_legacy_village_name_is_reported_as_such(c):
    problem = _only_problem(c, xlsx([row(village="Th«n Nµ Pµn")]))
    assert problem.column == "Thôn/Tổ dân phố" and "bảng mã cũ" in problem.message
    assert "« µ" in problem.message


def test_capitals_in_proper_unicode_are_not_mistaken_for_legacy_text(c):
    result = _import(c, xlsx([row("ĐỀ NGHỊ SỬA ĐƯỜNG VÀO THÔN, CÒN LẦY LỘI", name="HOÀNG VĂN Ò")]))
    assert result.count == 1


def test_a_file_with_only_headers_is_refused(c):
    assert "không có dòng ý kiến nào" in _refused(c, xlsx([])).message


def test_file_level_problems_are_refused_with_their_message(c):
    assert ".xls" in _refused(c, b"\xd0\xcf\x11\xe0" + b"\0" * 100, filename="a.xls").message
    assert "PDF" in _refused(c, b"%PDF-1.4 ...", filename="a.xlsx").message


def test_the_same_file_twice_adds_nothing(c):
    data = xlsx([row("Một"), row("Hai")])
    first = _import(c, data)
    refused = _refused_again(c, data)
    assert "đã được nhập lúc" in refused.message and first.batch.name in refused.message
    assert refused.previous == first.batch
    assert Petition.objects.count() == 2 and IntakeBatch.objects.count() == 1


def _refused_again(c, data):
    with pytest.raises(imports.ImportRefused) as caught:
        _import(c, data, batch_name="Lần hai")
    return caught.value


def test_the_same_file_may_go_to_another_commune(c):
    data = xlsx([row(village="")])
    _import(c, data)
    _import(c, data, actor="other_clerk", agency=c["other"])
    assert Petition.objects.count() == 2


def test_the_batch_village_fills_rows_without_one(c):
    result = _import(c, xlsx([row(village=""), row(village="Thôn Bản Chu")]),
                     village=c["khon_pat"], channel=Channel.SURVEY_FORM)
    got = [p.village for p in Petition.objects.filter(batch=result.batch).order_by("source_row")]
    assert got == [c["khon_pat"], c["ban_chu"]]
    assert result.batch.village == c["khon_pat"]


def test_a_village_head_imports_only_their_village(c):
    refused = _refused(c, xlsx([row(village=""), row(village="Thôn Bản Chu")]), actor="head")
    assert [(p.row, p.column) for p in refused.problems] == [(3, "Thôn/Tổ dân phố")]
    assert "thôn mình" in refused.problems[0].message
    assert refused.problems[0].allowed == "Một trong: Thôn Nà Pàn."
    result = _import(c, xlsx([row(village=""), row(village="na pan")]), actor="head")
    assert result.batch.village == c["na_pan"]
    assert {p.village for p in Petition.objects.all()} == {c["na_pan"]}


@pytest.mark.parametrize("who", ["supervisor", "officer", "other_clerk"])
def test_read_only_and_outside_users_cannot_import(c, who):
    with pytest.raises(PermissionDenied):
        _import(c, xlsx([row()]), actor=who)
    assert not Petition.objects.exists()


def test_an_overseer_cannot_import(c):
    province = ProvinceFactory()
    c["agency"].parent = province
    c["agency"].save()
    with pytest.raises(PermissionDenied):
        _import(c, xlsx([row()]), actor=user_with_role(Role.OVERSEER, agency=province))


@pytest.mark.parametrize("who", ["leader", "front", "head"])
def test_leaders_front_officers_and_village_heads_may_import(c, who):
    assert _import(c, xlsx([row()]), actor=who).count == 1


def test_batch_details_are_checked(c):
    with pytest.raises(ValidationError) as caught:
        _import(c, xlsx([row()]), batch_name=" ", channel=Channel.ONLINE,
                received_on=dt.date(2999, 1, 1))
    assert set(caught.value.message_dict) == {"name", "channel", "received_on"}


def test_a_failure_while_writing_rolls_everything_back(c, monkeypatch):
    real = intake.receive_many

    def half_then_crash(intakes, **kw):
        real(list(intakes)[:2], **kw)  # two petitions written, with their audit events
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "receive_many", half_then_crash)
    with pytest.raises(RuntimeError):
        _import(c, xlsx([row("Một"), row("Hai"), row("Ba")]))
    assert not Petition.objects.exists() and not IntakeBatch.objects.exists()
    assert not AuditEvent.objects.exists()
