"""The reports to the province, read back from the .docx element by element: the results of
the demo's June conference (bao-cao-ket-qua) and the year's dialogue work (bao-cao-nam), each
with its table — the same rows and totals in the .docx and in the .xlsx, the figures those of
`dialogues.selectors.oversight`; a conference not held yet, a year not started, a year without a
conference, a year of 30 conferences, NFD text and very long names."""

import datetime as dt
import io
import re
import unicodedata

import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from doithoai.core.petition_flow import State
from doithoai.dialogues.actions import plans as plans_actions
from doithoai.dialogues.models import Conference, ConferencePetition
from doithoai.dialogues.selectors import conferences, oversight
from doithoai.documents.drawing import format_check, report, tables
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.kinds import bao_cao_ket_qua, bao_cao_nam
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.documents.selectors.drafts import render_table
from doithoai.org.models import User
from doithoai.petitions.models import Channel, Field, Petition
from tests.conftest import CONFERENCE_TITLE, UPCOMING_TITLE
from tests.documents.conftest import cells, lines, nfd, props, read, texts

pytestmark = pytest.mark.django_db
RESULT, YEARLY = KINDS["bao-cao-ket-qua"], KINDS["bao-cao-nam"]
TODAY = dt.date(2026, 11, 23)  # FROZEN_NOW's day: the reports' "as of"
LONG_SIGNER = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh"
LONG_ISSUER = "ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH"
MANY = 30



def sheet_rows(xlsx: bytes) -> tuple[list[str], list[list], list]:
    """(header, data rows, total row) of the report's sheet."""
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(values) if row[0] == "STT")
    body = [row for row in values[start + 1:] if any(v is not None for v in row[1:])]
    total = next(row for row in body if row[1] == "Tổng cộng")
    return values[start], [row for row in body if row is not total], total


def section(got: list[str], start: str, end: str | None) -> list[str]:
    i = got.index(start)
    return got[i + 1:got.index(end) if end else len(got)]


def _many_conferences(agency, clerk) -> None:
    """A 2024 plan whose 30 conferences each heard a few opinions, answered or not."""
    plan = plans_actions.create_plan(actor=clerk, agency=agency, year=2024)
    field = Field.objects.filter(agency=agency).order_by("order").first()
    petitions, heard_at = [], []
    for i in range(MANY):
        day = dt.date(2024, 1, 5) + dt.timedelta(days=11 * i)
        conference = Conference.objects.create(
            agency=agency, plan=plan, title=f"Hội nghị đối thoại với Nhân dân cụm thôn số {i + 1}",
            state=Conference.State.HELD, held_on=day, venue=f"Nhà văn hóa thôn số {i + 1}",
            attendance=60 + i)
        for j, state in enumerate((State.ANSWERED_AT_CONFERENCE, State.ASSIGNED,
                                   State.ESCALATED)[:1 + i % 3]):
            petitions.append(Petition(
                agency=agency, tracking_code=f"N24{i:03d}{j:03d}", text=f"Ý kiến {i}-{j}",
                channel=Channel.CONFERENCE, received_on=day,
                field=field, state=state, due_date=day + dt.timedelta(days=21)))
            heard_at.append(conference)
    for p in petitions:
        p.normalise_texts()
    Petition.objects.bulk_create(petitions)
    ConferencePetition.objects.bulk_create(
        ConferencePetition(conference=c, petition=p) for p, c in zip(petitions, heard_at,
                                                                     strict=True))


