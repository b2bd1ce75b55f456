"""The console's and the chair's pages, the one endpoint every change goes through (each
change once per key, refusals in Vietnamese with nothing changed), and the citizens' QR form
(no account, one phone cannot flood the queue, nothing after the session closes)."""

import pytest
from django.test import Client
from django.urls import reverse

from doithoai.live.actions import sessions
from doithoai.live.models import ConsoleRequest, Registration
from doithoai.live.views.registrations import DEVICE_COOKIE, token
from doithoai.org.models import Unit, User, Village
from tests.live.console import act

Source = Registration.Source


def test_the_console_and_the_chairs_view_are_for_the_office(session, office, conference,
                                                            commune):
    for name in ("live:console", "live:chair"):
        page = office.get(reverse(name, args=[conference.pk]))
        assert page.status_code == 200
        assert "Đăng ký phát biểu" in page.content.decode() or name == "live:chair"
    supervisor = Client()
    supervisor.force_login(User.objects.get(username="giamsat"))
    assert supervisor.get(reverse("live:console", args=[conference.pk])).status_code == 403
    assert act(supervisor, conference, action="close").status_code == 403
    other = Client()
    other.force_login(User.objects.get(username="vanphong.vanquan"))
    assert other.get(reverse("live:console", args=[conference.pk])).status_code == 404
    assert session.is_open


def test_a_change_sent_twice_is_done_once(session, office, conference, commune):
    village = Village.objects.filter(agency=commune).first()
    data = {"action": "register", "full_name": "Hoàng Văn Pản", "village": village.pk,
            "topic": "Đường liên thôn", "client_key": "k-1"}
    first = act(office, conference, **data)
    assert first.status_code == 200 and "số 1" in first.json()["message"]
    again = act(office, conference, **data)
    assert again.status_code == 200 and "đã được ghi nhận" in again.json()["message"]
    assert session.registrations.count() == 1 and ConsoleRequest.objects.count() == 1

    state = office.get(reverse("live:state", args=[conference.pk]))
    assert "Hoàng Văn Pản" in state.content.decode() and state["Cache-Control"] == "no-store"


def test_bad_input_is_refused_and_changes_nothing(session, office, conference, commune):
    foreign = Village.objects.exclude(agency=commune).first()
    refused = act(office, conference, action="register", full_name="Nông Thị Hoa",
                  village=foreign.pk, client_key="k-2")
    assert refused.status_code == 400 and "Thôn không thuộc xã" in refused.json()["error"]
    assert not session.registrations.exists() and not ConsoleRequest.objects.exists()
    # The key was not taken: the corrected change goes through.
    assert act(office, conference, action="register", full_name="Nông Thị Hoa",
               client_key="k-2").status_code == 200
    assert act(office, conference, action="call_next", seen_speaker="0",
               client_key="k-3").status_code == 200
    row = session.registrations.get()
    assert act(office, conference, action="speech", registration=row.pk,
               text="Đề nghị sửa đường.", client_key="k-4").status_code == 200
    other_unit = Unit.objects.exclude(agency=commune).first()
    assigned = act(office, conference, action="assign", registration=row.pk,
                   unit=other_unit.pk if other_unit else 999999, client_key="k-5")
    assert assigned.status_code == 400 and "đơn vị" in assigned.json()["error"]
    row.refresh_from_db()
    assert row.petition.unit_id is None
    unknown = act(office, conference, action="fly", client_key="k-6")
    assert unknown.status_code == 400 and "Thao tác không hợp lệ" in unknown.json()["error"]


def test_the_record_of_one_speaker(session, office, conference, clerk):
    act(office, conference, action="register", full_name="Vy Thị Liên", client_key="a")
    act(office, conference, action="call_next", seen_speaker="0", client_key="b")
    row = session.registrations.get()
    page = office.get(reverse("live:speaker", args=[conference.pk, row.pk]))
    body = page.content.decode()
    assert "Nội dung phát biểu" in body and "Vy Thị Liên" in body
    act(office, conference, action="speech", registration=row.pk, text="Nước sạch.",
        client_key="c")
    kinh_te = Unit.objects.get(agency=conference.agency, code="kinh-te")
    done = act(office, conference, action="assign", registration=row.pk, unit=kinh_te.pk,
               client_key="d")
    assert done.status_code == 200 and ", hạn " in done.json()["message"]
    body = office.get(reverse("live:speaker", args=[conference.pk, row.pk])).content.decode()
    assert "Giao Phòng Kinh tế" in body


