"""The public tracking page: anyone with the code sees where a petition stands; nobody sees
who sent a denunciation, a phone number in full, an address, or an answer not yet published."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doithoai.petitions.actions import answers, assignments, procedures
from doithoai.petitions.actions import deadlines as petition_deadlines
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.models import Kind
from doithoai.public.models import Attempt

TRACK = reverse("public:track")


@pytest.fixture
def receive(commune, village, field, staff):
    def make(text="Đường liên thôn Bản Chu xuống cấp, đề nghị sửa chữa.", people=None, **kw):
        people = people if people is not None else [petition_intake.PetitionerData(
            full_name="Hoàng Văn An", phone="0912345678", address="Số 5, ngõ 3, Bản Chu",
            email="an@example.vn")]
        intake = petition_intake.Intake(
            agency=commune, text=text, channel="online",
            received_on=kw.pop("received_on", dt.date(2026, 11, 2)), village_id=village.pk,
            field=field, petitioners=people, **kw)
        return petition_intake.receive(intake, actor=staff["clerk"])
    return make


def _page(client, petition):
    response = client.get(reverse("public:track_code", args=[petition.tracking_code]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_state_unit_due_date_and_the_opinion(client, receive, staff):
    petition = receive()
    html = _page(client, petition)
    assert "Đã tiếp nhận" in html and petition.tracking_code in html
    assert "Đường liên thôn Bản Chu xuống cấp" in html
    assert petition.due_date.strftime("%d/%m/%Y") in html
    assert "Đăng xuất" not in html  # nobody is signed in
    assignments.classify(actor=staff["clerk"], petition=petition, kind=Kind.OPINION,
                         field=petition.field, urgency="normal")
    petition.refresh_from_db()
    assignments.assign(actor=staff["clerk"], petition=petition, unit=staff["unit"])
    html = _page(client, petition)
    assert "Đã giao đơn vị" in html and "Phòng Kinh tế" in html


def test_personal_data_is_masked(client, receive):
    petition = receive(people=[
        petition_intake.PetitionerData(full_name="Hoàng Văn An", phone="0912345678",
                                       address="Số 5, ngõ 3, Bản Chu", email="an@example.vn",
                                       name_public=True),
        petition_intake.PetitionerData(full_name="Lý Thị Bình", phone="0987654321"),
        petition_intake.PetitionerData(full_name="Nông Văn Cường"),
    ])
    html = _page(client, petition)
    assert "Hoàng V. A." in html and "09xx xxx 678" in html
    assert "2 người khác" in html
    for secret in ("Hoàng Văn An", "0912345678", "912 345", "Số 5, ngõ 3", "an@example.vn",
                   "Lý Thị Bình", "Lý T. B.", "0987654321", "Nông Văn Cường", "Nông V. C."):
        assert secret not in html, secret


def test_a_name_is_shown_only_with_the_senders_consent(client, receive):
    petition = receive(people=[petition_intake.PetitionerData(
        full_name="Hoàng Văn An", phone="0912345678")])
    html = _page(client, petition)
    assert "Tên người gửi không được công khai" in html
    assert "Hoàng" not in html and "H. V. A." not in html and "678" not in html


def test_a_petitioner_who_asked_stays_unnamed(client, receive):
    petition = receive(people=[petition_intake.PetitionerData(
        full_name="Hoàng Văn An", phone="0912345678", anonymous_to_public=True)])
    html = _page(client, petition)
    assert "Người gửi đề nghị không công khai tên" in html
    assert "Hoàng" not in html and "678" not in html


def test_a_denunciation_shows_neither_text_nor_denouncer(client, receive):
    petition = receive(text="Tố cáo cán bộ địa chính Nguyễn Văn Xấu nhận tiền.",
                       kind=Kind.DENUNCIATION)
    html = _page(client, petition)
    assert "Luật Tố cáo" in html
    # the law's guidance, general: where a denunciation goes, its form, its time limits
    assert "Hướng dẫn theo quy định của pháp luật" in html
    assert "Điều 24" in html and "được giữ bí mật" in html
    for secret in ("Nguyễn Văn Xấu", "nhận tiền", "Hoàng", "09xx", "Bản Chu"):
        assert secret not in html, secret


def test_a_petition_hidden_from_the_public_shows_nothing_of_its_content(client, receive):
    petition = receive(text="Nội dung riêng tư về hàng xóm.")
    petition.hide_from_public = True
    petition.save(update_fields=["hide_from_public"])
    html = _page(client, petition)
    assert "không được công khai" in html
    assert "hàng xóm" not in html and "Hoàng" not in html


def test_a_complaint_shows_its_text_but_not_who_complained(client, receive):
    petition = receive(text="Khiếu nại quyết định thu hồi đất.", kind=Kind.COMPLAINT)
    html = _page(client, petition)
    assert "Khiếu nại quyết định thu hồi đất." in html
    assert "Hoàng" not in html and "09xx" not in html


def _answered(receive, staff):
    petition = receive()
    petition = assignments.classify(actor=staff["clerk"], petition=petition, kind=Kind.OPINION,
                                    field=petition.field, urgency="normal")
    petition = assignments.assign(actor=staff["clerk"], petition=petition, unit=staff["unit"])
    answers.draft_answer(actor=staff["officer"], petition=petition,
                         text="Xã đã đưa tuyến đường vào kế hoạch sửa chữa quý I năm 2027.",
                         document_number="125/UBND-KT", document_date=dt.date(2026, 11, 20))
    petition.refresh_from_db()
    return answers.approve_answer(actor=staff["leader"], petition=petition)


def test_an_answer_is_not_shown_before_it_is_published(client, receive, staff):
    petition = _answered(receive, staff)
    html = _page(client, petition)
    assert "Lãnh đạo đã duyệt trả lời" in html
    assert "kế hoạch sửa chữa quý I" not in html and "125/UBND-KT" not in html


def test_a_published_answer_is_shown_with_its_document(client, receive, staff):
    petition = _answered(receive, staff)
    answers.publish_answer(actor=staff["clerk"], petition=petition)
    html = _page(client, petition)
    assert "Đã trả lời và công khai" in html
    assert "Xã đã đưa tuyến đường vào kế hoạch sửa chữa quý I năm 2027." in html
    assert "Văn bản số 125/UBND-KT" in html and "ngày 20/11/2026" in html
    assert "Đã công khai trả lời" in html
    petition.refresh_from_db()
    procedures.close(actor=staff["clerk"], petition=petition)
    html = _page(client, petition)
    assert "Đã kết thúc" in html and "125/UBND-KT" in html


def test_the_timeline_has_dates_and_words_not_payloads(client, receive, staff):
    petition = _answered(receive, staff)
    petition = petition_deadlines.extend(actor=staff["officer"], petition=petition,
                                         new_due_date=dt.date(2027, 1, 15),
                                         reason="Cần khảo sát thêm cùng ông Hoàng Văn Pản")
    html = _page(client, petition)
    today = timezone.localdate().strftime("%d/%m/%Y")
    timeline = html[html.index('class="timeline"'):]
    timeline = timeline[:timeline.index("</ol>")]
    assert "02/11/2026" in timeline and "Đã tiếp nhận" in timeline
    assert "Đã phân loại" in timeline and today in timeline
    assert "Đã giao cho Phòng Kinh tế" in timeline
    assert "Gia hạn trả lời đến ngày 15/01/2027" in timeline
    # why the citizen waits longer, names written as initials
    assert "Cần khảo sát thêm cùng ông H. V. P." in timeline and "Hoàng Văn Pản" not in html
    assert "search_text" not in html and "due_rule" not in html
    steps = [timeline.index(w) for w in ("Đã tiếp nhận", "Đã phân loại", "Đã giao cho",
                                          "Gia hạn trả lời")]
    assert steps == sorted(steps)


def test_not_accepted_shows_where_to_go(client, receive, staff):
    petition = receive()
    procedures.not_accept(actor=staff["clerk"], petition=petition, reason="Không thuộc thẩm quyền",
                          where_to_go="Đề nghị liên hệ Tòa án nhân dân khu vực 1.")
    html = _page(client, petition)
    assert "Không tiếp nhận" in html
    assert "Đề nghị liên hệ Tòa án nhân dân khu vực 1." in html


def test_escalation_names_the_receiving_agency(client, receive, staff):
    petition = receive()
    procedures.escalate(actor=staff["clerk"], petition=petition,
                        receiving_agency="Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn",
                        follow_up_on=dt.date(2026, 12, 15), reason="Vượt thẩm quyền xã")
    html = _page(client, petition)
    assert "Đã chuyển Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn giải quyết" in html
    assert "Vượt thẩm quyền xã" not in html


def test_an_open_petition_past_its_due_date_is_overdue(client, receive):
    late = receive(received_on=dt.date(2026, 1, 5))
    html = _page(client, late)
    assert "quá hạn" in html
    fresh = receive(received_on=timezone.localdate())
    assert "quá hạn" not in _page(client, fresh)


# --- finding a code --------------------------------------------------------------------------

def test_the_form_accepts_lowercase_spaces_and_no_dash(client, receive):
    petition = receive()
    code = petition.tracking_code
    for typed in (code.lower(), code.replace("-", " ").lower(), code.replace("-", ""),
                  f"  {code[:2]} {code[2:].lower()} "):
        response = client.get(TRACK, {"ma": typed})
        assert response.status_code == 302, typed
        assert response["Location"] == reverse("public:track_code", args=[code])


def test_a_typed_address_is_made_canonical(client, receive):
    petition = receive()
    response = client.get(reverse("public:track_code",
                                  args=[petition.tracking_code.replace("-", "").lower()]))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:track_code", args=[petition.tracking_code])


def test_an_unknown_code_says_so(client, commune):
    page = client.get(TRACK)
    assert page.status_code == 200 and "Mã tra cứu" in page.content.decode()
    response = client.get(TRACK, {"ma": "ABCD-EFGH"})
    assert response.status_code == 404
    assert "Không tìm thấy ý kiến nào có mã ABCD-EFGH" in response.content.decode()
    direct = client.get(reverse("public:track_code", args=["ABCD-EFGH"]))
    assert direct.status_code == 404 and "Không tìm thấy" in direct.content.decode()


def test_something_that_is_not_a_code_says_what_a_code_looks_like(client, commune):
    response = client.get(TRACK, {"ma": "0O1I"})
    assert response.status_code == 404
    assert "không phải là mã tra cứu" in response.content.decode()
    empty = client.get(TRACK, {"ma": ""})
    assert "Hãy nhập mã tra cứu." in empty.content.decode()


def test_guessing_codes_is_limited_per_address(client, receive, settings):
    settings.PUBLIC_TRACK_LIMIT = 3
    petition = receive()
    for guess in ("AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC"):
        assert client.get(TRACK, {"ma": guess}).status_code == 404
    refused = client.get(reverse("public:track_code", args=[petition.tracking_code]))
    assert refused.status_code == 429
    assert "nhập sai mã tra cứu quá nhiều lần" in refused.content.decode()
    assert Attempt.objects.filter(bucket="track_miss").count() == 3
    # Another address can still look its petition up.
    other = client.get(reverse("public:track_code", args=[petition.tracking_code]),
                       REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_finding_a_code_is_not_counted_as_a_guess(client, receive, settings):
    settings.PUBLIC_TRACK_LIMIT = 2
    petition = receive()
    for _ in range(5):
        assert client.get(reverse("public:track_code",
                                  args=[petition.tracking_code])).status_code == 200
    assert not Attempt.objects.exists()


def test_the_public_view_itself_holds_nothing_of_a_denunciation(receive, staff):
    """Masking happens before any template: the view object carries no text, no sender."""
    from doithoai.public.selectors import public_view

    petition = receive(text="Tố cáo cán bộ Nguyễn Văn Xấu.", kind=Kind.DENUNCIATION)
    view = public_view(petition)
    assert view.hidden and view.is_denunciation
    assert view.text == "" and view.sender == "" and view.sender_phone == ""
    assert view.others == 0 and view.answer is None


def test_a_note_to_the_public_is_shown_once(client, receive, staff):
    petition = receive()
    procedures.not_accept(actor=staff["clerk"], petition=petition, reason="Không thuộc thẩm quyền",
                          where_to_go="Đề nghị liên hệ Tòa án nhân dân khu vực 1.")
    assert _page(client, petition).count("Đề nghị liên hệ Tòa án nhân dân khu vực 1.") == 1
    other = receive()
    other.public_note = "Xã sẽ tổ chức khảo sát hiện trường vào tuần tới."
    other.save(update_fields=["public_note"])
    html = _page(client, other)
    assert "Lưu ý của cơ quan giải quyết" in html
    assert "Xã sẽ tổ chức khảo sát hiện trường vào tuần tới." in html
