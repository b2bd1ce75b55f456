"""Every speaker can follow his opinion, in a real browser: a citizen registered from his phone
sees his tracking code and the tracking page's link once he was heard and his words recorded;
the one he registered too, not heard, sees hers once the session ends; the secretary prints
the slips for the paper registrants (A4, 8 a page, a confidential one by his number only),
looked at on the screen and printed to PDF."""

import math
import re
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.live.actions import registrations, sessions, speeches
from doithoai.live.models import Registration
from doithoai.live.views.registrations import token
from doithoai.org.models import User
from tests.e2e.conftest import ARTIFACTS, SCREENSHOTS, login
from tests.e2e.test_live_room import _axe_clean, _browser_page, conference  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAPER = ["Hoàng Văn Pản", "Nông Thị Hoa", "Lương Văn Sáng", "Vy Văn Thắng", "Chu Thị Lan",
         "Mã Văn Đi", "Lục Thị Hiền", "Đinh Văn Tùng", "Hà Thị Mai"]
QUIET = "Hà Thị Mai"  # asked not to be named: her slip shows her number only
PX_PER_MM = 96 / 25.4
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def test_the_phone_shows_the_code_and_the_slips_print(browser, live_server, settings,
                                                      conference, shot):  # noqa: F811
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.PUBLIC_BASE_URL = live_server.url
    clerk = User.objects.get(username="vanphong")
    session = sessions.open_session(actor=clerk, conference=conference)
    contexts = []
    try:
        phone_context, phone = _browser_page(browser, live_server, {"width": 375, "height": 740})
        contexts.append(phone_context)
        register_url = reverse("live_public:register", args=[token(session)])
        phone.goto(register_url)
        for name, topic in (("Lộc Văn Tài", "Cấp giấy chứng nhận quyền sử dụng đất"),
                            ("Vy Thị Liên", "Nước sạch thôn Bản Chu")):
            if name != "Lộc Văn Tài":
                phone.get_by_text("Đăng ký cho người khác").click()
            phone.get_by_label("Họ và tên").fill(name)
            phone.get_by_label("Bạn muốn phát biểu về việc gì? (ngắn gọn)").fill(topic)
            phone.get_by_role("button", name="Đăng ký phát biểu").click()
            expect(phone.get_by_role("status")).to_contain_text(name)
        for name in PAPER:
            registrations.register(actor=clerk, session=session,
                                   source=Registration.Source.PAPER, full_name=name,
                                   topic="Đường nội đồng", confidential=name == QUIET)

        # The first is called and his words recorded: his phone shows the code.
        first = session.registrations.get(full_name="Lộc Văn Tài")
        registrations.call_next(actor=clerk, session=session)
        petition = speeches.record_speech(
            actor=clerk, registration=first,
            text="Đề nghị xã đẩy nhanh cấp giấy chứng nhận quyền sử dụng đất.")
        phone.goto(f"{register_url}?so={first.number}")
        box = phone.locator(".code-box")
        expect(box).to_contain_text(petition.tracking_code)
        expect(box).to_contain_text("Ý kiến bạn phát biểu đã được ghi lại")
        _axe_clean(phone, "the phone with its tracking code")
        shot(phone, "live-phone-tracking-code")
        box.get_by_role("link", name="Xem trang theo dõi ý kiến").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(
            f"Ý kiến mã {petition.tracking_code}")

        # The session ends before the second one's turn: hers too becomes a petition.
        sessions.close_session(actor=clerk, session=session)
        second = Registration.objects.select_related("petition").get(full_name="Vy Thị Liên")
        phone.goto(f"{register_url}?so={second.number}")
        expect(phone.locator(".code-box")).to_contain_text(second.petition.tracking_code)
        expect(phone.get_by_role("status")).to_contain_text(
            "Phiên họp đã kết thúc khi chưa đến lượt bạn phát biểu.")
        expect(phone.locator(".code-box")).to_contain_text("Bạn chưa được trình bày")
        shot(phone, "live-phone-code-after-close")

        # The secretary prints the paper registrants' slips from the console.
        secretary_context, secretary = _browser_page(browser, live_server)
        contexts.append(secretary_context)
        login(secretary, "vanphong", DEMO_PASSWORD)
        secretary.goto(reverse("live:console", args=[conference.pk]))
        link = secretary.get_by_role("link", name="In phiếu theo dõi ý kiến")
        expect(link).to_have_attribute("target", "_blank")  # the console stays open
        slips = secretary
        slips.goto(link.get_attribute("href"))
        cards = slips.locator(".slip")
        expect(cards).to_have_count(len(PAPER))
        expect(slips.get_by_role("button", name=f"In {len(PAPER)} phiếu")).to_be_visible()
        quiet = Registration.objects.select_related("petition").get(full_name=QUIET)
        quiet_card = slips.get_by_role("region", name=f"Phiếu của người đăng ký số "
                                                      f"{quiet.number}")
        expect(quiet_card).to_contain_text(quiet.petition.tracking_code)
        expect(slips.locator(".slips")).not_to_contain_text(QUIET)
        _axe_clean(slips, "the slips page")
        shot(slips, "live-slips-screen")

        # In print: two slips a row, 97 × 70 mm each, 8 a page, nothing of the site around.
        slips.emulate_media(media="print")
        expect(slips.locator(".topbar")).to_be_hidden()
        expect(slips.locator(".slips-page .no-print")).to_be_hidden()
        boxes = [cards.nth(i).bounding_box() for i in range(len(PAPER))]
        for box in boxes:
            assert abs(box["width"] - 97 * PX_PER_MM) < 2, box
            assert abs(box["height"] - 70 * PX_PER_MM) < 2, box
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[1]["x"] > boxes[0]["x"]
        assert boxes[2]["y"] > boxes[0]["y"]
        # Printed to PDF as the browser prints it: 8 slips a page; each page drawn as an
        # image to look at when screenshots are asked for.
        pdf = slips.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        assert len(PDF_PAGE.findall(pdf)) == math.ceil(len(PAPER) / 8)
        if SCREENSHOTS:
            ARTIFACTS.mkdir(exist_ok=True)
            target = ARTIFACTS / "live-slips-print.pdf"
            target.write_bytes(pdf)
            subprocess.run([settings.DOCUMENTS_PDFTOPPM, "-png", "-r", "80", str(target),
                            str(ARTIFACTS / "live-slips-print")], check=True, timeout=60)
        for i in range(len(PAPER)):  # nothing cut off inside a slip
            assert cards.nth(i).evaluate("e => e.scrollHeight <= e.clientHeight + 1"), i
    finally:
        for context in contexts:
            context.close()
