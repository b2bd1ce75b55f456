"""The written reminder to a unit (công văn đôn đốc, "Số: 01/UBND-VP"), made from one urge:
issued through the register, read back from the .docx (the unit, every petition of the urge
with its tracking code, summary and due date; no petitioner's name, no denunciation's words),
checked against Decree 30's layout, and its pages drawn as PDF and PNG."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.documents.actions import register as register_actions
from doithoai.documents.drawing import format_check, pdf
from doithoai.documents.models import Document
from doithoai.documents.registry import KINDS
from doithoai.org.models import Person, Unit, User
from doithoai.petitions.actions import assignments, urges
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.models import Petition
from doithoai.petitions.selectors.deadlines import today_info
from tests.documents.conftest import cells, lines, read

pytestmark = pytest.mark.django_db
CODE = "cong-van-don-doc"
KIND = KINDS[CODE]
DENOUNCED = "Tố cáo ông Nông Văn Kh. cán bộ địa chính nhận tiền của dân để cấp sổ đỏ"
NAMED = "Hoàng Văn Pản"


@pytest.fixture
def urged(commune):
    """Phòng Kinh tế urged about three late petitions, one of them a denunciation by its
    words though recorded as an opinion; the unit has no e-mail and no phone."""
    clerk = User.objects.get(username="vanphong")
    unit = Unit.objects.get(agency=commune, code="kinh-te")
    today = today_info()
    made = []
    for i, text in enumerate(("Đường liên thôn Nà Pàn – Bản Chu xuống cấp, đề nghị sửa.",
                              DENOUNCED, "Đề nghị hỗ trợ giống lúa vụ xuân cho thôn Khòn Pát.")):
        p = petition_intake.receive(petition_intake.Intake(
            agency=commune, text="Đề nghị sửa đường", channel="office",
            received_on=dt.date(2026, 9, 1),
            petitioners=[petition_intake.PetitionerData(full_name=NAMED)]), actor=clerk)
        p = assignments.assign(actor=clerk, petition=p, unit=unit)
        # Its words written in later (as the live room completes a speech): still an opinion.
        Petition.objects.filter(pk=p.pk).update(
            text=text, due_date=today.today - dt.timedelta(days=10 - i))
        made.append(Petition.objects.get(pk=p.pk))
    officers = User.objects.filter(memberships__unit=unit)
    Person.objects.filter(user__in=officers).update(phone="", email="")
    officers.update(email="")
    Unit.objects.filter(pk=unit.pk).update(email="", phone="")
    unit.refresh_from_db()
    outcome = urges.urge_unit(actor=clerk, unit=unit, today=today)
    return {"urge": outcome.urge, "petitions": made, "clerk": clerk, "unit": unit}


def test_issued_it_is_numbered_in_the_letters_register_and_lists_the_urge(urged, client):
    urge, clerk = urged["urge"], urged["clerk"]
    assert urge.emails == urge.phones == 0  # neither: the letter is how the unit is urged
    client.force_login(clerk)
    page = client.get(reverse("petitions:urge_detail", args=[urge.pk]))
    assert "Công văn đôn đốc trả lời ý kiến, kiến nghị" in page.content.decode()
    document = register_actions.issue(signed=True, actor=clerk, kind_code=CODE, obj=urge)
    assert document.number_text == "01/UBND-VP"
    doc = read(document.file.read())
    text = "\n".join(lines(doc))
    assert "Số: 01/UBND-VP" in "\n".join(c.text for row in doc.tables[0].rows
                                          for c in row.cells)
    assert "Kính gửi: Phòng Kinh tế" in text
    assert "còn 3 ý kiến đã quá hạn chưa được trả lời" in text
    rows = cells(doc.tables[1])
    assert rows[0] == ["STT", "Mã tra cứu", "Tóm tắt nội dung", "Hạn trả lời", "Tình trạng"]
    listed = rows[1:]
    assert [r[1] for r in listed] == [p.tracking_code for p in urged["petitions"]]
    assert [r[3] for r in listed] == [f"{p.due_date:%d/%m/%Y}" for p in urged["petitions"]]
    assert listed[0][2].startswith("Đường liên thôn Nà Pàn")
    assert listed[1][2] == ("Tố cáo (giải quyết theo thủ tục riêng; nội dung không ghi trong "
                            "văn bản)")
    assert all(r[4].startswith("Quá hạn") for r in listed)
    everything = text + str(rows)
    assert "Nông Văn Kh" not in everything and NAMED not in everything
    assert format_check.check(document.file.open("rb").read(), KIND) == []
    # Issued once: a later urge is a new letter with the next number.
    with pytest.raises(ValidationError):
        register_actions.issue(signed=True, actor=clerk, kind_code=CODE, obj=urge)
    assert Document.objects.get(kind=CODE).object_id == urge.pk


def test_its_pages_as_pdf_and_images(urged):
    clerk = urged["clerk"]
    docx = register_actions.issue(signed=True, actor=clerk, kind_code=CODE,
                                  obj=urged["urge"]).file.read()
    reader = pypdf.PdfReader(io.BytesIO(pdf.to_pdf(docx)))
    words = " ".join(page.extract_text() for page in reader.pages)
    for p in urged["petitions"]:
        assert p.tracking_code in words
    assert "TM. ỦY BAN NHÂN DÂN" in words and "01/UBND-VP" in words
    png = pdf.preview_png(docx)
    assert png.startswith(b"\x89PNG")


def test_without_a_chairman_it_cannot_be_issued(urged):
    Person.objects.filter(agency=urged["urge"].agency,
                          position__istartswith="Chủ tịch UBND").update(position="Chuyên viên")
    with pytest.raises(ValidationError) as refused:
        register_actions.issue(signed=True, actor=urged["clerk"], kind_code=CODE, obj=urged["urge"])
    assert "người ký (Chủ tịch UBND)" in refused.value.messages[0]
