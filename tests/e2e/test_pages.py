"""As a user would: sign in in a real browser, read the pages, and check every page for
accessibility (axe-core: labels, contrast, landmarks, …) on a PC and on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from doithoai.demo.data import DEMO_PASSWORD
from doithoai.org.models import Person, Unit, Village
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_clerk_signs_in_and_sees_the_home_page_in_vietnamese(page, commune, shot):
    login(page, "vanphong", DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "Việc của tôi"
    body = page.locator("main").inner_text()
    assert "Ủy ban nhân dân xã Điềm He" in body
    assert "Thôn, tổ dân phố" in body and "12" in body
    assert page.locator("html").get_attribute("lang") == "vi"
    shot(page, "home-clerk")


def test_wrong_password_then_right_password(page, commune):
    login(page, "vanphong", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.locator("main").inner_text()
    login(page, "vanphong", DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "Việc của tôi"


def _pages_for_clerk(commune):
    village = Village.objects.filter(agency=commune).first()
    unit = Unit.objects.get(agency=commune, code="kinh-te")
    person = Person.objects.filter(agency=commune, unit=unit).first()
    return [
        "/", f"/to-chuc/co-quan/{commune.pk}/", f"/to-chuc/don-vi/{unit.pk}/",
        f"/to-chuc/thon/{village.pk}/", f"/to-chuc/thon/{village.pk}/sua/",
        f"/to-chuc/ca-nhan/{person.pk}/sua/", f"/lich-su/org.village/{village.pk}/",
        "/lich-lam-viec/?nam=2026", "/doi-mat-khau/",
    ]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800},
                                      {"width": 375, "height": 740}], ids=["pc", "phone"])
def test_every_page_passes_axe(page, commune, viewport, shot):
    page.set_viewport_size(viewport)
    axe = Axe()
    page.goto("/dang-nhap/")
    pages = ["/dang-nhap/"]
    results = {"/dang-nhap/": axe.run(page)}
    login(page, "vanphong", DEMO_PASSWORD)
    for path in _pages_for_clerk(commune):
        response = page.goto(path)
        assert response.status == 200, path
        results[path] = axe.run(page)
        pages.append(path)
        # No sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
    failures = {p: r.generate_report() for p, r in results.items() if r.violations_count}
    assert not failures, "\n".join(f"{p}:\n{report}" for p, report in failures.items())
    if viewport["width"] < 500:
        page.goto("/")
        shot(page, "home-clerk-phone")


@pytest.mark.parametrize("username,expected", [
    ("kinhte", "Phòng Kinh tế"),
    ("truongthon", "Thôn Nà Pàn"),
    ("tinh", "Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("giamsat", "Ủy ban nhân dân xã Điềm He"),
])
def test_each_role_sees_its_own_home(page, commune, username, expected, shot):
    login(page, username, DEMO_PASSWORD)
    assert expected in page.locator("main").inner_text()
    shot(page, f"home-{username}")


def test_administrator_confirms_next_year_from_the_home_notice(page, commune, frozen_today, shot):
    # 23/11/2026: after 1 November, 2027 not confirmed yet.
    axe = Axe()
    login(page, "quantri", DEMO_PASSWORD)
    notice = page.locator(".calendar-years-notice")
    assert "Chưa xác nhận ngày nghỉ, làm bù năm 2027" in notice.inner_text()
    home_result = axe.run(page)
    shot(page, "home-admin-calendar-notice")
    notice.get_by_role("link", name="Xem và xác nhận lịch năm 2027").click()
    page.wait_for_load_state()
    assert "Năm 2027 chưa được quản trị hệ thống xác nhận" in page.locator("main").inner_text()
    calendar_result = axe.run(page)  # the confirm form is open for the year on display
    shot(page, "calendar-admin-2027")
    page.locator("#can-cu-2027").fill("Thông báo của Bộ Nội vụ về lịch nghỉ lễ, Tết năm 2027")
    page.locator("#ly-do-nam-2027").fill("Đã nhập các ngày hoán đổi")
    page.get_by_role("button", name="Xác nhận năm 2027").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Đã xác nhận ngày nghỉ, làm bù năm 2027." in main
    assert "Đã xác nhận ngày nghỉ, làm bù (ngày 23/11/2026, bởi" in main
    page.goto("/")
    # (A transactional test starts from an emptied database: 2026's shipped confirmation may
    # be gone, so only the 2027 notice is checked.)
    assert "làm bù năm 2027" not in page.locator("main").inner_text()
    failures = {name: r.generate_report() for name, r in
                (("home", home_result), ("calendar", calendar_result)) if r.violations_count}
    assert not failures, "\n".join(f"{p}:\n{report}" for p, report in failures.items())
