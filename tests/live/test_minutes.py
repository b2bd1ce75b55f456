"""The minutes (Biên bản) follow the live room's record: the speakers in the order they had
the floor, each with the answer given or the unit assigned, and the time the session ended."""

import io

import time_machine
from django.utils import timezone
from docx import Document as WordDocument

from doithoai.documents.drawing import format_check
from doithoai.documents.registry import KINDS
from doithoai.documents.render import render_docx
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.org.models import Unit, Village
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Field

Source = Registration.Source


def text_of(docx: bytes) -> str:
    return "\n".join(p.text for p in WordDocument(io.BytesIO(docx)).paragraphs)


def test_the_minutes_list_who_had_the_floor_in_order(session, clerk, commune, conference):
    ensure_default_fields(commune)
    field = Field.objects.get(agency=commune, code="giao-thong")
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    first = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Lương Văn Khiêm", village=na_pan)
    second = registrations.register(actor=clerk, session=session, source=Source.QR,
                                    full_name="Vy Thị Liên", topic="Nước sạch")
    registrations.move(actor=clerk, registration=second, after=None, reason="Người cao tuổi")
    registrations.call_next(actor=clerk, session=session)  # Vy Thị Liên first
    speeches.record_speech(actor=clerk, registration=second, field=field,
                           text="Đề nghị sửa đường ống nước sạch của thôn.")
    speeches.answer_on_the_spot(actor=clerk, registration=second,
                                answered_by="Bà Lý Thị Dương, Chủ tịch UBND xã",
                                text="Trung tâm Dịch vụ công ích sửa trong tuần này.")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=first, field=field,
                           text="Đề nghị bê tông hóa đường nội thôn Nà Pàn.")
    speeches.assign_for_answer(actor=clerk, registration=first,
                               unit=Unit.objects.get(agency=commune, code="kinh-te"))
    end = timezone.localtime().replace(hour=11, minute=25)
    with time_machine.travel(end, tick=False):
        sessions.close_session(actor=clerk, session=session)

    minutes = render_docx("bien-ban", conference, number=7, issued_on=conference.held_on)
    text = text_of(minutes.docx)
    assert text.index("Bà Vy Thị Liên") < text.index("Ông Lương Văn Khiêm (thôn Nà Pàn)")
    assert "Bà Lý Thị Dương, Chủ tịch UBND xã: Trung tâm Dịch vụ công ích sửa" in text
    assert "Chủ trì giao Phòng Kinh tế xem xét, giải quyết, trả lời bằng văn bản" in text
    assert "Hội nghị kết thúc vào hồi 11 giờ 25 phút cùng ngày." in text
    assert format_check.check(minutes.docx, KINDS["bien-ban"]) == []
