"""Nobody exposed after the session: the Biên bản, the conclusion notice (read back from the
.docx), the conference's public results and the tracking pages never name a denouncer or a
confidential speaker; a denunciation is one generic line (neither the citizen's words nor the
accused's post nor the village); every other name the product knows is printed as initials in
what is published, while the staff's record keeps the original."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.dialogues.actions import outcome
from doithoai.dialogues.models import Conference
from doithoai.documents.render import render_docx
from doithoai.live.actions import minutes as minutes_actions
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.live.selectors import minutes
from doithoai.org.models import Unit, Village
from doithoai.petitions.models import Kind, Petition

Source = Registration.Source
DENOUNCED = "Tố cáo trưởng thôn Nà Lầu thu tiền trái phép của dân"
# What must never leave: the denouncers, the confidential speaker, the denunciations' words.
NEVER = ("Lò Văn Tố", "Vi Thị Hằng", "Hà Thị Mai", "trưởng thôn Nà Lầu", "thu tiền trái phép",
         "địa chính", "Nà Lầu")


def docx_text(docx: bytes) -> str:
    """Every word the document prints (paragraphs, tables, headers), runs joined."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = [archive.read(n).decode() for n in archive.namelist()
                 if n.startswith("word/") and n.endswith(".xml")]
    return "\n".join(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", part)) for part in parts)


def absent(words, text: str, where: str) -> None:
    leaks = [w for w in words if w.casefold() in text.casefold()]
    assert not leaks, (where, leaks)


@pytest.fixture
def held(session, clerk, commune, conference):
    """Four speakers: a paper denunciation, a QR one typed without marks (recorded as an
    opinion: its words say it), one who asked not to be named, and an ordinary one; the
    session closed and its minutes adopted."""
    na_lau = Village.objects.get(agency=commune, name="Thôn Nà Lầu")
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    unit = Unit.objects.get(agency=commune, code="kinh-te")
    paper = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Lò Văn Tố", village=na_lau, topic=DENOUNCED)
    phone = registrations.register_by_phone(
        session=session, client="10.0.0.7", key="dev-1", full_name="Vi Thị Hằng",
        village_pk=str(na_lau.pk), topic="to cao can bo dia chinh thu tien cap so")
    quiet = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Hà Thị Mai", village=na_lau,
                                   topic="Đường vào bản")
    registrations.set_confidential(actor=clerk, registration=quiet)
    plain = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Nông Văn Sáng", village=na_pan,
                                   topic="Nước sạch")

    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=paper, kind=Kind.DENUNCIATION,
                           text="Tôi tố cáo trưởng thôn Nà Lầu thu tiền trái phép của dân.")
    speeches.conclude(actor=clerk, registration=paper,
                      text="Giao Thanh tra xác minh việc trưởng thôn Nà Lầu thu tiền.")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=phone,
                           text="Bà Hằng tố cáo cán bộ địa chính thu tiền trái phép khi cấp sổ.")
    speeches.conclude(actor=clerk, registration=phone,
                      text="Tiếp nhận tố cáo của bà Vi Thị Hằng về cán bộ địa chính.")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=quiet,
                           text="Đường vào bản bị sạt, bà Hà Thị Mai đề nghị sửa sớm.")
    speeches.assign_for_answer(actor=clerk, registration=quiet, unit=unit)
    speeches.conclude(actor=clerk, registration=quiet,
                      text="Giao Phòng Kinh tế khảo sát, trả lời bà Mai.")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=plain,
                           text="Ông Nông Văn Sáng đề nghị có nước sạch cho thôn Nà Pàn.")
    speeches.answer_on_the_spot(actor=clerk, registration=plain, answered_by="Chủ tịch UBND xã",
                                text="Trả lời ông Sáng: năm sau có dự án nước sạch.")
    speeches.conclude(actor=clerk, registration=plain,
                      text="Ông Nông Văn Sáng được trả lời tại hội nghị.")
    sessions.close_session(actor=clerk, session=session)
    record = minutes.minutes_of(session)
    minutes_actions.edit(actor=clerk, session=session, version=record.version,
                         conclusion="Cảm ơn bà Hà Thị Mai và các đại biểu.", notes="")
    minutes_actions.adopt(actor=clerk, session=session,
                          version=minutes.minutes_of(session).version)
    return {key: Registration.objects.get(pk=row.pk) for key, row in
            (("paper", paper), ("phone", phone), ("quiet", quiet), ("plain", plain))}


def test_the_bien_ban_names_no_denouncer_nor_confidential_speaker(held, conference):
    text = docx_text(render_docx("bien-ban", conference).docx)
    absent(NEVER, text, "Biên bản")
    assert text.count("Một công dân") == 3
    assert "Nông Văn Sáng" in text  # an ordinary speaker is named in the minutes
    assert minutes.SENSITIVE in text


def test_the_conclusion_notice_is_generic_and_masked(held, conference, clerk):
    conference.refresh_from_db()
    text = docx_text(render_docx("thong-bao-ket-luan", conference).docx)
    absent(NEVER + ("Nông Văn Sáng", "ông Sáng"), text, "Thông báo kết luận")
    assert text.count("Một nội dung tố cáo (không nêu thông tin người tố cáo).") == 2
    assert "N. V. S." in text and "ông S." in text
    # The staff's record keeps the original words.
    assert "Nông Văn Sáng" in Petition.objects.get(pk=held["plain"].petition_id).text
    assert "trưởng thôn Nà Lầu" in Registration.objects.get(pk=held["paper"].pk).conclusion


def test_public_pages_name_nobody(held, conference, clerk, client):
    conference.refresh_from_db()
    Conference.objects.filter(pk=conference.pk).update(plan=None)  # public without a plan
    conference.refresh_from_db()
    outcome.issue_conclusion(actor=clerk, conference=conference, number="12/TB-UBND",
                             concluded_on=timezone.localdate(),
                             conclusion=conference.conclusion, version=conference.version)
    issued = docx_text(render_docx("thong-bao-ket-luan", conference, number=12,
                                   issued_on=timezone.localdate()).docx)
    absent(NEVER + ("Nông Văn Sáng",), issued, "Thông báo kết luận ban hành")
    results = client.get(reverse("dialogues_public:results", args=[conference.pk]))
    assert results.status_code == 200
    page = results.content.decode()
    absent(NEVER + ("Nông Văn Sáng", "ông Sáng"), page, "kết quả hội nghị")
    assert "N. V. S." in page
    for key in ("paper", "phone", "quiet", "plain"):
        code = held[key].petition.tracking_code
        page = client.get(reverse("public:track_code", args=[code])).content.decode()
        # The matter's village stays on its own tracking page (reached by its code only),
        # never a denunciation's.
        words = NEVER if key != "quiet" else tuple(w for w in NEVER if w != "Nà Lầu")
        absent(words + ("Nông Văn Sáng", "ông Sáng"), page, f"tra cứu {key}")
        if key in ("paper", "phone"):
            assert "Nà Lầu" not in page
        if key == "quiet":
            assert "Người gửi đề nghị không công khai tên" in page
