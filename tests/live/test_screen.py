"""The hall's screen: the current speaker, the time used, the next three — names and
villages only; it follows the queue through the fragment it polls; another commune's staff
cannot open it."""

import datetime as dt

import time_machine
from django.urls import reverse

from doithoai.live.actions import registrations, sessions
from doithoai.live.models import Registration
from doithoai.org.models import Role, Village
from tests.factories import AgencyFactory, user_with_role

Source = Registration.Source


def test_the_screen_follows_the_queue(client, session, clerk, commune, conference):
    client.force_login(clerk)
    page = client.get(reverse("live:screen", args=[conference.pk])).content.decode()
    fragment_url = reverse("live:screen_fragment", args=[conference.pk])
    assert fragment_url in page and 'hx-trigger="every 1s"' in page
    assert "Chưa có người đăng ký." in page

    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    people = [registrations.register(actor=clerk, session=session, source=Source.PAPER,
                                     full_name=name, village=na_pan, topic=f"Nội dung {i}")
              for i, name in enumerate(("An", "Bình", "Chi", "Dũng", "Giang"))]
    registrations.call_next(actor=clerk, session=session)
    text = client.get(fragment_url).content.decode()
    assert '<p class="hall-name">An</p>' in text and "Thôn Nà Pàn" in text
    assert "Nội dung 0" in text
    following = text[text.index("Tiếp theo"):]
    assert ["Bình" in following, "Chi" in following, "Dũng" in following,
            "Giang" in following] == [True, True, True, False]  # the next three only

    called = Registration.objects.get(pk=people[0].pk).called_at
    with time_machine.travel(called + dt.timedelta(minutes=6, seconds=5), tick=False):
        late = client.get(fragment_url).content.decode()
    assert "06:05" in late and "hall-timer over" in late  # 5 minutes each by default
    sessions.close_session(actor=clerk, session=session)
    assert "Phiên họp đã kết thúc" in client.get(fragment_url).content.decode()


def test_no_session_yet_and_another_commune(client, conference, clerk):
    client.force_login(clerk)
    url = reverse("live:screen_fragment", args=[conference.pk])
    assert "Phiên họp chưa bắt đầu." in client.get(url).content.decode()
    stranger = user_with_role(Role.CLERK, AgencyFactory())
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.get(reverse("live:screen", args=[conference.pk])).status_code == 404


def test_the_screen_shows_the_item_and_its_time(client, session, clerk, conference):
    from doithoai.dialogues.models import AgendaItem

    AgendaItem.objects.create(conference=conference, order=1, title="Khai mạc", minutes=5)
    sessions.move_item(actor=clerk, session=session, step=1)
    client.force_login(clerk)
    url = reverse("live:screen_fragment", args=[conference.pk])
    assert "Khai mạc" in client.get(url).content.decode()
    session.refresh_from_db()
    with time_machine.travel(session.item_started_at + dt.timedelta(minutes=7), tick=False):
        text = client.get(url).content.decode()
    assert "07:00 / 05:00" in text and "hall-item-time over" in text


def test_the_screen_shows_the_qr_code_only_when_phones_can_open_it(client, session, clerk,
                                                                   conference, settings):
    """An address that works on this computer only (127.0.0.1, localhost) is no use to the
    hall: no code on its screen (the secretary's console says what to do); opened at the
    hall's Wi-Fi address, or with a public address set, the screen shows it."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    client.force_login(clerk)
    url = reverse("live:screen", args=[conference.pk])
    qr = 'alt="Mã QR đăng ký phát biểu"'
    for host in ("127.0.0.1:8000", "localhost:8000"):
        page = client.get(url, HTTP_HOST=host).content.decode()
        assert qr not in page and "Quét mã để đăng ký phát biểu" not in page, host
    assert qr in client.get(url, HTTP_HOST="192.168.1.10:8000").content.decode()
    settings.PUBLIC_BASE_URL = "https://doithoai.example.vn"
    assert qr in client.get(url, HTTP_HOST="127.0.0.1:8000").content.decode()
    sessions.close_session(actor=clerk, session=session)  # nobody registers any more
    assert qr not in client.get(url, HTTP_HOST="192.168.1.10:8000").content.decode()
