"""Every speaker can follow his opinion: the phone that registered him shows the tracking
code and the tracking page's link once his words are a petition (heard and recorded, or
received at the close without his turn) — that phone only; the secretary prints slips with
the codes for those registered on paper (a confidential one by his number only), for her own
conferences only, by GET only."""

from django.test import Client
from django.urls import reverse

from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.live.views.registrations import token
from doithoai.org.models import User, Village
from doithoai.petitions.models import Channel, Petition

Source = Registration.Source


def qr_url(session):
    return reverse("live_public:register", args=[token(session)])


def on_phone(client, session, name, topic, nonce, **extra):
    url = qr_url(session)
    client.get(url)
    sent = client.post(url, {"full_name": name, "topic": topic, "nonce": nonce, **extra})
    assert sent.status_code == 302, sent.content.decode()
    return session.registrations.get(full_name=name)


def page_of(client, session, row) -> str:
    return client.get(f"{qr_url(session)}?so={row.number}").content.decode()


def test_the_phone_shows_the_code_once_heard_and_recorded(session, clerk, settings):
    settings.PUBLIC_BASE_URL = "https://doithoai.example.vn"
    phone = Client()
    row = on_phone(phone, session, "Lộc Văn Tài", "Cấp giấy chứng nhận đất", "n1")
    assert "Mã tra cứu" not in page_of(phone, session, row)
    registrations.call_next(actor=clerk, session=session)
    assert "Mã tra cứu" not in page_of(phone, session, row)  # heard, nothing recorded yet
    petition = speeches.record_speech(actor=clerk, registration=row,
                                      text="Đề nghị cấp giấy chứng nhận đất cho thôn.")
    body = page_of(phone, session, row)
    assert petition.tracking_code in body
    assert reverse("public:track_code", args=[petition.tracking_code]) in body
    assert "https://doithoai.example.vn/tra-cuu/" in body
    assert "Ý kiến bạn phát biểu đã được ghi lại" in body
    # Another phone, even with the number, sees nothing of it.
    stranger = Client()
    stranger.get(qr_url(session))
    assert petition.tracking_code not in page_of(stranger, session, row)


def test_those_not_heard_see_their_code_after_the_close(session, clerk, commune):
    phone = Client()
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    row = on_phone(phone, session, "Vy Thị Liên", "Nước sạch", "n1", village=village.pk)
    secret = on_phone(phone, session, "Vi Thị Hằng", "to cao can bo dia chinh", "n2")
    sessions.close_session(actor=clerk, session=session)
    row.refresh_from_db()
    body = page_of(phone, session, row)
    assert row.petition.tracking_code in body
    assert "Phiên họp đã kết thúc khi chưa đến lượt bạn phát biểu." in body
    assert "Bạn chưa được trình bày tại hội nghị" in body
    assert "Trả lời bằng văn bản chậm nhất ngày" in body
    # Her list on this phone no longer says she waits, nor when the screen will show her.
    listed = phone.get(qr_url(session)).content.decode()
    assert "Chưa được trình bày tại hội nghị" in listed and "Đang chờ" not in listed
    secret.refresh_from_db()
    body = page_of(phone, session, secret)
    assert "khi đến lượt" not in body
    assert secret.petition.tracking_code in body
    assert "giải quyết theo thủ tục của pháp luật" in body
    assert "Trả lời bằng văn bản chậm nhất" not in body
    # The list of this phone's registrations carries both codes.
    listing = phone.get(qr_url(session)).content.decode()
    assert row.petition.tracking_code in listing and secret.petition.tracking_code in listing


def test_a_crafted_post_from_the_phone_changes_nothing(session, clerk):
    phone = Client()
    row = on_phone(phone, session, "Lộc Văn Tài", "Đất", "n1")
    stranger = Client()
    stranger.get(qr_url(session))
    asked = stranger.post(qr_url(session), {"an_danh": "1", "so": str(row.number)})
    assert asked.status_code == 400
    sessions.close_session(actor=clerk, session=session)
    late = phone.post(qr_url(session), {"an_danh": "1", "so": str(row.number)})
    assert late.status_code == 400 and "Phiên họp đã kết thúc" in late.content.decode()
    row.refresh_from_db()
    assert not row.confidential


