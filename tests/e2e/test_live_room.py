"""The live room in three browsers at once (issue 6, "done when", grown by issue 13): the
secretary opens the session and types paper registrations, citizens register from their
phones through the QR code, the chair calls, answers and concludes from his tablet, the hall's
projector follows; speakers answered on the spot, assigned to a unit, a complaint and two
denunciations sent to their procedure; the secretary's connection drops and comes back with
nothing lost; the minutes are adopted, the conclusion notice issued; the petitions are in the
unit's queue with their due dates.

The law, as a user meets it (issue 13): a denunciation registered by QR and one on paper never
reach the projector — every poll it receives is searched, while they wait, while they speak,
after — nor the public pages (the results, their tracking pages) nor the documents (the
Biên bản and the Thông báo kết luận, downloaded and read back); a complaint cannot be answered,
neither from the pages nor by a crafted POST; those not heard (one waiting, one withdrawn with
a topic) become petitions and are in the Biên bản; every speaker sees his code (the phones,
the slips); the secretary's browser keeps nothing of the conference once the minutes are
adopted."""

import datetime as dt
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from doithoai.audit.models import AuditEvent
from doithoai.core.petition_flow import State
from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.actions import plans
from doithoai.dialogues.choices import PlanState
from doithoai.dialogues.models import AgendaItem, Conference, Plan
from doithoai.live.models import Registration
from doithoai.org.models import Agency, Person, User
from doithoai.petitions.models import Answer, Channel, Kind, Petition
from tests.e2e.conftest import ARTIFACTS, SCREENSHOTS, login
from tests.live.test_confidential_documents import docx_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROAD = "Đường liên thôn Nà Pàn xuống cấp, đề nghị xã sửa trước mùa mưa."
WATER = "Nước sinh hoạt thôn Bản Chu bị đục sau mưa, đề nghị kiểm tra bể lọc."
LAND = "Tôi khiếu nại việc thu hồi đất làm đường chưa được bồi thường."
# Two denouncers: one from his phone, one on a paper form the secretary types.
BY_PHONE = ("Triệu Thị Dịu", "Thôn Bản Thẳm", "Tố cáo cán bộ địa chính xã thu tiền làm sổ đỏ")
ON_PAPER = ("Lò Văn Tố", "Thôn Nà Lầu", "Tố cáo trưởng thôn Nà Lầu thu tiền trái phép của dân")
PHONE_SAID = "Tôi tố cáo cán bộ địa chính xã thu tiền của dân khi làm sổ đỏ, mỗi hộ hai triệu."
PAPER_SAID = "Trưởng thôn Nà Lầu thu tiền trái phép của dân để làm đường, không có biên lai."
# What would name them or tell their matter: never on the projector, in public or a document.
SECRETS = ("Triệu Thị Dịu", "Lò Văn Tố", "Bản Thẳm", "Nà Lầu", "địa chính", "thu tiền",
           "sổ đỏ", "trưởng thôn")
# The others' names: in the Biên bản (an internal record), never in what is published.
NAMED = ("Hoàng Văn Pản", "Lương Thị Nhặt", "Vy Văn Thắng", "Nông Thị Hoa", "Lục Văn Sình")
# Withdrawn with a topic: becomes a petition too.
LEFT = ("Lục Văn Sình", "Thôn Pác Lùng", "Làm cầu tràn qua suối Pác Lùng")


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


@pytest.fixture
def patient():
    """Four devices at once: what one device changed reaches the others with their next poll
    (every 2 s), after the requests of the others in the queue of the test's live server
    (tests/e2e/conftest.py, one request at a time)."""
    expect.set_options(timeout=10_000)
    yield
    expect.set_options(timeout=5_000)


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


def _absent(words, text: str, where: str) -> None:
    leaks = [word for word in words if word.casefold() in text.casefold()]
    assert not leaks, (where, leaks)


def _by_phone(phone, name: str, village: str | None, topic: str) -> None:
    """A citizen fills the QR code's form on his phone."""
    phone.get_by_label("Họ và tên").fill(name)
    if village:
        phone.get_by_label("Thôn, tổ dân phố").select_option(label=village)
    phone.get_by_label("Bạn muốn phát biểu về việc gì? (ngắn gọn)").fill(topic)
    phone.get_by_role("button", name="Đăng ký phát biểu").click()
    expect(phone.get_by_role("status")).to_contain_text(name)