def test_opening_the_session_from_the_conference_page(conference, office):
    page = office.get(reverse("dialogues:conference_detail", args=[conference.pk]))
    assert "Mở phiên họp" in page.content.decode()
    opened = office.post(reverse("live:open", args=[conference.pk]))
    assert opened.status_code == 302 and opened["Location"] == reverse("live:console",
                                                                       args=[conference.pk])
    page = office.get(reverse("dialogues:conference_detail", args=[conference.pk]))
    assert "Bàn thư ký" in page.content.decode()


@pytest.fixture
def phone(session):
    return Client()


def qr_url(session):
    return reverse("live_public:register", args=[token(session)])


def test_a_citizen_registers_from_his_phone(session, phone, commune, settings):
    url = qr_url(session)
    form = phone.get(url)
    assert form.status_code == 200 and DEVICE_COOKIE in form.cookies
    village = Village.objects.filter(agency=commune).first()
    sent = phone.post(url, {"full_name": "Lộc Văn Tài", "village": village.pk,
                            "topic": "Cấp giấy chứng nhận đất", "nonce": "n1"})
    assert sent.status_code == 302
    done = phone.get(sent["Location"])
    assert "Số thứ tự: <strong>1</strong>" in done.content.decode()
    again = phone.post(url, {"full_name": "Lộc Văn Tài", "nonce": "n1"})  # sent twice
    assert again.status_code == 302 and session.registrations.count() == 1
    row = session.registrations.get()
    assert row.source == Source.QR and row.created_by is None


def test_a_form_spammed_from_one_phone_is_refused(session, phone, settings):
    settings.LIVE_QR_PER_DEVICE = 2
    url = qr_url(session)
    assert Client().post(url, {"full_name": "Không mở trang", "nonce": "x"}).status_code == 400
    phone.get(url)
    for i, name in enumerate(("Lý Văn A", "Lý Văn B")):
        assert phone.post(url, {"full_name": name, "nonce": f"n{i}"}).status_code == 302
    flood = phone.post(url, {"full_name": "Lý Văn C", "nonce": "n9"})
    assert flood.status_code == 429 and "đã đăng ký đủ" in flood.content.decode()
    assert session.registrations.count() == 2


def test_no_registration_after_the_session_closed(session, phone, clerk):

    url = qr_url(session)
    phone.get(url)
    sessions.close_session(actor=clerk, session=session)
    late = phone.post(url, {"full_name": "Muộn Văn Giờ", "nonce": "z"})
    assert late.status_code == 400 and "Phiên họp đã kết thúc" in late.content.decode()
    assert not session.registrations.exists()
    assert Client().get(url.replace(":", "x")).status_code == 404




def test_the_time_each_speaker_has(session, office, conference):
    assert session.speaker_minutes == 5  # the conference's setting
    assert act(office, conference, action="timer", speaker_minutes="7").status_code == 200
    refused = act(office, conference, action="timer", speaker_minutes="0")
    assert refused.status_code == 400 and "từ 1 đến 60 phút" in refused.json()["error"]
    session.refresh_from_db()
    assert session.speaker_minutes == 7
    fragment = office.get(reverse("live:screen_fragment", args=[conference.pk]))
    assert fragment.status_code == 200


def test_the_home_page_leads_to_the_session_under_way(session, office):
    home = office.get(reverse("home")).content.decode()
    assert "Đang họp" in home and "Vào phòng họp trực tiếp" in home


def test_a_refusal_on_the_phone_is_not_shown_as_a_success(session, phone):
    url = qr_url(session)
    phone.get(url)
    sent = phone.post(url, {"full_name": "Lý Văn Sáng", "nonce": "a"})
    again = phone.post(sent["Location"], {"full_name": "Lý Văn Sáng", "nonce": "b"})
    body = again.content.decode()
    assert again.status_code == 400 and "đang chờ đến lượt" in body
    assert "bạn đã đăng ký phát biểu" not in body


def test_nothing_is_assigned_for_someone_still_waiting(session, office, conference, clerk):
    import datetime as dt

    from doithoai.petitions.actions import intake
    from doithoai.petitions.models import Channel

    sent = intake.receive(intake.Intake(
        agency=conference.agency, text="Đề nghị sửa ngầm tràn.", channel=Channel.ONLINE,
        received_on=conference.held_on - dt.timedelta(days=3), conference=conference,
        petitioners=[intake.PetitionerData(full_name="Lăng Văn Tòng")]), actor=clerk)
    act(office, conference, action="register", petition=sent.pk, client_key="p")
    row = session.registrations.get()
    unit = Unit.objects.get(agency=conference.agency, code="kinh-te")
    refused = act(office, conference, action="assign", registration=row.pk, unit=unit.pk)
    assert refused.status_code == 400 and "đã được mời phát biểu" in refused.json()["error"]
    sent.refresh_from_db()
    assert sent.unit_id is None
