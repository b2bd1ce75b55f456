"""The live room in three browsers at once (issue 6, "done when"): the secretary opens the
session and types paper registrations, a citizen registers from his phone through the QR
code, the chair calls, answers and concludes from his tablet, the hall's projector follows;
three speakers — one answered on the spot, one assigned to a unit, one a complaint; the
secretary's connection drops and comes back with nothing lost; the minutes are adopted; the
petitions are in the unit's queue with their due dates."""

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.core.petition_flow import State
from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.actions import plans
from doithoai.dialogues.models import AgendaItem, Conference
from doithoai.live.models import Registration
from doithoai.org.models import Agency, Person, User
from doithoai.petitions.models import Channel, Petition
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROAD = "Đường liên thôn Nà Pàn xuống cấp, đề nghị xã sửa trước mùa mưa."
WATER = "Nước sinh hoạt thôn Bản Chu bị đục sau mưa, đề nghị kiểm tra bể lọc."
LAND = "Tôi khiếu nại việc thu hồi đất làm đường chưa được bồi thường."


@pytest.fixture
def conference(transactional_db, load_organisation):
    load_organisation()
    commune = Agency.objects.get(code="ubnd-xa-diem-he")
    clerk = User.objects.get(username="vanphong")
    plan = plans.create_plan(actor=clerk, agency=commune, year=timezone.localdate().year)
    conference = Conference.objects.create(
        agency=commune, plan=plan, title="Hội nghị đối thoại với Nhân dân xã Điềm He",
        held_on=timezone.localdate(), starts_at=dt.time(8, 0), venue="Hội trường UBND xã",
        speaker_minutes=5,
        chair=Person.objects.get(agency=commune, position__startswith="Chủ tịch UBND"))
    for order, (title, minutes) in enumerate((("Khai mạc", 10), ("Đối thoại", 90)), 1):
        AgendaItem.objects.create(conference=conference, order=order, title=title,
                                  minutes=minutes)
    return conference