def test_the_slips_for_paper_registrants(session, clerk, office, conference, commune,
                                         settings):
    settings.PUBLIC_BASE_URL = "https://doithoai.example.vn"
    village = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    named = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Hoàng Văn Pản", village=village,
                                   topic="Đường liên thôn")
    quiet = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                   full_name="Hà Thị Mai", village=village,
                                   topic="Đèn đường", confidential=True)
    denouncer = registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                       full_name="Lò Văn Tố",
                                       topic="Tố cáo trưởng thôn thu tiền trái phép")
    phone = on_phone(Client(), session, "Lộc Văn Tài", "Đất", "n1")
    url = reverse("live:slips", args=[conference.pk])

    before = office.get(url).content.decode()
    assert "4 người đăng ký chưa có mã tra cứu" not in before  # only paper ones counted
    assert "3 người đăng ký chưa có mã tra cứu" in before
    assert "Chưa có phiếu để in" in before

    sessions.close_session(actor=clerk, session=session)
    rows = {r.pk: r for r in Registration.objects.select_related("petition")}
    page = office.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('class="slip"') == 3
    for row in (named, quiet, denouncer):
        assert rows[row.pk].petition.tracking_code in body
    assert rows[phone.pk].petition.tracking_code not in body  # his phone shows it
    assert "Hoàng Văn Pản" in body and "Thôn Nà Pàn" in body
    assert "Hà Thị Mai" not in body and "Lò Văn Tố" not in body and "trưởng thôn" not in body
    assert "https://doithoai.example.vn/tra-cuu/" in body
    assert "Trả lời bằng văn bản chậm nhất ngày" in body
    assert "giải quyết theo thủ tục của pháp luật" in body
    everyone = office.get(url, {"tat-ca": "1"}).content.decode()
    assert everyone.count('class="slip"') == 4
    assert rows[phone.pk].petition.tracking_code in everyone

    # Only the office of the conference's own agency, only by GET.
    assert office.post(url).status_code == 405
    supervisor = Client()
    supervisor.force_login(User.objects.get(username="giamsat"))
    assert supervisor.get(url).status_code == 403
    other = Client()
    other.force_login(User.objects.get(username="vanphong.vanquan"))
    assert other.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # signed out: to the sign-in page


def test_the_console_and_the_conference_page_lead_to_the_slips(session, office, conference):
    url = reverse("live:slips", args=[conference.pk])
    assert url in office.get(reverse("live:console", args=[conference.pk])).content.decode()
    assert url in office.get(reverse("dialogues:conference_detail",
                                     args=[conference.pk])).content.decode()


def test_closing_twice_from_the_console_is_refused(session, clerk, office, conference):
    registrations.register(actor=clerk, session=session, source=Source.PAPER,
                           full_name="Hoàng Văn Pản", topic="Đường liên thôn")
    url = reverse("live:act", args=[conference.pk])
    assert office.post(url, {"action": "close", "client_key": "c-1"}).status_code == 200
    again = office.post(url, {"action": "close", "client_key": "c-2"})
    assert again.status_code == 400 and "Phiên họp đã kết thúc" in again.json()["error"]
    assert Registration.objects.get().petition.channel == Channel.REGISTERED
    assert Petition.objects.count() == 1


def test_the_phone_says_how_many_wait_before_him(session, clerk):
    phone = Client()
    first = on_phone(phone, session, "Hoàng Văn Một", "Đường nội đồng", "a1")
    second = on_phone(phone, session, "Hoàng Văn Hai", "Nước sinh hoạt", "a2")
    assert "Bạn là người tiếp theo." in page_of(phone, session, first)
    assert "Trước bạn còn 1 người" in page_of(phone, session, second)
    registrations.call_next(actor=clerk, session=session)
    assert "Bạn là người tiếp theo." in page_of(phone, session, second)
    assert "Trước bạn còn 0 người" not in page_of(phone, session, second)
