"""The conference announcement (Thông báo, TB) and its loudspeaker version, read back from
the .docx element by element: the upcoming conference, a conference with no date, venue
nor signer yet, NFD text and very long names."""

import datetime as dt
import re
import unicodedata

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from doithoai.dialogues.choices import Mode
from doithoai.dialogues.models import Conference, Milestone
from doithoai.documents.drawing import format_check
from doithoai.documents.drawing.format_check import reading
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from tests import builders
from tests.documents.conftest import lines, nfd, props, read, texts

pytestmark = pytest.mark.django_db
KIND, RADIO = KINDS["thong-bao"], KINDS["thong-bao-truyen-thanh"]
BLANK_NUMBER = "Số:      /TB-UBND"


def scenario(out: dict) -> None:
    """Run once for the module (`made`), then rolled back."""
    conf = builders.upcoming_conference(builders.yearly_plan())
    out["conf"] = {"pk": conf.pk, "held_on": conf.held_on, "venue": conf.venue,
                   "agenda": [(a.title, a.minutes) for a in conf.agenda.all()],
                   "signer": conf.plan.signer.full_name,
                   "due": Milestone.objects.get(conference=conf,
                                                kind=Milestone.Kind.VILLAGE_OPINIONS).due_on}
    for code in ("thong-bao", "thong-bao-truyen-thanh"):
        out[code] = render_docx(code, conf)
        out[code + "/issued"] = render_docx(code, conf, number=61,
                                            issued_on=dt.date(2026, 11, 24))
    # Not decided yet: no day, no venue, online without its link, nobody to sign.
    plan = conf.plan
    conf.held_on = conf.starts_at = None
    conf.venue = ""
    conf.mode = Mode.HYBRID
    plan.signer = conf.chair = None
    out["gaps"] = render_docx("thong-bao", conf)
    out["gaps/radio"] = render_docx("thong-bao-truyen-thanh", conf)
    conf = Conference.objects.select_related("agency", "plan__signer").get(pk=conf.pk)
    conf.title = nfd("Hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu")
    conf.venue = nfd("Nhà văn hóa thôn Khòn Pát")
    conf.plan.signer.full_name = nfd("Hoàng Thị Diệu Hiền")
    out["nfd"] = render_docx("thong-bao", conf)
    out["nfd/radio"] = render_docx("thong-bao-truyen-thanh", conf)
    conf.plan.signer.full_name = "Nguyễn Hoàng Phương Thảo Bảo Ngọc Khánh Linh Thị Mai Anh"
    conf.agency.header_issuer = ("ỦY BAN NHÂN DÂN / XÃ ĐIỀM HE MỞ RỘNG THEO NGHỊ QUYẾT "
                                 "SÁP NHẬP ĐƠN VỊ HÀNH CHÍNH CẤP XÃ")
    conf.venue = "Hội trường " + "Nhà văn hóa trung tâm cụm thôn " * 8
    out["long"] = render_docx("thong-bao", conf)
    out["long/radio"] = render_docx("thong-bao-truyen-thanh", conf)


@pytest.fixture(scope="module")
def made(run_scenario):
    return run_scenario(scenario)


@pytest.mark.parametrize("key", ["thong-bao", "thong-bao/issued", "gaps", "nfd", "long"])
def test_every_announcement_keeps_the_format(made, key):
    assert format_check.check(made[key].docx, KIND) == []


@pytest.mark.parametrize("key", ["thong-bao-truyen-thanh", "thong-bao-truyen-thanh/issued",
                                 "gaps/radio", "nfd/radio", "long/radio"])
def test_every_radio_text_keeps_the_format(made, key):
    assert format_check.check(made[key].docx, RADIO) == []


def test_registered_with_its_shipped_template():
    for kind in (KIND, RADIO):
        assert kind.abbreviation == "TB" and kind.source == "dialogues.conference"


@pytest.mark.parametrize("code", ["thong-bao", "thong-bao-truyen-thanh"])
def test_number_line_draft_and_issued(made, code):
    draft, issued = read(made[code].docx), read(made[code + "/issued"].docx)
    number = texts(draft.tables[0].cell(1, 0).paragraphs)[0]
    assert number.text == BLANK_NUMBER
    assert props(number) == {(13, False, False)}
    assert texts(draft.tables[0].cell(1, 1).paragraphs)[0].text == \
        "Điềm He, ngày      tháng      năm 2026"
    assert texts(issued.tables[0].cell(1, 0).paragraphs)[0].text == "Số: 61/TB-UBND"
    assert texts(issued.tables[0].cell(1, 1).paragraphs)[0].text == \
        "Điềm He, ngày 24 tháng 11 năm 2026"
    assert made[code].missing == []