def scenario(out: dict) -> None:
    """Run once inside the shared demo (tests/documents/conftest.py), then rolled back."""
    june = Conference.objects.select_related("agency__parent", "plan__signer", "chair").get(
        title=CONFERENCE_TITLE)
    plan, agency = june.plan, june.agency
    petitions = Petition.objects.filter(conference=june)
    out["june"] = {"attendance": june.attendance, "signer": plan.signer.full_name,
                   "held_on": june.held_on}
    out["counts"] = oversight.counts(petitions, TODAY)
    out["by_field"] = {
        name or "Chưa phân loại lĩnh vực": oversight.counts(
            petitions.filter(field__name=name) if name else petitions.filter(field=None),
            TODAY)
        for name in petitions.values_list("field__name", flat=True).distinct()}
    out["field_order"] = list(Field.objects.filter(agency=agency).order_by(
        "order", "name").values_list("name", flat=True))
    out["progress"] = conferences.unit_progress(june, TODAY)
    out["result"] = render_docx("bao-cao-ket-qua", june, number=64, issued_on=TODAY)
    out["result_draft"] = render_docx("bao-cao-ket-qua", june)
    out["result_xlsx"] = render_table("bao-cao-ket-qua", june)
    out["result_table"] = RESULT.table(june)

    out["yearly"] = oversight.yearly_figures(agency, 2026, TODAY)
    ids = [line.conference.pk for line in out["yearly"].conferences]
    out["per_conference"] = {
        pk: oversight.counts(Petition.objects.filter(conference=pk), TODAY) for pk in ids}
    out["titles"] = [line.conference.title for line in out["yearly"].conferences]
    out["year"] = render_docx("bao-cao-nam", plan, number=65, issued_on=TODAY)
    out["year_draft"] = render_docx("bao-cao-nam", plan)
    out["year_xlsx"] = render_table("bao-cao-nam", plan)

    upcoming = Conference.objects.get(title=UPCOMING_TITLE)
    out["not_held"] = render_docx("bao-cao-ket-qua", upcoming)

    clerk = User.objects.get(username="vanphong")
    next_year = plans_actions.create_plan(actor=clerk, agency=agency, year=2027)
    out["not_started"] = render_docx("bao-cao-nam", next_year)
    # (the demo's last year, 2025, held its conference: a year before the demo's story)
    last_year = plans_actions.create_plan(actor=clerk, agency=agency, year=2023)
    out["no_conference"] = render_docx("bao-cao-nam", last_year)
    _many_conferences(agency, clerk)
    plan_2024 = agency.plans.get(year=2024)
    out["many"] = render_docx("bao-cao-nam", plan_2024, number=3,
                              issued_on=dt.date(2024, 12, 20))
    out["many_xlsx"] = render_table("bao-cao-nam", plan_2024)

    # NFD text from a paste (saved fields are NFC; a field renamed behind the models' back)
    field = Field.objects.filter(petitions__conference=june).order_by("order").first()
    Field.objects.filter(pk=field.pk).update(name=nfd("Giao thông nông thôn Khuổi Slằng"))
    Conference.objects.filter(pk=june.pk).update(title=nfd(
        "Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu"))
    june.refresh_from_db()
    june.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    june.plan.signer.full_name = nfd("Hoàng Thị Diệu Hiền")
    out["nfd"] = render_docx("bao-cao-ket-qua", june)
    out["nfd_xlsx"] = render_table("bao-cao-ket-qua", june)
    out["nfd_year"] = render_docx("bao-cao-nam", june.plan)
    june.plan.signer.full_name = LONG_SIGNER
    agency.header_issuer = LONG_ISSUER
    june.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 8
    june.agency = agency
    out["long"] = render_docx("bao-cao-ket-qua", june)
    Conference.objects.filter(pk=june.pk).update(title="Hội nghị đối thoại " + "cụm thôn "
                                                 "Nà Pàn, Bản Chu, Khòn Pát " * 6)
    plan.agency, plan.signer.full_name = agency, LONG_SIGNER
    out["long_year"] = render_docx("bao-cao-nam", plan)


@pytest.fixture(scope="module")
def demo(demo_scenarios):
    return demo_scenarios[__name__]


RENDERS = [("result", RESULT), ("result_draft", RESULT), ("not_held", RESULT), ("nfd", RESULT),
           ("long", RESULT), ("year", YEARLY), ("year_draft", YEARLY),
           ("not_started", YEARLY), ("no_conference", YEARLY), ("many", YEARLY),
           ("nfd_year", YEARLY), ("long_year", YEARLY)]


