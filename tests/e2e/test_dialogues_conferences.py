"""As the office clerk would: schedule a conference under the plan, read its timeline, confirm
a step with its proof, move the date past the point where a deadline can still be met (the
page warns before saving), then record a past conference's outcome, issue its conclusion and
close it. Every conference page passes axe on a PC and on a phone."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.actions import conferences, plans
from doithoai.dialogues.models import Conference, Milestone, PreparedAnswer
from doithoai.org.models import Person, Unit, User
from doithoai.petitions.actions import answers, assignments, intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.workdays.calendar import get_calendar
from tests.e2e.conftest import login, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("frozen_today")]  # the dialogue tests' day

PC = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def _axe_clean(page, axe, where: str) -> None:
    result = axe.run(page)
    assert not result.violations_count, f"{where}:\n{result.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), where


def _workday(n: int) -> dt.date:
    calendar, today = get_calendar(), timezone.localdate()
    return calendar.add_workdays(today, n) if n >= 0 else calendar.subtract_workdays(today, -n)


def _confirm_reads_as_one_line(page) -> None:
    box = page.get_by_label("Tôi đã xem cảnh báo và vẫn giữ thay đổi này")
    label = page.locator('label[for="id_confirmed"]')
    error = page.locator("#id_confirmed_error")
    assert label.inner_text().strip() == "Tôi đã xem cảnh báo và vẫn giữ thay đổi này"
    b, t, e = box.bounding_box(), label.bounding_box(), error.bounding_box()
    assert t["x"] > b["x"] + b["width"] - 1  # the label follows the box
    assert t["y"] < b["y"] + b["height"] and b["y"] < t["y"] + t["height"]  # same line
    assert e["y"] + e["height"] <= b["y"] + 1  # the error above


def test_clerk_schedules_follows_and_closes_conferences(page, commune, shot):
    clerk = User.objects.get(username="vanphong")
    plan = plans.create_plan(actor=clerk, agency=commune, year=2026)
    held = _workday(-10)
    past = conferences.schedule_conference(
        actor=clerk, plan=plan, today=held,
        data={"held_on": held, "title": "Hội nghị đối thoại kỳ trước", "hall_capacity": 400})
    chair = Person.objects.get(agency=commune, full_name="Lý Thị Dương")
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
    settle(page)
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
    # Each step by its title; the announcement already made is now late (the law's 7 days).
    text = impact.inner_text()
    assert "Gửi giấy mời (" in text
    assert "việc đã làm sẽ thành trễ hạn với ngày mới" in text
    late = impact.locator("li", has_text="Thông báo công khai")
    assert "(theo luật)" in late.inner_text() and "đã làm ngày" in late.inner_text()
    conference.refresh_from_db()
    assert conference.held_on == _workday(20)
    shot(page, "conference-edit-impact")
    # The box and its label read as one line, the error above them: on a PC and a phone.
    axe = Axe()
    for viewport, name in ((PHONE, "phone"), (PC, "pc")):
        page.set_viewport_size(viewport)
        _confirm_reads_as_one_line(page)
        _axe_clean(page, axe, f"edit with impact {name}")
    page.set_viewport_size(PHONE)
    shot(page, "conference-edit-impact-phone")
    shot(page.locator("#impact"), "conference-edit-impact-phone-warning")
    page.locator(".confirm").scroll_into_view_if_needed()
    shot(page, "conference-edit-impact-phone-view", full_page=False)
    page.set_viewport_size(PC)
    page.get_by_label("Tôi đã xem cảnh báo và vẫn giữ thay đổi này").check()
    page.get_by_role("button", name="Lưu thay đổi").click()
    page.wait_for_url(f"**/doi-thoai/hoi-nghi/{conference.pk}/")
    conference.refresh_from_db()
    assert conference.held_on == soon
    assert "quá hạn" in page.locator("main").inner_text()

    # The past conference: outcome, conclusion, close.
    ensure_default_fields(commune)
    left = intake.receive(intake.Intake(
        agency=commune, text="Đề nghị sửa cống thoát nước thôn Nà Pàn.", channel="survey_form",
        received_on=held, conference=past), actor=clerk)
    page.goto(f"/doi-thoai/hoi-nghi/{past.pk}/")
    page.locator("#action-outcome summary").click()
    page.get_by_label("Tóm tắt kết quả hội nghị").fill(
        "Hội nghị đã đối thoại 18 ý kiến; Chủ tịch UBND xã trả lời trực tiếp 15 ý kiến.")
    page.get_by_label("Số người dự").fill("142")
    page.locator("#action-outcome form").get_by_role("button").click()
    settle(page)
    assert "Đã tổ chức" in page.locator(".status-line").inner_text()
    page.locator("#action-conclusion summary").click()
    page.get_by_label("Nội dung kết luận").fill(
        "Giao Phòng Kinh tế khảo sát tuyến đường, trả lời ông Hoàng Văn Pản.")
    # Before issuing, the public copy: the name as initials, nothing written yet.
    page.get_by_role("button", name="Xem bản công khai").click()
    settle(page)
    preview = page.locator("#conclusion-public-copy")
    assert "trả lời ông H. V. P." in preview.inner_text()
    assert "Hoàng Văn Pản → H. V. P" in preview.inner_text()
    assert "Đã tổ chức" in page.locator(".status-line").inner_text()
    # Issued like every document: once signed (the same confirmation as the documents' panel).
    page.locator("#action-conclusion").get_by_label(
        "Văn bản đã được người có thẩm quyền ký", exact=False).check()
    shot(page.locator("#action-conclusion"), "conference-conclusion-form")
    page.get_by_role("button", name="Ban hành thông báo kết luận").click()
    settle(page)
    assert "Đã thông báo kết luận" in page.locator(".status-line").inner_text()
    shot(page, "conference-concluded")
    # One opinion is still open: the refusal says so once, with the way to the open ones.
    page.get_by_role("button", name="Hoàn thành hội nghị").click()
    settle(page)
    sentence = "Còn 1 ý kiến chưa được trả lời hoặc chuyển cấp trên."
    assert page.locator("main").inner_text().count(sentence) == 1
    assert sentence in page.get_by_role("alert").inner_text()
    assert page.get_by_role("link", name="Xem các ý kiến còn mở").is_visible()
    for viewport, name in ((PC, "pc"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        _axe_clean(page, axe, f"close refused {name}")
        shot(page, f"conference-close-refused-{name}")
        page.locator(".action-close").scroll_into_view_if_needed()
        shot(page, f"conference-close-refused-{name}-view", full_page=False)
    page.set_viewport_size(PC)
    assignments.classify(actor=clerk, petition=left, kind="opinion",
                         field=commune.fields.order_by("order").first(), urgency="normal")
    left.refresh_from_db()
    answers.answer_at_conference(actor=clerk, petition=left, text="Đã trả lời tại hội nghị.",
                                 answered_by="Chủ tịch UBND")
    page.get_by_role("button", name="Hoàn thành hội nghị").click()
    settle(page)
    past.refresh_from_db()
    assert past.state == Conference.State.CLOSED
    assert "Đã trả lời xong" in page.locator(".status-line").inner_text()
    shot(page, "conference-closed")

    # Every page, on a PC and on a phone.
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
    ensure_default_fields(commune)
    field = commune.fields.order_by("order").first()
    for text, urgency in (("Đường thôn Khòn Pát sạt lở sau mưa lũ, đề nghị khắc phục.",
                           "urgent"),
                          ("Đề nghị hỗ trợ giống ngô vụ đông xuân.", "normal")):
        p = intake.receive(intake.Intake(
            agency=commune, text=text, channel="survey_form", received_on=timezone.localdate(),
            conference=conference), actor=clerk)
        assignments.classify(actor=clerk, petition=p, kind="opinion", field=field,
                             urgency=urgency)
    police = Unit.objects.get(agency=commune, kind=Unit.Kind.POLICE)
    PreparedAnswer.objects.create(
        conference=conference, petition=p, unit=police, submitted_by=clerk,
        text="Công an xã phối hợp Phòng Kinh tế cắm biển cảnh báo, phân luồng.")
    page.set_viewport_size(PC)
    page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/tai-lieu-chu-tri/")
    assert "Công an xã phối hợp" in page.locator("main").inner_text()
    _axe_clean(page, axe, "briefing with content")
    shot(page, "conference-briefing")


def test_undated_conference_printed_briefing_and_read_only_view(page, commune, shot):
    """A conference "thông báo sau" says once when its milestones come; the printed briefing
    has no dangling dash; a supervisor reads the facts without a save button or tabs that
    would refuse him."""
    clerk = User.objects.get(username="vanphong")
    plan = plans.create_plan(actor=clerk, agency=commune, year=2026)
    axe = Axe()
    page.set_viewport_size(PC)
    login(page, "vanphong", DEMO_PASSWORD)
    page.goto(f"/doi-thoai/ke-hoach/{plan.pk}/hoi-nghi-moi/")
    page.get_by_label("Ngày tổ chức").fill("")
    page.get_by_label("Sức chứa hội trường (người)").fill("400")
    page.get_by_role("button", name="Tạo hội nghị").click()
    page.wait_for_url("**/doi-thoai/hoi-nghi/*/")
    main = page.locator("main").inner_text()
    assert "thời gian thông báo sau" in main and "đã được tính theo ngày" not in main
    assert main.count("Các mốc sẽ được tính khi ấn định ngày tổ chức.") == 1
    undated = Conference.objects.get(plan=plan)
    for viewport, name in ((PC, "pc"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        page.goto(f"/doi-thoai/hoi-nghi/{undated.pk}/")
        _axe_clean(page, axe, f"undated {name}")
        shot(page, f"conference-undated-{name}")
        page.goto(f"/doi-thoai/hoi-nghi/{undated.pk}/moc-thoi-gian/")
        timeline = page.locator("main").inner_text()
        assert "Chưa có hạn" not in timeline
        assert timeline.count("Các mốc sẽ được tính khi ấn định ngày tổ chức.") == 1
        _axe_clean(page, axe, f"undated timeline {name}")
        shot(page, f"conference-undated-timeline-{name}")

    # The briefing, printed: no value left hanging after a dash; urgency labelled exactly.
    conference = conferences.schedule_conference(
        actor=clerk, plan=plan, data={"held_on": _workday(20), "hall_capacity": 400})
    ensure_default_fields(commune)
    field = commune.fields.order_by("order").first()
    for text, urgency in (("Cầu treo thôn Nà Pàn hỏng nặng.", "urgent"),
                          ("Mương thủy lợi bị tắc.", "pressing"),
                          ("Đề nghị mở lớp tập huấn.", "normal")):
        p = intake.receive(intake.Intake(
            agency=commune, text=text, channel="survey_form", received_on=timezone.localdate(),
            conference=conference), actor=clerk)
        assignments.classify(actor=clerk, petition=p, kind="opinion", field=field,
                             urgency=urgency)
    page.set_viewport_size(PC)
    page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/tai-lieu-chu-tri/")
    page.emulate_media(media="print")
    facts = page.locator(".briefing .facts").inner_text()
    assert not any(line.rstrip().endswith("—") for line in facts.splitlines()), facts
    item = page.locator(".brief-fields > li").first.inner_text()
    assert "1 khẩn" in item and "1 cấp thiết" in item and "cấp thiết, khẩn" not in item
    shot(page, "conference-briefing-print")
    page.emulate_media(media="screen")

    # The supervisor (HĐND): the facts read-only, no tab that would refuse him.
    page.context.clear_cookies()
    login(page, "giamsat", DEMO_PASSWORD)
    for viewport, name in ((PC, "pc"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/")
        nav = page.locator("nav.subnav").inner_text()
        assert "Điểm danh" not in nav and "Mốc thời gian" in nav
        assert page.get_by_role("link", name="Lịch sử thay đổi").is_visible()
        assert page.get_by_role("link", name="Sửa, dời lịch").count() == 0
        shot(page, f"conference-supervisor-{name}")
        assert page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/sua/").status == 200
        main = page.locator("main")
        assert "Bạn chỉ có quyền xem" in main.inner_text()
        assert main.get_by_role("button", name="Lưu thay đổi").count() == 0
        assert page.get_by_label("Tên hội nghị").is_disabled()
        _axe_clean(page, axe, f"supervisor edit {name}")
        shot(page, f"conference-supervisor-edit-{name}")
    page.get_by_role("link", name="Lịch sử thay đổi").count()
    page.goto(f"/doi-thoai/hoi-nghi/{conference.pk}/")
    page.get_by_role("link", name="Lịch sử thay đổi").click()
    settle(page)
    assert page.url.rstrip("/").endswith(f"dialogues.conference/{conference.pk}")