def test_title_and_summary(made):
    doc = read(made["thong-bao"].docx)
    paragraphs = doc.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.text.strip())
    title, summary, rule = paragraphs[first:first + 3]
    assert title.text == "THÔNG BÁO"
    assert summary.text == ("Về việc tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với "
                            "Nhân dân cuối năm 2026")
    for p in (title, summary):
        assert props(p) == {(14, True, False)}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert rule.text == "" and rule._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_opening_refers_to_the_plan(made):
    text = lines(read(made["thong-bao"].docx))[2]
    assert text.startswith("Thực hiện Kế hoạch số 27/KH-UBND ngày 15 tháng 5 năm 2026 của Ủy "
                           "ban nhân dân xã Điềm He về tổ chức hội nghị đối thoại")
    assert text.endswith("; Ủy ban nhân dân xã thông báo tổ chức hội nghị đối thoại giữa Chủ "
                         "tịch UBND xã với Nhân dân cuối năm 2026 như sau:")


def test_time_place_mode_chairs(made):
    got = lines(read(made["thong-bao"].docx))
    held = made["conf"]["held_on"]
    assert held.weekday() == 4
    day = f"ngày {held.day:02d} tháng {held.month} năm {held.year}"
    assert f"1. Thời gian: 08 giờ 00 phút, thứ Sáu, {day}." in got
    assert f"2. Địa điểm: {made['conf']['venue']}." in got
    assert "3. Hình thức: Trực tiếp tại hội trường." in got
    chairs = next(x for x in got if x.startswith("4. Chủ trì hội nghị: "))
    assert chairs.startswith("4. Chủ trì hội nghị: Đồng chí Lý Thị Dương, Chủ tịch UBND xã "
                             "(chủ trì); đồng chí ")
    doc = read(made["thong-bao"].docx)
    lead = next(p for p in doc.paragraphs if p.text.startswith("1. Thời gian"))
    assert [(r.text, r.font.bold) for r in lead.runs if r.text][0] == ("1. Thời gian: ", True)


def test_headings_in_order(made):
    got = [x for x in lines(read(made["thong-bao"].docx)) if re.match(r"^[IVX]+\. ", x)]
    assert got == ["I. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC, THÀNH PHẦN",
                   "II. NỘI DUNG TRAO ĐỔI, ĐỐI THOẠI", "III. CHƯƠNG TRÌNH HỘI NGHỊ",
                   "IV. GỬI Ý KIẾN, KIẾN NGHỊ TRƯỚC HỘI NGHỊ"]


def test_programme_timed_from_the_agenda(made):
    got = lines(read(made["thong-bao"].docx))
    start = got.index("III. CHƯƠNG TRÌNH HỘI NGHỊ") + 1
    agenda = made["conf"]["agenda"]
    programme = got[start:start + len(agenda)]
    assert programme[0] == ("- Từ 08 giờ 00 đến 08 giờ 05: Tuyên bố lý do, giới thiệu đại "
                            "biểu, chủ trì và thư ký hội nghị;")
    for line, (title, _minutes) in zip(programme, agenda, strict=True):
        assert title in line
    assert all(x.endswith(";") for x in programme[:-1]) and programme[-1].endswith(".")
    end = sum(m for _t, m in agenda)
    assert programme[-1].split(":")[0].endswith(f"đến {8 + end // 60:02d} giờ {end % 60:02d}")
    assert got[start + len(agenda)] == "IV. GỬI Ý KIẾN, KIẾN NGHỊ TRƯỚC HỘI NGHỊ"


def test_how_and_by_when_to_send_opinions(made, settings):
    got = lines(read(made["thong-bao"].docx))
    url = (f"{settings.PUBLIC_BASE_URL.rstrip('/')}/gui-y-kien/?xa=ubnd-xa-diem-he"
           f"&hoi-nghi={made['conf']['pk']}")
    assert f"- Gửi trực tuyến tại địa chỉ: {url}." in got
    assert "- Qua Trưởng thôn, Ban công tác Mặt trận ở thôn;" in got
    office = next(x for x in got if x.startswith("- Gửi trực tiếp"))
    assert "Văn phòng HĐND và UBND xã" in office and "0205 3831 234" in office
    due = made["conf"]["due"]
    deadline = next(x for x in got if x.startswith("Trưởng thôn, Ban công tác Mặt trận"))
    assert deadline.endswith(f"trước ngày {due.day:02d} tháng {due.month} năm {due.year}.")


