"""Confidential speakers in real browsers: a denunciation registered from a phone through the
QR code and one typed from a paper form never reach the hall's projector — every poll it
receives is searched — in the queue or at the floor; a citizen who asks from his phone not
to be named after being shown is gone from the projector within 2 seconds."""

import time

import pytest
from playwright.sync_api import expect

from doithoai.demo.data import DEMO_PASSWORD
from tests.e2e.conftest import login
from tests.e2e.test_live_room import _axe_clean, _browser_page, conference  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SECRETS = ("Lò Văn Tố", "Vi Thị Hằng", "Nà Lầu", "trưởng thôn", "địa chính", "tố cáo")


def test_the_projector_never_receives_a_confidential_name(browser, live_server, settings,
                                                         conference, shot):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.PUBLIC_BASE_URL = live_server.url
    contexts = []
    try:
        secretary_context, secretary = _browser_page(browser, live_server)
        contexts.append(secretary_context)
        login(secretary, "vanphong", DEMO_PASSWORD)
        secretary.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/")
        secretary.get_by_role("button", name="Mở phiên họp").click()
        expect(secretary.get_by_role("heading", name="Bàn thư ký")).to_be_visible()

        projector_context, projector = _browser_page(browser, live_server,
                                                     {"width": 1280, "height": 720})
        contexts.append(projector_context)
        polls: list[str] = []

        def keep(response):
            if "/man-hinh/" in response.url and response.status == 200:
                polls.append(response.text())

        projector.on("response", keep)
        login(projector, "vanphong", DEMO_PASSWORD)
        projector.goto(f"/phong-hop/hoi-nghi/{conference.pk}/man-hinh/")

        # A denunciation from a phone (typed without marks), then one on paper, then an
        # ordinary speaker.
        secretary.get_by_text("Mã QR để Nhân dân tự đăng ký").click()
        qr_address = secretary.locator(".qr-url a").get_attribute("href")
        phone_context, phone = _browser_page(browser, live_server, {"width": 375, "height": 740})
        contexts.append(phone_context)
        phone.goto(qr_address)
        phone.get_by_label("Họ và tên").fill("Vi Thị Hằng")
        phone.get_by_label("Thôn, tổ dân phố").select_option(label="Thôn Nà Lầu")
        phone.get_by_label("Bạn muốn phát biểu về việc gì? (ngắn gọn)").fill(
            "to cao can bo dia chinh thu tien cap so")
        phone.get_by_role("button", name="Đăng ký phát biểu").click()
        expect(phone.get_by_role("status")).to_contain_text("Số thứ tự: 1")
        expect(phone.get_by_role("status")).to_contain_text("Người phát biểu số 1")

        for name, topic in (("Lò Văn Tố", "Tố cáo trưởng thôn Nà Lầu thu tiền trái phép"),
                            ("Hoàng Văn Pản", "Đường liên thôn")):
            secretary.get_by_label("Họ và tên").fill(name)
            secretary.locator("#reg-village").select_option(label="Thôn Nà Lầu"
                                                            if name == "Lò Văn Tố"
                                                            else "Thôn Nà Pàn")
            secretary.get_by_label("Nội dung muốn phát biểu").fill(topic)
            secretary.get_by_label("Nội dung muốn phát biểu").press("Enter")
            expect(secretary.locator("#panel-queue")).to_contain_text(name)
        expect(secretary.locator("#panel-queue")).to_contain_text(
            "Tố cáo: giữ bí mật người tố cáo")
        expect(projector.locator("#screen")).to_contain_text("Hoàng Văn Pản")
        expect(projector.locator("#screen")).to_contain_text("Người phát biểu số 2")

        # Each at the floor in turn: the projector shows a number only.
        secretary.get_by_role("button", name="Mời người đầu tiên phát biểu").click()
        expect(projector.locator(".hall-name")).to_have_text("Người phát biểu số 1")
        expect(projector.locator(".hall-village")).to_have_count(0)
        expect(projector.locator(".hall-topic")).to_have_count(0)
        shot(projector, "live-projector-confidential")
        _axe_clean(projector, "hall screen, a confidential speaker")
        secretary.get_by_role("button", name="Kết thúc lượt, mời người tiếp theo").click()
        expect(projector.locator(".hall-name")).to_have_text("Người phát biểu số 2")

        # The ordinary speaker, named in the queue, asks from a phone not to be named.
        phone.get_by_text("Đăng ký cho người khác").click()
        phone.get_by_label("Họ và tên").fill("Nông Thị Hoa")
        phone.get_by_role("button", name="Đăng ký phát biểu").click()
        expect(projector.locator("#screen")).to_contain_text("Nông Thị Hoa")
        phone.get_by_role("button",
                          name="Tôi không muốn được nêu tên trên màn hình hội trường").click()
        asked = time.monotonic()
        expect(projector.locator("#screen")).not_to_contain_text("Nông Thị Hoa", timeout=2000)
        assert time.monotonic() - asked <= 2.0
        expect(projector.locator("#screen")).to_contain_text("Người phát biểu số 4")

        assert len(polls) > 5, polls
        leaks = [(word, i) for i, body in enumerate(polls) for word in SECRETS
                 if word.casefold() in body.casefold()]
        assert not leaks, leaks
    finally:
        for context in contexts:
            context.close()
