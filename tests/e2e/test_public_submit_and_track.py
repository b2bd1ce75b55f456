"""A citizen on a phone: sends an opinion without an account, keeps the code, prints the
receipt, and later types the code (in lowercase) to see where the opinion stands. Every page
passes axe-core and fits a 375-pixel screen."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from doithoai.petitions.actions import answers, assignments
from doithoai.petitions.actions import intake as petition_intake
from doithoai.petitions.actions.fields import ensure_default_fields
from doithoai.petitions.models import Petition
from tests.e2e.conftest import ARTIFACTS, SCREENSHOTS
from tests.factories import AgencyFactory, VillageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def communes(transactional_db):
    commune = AgencyFactory(code="ubnd-xa-na-pan", name="Ủy ban nhân dân xã Nà Pàn")
    ensure_default_fields(commune)
    for name in ("Thôn Bản Chu", "Thôn Nà Pàn", "Tổ dân phố 3"):
        VillageFactory(agency=commune, name=name)
    other = AgencyFactory(code="ubnd-xa-khac", name="Ủy ban nhân dân xã Khác")
    VillageFactory(agency=other, name="Thôn Xa")
    return commune


def _clean(page, axe, where):
    result = axe.run(page)
    assert not result.violations_count, f"{where}:\n{result.generate_report()}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), where


def test_citizen_submits_on_a_phone_then_tracks_with_the_code(page, communes, shot):
    page.set_viewport_size(PHONE)
    axe = Axe()

    # Two communes: the citizen chooses one first.
    page.goto("/gui-y-kien/")
    _clean(page, axe, "choose commune")
    shot(page, "public-choose-commune-phone")
    page.get_by_label("Bạn muốn gửi ý kiến đến xã, phường nào?").select_option(
        label="Ủy ban nhân dân xã Nà Pàn")
    page.get_by_role("button", name="Tiếp tục").click()
    assert "đến Ủy ban nhân dân xã Nà Pàn" in page.locator("h1").inner_text()
    _clean(page, axe, "form")
    shot(page, "public-form-phone")

    page.get_by_label("Bạn ở thôn, tổ dân phố nào?").select_option(label="Thôn Bản Chu")
    page.get_by_label("Ý kiến của bạn về việc gì?").select_option(label="Giao thông")
    page.get_by_label("Ý kiến, kiến nghị của bạn").fill(
        "Đường liên thôn Bản Chu xuống cấp, nhiều ổ gà, đề nghị xã sửa chữa trước mùa mưa.")
    page.get_by_label("Họ và tên").fill("Hoàng Văn An")
    page.get_by_label("Số điện thoại").fill("0912 34 56")  # one digit short
    page.get_by_role("button", name="Gửi ý kiến").click()
    assert "Số điện thoại không đúng" in page.locator("main").inner_text()
    assert Petition.objects.count() == 0
    _clean(page, axe, "form with errors")
    shot(page, "public-form-errors-phone")

    page.get_by_label("Số điện thoại").fill("0912 345 678")
    consent = page.get_by_label("Đồng ý công khai tên của tôi (viết tắt) trên trang tra cứu")
    assert not consent.is_checked()  # asked, never assumed
    consent.check()
    page.get_by_role("button", name="Gửi ý kiến").click()
    page.wait_for_url("**/gui-y-kien/da-gui/**")
    petition = Petition.objects.get()
    code = page.locator(".code-box .code").inner_text().strip()
    assert code == petition.tracking_code
    body = page.locator("main").inner_text()
    assert "Mã tra cứu của bạn" in body and petition.due_date.strftime("%d/%m/%Y") in body
    assert page.get_by_role("button", name="In giấy biên nhận").is_visible()
    _clean(page, axe, "receipt")
    shot(page, "public-receipt-phone")
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    assert not page.get_by_role("button", name="In giấy biên nhận").is_visible()
    assert page.get_by_text("GIẤY BIÊN NHẬN Ý KIẾN, KIẾN NGHỊ").is_visible()
    page.set_viewport_size({"width": 560, "height": 794})  # about A5 at 96 dpi
    shot(page, "public-receipt-print")
    for paper in ("A5", "A4"):  # the printed receipt fits on one sheet
        pdf = page.pdf(format=paper, print_background=True)
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1, paper
        if SCREENSHOTS:  # kept for a person to look at, when asked
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / f"public-receipt-{paper}.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")
    page.set_viewport_size(PHONE)

    # Later: the citizen types the code in lowercase.
    page.goto("/tra-cuu/")
    _clean(page, axe, "track form")
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**/tra-cuu/{code}/")
    assert "Đã tiếp nhận" in page.locator(".state").inner_text()
    body = page.locator("main").inner_text()
    assert "Hoàng V. A." in body and "09xx xxx 678" in body
    assert "Hoàng Văn An" not in body and "0912345678" not in body
    _clean(page, axe, "tracking page")
    shot(page, "public-tracking-phone")

    page.goto("/tra-cuu/?ma=abcd-efgh")
    assert "Không tìm thấy ý kiến nào có mã ABCD-EFGH" in page.locator("main").inner_text()
    _clean(page, axe, "unknown code")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, PHONE],
                         ids=["pc", "phone"])
def test_answered_and_denunciation_pages_pass_axe(page, communes, viewport, shot):
    import datetime as dt

    from doithoai.org.models import Role
    from tests.factories import UnitFactory, user_with_role

    unit = UnitFactory(agency=communes, name="Phòng Kinh tế")
    clerk = user_with_role(Role.CLERK, agency=communes)
    leader = user_with_role(Role.LEADER, agency=communes)
    officer = user_with_role(Role.UNIT_OFFICER, agency=communes, unit=unit)
    village = communes.villages.first()

    def intake(text, kind="opinion", people=()):
        return petition_intake.receive(petition_intake.Intake(
            agency=communes, text=text, channel="survey_form", kind=kind,
            received_on=dt.date(2026, 10, 5), village_id=village.pk,
            field=communes.fields.get(code="giao-thong"), petitioners=list(people)),
            actor=clerk)

    answered = intake("Đề nghị sửa cầu tràn qua suối Nà Pàn, mùa mưa nước ngập không đi được.",
                      people=[petition_intake.PetitionerData(full_name="Lý Thị Bình",
                                                             phone="0386 123 456",
                                                             name_public=True),
                              petition_intake.PetitionerData(full_name="Nông Văn Cường")])
    answered = assignments.classify(actor=clerk, petition=answered, kind="opinion",
                                    field=answered.field, urgency="pressing")
    answered = assignments.assign(actor=clerk, petition=answered, unit=unit)
    answers.draft_answer(actor=officer, petition=answered, document_number="125/UBND-KT",
                         document_date=dt.date(2026, 11, 20),
                         text="Ủy ban nhân dân xã đã đưa cầu tràn Nà Pàn vào kế hoạch đầu tư "
                              "năm 2027; trong mùa mưa, xã bố trí người trực và biển cảnh báo.")
    answered.refresh_from_db()
    answered = answers.approve_answer(actor=leader, petition=answered)
    answers.publish_answer(actor=clerk, petition=answered)
    secret = intake("Tố cáo cán bộ Nguyễn Văn Xấu nhận tiền khi làm sổ đỏ.", kind="denunciation",
                    people=[petition_intake.PetitionerData(full_name="Người Tố Cáo")])

    page.set_viewport_size(viewport)
    axe = Axe()
    page.goto(f"/tra-cuu/{answered.tracking_code}/")
    body = page.locator("main").inner_text()
    assert "Ủy ban nhân dân xã đã đưa cầu tràn Nà Pàn vào kế hoạch" in body
    assert "Lý T. B." in body and "1 người khác" in body and "Nông" not in body
    _clean(page, axe, "answered")
    shot(page, f"public-tracking-answered-{'phone' if viewport is PHONE else 'pc'}")
    page.goto(f"/tra-cuu/{secret.tracking_code}/")
    body = page.locator("main").inner_text()
    assert "Luật Tố cáo" in body and "Xấu" not in body and "Người Tố Cáo" not in body
    _clean(page, axe, "denunciation")
    shot(page, f"public-tracking-denunciation-{'phone' if viewport is PHONE else 'pc'}")