def test_ends_and_signature_with_recipients(made):
    doc = read(made["thong-bao"].docx)
    assert lines(doc)[-1].endswith("gửi ý kiến, kiến nghị./.")
    table = doc.tables[-1]
    left = [p.text for p in texts(table.cell(0, 0).paragraphs)]
    assert left[0] == "Nơi nhận:"
    for item in ("- Đài truyền thanh xã;", "- Trưởng các thôn;",
                 "- Trang thông tin điện tử xã;"):
        assert item in left
    assert left[-1] == "- Lưu: VT, VP."
    right = [p.text for p in texts(table.cell(0, 1).paragraphs)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", made["conf"]["signer"]]
    # the block is never split across two pages
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_radio_text_is_a_few_sentences_without_lists(made):
    doc = read(made["thong-bao-truyen-thanh"].docx)
    got = lines(doc)
    assert got[0] == "THÔNG BÁO" and got[1].endswith("(phát trên hệ thống truyền thanh)")
    body = got[2:]
    assert len(body) == 4
    assert len(doc.tables) == 2
    assert not any(x.startswith("- ") or re.match(r"^([IVX]+|\d+)\. ", x) for x in body)
    held = made["conf"]["held_on"]
    assert body[0].startswith(
        f"Ủy ban nhân dân xã Điềm He thông báo: vào hồi 08 giờ 00 phút, thứ Sáu, ngày "
        f"{held.day:02d} tháng {held.month} năm {held.year}, tại {made['conf']['venue']},")
    due = made["conf"]["due"]
    assert f"trước ngày {due.day:02d} tháng {due.month} năm {due.year}" in body[2]
    assert "gửi trực tuyến trên trang" in body[2] and "?" not in body[2]
    assert body[-1].endswith("./.")
    left = [p.text for p in texts(doc.tables[-1].cell(0, 0).paragraphs)]
    assert left[1].startswith("- Đài truyền thanh xã")


def test_gaps_are_listed_and_read_later(made):
    assert made["gaps"].missing == ["ngày tổ chức", "giờ bắt đầu", "địa điểm",
                                    "đường dẫn trực tuyến", "chủ trì", "người ký"]
    assert made["gaps/radio"].missing == ["ngày tổ chức", "giờ bắt đầu", "địa điểm",
                                          "người ký"]
    got = lines(read(made["gaps"].docx))
    assert "1. Thời gian: Thời gian sẽ thông báo sau." in got
    assert "2. Địa điểm: Địa điểm sẽ thông báo sau." in got
    assert "3. Hình thức: Trực tiếp tại hội trường, kết hợp trực tuyến." in got
    assert "4. Chủ trì hội nghị: …" in got
    right = [p.text for p in texts(read(made["gaps"].docx).tables[-1].cell(0, 1).paragraphs)]
    assert right == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    radio = lines(read(made["gaps/radio"].docx))
    assert "thời gian sẽ thông báo sau" in radio[2]


def test_nfd_input_comes_out_nfc(made):
    for key in ("nfd", "nfd/radio"):
        doc = read(made[key].docx)
        assert unicodedata.is_normalized("NFC", doc.element.xml)
        all_text = [p.text for p in reading.all_paragraphs(doc)]
        assert "Hoàng Thị Diệu Hiền" in all_text
        assert any("Nhà văn hóa thôn Khòn Pát" in x for x in all_text)
        assert any("hội nghị đối thoại với Nhân dân thôn Nà Pàn – Bản Chu" in x
                   for x in all_text)


def test_very_long_names_wrap_inside_fixed_tables(made):
    for key in ("long", "long/radio"):
        doc = read(made[key].docx)
        header, signature = doc.tables
        assert tuple(round(c.width.mm) for c in header.columns) == (64, 101)
        assert tuple(round(c.width.mm) for c in signature.columns) == (80, 85)
        assert texts(header.cell(0, 0).paragraphs)[-1].text.startswith("XÃ ĐIỀM HE MỞ RỘNG")
        assert texts(signature.cell(0, 1).paragraphs)[-1].text.startswith(
            "Nguyễn Hoàng Phương Thảo")
