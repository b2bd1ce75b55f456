"""As the commune office clerk would: make the year's plan, edit a section, try to issue it
without a signer (the page lists what is missing), choose the signer, issue it, publish it —
and every plan page passes axe on a PC and on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.dialogues.models import Plan
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("frozen_today")]  # the dialogue tests' day

PC = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def _axe_clean(page, axe, where: str) -> None:
    result = axe.run(page)
    assert not result.violations_count, f"{where}:\n{result.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), where


def test_clerk_makes_issues_and_publishes_the_plan(page, commune, shot):
    page.set_viewport_size(PC)
    login(page, "vanphong", DEMO_PASSWORD)
    page.goto("/doi-thoai/")
    assert "Chưa có kế hoạch nào" in page.locator("main").inner_text()
    shot(page, "plans-empty")
    page.locator("main").get_by_role("link", name="Lập kế hoạch").first.click()
    page.get_by_label("Năm:", exact=True).fill("2026")
    page.get_by_label("Định kỳ (ít nhất mỗi năm một lần)").check()
    shot(page, "plans-new")
    page.get_by_role("button", name="Lập dự thảo kế hoạch").click()
    page.wait_for_url("**/doi-thoai/ke-hoach/*/")
    plan = Plan.objects.get(agency=commune, year=2026)
    main = page.locator("main")
    assert "Đã lập dự thảo kế hoạch năm 2026" in main.inner_text()
    assert "Dự thảo" in main.inner_text()

    # Edit a section, and (as happens) leave the signer empty.
    page.get_by_role("link", name="Sửa kế hoạch").click()
    page.get_by_label("Địa điểm:", exact=True).fill("Nhà Văn hoá xã Điềm He")
    page.get_by_label("Người ký:", exact=True).select_option(label="— Chưa chọn —")
    shot(page, "plans-edit")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_url(f"**/doi-thoai/ke-hoach/{plan.pk}/")
    assert "Đã lưu kế hoạch." in main.inner_text()
    assert "Địa điểm: Nhà Văn hoá xã Điềm He" in main.inner_text()
    missing = page.locator("#missing")
    assert "Chưa ban hành được, còn thiếu:" in missing.inner_text()
    assert "Người ký" in missing.inner_text()

    # The documents panel lists the same gaps and offers no issue button until they are filled.
    card = page.get_by_role("article", name="Kế hoạch tổ chức hội nghị đối thoại", exact=True)
    assert "Người ký" in card.inner_text()
    assert card.get_by_role("button", name="Ban hành (cấp số và lưu bản chính thức)").count() == 0
    shot(page, "plans-issue-refused")
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT and plan.number == ""

    # Choose the signer, then issue through the register and publish.
    page.goto(f"/doi-thoai/ke-hoach/{plan.pk}/sua/")
    page.get_by_label("Người ký:", exact=True).select_option(label="Lý Thị Dương")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_url(f"**/doi-thoai/ke-hoach/{plan.pk}/")
    assert page.locator("#missing").count() == 0
    page.locator("#id_ke-hoach_ngay").fill("2026-11-20")
    card = page.get_by_role("article", name="Kế hoạch tổ chức hội nghị đối thoại", exact=True)
    card.get_by_label("Văn bản đã được người có thẩm quyền ký", exact=False).check()
    card.get_by_role("button", name="Ban hành (cấp số và lưu bản chính thức)").click()
    page.wait_for_url(f"**/doi-thoai/ke-hoach/{plan.pk}/")
    plan.refresh_from_db()
    assert plan.number.endswith("/KH-UBND")
    assert f"số {plan.number}" in main.inner_text()
    page.get_by_role("button", name="Công khai kế hoạch").click()
    page.wait_for_url(f"**/doi-thoai/ke-hoach/{plan.pk}/")
    assert "Đã công khai kế hoạch." in main.inner_text()
    plan.refresh_from_db()
    assert (plan.state, plan.number, plan.signer.full_name) == (
        Plan.State.PUBLISHED, "01/KH-UBND", "Lý Thị Dương")
    assert plan.venue == "Nhà Văn hoá xã Điềm He"
    published = plan.published_on.strftime("%d/%m/%Y")
    assert (f"ban hành ngày 20/11/2026; công khai ngày {published}"
            in " ".join(page.locator(".status-line").first.inner_text().split()))
    shot(page, "plans-detail-pc")

    # A second, draft plan so the composition and task pages show their forms.
    page.goto("/doi-thoai/ke-hoach/moi/")
    page.get_by_label("Năm:", exact=True).fill("2027")
    page.get_by_role("button", name="Lập dự thảo kế hoạch").click()
    page.wait_for_url("**/doi-thoai/ke-hoach/*/")
    draft = Plan.objects.get(agency=commune, year=2027)

    axe = Axe()
    pages = ["/doi-thoai/", "/doi-thoai/ke-hoach/moi/", f"/doi-thoai/ke-hoach/{plan.pk}/",
             f"/doi-thoai/ke-hoach/{plan.pk}/sua/", f"/doi-thoai/ke-hoach/{draft.pk}/",
             f"/doi-thoai/ke-hoach/{draft.pk}/sua/",
             f"/doi-thoai/ke-hoach/{draft.pk}/thanh-phan/",
             f"/doi-thoai/ke-hoach/{draft.pk}/nhiem-vu/"]
    for viewport in (PC, PHONE):
        page.set_viewport_size(viewport)
        for path in pages:
            assert page.goto(path).status == 200, path
            _axe_clean(page, axe, f"{path} {viewport['width']}px")
    page.goto("/doi-thoai/")
    shot(page, "plans-list-phone")
    page.goto(f"/doi-thoai/ke-hoach/{plan.pk}/")
    shot(page, "plans-detail-phone")
    shot(page, "plans-detail-top-phone", full_page=False)  # the header
    page.goto(f"/doi-thoai/ke-hoach/{draft.pk}/thanh-phan/")
    shot(page, "plans-groups-phone")
    page.set_viewport_size(PC)
    page.goto(f"/doi-thoai/ke-hoach/{draft.pk}/nhiem-vu/")
    shot(page, "plans-tasks-pc")
    page.goto("/doi-thoai/")
    shot(page, "plans-list-pc")
