"""The chair concludes each matter; the minutes are drafted from the record, edited by the
secretary, then read and adopted once (R23): locked, audited, the conference held with the
chair's conclusion, the Biên bản frozen as adopted."""

import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document as WordDocument

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.models import Conference
from doithoai.documents.render import render_docx
from doithoai.live.actions import minutes as minutes_actions
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.live.selectors import minutes
from doithoai.live.selectors.sessions import speaking
from doithoai.org.models import Unit, Village
from doithoai.petitions.models import Petition

Source = Registration.Source
ROAD = "Đường từ thôn Nà Pàn ra quốc lộ xuống cấp, đề nghị sửa trước mùa mưa."


def text_of(docx: bytes) -> str:
    return "\n".join(p.text for p in WordDocument(io.BytesIO(docx)).paragraphs)


@pytest.fixture
def heard(session, clerk, commune):
    """One speaker recorded, assigned to a unit and concluded by the chair."""
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    speaker = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                     full_name="Hoàng Văn Pản", village=village,
                                     topic="Đường liên thôn")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=speaker, text=ROAD)
    speeches.assign_for_answer(actor=clerk, registration=speaker,
                               unit=Unit.objects.get(agency=commune, code="kinh-te"))
    speeches.conclude(actor=clerk, registration=speaker,
                      text="Giao Phòng Kinh tế khảo sát, báo cáo trước ngày 15/12.")
    return speaker


def test_the_chair_concludes_each_matter(heard, clerk):
    heard.refresh_from_db()
    assert heard.conclusion.startswith("Giao Phòng Kinh tế khảo sát")
    with pytest.raises(ValidationError) as refused:
        speeches.conclude(actor=clerk, registration=heard, text="  ")
    assert "kết luận" in refused.value.messages[0]
    assert minutes.draft_conclusion(heard.session) == (
        "Về đường liên thôn: Giao Phòng Kinh tế khảo sát, báo cáo trước ngày 15/12.")
    assert AuditEvent.objects.filter(action="live.conclude").count() == 1


def test_nothing_is_recorded_for_someone_still_waiting(session, clerk):
    waiting = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                     full_name="Nông Thị Hoa")
    with pytest.raises(ValidationError):
        speeches.record_speech(actor=clerk, registration=waiting, text=ROAD)
    assert not Petition.objects.exists()


def test_the_secretary_completes_the_text_until_adoption(heard, clerk):
    petition = speeches.record_speech(actor=clerk, registration=heard,
                                      text=ROAD + " Mặt đường có nhiều ổ gà.")
    assert petition.text.endswith("nhiều ổ gà.") and Petition.objects.count() == 1
    assert AuditEvent.objects.filter(action="petition.text_corrected").count() == 1


def test_the_minutes_are_adopted_once_and_locked(heard, clerk, conference, session):
    draft = minutes.minutes_of(session)
    minutes_actions.edit(actor=clerk, session=session, version=draft.version,
                         conclusion="Các đơn vị trả lời đúng hạn.",
                         notes="Hội nghị dành một phút tưởng niệm.")
    with pytest.raises(ValidationError) as still_open:
        minutes_actions.adopt(actor=clerk, session=session)
    assert "kết thúc phiên họp" in still_open.value.messages[0]
    sessions.close_session(actor=clerk, session=session)
    # Typed late, before adoption: still accepted.
    speeches.record_speech(actor=clerk, registration=heard, text=ROAD + " Gấp.")
    adopted = minutes_actions.adopt(actor=clerk, session=session)
    assert adopted.is_adopted and adopted.adopted_by == clerk

    conference.refresh_from_db()
    assert conference.state == Conference.State.HELD
    # The conclusions on each matter, then the chair's general conclusion.
    assert conference.conclusion == (
        "Về đường liên thôn: Giao Phòng Kinh tế khảo sát, báo cáo trước ngày 15/12.\n"
        "Các đơn vị trả lời đúng hạn.")
    assert "1 lượt phát biểu" in conference.outcome
    assert "1 giao đơn vị trả lời bằng văn bản" in conference.outcome

    text = text_of(render_docx("bien-ban", conference, number=3,
                               issued_on=conference.held_on).docx)
    assert "Chủ trì kết luận: Giao Phòng Kinh tế khảo sát" in text
    assert "Hội nghị dành một phút tưởng niệm." in text
    assert "Các đơn vị trả lời đúng hạn." in text

    # Frozen: what happens to the petition later does not rewrite the adopted minutes.
    Petition.objects.filter(pk=heard.petition_id).update(text="Đã sửa sau hội nghị.")
    again = text_of(render_docx("bien-ban", conference, number=3,
                                issued_on=conference.held_on).docx)
    assert "Đã sửa sau hội nghị" not in again and "Gấp." in again

    events = AuditEvent.objects.filter(action="live.adopt").count()
    for attempt in (
            lambda: minutes_actions.adopt(actor=clerk, session=session),
            lambda: minutes_actions.edit(actor=clerk, session=session, conclusion="Khác", notes=""),
            lambda: speeches.record_speech(actor=clerk, registration=heard, text="Khác"),
            lambda: speeches.conclude(actor=clerk, registration=heard, text="Khác")):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert "đã được thông qua" in refused.value.messages[0]
    assert AuditEvent.objects.filter(action="live.adopt").count() == events == 1


