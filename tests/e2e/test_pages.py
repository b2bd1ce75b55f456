"""As a user would: sign in in a real browser, read the pages, and check every page for
accessibility (axe-core: labels, contrast, landmarks, …) on a PC and on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from doithoai.org.demo.data import DEMO_PASSWORD
from doithoai.org.models import Agency, Person, Unit, Village
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("demo_data", "--no-petitions")  # org pages only: faster
    return Agency.objects.get(code="ubnd-xa-diem-he")


def test_clerk_signs_in_and_sees_the_home_page_in_vietnamese(page, demo, shot):
    login(page, "vanphong", DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "Việc của tôi"
    body = page.locator("main").inner_text()
    assert "Ủy ban nhân dân xã Điềm He" in body
    assert "Thôn, tổ dân phố" in body and "12" in body
    assert page.locator("html").get_attribute("lang") == "vi"
    shot(page, "home-clerk")


def test_wrong_password_then_right_password(page, demo):
    login(page, "vanphong", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.locator("main").inner_text()
    login(page, "vanphong", DEMO_PASSWORD)
    assert page.locator("h1").inner_text() == "Việc của tôi"


def _pages_for_clerk(demo):
    village = Village.objects.filter(agency=demo).first()
    unit = Unit.objects.get(agency=demo, code="kinh-te")
    person = Person.objects.filter(agency=demo, unit=unit).first()
    return [
        "/", f"/to-chuc/co-quan/{demo.pk}/", f"/to-chuc/don-vi/{unit.pk}/",
        f"/to-chuc/thon/{village.pk}/", f"/to-chuc/thon/{village.pk}/sua/",
        f"/to-chuc/ca-nhan/{person.pk}/sua/", f"/lich-su/org.village/{village.pk}/",
        "/lich-lam-viec/?nam=2026", "/doi-mat-khau/",
    ]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800},
                                      {"width": 375, "height": 740}], ids=["pc", "phone"])
def test_every_page_passes_axe(page, demo, viewport, shot):
    page.set_viewport_size(viewport)
    axe = Axe()
    page.goto("/dang-nhap/")
    pages = ["/dang-nhap/"]
    results = {"/dang-nhap/": axe.run(page)}
    login(page, "vanphong", DEMO_PASSWORD)
    for path in _pages_for_clerk(demo):
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
def test_each_role_sees_its_own_home(page, demo, username, expected, shot):
    login(page, username, DEMO_PASSWORD)
    assert expected in page.locator("main").inner_text()
    shot(page, f"home-{username}")
