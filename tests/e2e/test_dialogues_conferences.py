"""As the office clerk would: schedule a conference under the plan, read its timeline, confirm
a step with its proof, move the date past the point where a deadline can still be met (the
page warns before saving), then record a past conference's outcome, issue its conclusion and
close it. Every conference page passes axe on a PC and on a phone."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone

from doithoai.dialogues import services
from doithoai.dialogues.models import Conference, Milestone, PreparedAnswer
from doithoai.org.demo.data import DEMO_PASSWORD
from doithoai.org.models import Agency, Person, Unit, User
from doithoai.petitions import services as petitions
from doithoai.workdays.calendar import get_calendar
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PC = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def demo(transactional_db):
    call_command("demo_data", "--no-petitions")
    return Agency.objects.get(code="ubnd-xa-diem-he")


def _axe_clean(page, axe, where: str) -> None:
    result = axe.run(page)
    assert not result.violations_count, f"{where}:\n{result.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), where


def _workday(n: int) -> dt.date:
    calendar, today = get_calendar(), timezone.localdate()
    return calendar.add_workdays(today, n) if n >= 0 else calendar.subtract_workdays(today, -n)


def test_clerk_schedules_follows_and_closes_conferences(page, demo, shot):
    clerk = User.objects.get(username="vanphong")
    plan = services.create_plan(actor=clerk, agency=demo, year=2026)
    held = _workday(-10)
    past = services.schedule_conference(
        actor=clerk, plan=plan, today=held,
        data={"held_on": held, "title": "Hội nghị đối thoại kỳ trước", "hall_capacity": 400})
    chair = Person.objects.get(agency=demo, full_name="Lý Thị Dương")
    page.set_viewport_size(PC)
    login(page, "vanphong", DEMO_PASSWORD)

    # Schedule.
    page.goto(f"/doi-thoai/ke-hoach/{plan.pk}/hoi-nghi-moi/")
    assert "xã Điềm He năm 2026" in page.get_by_label("Tên hội nghị").input_value()
    page.get_by_label("Ngày tổ chức").fill(_workday(20).isoformat())
    page.get_by_label("Giờ bắt đầu").fill("07:30")
    page.get_by_label("Sức chứa hội trường (người)").fill("400")
    page.locator("#id_chair").select_option(str(chair.pk))
    shot(page, "conference-new")
    page.get_by_role("button", name="Tạo hội nghị").click()
    page.wait_for_url("**/doi-thoai/hoi-nghi/*/")
    conference = Conference.objects.exclude(pk=past.pk).get(plan=plan)
    main = page.locator("main")
    assert "Đã tạo hội nghị" in main.inner_text() and "Lý Thị Dương" in main.inner_text()
    shot(page, "conference-detail")

    # The timeline; confirm the public announcement with its proof.
    page.get_by_role("link", name="Xem toàn bộ mốc thời gian").click()
    page.wait_for_url("**/moc-thoi-gian/")
    announcement = conference.milestones.get(kind=Milestone.Kind.ANNOUNCEMENT)
    item = page.locator(f"#m-{announcement.pk}")
    assert "Điều 43" in item.inner_text() and "Chưa đến hạn" in item.inner_text()
    item.locator("summary").first.click()
    item.get_by_role("button", name="Xác nhận hoàn thành").click()  # no proof: refused
    assert item.get_by_label("Minh chứng").evaluate("e => e.validity.valueMissing")
    item.get_by_label("Minh chứng").fill("Niêm yết tại trụ sở UBND và nhà văn hóa 12 thôn")
    item.get_by_role("button", name="Xác nhận hoàn thành").click()
    page.wait_for_load_state("networkidle")
    item = page.locator(f"#m-{announcement.pk}")
    assert "Đã hoàn thành" in item.inner_text() and "Niêm yết tại trụ sở" in item.inner_text()
    shot(page, "conference-timeline")

    # Move the date too close: the page says what can no longer be met, then saves.
    page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/sua/")
    soon = _workday(4)
    page.get_by_label("Ngày tổ chức").fill(soon.isoformat())
    page.get_by_role("button", name="Lưu thay đổi").click()
    impact = page.locator("#impact")
    assert "không còn kịp" in impact.inner_text()
    assert "Gửi giấy mời chậm nhất" in impact.inner_text()
    conference.refresh_from_db()
    assert conference.held_on == _workday(20)
    shot(page, "conference-edit-impact")
    page.get_by_label("Tôi đã xem cảnh báo và vẫn giữ thay đổi này").check()
    page.get_by_role("button", name="Lưu thay đổi").click()
    page.wait_for_url(f"**/doi-thoai/hoi-nghi/{conference.pk}/")
    conference.refresh_from_db()
    assert conference.held_on == soon
    assert "quá hạn" in page.locator("main").inner_text()

    # The past conference: outcome, conclusion, close.
    page.goto(f"/doi-thoai/hoi-nghi/{past.pk}/")
    page.locator("#action-outcome summary").click()
    page.get_by_label("Tóm tắt kết quả hội nghị").fill(
        "Hội nghị đã đối thoại 18 ý kiến; Chủ tịch UBND xã trả lời trực tiếp 15 ý kiến.")
    page.get_by_label("Số người dự").fill("142")
    page.locator("#action-outcome form").get_by_role("button").click()
    page.wait_for_load_state("networkidle")
    assert "Đã tổ chức" in page.locator(".status-line").inner_text()
    page.locator("#action-conclusion summary").click()
    page.get_by_label("Số thông báo kết luận").fill("45/TB-UBND")
    page.get_by_label("Nội dung kết luận").fill("Giao Phòng Kinh tế khảo sát tuyến đường.")
    page.locator("#action-conclusion form").get_by_role("button").click()
    page.wait_for_load_state("networkidle")
    assert "Đã thông báo kết luận" in page.locator(".status-line").inner_text()
    shot(page, "conference-concluded")
    page.get_by_role("button", name="Hoàn thành hội nghị").click()
    page.wait_for_load_state("networkidle")
    past.refresh_from_db()
    assert past.state == Conference.State.CLOSED
    assert "Đã trả lời xong" in page.locator(".status-line").inner_text()
    shot(page, "conference-closed")

    # Every page, on a PC and on a phone.
    axe = Axe()
    paths = [f"/doi-thoai/ke-hoach/{plan.pk}/hoi-nghi-moi/"] + [
        f"/doi-thoai/hoi-nghi/{conference.pk}/{suffix}" for suffix in (
            "", "sua/", "chuong-trinh/", "moc-thoi-gian/", "ket-qua-hoi-nghi-truoc/",
            "tai-lieu-chu-tri/")] + [f"/doi-thoai/hoi-nghi/{past.pk}/"]
    for viewport, name in ((PC, "pc"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        for path in paths:
            assert page.goto(path).status == 200, path
            _axe_clean(page, axe, f"{path} {name}")
        shot(page, f"conference-closed-{name}")
    page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/moc-thoi-gian/")
    shot(page, "conference-timeline-phone")
    page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/chuong-trinh/")
    shot(page, "conference-agenda-phone")
    # The chair's one page, with opinions and a unit's prepared answer.
    petitions.ensure_default_fields(demo)
    field = demo.fields.order_by("order").first()
    for text, urgency in (("Đường thôn Khòn Pát sạt lở sau mưa lũ, đề nghị khắc phục.",
                           "urgent"),
                          ("Đề nghị hỗ trợ giống ngô vụ đông xuân.", "normal")):
        p = petitions.receive(petitions.Intake(
            agency=demo, text=text, channel="survey_form", received_on=timezone.localdate(),
            conference_id=conference.pk), actor=clerk)
        petitions.classify(actor=clerk, petition=p, kind="opinion", field=field,
                           urgency=urgency)
    police = Unit.objects.get(agency=demo, kind=Unit.Kind.POLICE)
    PreparedAnswer.objects.create(
        conference=conference, petition=p, unit=police, submitted_by=clerk,
        text="Công an xã phối hợp Phòng Kinh tế cắm biển cảnh báo, phân luồng.")
    page.set_viewport_size(PC)
    page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/tai-lieu-chu-tri/")
    assert "Công an xã phối hợp" in page.locator("main").inner_text()
    _axe_clean(page, axe, "briefing with content")
    shot(page, "conference-briefing")