@pytest.mark.parametrize(("key", "kind"), RENDERS)
def test_keeps_the_format(demo, key, kind):
    assert format_check.check(demo[key].docx, kind) == []


def test_registered_with_their_tables():
    assert RESULT.source == "dialogues.conference" and RESULT.abbreviation == "BC"
    assert YEARLY.source == "dialogues.plan" and YEARLY.abbreviation == "BC"
    assert RESULT.table is bao_cao_ket_qua.table and YEARLY.table is bao_cao_nam.table
    # the shipped templates print the tables' own column titles
    assert [c.title for c in bao_cao_ket_qua.COLUMNS] == bao_cao_ket_qua.RESULT_HEADER
    assert [c.title for c in bao_cao_nam.COLUMNS] == bao_cao_nam.YEAR_HEADER
    assert sum(bao_cao_ket_qua.RESULT_WIDTHS) == sum(bao_cao_nam.YEAR_WIDTHS) == 165


@pytest.mark.parametrize(("key", "number", "summary"), [
    ("result", "Số: 64/BC-UBND",
     "Kết quả tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân năm 2026"),
    ("year", "Số: 65/BC-UBND",
     "Kết quả thực hiện công tác tổ chức hội nghị đối thoại năm 2026")])
def test_number_date_title_and_summary(demo, key, number, summary):
    doc = read(demo[key].docx)
    header = doc.tables[0]
    assert texts(header.cell(0, 0).paragraphs)[0].text == "ỦY BAN NHÂN DÂN"
    assert texts(header.cell(1, 0).paragraphs)[0].text == number
    assert texts(header.cell(1, 1).paragraphs)[0].text == "Điềm He, ngày 23 tháng 11 năm 2026"
    assert props(texts(header.cell(1, 1).paragraphs)[0]) == {(13, False, True)}
    draft = read(demo[f"{key}_draft"].docx).tables[0]
    assert texts(draft.cell(1, 0).paragraphs)[0].text == "Số:      /BC-UBND"
    assert texts(draft.cell(1, 1).paragraphs)[0].text == "Điềm He, ngày      tháng      năm 2026"
    got = texts(doc.paragraphs)
    assert [p.text for p in got[:2]] == ["BÁO CÁO", summary]
    for p in got[:2]:
        assert props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


# -- the results of the June conference ---------------------------------------------------------

