"""The provincial overseer opens the roll-up, sees both demo communes and asks the one without
a plan to make one; a citizen on a phone reads the announcement and the results. Every page
passes axe on a PC and on a phone, and no page is wider than the phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.models import PlanRequest
from doithoai.org.models import Agency, User
from tests.dialogues.oversight_fixtures import (
    conclude,
    held_conference,
    petitions_in_every_state,
)
from tests.e2e.conftest import login, settle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("frozen_today")]  # the dialogue tests' day

PC = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def world(transactional_db, load_organisation):
    load_organisation()
    commune = Agency.objects.get(code="ubnd-xa-diem-he")
    clerk = User.objects.get(username="vanphong")
    leader = User.objects.get(username="chutich")
    plan, conference = held_conference(commune, clerk, leader)
    petitions_in_every_state(commune, conference, clerk, leader)
    conference = conclude(conference, clerk)
    return {"commune": commune, "conference": conference, "plan": plan}


def _axe_clean(page, where: str) -> None:
    result = Axe().run(page)
    assert not result.violations_count, f"{where}:\n{result.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), where


def test_overseer_sees_the_communes_and_asks_for_a_plan(page, world, shot):
    page.set_viewport_size(PC)
    login(page, "tinh", DEMO_PASSWORD)
    page.goto("/doi-thoai/tinh/?nam=2026")
    table = page.locator("table.rollup-table")
    assert "Ủy ban nhân dân xã Điềm He" in table.inner_text()
    assert "Ủy ban nhân dân xã Văn Quan" in table.inner_text()
    assert "12/06/2026" in table.inner_text()
    _axe_clean(page, "roll-up 1280px")
    shot(page, "dialogues-rollup-pc")
    page.set_viewport_size(PHONE)
    _axe_clean(page, "roll-up 375px")
    shot(page, "dialogues-rollup-phone")

    page.set_viewport_size(PC)
    request = page.locator("section.plan-request")
    checkbox = request.get_by_label("Ủy ban nhân dân xã Văn Quan")
    assert checkbox.is_checked()
    assert "năm 2026" in request.get_by_label("Nội dung đề nghị").input_value()
    request.get_by_role("button", name="Gửi đề nghị").click()
    settle(page)
    assert "Đã gửi đề nghị xây dựng kế hoạch năm 2026 đến 1 xã." in page.locator(
        ".messages").inner_text()
    assert PlanRequest.objects.get().agency.code == "ubnd-xa-van-quan"
    shot(page, "dialogues-rollup-requested")

    page.get_by_role("link", name="Ủy ban nhân dân xã Điềm He").click()
    settle(page)
    assert "Số liệu đối thoại năm 2026" in page.locator("h1").inner_text()
    _axe_clean(page, "yearly figures 1280px")
    shot(page, "dialogues-yearly-figures")


def test_citizen_reads_announcement_and_results_on_a_phone(page, world, shot):
    page.set_viewport_size(PHONE)
    conference = world["conference"]
    page.goto(f"/cong-khai/?xa={world['commune'].code}")
    _axe_clean(page, "public index 375px")
    page.get_by_role("link", name=conference.title).click()
    settle(page)
    assert "12/06/2026" in page.locator("article").inner_text()
    qr = page.get_by_role("img", name="Mã QR mở trang gửi ý kiến")
    assert qr.is_visible()
    _axe_clean(page, "announcement 375px")
    shot(page, "dialogues-announcement-phone")
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()
    shot(page, "dialogues-announcement-print")
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Kết luận và kết quả giải quyết").click()
    settle(page)
    text = page.locator("article").inner_text()
    assert "45/TB-UBND" in text and "Hoàng Văn Bí Mật" not in text
    _axe_clean(page, "results 375px")
    shot(page, "dialogues-results-phone")
    page.set_viewport_size(PC)
    _axe_clean(page, "results 1280px")
    page.goto(f"/cong-khai/hoi-nghi/{conference.pk}/")
    _axe_clean(page, "announcement 1280px")
    shot(page, "dialogues-announcement-pc")
    page.goto(f"/cong-khai/ke-hoach/{world['plan'].pk}/")
    _axe_clean(page, "plan 1280px")
    page.set_viewport_size(PHONE)
    _axe_clean(page, "plan 375px")
    shot(page, "dialogues-plan-phone")