def test_adoption_needs_the_chairs_conclusion(session, clerk):
    sessions.close_session(actor=clerk, session=session)
    with pytest.raises(ValidationError) as refused:
        minutes_actions.adopt(actor=clerk, session=session)
    assert "kết luận của chủ trì" in refused.value.messages[0]
    assert not minutes.minutes_of(session).is_adopted


def test_two_devices_do_not_overwrite_each_other(session, clerk):
    draft = minutes.minutes_of(session)
    minutes_actions.edit(actor=clerk, session=session, conclusion="A", notes="",
                         version=draft.version)
    with pytest.raises(ValidationError) as stale:
        minutes_actions.edit(actor=clerk, session=session, conclusion="B", notes="",
                             version=draft.version)
    assert "thiết bị khác" in stale.value.messages[0]
    assert minutes.minutes_of(session).conclusion == "A"


def test_calling_next_from_a_stale_screen_skips_nobody(session, clerk):
    for name in ("Nông Thị Hoa", "Lý Văn Sáng"):
        registrations.register(actor=clerk, session=session, source=Source.PAPER, full_name=name)
    called = registrations.call_next(actor=clerk, session=session, seen_speaker=0)
    # The chair's tablet still shows nobody speaking and taps "next".
    with pytest.raises(ValidationError) as stale:
        registrations.call_next(actor=clerk, session=session, seen_speaker=0)
    assert "thiết bị khác" in stale.value.messages[0]
    assert speaking(session) == called


def test_the_minutes_follow_conclusions_written_after_a_draft_save(heard, clerk, session,
                                                                   commune):
    minutes_actions.edit(actor=clerk, session=session, conclusion="Chung.", notes="")
    later = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Lý Văn Sáng")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=later, text="Đề nghị lắp đèn đường.")
    speeches.conclude(actor=clerk, registration=later, text="Giao Trung tâm Dịch vụ công ích.")
    text = minutes.full_conclusion(session, minutes.minutes_of(session))
    assert text.splitlines() == [
        "Về đường liên thôn: Giao Phòng Kinh tế khảo sát, báo cáo trước ngày 15/12.",
        "Về ý kiến của Lý Văn Sáng: Giao Trung tâm Dịch vụ công ích.", "Chung."]


def test_two_devices_concluding_the_same_opinion(heard, clerk):
    heard.refresh_from_db()
    shown = heard.conclusion
    speeches.conclude(actor=clerk, registration=heard, text="Từ máy thư ký.", previous=shown)
    with pytest.raises(ValidationError) as stale:
        speeches.conclude(actor=clerk, registration=heard, text="Từ máy chủ trì.",
                          previous=shown)
    assert "thiết bị khác" in stale.value.messages[0]
    heard.refresh_from_db()
    assert heard.conclusion == "Từ máy thư ký."


def test_the_chair_adds_to_an_answer_given(session, clerk, commune):
    speaker = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                     full_name="Vy Thị Liên")
    registrations.call_next(actor=clerk, session=session)
    speeches.record_speech(actor=clerk, registration=speaker, text="Nước sạch.")
    with pytest.raises(ValidationError):
        speeches.add_to_answer(actor=clerk, registration=speaker, addition="Thêm.")
    speeches.answer_on_the_spot(actor=clerk, registration=speaker, text="Sửa trong tuần.",
                                answered_by="Trưởng phòng Kinh tế")
    petition = speeches.add_to_answer(actor=clerk, registration=speaker,
                                      addition="Xã hỗ trợ kinh phí.")
    answer = petition.answers.get(is_current=True)
    assert answer.text == "Sửa trong tuần.\nChủ trì bổ sung: Xã hỗ trợ kinh phí."
    assert AuditEvent.objects.filter(action="answer.addition").count() == 1
