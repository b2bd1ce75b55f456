"""The citizen answers back from the tracking page, without an account (the code is the key):
"Chưa được giải quyết" with his words reopens the petition to the office, and a one-tap rating
of the answer — each once per answer, never for a complaint or a denunciation; bad input is
refused in plain Vietnamese and changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doithoai.audit.models import AuditEvent, object_type_of
from doithoai.core.petition_flow import State
from doithoai.petitions.actions import answer_back, answers, assignments, procedures
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.models import AnswerRating, Kind, Petition, ReopenRequest
from doithoai.public.models import Attempt

pytestmark = pytest.mark.usefixtures("frozen_today")

WORDS = ("Đường vẫn chưa được sửa, ổ gà trước nhà văn hóa thôn Bản Chu còn nguyên; đề nghị "
         "xã kiểm tra lại.")


@pytest.fixture
def receive(commune, village, field, staff):
    def make(text="Đường liên thôn Bản Chu xuống cấp, đề nghị sửa chữa.", **kw):
        intake = petition_intake.Intake(
            agency=commune, text=text, channel="online", received_on=dt.date(2026, 11, 2),
            village_id=village.pk, field=field, petitioners=[petition_intake.PetitionerData(
                full_name="Hoàng Văn An", phone="0912345678")], **kw)
        return petition_intake.receive(intake, actor=staff["clerk"])
    return make


def _publish(petition, staff, text="Xã đã đưa tuyến đường vào kế hoạch sửa chữa quý I năm "
                                   "2027.", confirmed=False):
    petition.refresh_from_db()
    if petition.state == State.RECEIVED:
        petition = assignments.classify(actor=staff["clerk"], petition=petition,
                                        kind=Kind.OPINION, field=petition.field,
                                        urgency="normal")
    if petition.unit_id is None:
        petition = assignments.assign(actor=staff["clerk"], petition=petition,
                                      unit=staff["unit"])
    answers.draft_answer(actor=staff["officer"], petition=petition, text=text)
    petition.refresh_from_db()
    petition = answers.approve_answer(actor=staff["leader"], petition=petition)
    return answers.publish_answer(actor=staff["clerk"], petition=petition,
                                  not_a_procedure=confirmed)


@pytest.fixture
def answered(receive, staff):
    return _publish(receive(), staff)


def _ask(client, petition, reason=WORDS, code=None):
    return client.post(reverse("public:ask_again", args=[code or petition.tracking_code]),
                       {"reason": reason})


def _rate(client, petition, choice="hai-long", code=None):
    return client.post(reverse("public:rate", args=[code or petition.tracking_code]),
                       {"danh_gia": choice})


def _events(petition):
    return AuditEvent.objects.filter(object_type=object_type_of(petition),
                                     object_id=str(petition.pk)).count()


def _unchanged(petition, events):
    fresh = Petition.objects.get(pk=petition.pk)
    assert (fresh.state, fresh.unit_id, fresh.due_date, fresh.version) == (
        petition.state, petition.unit_id, petition.due_date, petition.version)
    assert _events(petition) == events


# --- "Chưa được giải quyết" ------------------------------------------------------------------

def test_not_resolved_reopens_to_the_office_with_the_citizens_words(client, answered, staff):
    page = client.get(reverse("public:track_code", args=[answered.tracking_code]))
    html = page.content.decode()
    assert "Chưa được giải quyết? Đề nghị giải quyết lại" in html
    assert "tối đa 2.000 ký tự" in html

    response = _ask(client, answered)
    assert response.status_code == 302
    petition = Petition.objects.get(pk=answered.pk)
    # with the office, no unit: the office gives it to a unit again, a new due date runs
    assert petition.state == State.CLASSIFIED and petition.unit_id is None
    assert petition.due_date == dt.date(2026, 12, 14) and petition.due_rule == "reopened"
    request = ReopenRequest.objects.get(petition=petition)
    assert request.reason == WORDS and request.answer.is_current
    event = AuditEvent.objects.filter(action="petition.reopen_requested").get()
    assert event.reason == WORDS and event.actor is None
    assert event.actor_label == "Người gửi (trang tra cứu công khai)"

    html = client.get(response.url).content.decode()
    assert "Đã gửi đề nghị giải quyết lại" in html
    assert "Người gửi đề nghị giải quyết lại" in html  # the timeline
    assert "Bạn đã đề nghị giải quyết lại trả lời này ngày 23/11/2026" in html
    assert "ổ gà trước nhà văn hóa" not in html  # his words stay with the office
    assert "Đã phân loại" in html  # the new state

    # the office reads his words on the petition's page and in its history
    client.force_login(staff["clerk"])
    detail = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "Phản hồi của người gửi" in detail and "ổ gà trước nhà văn hóa" in detail
    history = client.get(reverse("audit:history", args=[object_type_of(petition),
                                                        petition.pk])).content.decode()
    assert "Người gửi đề nghị giải quyết lại" in history and "ổ gà trước nhà văn hóa" in history


def test_the_queues_mark_a_petition_its_sender_asked_to_settle_again(client, answered, staff):
    """Until a new answer is drafted, the office's queue and the unit's say the sender asked."""
    badge = "Người gửi đề nghị giải quyết lại"
    client.force_login(staff["clerk"])
    queue = reverse("petitions:queue")
    assert badge not in client.get(queue).content.decode()
    assert _ask(client, answered).status_code == 302
    assert badge in client.get(queue).content.decode()

    petition = assignments.assign(actor=staff["clerk"], petition=Petition.objects.get(
        pk=answered.pk), unit=staff["unit"])
    client.force_login(staff["officer"])
    unit_queue = reverse("petitions:unit_queue")
    assert badge in client.get(unit_queue).content.decode()
    answers.draft_answer(actor=staff["officer"], petition=petition,
                         text="Phòng Kinh tế vá ổ gà trong tuần này.")
    assert badge not in client.get(unit_queue).content.decode()


def test_not_yet_answered_is_refused(client, receive):
    petition = receive()
    events = _events(petition)
    response = _ask(client, petition)
    assert response.status_code == 400
    assert "chưa có trả lời công khai" in response.content.decode()
    _unchanged(petition, events)
    assert not ReopenRequest.objects.exists()


def test_once_per_answer_and_again_after_a_new_answer(client, answered, staff):
    assert _ask(client, answered).status_code == 302
    petition = Petition.objects.get(pk=answered.pk)
    events = _events(petition)
    response = _ask(client, petition, reason="Lần nữa.")
    assert response.status_code == 400
    assert ("Bạn đã đề nghị giải quyết lại trả lời này ngày 23/11/2026. Mỗi trả lời chỉ đề "
            "nghị một lần") in response.content.decode()
    _unchanged(petition, events)
    # a new answer: a new request may follow
    petition = _publish(petition, staff, text="Phòng Kinh tế vá ổ gà trong tuần này.")
    assert _ask(client, petition, reason="Vẫn chưa vá.").status_code == 302
    assert ReopenRequest.objects.filter(petition=petition).count() == 2


@pytest.mark.parametrize("reason, message", [
    ("   \n ", "Hãy viết vì sao trả lời chưa giải quyết được việc của bạn."),
    ("x" * 50_000, "Lời nhắn quá dài (50.000 ký tự): hãy viết gọn trong 2.000 ký tự."),
])
def test_an_empty_or_oversized_reason_is_refused(client, answered, reason, message):
    events = _events(answered)
    response = _ask(client, answered, reason=reason)
    assert response.status_code == 400
    assert message in response.content.decode()
    _unchanged(answered, events)
    assert not ReopenRequest.objects.exists()


def test_a_guessed_code_is_refused_and_counted(client, answered, settings):
    settings.PUBLIC_TRACK_LIMIT = 2
    response = _ask(client, answered, code="ZZZZ-ZZZZ")
    assert response.status_code == 404
    assert "Không tìm thấy ý kiến nào có mã ZZZZ-ZZZZ" in response.content.decode()
    assert _rate(client, answered, code="nonsense").status_code == 404
    assert Attempt.objects.filter(bucket=Attempt.Bucket.TRACK_MISS).count() == 2
    # past the guessing limit, even the right code is refused for a while
    response = _ask(client, answered)
    assert response.status_code == 429 and "quá nhiều lần" in response.content.decode()
    assert not ReopenRequest.objects.exists()


def test_a_complaint_is_pointed_to_its_procedure(client, receive, staff):
    petition = receive(text="Tôi khiếu nại quyết định xử phạt của xã.")
    petition = assignments.classify(actor=staff["clerk"], petition=petition,
                                    kind=Kind.COMPLAINT, field=petition.field, urgency="normal")
    petition = procedures.transfer_to_procedure(actor=staff["clerk"], petition=petition,
                                                kind=Kind.COMPLAINT, reason="Là khiếu nại.")
    html = client.get(reverse("public:track_code", args=[petition.tracking_code])
                      ).content.decode()
    assert "Khiếu nại được giải quyết theo thủ tục riêng" in html
    assert "khiếu nại lần hai" in html
    assert "Đề nghị giải quyết lại" not in html and "Hài lòng" not in html
    events = _events(petition)
    response = _ask(client, petition)
    assert response.status_code == 400
    assert "Đây là khiếu nại, được giải quyết theo thủ tục khiếu nại" in response.content.decode()
    _unchanged(petition, events)


def test_the_action_itself_holds_the_rules(answered, receive, staff):
    """Not only the page: the action refuses a complaint, a second request, an empty one."""
    with pytest.raises(ValidationError, match="vì sao"):
        answer_back.ask_again(petition=answered, reason="")
    answer_back.ask_again(petition=answered, reason=WORDS)
    with pytest.raises(ValidationError, match="Mỗi trả lời chỉ đề nghị một lần"):
        answer_back.ask_again(petition=answered, reason=WORDS)
    complaint = receive(text="Khiếu nại việc cấp giấy phép.")
    complaint = assignments.classify(actor=staff["clerk"], petition=complaint,
                                     kind=Kind.COMPLAINT, field=complaint.field,
                                     urgency="normal")
    with pytest.raises(ValidationError, match="thủ tục khiếu nại"):
        answer_back.ask_again(petition=complaint, reason=WORDS)
    with pytest.raises(ValidationError, match="thủ tục khiếu nại"):
        answer_back.rate_answer(petition=complaint, satisfied=True)


# --- the one-tap rating ----------------------------------------------------------------------

def test_a_rating_is_recorded_once_per_answer(client, answered, staff):
    html = client.get(reverse("public:track_code", args=[answered.tracking_code])
                      ).content.decode()
    assert "Hài lòng" in html and "Chưa hài lòng" in html
    response = _rate(client, answered, "chua-hai-long")
    assert response.status_code == 302
    rating = AnswerRating.objects.get()
    assert rating.satisfied is False and rating.answer.is_current
    event = AuditEvent.objects.get(action="petition.rate_answer")
    assert event.after == {"rating": "Chưa hài lòng"} and event.actor is None
    html = client.get(response.url).content.decode()
    assert "Bạn đã đánh giá trả lời này: <strong>chưa hài lòng</strong>" in html
    # final: a second tap is refused, nothing changes
    events = _events(answered)
    response = _rate(client, answered, "hai-long")
    assert response.status_code == 400
    assert "Bạn đã đánh giá trả lời này (chưa hài lòng) ngày 23/11/2026" in \
        response.content.decode()
    assert AnswerRating.objects.get().satisfied is False and _events(answered) == events
    # the office sees it
    client.force_login(staff["clerk"])
    detail = client.get(reverse("petitions:detail", args=[answered.pk])).content.decode()
    assert "Đánh giá trả lời: <strong>Chưa hài lòng</strong>" in detail


def test_a_rating_is_refused_before_an_answer_for_a_hidden_petition_and_a_bad_choice(
        client, receive, answered, staff):
    petition = receive()
    response = _rate(client, petition)
    assert response.status_code == 400 and "chưa có trả lời công khai" in \
        response.content.decode()
    response = _rate(client, answered, "tuyet-voi")
    assert response.status_code == 400 and "Hãy chọn “Hài lòng” hoặc “Chưa hài lòng”" in \
        response.content.decode()
    # hidden from the public by its words (they read as a denunciation), though the office
    # confirmed it an opinion and answered it
    hidden = _publish(receive(text="Tố cáo cán bộ địa chính xã nhận tiền khi làm sổ đỏ."),
                      staff, confirmed=True)
    html = client.get(reverse("public:track_code", args=[hidden.tracking_code])
                      ).content.decode()
    assert "Hài lòng" not in html and "kế hoạch sửa chữa" not in html
    response = _rate(client, hidden)
    assert response.status_code == 400 and "không công khai" in response.content.decode()
    assert "kế hoạch sửa chữa" not in response.content.decode()
    assert not AnswerRating.objects.exists()


# --- the office's contact, and what to do when it is late ------------------------------------

def test_the_page_gives_the_offices_contact_and_what_to_do_when_late(client, receive,
                                                                      commune):
    commune.address, commune.phone = "Thôn Bản Chu, xã Nà Pàn", "0205 3822 123"
    commune.email = "vanphong@napan.gov.vn"
    commune.save()
    petition = receive()
    html = client.get(reverse("public:track_code", args=[petition.tracking_code])
                      ).content.decode()
    for fact in ("Thôn Bản Chu, xã Nà Pàn", 'href="tel:02053822123"', "vanphong@napan.gov.vn",
                 "Sáng 7 giờ 30 – 11 giờ 30", "Nếu hết hạn mà chưa có trả lời"):
        assert fact in html, fact
    Petition.objects.filter(pk=petition.pk).update(due_date=dt.date(2026, 11, 20))
    html = client.get(reverse("public:track_code", args=[petition.tracking_code])
                      ).content.decode()
    assert "Ý kiến đã quá hạn trả lời: bạn có thể làm gì" in html
    assert "ngày tiếp công dân định kỳ" in html


# --- the receipt: a copy of the text as sent, under the tracking page's rules ----------------

def _receipt(client, form_data, text):
    response = client.post(reverse("public:submit"), form_data(text=text))
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    return receipt.content.decode()


def test_the_receipt_carries_the_text_as_sent(client, form_data):
    html = _receipt(client, form_data, "Đề nghị lắp đèn chiếu sáng đoạn đường qua cầu Bản Chu.")
    assert "Nội dung đã gửi" in html
    assert "Đề nghị lắp đèn chiếu sáng đoạn đường qua cầu Bản Chu." in html


def test_the_receipt_keeps_a_denunciation_secret(client, form_data, staff):
    text = "Tố cáo cán bộ địa chính xã nhận tiền khi làm sổ đỏ cho dân thôn Bản Chu."
    html = _receipt(client, form_data, text)
    assert "Nội dung đã gửi" in html and "được giữ bí mật" in html
    assert "nhận tiền khi làm sổ đỏ" not in html