def test_result_headings_and_body_format(demo):
    doc = read(demo["result"].docx)
    got = lines(doc)
    assert [x for x in got if re.match(r"^[IVX]+\. ", x)] == [
        "I. CÔNG TÁC CHUẨN BỊ", "II. KẾT QUẢ HỘI NGHỊ", "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ",
        "IV. ĐÁNH GIÁ", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert [x for x in got if re.match(r"^\d\. ", x)] == [
        "1. Thời gian, địa điểm, thành phần", "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị",
        "3. Thông báo kết luận hội nghị", "1. Kết quả đạt được", "2. Tồn tại, hạn chế"]
    for p in texts(doc.paragraphs):
        if re.match(r"^([IVX]+|\d)\. ", p.text):
            assert props(p) == {(14, True, False)}
            assert p.paragraph_format.keep_with_next
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Điều 43"))
    assert props(body) == {(14, False, False)}
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent == Cm(1.27)
    assert body.paragraph_format.space_after.pt == 6
    assert "Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026 của Ủy ban nhân dân xã Điềm He" \
        in body.text


def test_result_preparation_from_the_milestones(demo):
    got = section(lines(read(demo["result"].docx)), "I. CÔNG TÁC CHUẨN BỊ",
                  "II. KẾT QUẢ HỘI NGHỊ")
    assert got[0].startswith("- Ban hành Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026 về "
                             "tổ chức hội nghị đối thoại")
    announcement = next(x for x in got if x.startswith("- Thông báo công khai"))
    assert "thực hiện ngày 03 tháng 6 năm 2026. Thông báo số 52/TB-UBND" in announcement
    villages = next(x for x in got if x.startswith("- Các thôn tổng hợp, gửi ý kiến"))
    assert "chậm so với thời hạn (hạn ngày 09/06/2026)" in villages
    assert "12/12 thôn đã gửi, trong đó 01 thôn gửi sau thời hạn" in villages
    assert all(x.endswith(";") for x in got[:-1]) and got[-1].endswith(".")


def test_result_session_and_opinions_equal_the_figures(demo):
    c = demo["counts"]
    got = lines(read(demo["result"].docx))
    session = section(got, "1. Thời gian, địa điểm, thành phần",
                      "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị")
    assert session[0] == ("Hội nghị được tổ chức vào 08 giờ 00 phút, thứ Sáu, ngày 12 tháng 6 "
                          "năm 2026, tại Hội trường UBND xã Điềm He; hình thức: trực tiếp tại "
                          "hội trường.")
    assert session[1].startswith("Chủ trì hội nghị: đồng chí Lý Thị Dương, Chủ tịch UBND xã")
    assert session[2] == f"Tham dự hội nghị có {demo['june']['attendance']} đại biểu và Nhân dân."
    opinions = section(got, "2. Ý kiến, kiến nghị của Nhân dân tại hội nghị",
                       "3. Thông báo kết luận hội nghị")
    assert opinions[0].startswith(f"- Tổng số ý kiến, kiến nghị: {c.received} ý kiến")
    assert opinions[1] == f"- Trả lời trực tiếp tại hội nghị: {c.answered_at_conference} ý kiến;"
    written = c.answered_in_writing + c.open
    assert opinions[2] == (f"- Giao các cơ quan, đơn vị trả lời bằng văn bản: {written:02d} ý "
                           f"kiến, gồm:")
    units = [x for x in opinions if x.startswith("+ ")]
    assert sum(int(re.search(r": (\d+) ý kiến", x).group(1)) for x in units) == written
    assert "+ Phòng Kinh tế: " in "".join(units) and "hạn trả lời chậm nhất ngày" in units[0]
    assert f"- Chuyển cơ quan cấp trên có thẩm quyền: {c.escalated:02d} ý kiến" in " ".join(
        opinions)
    assert f"thủ tục khiếu nại, tố cáo: {c.transferred:02d} ý kiến" in opinions[-1]
    assert opinions[-1].endswith(".")
    conclusion = section(got, "3. Thông báo kết luận hội nghị",
                         "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ")
    assert conclusion[0].startswith("Ngày 18 tháng 6 năm 2026, Ủy ban nhân dân xã ban hành "
                                    "Thông báo kết luận số 58/TB-UBND")


def test_result_follow_up_as_of_the_report_date(demo):
    c = demo["counts"]
    got = section(lines(read(demo["result"].docx)), "III. KẾT QUẢ GIẢI QUYẾT SAU HỘI NGHỊ",
                  "IV. ĐÁNH GIÁ")
    assert got[0] == (f"Tính đến ngày 23 tháng 11 năm 2026, trong số "
                      f"{c.answered_in_writing + c.open:02d} ý kiến giao trả lời bằng văn bản:")
    assert got[1] == (f"- Đã trả lời: {c.answered_in_writing:02d} ý kiến (đúng hạn "
                      f"{report.n_text(c.answered_in_writing_on_time)}, quá hạn "
                      f"{report.n_text(c.answered_late)});")
    assert got[2] == f"- Đang giải quyết, chưa đến hạn: {c.open_not_overdue:02d} ý kiến;"
    assert got[3].startswith(f"- Đang giải quyết, đã quá hạn: {c.open_overdue:02d} ý kiến (")
    # the units as the conference page's progress shows them
    for row in demo["progress"]:
        if row.overdue:
            assert f"{row.unit_name or 'chưa giao đơn vị'} {row.overdue:02d}" in got[3]
    table_title = "Tổng hợp ý kiến, kiến nghị và kết quả giải quyết theo lĩnh vực"
    title = next(p for p in read(demo["result"].docx).paragraphs if p.text == table_title)
    assert props(title) == {(13, True, False)}
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_result_table_by_field_equals_oversight(demo):
    doc = read(demo["result"].docx)
    assert len(doc.tables) == 3
    rows = cells(doc.tables[1])
    assert rows[0] == [c.title for c in bao_cao_ket_qua.COLUMNS]
    body, total = rows[1:-1], rows[-1]
    assert [r[0] for r in body] == [str(i) for i in range(1, len(body) + 1)]
    names = [r[1] for r in body]
    assert set(names) == set(demo["by_field"])
    order = demo["field_order"]
    assert names == sorted(names, key=lambda n: order.index(n) if n in order else len(order))
    for row in body:
        c = demo["by_field"][row[1]]
        assert row[2:] == [str(v) for v in (
            c.received, c.answered_at_conference, c.answered_in_writing + c.open,
            c.answered_in_writing, c.answered_late + c.open_overdue,
            c.escalated + c.transferred + c.not_accepted)]
    c = demo["counts"]
    assert total == ["", "Tổng cộng", str(c.received), str(c.answered_at_conference),
                     str(c.answered_in_writing + c.open), str(c.answered_in_writing),
                     str(c.answered_late + c.open_overdue),
                     str(c.escalated + c.transferred + c.not_accepted)]
    # a row adds up: on the spot + in writing + routed elsewhere = all raised
    for row in [*body, total]:
        n = [int(x) for x in row[2:]]
        assert n[0] == n[1] + n[2] + n[5]
    # the header bold, figures right-aligned 12 pt, the STT centred, the total bold
    table = doc.tables[1]
    assert props(table.cell(0, 3).paragraphs[0]) == {(12, True, False)}
    assert table.cell(1, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(1, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert props(table.rows[-1].cells[1].paragraphs[0]) == {(12, True, False)}
    notes = next(p for p in doc.paragraphs if p.text.startswith("Số liệu tính đến ngày"))
    assert notes.text.startswith("Số liệu tính đến ngày 23/11/2026.")
    assert props(notes) == {(13, False, True)}


def test_result_xlsx_has_the_same_rows_and_totals(demo):
    docx_rows = cells(read(demo["result"].docx).tables[1])
    header, rows, total = sheet_rows(demo["result_xlsx"])
    assert list(header) == docx_rows[0]
    assert [[tables.cell_text(v) for v in row] for row in rows] == docx_rows[1:-1]
    assert [tables.cell_text(v) for v in total] == docx_rows[-1]
    assert all(isinstance(v, int) for row in rows for v in row[2:])
    c = demo["counts"]
    assert total[2] == c.received == sum(row[2] for row in rows)
    assert demo["result_table"].total[2:] == total[2:]
    assert openpyxl.load_workbook(io.BytesIO(demo["result_xlsx"])).active.title == "Theo lĩnh vực"


def test_result_evaluation_proposals_ending_and_recipients(demo):
    c = demo["counts"]
    doc = read(demo["result"].docx)
    got = lines(doc)
    good = section(got, "1. Kết quả đạt được", "2. Tồn tại, hạn chế")
    assert any(f"trả lời trực tiếp {c.answered_at_conference} ý kiến "
               f"({round(100 * c.answered_at_conference / c.received)}%)" in x for x in good)
    assert any(f"đúng thời hạn đạt {c.on_time_percent}%" in x for x in good)
    weak = section(got, "2. Tồn tại, hạn chế", "V. ĐỀ XUẤT, KIẾN NGHỊ")
    assert f"- Còn {c.open_overdue:02d} ý kiến đã quá thời hạn nhưng chưa được trả lời." in weak
    assert "- Còn 01 thôn gửi ý kiến, kiến nghị sau thời hạn." in weak
    proposals = section(got, "V. ĐỀ XUẤT, KIẾN NGHỊ", None)
    assert any(x.startswith("- Đề nghị Sở Nội vụ") for x in proposals)
    assert any(f"giải quyết {c.escalated:02d} kiến nghị vượt thẩm quyền cấp xã" in x
               for x in proposals)
    assert got[-1] == ("Trên đây là báo cáo kết quả tổ chức hội nghị đối thoại của Ủy ban nhân "
                       "dân xã Điềm He, kính báo cáo Ủy ban nhân dân tỉnh Lạng Sơn (qua Sở Nội "
                       "vụ) theo dõi, tổng hợp./.")
    left = [p.text for p in texts(doc.tables[-1].cell(0, 0).paragraphs)]
    assert left[:2] == ["Nơi nhận:", "- UBND tỉnh Lạng Sơn (qua Sở Nội vụ);"]
    assert left[-1] == "- Lưu: VT, VP."
    right = [p.text for p in texts(doc.tables[-1].cell(0, 1).paragraphs)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", demo["june"]["signer"]]
    assert demo["result"].missing == []


def test_result_of_a_conference_not_held(demo):
    assert demo["not_held"].missing == ["hội nghị đã tổ chức"]
    got = lines(read(demo["not_held"].docx))
    assert "Chưa ban hành Thông báo kết luận hội nghị." in got
    assert any(x.startswith("Hội nghị dự kiến tổ chức vào 08 giờ 00 phút, thứ Sáu") for x in got)
    assert "- Hội nghị chưa tổ chức, chưa có kết quả trao đổi, đối thoại." in got
    assert not any(x.startswith("Tham dự hội nghị có") for x in got)


# -- the year's report ------------------------------------------------------------------------

def test_year_headings_conferences_and_figures(demo):
    data = demo["yearly"]
    got = lines(read(demo["year"].docx))
    assert [x for x in got if re.match(r"^[IVX]+\. ", x)] == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ BAN HÀNH KẾ HOẠCH",
        "II. KẾT QUẢ TỔ CHỨC HỘI NGHỊ ĐỐI THOẠI", "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT",
        "IV. ĐÁNH GIÁ", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    assert got[2].endswith("(số liệu tính đến ngày 23 tháng 11 năm 2026) như sau:")
    plans = section(got, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ BAN HÀNH KẾ HOẠCH",
                    "II. KẾT QUẢ TỔ CHỨC HỘI NGHỊ ĐỐI THOẠI")
    assert plans[0].startswith("- Ban hành Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026")
    part = section(got, "1. Các hội nghị trong năm",
                   "2. Kết quả tiếp nhận, giải quyết ý kiến, kiến nghị")
    assert part[0] == (f"Trong năm 2026, Ủy ban nhân dân xã Điềm He đã tổ chức "
                       f"{len(data.held):02d} hội nghị đối thoại với Nhân dân, tổng số "
                       f"{data.attendance} lượt người tham dự; "
                       f"{len(data.conferences) - len(data.held):02d} hội nghị đang chuẩn bị.")
    entries = part[1:]
    # June's, today's (its session under way: not yet recorded as held) and the upcoming one
    assert [x[:2] for x in entries] == ["a)", "b)", "c)"][:len(data.conferences)]
    assert entries[0].startswith(f"a) {demo['titles'][0]}: tổ chức vào thứ Sáu, ngày 12 tháng "
                                 f"6 năm 2026, tại Hội trường UBND xã Điềm He; "
                                 f"{data.held[0].conference.attendance} người dự; "
                                 f"{data.held[0].received} ý kiến, kiến nghị")
    assert "Thông báo kết luận số 58/TB-UBND ngày 18/06/2026" in entries[0]
    assert "dự kiến tổ chức" in entries[1] and "đang chuẩn bị" in entries[1]
    figures = section(got, "2. Kết quả tiếp nhận, giải quyết ý kiến, kiến nghị",
                      "Kết quả tổ chức hội nghị đối thoại và giải quyết ý kiến, kiến nghị năm "
                      "2026")
    a, b = data.of_conferences.counts, data.of_year.counts
    assert figures[0].startswith("a) ") and figures[0].endswith(f": {a.received} ý kiến, trong "
                                                                f"đó:")
    assert figures[1].startswith(f"- Đã trả lời: {a.answered} ý kiến (tại hội nghị "
                                 f"{a.answered_at_conference};")
    b_head = next(i for i, x in enumerate(figures) if x.startswith("b) "))
    assert figures[b_head].endswith(f": {b.received} ý kiến, trong đó:")
    assert (f"- Đang giải quyết: {b.open} ý kiến (chưa đến hạn {b.open_not_overdue}, đã quá "
            f"hạn {b.open_overdue}).") == figures[-1]
    assert any(x.startswith("- Các lĩnh vực được Nhân dân quan tâm nhiều nhất: ")
               for x in figures[:b_head])


def test_year_table_equals_yearly_figures(demo):
    data = demo["yearly"]
    rows = cells(read(demo["year"].docx).tables[1])
    assert rows[0] == [c.title for c in bao_cao_nam.COLUMNS]
    body, total = rows[1:-1], rows[-1]
    assert [r[1] for r in body] == demo["titles"]
    assert body[0][2] == "12/06/2026"
    assert body[1][2].endswith("(dự kiến)") and body[1][3] == ""
    for row, line in zip(body, data.conferences, strict=True):
        c = demo["per_conference"][line.conference.pk]
        assert row[4] == str(line.received) == str(c.received)
        assert row[5:] == [str(c.answered), str(c.answered_on_time),
                           str(c.answered_late + c.open_overdue), str(c.open)]
    a = data.of_conferences.counts
    assert total == ["", "Tổng cộng", "", str(data.attendance), str(a.received), str(a.answered),
                     str(a.answered_on_time), str(a.answered_late + a.open_overdue), str(a.open)]


def test_year_xlsx_has_the_same_rows_and_totals(demo):
    docx_rows = cells(read(demo["year"].docx).tables[1])
    header, rows, total = sheet_rows(demo["year_xlsx"])
    assert list(header) == docx_rows[0]
    assert [[tables.cell_text(v) for v in row] for row in rows] == docx_rows[1:-1]
    assert [tables.cell_text(v) for v in total] == docx_rows[-1]
    assert total[4] == demo["yearly"].of_conferences.counts.received == sum(r[4] for r in rows)


def test_year_still_open_evaluation_and_ending(demo):
    data = demo["yearly"]
    a = data.of_conferences.counts
    doc = read(demo["year"].docx)
    got = lines(doc)
    still = section(got, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT", "IV. ĐÁNH GIÁ")
    june = demo["per_conference"][data.held[0].conference.pk]
    assert still[0] == (f"- Hội nghị ngày 12/06/2026: còn {june.open:02d} ý kiến đang giải "
                        f"quyết, trong đó {june.open_overdue:02d} ý kiến đã quá hạn;")
    assert any(f"{a.escalated:02d} ý kiến đã chuyển cơ quan cấp trên" in x for x in still)
    good = section(got, "1. Kết quả đạt được", "2. Tồn tại, hạn chế")
    assert any(f"đúng thời hạn đạt {a.on_time_percent}%" in x for x in good)
    assert got[-1].endswith("kính báo cáo Ủy ban nhân dân tỉnh Lạng Sơn (qua Sở Nội vụ) theo "
                            "dõi, tổng hợp./.")
    right = [p.text for p in texts(doc.tables[-1].cell(0, 1).paragraphs)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", demo["june"]["signer"]]
    assert demo["year"].missing == []


def test_year_not_started_and_year_without_conference(demo):
    assert demo["not_started"].missing == ["số liệu của năm 2027 (năm chưa bắt đầu)"]
    assert demo["no_conference"].missing == []
    for key, year, held, verb in (
            ("not_started", 2027, "Tính đến ngày 23 tháng 11 năm 2026, Ủy ban nhân dân xã "
                                  "Điềm He chưa tổ chức hội nghị đối thoại nào trong năm 2027.",
             "Chưa"),
            ("no_conference", 2023, "Trong năm 2023, Ủy ban nhân dân xã Điềm He không tổ chức "
                                    "hội nghị đối thoại nào.", "Không")):
        doc = read(demo[key].docx)
        got = lines(doc)
        assert held in got
        assert f"- {verb} tổ chức hội nghị đối thoại năm {year} (Luật quy định tổ chức ít " \
               f"nhất mỗi năm một lần)." in got
        assert any(x.startswith("- Dự thảo Kế hoạch") and x.endswith("chưa ban hành;")
                   for x in got)
        assert len(doc.tables) == 2  # no empty table of conferences
        assert got[-1].endswith("theo dõi, tổng hợp./.")
    got = lines(read(demo["not_started"].docx))
    assert "a) Ý kiến, kiến nghị của Nhân dân gửi đến các hội nghị trong năm: không có." in got
    assert section(got, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT", "IV. ĐÁNH GIÁ") == [
        "- Không có ý kiến, kiến nghị nào đang giải quyết."]


def test_a_year_of_many_conferences(demo):
    doc = read(demo["many"].docx)
    rows = cells(doc.tables[1])
    assert len(rows) == 1 + MANY + 1
    assert rows[1][1] == "Hội nghị đối thoại với Nhân dân cụm thôn số 1"
    assert rows[MANY][0] == str(MANY)
    attendance = sum(60 + i for i in range(MANY))
    assert rows[-1][3] == f"{attendance:,}".replace(",", ".")
    assert rows[-1][4] == str(sum(1 + i % 3 for i in range(MANY)))
    got = lines(doc)
    # too many to tell one by one in the text: the table does, and the totals are in words
    assert not any(x.startswith(("a) Hội nghị", "- Hội nghị đối thoại với")) for x in got)
    assert (f"Trong năm 2024, Ủy ban nhân dân xã Điềm He đã tổ chức {MANY} hội nghị đối thoại "
            f"với Nhân dân, tổng số {rows[-1][3]} lượt người tham dự; kết quả từng hội nghị tại "
            f"bảng tổng hợp ở mục 2 dưới đây.") in got
    still = section(got, "III. NHỮNG NỘI DUNG CÒN ĐANG GIẢI QUYẾT", "IV. ĐÁNH GIÁ")
    assert still[0].startswith("- Các hội nghị trong năm còn 20 ý kiến đang giải quyết")
    header, body, total = sheet_rows(demo["many_xlsx"])
    assert len(body) == MANY and total[3] == attendance
    # the header row repeats on every page, rows are not split across pages
    xml = doc.tables[1]._tbl.xml
    assert "<w:tblHeader/>" in xml and xml.count("<w:cantSplit/>") == len(rows)


def test_nfd_input_renders_nfc(demo):
    for key in ("nfd", "nfd_year"):
        doc = read(demo[key].docx)
        assert unicodedata.is_normalized("NFC", doc.element.xml)
    doc = read(demo["nfd"].docx)
    all_text = [p.text for p in reading.all_paragraphs(doc)]
    assert "Hoàng Thị Diệu Hiền" in all_text
    assert any("tại Nhà văn hóa thôn Khòn Pát" in x for x in all_text)
    assert texts(doc.paragraphs)[1].text == ("Kết quả tổ chức hội nghị đối thoại với Nhân dân "
                                             "thôn Nà Pàn – Bản Chu")
    assert "Giao thông nông thôn Khuổi Slằng" in [row[1] for row in cells(doc.tables[1])]
    _header, rows, _total = sheet_rows(demo["nfd_xlsx"])
    assert "Giao thông nông thôn Khuổi Slằng" in [row[1] for row in rows]
    assert all(unicodedata.is_normalized("NFC", row[1]) for row in rows)


def test_very_long_names(demo):
    for key in ("long", "long_year"):
        doc = read(demo[key].docx)
        header, signature = doc.tables[0], doc.tables[-1]
        assert tuple(round(c.width.mm) for c in signature.columns) == (80, 85)
        assert texts(header.cell(0, 0).paragraphs)[-1].text.startswith("XÃ ĐIỀM HE MỞ RỘNG")
        assert texts(signature.cell(0, 1).paragraphs)[-1].text == LONG_SIGNER
        assert sum(round(c.width.mm) for c in doc.tables[1].columns) == 165
    rows = cells(read(demo["long_year"].docx).tables[1])
    assert rows[1][1].startswith("Hội nghị đối thoại cụm thôn Nà Pàn, Bản Chu, Khòn Pát")
