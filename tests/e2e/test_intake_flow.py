"""As the office clerk would: start a batch of paper survey forms, type two of them from the
keyboard only, then upload a summary sheet — and every intake page passes axe on a PC and on
a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from doithoai.demo import timeline
from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.selectors import conference_links
from doithoai.org.models import User, Village
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel, IntakeBatch, Petition
from doithoai.workdays.calendar import get_calendar
from tests.e2e.conftest import login
from tests.petitions.intake_support import row, xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PC = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def upcoming(commune):
    """Also a conference being prepared, on the day the demo would hold its upcoming one,
    scheduled under a plan of its year through the dialogue actions."""
    clerk, today = User.objects.get(username="vanphong"), timezone.localdate()
    held_on = timeline.build(today, get_calendar()).ahead_on
    plan = plans.create_plan(actor=clerk, agency=commune, year=held_on.year)
    conferences.schedule_conference(actor=clerk, plan=plan, today=today,
                                    data={"held_on": held_on, "hall_capacity": 300})
    return commune


def _focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.name")


def _focus_comes_to(page, name: str) -> None:
    """htmx moves the focus when it settles the swapped form, a moment after the swap."""
    page.wait_for_function(
        "name => document.activeElement && document.activeElement.name === name", arg=name)


def _axe_clean(page, axe, where: str) -> None:
    result = axe.run(page)
    assert not result.violations_count, f"{where}:\n{result.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), where


def test_clerk_types_two_paper_forms_from_the_keyboard(page, commune, shot):
    page.set_viewport_size(PC)
    login(page, "vanphong", DEMO_PASSWORD)
    page.goto("/y-kien/nhap/")
    page.get_by_label("Tên đợt").fill("Phiếu lấy ý kiến thôn Nà Pàn")
    page.get_by_label("Thôn, tổ dân phố").select_option(label="Thôn Nà Pàn")
    page.get_by_label("Người chuyển đến").fill("Lương Văn Khiêm, Trưởng thôn")
    shot(page, "intake-start")
    page.get_by_role("button", name="Bắt đầu nhập").click()
    page.wait_for_url("**/y-kien/nhap/dot/*/")
    assert "Phiếu lấy ý kiến thôn Nà Pàn" in page.locator("h1").inner_text()

    # The cursor waits in the text box; Tab walks the form, Enter in the last field saves.
    _focus_comes_to(page, "text")
    page.evaluate("window.stillThisPage = true")  # htmx swaps the form: no page load
    page.keyboard.type("Đường từ thôn Nà Pàn ra trung tâm xã lầy lội, đề nghị đổ bê tông.")
    page.keyboard.press("Tab")
    page.keyboard.type("Hoàng Văn Pản")
    page.keyboard.press("Tab")
    page.keyboard.type("0912 345 678")
    page.keyboard.press("Tab")  # village: kept from the batch
    assert _focused(page) == "village"
    page.keyboard.press("Tab")
    assert _focused(page) == "field"
    page.keyboard.type("G")  # type-ahead: Giao thông
    page.keyboard.press("Tab")  # kind: kept
    page.keyboard.press("Tab")
    assert _focused(page) == "urgency"
    page.keyboard.press("Enter")
    saved = page.locator(".entry-status .saved")
    saved.wait_for()
    batch = IntakeBatch.objects.get(name="Phiếu lấy ý kiến thôn Nà Pàn")
    first = Petition.objects.get(batch=batch)
    assert f"Đã lưu: {first.tracking_code}" in saved.inner_text()
    assert "Đợt này có 1 ý kiến." in saved.inner_text()
    assert first.field.code == "giao-thong" and first.village.name == "Thôn Nà Pàn"
    assert first.petitioners.get().phone == "0912345678"

    # The next form: cursor back in the text box, the choices remembered; Ctrl+Enter saves.
    _focus_comes_to(page, "text")
    assert page.locator("select[name=field] option:checked").inner_text() == "Giao thông"
    assert page.locator("textarea[name=text]").input_value() == ""
    page.keyboard.type("Đề nghị lắp đèn chiếu sáng ở ngã ba đầu thôn.")
    page.keyboard.press("Control+Enter")
    page.locator(".entry-status .saved", has_text="Đợt này có 2 ý kiến.").wait_for()
    second = Petition.objects.filter(batch=batch).exclude(pk=first.pk).get()
    assert f"Đã lưu: {second.tracking_code}" in page.locator(".entry-status").inner_text()
    _focus_comes_to(page, "text")
    listed = page.locator("#entry table").inner_text()
    assert first.tracking_code in listed and second.tracking_code in listed
    assert second.field.code == "giao-thong"
    assert Petition.objects.filter(batch=batch).count() == 2
    assert page.evaluate("window.stillThisPage") is True
    shot(page, "intake-entry-pc")

    axe = Axe()
    for viewport in (PC, PHONE):
        page.set_viewport_size(viewport)
        for path in ("/y-kien/nhap/", f"/y-kien/nhap/dot/{batch.pk}/",
                     f"/y-kien/nhap/dot/{batch.pk}/in/", "/y-kien/nhap/tai-len/"):
            assert page.goto(path).status == 200, path
            _axe_clean(page, axe, f"{path} {viewport['width']}px")
    page.set_viewport_size(PHONE)
    page.goto(f"/y-kien/nhap/dot/{batch.pk}/")
    shot(page, "intake-entry-phone")
    page.set_viewport_size(PC)
    page.goto(f"/y-kien/nhap/dot/{batch.pk}/in/")
    shot(page, "intake-print")
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    shot(page, "intake-print-paper")


def test_the_entry_page_works_without_javascript(browser, live_server, settings, commune, shot):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(locale="vi-VN", base_url=live_server.url,
                                  java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        login(page, "truongthon", DEMO_PASSWORD)  # the village head of Nà Pàn
        page.goto("/y-kien/nhap/")
        page.get_by_label("Tên đợt").fill("Phiếu tháng 11")
        page.get_by_role("button", name="Bắt đầu nhập").click()
        page.wait_for_url("**/y-kien/nhap/dot/*/")
        for text in ("Xin sửa cầu treo bản.", "Đề nghị hỗ trợ giống ngô."):
            assert _focused(page) == "text"
            page.keyboard.type(text)
            for _ in range(8):  # name, phone, village, field, kind, urgency, consent, button
                page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent") == "Lưu phiếu"
            with page.expect_navigation():
                page.keyboard.press("Enter")
        batch = IntakeBatch.objects.get(name="Phiếu tháng 11")
        codes = list(Petition.objects.filter(batch=batch).values_list("tracking_code",
                                                                       flat=True))
        assert len(codes) == 2 and batch.village.name == "Thôn Nà Pàn"
        status = page.locator(".entry-status").inner_text()
        assert "Đã lưu:" in status and "Đợt này có 2 ý kiến." in status
        listed = page.locator("#entry table").inner_text()
        assert all(code in listed for code in codes)
        shot(page, "intake-entry-no-js")
    finally:
        context.close()


def test_clerk_uploads_a_summary_sheet(page, commune, shot, tmp_path):
    before = Petition.objects.count()
    page.set_viewport_size(PC)
    login(page, "vanphong", DEMO_PASSWORD)
    bad = tmp_path / "tong-hop-loi.xlsx"
    bad.write_bytes(xlsx([row("Đường lầy lội."), row("Thiếu nước.", village="Thôn Mới"),
                          row("Th«n Nµ Pµn xin lµm ®­êng", phone="123")]))
    good = tmp_path / "tong-hop.xlsx"
    good.write_bytes(xlsx([row("Đường lầy lội."),
                           row("Thiếu nước sạch mùa khô.", village="thon ban chu",
                               field="Điện, nước sạch và chiếu sáng", kind="Phản ánh"),
                           row("Trường mầm non xuống cấp.", village="Khòn Pát",
                               field="giao-duc", urgency="Khẩn")]))

    page.goto("/y-kien/nhap/tai-len/")
    page.get_by_label("Tên đợt").fill("Tổng hợp của Ủy ban MTTQ xã")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.locator(".refused").wait_for()
    assert "Tệp có 2 dòng cần sửa" in page.locator(".refused").inner_text()
    problems = page.locator("table").inner_text()
    assert "Thôn Mới" in problems and "TCVN3" in problems and "Số điện thoại" in problems
    assert Petition.objects.count() == before
    _axe_clean(page, Axe(), "upload with problems")
    shot(page, "intake-upload-problems")
    page.set_viewport_size(PHONE)
    shot(page, "intake-upload-problems-phone")
    page.set_viewport_size(PC)

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_url("**/y-kien/nhap/dot/*/")
    message = page.locator(".messages").inner_text()
    assert "Đã nhập 3 ý kiến từ tệp “tong-hop.xlsx” vào đợt “Tổng hợp của Ủy ban MTTQ xã”." \
        in message
    assert "Ý kiến đã nhập trong đợt (3)" in page.locator("main").inner_text()
    imported = IntakeBatch.objects.get(name="Tổng hợp của Ủy ban MTTQ xã")
    assert Petition.objects.filter(batch=imported).count() == 3
    assert Petition.objects.count() == before + 3
    shot(page, "intake-upload-done")

    # The same file again: refused, with when and where it went in.
    page.goto("/y-kien/nhap/tai-len/")
    page.get_by_label("Tên đợt").fill("Lần hai")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.locator(".refused").wait_for()
    assert "Tệp này đã được nhập lúc" in page.locator(".refused").inner_text()
    assert Petition.objects.count() == before + 3
    shot(page, "intake-upload-duplicate")


def test_the_batch_page_on_a_phone_stacks_its_details_and_links_its_conference(page, upcoming,
                                                                              shot):
    commune = upcoming
    clerk = User.objects.get(username="vanphong")
    conference = conference_links.upcoming([commune])
    assert conference is not None
    na_pan = Village.objects.get(agency=commune, name="Thôn Nà Pàn")
    batch = intake.start_batch(actor=clerk, agency=commune, name="Phiếu lấy ý kiến thôn Nà Pàn",
                               channel=Channel.SURVEY_FORM, received_on=timezone.localdate(),
                               village=na_pan,
                               conference=conference, brought_by="Lương Văn Khiêm")
    login(page, "vanphong", DEMO_PASSWORD)
    axe = Axe()
    for viewport, name in ((PHONE, "phone"), (PC, "pc")):
        page.set_viewport_size(viewport)
        page.goto(f"/y-kien/nhap/dot/{batch.pk}/")
        _axe_clean(page, axe, f"batch {name}")
        agency_dt = page.locator(".batch-facts dt", has_text="Cơ quan")
        agency_dd = page.locator(".batch-facts dd", has_text=commune.name)
        t, d = agency_dt.bounding_box(), agency_dd.bounding_box()
        if viewport is PHONE:  # label over value, the value as wide as the page allows
            assert d["y"] >= t["y"] + t["height"] - 1 and abs(d["x"] - t["x"]) < 2
            assert d["width"] > 300
            assert d["height"] < 2 * t["height"] + 4  # the agency's name on one or two lines
        else:  # label beside value
            assert abs(d["y"] - t["y"]) < 2 and d["x"] > t["x"] + t["width"]
        shot(page, f"intake-batch-details-{name}")

    link = page.get_by_role("link", name=conference.title)
    assert link.get_attribute("href") == f"/doi-thoai/hoi-nghi/{conference.pk}/"
    opinions = page.get_by_role("link", name="Ý kiến của Thôn Nà Pàn gửi hội nghị")
    assert (opinions.get_attribute("href")
            == f"/doi-thoai/hoi-nghi/{conference.pk}/y-kien-cac-thon/{na_pan.pk}/")
    opinions.click()
    page.wait_for_url(f"**/y-kien-cac-thon/{na_pan.pk}/")
    assert "Thôn Nà Pàn" in page.locator("h1").inner_text()
    page.go_back()
    page.get_by_role("link", name=conference.title).click()
    page.wait_for_url(f"**/doi-thoai/hoi-nghi/{conference.pk}/")
    assert conference.title in page.locator("h1").inner_text()