def _crafted(page, url: str, form: dict):
    """A POST made by hand with this browser's login, not through any form of the page."""
    token = next(c["value"] for c in page.context.cookies()
                 if c["name"] == django_settings.CSRF_COOKIE_NAME)
    return page.request.post(url, form={**form, "csrfmiddlewaretoken": token},
                             headers={"X-CSRFToken": token})


def _docx(page, kind: str) -> str:
    """A document of the conference's page, downloaded as the clerk does, read back."""
    with page.expect_download() as download:
        page.locator(f'article[aria-labelledby="h-doc-{kind}"]').get_by_role(
            "link", name="Tải bản Word (.docx)").click()
    if SCREENSHOTS:  # kept for a person to open
        ARTIFACTS.mkdir(exist_ok=True)
        download.value.save_as(ARTIFACTS / f"live-story-{kind}.docx")
    return docx_text(Path(download.value.path()).read_bytes())


def test_a_short_session_in_three_browsers(browser, live_server, settings, conference, shot,
                                           patient):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.PUBLIC_BASE_URL = live_server.url
    contexts = []

    secretary_context, secretary = _browser_page(browser, live_server)
    contexts.append(secretary_context)
    login(secretary, "vanphong", DEMO_PASSWORD)
    secretary.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/")
    secretary.get_by_role("button", name="Mở phiên họp").click()
    expect(secretary.get_by_role("heading", name="Bàn thư ký")).to_be_visible()

    # Every answer the projector receives is kept, with the moment of the session it came in.
    projector_context, projector = _browser_page(browser, live_server,
                                                 {"width": 1280, "height": 720})
    contexts.append(projector_context)
    polls, phase = [], ["before"]
    projector.on("response", lambda response: polls.append((phase[0], response.text()))
                 if "/man-hinh/" in response.url and response.ok else None)
    login(projector, "vanphong", DEMO_PASSWORD)
    projector.goto(f"/phong-hop/hoi-nghi/{conference.pk}/man-hinh/")
    # The address (this computer's own) cannot be opened by phones: no code on the screen.
    expect(projector.locator(".hall-qr")).to_have_count(0)

    chair_context, chair = _browser_page(browser, live_server, {"width": 1180, "height": 820})
    contexts.append(chair_context)
    login(chair, "chutich", DEMO_PASSWORD)
    chair.goto(f"/phong-hop/hoi-nghi/{conference.pk}/chu-tri/")

    # Paper forms typed in fast, then a citizen's phone through the QR code.
    secretary.locator('form[data-action="item"]').get_by_role(
        "button", name="Bắt đầu chương trình").click()

    def paper(name, village, topic):
        secretary.get_by_label("Họ và tên").fill(name)
        secretary.locator("#reg-village").select_option(label=village)
        secretary.get_by_label("Nội dung muốn phát biểu").fill(topic)
        secretary.get_by_label("Nội dung muốn phát biểu").press("Enter")
        expect(secretary.locator("#panel-queue")).to_contain_text(name)

    for name, village, topic in (("Hoàng Văn Pản", "Thôn Nà Pàn", "Đường liên thôn"),
                                 ("Lương Thị Nhặt", "Thôn Bản Chu", "Nước sinh hoạt")):
        paper(name, village, topic)
    secretary.get_by_text("Mã QR để Nhân dân tự đăng ký").click()
    qr_address = secretary.locator(".qr-url a").get_attribute("href")

    phone_context, phone = _browser_page(browser, live_server, {"width": 375, "height": 740})
    contexts.append(phone_context)
    phone.goto(qr_address)
    _by_phone(phone, "Vy Văn Thắng", None, "Bồi thường đất")
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

    # Two denunciations: from a phone (4), on paper (5); confidential by their words. Then a
    # neighbour registered on the first phone (6) withdraws, his topic kept.
    denouncer_context, denouncer = _browser_page(browser, live_server,
                                                 {"width": 375, "height": 740})
    contexts.append(denouncer_context)
    denouncer.goto(qr_address)
    _by_phone(denouncer, *BY_PHONE)
    expect(denouncer.get_by_role("status")).to_contain_text("Người phát biểu số 4")
    phase[0] = "waiting"
    paper(*ON_PAPER)
    expect(secretary.locator("#panel-queue")).to_contain_text("Tố cáo: giữ bí mật người tố cáo")
    phone.get_by_text("Đăng ký cho người khác").click()
    _by_phone(phone, *LEFT)
    chair.locator("ol.queue li", has_text=LEFT[0]).locator(".queue-pick").click()
    sheet.get_by_role("button", name="Rút đăng ký").click()  # asks why
    sheet.get_by_role("button", name="Người đăng ký xin rút").click()
    sheet.get_by_role("button", name="Rút đăng ký").click()
    expect(secretary.locator("#panel-queue")).not_to_contain_text(LEFT[0])

    # First speaker: called by the secretary, the projector follows, answered on the spot.
    secretary.get_by_role("button", name="Mời người đầu tiên phát biểu").click()
    expect(projector.locator(".hall-name")).to_have_text("Hoàng Văn Pản")
    expect(projector.locator(".hall-village")).to_have_text("Thôn Nà Pàn")
    expect(projector.locator("#screen")).to_contain_text("Lương Thị Nhặt")
    expect(projector.locator(".hall-next")).to_contain_text("Người phát biểu số 4")
    secretary.get_by_label("Nội dung phát biểu (ghi trong khi người dân nói)").fill(ROAD)
    secretary.get_by_role("button", name="Ghi nội dung").click()
    expect(secretary.locator("#speaker-record")).to_contain_text("Mã ý kiến")
    expect(chair.locator("#speaker-record")).to_contain_text(ROAD)
    # Published as soon as it is recorded: while the chair types, the public copy shows.
    chair.get_by_label("Tóm tắt nội dung trả lời").fill(
        "Trả lời ông Hoàng Văn Pản: xã đưa tuyến đường vào kế hoạch sửa chữa quý I năm sau.")
    preview = chair.locator("#speaker-record .answer-preview")
    expect(preview).to_contain_text("Trả lời ông H. V. P.: xã đưa tuyến đường")
    expect(preview).to_contain_text("Hoàng Văn Pản → H. V. P.")
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
    expect(projector.locator(".hall-next")).to_contain_text("Người phát biểu số 5")
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
    # Nor by a crafted POST: to the console's endpoint, to the petition's answer endpoint.
    complaint = Petition.objects.get(text=LAND)
    thang = Registration.objects.get(full_name="Vy Văn Thắng")
    events = AuditEvent.objects.count()
    refused = _crafted(secretary, reverse("live:act", args=[conference.pk]), {
        "action": "answer", "registration": thang.pk, "client_key": "crafted-1",
        "text": "Xã sẽ bồi thường trong quý I.", "answered_by": "Chủ tịch UBND xã"})
    assert refused.status == 400
    assert "đây là khiếu nại, được giải quyết theo thủ tục khiếu nại" in refused.json()["error"]
    office = secretary_context.new_page()  # the clerk's second tab: the petition's page
    office.goto(reverse("petitions:detail", args=[complaint.pk]))
    offered = office.locator("section.actions details.action > summary").all_inner_texts()
    assert "Chuyển thủ tục khiếu nại, tố cáo" in offered
    assert not {"Trả lời tại hội nghị", "Soạn trả lời", "Giao đơn vị"} & set(offered), offered
    refused = _crafted(office, reverse("petitions:act", args=[
        complaint.pk, "answer_at_conference"]), {
        "answer_at_conference-text": "Xã sẽ bồi thường trong quý I.",
        "answer_at_conference-answered_by": "Chủ tịch UBND xã",
        "answer_at_conference-version": complaint.version})
    assert refused.status == 400
    assert "đây là khiếu nại, được giải quyết theo thủ tục khiếu nại" in refused.text()
    after = Petition.objects.get(pk=complaint.pk)
    assert (after.state, after.version, after.kind) == (complaint.state, complaint.version,
                                                        Kind.COMPLAINT)
    assert not Answer.objects.filter(petition=complaint).exists()
    assert AuditEvent.objects.count() == events
    office.close()
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
    # Heard and recorded: his phone shows his tracking code and its page's link.
    phone.goto(f"{qr_address}?so=3")
    expect(phone.locator(".code-box")).to_contain_text(complaint.tracking_code)
    expect(phone.locator(".code-box").get_by_role(
        "link", name="Xem trang theo dõi ý kiến")).to_be_visible()
    shot(projector, "live-projector")
    shot(secretary, "live-console")

    # The two denouncers speak: the projector shows a number; each sent to its procedure.
    phase[0] = "speaking"
    for number, name, said, device in ((4, BY_PHONE[0], PHONE_SAID, secretary),
                                       (5, ON_PAPER[0], PAPER_SAID, chair)):
        secretary.get_by_role("button", name="Kết thúc lượt, mời người tiếp theo").click()
        expect(projector.locator(".hall-name")).to_have_text(f"Người phát biểu số {number}")
        expect(projector.locator(".hall-village")).to_have_count(0)
        expect(projector.locator(".hall-topic")).to_have_count(0)
        # Both panels have followed the floor to him (the one before was a denouncer too, and
        # its record reads the same until the panel changes).
        expect(secretary.locator("#speaker-record")).to_contain_text(name)
        expect(device.locator("#speaker-record")).to_contain_text(name)
        expect(secretary.locator("#speaker-record")).to_contain_text("giữ bí mật người tố cáo")
        secretary.get_by_label("Nội dung phát biểu (ghi trong khi người dân nói)").fill(said)
        secretary.locator('form[data-action="speech"] select[name="kind"]').select_option(
            label="Tố cáo")
        secretary.get_by_role("button", name="Ghi nội dung").click()
        record = device.locator("#speaker-record")
        expect(record).to_contain_text("Tố cáo: chưa chuyển theo thủ tục")
        record.get_by_role("button", name="Chuyển theo thủ tục").click()
        expect(device.locator("#panel-heard li", has_text=name)).to_contain_text(
            "Chuyển thủ tục khiếu nại, tố cáo")
        if number == 4:
            shot(projector, "live-projector-denouncer")
    phase[0] = "after"
    secretary.locator("#panel-floor").get_by_role("button", name="Kết thúc lượt",
                                                  exact=True).click()
    expect(projector.locator(".hall-speaker")).to_contain_text("Chưa có người phát biểu")
    expect(projector.locator(".hall-next")).to_contain_text("Nông Thị Hoa")
    # The denouncer's phone: her code, and its page names nothing of her or her matter.
    denouncer.reload()
    denouncer.locator(".code-box").get_by_role("link", name="Xem trang theo dõi ý kiến").click()
    expect(denouncer.get_by_role("heading", level=1)).to_contain_text("Ý kiến mã")
    _absent(SECRETS, denouncer.locator("main").inner_text(), "the denouncer's tracking page")

    # The session ends: those not heard become petitions; the message sends to the slips.
    phase[0] = "closed"
    secretary.get_by_role("button", name="Kết thúc phiên họp").click()
    expect(secretary.get_by_role("button", name="Thông qua biên bản")).to_be_visible()
    notice = secretary.locator("#notice")
    expect(notice).to_contain_text("2 người đăng ký chưa được trình bày đã được tiếp nhận")
    expect(notice).to_contain_text("In 4 phiếu theo dõi ý kiến")
    expect(projector.locator("#screen")).to_contain_text("Phiên họp đã kết thúc")
    shot(secretary, "live-console-closed")
    later = {r.full_name: r for r in Registration.objects.filter(
        full_name__in=("Nông Thị Hoa", LEFT[0])).select_related("petition")}
    assert {r.petition.channel for r in later.values()} == {Channel.REGISTERED}
    assert later[LEFT[0]].state == Registration.State.WITHDRAWN
    phone.goto(f"{qr_address}?so={later[LEFT[0]].number}")  # not heard: his code now
    expect(phone.locator(".code-box")).to_contain_text(later[LEFT[0]].petition.tracking_code)
    expect(phone.locator(".code-box")).to_contain_text("Bạn chưa được trình bày")
    shot(phone, "live-phone-not-heard")
    with secretary.expect_popup() as opened:
        notice.get_by_role("link", name="Mở trang in phiếu").click()
    slips = opened.value
    paper_codes = {r.full_name: r.petition.tracking_code for r in Registration.objects.filter(
        source=Registration.Source.PAPER).select_related("petition")}
    expect(slips.locator(".slip")).to_have_count(len(paper_codes))
    for code in paper_codes.values():
        expect(slips.locator(".slips")).to_contain_text(code)
    _absent(SECRETS[:4], slips.locator(".slips").inner_text(), "the slips")
    shot(slips, "live-slips-story")
    slips.close()

    # The minutes are completed, read and adopted.
    expect(secretary.locator(".per-matter")).to_contain_text("Giao Văn phòng theo dõi")
    secretary.get_by_label("Kết luận chung của chủ trì hội nghị").fill(
        "Các đơn vị trả lời đúng hạn.")
    secretary.get_by_role("button", name="Lưu dự thảo biên bản").click()
    expect(secretary.locator("#notice")).to_contain_text("Đã lưu dự thảo biên bản")
    secretary.get_by_role("button", name="Thông qua biên bản").click()
    expect(secretary.locator("#panel-minutes")).to_contain_text("Đã thông qua lúc")
    phone.reload()
    expect(phone.get_by_role("alert")).to_contain_text("Phiên họp đã kết thúc")
    # Nothing of the conference is left in the secretary's or the chair's browser.
    for device in (secretary, chair):
        device.wait_for_function("p => !Object.keys(localStorage).some(k => k.startsWith(p))",
                                 arg=f"doithoai-live:{conference.pk}:")

    # One action: the conclusion notice's form opens filled with the adopted conclusion;
    # issued, its public copy names nobody.
    secretary.get_by_role("link", name="Soạn thông báo kết luận").click()
    expect(secretary.get_by_label("Nội dung kết luận")).to_have_value(
        re.compile("Giao Văn phòng theo dõi.*Các đơn vị trả lời đúng hạn.", re.S))
    secretary.locator("#action-conclusion").get_by_label(
        "Văn bản đã được người có thẩm quyền ký", exact=False).check()
    secretary.locator("#action-conclusion").get_by_role(
        "button", name="Ban hành thông báo kết luận").click()
    expect(secretary.locator(".status-line")).to_contain_text("Đã thông báo kết luận")
    bien_ban = _docx(secretary, "bien-ban")
    _absent(SECRETS, bien_ban, "Biên bản")
    assert "chưa được trình bày tại hội nghị (02 người)" in bien_ban
    assert "Nông Thị Hoa" in bien_ban and LEFT[2] in bien_ban  # named: neither confidential
    _absent(SECRETS + NAMED, _docx(secretary, "thong-bao-ket-luan"), "Thông báo kết luận")

    # The public pages: the conference's results (its plan issued long before), the
    # denunciations' tracking pages.
    Plan.objects.filter(pk=conference.plan_id).update(state=PlanState.ISSUED)
    denouncer.goto(reverse("dialogues_public:results", args=[conference.pk]))
    expect(denouncer.get_by_role("heading", level=1)).to_be_visible()
    _absent(SECRETS + NAMED, denouncer.locator("main").inner_text(), "the results page")
    shot(denouncer, "live-public-results")
    for name in (BY_PHONE[0], ON_PAPER[0]):
        code = Registration.objects.get(full_name=name).petition.tracking_code
        denouncer.goto(reverse("public:track_code", args=[code]))
        expect(denouncer.get_by_role("heading", level=1)).to_contain_text(code)
        _absent(SECRETS, denouncer.locator("main").inner_text(), f"tracking {name}")

    conference.refresh_from_db()
    assert conference.state == Conference.State.CONCLUDED
    assert conference.conclusion.endswith("Các đơn vị trả lời đúng hạn.")
    raised = Petition.objects.filter(conference=conference, channel=Channel.CONFERENCE)
    assert {p.state for p in raised} == {State.ANSWERED_AT_CONFERENCE, State.ASSIGNED,
                                         State.TRANSFERRED}
    assert raised.filter(kind=Kind.DENUNCIATION, state=State.TRANSFERRED).count() == 2

    # Every poll of the projector, before, while they waited and spoke, after: their names,
    # villages and matters never in it (the polls did carry the others' names).
    assert {moment for moment, _ in polls} == {"before", "waiting", "speaking", "after",
                                               "closed"}
    assert any("Hoàng Văn Pản" in body for _, body in polls)
    for i, (moment, body) in enumerate(polls):
        _absent(SECRETS + ("tố cáo",), body, f"poll {i} ({moment})")

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