def _browser_page(browser, live_server, viewport=None):
    context = browser.new_context(locale="vi-VN", base_url=live_server.url,
                                  viewport=viewport or {"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations
    return context, page


def _axe_clean(page, where: str) -> None:
    result = Axe().run(page)
    assert not result.violations_count, f"{where}:\n{result.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), where


def test_a_short_session_in_three_browsers(browser, live_server, settings, conference, shot):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.PUBLIC_BASE_URL = live_server.url
    contexts = []

    secretary_context, secretary = _browser_page(browser, live_server)
    contexts.append(secretary_context)
    login(secretary, "vanphong", DEMO_PASSWORD)
    secretary.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/")
    secretary.get_by_role("button", name="Mở phiên họp").click()
    expect(secretary.get_by_role("heading", name="Bàn thư ký")).to_be_visible()

    projector_context, projector = _browser_page(browser, live_server,
                                                 {"width": 1280, "height": 720})
    contexts.append(projector_context)
    login(projector, "vanphong", DEMO_PASSWORD)
    projector.goto(f"/phong-hop/hoi-nghi/{conference.pk}/man-hinh/")

    chair_context, chair = _browser_page(browser, live_server, {"width": 1180, "height": 820})
    contexts.append(chair_context)
    login(chair, "chutich", DEMO_PASSWORD)
    chair.goto(f"/phong-hop/hoi-nghi/{conference.pk}/chu-tri/")

    # Paper forms typed in fast, then a citizen's phone through the QR code.
    secretary.locator('form[data-action="item"]').get_by_role(
        "button", name="Bắt đầu chương trình").click()
    for name, village, topic in (("Hoàng Văn Pản", "Thôn Nà Pàn", "Đường liên thôn"),
                                 ("Lương Thị Nhặt", "Thôn Bản Chu", "Nước sinh hoạt")):
        secretary.get_by_label("Họ và tên").fill(name)
        secretary.locator("#reg-village").select_option(label=village)
        secretary.get_by_label("Nội dung muốn phát biểu").fill(topic)
        secretary.get_by_label("Nội dung muốn phát biểu").press("Enter")
        expect(secretary.locator("#panel-queue")).to_contain_text(name)
    secretary.get_by_text("Mã QR để Nhân dân tự đăng ký").click()
    qr_address = secretary.locator(".qr-url a").get_attribute("href")

    phone_context, phone = _browser_page(browser, live_server, {"width": 375, "height": 740})
    contexts.append(phone_context)
    phone.goto(qr_address)
    phone.get_by_label("Họ và tên").fill("Vy Văn Thắng")
    phone.get_by_label("Bạn muốn phát biểu về việc gì? (ngắn gọn)").fill("Bồi thường đất")
    phone.get_by_role("button", name="Đăng ký phát biểu").click()
    expect(phone.get_by_role("status")).to_contain_text("Số thứ tự: 3")
    shot(phone, "live-phone-registered")
    _axe_clean(phone, "phone registration")
    expect(secretary.locator("#panel-queue")).to_contain_text("Vy Văn Thắng")

    # The chair puts the citizen from the phone after the first speaker, with a reason: a
    # tap on his row, one place up, then back down — no number typed.
    chair.locator("ol.queue li", has_text="Vy Văn Thắng").locator(".queue-pick").click()
    sheet = chair.locator("#row-sheet")
    sheet.get_by_role("button", name="Lên một bậc").click()  # asks why
    sheet.get_by_role("button", name="Cùng nội dung với người phát biểu trước").click()
    sheet.get_by_role("button", name="Lên một bậc").click()
    expect(chair.locator("#notice")).to_contain_text("lên một bậc")
    expect(chair.locator("ol.queue li").nth(1)).to_contain_text("Vy Văn Thắng")
    expect(secretary.locator("ol.queue li").nth(1)).to_contain_text("Vy Văn Thắng")
    sheet.get_by_label("Lý do đã chọn hoặc tự ghi").fill("Trả lại thứ tự đăng ký")
    sheet.get_by_role("button", name="Xuống một bậc").click()
    expect(secretary.locator("ol.queue li").nth(2)).to_contain_text("Vy Văn Thắng")
    sheet.get_by_role("button", name="Đóng").click()

    # First speaker: called by the secretary, the projector follows, answered on the spot.
    secretary.get_by_role("button", name="Mời người đầu tiên phát biểu").click()
    expect(projector.locator(".hall-name")).to_have_text("Hoàng Văn Pản")
    expect(projector.locator(".hall-village")).to_have_text("Thôn Nà Pàn")
    expect(projector.locator("#screen")).to_contain_text("Lương Thị Nhặt")
    secretary.get_by_label("Nội dung phát biểu (ghi trong khi người dân nói)").fill(ROAD)
    secretary.get_by_role("button", name="Ghi nội dung").click()
    expect(secretary.locator("#speaker-record")).to_contain_text("Mã ý kiến")
    expect(chair.locator("#speaker-record")).to_contain_text(ROAD)
    chair.get_by_label("Tóm tắt nội dung trả lời").fill(
        "Xã đưa tuyến đường vào kế hoạch sửa chữa quý I năm sau.")
    chair.get_by_role("button", name="Ghi câu trả lời").click()
    expect(chair.locator("#speaker-record")).to_contain_text("Đã trả lời tại hội nghị")
    chair.get_by_label("Kết luận của chủ trì về ý kiến này").fill(
        "Giao Văn phòng theo dõi việc đưa vào kế hoạch.")
    chair.get_by_role("button", name="Ghi kết luận").click()
    expect(chair.locator("#panel-heard")).to_contain_text("Đã kết luận")
    shot(chair, "live-chair")
    _axe_clean(chair, "chair's view")
    _axe_clean(secretary, "console")
    _axe_clean(projector, "hall screen")

    # The chair gives the floor to the next one; the projector follows.
    chair.get_by_role("button", name="Kết thúc lượt, mời người tiếp theo").click()
    expect(projector.locator(".hall-name")).to_have_text("Lương Thị Nhặt")
    expect(projector.locator(".hall-village")).to_have_text("Thôn Bản Chu")
    expect(secretary.locator("#speaker-record")).to_contain_text("Lương Thị Nhặt")

    # The secretary's Wi-Fi drops: she keeps typing; nothing is lost, nothing sent twice.
    secretary_context.set_offline(True)
    secretary.get_by_label("Nội dung phát biểu (ghi trong khi người dân nói)").fill(WATER)
    secretary.get_by_role("button", name="Ghi nội dung").click()
    secretary.get_by_label("Họ và tên").fill("Nông Thị Hoa")
    secretary.get_by_label("Họ và tên").press("Enter")
    expect(secretary.locator("#connection")).to_contain_text("MẤT KẾT NỐI")
    expect(secretary.locator("#connection")).to_contain_text("2 thao tác chờ gửi")
    shot(secretary, "live-offline")
    assert not Petition.objects.filter(text=WATER).exists()
    secretary_context.set_offline(False)
    expect(secretary.locator("#connection")).to_contain_text("Đã kết nối")
    expect(secretary.locator("#connection")).not_to_contain_text("chờ gửi")
    expect(secretary.locator("#panel-queue")).to_contain_text("Nông Thị Hoa")
    assert Petition.objects.filter(text=WATER).count() == 1
    assert Registration.objects.filter(full_name="Nông Thị Hoa").count() == 1

    # Assigned to a unit for a written answer.
    chair.get_by_text("Giao đơn vị trả lời bằng văn bản").click()
    chair.get_by_label("Đơn vị").select_option(label="Phòng Kinh tế")
    chair.get_by_role("button", name="Giao đơn vị").click()
    expect(chair.locator("#panel-heard")).to_contain_text("Giao Phòng Kinh tế, hạn")

    # Third speaker: a complaint, to its procedure.
    secretary.get_by_role("button", name="Kết thúc lượt, mời người tiếp theo").click()
    expect(projector.locator(".hall-name")).to_have_text("Vy Văn Thắng")
    expect(secretary.locator("#speaker-record")).to_contain_text("Vy Văn Thắng")
    secretary.get_by_label("Nội dung phát biểu (ghi trong khi người dân nói)").fill(LAND)
    secretary.locator('form[data-action="speech"] select[name="kind"]').select_option(
        label="Khiếu nại")
    secretary.get_by_role("button", name="Ghi nội dung").click()
    # the speech is saved (the heard list names him) before its outcome is chosen
    expect(secretary.locator("#panel-heard")).to_contain_text("Vy Văn Thắng")
    # A complaint is never answered as an opinion (Law on Complaints 2011): neither device
    # offers an answer or a unit; its procedure is open, with the law's guidance.
    for device in (secretary, chair):
        record = device.locator("#speaker-record")
        expect(record).to_contain_text("Khiếu nại: chưa chuyển theo thủ tục")
        expect(record).to_contain_text("Luật Khiếu nại năm 2011")
        expect(record.get_by_role("button", name="Ghi câu trả lời")).to_have_count(0)
        expect(record.get_by_role("button", name="Giao đơn vị")).to_have_count(0)
    remark = chair.get_by_label(
        "Chủ trì hướng dẫn thêm (nếu có) — ghi là hướng dẫn, không phải câu trả lời")
    remark.fill("Ông làm đơn gửi Chủ tịch UBND xã, bộ phận một cửa nhận đơn.")
    shot(chair, "live-chair-complaint")
    chair.get_by_role("button", name="Chuyển theo thủ tục").click()
    expect(chair.locator("#panel-heard")).to_contain_text("Chuyển thủ tục khiếu nại, tố cáo")
    expect(secretary.locator("#panel-heard")).to_contain_text(
        "Chuyển thủ tục khiếu nại, tố cáo")
    complaint = Petition.objects.get(text=LAND)
    assert complaint.state == State.TRANSFERRED and not complaint.answers.exists()
    assert complaint.public_note.endswith("Chủ trì hướng dẫn thêm: Ông làm đơn gửi Chủ tịch "
                                          "UBND xã, bộ phận một cửa nhận đơn.")
    shot(projector, "live-projector")
    shot(secretary, "live-console")

    # The session ends; the minutes are completed, read and adopted.
    secretary.get_by_role("button", name="Kết thúc phiên họp").click()
    expect(secretary.get_by_role("button", name="Thông qua biên bản")).to_be_visible()
    expect(secretary.locator(".per-matter")).to_contain_text("Giao Văn phòng theo dõi")
    secretary.get_by_label("Kết luận chung của chủ trì hội nghị").fill(
        "Các đơn vị trả lời đúng hạn.")
    secretary.get_by_role("button", name="Lưu dự thảo biên bản").click()
    expect(secretary.locator("#notice")).to_contain_text("Đã lưu dự thảo biên bản")
    secretary.get_by_role("button", name="Thông qua biên bản").click()
    expect(secretary.locator("#panel-minutes")).to_contain_text("Đã thông qua lúc")
    phone.reload()
    expect(phone.get_by_role("alert")).to_contain_text("Phiên họp đã kết thúc")

    # One action: the conclusion notice's form opens filled with the adopted conclusion.
    secretary.get_by_role("link", name="Soạn thông báo kết luận").click()
    expect(secretary.get_by_label("Nội dung kết luận")).to_have_value(
        re.compile("Giao Văn phòng theo dõi.*Các đơn vị trả lời đúng hạn.", re.S))

    conference.refresh_from_db()
    assert conference.state == Conference.State.HELD
    assert conference.conclusion.endswith("Các đơn vị trả lời đúng hạn.")
    raised = Petition.objects.filter(conference=conference, channel=Channel.CONFERENCE)
    assert {p.state for p in raised} == {State.ANSWERED_AT_CONFERENCE, State.ASSIGNED,
                                         State.TRANSFERRED}

    # The assigned opinion is in the unit's queue, with its due date.
    assigned = raised.get(state=State.ASSIGNED)
    unit_context, unit = _browser_page(browser, live_server)
    contexts.append(unit_context)
    login(unit, "kinhte", DEMO_PASSWORD)
    unit.goto("/y-kien/")
    row = unit.locator("tr", has_text=assigned.tracking_code)
    expect(row).to_contain_text(assigned.due_date.strftime("%d/%m/%Y"))
    for context in contexts:
        context.close()
